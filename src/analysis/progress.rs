//! Progress toward targets: is a unit moving fast enough to reach its target by the deadline,
//! and, without a target, is it moving the right way at all?
//!
//! Two published classifications, side by side:
//!
//! - **Eurostat**, *Sustainable development in the European Union — Monitoring report on
//!   progress towards the SDGs in an EU context*, 2023 edition (Publications Office of the
//!   European Union, Luxembourg), methodological annex: with a quantitative target, the ratio
//!   of the actual compound annual growth rate to the rate required to meet the target;
//!   without one, the size of the actual rate. Its default is the short-term window, the last
//!   five years (the "average annual growth rates … over the past five years" of Eurostat's
//!   Statistics Explained article *Overview of status and progress of EU Member States towards
//!   the SDGs*, 2022 edition).
//! - **SDSN**, Sachs, J. D., Lafortune, G. & Fuller, G., *Sustainable Development Report
//!   2024* (Dublin University Press, doi:10.25546/108572), annex "Methods summary", SDG Trend
//!   Dashboards: the linear annual change achieved against the change needed to reach the
//!   target by the deadline, shown as four arrows.
//!
//! Both are computed on the raw values of an indicator (or on the scores of an aggregate),
//! direction-aware: for a "lower is better" indicator a fall is progress.
//!
//! A class is never guessed: a window without a value at either end, with a gap inside, or
//! shorter than a year says [`Class::InsufficientData`] and why; non-positive values, for
//! which a compound rate is undefined, say [`Class::NotAssessable`] (the SDSN arrow, linear,
//! is still given). No field is ever NaN: what cannot be computed is `None`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};
use crate::math::{ln, pow};
use crate::model::dataset::Dataset;
use crate::model::ids::{NodeId, PeriodId, UnitId};
use crate::model::indicator::{Direction, NodeKind};
use crate::model::target::Targets;
use crate::pipeline::plan::Plan;
use crate::pipeline::results::Results;

/// Eurostat, with a target: an actual rate of at least this share of the required rate is
/// "significant progress".
pub const SIGNIFICANT_SHARE: f64 = 0.95;
/// Eurostat, with a target: at least this share (and below [`SIGNIFICANT_SHARE`]) is
/// "moderate progress"; from 0 to below it, "insufficient progress"; below 0, "movement away".
pub const MODERATE_SHARE: f64 = 0.60;
/// Eurostat, without a target: a direction-adjusted compound rate above this (1 % a year) is
/// "significant progress"; from 0 to it, "moderate progress"; from minus it to below 0,
/// "moderate movement away"; below minus it, "significant movement away".
pub const SIGNIFICANT_RATE: f64 = 0.01;
/// SDSN: a linear change of at least this share of the needed change (and below all of it) is
/// "moderately improving"; from 0 to below it, "stagnating".
pub const SDSN_MODERATE_SHARE: f64 = 0.5;
/// Eurostat's short-term window, in years: the default assessment window ends in the data's
/// last year and starts this many years before it.
pub const DEFAULT_WINDOW_YEARS: i32 = 5;

/// The class of an assessment: Eurostat's, plus "achieved" and the two "cannot say" classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// The value in the window's last year already meets the target.
    Achieved,
    /// With a target: actual rate ≥ 95 % of the required rate. Without: direction-adjusted
    /// rate > 1 % a year.
    SignificantProgress,
    /// With a target: 60 % to below 95 % of the required rate. Without: 0 to 1 % a year.
    ModerateProgress,
    /// With a target: 0 to below 60 % of the required rate.
    InsufficientProgress,
    /// With a target: the value moves away from it (a negative share, or a target met at the
    /// window's start and lost since).
    MovingAway,
    /// Without a target: −1 % to below 0 a year.
    ModerateMovementAway,
    /// Without a target: below −1 % a year.
    SignificantMovementAway,
    /// The window lacks data (see the [`Reason`]).
    InsufficientData,
    /// The data are there but the method does not apply (see the [`Reason`]).
    NotAssessable,
}

impl Class {
    /// The stable code, as serialised (`significant_progress`).
    pub fn code(self) -> &'static str {
        match self {
            Class::Achieved => "achieved",
            Class::SignificantProgress => "significant_progress",
            Class::ModerateProgress => "moderate_progress",
            Class::InsufficientProgress => "insufficient_progress",
            Class::MovingAway => "moving_away",
            Class::ModerateMovementAway => "moderate_movement_away",
            Class::SignificantMovementAway => "significant_movement_away",
            Class::InsufficientData => "insufficient_data",
            Class::NotAssessable => "not_assessable",
        }
    }
}

/// SDSN's trend arrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// ↑ On track or maintaining achievement: the change achieved is at least the change
    /// needed, or the target is met.
    OnTrack,
    /// ↗ Moderately improving: at least 50 % of the change needed.
    ModeratelyImproving,
    /// → Stagnating: from 0 to below 50 % of the change needed.
    Stagnating,
    /// ↓ Decreasing: moving away from the target.
    Decreasing,
}

