//! What the brief says, computed by library calls only: the run of the plan, gap tables and
//! their change since the base year, catch-up series and projections, progress toward
//! targets, and the rank's uncertainty. The text, charts and workbook are written from these facts and compute
//! nothing themselves.

use yardstick::analysis::catchup::{
    catch_up_series, growth_to_reach, years_to_catch_up, CatchUp, Growth, RequiredGrowth, Source,
};
use yardstick::analysis::gap::{gap_change_between, gap_table, Comparison, GapChange, GapTable};
use yardstick::analysis::progress::{progress, ProgressRow};
use yardstick::io;
use yardstick::pipeline::panel::run_periods;
use yardstick::robustness::uncertainty::{Engine, UncertaintySpec, UnitStability};
use yardstick::{BuildSpec, Dataset, Error, ErrorKind, PeriodId, Place, Plan, Results, UnitId};

use crate::args::ReportArgs;
use crate::gap::{base_period, comparison};
use crate::unit_code::unit_index;

/// Years from the computed year to the default deadline of the growth needed: one five-year
/// plan (五年规划), the horizon Chinese regional targets are set for.
pub const DEFAULT_HORIZON: i32 = 5;

/// k of the top-k probability the uncertainty engine computes; the brief does not show it.
const UNCERTAINTY_TOP: usize = 1;

/// Everything the brief reports.
pub struct Facts {
    /// The data.
    pub data: Dataset,
    /// The compiled plan.
    pub plan: Plan,
    /// The effective build spec (the file with the command line's overrides).
    pub spec: BuildSpec,
    /// The run of the computed year.
    pub results: Results,
    /// The focus unit.
    pub focus: UnitId,
    /// Units with a rank on the index.
    pub n_ranked: usize,
    /// The base year and the run of it, when the data have an earlier year.
    pub base: Option<(i32, Results)>,
    /// One entry per comparison, in the order given.
    pub comparisons: Vec<Compared>,
    /// The focus unit's index series, by year (empty for a single year).
    pub focus_series: Vec<(i32, f64)>,
    /// The deadline of the growth needed.
    pub deadline: i32,
    /// The rank's uncertainty, when asked.
    pub uncertainty: Option<RankUncertainty>,
    /// The focus unit's progress toward each of its targets (framework order).
    pub progress: Vec<ProgressRow>,
}

/// One comparison and what the library computed against it.
pub struct Compared {
    /// As typed (`leader`, `CN`, `group:…`).
    pub text: String,
    /// As the library takes it.
    pub comparison: Comparison,
    /// The gap on every node in the computed year.
    pub table: GapTable,
    /// The gap on every node in the base year and its change (same order as `table.rows`).
    pub change: Option<Vec<GapChange>>,
    /// The comparison's index series, by year (empty for a single year).
    pub series: Vec<(i32, f64)>,
    /// Catch-up by compound rate and by linear trend, or why it cannot be projected.
    pub catch_up: Vec<Projection>,
}

/// A catch-up projection under one growth measure.
pub struct Projection {
    /// The measure.
    pub growth: Growth,
    /// The projection and the growth needed by the deadline, or the library's reason why not.
    pub outcome: Result<(CatchUp, RequiredGrowth), Error>,
}

/// The focus unit's rank over the uncertainty analysis's replications.
pub struct RankUncertainty {
    /// Replications run.
    pub runs: usize,
    /// Replications that failed.
    pub failed: usize,
    /// The focus unit's statistics.
    pub unit: UnitStability,
    /// Seed of the generator.
    pub seed: u64,
    /// The uncertainty spec's file, as given.
    pub file: String,
}

