//! Method objects of a build spec, `{"method": "min_max", "low": 0, "high": 100}`: how the
//! enums of the pipeline steps ([`Normalisation`](crate::Normalisation),
//! [`Weighting`](crate::Weighting), [`Aggregation`](crate::Aggregation),
//! [`Imputation`](crate::Imputation), [`Treatment`](crate::Treatment)) are read.
//!
//! serde's derive for an enum tagged by a field buffers the object in a generic tree and
//! compiles a reader for every variant and every input format: these readers were the largest
//! code of the WebAssembly module. Here one generic function reads the object into a small tree
//! of [`Param`]s, and each enum checks its method's parameters with plain functions. The
//! documents accepted and the messages are the derive's: an unknown method, a missing, repeated or unknown field, a value of the wrong
//! type; fields beside a method without parameters are ignored, as the derive ignores them.

use std::fmt;

use serde::de::value::{MapAccessDeserializer, MapDeserializer, SeqDeserializer};

use crate::field_error::FieldError as Error;
use serde::de::{
    self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer,
    MapAccess, Unexpected, Visitor,
};
use serde::forward_to_deserialize_any;

/// The tag field of every method object.
const TAG: &str = "method";

/// A method object as read: which method, and its other fields in document order.
pub(crate) struct Method {
    /// The method's name, one of the enum's names.
    pub(crate) name: &'static str,
    params: Vec<(String, Param)>,
}

impl Method {
    /// Reads a method object of the enum `name`, whose methods are `methods` (in variant
    /// order), and builds the value with `build`.
    pub(crate) fn read<'de, D, T>(
        deserializer: D,
        name: &'static str,
        methods: &'static [&'static str],
        build: fn(Method) -> Result<T, Error>,
    ) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
    {
        let method = deserializer.deserialize_any(MethodVisitor { name, methods })?;
        build(method).map_err(de::Error::custom)
    }

    /// Calls `field` with the index in `names` and the value of each field in document order;
    /// an unknown or repeated field is an error.
    pub(crate) fn fields(
        self,
        names: &'static [&'static str],
        field: &mut dyn FnMut(usize, Param) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut seen = vec![false; names.len()];
        for (key, value) in self.params {
            let Some(i) = names.iter().position(|name| *name == key) else {
                return Err(de::Error::unknown_field(&key, names));
            };
            if seen[i] {
                return Err(de::Error::duplicate_field(names[i]));
            }
            seen[i] = true;
            field(i, value)?;
        }
        Ok(())
    }

    /// The fields as one object, for a method whose parameters are a struct of their own.
    pub(crate) fn into_object(self) -> Param {
        Param::Map(self.params)
    }
}

/// A required field's value, or the error naming it.
pub(crate) fn required<T>(value: Option<T>, name: &'static str) -> Result<T, Error> {
    value.ok_or_else(|| de::Error::missing_field(name))
}

struct MethodVisitor {
    name: &'static str,
    methods: &'static [&'static str],
}

impl<'de> Visitor<'de> for MethodVisitor {
    type Value = Method;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internally tagged enum {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Method, A::Error> {
        let mut name = None;
        let mut params = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == TAG {
                if name.is_some() {
                    return Err(de::Error::duplicate_field(TAG));
                }
                name = Some(map.next_value_seed(MethodName(self.methods))?);
            } else {
                params.push((key, map.next_value()?));
            }
        }
        let name = name.ok_or_else(|| de::Error::missing_field(TAG))?;
        Ok(Method { name, params })
    }
}

/// The value of the tag: a method's name.
struct MethodName(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for MethodName {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<&'static str, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MethodName {
    type Value = &'static str;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<&'static str, E> {
        self.0
            .iter()
            .find(|name| **name == value)
            .copied()
            .ok_or_else(|| E::unknown_variant(value, self.0))
    }
}

/// A value of a method object's field, kept until the method knows its type.
pub(crate) enum Param {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    Seq(Vec<Param>),
    Map(Vec<(String, Param)>),
}

impl Param {
    /// The value as a `T`, with the message the derive gives for a value of the wrong type.
    pub(crate) fn to<T: DeserializeOwned>(self) -> Result<T, Error> {
        T::deserialize(self)
    }

    fn unexpected(&self) -> Unexpected<'_> {
        match self {
            Param::Null => Unexpected::Other("null"),
            Param::Bool(b) => Unexpected::Bool(*b),
            Param::Unsigned(n) => Unexpected::Unsigned(*n),
            Param::Signed(n) => Unexpected::Signed(*n),
            Param::Float(x) => Unexpected::Float(*x),
            Param::Text(text) => Unexpected::Str(text),
            Param::Seq(_) => Unexpected::Seq,
            Param::Map(_) => Unexpected::Map,
        }
    }
}

impl<'de> Deserialize<'de> for Param {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Param, D::Error> {
        deserializer.deserialize_any(ParamVisitor)
    }
}

struct ParamVisitor;

