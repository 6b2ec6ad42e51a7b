//! Descriptive statistics and the one inferential test the analyses need, written once:
//! means, variances and standard deviations, the median and quantiles as R computes them,
//! average ranks, and ordinary least squares with Student-t p-values.
//!
//! Sums run left to right over the values as given, so a result is the same bits on every
//! platform and in every caller. Functions on a slice expect at least the values their formula
//! needs (one for a mean, two for a sample variance); the callers check the count and say in
//! their error which unit, node or indicator is short.

use serde::Serialize;

use crate::error::{Error, Place, Result};
use crate::math::{exp, ln};

/// Minimum number of observations for a regression with standard errors (n − 2 ≥ 1).
pub(crate) const MIN_REGRESSION: usize = 3;

/// Divisor of a standard deviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SdConvention {
    /// Divide by n: the units are the whole population of regions (numpy's `std` default,
    /// `scipy.stats.variation` default, Barro & Sala-i-Martin's σ).
    Population,
    /// Divide by n − 1: the units are a sample (R's `sd`, pandas' `std` default).
    Sample,
}

/// Arithmetic mean x̄ = Σ xᵢ / n of at least one value.
///
/// # Formula
/// x̄ = (1/n) Σ xᵢ, summed in order (R's `mean` adds a second refinement pass; the values
/// here are normalised or raw indicator values, where the two agree to the last bits that
/// golden tests compare).
pub(crate) fn mean(values: &[f64]) -> f64 {
    debug_assert!(!values.is_empty(), "callers check the count");
    values.iter().sum::<f64>() / values.len() as f64
}

/// Arithmetic mean, or `None` for no values.
pub(crate) fn mean_of(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| mean(values))
}

/// Variance about the mean, two-pass.
///
/// # Formula
/// s² = Σ (xᵢ − x̄)² / d with d = n ([`SdConvention::Population`]) or n − 1
/// ([`SdConvention::Sample`], R's `var`).
pub(crate) fn variance(values: &[f64], convention: SdConvention) -> f64 {
    let mu = mean(values);
    let ss: f64 = values.iter().map(|&x| (x - mu) * (x - mu)).sum();
    let divisor = match convention {
        SdConvention::Population => values.len() as f64,
        SdConvention::Sample => values.len() as f64 - 1.0,
    };
    ss / divisor
}

/// Standard deviation: the square root of [`variance`] (R's `sd` with
/// [`SdConvention::Sample`]).
pub(crate) fn sd(values: &[f64], convention: SdConvention) -> f64 {
    variance(values, convention).sqrt()
}

/// Median as R computes it, or `None` for no values.
///
/// # Formula
/// The middle value of the sorted values for odd n, the mean of the two middle values for
/// even n (R's `median`).
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    median_mut(&mut values.to_vec())
}

/// [`median`] of values that may be reordered: a selection (linear time), not a sort. A run of
/// the pipeline takes the median of every indicator (`screen::implausible`), where sorting
/// each column cost a third of the run.
pub(crate) fn median_mut(values: &mut [f64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    // Values equal in the total order are the same bits, so the selection's instability
    // loses nothing.
    let (below, &mut upper, _) = values.select_nth_unstable_by(n / 2, f64::total_cmp);
    if n % 2 == 1 {
        return Some(upper);
    }
    // (a + b) / 2 as R writes it: interpolating a + (b − a)/2 can differ in the last bit.
    let lower = below.iter().copied().max_by(f64::total_cmp)?;
    Some((lower + upper) / 2.0)
}

/// Quantile of sorted, non-empty values with linear interpolation (Hyndman & Fan type 7,
/// R's default).
///
/// # Formula
/// h = (n − 1) q, Q(q) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based, for 0 ≤ q ≤ 1.
pub(crate) fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor();
    // 0 ≤ h ≤ len − 1 because 0 ≤ q ≤ 1, so the index is in range.
    let i = lo as usize;
    match sorted.get(i + 1) {
        // At an exact order statistic the interpolation term is 0: return the value itself,
        // so that an odd count's median is one of the values, bit for bit.
        Some(&next) if h > lo => sorted[i] + (h - lo) * (next - sorted[i]),
        _ => sorted[i],
    }
}

/// Ascending ranks from 1, ties sharing the average of the ranks they span (R's `rank` with
/// `ties.method = "average"`, as Spearman's correlation uses).
pub(crate) fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
    let mut ranks = vec![0.0; x.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && x[order[end]] == x[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1 ..= end; their mean:
        let rank = (start + 1 + end) as f64 / 2.0;
        order[start..end].iter().for_each(|&i| ranks[i] = rank);
        start = end;
    }
    ranks
}

