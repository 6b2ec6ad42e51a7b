//! Python bindings of Yardstick: the module `yardstick._native`, which the pure-Python package
//! `yardstick` (`python/yardstick/`) wraps into pandas DataFrames.
//!
//! Thin like the browser bindings: CSV bytes, numpy arrays, codes and JSON text come in, are
//! converted to the core's types, the core runs, and numpy arrays and lists of codes go back.
//! No method logic lives here: every number is computed by `yardstick`. Missing values leave
//! as NaN (only at this boundary; the core keeps `Option<f64>`).
//!
//! Layout, one concept per file:
//! - [`data`]: a data set read from iData/iMeta (or a long panel) and the index built on it;
//! - [`columns`]: the column lists the Python side turns into DataFrames;
//! - [`gap`]: gap tables and catch-up (`yardstick gap`, `yardstick catchup`);
//! - [`disparity`]: inequality and convergence (`yardstick disparity`);
//! - [`progress`]: progress toward targets (`yardstick progress`);
//! - [`mcda`]: TOPSIS, grey relational analysis and coupling on an index, and entropy weights
//!   and TOPSIS on a bare numpy matrix;
//! - [`robustness`]: uncertainty, sensitivity and audit;
//! - [`error`]: the core's errors as `yardstick.Error` subclasses, one per stable code.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod columns;
pub mod data;
pub mod disparity;
pub mod error;
pub mod gap;
pub mod mcda;
pub mod progress;
pub mod robustness;

use pyo3::prelude::*;

/// The extension module `yardstick._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    error::register(m)?;
    m.add_class::<data::Data>()?;
    m.add_function(wrap_pyfunction!(gap::gap_table, m)?)?;
    m.add_function(wrap_pyfunction!(gap::catch_up, m)?)?;
    m.add_function(wrap_pyfunction!(disparity::disparity, m)?)?;
    m.add_function(wrap_pyfunction!(progress::progress, m)?)?;
    m.add_function(wrap_pyfunction!(mcda::mcda, m)?)?;
    m.add_function(wrap_pyfunction!(mcda::entropy_weights, m)?)?;
    m.add_function(wrap_pyfunction!(mcda::topsis, m)?)?;
    m.add_function(wrap_pyfunction!(robustness::uncertainty, m)?)?;
    m.add_function(wrap_pyfunction!(robustness::sensitivity, m)?)?;
    m.add_function(wrap_pyfunction!(robustness::audit, m)?)?;
    m.add_function(wrap_pyfunction!(data::build_spec_schema, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("DEDI_SPEC", yardstick::io::default_data::DEDI_SPEC)?;
    Ok(())
}
