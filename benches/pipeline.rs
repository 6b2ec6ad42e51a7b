//! Pipeline benchmarks at the sizes the targets name:
//! - ASEM (51 units × 49 indicators, 4 levels): COINr's default build, target well under 1 ms;
//! - a deterministic synthetic panel of 2,844 units × 100 indicators × 10 years through
//!   min-max → arithmetic mean → ranks, target under 20 ms for all ten years on one core.
#![allow(missing_docs)] // criterion_group! generates undocumented items.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use yardstick::{
    io, BuildSpec, Dataset, Framework, Indicator, IndicatorCode, NodeKind, Plan, Results, Unit,
    UnitCode, Workspace,
};

fn shared(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn asem(c: &mut Criterion) {
    let (meta, data) = io::read_coin(
        &shared("asem/iData.csv"),
        "iData.csv",
        &shared("asem/iMeta.csv"),
        "iMeta.csv",
    )
    .expect("ASEM loads");
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).expect("plan");
    let mut ws = Workspace::default();
    let mut results = Results::default();
    c.bench_function("asem_minmax_amean_build", |b| {
        b.iter(|| {
            plan.run_into(black_box(&data), 0, &mut ws, &mut results)
                .expect("run")
        })
    });
}

/// SplitMix64: a tiny deterministic generator, so the synthetic panel is the same everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// 100 indicators in 10 pillars under one index; 2,844 units; 10 years; 1% missing cells.
fn synthetic(units: usize, indicators: usize, years: i32) -> (Framework, Dataset) {
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
    let mut rng = SplitMix(2844);
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

fn big_panel(c: &mut Criterion) {
    let (framework, data) = synthetic(2_844, 100, 10);
    let plan = Plan::compile(&framework, &data, &BuildSpec::default()).expect("plan");
    let mut ws = Workspace::default();
    let mut results = Results::default();
    let mut group = c.benchmark_group("panel_2844x100x10");
    group.sample_size(20);
    group.bench_function("minmax_amean_ranks_all_years", |b| {
        b.iter(|| {
            for period in 0..data.periods().len() {
                plan.run_into(&data, period, &mut ws, &mut results)
                    .expect("run");
                black_box(&results);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, asem, big_panel);
criterion_main!(benches);
