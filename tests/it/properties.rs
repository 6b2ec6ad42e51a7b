//! Invariants on random small datasets (OECD/JRC Handbook properties of a composite index):
//! ranks are a valid ranking under every tie policy, results do not depend on row order,
//! scaling all weights by a constant changes no score, min-max output lies in `[low, high]`
//! and z-scores have the target mean and (sample) standard deviation over the ranked units.

use proptest::prelude::*;
use yardstick::pipeline::normalise::NormaliseContext;
use yardstick::pipeline::rank::rank_values;
use yardstick::{
    BuildSpec, Dataset, Direction, Framework, Indicator, IndicatorCode, NodeKind, Normalisation,
    Plan, Results, TiePolicy, Unit, UnitCode, UnitKind, Weight,
};

/// Relative difference allowed between runs on permuted rows (summation order of means and
/// standard deviations may change the last bits).
const ORDER_TOLERANCE: f64 = 1e-9;
/// Relative difference allowed between runs with scaled weights (`w / Σw` rounds differently).
const SCALE_TOLERANCE: f64 = 1e-9;
/// Relative slack on the `[low, high]` bounds of min-max output (one rounding of
/// `(high − low) + low`).
const BOUND_TOLERANCE: f64 = 1e-12;
/// Relative error allowed on the mean and standard deviation of z-scores.
const MOMENT_TOLERANCE: f64 = 1e-9;

const CASES: u32 = 512;

const POLICIES: [TiePolicy; 4] = [
    TiePolicy::Min,
    TiePolicy::Dense,
    TiePolicy::Average,
    TiePolicy::First,
];

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------------
// Generators.

/// A cell: mostly small integers (to force ties), sometimes any moderate number, sometimes
/// missing.
fn cell() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        4 => (0i32..6).prop_map(|v| Some(f64::from(v))),
        4 => (-1e3f64..1e3).prop_map(Some),
        1 => Just(None),
    ]
}

/// A random small index: units (some of them reference rows), indicators under one or two
/// pillars under the root, with iMeta weights and directions.
#[derive(Debug, Clone)]
struct Case {
    units: Vec<Unit>,
    /// One column per indicator, one cell per unit.
    columns: Vec<Vec<Option<f64>>>,
    /// Pillar of each indicator.
    pillar: Vec<usize>,
    n_pillars: usize,
    directions: Vec<Direction>,
    /// Indicator weights, then pillar weights.
    weights: Vec<f64>,
}

fn case() -> impl Strategy<Value = Case> {
    (3usize..10, 1usize..5, 1usize..3).prop_flat_map(|(n_units, n_ind, n_pillars)| {
        let n_pillars = n_pillars.min(n_ind);
        (
            prop::collection::vec(prop::bool::weighted(0.15), n_units),
            prop::collection::vec(prop::collection::vec(cell(), n_units), n_ind),
            prop::collection::vec(0..n_pillars, n_ind),
            prop::collection::vec(any::<bool>(), n_ind),
            prop::collection::vec(
                prop_oneof![1 => Just(0.0), 6 => 0.1f64..10.0],
                n_ind + n_pillars,
            ),
        )
            .prop_map(move |(reference, columns, mut pillar, negative, weights)| {
                // Every pillar needs a child: the first indicators fill the pillars in turn.
                for (p, slot) in pillar.iter_mut().enumerate().take(n_pillars) {
                    *slot = p;
                }
                let units = reference
                    .iter()
                    .enumerate()
                    .map(|(i, &is_reference)| {
                        let mut u = Unit::new(UnitCode::new(&format!("U{i}")).unwrap(), "u");
                        if is_reference {
                            u.kind = UnitKind::Aggregate;
                        }
                        u
                    })
                    .collect();
                let directions = negative
                    .iter()
                    .map(|&n| {
                        if n {
                            Direction::Negative
                        } else {
                            Direction::Positive
                        }
                    })
                    .collect();
                Case {
                    units,
                    columns,
                    pillar,
                    n_pillars,
                    directions,
                    weights,
                }
            })
    })
}

fn code(text: &str) -> IndicatorCode {
    IndicatorCode::new(text).unwrap()
}

impl Case {
    fn n_ind(&self) -> usize {
        self.columns.len()
    }

