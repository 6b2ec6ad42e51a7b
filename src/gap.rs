//! Gaps: how far a focus unit is behind a comparison on one node.

use crate::dataset::Dataset;
use crate::error::{Error, Place, Result};
use crate::results::Results;

/// What the focus unit is compared with.
#[derive(Debug, Clone, PartialEq)]
pub enum Comparison {
    /// The best-ranked unit on the node.
    Leader,
    /// A named unit or reference row (e.g. `CN`, the national average).
    Unit(String),
    /// The mean of a benchmark group of named units.
    GroupMean(Vec<String>),
    /// The mean of all ranked units.
    Average,
    /// A fixed target value.
    Target(f64),
}

/// The gap of a focus unit to a comparison on one node.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The focus unit's value.
    pub focus: f64,
    /// The comparison's value.
    pub comparison: f64,
    /// `comparison − focus`: positive when the focus unit is behind.
    pub gap: f64,
    /// `gap / comparison × 100`, when the comparison is not zero.
    pub percent: Option<f64>,
}

/// The gap of unit `focus` to `comparison` on node `node`.
///
/// # Formula
/// `gap = c − x_focus` and `percent = 100 · gap / c`, where `c` is the comparison's value on
/// the node (the leader's, a unit's, the arithmetic mean of a group's, or a target).
///
/// # Errors
/// An unknown unit code, a focus or comparison without a value, an empty group.
pub fn gap(
    dataset: &Dataset,
    results: &Results,
    node: usize,
    focus: usize,
    comparison: &Comparison,
) -> Result<Gap> {
    let values = results.values(node);
    let value_of = |u: usize| {
        values[u].ok_or_else(|| {
            Error::data(
                Place::default().unit(dataset.units()[u].code.as_str()),
                "no value on this node to compare",
            )
        })
    };
    let unit = |code: &str| {
        dataset.unit_index(code).ok_or_else(|| {
            Error::value(Place::default().unit(code), "a unit code of the data", code)
        })
    };
    let focus_value = value_of(focus)?;
    let c = match comparison {
        Comparison::Leader => {
            let leader = (0..values.len())
                .filter(|&u| results.ranks(node)[u] == Some(1.0))
                .find_map(|u| values[u]);
            leader.ok_or_else(|| Error::data(Place::default(), "no ranked unit has a value"))?
        }
        Comparison::Unit(code) => value_of(unit(code)?)?,
        Comparison::GroupMean(codes) => {
            if codes.is_empty() {
                return Err(Error::data(
                    Place::default(),
                    "the benchmark group is empty",
                ));
            }
            let mut sum = 0.0;
            for code in codes {
                sum += value_of(unit(code)?)?;
            }
            sum / codes.len() as f64
        }
        Comparison::Average => {
            let ranked: Vec<f64> = (0..values.len())
                .filter(|&u| dataset.units()[u].is_ranked())
                .filter_map(|u| values[u])
                .collect();
            crate::impute::mean_of(&ranked)
                .ok_or_else(|| Error::data(Place::default(), "no ranked unit has a value"))?
        }
        Comparison::Target(t) => *t,
    };
    let g = c - focus_value;
    Ok(Gap {
        focus: focus_value,
        comparison: c,
        gap: g,
        percent: (c != 0.0).then(|| 100.0 * g / c),
    })
}
