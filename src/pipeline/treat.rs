//! Outlier treatment: winsorise skewed, heavy-tailed indicators, then log-transform the ones
//! that still fail (the JRC/COINr rule).
//!
//! [`Treatment::Winsorise`] reproduces the default of COINr 1.1.14's `Treat()`
//! (bluefoxr/COINr, `R/treat.R`: `Treat.numeric()`, `winsorise()`, `check_SkewKurt()`,
//! `log_CT()`, `skew()`, `kurt()`), which follows the OECD/JRC *Handbook on Constructing
//! Composite Indicators* (2008) and the JRC's practice of treating an indicator when its
//! absolute skewness exceeds 2 and its kurtosis exceeds 3.5.
//!
//! # Formula
//!
//! For the `n` present values `x₁ … xₙ` of the ranked units, with mean `x̄`,
//! `m₂ = Σ(xᵢ − x̄)²/n`, `m₃ = Σ(xᵢ − x̄)³/n`, `m₄ = Σ(xᵢ − x̄)⁴/n`:
//!
//! - skewness (e1071 type 2, Excel `SKEW`; [`skewness`]):
//!   `G₁ = m₃/m₂^{3/2} · √(n(n−1))/(n−2)`, undefined when `n < 3`;
//! - excess kurtosis (e1071 type 2, Excel `KURT`; [`kurtosis`]):
//!   `G₂ = ((n+1)(m₄/m₂² − 3) + 6)(n−1)/((n−2)(n−3))`, undefined when `n < 4`;
//!   both are undefined when all values are equal (`m₂ = 0`);
//! - pass rule (`check_SkewKurt`, strict `<` joined by OR):
//!   `pass ⇔ |G₁| < skew OR G₂ < kurtosis`, evaluated with R's three-valued logic: an undefined
//!   statistic counts as "unknown", so `unknown OR true = true` and `unknown OR false =
//!   unknown`;
//! - winsorisation (`winsorise`): while the column fails and fewer than `max_points` points
//!   are winsorised, look at the skewness of the *current* values: if `G₁ ≥ 0` every value tied
//!   at the maximum is replaced by the largest remaining (next distinct) value, otherwise every
//!   value tied at the minimum is replaced by the smallest remaining value; then re-check. The
//!   count of winsorised points is the size of the *last* high-side tied set plus the size of
//!   the last low-side tied set (COINr overwrites `imax`/`imin` on each step, and the points
//!   already pulled in are tied with the new extreme), so ties can carry it past `max_points`;
//! - log fallback (`log_CT`): if the winsorised column still fails, the winsorised values are
//!   **discarded** and the *original* values are transformed with
//!   `y = ln(x − min + 0.01·(max − min))`; the result is checked once more and kept whether it
//!   passes or not.
//!
//! If the check is unknown at any stage (fewer than 3 or 4 values, or all values equal),
//! COINr warns "f_pass has returned NA. Returning untreated vector." and returns the column
//! untreated; Yardstick does the same and sets [`TreatOutcome::check_undetermined`].
//!
//! # Reference rows and missing values
//!
//! Only units with `in_bounds[u] == true` (ranked units, not reference rows such as a national
//! average) enter the statistics, choose which points are winsorised and set the `min`/`max`
//! of the log transform. The treatment found for them is then applied to the other rows as
//! the same function of the value: winsorisation of the ranked units is exactly a clamp to
//! `[lo, hi]` (the last replacement values on each treated side), so a reference row above
//! `hi` is set to `hi` (below `lo` to `lo`) and listed in [`TreatOutcome::reference_clipped`];
//! the log transform uses the ranked units' `min` and range. Missing values stay missing and
//! are skipped by every statistic (COINr's `na.rm = TRUE`).
//!
//! # Deliberate differences from COINr
//!
//! - Where `log_CT` would take the log of a non-positive number (a reference row below
//!   `min − 0.01·range`, or a zero range) COINr returns `NaN`/`-Inf`; Yardstick returns a
//!   [`Error`] of kind `Data` naming the indicator.
//! - COINr has separate thresholds for the check inside `winsorise()` (`f1_para`) and for the
//!   outer check (`f_pass_para`); they are equal by default and one pair is used here.
//! - COINr's `combine_treat = TRUE` (log of the winsorised values) and `force_win` are not
//!   offered.

use crate::error::Shown;
use crate::math::{ln, pow};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};

/// An outlier treatment with its thresholds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Treatment {
    /// Leave values as they are.
    #[default]
    None,
    /// COINr 1.1.14's `Treat()` default: winsorise up to `max_points` points, then fall back to
    /// `log_CT` of the original values (see the [module documentation](self) for the formulas).
    Winsorise {
        /// Skewness threshold (COINr `skew_thresh`: 2). An indicator fails when
        /// `|skewness| ≥ skew` and `kurtosis ≥ kurtosis`; it passes when either is strictly
        /// below its threshold.
        #[serde(default = "default_skew")]
        skew: f64,
        /// Excess-kurtosis threshold (COINr `kurt_thresh`: 3.5); see `skew`.
        #[serde(default = "default_kurtosis")]
        kurtosis: f64,
        /// Winsorising stops once this many points are winsorised (COINr `winmax`: 5). Ties
        /// are winsorised together, so the count may end above this; 0 skips winsorisation.
        #[serde(default = "default_max_points")]
        max_points: usize,
        /// Log-transform the original values of an indicator that still fails after
        /// winsorisation (COINr `f2 = "log_CT"`). When `false` the winsorised values are kept
        /// (COINr `f2 = NULL`).
        #[serde(default = "default_true")]
        log_fallback: bool,
    },
}

