//! The statistical audit of a composite index: what the JRC checks first in its audits.
//!
//! For every aggregate (pillar, sub-index, index) [`audit`] reports
//! - the correlation of each child with the node (Pearson and Spearman, with the number of
//!   units used);
//! - the correlations among the children (the full upper triangle: every pair once);
//! - Cronbach's alpha of the children and the variance explained by the principal
//!   components of their correlation matrix;
//! - flags: collinear pairs of children (`|r|` above 0.9), negatively correlated pairs (`r`
//!   below −0.4) and children weakly correlated with the node (`r` below 0.3);
//!
//! and, for the whole index, the data availability of every ranked unit and every indicator.
//!
//! Which values are correlated ([`ValueBasis`]): by default the indicators' *normalised*
//! values (`Results::values`, direction already applied) and the aggregates' aggregated
//! values, as COINr's `get_corr(dset = "Aggregated")` does. [`ValueBasis::Treated`] uses the
//! indicators' values before normalisation (`Results::treated`, after denominating,
//! imputing and treating) multiplied by their direction, as COINr's
//! `use_directions = TRUE`; under a linear normalisation (min-max, z-score) the two give the
//! same Pearson correlations, under a rank or a non-linear one they differ.
//!
//! Conventions shared by every number:
//! - Only ranked units count: reference rows (`Unit::is_ranked() == false`, such as a
//!   national average) are never observations.
//! - Correlations use pairwise-complete observations (R's `use = "pairwise.complete.obs"`):
//!   a unit missing either value is skipped, and each correlation records the `n` it used.
//!   Cronbach's alpha and PCA need a full matrix, so they use the complete cases: the units
//!   with every child of the node present.
//! - Fewer than [`MIN_OBSERVATIONS`] observations, or a constant variable, give `None`,
//!   never NaN; a node with fewer than 2 children has no alpha and no PCA, with the reason
//!   recorded ([`Unavailable`]).
//! - Data availability is counted on the data as given (the dataset's indicator columns in
//!   the results' period, before imputation), since imputation would hide the gaps.
//!
//! Thresholds ([`AuditOptions`]) default to the discrete colour map of COINr's `plot_corr`
//! (`flagthresh = c(-0.4, 0.3, 0.9)`: negative, weak, high); 0.9 is also the default
//! `cor_thresh` of COINr's `get_corr_flags`, which flags pairs of indicators in the same
//! group above (`thresh_type = "high"`) or below (`"low"`) a threshold. Comparisons are
//! strict, as in `get_corr_flags`.
//!
//! ```
//! use yardstick::{io, BuildSpec, Plan};
//! use yardstick::robustness::audit::audit;
//!
//! let data = "uCode,uName,uType,a,b,c\n\
//!             A,A,unit,1,2,9\n\
//!             B,B,unit,2,4,7\n\
//!             C,C,unit,3,5,8\n\
//!             D,D,unit,4,9,2\n\
//!             E,E,unit,5,8,\n\
//!             AV,Average,aggregate,3,6,6\n";
//! let meta = "iCode,iName,Parent,Direction,Weight,Type\n\
//!             a,A,Index,1,1,Indicator\n\
//!             b,B,Index,1,1,Indicator\n\
//!             c,C,Index,1,1,Indicator\n\
//!             Index,Index,,1,1,Aggregate\n";
//! let (meta, data) = io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv")?;
//! let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default())?;
//! let results = plan.run(&data, data.last_period())?;
//! let report = audit(&plan, &data, &results)?;
//!
//! let index = &report.nodes[0];
//! assert_eq!(index.code, "Index");
//! assert_eq!(index.complete_cases, 4); // E lacks c; the reference row AV never counts
//! let a_b = &index.siblings[0];
//! assert_eq!((a_b.a.as_str(), a_b.b.as_str(), a_b.correlation.n), ("a", "b", 5));
//! assert!(index.flags.collinear.iter().any(|p| p.a == "a" && p.b == "b"));
//! assert!(index.flags.negative.iter().any(|p| p.a == "a" && p.b == "c"));
//! assert_eq!(report.availability.indicators[2].present, 4);
//! println!("alpha {:?}, first component {:?}",
//!          index.cronbach_alpha, index.pca.as_ref().map(|p| p.shares[0]));
//! # Ok::<(), yardstick::Error>(())
//! ```

use serde::Serialize;

use crate::error::{Error, Place, Result};
use crate::linalg::symmetric_eigen;
use crate::model::dataset::Dataset;
use crate::model::ids::NodeId;
use crate::model::indicator::NodeKind;
use crate::pipeline::plan::Plan;
use crate::pipeline::results::Results;
use crate::stats::{average_ranks, mean, variance, SdConvention};

/// Fewest observations for a correlation, Cronbach's alpha or a PCA: with two points every
/// correlation is ±1, so it says nothing.
pub const MIN_OBSERVATIONS: usize = 3;

/// Default collinearity threshold: pairs with `|r|` above it are flagged (COINr's
/// `get_corr_flags(cor_thresh = 0.9)` and `plot_corr`'s "high" threshold).
pub const DEFAULT_COLLINEAR: f64 = 0.9;

/// Default negative-correlation threshold: pairs with `r` below it are flagged (COINr's
/// `plot_corr` "negative" threshold, −0.4).
pub const DEFAULT_NEGATIVE: f64 = -0.4;

