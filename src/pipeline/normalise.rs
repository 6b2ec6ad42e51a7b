//! Normalisation: bring indicators measured in different units onto a common scale, with
//! "higher is better" after the indicator's direction is applied.
//!
//! Conventions shared by every method (as in COINr's `Normalise()`):
//! - raw values are first multiplied by the direction (`-1` flips a "lower is better"
//!   indicator), except for [`Normalisation::Goalposts`] and
//!   [`Normalisation::DistanceToTarget`], which take the direction into their formula;
//! - data-driven bounds (min, max, mean, sd, ranks) are computed over the *ranked* units only:
//!   reference rows such as the national average are normalised with the same formula but do
//!   not move the bounds (set `include_aggregate_rows` in the spec to change that);
//! - missing values stay missing;
//! - a zero range (all values equal) is an error naming the indicator, where COINr yields NaN.
//!
//! Deliberate differences from COINr 1.1.14 (`R/normalise.R`): COINr multiplies by the
//! direction before *every* function, so goalposts for a "lower is better" indicator must be
//! given negated and swapped; here goalposts are given in the indicator's own units and the
//! direction enters the formula. For [`Normalisation::FractionOfMax`] with direction −1 COINr
//! divides negative numbers; here the best (lowest) value is divided by `x`.

use crate::stats::{mean, sd, SdConvention};
use serde::{Deserialize, Serialize};

use crate::error::Shown;
use crate::error::{Error, ErrorKind, Place, Result};
use crate::math::ln;
use crate::model::indicator::Direction;
use crate::model::unit::Unit;
use crate::pipeline::rank::{rank_values, TiePolicy};

/// A normalisation method with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Normalisation {
    /// Keep the raw values (direction still applied as a sign only when negative).
    None,
    /// Min-max scaling to `[low, high]` (COINr `n_minmax`, default `[0, 100]`).
    ///
    /// # Formula
    /// `y = (x − min) / (max − min) · (high − low) + low`
    MinMax {
        /// Value given to the worst unit.
        #[serde(default)]
        low: f64,
        /// Value given to the best unit.
        #[serde(default = "hundred")]
        high: f64,
    },
    /// Standardisation (COINr `n_zscore`): sample standard deviation (n − 1).
    ///
    /// # Formula
    /// `y = (x − mean) / sd · target_sd + target_mean`
    ZScore {
        /// Mean of the output.
        #[serde(default)]
        mean: f64,
        /// Standard deviation of the output.
        #[serde(default = "one")]
        sd: f64,
    },
    /// Ranks (COINr `n_rank`): the lowest value gets 1, ties share the lowest rank (COINr
    /// hard-codes `ties.method = "min"`).
    ///
    /// # Formula
    /// `y = 1 + #{j : xⱼ < x}`
    Rank,
    /// Percentile ranks in `[0, 1]` (COINr `n_prank`).
    ///
    /// # Formula
    /// `y = (r − 1) / (n − 1)` with `r` the ascending min-tie rank and `n` the number of values;
    /// a single value scores 1.
    Percentile,
    /// Fixed goalposts (UNDP HDI, COINr `n_goalposts`); see [`Goalposts`].
    Goalposts(Goalposts),
    /// The goalposts of each indicator's iMeta row (`goalpost_lower`, `goalpost_upper`, …,
    /// COINr's `f_n_para = "use_iMeta"`); an indicator without them is a spec error.
    IndicatorGoalposts,
    /// Distance to a target (COINr `n_dist2targ`): the worst unit scores 0 and the target 1.
    ///
    /// # Formula
    /// Direction +1: `y = (x − min) / (target − min)`; direction −1:
    /// `y = (max − x) / (max − target)`; with `cap`, values beyond the target score 1. The
    /// target is the one given here, else the indicator's iMeta `Target`.
    DistanceToTarget {
        /// Target value; `None` takes iMeta's `Target` column.
        #[serde(default)]
        target: Option<f64>,
        /// Score units past the target as 1.
        #[serde(default)]
        cap: bool,
    },
    /// Distance to a reference unit such as the national average or the leader (COINr
    /// `n_dist2ref`): the worst unit scores 0 and the reference 1.
    ///
    /// # Formula
    /// With `x' = direction · x`: `y = 1 − (x'_ref − x') / (x'_ref − min x')`; with `cap`,
    /// values above 1 (units better than the reference) are set to 1.
    DistanceToReference {
        /// Code of the reference unit (may be an aggregate row).
        unit: String,
        /// Cap at 1.
        #[serde(default)]
        cap: bool,
    },
    /// Fraction of the maximum (COINr `n_fracmax`).
    ///
    /// # Formula
    /// `y = x / max` (direction +1); for direction −1, `y = min / x`.
    FractionOfMax,
}