fn default_skew() -> f64 {
    2.0
}
fn default_kurtosis() -> f64 {
    3.5
}
fn default_max_points() -> usize {
    5
}
fn default_true() -> bool {
    true
}

/// One skewness/kurtosis check (a `check_SkewKurt` column group of COINr's `Dets_Table`).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct SkewKurt {
    /// Skewness ([`skewness`]); `None` when undefined.
    pub skew: Option<f64>,
    /// Excess kurtosis ([`kurtosis`]); `None` when undefined.
    pub kurtosis: Option<f64>,
    /// `|skew| < skew threshold OR kurtosis < kurtosis threshold`, in three-valued logic;
    /// `None` when that is unknown.
    pub pass: Option<bool>,
}

impl SkewKurt {
    /// Checks `values` against the thresholds (COINr `check_SkewKurt`).
    ///
    /// # Formula
    /// `pass = (|G₁| < skew_threshold) OR (G₂ < kurtosis_threshold)`, where an undefined
    /// statistic makes its side unknown: `unknown OR true = true`, `unknown OR false = unknown`
    /// (R's `|` on `NA`).
    pub fn check(values: &[f64], skew_threshold: f64, kurtosis_threshold: f64) -> Self {
        // One pass of centred sums for both statistics: winsorisation checks after every
        // point it replaces.
        let sums = central_sums(values);
        let skew = sums.and_then(|s| skewness_of(values.len(), s));
        let kurt = sums.and_then(|s| kurtosis_of(values.len(), s));
        let a = skew.map(|s| s.abs() < skew_threshold);
        let b = kurt.map(|k| k < kurtosis_threshold);
        let pass = match (a, b) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        };
        SkewKurt {
            skew,
            kurtosis: kurt,
            pass,
        }
    }
}

/// What a treatment did to one indicator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TreatOutcome {
    /// Ranked units (indices) in COINr's final winsorised sets, ascending: the union of
    /// `winsorised_high` and `winsorised_low`. As in COINr's `Treated_Points` ("winhi+log_CT"),
    /// they are listed even when the log fallback then discarded the winsorised values.
    pub winsorised: Vec<usize>,
    /// Units of the last high-side tied set (COINr `imax`, marked "winhi").
    pub winsorised_high: Vec<usize>,
    /// Units of the last low-side tied set (COINr `imin`, marked "winlo").
    pub winsorised_low: Vec<usize>,
    /// COINr's `nwin`: `|imax| + |imin|`.
    pub winsorised_points: usize,
    /// Reference rows (not in bounds) clamped to the winsorised range of the ranked units.
    pub reference_clipped: Vec<usize>,
    /// Whether the indicator was log-transformed (`log_CT` of the original values).
    pub log_transformed: bool,
    /// Skewness of the ranked units before and after treatment (after = of the returned
    /// values, so equal to before when nothing changed).
    pub skew: (Option<f64>, Option<f64>),
    /// Excess kurtosis before and after treatment, as for `skew`.
    pub kurtosis: (Option<f64>, Option<f64>),
    /// The result of the last check run: `Some(true)` passes, `Some(false)` still fails (no
    /// log fallback, or the log transform did not fix it), `None` when no check ran
    /// ([`Treatment::None`]) or the check was unknown (see `check_undetermined`).
    pub passed: Option<bool>,
    /// A check returned "unknown" (fewer than 3 or 4 values, or all values equal): the column
    /// was returned untreated, where COINr warns "f_pass has returned NA".
    pub check_undetermined: bool,
    /// The check of the original values (COINr `check_SkewKurt0`).
    pub check_raw: Option<SkewKurt>,
    /// The check after winsorisation (COINr `check_SkewKurt1`), when it ran.
    pub check_winsorised: Option<SkewKurt>,
    /// The check after the log transform (COINr `check_SkewKurt2`), when it ran.
    pub check_log: Option<SkewKurt>,
}

impl TreatOutcome {
    /// Records COINr's "f_pass has returned NA. Returning untreated vector.": no point counts
    /// as treated.
    fn returned_untreated(&mut self) {
        self.check_undetermined = true;
        self.winsorised.clear();
        self.winsorised_high.clear();
        self.winsorised_low.clear();
        self.winsorised_points = 0;
    }
}

