//! Conversions shared by every binding: build specs from JS, plain objects to JS.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::{error, js};

/// A build spec given as an object, as JSON text, or not at all (COINr's default build).
///
/// Either form becomes the JSON document the CLI reads: text through `JSON.parse`, an object
/// through `JSON.stringify` and back (so `undefined` fields are absent and `NaN` is `null`, as
/// in JSON). The core's derived `Deserialize` impls then read it through `js`, so their
/// messages (unknown field, missing field, bad value) are the CLI's. The browser's JSON
/// reader spares the package serde_json's: measured, reading the text with
/// `BuildSpec::from_json` instead makes the full package 58 KB (gzip) larger.
#[cfg(feature = "full")]
pub fn build_spec(spec: Option<&JsValue>) -> Result<yardstick::BuildSpec, JsValue> {
    let Some(spec) = spec.filter(|s| !s.is_undefined() && !s.is_null()) else {
        return Ok(yardstick::BuildSpec::default());
    };
    let text = match spec.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(spec)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| error::message("build spec: expected an object or JSON text"))?,
    };
    let json = js_sys::JSON::parse(&text).map_err(|e| {
        let message = js_sys::Error::from(e).message();
        error::message(&format!("build spec: {}", String::from(message)))
    })?;
    crate::js::from_value(json).map_err(|e| error::shape("build spec", &e))
}

/// `value` as a plain JS object: missing values are `null` (never `undefined`), maps are
/// objects, numbers are the f64 values themselves.
pub fn plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    js::to_value(value).map_err(|e| error::shape("result", &e))
}
