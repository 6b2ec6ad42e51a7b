//! Gap analysis: the seed case's published figures, and contributions that add up exactly.

use proptest::prelude::*;
use yardstick::analysis::gap::{gap_table, Comparison, GroupStatistic};
use yardstick::PeriodId;
use yardstick::UnitId;
use yardstick::{io, io::default_data, BuildSpec, Plan};

/// One subtraction of values given to one decimal.
const ONE_SUBTRACTION: f64 = 1e-12;
/// Contributions and gaps are each computed from terms of the size of the scores (up to 100
/// here), in a different order, so they agree to 1e-12 relative to the scores compared (an
/// absolute 1e-12 fails by a few hundred ulps when terms of size 50 cancel to a gap of 18).
const SUM_OF_TERMS: f64 = 1e-12;

/// The scale of a node's scores: the tolerance of [`SUM_OF_TERMS`] is relative to it.
fn scale(row: &yardstick::analysis::gap::NodeGap) -> f64 {
    1.0f64
        .max(row.focus.unwrap_or(0.0).abs())
        .max(row.comparison.unwrap_or(0.0).abs())
}

fn seed() -> (io::Meta, yardstick::Dataset) {
    default_data::dedi().unwrap()
}

/// Guangxi Information Center brief (2021): Guangxi 26.2 is 39.1 below Guangdong and 3.4
/// below the national average; the benchmark five average 50.62, 24.42 above Guangxi;
/// Guangxi ranks 7th of the seven provinces, the national-average row unranked.
#[test]
fn seed_case_reproduces_the_briefs_figures() {
    let (meta, data) = seed();
    let spec = BuildSpec::from_json(default_data::DEDI_SPEC).unwrap();
    let plan = Plan::compile(&meta.framework, &data, &spec).unwrap();
    let results = plan.run(&data, PeriodId::new(0)).unwrap();
    let gx = data.unit_index("CN-GX").unwrap();
    let index = meta.framework.root();
    let row = |comparison: Comparison| {
        gap_table(&plan, &data, &results, gx, &comparison)
            .unwrap()
            .rows[index.index()]
        .clone()
    };
    let leader = row(Comparison::Leader);
    assert!((leader.gap.unwrap() - 39.1).abs() < ONE_SUBTRACTION);
    assert_eq!(leader.comparison, Some(65.3));
    assert_eq!(leader.rank_gap, Some(6.0));
    let average = row(Comparison::Unit("CN".into()));
    assert!((average.gap.unwrap() - 3.4).abs() < ONE_SUBTRACTION);
    let five = row(Comparison::Group {
        units: ["CN-ZJ", "CN-FJ", "CN-JS", "CN-GD", "CN-SH"]
            .map(String::from)
            .to_vec(),
        statistic: GroupStatistic::Mean,
    });
    assert!((five.comparison.unwrap() - 50.62).abs() < ONE_SUBTRACTION);
    assert!((five.gap.unwrap() - 24.42).abs() < ONE_SUBTRACTION);
    assert_eq!(results.rank(index, gx), Some(7.0));
    assert_eq!(results.rank(index, data.unit_index("CN").unwrap()), None);
    let ranked = results.ranks(index).iter().flatten().count();
    assert_eq!(ranked, 7);
}

#[test]
fn comparing_with_itself_or_an_unknown_unit_is_an_error() {
    let (meta, data) = seed();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let results = plan.run(&data, PeriodId::new(0)).unwrap();
    let gx = data.unit_index("CN-GX").unwrap();
    for bad in [
        Comparison::Unit("CN-GX".into()),
        Comparison::Unit("XX".into()),
        Comparison::Group {
            units: vec![],
            statistic: GroupStatistic::Mean,
        },
    ] {
        let err = gap_table(&plan, &data, &results, gx, &bad).unwrap_err();
        assert!(err.to_string().len() > 10, "{err}");
    }
}