impl Treatment {
    /// Treats one indicator column in place.
    ///
    /// `in_bounds[u]` marks the units whose values set the statistics and the treatment;
    /// reference rows (`false`) get the same treatment without moving it, and missing values
    /// stay missing (see the [module documentation](self)).
    ///
    /// # Formula
    /// See the [module documentation](self): skewness `G₁`, excess kurtosis `G₂`, the pass rule
    /// `|G₁| < skew OR G₂ < kurtosis`, winsorisation of tied extremes on the side given by the
    /// sign of the current skewness, and the fallback `ln(x − min + 0.01·(max − min))` on the
    /// original values.
    ///
    /// Source: COINr 1.1.14 `Treat()` / `winsorise()` / `check_SkewKurt()` / `log_CT()`
    /// (bluefoxr/COINr, `R/treat.R`); OECD/JRC Handbook on Constructing Composite Indicators
    /// (2008), on treating outliers before normalisation.
    ///
    /// # Errors
    /// A `Data` error naming the indicator when `in_bounds` and `values` differ in length, or
    /// when the log transform would take the log of a non-positive number (a reference row
    /// below `min − 0.01·range`, or a zero range), where COINr yields `NaN` or `-Inf`.
    pub fn apply(
        &self,
        indicator: &str,
        values: &mut [Option<f64>],
        in_bounds: &[bool],
    ) -> Result<TreatOutcome> {
        let (skew_t, kurt_t, max_points, log_fallback) = match *self {
            Treatment::None => return Ok(TreatOutcome::default()),
            Treatment::Winsorise {
                skew,
                kurtosis,
                max_points,
                log_fallback,
            } => (skew, kurtosis, max_points, log_fallback),
        };
        if in_bounds.len() != values.len() {
            return Err(Error::data(
                Place::of_indicator(indicator),
                format!(
                    "outlier treatment needs one in-bounds flag per unit ({} values, {} flags)",
                    values.len(),
                    in_bounds.len()
                ),
            ));
        }

        // The ranked units' present values, and where they sit in `values`.
        let units: Vec<usize> = (0..values.len())
            .filter(|&u| in_bounds[u] && values[u].is_some())
            .collect();
        let original: Vec<f64> = units.iter().filter_map(|&u| values[u]).collect();

        let raw = SkewKurt::check(&original, skew_t, kurt_t);
        let mut out = TreatOutcome {
            skew: (raw.skew, raw.skew),
            kurtosis: (raw.kurtosis, raw.kurtosis),
            passed: raw.pass,
            check_raw: Some(raw),
            ..TreatOutcome::default()
        };
        match raw.pass {
            Some(true) => return Ok(out),
            None => {
                out.check_undetermined = true;
                return Ok(out);
            }
            Some(false) => {}
        }

        let Some(win) = winsorise(&original, skew_t, kurt_t, max_points) else {
            // COINr: `if(NA)` inside winsorise() is an R error, caught by Treat(), which
            // returns the column untreated.
            out.check_undetermined = true;
            out.passed = None;
            return Ok(out);
        };
        out.winsorised_high = win.high.iter().map(|&i| units[i]).collect();
        out.winsorised_low = win.low.iter().map(|&i| units[i]).collect();
        // Units in data order, each once: `units` ascends, so marking beats sorting.
        let mut hit = vec![false; units.len()];
        for &i in win.high.iter().chain(&win.low) {
            hit[i] = true;
        }
        out.winsorised = units
            .iter()
            .zip(&hit)
            .filter(|&(_, &hit)| hit)
            .map(|(&u, _)| u)
            .collect();
        out.winsorised_points = win.high.len() + win.low.len();

        let after_win = SkewKurt::check(&win.values, skew_t, kurt_t);
        out.check_winsorised = Some(after_win);
        out.passed = after_win.pass;
        if after_win.pass.is_none() {
            // COINr returns the original x (and no treated points) here.
            out.returned_untreated();
            return Ok(out);
        }

        if after_win.pass == Some(false) && log_fallback {
            // COINr (combine_treat = FALSE) discards the winsorised values and logs the
            // originals.
            let (min, max) = min_max(&original);
            let shift = 0.01 * (max - min);
            let log_ct = |v: f64, u: usize| -> Result<f64> {
                let arg = v - min + shift;
                if arg > 0.0 {
                    Ok(ln(arg))
                } else {
                    Err(Error::data(
                        Place::of_indicator(indicator),
                        format!(
                            "log transform (log_CT) undefined for the value {} of the unit at \
                             position {u}: it must exceed min − 1% of range = {} (ranked units' \
                             min {}, max {})",
                            Shown(v),
                            Shown(min - shift),
                            Shown(min),
                            Shown(max)
                        ),
                    ))
                }
            };
            let mut logged = Vec::with_capacity(values.len());
            for (u, v) in values.iter().enumerate() {
                logged.push(match v {
                    Some(v) => Some(log_ct(*v, u)?),
                    None => None,
                });
            }
            let in_bounds_logged: Vec<f64> = units.iter().filter_map(|&u| logged[u]).collect();
            let after_log = SkewKurt::check(&in_bounds_logged, skew_t, kurt_t);
            out.check_log = Some(after_log);
            out.passed = after_log.pass;
            if after_log.pass.is_none() {
                // COINr returns the original x here too.
                out.returned_untreated();
                return Ok(out);
            }
            values.copy_from_slice(&logged);
            out.log_transformed = true;
            out.skew.1 = after_log.skew;
            out.kurtosis.1 = after_log.kurtosis;
            return Ok(out);
        }

        // Keep the winsorised values (they pass, or there is no fallback).
        for (&u, &v) in units.iter().zip(&win.values) {
            values[u] = Some(v);
        }
        for (u, v) in values.iter_mut().enumerate() {
            if in_bounds[u] {
                continue;
            }
            if let Some(x) = v {
                let clamped = match (win.low_bound, win.high_bound) {
                    (_, Some(hi)) if *x > hi => hi,
                    (Some(lo), _) if *x < lo => lo,
                    _ => continue,
                };
                *x = clamped;
                out.reference_clipped.push(u);
            }
        }
        out.skew.1 = after_win.skew;
        out.kurtosis.1 = after_win.kurtosis;
        Ok(out)
    }
}

/// Result of [`winsorise`] on the ranked units' values.
struct Winsorised {
    values: Vec<f64>,
    /// Positions (in the input slice) of the last high-side tied set.
    high: Vec<usize>,
    /// Positions of the last low-side tied set.
    low: Vec<usize>,
    /// The last replacement value on the high side: the treated values are clamped above it.
    high_bound: Option<f64>,
    /// The last replacement value on the low side.
    low_bound: Option<f64>,
}

