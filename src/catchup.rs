//! Catch-up: how many years until a unit reaches a comparison at current growth, and what
//! growth it needs to reach a target by a deadline.

use serde::Serialize;

use crate::dataset::Dataset;
use crate::error::{Error, Place, Result};
use crate::math::{ln, pow};
use crate::plan::Plan;

/// How growth is measured over the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Growth {
    /// Compound annual growth rate between the window's first and last year.
    ///
    /// # Formula
    /// `g = (x_end / x_start)^(1 / (t_end − t_start)) − 1`; needs positive values.
    Cagr,
    /// Least-squares slope of the values on the years in the window (units per year).
    ///
    /// # Formula
    /// `b = Σ (t − t̄)(x − x̄) / Σ (t − t̄)²`
    LinearTrend,
}

/// Years for a focus unit to reach a comparison if both keep their growth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatchUp {
    /// Growth measure.
    pub growth: Growth,
    /// First and last year of the window.
    pub window: (i32, i32),
    /// Focus value in the last year.
    pub focus: f64,
    /// Comparison value in the last year.
    pub comparison: f64,
    /// Focus growth: a rate (0.05 = 5 % a year) for CAGR, units per year for a trend.
    pub focus_growth: f64,
    /// Comparison growth, in the same terms.
    pub comparison_growth: f64,
    /// Years from the last year until the focus reaches the comparison: 0 when it is already
    /// there, `None` ("never") when the comparison grows at least as fast.
    pub years: Option<f64>,
    /// `last year + years`.
    pub year_reached: Option<f64>,
}

/// Years until `focus` reaches `comparison` at the growth each showed over `window`.
///
/// # Formula
/// With `x`, `c` the values in the last year of the window and `g_f`, `g_c` the growth:
/// CAGR: `t = ln(c / x) / ln((1 + g_f) / (1 + g_c))` when `g_f > g_c`;
/// trend: `t = (c − x) / (b_f − b_c)` when `b_f > b_c`; otherwise never (`None`).
/// `t = 0` when `x ≥ c`. Source: the catch-up arithmetic of convergence studies, e.g.
/// Barro & Sala-i-Martin, *Economic Growth* (2004), ch. 11.
///
/// # Errors
/// A window with fewer than two years, a series without values in the window's first and last
/// year, non-positive values under CAGR.
pub fn years_to_catch_up(
    focus: &[(i32, f64)],
    comparison: &[(i32, f64)],
    window: (i32, i32),
    growth: Growth,
) -> Result<CatchUp> {
    let (focus_growth, x) = growth_over(focus, window, growth, "focus")?;
    let (comparison_growth, c) = growth_over(comparison, window, growth, "comparison")?;
    let years = if x >= c {
        Some(0.0)
    } else if focus_growth <= comparison_growth {
        None
    } else {
        Some(match growth {
            Growth::Cagr => ln(c / x) / ln((1.0 + focus_growth) / (1.0 + comparison_growth)),
            Growth::LinearTrend => (c - x) / (focus_growth - comparison_growth),
        })
    };
    Ok(CatchUp {
        growth,
        window,
        focus: x,
        comparison: c,
        focus_growth,
        comparison_growth,
        years,
        year_reached: years.map(|t| f64::from(window.1) + t),
    })
}

/// The growth needed to reach a target by a deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequiredGrowth {
    /// Year of the current value.
    pub year: i32,
    /// Current value.
    pub value: f64,
    /// Deadline year.
    pub deadline: i32,
    /// Value to reach by the deadline.
    pub target: f64,
    /// Compound annual growth needed (0.05 = 5 % a year).
    pub cagr: f64,
    /// Linear increase needed per year.
    pub per_year: f64,
}

