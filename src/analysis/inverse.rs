//! The inverse question: what is the smallest change in a unit's indicators that lifts it to
//! a score or a rank?

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Place, Result};
use crate::model::dataset::Dataset;
use crate::model::ids::{NodeId, PeriodId, UnitId};
use crate::pipeline::aggregate::Aggregation;
use crate::pipeline::normalise::Normalisation;
use crate::pipeline::plan::Plan;
use crate::pipeline::results::Results;

/// What the focus unit should reach on the index.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum InverseTarget {
    /// An index score.
    Score(f64),
    /// A rank (1 = first), reached by matching the score of the unit now at that rank among
    /// the others.
    Rank(usize),
}

/// One indicator to move.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    /// Indicator code.
    pub code: String,
    /// Current raw value (after denominating, imputing, treating).
    pub from_raw: f64,
    /// Raw value to reach.
    pub to_raw: f64,
    /// `to_raw − from_raw` (negative for a "lower is better" indicator).
    pub change_raw: f64,
    /// Change in normalised points.
    pub change_normalised: f64,
    /// Index points gained: effective weight × normalised change.
    pub index_gain: f64,
}

/// The answer to the inverse question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InverseAnswer {
    /// Current index score of the focus unit.
    pub current: f64,
    /// Index score aimed at.
    pub target: f64,
    /// Indicators to move, largest effective weight first.
    pub moves: Vec<Move>,
    /// Whether the moves reach the target within the indicators' headroom and bounds.
    pub reachable: bool,
    /// The index score when the moves are applied and the plan is run again: the check of
    /// the linear model (it differs when a move shifts min-max bounds, e.g. when the focus
    /// holds an indicator's minimum).
    pub achieved: f64,
    /// The focus's rank after the moves.
    pub achieved_rank: Option<f64>,
}

/// Relative margin added to a rank target so that rounding cannot leave the focus just below
/// the unit it must tie.
const RANK_MARGIN: f64 = 1e-9;

