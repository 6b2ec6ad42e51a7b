//! Gap tables and catch-up: `yardstick gap` and `yardstick catchup` as columns, with the
//! CLI's column names and the same `compare` language (`leader`, `frontier`, `mean`, `median`,
//! a unit code, `group:A,B`, `group-median:A,B`, `group-best:A,B`, `target:VALUE`).

use pyo3::prelude::*;
use pyo3::types::PyList;
use yardstick::analysis::catchup::{
    catch_up_series, growth_to_reach, years_to_catch_up, CatchUpSeries, Growth, Source,
};
use yardstick::analysis::gap::{self, gap_change, Comparison};
use yardstick::{Direction, Error, ErrorKind, Place};

use crate::columns::Columns;
use crate::data::Data;
use crate::error::Raise;

/// Reads `compare` as the CLI's `--compare` does ([`Comparison::parse`]); every unit code
/// must be in the data.
pub fn comparison(text: &str, data: &Data) -> Result<Comparison, Error> {
    let comparison = Comparison::parse(text, &data.data)?;
    for code in comparison.unit_codes() {
        data.unit(code)?;
    }
    Ok(comparison)
}

/// `yardstick gap`: the gap table of `focus` against `compare` for `year`, every node,
/// with the change since `base_year` when given.
#[pyfunction]
#[pyo3(signature = (data, focus, compare, spec=None, year=None, base_year=None))]
pub fn gap_table<'py>(
    data: PyRef<'_, Data>,
    py: Python<'py>,
    focus: &str,
    compare: &str,
    spec: Option<&str>,
    year: Option<i32>,
    base_year: Option<i32>,
) -> PyResult<Bound<'py, PyList>> {
    let plan = data.plan(spec).py()?;
    let period = data.period(year).py()?;
    let focus = data.unit(focus).py()?;
    let comparison = comparison(compare, &data).py()?;
    let results = plan.run(&data.data, period).py()?;
    let table = gap::gap_table(&plan, &data.data, &results, focus, &comparison).py()?;
    let rows = &table.rows;
    let mut c = Columns::new();
    c.text("iCode", rows.iter().map(|r| r.code.clone()));
    c.numbers("level", rows.iter().map(|r| Some(f64::from(r.level))));
    c.numbers("focus", rows.iter().map(|r| r.focus));
    c.numbers("comparison", rows.iter().map(|r| r.comparison));
    c.numbers("gap", rows.iter().map(|r| r.gap));
    c.numbers("percent", rows.iter().map(|r| r.percent));
    c.numbers("focus_raw", rows.iter().map(|r| r.focus_raw));
    c.numbers("comparison_raw", rows.iter().map(|r| r.comparison_raw));
    c.numbers("gap_raw", rows.iter().map(|r| r.gap_raw));
    c.numbers("focus_rank", rows.iter().map(|r| r.focus_rank));
    c.numbers("comparison_rank", rows.iter().map(|r| r.comparison_rank));
    c.numbers("rank_gap", rows.iter().map(|r| r.rank_gap));
    c.numbers(
        "contribution_to_parent",
        rows.iter().map(|r| r.contribution_to_parent),
    );
    c.numbers(
        "contribution_to_index",
        rows.iter().map(|r| r.contribution_to_index),
    );
    if let Some(y) = base_year {
        let base = data.period(Some(y)).py()?;
        let changes = gap_change(&plan, &data.data, focus, &comparison, base, period).py()?;
        c.numbers("base_gap", changes.iter().map(|c| c.base_gap));
        c.numbers("change", changes.iter().map(|c| c.change));
        c.numbers("change_per_year", changes.iter().map(|c| c.change_per_year));
        c.flags("closing", changes.iter().map(|c| c.closing));
        c.numbers("base_rank", changes.iter().map(|c| c.base_rank));
        c.numbers("places_gained", changes.iter().map(|c| c.places_gained));
    }
    c.into_py(py)
}

/// `yardstick catchup`: years for `focus` to reach `compare` at the growth of `window`
/// (default: the first and last year), and the growth needed by `deadline`, by compound
/// rate (`cagr`) and by linear trend (`trend`). `indicator` uses that raw series instead
/// of the index score. `years` is infinite where the focus never catches up.
#[pyfunction]
#[pyo3(signature = (data, focus, compare, deadline, spec=None, window=None, indicator=None))]
#[allow(clippy::too_many_arguments)]
pub fn catch_up<'py>(
    data: PyRef<'_, Data>,
    py: Python<'py>,
    focus: &str,
    compare: &str,
    deadline: i32,
    spec: Option<&str>,
    window: Option<(i32, i32)>,
    indicator: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let plan = data.plan(spec).py()?;
    let focus = data.unit(focus).py()?;
    let fw = plan.framework();
    let source = match indicator {
        Some(code) => Source::Variable {
            variable: data
                .data
                .variable_index(code)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Structure {
                            expected: format!("a data column '{code}'"),
                        },
                        Place::default().column(code),
                    )
                })
                .py()?,
            direction: fw
                .index_of(code)
                .map_or(Direction::Positive, |n| fw.node(n).direction),
        },
        None => Source::Score { node: fw.root() },
    };
    let comparison = comparison(compare, &data).py()?;
    let CatchUpSeries {
        focus: focus_series,
        comparison: comparison_series,
    } = catch_up_series(&data.data, source, focus, &comparison, |p| {
        plan.run(&data.data, p)
    })
    .py()?;
    let years: Vec<i32> = focus_series.iter().map(|(y, _)| *y).collect();
    let window = window.unwrap_or((
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
    ));
    let mut rows = Vec::new();
    for growth in [Growth::Cagr, Growth::LinearTrend] {
        let c = years_to_catch_up(&focus_series, &comparison_series, window, growth).py()?;
        let need = growth_to_reach(&c, deadline).py()?;
        rows.push((growth, c, need));
    }
    let mut c = Columns::new();
    c.text(
        "growth",
        rows.iter().map(|(g, _, _)| match g {
            Growth::Cagr => "cagr",
            Growth::LinearTrend => "trend",
        }),
    );
    c.text(
        "window",
        rows.iter().map(|_| format!("{}:{}", window.0, window.1)),
    );
    c.numbers("focus", rows.iter().map(|(_, c, _)| Some(c.focus)));
    c.numbers(
        "comparison",
        rows.iter().map(|(_, c, _)| Some(c.comparison)),
    );
    c.numbers(
        "focus_growth",
        rows.iter().map(|(_, c, _)| Some(c.focus_growth)),
    );
    c.numbers(
        "comparison_growth",
        rows.iter().map(|(_, c, _)| Some(c.comparison_growth)),
    );
    c.numbers(
        "years",
        rows.iter()
            .map(|(_, c, _)| Some(c.years.map_or(f64::INFINITY, f64::from))),
    );
    c.numbers("year_reached", rows.iter().map(|(_, c, _)| c.year_reached));
    c.numbers("deadline", rows.iter().map(|_| Some(f64::from(deadline))));
    c.numbers(
        "target_at_deadline",
        rows.iter().map(|(_, _, n)| Some(n.target)),
    );
    c.numbers("needed_cagr", rows.iter().map(|(_, _, n)| Some(n.cagr)));
    c.numbers(
        "needed_per_year",
        rows.iter().map(|(_, _, n)| Some(n.per_year)),
    );
    c.into_py(py)
}