/// COINr's `winsorise()` loop on present values. `None` where R would evaluate `if(NA)` or
/// `while(NA)` (an error that `Treat()` catches by returning the column untreated).
fn winsorise(original: &[f64], skew_t: f64, kurt_t: f64, max_points: usize) -> Option<Winsorised> {
    let mut w = Winsorised {
        values: original.to_vec(),
        high: Vec::new(),
        low: Vec::new(),
        high_bound: None,
        low_bound: None,
    };
    let mut check = SkewKurt::check(&w.values, skew_t, kurt_t);
    let mut nwin = 0;
    // R: while((!passing) & below_winmax); `NA & FALSE` is FALSE, `NA & TRUE` an error.
    while nwin < max_points {
        match check.pass {
            Some(false) => {}
            Some(true) => break,
            None => return None,
        }
        let x = &mut w.values;
        // The check's skewness is that of these values: they have not changed since.
        let high_side = check.skew? >= 0.0;
        let extreme = if high_side {
            x.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        } else {
            x.iter().copied().fold(f64::INFINITY, f64::min)
        };
        let tied: Vec<usize> = (0..x.len()).filter(|&i| x[i] == extreme).collect();
        let rest = x.iter().copied().filter(|&v| v != extreme);
        let replacement = if high_side {
            rest.reduce(f64::max)
        } else {
            rest.reduce(f64::min)
        }?;
        for &i in &tied {
            x[i] = replacement;
        }
        if high_side {
            w.high = tied;
            w.high_bound = Some(replacement);
        } else {
            w.low = tied;
            w.low_bound = Some(replacement);
        }
        nwin = w.high.len() + w.low.len();
        check = SkewKurt::check(&w.values, skew_t, kurt_t);
    }
    Some(w)
}

fn min_max(x: &[f64]) -> (f64, f64) {
    x.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        })
}

/// Centred sums `(n, Σd², Σd³, Σd⁴)` with `d = x − x̄`; `None` when all values are equal.
fn central_sums(x: &[f64]) -> Option<(f64, f64, f64, f64)> {
    let n = x.len() as f64;
    // R's mean(): sum / n, refined by the mean of the residuals.
    let m0 = x.iter().sum::<f64>() / n;
    let mean = m0 + x.iter().map(|v| v - m0).sum::<f64>() / n;
    let (lo, hi) = min_max(x);
    if lo == hi {
        return None;
    }
    let (mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0);
    for v in x {
        let d = v - mean;
        let d2 = d * d;
        s2 += d2;
        s3 += d2 * d;
        s4 += d2 * d2;
    }
    (s2 > 0.0).then_some((n, s2, s3, s4))
}

/// Sample skewness of the kind used by COINr's `skew()` (e1071 type 2, Excel `SKEW`).
///
/// # Formula
/// `G₁ = √n · Σd³ / (Σd²)^{3/2} · √(n(n−1)) / (n−2)` with `d = x − x̄`.
///
/// `None` when there are fewer than 3 values or all values are equal (COINr: `NA`/`NaN`).
/// Source: COINr 1.1.14 `skew()` (bluefoxr/COINr, `R/treat.R`); Joanes & Gill (1998), type 2.
pub fn skewness(x: &[f64]) -> Option<f64> {
    skewness_of(x.len(), central_sums(x)?)
}

/// [`skewness`] of `len` values from their [`central_sums`].
fn skewness_of(len: usize, (n, s2, s3, _): (f64, f64, f64, f64)) -> Option<f64> {
    if len < 3 {
        return None;
    }
    let g = n.sqrt() * s3 / pow(s2, 1.5);
    let y = g * (n * (n - 1.0)).sqrt() / (n - 2.0);
    y.is_finite().then_some(y)
}

/// Sample excess kurtosis of the kind used by COINr's `kurt()` (e1071 type 2, Excel `KURT`);
/// about 0 for normal data.
///
/// # Formula
/// `r = n · Σd⁴ / (Σd²)²`, `G₂ = ((n+1)(r − 3) + 6)(n−1) / ((n−2)(n−3))` with `d = x − x̄`.
///
/// `None` when there are fewer than 4 values or all values are equal (COINr: `NA`/`NaN`).
/// Source: COINr 1.1.14 `kurt()` (bluefoxr/COINr, `R/treat.R`); Joanes & Gill (1998), type 2.
pub fn kurtosis(x: &[f64]) -> Option<f64> {
    kurtosis_of(x.len(), central_sums(x)?)
}

/// [`kurtosis`] of `len` values from their [`central_sums`].
fn kurtosis_of(len: usize, (n, s2, _, s4): (f64, f64, f64, f64)) -> Option<f64> {
    if len < 4 {
        return None;
    }
    let r = n * s4 / (s2 * s2);
    let y = ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0));
    y.is_finite().then_some(y)
}

#[cfg(test)]
mod tests {
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    use super::*;
    use crate::error::ErrorKind;
    use crate::model::dataset::Dataset;
    use crate::PeriodId;

    /// COINr prints 7 significant digits; half a unit in the 7th digit relative to the value is
    /// at most 5e-7.
    const PRINTED_7_DIGITS: f64 = 5e-7;

    fn default_treatment() -> Treatment {
        Treatment::Winsorise {
            skew: 2.0,
            kurtosis: 3.5,
            max_points: 5,
            log_fallback: true,
        }
    }

