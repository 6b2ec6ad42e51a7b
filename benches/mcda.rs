//! MCDA benchmark at the sizes the performance targets name: entropy weights chained
//! into min-max TOPSIS on a deterministic synthetic matrix of 3,000 alternatives × 100
//! criteria (target ≈ 2 ms on one core; pymcdm takes about 33 ms for the same work).
#![allow(missing_docs)] // criterion_group! generates undocumented items.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use yardstick::analysis::mcda::{grey_relational, topsis, TopsisNormalisation};
use yardstick::pipeline::weight::{critic_weights, entropy_weights, EntropyConvention};
use yardstick::Direction;

/// SplitMix64: a tiny deterministic generator, so the synthetic matrix is the same everywhere.
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

/// `m` alternatives × `n` positive criteria on different scales, every fifth one a cost.
fn synthetic(m: usize, n: usize) -> (Vec<Vec<f64>>, Vec<Direction>) {
    let mut rng = SplitMix(20_240_601);
    let columns = (0..n)
        .map(|j| {
            let scale = 10f64.powi((j % 5) as i32);
            (0..m).map(|_| scale * (0.5 + rng.next_f64())).collect()
        })
        .collect();
    let directions = (0..n)
        .map(|j| {
            if j % 5 == 4 {
                Direction::Negative
            } else {
                Direction::Positive
            }
        })
        .collect();
    (columns, directions)
}

fn mcda(c: &mut Criterion) {
    let (columns, directions) = synthetic(3_000, 100);
    let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    c.bench_function("entropy_topsis_minmax_3000x100", |b| {
        b.iter(|| {
            let w = entropy_weights(
                "bench",
                black_box(&slices),
                &directions,
                EntropyConvention::RawProportions,
                0.0,
            )
            .expect("weights");
            topsis(
                black_box(&slices),
                &directions,
                &w,
                TopsisNormalisation::MinMax,
            )
            .expect("topsis")
        })
    });
    let w = entropy_weights(
        "bench",
        &slices,
        &directions,
        EntropyConvention::RawProportions,
        0.0,
    )
    .expect("weights");
    c.bench_function("topsis_minmax_3000x100", |b| {
        b.iter(|| {
            topsis(
                black_box(&slices),
                &directions,
                &w,
                TopsisNormalisation::MinMax,
            )
            .expect("topsis")
        })
    });
    c.bench_function("grey_relational_3000x100", |b| {
        b.iter(|| grey_relational(black_box(&slices), &directions, &w, 0.5).expect("gra"))
    });
    // CRITIC at both sizes of the peer comparison (target ≤ 5.5 ms at 3,000 × 100: ten
    // times scikit-criteria's 59.3 ms in process).
    for (m, n) in [(31, 40), (3_000, 100)] {
        let (columns, directions) = synthetic(m, n);
        let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        c.bench_function(&format!("critic_{m}x{n}"), |b| {
            b.iter(|| {
                critic_weights("bench", black_box(&slices), &directions, false).expect("critic")
            })
        });
    }
    let (columns, directions) = synthetic(31, 40);
    let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    c.bench_function("entropy_topsis_minmax_31x40", |b| {
        b.iter(|| {
            let w = entropy_weights(
                "bench",
                black_box(&slices),
                &directions,
                EntropyConvention::RawProportions,
                0.0,
            )
            .expect("weights");
            topsis(
                black_box(&slices),
                &directions,
                &w,
                TopsisNormalisation::MinMax,
            )
            .expect("topsis")
        })
    });
}

criterion_group!(benches, mcda);
criterion_main!(benches);
