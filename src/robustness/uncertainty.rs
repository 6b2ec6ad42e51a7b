//! Uncertainty and sensitivity analysis of the ranks: rebuild the index many times with the
//! uncertain choices of the build varied, and report how stable each unit's rank is.
//!
//! Every uncertain choice is one *factor* with a coordinate `x ∈ [0, 1)`: a discrete choice
//! takes alternative `⌊x · n⌋` (as COINr's `get_sensitivity` maps its samples onto
//! alternatives), the weights take one of `weight_sets` noisy weight vectors drawn once from
//! the seed. A replication is a point of `[0, 1)^d`: random points for the uncertainty
//! analysis, Saltelli's design for the sensitivity analysis.
//!
//! What does not change between replications is computed once: each distinct combination of
//! imputation, treatment and normalisation is compiled and run up to the normalised
//! indicators the first time it is drawn ([`Plan::run_into`]), and every replication only
//! re-aggregates and re-ranks ([`Plan::aggregate_into`]) with its weights, aggregation and
//! dropped node. Statistics are streamed into per-unit rank histograms, so memory does not
//! grow with the number of replications.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};
use crate::model::dataset::Dataset;
use crate::model::framework::Framework;
use crate::model::ids::{NodeId, PeriodId};
use crate::model::indicator::NodeKind;
use crate::pipeline::aggregate::Aggregation;
use crate::pipeline::impute::Imputation;
use crate::pipeline::normalise::Normalisation;
use crate::pipeline::plan::{Plan, Rerank, Variation, Workspace};
use crate::pipeline::results::Results;
use crate::pipeline::spec::BuildSpec;
use crate::pipeline::treat::Treatment;
use crate::rng::Rng;
use crate::robustness::sensitivity::{sobol_indices, Design, SobolDesign, SobolIndices};

/// The uncertain choices of a build, as a serde document.
///
/// ```json
/// {
///   "build": {"treat": {"default": {"method": "winsorise"}}},
///   "treat": [{"method": "winsorise", "max_points": 1}, {"method": "winsorise", "max_points": 5}],
///   "normalise": [{"method": "min_max", "low": 1, "high": 100},
///                 {"method": "z_score", "mean": 10, "sd": 2}],
///   "weights": {"noise": {"uniform": 0.25}, "levels": [2, 3]},
///   "aggregate": [{"method": "amean"}, {"method": "gmean"}]
/// }
/// ```
/// An empty list or a missing field leaves that choice at the nominal build.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(title = "Yardstick uncertainty spec")]
pub struct UncertaintySpec {
    /// The nominal build.
    pub build: BuildSpec,
    /// Alternative imputations.
    pub impute: Vec<Imputation>,
    /// Alternative outlier treatments (replacing the default treatment).
    pub treat: Vec<Treatment>,
    /// Alternative normalisations (replacing the default normalisation).
    pub normalise: Vec<Normalisation>,
    /// Noise on the weights.
    pub weights: Option<WeightNoise>,
    /// Alternative aggregations, each applied to every aggregate.
    pub aggregate: Vec<Aggregation>,
    /// Drop one indicator or one pillar at a time (or none).
    pub drop: DropMode,
    /// How many noisy weight vectors to draw (COINr's `Nrep` for `get_noisy_weights`).
    pub weight_sets: Option<usize>,
}

/// The JSON Schema of [`UncertaintySpec`], as pretty JSON with a final newline: the contents
/// of `www/schema/uncertainty-spec.schema.json`.
pub fn json_schema() -> String {
    crate::pipeline::spec::schema_text::<UncertaintySpec>()
}

impl UncertaintySpec {
    /// Parses a spec from JSON; errors name the JSON line and column.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::pipeline::spec::parse_json(text)
    }
}

/// Noise on the weights of the nodes at some levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeightNoise {
    /// The distribution.
    pub noise: Noise,
    /// Levels whose nodes get noisy weights (COINr's `noise_specs$Level`), e.g. `[2, 3]` for
    /// pillars and sub-indices. Empty: every level.
    #[serde(default)]
    pub levels: Vec<u32>,
}

/// A distribution of weights around the nominal ones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Noise {
    /// `w' = w · (1 + f · U(−1, 1))`, independently per weight (COINr `get_noisy_weights`).
    Uniform(f64),
    /// The siblings' weights drawn from a Dirichlet distribution with mean equal to the
    /// nominal shares and concentration `α` (larger is tighter): `w' ~ Dir(α · w / Σw)`.
    Dirichlet(f64),
}