    /// Nodes: indicators `i0…`, pillars `P0…`, root `Index`; weights multiplied by `scale`.
    fn framework(&self, scale: f64) -> Framework {
        let mut nodes = Vec::new();
        for i in 0..self.n_ind() {
            nodes.push(
                Indicator::new(code(&format!("i{i}")), NodeKind::Indicator)
                    .with_parent(code(&format!("P{}", self.pillar[i])))
                    .with_direction(self.directions[i])
                    .with_weight(Weight::new(self.weights[i] * scale).unwrap()),
            );
        }
        for p in 0..self.n_pillars {
            nodes.push(
                Indicator::new(code(&format!("P{p}")), NodeKind::Aggregate)
                    .with_parent(code("Index"))
                    .with_weight(Weight::new(self.weights[self.n_ind() + p] * scale).unwrap()),
            );
        }
        nodes.push(Indicator::new(code("Index"), NodeKind::Aggregate));
        Framework::new(nodes).expect("generated frameworks are trees")
    }

    /// The dataset with units in the order `order` (a permutation of unit positions).
    fn dataset(&self, order: &[usize]) -> Dataset {
        let units = order.iter().map(|&u| self.units[u].clone()).collect();
        let columns = self
            .columns
            .iter()
            .map(|col| order.iter().map(|&u| col[u]).collect())
            .collect();
        let names = (0..self.n_ind()).map(|i| format!("i{i}")).collect();
        Dataset::cross_section(units, names, columns).expect("generated data is valid")
    }

    fn identity(&self) -> Vec<usize> {
        (0..self.units.len()).collect()
    }
}

fn run(fw: &Framework, ds: &Dataset, spec: &BuildSpec) -> yardstick::Result<Results> {
    Plan::compile(fw, ds, spec)?.run(ds, ds.last_period())
}

/// Specs whose results must not depend on row order; `true` when the computation is free of
/// order-dependent sums, so that ranks must match exactly too.
const ORDER_SPECS: [(&str, bool); 5] = [
    ("{}", true),
    (r#"{"normalise": {"default": {"method": "rank"}}}"#, true),
    (
        r#"{"normalise": {"default": {"method": "min_max", "low": 1, "high": 10}},
            "aggregate": {"default": {"method": "gmean"}}}"#,
        true,
    ),
    (
        r#"{"normalise": {"default": {"method": "z_score", "mean": 100, "sd": 10}}}"#,
        false,
    ),
    (
        r#"{"impute": {"method": "mean"}, "aggregate": {"min_share": 0.5}}"#,
        false,
    ),
];

// ---------------------------------------------------------------------------------------------
// Ranks.

