//! The command line's own path around the pipeline, in process: reading iData and iMeta from
//! CSV bytes and writing the wide scores CSV, with the pipeline between them, on a matrix like
//! `cargo xtask gen-matrix 3000 100` writes (seeded, made here, 1 % of cells missing, values
//! with two decimals as published statistics have them, about 7 bytes a cell); and reading
//! 300,000 × 20, where the reader must stay linear. `yardstick compute` on 3,000 × 100 has a 15 ms target end to
//! end; `cargo xtask bench-peers` times the command itself and its peak memory.
#![allow(missing_docs)] // criterion_group! generates undocumented items.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use yardstick::io::{self, Column};
use yardstick::{BuildSpec, Dataset, Framework, PeriodId, Plan};

// The shared data module also holds ASEM, which the other benches read.
#[allow(dead_code)]
#[path = "common/data.rs"]
mod data;

/// iData and iMeta as the CSV bytes a user's files hold.
fn csv_files(framework: &Framework, dataset: &Dataset) -> (Vec<u8>, Vec<u8>) {
    let mut idata = String::from("uCode");
    for v in dataset.variables() {
        idata.push(',');
        idata.push_str(v);
    }
    idata.push('\n');
    for (u, unit) in dataset.units().iter().enumerate() {
        idata.push_str(unit.code.as_str());
        for v in 0..dataset.variables().len() {
            idata.push(',');
            if let Some(x) = dataset.column(v, PeriodId::new(0))[u] {
                io::push_shortest(&mut idata, (x * 100.0).round() / 100.0);
            }
        }
        idata.push('\n');
    }
    let mut imeta = String::from("iCode,Level,Parent,Type,Weight,Direction\n");
    for node in framework.nodes() {
        let parent = node.parent.as_ref().map_or("", |p| p.as_str());
        let (level, kind) = match (node.parent.is_some(), node.code.as_str().starts_with('i')) {
            (true, true) => (1, "Indicator"),
            (true, false) => (2, "Aggregate"),
            (false, _) => (3, "Aggregate"),
        };
        imeta.push_str(&format!(
            "{},{level},{parent},{kind},1,1\n",
            node.code.as_str()
        ));
    }
    (idata.into_bytes(), imeta.into_bytes())
}

fn compute_path(c: &mut Criterion) {
    let (framework, dataset) = data::synthetic(3_000, 100, 1);
    let (idata, imeta) = csv_files(&framework, &dataset);
    let (meta, data) = io::read_coin(&idata, "iData.csv", &imeta, "iMeta.csv").expect("reads");
    let spec = BuildSpec::default();
    let plan = Plan::compile(&meta.framework, &data, &spec).expect("plan");
    let results = plan.run(&data, PeriodId::new(0)).expect("run");
    let mut group = c.benchmark_group("compute_3000x100");
    group.bench_function("read_idata_and_imeta", |b| {
        b.iter(|| io::read_coin(black_box(&idata), "iData.csv", &imeta, "iMeta.csv"))
    });
    group.bench_function("pipeline", |b| {
        b.iter(|| {
            Plan::compile(&meta.framework, &data, &spec)
                .and_then(|p| p.run(black_box(&data), PeriodId::new(0)))
        })
    });
    let mut out = Vec::new();
    group.bench_function("write_wide_scores", |b| {
        b.iter(|| {
            out.clear();
            io::write_wide_to(
                &mut out,
                &meta.framework,
                &data,
                &results,
                Column::Scores,
                None,
            )
        })
    });
    group.finish();
}

fn large_read(c: &mut Criterion) {
    let (framework, dataset) = data::synthetic(300_000, 20, 1);
    let (idata, imeta) = csv_files(&framework, &dataset);
    let mut group = c.benchmark_group("read_300000x20");
    group.sample_size(10);
    group.bench_function("read_idata_and_imeta", |b| {
        b.iter(|| io::read_coin(black_box(&idata), "iData.csv", &imeta, "iMeta.csv"))
    });
    group.finish();
}

criterion_group!(benches, compute_path, large_read);
criterion_main!(benches);