/// Default weak-correlation threshold: children whose correlation with their parent is below
/// it are flagged (COINr's `plot_corr` "weak" threshold, 0.3).
pub const DEFAULT_WEAK: f64 = 0.3;

/// Which values of the indicators are correlated. Aggregates always use their aggregated
/// values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueBasis {
    /// Normalised values (`Results::values`): what is aggregated.
    #[default]
    Normalised,
    /// Values after denominating, imputing and treating, before normalising
    /// (`Results::treated`), times the indicator's direction (+1 or −1), so that a positive
    /// correlation still means "agrees on what is better".
    Treated,
}

/// Which correlation coefficient the flags look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrelationKind {
    /// Pearson's r (COINr's `get_corr_flags` default `cortype = "pearson"`).
    #[default]
    Pearson,
    /// Spearman's ρ, robust to skewed indicators.
    Spearman,
}

/// Settings of [`audit_with`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AuditOptions {
    /// Which indicator values are correlated.
    pub basis: ValueBasis,
    /// Which coefficient the flags use.
    pub flag_on: CorrelationKind,
    /// Pairs of children with `|r| >` this are collinear.
    pub collinear: f64,
    /// Pairs of children with `r <` this are negatively correlated.
    pub negative: f64,
    /// Children with `r <` this with their parent are weakly correlated with it.
    pub weak: f64,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            basis: ValueBasis::default(),
            flag_on: CorrelationKind::default(),
            collinear: DEFAULT_COLLINEAR,
            negative: DEFAULT_NEGATIVE,
            weak: DEFAULT_WEAK,
        }
    }
}

/// The audit of one period's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    /// The period's year, if the data has a time column.
    pub year: Option<i32>,
    /// The settings used.
    pub options: AuditOptions,
    /// Number of ranked units (the possible observations).
    pub ranked_units: usize,
    /// One entry per aggregate, in metadata order.
    pub nodes: Vec<NodeAudit>,
    /// Data availability of the ranked units and of the indicators.
    pub availability: Availability,
}

impl Audit {
    /// The audit of the aggregate with `code`.
    pub fn node(&self, code: &str) -> Option<&NodeAudit> {
        self.nodes.iter().find(|n| n.code == code)
    }

    /// The audits of the aggregates at `level` (the framework's levels: 2 for pillars of
    /// indicators when levels are derived).
    pub fn level(&self, level: u32) -> impl Iterator<Item = &NodeAudit> + '_ {
        self.nodes.iter().filter(move |n| n.level == level)
    }
}

/// Pearson and Spearman correlation of two variables over the units where both are present.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Correlation {
    /// Pearson's r; `None` with fewer than [`MIN_OBSERVATIONS`] units or a constant variable.
    pub pearson: Option<f64>,
    /// Spearman's ρ (average ranks for ties); `None` as for `pearson`.
    pub spearman: Option<f64>,
    /// Number of units used.
    pub n: usize,
}

impl Correlation {
    /// The coefficient of `kind`.
    pub fn get(&self, kind: CorrelationKind) -> Option<f64> {
        match kind {
            CorrelationKind::Pearson => self.pearson,
            CorrelationKind::Spearman => self.spearman,
        }
    }
}

/// A child's correlation with its parent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChildCorrelation {
    /// The child's code.
    pub child: String,
    /// Its correlation with the parent.
    pub correlation: Correlation,
}

/// The correlation of two children of the same node, `a` before `b` in metadata order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairCorrelation {
    /// First child's code.
    pub a: String,
    /// Second child's code.
    pub b: String,
    /// Their correlation.
    pub correlation: Correlation,
}

/// A flagged pair of children, with the coefficient that raised the flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedPair {
    /// First child's code.
    pub a: String,
    /// Second child's code.
    pub b: String,
    /// The coefficient chosen by [`AuditOptions::flag_on`].
    pub r: f64,
}

/// A child flagged for its correlation with its parent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlaggedChild {
    /// The child's code.
    pub child: String,
    /// The coefficient chosen by [`AuditOptions::flag_on`].
    pub r: f64,
}

/// The flags of one node.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Flags {
    /// Pairs of children with `|r| >` [`AuditOptions::collinear`]: possible double counting.
    pub collinear: Vec<FlaggedPair>,
    /// Pairs of children with `r <` [`AuditOptions::negative`]: trade-offs inside the node.
    pub negative: Vec<FlaggedPair>,
    /// Children with `r <` [`AuditOptions::weak`] with the node: they barely shape it.
    pub weak_with_parent: Vec<FlaggedChild>,
}

impl Flags {
    /// The flags raised on `child`, as words: `weak_with_parent`, `collinear_with:B`,
    /// `negative_with:B` (each pair named from its first child), in that order.
    pub fn of_child(&self, child: &str) -> Vec<String> {
        let mut words = Vec::new();
        if self.weak_with_parent.iter().any(|f| f.child == child) {
            words.push("weak_with_parent".to_owned());
        }
        for (name, pairs) in [
            ("collinear_with", &self.collinear),
            ("negative_with", &self.negative),
        ] {
            words.extend(
                pairs
                    .iter()
                    .filter(|pair| pair.a == child)
                    .map(|pair| format!("{name}:{}", pair.b)),
            );
        }
        words
    }
}

