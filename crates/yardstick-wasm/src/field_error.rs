//! The error of the crate's serde reader and writer (`de`, `ser`): serde's own messages,
//! with numbers written by the core's `Shown`.
//!
//! serde's default `invalid_type` formats the value it did not expect with the standard
//! float formatting, which would bring that code into the kernel for one message (see `js`
//! for the measurement). The text is serde's otherwise (a string is quoted without escapes),
//! so "invalid type: string \"x\", expected f64" reads the same; a test compares the two.

use std::fmt;

use serde::de::{self, Expected, Unexpected};
use serde::ser;

use yardstick::error::Shown;

/// A serde reader's error: the message only. Where it happened is added by whoever reads the
/// field (a spec path, a data object's entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError(String);

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FieldError {}

/// The browser build's serializer of results reports through the same type.
impl ser::Error for FieldError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        FieldError(message.to_string())
    }
}

impl de::Error for FieldError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        FieldError(message.to_string())
    }

    fn invalid_type(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        FieldError(format!(
            "invalid type: {}, expected {expected}",
            describe(unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn Expected) -> Self {
        FieldError(format!(
            "invalid value: {}, expected {expected}",
            describe(unexpected)
        ))
    }
}

/// serde's text for a value it did not expect.
fn describe(unexpected: Unexpected) -> String {
    match unexpected {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(i) => format!("integer `{i}`"),
        Unexpected::Signed(i) => format!("integer `{i}`"),
        // serde writes `1.0` for an integral float, so that it reads as one.
        Unexpected::Float(x) if x.is_finite() && x.fract() == 0.0 => {
            format!("floating point `{}.0`", Shown(x))
        }
        Unexpected::Float(x) => format!("floating point `{}`", Shown(x)),
        Unexpected::Char(c) => format!("character `{c}`"),
        Unexpected::Str(s) => format!("string \"{s}\""),
        Unexpected::Bytes(_) => "byte array".into(),
        Unexpected::Unit => "unit value".into(),
        Unexpected::Option => "Option value".into(),
        Unexpected::NewtypeStruct => "newtype struct".into(),
        Unexpected::Seq => "sequence".into(),
        Unexpected::Map => "map".into(),
        Unexpected::Enum => "enum".into(),
        Unexpected::UnitVariant => "unit variant".into(),
        Unexpected::NewtypeVariant => "newtype variant".into(),
        Unexpected::TupleVariant => "tuple variant".into(),
        Unexpected::StructVariant => "struct variant".into(),
        Unexpected::Other(other) => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Error as _;

    #[test]
    fn messages_read_as_serdes() {
        // serde's own value::Error, for the same calls: the text users would otherwise see.
        let cases: [(Unexpected, &str); 5] = [
            (Unexpected::Float(1.5), "f64 in [0, 1]"),
            (Unexpected::Float(2.0), "an integer"),
            (Unexpected::Str("min"), "a number"),
            (Unexpected::Signed(-3), "a weight"),
            (Unexpected::Seq, "a map"),
        ];
        for (unexpected, expected) in cases {
            let ours = FieldError::invalid_type(unexpected, &expected).to_string();
            let serdes = serde::de::value::Error::invalid_type(unexpected, &expected).to_string();
            assert_eq!(ours, serdes);
        }
    }
}
