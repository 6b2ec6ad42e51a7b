//! Aggregation: combine the weighted values of a node's children into the node's value.
//!
//! Missing children are dropped and the remaining weights renormalised (COINr's `a_amean`
//! and friends with `na.rm`); the plan checks the minimum share of available children first
//! (COINr's `dat_thresh`). Weights need not sum to 1: every formula divides by `Σw`, so scaling
//! all weights by a constant changes nothing.

use crate::math::{exp, ln, pow};
use serde::{Deserialize, Serialize};

/// An aggregation function with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Aggregation {
    /// Weighted arithmetic mean (COINr `a_amean`), fully compensatory.
    ///
    /// # Formula
    /// `y = Σ wᵢ xᵢ / Σ wᵢ`
    #[serde(rename = "amean")]
    ArithmeticMean,
    /// Weighted geometric mean (COINr `a_gmean`, UNDP HDI), partially compensatory.
    ///
    /// # Formula
    /// `y = exp(Σ wᵢ ln(xᵢ + shift) / Σ wᵢ) − shift`. A value with `xᵢ + shift ≤ 0` is an
    /// error naming the unit and child (COINr stops too); `shift` (default 0) is the explicit,
    /// documented way to admit zeros, e.g. `shift: 1` on a 0–100 scale.
    #[serde(rename = "gmean")]
    GeometricMean {
        /// Added before and subtracted after the mean.
        #[serde(default)]
        shift: f64,
    },
    /// Weighted harmonic mean (COINr `a_hmean`).
    ///
    /// # Formula
    /// `y = Σ wᵢ / Σ (wᵢ / xᵢ)`, every `xᵢ > 0`.
    #[serde(rename = "hmean")]
    HarmonicMean,
    /// Weighted power (generalised) mean of order `p` (COINr `a_genmean`).
    ///
    /// # Formula
    /// `y = (Σ wᵢ xᵢᵖ / Σ wᵢ)^(1/p)`; `p = 1` arithmetic, `p → 0` geometric, `p = −1`
    /// harmonic. `p = 0` is computed as the geometric mean; values must be positive unless
    /// `p` is a positive integer... and then still ≥ 0, so that the root is real.
    Power {
        /// The order.
        p: f64,
    },
    /// Mazziotta–Pareto index, a non-compensatory mean penalising unbalanced profiles.
    ///
    /// # Formula
    /// With `M = Σ wᵢ xᵢ / Σ wᵢ`, `S = √(Σ wᵢ (xᵢ − M)² / Σ wᵢ)` and `cv = S / M`:
    /// `MPI± = M ± S · cv` (`penalty: "negative"` gives `M − S·cv`, for indicators where higher
    /// is better, the usual case). Meant for children standardised to mean 100, sd 10
    /// (`z_score` with `mean: 100, sd: 10`). Source: Mazziotta & Pareto (2016), "On a
    /// generalized non-compensatory composite index for measuring socio-economic phenomena",
    /// *Social Indicators Research* 127, 983–1003.
    #[serde(rename = "mpi")]
    MazziottaPareto {
        /// Sign of the penalty term.
        #[serde(default)]
        penalty: Penalty,
    },
}

/// The sign of the Mazziotta–Pareto penalty.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Penalty {
    /// `M − S·cv`: imbalance lowers the score (positive polarity indices).
    #[default]
    Negative,
    /// `M + S·cv`: imbalance raises the score (negative polarity indices).
    Positive,
}

impl Default for Aggregation {
    /// COINr's default: the weighted arithmetic mean.
    fn default() -> Self {
        Aggregation::ArithmeticMean
    }
}

/// Why a set of children cannot be aggregated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AggregateIssue {
    /// The child at this position has a value outside the method's domain.
    Domain {
        /// Position in the slice passed to [`Aggregation::combine`].
        child: usize,
        /// The offending value.
        value: f64,
        /// What the method needs.
        needs: &'static str,
    },
    /// All available weights are zero, so the mean is undefined.
    NoWeight,
}