/// The growth `value` (in `year`) needs to reach `target` by `deadline`.
///
/// # Formula
/// `g = (target / value)^(1 / (deadline − year)) − 1`, `per_year = (target − value) /
/// (deadline − year)`.
///
/// # Errors
/// A deadline not after `year`; a non-positive value or target.
pub fn required_growth(
    value: f64,
    year: i32,
    target: f64,
    deadline: i32,
) -> Result<RequiredGrowth> {
    if deadline <= year {
        return Err(Error::spec(
            Place::default().year(Some(deadline)).column("deadline"),
            format!("a deadline after {year}, the year of the current value"),
        ));
    }
    if value <= 0.0 || target <= 0.0 {
        return Err(Error::data(
            Place::default().year(Some(year)),
            format!("a growth rate needs positive values, found {value} and target {target}"),
        ));
    }
    let span = f64::from(deadline - year);
    Ok(RequiredGrowth {
        year,
        value,
        deadline,
        target,
        cagr: pow(target / value, 1.0 / span) - 1.0,
        per_year: (target - value) / span,
    })
}

/// The growth the focus needs to reach the comparison's projected value by `deadline`, the
/// comparison growing as it did over `window` (e.g. the national average by 2025, the leader
/// by 2035).
///
/// # Formula
/// `target = c · (1 + g_c)^(deadline − t_end)` (CAGR) or `c + b_c · (deadline − t_end)`
/// (trend), then [`required_growth`] from the focus's last value.
///
/// # Errors
/// As [`years_to_catch_up`] and [`required_growth`].
pub fn growth_to_reach_by(
    focus: &[(i32, f64)],
    comparison: &[(i32, f64)],
    window: (i32, i32),
    growth: Growth,
    deadline: i32,
) -> Result<RequiredGrowth> {
    let catch_up = years_to_catch_up(focus, comparison, window, growth)?;
    let ahead = f64::from(deadline - window.1);
    let target = match growth {
        Growth::Cagr => catch_up.comparison * pow(1.0 + catch_up.comparison_growth, ahead),
        Growth::LinearTrend => catch_up.comparison + catch_up.comparison_growth * ahead,
    };
    required_growth(catch_up.focus, window.1, target, deadline)
}

/// One unit's values of a dataset variable over the years, skipping missing years.
pub fn variable_series(dataset: &Dataset, variable: usize, unit: usize) -> Vec<(i32, f64)> {
    dataset
        .periods()
        .iter()
        .enumerate()
        .filter_map(|(p, year)| Some(((*year)?, dataset.column(variable, p)[unit]?)))
        .collect()
}

/// One unit's scores on `node` over the years, running the plan once per year.
///
/// Scores of data-driven normalisations (min-max, z-scores) are relative to each year's
/// units; for growth over time prefer raw indicator series ([`variable_series`]) or fixed
/// goalposts.
pub fn score_series(
    plan: &Plan,
    dataset: &Dataset,
    node: usize,
    unit: usize,
) -> Result<Vec<(i32, f64)>> {
    let mut series = Vec::new();
    for (p, year) in dataset.periods().iter().enumerate() {
        let results = plan.run(dataset, p)?;
        if let (Some(year), Some(v)) = (year, results.values[node][unit]) {
            series.push((*year, v));
        }
    }
    Ok(series)
}