/// Eigenvalues of the children's correlation matrix and the share of variance of each
/// principal component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pca {
    /// Eigenvalues, largest first (they sum to the number of children).
    pub eigenvalues: Vec<f64>,
    /// Share of the total variance of each component, largest first: `shares[0]` is what the
    /// first component explains.
    pub shares: Vec<f64>,
}

/// Why a statistic was not computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Unavailable {
    /// The node has fewer children than the statistic needs.
    TooFewChildren {
        /// Children of the node.
        children: usize,
        /// Children needed.
        needed: usize,
    },
    /// Too few units have every child present.
    TooFewObservations {
        /// Units with every child present.
        complete_cases: usize,
        /// Units needed.
        needed: usize,
    },
    /// A variable does not vary over the complete cases: a constant child (PCA standardises
    /// by the standard deviation) or a constant total score (alpha divides by its variance).
    ZeroVariance {
        /// The constant child, or `None` for the total score.
        child: Option<String>,
    },
}

/// The audit of one aggregate and its children.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeAudit {
    /// The aggregate's code.
    pub code: String,
    /// Its level in the framework.
    pub level: u32,
    /// Its children's codes in metadata order.
    pub children: Vec<String>,
    /// Each child's correlation with the node, in child order.
    pub with_parent: Vec<ChildCorrelation>,
    /// Every pair of children once (the upper triangle of their correlation matrix, row by
    /// row): children (1, 2), (1, 3), …, (2, 3), …
    pub siblings: Vec<PairCorrelation>,
    /// Units with every child present: the observations of alpha and PCA.
    pub complete_cases: usize,
    /// Cronbach's alpha of the children over the complete cases.
    pub cronbach_alpha: Option<f64>,
    /// Why `cronbach_alpha` is `None`.
    pub alpha_unavailable: Option<Unavailable>,
    /// Principal components of the children's correlation matrix over the complete cases.
    pub pca: Option<Pca>,
    /// Why `pca` is `None`.
    pub pca_unavailable: Option<Unavailable>,
    /// What the thresholds flag.
    pub flags: Flags,
}

/// How many values are present out of how many possible.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Presence {
    /// Unit or indicator code.
    pub code: String,
    /// Values present.
    pub present: usize,
    /// Values possible.
    pub of: usize,
    /// `present / of`; `None` when nothing is possible (no ranked unit).
    pub share: Option<f64>,
}

/// Data availability before imputation (COINr's `get_data_avail` and `get_stats`'s
/// `Frc.Avail`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Availability {
    /// Each ranked unit: the indicators it has, out of all indicators, in dataset order.
    pub units: Vec<Presence>,
    /// Each indicator: the ranked units that have it, in metadata order.
    pub indicators: Vec<Presence>,
}

/// Audits one period's results with the default [`AuditOptions`].
///
/// # Formula
/// For each aggregate with children `c₁ … c_k`: [`pearson`] and [`spearman`] of every child
/// with the node and of every pair of children over pairwise-complete ranked units;
/// [`cronbach_alpha`] and [`pca_variance_explained`] of the children over the complete cases;
/// flags as in [`AuditOptions`]. The conventions are in the [module documentation](self).
/// OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, step 4 (multivariate
/// analysis: correlations, section 4.1 PCA, section 4.3 Cronbach's alpha); COINr's
/// `get_corr`, `get_corr_flags`, `get_cronbach`, `get_PCA` and `get_data_avail`.
///
/// # Errors
/// See [`audit_with`].
pub fn audit(plan: &Plan, dataset: &Dataset, results: &Results) -> Result<Audit> {
    audit_with(plan, dataset, results, &AuditOptions::default())
}