/// Checks that `ranks` is the ranking of `values` (higher is better) under `policy`, over the
/// units with `eligible` true; other units and missing values have no rank.
fn check_ranking(
    values: &[Option<f64>],
    ranks: &[Option<f64>],
    eligible: &[bool],
    policy: TiePolicy,
) -> Result<(), TestCaseError> {
    let present: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|_| eligible[i]).map(|v| (i, v)))
        .collect();
    for (i, r) in ranks.iter().enumerate() {
        let should = values[i].is_some() && eligible[i];
        prop_assert_eq!(r.is_some(), should, "unit {}: rank {:?}", i, r);
    }
    let mut firsts = Vec::new();
    for &(i, v) in &present {
        let greater = present.iter().filter(|(_, w)| *w > v).count() as f64;
        let equal = present.iter().filter(|(_, w)| *w == v).count() as f64;
        let mut above: Vec<f64> = present.iter().map(|&(_, w)| w).filter(|&w| w > v).collect();
        above.sort_by(f64::total_cmp);
        above.dedup();
        let r = ranks[i].unwrap();
        match policy {
            TiePolicy::Min => prop_assert_eq!(r, greater + 1.0, "min rank of unit {}", i),
            TiePolicy::Average => {
                prop_assert_eq!(
                    r,
                    greater + (equal + 1.0) / 2.0,
                    "average rank of unit {}",
                    i
                )
            }
            TiePolicy::Dense => {
                prop_assert_eq!(r, above.len() as f64 + 1.0, "dense rank of unit {}", i)
            }
            TiePolicy::First => {
                prop_assert!(
                    r >= greater + 1.0 && r <= greater + equal,
                    "first rank {} of unit {} outside its tie block",
                    r,
                    i
                );
                // Among ties, input order decides.
                let earlier_ties = present.iter().filter(|&&(j, w)| w == v && j < i).count() as f64;
                prop_assert_eq!(r, greater + 1.0 + earlier_ties, "first rank of unit {}", i);
                firsts.push(r);
            }
        }
    }
    if policy == TiePolicy::First {
        firsts.sort_by(f64::total_cmp);
        let expected: Vec<f64> = (1..=present.len()).map(|k| k as f64).collect();
        prop_assert_eq!(firsts, expected, "first ranks are a permutation of 1..n");
    }
    if policy == TiePolicy::Average {
        let n = present.len() as f64;
        let total: f64 = present.iter().map(|&(i, _)| ranks[i].unwrap()).sum();
        prop_assert_eq!(total, n * (n + 1.0) / 2.0, "average ranks sum to n(n+1)/2");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn rank_values_is_a_valid_ranking_under_every_policy(
        values in prop::collection::vec(cell(), 0..30),
    ) {
        let eligible = vec![true; values.len()];
        for policy in POLICIES {
            let mut ranks = vec![Some(-1.0); values.len()];
            rank_values(&values, policy, &mut ranks);
            check_ranking(&values, &ranks, &eligible, policy)?;
        }
    }

    #[test]
    fn pipeline_ranks_are_valid_under_every_policy(case in case()) {
        let fw = case.framework(1.0);
        let ds = case.dataset(&case.identity());
        let eligible: Vec<bool> = ds.units().iter().map(Unit::is_ranked).collect();
        for policy in POLICIES {
            let mut spec = BuildSpec::default();
            spec.rank.ties = policy;
            let Ok(results) = run(&fw, &ds, &spec) else { continue };
            for node in fw.ids() {
                check_ranking(results.values(node), results.ranks(node), &eligible, policy)?;
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Row order.

    #[test]
    fn results_do_not_depend_on_row_order(
        (case, order) in case().prop_flat_map(|c| {
            let order = Just(c.identity()).prop_shuffle();
            (Just(c), order)
        }),
        spec_index in 0..ORDER_SPECS.len(),
    ) {
        let (spec_text, exact_ranks) = ORDER_SPECS[spec_index];
        let spec = BuildSpec::from_json(spec_text).unwrap();
        let fw = case.framework(1.0);
        let (a_ds, b_ds) = (case.dataset(&case.identity()), case.dataset(&order));
        match (run(&fw, &a_ds, &spec), run(&fw, &b_ds, &spec)) {
            (Ok(a), Ok(b)) => {
                for u in a_ds.unit_ids() {
                    let code = a_ds.unit(u).code.as_str();
                    let v = b_ds.unit_index(code).unwrap();
                    for node in fw.ids() {
                        match (a.value(node, u), b.value(node, v)) {
                            (Some(x), Some(y)) => prop_assert!(
                                close(x, y, ORDER_TOLERANCE),
                                "{} of unit {}: {} vs {} after reordering", fw.node(node).code, code, x, y
                            ),
                            (x, y) => prop_assert_eq!(x, y, "{} of unit {}", fw.node(node).code, code),
                        }
                        if exact_ranks {
                            prop_assert_eq!(
                                a.rank(node, u), b.rank(node, v),
                                "rank of {} for unit {}", fw.node(node).code, code
                            );
                        }
                    }
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(
                std::mem::discriminant(a.kind()), std::mem::discriminant(b.kind()),
                "{} vs {}", a, b
            ),
            (a, b) => prop_assert!(false, "one order fails and the other does not: {:?} vs {:?}",
                                   a.err(), b.err()),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Weights.

    #[test]
    fn scaling_all_weights_changes_no_score(
        case in case(),
        scale in prop_oneof![1e-3f64..1.0, 1.0f64..1e3],
        spec_index in 0..ORDER_SPECS.len(),
    ) {
        let spec = BuildSpec::from_json(ORDER_SPECS[spec_index].0).unwrap();
        let ds = case.dataset(&case.identity());
        let (fw, scaled) = (case.framework(1.0), case.framework(scale));
        match (run(&fw, &ds, &spec), run(&scaled, &ds, &spec)) {
            (Ok(a), Ok(b)) => {
                for node in fw.ids() {
                    prop_assert!(
                        close(a.weights[node.index()], b.weights[node.index()], SCALE_TOLERANCE),
                        "effective weight of {}: {} vs {}", fw.node(node).code,
                        a.weights[node.index()], b.weights[node.index()]
                    );
                    for (u, (x, y)) in a.values(node).iter().zip(b.values(node)).enumerate() {
                        match (x, y) {
                            (Some(x), Some(y)) => prop_assert!(
                                close(*x, *y, SCALE_TOLERANCE),
                                "{} of unit {}: {} vs {} with weights ×{}",
                                fw.node(node).code, u, x, y, scale
                            ),
                            _ => prop_assert_eq!(x, y, "{} of unit {}", fw.node(node).code, u),
                        }
                    }
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "scaling weights changed the outcome: {:?} vs {:?}",
                                   a.err(), b.err()),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Normalisation.

    #[test]
    fn min_max_output_lies_in_low_high(
        (raw, in_bounds) in (1usize..20).prop_flat_map(|n| (
            prop::collection::vec(cell(), n),
            prop::collection::vec(prop::bool::weighted(0.85), n),
        )),
        low in -1e3f64..1e3,
        span in 1e-3f64..1e3,
        negative in any::<bool>(),
    ) {
        let high = low + span;
        let units = units(raw.len());
        let direction = if negative { Direction::Negative } else { Direction::Positive };
        let cx = context(&units, &in_bounds, direction);
        let mut out = vec![None; raw.len()];
        match (Normalisation::MinMax { low, high }).apply(&raw, &cx, &mut out) {
            Ok(()) => {
                let slack = BOUND_TOLERANCE * low.abs().max(high.abs()).max(1.0);
                let mut inside = Vec::new();
                for (u, (x, y)) in raw.iter().zip(&out).enumerate() {
                    prop_assert_eq!(x.is_some(), y.is_some(), "missing stays missing");
                    prop_assert!(y.is_none_or(f64::is_finite), "non-finite output {:?}", y);
                    if let (true, Some(y)) = (in_bounds[u], y) {
                        prop_assert!(
                            *y >= low - slack && *y <= high + slack,
                            "unit {}: {} outside [{}, {}]", u, y, low, high
                        );
                        inside.push(*y);
                    }
                }
                // The worst ranked unit gets `low` and the best `high`.
                let min = inside.iter().copied().fold(f64::INFINITY, f64::min);
                let max = inside.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!((min - low).abs() <= slack, "minimum {} is not low {}", min, low);
                prop_assert!((max - high).abs() <= slack, "maximum {} is not high {}", max, high);
            }
            Err(e) => {
                // Only an all-missing or a constant indicator may fail.
                let values: Vec<f64> = raw.iter().zip(&in_bounds)
                    .filter_map(|(x, &b)| x.filter(|_| b)).collect();
                let constant = values.windows(2).all(|w| w[0] == w[1]);
                prop_assert!(constant, "unexpected error on {:?}: {}", values, e);
                prop_assert!(
                    matches!(
                        e.kind(),
                        yardstick::ErrorKind::ZeroRange { .. } | yardstick::ErrorKind::NoValues { .. }
                    ),
                    "{:?}",
                    e
                );
            }
        }
    }

    #[test]
    fn z_scores_have_the_target_mean_and_sd(
        (raw, in_bounds) in (1usize..20).prop_flat_map(|n| (
            prop::collection::vec(cell(), n),
            prop::collection::vec(prop::bool::weighted(0.85), n),
        )),
        mean in -100f64..100.0,
        sd in 0.1f64..50.0,
        negative in any::<bool>(),
    ) {
        let units = units(raw.len());
        let direction = if negative { Direction::Negative } else { Direction::Positive };
        let cx = context(&units, &in_bounds, direction);
        let mut out = vec![None; raw.len()];
        match (Normalisation::ZScore { mean, sd }).apply(&raw, &cx, &mut out) {
            Ok(()) => {
                let ranked: Vec<f64> = out.iter().zip(&in_bounds)
                    .filter_map(|(y, &b)| y.filter(|_| b)).collect();
                let n = ranked.len() as f64;
                prop_assert!(n >= 2.0, "a z-score needs two values");
                let m = ranked.iter().sum::<f64>() / n;
                let s = (ranked.iter().map(|y| (y - m) * (y - m)).sum::<f64>() / (n - 1.0)).sqrt();
                let scale = mean.abs() + sd;
                prop_assert!((m - mean).abs() <= MOMENT_TOLERANCE * scale,
                             "mean {} instead of {}", m, mean);
                prop_assert!((s - sd).abs() <= MOMENT_TOLERANCE * scale,
                             "sd {} instead of {}", s, sd);
            }
            Err(e) => {
                let values: Vec<f64> = raw.iter().zip(&in_bounds)
                    .filter_map(|(x, &b)| x.filter(|_| b)).collect();
                let constant = values.windows(2).all(|w| w[0] == w[1]);
                prop_assert!(constant, "unexpected error on {:?}: {}", values, e);
            }
        }
    }
}

fn units(n: usize) -> Vec<Unit> {
    (0..n)
        .map(|i| Unit::new(UnitCode::new(&format!("U{i}")).unwrap(), "u"))
        .collect()
}

fn context<'a>(
    units: &'a [Unit],
    in_bounds: &'a [bool],
    direction: Direction,
) -> NormaliseContext<'a> {
    NormaliseContext {
        indicator: "x",
        direction,
        units,
        in_bounds,
        target: None,
        reference: None,
        goalposts: None,
    }
}
