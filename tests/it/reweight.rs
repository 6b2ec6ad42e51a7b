//! Live re-weighting: the second half of a run alone ([`Plan::aggregate_into`] with
//! [`Rerank::Aggregates`]) on the first half's indicator values must give exactly what a whole
//! run gives with the same weights, the step report included, however often it is repeated.

use yardstick::{BuildSpec, Plan, Rerank, Results, Variation, Weight, Workspace};

use crate::shared;

/// COINr's ASEM data with an aggregation that leaves some units below the minimum share of
/// present children, so that the second half has something to report.
const SPEC: &str = r#"{
  "impute": { "method": "none" },
  "aggregate": { "min_share": 0.9 }
}"#;

#[test]
fn reweighting_the_second_half_equals_a_whole_run() {
    let (meta, data) = shared::asem();
    let spec = BuildSpec::from_json(SPEC).unwrap();
    let mut live = Plan::compile(&meta.framework, &data, &spec).unwrap();
    let period = data.last_period();
    let mut ws = Workspace::default();
    let mut results = Results::default();
    live.run_into(&data, period, &mut ws, &mut results).unwrap();
    assert!(
        !results.report.below_min_share.is_empty(),
        "the spec must leave cells below the minimum share"
    );

    let fw = meta.framework.clone();
    let pillar = fw.index_of("Conn").unwrap();
    let again = Variation {
        ranks: Rerank::Aggregates,
        ..Variation::default()
    };
    for step in 0..5 {
        let weight = Weight::new(0.5 + f64::from(step)).unwrap();
        live.set_weight(pillar, weight);
        live.aggregate_into(&data, &mut ws, &mut results, &again)
            .unwrap();

        let mut whole = Plan::compile(&meta.framework, &data, &spec).unwrap();
        whole.set_weight(pillar, weight);
        let expected = whole.run(&data, period).unwrap();
        assert_eq!(results, expected, "weight {} on Conn", weight.get());
    }
}
