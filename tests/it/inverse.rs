//! The inverse question on real data: the moves found reach the target when the plan is run
//! again with them, and they take the heaviest effective weights first.

use std::collections::BTreeMap;
use yardstick::PeriodId;

use yardstick::analysis::inverse::{smallest_change, InverseTarget};
use yardstick::{io, BuildSpec, Plan};

/// The linear model is exact while the bounds stay put; allow summation noise only.
const LINEAR_MODEL: f64 = 1e-9;

#[test]
fn asem_unit_reaches_a_higher_rank_with_the_moves_found() {
    let (meta, data) = crate::shared::asem();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let results = plan.run(&data, PeriodId::new(0)).unwrap();
    let index = meta.framework.root();
    // The unit ranked 30th aims at 10th.
    let focus = data
        .unit_ids()
        .find(|&u| results.rank(index, u) == Some(30.0))
        .unwrap();
    let answer = smallest_change(
        &plan,
        &data,
        &results,
        focus,
        InverseTarget::Rank(10),
        &BTreeMap::new(),
    )
    .unwrap();
    assert!(answer.reachable);
    assert!(answer.target > answer.current);
    assert!(!answer.moves.is_empty());
    let gained: f64 = answer.moves.iter().map(|m| m.index_gain).sum();
    assert!((answer.current + gained - answer.target).abs() < LINEAR_MODEL);
    // Heaviest effective weights first: gains per normalised point never increase.
    let rates: Vec<f64> = answer
        .moves
        .iter()
        .map(|m| m.index_gain / m.change_normalised)
        .collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1] - LINEAR_MODEL));
    // Running the plan with the moved data confirms the rank unless a move shifted bounds.
    assert!(answer.achieved >= answer.target - 1e-6, "{answer:?}");
    assert!(answer.achieved_rank.unwrap() <= 10.0);
}

#[test]
fn bounds_limit_the_moves_and_can_make_a_target_unreachable() {
    let data = "uCode,a,b\nA,0,0\nB,10,10\nC,5,5\n";
    let meta =
        "iCode,Parent,Weight,Type\na,Index,3,Indicator\nb,Index,1,Indicator\nIndex,,1,Aggregate\n";
    let (meta, data) =
        io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv").unwrap();
    let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
    let results = plan.run(&data, PeriodId::new(0)).unwrap();
    let c = data.unit_index("C").unwrap();
    // C scores 50; to reach 80 it moves a (weight 0.75) from 50 to 90 normalised points.
    let answer = smallest_change(
        &plan,
        &data,
        &results,
        c,
        InverseTarget::Score(80.0),
        &BTreeMap::new(),
    )
    .unwrap();
    assert_eq!(answer.moves.len(), 1);
    assert_eq!(answer.moves[0].code, "a");
    assert!((answer.moves[0].change_raw - 4.0).abs() < LINEAR_MODEL);
    assert!((answer.achieved - 80.0).abs() < LINEAR_MODEL);
    // With a at most +2 raw, b must help: to reach 75, 0.75·20 + 0.25·δ = 25 → δ = 40 → b +4.
    let bounds = BTreeMap::from([("a".to_owned(), 2.0)]);
    let answer = smallest_change(
        &plan,
        &data,
        &results,
        c,
        InverseTarget::Score(75.0),
        &bounds,
    )
    .unwrap();
    assert_eq!(answer.moves.len(), 2);
    assert!(
        (answer.moves[1].change_raw - 4.0).abs() < LINEAR_MODEL,
        "{answer:?}"
    );
    assert!((answer.achieved - 75.0).abs() < LINEAR_MODEL);
    // b cannot pass the best observed value (10, so +5): 80 is out of reach with a bounded.
    let answer = smallest_change(
        &plan,
        &data,
        &results,
        c,
        InverseTarget::Score(80.0),
        &bounds,
    )
    .unwrap();
    assert!(!answer.reachable);
    assert!((answer.achieved - 77.5).abs() < LINEAR_MODEL);
}
