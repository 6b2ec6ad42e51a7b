//! Catch-up: how many years until a unit reaches a comparison at current growth, and what
//! growth it needs to reach a target by a deadline.

use serde::Serialize;

use crate::analysis::gap::{Comparison, GroupStatistic};
use crate::error::Shown;
use crate::error::{Error, Place, Result};
use crate::math::{ln, pow};
use crate::model::dataset::Dataset;
use crate::model::ids::{NodeId, PeriodId, UnitId};
use crate::model::indicator::Direction;
use crate::pipeline::results::Results;
use crate::stats::{mean_of, median};

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
            format!(
                "a growth rate needs positive values, found {} and target {}",
                Shown(value),
                Shown(target)
            ),
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
    growth_to_reach(
        &years_to_catch_up(focus, comparison, window, growth)?,
        deadline,
    )
}

/// [`growth_to_reach_by`] from a catch-up already computed: the comparison projected to
/// `deadline` at its growth over the window, then [`required_growth`].
///
/// # Errors
/// As [`required_growth`].
pub fn growth_to_reach(catch_up: &CatchUp, deadline: i32) -> Result<RequiredGrowth> {
    let ahead = f64::from(deadline - catch_up.window.1);
    let target = match catch_up.growth {
        Growth::Cagr => catch_up.comparison * pow(1.0 + catch_up.comparison_growth, ahead),
        Growth::LinearTrend => catch_up.comparison + catch_up.comparison_growth * ahead,
    };
    required_growth(catch_up.focus, catch_up.window.1, target, deadline)
}

/// What a catch-up series measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Scores on a node of the plan (the root: the index), one run of the plan per year.
    Score {
        /// The node.
        node: NodeId,
    },
    /// A dataset variable as given (an indicator's raw values), better in `direction`.
    Variable {
        /// The variable.
        variable: usize,
        /// Which way is better, for a group's best member.
        direction: Direction,
    },
}

/// The yearly series of a focus unit and of what it is compared with, ready for
/// [`years_to_catch_up`] and [`growth_to_reach_by`].
#[derive(Debug, Clone, PartialEq)]
pub struct CatchUpSeries {
    /// The focus unit's values, by year.
    pub focus: Vec<(i32, f64)>,
    /// The comparison's values, by year.
    pub comparison: Vec<(i32, f64)>,
}

impl CatchUpSeries {
    /// The first and the last year in which both series have a value: the widest window for
    /// growth; `None` when fewer than two years are shared.
    pub fn common_window(&self) -> Option<(i32, i32)> {
        let shared = |year: &i32| self.comparison.iter().any(|(t, _)| t == year);
        let mut years = self.focus.iter().map(|(t, _)| *t).filter(shared);
        let first = years.next()?;
        let last = years.next_back()?;
        Some((first, last))
    }
}

/// The series of unit `focus` and of `comparison` over every year of `dataset`.
///
/// # Formula
/// Per year `t`, with `x_u(t)` the source's value of unit `u`:
/// - a unit: `x_v(t)`; the leader: the unit ranked first on the index in the last year,
///   followed back in time;
/// - the frontier: `max_u x_u(t)` over ranked units (the best each year, lower for a
///   "lower is better" variable);
/// - a group: the mean, median or best of `x_v(t)` over its members;
/// - the average: the mean over ranked units (reference rows such as a national average are
///   not units);
/// - a target: the constant target value in every year of the focus series.
///
/// Group and average series keep only the years in which every member has a value.
///
/// `run` gives the results of a period: `|p| plan.run(&dataset, p)` natively, or a compiled
/// document's [`Recorded::run`](crate::io::document::Recorded::run).
///
/// # Errors
/// Unknown unit codes; a plan that fails in some year; no ranked unit for the leader.
pub fn catch_up_series(
    dataset: &Dataset,
    source: Source,
    focus: UnitId,
    comparison: &Comparison,
    mut run: impl FnMut(PeriodId) -> Result<Results>,
) -> Result<CatchUpSeries> {
    let years = YearlyValues::new(dataset, source, &mut run)?;
    let unit = |code: &str| {
        dataset.unit_index(code).map(UnitId::index).ok_or_else(|| {
            Error::structure(
                Place::default().unit(code),
                format!("a unit code of the data, found '{code}'"),
            )
        })
    };
    let ranked: Vec<usize> = (0..dataset.n_units())
        .filter(|&u| dataset.units()[u].is_ranked())
        .collect();
    let focus_series = years.of(focus.index());
    let comparison = match comparison {
        Comparison::Unit(code) => years.of(unit(code)?),
        Comparison::Leader => {
            // The last year's run is the scores' own when they come from the plan: each year
            // runs once.
            let leader = match years.last_leader {
                Some(leader) => leader,
                None => leader_of(&run(dataset.last_period())?),
            }
            .ok_or_else(|| Error::structure(Place::default(), "a ranked unit"))?;
            years.of(leader)
        }
        Comparison::Frontier => years.summary(&ranked, GroupStatistic::Best),
        Comparison::Group { units, statistic } => {
            let members = units
                .iter()
                .map(|code| unit(code))
                .collect::<Result<Vec<_>>>()?;
            years.summary(&members, *statistic)
        }
        Comparison::Average => years.summary(&ranked, GroupStatistic::Mean),
        Comparison::Target(value) => focus_series.iter().map(|&(t, _)| (t, *value)).collect(),
    };
    Ok(CatchUpSeries {
        focus: focus_series,
        comparison,
    })
}

