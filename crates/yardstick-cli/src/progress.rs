//! `yardstick progress`: targets from iMeta and a targets file, the library's assessment of
//! every unit × indicator, and its output as CSV, JSON or a text table.

use std::path::Path;

use yardstick::analysis::progress::{progress, Assessment, Progress, Reach};
use yardstick::io::{self, Meta};
use yardstick::model::target::Targets;
use yardstick::{Dataset, Error, Plan};

use crate::args::{Format, ProgressArgs};
use crate::output::{number, rounded, TextTable};
use crate::unit_code::unit_index;

/// Decimals shown in `--format table`.
const SHOWN_DECIMALS: usize = 4;

/// The columns of the CSV output, also the keys of each JSON row: snake case, one value per
/// cell, so that a data frame reads either without renaming.
pub const COLUMNS: [&str; 21] = [
    "uCode",
    "iCode",
    "target",
    "target_year",
    "baseline_year",
    "window_start",
    "window_end",
    "start_value",
    "end_value",
    "actual_cagr",
    "required_cagr",
    "ratio",
    "class",
    "reason",
    "actual_per_year",
    "required_per_year",
    "sdsn_trend",
    "projected_cagr",
    "projected_linear",
    "year_reached_cagr",
    "year_reached_linear",
];

/// The targets of a run ([`io::run_targets`]) from iMeta and the targets file at `file`.
pub fn targets(
    file: Option<&Path>,
    deadline: Option<i32>,
    meta_file: &Path,
    meta: &Meta,
    data: &Dataset,
) -> Result<Targets, Error> {
    let bytes = file.map(io::read_file).transpose()?;
    let name = file.map(|p| p.display().to_string());
    io::run_targets(
        &meta.framework,
        &meta_file.display().to_string(),
        deadline,
        bytes.as_deref().zip(name.as_deref()),
        data,
    )
}

/// Runs `yardstick progress`.
pub fn run(a: &ProgressArgs, meta: &Meta, data: &Dataset, plan: &Plan) -> Result<String, Error> {
    let targets = targets(a.targets.as_deref(), a.deadline, &a.inputs.meta, meta, data)?;
    let focus = a
        .focus
        .as_deref()
        .map(|code| unit_index(data, code))
        .transpose()?;
    let mut result = progress(plan, data, &targets, a.window, |p| plan.run(data, p))?;
    if let Some(focus) = focus {
        result.rows.retain(|r| r.unit == focus);
    }
    Ok(render(&result, plan, data, a.report.format))
}

/// A year reached as a cell: `achieved`, `never`, the year, or empty.
fn reach(r: Option<Reach>, decimals: Option<usize>) -> String {
    match r {
        None => String::new(),
        Some(Reach::Achieved) => "achieved".into(),
        Some(Reach::Never) => "never".into(),
        Some(Reach::Year(y)) => match decimals {
            Some(d) => rounded(Some(y), d),
            None => number(Some(y)),
        },
    }
}

/// One row's cells, in the order of [`COLUMNS`].
fn cells(
    unit: &str,
    node: &str,
    baseline: Option<i32>,
    a: &Assessment,
    decimals: Option<usize>,
) -> Vec<String> {
    let num = |x: Option<f64>| match decimals {
        Some(d) => rounded(x, d),
        None => number(x),
    };
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    vec![
        unit.to_owned(),
        node.to_owned(),
        num(a.target),
        year(a.target_year),
        year(baseline),
        a.window.0.to_string(),
        a.window.1.to_string(),
        num(a.start),
        num(a.end),
        num(a.actual_cagr),
        num(a.required_cagr),
        num(a.ratio),
        a.class.code().to_owned(),
        a.reason.map(|r| r.code().to_owned()).unwrap_or_default(),
        num(a.actual_per_year),
        num(a.required_per_year),
        a.trend.map(|t| t.code().to_owned()).unwrap_or_default(),
        num(a.projected_cagr),
        num(a.projected_linear),
        reach(a.reach_cagr, decimals),
        reach(a.reach_linear, decimals),
    ]
}

/// The assessment as CSV, JSON (an array of objects keyed by [`COLUMNS`], numbers as
/// numbers, the reason's year where it has one) or a text table.
pub fn render(p: &Progress, plan: &Plan, data: &Dataset, format: Format) -> String {
    let fw = plan.framework();
    let code = |r: &yardstick::analysis::progress::ProgressRow| {
        (
            data.unit(r.unit).code.as_str(),
            fw.node(r.node).code.as_str(),
        )
    };
    match format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = p
                .rows
                .iter()
                .map(|r| {
                    let (unit, node) = code(r);
                    let a = &r.assessment;
                    let reach = |x: Option<Reach>| match x {
                        None => serde_json::Value::Null,
                        Some(Reach::Year(y)) => serde_json::json!(y),
                        Some(Reach::Achieved) => "achieved".into(),
                        Some(Reach::Never) => "never".into(),
                    };
                    serde_json::json!({
                        "uCode": unit,
                        "iCode": node,
                        "target": a.target,
                        "target_year": a.target_year,
                        "baseline_year": r.baseline_year,
                        "window_start": a.window.0,
                        "window_end": a.window.1,
                        "start_value": a.start,
                        "end_value": a.end,
                        "actual_cagr": a.actual_cagr,
                        "required_cagr": a.required_cagr,
                        "ratio": a.ratio,
                        "class": a.class,
                        "reason": a.reason,
                        "actual_per_year": a.actual_per_year,
                        "required_per_year": a.required_per_year,
                        "sdsn_trend": a.trend,
                        "projected_cagr": a.projected_cagr,
                        "projected_linear": a.projected_linear,
                        "year_reached_cagr": reach(a.reach_cagr),
                        "year_reached_linear": reach(a.reach_linear),
                    })
                })
                .collect();
            format!("{}\n", serde_json::Value::Array(rows))
        }
        Format::Csv | Format::Table => {
            let decimals = (format == Format::Table).then_some(SHOWN_DECIMALS);
            let mut out = TextTable::new(&COLUMNS);
            for r in &p.rows {
                let (unit, node) = code(r);
                out.rows
                    .push(cells(unit, node, r.baseline_year, &r.assessment, decimals));
            }
            if format == Format::Table {
                out.to_text()
            } else {
                out.to_csv()
            }
        }
    }
}
