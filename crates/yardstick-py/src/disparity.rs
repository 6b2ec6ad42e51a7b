//! `yardstick disparity` as columns: inequality of one column across units, by year, with
//! group decompositions; σ- and β-convergence over the years.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use yardstick::analysis::inequality::{
    beta_convergence_of, gini_by_group, measure_of, sigma_convergence_of, theil_by_group, Measure,
    TheilIndex,
};
use yardstick::pipeline::panel::node_scores;
use yardstick::stats::SdConvention;
use yardstick::{Error, ErrorKind, PeriodId, Place};

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
    let scored;
    let (data, variable) = match data.data.variable_index(column) {
        Some(v) => (&data.data, v),
        None => {
            let node = plan
                .framework()
                .index_of(column)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Structure {
                            expected: format!("a data column or an index node named '{column}'"),
                        },
                        Place::default().column(column),
                    )
                })
                .py()?;
            scored = node_scores(&plan, &data.data, node, column).py()?;
            (&scored, 0)
        }
    };
    let periods: Vec<PeriodId> = data
        .period_ids()
        .filter(|&p| match (years, data.year(p)) {
            (Some((a, b)), Some(y)) => (a..=b).contains(&y),
            _ => true,
        })
        .collect();
    let (Some(&first), Some(&last)) = (periods.first(), periods.last()) else {
        return Err(crate::error::to_py(Error::new(
            ErrorKind::Structure {
                expected: "at least one year in years".into(),
            },
            Place::default().column("Time"),
        )));
    };
    let cv = Measure::CoefficientOfVariation(SdConvention::Population);
    let sd_logs = Measure::SdOfLogs(SdConvention::Population);
    let mut rows: Vec<Vec<Option<f64>>> = Vec::new();
    let mut year_of = Vec::new();
    for &p in &periods {
        let t = measure_of(data, variable, p, Measure::TheilT).py()?;
        let mut row = vec![
            Some(t.n as f64),
            Some(t.skipped_missing as f64),
            Some(t.value),
            Some(measure_of(data, variable, p, Measure::TheilL).py()?.value),
            Some(measure_of(data, variable, p, Measure::Gini).py()?.value),
            Some(measure_of(data, variable, p, cv).py()?.value),
            Some(measure_of(data, variable, p, sd_logs).py()?.value),
        ];
        if let Some(group) = group {
            let tt = theil_by_group(data, variable, p, group, TheilIndex::T).py()?;
            let tl = theil_by_group(data, variable, p, group, TheilIndex::L).py()?;
            let g = gini_by_group(data, variable, p, group).py()?;
            row.extend(
                [
                    tt.between,
                    tt.within,
                    tl.between,
                    tl.within,
                    g.within,
                    g.net_between,
                    g.transvariation,
                ]
                .map(Some),
            );
        }
        year_of.push(data.year(p).map(f64::from));
        rows.push(row);
    }
    let mut header = vec![
        "n",
        "skipped_missing",
        "theil_t",
        "theil_l",
        "gini",
        "cv",
        "sd_logs",
    ];
    if group.is_some() {
        header.extend([
            "theil_t_between",
            "theil_t_within",
            "theil_l_between",
            "theil_l_within",
            "gini_within",
            "gini_net_between",
            "gini_transvariation",
        ]);
    }
    let mut c = Columns::new();
    c.numbers("year", year_of);
    for (k, name) in header.iter().enumerate() {
        c.numbers(name, rows.iter().map(|r| r[k]));
    }
    let out = PyDict::new(py);
    out.set_item("years", c.into_py(py)?)?;
    if last > first {
        let sigma = sigma_convergence_of(data, variable, first..=last, sd_logs).py()?;
        let beta = beta_convergence_of(data, variable, first, last).py()?;
        let json = |v: serde_json::Value| -> PyResult<Bound<'py, PyAny>> {
            py.import("json")?.call_method1("loads", (v.to_string(),))
        };
        out.set_item("sigma_convergence", json(serde_json::json!(sigma))?)?;
        out.set_item("beta_convergence", json(serde_json::json!(beta))?)?;
    } else {
        out.set_item("sigma_convergence", py.None())?;
        out.set_item("beta_convergence", py.None())?;
    }
    Ok(out)
}