/// The parameters of [`Normalisation::Goalposts`], defined with the indicator metadata that
/// can also carry them (iMeta's goalpost columns).
pub use crate::model::indicator::Goalposts;

fn hundred() -> f64 {
    100.0
}

fn one() -> f64 {
    1.0
}

impl Default for Normalisation {
    /// COINr's default: min-max to `[0, 100]`.
    fn default() -> Self {
        Normalisation::MinMax {
            low: 0.0,
            high: 100.0,
        }
    }
}

/// What a normalisation needs besides the column itself.
#[derive(Debug, Clone, Copy)]
pub struct NormaliseContext<'a> {
    /// The indicator's code, for error messages.
    pub indicator: &'a str,
    /// The indicator's direction.
    pub direction: Direction,
    /// The units, for error messages.
    pub units: &'a [Unit],
    /// `true` for the units whose values set data-driven bounds.
    pub in_bounds: &'a [bool],
    /// iMeta's target for the indicator.
    pub target: Option<f64>,
    /// Index of the reference unit for [`Normalisation::DistanceToReference`], resolved when
    /// the plan is compiled.
    pub reference: Option<usize>,
    /// iMeta's goalposts for the indicator.
    pub goalposts: Option<&'a Goalposts>,
}

impl Normalisation {
    /// Checks the parameters: finite, a non-empty output range, a positive target sd.
    pub fn validate(&self, indicator: &str) -> Result<()> {
        let ok = match *self {
            Normalisation::MinMax { low, high } => (high - low).is_finite() && high > low,
            Normalisation::ZScore { mean, sd } => mean.is_finite() && sd.is_finite() && sd > 0.0,
            Normalisation::Goalposts(ref g) => g.is_valid(),
            Normalisation::DistanceToTarget { target, .. } => target.is_none_or(f64::is_finite),
            _ => true,
        };
        if ok {
            Ok(())
        } else {
            Err(Error::spec(
                Place::of_indicator(indicator),
                format!(
                    "normalisation parameters must be finite, with high > low and sd, scale > 0 \
                     (and their difference finite); found {}",
                    self.parameters()
                ),
            ))
        }
    }

    /// The numeric parameters, named as in a spec, for messages.
    fn parameters(&self) -> String {
        match *self {
            Normalisation::MinMax { low, high } => {
                format!("low {}, high {}", Shown(low), Shown(high))
            }
            Normalisation::ZScore { mean, sd } => format!("mean {}, sd {}", Shown(mean), Shown(sd)),
            Normalisation::Goalposts(ref g) => format!(
                "min {}, max {}, scale {}{}",
                Shown(g.min),
                Shown(g.max),
                Shown(g.scale),
                if g.log { ", log" } else { "" }
            ),
            Normalisation::DistanceToTarget {
                target: Some(target),
                ..
            } => format!("target {}", Shown(target)),
            _ => "no parameters".into(),
        }
    }

