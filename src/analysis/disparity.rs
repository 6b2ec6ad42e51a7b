//! A disparity report: how unequal one column is across the ranked units, year by year, with
//! Theil and Gini decompositions by a group column, and whether it converges over the years.
//! What `yardstick disparity` prints and the Python binding returns, computed here once.

use crate::analysis::inequality::{
    beta_convergence_of, gini_by_group, measure_of, sigma_convergence_of, theil_by_group,
    BetaConvergence, GiniDecomposition, Measure, SigmaConvergence, TheilDecomposition, TheilIndex,
};
use crate::error::{Error, Place, Result};
use crate::model::dataset::Dataset;
use crate::model::ids::PeriodId;
use crate::pipeline::panel::node_scores;
use crate::pipeline::plan::Plan;
use crate::stats::SdConvention;

/// Names of [`YearDisparity::values`], in order: the command line's and the bindings' columns.
pub const COLUMNS: [&str; 7] = [
    "n",
    "skipped_missing",
    "theil_t",
    "theil_l",
    "gini",
    "cv",
    "sd_logs",
];

/// Names of [`GroupDisparity::values`], in order.
pub const GROUP_COLUMNS: [&str; 7] = [
    "theil_t_between",
    "theil_t_within",
    "theil_l_between",
    "theil_l_within",
    "gini_within",
    "gini_net_between",
    "gini_transvariation",
];

/// The coefficient of variation and SD of logs as the report takes them (population SD).
const CV: Measure = Measure::CoefficientOfVariation(SdConvention::Population);
const SD_LOGS: Measure = Measure::SdOfLogs(SdConvention::Population);

/// One year's measures.
#[derive(Debug, Clone, PartialEq)]
pub struct YearDisparity {
    /// The year (none for data without a time column).
    pub year: Option<i32>,
    /// Values used.
    pub n: usize,
    /// Ranked units skipped because their value was missing.
    pub skipped_missing: usize,
    /// Theil T.
    pub theil_t: f64,
    /// Theil L.
    pub theil_l: f64,
    /// Gini coefficient.
    pub gini: f64,
    /// Coefficient of variation (population SD).
    pub cv: f64,
    /// SD of logs (population SD).
    pub sd_logs: f64,
    /// The decompositions by the group column, if one was given.
    pub by_group: Option<GroupDisparity>,
}

impl YearDisparity {
    /// The values named by [`COLUMNS`].
    pub fn values(&self) -> [f64; 7] {
        [
            self.n as f64,
            self.skipped_missing as f64,
            self.theil_t,
            self.theil_l,
            self.gini,
            self.cv,
            self.sd_logs,
        ]
    }
}

/// One year's decompositions by a group column.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupDisparity {
    /// Theil T into between and within groups.
    pub theil_t: TheilDecomposition,
    /// Theil L into between and within groups.
    pub theil_l: TheilDecomposition,
    /// Gini into within, net between and transvariation (Dagum).
    pub gini: GiniDecomposition,
}

impl GroupDisparity {
    /// The values named by [`GROUP_COLUMNS`].
    pub fn values(&self) -> [f64; 7] {
        [
            self.theil_t.between,
            self.theil_t.within,
            self.theil_l.between,
            self.theil_l.within,
            self.gini.within,
            self.gini.net_between,
            self.gini.transvariation,
        ]
    }
}

/// The report over the years asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Disparity {
    /// One entry per year, in order.
    pub years: Vec<YearDisparity>,
    /// σ-convergence of the SD of logs, and β-convergence from the first to the last year,
    /// when there are two years or more.
    pub convergence: Option<(SigmaConvergence, BetaConvergence)>,
}

/// Disparity of `column` (a data variable, or a node of `plan`'s index: then its scores, one
/// run per year) in the years within `years` (all by default), decomposed by the group
/// column `group` if given.
///
/// # Formula
/// Per year, [`measure_of`] for Theil T and L, Gini, CV and SD of logs (population SD) over
/// the ranked units with a value; [`theil_by_group`] and [`gini_by_group`] by `group`; over
/// the years, [`sigma_convergence_of`] of the SD of logs and [`beta_convergence_of`] from the
/// first to the last year.
///
/// # Errors
/// A column that is neither a variable nor a node; no year within `years`; as the measures.
pub fn disparity(
    plan: &Plan,
    data: &Dataset,
    column: &str,
    group: Option<&str>,
    years: Option<(i32, i32)>,
) -> Result<Disparity> {
    let scored;
    let (data, variable) = match data.variable_index(column) {
        Some(v) => (data, v),
        None => {
            let node = plan.framework().index_of(column).ok_or_else(|| {
                Error::structure(
                    Place::default().column(column),
                    format!("a data column or an index node named '{column}'"),
                )
            })?;
            scored = node_scores(plan, data, node, column)?;
            (&scored, 0)
        }
    };
    let periods: Vec<PeriodId> = data
        .period_ids()
        .filter(|&p| match (years, data.year(p)) {
            (Some((a, b)), Some(y)) => (a..=b).contains(&y),
            _ => true,
        })
        .collect();
    let (Some(&first), Some(&last)) = (periods.first(), periods.last()) else {
        return Err(Error::structure(
            Place::default().column("Time"),
            "at least one year of the data within the years asked for",
        ));
    };
    let value = |p, measure| measure_of(data, variable, p, measure).map(|m| m.value);
    let mut out = Vec::with_capacity(periods.len());
    for &p in &periods {
        let t = measure_of(data, variable, p, Measure::TheilT)?;
        let mut year = YearDisparity {
            year: data.year(p),
            n: t.n,
            skipped_missing: t.skipped_missing,
            theil_t: t.value,
            theil_l: value(p, Measure::TheilL)?,
            gini: value(p, Measure::Gini)?,
            cv: value(p, CV)?,
            sd_logs: value(p, SD_LOGS)?,
            by_group: None,
        };
        if let Some(group) = group {
            year.by_group = Some(GroupDisparity {
                theil_t: theil_by_group(data, variable, p, group, TheilIndex::T)?,
                theil_l: theil_by_group(data, variable, p, group, TheilIndex::L)?,
                gini: gini_by_group(data, variable, p, group)?,
            });
        }
        out.push(year);
    }
    let convergence = if last > first {
        Some((
            sigma_convergence_of(data, variable, first..=last, SD_LOGS)?,
            beta_convergence_of(data, variable, first, last)?,
        ))
    } else {
        None
    };
    Ok(Disparity {
        years: out,
        convergence,
    })
}
