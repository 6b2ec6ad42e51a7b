//! Guangxi's innovation gap to its benchmark provinces, from the official provincial panel in
//! `data/cn-provinces/` (R&D bulletins and the S&T yearbook, 31 provinces).
//!
//! A small composite: an input pillar (R&D intensity, R&D expenditure) and an output pillar
//! (invention patents, all patents granted), min-max 0–100, arithmetic means. The table shows
//! the gap on every node, each node's contribution to the index gap, and the change since 2011.
//!
//! Run from the repository root: `cargo run --example provinces_benchmark`.

use std::path::Path;

use yardstick::analysis::gap::{gap_change, gap_table, Comparison, GroupStatistic};
use yardstick::io::{read_data, read_file, read_long};
use yardstick::{BuildSpec, Framework, Indicator, IndicatorCode, NodeKind, Plan, Unit};

const FOLDER: &str = "data/cn-provinces";
/// Guangxi's GB/T 2260 code.
const FOCUS: &str = "450000";
/// Zhejiang, Fujian, Jiangsu, Guangdong, Shanghai.
const BENCHMARK: [&str; 5] = ["330000", "350000", "320000", "440000", "310000"];

fn main() -> Result<(), yardstick::Error> {
    let folder = Path::new(FOLDER);
    let units = provinces(&read_file(&folder.join("provinces.csv"))?)?;
    let data = read_long(
        &read_file(&folder.join("panel.csv"))?,
        "panel.csv",
        Some(units),
    )?;
    let framework = innovation_framework()?;
    let plan = Plan::compile(&framework, &data, &BuildSpec::default())?;
    let focus = data.unit_index(FOCUS).expect("Guangxi is in the panel");
    let (base, now) = (
        data.period_of_year(2011).expect("2011 in the panel"),
        data.period_of_year(2020).expect("2020 in the panel"),
    );
    let results = plan.run(&data, now)?;
    let comparison = Comparison::Group {
        units: BENCHMARK.map(String::from).to_vec(),
        statistic: GroupStatistic::Mean,
    };
    let table = gap_table(&plan, &data, &results, focus, &comparison)?;
    let changes = gap_change(&plan, &data, focus, &comparison, base, now)?;

    println!("Guangxi vs the benchmark five (mean of Zhejiang, Fujian, Jiangsu, Guangdong, Shanghai), 2020");
    println!(
        "{:<27} {:>7} {:>7} {:>7} {:>11} {:>9}  {:>12}  {:>10}",
        "node", "Guangxi", "bench.", "gap", "to index", "raw gap", "gap in 2011", "rank 11→20"
    );
    for (row, change) in table.rows.iter().zip(&changes) {
        let i = framework.index_of(&row.code).expect("a node");
        let name = &framework.node(i).name;
        let f = |x: Option<f64>| x.map_or("–".to_owned(), |x| format!("{x:.1}"));
        println!(
            "{:<27} {:>7} {:>7} {:>7} {:>11} {:>9}  {:>12}  {:>10}",
            format!("{}{name}", "  ".repeat(3 - framework.level(i) as usize)),
            f(row.focus),
            f(row.comparison),
            f(row.gap),
            f(row.contribution_to_index),
            f(row.gap_raw),
            f(change.base_gap),
            format!(
                "{}→{}",
                change.base_rank.map_or("–".into(), |r| r.to_string()),
                change.rank.map_or("–".into(), |r| r.to_string())
            ),
        );
    }
    Ok(())
}

/// Units with Chinese and English names and the NBS regions, from `provinces.csv`.
fn provinces(bytes: &[u8]) -> Result<Vec<Unit>, yardstick::Error> {
    // The table's code column is `code`; the wide reader wants `uCode`.
    let text = String::from_utf8_lossy(bytes).replacen("code,", "uCode,", 1);
    let table = read_data(text.as_bytes(), "provinces.csv", None)?;
    Ok(table
        .units()
        .iter()
        .map(|row| {
            let mut unit = Unit::new(row.code.clone(), row.groups["name_zh"].clone());
            unit.names
                .insert("en".into(), row.groups["name_en"].clone());
            for group in ["region4", "region3", "iso"] {
                unit.groups.insert(group.into(), row.groups[group].clone());
            }
            unit
        })
        .collect())
}

/// Innovation index: input pillar (R&D) and output pillar (patents), equal weights.
fn innovation_framework() -> Result<Framework, yardstick::Error> {
    let code = |c: &str| IndicatorCode::new(c);
    let node =
        |c: &str, name: &str, kind, parent: Option<&str>| -> Result<Indicator, yardstick::Error> {
            let mut n = Indicator::new(code(c)?, kind);
            n.name = name.to_owned();
            n.parent = parent.map(code).transpose()?;
            Ok(n)
        };
    Framework::new(vec![
        node(
            "rd_intensity",
            "R&D intensity (%)",
            NodeKind::Indicator,
            Some("Input"),
        )?,
        node(
            "rd_expenditure",
            "R&D expenditure (100M yuan)",
            NodeKind::Indicator,
            Some("Input"),
        )?,
        node(
            "invention_patents_granted",
            "Invention patents",
            NodeKind::Indicator,
            Some("Output"),
        )?,
        node(
            "patents_granted",
            "Patents granted",
            NodeKind::Indicator,
            Some("Output"),
        )?,
        node(
            "Input",
            "R&D input",
            NodeKind::Aggregate,
            Some("Innovation"),
        )?,
        node(
            "Output",
            "Patent output",
            NodeKind::Aggregate,
            Some("Innovation"),
        )?,
        node("Innovation", "Innovation index", NodeKind::Aggregate, None)?,
    ])
}
