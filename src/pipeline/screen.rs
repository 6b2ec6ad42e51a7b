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

/// How many times the indicator's typical magnitude a value may be before it is flagged as
/// implausible: six orders of magnitude.
pub const IMPLAUSIBLE_FACTOR: f64 = 1e6;

/// Positions of the values of one indicator whose magnitude is implausible next to the others:
/// a value of `1e300` among values near 50 (a unit error or a corrupt cell) would squash every
/// other unit's min-max score to about 0. Such values are flagged in the step report
/// (`Report::implausible`) and shown as warnings; they are not changed.
///
/// # Formula
/// With `m` the median of `|x|` over the non-zero values of the units inside the bounds
/// (ranked units), the value `x_u` is implausible when `|x_u| > IMPLAUSIBLE_FACTOR · m`.
/// Nothing is flagged when fewer than three such values exist (no typical magnitude).
pub fn implausible(column: &[Option<f64>], in_bounds: &[bool]) -> Vec<usize> {
    let mut magnitudes: Vec<f64> = column
        .iter()
        .zip(in_bounds)
        .filter_map(|(x, &inside)| x.filter(|x| inside && *x != 0.0).map(f64::abs))
        .collect();
    if magnitudes.len() < 3 {
        return Vec::new();
    }
    let Some(typical) = crate::stats::median_mut(&mut magnitudes) else {
        return Vec::new();
    };
    column
        .iter()
        .enumerate()
        .filter(|(_, x)| x.is_some_and(|x| x.abs() > IMPLAUSIBLE_FACTOR * typical))
        .map(|(u, _)| u)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_a_millionfold_the_typical_magnitude_is_flagged() {
        let inside = [true; 5];
        // A typo's case: 1e300 among values near 50.
        let column = [Some(50.0), Some(1e300), None, Some(45.0), Some(60.0)];
        assert_eq!(implausible(&column, &inside), vec![1]);
        // Negative values count by magnitude; a reference row out of bounds is still checked.
        let column = [Some(-2.0), Some(3.0), Some(-4.0), Some(-5e7), Some(1.0)];
        assert_eq!(
            implausible(&column, &[true, true, true, false, true]),
            vec![3]
        );
        // A spread of five orders of magnitude is data, not an error.
        let column = [Some(0.01), Some(1.0), Some(100.0), Some(1000.0), Some(0.5)];
        assert!(implausible(&column, &inside).is_empty());
        // Too few values to know what is typical.
        assert!(implausible(&[Some(1.0), Some(1e300)], &[true, true]).is_empty());
    }

    #[test]
    fn drops_units_below_the_share() {
        let s = Screening {
            min_share: 0.5,
            before_imputation: false,
        };
        assert_eq!(s.dropped(&[4, 2, 1, 0], 4), vec![2, 3]);
    }
}
