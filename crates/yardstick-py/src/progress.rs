//! Progress toward targets: `yardstick progress` as columns, with the CLI's column names.

use pyo3::prelude::*;
use pyo3::types::PyList;
use yardstick::analysis::progress::{progress as assess, Reach};
use yardstick::io;

use crate::columns::Columns;
use crate::data::Data;
use crate::error::Raise;

/// `yardstick progress`: every unit × node with a target (iMeta's `Target` column, replaced
/// by the targets file `targets`, given as CSV bytes named `targets_file`) or, without one,
/// the trend; `focus` keeps one unit's rows. Years reached are numbers: `inf` where the
/// target is never reached at the current pace, NaN where there is no year (already
/// achieved, or not assessable: `class` and `reason` say which).
#[pyfunction]
#[pyo3(signature = (data, targets=None, targets_file="targets", deadline=None, window=None, focus=None, spec=None))]
#[allow(clippy::too_many_arguments)]
pub fn progress<'py>(
    py: Python<'py>,
    data: &Data,
    targets: Option<&[u8]>,
    targets_file: &str,
    deadline: Option<i32>,
    window: Option<(i32, i32)>,
    focus: Option<&str>,
    spec: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let plan = data.plan(spec).py()?;
    let fw = plan.framework();
    let focus = focus.map(|code| data.unit(code)).transpose().py()?;
    let targets = io::run_targets(
        fw,
        "iMeta",
        deadline,
        targets.map(|bytes| (bytes, targets_file)),
        &data.data,
    )
    .py()?;
    let mut result = assess(&plan, &data.data, &targets, window, |p| {
        plan.run(&data.data, p)
    })
    .py()?;
    if let Some(focus) = focus {
        result.rows.retain(|r| r.unit == focus);
    }
    let rows = &result.rows;
    let year = |y: Option<i32>| y.map(f64::from);
    let reached = |r: Option<Reach>| match r {
        Some(Reach::Year(y)) => Some(y),
        Some(Reach::Never) => Some(f64::INFINITY),
        Some(Reach::Achieved) | None => None,
    };
    let mut c = Columns::new();
    c.text(
        "uCode",
        rows.iter().map(|r| data.data.unit(r.unit).code.to_string()),
    );
    c.text(
        "iCode",
        rows.iter().map(|r| fw.node(r.node).code.to_string()),
    );
    c.numbers("target", rows.iter().map(|r| r.assessment.target));
    c.numbers(
        "target_year",
        rows.iter().map(|r| year(r.assessment.target_year)),
    );
    c.numbers("baseline_year", rows.iter().map(|r| year(r.baseline_year)));
    c.numbers(
        "window_start",
        rows.iter().map(|r| Some(f64::from(r.assessment.window.0))),
    );
    c.numbers(
        "window_end",
        rows.iter().map(|r| Some(f64::from(r.assessment.window.1))),
    );
    c.numbers("start_value", rows.iter().map(|r| r.assessment.start));
    c.numbers("end_value", rows.iter().map(|r| r.assessment.end));
    c.numbers("actual_cagr", rows.iter().map(|r| r.assessment.actual_cagr));
    c.numbers(
        "required_cagr",
        rows.iter().map(|r| r.assessment.required_cagr),
    );
    c.numbers("ratio", rows.iter().map(|r| r.assessment.ratio));
    c.text("class", rows.iter().map(|r| r.assessment.class.code()));
    c.text(
        "reason",
        rows.iter()
            .map(|r| r.assessment.reason.map_or("", |x| x.code())),
    );
    c.numbers(
        "actual_per_year",
        rows.iter().map(|r| r.assessment.actual_per_year),
    );
    c.numbers(
        "required_per_year",
        rows.iter().map(|r| r.assessment.required_per_year),
    );
    c.text(
        "sdsn_trend",
        rows.iter()
            .map(|r| r.assessment.trend.map_or("", |t| t.code())),
    );
    c.numbers(
        "projected_cagr",
        rows.iter().map(|r| r.assessment.projected_cagr),
    );
    c.numbers(
        "projected_linear",
        rows.iter().map(|r| r.assessment.projected_linear),
    );
    c.numbers(
        "year_reached_cagr",
        rows.iter().map(|r| reached(r.assessment.reach_cagr)),
    );
    c.numbers(
        "year_reached_linear",
        rows.iter().map(|r| reached(r.assessment.reach_linear)),
    );
    c.into_py(py)
}
