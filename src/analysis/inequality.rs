//! Disparity and convergence between units: Theil T and L with their between/within-group
//! decomposition, the Gini coefficient with Dagum's group decomposition, the coefficient of
//! variation and the standard deviation of logs, σ-convergence (dispersion over a panel and its
//! trend) and β-convergence (growth regressed on the initial level).
//!
//! Every measure has a function on plain values (`&[f64]`, with a [`Partition`] for the group
//! decompositions) and a convenience function on a [`Dataset`] (`*_of`, `*_by_group`) that takes
//! the ranked units only (reference rows such as a national average are not units of the
//! distribution), skips missing values and reports how many it skipped.
//!
//! ```
//! use yardstick::analysis::inequality::{gini_decomposition, theil_decomposition, Partition, TheilIndex};
//!
//! let income = [10.0, 20.0, 30.0, 60.0];
//! let region = Partition::from_labels(&["south", "south", "north", "north"]);
//! let rounding = 1e-15;
//! let theil = theil_decomposition(&income, &region, TheilIndex::T)?;
//! assert!((theil.between + theil.within - theil.total).abs() < rounding);
//! let dagum = gini_decomposition(&income, &region)?;
//! let parts = dagum.within + dagum.net_between + dagum.transvariation;
//! assert!((parts - dagum.total).abs() < rounding);
//! println!("between-region share of Theil T: {:.1}%", 100.0 * theil.between / theil.total);
//! # Ok::<(), yardstick::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Error, Place, Result};
use crate::math::ln;
use crate::model::dataset::Dataset;
use crate::model::ids::PeriodId;
use crate::stats::{linear_regression, mean, sd, Regression, SdConvention, MIN_REGRESSION};

/// Which Theil index, both members of the generalised entropy family GE(α).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TheilIndex {
    /// Theil T, GE(1): (1/n) Σ (yᵢ/μ) ln(yᵢ/μ). Between/within weights are income shares.
    T,
    /// Theil L, GE(0), the mean log deviation: (1/n) Σ ln(μ/yᵢ). Between/within weights are
    /// population shares.
    L,
}

/// A scalar disparity measure, for [`measure`], [`measure_of`] and σ-convergence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Theil T (GE(1)); see [`theil`].
    TheilT,
    /// Theil L (GE(0), mean log deviation); see [`theil`].
    TheilL,
    /// Gini coefficient; see [`gini`].
    Gini,
    /// Standard deviation over mean; see [`coefficient_of_variation`].
    CoefficientOfVariation(SdConvention),
    /// Standard deviation of natural logs; see [`sd_of_logs`].
    SdOfLogs(SdConvention),
}

impl Measure {
    fn domain(self) -> Domain {
        match self {
            Measure::TheilT | Measure::Gini => Domain::NonNegative,
            Measure::TheilL | Measure::SdOfLogs(_) => Domain::Positive,
            Measure::CoefficientOfVariation(_) => Domain::Finite,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Measure::TheilT => "Theil T",
            Measure::TheilL => "Theil L",
            Measure::Gini => "the Gini coefficient",
            Measure::CoefficientOfVariation(_) => "the coefficient of variation",
            Measure::SdOfLogs(_) => "the standard deviation of logs",
        }
    }
}

/// Values a measure accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Domain {
    Finite,
    NonNegative,
    Positive,
}

impl Domain {
    fn admits(self, x: f64) -> bool {
        x.is_finite()
            && match self {
                Domain::Finite => true,
                Domain::NonNegative => x >= 0.0,
                Domain::Positive => x > 0.0,
            }
    }

    fn expected(self, what: &str) -> String {
        match self {
            Domain::Finite => format!("finite values for {what}"),
            Domain::NonNegative => format!("non-negative finite values for {what}"),
            Domain::Positive => format!("positive finite values for {what}, which takes logs"),
        }
    }
}

/// Minimum number of values for any disparity measure.
const MIN_VALUES: usize = 2;

/// Checks the values a slice function receives; the position is 0-based.
fn check_values(values: &[f64], domain: Domain, what: &str) -> Result<()> {
    if let Some(i) = values.iter().position(|&x| !domain.admits(x)) {
        return Err(Error::value(
            Place::default(),
            format!("{} (value at position {i})", domain.expected(what)),
            &values[i].to_string(),
        ));
    }
    check_count(values.len(), what, Place::default())
}

fn check_count(n: usize, what: &str, place: Place) -> Result<()> {
    if n < MIN_VALUES {
        return Err(Error::data(
            place,
            format!("{what} needs at least {MIN_VALUES} values, found {n}"),
        ));
    }
    Ok(())
}