/// Ordinary least squares of y on a constant and one regressor, with classical standard
/// errors and two-sided Student-t p-values on n − 2 degrees of freedom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regression {
    /// Number of observations.
    pub n: usize,
    /// Slope b.
    pub slope: f64,
    /// Intercept a.
    pub intercept: f64,
    /// Standard error of the slope.
    pub slope_se: f64,
    /// Standard error of the intercept.
    pub intercept_se: f64,
    /// b / se(b); `None` for a perfect fit (zero residuals).
    pub slope_t: Option<f64>,
    /// a / se(a); `None` for a perfect fit.
    pub intercept_t: Option<f64>,
    /// Two-sided p-value of the slope; `None` for a perfect fit.
    pub slope_p: Option<f64>,
    /// Two-sided p-value of the intercept; `None` for a perfect fit.
    pub intercept_p: Option<f64>,
    /// 1 − SSR/SST; `None` when y is constant.
    pub r_squared: Option<f64>,
}

/// Simple linear regression y = a + b x + e by OLS.
///
/// # Formula
///
/// b = Sxy/Sxx, a = ȳ − b x̄, s² = Σ eᵢ² / (n − 2), se(b) = sqrt(s²/Sxx),
/// se(a) = sqrt(s² (1/n + x̄²/Sxx)), t = coefficient/se, p = 2 P(T_{n−2} > |t|) =
/// I_{ν/(ν+t²)}(ν/2, 1/2) with ν = n − 2 and I the regularised incomplete beta function
/// (evaluated by its continued fraction, Lentz's method), R² = 1 − SSR/SST.
///
/// # Conventions
///
/// Needs at least 3 finite pairs and x not constant. Centred sums, so large x (years) lose no
/// precision.
///
/// # References
///
/// Greene, W. H. *Econometric Analysis*, ch. 4; Press et al. *Numerical Recipes*, §6.4
/// (incomplete beta); cross-checked against `scipy.stats.linregress` and statsmodels `OLS`.
pub fn linear_regression(x: &[f64], y: &[f64]) -> Result<Regression> {
    if x.len() != y.len() {
        return Err(Error::structure(
            Place::default(),
            format!("as many x as y values ({} and {})", x.len(), y.len()),
        ));
    }
    for (what, v) in [("x", x), ("y", y)] {
        if let Some(i) = v.iter().position(|a| !a.is_finite()) {
            return Err(Error::value(
                Place::default(),
                format!("finite {what} values for a regression (position {i})"),
                &v[i].to_string(),
            ));
        }
    }
    let n = x.len();
    if n < MIN_REGRESSION {
        return Err(Error::data(
            Place::default(),
            format!("a regression with standard errors needs at least {MIN_REGRESSION} observations, found {n}"),
        ));
    }
    let (mx, my) = (mean(x), mean(y));
    let sxx: f64 = x.iter().map(|&a| (a - mx) * (a - mx)).sum();
    if sxx <= 0.0 {
        return Err(Error::data(
            Place::default(),
            "a regression needs x values that are not all equal",
        ));
    }
    let sxy: f64 = x.iter().zip(y).map(|(&a, &b)| (a - mx) * (b - my)).sum();
    let syy: f64 = y.iter().map(|&b| (b - my) * (b - my)).sum();
    let slope = sxy / sxx;
    let intercept = my - slope * mx;
    let ssr: f64 = x
        .iter()
        .zip(y)
        .map(|(&a, &b)| {
            let e = b - intercept - slope * a;
            e * e
        })
        .sum();
    let df = (n - 2) as f64;
    let s2 = ssr / df;
    let slope_se = (s2 / sxx).sqrt();
    let intercept_se = (s2 * (1.0 / n as f64 + mx * mx / sxx)).sqrt();
    let t = |coef: f64, se: f64| (se > 0.0).then(|| coef / se);
    let (slope_t, intercept_t) = (t(slope, slope_se), t(intercept, intercept_se));
    Ok(Regression {
        n,
        slope,
        intercept,
        slope_se,
        intercept_se,
        slope_t,
        intercept_t,
        slope_p: slope_t.map(|t| student_t_two_sided(t, df)),
        intercept_p: intercept_t.map(|t| student_t_two_sided(t, df)),
        r_squared: (syy > 0.0).then(|| 1.0 - ssr / syy),
    })
}

// ---------------------------------------------------------------------------------------------
// Student t and the incomplete beta function

/// Two-sided p-value P(|T_ν| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2).
pub(crate) fn student_t_two_sided(t: f64, df: f64) -> f64 {
    if !t.is_finite() {
        return 0.0;
    }
    let t2 = t * t;
    // x and 1 − x computed separately so that small p-values keep their relative precision.
    let x = df / (df + t2);
    let one_minus_x = t2 / (df + t2);
    regularized_incomplete_beta(df / 2.0, 0.5, x, one_minus_x)
}

/// I_x(a, b) for a, b > 0, with `one_minus_x` = 1 − x passed in exactly.
fn regularized_incomplete_beta(a: f64, b: f64, x: f64, one_minus_x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if one_minus_x <= 0.0 {
        return 1.0;
    }
    let ln_front = a * ln(x) + b * ln(one_minus_x) - ln_beta(a, b);
    // The continued fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use
    // I_x(a, b) = 1 − I_{1−x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0) {
        exp(ln_front) * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - exp(ln_front) * beta_continued_fraction(b, a, one_minus_x) / b
    }
}