/// A random two- or three-level framework over `n_ind` indicators and `n_units` units, as
/// iData/iMeta text.
fn random_index(
    n_units: usize,
    parents: &[usize],
    weights: &[f64],
    values: &[f64],
    missing: &[bool],
) -> (String, String) {
    let n_ind = parents.len();
    let n_pillars = parents.iter().max().unwrap() + 1;
    let mut meta = String::from("iCode,Parent,Weight,Type\n");
    for i in 0..n_ind {
        meta += &format!("i{i},P{},{},Indicator\n", parents[i], weights[i]);
    }
    for p in 0..n_pillars {
        meta += &format!("P{p},Index,{},Aggregate\n", weights[n_ind + p]);
    }
    meta += "Index,,1,Aggregate\n";
    let mut data = String::from("uCode");
    for i in 0..n_ind {
        data += &format!(",i{i}");
    }
    data.push('\n');
    for u in 0..n_units {
        data += &format!("U{u}");
        for i in 0..n_ind {
            let k = u * n_ind + i;
            // Unit 0 (the focus) and unit 1 keep complete data so every node has a value.
            if missing[k] && u > 1 {
                data.push(',');
            } else {
                data += &format!(",{}", values[k]);
            }
        }
        data.push('\n');
    }
    (data, meta)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Contributions to each parent sum to the parent's gap, and contributions of each level
    /// to the index sum to the index's gap, for arithmetic and geometric means and for
    /// unit, group and average comparisons.
    #[test]
    fn contributions_sum_to_the_parent_gap(
        n_units in 4usize..9,
        parents in prop::collection::vec(0usize..3, 3..8),
        weights in prop::collection::vec(0.1f64..5.0, 12),
        values in prop::collection::vec(1.0f64..100.0, 80),
        missing in prop::collection::vec(prop::bool::weighted(0.15), 80),
        geometric in any::<bool>(),
        comparison_kind in 0usize..4,
    ) {
        // Every pillar number in 0..max must have a child.
        let mut parents = parents;
        let n_pillars = parents.iter().max().unwrap() + 1;
        for p in 0..n_pillars {
            if !parents.contains(&p) { parents.push(p); }
        }
        let (data_text, meta_text) = random_index(n_units, &parents, &weights, &values, &missing);
        let (meta, data) = io::read_coin(data_text.as_bytes(), "iData.csv", meta_text.as_bytes(), "iMeta.csv").unwrap();
        let aggregate = if geometric { "gmean" } else { "amean" };
        let spec = BuildSpec::from_json(&format!(
            r#"{{"normalise": {{"default": {{"method": "min_max", "low": 1, "high": 100}}}},
                "aggregate": {{"default": {{"method": "{aggregate}"}}}}}}"#
        )).unwrap();
        let plan = Plan::compile(&meta.framework, &data, &spec).unwrap();
        // Constant indicators cannot be min-max normalised (a typed error): not this property.
        let results = plan.run(&data, PeriodId::new(0));
        prop_assume!(results.is_ok());
        let results = results.unwrap();
        let comparison = match comparison_kind {
            0 => Comparison::Unit("U1".into()),
            1 => Comparison::Group { units: vec!["U1".into(), "U2".into(), "U3".into()], statistic: GroupStatistic::Mean },
            2 => Comparison::Average,
            _ => Comparison::Leader,
        };
        let table = match gap_table(&plan, &data, &results, UnitId::new(0), &comparison) {
            Ok(t) => t,
            // The focus may itself be the leader.
            Err(_) => return Ok(()),
        };
        let fw = &meta.framework;
        for n in fw.aggregates() {
            let Some(gap) = table.rows[n.index()].gap else { continue };
            let parts: Option<f64> = fw.children(n).iter().map(|&c| table.rows[c.index()].contribution_to_parent).sum();
            if let Some(parts) = parts {
                prop_assert!((parts - gap).abs() <= SUM_OF_TERMS * scale(&table.rows[n.index()]), "node {}: {} vs {}", n, parts, gap);
            } else {
                // Only a geometric node with a zero log gap may lack contributions.
                prop_assert!(geometric);
            }
        }
        // A group member without any indicator leaves the group mean undefined.
        prop_assume!(table.rows[fw.root().index()].gap.is_some());
        let index_gap = table.rows[fw.root().index()].gap.unwrap();
        for level in [1u32, 2] {
            let parts: Option<f64> = fw.ids().filter(|&n| fw.level(n) == level)
                .map(|n| table.rows[n.index()].contribution_to_index).sum();
            if let Some(parts) = parts {
                prop_assert!((parts - index_gap).abs() <= SUM_OF_TERMS * scale(&table.rows[fw.root().index()]), "level {}: {} vs {}", level, parts, index_gap);
            }
        }
    }
}