    /// Normalises `raw` into `out` (same length). Missing stays missing.
    ///
    /// # Errors
    /// A zero range, no value to compute bounds from, a non-positive value under `log`, or a
    /// missing reference value: each names the indicator (and unit where one is at fault).
    pub fn apply(
        &self,
        raw: &[Option<f64>],
        cx: &NormaliseContext<'_>,
        out: &mut [Option<f64>],
    ) -> Result<()> {
        let sign = cx.direction.sign();
        let place = || Place::of_indicator(cx.indicator);
        match self {
            Normalisation::None => map(raw, out, |x| x * sign),
            Normalisation::MinMax { low, high } => {
                let (min, max) = bounds(raw, cx, sign)?;
                let range = nonzero_range(max - min, cx)?;
                map(raw, out, |x| (x * sign - min) / range * (high - low) + low)
            }
            Normalisation::ZScore { mean, sd } => {
                let (m, s) = mean_sd(raw, cx, sign)?;
                let s = nonzero_range(s, cx)?;
                map(raw, out, |x| (x * sign - m) / s * sd + mean)
            }
            Normalisation::Rank | Normalisation::Percentile => {
                rank_normalise(self, raw, cx, sign, out)
            }
            Normalisation::Goalposts(g) => g.apply(raw, cx, out),
            Normalisation::IndicatorGoalposts => match cx.goalposts {
                Some(g) => g.apply(raw, cx, out),
                None => Err(Error::spec(
                    place(),
                    "indicator_goalposts needs goalpost_lower and goalpost_upper in iMeta",
                )),
            },
            Normalisation::DistanceToTarget { target, cap } => {
                let Some(target) = target.or(cx.target) else {
                    return Err(Error::spec(
                        place(),
                        "distance to target needs a target: give one in the spec or in iMeta's Target column",
                    ));
                };
                // Work in "higher is better" space so both directions share one formula.
                let (worst, _) = bounds(raw, cx, sign)?;
                let span = nonzero_range(target * sign - worst, cx)?;
                map(raw, out, |x| {
                    let v = (x * sign - worst) / span;
                    if *cap {
                        v.min(1.0)
                    } else {
                        v
                    }
                })
            }
            Normalisation::DistanceToReference { unit, cap } => {
                let reference = cx
                    .reference
                    .and_then(|r| raw.get(r).copied().flatten())
                    .ok_or_else(|| {
                        Error::data(
                            place().unit(unit.as_str()),
                            "the reference unit has no value for this indicator",
                        )
                    })?;
                let reference = reference * sign;
                let (worst, _) = bounds(raw, cx, sign)?;
                let span = nonzero_range(reference - worst, cx)?;
                map(raw, out, |x| {
                    let v = 1.0 - (reference - x * sign) / span;
                    if *cap {
                        v.min(1.0)
                    } else {
                        v
                    }
                })
            }
            Normalisation::FractionOfMax => {
                let (min, max) = bounds(raw, cx, 1.0)?;
                let best = if sign > 0.0 { max } else { min };
                ratio(raw, cx, best, out)
            }
        }
    }
}

impl Goalposts {
    fn is_valid(&self) -> bool {
        (self.max - self.min).is_finite()
            && self.max != self.min
            && self.scale.is_finite()
            && self.scale > 0.0
            && (!self.log || (self.min > 0.0 && self.max > 0.0))
    }

    fn apply(
        &self,
        raw: &[Option<f64>],
        cx: &NormaliseContext<'_>,
        out: &mut [Option<f64>],
    ) -> Result<()> {
        if !self.is_valid() {
            return Err(Error::spec(
                Place::of_indicator(cx.indicator),
                "goalposts must be finite and distinct, scale > 0, and positive under log",
            ));
        }
        let f = |x: f64| if self.log { ln(x) } else { x };
        let (worst, best) = match cx.direction {
            Direction::Positive => (f(self.min), f(self.max)),
            Direction::Negative => (f(self.max), f(self.min)),
        };
        for (u, (x, y)) in raw.iter().zip(out.iter_mut()).enumerate() {
            *y = match *x {
                None => None,
                Some(x) if self.log && x <= 0.0 => return Err(log_domain(cx, u, x)),
                Some(x) => {
                    let v = (f(x) - worst) / (best - worst);
                    Some(if self.cap { v.clamp(0.0, 1.0) } else { v } * self.scale)
                }
            };
        }
        Ok(())
    }
}

/// `x / reference` for direction +1 and `reference / x` for −1, so higher is always better.
fn ratio(
    raw: &[Option<f64>],
    cx: &NormaliseContext<'_>,
    reference: f64,
    out: &mut [Option<f64>],
) -> Result<()> {
    for (u, (x, y)) in raw.iter().zip(out.iter_mut()).enumerate() {
        *y = match *x {
            None => None,
            Some(x) => {
                let (num, den) = match cx.direction {
                    Direction::Positive => (x, reference),
                    Direction::Negative => (reference, x),
                };
                if den == 0.0 {
                    return Err(Error::data(
                        Place::of_indicator(cx.indicator).unit(cx.units[u].code.as_str()),
                        "division by zero: a ratio normalisation needs a non-zero denominator",
                    ));
                }
                Some(num / den)
            }
        };
    }
    Ok(())
}

fn map(raw: &[Option<f64>], out: &mut [Option<f64>], f: impl Fn(f64) -> f64) -> Result<()> {
    for (x, y) in raw.iter().zip(out.iter_mut()) {
        *y = x.map(&f);
    }
    Ok(())
}

fn log_domain(cx: &NormaliseContext<'_>, unit: usize, x: f64) -> Error {
    Error::new(
        ErrorKind::OutOfDomain {
            node: cx.indicator.to_owned(),
            value: x,
            expected: "a positive value for log goalposts".to_owned(),
        },
        Place::of_indicator(cx.indicator).unit(cx.units[unit].code.as_str()),
    )
}