impl Trend {
    /// The stable code, as serialised (`on_track`).
    pub fn code(self) -> &'static str {
        match self {
            Trend::OnTrack => "on_track",
            Trend::ModeratelyImproving => "moderately_improving",
            Trend::Stagnating => "stagnating",
            Trend::Decreasing => "decreasing",
        }
    }

    /// The SDSN arrow.
    pub fn arrow(self) -> char {
        match self {
            Trend::OnTrack => '↑',
            Trend::ModeratelyImproving => '↗',
            Trend::Stagnating => '→',
            Trend::Decreasing => '↓',
        }
    }
}

/// Why a series was not classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// The window ends before or in the year it starts.
    ShortWindow,
    /// No value in the window's first year.
    MissingStart {
        /// The year.
        year: i32,
    },
    /// No value in the window's last year.
    MissingEnd {
        /// The year.
        year: i32,
    },
    /// A missing value inside the window.
    Gap {
        /// The first year without a value.
        year: i32,
    },
    /// A value (or the target) is zero or negative: a compound rate is undefined.
    NonPositive,
    /// The rate is too large to represent.
    NotFinite,
    /// The deadline is not after the window's first year, so no rate is required.
    DeadlineNotAfterStart,
}

impl Reason {
    /// The stable code, as serialised (`missing_start`).
    pub fn code(self) -> &'static str {
        match self {
            Reason::ShortWindow => "short_window",
            Reason::MissingStart { .. } => "missing_start",
            Reason::MissingEnd { .. } => "missing_end",
            Reason::Gap { .. } => "gap",
            Reason::NonPositive => "non_positive",
            Reason::NotFinite => "not_finite",
            Reason::DeadlineNotAfterStart => "deadline_not_after_start",
        }
    }
}

/// When the target is reached at the current pace.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Already met in the window's last year.
    Achieved,
    /// In this (fractional) year.
    Year(f64),
    /// Never: the value does not move toward the target.
    Never,
}

/// A target as the pure assessment needs it: a value and its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Goal {
    /// The value to reach.
    pub value: f64,
    /// The deadline year.
    pub year: i32,
}

/// The assessment of one series over one window. Serialised, a field that cannot be
/// computed is left out (never NaN).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// First and last year of the window.
    pub window: (i32, i32),
    /// Value in the window's first year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    /// Value in the window's last year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    /// The target value, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// The deadline, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_year: Option<i32>,
    /// Actual compound annual growth rate over the window (0.05 = 5 % a year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_cagr: Option<f64>,
    /// Compound annual rate from the window's first year to the target by the deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_cagr: Option<f64>,
    /// `actual_cagr / required_cagr`, Eurostat's measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio: Option<f64>,
    /// Actual linear change per year over the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_per_year: Option<f64>,
    /// Linear change per year needed from the window's first year to the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_per_year: Option<f64>,
    /// Eurostat's class (or achieved, or why there is none).
    pub class: Class,
    /// Why the class is [`Class::InsufficientData`] or [`Class::NotAssessable`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// SDSN's trend arrow (with a target only: it measures against the change needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// Value at the deadline if the actual compound rate continues from the window's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projected_cagr: Option<f64>,
    /// Value at the deadline if the actual linear change continues from the window's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projected_linear: Option<f64>,
    /// When the target is reached at the actual compound rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach_cagr: Option<Reach>,
    /// When the target is reached at the actual linear change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach_linear: Option<Reach>,
}

/// `Some(x)` when `x` is finite.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some(x)
}

/// Compound annual rate from `from` to `to` over `years`; `None` unless both are positive
/// and the result is finite.
fn cagr(from: f64, to: f64, years: f64) -> Option<f64> {
    if from > 0.0 && to > 0.0 {
        finite(pow(to / from, 1.0 / years) - 1.0)
    } else {
        None
    }
}

