//! `yardstick mcda`: TOPSIS, grey relational analysis and coupling coordination on the
//! indicators (or, for coupling, the index's subsystems) of a loaded index.

use yardstick::analysis::mcda::{
    coupling_of_subsystems, grey_relational, topsis, DecisionMatrix, SubsystemCoupling,
    TopsisNormalisation, DEFAULT_DISTINGUISHING_COEFFICIENT,
};
use yardstick::pipeline::weight::{
    coefficient_of_variation_weights, critic_weights, entropy_weights, standard_deviation_weights,
    EntropyConvention,
};
use yardstick::{Dataset, Error, Plan, Results};
use yardstick::{NodeId, PeriodId};

use crate::args::{Format, McdaArgs, Method, Weights};
use crate::output::{number, rounded, TextTable};

/// Decimals shown in `--format table`.
const SHOWN_DECIMALS: usize = 4;

/// Runs `yardstick mcda`.
pub fn mcda(a: &McdaArgs, data: &Dataset, plan: &Plan, period: PeriodId) -> Result<String, Error> {
    let fw = plan.framework();
    let format = a.report.format;
    let show = |x: f64| shown(format, x);
    let topsis_normalisation = match a.method {
        Method::Topsis => Some(TopsisNormalisation::MinMax),
        Method::TopsisVector => Some(TopsisNormalisation::Vector),
        Method::Gra => None,
        Method::Coupling => return coupling(format, data, plan, &plan.run(data, period)?),
    };
    // The criteria are indicators: aggregating and ranking the index would be wasted.
    let results = plan.indicators(data, period)?;

    // TOPSIS and GRA: the indicators as criteria, values after the build's own imputation and
    // treatment, ranked units only.
    let indicators: Vec<NodeId> = fw.indicators().collect();
    let matrix = DecisionMatrix::of_indicators(fw, data, &results, period)?;
    let columns = matrix.column_slices();
    let directions: Vec<_> = indicators.iter().map(|&i| fw.node(i).direction).collect();
    let weights = match a.weights {
        Weights::Meta => indicators
            .iter()
            .map(|&i| fw.node(i).weight.get())
            .collect(),
        Weights::Equal => vec![1.0; indicators.len()],
        Weights::Entropy => entropy_weights(
            "criteria",
            &columns,
            &directions,
            EntropyConvention::RawProportions,
            0.0,
        )?,
        Weights::Critic => critic_weights("criteria", &columns, &directions, false)?,
        Weights::Sd => standard_deviation_weights("criteria", &columns)?,
        Weights::Cv => coefficient_of_variation_weights("criteria", &columns)?,
    };
    // The result as JSON only for `--format json`: for 3,000 units, building it took as
    // long as the method itself.
    let as_json = format == Format::Json;
    let (scores, ranks, json) = match topsis_normalisation {
        Some(normalisation) => {
            let t = topsis(&columns, &directions, &weights, normalisation)?;
            let json = as_json.then(|| serde_json::json!(t));
            (t.closeness, t.ranks, json)
        }
        None => {
            let g = grey_relational(
                &columns,
                &directions,
                &weights,
                DEFAULT_DISTINGUISHING_COEFFICIENT,
            )?;
            let json = as_json.then(|| serde_json::json!(g));
            (g.grades, g.ranks, json)
        }
    };
    let mut table = TextTable::new(&["uCode", "score", "rank"]);
    for (i, &u) in matrix.units.iter().enumerate() {
        table.rows.push(vec![
            data.unit(u).code.to_string(),
            show(scores[i]),
            ranks[i].to_string(),
        ]);
    }
    let json = || {
        serde_json::json!({ "criteria": matrix.criteria, "weights": weights,
        "units": matrix.units.iter().map(|&u| data.unit(u).code.as_str()).collect::<Vec<_>>(),
        "result": json })
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
