//! Errors cross into JS as `Error` objects whose message is the core's message, which names
//! the file, row, column, unit or indicator and what was expected.

use wasm_bindgen::JsError;
use yardstick::{Error, ErrorKind, Place};

/// A core error as a JS `Error`.
pub fn to_js(error: Error) -> JsError {
    JsError::new(&error.to_string())
}

/// A JS value that does not have the shape its TypeScript type describes.
pub fn shape(what: &str, error: &dyn std::fmt::Display) -> JsError {
    JsError::new(&format!("{what}: {error}"))
}

/// `found` is not a code of the data (a unit) or of the framework (a node).
pub fn unknown(place: Place, expected: &str, found: &str) -> JsError {
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
pub fn at(place: Place, error: Error) -> JsError {
    to_js(Error::new(error.kind().clone(), place))
}
