//! `yardstick gap` and `yardstick catchup`: library calls on the loaded index plus output.

use yardstick::analysis::catchup::{
    catch_up_series, growth_to_reach, years_to_catch_up, CatchUpSeries, Growth, Source,
};
use yardstick::analysis::gap::{gap_change, gap_table, Comparison};
use yardstick::PeriodId;
use yardstick::{Dataset, Direction, Error, ErrorKind, Place, Plan};

use crate::args::{CatchupArgs, Format, GapArgs};
use crate::output::{number, rounded, TextTable};
use crate::unit_code::unit_index;

/// Decimals shown in `--format table`.
const SHOWN_DECIMALS: usize = 2;

/// Parses `--compare` ([`Comparison::parse`]); a unit code not in the data is an error that
/// names the nearest codes.
pub fn comparison(text: &str, data: &Dataset) -> Result<Comparison, Error> {
    let comparison = Comparison::parse(text, data)?;
    for code in comparison.unit_codes() {
        unit_index(data, code)?;
    }
    Ok(comparison)
}

/// The period of `--base-year`, or an error naming the year the data lack.
pub fn base_period(data: &Dataset, year: i32) -> Result<PeriodId, Error> {
    data.period_of_year(year).ok_or_else(|| {
        Error::new(
            ErrorKind::Structure {
                expected: format!("rows for the base year {year}"),
            },
            Place::default().column("Time"),
        )
    })
}

/// Runs `yardstick gap`.
pub fn gap(a: &GapArgs, data: &Dataset, plan: &Plan, period: PeriodId) -> Result<String, Error> {
    let focus = unit_index(data, &a.benchmark.focus)?;
    let comparison = comparison(&a.benchmark.compare, data)?;
    let results = plan.run(data, period)?;
    let table = gap_table(plan, data, &results, focus, &comparison)?;
    let changes = match a.base_year {
        None => None,
        Some(y) => {
            let base = base_period(data, y)?;
            Some(gap_change(plan, data, focus, &comparison, base, period)?)
        }
    };
    let format = a.report.format;
    if format == Format::Json {
        let mut value = serde_json::json!({ "gaps": table });
        if let Some(changes) = &changes {
            value["changes"] = serde_json::json!(changes);
        }
        return Ok(format!("{value}\n"));
    }
    let show = |x: Option<f64>| match format {
        Format::Table => rounded(x, SHOWN_DECIMALS),
        _ => number(x),
    };
    let mut header = vec![
        "iCode",
        "level",
        "focus",
        "comparison",
        "gap",
        "percent",
        "focus_raw",
        "comparison_raw",
        "gap_raw",
        "focus_rank",
        "comparison_rank",
        "rank_gap",
        "contribution_to_parent",
        "contribution_to_index",
    ];
    if changes.is_some() {
        header.extend([
            "base_gap",
            "change",
            "change_per_year",
            "closing",
            "base_rank",
            "places_gained",
        ]);
    }
    let mut out = TextTable::new(&header);
    for (i, r) in table.rows.iter().enumerate() {
        let mut row = vec![
            r.code.clone(),
            r.level.to_string(),
            show(r.focus),
            show(r.comparison),
            show(r.gap),
            show(r.percent),
            show(r.focus_raw),
            show(r.comparison_raw),
            show(r.gap_raw),
            number(r.focus_rank),
            number(r.comparison_rank),
            number(r.rank_gap),
            show(r.contribution_to_parent),
            show(r.contribution_to_index),
        ];
        if let Some(changes) = &changes {
            let c = &changes[i];
            row.extend([
                show(c.base_gap),
                show(c.change),
                show(c.change_per_year),
                c.closing.map(|b| b.to_string()).unwrap_or_default(),
                number(c.base_rank),
                number(c.places_gained),
            ]);
        }
        out.rows.push(row);
    }
    Ok(match format {
        Format::Table => format!(
            "{} vs {} ({})\n{}",
            table.focus,
            table.comparison,
            table.year.map(|y| y.to_string()).unwrap_or_default(),
            out.to_text()
        ),
        _ => out.to_csv(),
    })
}

/// Runs `yardstick catchup`: years to reach the comparison at the growth of `--window`, and
/// the growth needed by `--deadline`, by compound rate and by linear trend.
pub fn catchup(a: &CatchupArgs, data: &Dataset, plan: &Plan) -> Result<String, Error> {
    let focus = unit_index(data, &a.benchmark.focus)?;
    let source = match &a.indicator {
        Some(code) => Source::Variable {
            variable: data.variable_index(code).ok_or_else(|| {
                Error::new(
                    ErrorKind::Structure {
                        expected: format!("a data column '{code}'"),
                    },
                    Place::default().column(code.as_str()),
                )
            })?,
            direction: plan
                .framework()
                .index_of(code)
                .map_or(Direction::Positive, |n| plan.framework().node(n).direction),
        },
        None => Source::Score {
            node: plan.framework().root(),
        },
    };
    let comparison = comparison(&a.benchmark.compare, data)?;
    let CatchUpSeries {
        focus: focus_series,
        comparison: comparison_series,
    } = catch_up_series(data, source, focus, &comparison, |p| plan.run(data, p))?;
    let years: Vec<i32> = focus_series.iter().map(|(y, _)| *y).collect();
    let window = a.window.unwrap_or((
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
    ));
    let deadline = a.deadline;
    let mut out = TextTable::new(&[
        "growth",
        "window",
        "focus",
        "comparison",
        "focus_growth",
        "comparison_growth",
        "years",
        "year_reached",
        "deadline",
        "target_at_deadline",
        "needed_cagr",
        "needed_per_year",
    ]);
    let mut json = Vec::new();
    for growth in [Growth::Cagr, Growth::LinearTrend] {
        let c = years_to_catch_up(&focus_series, &comparison_series, window, growth)?;
        let need = growth_to_reach(&c, deadline)?;
        out.rows.push(vec![
            match growth {
                Growth::Cagr => "cagr".into(),
                Growth::LinearTrend => "trend".into(),
            },
            format!("{}:{}", window.0, window.1),
            number(Some(c.focus)),
            number(Some(c.comparison)),
            number(Some(c.focus_growth)),
            number(Some(c.comparison_growth)),
            c.years.map_or("never".into(), |y| y.to_string()),
            number(c.year_reached),
            deadline.to_string(),
            number(Some(need.target)),
            number(Some(need.cagr)),
            number(Some(need.per_year)),
        ]);
        json.push(serde_json::json!({"catch_up": c, "needed": need}));
    }
    Ok(match a.report.format {
        Format::Json => format!("{}\n", serde_json::Value::Array(json)),
        Format::Table => out.to_text(),
        _ => out.to_csv(),
    })
}