/// The smallest total change (in normalised points) of the focus unit's indicators that lifts
/// its index score to `target`.
///
/// # Formula
/// With arithmetic means at every aggregate, the index is linear in the normalised indicators:
/// `I = Σᵢ Wᵢ yᵢ`, where `Wᵢ` is the product of the focus's effective weights from the
/// indicator to the root. Raising `yᵢ` by `δᵢ ≤ hᵢ` (headroom: up to the best observed value,
/// so the min-max bounds stay put, and within the optional raw-unit `bounds`) gains `Wᵢ δᵢ`.
/// Minimising `Σ δᵢ` subject to `Σ Wᵢ δᵢ = I* − I` is a fractional knapsack: taking indicators
/// in decreasing `Wᵢ` is exact. Raw changes follow from the normalisation's slope,
/// `Δx = δ / s` with `s = direction · (high − low) / (max − min)` for min-max.
///
/// The answer is checked by applying the moves and running the plan again (`achieved`).
///
/// # Errors
/// A non-arithmetic aggregation or a normalisation other than min-max or none (the model is
/// linear only for those), a focus without an index score, a rank outside `1..=units`.
pub fn smallest_change(
    plan: &Plan,
    dataset: &Dataset,
    results: &Results,
    focus: UnitId,
    target: InverseTarget,
    bounds: &BTreeMap<String, f64>,
) -> Result<InverseAnswer> {
    let fw = plan.framework();
    let root = fw.root();
    let focus = focus.index();
    for n in fw.aggregates() {
        if *plan.aggregation(n) != Aggregation::ArithmeticMean {
            return Err(Error::spec(
                Place::of_indicator(fw.node(n).code.as_str()),
                "the inverse search needs arithmetic means at every aggregate",
            ));
        }
    }
    let current = results.values(root)[focus].ok_or_else(|| {
        Error::data(
            Place::default().unit(dataset.units()[focus].code.as_str()),
            "the focus unit has no index score",
        )
    })?;
    let target_score = match target {
        InverseTarget::Score(s) => s,
        InverseTarget::Rank(k) => score_at_rank(dataset, results, root, focus, k)?,
    };

    // Effective path weight of every node for the focus unit, from the root down.
    let mut path = vec![0.0; fw.len()];
    path[root.index()] = 1.0;
    for &n in fw.bottom_up().iter().rev() {
        let children = fw.children(n);
        let total: f64 = children
            .iter()
            .filter(|&&c| results.values(c)[focus].is_some())
            .map(|&c| results.weights[c.index()])
            .sum();
        for &c in children {
            if results.values(c)[focus].is_some() && total > 0.0 {
                path[c.index()] = path[n.index()] * results.weights[c.index()] / total;
            }
        }
    }

    let mut candidates = Vec::new();
    for i in fw.indicators() {
        let node = fw.node(i);
        let (Some(y), Some(x)) = (results.values(i)[focus], results.treated[i.index()][focus])
        else {
            continue;
        };
        if path[i.index()] <= 0.0 {
            continue;
        }
        let sign = node.direction.sign();
        let (slope, headroom) = match plan.normalisation(i) {
            Normalisation::MinMax { low, high } => {
                let (min, max) = raw_bounds(dataset, results, i);
                if max <= min {
                    continue;
                }
                (sign * (high - low) / (max - min), high - y)
            }
            Normalisation::None => (sign, f64::INFINITY),
            _ => {
                return Err(Error::spec(
                    Place::of_indicator(node.code.as_str()),
                    "the inverse search needs min-max or no normalisation (a linear model)",
                ))
            }
        };
        let headroom = match bounds.get(node.code.as_str()) {
            Some(&b) => headroom.min(b.abs() * slope.abs()),
            None => headroom,
        };
        if headroom > 0.0 {
            candidates.push((i, path[i.index()], slope, headroom, x, y));
        }
    }
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1));

    let mut need = target_score - current;
    let mut moves = Vec::new();
    for &(i, weight, slope, headroom, x, _) in &candidates {
        if need <= 0.0 {
            break;
        }
        let delta = headroom.min(need / weight);
        need -= weight * delta;
        moves.push(Move {
            code: fw.node(i).code.to_string(),
            from_raw: x,
            to_raw: x + delta / slope,
            change_raw: delta / slope,
            change_normalised: delta,
            index_gain: weight * delta,
        });
    }
    let reachable = need <= RANK_MARGIN * target_score.abs().max(1.0);

    // Check: apply the moves to the data and run again.
    let mut moved = dataset.clone();
    let period = results
        .year
        .and_then(|y| dataset.period_of_year(y))
        .unwrap_or(PeriodId::new(0));
    for m in &moves {
        let Some(var) = dataset.variable_index(&m.code) else {
            continue;
        };
        // Moves are in the pipeline's units: undo the denominator to get the input's units.
        let denominator = fw
            .index_of(&m.code)
            .and_then(|i| fw.node(i).denominator.as_deref())
            .filter(|_| plan.spec().denominate)
            .and_then(|d| dataset.variable_index(d))
            .and_then(|d| dataset.column(d, period)[focus])
            .unwrap_or(1.0);
        let mut column = dataset.column(var, period).to_vec();
        column[focus] =
            Some(column[focus].unwrap_or(m.from_raw * denominator) + m.change_raw * denominator);
        moved.set_column(var, period, &column);
    }
    let rerun = plan.run(&moved, period)?;
    Ok(InverseAnswer {
        current,
        target: target_score,
        moves,
        reachable,
        achieved: rerun.values(root)[focus].unwrap_or(current),
        achieved_rank: rerun.ranks(root)[focus],
    })
}

/// Min and max of the treated raw values of the units that set the bounds (ranked units).
fn raw_bounds(dataset: &Dataset, results: &Results, i: NodeId) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for (u, x) in results.treated[i.index()].iter().enumerate() {
        if let (Some(x), true) = (x, dataset.units()[u].is_ranked()) {
            lo = lo.min(*x);
            hi = hi.max(*x);
        }
    }
    (lo, hi)
}

/// The score of the unit now at rank `k` among the units other than the focus, plus a margin.
fn score_at_rank(
    dataset: &Dataset,
    results: &Results,
    root: NodeId,
    focus: usize,
    k: usize,
) -> Result<f64> {
    let mut others: Vec<f64> = (0..dataset.n_units())
        .filter(|&u| u != focus && results.ranks(root)[u].is_some())
        .filter_map(|u| results.values(root)[u])
        .collect();
    others.sort_by(|a, b| b.total_cmp(a));
    if k == 0 || k > others.len() + 1 {
        return Err(Error::spec(
            Place::default().column("rank"),
            format!("a rank between 1 and {}", others.len() + 1),
        ));
    }
    Ok(match others.get(k - 1) {
        Some(&v) => v + RANK_MARGIN * v.abs().max(1.0),
        // Last place is reached with the score the focus already has.
        None => results.values(root)[focus].unwrap_or_default(),
    })
}