fn positive_mean(values: &[f64], what: &str) -> Result<f64> {
    let mu = mean(values);
    if mu > 0.0 {
        Ok(mu)
    } else {
        Err(Error::data(
            Place::default(),
            format!("{what} needs a positive mean, found {mu}"),
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// Groups

/// An exhaustive partition of the values into groups (regions, macro-areas). Groups are kept
/// in sorted order of their labels (numeric order for ids), so results do not depend on row
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partition {
    labels: Vec<String>,
    group_of: Vec<usize>,
}

impl Partition {
    /// A partition from integer group ids, one per value. Labels are the ids as text.
    pub fn from_ids(ids: &[usize]) -> Self {
        let index: BTreeMap<usize, usize> = ids
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .enumerate()
            .map(|(g, id)| (id, g))
            .collect();
        Partition {
            labels: index.keys().map(usize::to_string).collect(),
            group_of: ids.iter().map(|id| index[id]).collect(),
        }
    }

    /// A partition from group labels, one per value.
    pub fn from_labels(labels: &[&str]) -> Self {
        let index: BTreeMap<&str, usize> = labels
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .enumerate()
            .map(|(g, label)| (label, g))
            .collect();
        Partition {
            labels: index.keys().map(|l| (*l).to_owned()).collect(),
            group_of: labels.iter().map(|l| index[l]).collect(),
        }
    }

    /// Group labels, sorted.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Group (index into [`Partition::labels`]) of each value.
    pub fn group_of(&self) -> &[usize] {
        &self.group_of
    }

    /// Number of groups.
    pub fn n_groups(&self) -> usize {
        self.labels.len()
    }

    /// Number of values partitioned.
    pub fn len(&self) -> usize {
        self.group_of.len()
    }

    /// True when no value is partitioned.
    pub fn is_empty(&self) -> bool {
        self.group_of.is_empty()
    }

    /// The values of each group, in group order.
    fn split(&self, values: &[f64]) -> Vec<Vec<f64>> {
        let mut groups = vec![Vec::new(); self.n_groups()];
        for (&g, &x) in self.group_of.iter().zip(values) {
            groups[g].push(x);
        }
        groups
    }

    fn check(&self, n: usize) -> Result<()> {
        if self.len() != n {
            return Err(Error::structure(
                Place::default(),
                format!("one group per value ({n} values, {} groups)", self.len()),
            ));
        }
        if self.n_groups() < 2 {
            return Err(Error::data(
                Place::default(),
                format!(
                    "a decomposition needs at least two groups, found only {}",
                    self.labels
                        .first()
                        .map_or("none".to_owned(), |l| format!("'{l}'"))
                ),
            ));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Theil

/// Theil T (GE(1)) or Theil L (GE(0)) of `values`.
///
/// # Formula
///
/// With μ the mean of the n values:
///
/// - T = (1/n) Σᵢ (yᵢ/μ) ln(yᵢ/μ) (Theil 1967), with 0 · ln 0 = 0;
/// - L = (1/n) Σᵢ ln(μ/yᵢ), the mean log deviation (Theil 1967; Shorrocks 1980, GE(0)).
///
/// Both are 0 when all values are equal; T ≤ ln n.
///
/// # Conventions
///
/// T accepts zeros (their term is the limit 0) and needs a positive mean; PySAL's
/// `inequality.theil.Theil` instead adds the smallest positive float to zeros, which gives the
/// same value. L needs positive values. At least two values. Errors name the 0-based position
/// of the first value outside the domain.
///
/// # References
///
/// Theil, H. (1967). *Economics and Information Theory*. North-Holland. Shorrocks, A. F.
/// (1980). The class of additively decomposable inequality measures. *Econometrica* 48(3),
/// 613–625. PySAL `inequality` package, `inequality.theil.Theil`.
pub fn theil(values: &[f64], index: TheilIndex) -> Result<f64> {
    let m = match index {
        TheilIndex::T => Measure::TheilT,
        TheilIndex::L => Measure::TheilL,
    };
    check_values(values, m.domain(), m.name())?;
    let mu = positive_mean(values, m.name())?;
    Ok(theil_unchecked(values, mu, index))
}

/// Theil of checked values with mean `mu` > 0.
fn theil_unchecked(values: &[f64], mu: f64, index: TheilIndex) -> f64 {
    let n = values.len() as f64;
    match index {
        TheilIndex::T => {
            values
                .iter()
                .filter(|&&y| y > 0.0)
                .map(|&y| (y / mu) * ln(y / mu))
                .sum::<f64>()
                / n
        }
        TheilIndex::L => values.iter().map(|&y| ln(mu / y)).sum::<f64>() / n,
    }
}

/// One group of a Theil decomposition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TheilGroup {
    /// Group label.
    pub label: String,
    /// Number of values in the group.
    pub n: usize,
    /// Group mean μ_g.
    pub mean: f64,
    /// n_g / n.
    pub population_share: f64,
    /// n_g μ_g / (n μ): the group's share of the total.
    pub income_share: f64,
    /// The group's own Theil index (0 for a group of T whose values are all zero).
    pub index: f64,
    /// The group's term of the within component: its weight (income share for T, population
    /// share for L) times its index.
    pub within_contribution: f64,
}

/// Theil index split into between-group and within-group inequality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TheilDecomposition {
    /// T or L.
    pub index: TheilIndex,
    /// The index over all values.
    pub total: f64,
    /// Inequality between group means.
    pub between: f64,
    /// Weighted sum of the groups' own indices.
    pub within: f64,
    /// Groups in sorted label order.
    pub groups: Vec<TheilGroup>,
    /// Number of values used.
    pub n: usize,
    /// Values skipped because they were missing (always 0 for the slice functions).
    pub skipped_missing: usize,
}

/// Theil T or L of `values` decomposed by the groups of `partition`.
///
/// # Formula
///
/// With group g holding n_g values of mean μ_g, population share p_g = n_g/n and income share
/// s_g = n_g μ_g/(n μ), both indices split exactly as total = between + within (Shorrocks
/// 1980):
///
/// - T: between = Σ_g s_g ln(μ_g/μ), within = Σ_g s_g T_g;
/// - L: between = Σ_g p_g ln(μ/μ_g), within = Σ_g p_g L_g.
///
/// `total` is computed over all values directly, so `between + within` equals it up to
/// rounding. T's between term is PySAL's `TheilD.bg` = Σ_g s_g ln(s_g n/n_g).
///
/// # Conventions
///
/// As [`theil`]; a group of T whose values are all zero has income share 0 and contributes
/// nothing (its own index is reported as 0: its values are all equal). Needs at least two
/// groups and one group per value.
///
/// # References
///
/// Theil (1967); Shorrocks (1980), *Econometrica* 48(3); PySAL `inequality` package,
/// `inequality.theil.TheilD` (Rey & Sastre Gutiérrez 2010, *Spatial Economic Analysis* 5).
pub fn theil_decomposition(
    values: &[f64],
    partition: &Partition,
    index: TheilIndex,
) -> Result<TheilDecomposition> {
    let total = theil(values, index)?;
    partition.check(values.len())?;
    let n = values.len() as f64;
    let mu = mean(values);
    let mut between = 0.0;
    let mut within = 0.0;
    let mut groups = Vec::with_capacity(partition.n_groups());
    for (label, ys) in partition.labels.iter().zip(partition.split(values)) {
        let n_g = ys.len();
        let mu_g = mean(&ys);
        let population_share = n_g as f64 / n;
        let income_share = population_share * mu_g / mu;
        let (own, weight, b) = match index {
            TheilIndex::T if mu_g > 0.0 => (
                theil_unchecked(&ys, mu_g, index),
                income_share,
                income_share * ln(mu_g / mu),
            ),
            TheilIndex::T => (0.0, 0.0, 0.0),
            TheilIndex::L => (
                theil_unchecked(&ys, mu_g, index),
                population_share,
                population_share * ln(mu / mu_g),
            ),
        };
        between += b;
        within += weight * own;
        groups.push(TheilGroup {
            label: label.clone(),
            n: n_g,
            mean: mu_g,
            population_share,
            income_share,
            index: own,
            within_contribution: weight * own,
        });
    }
    Ok(TheilDecomposition {
        index,
        total,
        between,
        within,
        groups,
        n: values.len(),
        skipped_missing: 0,
    })
}

// ---------------------------------------------------------------------------------------------
// Gini

/// Σᵢ Σⱼ |xᵢ − xⱼ| over ordered pairs of a sorted slice: 2 Σᵢ (2i − m − 1) x₍ᵢ₎ (1-based i).
fn sum_abs_diff_within(sorted: &[f64]) -> f64 {
    let m = sorted.len() as f64;
    2.0 * sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| (2.0 * (i as f64 + 1.0) - m - 1.0) * x)
        .sum::<f64>()
}

/// (Σ (aᵢ − bⱼ)₊, Σ (bⱼ − aᵢ)₊) over all pairs of two sorted slices, by a merge with prefix
/// sums instead of the n_a · n_b double loop.
fn sum_diff_between(a: &[f64], b: &[f64]) -> (f64, f64) {
    let mut prefix = Vec::with_capacity(b.len() + 1);
    prefix.push(0.0);
    for &x in b {
        prefix.push(prefix[prefix.len() - 1] + x);
    }
    let total_b = prefix[b.len()];
    let (mut above, mut below) = (0.0, 0.0);
    let mut c = 0;
    for &x in a {
        while c < b.len() && b[c] <= x {
            c += 1;
        }
        above += x * c as f64 - prefix[c];
        below += (total_b - prefix[c]) - x * (b.len() - c) as f64;
    }
    (above, below)
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Gini coefficient of `values`.
///
/// # Formula
///
/// G = Σᵢ Σⱼ |yᵢ − yⱼ| / (2 n² μ) = Σᵢ (2i − n − 1) y₍ᵢ₎ / (n² μ), with y₍ᵢ₎ sorted ascending
/// (half the relative mean difference). Divisor n², not n(n − 1): the units are the whole
/// population, as in PySAL's `inequality.gini.Gini` and Dagum (1997).
///
/// # Conventions
///
/// Values must be non-negative with a positive mean; at least two values. 0 when all values
/// are equal; at most (n − 1)/n.
///
/// # References
///
/// Dagum, C. (1997). A new approach to the decomposition of the Gini income inequality ratio.
/// *Empirical Economics* 22, 515–531. PySAL `inequality` package, `inequality.gini.Gini`.
pub fn gini(values: &[f64]) -> Result<f64> {
    let what = Measure::Gini.name();
    check_values(values, Measure::Gini.domain(), what)?;
    let mu = positive_mean(values, what)?;
    let n = values.len() as f64;
    Ok(sum_abs_diff_within(&sorted(values)) / (2.0 * n * n * mu))
}

/// One group of a Dagum decomposition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GiniGroup {
    /// Group label.
    pub label: String,
    /// Number of values in the group, n_j.
    pub n: usize,
    /// Group mean μ_j.
    pub mean: f64,
    /// p_j = n_j / n.
    pub population_share: f64,
    /// s_j = n_j μ_j / (n μ).
    pub income_share: f64,
    /// The group's own Gini G_jj (0 when its values are all zero).
    pub gini: f64,
}

/// A pair of groups in a Dagum decomposition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GiniPair {
    /// Label of the group with the larger mean (the first on ties).
    pub richer: String,
    /// Label of the other group.
    pub poorer: String,
    /// Between-group Gini G_jh = Σᵢ Σᵣ |y_ji − y_hr| / (n_j n_h (μ_j + μ_h)).
    pub gini: f64,
    /// Relative economic affluence D_jh = (d_jh − p_jh)/(d_jh + p_jh) in [0, 1].
    pub affluence: f64,
}

/// Gini coefficient split as Dagum (1997): within + net between + transvariation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GiniDecomposition {
    /// Gini over all values.
    pub total: f64,
    /// G_w: inequality inside the groups.
    pub within: f64,
    /// G_nb: net contribution of the gaps between groups.
    pub net_between: f64,
    /// G_t: transvariation, the overlap of the groups' distributions (pairs where a member of
    /// the poorer group has more than a member of the richer one).
    pub transvariation: f64,
    /// Groups in sorted label order.
    pub groups: Vec<GiniGroup>,
    /// Every pair of groups, in label order of the pair.
    pub pairs: Vec<GiniPair>,
    /// Number of values used.
    pub n: usize,
    /// Values skipped because they were missing (always 0 for the slice functions).
    pub skipped_missing: usize,
}

/// Gini coefficient of `values` decomposed by the groups of `partition` (Dagum 1997).
///
/// # Formula
///
/// With p_j = n_j/n, s_j = n_j μ_j/(n μ), the within-group Gini
/// G_jj = Σᵢ Σᵣ |y_ji − y_jr| / (2 n_j² μ_j) and the between-group Gini
/// G_jh = Σᵢ Σᵣ |y_ji − y_hr| / (n_j n_h (μ_j + μ_h)):
///
/// - G_w = Σ_j G_jj p_j s_j;
/// - G_nb = Σ_{j<h} G_jh (p_j s_h + p_h s_j) D_jh;
/// - G_t = Σ_{j<h} G_jh (p_j s_h + p_h s_j) (1 − D_jh);
///
/// where, ordering each pair so that μ_j ≥ μ_h, d_jh = Σᵢ Σᵣ (y_ji − y_hr)₊ / (n_j n_h) is the
/// gross economic affluence, p_jh = Σᵢ Σᵣ (y_hr − y_ji)₊ / (n_j n_h) the first-order moment of
/// transvariation, and D_jh = (d_jh − p_jh)/(d_jh + p_jh). G = G_w + G_nb + G_t exactly;
/// `total` is computed directly, so the three components sum to it up to rounding.
///
/// # Conventions
///
/// As [`gini`] (population divisor n²). A pair with d_jh + p_jh = 0 (both groups constant at
/// the same value) has G_jh = 0 and D_jh reported as 0. At least two groups.
///
/// # References
///
/// Dagum, C. (1997). A new approach to the decomposition of the Gini income inequality ratio.
/// *Empirical Economics* 22, 515–531. PySAL's `inequality` package has no Dagum
/// decomposition (only `Gini` and the neighbour-pair `Gini_Spatial`).
pub fn gini_decomposition(values: &[f64], partition: &Partition) -> Result<GiniDecomposition> {
    let total = gini(values)?;
    partition.check(values.len())?;
    let n = values.len() as f64;
    let mu = mean(values);
    let parts: Vec<Vec<f64>> = partition
        .split(values)
        .into_iter()
        .map(|g| sorted(&g))
        .collect();
    let mut groups = Vec::with_capacity(parts.len());
    let mut within = 0.0;
    for (label, ys) in partition.labels.iter().zip(&parts) {
        let n_j = ys.len() as f64;
        let mu_j = mean(ys);
        let p = n_j / n;
        let s = p * mu_j / mu;
        let g = if mu_j > 0.0 {
            sum_abs_diff_within(ys) / (2.0 * n_j * n_j * mu_j)
        } else {
            0.0
        };
        within += g * p * s;
        groups.push(GiniGroup {
            label: label.clone(),
            n: ys.len(),
            mean: mu_j,
            population_share: p,
            income_share: s,
            gini: g,
        });
    }
    let mut pairs = Vec::new();
    let (mut net_between, mut transvariation) = (0.0, 0.0);
    for j in 0..parts.len() {
        for h in j + 1..parts.len() {
            let (rich, poor) = if groups[j].mean >= groups[h].mean {
                (j, h)
            } else {
                (h, j)
            };
            let (above, below) = sum_diff_between(&parts[rich], &parts[poor]);
            let (gr, gp) = (&groups[rich], &groups[poor]);
            let pairs_n = (gr.n * gp.n) as f64;
            let (gini_jh, affluence) = if above + below > 0.0 {
                (
                    (above + below) / (pairs_n * (gr.mean + gp.mean)),
                    (above - below) / (above + below),
                )
            } else {
                (0.0, 0.0)
            };
            let weight =
                gr.population_share * gp.income_share + gp.population_share * gr.income_share;
            net_between += gini_jh * weight * affluence;
            transvariation += gini_jh * weight * (1.0 - affluence);
            pairs.push(GiniPair {
                richer: gr.label.clone(),
                poorer: gp.label.clone(),
                gini: gini_jh,
                affluence,
            });
        }
    }
    Ok(GiniDecomposition {
        total,
        within,
        net_between,
        transvariation,
        groups,
        pairs,
        n: values.len(),
        skipped_missing: 0,
    })
}

// ---------------------------------------------------------------------------------------------
// Dispersion

/// Coefficient of variation: standard deviation over mean.
///
/// # Formula
///
/// CV = s/μ with s² = Σ (yᵢ − μ)² / n ([`SdConvention::Population`], as
/// `scipy.stats.variation` by default and numpy's `std`) or / (n − 1)
/// ([`SdConvention::Sample`], as R's `sd`). Peers differ, so the convention is explicit.
///
/// # Conventions
///
/// Needs a positive mean and at least two values; sign of the values is otherwise free.
///
/// # References
///
/// Williamson, J. G. (1965). Regional inequality and the process of national development.
/// *Economic Development and Cultural Change* 13(4), 1–84 (CV as a measure of regional
/// disparity); scipy `scipy.stats.variation` for the convention.
pub fn coefficient_of_variation(values: &[f64], convention: SdConvention) -> Result<f64> {
    let m = Measure::CoefficientOfVariation(convention);
    check_values(values, m.domain(), m.name())?;
    let mu = positive_mean(values, m.name())?;
    Ok(sd(values, convention) / mu)
}

/// Standard deviation of the natural logs of `values`: the dispersion whose decline over time
/// is σ-convergence.
///
/// # Formula
///
/// σ = sqrt(Σ (ln yᵢ − m)² / d), m the mean of ln yᵢ, d = n (population) or n − 1 (sample).
/// Barro & Sala-i-Martin (1992) use the population form.
///
/// # Conventions
///
/// Needs positive values and at least two.
///
/// # References
///
/// Barro, R. J. & Sala-i-Martin, X. (1992). Convergence. *Journal of Political Economy* 100(2),
/// 223–251.
pub fn sd_of_logs(values: &[f64], convention: SdConvention) -> Result<f64> {
    let m = Measure::SdOfLogs(convention);
    check_values(values, m.domain(), m.name())?;
    let logs: Vec<f64> = values.iter().map(|&y| ln(y)).collect();
    Ok(sd(&logs, convention))
}

/// Any scalar [`Measure`] of `values`.
///
/// # Formula
///
/// As [`theil`], [`gini`], [`coefficient_of_variation`] or [`sd_of_logs`].
///
/// # References
///
/// Theil (1967); Shorrocks (1980); Dagum (1997); Barro & Sala-i-Martin (1992); PySAL
/// `inequality` package documentation.
pub fn measure(values: &[f64], measure: Measure) -> Result<f64> {
    match measure {
        Measure::TheilT => theil(values, TheilIndex::T),
        Measure::TheilL => theil(values, TheilIndex::L),
        Measure::Gini => gini(values),
        Measure::CoefficientOfVariation(c) => coefficient_of_variation(values, c),
        Measure::SdOfLogs(c) => sd_of_logs(values, c),
    }
}

// ---------------------------------------------------------------------------------------------
// Convergence

/// One period of a σ-convergence series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DispersionPoint {
    /// The year.
    pub year: i32,
    /// The dispersion measure in that year.
    pub value: f64,
    /// Number of values used.
    pub n: usize,
    /// Values skipped because they were missing.
    pub skipped_missing: usize,
}

/// Dispersion per year and its linear trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SigmaConvergence {
    /// The dispersion measure.
    pub measure: Measure,
    /// One point per year, ascending.
    pub series: Vec<DispersionPoint>,
    /// OLS of the dispersion on the year (slope per year; negative means σ-convergence);
    /// `None` with fewer than 3 years.
    pub trend: Option<Regression>,
}