/// Audits one period's results with `options`.
///
/// # Formula
/// As [`audit`].
///
/// # Errors
/// A spec error for a threshold that is not a finite number in [−1, 1]; a structure error
/// when `results` do not belong to `plan` and `dataset` (another framework, another number
/// of units, a year the dataset does not have, no treated values for
/// [`ValueBasis::Treated`]).
pub fn audit_with(
    plan: &Plan,
    dataset: &Dataset,
    results: &Results,
    options: &AuditOptions,
) -> Result<Audit> {
    for (field, value) in [
        ("collinear", options.collinear),
        ("negative", options.negative),
        ("weak", options.weak),
    ] {
        if !(-1.0..=1.0).contains(&value) {
            return Err(Error::spec(
                Place::default().column(field),
                format!("a correlation threshold between -1 and 1, found {value}"),
            ));
        }
    }
    let fw = plan.framework();
    let n_units = dataset.n_units();
    let mismatch = |what: String| Error::structure(Place::default(), what);
    if results.values.len() != fw.len() {
        return Err(mismatch(format!(
            "results with one column per node of the plan's framework ({}), found {}",
            fw.len(),
            results.values.len()
        )));
    }
    if let Some(node) = fw.ids().find(|&i| results.values(i).len() != n_units) {
        return Err(Error::structure(
            Place::of_indicator(fw.node(node).code.as_str()),
            format!(
                "results with one value per unit of the dataset ({n_units}), found {}",
                results.values(node).len()
            ),
        ));
    }
    let period = dataset
        .period_ids()
        .find(|&p| dataset.year(p) == results.year)
        .ok_or_else(|| {
            Error::structure(
                Place::default().year(results.year),
                "results of a period of the dataset",
            )
        })?;
    let ranked: Vec<bool> = dataset.units().iter().map(|u| u.is_ranked()).collect();

    // The audited value of every node in every unit, reference rows blanked out.
    let mut columns: Vec<Vec<Option<f64>>> = Vec::with_capacity(fw.len());
    for node in fw.ids() {
        let indicator = fw.node(node);
        let source: Vec<Option<f64>> = match (options.basis, indicator.kind) {
            (ValueBasis::Treated, NodeKind::Indicator) => {
                let treated = results
                    .treated
                    .get(node.index())
                    .filter(|c| c.len() == n_units);
                let treated = treated.ok_or_else(|| {
                    Error::structure(
                        Place::of_indicator(indicator.code.as_str()),
                        "results with treated values of every indicator (ValueBasis::Treated)",
                    )
                })?;
                let sign = indicator.direction.sign();
                treated.iter().map(|v| v.map(|x| sign * x)).collect()
            }
            _ => results.values(node).to_vec(),
        };
        columns.push(
            source
                .into_iter()
                .zip(&ranked)
                .map(|(v, &r)| v.filter(|_| r))
                .collect(),
        );
    }

    let nodes = fw
        .aggregates()
        .map(|node| audit_node(plan, node, &columns, options))
        .collect();

    let indicators: Vec<NodeId> = fw.indicators().collect();
    let raw: Vec<Option<&[Option<f64>]>> = indicators
        .iter()
        .map(|&i| {
            dataset
                .variable_index(fw.node(i).code.as_str())
                .map(|v| dataset.column(v, period))
        })
        .collect();
    let n_ranked = ranked.iter().filter(|&&r| r).count();
    let is_present = |col: &Option<&[Option<f64>]>, u: usize| col.is_some_and(|c| c[u].is_some());
    let units = (0..n_units)
        .filter(|&u| ranked[u])
        .map(|u| {
            let present = raw.iter().filter(|col| is_present(col, u)).count();
            presence(dataset.units()[u].code.as_str(), present, raw.len())
        })
        .collect();
    let indicators = indicators
        .iter()
        .zip(&raw)
        .map(|(&i, col)| {
            let present = (0..n_units)
                .filter(|&u| ranked[u] && is_present(col, u))
                .count();
            presence(fw.node(i).code.as_str(), present, n_ranked)
        })
        .collect();

    Ok(Audit {
        year: results.year,
        options: *options,
        ranked_units: n_ranked,
        nodes,
        availability: Availability { units, indicators },
    })
}

fn presence(code: &str, present: usize, of: usize) -> Presence {
    Presence {
        code: code.to_owned(),
        present,
        of,
        share: (of > 0).then(|| present as f64 / of as f64),
    }
}

fn audit_node(
    plan: &Plan,
    node: NodeId,
    columns: &[Vec<Option<f64>>],
    options: &AuditOptions,
) -> NodeAudit {
    let fw = plan.framework();
    let children = fw.children(node);
    let code = |i: NodeId| fw.node(i).code.to_string();
    let column = |i: NodeId| &columns[i.index()];
    let with_parent: Vec<ChildCorrelation> = children
        .iter()
        .map(|&c| ChildCorrelation {
            child: code(c),
            correlation: pairwise(column(c), column(node)),
        })
        .collect();
    let mut siblings = Vec::new();
    for (j, &a) in children.iter().enumerate() {
        for &b in &children[j + 1..] {
            siblings.push(PairCorrelation {
                a: code(a),
                b: code(b),
                correlation: pairwise(column(a), column(b)),
            });
        }
    }

    let mut flags = Flags::default();
    for pair in &siblings {
        let Some(r) = pair.correlation.get(options.flag_on) else {
            continue;
        };
        let flagged = || FlaggedPair {
            a: pair.a.clone(),
            b: pair.b.clone(),
            r,
        };
        if r.abs() > options.collinear {
            flags.collinear.push(flagged());
        }
        if r < options.negative {
            flags.negative.push(flagged());
        }
    }
    for child in &with_parent {
        if let Some(r) = child.correlation.get(options.flag_on) {
            if r < options.weak {
                flags.weak_with_parent.push(FlaggedChild {
                    child: child.child.clone(),
                    r,
                });
            }
        }
    }

    // Complete cases: the units with every child present.
    let n_units = column(node).len();
    let complete: Vec<usize> = (0..n_units)
        .filter(|&u| children.iter().all(|&c| column(c)[u].is_some()))
        .collect();
    let matrix: Vec<Vec<f64>> = children
        .iter()
        .map(|&c| complete.iter().filter_map(|&u| column(c)[u]).collect())
        .collect();
    let slices: Vec<&[f64]> = matrix.iter().map(Vec::as_slice).collect();
    let child_codes: Vec<String> = children.iter().map(|&c| code(c)).collect();
    let (cronbach_alpha, alpha_unavailable) = split(alpha_of(&slices));
    let (pca, pca_unavailable) = split(pca_of(&slices, &child_codes));

    NodeAudit {
        code: code(node),
        level: fw.level(node),
        children: child_codes,
        with_parent,
        siblings,
        complete_cases: complete.len(),
        cronbach_alpha,
        alpha_unavailable,
        pca,
        pca_unavailable,
        flags,
    }
}

