//! Errors cross into JS as `Error` objects whose message is the core's message, which names
//! the file, row, column, unit or indicator and what was expected, and whose `code` is the
//! core's stable code for the kind (`zero_range`, `document_version`, …; see
//! `yardstick::ErrorKind::code`), so that a page can translate or react without reading the
//! message. Errors of the bindings' own (a value of the wrong shape) have no `code`.

use wasm_bindgen::{JsError, JsValue};
use yardstick::{Error, ErrorKind, Place};

/// A core error as a JS `Error` with its `code`.
pub fn to_js(error: Error) -> JsValue {
    let value = message(&error.to_string());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&value, &"code".into(), &error.code().into());
    value
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