/// Relative size below which a continued-fraction step counts as converged.
const CF_EPSILON: f64 = 1e-16;
/// Guard against division by zero in Lentz's method.
const CF_TINY: f64 = 1e-300;
/// The fraction needs O(sqrt(max(a, b))) steps; this bounds a, b up to ~10¹¹.
const CF_MAX_STEPS: usize = 1_000_000;

/// Continued fraction of the incomplete beta function (Numerical Recipes §6.4, modified
/// Lentz's method).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let guard = |v: f64| if v.abs() < CF_TINY { CF_TINY } else { v };
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=CF_MAX_STEPS {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < CF_EPSILON {
            break;
        }
    }
    h
}

fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// Lanczos coefficients for g = 7, n = 9 (Godfrey), relative error below 1e-15 for x ≥ 1/2.
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln Γ(x) for x ≥ 1/2 (the only arguments used here: ν/2, 1/2 and their sums).
fn ln_gamma(x: f64) -> f64 {
    let x = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, &c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    0.5 * ln(2.0 * std::f64::consts::PI) + (x + 0.5) * ln(t) - t + ln(sum)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closed forms and sums of a handful of terms: agreement to rounding.
    const EXACT: f64 = 1e-14;
    /// The t distribution through the incomplete beta continued fraction and Lanczos ln Γ.
    const T_CDF: f64 = 1e-13;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn mean_variance_median_and_quantiles_as_r() {
        // R: mean(c(2, 4, 4, 4, 5, 5, 7, 9)) = 5; var = 32/7; sd(pop) = 2; median = 4.5.
        let x = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(mean(&x), 5.0);
        assert!(close(variance(&x, SdConvention::Sample), 32.0 / 7.0, EXACT));
        assert_eq!(sd(&x, SdConvention::Population), 2.0);
        assert_eq!(median(&x), Some(4.5));
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!((median(&[]), mean_of(&[])), (None, None));
        // R: quantile(1:5, c(.125, .5)) = 1.5, 3 (type 7).
        let sorted = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&sorted, 0.5), 3.0);
        assert_eq!(quantile(&sorted, 0.125), 1.5);
        assert_eq!(quantile(&[7.0], 0.975), 7.0);
        // R: rank(c(10, 20, 10, 30)) = 1.5 3 1.5 4.
        assert_eq!(
            average_ranks(&[10.0, 20.0, 10.0, 30.0]),
            [1.5, 3.0, 1.5, 4.0]
        );
    }

    #[test]
    fn student_t_matches_closed_forms() {
        // ν = 1 (Cauchy): p = 1 − (2/π) atan|t| = (2/π) atan(1/|t|). ν = 2:
        // p = 1 − |t|/r = 2/(r (r + |t|)) with r = sqrt(2 + t²); the right-hand forms avoid
        // the cancellation of 1 − (something close to 1) in the reference itself.
        for t in [0.1, 0.5, 1.0, 2.5, 10.0, 300.0] {
            let cauchy = 2.0 / std::f64::consts::PI * f64::atan(1.0 / t);
            let r = (2.0 + t * t).sqrt();
            let nu2 = 2.0 / (r * (r + t));
            assert!(
                (student_t_two_sided(t, 1.0) / cauchy - 1.0).abs() < T_CDF,
                "{t}"
            );
            assert!(
                (student_t_two_sided(-t, 2.0) / nu2 - 1.0).abs() < T_CDF,
                "{t}"
            );
        }
        assert_eq!(student_t_two_sided(0.0, 5.0), 1.0);
    }

    #[test]
    fn ln_gamma_at_integers_and_half() {
        let mut factorial = 1.0f64;
        for k in 1..30 {
            assert!(close(ln_gamma(k as f64), factorial.ln(), EXACT), "{k}");
            factorial *= k as f64;
        }
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            EXACT
        ));
    }

    #[test]
    fn regression_by_hand() {
        // x = 0, 1, 2, 3; y = 1, 3, 2, 4: b = 0.8, a = 1.3, SSR = 1.8, s² = 0.9, Sxx = 5.
        let r = linear_regression(&[0.0, 1.0, 2.0, 3.0], &[1.0, 3.0, 2.0, 4.0]).unwrap();
        assert!(close(r.slope, 0.8, EXACT));
        assert!(close(r.intercept, 1.3, EXACT));
        assert!(close(r.slope_se, (0.9f64 / 5.0).sqrt(), EXACT));
        assert!(close(
            r.intercept_se,
            (0.9 * (0.25 + 2.25 / 5.0f64)).sqrt(),
            EXACT
        ));
        assert!(close(r.r_squared.unwrap(), 1.0 - 1.8 / 5.0, EXACT));
        // ν = 2: p = 1 − |t|/sqrt(2 + t²).
        let t = r.slope_t.unwrap();
        assert!(close(
            r.slope_p.unwrap(),
            1.0 - t / (2.0 + t * t).sqrt(),
            T_CDF
        ));
        let perfect = linear_regression(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]).unwrap();
        assert_eq!((perfect.slope_t, perfect.slope_p), (None, None));
        assert!(linear_regression(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_err());
    }
}