/// Assesses `series` (years ascending, `None` for a missing value) over `window`, for an
/// indicator better in `direction`, against `goal` if there is one.
///
/// # Formula
/// With `x₀`, `x₁` the values in the window's years `t₀ < t₁`, `T` the target due in year
/// `t_T`, and `s` the direction's sign (+1, or −1 for "lower is better"):
///
/// - actual rate `a = (x₁ / x₀)^(1 / (t₁ − t₀)) − 1`; required rate
///   `r = (T / x₀)^(1 / (t_T − t₀)) − 1` (Eurostat 2023, methodological annex);
/// - achieved when `s·(x₁ − T) ≥ 0`;
/// - with a target, Eurostat's ratio `q = a / r` (the signs cancel, so a fall toward a lower
///   target gives `q > 0`): `q ≥ 0.95` significant progress, `0.60 ≤ q < 0.95` moderate,
///   `0 ≤ q < 0.60` insufficient, `q < 0` moving away. When the target was met at `t₀` but not
///   at `t₁` (`s·r ≤ 0`), the value has moved away from it;
/// - without a target, on `s·a`: `> 0.01` significant progress, `0 ≤ s·a ≤ 0.01` moderate
///   progress, `−0.01 ≤ s·a < 0` moderate movement away, `< −0.01` significant movement away
///   (Eurostat 2023);
/// - SDSN's arrow (Sustainable Development Report 2024, trend dashboards), linear: achieved
///   `b = (x₁ − x₀) / (t₁ − t₀)`, needed `n = (T − x₀) / (t_T − t₀)`; on track when met or
///   `s·b ≥ s·n`, moderately improving when `s·b ≥ 0.5·s·n`, decreasing when `s·b < 0`,
///   stagnating otherwise;
/// - projections to the deadline from `t₁`: `x₁·(1 + a)^(t_T − t₁)` and `x₁ + b·(t_T − t₁)`
///   (only for a deadline after `t₁`);
/// - year reached: `t₁ + ln(T / x₁) / ln(1 + a)` when `s·a > 0`, `t₁ + (T − x₁) / b` when
///   `s·b > 0`, else never.
///
/// The boundaries are inclusive on the side of the better class, as the annex states them
/// ("at least 95 %"). The thresholds are the named constants of this module.
///
/// # Conventions
/// A window needs a value in both end years and none missing in between (years absent from
/// `series` altogether are not gaps: the rates use the calendar span); otherwise
/// [`Class::InsufficientData`] with the [`Reason`]. Zero or negative values (or target) leave
/// the compound rate undefined: Eurostat's class is then [`Class::NotAssessable`], while the
/// linear SDSN arrow, projection and year reached are still given.
pub fn assess(
    series: &[(i32, Option<f64>)],
    window: (i32, i32),
    direction: Direction,
    goal: Option<Goal>,
) -> Assessment {
    let (t0, t1) = window;
    let mut out = Assessment {
        window,
        start: None,
        end: None,
        target: goal.map(|g| g.value),
        target_year: goal.map(|g| g.year),
        actual_cagr: None,
        required_cagr: None,
        ratio: None,
        actual_per_year: None,
        required_per_year: None,
        class: Class::InsufficientData,
        reason: None,
        trend: None,
        projected_cagr: None,
        projected_linear: None,
        reach_cagr: None,
        reach_linear: None,
    };
    let value_in = |year: i32| {
        series
            .iter()
            .find(|(t, _)| *t == year)
            .and_then(|(_, v)| *v)
    };
    out.start = value_in(t0);
    out.end = value_in(t1);
    let gap = series
        .iter()
        .find(|(t, v)| (t0..=t1).contains(t) && v.is_none())
        .map(|(t, _)| *t);
    let (x0, x1) = match (out.start, out.end) {
        _ if t1 <= t0 => return out.missing(Reason::ShortWindow),
        (None, _) => return out.missing(Reason::MissingStart { year: t0 }),
        (_, None) => return out.missing(Reason::MissingEnd { year: t1 }),
        _ if gap.is_some() => {
            return out.missing(Reason::Gap {
                year: gap.unwrap_or(t0),
            })
        }
        (Some(x0), Some(x1)) => (x0, x1),
    };
    let s = direction.sign();
    let span = f64::from(t1 - t0);
    let b = (x1 - x0) / span;
    out.actual_per_year = finite(b);
    out.actual_cagr = cagr(x0, x1, span);
    let undefined = || {
        if x0 > 0.0 && x1 > 0.0 {
            Reason::NotFinite
        } else {
            Reason::NonPositive
        }
    };
    let Some(goal) = goal else {
        match out.actual_cagr {
            Some(a) => out.class = class_of_rate(s * a),
            None => {
                out.class = Class::NotAssessable;
                out.reason = Some(undefined());
            }
        }
        return out;
    };
    let (target, deadline) = (goal.value, goal.year);
    let met = s * (x1 - target) >= 0.0;
    let ahead = deadline - t1;
    if ahead > 0 {
        out.projected_cagr = out
            .actual_cagr
            .and_then(|a| finite(x1 * pow(1.0 + a, f64::from(ahead))));
        out.projected_linear = out
            .actual_per_year
            .and_then(|b| finite(x1 + b * f64::from(ahead)));
    }
    if met {
        out.class = Class::Achieved;
        out.trend = Some(Trend::OnTrack);
        out.reach_cagr = Some(Reach::Achieved);
        out.reach_linear = Some(Reach::Achieved);
    } else {
        out.reach_cagr = match out.actual_cagr {
            Some(a) if s * a > 0.0 && target > 0.0 => {
                finite(f64::from(t1) + ln(target / x1) / ln(1.0 + a)).map(Reach::Year)
            }
            Some(_) => Some(Reach::Never),
            None => None,
        };
        out.reach_linear = match out.actual_per_year {
            Some(b) if s * b > 0.0 => finite(f64::from(t1) + (target - x1) / b).map(Reach::Year),
            Some(_) => Some(Reach::Never),
            None => None,
        };
    }
    if deadline <= t0 {
        if !met {
            out.class = Class::NotAssessable;
            out.reason = Some(Reason::DeadlineNotAfterStart);
        }
        return out;
    }
    let to_deadline = f64::from(deadline - t0);
    let needed = (target - x0) / to_deadline;
    out.required_per_year = finite(needed);
    out.required_cagr = cagr(x0, target, to_deadline);
    if !met {
        out.trend = out.actual_per_year.map(|b| trend_of(s * b, s * needed));
        match (out.actual_cagr, out.required_cagr) {
            (Some(a), Some(r)) => {
                if s * r <= 0.0 {
                    // The target was met at the window's start and is not now: a ratio of two
                    // rates of the same sign would read as progress.
                    out.class = Class::MovingAway;
                } else {
                    out.ratio = finite(a / r);
                    out.class = out.ratio.map_or(Class::NotAssessable, class_of_ratio);
                    if out.ratio.is_none() {
                        out.reason = Some(Reason::NotFinite);
                    }
                }
            }
            _ => {
                out.class = Class::NotAssessable;
                out.reason = Some(if x0 > 0.0 && x1 > 0.0 && target > 0.0 {
                    Reason::NotFinite
                } else {
                    Reason::NonPositive
                });
            }
        }
    } else if let (Some(a), Some(r)) = (out.actual_cagr, out.required_cagr) {
        out.ratio = (s * r > 0.0).then(|| finite(a / r)).flatten();
    }
    out
}

