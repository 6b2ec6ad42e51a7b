//! Golden test: COINr 1.1.14's own output for ASEM (min-max 0–100, arithmetic means, iMeta
//! weights), as shipped in `data/asem/coinr_reference/`.

use approx::assert_abs_diff_eq;
use yardstick::PeriodId;
use yardstick::{BuildSpec, Plan};

use crate::shared::reference_table;

/// Absolute tolerance on the 0–100 scale: R sums in extended precision, f64 does not.
const COINR_ABS: f64 = 1e-9;

#[test]
fn asem_minmax_amean_matches_coinr_at_every_level() {
    let (meta, data) = crate::shared::asem();
    let fw = &meta.framework;
    assert_eq!(data.n_units(), 51);
    assert_eq!(fw.indicators().count(), 49);
    assert_eq!(fw.aggregates().count(), 11);

    let plan = Plan::compile(fw, &data, &BuildSpec::default()).unwrap();
    let results = plan.run(&data, PeriodId::new(0)).unwrap();

    let expected = reference_table("asem/coinr_reference/minmax_amean_aggregated.csv");
    let expected_ranks = reference_table("asem/coinr_reference/minmax_amean_ranks.csv");
    assert_eq!(expected.variables().len(), 60);
    assert_eq!(expected.n_units(), 51);
    for (reference, got, tolerance) in [
        (&expected, &results.values, COINR_ABS),
        (&expected_ranks, &results.ranks, 0.0),
    ] {
        for (v, code) in reference.variables().iter().enumerate() {
            let node = fw.index_of(code).expect("node of the reference");
            for (r, unit) in reference.units().iter().enumerate() {
                let u = data
                    .unit_index(unit.code.as_str())
                    .expect("unit of the reference");
                match (
                    got[node.index()][u.index()],
                    reference.column(v, PeriodId::new(0))[r],
                ) {
                    (Some(g), Some(w)) => assert_abs_diff_eq!(g, w, epsilon = tolerance),
                    (g, w) => assert_eq!(g, w, "{}/{code}", unit.code),
                }
            }
        }
    }
}

#[test]
fn rank_columns_option_limits_which_columns_get_ranks() {
    let (meta, data) = crate::shared::asem();
    let fw = &meta.framework;
    let all = Plan::compile(fw, &data, &BuildSpec::default())
        .unwrap()
        .run(&data, PeriodId::new(0))
        .unwrap();
    for (columns, ranked_nodes) in [("aggregates", fw.aggregates().count()), ("index", 1)] {
        let spec =
            BuildSpec::from_json(&format!(r#"{{"rank": {{"columns": "{columns}"}}}}"#)).unwrap();
        let some = Plan::compile(fw, &data, &spec)
            .unwrap()
            .run(&data, PeriodId::new(0))
            .unwrap();
        let with_ranks: Vec<usize> = (0..fw.len())
            .filter(|&n| some.ranks[n].iter().any(Option::is_some))
            .collect();
        assert_eq!(with_ranks.len(), ranked_nodes, "{columns}");
        for n in with_ranks {
            assert_eq!(some.ranks[n], all.ranks[n]);
        }
        assert_eq!(some.values, all.values);
    }
}

/// `Plan::indicators` is the first half of `Plan::run`: the same treated and normalised
/// indicator columns, bit for bit, checked on ASEM's default build (which denominates and
/// treats), and nothing for aggregates or ranks.
#[test]
fn indicators_alone_equal_the_first_half_of_a_run() {
    let (meta, data) = crate::shared::asem();
    let fw = &meta.framework;
    let plan = Plan::compile(fw, &data, &BuildSpec::default()).unwrap();
    let full = plan.run(&data, PeriodId::new(0)).unwrap();
    let half = plan.indicators(&data, PeriodId::new(0)).unwrap();
    for i in fw.indicators() {
        assert_eq!(half.treated[i.index()], full.treated[i.index()]);
        assert_eq!(half.values[i.index()], full.values[i.index()]);
        assert!(half.ranks[i.index()].is_empty());
    }
    for a in fw.aggregates() {
        assert!(half.values[a.index()].is_empty());
    }
    assert_eq!(half.report.treated, full.report.treated);
}

/// A consuming run (the command line's lean path) gives a run's values bit for bit, and its
/// step report, while moving or copying the columns it takes: ASEM's default build divides
/// by denominators (copied, read by several indicators) and moves the rest.
#[test]
fn a_consuming_run_gives_the_values_of_a_run() {
    let (meta, data) = crate::shared::asem();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let full = plan.run(&data, PeriodId::new(0)).unwrap();
    let mut consumed = data.clone();
    let lean = plan.run_consuming(&mut consumed, PeriodId::new(0)).unwrap();
    assert_eq!(lean.values, full.values);
    assert_eq!(lean.report.treated, full.report.treated);
    assert_eq!(lean.report.implausible, full.report.implausible);
    assert!(lean.ranks.iter().all(Vec::is_empty), "ranks nothing");
    assert!(consumed.variables().is_empty(), "the values were taken");
    assert_eq!(consumed.units(), data.units());
}