fn nonzero_range(range: f64, cx: &NormaliseContext<'_>) -> Result<f64> {
    if range > 0.0 && range.is_finite() {
        Ok(range)
    } else {
        Err(Error::new(
            ErrorKind::ZeroRange {
                indicator: cx.indicator.to_owned(),
            },
            Place::of_indicator(cx.indicator),
        ))
    }
}

fn bounded_values<'a>(
    raw: &'a [Option<f64>],
    cx: &'a NormaliseContext<'_>,
    sign: f64,
) -> impl Iterator<Item = f64> + 'a {
    raw.iter()
        .zip(cx.in_bounds)
        .filter_map(move |(x, &inside)| if inside { x.map(|x| x * sign) } else { None })
}

fn no_values(cx: &NormaliseContext<'_>) -> Error {
    Error::new(
        ErrorKind::NoValues {
            indicator: cx.indicator.to_owned(),
        },
        Place::of_indicator(cx.indicator),
    )
}

/// Minimum and maximum of the direction-adjusted values of the units inside the bounds.
fn bounds(raw: &[Option<f64>], cx: &NormaliseContext<'_>, sign: f64) -> Result<(f64, f64)> {
    let mut it = bounded_values(raw, cx, sign);
    let first = it.next().ok_or_else(|| no_values(cx))?;
    Ok(it.fold((first, first), |(lo, hi), x| (lo.min(x), hi.max(x))))
}

/// Mean and sample standard deviation (n − 1), as R's `mean` and `sd`.
fn mean_sd(raw: &[Option<f64>], cx: &NormaliseContext<'_>, sign: f64) -> Result<(f64, f64)> {
    let values: Vec<f64> = bounded_values(raw, cx, sign).collect();
    match values.len() {
        0 => Err(no_values(cx)),
        1 => Ok((values[0], 0.0)),
        _ => Ok((mean(&values), sd(&values, SdConvention::Sample))),
    }
}