/// Eurostat's class of a unit with a target, from the ratio `q` of the actual to the
/// required compound rate.
///
/// # Formula
/// `q ≥ 0.95` significant progress; `0.60 ≤ q < 0.95` moderate; `0 ≤ q < 0.60` insufficient;
/// `q < 0` moving away (Eurostat, SDG monitoring report 2023 edition, methodological annex).
pub fn class_of_ratio(q: f64) -> Class {
    if q >= SIGNIFICANT_SHARE {
        Class::SignificantProgress
    } else if q >= MODERATE_SHARE {
        Class::ModerateProgress
    } else if q >= 0.0 {
        Class::InsufficientProgress
    } else {
        Class::MovingAway
    }
}

/// Eurostat's class of a unit without a target, from its direction-adjusted compound rate
/// `a` (the rate of the values times the direction's sign).
///
/// # Formula
/// `a > 0.01` significant progress; `0 ≤ a ≤ 0.01` moderate progress; `−0.01 ≤ a < 0`
/// moderate movement away; `a < −0.01` significant movement away (Eurostat, SDG monitoring
/// report 2023 edition, methodological annex).
pub fn class_of_rate(a: f64) -> Class {
    if a > SIGNIFICANT_RATE {
        Class::SignificantProgress
    } else if a >= 0.0 {
        Class::ModerateProgress
    } else if a >= -SIGNIFICANT_RATE {
        Class::ModerateMovementAway
    } else {
        Class::SignificantMovementAway
    }
}

/// SDSN's arrow from the direction-adjusted linear change achieved `b` and needed `n` (both
/// per year, times the direction's sign), for a target not met.
///
/// # Formula
/// `b < 0` (or `n ≤ 0`: the target was met at the start and is not now) decreasing;
/// `b ≥ n` on track; `b ≥ 0.5·n` moderately improving; otherwise stagnating (Sustainable
/// Development Report 2024, annex, SDG Trend Dashboards).
pub fn trend_of(b: f64, n: f64) -> Trend {
    if n <= 0.0 || b < 0.0 {
        Trend::Decreasing
    } else if b >= n {
        Trend::OnTrack
    } else if b >= SDSN_MODERATE_SHARE * n {
        Trend::ModeratelyImproving
    } else {
        Trend::Stagnating
    }
}

impl Assessment {
    fn missing(mut self, reason: Reason) -> Self {
        self.class = Class::InsufficientData;
        self.reason = Some(reason);
        self
    }
}

/// One unit's assessment on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressRow {
    /// The unit.
    pub unit: UnitId,
    /// The node (an indicator, or an aggregate with a target).
    pub node: NodeId,
    /// The target's baseline year, which started this row's window, if it named one.
    pub baseline_year: Option<i32>,
    /// The assessment.
    pub assessment: Assessment,
}

/// Every unit's assessment on every indicator, and on every aggregate that has a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// The window used where a target names no baseline year.
    pub window: (i32, i32),
    /// Rows by node (framework order), then by unit (data order).
    pub rows: Vec<ProgressRow>,
}

/// The default window of `dataset`: Eurostat's short term, the last year and the year
/// [`DEFAULT_WINDOW_YEARS`] before it if the data has it, else the first year.
///
/// # Errors
/// Data without years.
pub fn default_window(dataset: &Dataset) -> Result<(i32, i32)> {
    let years: Vec<i32> = dataset.periods().iter().flatten().copied().collect();
    match (years.first(), years.last()) {
        (Some(&first), Some(&last)) => {
            let short = last - DEFAULT_WINDOW_YEARS;
            Ok((if years.contains(&short) { short } else { first }, last))
        }
        _ => Err(Error::structure(
            Place::default().column("Time"),
            "a panel with years: progress needs a time series",
        )),
    }
}