impl Aggregation {
    /// Combines present child values `x` with weights `w` (same length, at least one).
    pub fn combine(&self, x: &[f64], w: &[f64]) -> Result<f64, AggregateIssue> {
        // Dividing by the largest weight keeps Σw finite for weights near f64::MAX.
        let largest = w.iter().fold(0.0f64, |m, &v| m.max(v));
        if largest <= 0.0 {
            return Err(AggregateIssue::NoWeight);
        }
        let total: f64 = w.iter().map(|&v| v / largest).sum();
        let weighted = |f: &dyn Fn(f64) -> f64| -> f64 {
            x.iter()
                .zip(w)
                .map(|(&x, &w)| w / largest * f(x))
                .sum::<f64>()
                / total
        };
        match *self {
            Aggregation::ArithmeticMean => Ok(weighted(&|x| x)),
            Aggregation::GeometricMean { shift } => {
                positive(x, shift, "a value > 0 for a geometric mean (or a shift)")?;
                Ok(exp(weighted(&|x| ln(x + shift))) - shift)
            }
            Aggregation::HarmonicMean => {
                positive(x, 0.0, "a value > 0 for a harmonic mean")?;
                Ok(1.0 / weighted(&|x| 1.0 / x))
            }
            Aggregation::Power { p: 0.0 } => {
                Aggregation::GeometricMean { shift: 0.0 }.combine(x, w)
            }
            Aggregation::Power { p } => {
                if p < 0.0 {
                    positive(x, 0.0, "a value > 0 for a power mean of negative order")?;
                } else if let Some(child) = x.iter().position(|&v| v < 0.0) {
                    return Err(AggregateIssue::Domain {
                        child,
                        value: x[child],
                        needs: "a value ≥ 0 for a power mean",
                    });
                }
                Ok(pow(weighted(&|x| pow(x, p)), 1.0 / p))
            }
            Aggregation::MazziottaPareto { penalty } => {
                let mean = weighted(&|x| x);
                if mean == 0.0 {
                    return Err(AggregateIssue::Domain {
                        child: 0,
                        value: 0.0,
                        needs: "children whose mean is not 0 (MPI divides by it; standardise to mean 100)",
                    });
                }
                let sd = weighted(&|x| (x - mean) * (x - mean)).sqrt();
                let term = sd * sd / mean;
                Ok(match penalty {
                    Penalty::Negative => mean - term,
                    Penalty::Positive => mean + term,
                })
            }
        }
    }
}

/// A quasi-arithmetic mean `y = g⁻¹(Σ wᵢ g(xᵢ) / Σ wᵢ)`: every method but MPI is one, which
/// lets the plan aggregate column by column (one pass per child over contiguous values)
/// instead of unit by unit, with the same arithmetic in the same order as [`Aggregation::combine`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kernel {
    /// `g(x) = x`.
    Identity,
    /// `g(x) = ln(x + shift)`.
    Log { shift: f64 },
    /// `g(x) = 1/x`.
    Reciprocal,
    /// `g(x) = xᵖ`.
    Power { p: f64 },
}

impl Kernel {
    /// `g(x)`, or what the method needs when `x` is outside its domain.
    pub(crate) fn forward(self, x: f64) -> Result<f64, &'static str> {
        match self {
            Kernel::Identity => Ok(x),
            Kernel::Log { shift } if x + shift > 0.0 => Ok(ln(x + shift)),
            Kernel::Log { .. } => Err("a value > 0 for a geometric mean (or a shift)"),
            Kernel::Reciprocal if x > 0.0 => Ok(1.0 / x),
            Kernel::Reciprocal => Err("a value > 0 for a harmonic mean"),
            Kernel::Power { p } if p < 0.0 && x <= 0.0 => {
                Err("a value > 0 for a power mean of negative order")
            }
            Kernel::Power { .. } if x < 0.0 => Err("a value ≥ 0 for a power mean"),
            Kernel::Power { p } => Ok(pow(x, p)),
        }
    }

    /// `g⁻¹(m)` of the weighted mean `m` of the transformed values.
    pub(crate) fn inverse(self, m: f64) -> f64 {
        match self {
            Kernel::Identity => m,
            Kernel::Log { shift } => exp(m) - shift,
            Kernel::Reciprocal => 1.0 / m,
            Kernel::Power { p } => pow(m, 1.0 / p),
        }
    }
}

impl Aggregation {
    /// The kernel of a quasi-arithmetic mean; `None` for Mazziotta–Pareto.
    pub(crate) fn kernel(&self) -> Option<Kernel> {
        match *self {
            Aggregation::ArithmeticMean => Some(Kernel::Identity),
            Aggregation::GeometricMean { shift } => Some(Kernel::Log { shift }),
            Aggregation::HarmonicMean => Some(Kernel::Reciprocal),
            Aggregation::Power { p: 0.0 } => Some(Kernel::Log { shift: 0.0 }),
            Aggregation::Power { p } => Some(Kernel::Power { p }),
            Aggregation::MazziottaPareto { .. } => None,
        }
    }
}