/// σ-convergence: a dispersion measure for each year of a panel, and its trend.
///
/// # Formula
///
/// D_t = `measure`(y_·t) for each year t (typically the standard deviation of logs or the
/// coefficient of variation), then D_t = a + b t + e by OLS ([`linear_regression`]). σ-convergence
/// holds when dispersion falls: b < 0.
///
/// # Conventions
///
/// `panel` holds (year, values) with strictly increasing years. Each year's values follow the
/// measure's domain; a year with an error names the year. The trend is `None` with fewer than
/// three years.
///
/// # References
///
/// Barro, R. J. & Sala-i-Martin, X. (1992). Convergence. *Journal of Political Economy* 100(2),
/// 223–251; Sala-i-Martin, X. (1996). The classical approach to convergence analysis.
/// *Economic Journal* 106, 1019–1036.
pub fn sigma_convergence(panel: &[(i32, &[f64])], measure: Measure) -> Result<SigmaConvergence> {
    if panel.windows(2).any(|w| w[0].0 >= w[1].0) {
        return Err(Error::structure(
            Place::default(),
            "years in strictly increasing order",
        ));
    }
    let mut series = Vec::with_capacity(panel.len());
    for &(year, values) in panel {
        let value = self::measure(values, measure).map_err(|e| e.in_year(Some(year)))?;
        series.push(DispersionPoint {
            year,
            value,
            n: values.len(),
            skipped_missing: 0,
        });
    }
    finish_sigma(series, measure)
}

