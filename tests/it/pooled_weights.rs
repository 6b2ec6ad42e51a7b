//! Entropy weights pooled over the years of a panel: units × years as rows, `k = 1/ln(m·T)`,
//! the same weights in every year.

use approx::assert_relative_eq;
use yardstick::pipeline::weight::{entropy_weights, EntropyConvention};
use yardstick::{io, BuildSpec, Direction, Plan};

/// Same arithmetic in the same order up to the plan's sibling renormalisation.
const SAME_SUMS: f64 = 1e-14;

const DATA: &str = "\
uCode,Time,a,b
P1,2020,1,10
P2,2020,2,30
P3,2020,4,20
P1,2021,2,11
P2,2021,3,29
P3,2021,8,
";
const META: &str = "\
iCode,Parent,Type
a,Index,Indicator
b,Index,Indicator
Index,,Aggregate
";

#[test]
fn pooled_entropy_uses_every_complete_row_of_every_year() {
    let (meta, data) =
        io::read_coin(DATA.as_bytes(), "iData.csv", META.as_bytes(), "iMeta.csv").unwrap();
    let spec = BuildSpec::from_json(
        r#"{"weights": {"default": {"method": "entropy"}, "pool_periods": true}}"#,
    )
    .unwrap();
    let plan = Plan::compile(&meta.framework, &data, &spec).unwrap();
    // Five complete (unit, year) rows: P3 2021 lacks b.
    let a = [1.0, 2.0, 4.0, 2.0, 3.0];
    let b = [10.0, 30.0, 20.0, 11.0, 29.0];
    let direct = entropy_weights(
        "Index",
        &[&a, &b],
        &[Direction::Positive; 2],
        EntropyConvention::RawProportions,
        0.0,
    )
    .unwrap();
    for period in data.period_ids() {
        let results = plan.run(&data, period).unwrap();
        assert_relative_eq!(results.weights[0], direct[0], epsilon = SAME_SUMS);
        assert_relative_eq!(results.weights[1], direct[1], epsilon = SAME_SUMS);
    }
}

#[test]
fn pooling_needs_indicator_children() {
    let meta =
        "iCode,Parent,Type\na,P,Indicator\nb,P,Indicator\nP,Index,Aggregate\nIndex,,Aggregate\n";
    let (meta, data) =
        io::read_coin(DATA.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv").unwrap();
    let spec = BuildSpec::from_json(
        r#"{"weights": {"default": {"method": "entropy"}, "pool_periods": true}}"#,
    )
    .unwrap();
    let err = Plan::compile(&meta.framework, &data, &spec).unwrap_err();
    assert!(err.to_string().contains("indicator 'Index'"), "{err}");
}
