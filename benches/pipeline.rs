//! Pipeline benchmarks at the sizes the targets name:
//! - ASEM (51 units × 49 indicators, 4 levels): the default build and COINr's example build
//!   (`examples/asem/coinr_example_build.json`), target well under 1 ms;
//! - a deterministic synthetic panel of 2,844 units × 100 indicators × 10 years through
//!   min-max → arithmetic mean → ranks, target under 20 ms for all ten years (on one core,
//!   and on two with the years shared out);
//! - a live re-weighting of one year of that panel: the second half of the pipeline alone
//!   (weights, aggregation, the aggregates' ranks), what a widget runs on every slider move.
#![allow(missing_docs)] // criterion_group! generates undocumented items.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use yardstick::pipeline::panel::run_periods_into;
use yardstick::PeriodId;

#[path = "common/data.rs"]
mod data;
use yardstick::{BuildSpec, Plan, Rerank, Results, Variation, Weight, Workspace};

fn asem(c: &mut Criterion) {
    let (meta, data) = data::asem();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).expect("plan");
    let mut ws = Workspace::default();
    let mut results = Results::default();
    c.bench_function("asem_minmax_amean_build", |b| {
        b.iter(|| {
            plan.run_into(black_box(&data), PeriodId::new(0), &mut ws, &mut results)
                .expect("run")
        })
    });
    // COINr's example build (denominate, group-mean imputation, screening, winsorisation),
    // the one its documentation times: 83.5 ms in COINr on this kind of machine.
    let spec = BuildSpec::from_json(include_str!("../examples/asem/coinr_example_build.json"))
        .expect("spec");
    let plan = Plan::compile(&meta.framework, &data, &spec).expect("plan");
    c.bench_function("asem_coinr_example_build", |b| {
        b.iter(|| {
            plan.run_into(black_box(&data), PeriodId::new(0), &mut ws, &mut results)
                .expect("run")
        })
    });
}

fn big_panel(c: &mut Criterion) {
    let (framework, data) = data::synthetic(2_844, 100, 10);
    let mut group = c.benchmark_group("panel_2844x100x10");
    group.sample_size(20);
    // Ranks of every column (COINr's results tables), of the aggregates, or of the index.
    for (name, columns) in [
        ("minmax_amean_ranks_all_columns", "all"),
        ("minmax_amean_ranks_aggregates", "aggregates"),
        ("minmax_amean_ranks_index", "index"),
    ] {
        let spec = BuildSpec::from_json(&format!(r#"{{"rank": {{"columns": "{columns}"}}}}"#))
            .expect("spec");
        let plan = Plan::compile(&framework, &data, &spec).expect("plan");
        let mut ws = Workspace::default();
        let mut results = Results::default();
        group.bench_function(name, |b| {
            b.iter(|| {
                for period in data.period_ids() {
                    plan.run_into(&data, period, &mut ws, &mut results)
                        .expect("run");
                    black_box(&results);
                }
            })
        });
        // The years are independent: both cores of the target machine, one block each.
        let mut years = Vec::new();
        group.bench_function(format!("{name}_2_threads"), |b| {
            b.iter(|| {
                run_periods_into(&plan, &data, 2, &mut years).expect("run");
                black_box(&years);
            })
        });
    }
    group.finish();
}

fn reweight(c: &mut Criterion) {
    let (framework, data) = data::synthetic(2_844, 100, 1);
    let mut plan = Plan::compile(&framework, &data, &BuildSpec::default()).expect("plan");
    let mut ws = Workspace::default();
    let mut results = Results::default();
    plan.run_into(&data, PeriodId::new(0), &mut ws, &mut results)
        .expect("run");
    let pillar = framework.index_of("p0").expect("a pillar");
    let again = Variation {
        ranks: Rerank::Aggregates,
        ..Variation::default()
    };
    let mut step = 0u32;
    c.bench_function("reweight_2844x100_second_half", |b| {
        b.iter(|| {
            step = (step + 1) % 10;
            plan.set_weight(pillar, Weight::new(0.5 + f64::from(step)).expect("weight"));
            plan.aggregate_into(&data, &mut ws, &mut results, &again)
                .expect("run");
            black_box(&results);
        })
    });
}

criterion_group!(benches, asem, big_panel, reweight);
criterion_main!(benches);
