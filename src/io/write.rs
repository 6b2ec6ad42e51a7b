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
    // One allocation for the whole text: a shortest f64 is at most 24 bytes with its comma.
    let cells = (dataset.units().len() + 1) * (framework.nodes().len() + 1);
    let mut out = String::with_capacity(cells * 24);
    let _ = wide_rows(framework, dataset, results, column, round, |row| {
        out.push_str(row);
        Ok(())
    });
    out
}

/// [`write_wide`] into `sink` a row at a time, so that the whole text is never in memory: at
/// 300,000 units the text is larger than the results it shows.
///
/// # Errors
/// What `sink` returns.
pub fn write_wide_to(
    sink: &mut impl std::io::Write,
    framework: &Framework,
    dataset: &Dataset,
    results: &Results,
    column: Column,
    round: Option<u32>,
) -> std::io::Result<()> {
    wide_rows(framework, dataset, results, column, round, |row| {
        sink.write_all(row.as_bytes())
    })
}

/// The rows of the wide CSV, header first, each ending in a line break, built in one reused
/// buffer.
fn wide_rows(
    framework: &Framework,
    dataset: &Dataset,
    results: &Results,
    column: Column,
    round: Option<u32>,
    mut emit: impl FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let round = if column == Column::Ranks { None } else { round };
    let data = cells(results, column);
    let mut row = String::with_capacity((data.len() + 1) * 24);
    row.push_str("uCode");
    for node in framework.nodes() {
        row.push(',');
        quoted(&mut row, node.code.as_str());
    }
    row.push('\n');
    emit(&row)?;
    for (u, unit) in dataset.units().iter().enumerate() {
        row.clear();
        quoted(&mut row, unit.code.as_str());
        for col in data {
            row.push(',');
            number(&mut row, col[u], round);
        }
        row.push('\n');
        emit(&row)?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicator::{Indicator, IndicatorCode, NodeKind};
    use crate::model::unit::{Unit, UnitCode};
    use crate::pipeline::plan::Plan;
    use crate::pipeline::spec::BuildSpec;
    use crate::PeriodId;

    /// Streamed or whole, the wide table is the same bytes: `a,b` quoted, ranks unrounded.
    #[test]
    fn streamed_wide_text_is_the_whole_text() {
        let code = |s: &str| IndicatorCode::new(s).unwrap();
        let framework = Framework::new(vec![
            Indicator::new(code("x"), NodeKind::Indicator).with_parent(code("I")),
            Indicator::new(code("y"), NodeKind::Indicator).with_parent(code("I")),
            Indicator::new(code("I"), NodeKind::Aggregate),
        ])
        .unwrap();
        let units = ["a,b", "c", "d"]
            .iter()
            .map(|c| Unit::new(UnitCode::new(c).unwrap(), (*c).to_owned()))
            .collect();
        let data = Dataset::new(
            units,
            vec![None],
            vec!["x".into(), "y".into()],
            vec![
                vec![Some(1.0), Some(2.5), Some(4.0)],
                vec![Some(3.0), None, Some(1.0)],
            ],
        )
        .unwrap();
        let plan = Plan::compile(&framework, &data, &BuildSpec::default()).unwrap();
        let results = plan.run(&data, PeriodId::new(0)).unwrap();
        for (column, round) in [
            (Column::Scores, None),
            (Column::Scores, Some(2)),
            (Column::Ranks, Some(2)),
        ] {
            let whole = write_wide(&framework, &data, &results, column, round);
            let mut streamed = Vec::new();
            write_wide_to(&mut streamed, &framework, &data, &results, column, round).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), whole);
            assert!(whole.starts_with("uCode,x,y,I\n\"a,b\","), "{whole}");
        }
    }
}