fn finish_sigma(series: Vec<DispersionPoint>, measure: Measure) -> Result<SigmaConvergence> {
    let trend = if series.len() >= MIN_REGRESSION {
        let years: Vec<f64> = series.iter().map(|p| f64::from(p.year)).collect();
        let values: Vec<f64> = series.iter().map(|p| p.value).collect();
        Some(linear_regression(&years, &values)?)
    } else {
        None
    };
    Ok(SigmaConvergence {
        measure,
        series,
        trend,
    })
}

/// β-convergence: the regression of average annual growth on the initial level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BetaConvergence {
    /// Years between the initial and the final observation, T.
    pub span: f64,
    /// OLS of ln(y_T/y_0)/T on ln(y_0); `slope` is β, convergence when β < 0.
    pub regression: Regression,
    /// Implied speed of convergence λ = −ln(1 + βT)/T per year; `None` unless β < 0 and
    /// 1 + βT > 0.
    pub speed: Option<f64>,
    /// ln 2 / λ, years to close half the gap to the steady state; `None` with `speed`.
    pub half_life: Option<f64>,
    /// Number of units used.
    pub n: usize,
    /// Units skipped because the initial or the final value was missing.
    pub skipped_missing: usize,
}

/// Absolute β-convergence between two cross-sections `span` years apart.
///
/// # Formula
///
/// gᵢ = ln(y_iT / y_i0) / T, then gᵢ = α + β ln(y_i0) + eᵢ by OLS ([`linear_regression`]).
/// In the Barro & Sala-i-Martin (1992) model β = −(1 − e^{−λT})/T, so the speed of convergence
/// is λ = −ln(1 + βT)/T and the half-life ln 2/λ; both are reported only when β < 0 and
/// 1 + βT > 0.
///
/// # Conventions
///
/// `initial[i]` and `last[i]` are the same unit; values must be positive, `span` positive and
/// finite, at least three units.
///
/// # References
///
/// Barro, R. J. & Sala-i-Martin, X. (1992). Convergence. *Journal of Political Economy* 100(2),
/// 223–251.
pub fn beta_convergence(initial: &[f64], last: &[f64], span: f64) -> Result<BetaConvergence> {
    if !(span.is_finite() && span > 0.0) {
        return Err(Error::value(
            Place::default(),
            "a positive number of years between the two cross-sections",
            &span.to_string(),
        ));
    }
    if initial.len() != last.len() {
        return Err(Error::structure(
            Place::default(),
            format!(
                "as many final as initial values ({} and {})",
                last.len(),
                initial.len()
            ),
        ));
    }
    let what = "β-convergence";
    check_values(initial, Domain::Positive, what)?;
    check_values(last, Domain::Positive, what)?;
    let x: Vec<f64> = initial.iter().map(|&y| ln(y)).collect();
    let g: Vec<f64> = initial
        .iter()
        .zip(last)
        .map(|(y0, y1)| ln(y1 / y0) / span)
        .collect();
    let regression = linear_regression(&x, &g)?;
    let beta = regression.slope;
    let speed = (beta < 0.0 && 1.0 + beta * span > 0.0).then(|| -(beta * span).ln_1p() / span);
    Ok(BetaConvergence {
        span,
        speed,
        half_life: speed.map(|l| std::f64::consts::LN_2 / l),
        n: regression.n,
        regression,
        skipped_missing: 0,
    })
}