    fn with_max_points(max_points: usize) -> Treatment {
        Treatment::Winsorise {
            skew: 2.0,
            kurtosis: 3.5,
            max_points,
            log_fallback: true,
        }
    }

    fn some(x: &[f64]) -> Vec<Option<f64>> {
        x.iter().copied().map(Some).collect()
    }

    fn present(x: &[Option<f64>]) -> Vec<f64> {
        x.iter().flatten().copied().collect()
    }

    fn assert_close(found: Option<f64>, expected: f64) {
        let found = found.expect("statistic should be defined");
        assert_relative_eq!(found, expected, max_relative = PRINTED_7_DIGITS);
    }

    /// The ASEM raw data shipped with COINr 1.1.14 (`ASEM_iData`), as exported to CSV.
    fn asem() -> Dataset {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/asem/iData.csv");
        let bytes = std::fs::read(path)
            .unwrap_or_else(|e| panic!("ASEM data needed for the COINr golden tests: {path}: {e}"));
        crate::io::read_data(&bytes, "iData.csv", None).expect("ASEM iData parses")
    }

    fn asem_column(data: &Dataset, code: &str) -> Vec<Option<f64>> {
        let v = data
            .variable_index(code)
            .unwrap_or_else(|| panic!("ASEM has no column {code}"));
        data.column(v, PeriodId::new(0)).to_vec()
    }

    /// Treats an ASEM raw column with every unit in bounds.
    fn treat_asem(code: &str, treatment: &Treatment) -> (Vec<Option<f64>>, TreatOutcome) {
        let data = asem();
        let mut col = asem_column(&data, code);
        let in_bounds = vec![true; col.len()];
        let out = treatment.apply(code, &mut col, &in_bounds).unwrap();
        (col, out)
    }

    // COINr treat vignette (articles/treat.md): x = c(1:10, 30, 100).
    fn vignette_x() -> Vec<f64> {
        let mut x: Vec<f64> = (1..=10).map(f64::from).collect();
        x.extend([30.0, 100.0]);
        x
    }

    #[test]
    fn coinr_vignette_skew_and_kurt() {
        let x = vignette_x();
        assert_close(skewness(&x), 3.063241);
        assert_close(kurtosis(&x), 9.741391);
    }

    #[test]
    fn coinr_vignette_winmax_2_treats_one_point() {
        let mut values = some(&vignette_x());
        let out = with_max_points(2)
            .apply("x", &mut values, &[true; 12])
            .unwrap();
        assert_eq!(out.winsorised, vec![11]);
        assert_eq!(out.winsorised_high, vec![11]);
        assert_eq!(out.winsorised_points, 1);
        assert_eq!(values[11], Some(30.0));
        assert_eq!(values[10], Some(30.0));
        assert_eq!(&values[..10], &some(&vignette_x()[..10])[..]);
        assert!(!out.log_transformed);
        assert_eq!(out.passed, Some(true));
        assert_close(out.skew.0, 3.063241);
        assert_close(out.kurtosis.0, 9.741391);
        assert_close(out.skew.1, 1.712038);
        assert_close(out.kurtosis.1, 1.815781);
        assert_eq!(out.check_raw.unwrap().pass, Some(false));
    }

    #[test]
    fn stats_undefined_below_three_or_four_values_or_constant() {
        assert_eq!(skewness(&[1.0, 2.0]), None);
        assert!(skewness(&[1.0, 2.0, 4.0]).is_some());
        assert_eq!(kurtosis(&[1.0, 2.0, 4.0]), None);
        assert!(kurtosis(&[1.0, 2.0, 4.0, 9.0]).is_some());
        assert_eq!(skewness(&[0.1; 7]), None);
        assert_eq!(kurtosis(&[0.1; 7]), None);
    }

    #[test]
    fn pass_rule_is_strict_and_or() {
        // Skew ≈ 3.06, kurtosis ≈ 9.74.
        let x = vignette_x();
        assert_eq!(SkewKurt::check(&x, 2.0, 3.5).pass, Some(false));
        assert_eq!(SkewKurt::check(&x, 4.0, 3.5).pass, Some(true));
        assert_eq!(SkewKurt::check(&x, 2.0, 10.0).pass, Some(true));
        // Exactly at the threshold fails that side.
        let sk = skewness(&x).unwrap();
        let kt = kurtosis(&x).unwrap();
        assert_eq!(SkewKurt::check(&x, sk.abs(), kt).pass, Some(false));
        // n = 3: kurtosis unknown, so only a passing skewness decides.
        assert_eq!(SkewKurt::check(&[1.0, 2.0, 4.0], 2.0, 3.5).pass, Some(true));
        assert_eq!(SkewKurt::check(&[1.0, 2.0, 4.0], 0.1, 3.5).pass, None);
    }

    // COINr treat vignette, `Treat(coin, dset = "Raw")` on ASEM: Dets_Table rows.
    #[test]
    fn coinr_asem_raw_default_flights_one_point() {
        let (_, out) = treat_asem("Flights", &default_treatment());
        assert_eq!(out.winsorised_points, 1);
        assert!(!out.log_transformed);
        assert_eq!(out.passed, Some(true));
        assert_close(out.skew.1, 1.900658);
        assert_close(out.kurtosis.1, 3.336065);
    }

    #[test]
    fn coinr_asem_raw_default_goods_two_points() {
        let (_, out) = treat_asem("Goods", &default_treatment());
        assert_eq!(out.winsorised_points, 2);
        assert_eq!(out.winsorised.len(), 2);
        assert!(!out.log_transformed);
        assert_close(out.skew.1, 1.140608);
        assert_close(out.kurtosis.1, 0.1572047);
    }

