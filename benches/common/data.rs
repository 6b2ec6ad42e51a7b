//! Data the benches share: COINr's ASEM example from `data/asem/`, and a deterministic
//! synthetic panel (seeded, so every machine measures the same data).

use std::path::PathBuf;

use yardstick::rng::Rng;
use yardstick::{io, Dataset, Framework, Indicator, IndicatorCode, NodeKind, Unit, UnitCode};

/// ASEM's iMeta and iData.
pub fn asem() -> (io::Meta, Dataset) {
    let read = |name: &str| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("data/asem")
            .join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    io::read_coin(
        &read("iData.csv"),
        "iData.csv",
        &read("iMeta.csv"),
        "iMeta.csv",
    )
    .expect("ASEM loads")
}

/// 100 indicators in 10 pillars under one index; 2,844 units; 10 years; 1% missing cells.
pub fn synthetic(units: usize, indicators: usize, years: i32) -> (Framework, Dataset) {
    let code = |s: String| IndicatorCode::new(&s).expect("code");
    let pillars = indicators / 10;
    let mut nodes = Vec::new();
    for i in 0..indicators {
        nodes.push(
            Indicator::new(code(format!("i{i}")), NodeKind::Indicator)
                .with_parent(code(format!("p{}", i % pillars))),
        );
    }
    for p in 0..pillars {
        nodes.push(
            Indicator::new(code(format!("p{p}")), NodeKind::Aggregate)
                .with_parent(code("Index".into())),
        );
    }
    nodes.push(Indicator::new(code("Index".into()), NodeKind::Aggregate));
    let framework = Framework::new(nodes).expect("framework");
    let unit_list: Vec<Unit> = (0..units)
        .map(|u| {
            Unit::new(
                UnitCode::new(&format!("U{u:04}")).expect("unit"),
                format!("Unit {u}"),
            )
        })
        .collect();
    let mut rng = Rng::seed_from_u64(2844);
    let cells = units * years as usize;
    let values = (0..indicators)
        .map(|_| {
            (0..cells)
                .map(|_| {
                    let x = rng.next_f64();
                    (x > 0.01).then_some(x * 1000.0)
                })
                .collect()
        })
        .collect();
    let data = Dataset::new(
        unit_list,
        (2014..2014 + years).map(Some).collect(),
        (0..indicators).map(|i| format!("i{i}")).collect(),
        values,
    )
    .expect("dataset");
    (framework, data)
}