// ---------------------------------------------------------------------------------------------
// Dataset convenience

/// A scalar measure of one variable in one period, with the number of values used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inequality {
    /// The measure.
    pub measure: Measure,
    /// Its value.
    pub value: f64,
    /// Number of values used.
    pub n: usize,
    /// Ranked units skipped because their value was missing.
    pub skipped_missing: usize,
}

/// Values of the ranked units of one variable and period.
struct Column {
    values: Vec<f64>,
    units: Vec<usize>,
    skipped_missing: usize,
    place: Place,
}

fn column(data: &Dataset, variable: usize, period: PeriodId) -> Result<Column> {
    let Some(name) = data.variables().get(variable) else {
        return Err(Error::spec(
            Place::default(),
            format!(
                "a variable index below {}, found {variable}",
                data.variables().len()
            ),
        ));
    };
    let Some(&year) = data.periods().get(period.index()) else {
        return Err(Error::spec(
            Place::of_indicator(name.as_str()),
            format!(
                "a period index below {}, found {}",
                data.periods().len(),
                period.index()
            ),
        ));
    };
    let place = Place::of_indicator(name.as_str()).year(year);
    let mut out = Column {
        values: Vec::new(),
        units: Vec::new(),
        skipped_missing: 0,
        place,
    };
    for (u, (unit, value)) in data
        .units()
        .iter()
        .zip(data.column(variable, period))
        .enumerate()
    {
        if !unit.is_ranked() {
            continue;
        }
        match value {
            Some(x) => {
                out.values.push(*x);
                out.units.push(u);
            }
            None => out.skipped_missing += 1,
        }
    }
    Ok(out)
}

/// Checks values taken from units of `data`, naming the unit of the first bad value.
fn check_units(
    data: &Dataset,
    values: &[f64],
    units: &[usize],
    place: &Place,
    skipped_missing: usize,
    domain: Domain,
    what: &str,
) -> Result<()> {
    if let Some(i) = values.iter().position(|&x| !domain.admits(x)) {
        return Err(Error::value(
            place.clone().unit(data.units()[units[i]].code.as_str()),
            domain.expected(what),
            &values[i].to_string(),
        ));
    }
    if values.len() < MIN_VALUES {
        return Err(Error::data(
            place.clone(),
            format!(
                "{what} needs at least {MIN_VALUES} values, found {} ({skipped_missing} missing values skipped)",
                values.len()
            ),
        ));
    }
    Ok(())
}

impl Column {
    fn check(&self, data: &Dataset, domain: Domain, what: &str) -> Result<()> {
        check_units(
            data,
            &self.values,
            &self.units,
            &self.place,
            self.skipped_missing,
            domain,
            what,
        )
    }

    /// Adds this column's place to errors from the slice functions.
    fn locate(&self, e: Error) -> Error {
        let mut place = e.place().clone();
        place.indicator = place.indicator.or_else(|| self.place.indicator.clone());
        place.year = place.year.or(self.place.year);
        Error::new(e.kind().clone(), place)
    }

    fn partition(&self, data: &Dataset, group: &str) -> Result<Partition> {
        let labels = data.group_labels(group).ok_or_else(|| {
            Error::spec(
                self.place.clone().column(group),
                "a group column of the data",
            )
        })?;
        let mut mine = Vec::with_capacity(self.units.len());
        for &u in &self.units {
            match labels[u] {
                Some(label) => mine.push(label),
                None => {
                    return Err(Error::data(
                        self.place
                            .clone()
                            .column(group)
                            .unit(data.units()[u].code.as_str()),
                        "a group label for every unit with a value",
                    ))
                }
            }
        }
        let partition = Partition::from_labels(&mine);
        if partition.n_groups() < 2 {
            return Err(Error::data(
                self.place.clone().column(group),
                format!(
                    "at least two groups among the units with a value, found only {}",
                    partition
                        .labels
                        .first()
                        .map_or("none".to_owned(), |l| format!("'{l}'"))
                ),
            ));
        }
        Ok(partition)
    }
}