/// Growth of `series` over `window` and its value in the window's last year.
fn growth_over(
    series: &[(i32, f64)],
    (start, end): (i32, i32),
    growth: Growth,
    which: &str,
) -> Result<(f64, f64)> {
    if end <= start {
        return Err(Error::spec(
            Place::default().year(Some(end)).column("window"),
            format!("a window of at least two years, found {start}–{end}"),
        ));
    }
    let at = |year: i32| {
        series
            .iter()
            .find(|(t, _)| *t == year)
            .map(|&(_, v)| v)
            .ok_or_else(|| {
                Error::data(
                    Place::default().year(Some(year)),
                    format!("the {which} series has no value in {year}, an end of the window"),
                )
            })
    };
    let (first, last) = (at(start)?, at(end)?);
    let rate = match growth {
        Growth::Cagr => {
            if first <= 0.0 || last <= 0.0 {
                return Err(Error::data(
                    Place::default().year(Some(start)),
                    format!("a compound growth rate needs positive values; the {which} series has {first} and {last}"),
                ));
            }
            pow(last / first, 1.0 / f64::from(end - start)) - 1.0
        }
        Growth::LinearTrend => {
            let points: Vec<(f64, f64)> = series
                .iter()
                .filter(|(t, _)| (start..=end).contains(t))
                .map(|&(t, v)| (f64::from(t), v))
                .collect();
            let n = points.len() as f64;
            let (mt, mv) = points
                .iter()
                .fold((0.0, 0.0), |(a, b), (t, v)| (a + t / n, b + v / n));
            let sxy: f64 = points.iter().map(|(t, v)| (t - mt) * (v - mv)).sum();
            let sxx: f64 = points.iter().map(|(t, _)| (t - mt) * (t - mt)).sum();
            sxy / sxx
        }
    };
    Ok((rate, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// A handful of floating-point operations.
    const TIGHT: f64 = 1e-12;

    #[test]
    fn doubling_every_ten_years_catches_a_flat_comparison_in_ten_years() {
        let focus = [(2010, 50.0), (2020, 100.0)];
        let flat = [(2010, 200.0), (2020, 200.0)];
        let c = years_to_catch_up(&focus, &flat, (2010, 2020), Growth::Cagr).unwrap();
        assert_relative_eq!(c.focus_growth, 2f64.powf(0.1) - 1.0, epsilon = TIGHT);
        assert_relative_eq!(c.years.unwrap(), 10.0, epsilon = 1e-9);
        assert_relative_eq!(c.year_reached.unwrap(), 2030.0, epsilon = 1e-9);
    }

    #[test]
    fn never_when_the_comparison_grows_faster() {
        let focus = [(2010, 10.0), (2020, 11.0)];
        let fast = [(2010, 20.0), (2020, 40.0)];
        let c = years_to_catch_up(&focus, &fast, (2010, 2020), Growth::Cagr).unwrap();
        assert_eq!(c.years, None);
        let c = years_to_catch_up(&focus, &fast, (2010, 2020), Growth::LinearTrend).unwrap();
        assert_eq!(c.years, None);
    }

    #[test]
    fn linear_trend_uses_least_squares_slopes() {
        let focus = [(2018, 1.0), (2019, 3.0), (2020, 5.0)]; // slope 2
        let comparison = [(2018, 10.0), (2019, 10.5), (2020, 11.0)]; // slope 0.5
        let c = years_to_catch_up(&focus, &comparison, (2018, 2020), Growth::LinearTrend).unwrap();
        assert_relative_eq!(c.years.unwrap(), 6.0 / 1.5, epsilon = TIGHT);
    }

    #[test]
    fn required_growth_to_a_deadline() {
        // 26.2 → 29.6 in five years: (29.6/26.2)^(1/5) − 1.
        let g = required_growth(26.2, 2020, 29.6, 2025).unwrap();
        assert_relative_eq!(g.cagr, (29.6f64 / 26.2).powf(0.2) - 1.0, epsilon = TIGHT);
        assert_relative_eq!(g.per_year, 3.4 / 5.0, epsilon = TIGHT);
        assert!(required_growth(26.2, 2020, 29.6, 2020).is_err());
        assert!(required_growth(0.0, 2020, 29.6, 2025).is_err());
    }

    #[test]
    fn reaching_a_growing_comparison_by_a_deadline() {
        let focus = [(2015, 10.0), (2020, 12.0)];
        let comparison = [(2015, 20.0), (2020, 22.0)];
        let g = growth_to_reach_by(&focus, &comparison, (2015, 2020), Growth::Cagr, 2025).unwrap();
        let gc = (22.0f64 / 20.0).powf(0.2) - 1.0;
        assert_relative_eq!(g.target, 22.0 * (1.0 + gc).powi(5), epsilon = TIGHT);
        assert_relative_eq!(12.0 * (1.0 + g.cagr).powi(5), g.target, epsilon = 1e-9);
    }

    #[test]
    fn windows_need_two_years_and_values_at_both_ends() {
        let s = [(2020, 1.0)];
        assert!(years_to_catch_up(&s, &s, (2020, 2020), Growth::Cagr).is_err());
        let err = years_to_catch_up(&s, &s, (2019, 2020), Growth::Cagr).unwrap_err();
        assert!(err.to_string().contains("2019"), "{err}");
        let negative = [(2019, -1.0), (2020, 1.0)];
        assert!(years_to_catch_up(&negative, &negative, (2019, 2020), Growth::Cagr).is_err());
    }
}