fn split<T>(outcome: std::result::Result<T, Unavailable>) -> (Option<T>, Option<Unavailable>) {
    match outcome {
        Ok(value) => (Some(value), None),
        Err(why) => (None, Some(why)),
    }
}

/// Pearson and Spearman over the units where both `x` and `y` are present.
fn pairwise(x: &[Option<f64>], y: &[Option<f64>]) -> Correlation {
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y)
        .filter_map(|(a, b)| Some(((*a)?, (*b)?)))
        .unzip();
    Correlation {
        pearson: pearson_of(&xs, &ys).ok(),
        spearman: spearman_of(&xs, &ys).ok(),
        n: xs.len(),
    }
}

/// Pearson's correlation coefficient of `x` and `y`.
///
/// # Formula
/// `r = Σ (xᵢ − x̄)(yᵢ − ȳ) / √(Σ (xᵢ − x̄)² · Σ (yᵢ − ȳ)²)`, computed in two passes (means
/// first) and clamped to [−1, 1] against rounding. `None` with fewer than
/// [`MIN_OBSERVATIONS`] pairs or when either variable is constant (the formula is 0/0); never
/// NaN. Pearson (1895); R's `cor`, `scipy.stats.pearsonr`; OECD/JRC (2008), *Handbook on
/// Constructing Composite Indicators*, step 4 (multivariate analysis).
///
/// # Errors
/// Slices of different lengths, or a value that is not finite.
pub fn pearson(x: &[f64], y: &[f64]) -> Result<Option<f64>> {
    check_pair(x, y)?;
    Ok(pearson_of(x, y).ok())
}

/// Spearman's rank correlation coefficient of `x` and `y`.
///
/// # Formula
/// Pearson's r of the ranks, each variable ranked ascending with tied values sharing the
/// average of the ranks they span (1, 2.5, 2.5, 4), as `scipy.stats.spearmanr` and R's
/// `cor(method = "spearman")`; not the `1 − 6Σd²/(n(n²−1))` shortcut, which is exact only
/// without ties. `None` as for [`pearson`]. Spearman (1904), *American Journal of
/// Psychology* 15, 72–101; COINr's `get_corr(cortype = "spearman")`.
///
/// # Errors
/// As [`pearson`].
pub fn spearman(x: &[f64], y: &[f64]) -> Result<Option<f64>> {
    check_pair(x, y)?;
    Ok(spearman_of(x, y).ok())
}

/// Cronbach's alpha of `columns` (one slice per item, all of the same length: complete
/// cases).
///
/// # Formula
/// `α = k/(k − 1) · (1 − Σⱼ s²ⱼ / s²_T)` with `k` items, `s²ⱼ` the sample variance of item
/// `j` and `s²_T` that of the row totals `Σⱼ xᵢⱼ`. `None` with fewer than 2 items, fewer
/// than [`MIN_OBSERVATIONS`] rows or constant totals. Alpha is not bounded below: negative
/// values mean negatively correlated items. Cronbach (1951), "Coefficient alpha and the
/// internal structure of tests", *Psychometrika* 16, 297–334; OECD/JRC (2008), *Handbook on
/// Constructing Composite Indicators*, section 4.3; COINr's `get_cronbach` (which uses
/// pairwise covariances; on complete cases the two agree).
///
/// # Errors
/// Columns of different lengths, or a value that is not finite.
pub fn cronbach_alpha(columns: &[&[f64]]) -> Result<Option<f64>> {
    check_columns(columns)?;
    Ok(alpha_of(columns).ok())
}

/// Eigenvalues of the correlation matrix of `columns` (one slice per variable, all of the
/// same length: complete cases) and the share of variance each principal component explains.
///
/// # Formula
/// `R` the `k × k` Pearson correlation matrix; `λ₁ ≥ … ≥ λ_k` its eigenvalues (cyclic Jacobi,
/// the solver of PCA weights in [`crate::pipeline::weight`]), tiny negative ones from rounding set to
/// 0; share of component `f` = `λ_f / Σ λ` (`Σ λ = k`). `None` with fewer than 2 columns,
/// fewer than [`MIN_OBSERVATIONS`] rows or a constant column. OECD/JRC (2008), *Handbook on
/// Constructing Composite Indicators*, section 4.1 (PCA on standardised indicators);
/// COINr's `get_PCA` (`prcomp` with `scale = TRUE` on complete cases).
///
/// # Errors
/// Columns of different lengths, or a value that is not finite.
pub fn pca_variance_explained(columns: &[&[f64]]) -> Result<Option<Pca>> {
    check_columns(columns)?;
    let codes: Vec<String> = (1..=columns.len()).map(|j| j.to_string()).collect();
    Ok(pca_of(columns, &codes).ok())
}

fn check_pair(x: &[f64], y: &[f64]) -> Result<()> {
    if x.len() != y.len() {
        return Err(Error::data(
            Place::default(),
            format!(
                "a correlation needs pairs: {} values against {}",
                x.len(),
                y.len()
            ),
        ));
    }
    check_columns(&[x, y])
}