impl<'de> Visitor<'de> for ParamVisitor {
    type Value = Param;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Param, E> {
        Ok(Param::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Param, E> {
        Ok(Param::Signed(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Param, E> {
        Ok(Param::Unsigned(n))
    }

    fn visit_f64<E>(self, x: f64) -> Result<Param, E> {
        Ok(Param::Float(x))
    }

    fn visit_str<E>(self, text: &str) -> Result<Param, E> {
        Ok(Param::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Param, E> {
        Ok(Param::Text(text))
    }

    fn visit_unit<E>(self) -> Result<Param, E> {
        Ok(Param::Null)
    }

    fn visit_none<E>(self) -> Result<Param, E> {
        Ok(Param::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Param, D::Error> {
        Param::deserialize(deserializer)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Param, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Param::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Param, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Param::Map(entries))
    }
}

impl IntoDeserializer<'_, Error> for Param {
    type Deserializer = Param;

    fn into_deserializer(self) -> Param {
        self
    }
}

/// A field's value read as the type the method needs, as the derive reads a buffered value.
impl<'de> Deserializer<'de> for Param {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            // No field of a method takes a null (options are read by `deserialize_option`);
            // worded as the JSON reader words it.
            Param::Null => Err(de::Error::invalid_type(Unexpected::Other("null"), &visitor)),
            Param::Bool(b) => visitor.visit_bool(b),
            Param::Unsigned(n) => visitor.visit_u64(n),
            Param::Signed(n) => visitor.visit_i64(n),
            Param::Float(x) => visitor.visit_f64(x),
            Param::Text(text) => visitor.visit_string(text),
            Param::Seq(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Param::Map(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Param::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    /// Enums without data: by name, or as an object with the name as its one key.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Param::Text(text) => visitor.visit_enum(text.into_deserializer()),
            Param::Map(entries) if entries.len() == 1 => visitor.visit_enum(
                MapAccessDeserializer::new(MapDeserializer::new(entries.into_iter())),
            ),
            Param::Map(_) => Err(de::Error::invalid_value(
                Unexpected::Map,
                &"map with a single key",
            )),
            other => Err(de::Error::invalid_type(
                other.unexpected(),
                &"string or map",
            )),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Param::Null => visitor.visit_unit(),
            other => other.deserialize_any(visitor),
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
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit_struct seq tuple tuple_struct map struct identifier
    }
}

#[cfg(test)]
mod tests {
    use crate::{Aggregation, BuildSpec, Normalisation, Treatment, Weighting};

    fn error<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        serde_json::from_str::<T>(json).unwrap_err().to_string()
    }

    #[test]
    fn methods_read_their_fields_with_defaults() {
        let n: Normalisation =
            serde_json::from_str(r#"{"high": 10, "method": "min_max"}"#).unwrap();
        assert_eq!(
            n,
            Normalisation::MinMax {
                low: 0.0,
                high: 10.0
            }
        );
        let t: Treatment =
            serde_json::from_str(r#"{"method": "winsorise", "max_points": 3}"#).unwrap();
        assert_eq!(
            t,
            Treatment::Winsorise {
                skew: 2.0,
                kurtosis: 3.5,
                max_points: 3,
                log_fallback: true
            }
        );
        // As with the derive, fields beside a method without any are ignored.
        let w: Weighting = serde_json::from_str(r#"{"method": "equal", "x": [1]}"#).unwrap();
        assert_eq!(w, Weighting::Equal);
    }

    #[test]
    fn errors_are_the_derives() {
        assert_eq!(
            error::<Normalisation>(r#"{"method": "min_max", "lo": 1}"#),
            "unknown field `lo`, expected `low` or `high`"
        );
        assert_eq!(
            error::<Aggregation>(r#"{"method": "power"}"#),
            "missing field `p`"
        );
        assert_eq!(
            error::<Aggregation>(r#"{"method": "max"}"#),
            "unknown variant `max`, expected one of `amean`, `gmean`, `hmean`, `power`, `mpi` \
             at line 1 column 16"
        );
        assert_eq!(
            error::<Treatment>(r#"{"method": "winsorise", "max_points": -1}"#),
            "invalid value: integer `-1`, expected usize"
        );
        assert_eq!(
            error::<Normalisation>(r#"{"method": "z_score", "sd": null}"#),
            "invalid type: null, expected f64"
        );
        assert_eq!(
            error::<Weighting>(r#"{"method": "pca", "retention": "all"}"#),
            "unknown variant `all`, expected `handbook` or `eigenvalue_above_one`"
        );
        assert_eq!(
            error::<Normalisation>(r#"{"low": 1}"#),
            "missing field `method` at line 1 column 10"
        );
        // Inside a spec, the JSON reader adds where: just after the method object.
        let spec = "{\"normalise\": {\"default\":\n {\"method\": \"min_max\", \"lo\": 1}}}";
        let message = BuildSpec::from_json(spec).unwrap_err().to_string();
        assert!(message.contains("row 2, column '32'"), "{message}");
        assert!(
            message.contains("unknown field `lo`, expected `low` or `high`"),
            "{message}"
        );
    }
}
