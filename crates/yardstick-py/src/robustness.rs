//! `yardstick uncertainty`, `yardstick sensitivity` and `yardstick audit` as columns.

use pyo3::prelude::*;
use pyo3::types::PyList;
use yardstick::robustness::audit as core_audit;
use yardstick::robustness::uncertainty::{Engine, UncertaintySpec};

use crate::columns::Columns;
use crate::data::Data;
use crate::error::Raise;

/// Bootstrap resamples for the sensitivity confidence intervals (as the CLI).
const BOOTSTRAP_RESAMPLES: usize = 100;

impl Data {
    fn engine(&self, spec: &str, year: Option<i32>, seed: u64) -> PyResult<Engine<'_>> {
        let spec = UncertaintySpec::from_json(spec)
            .map_err(|e| e.in_file("uncertainty spec"))
            .py()?;
        let period = self.period(year).py()?;
        Engine::new(&self.meta.framework, &self.data, period, spec, seed).py()
    }
}

/// `yardstick uncertainty`: per-unit rank statistics over `runs` replications of the
/// uncertainty spec `spec` (JSON), seeded by `seed`. Returns `(columns, failed, first
/// failure)`.
#[pyfunction]
#[pyo3(signature = (data, spec, runs=1000, seed=1, top=10, year=None))]
pub fn uncertainty<'py>(
    data: PyRef<'_, Data>,
    py: Python<'py>,
    spec: &str,
    runs: usize,
    seed: u64,
    top: usize,
    year: Option<i32>,
) -> PyResult<(Bound<'py, PyList>, usize, Option<String>)> {
    let mut engine = data.engine(spec, year, seed)?;
    let result = engine.uncertainty(runs, seed, top).py()?;
    let u = &result.units;
    let mut c = Columns::new();
    c.text("uCode", u.iter().map(|u| u.code.clone()));
    c.numbers("nominal", u.iter().map(|u| u.nominal));
    c.numbers("median", u.iter().map(|u| u.median));
    c.numbers("p05", u.iter().map(|u| u.p05));
    c.numbers("p95", u.iter().map(|u| u.p95));
    c.numbers("mean_score", u.iter().map(|u| u.mean_score));
    c.numbers("sd_score", u.iter().map(|u| u.sd_score));
    c.numbers(
        &format!("p_top{}", result.top),
        u.iter().map(|u| u.top_probability),
    );
    c.numbers("mean_abs_shift", u.iter().map(|u| u.mean_abs_shift));
    Ok((c.into_py(py)?, result.failed, result.first_failure.clone()))
}

/// `yardstick sensitivity`: Sobol' first-order and total indices of the mean rank shift
/// per uncertain factor of `spec`, with bootstrap confidence intervals.
#[pyfunction]
#[pyo3(signature = (data, spec, runs=500, seed=1, year=None))]
pub fn sensitivity<'py>(
    data: PyRef<'_, Data>,
    py: Python<'py>,
    spec: &str,
    runs: usize,
    seed: u64,
    year: Option<i32>,
) -> PyResult<Bound<'py, PyList>> {
    let mut engine = data.engine(spec, year, seed)?;
    let result = engine.sensitivity(runs, seed, BOOTSTRAP_RESAMPLES).py()?;
    let s = &result.indices;
    let low = |c: &Option<(f64, f64)>| c.map(|c| c.0);
    let high = |c: &Option<(f64, f64)>| c.map(|c| c.1);
    let mut c = Columns::new();
    c.text("factor", result.factors.iter().map(|f| f.name.clone()));
    c.numbers("first", s.first.iter().copied());
    c.numbers("first_low", s.first_ci.iter().map(low));
    c.numbers("first_high", s.first_ci.iter().map(high));
    c.numbers("total", s.total.iter().copied());
    c.numbers("total_low", s.total_ci.iter().map(low));
    c.numbers("total_high", s.total_ci.iter().map(high));
    c.into_py(py)
}

/// `yardstick audit`: each child's correlation with its parent, Cronbach's alpha and the
/// first principal component's share per node, and the flags.
#[pyfunction]
#[pyo3(signature = (data, spec=None, year=None))]
pub fn audit<'py>(
    data: PyRef<'_, Data>,
    py: Python<'py>,
    spec: Option<&str>,
    year: Option<i32>,
) -> PyResult<Bound<'py, PyList>> {
    let plan = data.plan(spec).py()?;
    let period = data.period(year).py()?;
    let results = plan.run(&data.data, period).py()?;
    let report = core_audit::audit(&plan, &data.data, &results).py()?;
    let mut rows = Vec::new();
    for node in &report.nodes {
        for c in &node.with_parent {
            let flags = node.flags.of_child(&c.child);
            rows.push((node, c, flags.join(" ")));
        }
    }
    let mut c = Columns::new();
    c.text("node", rows.iter().map(|(n, _, _)| n.code.clone()));
    c.text("child", rows.iter().map(|(_, c, _)| c.child.clone()));
    c.numbers(
        "pearson",
        rows.iter().map(|(_, c, _)| c.correlation.pearson),
    );
    c.numbers(
        "spearman",
        rows.iter().map(|(_, c, _)| c.correlation.spearman),
    );
    c.numbers(
        "n",
        rows.iter().map(|(_, c, _)| Some(c.correlation.n as f64)),
    );
    c.numbers("alpha", rows.iter().map(|(n, _, _)| n.cronbach_alpha));
    c.numbers(
        "pca_first_share",
        rows.iter()
            .map(|(n, _, _)| n.pca.as_ref().and_then(|p| p.shares.first().copied())),
    );
    c.text("flags", rows.iter().map(|(_, _, f)| f.clone()));
    c.into_py(py)
}