fn positive(x: &[f64], shift: f64, needs: &'static str) -> Result<(), AggregateIssue> {
    match x.iter().position(|&v| v + shift <= 0.0) {
        Some(child) => Err(AggregateIssue::Domain {
            child,
            value: x[child],
            needs,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// A few ulps of a mean over a handful of values.
    const TIGHT: f64 = 1e-13;

    #[test]
    fn means_agree_with_hand_values() {
        let x = [1.0, 4.0, 16.0];
        let w = [1.0, 1.0, 2.0];
        assert_relative_eq!(
            Aggregation::ArithmeticMean.combine(&x, &w).unwrap(),
            37.0 / 4.0,
            epsilon = TIGHT
        );
        // (1 · 4 · 16²)^(1/4) = 1024^(1/4)
        assert_relative_eq!(
            Aggregation::GeometricMean { shift: 0.0 }
                .combine(&x, &w)
                .unwrap(),
            1024f64.powf(0.25),
            epsilon = TIGHT
        );
        assert_relative_eq!(
            Aggregation::HarmonicMean.combine(&x, &w).unwrap(),
            4.0 / (1.0 + 0.25 + 2.0 / 16.0),
            epsilon = TIGHT
        );
        assert_relative_eq!(
            Aggregation::Power { p: 1.0 }.combine(&x, &w).unwrap(),
            37.0 / 4.0,
            epsilon = TIGHT
        );
        assert_relative_eq!(
            Aggregation::Power { p: -1.0 }.combine(&x, &w).unwrap(),
            Aggregation::HarmonicMean.combine(&x, &w).unwrap(),
            epsilon = TIGHT
        );
    }

    #[test]
    fn geometric_mean_rejects_zero_unless_shifted() {
        let err = Aggregation::GeometricMean { shift: 0.0 }.combine(&[3.0, 0.0], &[1.0, 1.0]);
        assert!(matches!(err, Err(AggregateIssue::Domain { child: 1, .. })));
        let shifted = Aggregation::GeometricMean { shift: 1.0 }
            .combine(&[3.0, 0.0], &[1.0, 1.0])
            .unwrap();
        assert_relative_eq!(shifted, 1.0, epsilon = TIGHT);
    }

    #[test]
    fn mpi_penalises_imbalance() {
        // Balanced profile: no penalty. Mazziotta & Pareto (2016), eq. 3.
        let mpi = Aggregation::MazziottaPareto {
            penalty: Penalty::Negative,
        };
        assert_eq!(mpi.combine(&[100.0, 100.0], &[1.0, 1.0]).unwrap(), 100.0);
        // M = 100, S = 10, cv = 0.1 → 100 − 1 = 99.
        assert_relative_eq!(
            mpi.combine(&[90.0, 110.0], &[1.0, 1.0]).unwrap(),
            99.0,
            epsilon = TIGHT
        );
    }

    #[test]
    fn kernels_give_the_same_bits_as_combine() {
        let x = [1.5, 4.0, 16.25, 0.75];
        let w = [1.0, 0.5, 2.0, 3.0];
        for a in [
            Aggregation::ArithmeticMean,
            Aggregation::GeometricMean { shift: 0.0 },
            Aggregation::GeometricMean { shift: 2.0 },
            Aggregation::HarmonicMean,
            Aggregation::Power { p: 2.5 },
            Aggregation::Power { p: -1.5 },
            Aggregation::Power { p: 0.0 },
        ] {
            let k = a.kernel().unwrap();
            let largest = 3.0;
            let total: f64 = w.iter().map(|w| w / largest).sum();
            let sum: f64 = x
                .iter()
                .zip(&w)
                .map(|(&x, &w)| w / largest * k.forward(x).unwrap())
                .sum();
            assert_eq!(k.inverse(sum / total), a.combine(&x, &w).unwrap(), "{a:?}");
        }
    }

    #[test]
    fn zero_total_weight_is_reported() {
        assert_eq!(
            Aggregation::ArithmeticMean.combine(&[1.0], &[0.0]),
            Err(AggregateIssue::NoWeight)
        );
    }
}