/// The comparison language of `--compare` and the bindings, on the seed (seven ranked
/// provinces and the national-average row `CN`).
#[test]
fn comparisons_read_from_text() {
    let (_, data) = seed();
    let parse = |text: &str| Comparison::parse(text, &data).unwrap();
    assert_eq!(parse("leader"), Comparison::Leader);
    assert_eq!(parse("frontier"), Comparison::Frontier);
    assert_eq!(parse("mean"), Comparison::Average);
    assert_eq!(parse("average"), Comparison::Average);
    assert_eq!(parse("CN"), Comparison::Unit("CN".into()));
    assert_eq!(parse("target: 50"), Comparison::Target(50.0));
    assert_eq!(
        parse("group-best:CN-GD, CN-ZJ"),
        Comparison::Group {
            units: vec!["CN-GD".into(), "CN-ZJ".into()],
            statistic: GroupStatistic::Best,
        }
    );
    // The median of every ranked unit: the national average is not one of them.
    let median = parse("median");
    assert_eq!(median.unit_codes().len(), 7);
    assert!(!median.unit_codes().contains(&"CN"));
    // Empty codes are not named (`group:A,,B` asks nothing of the data).
    assert_eq!(parse("group:CN-GD,,CN-ZJ").unit_codes(), ["CN-GD", "CN-ZJ"]);
    let bad = Comparison::parse("target:fifty", &data).unwrap_err();
    assert_eq!(bad.code(), "value");
    assert_eq!(bad.place().column.as_deref(), Some("compare"));
}

/// The 31-province panel of `examples/provinces/` with its build: Guangxi's gap to the leader
/// from 2011 to 2023 is the same whether each period is run for it (`gap_change`) or the runs
/// of every period are made once and shared (`gap_change_between`, as the brief does); and
/// the rank falls two places, 23rd to 25th (ranks from `yardstick compute` on these inputs).
#[test]
fn gap_change_from_shared_runs_is_the_same() {
    use yardstick::analysis::gap::{gap_change, gap_change_between};
    use yardstick::pipeline::panel::run_periods;
    let example = |file: &str| {
        std::fs::read(format!(
            "{}/examples/provinces/{file}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let (meta, data) = io::read_coin(
        &example("iData.csv"),
        "iData.csv",
        &example("iMeta.csv"),
        "iMeta.csv",
    )
    .unwrap();
    let spec = BuildSpec::from_json(&String::from_utf8(example("build.json")).unwrap()).unwrap();
    let plan = Plan::compile(&meta.framework, &data, &spec).unwrap();
    let gx = data.unit_index("CN-GX").unwrap();
    let period = |year| data.period_of_year(year).unwrap();
    let (base, now) = (period(2011), period(2023));
    let runs = run_periods(&plan, &data, 2).unwrap();
    let shared = gap_change_between(
        &plan,
        &data,
        &runs[base.index()],
        &runs[now.index()],
        gx,
        &Comparison::Leader,
    )
    .unwrap();
    let separate = gap_change(&plan, &data, gx, &Comparison::Leader, base, now).unwrap();
    assert_eq!(shared, separate);
    let index = shared.last().unwrap();
    assert_eq!((index.base_rank, index.rank), (Some(23.0), Some(25.0)));
    assert_eq!(index.places_gained, Some(-2.0));
}