fn check_columns(columns: &[&[f64]]) -> Result<()> {
    let rows = columns.first().map_or(0, |c| c.len());
    for (j, col) in columns.iter().enumerate() {
        if col.len() != rows {
            return Err(Error::data(
                Place::default(),
                format!(
                    "column {} has {} values but column 1 has {rows}; every column needs one value per row",
                    j + 1,
                    col.len()
                ),
            ));
        }
        if let Some(i) = col.iter().position(|x| !x.is_finite()) {
            return Err(Error::value(
                Place::default(),
                format!("finite values (column {}, row {})", j + 1, i + 1),
                &col[i].to_string(),
            ));
        }
    }
    Ok(())
}

fn too_few(rows: usize) -> std::result::Result<(), Unavailable> {
    if rows < MIN_OBSERVATIONS {
        Err(Unavailable::TooFewObservations {
            complete_cases: rows,
            needed: MIN_OBSERVATIONS,
        })
    } else {
        Ok(())
    }
}

fn too_few_children(columns: &[&[f64]]) -> std::result::Result<usize, Unavailable> {
    if columns.len() < 2 {
        return Err(Unavailable::TooFewChildren {
            children: columns.len(),
            needed: 2,
        });
    }
    let rows = columns[0].len();
    too_few(rows)?;
    Ok(rows)
}

/// Exact test, so that a constant column is never divided by a rounding residue.
fn is_constant(x: &[f64]) -> bool {
    x.iter().all(|&v| v == x[0])
}

