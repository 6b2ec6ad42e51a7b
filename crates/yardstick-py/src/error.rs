//! The core's errors as Python exceptions: `yardstick.Error` and one subclass per stable code
//! (`yardstick.ZeroRangeError` for `zero_range`, …), made here from `ErrorKind::CODES` so that
//! the list is written once. Each raised error has the core's message and the attributes
//! `code` (the stable code), `kind` (the kind's fields, as the browser package gives them:
//! `{"code": "zero_range", "indicator": "y"}`) and `place` (`{"file", "line", "column",
//! "unit", "indicator", "year"}`, `None` where unknown).

use std::ffi::CString;

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use yardstick::{Error, ErrorKind};

/// The base class, in a module of its own so that Python sees it as `yardstick.Error`.
mod base {
    pyo3::create_exception!(
        yardstick,
        Error,
        pyo3::exceptions::PyException,
        "An error of the Yardstick engine: `code` is its stable code, `kind` its fields, \
         `place` where it happened (file, line, column, unit, indicator, year)."
    );
}

/// The subclass of every code, in the order of `ErrorKind::CODES`.
static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

/// `zero_range` → `ZeroRangeError`.
pub fn class_name(code: &str) -> String {
    let mut name: String = code
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    name.push_str("Error");
    name
}

/// Adds `Error`, its subclasses and `ERROR_CODES` to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let base = py.get_type::<base::Error>();
    m.add("Error", &base)?;
    let classes = CLASSES.get_or_try_init(py, || {
        ErrorKind::CODES
            .iter()
            .map(|code| -> PyResult<Py<PyType>> {
                let name = CString::new(format!("yardstick.{}", class_name(code)))?;
                let doc = CString::new(format!(
                    "A Yardstick error of code `{code}` (see `yardstick.Error`)."
                ))?;
                PyErr::new_type(py, &name, Some(&doc), Some(&base), None)
            })
            .collect()
    })?;
    for (code, class) in ErrorKind::CODES.iter().zip(classes) {
        m.add(class_name(code).as_str(), class.bind(py))?;
    }
    m.add("ERROR_CODES", ErrorKind::CODES.to_vec())?;
    Ok(())
}

/// The core's error as an instance of its code's subclass.
pub fn to_py(error: Error) -> PyErr {
    Python::attach(|py| build(py, &error).unwrap_or_else(|failure| failure))
}

fn build(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let classes = CLASSES.get(py).ok_or_else(|| {
        PyException::new_err("yardstick._native was not initialised: import yardstick")
    })?;
    let index = ErrorKind::CODES
        .iter()
        .position(|c| *c == error.code())
        .unwrap_or(0);
    let instance = classes[index].bind(py).call1((error.to_string(),))?;
    instance.setattr("code", error.code())?;
    instance.setattr("kind", from_json(py, &serde_json::to_string(error.kind()))?)?;
    let place = error.place();
    let dict = PyDict::new(py);
    dict.set_item("file", &place.file)?;
    dict.set_item("line", place.line)?;
    dict.set_item("column", &place.column)?;
    dict.set_item("unit", &place.unit)?;
    dict.set_item("indicator", &place.indicator)?;
    dict.set_item("year", place.year)?;
    instance.setattr("place", dict)?;
    Ok(PyErr::from_value(instance))
}

/// Serialised JSON read by Python's own `json` module: the kind's fields are small and
/// errors are rare, so no serde-to-Python converter is worth a dependency.
fn from_json<'py>(
    py: Python<'py>,
    text: &Result<String, serde_json::Error>,
) -> PyResult<Bound<'py, PyAny>> {
    match text {
        Ok(text) => py.import("json")?.call_method1("loads", (text,)),
        Err(e) => Err(PyException::new_err(e.to_string())),
    }
}

/// `Result<T, yardstick::Error>` → `PyResult<T>`.
pub trait Raise<T> {
    /// Converts the error.
    fn py(self) -> PyResult<T>;
}

impl<T> Raise<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
