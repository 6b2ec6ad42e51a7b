//! Results written as plain JS values by serde: the mirror of `de`.
//!
//! Structs and maps become objects (map keys as strings), sequences and tuples arrays,
//! numbers the f64 they hold, `None` and unit values `null`, unit variants their name and other
//! variants `{ name: content }`, as serde's JSON form has them. Written for this crate rather
//! than taken from serde-wasm-bindgen, whose interning cache and options the results do not
//! need: the smaller module is the point.

use crate::field_error::FieldError as Error;
use js_sys::{Array, Object, Reflect};
use serde::ser::{self, Serialize};
use wasm_bindgen::JsValue;

/// Largest integer an f64 holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// `value` as a plain JS value.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    value.serialize(Serializer)
}

/// Writes one value.
struct Serializer;

/// An array being filled.
struct Elements(Array);

/// A tuple variant's array being filled, and the variant's name.
struct VariantElements(&'static str, Array);

/// An object being filled; for a map, the key waiting for its value.
struct Fields {
    object: Object,
    key: Option<JsValue>,
    /// For a struct variant, the variant name the object goes under.
    variant: Option<&'static str>,
}

fn set(object: &Object, key: &JsValue, value: &JsValue) -> Result<(), Error> {
    Reflect::set(object, key, value)
        .map(drop)
        .map_err(|_| ser::Error::custom("a field could not be set"))
}

/// `{ variant: content }`.
fn tagged(variant: &'static str, content: &JsValue) -> Result<JsValue, Error> {
    let object = Object::new();
    set(&object, &JsValue::from_str(variant), content)?;
    Ok(object.into())
}

impl ser::Serializer for Serializer {
    type Ok = JsValue;
    type Error = Error;
    type SerializeSeq = Elements;
    type SerializeTuple = Elements;
    type SerializeTupleStruct = Elements;
    type SerializeTupleVariant = VariantElements;
    type SerializeMap = Fields;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Fields;

    fn serialize_bool(self, v: bool) -> Result<JsValue, Error> {
        Ok(JsValue::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<JsValue, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<JsValue, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<JsValue, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<JsValue, Error> {
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(ser::Error::custom(format!(
                "{v} is beyond the integers a JS number holds exactly"
            )));
        }
        self.serialize_f64(v as f64)
    }
    fn serialize_u8(self, v: u8) -> Result<JsValue, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<JsValue, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<JsValue, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<JsValue, Error> {
        if v > MAX_SAFE_INTEGER {
            return Err(ser::Error::custom(format!(
                "{v} is beyond the integers a JS number holds exactly"
            )));
        }
        self.serialize_f64(v as f64)
    }
    fn serialize_f32(self, v: f32) -> Result<JsValue, Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<JsValue, Error> {
        Ok(JsValue::from_f64(v))
    }
    fn serialize_char(self, v: char) -> Result<JsValue, Error> {
        Ok(JsValue::from_str(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<JsValue, Error> {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<JsValue, Error> {
        let elements = Array::new();
        for &byte in v {
            elements.push(&JsValue::from_f64(byte.into()));
        }
        Ok(elements.into())
    }
    fn serialize_none(self) -> Result<JsValue, Error> {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<JsValue, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<JsValue, Error> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<JsValue, Error> {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<JsValue, Error> {
        Ok(JsValue::from_str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<JsValue, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<JsValue, Error> {
        tagged(variant, &value.serialize(self)?)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Elements, Error> {
        Ok(Elements(Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Elements, Error> {
        Ok(Elements(Array::new()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Elements, Error> {
        Ok(Elements(Array::new()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<VariantElements, Error> {
        Ok(VariantElements(variant, Array::new()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Fields, Error> {
        Ok(Fields::new(None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields, Error> {
        Ok(Fields::new(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Fields, Error> {
        Ok(Fields::new(Some(variant)))
    }
}

impl Elements {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.0.push(&value.serialize(Serializer)?);
        Ok(())
    }
}

impl ser::SerializeSeq for Elements {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Ok(self.0.into())
    }
}

impl ser::SerializeTuple for Elements {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Ok(self.0.into())
    }
}

impl ser::SerializeTupleStruct for Elements {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Ok(self.0.into())
    }
}

impl Fields {
    fn new(variant: Option<&'static str>) -> Fields {
        Fields {
            object: Object::new(),
            key: None,
            variant,
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        set(
            &self.object,
            &JsValue::from_str(key),
            &value.serialize(Serializer)?,
        )
    }

    fn end(self) -> Result<JsValue, Error> {
        match self.variant {
            Some(variant) => tagged(variant, &self.object),
            None => Ok(self.object.into()),
        }
    }
}

impl ser::SerializeTupleVariant for VariantElements {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.1.push(&value.serialize(Serializer)?);
        Ok(())
    }
    fn end(self) -> Result<JsValue, Error> {
        tagged(self.0, &self.1)
    }
}

impl ser::SerializeMap for Fields {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // A number key becomes its text when set, as property keys do in JS (and in JSON).
        self.key = Some(key.serialize(Serializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ser::Error::custom("a map value without its key"))?;
        set(&self.object, &key, &value.serialize(Serializer)?)
    }
    fn end(self) -> Result<JsValue, Error> {
        Fields::end(self)
    }
}

impl ser::SerializeStruct for Fields {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Fields::end(self)
    }
}

impl ser::SerializeStructVariant for Fields {
    type Ok = JsValue;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<JsValue, Error> {
        Fields::end(self)
    }
}
