//! `yardstick disparity` as columns: inequality of one column across units, by year, with
//! group decompositions; σ- and β-convergence over the years.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use yardstick::analysis::disparity::{disparity as measure, COLUMNS, GROUP_COLUMNS};

use crate::columns::Columns;
use crate::data::Data;
use crate::error::Raise;

/// `yardstick disparity`: Theil T and L, Gini, CV and the SD of logs of `column` (a data
/// variable, or an index node: then its scores, one run per year) per year in `years`,
/// with Theil and Gini decompositions by `group`. Returns `{"years": columns,
/// "sigma_convergence": {...} | None, "beta_convergence": {...} | None}`.
#[pyfunction]
#[pyo3(signature = (data, column, spec=None, group=None, years=None))]
pub fn disparity<'py>(
    data: PyRef<'_, Data>,
    py: Python<'py>,
    column: &str,
    spec: Option<&str>,
    group: Option<&str>,
    years: Option<(i32, i32)>,
) -> PyResult<Bound<'py, PyDict>> {
    let plan = data.plan(spec).py()?;
    let report = measure(&plan, &data.data, column, group, years).py()?;
    let mut c = Columns::new();
    c.numbers("year", report.years.iter().map(|y| y.year.map(f64::from)));
    for (k, name) in COLUMNS.iter().enumerate() {
        c.numbers(name, report.years.iter().map(|y| Some(y.values()[k])));
    }
    if group.is_some() {
        for (k, name) in GROUP_COLUMNS.iter().enumerate() {
            c.numbers(
                name,
                report
                    .years
                    .iter()
                    .map(|y| y.by_group.as_ref().map(|g| g.values()[k])),
            );
        }
    }
    let out = PyDict::new(py);
    out.set_item("years", c.into_py(py)?)?;
    match &report.convergence {
        Some((sigma, beta)) => {
            let json = |v: serde_json::Value| -> PyResult<Bound<'py, PyAny>> {
                py.import("json")?.call_method1("loads", (v.to_string(),))
            };
            out.set_item("sigma_convergence", json(serde_json::json!(sigma))?)?;
            out.set_item("beta_convergence", json(serde_json::json!(beta))?)?;
        }
        None => {
            out.set_item("sigma_convergence", py.None())?;
            out.set_item("beta_convergence", py.None())?;
        }
    }
    Ok(out)
}