    #[test]
    fn coinr_asem_raw_default_bord_elec_gas_one_point() {
        for code in ["Bord", "Elec", "Gas"] {
            let (_, out) = treat_asem(code, &default_treatment());
            assert_eq!(out.winsorised_points, 1, "{code}");
            assert!(!out.log_transformed, "{code}");
            assert_eq!(out.passed, Some(true), "{code}");
        }
        // COINr vignette: Bord passes on skewness alone (kurtosis still ≥ 3.5).
        let (_, out) = treat_asem("Bord", &default_treatment());
        assert_close(out.skew.1, 1.899211);
        assert_close(out.kurtosis.1, 4.346298);
    }

    // COINr treat vignette, `Treat(coin, dset = "Raw", global_specs = list(f1_para =
    // list(winmax = 1)))`: the check_SkewKurt0 columns of `Dets_Table` (ConSpeed has 8 missing
    // values, so this also checks `na.rm = TRUE`).
    #[test]
    fn coinr_asem_raw_check_skewkurt0_table() {
        let rows = [
            ("LPI", true, -0.3042681, -0.6567514),
            ("Flights", false, 2.1032872, 4.5088794),
            ("Ship", true, -0.5756680, -0.6814795),
            ("Bord", false, 2.1482360, 5.7914905),
            ("Elec", false, 2.2252736, 5.7910268),
            ("Gas", false, 2.8294486, 10.3346494),
            ("ConSpeed", true, 0.4622037, 0.1873214),
            ("Cov4G", true, -1.3725191, 0.5419314),
            ("Goods", false, 2.6499733, 8.2666095),
            ("Services", true, 1.7010849, 2.3756557),
        ];
        for (code, pass, skew, kurt) in rows {
            let (_, out) = treat_asem(code, &with_max_points(1));
            let raw = out.check_raw.unwrap();
            assert_eq!(raw.pass, Some(pass), "{code}");
            assert_close(raw.skew, skew);
            assert_close(raw.kurtosis, kurt);
            if pass {
                assert!(out.check_winsorised.is_none(), "{code}");
            }
        }
    }

    // COINr treat vignette, default `Treat(coin, dset = "Raw")`: Elec and Gas rows.
    #[test]
    fn coinr_asem_raw_default_elec_gas_after_values() {
        let (_, out) = treat_asem("Elec", &default_treatment());
        assert_close(out.skew.1, 1.717744);
        assert_close(out.kurtosis.1, 2.586062);
        let (_, out) = treat_asem("Gas", &default_treatment());
        assert_close(out.skew.1, 1.602518);
        assert_close(out.kurtosis.1, 1.525576);
    }

    // COINr treat vignette, `Treat(ASEM_iData[c("Flights", "Goods", "Services")])`:
    // `Treated_Points` marks "winhi" at row 30 for Flights and rows 11 and 35 for Goods.
    #[test]
    fn coinr_asem_raw_treated_points() {
        let (_, out) = treat_asem("Flights", &default_treatment());
        assert_eq!(out.winsorised_high, vec![29]);
        let (treated, out) = treat_asem("Goods", &default_treatment());
        assert_eq!(out.winsorised_high, vec![10, 34]);
        assert!(out.winsorised_low.is_empty());
        assert_eq!(treated[10], treated[34]);
        let (_, out) = treat_asem("Services", &default_treatment());
        assert_eq!(out.passed, Some(true));
        assert!(out.check_winsorised.is_none() && out.winsorised.is_empty());
    }

    // COINr treat vignette, `qTreat(df1, winmax = 1, skew_thresh = 1.5, kurt_thresh = 3)`:
    // Flights fails after one point (1.900658, 3.336065) and is logged.
    #[test]
    fn coinr_asem_raw_qtreat_stricter_thresholds() {
        let t = Treatment::Winsorise {
            skew: 1.5,
            kurtosis: 3.0,
            max_points: 1,
            log_fallback: true,
        };
        let (_, out) = treat_asem("Flights", &t);
        let win = out.check_winsorised.unwrap();
        assert_eq!(win.pass, Some(false));
        assert_close(win.skew, 1.900658);
        assert_close(win.kurtosis, 3.336065);
        assert!(out.log_transformed);
        assert_eq!(out.passed, Some(true));
        assert_close(out.skew.1, -0.09502644);
        assert_close(out.kurtosis.1, -0.8305217);
        let (_, out) = treat_asem("Goods", &t);
        assert_close(out.skew.1, 0.03104001);
        assert_close(out.kurtosis.1, -0.8888965);
        let (_, out) = treat_asem("Services", &t);
        assert_eq!(out.passed, Some(true));
        assert!(!out.log_transformed);
    }

    // COINr treat vignette: `indiv_specs = list(Goods = list(f1_para = list(winmax = 1)))`.
    #[test]
    fn coinr_asem_raw_goods_winmax_1_falls_back_to_log_of_original() {
        let data = asem();
        let original = asem_column(&data, "Goods");
        let (treated, out) = treat_asem("Goods", &with_max_points(1));
        let win = out.check_winsorised.unwrap();
        assert_eq!(win.pass, Some(false));
        assert_close(win.skew, 2.469910);
        assert_close(win.kurtosis, 7.087309);
        assert!(out.log_transformed);
        assert_eq!(out.winsorised_points, 1);
        assert_close(out.skew.1, 0.03104001);
        assert_close(out.kurtosis.1, -0.8888965);
        assert_eq!(out.check_log.unwrap().pass, Some(true));
        // log_CT of the *original* values: the minimum maps to ln(0.01 · range).
        let x = present(&original);
        let (min, max) = min_max(&x);
        for (t, o) in treated.iter().zip(&original) {
            let expected = (o.unwrap() - min + 0.01 * (max - min)).ln();
            assert_relative_eq!(t.unwrap(), expected, max_relative = 1e-15);
        }
    }