/// Which nodes may be dropped, one per replication.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DropMode {
    /// Nothing is dropped.
    #[default]
    None,
    /// One indicator, or none, per replication.
    Indicators,
    /// One aggregate directly below the root's children level (a pillar), or none.
    Pillars,
}

/// One uncertain factor of the analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    /// Name (`impute`, `treat`, `normalise`, `weights`, `aggregate`, `drop`).
    pub name: String,
    /// Number of discrete choices.
    pub choices: usize,
}

/// Rank statistics of one unit over the replications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitStability {
    /// Unit code.
    pub code: String,
    /// Rank in the nominal build.
    pub nominal: Option<f64>,
    /// Median rank (R's quantile type 7).
    pub median: Option<f64>,
    /// 5th percentile of the rank.
    pub p05: Option<f64>,
    /// 95th percentile of the rank.
    pub p95: Option<f64>,
    /// Mean index score.
    pub mean_score: Option<f64>,
    /// Standard deviation of the index score (n − 1).
    pub sd_score: Option<f64>,
    /// Share of replications with a rank ≤ `top`.
    pub top_probability: Option<f64>,
    /// Mean of |rank − nominal rank|.
    pub mean_abs_shift: Option<f64>,
    /// Replications in which the unit had a rank.
    pub n: u64,
}

/// The result of an uncertainty analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Uncertainty {
    /// Replications run.
    pub runs: usize,
    /// Replications that failed (e.g. a geometric mean over a z-score ≤ 0); their ranks are
    /// not in the statistics, as COINr leaves them NA.
    pub failed: usize,
    /// The first failure's message, when any.
    pub first_failure: Option<String>,
    /// Seed of the generator.
    pub seed: u64,
    /// `k` of the top-k probability.
    pub top: usize,
    /// The factors varied.
    pub factors: Vec<Factor>,
    /// One entry per unit, dataset order (reference rows have no ranks).
    pub units: Vec<UnitStability>,
    /// `shift_counts[s]`: rank changes of size `s` (|rank − nominal|, rounded down) over
    /// every unit and replication.
    pub shift_counts: Vec<u64>,
}

/// The result of a sensitivity analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The factors, in the order of the indices.
    pub factors: Vec<Factor>,
    /// Model runs: `N · (d + 2)`.
    pub runs: usize,
    /// Runs that failed; their output is the nominal value, so they count as "no change".
    pub failed: usize,
    /// Sobol' indices of the mean absolute rank shift over the units (COINr's target).
    pub indices: SobolIndices,
}

/// The uncertainty engine: the inputs, the compiled alternatives and the scratch space.
pub struct Engine<'a> {
    framework: &'a Framework,
    dataset: &'a Dataset,
    period: PeriodId,
    spec: UncertaintySpec,
    factors: Vec<Factor>,
    weight_sets: Vec<Vec<f64>>,
    aggregations: Vec<Vec<Aggregation>>,
    droppable: Vec<NodeId>,
    stages: Vec<OnceLock<Result<Stage>>>,
    scratch: Scratch,
    nominal: Results,
    threads: usize,
}

/// One data variant, one per (impute, treat, normalise) combination: its plan and its run,
/// whose first half (the normalised indicators) every replication of the variant starts from.
/// Built once, by the first thread that draws it, and read by all.
struct Stage {
    plan: Plan,
    results: Results,
    ws: Workspace,
}

/// What a replication writes: one per thread.
struct Scratch {
    /// This thread's copy of each stage's run and workspace, which a replication's second
    /// half overwrites, made when the thread first draws the stage.
    runs: Vec<Option<(Results, Workspace)>>,
    dropped: Vec<bool>,
}

/// What a replication reads: shared by every thread.
struct Context<'e> {
    framework: &'e Framework,
    dataset: &'e Dataset,
    period: PeriodId,
    spec: &'e UncertaintySpec,
    factors: &'e [Factor],
    weight_sets: &'e [Vec<f64>],
    aggregations: &'e [Vec<Aggregation>],
    droppable: &'e [NodeId],
    stages: &'e [OnceLock<Result<Stage>>],
}

/// Replications computed between two passes of the statistics: their root ranks and scores
/// wait in memory for the ordered pass, so the buffer is bounded whatever the number of runs.
const BATCH: usize = 512;

