//! Screening: drop units with too little data before they distort bounds and ranks.

use serde::{Deserialize, Serialize};

/// Drop units whose share of available indicator values is below a threshold (COINr
/// `Screen()` with `unit_screen = "byNA"`). Like COINr's example build, screening runs after
/// imputation by default (so it drops units that imputation could not fill); set
/// `before_imputation` to judge the data as given.
///
/// # Formula
/// Unit `u` is kept when `#{present indicators of u} / #{indicators} ≥ min_share`.
/// A dropped unit keeps its row in every output, with no scores and no ranks, and is listed in
/// the step report: nothing is removed silently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// Minimum share of present indicator values, in `[0, 1]`.
    pub min_share: f64,
    /// Count availability before imputation instead of after.
    #[serde(default)]
    pub before_imputation: bool,
}

impl Screening {
    /// Indices of the units to drop, given each unit's count of present indicators.
    pub fn dropped(&self, present: &[usize], n_indicators: usize) -> Vec<usize> {
        present
            .iter()
            .enumerate()
            .filter(|&(_, &p)| (p as f64) < self.min_share * n_indicators as f64)
            .map(|(u, _)| u)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_units_below_the_share() {
        let s = Screening {
            min_share: 0.5,
            before_imputation: false,
        };
        assert_eq!(s.dropped(&[4, 2, 1, 0], 4), vec![2, 3]);
    }
}
