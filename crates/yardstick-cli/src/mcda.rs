//! `yardstick mcda`: TOPSIS, grey relational analysis and coupling coordination on the
//! indicators (or, for coupling, the index's subsystems) of a loaded index.

use yardstick::mcda::{
    coupling_coordination, grey_relational, topsis, CoordinationBands, DecisionMatrix,
    TopsisNormalisation, DEFAULT_DISTINGUISHING_COEFFICIENT,
};
use yardstick::weight::{
    coefficient_of_variation_weights, critic_weights, entropy_weights, standard_deviation_weights,
    EntropyConvention,
};
use yardstick::{Dataset, Error, ErrorKind, Place, Plan};

use crate::args::{Format, Options};
use crate::output::{number, rounded, TextTable};

/// Decimals shown in `--format table`.
const SHOWN_DECIMALS: usize = 4;

fn bad(expected: &str, found: &str, column: &str) -> Error {
    Error::new(
        ErrorKind::Value {
            expected: expected.into(),
            found: found.into(),
        },
        Place::default().column(column),
    )
}

/// Runs `yardstick mcda`.
pub fn mcda(o: &Options, data: &Dataset, plan: &Plan, period: usize) -> Result<String, Error> {
    let results = plan.run(data, period)?;
    let fw = plan.framework();
    let method = o.method.as_deref().unwrap_or("topsis");
    let show = |x: f64| match o.format {
        Format::Table => rounded(Some(x), SHOWN_DECIMALS),
        _ => number(Some(x)),
    };
    let render = |table: TextTable, json: serde_json::Value| match o.format {
        Format::Json => format!("{json}\n"),
        Format::Table => table.to_text(),
        _ => table.to_csv(),
    };

    if method == "coupling" {
        // Subsystems: the children of the index, scored by the build (use a 0–1 scale).
        let children = fw.children(fw.root());
        let units: Vec<usize> = (0..data.n_units())
            .filter(|&u| data.units()[u].is_ranked())
            .collect();
        let mut columns = Vec::with_capacity(children.len());
        for &c in children {
            let mut column = Vec::with_capacity(units.len());
            for &u in &units {
                column.push(results.values[c][u].ok_or_else(|| {
                    Error::new(
                        ErrorKind::Data {
                            problem: "no subsystem score for coupling coordination".into(),
                        },
                        Place::of_indicator(fw.node(c).code.as_str())
                            .unit(data.units()[u].code.as_str()),
                    )
                })?);
            }
            columns.push(column);
        }
        let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        let alphas: Vec<f64> = children.iter().map(|&c| results.weights[c]).collect();
        let bands = CoordinationBands::default();
        let ccd = coupling_coordination(&slices, &alphas, &bands)?;
        let mut table =
            TextTable::new(&["uCode", "coupling", "development", "degree", "band", "rank"]);
        for (i, &u) in units.iter().enumerate() {
            let band = &bands.bands()[ccd.band[i]];
            table.rows.push(vec![
                data.units()[u].code.to_string(),
                show(ccd.coupling[i]),
                show(ccd.development[i]),
                show(ccd.degree[i]),
                band.label_zh.clone().unwrap_or_else(|| band.label.clone()),
                ccd.ranks[i].to_string(),
            ]);
        }
        return Ok(render(table, serde_json::json!(ccd)));
    }

    // TOPSIS and GRA: the indicators as criteria, values after the build's own imputation and
    // treatment, ranked units only.
    let indicators: Vec<usize> = fw.indicators().collect();
    let codes: Vec<&str> = indicators
        .iter()
        .map(|&i| fw.node(i).code.as_str())
        .collect();
    let treated = Dataset::new(
        data.units().to_vec(),
        vec![data.periods()[period]],
        codes.iter().map(|c| (*c).to_owned()).collect(),
        indicators
            .iter()
            .map(|&i| results.treated[i].clone())
            .collect(),
    )?;
    let matrix = DecisionMatrix::from_dataset(&treated, 0, &codes)?;
    let columns = matrix.column_slices();
    let directions: Vec<_> = indicators.iter().map(|&i| fw.node(i).direction).collect();
    let weights = match o.weights.as_deref().unwrap_or("meta") {
        "meta" => indicators
            .iter()
            .map(|&i| fw.node(i).weight.get())
            .collect(),
        "equal" => vec![1.0; indicators.len()],
        "entropy" => entropy_weights(
            "criteria",
            &columns,
            &directions,
            EntropyConvention::RawProportions,
            0.0,
        )?,
        "critic" => critic_weights("criteria", &columns, &directions, false)?,
        "sd" => standard_deviation_weights("criteria", &columns)?,
        "cv" => coefficient_of_variation_weights("criteria", &columns)?,
        other => {
            return Err(bad(
                "meta, equal, entropy, critic, sd or cv",
                other,
                "--weights",
            ))
        }
    };
    let (scores, ranks, json) = match method {
        "topsis" | "topsis-minmax" | "topsis-vector" => {
            let normalisation = if method == "topsis-vector" {
                TopsisNormalisation::Vector
            } else {
                TopsisNormalisation::MinMax
            };
            let t = topsis(&columns, &directions, &weights, normalisation)?;
            (t.closeness.clone(), t.ranks.clone(), serde_json::json!(t))
        }
        "gra" => {
            let g = grey_relational(
                &columns,
                &directions,
                &weights,
                DEFAULT_DISTINGUISHING_COEFFICIENT,
            )?;
            (g.grades.clone(), g.ranks.clone(), serde_json::json!(g))
        }
        other => {
            return Err(bad(
                "topsis, topsis-vector, gra or coupling",
                other,
                "--method",
            ))
        }
    };
    let mut table = TextTable::new(&["uCode", "score", "rank"]);
    for (i, &u) in matrix.units.iter().enumerate() {
        table.rows.push(vec![
            data.units()[u].code.to_string(),
            show(scores[i]),
            ranks[i].to_string(),
        ]);
    }
    let json = serde_json::json!({ "criteria": matrix.criteria, "weights": weights,
        "units": matrix.units.iter().map(|&u| data.units()[u].code.as_str()).collect::<Vec<_>>(),
        "result": json });
    Ok(render(table, json))
}
