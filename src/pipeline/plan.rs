//! The compiled pipeline: everything that does not change between runs is resolved once, so
//! that a run (a year, a new set of weights, a Monte Carlo replication) walks flat arrays.
//!
//! Step order: denominate → screen → impute → treat → normalise → weight → aggregate → rank.
//! Screening looks at the data as given (before imputation), so that imputation cannot hide a
//! unit's lack of data.

use crate::error::Shown;
use crate::error::{Error, ErrorKind, Place, Result};
use crate::model::dataset::Dataset;
use crate::model::framework::Framework;
use crate::model::ids::{NodeId, PeriodId, UnitId};
use crate::model::indicator::NodeKind;
use crate::pipeline::aggregate::{AggregateIssue, Aggregation, Kernel};
use crate::pipeline::impute::Imputation;
use crate::pipeline::impute::ImputeContext;
use crate::pipeline::normalise::{Normalisation, NormaliseContext};
use crate::pipeline::rank::{rank_with, RankScratch, RankedColumns};
use crate::pipeline::report::{Cell, Report};
use crate::pipeline::results::Results;
use crate::pipeline::rounding::round_as_published;
use crate::pipeline::spec::BuildSpec;
use crate::pipeline::treat::Treatment;
use crate::pipeline::weight::Weighting;

/// Most decimals `rank.round` may ask for: beyond 15, an f64 has no more digits to round.
pub const MAX_ROUND_DECIMALS: u32 = crate::pipeline::rounding::MAX_DECIMALS;

/// A build spec compiled against a framework and a dataset's layout.
#[derive(Debug, Clone)]
pub struct Plan {
    framework: Framework,
    spec: BuildSpec,
    /// Dataset variable of each node (indicators only).
    column: Vec<Option<usize>>,
    /// Dataset variable of each indicator's denominator, when denominating.
    denominator: Vec<Option<usize>>,
    normalisation: Vec<Normalisation>,
    reference: Vec<Option<UnitId>>,
    treatment: Vec<Treatment>,
    aggregation: Vec<Aggregation>,
    weighting: Vec<Weighting>,
    /// Nodes whose children's weights are derived from the data each run (entropy, PCA, …).
    derived: Vec<bool>,
    /// Current weight of each node relative to its siblings (iMeta, spec or set by the user).
    weight: Vec<f64>,
    /// Units that take part in ranks (not reference rows).
    ranked: Vec<bool>,
    /// Units whose values move data-driven bounds.
    in_bounds: Vec<bool>,
    /// Group number of each unit for group imputation.
    impute_groups: Option<Vec<Option<usize>>>,
    /// Group number of each unit for ranking within groups.
    rank_groups: Option<Vec<Option<usize>>>,
}

/// Changes to the second half of a run (see [`Plan::aggregate_into`]); `Default` changes
/// nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Variation<'a> {
    /// Weight of every node relative to its siblings, replacing the plan's (and any
    /// data-driven weights).
    pub weights: Option<&'a [f64]>,
    /// Aggregation of every node, replacing the plan's.
    pub aggregation: Option<&'a [Aggregation]>,
    /// Nodes to leave out, as if missing for every unit (their siblings' weights are
    /// renormalised).
    pub dropped: Option<&'a [bool]>,
    /// Which rank columns to compute again; the others are left as they were.
    pub ranks: Rerank,
}

/// The rank columns [`Plan::aggregate_into`] computes again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Rerank {
    /// Every column the spec ranks (`rank.columns`).
    #[default]
    AsSpecified,
    /// The aggregates the spec ranks. Indicator ranks keep their values from the first half of
    /// the run: weights, aggregations and dropped nodes cannot move them, so a live
    /// re-weighting skips most of the ranking work.
    Aggregates,
    /// Only the index (the root): for repeated runs that read nothing else, such as
    /// uncertainty replications.
    Root,
    /// No column: for a caller that reads the values alone ([`Plan::run_consuming`]). The
    /// rank columns are left as they were, so a fresh [`Results`] has none.
    Nothing,
}

/// What [`Plan::aggregate_with`] hands to its source of data-driven weights for one node.
pub(crate) struct Derive<'a> {
    /// The node whose children's weights are wanted.
    pub node: NodeId,
    /// Indicator values after treatment (the raw side of the data).
    pub treated: &'a [Vec<Option<f64>>],
    /// Normalised indicators and the aggregates computed so far.
    pub values: &'a [Vec<Option<f64>>],
    /// Units whose values move data-driven bounds.
    pub in_bounds: &'a [bool],
    /// Every node's weight; the children's are to be set.
    pub weights: &'a mut [f64],
}

/// Scratch buffers reused across runs.
#[derive(Debug, Default, Clone)]
pub struct Workspace {
    children: Vec<f64>,
    weights: Vec<f64>,
    sums: Vec<f64>,
    present: Vec<u32>,
    rank: RankScratch,
    pub(crate) in_bounds: Vec<bool>,
    ranked: Vec<bool>,
    rounded: Vec<Option<f64>>,
}