/// Any scalar [`Measure`] of variable `variable` in period `period` (indices into
/// [`Dataset::variables`] and [`Dataset::periods`]).
///
/// # Formula
///
/// As [`measure`], over the ranked units ([`crate::Unit::is_ranked`]) with a value.
///
/// # Conventions
///
/// Reference rows (`uType` aggregate) are left out; missing values are skipped and counted in
/// `skipped_missing`. Errors name the variable, year and the offending unit.
///
/// # References
///
/// Theil (1967); Shorrocks (1980); Dagum (1997); Barro & Sala-i-Martin (1992); PySAL
/// `inequality` package documentation.
pub fn measure_of(
    data: &Dataset,
    variable: usize,
    period: PeriodId,
    measure: Measure,
) -> Result<Inequality> {
    let col = column(data, variable, period)?;
    col.check(data, measure.domain(), measure.name())?;
    let value = self::measure(&col.values, measure).map_err(|e| col.locate(e))?;
    Ok(Inequality {
        measure,
        value,
        n: col.values.len(),
        skipped_missing: col.skipped_missing,
    })
}

/// Theil T or L of one variable and period, decomposed by the group column `group`.
///
/// # Formula
///
/// As [`theil_decomposition`], over the ranked units with a value.
///
/// # Conventions
///
/// As [`measure_of`]. Errors when `group` is not a group column, when a unit with a value has
/// no label in it, or when fewer than two groups remain.
///
/// # References
///
/// Theil (1967); Shorrocks (1980); PySAL `inequality` package, `inequality.theil.TheilD`.
pub fn theil_by_group(
    data: &Dataset,
    variable: usize,
    period: PeriodId,
    group: &str,
    index: TheilIndex,
) -> Result<TheilDecomposition> {
    let col = column(data, variable, period)?;
    let m = match index {
        TheilIndex::T => Measure::TheilT,
        TheilIndex::L => Measure::TheilL,
    };
    col.check(data, m.domain(), m.name())?;
    let partition = col.partition(data, group)?;
    let mut out = theil_decomposition(&col.values, &partition, index).map_err(|e| col.locate(e))?;
    out.skipped_missing = col.skipped_missing;
    Ok(out)
}

/// Gini coefficient of one variable and period with Dagum's decomposition by the group
/// column `group`.
///
/// # Formula
///
/// As [`gini_decomposition`], over the ranked units with a value.
///
/// # Conventions
///
/// As [`theil_by_group`].
///
/// # References
///
/// Dagum, C. (1997). *Empirical Economics* 22, 515–531; PySAL `inequality` package,
/// `inequality.gini.Gini` for the total.
pub fn gini_by_group(
    data: &Dataset,
    variable: usize,
    period: PeriodId,
    group: &str,
) -> Result<GiniDecomposition> {
    let col = column(data, variable, period)?;
    col.check(data, Measure::Gini.domain(), Measure::Gini.name())?;
    let partition = col.partition(data, group)?;
    let mut out = gini_decomposition(&col.values, &partition).map_err(|e| col.locate(e))?;
    out.skipped_missing = col.skipped_missing;
    Ok(out)
}

fn years_of(data: &Dataset, variable: usize) -> Result<Vec<i32>> {
    let mut years = Vec::with_capacity(data.periods().len());
    for period in data.periods() {
        let Some(year) = period else {
            let mut place = Place::default().column("Time");
            place.indicator = data.variables().get(variable).cloned();
            return Err(Error::spec(
                place,
                "a panel with a Time (year) column for convergence analysis",
            ));
        };
        years.push(*year);
    }
    Ok(years)
}

/// σ-convergence of one variable over the periods `periods` of a panel (all of them with
/// `PeriodId::new(0)..=data.last_period()`).
///
/// # Formula
///
/// As [`sigma_convergence`], each year over the ranked units with a value in that year (the
/// set of units may change from year to year; each point reports its own `n` and
/// `skipped_missing`).
///
/// # Conventions
///
/// Needs a panel with years. Errors name the variable, year and unit.
///
/// # References
///
/// Barro & Sala-i-Martin (1992), *Journal of Political Economy* 100(2), 223–251.
pub fn sigma_convergence_of(
    data: &Dataset,
    variable: usize,
    periods: std::ops::RangeInclusive<PeriodId>,
    measure: Measure,
) -> Result<SigmaConvergence> {
    let years = years_of(data, variable)?;
    let mut series = Vec::with_capacity(years.len());
    for (period, &year) in data.period_ids().zip(&years) {
        if !periods.contains(&period) {
            continue;
        }
        let col = column(data, variable, period)?;
        col.check(data, measure.domain(), measure.name())?;
        let value = self::measure(&col.values, measure).map_err(|e| col.locate(e))?;
        series.push(DispersionPoint {
            year,
            value,
            n: col.values.len(),
            skipped_missing: col.skipped_missing,
        });
    }
    finish_sigma(series, measure)
}

