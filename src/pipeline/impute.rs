//! Imputation: fill missing cells, and say which.

use crate::stats;
use serde::{Deserialize, Serialize};

/// An imputation method.
///
/// Means and medians are taken over the ranked units with a value in the same period
/// (reference rows are filled but never feed the estimate). A cell that no rule can fill (a
/// whole group missing, no earlier year) stays missing and is listed in the step report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Imputation {
    /// Leave missing cells missing; aggregation then drops them (COINr's default).
    #[default]
    None,
    /// Indicator mean (COINr `i_mean`).
    ///
    /// # Formula
    /// `x̂ = (1/n) Σ xᵢ` over the available values.
    Mean,
    /// Indicator median (COINr `i_median`, R's `median`: mean of the two middle values for
    /// even n).
    Median,
    /// Mean within the unit's group (COINr `i_mean_grp`), e.g. `GDP_group`.
    GroupMean {
        /// Group column of iData.
        group: String,
    },
    /// Median within the unit's group (COINr `i_median_grp`).
    GroupMedian {
        /// Group column of iData.
        group: String,
    },
    /// Last observation carried forward: the unit's latest earlier value of the same indicator.
    Locf,
}

/// What imputation needs besides the column.
#[derive(Debug, Clone, Copy)]
pub struct ImputeContext<'a> {
    /// Units whose values feed means and medians.
    pub in_bounds: &'a [bool],
    /// Group number of each unit for group methods (resolved when the plan is compiled).
    pub groups: Option<&'a [Option<usize>]>,
    /// Earlier periods of the same variable, oldest first, each one value per unit.
    pub history: &'a [&'a [Option<f64>]],
}

impl Imputation {
    /// Fills missing cells of `values` in place; returns the units that were filled.
    pub fn apply(&self, values: &mut [Option<f64>], cx: &ImputeContext<'_>) -> Vec<usize> {
        let missing: Vec<usize> = (0..values.len()).filter(|&u| values[u].is_none()).collect();
        if missing.is_empty() {
            return missing;
        }
        let estimate = |members: &dyn Fn(usize) -> bool, median: bool| -> Option<f64> {
            let pool: Vec<f64> = (0..values.len())
                .filter(|&u| cx.in_bounds[u] && members(u))
                .filter_map(|u| values[u])
                .collect();
            if median {
                stats::median(&pool)
            } else {
                stats::mean_of(&pool)
            }
        };
        let fills: Vec<(usize, Option<f64>)> = match self {
            Imputation::None => return Vec::new(),
            Imputation::Mean | Imputation::Median => {
                let value = estimate(&|_| true, matches!(self, Imputation::Median));
                missing.iter().map(|&u| (u, value)).collect()
            }
            Imputation::GroupMean { .. } | Imputation::GroupMedian { .. } => {
                let median = matches!(self, Imputation::GroupMedian { .. });
                let groups = cx.groups.unwrap_or(&[]);
                missing
                    .iter()
                    .map(|&u| {
                        let value = groups.get(u).copied().flatten().and_then(|g| {
                            estimate(&|v| groups.get(v).copied().flatten() == Some(g), median)
                        });
                        (u, value)
                    })
                    .collect()
            }
            Imputation::Locf => missing
                .iter()
                .map(|&u| (u, cx.history.iter().rev().find_map(|period| period[u])))
                .collect(),
        };
        fills
            .into_iter()
            .filter_map(|(u, value)| {
                values[u] = value;
                value.map(|_| u)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx<'a>(in_bounds: &'a [bool], groups: Option<&'a [Option<usize>]>) -> ImputeContext<'a> {
        ImputeContext {
            in_bounds,
            groups,
            history: &[],
        }
    }

    #[test]
    fn mean_and_median_fill_from_ranked_units_only() {
        let inside = [true, true, true, false, true];
        let mut v = [Some(1.0), Some(2.0), None, Some(100.0), Some(6.0)];
        assert_eq!(Imputation::Mean.apply(&mut v, &cx(&inside, None)), vec![2]);
        assert_eq!(v[2], Some(3.0));
        let mut v = [Some(1.0), Some(2.0), None, Some(100.0), Some(6.0)];
        Imputation::Median.apply(&mut v, &cx(&inside, None));
        assert_eq!(v[2], Some(2.0));
    }

    #[test]
    fn group_mean_uses_the_units_group_and_leaves_empty_groups_missing() {
        let inside = [true; 5];
        let groups = [Some(0), Some(0), Some(1), Some(0), Some(1)];
        let mut v = [Some(1.0), Some(3.0), Some(10.0), None, None];
        let filled =
            Imputation::GroupMean { group: "g".into() }.apply(&mut v, &cx(&inside, Some(&groups)));
        assert_eq!(filled, vec![3, 4]);
        assert_eq!(v[3], Some(2.0));
        assert_eq!(v[4], Some(10.0));
        let mut lonely = [None, Some(1.0)];
        let groups = [Some(0), Some(1)];
        let filled = Imputation::GroupMean { group: "g".into() }
            .apply(&mut lonely, &cx(&[true, true], Some(&groups)));
        assert!(filled.is_empty());
        assert_eq!(lonely[0], None);
    }

    #[test]
    fn locf_takes_the_latest_earlier_value() {
        let y1 = [Some(1.0), None];
        let y2 = [Some(2.0), None];
        let history: [&[Option<f64>]; 2] = [&y1, &y2];
        let mut v = [None, None];
        let filled = Imputation::Locf.apply(
            &mut v,
            &ImputeContext {
                in_bounds: &[true, true],
                groups: None,
                history: &history,
            },
        );
        assert_eq!(filled, vec![0]);
        assert_eq!(v, [Some(2.0), None]);
    }
}