    // COINr treat vignette: Flights with `winmax = 0` goes straight to log_CT.
    #[test]
    fn coinr_asem_raw_flights_winmax_0_logs() {
        let (_, out) = treat_asem("Flights", &with_max_points(0));
        assert_eq!(out.winsorised_points, 0);
        assert!(out.winsorised.is_empty());
        assert!(out.log_transformed);
        assert_close(out.skew.1, -0.09502644);
        assert_close(out.kurtosis.1, -0.8305217);
    }

    #[test]
    fn ties_are_winsorised_together_and_counted_by_coinr_rule() {
        // Two tied maxima: one step replaces both with 20 (nwin = 2 > max_points = 1).
        let mut x: Vec<f64> = (1..=20).map(f64::from).collect();
        x.extend([100.0, 100.0]);
        let mut values = some(&x);
        let n = values.len();
        let out = with_max_points(1)
            .apply("t", &mut values, &vec![true; n])
            .unwrap();
        assert_eq!(out.winsorised_points, 2);
        assert_eq!(out.winsorised_high, vec![20, 21]);
        assert_eq!(values[20], Some(20.0));
        assert_eq!(values[21], Some(20.0));
        assert_eq!(out.passed, Some(true));
    }

    #[test]
    fn nwin_is_the_last_tied_set_after_several_steps() {
        // 1..20 then 60, 80, 1000: each step pulls the top into the next value.
        let mut x: Vec<f64> = (1..=20).map(f64::from).collect();
        x.extend([60.0, 80.0, 1000.0]);
        let mut values = some(&x);
        let n = values.len();
        let out = default_treatment()
            .apply("t", &mut values, &vec![true; n])
            .unwrap();
        assert!(out.winsorised_points >= 2);
        assert_eq!(out.winsorised_high.len(), out.winsorised_points);
        let top = values[22].unwrap();
        for &u in &out.winsorised_high {
            assert_eq!(values[u], Some(top));
        }
    }

    #[test]
    fn negative_skew_winsorises_the_low_side() {
        let x: Vec<f64> = vignette_x().iter().map(|v| -v).collect();
        let mut values = some(&x);
        let out = with_max_points(2)
            .apply("neg", &mut values, &[true; 12])
            .unwrap();
        assert_eq!(out.winsorised_low, vec![11]);
        assert!(out.winsorised_high.is_empty());
        assert_eq!(values[11], Some(-30.0));
        assert_close(out.skew.1, -1.712038);
    }

    #[test]
    fn passing_column_is_unchanged() {
        let x: Vec<f64> = (1..=20).map(|i| f64::from(i).sqrt()).collect();
        let mut values = some(&x);
        let before = values.clone();
        let out = default_treatment()
            .apply("ok", &mut values, &[true; 20])
            .unwrap();
        assert_eq!(values, before);
        assert_eq!(out.passed, Some(true));
        assert!(out.winsorised.is_empty() && !out.log_transformed);
    }

    #[test]
    fn treatment_none_changes_nothing() {
        let mut values = some(&vignette_x());
        let before = values.clone();
        let out = Treatment::None
            .apply("x", &mut values, &[true; 12])
            .unwrap();
        assert_eq!(values, before);
        assert_eq!(out, TreatOutcome::default());
    }

    #[test]
    fn missing_stays_missing_and_is_skipped() {
        let mut x = some(&vignette_x());
        x.insert(3, None);
        x.push(None);
        let n = x.len();
        let out = with_max_points(2)
            .apply("x", &mut x, &vec![true; n])
            .unwrap();
        assert_eq!(x[3], None);
        assert_eq!(x[n - 1], None);
        assert_close(out.skew.1, 1.712038);
        assert_eq!(out.winsorised, vec![12]);
    }

    #[test]
    fn missing_stays_missing_under_log() {
        let mut x = some(&vignette_x());
        x.insert(0, None);
        let out = with_max_points(0).apply("x", &mut x, &[true; 13]).unwrap();
        assert!(out.log_transformed);
        assert_eq!(x[0], None);
        assert!(x[1..].iter().all(|v| v.is_some_and(f64::is_finite)));
    }

    #[test]
    fn reference_row_does_not_move_statistics_and_is_clipped() {
        let mut plain = some(&vignette_x());
        let out_plain = with_max_points(2)
            .apply("x", &mut plain, &[true; 12])
            .unwrap();

        // A reference row far above the max, one inside the range, one missing.
        let mut with_ref = some(&vignette_x());
        with_ref.extend([Some(500.0), Some(5.5), None]);
        let mut in_bounds = vec![true; 12];
        in_bounds.extend([false; 3]);
        let out = with_max_points(2)
            .apply("x", &mut with_ref, &in_bounds)
            .unwrap();
        assert_eq!(out.check_raw, out_plain.check_raw);
        assert_eq!(out.skew, out_plain.skew);
        assert_eq!(out.winsorised, out_plain.winsorised);
        assert_eq!(&with_ref[..12], &plain[..]);
        assert_eq!(with_ref[12], Some(30.0));
        assert_eq!(with_ref[13], Some(5.5));
        assert_eq!(with_ref[14], None);
        assert_eq!(out.reference_clipped, vec![12]);
    }