/// Replications a thread takes at a time.
const CHUNK: usize = 16;

/// Fewer replications than this per thread would cost more in starting threads and copying
/// their stages' runs than they save.
const MIN_RUNS_PER_THREAD: usize = 16;

/// A replication's success, or its failure's message.
type Outcome = std::result::Result<(), String>;

/// Every core natively; one thread in WebAssembly, which has none to spare.
fn default_threads() -> usize {
    if cfg!(target_arch = "wasm32") {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// Replications to run and where their root ranks and scores go (`n` per replication).
struct Batch<'b> {
    points: &'b [f64],
    root: NodeId,
    ranks: &'b mut [Option<f64>],
    scores: &'b mut [Option<f64>],
    outcomes: &'b mut [Outcome],
}

/// Runs a batch of replications: on the calling thread with `first`, or, with `others`, on
/// `1 + others.len()` scoped threads, each with its own scratch, taking blocks of consecutive
/// replications in turn. Each replication's output lands in its own place, whatever thread
/// ran it.
fn run_batch(context: &Context<'_>, batch: Batch<'_>, first: &mut Scratch, others: &mut [Scratch]) {
    let Batch {
        points,
        root,
        ranks,
        scores,
        outcomes,
    } = batch;
    let len = outcomes.len();
    let d = points.len() / len.max(1);
    let n = ranks.len() / len.max(1);
    let run_block = |scratch: &mut Scratch,
                     start: usize,
                     ranks: &mut [Option<f64>],
                     scores: &mut [Option<f64>],
                     outcomes: &mut [Outcome]| {
        for (k, outcome) in outcomes.iter_mut().enumerate() {
            let x = &points[(start + k) * d..(start + k + 1) * d];
            *outcome = match context.replicate(scratch, x) {
                Ok(results) => {
                    ranks[k * n..(k + 1) * n].copy_from_slice(results.ranks(root));
                    scores[k * n..(k + 1) * n].copy_from_slice(results.values(root));
                    Ok(())
                }
                Err(e) => Err(e.to_string()),
            };
        }
    };
    if others.is_empty() || n == 0 || len < 2 {
        run_block(first, 0, ranks, scores, outcomes);
        return;
    }
    // Threads take small blocks of replications as they go, not one share each: a thread
    // slowed by another process must not hold the batch back.
    let blocks = std::sync::Mutex::new(
        ranks
            .chunks_mut(CHUNK * n)
            .zip(scores.chunks_mut(CHUNK * n))
            .zip(outcomes.chunks_mut(CHUNK))
            .enumerate(),
    );
    let run_block = &run_block;
    let blocks = &blocks;
    std::thread::scope(|scope| {
        for scratch in std::iter::once(first).chain(others.iter_mut()) {
            scope.spawn(move || loop {
                // A poisoned lock means another thread panicked: the scope passes that on.
                let next = match blocks.lock() {
                    Ok(mut blocks) => blocks.next(),
                    Err(_) => None,
                };
                let Some((i, ((ranks, scores), outcomes))) = next else {
                    break;
                };
                run_block(scratch, i * CHUNK, ranks, scores, outcomes);
            });
        }
    });
}

impl<'a> Engine<'a> {
    /// Compiles the nominal build and draws the noisy weight sets from `seed`.
    ///
    /// # Errors
    /// Any error of compiling or running the nominal build; weight noise outside its range.
    pub fn new(
        framework: &'a Framework,
        dataset: &'a Dataset,
        period: PeriodId,
        spec: UncertaintySpec,
        seed: u64,
    ) -> Result<Self> {
        let nominal_plan = Plan::compile(framework, dataset, &spec.build)?;
        let nominal = nominal_plan.run(dataset, period)?;
        let mut factors = Vec::new();
        let mut add = |name: &str, choices: usize| {
            if choices > 1 {
                factors.push(Factor {
                    name: name.into(),
                    choices,
                });
            }
        };
        add("impute", spec.impute.len());
        add("treat", spec.treat.len());
        add("normalise", spec.normalise.len());
        let n_sets = match &spec.weights {
            Some(_) => spec.weight_sets.unwrap_or(100).max(1),
            None => 0,
        };
        add("weights", n_sets);
        add("aggregate", spec.aggregate.len());
        let droppable: Vec<NodeId> = match spec.drop {
            DropMode::None => Vec::new(),
            DropMode::Indicators => framework.indicators().collect(),
            DropMode::Pillars => {
                let root_children = framework.children(framework.root());
                let top = root_children
                    .iter()
                    .all(|&c| framework.node(c).kind == NodeKind::Aggregate);
                let mut pillars: Vec<NodeId> = framework
                    .aggregates()
                    .filter(|&n| {
                        framework.parent(n).is_some_and(|p| {
                            if top {
                                root_children.contains(&p)
                            } else {
                                p == framework.root()
                            }
                        })
                    })
                    .collect();
                if pillars.is_empty() {
                    pillars = root_children.to_vec();
                }
                pillars
            }
        };
        add(
            "drop",
            if droppable.is_empty() {
                0
            } else {
                droppable.len() + 1
            },
        );

        let mut rng = Rng::seed_from_u64(seed);
        let nominal_weights = nominal.weights.clone();
        let weight_sets = match &spec.weights {
            None => Vec::new(),
            Some(noise) => (0..n_sets)
                .map(|_| noisy_weights(framework, &nominal_weights, noise, &mut rng))
                .collect::<Result<_>>()?,
        };
        let aggregations = spec
            .aggregate
            .iter()
            .map(|a| {
                (0..framework.len())
                    .map(|_| a.clone())
                    .collect::<Vec<Aggregation>>()
            })
            .collect();
        let combos =
            spec.impute.len().max(1) * spec.treat.len().max(1) * spec.normalise.len().max(1);
        Ok(Engine {
            framework,
            dataset,
            period,
            factors,
            stages: (0..combos).map(|_| OnceLock::new()).collect(),
            scratch: Scratch {
                runs: (0..combos).map(|_| None).collect(),
                dropped: vec![false; framework.len()],
            },
            weight_sets,
            aggregations,
            droppable,
            nominal,
            spec,
            threads: default_threads(),
        })
    }

    /// The factors varied, in the order of a point's coordinates.
    pub fn factors(&self) -> &[Factor] {
        &self.factors
    }

    /// The nominal build's results.
    pub fn nominal(&self) -> &Results {
        &self.nominal
    }

    /// Sets how many threads [`Engine::uncertainty`] may use (at least one; by default every
    /// core natively, one in WebAssembly). The results do not depend on it.
    pub fn set_threads(&mut self, threads: usize) {
        self.threads = if cfg!(target_arch = "wasm32") {
            1
        } else {
            threads.max(1)
        };
    }

    /// Runs the replication at point `x` (one coordinate in [0, 1) per factor) and returns its
    /// results (valid until the next call).
    ///
    /// # Errors
    /// The build failing for this combination of choices.
    pub fn replicate(&mut self, x: &[f64]) -> Result<&Results> {
        let (context, scratch) = self.split();
        context.replicate(scratch, x)
    }

    /// The engine as what replications read and what they write, borrowed apart.
    fn split(&mut self) -> (Context<'_>, &mut Scratch) {
        let Engine {
            framework,
            dataset,
            period,
            spec,
            factors,
            weight_sets,
            aggregations,
            droppable,
            stages,
            scratch,
            ..
        } = self;
        let context = Context {
            framework,
            dataset,
            period: *period,
            spec,
            factors,
            weight_sets,
            aggregations,
            droppable,
            stages,
        };
        (context, scratch)
    }

    /// Uncertainty analysis: `runs` replications at random points.
    ///
    /// # Formula
    /// Per unit, over the successful replications: median, 5th and 95th percentiles of the
    /// rank (R's quantile type 7, exact from the rank histogram), mean and sample sd of the
    /// index score, `P(rank ≤ top)`, mean `|rank − nominal rank|`. Source: Saisana, Saltelli &
    /// Tarantola (2005), "Uncertainty and sensitivity analysis techniques as tools for the
    /// quality assessment of composite indicators", *J. R. Stat. Soc. A* 168(2); COINr
    /// `get_sensitivity(SA_type = "UA")`.
    ///
    /// # Errors
    /// `runs` = 0.
    pub fn uncertainty(&mut self, runs: usize, seed: u64, top: usize) -> Result<Uncertainty> {
        if runs == 0 {
            return Err(Error::spec(
                Place::default().column("runs"),
                "at least one replication",
            ));
        }
        let root = self.framework.root();
        let n_units = self.dataset.n_units();
        // Ranks are multiples of 0.5 (average ties), so twice the rank indexes the histogram.
        let bins = 2 * n_units + 2;
        let mut histogram = vec![0u64; n_units * bins];
        let mut counts = vec![0u64; n_units];
        let mut sum = vec![0.0; n_units];
        let mut sum_sq = vec![0.0; n_units];
        let mut top_hits = vec![0u64; n_units];
        let mut shift_sum = vec![0.0; n_units];
        let mut shift_counts = vec![0u64; n_units + 1];
        let nominal_ranks = self.nominal.ranks(root).to_vec();
        let nominal_values = self.nominal.values(root).to_vec();
        let mut rng = Rng::seed_from_u64(seed);
        let d = self.factors.len();
        let threads = self
            .threads
            .clamp(1, runs.div_ceil(MIN_RUNS_PER_THREAD).max(1));
        let (context, scratch) = self.split();
        if threads > 1 {
            context.build_stages(threads);
        }
        let mut others: Vec<Scratch> = (1..threads)
            .map(|_| Scratch {
                runs: (0..scratch.runs.len()).map(|_| None).collect(),
                dropped: scratch.dropped.clone(),
            })
            .collect();
        let batch = BATCH.min(runs);
        let mut points = vec![0.0; batch * d];
        let mut ranks = vec![None; batch * n_units];
        let mut scores = vec![None; batch * n_units];
        let mut outcomes: Vec<Outcome> = vec![Ok(()); batch];
        let (mut failed, mut first_failure) = (0, None);
        let mut done = 0;
        while done < runs {
            let len = batch.min(runs - done);
            // The points come from one stream in replication order, so a replication's
            // choices do not depend on which thread runs it.
            points[..len * d]
                .iter_mut()
                .for_each(|xi| *xi = rng.next_f64());
            run_batch(
                &context,
                Batch {
                    points: &points[..len * d],
                    root,
                    ranks: &mut ranks[..len * n_units],
                    scores: &mut scores[..len * n_units],
                    outcomes: &mut outcomes[..len],
                },
                scratch,
                &mut others,
            );
            // The statistics are summed in replication order: the same bits on any number of
            // threads.
            for (r, outcome) in outcomes[..len].iter().enumerate() {
                if let Err(e) = outcome {
                    failed += 1;
                    first_failure.get_or_insert_with(|| e.clone());
                    continue;
                }
                for u in 0..n_units {
                    let i = r * n_units + u;
                    let (Some(rank), Some(score)) = (ranks[i], scores[i]) else {
                        continue;
                    };
                    counts[u] += 1;
                    histogram[u * bins + (2.0 * rank) as usize] += 1;
                    // Welford-free sums are fine here: scores are bounded and runs ≤ millions;
                    // the shift keeps them well conditioned.
                    let centred = score - nominal_values[u].unwrap_or(0.0);
                    sum[u] += centred;
                    sum_sq[u] += centred * centred;
                    if rank <= top as f64 {
                        top_hits[u] += 1;
                    }
                    if let Some(nominal) = nominal_ranks[u] {
                        let shift = (rank - nominal).abs();
                        shift_sum[u] += shift;
                        shift_counts[(shift as usize).min(n_units)] += 1;
                    }
                }
            }
            done += len;
        }
        let units = (0..n_units)
            .map(|u| {
                let n = counts[u];
                let hist = &histogram[u * bins..(u + 1) * bins];
                let quantile = |p: f64| (n > 0).then(|| histogram_quantile(hist, n, p) / 2.0);
                let nf = n as f64;
                let offset = nominal_values[u].unwrap_or(0.0);
                UnitStability {
                    code: self.dataset.units()[u].code.to_string(),
                    nominal: nominal_ranks[u],
                    median: quantile(0.5),
                    p05: quantile(0.05),
                    p95: quantile(0.95),
                    mean_score: (n > 0).then(|| offset + sum[u] / nf),
                    sd_score: (n > 1).then(|| {
                        ((sum_sq[u] - sum[u] * sum[u] / nf) / (nf - 1.0))
                            .max(0.0)
                            .sqrt()
                    }),
                    top_probability: (n > 0).then(|| top_hits[u] as f64 / nf),
                    mean_abs_shift: (n > 0 && nominal_ranks[u].is_some())
                        .then(|| shift_sum[u] / nf),
                    n,
                }
            })
            .collect();
        while shift_counts.len() > 1 && shift_counts.last() == Some(&0) {
            shift_counts.pop();
        }
        Ok(Uncertainty {
            runs,
            failed,
            first_failure,
            seed,
            top,
            factors: self.factors.clone(),
            units,
            shift_counts,
        })
    }

    /// Sensitivity analysis: Sobol' first-order and total indices of the mean absolute rank
    /// shift over the units (COINr's `get_sensitivity(SA_type = "SA")` target), with bootstrap
    /// confidence intervals, from Saltelli's design of `n · (d + 2)` runs.
    ///
    /// # Errors
    /// No factor to vary; `n` < 2.
    pub fn sensitivity(&mut self, n: usize, seed: u64, n_boot: usize) -> Result<Sensitivity> {
        let design = SobolDesign::new(n, self.factors.len(), seed)?;
        let root = self.framework.root();
        let nominal_ranks = self.nominal.ranks(root).to_vec();
        let mut outputs = Vec::with_capacity(design.runs());
        let mut x = vec![0.0; self.factors.len()];
        let mut failed = 0;
        for run in 0..design.runs() {
            design.point(run, &mut x);
            let y = match self.replicate(&x) {
                Ok(results) => mean_abs_shift(results.ranks(root), &nominal_ranks),
                Err(_) => {
                    failed += 1;
                    0.0
                }
            };
            outputs.push(y);
        }
        let indices = sobol_indices(&design, &outputs, n_boot, 0.95, seed ^ 0x5EED)?;
        Ok(Sensitivity {
            factors: self.factors.clone(),
            runs: design.runs(),
            failed,
            indices,
        })
    }
}

impl Context<'_> {
    /// Builds every data variant not built yet on `threads` threads, each taking every
    /// `threads`-th. Without this the threads would draw the variants at random and wait for
    /// one another's builds; with as many replications as run on several threads, every
    /// variant is drawn anyway.
    fn build_stages(&self, threads: usize) {
        std::thread::scope(|scope| {
            for first in 0..threads {
                scope.spawn(move || {
                    for combo in (first..self.stages.len()).step_by(threads) {
                        self.stages[combo].get_or_init(|| self.stage(combo));
                    }
                });
            }
        });
    }

    /// Runs the replication at point `x` (one coordinate in [0, 1) per factor) and returns its
    /// results (valid until the next call with the same scratch).
    ///
    /// # Errors
    /// The build failing for this combination of choices.
    fn replicate<'s>(&self, scratch: &'s mut Scratch, x: &[f64]) -> Result<&'s Results> {
        let mut choice = [0usize; 6];
        let names = [
            "impute",
            "treat",
            "normalise",
            "weights",
            "aggregate",
            "drop",
        ];
        for (factor, &xi) in self.factors.iter().zip(x) {
            let k = names.iter().position(|n| *n == factor.name).unwrap_or(0);
            // ⌊x·n⌋ with x < 1 lies in 0..n; the min guards against x = 1 from rounding.
            choice[k] = ((xi * factor.choices as f64) as usize).min(factor.choices - 1);
        }
        let n_norm = self.spec.normalise.len().max(1);
        let n_treat = self.spec.treat.len().max(1);
        let combo = (choice[0] * n_treat + choice[1]) * n_norm + choice[2];
        let stage = self.stages[combo]
            .get_or_init(|| self.stage(combo))
            .as_ref()
            .map_err(Clone::clone)?;
        let (results, ws) =
            scratch.runs[combo].get_or_insert_with(|| (stage.results.clone(), stage.ws.clone()));
        for &n in self.droppable {
            scratch.dropped[n.index()] = false;
        }
        // Choice 0 of the drop factor drops nothing; choice k drops the k-th droppable node.
        if choice[5] > 0 {
            scratch.dropped[self.droppable[choice[5] - 1].index()] = true;
        }
        let variation = Variation {
            weights: self.weight_sets.get(choice[3]).map(Vec::as_slice),
            aggregation: self.aggregations.get(choice[4]).map(Vec::as_slice),
            dropped: (!self.droppable.is_empty()).then_some(scratch.dropped.as_slice()),
            ranks: Rerank::Root,
        };
        stage
            .plan
            .aggregate_into(self.dataset, ws, results, &variation)?;
        Ok(results)
    }

    /// Compiles and runs data variant `combo`: imputation `i`, treatment `t` and normalisation
    /// `n` with `combo = (i · treatments + t) · normalisations + n`.
    ///
    /// # Errors
    /// The build failing for this combination.
    fn stage(&self, combo: usize) -> Result<Stage> {
        let n_norm = self.spec.normalise.len().max(1);
        let n_treat = self.spec.treat.len().max(1);
        let mut build = self.spec.build.clone();
        if let Some(i) = self.spec.impute.get(combo / (n_norm * n_treat)) {
            build.impute = i.clone();
        }
        if let Some(t) = self.spec.treat.get(combo / n_norm % n_treat) {
            build.treat.default = t.clone();
        }
        if let Some(n) = self.spec.normalise.get(combo % n_norm) {
            build.normalise.default = n.clone();
        }
        let plan = Plan::compile(self.framework, self.dataset, &build)?;
        let mut ws = Workspace::default();
        let mut results = Results::default();
        plan.run_into(self.dataset, self.period, &mut ws, &mut results)?;
        Ok(Stage { plan, results, ws })
    }
}

