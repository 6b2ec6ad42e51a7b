//! JS values read by serde: a `Deserializer` over a [`JsValue`], so that the core's own
//! `Deserialize` impls (the build spec) and the DTOs run on JS objects directly.
//!
//! It reads every object through its own keys (`Object.entries`), so `deny_unknown_fields`
//! sees a misspelt key and names it, as the core's JSON reader does; numbers are read as JSON
//! numbers are (integers as integers), and object keys that stand for integers (aggregation
//! levels) are parsed as a JSON reader parses them.

use crate::field_error::FieldError as Error;
use js_sys::{Array, Float64Array, Object};
use serde::de::value::{MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use wasm_bindgen::{JsCast, JsValue};

/// Largest integer an f64 holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Reads a `T` from a JS value; the error is serde's message, e.g. "unknown field `x`,
/// expected one of ...".
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(Value(value))
}

/// A JS value being deserialised.
struct Value(JsValue);

impl<'de> de::Deserializer<'de> for Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Kind::of(self.0) {
            Kind::Null => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(b),
            Kind::Unsigned(n) => visitor.visit_u64(n),
            Kind::Signed(n) => visitor.visit_i64(n),
            Kind::Float(x) => visitor.visit_f64(x),
            Kind::Text(text) => visitor.visit_string(text),
            Kind::Seq(items) => visitor.visit_seq(Seq(items.into_iter())),
            Kind::Map(entries) => visitor.visit_map(Map {
                entries: entries.into_iter(),
                value: None,
            }),
            Kind::Other => Err(Kind::Other.invalid(&visitor)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Kind::of(self.0) {
            Kind::Bool(b) => visitor.visit_bool(b),
            other => Err(other.invalid(&visitor)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Kind::of(self.0) {
            Kind::Unsigned(n) => visitor.visit_u64(n),
            Kind::Signed(n) => visitor.visit_i64(n),
            Kind::Float(x) => visitor.visit_f64(x),
            other => Err(other.invalid(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Kind::of(self.0) {
            Kind::Text(text) => visitor.visit_string(text),
            other => Err(other.invalid(&visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Kind::of(self.0) {
            Kind::Seq(items) => visitor.visit_seq(Seq(items.into_iter())),
            other => Err(other.invalid(&visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match Kind::of(self.0) {
            Kind::Map(entries) => visitor.visit_map(Map {
                entries: entries.into_iter(),
                value: None,
            }),
            other => Err(other.invalid(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// Unit variants are strings and variants with data one-key objects, as in JSON
    /// (`"none"`, `{"uniform": 0.25}`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match Kind::of(self.0) {
            Kind::Text(text) => visitor.visit_enum(text.into_deserializer()),
            Kind::Map(entries) if entries.len() == 1 => {
                visitor.visit_enum(MapAccessDeserializer::new(Map {
                    entries: entries.into_iter(),
                    value: None,
                }))
            }
            other => Err(other.invalid(&visitor)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple tuple_struct
    }

    // Each request dispatches only to the visits that can succeed, so that the visitors' other
    // branches are not compiled in: integers as any number, names as any text.
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }
}

/// What a JS value holds, found once outside the generic code: each `Deserialize` impl gets
/// its own copy of `deserialize_any`, so that copy only dispatches.
enum Kind {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    /// Array items (a `Float64Array`'s cells as numbers).
    Seq(Vec<JsValue>),
    /// `[key, value]` entries of an object.
    Map(Vec<JsValue>),
    Other,
}

impl Kind {
    #[inline(never)]
    fn of(value: JsValue) -> Kind {
        if value.is_null() || value.is_undefined() {
            Kind::Null
        } else if let Some(b) = value.as_bool() {
            Kind::Bool(b)
        } else if let Some(x) = value.as_f64() {
            // Integral numbers as integers, as a JSON reader gives them, so that integer
            // fields accept them.
            if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER {
                if x >= 0.0 {
                    Kind::Unsigned(x as u64)
                } else {
                    Kind::Signed(x as i64)
                }
            } else {
                Kind::Float(x)
            }
        } else if let Some(text) = value.as_string() {
            Kind::Text(text)
        } else if let Some(array) = value.dyn_ref::<Float64Array>() {
            Kind::Seq(array.to_vec().into_iter().map(JsValue::from).collect())
        } else if Array::is_array(&value) {
            Kind::Seq(value.unchecked_into::<Array>().iter().collect())
        } else if value.is_object() {
            Kind::Map(Object::entries(value.unchecked_ref()).iter().collect())
        } else {
            Kind::Other
        }
    }

    /// The error for a value of the wrong type, worded as the core's JSON reader words it.
    fn invalid(&self, expected: &dyn de::Expected) -> Error {
        let text;
        let unexpected = match self {
            Kind::Null => Unexpected::Other("null"),
            Kind::Bool(b) => Unexpected::Bool(*b),
            Kind::Unsigned(n) => Unexpected::Unsigned(*n),
            Kind::Signed(n) => Unexpected::Signed(*n),
            Kind::Float(x) => Unexpected::Float(*x),
            Kind::Text(t) => {
                text = t;
                Unexpected::Str(text)
            }
            Kind::Seq(_) => Unexpected::Seq,
            Kind::Map(_) => Unexpected::Map,
            Kind::Other => Unexpected::Other("a JS value that is not JSON"),
        };
        de::Error::invalid_type(unexpected, expected)
    }
}

/// The items of an array.
struct Seq(std::vec::IntoIter<JsValue>);

impl<'de> de::SeqAccess<'de> for Seq {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(Value(v)))
            .transpose()
    }
}

/// The `[key, value]` entries of an object.
struct Map {
    entries: std::vec::IntoIter<JsValue>,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Map {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        let entry: Array = entry.unchecked_into();
        self.value = Some(entry.get(1));
        // Object.entries gives string keys only.
        let key = entry.get(0).as_string().unwrap_or_default();
        seed.deserialize(Key(key)).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Value(self.value.take().unwrap_or(JsValue::UNDEFINED)))
    }
}

/// An object key: text, or an integer written as text (JSON's only way to key a map by
/// number).
struct Key(String);

impl Key {
    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match (self.0.parse::<u64>(), self.0.parse::<i64>()) {
            (Ok(n), _) => visitor.visit_u64(n),
            (_, Ok(n)) => visitor.visit_i64(n),
            _ => visitor.visit_string(self.0),
        }
    }
}

impl<'de> de::Deserializer<'de> for Key {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_string(self.0)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.integer(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        StringDeserializer::<Error>::new(self.0).deserialize_enum(name, variants, visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char str string bytes byte_buf option unit unit_struct seq
        tuple tuple_struct map struct identifier ignored_any
    }
}
