//! Uncertainty analysis on ASEM with COINr's sensitivity-vignette choices
//! (`examples/asem/uncertainty.json`): reproducibility, the nominal case, and sane statistics.

use yardstick::robustness::uncertainty::{Engine, UncertaintySpec};
use yardstick::PeriodId;
use yardstick::Plan;

use crate::shared::asem;

const SPEC: &str = include_str!("../../examples/asem/uncertainty.json");

#[test]
fn same_seed_gives_identical_results_and_another_seed_differs() {
    let (meta, data) = asem();
    let spec: UncertaintySpec = serde_json::from_str(SPEC).unwrap();
    let run = |seed| {
        let mut engine =
            Engine::new(&meta.framework, &data, PeriodId::new(0), spec.clone(), seed).unwrap();
        engine.uncertainty(300, seed, 10).unwrap()
    };
    let (a, b, c) = (run(1), run(1), run(2));
    assert_eq!(a, b);
    assert_ne!(a.units, c.units);
    assert_eq!(a.factors.len(), 4); // treat, normalise, weights, aggregate
                                    // z-scores with a geometric mean fail where a score is ≤ 0, as in COINr: counted, not hidden.
    assert!(a.failed < a.runs);
    assert_eq!(a.failed > 0, a.first_failure.is_some());
}

#[test]
fn with_nothing_uncertain_every_replication_is_the_nominal_build() {
    let (meta, data) = asem();
    let mut spec: UncertaintySpec = serde_json::from_str(SPEC).unwrap();
    spec.treat.clear();
    spec.normalise.clear();
    spec.weights = None;
    spec.aggregate.clear();
    let mut engine =
        Engine::new(&meta.framework, &data, PeriodId::new(0), spec.clone(), 7).unwrap();
    assert!(engine.factors().is_empty());
    let nominal = Plan::compile(&meta.framework, &data, &spec.build)
        .unwrap()
        .run(&data, PeriodId::new(0))
        .unwrap();
    let root = meta.framework.root();
    for _ in 0..5 {
        let rep = engine.replicate(&[]).unwrap();
        assert_eq!(rep.values, nominal.values);
        assert_eq!(rep.ranks(root), nominal.ranks(root));
    }
    let stats = engine.uncertainty(50, 3, 5).unwrap();
    for unit in &stats.units {
        assert_eq!(unit.median, unit.nominal);
        assert_eq!(unit.p05, unit.nominal);
        assert_eq!(unit.p95, unit.nominal);
        assert_eq!(unit.mean_abs_shift.unwrap_or(0.0), 0.0);
    }
}

#[test]
fn rank_bands_contain_the_median_and_probabilities_are_shares() {
    let (meta, data) = asem();
    let spec: UncertaintySpec = serde_json::from_str(SPEC).unwrap();
    let mut engine = Engine::new(&meta.framework, &data, PeriodId::new(0), spec, 11).unwrap();
    let stats = engine.uncertainty(400, 11, 10).unwrap();
    let mut ranked = 0;
    for unit in &stats.units {
        let (Some(p05), Some(median), Some(p95)) = (unit.p05, unit.median, unit.p95) else {
            continue;
        };
        ranked += 1;
        assert!(p05 <= median && median <= p95, "{unit:?}");
        let p = unit.top_probability.unwrap();
        assert!((0.0..=1.0).contains(&p));
        assert_eq!(unit.n as usize, stats.runs - stats.failed);
    }
    // COINr's example build screens after imputing group means, so all 51 units stay.
    assert_eq!(ranked, 51);
    let shifts: u64 = stats.shift_counts.iter().sum();
    assert_eq!(shifts as usize, 51 * (stats.runs - stats.failed));
}

#[test]
fn sensitivity_indices_cover_every_factor() {
    let (meta, data) = asem();
    let spec: UncertaintySpec = serde_json::from_str(SPEC).unwrap();
    let mut engine = Engine::new(&meta.framework, &data, PeriodId::new(0), spec, 5).unwrap();
    let sa = engine.sensitivity(64, 5, 50).unwrap();
    assert_eq!(sa.runs, 64 * (4 + 2));
    assert_eq!(sa.indices.first.len(), 4);
    assert!(sa.indices.total.iter().flatten().all(|t| t.is_finite()));
}

/// The replications are shared out among threads, but their points come from one stream and
/// the statistics are summed in replication order: any thread count gives the same bits,
/// across several batches of replications (1,100 runs).
#[test]
fn results_do_not_depend_on_the_thread_count() {
    let (meta, data) = asem();
    let spec: UncertaintySpec = serde_json::from_str(SPEC).unwrap();
    let run = |threads| {
        let mut engine =
            Engine::new(&meta.framework, &data, PeriodId::new(0), spec.clone(), 3).unwrap();
        engine.set_threads(threads);
        let u = engine.uncertainty(1_100, 3, 10).unwrap();
        let bits: Vec<Option<u64>> = u
            .units
            .iter()
            .flat_map(|s| [s.mean_score, s.sd_score, s.mean_abs_shift, s.median])
            .map(|x| x.map(f64::to_bits))
            .collect();
        (u, bits)
    };
    let (one, one_bits) = run(1);
    assert_eq!(one.units.len(), 51);
    for threads in [2, 3, 8] {
        let (many, many_bits) = run(threads);
        assert_eq!(many, one, "{threads} threads");
        assert_eq!(many_bits, one_bits, "{threads} threads");
    }
}
