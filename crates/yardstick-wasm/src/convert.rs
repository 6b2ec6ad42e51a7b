//! Conversions shared by every binding: build specs from JS, plain objects to JS.

use serde::Serialize;
use wasm_bindgen::{JsError, JsValue};
use yardstick::BuildSpec;

use crate::error;

/// A build spec given as an object, as JSON text, or not at all (COINr's default build).
///
/// Objects go through `JSON.stringify` so that the core's own JSON reader validates them and
/// its messages (unknown field, line and column) reach the user unchanged.
pub fn build_spec(spec: Option<&JsValue>) -> Result<BuildSpec, JsError> {
    let Some(spec) = spec.filter(|s| !s.is_undefined() && !s.is_null()) else {
        return Ok(BuildSpec::default());
    };
    let text = match spec.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(spec)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| JsError::new("build spec: expected an object or JSON text"))?,
    };
    BuildSpec::from_json(&text).map_err(error::to_js)
}

/// `value` as a plain JS object: missing values are `null` (never `undefined`), maps are
/// objects, numbers are the f64 values themselves.
pub fn plain<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| error::shape("result", &e))
}