fn mean_abs_shift(ranks: &[Option<f64>], nominal: &[Option<f64>]) -> f64 {
    let (sum, n) = ranks
        .iter()
        .zip(nominal)
        .filter_map(|(r, n)| Some((r.as_ref()? - n.as_ref()?).abs()))
        .fold((0.0, 0usize), |(s, n), d| (s + d, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// R's quantile type 7 of `n` values given as a histogram over bins `0..`:
/// `h = (n − 1) p`, `x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋)` with `x_k` the k-th smallest value.
fn histogram_quantile(hist: &[u64], n: u64, p: f64) -> f64 {
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as u64;
    let order = |k: u64| -> f64 {
        let mut seen = 0;
        for (bin, &c) in hist.iter().enumerate() {
            seen += c;
            if seen > k {
                return bin as f64;
            }
        }
        (hist.len() - 1) as f64
    };
    let a = order(lo);
    if lo + 1 >= n {
        return a;
    }
    a + (h - lo as f64) * (order(lo + 1) - a)
}

/// One noisy weight vector: nominal weights (siblings sum to 1) with noise on the nodes of
/// the chosen levels.
fn noisy_weights(
    framework: &Framework,
    nominal: &[f64],
    noise: &WeightNoise,
    rng: &mut Rng,
) -> Result<Vec<f64>> {
    let mut w = nominal.to_vec();
    let chosen = |n: NodeId| noise.levels.is_empty() || noise.levels.contains(&framework.level(n));
    match noise.noise {
        Noise::Uniform(f) => {
            if !(0.0..1.0).contains(&f) {
                return Err(Error::spec(
                    Place::default().column("weights.noise.uniform"),
                    "a noise factor in [0, 1), so that weights stay positive",
                ));
            }
            for (n, weight) in framework.ids().zip(w.iter_mut()) {
                if chosen(n) {
                    *weight *= 1.0 + f * rng.uniform(-1.0, 1.0);
                }
            }
        }
        Noise::Dirichlet(alpha) => {
            if !(alpha > 0.0 && alpha.is_finite()) {
                return Err(Error::spec(
                    Place::default().column("weights.noise.dirichlet"),
                    "a positive, finite concentration",
                ));
            }
            for parent in framework.aggregates() {
                let children = framework.children(parent);
                if !children.iter().any(|&c| chosen(c)) {
                    continue;
                }
                let total: f64 = children.iter().map(|&c| nominal[c.index()]).sum();
                let draws: Vec<f64> = children
                    .iter()
                    .map(|&c| rng.gamma(alpha * nominal[c.index()] / total))
                    .collect();
                let sum: f64 = draws.iter().sum();
                if sum > 0.0 {
                    for (&c, d) in children.iter().zip(draws) {
                        w[c.index()] = d / sum;
                    }
                }
            }
        }
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_quantiles_follow_r_type_7() {
        // Values 1, 2, 2, 4 as bins: R quantile(c(1,2,2,4), c(.05,.5,.95)) = 1.15, 2, 3.7.
        let mut hist = vec![0u64; 6];
        hist[1] = 1;
        hist[2] = 2;
        hist[4] = 1;
        let q = |p| histogram_quantile(&hist, 4, p);
        assert!((q(0.05) - 1.15).abs() < 1e-12);
        assert_eq!(q(0.5), 2.0);
        assert!((q(0.95) - 3.7).abs() < 1e-12);
    }
}