impl Plan {
    /// Compiles `spec` for `framework` and the layout of `dataset`.
    ///
    /// # Errors
    /// An indicator without a data column, a spec naming an unknown indicator, node, group
    /// column, reference unit or an aggregation level that has no aggregate, an explicit
    /// weight missing for a child.
    pub fn compile(framework: &Framework, dataset: &Dataset, spec: &BuildSpec) -> Result<Plan> {
        let n = framework.len();
        let known = |code: &str, what: &str| -> Result<NodeId> {
            framework.index_of(code).ok_or_else(|| {
                Error::spec(
                    Place::of_indicator(code),
                    format!("names {what} '{code}', which is not in the metadata"),
                )
            })
        };
        for code in spec
            .normalise
            .indicators
            .keys()
            .chain(spec.treat.indicators.keys())
        {
            known(code, "an indicator")?;
        }
        for code in spec.weights.nodes.keys().chain(spec.aggregate.nodes.keys()) {
            known(code, "a node")?;
        }
        // A level override that matches no aggregate would silently change nothing.
        let aggregate_levels: Vec<u32> = {
            let mut levels: Vec<u32> = framework.aggregates().map(|i| framework.level(i)).collect();
            levels.sort_unstable();
            levels.dedup();
            levels
        };
        for level in spec.aggregate.levels.keys() {
            if !aggregate_levels.contains(level) {
                let present = match aggregate_levels.as_slice() {
                    [] => "the framework has no aggregates".to_owned(),
                    levels => format!(
                        "its aggregates are at level {}",
                        levels
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                return Err(Error::spec(
                    Place::default(),
                    format!("aggregate.levels names level {level}, but {present}"),
                ));
            }
        }
        let mut column = vec![None; n];
        let mut denominator = vec![None; n];
        let mut normalisation = vec![Normalisation::None; n];
        let mut reference = vec![None; n];
        let mut treatment = vec![Treatment::None; n];
        for i in framework.indicators() {
            let node = framework.node(i);
            let code = node.code.as_str();
            column[i.index()] = Some(dataset.variable_index(code).ok_or_else(|| {
                Error::structure(
                    Place::file("iData").column(code).indicator(code),
                    "a data column for every indicator in iMeta",
                )
            })?);
            if spec.denominate {
                if let Some(name) = &node.denominator {
                    denominator[i.index()] =
                        Some(dataset.variable_index(name).ok_or_else(|| {
                            Error::structure(
                                Place::file("iData").column(name.as_str()).indicator(code),
                                "the denominator column named in iMeta",
                            )
                        })?);
                }
            }
            normalisation[i.index()] = spec.normalise.for_indicator(code).clone();
            if let Normalisation::DistanceToReference { unit, .. } = &normalisation[i.index()] {
                reference[i.index()] = Some(dataset.unit_index(unit).ok_or_else(|| {
                    Error::spec(
                        Place::of_indicator(code).unit(unit.as_str()),
                        "the reference unit is not a unit of the data",
                    )
                })?);
            }
            treatment[i.index()] = spec.treat.for_indicator(code).clone();
        }
        let mut aggregation = vec![Aggregation::default(); n];
        let mut weighting = vec![Weighting::Meta; n];
        for i in framework.aggregates() {
            let code = framework.node(i).code.as_str();
            aggregation[i.index()] = spec
                .aggregate
                .nodes
                .get(code)
                .or_else(|| spec.aggregate.levels.get(&framework.level(i)))
                .unwrap_or(&spec.aggregate.default)
                .clone();
            weighting[i.index()] = spec
                .weights
                .nodes
                .get(code)
                .unwrap_or(&spec.weights.default)
                .clone();
        }
        if spec.weights.pool_periods {
            for i in framework.aggregates() {
                let indicator_children = framework
                    .children(i)
                    .iter()
                    .all(|&c| framework.node(c).kind == NodeKind::Indicator);
                if weighting[i.index()].is_data_driven() && !indicator_children {
                    return Err(Error::spec(
                        Place::of_indicator(framework.node(i).code.as_str()),
                        "weights.pool_periods pools raw values, so data-driven weights of this node need indicator children",
                    ));
                }
            }
        }
        let mut weight: Vec<f64> = framework.nodes().iter().map(|n| n.weight.get()).collect();
        for i in framework.aggregates() {
            static_weights(framework, i, &weighting[i.index()], &mut weight)?;
        }
        check_shares_and_rounding(spec)?;
        for i in framework.indicators() {
            let node = framework.node(i);
            normalisation[i.index()].validate(node.code.as_str())?;
            if normalisation[i.index()] == Normalisation::IndicatorGoalposts
                && node.goalposts.is_none()
            {
                return Err(Error::spec(
                    Place::of_indicator(node.code.as_str()),
                    "indicator_goalposts needs goalpost_lower and goalpost_upper in iMeta",
                ));
            }
        }
        let ranked: Vec<bool> = dataset.units().iter().map(|u| u.is_ranked()).collect();
        let in_bounds = if spec.normalise.include_aggregate_rows {
            vec![true; ranked.len()]
        } else {
            ranked.clone()
        };
        let impute_groups = match &spec.impute {
            crate::pipeline::impute::Imputation::GroupMean { group }
            | crate::pipeline::impute::Imputation::GroupMedian { group } => {
                Some(group_numbers(dataset, group, "impute.group")?)
            }
            _ => None,
        };
        let rank_groups = match &spec.rank.within {
            Some(group) => Some(group_numbers(dataset, group, "rank.within")?),
            None => None,
        };
        Ok(Plan {
            framework: framework.clone(),
            spec: spec.clone(),
            column,
            denominator,
            normalisation,
            reference,
            treatment,
            aggregation,
            derived: weighting.iter().map(Weighting::is_data_driven).collect(),
            weighting,
            weight,
            ranked,
            in_bounds,
            impute_groups,
            rank_groups,
        })
    }

    /// The second half of a plan as a compiled document describes it (see
    /// [`crate::io::document`]): the aggregation, weights and ranking of every node, and no
    /// first-half methods, which the document has already applied.
    pub(crate) fn second_half(
        framework: &Framework,
        dataset: &Dataset,
        aggregation: Vec<Aggregation>,
        derived: Vec<bool>,
        weight: Vec<f64>,
        rank: crate::pipeline::rank::Ranking,
        min_share: f64,
    ) -> Result<Plan> {
        let n = framework.len();
        let spec = BuildSpec {
            rank,
            aggregate: crate::pipeline::spec::Aggregate {
                min_share,
                ..Default::default()
            },
            ..Default::default()
        };
        check_shares_and_rounding(&spec)?;
        let ranked: Vec<bool> = dataset.units().iter().map(|u| u.is_ranked()).collect();
        let rank_groups = match &spec.rank.within {
            Some(group) => Some(group_numbers(dataset, group, "rank.within")?),
            None => None,
        };
        Ok(Plan {
            framework: framework.clone(),
            spec,
            column: vec![None; n],
            denominator: vec![None; n],
            normalisation: vec![Normalisation::None; n],
            reference: vec![None; n],
            treatment: vec![Treatment::None; n],
            aggregation,
            weighting: vec![Weighting::Meta; n],
            derived,
            weight,
            in_bounds: ranked.clone(),
            ranked,
            impute_groups: None,
            rank_groups,
        })
    }

    /// Sets the units in bounds and ranked for a recorded year: every unit the plan ranks,
    /// less those the year's screening dropped.
    pub(crate) fn recorded_bounds(&self, dropped: &[UnitId], ws: &mut Workspace) {
        ws.in_bounds.clone_from(&self.in_bounds);
        ws.ranked.clone_from(&self.ranked);
        for &u in dropped {
            ws.in_bounds[u.index()] = false;
            ws.ranked[u.index()] = false;
        }
    }

    /// Flags the indicator cells of `treated` whose magnitude is implausible (see
    /// [`implausible`](crate::pipeline::screen::implausible)), as a run and a compiled
    /// document's replay both do, before normalising.
    pub(crate) fn flag_implausible(
        &self,
        treated: &[Vec<Option<f64>>],
        in_bounds: &[bool],
        report: &mut Report,
    ) {
        report.implausible.clear();
        for i in self.framework.indicators() {
            report
                .implausible
                .extend(implausible_cells(i, &treated[i.index()], in_bounds));
        }
    }

    /// Which nodes derive their children's weights from the data.
    pub(crate) fn derived(&self) -> &[bool] {
        &self.derived
    }

    /// The framework the plan was compiled for.
    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    /// The spec the plan was compiled from.
    pub fn spec(&self) -> &BuildSpec {
        &self.spec
    }

    /// The aggregation of node `node` (the default for indicators, which are not aggregated).
    pub fn aggregation(&self, node: NodeId) -> &Aggregation {
        &self.aggregation[node.index()]
    }

    /// The normalisation of node `node` (`None` for aggregates).
    pub fn normalisation(&self, node: NodeId) -> &Normalisation {
        &self.normalisation[node.index()]
    }

    /// Current weight of each node relative to its siblings, in framework order.
    pub fn weights(&self) -> &[f64] {
        &self.weight
    }

    /// Sets the weight of one node relative to its siblings (live re-weighting: the next run
    /// uses it without recompiling). Data-driven weights of its parent override it.
    pub fn set_weight(&mut self, node: NodeId, weight: crate::Weight) {
        self.weight[node.index()] = weight.get();
    }

    /// Runs the pipeline on one period of `dataset`.
    pub fn run(&self, dataset: &Dataset, period: PeriodId) -> Result<Results> {
        self.run_with(dataset, period, &mut Workspace::default())
    }

    /// The first half of a run alone: the indicators of `period` denominated, imputed,
    /// treated (`treated`) and normalised (`values`), with the step report. Aggregates get no
    /// values and no column gets ranks: for analyses of the indicators themselves (MCDA),
    /// which would otherwise pay for aggregating and ranking every column.
    ///
    /// # Errors
    /// As [`Plan::run_into`], for the steps up to normalisation.
    pub fn indicators(&self, dataset: &Dataset, period: PeriodId) -> Result<Results> {
        let mut results = Results::default();
        self.first_half_into(dataset, period, &mut Workspace::default(), &mut results)?;
        Ok(results)
    }

    /// Runs the pipeline reusing the scratch buffers of `ws`.
    pub fn run_with(
        &self,
        dataset: &Dataset,
        period: PeriodId,
        ws: &mut Workspace,
    ) -> Result<Results> {
        let mut results = Results::default();
        self.run_into(dataset, period, ws, &mut results)?;
        Ok(results)
    }

    /// Runs the pipeline into `out`, reusing its buffers: repeated runs (years, re-weighting,
    /// Monte Carlo replications) allocate nothing per cell.
    ///
    /// # Errors
    /// Data that a step cannot take (zero range, non-positive values in a geometric mean,
    /// a zero denominator), named by unit and indicator.
    pub fn run_into(
        &self,
        dataset: &Dataset,
        period: PeriodId,
        ws: &mut Workspace,
        out: &mut Results,
    ) -> Result<()> {
        self.first_half_into(dataset, period, ws, out)?;
        self.aggregate_into(dataset, ws, out, &Variation::default())
    }

    /// The first half of a run: denominate, screen, impute, treat and normalise the
    /// indicators of `period` into `out` (and the units in bounds and ranked into `ws`).
    pub(crate) fn first_half_into(
        &self,
        dataset: &Dataset,
        period: PeriodId,
        ws: &mut Workspace,
        out: &mut Results,
    ) -> Result<()> {
        self.first_half(dataset, &mut Columns::Shared(dataset), period, ws, out)
    }

    /// Runs the pipeline on `period` for a caller that reads the values alone and is done
    /// with the data, such as the command line's `compute` writing a large table: the same
    /// values, in about half the memory.
    ///
    /// Unlike [`Plan::run`], it takes the value columns out of `dataset` (which keeps its
    /// units and periods, and no variables), moves each indicator's column into the run
    /// instead of copying it where nothing else reads it, releases each treated column once
    /// normalised, and ranks nothing: [`Results::ranks`] is empty, and [`Results::treated`]
    /// keeps only the columns with a cell in [`Report::implausible`], or every column when
    /// weights are derived from them.
    ///
    /// # Errors
    /// As [`Plan::run_into`]; the dataset has lost its values either way.
    pub fn run_consuming(&self, dataset: &mut Dataset, period: PeriodId) -> Result<Results> {
        let (names, mut values) = dataset.take_values();
        let mut columns = Columns::Owned {
            movable: self.movable_columns(&names, dataset.periods().len()),
            names: &names,
            values: &mut values,
            n_units: dataset.n_units(),
        };
        let mut ws = Workspace::default();
        let mut out = Results::default();
        self.first_half(dataset, &mut columns, period, &mut ws, &mut out)?;
        drop(values);
        let only_values = Variation {
            ranks: Rerank::Nothing,
            ..Variation::default()
        };
        self.aggregate_into(dataset, &mut ws, &mut out, &only_values)?;
        Ok(out)
    }

    /// Which of the dataset's variables a consuming run may move into its indicator: those
    /// read once, by one indicator and no denominator, in data of a single period.
    fn movable_columns(&self, names: &[String], n_periods: usize) -> Vec<bool> {
        if n_periods != 1 {
            return vec![false; names.len()];
        }
        let mut reads = vec![0usize; names.len()];
        for var in self.column.iter().chain(&self.denominator).flatten() {
            reads[*var] += 1;
        }
        reads.iter().map(|&r| r == 1).collect()
    }

    /// [`Plan::first_half_into`] reading the indicators' values from `columns`.
    fn first_half(
        &self,
        dataset: &Dataset,
        columns: &mut Columns<'_>,
        period: PeriodId,
        ws: &mut Workspace,
        out: &mut Results,
    ) -> Result<()> {
        let fw = &self.framework;
        let n_units = dataset.n_units();
        let Some(&year) = dataset.periods().get(period.index()) else {
            return Err(Error::structure(
                Place::default().column("Time"),
                format!(
                    "a period index below {}, found {}",
                    dataset.periods().len(),
                    period.index()
                ),
            ));
        };
        if n_units != self.ranked.len() {
            return Err(Error::structure(
                Place::default(),
                format!(
                    "the dataset the plan was compiled for ({} units), found {n_units} units",
                    self.ranked.len()
                ),
            ));
        }
        out.year = year;
        out.root = fw.root();
        out.report = Report::default();
        let Results {
            values,
            ranks,
            treated,
            report,
            ..
        } = out;
        for columns in [&mut *values, &mut *ranks, &mut *treated] {
            columns.resize_with(fw.len(), Vec::new);
        }
        let place = |i: NodeId| Place::of_indicator(fw.node(i).code.as_str()).year(year);

        // Denominate.
        for i in fw.indicators() {
            let var = self.column[i.index()].unwrap_or_default();
            let col = &mut treated[i.index()];
            columns.fill(var, period, col);
            if let Some(den) = self.denominator[i.index()] {
                let den_col = columns.column(den, period);
                for (u, (x, d)) in col.iter_mut().zip(den_col).enumerate() {
                    *x = match (*x, *d) {
                        (Some(_), Some(0.0)) => {
                            return Err(Error::data(
                                place(i).unit(dataset.units()[u].code.as_str()),
                                format!("denominator '{}' is zero", columns.name(den)),
                            ))
                        }
                        (Some(x), Some(d)) => Some(x / d),
                        (Some(_), None) => {
                            report
                                .missing_denominator
                                .push(Cell::new(UnitId::new(u), i));
                            None
                        }
                        (None, _) => None,
                    };
                }
                report.denominated.push(i);
            }
        }

        let in_bounds = &mut ws.in_bounds;
        let ranked = &mut ws.ranked;
        in_bounds.clone_from(&self.in_bounds);
        ranked.clone_from(&self.ranked);
        let screen_before = self.spec.screen.as_ref().filter(|s| s.before_imputation);
        if let Some(screen) = screen_before {
            report.dropped_units = self.screen(screen, treated, n_units);
            // Dropped units must not feed imputation estimates either.
            for &u in &report.dropped_units {
                in_bounds[u.index()] = false;
            }
        }

        // Impute.
        if self.spec.impute != Imputation::None {
            for i in fw.indicators() {
                let var = self.column[i.index()].unwrap_or_default();
                let history: Vec<&[Option<f64>]> = (0..period.index())
                    .map(|p| columns.column(var, PeriodId::new(p)))
                    .collect();
                let filled = self.spec.impute.apply(
                    &mut treated[i.index()],
                    &ImputeContext {
                        in_bounds,
                        groups: self.impute_groups.as_deref(),
                        history: &history,
                    },
                );
                report
                    .imputed
                    .extend(filled.into_iter().map(|u| Cell::new(UnitId::new(u), i)));
            }
        }
        if let Some(screen) = self.spec.screen.as_ref().filter(|s| !s.before_imputation) {
            report.dropped_units = self.screen(screen, treated, n_units);
        }
        for &u in &report.dropped_units {
            in_bounds[u.index()] = false;
            ranked[u.index()] = false;
            for i in fw.indicators() {
                treated[i.index()][u.index()] = None;
            }
        }

        // Treat and normalise. A consuming run keeps no treated column that nothing reads
        // again: data-driven weights would, and so does whoever reports an implausible cell.
        let release_treated =
            matches!(columns, Columns::Owned { .. }) && !self.derived.iter().any(|&d| d);
        for i in fw.indicators() {
            let node = fw.node(i);
            let code = node.code.as_str();
            if self.treatment[i.index()] != Treatment::None {
                let outcome = self.treatment[i.index()]
                    .apply(code, &mut treated[i.index()], in_bounds)
                    .map_err(|e| e.in_year(year))?;
                if !outcome.winsorised.is_empty()
                    || outcome.log_transformed
                    || outcome.check_undetermined
                {
                    report.treated.push((i, outcome));
                }
            }
            values[i.index()].resize(n_units, None);
            self.normalisation[i.index()]
                .apply(
                    &treated[i.index()],
                    &NormaliseContext {
                        indicator: code,
                        direction: node.direction,
                        units: dataset.units(),
                        in_bounds,
                        target: node.target,
                        reference: self.reference[i.index()].map(UnitId::index),
                        goalposts: node.goalposts.as_ref(),
                    },
                    &mut values[i.index()],
                )
                .map_err(|e| e.in_year(year))?;
            ensure_finite(&values[i.index()], dataset, place(i))?;
            // On the treated values, as a compiled document's replay sees them.
            let flagged = report.implausible.len();
            report
                .implausible
                .extend(implausible_cells(i, &treated[i.index()], in_bounds));
            if release_treated && report.implausible.len() == flagged {
                treated[i.index()] = Vec::new();
            }
        }
        Ok(())
    }

    /// The second half of a run: data-driven weights, aggregation bottom-up and ranks, on the
    /// indicator values that `out` holds from the first half of [`Plan::run_into`] for the
    /// same dataset and period. `variation` replaces weights or aggregations, or drops
    /// children, without recompiling: what an uncertainty analysis changes per replication.
    ///
    /// # Errors
    /// As [`Plan::run_into`].
    pub fn aggregate_into(
        &self,
        dataset: &Dataset,
        ws: &mut Workspace,
        out: &mut Results,
        variation: &Variation<'_>,
    ) -> Result<()> {
        self.aggregate_with(dataset, ws, out, variation, |derived| {
            self.data_weights(
                dataset,
                derived.node,
                derived.treated,
                derived.values,
                derived.in_bounds,
                derived.weights,
            )
        })
    }

    /// [`Plan::aggregate_into`] with the data-driven weights of a node's children supplied by
    /// `derive`: computed from the data natively, read from a compiled document in the
    /// browser's kernel (see [`crate::io::document`]). Generic, so that a caller that never
    /// derives weights does not carry the weighting methods' code.
    pub(crate) fn aggregate_with(
        &self,
        dataset: &Dataset,
        ws: &mut Workspace,
        out: &mut Results,
        variation: &Variation<'_>,
        mut derive: impl FnMut(Derive<'_>) -> Result<()>,
    ) -> Result<()> {
        let fw = &self.framework;
        let n_units = dataset.n_units();
        let year = out.year;
        let place = |i: NodeId| Place::of_indicator(fw.node(i).code.as_str()).year(year);
        let Results {
            values,
            ranks,
            treated,
            weights: weight,
            report,
            ..
        } = out;
        let dropped = |c: NodeId| variation.dropped.is_some_and(|d| d[c.index()]);
        // Only this half reports these: a repeated call must not add to the last call's list.
        report.below_min_share.clear();
        report.no_weight.clear();

        // Weights that depend on the data, then aggregate bottom-up.
        weight.clear();
        weight.extend_from_slice(variation.weights.unwrap_or(&self.weight));
        for &node in fw.bottom_up() {
            if fw.node(node).kind != NodeKind::Aggregate {
                continue;
            }
            treated[node.index()].clear();
            if self.derived[node.index()] && variation.weights.is_none() {
                derive(Derive {
                    node,
                    treated,
                    values,
                    in_bounds: &ws.in_bounds,
                    weights: weight,
                })?;
            }
            let aggregation = variation
                .aggregation
                .map_or(&self.aggregation[node.index()], |a| &a[node.index()]);
            let children = fw.children(node);
            let mut column = std::mem::take(&mut values[node.index()]);
            column.clear();
            column.resize(n_units, None);
            match aggregation.kernel() {
                Some(kernel) => self.aggregate_columns(
                    node,
                    year,
                    kernel,
                    values,
                    weight,
                    &dropped,
                    ws,
                    report,
                    &mut column,
                    dataset,
                )?,
                None => {
                    for (u, slot) in column.iter_mut().enumerate() {
                        ws.children.clear();
                        ws.weights.clear();
                        for &c in children {
                            if let Some(x) = values[c.index()][u].filter(|_| !dropped(c)) {
                                ws.children.push(x);
                                ws.weights.push(weight[c.index()]);
                            }
                        }
                        if ws.children.is_empty() {
                            continue;
                        }
                        let share = ws.children.len() as f64 / children.len() as f64;
                        if share < self.spec.aggregate.min_share {
                            report.below_min_share.push(Cell::new(UnitId::new(u), node));
                            continue;
                        }
                        *slot = match aggregation.combine(&ws.children, &ws.weights) {
                            Ok(v) => Some(v),
                            Err(AggregateIssue::NoWeight) => {
                                report.no_weight.push(Cell::new(UnitId::new(u), node));
                                None
                            }
                            Err(AggregateIssue::Domain {
                                child,
                                value,
                                needs,
                            }) => {
                                let child_node = children
                                    .iter()
                                    .copied()
                                    .filter(|&c| values[c.index()][u].is_some() && !dropped(c))
                                    .nth(child)
                                    .unwrap_or(node);
                                return Err(Error::new(
                                    ErrorKind::OutOfDomain {
                                        node: fw.node(child_node).code.to_string(),
                                        value,
                                        expected: format!(
                                            "{needs} to aggregate into '{}'",
                                            fw.node(node).code
                                        ),
                                    },
                                    place(child_node).unit(dataset.units()[u].code.as_str()),
                                ));
                            }
                        };
                    }
                }
            }
            ensure_finite(&column, dataset, place(node))?;
            values[node.index()] = column;
        }
        for w in fw.aggregates() {
            normalise_siblings(fw.children(w), weight);
        }

        // Rank.
        if variation.ranks == Rerank::Nothing {
            return Ok(());
        }
        ranks.resize_with(fw.len(), Vec::new);
        for (node, (col, rank)) in fw.ids().zip(values.iter().zip(ranks.iter_mut())) {
            rank.resize(n_units, None);
            let skipped = match variation.ranks {
                Rerank::AsSpecified => false,
                Rerank::Aggregates => fw.node(node).kind != NodeKind::Aggregate,
                Rerank::Root => node != fw.root(),
                Rerank::Nothing => true,
            };
            if skipped {
                continue;
            }
            let wanted = match self.spec.rank.columns {
                _ if node == fw.root() => true,
                RankedColumns::All => true,
                RankedColumns::Aggregates => fw.node(node).kind == NodeKind::Aggregate,
                RankedColumns::Index => false,
            };
            if !wanted {
                rank.fill(None);
                continue;
            }
            self.rank_column(col, &ws.ranked, &mut ws.rank, &mut ws.rounded, rank);
        }
        Ok(())
    }

    /// Aggregates `node` column by column for a quasi-arithmetic mean: one pass per child over
    /// contiguous values, accumulating `Σ w g(x)` and `Σ w` per unit. Weights are divided by
    /// the largest sibling weight first, as [`Aggregation::combine`] does, so that weights near
    /// `f64::MAX` cannot overflow the sums.
    #[allow(clippy::too_many_arguments)]
    fn aggregate_columns(
        &self,
        node: NodeId,
        year: Option<i32>,
        kernel: Kernel,
        values: &[Vec<Option<f64>>],
        weight: &[f64],
        dropped: &dyn Fn(NodeId) -> bool,
        ws: &mut Workspace,
        report: &mut Report,
        column: &mut [Option<f64>],
        dataset: &Dataset,
    ) -> Result<()> {
        let fw = &self.framework;
        let children = fw.children(node);
        let n_units = column.len();
        for buffer in [&mut ws.sums, &mut ws.weights] {
            buffer.clear();
            buffer.resize(n_units, 0.0);
        }
        ws.present.clear();
        ws.present.resize(n_units, 0);
        let largest = children
            .iter()
            .filter(|&&c| !dropped(c))
            .fold(0.0f64, |m, &c| m.max(weight[c.index()]));
        for &c in children.iter().filter(|&&c| !dropped(c)) {
            let w = if largest > 0.0 {
                weight[c.index()] / largest
            } else {
                0.0
            };
            for (u, x) in values[c.index()].iter().enumerate() {
                let Some(x) = *x else { continue };
                let g = kernel.forward(x).map_err(|needs| {
                    Error::new(
                        ErrorKind::OutOfDomain {
                            node: fw.node(c).code.to_string(),
                            value: x,
                            expected: format!("{needs} to aggregate into '{}'", fw.node(node).code),
                        },
                        Place::of_indicator(fw.node(c).code.as_str())
                            .unit(dataset.units()[u].code.as_str())
                            .year(year),
                    )
                })?;
                ws.sums[u] += w * g;
                ws.weights[u] += w;
                ws.present[u] += 1;
            }
        }
        for (u, slot) in column.iter_mut().enumerate() {
            let present = ws.present[u];
            if present == 0 {
                continue;
            }
            if (present as f64 / children.len() as f64) < self.spec.aggregate.min_share {
                report.below_min_share.push(Cell::new(UnitId::new(u), node));
            } else if ws.weights[u] <= 0.0 {
                report.no_weight.push(Cell::new(UnitId::new(u), node));
            } else {
                *slot = Some(kernel.inverse(ws.sums[u] / ws.weights[u]));
            }
        }
        Ok(())
    }

    fn screen(
        &self,
        screen: &crate::pipeline::screen::Screening,
        columns: &[Vec<Option<f64>>],
        n_units: usize,
    ) -> Vec<UnitId> {
        let fw = &self.framework;
        let present: Vec<usize> = (0..n_units)
            .map(|u| {
                fw.indicators()
                    .filter(|&i| columns[i.index()][u].is_some())
                    .count()
            })
            .collect();
        screen
            .dropped(&present, fw.indicators().count())
            .into_iter()
            .map(UnitId::new)
            .collect()
    }

    fn rank_column(
        &self,
        col: &[Option<f64>],
        ranked: &[bool],
        scratch: &mut RankScratch,
        rounded: &mut Vec<Option<f64>>,
        out: &mut [Option<f64>],
    ) {
        let ties = self.spec.rank.ties;
        let source: &[Option<f64>] = match self.spec.rank.round {
            Some(decimals) => {
                rounded.clear();
                rounded.extend(
                    col.iter()
                        .map(|x| x.map(|x| round_as_published(x, decimals))),
                );
                rounded
            }
            None => col,
        };
        match &self.rank_groups {
            None => rank_with(source, |u| ranked[u], ties, scratch, out),
            Some(groups) => {
                let n_groups = groups.iter().flatten().max().map_or(0, |g| g + 1);
                let mut group_out = vec![None; col.len()];
                out.fill(None);
                for g in 0..n_groups {
                    rank_with(
                        source,
                        |u| ranked[u] && groups[u] == Some(g),
                        ties,
                        scratch,
                        &mut group_out,
                    );
                    for (o, r) in out.iter_mut().zip(&group_out) {
                        if r.is_some() {
                            *o = *r;
                        }
                    }
                }
            }
        }
    }

    /// Computes data-driven weights for the children of `node` on complete cases.
    pub(crate) fn data_weights(
        &self,
        dataset: &Dataset,
        node: NodeId,
        treated: &[Vec<Option<f64>>],
        values: &[Vec<Option<f64>>],
        in_bounds: &[bool],
        weight: &mut [f64],
    ) -> Result<()> {
        let children = self.framework.children(node);
        let columns: Vec<Vec<f64>> = if self.spec.weights.pool_periods {
            self.pooled_columns(dataset, children)
        } else {
            // Raw (treated) values for indicators, aggregated values for aggregates.
            let source = |c: NodeId| -> &Vec<Option<f64>> {
                if self.framework.node(c).kind == NodeKind::Indicator {
                    &treated[c.index()]
                } else {
                    &values[c.index()]
                }
            };
            let complete: Vec<usize> = (0..in_bounds.len())
                .filter(|&u| in_bounds[u] && children.iter().all(|&c| source(c)[u].is_some()))
                .collect();
            children
                .iter()
                .map(|&c| complete.iter().filter_map(|&u| source(c)[u]).collect())
                .collect()
        };
        let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        let directions: Vec<_> = children
            .iter()
            .map(|&c| self.framework.node(c).direction)
            .collect();
        let w = self.weighting[node.index()].from_data(
            self.framework.node(node).code.as_str(),
            &slices,
            &directions,
        )?;
        for (&c, w) in children.iter().zip(w) {
            weight[c.index()] = w;
        }
        Ok(())
    }
}

impl Plan {
    /// Rows (unit, period) of the indicator `children` where every child is present, over all
    /// periods, from the values as given (denominated when the spec says so).
    fn pooled_columns(&self, dataset: &Dataset, children: &[NodeId]) -> Vec<Vec<f64>> {
        let value = |c: NodeId, p: PeriodId, u: usize| -> Option<f64> {
            let x = dataset.column(self.column[c.index()]?, p)[u]?;
            match self.denominator[c.index()] {
                None => Some(x),
                Some(d) => dataset.column(d, p)[u].filter(|&d| d != 0.0).map(|d| x / d),
            }
        };
        let mut columns = vec![Vec::new(); children.len()];
        for p in dataset.period_ids() {
            for u in (0..dataset.n_units()).filter(|&u| self.in_bounds[u]) {
                let row: Option<Vec<f64>> = children.iter().map(|&c| value(c, p, u)).collect();
                if let Some(row) = row {
                    for (column, x) in columns.iter_mut().zip(row) {
                        column.push(x);
                    }
                }
            }
        }
        columns
    }
}

/// Checks the spec's shares (between 0 and 1) and rounding (at most
/// [`MAX_ROUND_DECIMALS`]).
fn check_shares_and_rounding(spec: &BuildSpec) -> Result<()> {
    for (field, share) in [
        ("aggregate.min_share", Some(spec.aggregate.min_share)),
        (
            "screen.min_share",
            spec.screen.as_ref().map(|s| s.min_share),
        ),
    ] {
        if share.is_some_and(|s| !(0.0..=1.0).contains(&s)) {
            return Err(Error::spec(
                Place::default().column(field),
                "a share between 0 and 1",
            ));
        }
    }
    if spec.rank.round.is_some_and(|d| d > MAX_ROUND_DECIMALS) {
        return Err(Error::spec(
            Place::default().column("rank.round"),
            format!(
                "at most {MAX_ROUND_DECIMALS} decimals (an f64 holds about 15 significant digits)"
            ),
        ));
    }
    Ok(())
}

/// The cells of indicator `i` whose treated magnitude is implausible (see
/// [`implausible`](crate::pipeline::screen::implausible)).
fn implausible_cells(
    i: NodeId,
    treated: &[Option<f64>],
    in_bounds: &[bool],
) -> impl Iterator<Item = Cell> + use<> {
    crate::pipeline::screen::implausible(treated, in_bounds)
        .into_iter()
        .map(move |u| Cell::new(UnitId::new(u), i))
}

/// The value columns the first half of a run reads: the dataset's own, or the columns a
/// consuming run ([`Plan::run_consuming`]) has taken out of it, which it moves into an
/// indicator instead of copying where `movable` says nothing else reads them.
enum Columns<'a> {
    Shared(&'a Dataset),
    Owned {
        names: &'a [String],
        values: &'a mut [Vec<Option<f64>>],
        movable: Vec<bool>,
        n_units: usize,
    },
}

impl Columns<'_> {
    /// The values of `var` in `period`, one per unit.
    fn column(&self, var: usize, period: PeriodId) -> &[Option<f64>] {
        match self {
            Columns::Shared(dataset) => dataset.column(var, period),
            Columns::Owned {
                values, n_units, ..
            } => {
                let (n, p) = (*n_units, period.index());
                &values[var][p * n..(p + 1) * n]
            }
        }
    }

    /// The name of `var`.
    fn name(&self, var: usize) -> &str {
        match self {
            Columns::Shared(dataset) => &dataset.variables()[var],
            Columns::Owned { names, .. } => &names[var],
        }
    }

    /// Sets `into` to the values of `var` in `period`: moved when this run owns them and
    /// nothing else reads them, copied otherwise.
    fn fill(&mut self, var: usize, period: PeriodId, into: &mut Vec<Option<f64>>) {
        if let Columns::Owned {
            values, movable, ..
        } = self
        {
            if movable[var] {
                *into = std::mem::take(&mut values[var]);
                return;
            }
        }
        into.clear();
        into.extend_from_slice(self.column(var, period));
    }
}

/// Fails, naming the unit, when a result left the range of f64 (finite input can overflow:
/// a reference row far outside the bounds, values near `f64::MAX`). No result is ever NaN or
/// infinite.
fn ensure_finite(column: &[Option<f64>], dataset: &Dataset, place: Place) -> Result<()> {
    match column
        .iter()
        .position(|v| v.is_some_and(|x| !x.is_finite()))
    {
        None => Ok(()),
        Some(u) => Err(Error::new(
            ErrorKind::Overflow {
                node: place.indicator.clone().unwrap_or_default(),
            },
            place.unit(dataset.units()[u].code.as_str()),
        )),
    }
}

/// Sets the static weights of `node`'s children from its weighting method.
fn static_weights(
    framework: &Framework,
    node: NodeId,
    weighting: &Weighting,
    weight: &mut [f64],
) -> Result<()> {
    let children = framework.children(node);
    match weighting {
        Weighting::Meta => {}
        Weighting::Equal => children.iter().for_each(|&c| weight[c.index()] = 1.0),
        Weighting::Explicit { weights } => {
            for &c in children {
                let code = framework.node(c).code.as_str();
                let w = weights.get(code).ok_or_else(|| {
                    Error::spec(
                        Place::of_indicator(framework.node(node).code.as_str()),
                        format!("explicit weights must name every child; '{code}' is missing"),
                    )
                })?;
                weight[c.index()] = crate::Weight::new(*w)
                    .map_err(|_| {
                        Error::spec(
                            Place::of_indicator(code),
                            format!("weight must be finite and ≥ 0, found {}", Shown(*w)),
                        )
                    })?
                    .get();
            }
            if let Some(unknown) = weights.keys().find(|k| {
                !children
                    .iter()
                    .any(|&c| framework.node(c).code.as_str() == k.as_str())
            }) {
                return Err(Error::spec(
                    Place::of_indicator(framework.node(node).code.as_str()),
                    format!("explicit weight for '{unknown}', which is not a child of this node"),
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

/// Rescales the weights of siblings to sum to 1 (all-zero stays zero).
fn normalise_siblings(children: &[NodeId], weight: &mut [f64]) {
    let total: f64 = children.iter().map(|&c| weight[c.index()]).sum();
    if total > 0.0 {
        children.iter().for_each(|&c| weight[c.index()] /= total);
    }
}

/// Numbers the labels of a group column (first appearance order); `None` for units without
/// a label.
fn group_numbers(dataset: &Dataset, group: &str, field: &str) -> Result<Vec<Option<usize>>> {
    let labels = dataset.group_labels(group).ok_or_else(|| {
        Error::spec(
            Place::default().column(group),
            format!("{field} names a group column that iData does not have"),
        )
    })?;
    let mut seen: Vec<&str> = Vec::new();
    Ok(labels
        .into_iter()
        .map(|label| {
            label.map(|l| match seen.iter().position(|s| *s == l) {
                Some(g) => g,
                None => {
                    seen.push(l);
                    seen.len() - 1
                }
            })
        })
        .collect())
}