/// Assesses every unit on every indicator of `plan`'s framework, and on every aggregate with
/// a target, over `window` (default: [`default_window`]); a target with a baseline year
/// starts its row's window there.
///
/// # Formula
/// [`assess`] on each unit's yearly series: an indicator's raw values as given, better in its
/// iMeta direction; an aggregate's scores (better when higher), from `run` for every year,
/// which is called only when an aggregate has a target (`|p| plan.run(&dataset, p)`
/// natively). The target of a (node, unit) is [`Targets::get`]'s.
///
/// # Errors
/// Data without years; a window whose years are not in the data or that ends before it
/// starts; a run that fails in some year.
pub fn progress(
    plan: &Plan,
    dataset: &Dataset,
    targets: &Targets,
    window: Option<(i32, i32)>,
    mut run: impl FnMut(PeriodId) -> Result<Results>,
) -> Result<Progress> {
    let window = match window {
        None => default_window(dataset)?,
        Some((start, end)) => {
            for year in [start, end] {
                if dataset.period_of_year(year).is_none() {
                    return Err(Error::spec(
                        Place::default().column("window").year(Some(year)),
                        format!("a window of years in the data, found {start}:{end}"),
                    ));
                }
            }
            if end <= start {
                return Err(Error::spec(
                    Place::default().column("window"),
                    format!("a window that ends after it starts, found {start}:{end}"),
                ));
            }
            (start, end)
        }
    };
    let fw = plan.framework();
    let years: Vec<(PeriodId, i32)> = dataset
        .period_ids()
        .filter_map(|p| Some((p, dataset.year(p)?)))
        .collect();
    let aggregates: Vec<NodeId> = fw.aggregates().filter(|&n| targets.has_node(n)).collect();
    // Every year's scores, only when an aggregate is assessed: a plan run per year.
    let mut scores: Vec<Results> = Vec::new();
    if !aggregates.is_empty() {
        for &(p, year) in &years {
            scores.push(run(p).map_err(|e| e.in_year(Some(year)))?);
        }
    }
    let nodes: Vec<NodeId> = fw.indicators().chain(aggregates).collect();
    let mut rows = Vec::with_capacity(nodes.len() * dataset.n_units());
    for node in nodes {
        let indicator = fw.node(node);
        let (direction, variable) = match indicator.kind {
            NodeKind::Indicator => (
                indicator.direction,
                dataset.variable_index(indicator.code.as_str()),
            ),
            NodeKind::Aggregate => (Direction::Positive, None),
        };
        for unit in dataset.unit_ids() {
            let series: Vec<(i32, Option<f64>)> = years
                .iter()
                .enumerate()
                .map(|(k, &(p, year))| {
                    let value = match variable {
                        Some(v) => dataset.column(v, p)[unit.index()],
                        None => scores
                            .get(k)
                            .and_then(|r| r.values[node.index()][unit.index()]),
                    };
                    (year, value)
                })
                .collect();
            let target = targets.get(node, unit);
            let baseline_year = target.and_then(|t| t.baseline_year);
            let row_window = (baseline_year.unwrap_or(window.0), window.1);
            let goal = target.map(|t| Goal {
                value: t.value,
                year: t.year,
            });
            rows.push(ProgressRow {
                unit,
                node,
                baseline_year,
                assessment: assess(&series, row_window, direction, goal),
            });
        }
    }
    Ok(Progress { window, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// A few floating-point operations on hand-computed values.
    const TOL: f64 = 1e-12;

    const UP: Direction = Direction::Positive;
    const DOWN: Direction = Direction::Negative;

    fn series(values: &[(i32, f64)]) -> Vec<(i32, Option<f64>)> {
        values.iter().map(|&(t, v)| (t, Some(v))).collect()
    }

    fn goal(value: f64, year: i32) -> Option<Goal> {
        Some(Goal { value, year })
    }

    #[test]
    fn significant_progress_on_track_to_the_target() {
        // 100 → 121 over 2018–2020: a = 1.21^(1/2) − 1 = 0.1. Target 133.1 by 2021:
        // r = 1.331^(1/3) − 1 = 0.1, q = 1 ≥ 0.95. Linear: b = 10.5, n = 33.1 / 3 = 11.0333…,
        // b / n = 0.9517 ≥ 0.5 → moderately improving (the linear view is stricter on a
        // compounding series). Projection to 2021: 121 · 1.1 = 133.1; linear 131.5.
        // Reached: 2020 + ln(1.1) / ln(1.1) = 2021; linear 2020 + 12.1 / 10.5.
        let a = assess(
            &series(&[(2018, 100.0), (2019, 110.0), (2020, 121.0)]),
            (2018, 2020),
            UP,
            goal(133.1, 2021),
        );
        assert_eq!(a.class, Class::SignificantProgress);
        assert_relative_eq!(a.actual_cagr.unwrap(), 0.1, epsilon = TOL);
        assert_relative_eq!(a.required_cagr.unwrap(), 0.1, epsilon = TOL);
        assert_relative_eq!(a.ratio.unwrap(), 1.0, epsilon = TOL);
        assert_eq!(a.trend, Some(Trend::ModeratelyImproving));
        assert_relative_eq!(a.projected_cagr.unwrap(), 133.1, epsilon = 1e-9);
        assert_relative_eq!(a.projected_linear.unwrap(), 131.5, epsilon = TOL);
        let Some(Reach::Year(y)) = a.reach_cagr else {
            panic!("{a:?}")
        };
        assert_relative_eq!(y, 2021.0, epsilon = 1e-9);
        let Some(Reach::Year(y)) = a.reach_linear else {
            panic!("{a:?}")
        };
        assert_relative_eq!(y, 2020.0 + 12.1 / 10.5, epsilon = TOL);
        assert_eq!(a.reason, None);
    }

    #[test]
    fn moderate_insufficient_and_moving_away_by_the_ratio() {
        // 100 → 104.04 over two years: a = 0.02. Target 100 · 1.025^4 by 2024 from 2020:
        // r = 0.025, q = 0.8 → moderate. Target with r = 0.05: q = 0.4 → insufficient.
        let s = series(&[(2020, 100.0), (2022, 104.04)]);
        let a = assess(&s, (2020, 2022), UP, goal(100.0 * 1.025f64.powi(4), 2024));
        assert_relative_eq!(a.ratio.unwrap(), 0.8, epsilon = 1e-9);
        assert_eq!(a.class, Class::ModerateProgress);
        // SDSN: b = 2.02, n = (110.381… − 100) / 4 = 2.5953 → 0.778 of it → moderately
        // improving.
        assert_eq!(a.trend, Some(Trend::ModeratelyImproving));
        let a = assess(&s, (2020, 2022), UP, goal(100.0 * 1.05f64.powi(4), 2024));
        assert_relative_eq!(a.ratio.unwrap(), 0.4, epsilon = 1e-9);
        assert_eq!(a.class, Class::InsufficientProgress);
        // b = 2.02, n = 5.3877 → 0.375 < 0.5 → stagnating.
        assert_eq!(a.trend, Some(Trend::Stagnating));
        // Falling 100 → 96.04 (a = −0.02) against a rising target: q = −0.8.
        let a = assess(
            &series(&[(2020, 100.0), (2022, 96.04)]),
            (2020, 2022),
            UP,
            goal(100.0 * 1.025f64.powi(4), 2024),
        );
        assert_relative_eq!(a.ratio.unwrap(), -0.8, epsilon = 1e-9);
        assert_eq!(a.class, Class::MovingAway);
        assert_eq!(a.trend, Some(Trend::Decreasing));
        assert_eq!(a.reach_cagr, Some(Reach::Never));
        assert_eq!(a.reach_linear, Some(Reach::Never));
    }

    #[test]
    fn the_boundaries_belong_to_the_better_class() {
        // Eurostat: "at least 95 %", "60 % to 95 %", "0 to 60 %", "below 0".
        for (q, class) in [
            (0.95, Class::SignificantProgress),
            (0.949_999, Class::ModerateProgress),
            (0.60, Class::ModerateProgress),
            (0.599_999, Class::InsufficientProgress),
            (0.0, Class::InsufficientProgress),
            (-1e-9, Class::MovingAway),
        ] {
            assert_eq!(class_of_ratio(q), class, "q = {q}");
        }
        // Without a target: "above 1 %" is significant, 1 % itself moderate.
        for (a, class) in [
            (0.010_001, Class::SignificantProgress),
            (0.01, Class::ModerateProgress),
            (0.0, Class::ModerateProgress),
            (-1e-9, Class::ModerateMovementAway),
            (-0.01, Class::ModerateMovementAway),
            (-0.010_001, Class::SignificantMovementAway),
        ] {
            assert_eq!(class_of_rate(a), class, "a = {a}");
        }
        // SDSN, needed 2 a year: 2 on track, 1 moderately improving, 0.99 and 0 stagnating.
        for (b, trend) in [
            (2.0, Trend::OnTrack),
            (1.0, Trend::ModeratelyImproving),
            (0.99, Trend::Stagnating),
            (0.0, Trend::Stagnating),
            (-0.01, Trend::Decreasing),
        ] {
            assert_eq!(trend_of(b, 2.0), trend, "b = {b}");
        }
        assert_eq!(
            trend_of(-1.0, -0.5),
            Trend::Decreasing,
            "met at the start, lost since"
        );
    }

    #[test]
    fn lower_is_better_must_fall() {
        // Emissions 200 → 180 over 2020–2022, lower is better; target 150 by 2025.
        // a = 0.9^(1/2) − 1 = −0.051317, r = 0.75^(1/5) − 1 = −0.056002; q = 0.91636 →
        // moderate progress. b = −10, n = −50 / 5 = −10 → s·b = s·n → on track (linear).
        let s = series(&[(2020, 200.0), (2021, 190.0), (2022, 180.0)]);
        let a = assess(&s, (2020, 2022), DOWN, goal(150.0, 2025));
        let (actual, required) = (0.9f64.sqrt() - 1.0, 0.75f64.powf(0.2) - 1.0);
        assert_relative_eq!(a.actual_cagr.unwrap(), actual, epsilon = TOL);
        assert_relative_eq!(a.required_cagr.unwrap(), required, epsilon = TOL);
        assert_relative_eq!(a.ratio.unwrap(), actual / required, epsilon = TOL);
        assert_eq!(a.class, Class::ModerateProgress);
        assert_eq!(a.trend, Some(Trend::OnTrack));
        // Projection to 2025: 180 · 0.9^(3/2) = 153.6879…; linear 180 − 30 = 150, reached in
        // 2022 + (150 − 180) / −10 = 2025.
        assert_relative_eq!(
            a.projected_cagr.unwrap(),
            180.0 * 0.9f64.powf(1.5),
            epsilon = 1e-9
        );
        assert_eq!(a.reach_linear, Some(Reach::Year(2025.0)));
        // The same numbers rising are moving away for a −1 indicator.
        let rising = series(&[(2020, 180.0), (2022, 200.0)]);
        let a = assess(&rising, (2020, 2022), DOWN, goal(150.0, 2025));
        assert_eq!(a.class, Class::MovingAway);
        assert!(a.ratio.unwrap() < 0.0);
        assert_eq!(a.trend, Some(Trend::Decreasing));
        assert_eq!(a.reach_cagr, Some(Reach::Never));
        // Without a target: −5.13 % a year is significant progress for a −1 indicator, and
        // rising 5.4 % a year (200/180)^(1/2) − 1 significant movement away.
        assert_eq!(
            assess(&s, (2020, 2022), DOWN, None).class,
            Class::SignificantProgress
        );
        assert_eq!(
            assess(&rising, (2020, 2022), DOWN, None).class,
            Class::SignificantMovementAway
        );
    }

    #[test]
    fn a_target_met_is_achieved_in_either_direction() {
        let a = assess(
            &series(&[(2020, 2.0), (2022, 3.1)]),
            (2020, 2022),
            UP,
            goal(3.0, 2025),
        );
        assert_eq!(a.class, Class::Achieved);
        assert_eq!(a.trend, Some(Trend::OnTrack));
        assert_eq!(
            (a.reach_cagr, a.reach_linear),
            (Some(Reach::Achieved), Some(Reach::Achieved))
        );
        assert_eq!(a.reason, None);
        // Exactly on the target counts as met.
        let a = assess(
            &series(&[(2020, 9.0), (2022, 5.0)]),
            (2020, 2022),
            DOWN,
            goal(5.0, 2025),
        );
        assert_eq!(a.class, Class::Achieved);
        // Met at the start and lost since: moving away, without a misleading ratio.
        let a = assess(
            &series(&[(2020, 3.2), (2022, 2.9)]),
            (2020, 2022),
            UP,
            goal(3.0, 2025),
        );
        assert_eq!(a.class, Class::MovingAway);
        assert_eq!(a.ratio, None);
        assert_eq!(a.trend, Some(Trend::Decreasing));
    }

    #[test]
    fn without_a_target_the_size_of_the_trend() {
        // 100 → 100 · 1.02² (a = 2 %): significant; 1.005² (0.5 %): moderate progress;
        // 0.995² (−0.5 %): moderate movement away; 0.98² (−2 %): significant movement away.
        // No change at all (a = 0) is moderate progress.
        for (a, class) in [
            (0.02, Class::SignificantProgress),
            (0.005, Class::ModerateProgress),
            (0.0, Class::ModerateProgress),
            (-0.005, Class::ModerateMovementAway),
            (-0.02, Class::SignificantMovementAway),
        ] {
            let x1 = 100.0 * (1.0 + a) * (1.0 + a);
            let out = assess(
                &series(&[(2020, 100.0), (2022, x1)]),
                (2020, 2022),
                UP,
                None,
            );
            assert_eq!(out.class, class, "a = {a}");
            assert_eq!((out.trend, out.target, out.reach_cagr), (None, None, None));
        }
    }

    #[test]
    fn short_series_and_gaps_say_so() {
        let s = vec![(2020, Some(1.0)), (2021, None), (2022, Some(2.0))];
        let a = assess(&s, (2020, 2022), UP, goal(3.0, 2025));
        assert_eq!(
            (a.class, a.reason),
            (Class::InsufficientData, Some(Reason::Gap { year: 2021 }))
        );
        assert_eq!(a.actual_cagr, None);
        let a = assess(&s, (2021, 2022), UP, None);
        assert_eq!(a.reason, Some(Reason::MissingStart { year: 2021 }));
        let a = assess(&s, (2020, 2023), UP, None);
        assert_eq!(a.reason, Some(Reason::MissingEnd { year: 2023 }));
        let a = assess(&s, (2022, 2022), UP, None);
        assert_eq!(
            (a.class, a.reason),
            (Class::InsufficientData, Some(Reason::ShortWindow))
        );
        // Years absent from the series are not gaps: 2020 and 2022 only.
        let a = assess(
            &series(&[(2020, 1.0), (2022, 1.21)]),
            (2020, 2022),
            UP,
            None,
        );
        assert_relative_eq!(a.actual_cagr.unwrap(), 0.1, epsilon = TOL);
    }

    #[test]
    fn non_positive_values_are_not_assessable_by_rates_but_keep_the_linear_view() {
        // −2 → 1 over 2020–2022, target 4 by 2024: no compound rate; linear b = 1.5,
        // n = 6 / 4 = 1.5 → on track; projection 1 + 1.5 · 2 = 4, reached in 2024.
        let a = assess(
            &series(&[(2020, -2.0), (2022, 1.0)]),
            (2020, 2022),
            UP,
            goal(4.0, 2024),
        );
        assert_eq!(
            (a.class, a.reason),
            (Class::NotAssessable, Some(Reason::NonPositive))
        );
        assert_eq!(
            (a.actual_cagr, a.required_cagr, a.ratio),
            (None, None, None)
        );
        assert_eq!(a.trend, Some(Trend::OnTrack));
        assert_eq!(a.projected_linear, Some(4.0));
        assert_eq!(a.reach_linear, Some(Reach::Year(2024.0)));
        assert_eq!(a.reach_cagr, None);
        let a = assess(&series(&[(2020, 0.0), (2022, 1.0)]), (2020, 2022), UP, None);
        assert_eq!(
            (a.class, a.reason),
            (Class::NotAssessable, Some(Reason::NonPositive))
        );
        // Serialised, nothing is NaN: every number is a number or null.
        let json = serde_json::to_string(&a).unwrap();
        assert!(
            !json.contains("NaN") && json.contains("\"class\":\"not_assessable\""),
            "{json}"
        );
    }

    #[test]
    fn a_deadline_before_the_window_starts() {
        let a = assess(
            &series(&[(2020, 1.0), (2022, 2.0)]),
            (2020, 2022),
            UP,
            goal(3.0, 2020),
        );
        assert_eq!(
            (a.class, a.reason),
            (Class::NotAssessable, Some(Reason::DeadlineNotAfterStart))
        );
        assert_eq!(a.projected_cagr, None, "no projection backwards");
    }

    /// Two units, one indicator rising and one falling, an index; 2015–2020.
    fn panel() -> (Plan, Dataset) {
        let mut data = String::from("uCode,Time,up,down\n");
        for (k, year) in (2015..=2020).enumerate() {
            let k = k as f64;
            data.push_str(&format!(
                "A,{year},{},{}\n",
                100.0 * 1.1f64.powf(k),
                50.0 - k
            ));
            data.push_str(&format!("B,{year},{},{}\n", 10.0, 51.0 + k));
        }
        let meta =
            "iCode,Parent,Direction,Type\nup,I,1,Indicator\ndown,I,-1,Indicator\nI,,1,Aggregate\n";
        let (meta, data) =
            crate::io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv")
                .unwrap();
        let spec = crate::BuildSpec::default();
        (Plan::compile(&meta.framework, &data, &spec).unwrap(), data)
    }

    #[test]
    fn every_unit_and_indicator_with_targets_overriding_per_unit() {
        use crate::model::target::Target;
        let (plan, data) = panel();
        let (a, b) = (UnitId::new(0), UnitId::new(1));
        let targets = Targets::new(vec![
            Target {
                node: NodeId::new(0),
                unit: None,
                value: 200.0,
                year: 2025,
                baseline_year: None,
            },
            Target {
                node: NodeId::new(0),
                unit: Some(b),
                value: 10.0,
                year: 2025,
                baseline_year: Some(2017),
            },
        ])
        .unwrap();
        let mut runs = 0;
        let p = progress(&plan, &data, &targets, None, |period| {
            runs += 1;
            plan.run(&data, period)
        })
        .unwrap();
        assert_eq!(runs, 0, "no aggregate target: the plan is not run");
        assert_eq!(p.window, (2015, 2020));
        assert_eq!(p.rows.len(), 4, "two indicators × two units");
        let row = |node: usize, unit: UnitId| {
            p.rows
                .iter()
                .find(|r| r.node == NodeId::new(node) && r.unit == unit)
                .unwrap()
        };
        // A: 100 → 161.051 (a = 0.1); r = 2^(1/10) − 1 = 0.071773, q = 1.3933.
        let up_a = &row(0, a).assessment;
        assert_relative_eq!(up_a.actual_cagr.unwrap(), 0.1, epsilon = TOL);
        assert_eq!(up_a.class, Class::SignificantProgress);
        // B's own target 10 is met; its window starts at the baseline 2017.
        let up_b = row(0, b);
        assert_eq!(
            (up_b.baseline_year, up_b.assessment.window),
            (Some(2017), (2017, 2020))
        );
        assert_eq!(up_b.assessment.class, Class::Achieved);
        // `down` has no target: A falls 50 → 45 (−2.09 % a year), progress for −1.
        assert_eq!(row(1, a).assessment.class, Class::SignificantProgress);
        assert_eq!(row(1, b).assessment.class, Class::SignificantMovementAway);
        // A target on the index runs the plan every year.
        let on_index = Targets::new(vec![Target {
            node: plan.framework().root(),
            unit: None,
            value: 100.0,
            year: 2025,
            baseline_year: None,
        }])
        .unwrap();
        let mut runs = 0;
        let p = progress(&plan, &data, &on_index, Some((2016, 2020)), |period| {
            runs += 1;
            plan.run(&data, period)
        })
        .unwrap();
        assert_eq!(runs, 6);
        assert_eq!(p.rows.len(), 6);
        let index_a = &row_of(&p, 2, a).assessment;
        // Min-max scores: A is best on both indicators every year, 100 → achieved.
        assert_eq!(index_a.class, Class::Achieved);
        assert_eq!(
            row_of(&p, 2, b).assessment.class,
            Class::NotAssessable,
            "B scores 0"
        );
    }

    fn row_of(p: &Progress, node: usize, unit: UnitId) -> &ProgressRow {
        p.rows
            .iter()
            .find(|r| r.node == NodeId::new(node) && r.unit == unit)
            .unwrap()
    }

    #[test]
    fn windows_outside_the_data_are_refused() {
        let (plan, data) = panel();
        let none = Targets::default();
        let err = progress(&plan, &data, &none, Some((2010, 2020)), |p| {
            plan.run(&data, p)
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("a window of years in the data, found 2010:2020"),
            "{err}"
        );
        let err = progress(&plan, &data, &none, Some((2020, 2016)), |p| {
            plan.run(&data, p)
        })
        .unwrap_err();
        assert!(err.to_string().contains("ends after it starts"), "{err}");
    }
}