/// Runs the plan and every analysis the brief reports.
pub fn gather(a: &ReportArgs) -> Result<Facts, Error> {
    let (meta, data, plan, period) = crate::load(&a.inputs, &a.build, a.year.year)?;
    let spec = crate::build_spec(&a.build)?;
    let focus = unit_index(&data, &a.focus)?;
    // Every period runs once, on every core: the trend, the catch-up of each comparison, the
    // gap changes and progress toward targets all read these runs.
    let runs = run_periods(&plan, &data, threads())?;
    let run = |p: PeriodId| -> Result<Results, Error> {
        runs.get(p.index()).cloned().ok_or_else(|| {
            Error::new(
                ErrorKind::Structure {
                    expected: "a period of the data".into(),
                },
                Place::default(),
            )
        })
    };
    let results = run(period)?;
    let root = plan.framework().root();
    let n_ranked = data.units().iter().filter(|u| u.is_ranked()).count();
    let year = results.year;

    let base = base_year(a, &data, period)?;
    let base_results = match base {
        Some((y, p)) => Some((y, run(p)?)),
        None => None,
    };
    let focus_leads = results.rank(root, focus) == Some(1.0);
    let texts: Vec<String> = if a.compare.is_empty() {
        default_comparisons(&data, focus, focus_leads)
    } else {
        a.compare.clone()
    };
    let several_years = data.periods().len() > 1;
    let deadline = a
        .deadline
        .unwrap_or(year.unwrap_or_default() + DEFAULT_HORIZON);
    if let Some(y) = year.filter(|&y| deadline <= y) {
        return Err(Error::new(
            ErrorKind::Value {
                expected: format!("a deadline after {y}, the year of the brief"),
                found: deadline.to_string(),
            },
            Place::default().column("--deadline"),
        ));
    }
    let mut focus_series = Vec::new();
    let mut comparisons = Vec::new();
    for text in texts {
        let comparison = comparison(&text, &data)?;
        let table = gap_table(&plan, &data, &results, focus, &comparison)?;
        let change = match base {
            Some((_, p)) => Some(gap_change_between(
                &plan,
                &data,
                &runs[p.index()],
                &results,
                focus,
                &comparison,
            )?),
            None => None,
        };
        let (series, catch_up) = if several_years {
            let s = catch_up_series(&data, Source::Score { node: root }, focus, &comparison, run)?;
            let window = (
                base.map_or(s.common_window().map_or(0, |w| w.0), |b| b.0),
                year.unwrap_or_default(),
            );
            let catch_up = [Growth::Cagr, Growth::LinearTrend]
                .into_iter()
                .map(|growth| Projection {
                    growth,
                    outcome: years_to_catch_up(&s.focus, &s.comparison, window, growth)
                        .and_then(|c| growth_to_reach(&c, deadline).map(|need| (c, need))),
                })
                .collect();
            focus_series = s.focus;
            (s.comparison, catch_up)
        } else {
            (Vec::new(), Vec::new())
        };
        comparisons.push(Compared {
            text,
            comparison,
            table,
            change,
            series,
            catch_up,
        });
    }
    let targets = crate::progress::targets(
        a.targets.as_deref(),
        Some(deadline),
        &a.inputs.meta,
        &meta,
        &data,
    )?;
    let progress = if targets.is_empty() {
        Vec::new()
    } else {
        let mut p = progress(&plan, &data, &targets, None, run)?;
        p.rows
            .retain(|r| r.unit == focus && r.assessment.target.is_some());
        p.rows
    };
    let uncertainty = match &a.uncertainty {
        None => None,
        Some(path) => Some(rank_uncertainty(a, path, &meta, &data, period, focus)?),
    };
    Ok(Facts {
        data,
        plan,
        spec,
        results,
        focus,
        n_ranked,
        base: base_results,
        comparisons,
        focus_series,
        deadline,
        uncertainty,
        progress,
    })
}

/// `--base-year`, or the first year of the data when it has an earlier one than the year
/// computed.
fn base_year(
    a: &ReportArgs,
    data: &Dataset,
    period: PeriodId,
) -> Result<Option<(i32, PeriodId)>, Error> {
    match a.base_year {
        Some(y) => Ok(Some((y, base_period(data, y)?))),
        None => Ok(data
            .period_ids()
            .next()
            .filter(|&p| p < period)
            .and_then(|p| data.year(p).map(|y| (y, p)))),
    }
}

/// The leader (unless the focus unit leads) and every reference row other than the focus.
fn default_comparisons(data: &Dataset, focus: UnitId, focus_leads: bool) -> Vec<String> {
    let references = data
        .unit_ids()
        .filter(|&u| u != focus && !data.unit(u).is_ranked())
        .map(|u| data.unit(u).code.to_string());
    (!focus_leads)
        .then(|| "leader".to_owned())
        .into_iter()
        .chain(references)
        .collect()
}

/// The focus unit's rank statistics from `yardstick uncertainty`'s engine.
fn rank_uncertainty(
    a: &ReportArgs,
    path: &std::path::Path,
    meta: &io::Meta,
    data: &Dataset,
    period: PeriodId,
    focus: UnitId,
) -> Result<RankUncertainty, Error> {
    let text = io::read_file(path)?;
    let spec = UncertaintySpec::from_json(&String::from_utf8_lossy(&text))
        .map_err(|e| e.in_file(&path.display().to_string()))?;
    let mut engine = Engine::new(&meta.framework, data, period, spec, a.seed)?;
    let result = engine.uncertainty(a.runs, a.seed, UNCERTAINTY_TOP)?;
    let code = data.unit(focus).code.as_str();
    let unit = result
        .units
        .into_iter()
        .find(|u| u.code == code)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Structure {
                    expected: "the focus unit among the uncertainty analysis's units".into(),
                },
                Place::file(path.display().to_string()).unit(code),
            )
        })?;
    Ok(RankUncertainty {
        runs: result.runs,
        failed: result.failed,
        unit,
        seed: a.seed,
        file: path.display().to_string(),
    })
}

/// Threads for the periods' runs: every core.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