    #[test]
    fn reference_row_uses_the_ranked_units_log_bounds() {
        let mut values = some(&vignette_x());
        values.push(Some(50.0));
        let mut in_bounds = vec![true; 12];
        in_bounds.push(false);
        let out = with_max_points(0)
            .apply("x", &mut values, &in_bounds)
            .unwrap();
        assert!(out.log_transformed);
        // min 1, range 99: ln(50 − 1 + 0.99).
        assert_relative_eq!(values[12].unwrap(), 49.99f64.ln(), max_relative = 1e-15);
        assert_eq!(values[0], Some(0.99f64.ln()));
    }

    #[test]
    fn reference_row_below_log_domain_is_an_error_naming_the_indicator() {
        let mut values = some(&vignette_x());
        values.push(Some(-5.0));
        let mut in_bounds = vec![true; 12];
        in_bounds.push(false);
        let before = values.clone();
        let err = with_max_points(0)
            .apply("Goods", &mut values, &in_bounds)
            .unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Data { .. }));
        assert_eq!(err.place().indicator.as_deref(), Some("Goods"));
        assert!(err.to_string().contains("Goods"), "{err}");
        assert_eq!(values, before, "an error leaves the column untouched");
    }

    #[test]
    fn mismatched_in_bounds_is_an_error() {
        let mut values = some(&vignette_x());
        let err = default_treatment()
            .apply("x", &mut values, &[true; 3])
            .unwrap_err();
        assert_eq!(err.place().indicator.as_deref(), Some("x"));
    }

    #[test]
    fn undetermined_check_returns_untreated_like_coinr() {
        // Only 3 ranked values: kurtosis is NA and skewness cannot pass a 0.1 threshold.
        let mut values = some(&[1.0, 2.0, 40.0, 1000.0]);
        let before = values.clone();
        let t = Treatment::Winsorise {
            skew: 0.1,
            kurtosis: 3.5,
            max_points: 5,
            log_fallback: true,
        };
        let out = t
            .apply("few", &mut values, &[true, true, true, false])
            .unwrap();
        assert_eq!(values, before);
        assert!(out.check_undetermined);
        assert_eq!(out.passed, None);

        // All equal: NaN statistics in COINr, untreated.
        let mut flat = some(&[3.0; 6]);
        let out = default_treatment()
            .apply("flat", &mut flat, &[true; 6])
            .unwrap();
        assert!(out.check_undetermined);
        assert_eq!(flat, some(&[3.0; 6]));
    }

    #[test]
    fn no_log_fallback_keeps_the_winsorised_values() {
        let t = Treatment::Winsorise {
            skew: 2.0,
            kurtosis: 3.5,
            max_points: 1,
            log_fallback: false,
        };
        let (treated, out) = treat_asem("Goods", &t);
        assert!(!out.log_transformed);
        assert_eq!(out.passed, Some(false));
        assert_close(out.skew.1, 2.469910);
        assert_eq!(present(&treated).len(), 51);
    }

    #[test]
    fn serde_defaults_are_coinr_defaults() {
        let t: Treatment = serde_json::from_str(r#"{"method": "winsorise"}"#).unwrap();
        assert_eq!(t, default_treatment());
    }

    proptest! {
        #[test]
        fn reference_rows_never_change_the_ranked_units(
            ranked in prop::collection::vec(prop::option::weighted(0.9, -1e3f64..1e4), 4..40),
            refs in prop::collection::vec(prop::option::of(-1e3f64..1e5), 0..4),
            max_points in 0usize..6,
        ) {
            let t = with_max_points(max_points);
            let mut plain = ranked.clone();
            let out_plain = t.apply("p", &mut plain, &vec![true; ranked.len()]).unwrap();

            let mut mixed = ranked.clone();
            mixed.extend(refs.iter().copied());
            let mut in_bounds = vec![true; ranked.len()];
            in_bounds.extend(vec![false; refs.len()]);
            match t.apply("p", &mut mixed, &in_bounds) {
                Ok(out) => {
                    prop_assert_eq!(&mixed[..ranked.len()], &plain[..]);
                    prop_assert_eq!(out.check_raw, out_plain.check_raw);
                    prop_assert_eq!(out.winsorised, out_plain.winsorised);
                }
                // Only a reference row outside the log domain may fail.
                Err(_) => prop_assert!(out_plain.log_transformed),
            }
            for (m, r) in mixed[ranked.len()..].iter().zip(&refs) {
                prop_assert_eq!(m.is_none(), r.is_none());
            }
        }

        #[test]
        fn treated_values_stay_finite_and_missing_stays_missing(
            x in prop::collection::vec(prop::option::weighted(0.9, -1e6f64..1e6), 0..60),
        ) {
            let mut y = x.clone();
            let n = y.len();
            let out = default_treatment().apply("p", &mut y, &vec![true; n]).unwrap();
            for (a, b) in x.iter().zip(&y) {
                prop_assert_eq!(a.is_none(), b.is_none());
                if let Some(b) = b {
                    prop_assert!(b.is_finite());
                }
            }
            if out.passed == Some(true) && out.winsorised.is_empty() && !out.log_transformed {
                prop_assert_eq!(&x, &y);
            }
        }
    }
}
