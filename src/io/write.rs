//! Writing results: wide CSV (COINr's layout), long CSV and JSON. Numbers use Rust's shortest
//! round-trip formatting unless rounding is asked for.

use std::fmt::Write;

use serde_json::{json, Value};

use crate::io::decimal::push_shortest;
use crate::model::dataset::Dataset;
use crate::model::framework::Framework;
use crate::model::ids::NodeId;
use crate::pipeline::results::Results;

/// Which results to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Normalised indicator values and aggregate scores.
    Scores,
    /// Ranks.
    Ranks,
}

fn cells(results: &Results, column: Column) -> &[Vec<Option<f64>>] {
    match column {
        Column::Scores => &results.values,
        Column::Ranks => &results.ranks,
    }
}

fn number(out: &mut String, x: Option<f64>, round: Option<u32>) {
    match (x, round) {
        (None, _) => {}
        (Some(x), None) => push_shortest(out, x),
        // Writing to a String cannot fail.
        (Some(x), Some(d)) => {
            let _ = write!(out, "{x:.*}", d as usize);
        }
    }
}

fn quoted(out: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Wide CSV: header `uCode` then every node code in iMeta order; one row per unit in input
/// order. Ranks are never rounded.
pub fn write_wide(
    framework: &Framework,
    dataset: &Dataset,
    results: &Results,
    column: Column,
    round: Option<u32>,
) -> String {
    let round = if column == Column::Ranks { None } else { round };
    let data = cells(results, column);
    // One allocation for the whole text: a shortest f64 is at most 24 bytes with its comma.
    let mut out = String::with_capacity((dataset.units().len() + 1) * (data.len() + 1) * 24);
    out.push_str("uCode");
    for node in framework.nodes() {
        out.push(',');
        quoted(&mut out, node.code.as_str());
    }
    out.push('\n');
    for (u, unit) in dataset.units().iter().enumerate() {
        quoted(&mut out, unit.code.as_str());
        for col in data {
            out.push(',');
            number(&mut out, col[u], round);
        }
        out.push('\n');
    }
    out
}

/// Long CSV: `uCode,Time,iCode,value,rank`, one row per unit and node.
pub fn write_long(
    framework: &Framework,
    dataset: &Dataset,
    results: &Results,
    round: Option<u32>,
) -> String {
    let mut out = String::with_capacity(dataset.units().len() * framework.nodes().len() * 64);
    out.push_str("uCode,Time,iCode,value,rank\n");
    let year = results.year.map(|y| y.to_string()).unwrap_or_default();
    for (u, unit) in dataset.units().iter().enumerate() {
        for (i, node) in framework.nodes().iter().enumerate() {
            quoted(&mut out, unit.code.as_str());
            out.push(',');
            out.push_str(&year);
            out.push(',');
            quoted(&mut out, node.code.as_str());
            out.push(',');
            number(&mut out, results.values[i][u], round);
            out.push(',');
            number(&mut out, results.ranks[i][u], None);
            out.push('\n');
        }
    }
    out
}

/// JSON: `{"year": …, "units": [...], "nodes": [{"code", "level", "weight", "values", "ranks"}],
/// "report": {...}}`; missing is `null`.
pub fn results_json(framework: &Framework, dataset: &Dataset, results: &Results) -> Value {
    let nodes: Vec<Value> = framework
        .nodes()
        .iter()
        .enumerate()
        .map(|(i, node)| {
            json!({
                "code": node.code.as_str(),
                "name": node.name,
                "level": framework.level(NodeId::new(i)),
                "parent": node.parent.as_ref().map(|p| p.as_str()),
                "weight": results.weights[i],
                "values": results.values[i],
                "ranks": results.ranks[i],
            })
        })
        .collect();
    let units: Vec<Value> = dataset
        .units()
        .iter()
        .map(|u| json!({"code": u.code.as_str(), "name": u.name, "names": u.names, "kind": u.kind, "groups": u.groups}))
        .collect();
    json!({
        "year": results.year,
        "units": units,
        "nodes": nodes,
        "report": results.report,
    })
}