fn pearson_of(x: &[f64], y: &[f64]) -> std::result::Result<f64, Unavailable> {
    too_few(x.len())?;
    if is_constant(x) || is_constant(y) {
        return Err(Unavailable::ZeroVariance { child: None });
    }
    let (mx, my) = (mean(x), mean(y));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    Ok((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

fn spearman_of(x: &[f64], y: &[f64]) -> std::result::Result<f64, Unavailable> {
    pearson_of(&average_ranks(x), &average_ranks(y))
}

fn alpha_of(columns: &[&[f64]]) -> std::result::Result<f64, Unavailable> {
    let rows = too_few_children(columns)?;
    let totals: Vec<f64> = (0..rows)
        .map(|i| columns.iter().map(|c| c[i]).sum())
        .collect();
    if is_constant(&totals) {
        return Err(Unavailable::ZeroVariance { child: None });
    }
    let k = columns.len() as f64;
    let items: f64 = columns
        .iter()
        .map(|c| variance(c, SdConvention::Sample))
        .sum();
    Ok(k / (k - 1.0) * (1.0 - items / variance(&totals, SdConvention::Sample)))
}

fn pca_of(columns: &[&[f64]], codes: &[String]) -> std::result::Result<Pca, Unavailable> {
    too_few_children(columns)?;
    if let Some(j) = columns.iter().position(|c| is_constant(c)) {
        return Err(Unavailable::ZeroVariance {
            child: Some(codes[j].clone()),
        });
    }
    let k = columns.len();
    let mut corr = vec![0.0; k * k];
    for j in 0..k {
        corr[j * k + j] = 1.0;
        for i in 0..j {
            // Checked above: enough rows and no constant column, so r exists.
            let r = pearson_of(columns[i], columns[j])?;
            corr[j * k + i] = r;
            corr[i * k + j] = r;
        }
    }
    let (mut eigenvalues, _) = symmetric_eigen(corr, k);
    eigenvalues.iter_mut().for_each(|v| *v = v.max(0.0));
    let total: f64 = eigenvalues.iter().sum();
    let shares = eigenvalues.iter().map(|v| v / total).collect();
    Ok(Pca {
        eigenvalues,
        shares,
    })
}

#[cfg(test)]
mod tests {
    use approx::assert_abs_diff_eq;

    use super::*;
    use crate::PeriodId;
    use crate::{io, BuildSpec};

    #[test]
    fn a_child_s_flags_read_as_words_in_a_fixed_order() {
        let pair = |a: &str, b: &str| FlaggedPair {
            a: a.into(),
            b: b.into(),
            r: 0.0,
        };
        let flags = Flags {
            collinear: vec![pair("x", "y"), pair("y", "z")],
            negative: vec![pair("x", "z")],
            weak_with_parent: vec![FlaggedChild {
                child: "x".into(),
                r: 0.1,
            }],
        };
        assert_eq!(
            flags.of_child("x"),
            ["weak_with_parent", "collinear_with:y", "negative_with:z"]
        );
        assert_eq!(flags.of_child("y"), ["collinear_with:z"]);
        assert!(flags.of_child("z").is_empty());
    }

    /// Hand-derived values, exact up to the last bits.
    const EXACT: f64 = 1e-14;

    #[test]
    fn pearson_of_a_linear_map_is_one_and_of_its_reverse_minus_one() {
        let x = [1.0, 2.0, 3.0, 5.0];
        let y: Vec<f64> = x.iter().map(|v| 3.0 * v - 1.0).collect();
        let z: Vec<f64> = x.iter().map(|v| -0.5 * v).collect();
        assert_abs_diff_eq!(pearson(&x, &y).unwrap().unwrap(), 1.0, epsilon = EXACT);
        assert_abs_diff_eq!(pearson(&x, &z).unwrap().unwrap(), -1.0, epsilon = EXACT);
    }

    #[test]
    fn pearson_hand_derived() {
        // x̄ = 2, ȳ = 3; Σdxdy = 2, Σdx² = 2, Σdy² = 8 (dy = −2, 2, 0): r = 2/4.
        let r = pearson(&[1.0, 2.0, 3.0], &[1.0, 5.0, 3.0])
            .unwrap()
            .unwrap();
        assert_abs_diff_eq!(r, 0.5, epsilon = EXACT);
    }

    #[test]
    fn spearman_averages_tied_ranks_as_scipy() {
        // Ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4. Σdxdy = 4.5, Σdx² = 4.5, Σdy² = 5:
        // ρ = 4.5/√22.5 = 3/√10.
        let rho = spearman(&[1.0, 2.0, 2.0, 3.0], &[10.0, 30.0, 20.0, 40.0])
            .unwrap()
            .unwrap();
        assert_abs_diff_eq!(rho, 3.0 / 10f64.sqrt(), epsilon = EXACT);
        assert_eq!(
            average_ranks(&[5.0, 1.0, 5.0, 5.0, 0.0]),
            [4.0, 2.0, 4.0, 4.0, 1.0]
        );
    }

    #[test]
    fn spearman_is_one_for_any_increasing_map() {
        let x = [0.1, 4.0, 2.0, 9.0, 3.0];
        let y: Vec<f64> = x.iter().map(|v: &f64| v.exp()).collect();
        assert_abs_diff_eq!(spearman(&x, &y).unwrap().unwrap(), 1.0, epsilon = EXACT);
    }

    #[test]
    fn too_few_pairs_or_a_constant_give_none_never_nan() {
        assert_eq!(pearson(&[1.0, 2.0], &[2.0, 1.0]).unwrap(), None);
        assert_eq!(spearman(&[], &[]).unwrap(), None);
        assert_eq!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).unwrap(), None);
        // 0.1 three times has a mean that is not exactly 0.1: still constant.
        assert_eq!(pearson(&[0.1, 0.1, 0.1], &[1.0, 2.0, 3.0]).unwrap(), None);
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]).unwrap(), None);
    }

    #[test]
    fn slice_functions_reject_ragged_and_non_finite_input() {
        assert!(pearson(&[1.0, 2.0, 3.0], &[1.0, 2.0]).is_err());
        assert!(spearman(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]).is_err());
        assert!(cronbach_alpha(&[&[1.0, 2.0, 3.0], &[1.0, 2.0]]).is_err());
        assert!(pca_variance_explained(&[&[1.0, f64::INFINITY, 3.0], &[1.0, 2.0, 3.0]]).is_err());
    }

    #[test]
    fn cronbach_alpha_hand_derived() {
        // Variances 1 and 4; totals 3, 6, 9 have variance 9: α = 2 (1 − 5/9) = 8/9.
        let alpha = cronbach_alpha(&[&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]]).unwrap();
        assert_abs_diff_eq!(alpha.unwrap(), 8.0 / 9.0, epsilon = EXACT);
        // Identical standardised items: α = 1.
        let same = [1.0, 3.0, 2.0, 5.0];
        let alpha = cronbach_alpha(&[&same, &same, &same]).unwrap();
        assert_abs_diff_eq!(alpha.unwrap(), 1.0, epsilon = EXACT);
    }

    #[test]
    fn cronbach_alpha_is_none_for_one_item_few_rows_or_constant_totals() {
        assert_eq!(cronbach_alpha(&[&[1.0, 2.0, 3.0]]).unwrap(), None);
        assert_eq!(cronbach_alpha(&[&[1.0, 2.0], &[2.0, 1.0]]).unwrap(), None);
        assert_eq!(
            alpha_of(&[&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]]),
            Err(Unavailable::ZeroVariance { child: None })
        );
    }

    #[test]
    fn pca_of_two_variables_has_eigenvalues_one_plus_and_minus_r() {
        let (x, y) = ([1.0, 2.0, 3.0], [1.0, 5.0, 3.0]); // r = 0.5
        let pca = pca_variance_explained(&[&x, &y]).unwrap().unwrap();
        assert_abs_diff_eq!(pca.eigenvalues[0], 1.5, epsilon = EXACT);
        assert_abs_diff_eq!(pca.eigenvalues[1], 0.5, epsilon = EXACT);
        assert_abs_diff_eq!(pca.shares[0], 0.75, epsilon = EXACT);
        assert_abs_diff_eq!(pca.shares.iter().sum::<f64>(), 1.0, epsilon = EXACT);
    }

    #[test]
    fn pca_names_the_constant_child() {
        let outcome = pca_of(
            &[&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]],
            &["a".into(), "b".into()],
        );
        assert_eq!(
            outcome,
            Err(Unavailable::ZeroVariance {
                child: Some("b".into())
            })
        );
        assert_eq!(
            pca_of(&[&[1.0, 2.0, 3.0]], &["a".into()]),
            Err(Unavailable::TooFewChildren {
                children: 1,
                needed: 2
            })
        );
    }

    const DATA: &str = "uCode,uName,uType,a,b,c,d\n\
                        A,A,unit,1,2,9,1\n\
                        B,B,unit,2,4,7,3\n\
                        C,C,unit,3,5,8,2\n\
                        D,D,unit,4,9,2,5\n\
                        E,E,unit,5,8,,4\n\
                        AV,Average,aggregate,100,-50,6,3\n";
    const META: &str = "iCode,iName,Parent,Direction,Weight,Type\n\
                        a,A,P,1,1,Indicator\n\
                        b,B,P,1,1,Indicator\n\
                        c,C,P,-1,1,Indicator\n\
                        d,D,Q,1,1,Indicator\n\
                        P,P,Index,1,1,Aggregate\n\
                        Q,Q,Index,1,1,Aggregate\n\
                        Index,Index,,1,1,Aggregate\n";

    fn build() -> (Plan, Dataset, Results) {
        let (meta, data) =
            io::read_coin(DATA.as_bytes(), "iData", META.as_bytes(), "iMeta").unwrap();
        let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default()).unwrap();
        let results = plan.run(&data, PeriodId::new(0)).unwrap();
        (plan, data, results)
    }

    #[test]
    fn audit_skips_reference_rows_and_missing_values() {
        let (plan, data, results) = build();
        let report = audit(&plan, &data, &results).unwrap();
        assert_eq!(report.ranked_units, 5);
        let p = report.node("P").unwrap();
        assert_eq!(p.children, ["a", "b", "c"]);
        assert_eq!(p.complete_cases, 4);
        let n: Vec<usize> = p.siblings.iter().map(|s| s.correlation.n).collect();
        assert_eq!(n, [5, 4, 4]); // (a, b), (a, c), (b, c)
                                  // The reference row's extreme values would pull r(a, b) down; without it r is
                                  // Pearson's on the five units.
        let a = [1.0, 2.0, 3.0, 4.0, 5.0];
        let b = [2.0, 4.0, 5.0, 9.0, 8.0];
        let expected = pearson(&a, &b).unwrap().unwrap();
        assert_abs_diff_eq!(
            p.siblings[0].correlation.pearson.unwrap(),
            expected,
            epsilon = 1e-12
        );
        // c has direction −1: after normalising it agrees with b.
        let collinear: Vec<(&str, &str)> = p
            .flags
            .collinear
            .iter()
            .map(|f| (f.a.as_str(), f.b.as_str()))
            .collect();
        assert_eq!(collinear, [("a", "b"), ("b", "c")]);
        assert!(p.flags.negative.is_empty());
    }

    #[test]
    fn single_child_nodes_say_why_there_is_no_alpha_or_pca() {
        let (plan, data, results) = build();
        let report = audit(&plan, &data, &results).unwrap();
        let q = report.node("Q").unwrap();
        let why = Some(Unavailable::TooFewChildren {
            children: 1,
            needed: 2,
        });
        assert_eq!((q.cronbach_alpha, &q.alpha_unavailable), (None, &why));
        assert_eq!((&q.pca, &q.pca_unavailable), (&None, &why));
        assert!(q.siblings.is_empty());
        // d is Q's only child: Q is d, so r = 1.
        let r = q.with_parent[0].correlation.pearson.unwrap();
        assert_abs_diff_eq!(r, 1.0, epsilon = EXACT);
        assert_eq!(report.level(report.node("P").unwrap().level).count(), 2);
    }

    #[test]
    fn treated_basis_applies_directions_and_agrees_with_min_max() {
        let (plan, data, results) = build();
        let normalised = audit(&plan, &data, &results).unwrap();
        let options = AuditOptions {
            basis: ValueBasis::Treated,
            ..AuditOptions::default()
        };
        let treated = audit_with(&plan, &data, &results, &options).unwrap();
        for (n, t) in normalised.nodes.iter().zip(&treated.nodes) {
            for (a, b) in n.siblings.iter().zip(&t.siblings) {
                // Min-max is affine and the direction is applied on both sides.
                let (x, y) = (
                    a.correlation.pearson.unwrap(),
                    b.correlation.pearson.unwrap(),
                );
                assert_abs_diff_eq!(x, y, epsilon = 1e-12);
                assert_eq!(a.correlation.spearman, b.correlation.spearman);
            }
        }
        let b_c = treated.node("P").unwrap().siblings[2].correlation;
        assert!(b_c.pearson.unwrap() > 0.9); // raw r(b, c) < 0, but c has direction −1
    }

    #[test]
    fn availability_counts_data_as_given_over_ranked_units() {
        let (plan, data, results) = build();
        let report = audit(&plan, &data, &results).unwrap();
        let units = &report.availability.units;
        assert_eq!(units.len(), 5); // AV is a reference row
        assert_eq!((units[4].code.as_str(), units[4].present), ("E", 3));
        assert_eq!(units[4].share, Some(0.75));
        let c = &report.availability.indicators[2];
        assert_eq!((c.code.as_str(), c.present, c.of), ("c", 4, 5));
    }

    #[test]
    fn thresholds_outside_minus_one_one_are_spec_errors() {
        let (plan, data, results) = build();
        for bad in [1.5, f64::NAN, -2.0] {
            let options = AuditOptions {
                weak: bad,
                ..AuditOptions::default()
            };
            let err = audit_with(&plan, &data, &results, &options).unwrap_err();
            assert!(matches!(err.kind(), crate::ErrorKind::Spec { .. }), "{err}");
        }
    }

    #[test]
    fn results_of_another_dataset_are_rejected() {
        let (plan, data, mut results) = build();
        results.values[0].pop();
        assert!(audit(&plan, &data, &results).is_err());
        let (plan, data, mut results) = build();
        results.year = Some(1999);
        assert!(audit(&plan, &data, &results).is_err());
    }
}