/// The unit ranked first on the index in `results`, if any.
fn leader_of(results: &Results) -> Option<usize> {
    results
        .ranks(results.root)
        .iter()
        .position(|&rank| rank == Some(1.0))
}

/// Every unit's value of a [`Source`] in every year that has a year.
struct YearlyValues {
    years: Vec<(i32, Vec<Option<f64>>)>,
    direction: Direction,
    /// The leader of the last period, when its results were run for the scores.
    last_leader: Option<Option<usize>>,
}

impl YearlyValues {
    fn new(
        dataset: &Dataset,
        source: Source,
        run: &mut dyn FnMut(PeriodId) -> Result<Results>,
    ) -> Result<YearlyValues> {
        let mut years = Vec::new();
        let mut last_leader = None;
        for p in dataset.period_ids() {
            let Some(year) = dataset.year(p) else {
                continue;
            };
            let column = match source {
                Source::Score { node } => {
                    let mut results = run(p)?;
                    if p == dataset.last_period() {
                        last_leader = Some(leader_of(&results));
                    }
                    results.values.swap_remove(node.index())
                }
                Source::Variable { variable, .. } => dataset.column(variable, p).to_vec(),
            };
            years.push((year, column));
        }
        let direction = match source {
            Source::Score { .. } => Direction::Positive,
            Source::Variable { direction, .. } => direction,
        };
        Ok(YearlyValues {
            years,
            direction,
            last_leader,
        })
    }

    fn of(&self, unit: usize) -> Vec<(i32, f64)> {
        self.years
            .iter()
            .filter_map(|(t, column)| Some((*t, column[unit]?)))
            .collect()
    }

    fn summary(&self, members: &[usize], statistic: GroupStatistic) -> Vec<(i32, f64)> {
        self.years
            .iter()
            .filter_map(|(t, column)| {
                let values: Vec<f64> = members.iter().map(|&u| column[u]).collect::<Option<_>>()?;
                let value = match statistic {
                    GroupStatistic::Mean => mean_of(&values)?,
                    GroupStatistic::Median => median(&values)?,
                    GroupStatistic::Best if self.direction == Direction::Negative => {
                        values.into_iter().reduce(f64::min)?
                    }
                    GroupStatistic::Best => values.into_iter().reduce(f64::max)?,
                };
                Some((*t, value))
            })
            .collect()
    }
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
                    format!(
                        "a compound growth rate needs positive values; the {which} series has {} and {}",
                        Shown(first),
                        Shown(last)
                    ),
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
    use crate::Plan;
    use approx::assert_relative_eq;

    /// A handful of floating-point operations.
    const TIGHT: f64 = 1e-12;

