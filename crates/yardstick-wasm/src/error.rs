//! Errors cross into JS as `Error` objects whose message is the core's message, which names
//! the file, row, column, unit or indicator and what was expected. An error of the core also
//! carries its kind's stable `code` (`zero_range`, `document_version`, …; see
//! `yardstick::ErrorKind::code`), the kind's fields as `kind` (`{ code: "zero_range",
//! indicator: "y" }`) and its `place` (`{ file, line, column, unit, indicator, year }`), so
//! that a page can write the message in its own language or react, without reading the
//! English text. Errors of the bindings' own (a value of the wrong shape) have no `code`.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsError;
use yardstick::{Error, ErrorKind, Place};

use crate::js;

/// A core error as a JS `Error` with its `code`, `kind` and `place`.
pub fn to_js(error: Error) -> JsValue {
    let value = message(&error.to_string());
    let set = |key: &str, field: Result<JsValue, String>| {
        // Plain data, and properties of a fresh Error object: neither step can fail, and a
        // failure would only leave the property out.
        if let Ok(field) = field {
            let _ = js_sys::Reflect::set(&value, &key.into(), &field);
        }
    };
    set("code", Ok(error.code().into()));
    set("kind", js::to_value(error.kind()));
    set("place", js::to_value(error.place()));
    value
}

/// The code of every kind of error the engine throws, for a page that translates them.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "string[]")]
pub fn error_codes() -> Result<JsValue, JsValue> {
    js::to_value(&ErrorKind::CODES).map_err(|e| shape("error codes", &e))
}

/// A JS `Error` with `text` as its message.
pub fn message(text: &str) -> JsValue {
    JsError::new(text).into()
}

/// A JS value that does not have the shape its TypeScript type describes.
pub fn shape(what: &str, error: &dyn std::fmt::Display) -> JsValue {
    message(&format!("{what}: {error}"))
}

/// `found` is not a code of the data (a unit) or of the framework (a node).
pub fn unknown(place: Place, expected: &str, found: &str) -> JsValue {
    to_js(Error::new(
        ErrorKind::Value {
            expected: expected.to_owned(),
            found: found.to_owned(),
        },
        place,
    ))
}

/// The core's error `error`, moved to `place`: a value validated by the core (a code, a
/// weight) whose position only the JS input knows.
pub fn at(place: Place, error: Error) -> JsValue {
    to_js(Error::new(error.kind().clone(), place))
}