fn rank_normalise(
    method: &Normalisation,
    raw: &[Option<f64>],
    cx: &NormaliseContext<'_>,
    sign: f64,
    out: &mut [Option<f64>],
) -> Result<()> {
    let adjusted: Vec<Option<f64>> = raw
        .iter()
        .zip(cx.in_bounds)
        .map(|(x, &inside)| if inside { x.map(|x| x * sign) } else { None })
        .collect();
    let n = adjusted.iter().flatten().count();
    if n == 0 {
        return Err(no_values(cx));
    }
    // rank_values ranks "higher is better"; ranking the negated values gives COINr's
    // ascending min-tie ranks.
    let negated: Vec<Option<f64>> = adjusted.iter().map(|x| x.map(|x| -x)).collect();
    let mut ranks = vec![None; raw.len()];
    rank_values(&negated, TiePolicy::Min, &mut ranks);
    for (y, r) in out.iter_mut().zip(&ranks) {
        *y = r.map(|ascending| match method {
            Normalisation::Percentile if n > 1 => (ascending - 1.0) / (n as f64 - 1.0),
            Normalisation::Percentile => 1.0,
            _ => ascending,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// Exact up to the last bits of one division.
    const TIGHT: f64 = 1e-14;

    fn cx<'a>(direction: Direction, in_bounds: &'a [bool]) -> NormaliseContext<'a> {
        let units: Vec<Unit> = (0..in_bounds.len())
            .map(|i| Unit::new(crate::UnitCode::new(&format!("U{i}")).unwrap(), "u"))
            .collect();
        NormaliseContext {
            units: Box::leak(units.into_boxed_slice()),
            indicator: "x",
            direction,
            in_bounds,
            target: None,
            reference: None,
            goalposts: None,
        }
    }

    fn run(method: Normalisation, raw: &[Option<f64>], direction: Direction) -> Vec<Option<f64>> {
        let inside = vec![true; raw.len()];
        let mut out = vec![None; raw.len()];
        method
            .apply(raw, &cx(direction, &inside), &mut out)
            .unwrap();
        out
    }

    #[test]
    fn minmax_flips_negative_direction_and_keeps_missing() {
        let raw = [Some(1.0), Some(3.0), None, Some(5.0)];
        let up = run(Normalisation::default(), &raw, Direction::Positive);
        assert_eq!(up, vec![Some(0.0), Some(50.0), None, Some(100.0)]);
        let down = run(Normalisation::default(), &raw, Direction::Negative);
        assert_eq!(down, vec![Some(100.0), Some(50.0), None, Some(0.0)]);
    }

    #[test]
    fn bounds_ignore_reference_rows() {
        let raw = [Some(1.0), Some(3.0), Some(10.0)];
        let inside = [true, true, false];
        let mut out = vec![None; 3];
        Normalisation::default()
            .apply(&raw, &cx(Direction::Positive, &inside), &mut out)
            .unwrap();
        assert_eq!(out, vec![Some(0.0), Some(100.0), Some(450.0)]);
    }

    #[test]
    fn zscore_uses_sample_sd() {
        // R: scale(c(1, 2, 3, 4)) gives -1.161895, -0.387298, 0.387298, 1.161895.
        let raw = [Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
        let z = run(
            Normalisation::ZScore { mean: 0.0, sd: 1.0 },
            &raw,
            Direction::Positive,
        );
        assert_relative_eq!(z[0].unwrap(), -1.161_895_003_862_225, epsilon = TIGHT);
        assert_relative_eq!(z[2].unwrap(), 0.387_298_334_620_741_7, epsilon = TIGHT);
    }

    #[test]
    fn zero_range_is_an_error_naming_the_indicator() {
        let raw = [Some(2.0), Some(2.0)];
        let inside = [true, true];
        let mut out = vec![None; 2];
        let err = Normalisation::default()
            .apply(&raw, &cx(Direction::Positive, &inside), &mut out)
            .unwrap_err();
        assert!(err.to_string().contains("indicator 'x'"));
        assert!(err.to_string().contains("zero range"));
    }

    #[test]
    fn goalposts_hdi_income_index() {
        // UNDP HDR 2021/22 technical note 1: Norway's GNI 64,660 → income index 0.978.
        let gp = Normalisation::Goalposts(Goalposts {
            min: 100.0,
            max: 75_000.0,
            cap: true,
            log: true,
            scale: 1.0,
        });
        let out = run(gp, &[Some(64_660.0), Some(80_000.0)], Direction::Positive);
        assert_relative_eq!(out[0].unwrap(), 0.977_6, epsilon = 1e-4);
        assert_eq!(out[1], Some(1.0));
    }

    #[test]
    fn ranks_and_percentiles_share_the_lowest_rank_like_coinr() {
        // R: rank(c(10, 20, 20, 5), ties.method = "min") == c(2, 3, 3, 1)
        let raw = [Some(10.0), Some(20.0), Some(20.0), Some(5.0)];
        let r = run(Normalisation::Rank, &raw, Direction::Positive);
        assert_eq!(r, vec![Some(2.0), Some(3.0), Some(3.0), Some(1.0)]);
        let p = run(Normalisation::Percentile, &raw, Direction::Positive);
        assert_eq!(p[3], Some(0.0));
        assert_eq!(p[1], Some(2.0 / 3.0));
    }

    #[test]
    fn distance_to_reference_scores_the_reference_one() {
        // COINr n_dist2ref(c(1, 3, 5), iref = 2) == 1 - (3 - x) / (3 - 1) == c(0, 1, 2)
        let raw = [Some(1.0), Some(3.0), Some(5.0)];
        let inside = [true; 3];
        let mut c = cx(Direction::Positive, &inside);
        c.reference = Some(1);
        let mut out = vec![None; 3];
        Normalisation::DistanceToReference {
            unit: "U1".into(),
            cap: false,
        }
        .apply(&raw, &c, &mut out)
        .unwrap();
        assert_eq!(out, vec![Some(0.0), Some(1.0), Some(2.0)]);
    }

    #[test]
    fn distance_to_target_both_directions() {
        let raw = [Some(0.0), Some(5.0), Some(12.0)];
        let up = Normalisation::DistanceToTarget {
            target: Some(10.0),
            cap: true,
        };
        assert_eq!(
            run(up.clone(), &raw, Direction::Positive),
            vec![Some(0.0), Some(0.5), Some(1.0)]
        );
        // Lower is better, target 2: worst is 12 → 0, 2 → 1, 5 → 0.7.
        let down = Normalisation::DistanceToTarget {
            target: Some(2.0),
            cap: false,
        };
        let out = run(down, &raw, Direction::Negative);
        assert_relative_eq!(out[1].unwrap(), 0.7, epsilon = TIGHT);
        assert_relative_eq!(out[2].unwrap(), 0.0, epsilon = TIGHT);
    }
}