    /// Three units and a reference row over three years; the index is `x` itself.
    fn panel() -> (Plan, Dataset) {
        let data = "uCode,uType,Time,x\n\
                    A,unit,2018,10\nB,unit,2018,20\nC,unit,2018,60\nN,aggregate,2018,30\n\
                    A,unit,2019,12\nB,unit,2019,30\nC,unit,2019,50\nN,aggregate,2019,31\n\
                    A,unit,2020,14\nB,unit,2020,70\nC,unit,2020,40\nN,aggregate,2020,32\n";
        let meta = "iCode,Parent,Direction,Weight,Type\nx,I,1,1,Indicator\nI,,1,1,Aggregate\n";
        let (meta, data) =
            crate::io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv")
                .unwrap();
        let spec =
            crate::BuildSpec::from_json(r#"{"normalise":{"default":{"method":"none"}}}"#).unwrap();
        (Plan::compile(&meta.framework, &data, &spec).unwrap(), data)
    }

    #[test]
    fn comparison_series_follow_their_definitions_year_by_year() {
        let (plan, data) = panel();
        let index = Source::Score {
            node: plan.framework().root(),
        };
        let a = data.unit_index("A").unwrap();
        let series = |comparison: Comparison| {
            catch_up_series(&data, index, a, &comparison, |p| plan.run(&data, p))
                .unwrap()
                .comparison
        };
        let group = |statistic| Comparison::Group {
            units: vec!["A".into(), "B".into(), "C".into()],
            statistic,
        };
        assert_eq!(
            catch_up_series(&data, index, a, &Comparison::Leader, |p| plan.run(&data, p))
                .unwrap()
                .focus,
            [(2018, 10.0), (2019, 12.0), (2020, 14.0)]
        );
        // B leads in 2020 and is followed back in time; the frontier is whoever leads.
        assert_eq!(
            series(Comparison::Leader),
            [(2018, 20.0), (2019, 30.0), (2020, 70.0)]
        );
        assert_eq!(
            series(Comparison::Frontier),
            [(2018, 60.0), (2019, 50.0), (2020, 70.0)]
        );
        assert_eq!(
            series(Comparison::Unit("N".into())),
            [(2018, 30.0), (2019, 31.0), (2020, 32.0)]
        );
        // The reference row N is not a unit of the average.
        assert_eq!(
            series(Comparison::Average),
            [(2018, 30.0), (2019, 92.0 / 3.0), (2020, 124.0 / 3.0)]
        );
        assert_eq!(
            series(group(GroupStatistic::Mean)),
            series(Comparison::Average)
        );
        assert_eq!(
            series(group(GroupStatistic::Median)),
            [(2018, 20.0), (2019, 30.0), (2020, 40.0)]
        );
        assert_eq!(
            series(group(GroupStatistic::Best)),
            series(Comparison::Frontier)
        );
        assert_eq!(
            series(Comparison::Target(50.0)),
            [(2018, 50.0), (2019, 50.0), (2020, 50.0)]
        );
    }

    #[test]
    fn the_common_window_spans_the_years_both_series_have() {
        let series = CatchUpSeries {
            focus: vec![(2010, 1.0), (2012, 2.0), (2015, 3.0), (2020, 4.0)],
            comparison: vec![(2011, 1.0), (2012, 2.0), (2015, 3.0), (2016, 4.0)],
        };
        assert_eq!(series.common_window(), Some((2012, 2015)));
        let one = CatchUpSeries {
            focus: vec![(2012, 2.0)],
            comparison: vec![(2012, 2.0)],
        };
        assert_eq!(one.common_window(), None);
    }

    #[test]
    fn each_year_runs_once_even_for_the_leader() {
        let (plan, data) = panel();
        let index = Source::Score {
            node: plan.framework().root(),
        };
        let mut runs = Vec::new();
        catch_up_series(&data, index, UnitId::new(0), &Comparison::Leader, |p| {
            runs.push(p);
            plan.run(&data, p)
        })
        .unwrap();
        assert_eq!(runs, data.period_ids().collect::<Vec<_>>());
    }

    #[test]
    fn the_best_of_a_lower_is_better_variable_is_its_lowest_value() {
        let (plan, data) = panel();
        let x = Source::Variable {
            variable: data.variable_index("x").unwrap(),
            direction: Direction::Negative,
        };
        let c = catch_up_series(&data, x, UnitId::new(0), &Comparison::Frontier, |p| {
            plan.run(&data, p)
        })
        .unwrap();
        assert_eq!(c.comparison, [(2018, 10.0), (2019, 12.0), (2020, 14.0)]);
    }

    #[test]
    fn an_unknown_group_member_is_named() {
        let (plan, data) = panel();
        let index = Source::Score {
            node: plan.framework().root(),
        };
        let group = Comparison::Group {
            units: vec!["A".into(), "Z".into()],
            statistic: GroupStatistic::Mean,
        };
        let error = catch_up_series(&data, index, UnitId::new(0), &group, |p| plan.run(&data, p))
            .unwrap_err();
        assert!(error.to_string().contains("'Z'"), "{error}");
    }

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
