//! JS values read and written by serde, with this crate's own `Deserializer` and `Serializer`
//! over JS values (`de`, `ser`, with `field_error` for their messages), in both packages.
//!
//! Own code rather than `serde-wasm-bindgen`, for two measured reasons:
//! - it reads an object through its own keys, so `#[serde(deny_unknown_fields)]` names a
//!   misspelt option (`{"runs": 10, "sed": 1}`: "unknown field `sed`"); `serde-wasm-bindgen`
//!   reads only the fields a struct declares and silently ignores the others (its issue #39,
//!   closed as a limitation), and an ignored option is a silent wrong answer;
//! - in the kernel, `serde-wasm-bindgen` makes the module 17.5 KB larger (83.8 → 101.3 KB
//!   gzip against a 60 KB target), about half of it the float formatting of its type errors.
//!
//! Specs go through the core's JSON reader instead (`convert::build_spec`), as the CLI reads
//! them.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// Reads a `T` from a JS value; the error is serde's message, e.g. "unknown field `x`,
/// expected one of ...".
pub(crate) fn from_value<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    crate::de::from_value(value).map_err(|e| e.to_string())
}

/// `value` as a plain JS value: objects for structs and maps, arrays, numbers, `null`.
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, String> {
    crate::ser::to_value(value).map_err(|e| e.to_string())
}