/// β-convergence of one variable between periods `first` and `last` (indices into
/// [`Dataset::periods`]), T = year(last) − year(first).
///
/// # Formula
///
/// As [`beta_convergence`], over the ranked units with values in both periods.
///
/// # Conventions
///
/// A unit missing either value is skipped and counted in `skipped_missing`. Needs a panel with
/// years and `first` before `last`.
///
/// # References
///
/// Barro & Sala-i-Martin (1992), *Journal of Political Economy* 100(2), 223–251.
pub fn beta_convergence_of(
    data: &Dataset,
    variable: usize,
    first: PeriodId,
    last: PeriodId,
) -> Result<BetaConvergence> {
    let years = years_of(data, variable)?;
    let start = column(data, variable, first)?;
    let end = column(data, variable, last)?;
    let (y0, y1) = (years[first.index()], years[last.index()]);
    if y1 <= y0 {
        return Err(Error::spec(
            end.place.clone(),
            format!("a final year after the initial year {y0}"),
        ));
    }
    let mut initial = Vec::new();
    let mut final_ = Vec::new();
    let mut units = Vec::new();
    let mut skipped_missing = 0;
    for (u, (unit, (a, b))) in data
        .units()
        .iter()
        .zip(
            data.column(variable, first)
                .iter()
                .zip(data.column(variable, last)),
        )
        .enumerate()
    {
        if !unit.is_ranked() {
            continue;
        }
        match (a, b) {
            (Some(a), Some(b)) => {
                initial.push(*a);
                final_.push(*b);
                units.push(u);
            }
            _ => skipped_missing += 1,
        }
    }
    for (values, col) in [(&initial, &start), (&final_, &end)] {
        check_units(
            data,
            values,
            &units,
            &col.place,
            skipped_missing,
            Domain::Positive,
            "β-convergence",
        )?;
    }
    let mut out =
        beta_convergence(&initial, &final_, f64::from(y1 - y0)).map_err(|e| start.locate(e))?;
    out.skipped_missing = skipped_missing;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unit::{Unit, UnitCode, UnitKind};

    /// Closed forms and sums of a handful of terms: agreement to rounding.
    const EXACT: f64 = 1e-14;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1.0)
    }

    #[test]
    fn theil_of_two_values_by_hand() {
        // y = (1, 3): μ = 2, T = ½[½ ln ½ + 3/2 ln 3/2], L = ½[ln 2 + ln 2/3].
        let t = theil(&[1.0, 3.0], TheilIndex::T).unwrap();
        let l = theil(&[1.0, 3.0], TheilIndex::L).unwrap();
        assert!(close(
            t,
            0.5 * (0.5 * 0.5f64.ln() + 1.5 * 1.5f64.ln()),
            EXACT
        ));
        assert!(close(l, 0.5 * (2f64.ln() + (2.0f64 / 3.0).ln()), EXACT));
        assert_eq!(theil(&[4.0, 4.0, 4.0], TheilIndex::T).unwrap(), 0.0);
    }

    #[test]
    fn theil_t_of_a_single_earner_is_ln_n() {
        let t = theil(&[0.0, 0.0, 0.0, 5.0], TheilIndex::T).unwrap();
        assert!(close(t, 4f64.ln(), EXACT));
        assert!(theil(&[0.0, 5.0], TheilIndex::L).is_err());
    }

    #[test]
    fn theil_decompositions_by_hand_and_sum_to_total() {
        // Groups a = {1, 3} (μ 2), b = {4, 8} (μ 6); μ = 4, p = ½, s_a = ¼, s_b = ¾.
        let y = [1.0, 3.0, 4.0, 8.0];
        let part = Partition::from_labels(&["a", "a", "b", "b"]);
        let t = theil_decomposition(&y, &part, TheilIndex::T).unwrap();
        let between_t = 0.25 * 0.5f64.ln() + 0.75 * 1.5f64.ln();
        assert!(close(t.between, between_t, EXACT));
        let t_a = theil(&[1.0, 3.0], TheilIndex::T).unwrap();
        let t_b = theil(&[4.0, 8.0], TheilIndex::T).unwrap();
        assert!(close(t.within, 0.25 * t_a + 0.75 * t_b, EXACT));
        assert!(close(t.between + t.within, t.total, EXACT));

        let l = theil_decomposition(&y, &part, TheilIndex::L).unwrap();
        let between_l = 0.5 * 2f64.ln() + 0.5 * (4.0f64 / 6.0).ln();
        assert!(close(l.between, between_l, EXACT));
        assert!(close(l.between + l.within, l.total, EXACT));
        assert_eq!(l.groups[1].label, "b");
        assert!(close(l.groups[1].income_share, 0.75, EXACT));
    }

    #[test]
    fn partitions_by_id_and_label_agree_and_ignore_row_order() {
        let y = [1.0, 3.0, 4.0, 8.0, 2.0];
        let a = theil_decomposition(&y, &Partition::from_ids(&[7, 7, 2, 2, 7]), TheilIndex::T);
        let y_rev = [2.0, 8.0, 4.0, 3.0, 1.0];
        let b = theil_decomposition(
            &y_rev,
            &Partition::from_labels(&["7", "2", "2", "7", "7"]),
            TheilIndex::T,
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert_eq!(a.groups[0].label, "2");
        assert!(close(a.between, b.between, EXACT));
        assert!(close(a.within, b.within, EXACT));
    }

    #[test]
    fn one_group_and_ragged_partitions_are_errors() {
        let y = [1.0, 2.0];
        let one = theil_decomposition(&y, &Partition::from_ids(&[1, 1]), TheilIndex::T);
        assert!(one.unwrap_err().to_string().contains("only '1'"));
        assert!(gini_decomposition(&y, &Partition::from_ids(&[1])).is_err());
        assert!(theil(&[1.0], TheilIndex::T).is_err());
        assert!(gini(&[0.0, 0.0]).is_err());
        let neg = sd_of_logs(&[1.0, -2.0], SdConvention::Population).unwrap_err();
        assert!(neg.to_string().contains("position 1"), "{neg}");
    }

    #[test]
    fn gini_by_hand() {
        // (1, 2, 3, 4): Σ|yᵢ − yⱼ| = 2·(1+2+3+1+2+1) = 20, μ = 2.5, G = 20/(2·16·2.5) = 0.25.
        assert!(close(gini(&[4.0, 1.0, 3.0, 2.0]).unwrap(), 0.25, EXACT));
        assert!(close(gini(&[0.0, 0.0, 0.0, 1.0]).unwrap(), 0.75, EXACT));
        assert_eq!(gini(&[3.0, 3.0]).unwrap(), 0.0);
    }

    #[test]
    fn dagum_by_hand() {
        // a = {1, 5} (μ 3), b = {2, 6, 10} (μ 6); n = 5, μ = 24/5.
        // G_aa = 8/(2·4·3) = 1/3; G_bb = 2(4+8+4)/(2·9·6) = 32/108.
        // Pairs b − a: 1, 5, 9, −3, 1, 5 → d = 21/6, p = 3/6; G_ab = 24/(6·9) = 4/9;
        // D = (21 − 3)/(21 + 3) = 3/4.
        let y = [1.0, 2.0, 5.0, 6.0, 10.0];
        let part = Partition::from_labels(&["a", "b", "a", "b", "b"]);
        let d = gini_decomposition(&y, &part).unwrap();
        let (p_a, p_b) = (0.4, 0.6);
        let (s_a, s_b) = (6.0 / 24.0, 18.0 / 24.0);
        let within = (1.0 / 3.0) * p_a * s_a + (32.0 / 108.0) * p_b * s_b;
        let g_ab = 4.0 / 9.0;
        let w = p_a * s_b + p_b * s_a;
        assert!(close(d.within, within, EXACT));
        assert!(close(d.net_between, g_ab * w * 0.75, EXACT));
        assert!(close(d.transvariation, g_ab * w * 0.25, EXACT));
        assert_eq!(d.pairs[0].richer, "b");
        assert!(close(d.pairs[0].affluence, 0.75, EXACT));
        assert!(close(d.pairs[0].gini, g_ab, EXACT));
        // G over all: Σ_{i<j}|·| = 1+4+5+9+3+4+8+1+5+4 = 44, G = 88/(2·25·4.8).
        assert!(close(d.total, 88.0 / 240.0, EXACT));
        assert!(close(
            d.within + d.net_between + d.transvariation,
            d.total,
            EXACT
        ));
    }

    #[test]
    fn dagum_of_separated_groups_has_no_transvariation() {
        let y = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 20.0];
        let part = Partition::from_ids(&[0, 0, 0, 1, 1, 1, 2]);
        let d = gini_decomposition(&y, &part).unwrap();
        assert_eq!(d.transvariation, 0.0);
        assert!(d.pairs.iter().all(|p| p.affluence == 1.0));
        assert!(close(d.within + d.net_between, d.total, EXACT));
    }

    #[test]
    fn cv_and_sd_of_logs_by_hand() {
        // (2, 4, 6): μ 4, Σ(y − μ)² = 8.
        let pop = coefficient_of_variation(&[2.0, 4.0, 6.0], SdConvention::Population).unwrap();
        let smp = coefficient_of_variation(&[2.0, 4.0, 6.0], SdConvention::Sample).unwrap();
        assert!(close(pop, (8.0f64 / 3.0).sqrt() / 4.0, EXACT));
        assert!(close(smp, 2.0 / 4.0, EXACT));
        let e = std::f64::consts::E;
        let s = sd_of_logs(&[1.0, e * e], SdConvention::Population).unwrap();
        assert!(close(s, 1.0, EXACT));
    }

    #[test]
    fn beta_speed_inverts_the_model() {
        // Exact model g = −(1 − e^{−λT})/T · ln y0 + const: the recovered λ is the true one.
        let (lambda, span) = (0.02f64, 20.0);
        let beta = -(1.0 - (-lambda * span).exp()) / span;
        let y0 = [1.0, 2.0, 4.0, 8.0, 16.0];
        let y1: Vec<f64> = y0
            .iter()
            .map(|&y: &f64| y * (span * (0.01 + beta * y.ln())).exp())
            .collect();
        let b = beta_convergence(&y0, &y1, span).unwrap();
        assert!(close(b.regression.slope, beta, EXACT));
        assert!(close(b.speed.unwrap(), lambda, 1e-12));
        assert!(close(b.half_life.unwrap(), 2f64.ln() / lambda, 1e-10));
        let diverging = beta_convergence(&[1.0, 2.0, 4.0], &[1.0, 4.0, 17.0], 10.0).unwrap();
        assert_eq!((diverging.speed, diverging.half_life), (None, None));
    }

    fn panel() -> Dataset {
        let mut units = Vec::new();
        for (code, region, kind) in [
            ("A", "north", UnitKind::Unit),
            ("B", "north", UnitKind::Unit),
            ("C", "south", UnitKind::Unit),
            ("D", "south", UnitKind::Unit),
            ("N", "all", UnitKind::Aggregate),
        ] {
            let mut u = Unit::new(UnitCode::new(code).unwrap(), code);
            u.groups.insert("region".into(), region.into());
            u.kind = kind;
            units.push(u);
        }
        let values = vec![
            // 2000
            Some(10.0),
            Some(20.0),
            Some(5.0),
            None,
            Some(1.0),
            // 2010
            Some(12.0),
            Some(22.0),
            Some(9.0),
            Some(7.0),
            Some(-1.0),
            // 2020
            Some(14.0),
            Some(23.0),
            Some(12.0),
            Some(10.0),
            Some(0.0),
        ];
        Dataset::new(
            units,
            vec![Some(2000), Some(2010), Some(2020)],
            vec!["gdp".into()],
            vec![values],
        )
        .unwrap()
    }

    #[test]
    fn dataset_functions_skip_reference_rows_and_count_missing() {
        let data = panel();
        let g = measure_of(&data, 0, PeriodId::new(0), Measure::Gini).unwrap();
        assert_eq!((g.n, g.skipped_missing), (3, 1));
        assert!(close(g.value, gini(&[10.0, 20.0, 5.0]).unwrap(), EXACT));
        let t = theil_by_group(&data, 0, PeriodId::new(1), "region", TheilIndex::L).unwrap();
        assert_eq!((t.n, t.skipped_missing), (4, 0));
        let sigma = sigma_convergence_of(
            &data,
            0,
            PeriodId::new(0)..=data.last_period(),
            Measure::SdOfLogs(SdConvention::Sample),
        );
        let sigma = sigma.unwrap();
        assert_eq!(sigma.series[0].skipped_missing, 1);
        assert!(sigma.trend.unwrap().slope < 0.0);
        let beta = beta_convergence_of(&data, 0, PeriodId::new(0), PeriodId::new(2)).unwrap();
        assert_eq!((beta.n, beta.skipped_missing, beta.span), (3, 1, 20.0));
    }

    #[test]
    fn dataset_errors_name_column_unit_and_year() {
        let data = panel();
        let unknown =
            theil_by_group(&data, 0, PeriodId::new(0), "province", TheilIndex::T).unwrap_err();
        assert!(
            unknown.to_string().contains("column 'province'"),
            "{unknown}"
        );
        let one = gini_by_group(&data, 0, PeriodId::new(0), "region");
        assert!(one.is_ok());
        let mut single = data.clone();
        let mut units = single.units().to_vec();
        for u in &mut units {
            u.groups.insert("region".into(), "all".into());
        }
        single = Dataset::new(
            units,
            single.periods().to_vec(),
            single.variables().to_vec(),
            vec![single.panel_column(0).to_vec()],
        )
        .unwrap();
        let one = gini_by_group(&single, 0, PeriodId::new(0), "region").unwrap_err();
        assert!(one.to_string().contains("only 'all'"), "{one}");
        assert!(one.to_string().contains("year 2000"), "{one}");
        // Two values left after skipping: fine for Gini, but Theil L on a zero value names it.
        let mut zero = data.clone();
        zero.set_column(
            0,
            PeriodId::new(2),
            &[Some(0.0), Some(1.0), Some(1.0), Some(1.0), None],
        );
        let e = measure_of(&zero, 0, PeriodId::new(2), Measure::TheilL).unwrap_err();
        assert!(e.to_string().contains("unit 'A'"), "{e}");
        assert!(e.to_string().contains("year 2020"), "{e}");
        assert!(measure_of(&data, 3, PeriodId::new(0), Measure::Gini).is_err());
        assert!(beta_convergence_of(&data, 0, PeriodId::new(2), PeriodId::new(0)).is_err());
    }
}
