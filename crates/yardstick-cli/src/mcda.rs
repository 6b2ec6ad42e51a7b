//! `yardstick mcda`: TOPSIS, grey relational analysis and coupling coordination on the
//! indicators (or, for coupling, the index's subsystems) of a loaded index.

use yardstick::analysis::indicator_mcda::{
    indicator_mcda, CriteriaWeights, IndicatorMcda, McdaMethod,
};
use yardstick::analysis::mcda::{coupling_of_subsystems, SubsystemCoupling, TopsisNormalisation};
use yardstick::PeriodId;
use yardstick::{Dataset, Error, Plan, Results};

use crate::args::{Format, McdaArgs, Method, Weights};
use crate::output::{number, rounded, TextTable};

/// Decimals shown in `--format table`.
const SHOWN_DECIMALS: usize = 4;

/// Runs `yardstick mcda` ([`indicator_mcda`], or coupling coordination).
pub fn mcda(a: &McdaArgs, data: &Dataset, plan: &Plan, period: PeriodId) -> Result<String, Error> {
    let format = a.report.format;
    let show = |x: f64| shown(format, x);
    let method = match a.method {
        Method::Topsis => McdaMethod::Topsis(TopsisNormalisation::MinMax),
        Method::TopsisVector => McdaMethod::Topsis(TopsisNormalisation::Vector),
        Method::Gra => McdaMethod::GreyRelational,
        Method::Coupling => return coupling(format, data, plan, &plan.run(data, period)?),
    };
    let weighting = match a.weights {
        Weights::Meta => CriteriaWeights::Meta,
        Weights::Equal => CriteriaWeights::Equal,
        Weights::Entropy => CriteriaWeights::Entropy,
        Weights::Critic => CriteriaWeights::Critic,
        Weights::Sd => CriteriaWeights::Sd,
        Weights::Cv => CriteriaWeights::Cv,
    };
    let IndicatorMcda {
        matrix,
        weights,
        outcome,
    } = indicator_mcda(plan, data, period, weighting, method)?;
    let mut table = TextTable::new(&["uCode", "score", "rank"]);
    for (i, &u) in matrix.units.iter().enumerate() {
        table.rows.push(vec![
            data.unit(u).code.to_string(),
            show(outcome.scores()[i]),
            outcome.ranks()[i].to_string(),
        ]);
    }
    // The JSON only for `--format json`: for 3,000 units, building it took as long as the
    // method itself.
    let json = || {
        serde_json::json!({ "criteria": matrix.criteria, "weights": weights,
        "units": matrix.units.iter().map(|&u| data.unit(u).code.as_str()).collect::<Vec<_>>(),
        "result": outcome })
    };
    Ok(render(format, table, json))
}

/// A score as shown: rounded for reading in `--format table`, else in full.
fn shown(format: Format, x: f64) -> String {
    match format {
        Format::Table => rounded(Some(x), SHOWN_DECIMALS),
        _ => number(Some(x)),
    }
}

/// The table or the JSON (built only then), as `--format` asks.
fn render(format: Format, table: TextTable, json: impl FnOnce() -> serde_json::Value) -> String {
    match format {
        Format::Json => format!("{}\n", json()),
        Format::Table => table.to_text(),
        Format::Csv => table.to_csv(),
    }
}

/// The coupling coordination degree of the index's subsystems: the children of the root,
/// scored by the build (use a 0–1 scale).
fn coupling(
    format: Format,
    data: &Dataset,
    plan: &Plan,
    results: &Results,
) -> Result<String, Error> {
    let show = |x: f64| shown(format, x);
    let SubsystemCoupling {
        units,
        bands,
        coordination: ccd,
    } = coupling_of_subsystems(plan.framework(), data, results)?;
    let mut table = TextTable::new(&["uCode", "coupling", "development", "degree", "band", "rank"]);
    for (i, &u) in units.iter().enumerate() {
        let band = &bands.bands()[ccd.band[i]];
        table.rows.push(vec![
            data.unit(u).code.to_string(),
            show(ccd.coupling[i]),
            show(ccd.development[i]),
            show(ccd.degree[i]),
            band.label_zh.clone().unwrap_or_else(|| band.label.clone()),
            ccd.ranks[i].to_string(),
        ]);
    }
    Ok(render(format, table, || serde_json::json!(ccd)))
}
