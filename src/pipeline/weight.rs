//! Weights: explicit, equal, or derived from the data (entropy, CRITIC, coefficient of
//! variation, standard deviation, PCA).
//!
//! Conventions shared by the data-driven methods ([`Weighting::from_data`] and the functions
//! it dispatches to, which the MCDA code can call directly):
//! - `columns` holds one slice per child (criterion), all of the same length `m`: the units
//!   with every child present. A panel pooled over `T` periods simply passes `m·T` rows, and
//!   every formula treats them as `m·T` units (entropy then uses `k = 1 / ln(m·T)`).
//! - At least 2 rows and finite values are required. A node with a single child gets weight 1
//!   whatever the method.
//! - Data a method cannot handle (a constant column where it divides by the range or the
//!   standard deviation, a non-positive mean for the coefficient of variation, a negative or
//!   all-zero column for raw entropy proportions) is a [`ErrorKind::Data`] error naming the
//!   node and the 1-based position of the child. No method returns NaN.
//! - The weights are ≥ 0 and sum to 1.
//!
//! The conventions reproduce the numbers published with the cases that the peer libraries
//! pymcdm, pyrepo-mcda and scikit-criteria test against; `data/mcdm/` holds those inputs
//! (`tests/data/mcdm/` the OECD Handbook's PCA example), and `tests/reference/mcdm_weights.py`
//! writes the expected values.
//!
//! [`ErrorKind::Data`]: crate::error::ErrorKind::Data

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::error::Shown;
use crate::error::{Error, Place, Result};
use crate::linalg::{symmetric_eigen, varimax};
use crate::math::ln;
use crate::model::indicator::Direction;
use crate::stats::{self, SdConvention};

/// Default shift of [`EntropyConvention::ShiftedMinMax`], added to the min-max normalised
/// values: SPSSAU's entropy method applies a "non-negative shift" of `|min| + 0.01`, which is
/// `+0.01` on min-max output.
pub const DEFAULT_ENTROPY_SHIFT: f64 = 0.01;

/// Share of the variance each retained component must explain under
/// [`PcaRetention::Handbook`] (OECD/JRC Handbook, 2008, section 6.1, criterion (ii)).
const HANDBOOK_MIN_SHARE: f64 = 0.10;

/// Cumulative share of the variance the retained components must reach under
/// [`PcaRetention::Handbook`] (criterion (iii)).
const HANDBOOK_MIN_CUMULATIVE: f64 = 0.60;

/// CRITIC treats `1 − ρ` below this as 0, so that children identical up to a positive
/// linear map have no conflict instead of one made of rounding noise.
const CRITIC_CONFLICT_TOL: f64 = 1e-12;

/// How the weights of a node's children are set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum Weighting {
    /// The `Weight` column of iMeta.
    #[default]
    Meta,
    /// Every child weighs the same.
    Equal,
    /// Weights by child code; every child must be named.
    Explicit {
        /// Child code → weight (finite, ≥ 0).
        weights: BTreeMap<String, f64>,
    },
    /// Shannon entropy weights: a child whose values are spread unevenly over the units carries
    /// more information and gets more weight. See [`entropy_weights`].
    ///
    /// # Formula
    /// With `r_ij` the values the convention prescribes (raw or shifted min-max) and `m` rows:
    /// `p_ij = r_ij / Σ_i r_ij`, `e_j = −(1 / ln m) Σ_i p_ij ln p_ij`, `d_j = 1 − e_j`,
    /// `w_j = d_j / Σ_k d_k`.
    ///
    /// Hwang, C.-L. & Yoon, K. (1981), *Multiple Attribute Decision Making*, Springer
    /// (entropy method); conventions in [`EntropyConvention`].
    Entropy {
        /// Which published convention.
        #[serde(default)]
        convention: EntropyConvention,
        /// Shift added to the min-max normalised values of
        /// [`EntropyConvention::ShiftedMinMax`] (default [`DEFAULT_ENTROPY_SHIFT`]); finite and
        /// ≥ 0. Not allowed with the raw conventions, which have nothing to shift.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shift: Option<f64>,
    },
    /// CRITIC (Diakoulaki et al. 1995): contrast intensity times conflict with the other
    /// children. See [`critic_weights`].
    ///
    /// # Formula
    /// `r_ij = (x_ij − min_j) / (max_j − min_j)`, `σ_j` = standard deviation of `r_j`,
    /// `ρ_jk` = Pearson correlation of `r_j` and `r_k`, `C_j = σ_j Σ_k (1 − ρ_jk)`,
    /// `w_j = C_j / Σ_k C_k`.
    ///
    /// Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995), Determining objective weights
    /// in multiple criteria problems: the CRITIC method, *Computers & Operations Research*
    /// 22(7), 763–770.
    Critic {
        /// Normalise "lower is better" children as `(max − x) / (max − min)` (scikit-criteria's
        /// choice). Off by default: the original paper, pymcdm and pyrepo-mcda treat every
        /// column as "higher is better", and the published weights of Tuş & Aytaç Adalı
        /// (2019) are only reproduced that way.
        #[serde(default)]
        invert_cost: bool,
    },
    /// Coefficient of variation of the raw columns. See [`coefficient_of_variation_weights`].
    ///
    /// # Formula
    /// `v_j = s_j / mean_j`, `w_j = v_j / Σ_k v_k` (the ddof of `s` cancels).
    ///
    /// Shuai, D., Zongzhun, Z., Yongji, W. & Lei, L. (2012), A new angular method to determine
    /// the objective weights, *24th Chinese Control and Decision Conference*, 3889–3892.
    CoefficientOfVariation,
    /// Standard deviation of the raw columns. See [`standard_deviation_weights`].
    ///
    /// # Formula
    /// `w_j = s_j / Σ_k s_k` (the ddof of `s` cancels).
    ///
    /// Jahan, A. & Edwards, K. L. (2013), Weighting of dependent and target-based criteria for
    /// optimal decision-making in materials selection process, *Materials & Design* 49,
    /// 1000–1008.
    StandardDeviation,
    /// PCA weights (OECD/JRC Handbook, 2008, section 6.1). See [`pca_weights`].
    ///
    /// # Formula
    /// Eigen-decompose the correlation matrix, keep `K` components ([`PcaRetention`]),
    /// loadings `L_jf = v_jf √λ_f`, varimax rotation, `ssl_f = Σ_j L_jf²`; child `j` takes the
    /// factor `f*` with the largest `L_jf² / ssl_f` and gets
    /// `w_j ∝ (L_jf*² / ssl_f*) · (ssl_f* / Σ_g ssl_g)`, normalised to sum 1.
    ///
    /// OECD/JRC (2008), *Handbook on Constructing Composite Indicators*, section 6.1 and
    /// Tables 16–18; Nicoletti, G., Scarpetta, S. & Boylaud, O. (2000), OECD Economics
    /// Department Working Paper 226.
    Pca {
        /// How many components to keep.
        #[serde(default)]
        retention: PcaRetention,
    },
}

/// The entropy conventions found in the literature.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EntropyConvention {
    /// Proportions of the raw values, `k = 1 / ln m`, and `0 · ln 0 = 0` term by term
    /// (pyrepo-mcda; scikit-criteria's base-`m` entropy is the same). Directions are ignored.
    /// This reproduces the published weights of Elsayed et al. (2017), Xu (2004) and
    /// Ersoy (2021).
    ///
    /// # Formula
    /// `p_ij = x_ij / Σ_i x_ij`, `e_j = −(1 / ln m) Σ_{i: p_ij > 0} p_ij ln p_ij`.
    ///
    /// Needs `x ≥ 0` and a non-zero column sum. A constant column has `e_j = 1` and weight 0
    /// (up to rounding; `d_j` is clamped at 0).
    #[default]
    RawProportions,
    /// As [`EntropyConvention::RawProportions`], but a column holding any zero gets `e_j = 0`
    /// and so the largest possible `d_j = 1`: the rule of earlier pymcdm releases
    /// (`if np.any(col == 0): entropies[i] = 0`, as at the commit the peer tests were taken
    /// from; pymcdm 1.4.0 rejects zeros instead). The
    /// published cases hold no zero, so they cannot tell the two rules apart.
    ///
    /// # Formula
    /// `e_j = 0` if some `x_ij = 0`, else `e_j = −(1 / ln m) Σ_i p_ij ln p_ij`.
    ///
    /// pymcdm (Kizielewicz, Shekhovtsov & Sałabun 2023, *SoftwareX* 22, 101368),
    /// `weights.entropy_weights`.
    RawProportionsZeroColumnMaxWeight,
    /// Min-max normalisation that respects the direction, shifted away from zero, then the
    /// same entropy: the convention common in Chinese provincial studies, where indicators
    /// mix signs and directions.
    ///
    /// # Formula
    /// `r_ij = (x_ij − min_j) / (max_j − min_j) + shift` for "higher is better" and
    /// `r_ij = (max_j − x_ij) / (max_j − min_j) + shift` for "lower is better";
    /// `p_ij = r_ij / Σ_i r_ij`, `e_j = −(1 / ln m) Σ_i p_ij ln p_ij`.
    ///
    /// The default `shift` is 0.01: SPSSAU's entropy method (<https://www.spssau.net/helps/entropy.html>)
    /// shifts by `|min| + 0.01`, i.e. `+0.01` on min-max output. Studies differ (`+0.0001`,
    /// or rescaling to `[0.01, 0.99]` or `[0.0001, 0.9999]`); since proportions ignore a
    /// common factor, rescaling to `[a, b]` equals `shift = a / (b − a)`. A constant column has
    /// no information and gets weight 0.
    ShiftedMinMax,
}

/// How many principal components [`Weighting::Pca`] keeps.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PcaRetention {
    /// The components that each explain more than 10% of the variance, then more until they
    /// explain at least 60% together (at least one). The Handbook lists these with
    /// "eigenvalue > 1", but its own TAI example keeps four components whose third and fourth
    /// eigenvalues are 0.98 and 0.89, each above 10%: this rule reproduces that choice.
    #[default]
    Handbook,
    /// Kaiser's criterion: the components with eigenvalue > 1 (at least one).
    EigenvalueAboveOne,
}

impl Weighting {
    /// True for methods that need the data (the plan computes them at run time).
    pub fn is_data_driven(&self) -> bool {
        matches!(
            self,
            Weighting::Entropy { .. }
                | Weighting::Critic { .. }
                | Weighting::CoefficientOfVariation
                | Weighting::StandardDeviation
                | Weighting::Pca { .. }
        )
    }

    /// Data-driven weights from `columns` (one slice per child, all of the same length: the
    /// units with every child present, pooled over periods when asked). Returns weights
    /// summing to 1. `directions` gives each child's direction for the methods that use it
    /// (shifted min-max entropy, CRITIC with `invert_cost`).
    ///
    /// # Formula
    /// The formula of each method is on its variant; the conventions shared by all of them
    /// (minimum rows, single child, degenerate data) are in the [module documentation](self).
    ///
    /// # Errors
    /// A spec error for [`Weighting::Meta`], [`Weighting::Equal`] and [`Weighting::Explicit`],
    /// which do not use data, and for an entropy `shift` that is negative, not finite or given
    /// with a raw convention; a data error naming `node` and the child for data the method
    /// cannot weigh.
    pub fn from_data(
        &self,
        node: &str,
        columns: &[&[f64]],
        directions: &[Direction],
    ) -> Result<Vec<f64>> {
        match self {
            Weighting::Meta | Weighting::Equal | Weighting::Explicit { .. } => Err(Error::spec(
                Place::of_indicator(node),
                format!(
                    "weighting '{}' does not derive weights from data",
                    self.method_name()
                ),
            )),
            Weighting::Entropy { convention, shift } => {
                let shift = match (convention, shift) {
                    (EntropyConvention::ShiftedMinMax, shift) => {
                        shift.unwrap_or(DEFAULT_ENTROPY_SHIFT)
                    }
                    (_, None) => 0.0,
                    (_, Some(_)) => {
                        return Err(Error::spec(
                            Place::of_indicator(node),
                            "entropy 'shift' applies only to convention 'shifted_min_max'",
                        ))
                    }
                };
                entropy_weights(node, columns, directions, *convention, shift)
            }
            Weighting::Critic { invert_cost } => {
                critic_weights(node, columns, directions, *invert_cost)
            }
            Weighting::CoefficientOfVariation => coefficient_of_variation_weights(node, columns),
            Weighting::StandardDeviation => standard_deviation_weights(node, columns),
            Weighting::Pca { retention } => pca_weights(node, columns, *retention),
        }
    }

    /// The spec name of the method, for messages.
    fn method_name(&self) -> &'static str {
        match self {
            Weighting::Meta => "meta",
            Weighting::Equal => "equal",
            Weighting::Explicit { .. } => "explicit",
            Weighting::Entropy { .. } => "entropy",
            Weighting::Critic { .. } => "critic",
            Weighting::CoefficientOfVariation => "coefficient_of_variation",
            Weighting::StandardDeviation => "standard_deviation",
            Weighting::Pca { .. } => "pca",
        }
    }
}

/// Entropy weights of `columns` under `convention` (see [`Weighting::Entropy`]).
///
/// # Formula
/// `p_ij = r_ij / Σ_i r_ij`, `e_j = −(1 / ln m) Σ_i p_ij ln p_ij` (`0 · ln 0 = 0`),
/// `d_j = max(0, 1 − e_j)`, `w_j = d_j / Σ_k d_k`, where `r` is the raw column for the raw
/// conventions and the shifted, direction-aware min-max column for
/// [`EntropyConvention::ShiftedMinMax`] (`shift` is ignored otherwise).
///
/// Hwang & Yoon (1981); the conventions and their sources are on [`EntropyConvention`].
///
/// # Errors
/// Negative values or an all-zero column under a raw convention; a negative or non-finite
/// `shift`; every child without information (all `d_j = 0`); and the shared checks of the
/// [module documentation](self).
pub fn entropy_weights(
    node: &str,
    columns: &[&[f64]],
    directions: &[Direction],
    convention: EntropyConvention,
    shift: f64,
) -> Result<Vec<f64>> {
    let m = check_columns(node, columns)?;
    if convention == EntropyConvention::ShiftedMinMax {
        check_directions(node, columns, directions)?;
        if !(shift.is_finite() && shift >= 0.0) {
            return Err(Error::spec(
                Place::of_indicator(node),
                format!(
                    "entropy 'shift' must be finite and ≥ 0, found {}",
                    Shown(shift)
                ),
            ));
        }
    }
    if columns.len() == 1 {
        return Ok(vec![1.0]);
    }
    // m ≥ 2, so ln m > 0.
    let k = 1.0 / ln(m as f64);
    let mut shifted = vec![0.0; m];
    let mut divergence = Vec::with_capacity(columns.len());
    for (j, col) in columns.iter().enumerate() {
        let e = match convention {
            EntropyConvention::RawProportions
            | EntropyConvention::RawProportionsZeroColumnMaxWeight => {
                if let Some(i) = col.iter().position(|&x| x < 0.0) {
                    return Err(child_error(
                        node,
                        j,
                        format!(
                            "has the negative value {} in row {}; raw entropy proportions need \
                             values ≥ 0 (the 'shifted_min_max' convention accepts any sign)",
                            Shown(col[i]),
                            i + 1
                        ),
                    ));
                }
                let total = finite_sum(node, j, col)?;
                if total == 0.0 {
                    return Err(child_error(
                        node,
                        j,
                        "is zero for every unit; raw entropy proportions divide by its sum",
                    ));
                }
                if convention == EntropyConvention::RawProportionsZeroColumnMaxWeight
                    && col.contains(&0.0)
                {
                    0.0
                } else {
                    entropy(col, total, k)
                }
            }
            EntropyConvention::ShiftedMinMax => {
                let (lo, hi) = min_max(col);
                let range = finite_range(node, j, lo, hi)?;
                if range == 0.0 {
                    // Every unit gets the same shifted value: uniform proportions, e = 1.
                    1.0
                } else {
                    for (r, &x) in shifted.iter_mut().zip(col.iter()) {
                        let unit = match directions[j] {
                            Direction::Positive => (x - lo) / range,
                            Direction::Negative => (hi - x) / range,
                        };
                        *r = unit + shift;
                    }
                    // At least one unit scores 1 + shift, so the sum is positive and finite.
                    let total: f64 = shifted.iter().sum();
                    entropy(&shifted, total, k)
                }
            }
        };
        // Rounding can put e a hair above 1 for a constant column.
        divergence.push((1.0 - e).max(0.0));
    }
    normalise(
        node,
        divergence,
        "entropy: no child carries information (each is constant or evenly spread)",
    )
}

/// CRITIC weights (see [`Weighting::Critic`]).
///
/// # Formula
/// `r_ij = (x_ij − min_j) / (max_j − min_j)`, or `(max_j − x_ij) / (max_j − min_j)` for a
/// "lower is better" child when `invert_cost`; `σ_j` = sample standard deviation of `r_j`
/// (the ddof cancels); `ρ_jk` = Pearson correlation; `C_j = σ_j Σ_k (1 − ρ_jk)`;
/// `w_j = C_j / Σ_k C_k`. Negative raw values are fine.
///
/// Diakoulaki, Mavrotas & Papayannakis (1995), *Computers & Operations Research* 22(7),
/// 763–770; the cost inversion follows scikit-criteria's `CRITIC(scale=True)`.
///
/// # Errors
/// A constant child (zero range); children that are all perfectly positively correlated
/// (every `C_j = 0`); and the shared checks of the [module documentation](self).
pub fn critic_weights(
    node: &str,
    columns: &[&[f64]],
    directions: &[Direction],
    invert_cost: bool,
) -> Result<Vec<f64>> {
    let m = check_columns(node, columns)?;
    if invert_cost {
        check_directions(node, columns, directions)?;
    }
    if columns.len() == 1 {
        return Ok(vec![1.0]);
    }
    // Centred normalised columns, one after the other.
    let n = columns.len();
    let mut centred = Vec::with_capacity(n * m);
    let mut norm = Vec::with_capacity(n);
    for (j, col) in columns.iter().enumerate() {
        let (lo, hi) = min_max(col);
        let range = finite_range(node, j, lo, hi)?;
        if range == 0.0 {
            return Err(constant_error(
                node,
                j,
                col[0],
                "CRITIC divides by its range",
            ));
        }
        let invert = invert_cost && directions[j] == Direction::Negative;
        let start = centred.len();
        centred.extend(col.iter().map(|&x| {
            if invert {
                (hi - x) / range
            } else {
                (x - lo) / range
            }
        }));
        let r = &mut centred[start..];
        let mean = r.iter().sum::<f64>() / m as f64;
        r.iter_mut().for_each(|v| *v -= mean);
        norm.push(r.iter().map(|v| v * v).sum::<f64>().sqrt());
    }
    let dots = cross_products(&centred, n, m);
    let mut scores = Vec::with_capacity(n);
    for j in 0..n {
        let sd = norm[j] / ((m - 1) as f64).sqrt();
        let conflict: f64 = (0..n)
            .map(|k| {
                // norm > 0: the column spans [0, 1].
                let conflict = 1.0 - (dots[j * n + k] / (norm[j] * norm[k])).clamp(-1.0, 1.0);
                if conflict < CRITIC_CONFLICT_TOL {
                    0.0
                } else {
                    conflict
                }
            })
            .sum();
        scores.push(sd * conflict);
    }
    normalise(
        node,
        scores,
        "CRITIC: the children are perfectly positively correlated, so none conflicts with another",
    )
}

/// Columns whose cross products are accumulated together: independent sums that the
/// processor overlaps, where one sum waits for each addition.
const DOT_BLOCK: usize = 4;

/// The n × n matrix of cross products `Σ_i a_ij a_ik` of the `n` columns of length `m`
/// stored one after the other in `columns`, row-major.
///
/// Each product is summed over `i` in order from zero, as a plain loop would, so the bits do
/// not depend on the blocking; `a_ij a_ik = a_ik a_ij` exactly (IEEE 754 multiplication is
/// commutative), so the lower triangle is the upper one mirrored, and half the work.
fn cross_products(columns: &[f64], n: usize, m: usize) -> Vec<f64> {
    let column = |j: usize| &columns[j * m..(j + 1) * m];
    let mut dots = vec![0.0; n * n];
    for j in 0..n {
        let a = column(j);
        let mut k = j;
        while k + DOT_BLOCK <= n {
            let b: [&[f64]; DOT_BLOCK] = std::array::from_fn(|d| column(k + d));
            let mut sums = [0.0; DOT_BLOCK];
            for (i, &x) in a.iter().enumerate() {
                for (sum, b) in sums.iter_mut().zip(&b) {
                    *sum += x * b[i];
                }
            }
            for (d, sum) in sums.into_iter().enumerate() {
                dots[j * n + k + d] = sum;
                dots[(k + d) * n + j] = sum;
            }
            k += DOT_BLOCK;
        }
        for k in k..n {
            let sum = a.iter().zip(column(k)).fold(0.0, |s, (x, y)| s + x * y);
            dots[j * n + k] = sum;
            dots[k * n + j] = sum;
        }
    }
    dots
}

/// Standard-deviation weights (see [`Weighting::StandardDeviation`]).
///
/// # Formula
/// `w_j = s_j / Σ_k s_k` with `s_j` the sample standard deviation of the raw column (the ddof
/// cancels). A constant child gets weight 0.
///
/// Jahan & Edwards (2013), *Materials & Design* 49, 1000–1008.
///
/// # Errors
/// Every child constant; and the shared checks of the [module documentation](self).
pub fn standard_deviation_weights(node: &str, columns: &[&[f64]]) -> Result<Vec<f64>> {
    check_columns(node, columns)?;
    if columns.len() == 1 {
        return Ok(vec![1.0]);
    }
    let sds = columns
        .iter()
        .enumerate()
        .map(|(j, col)| sample_sd(node, j, col))
        .collect::<Result<Vec<_>>>()?;
    normalise(node, sds, "standard deviation: every child is constant")
}

/// Coefficient-of-variation weights (see [`Weighting::CoefficientOfVariation`]).
///
/// # Formula
/// `v_j = s_j / mean_j` of the raw column, `w_j = v_j / Σ_k v_k` (the ddof cancels;
/// sum-normalising the column first does not change `v_j`). A constant child gets weight 0.
///
/// Shuai et al. (2012), *24th Chinese Control and Decision Conference*, 3889–3892.
///
/// # Errors
/// A child whose mean is ≤ 0 (the coefficient of variation is defined for ratio-scale data
/// with a positive mean; peers return a negative or infinite weight); every child constant;
/// and the shared checks of the [module documentation](self).
pub fn coefficient_of_variation_weights(node: &str, columns: &[&[f64]]) -> Result<Vec<f64>> {
    let m = check_columns(node, columns)?;
    if columns.len() == 1 {
        return Ok(vec![1.0]);
    }
    let mut cvs = Vec::with_capacity(columns.len());
    for (j, col) in columns.iter().enumerate() {
        let mean = finite_sum(node, j, col)? / m as f64;
        if mean <= 0.0 {
            return Err(child_error(
                node,
                j,
                format!(
                    "has mean {}; the coefficient of variation divides by the mean and \
                     needs it > 0",
                    Shown(mean)
                ),
            ));
        }
        let cv = sample_sd(node, j, col)? / mean;
        if !cv.is_finite() {
            return Err(child_error(
                node,
                j,
                format!(
                    "has a mean ({}) too close to 0 for a finite coefficient of variation",
                    Shown(mean)
                ),
            ));
        }
        cvs.push(cv);
    }
    normalise(
        node,
        cvs,
        "coefficient of variation: every child is constant",
    )
}

/// PCA weights following the OECD/JRC Handbook (see [`Weighting::Pca`]).
///
/// # Formula
/// 1. Standardise each column (sample sd) and form the correlation matrix `R`.
/// 2. Eigen-decompose `R` (cyclic Jacobi; Golub & Van Loan, *Matrix Computations*, "the
///    symmetric Jacobi method") into `λ_1 ≥ … ≥ λ_n` and unit eigenvectors `v_f`.
/// 3. Keep `K` components by `retention`; loadings `L_jf = v_jf √λ_f`.
/// 4. Varimax rotation with Kaiser row normalisation (Kaiser 1958, *Psychometrika* 23,
///    187–200; pairwise-angle form, as SPSS "varimax with Kaiser normalization" and R's
///    `varimax(normalize = TRUE)`); skipped when `K = 1`.
/// 5. `ssl_f = Σ_j L_jf²`; squared loadings scaled to unity `q_jf = L_jf² / ssl_f`; child `j`
///    is weighted by its largest `q_jf*` times the factor's share `ssl_f* / Σ_g ssl_g`;
///    the weights are normalised to sum 1.
///
/// Directions are ignored: loadings are squared. OECD/JRC (2008), *Handbook on Constructing
/// Composite Indicators*, section 6.1. Tested against the Handbook's TAI example (Table 16
/// variance shares, Table 17 rotated loadings of Patents) and a numpy reimplementation of the
/// whole procedure, plus a hand-derived three-indicator case and invariants (weights sum to 1,
/// permuting children permutes the weights, identical children weigh the same).
///
/// # Errors
/// A constant child (zero standard deviation); and the shared checks of the
/// [module documentation](self).
pub fn pca_weights(node: &str, columns: &[&[f64]], retention: PcaRetention) -> Result<Vec<f64>> {
    Ok(pca(node, columns, retention)?.weights)
}

/// The intermediate results of [`pca_weights`], kept for the tests against the Handbook.
// Only the tests read the intermediate fields.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone)]
struct PcaSolution {
    /// Eigenvalues of the correlation matrix, largest first.
    eigenvalues: Vec<f64>,
    /// Number of retained components `K`.
    retained: usize,
    /// Rotated loadings, `n × K` row-major (row = child).
    loadings: Vec<f64>,
    /// The weights.
    weights: Vec<f64>,
}

fn pca(node: &str, columns: &[&[f64]], retention: PcaRetention) -> Result<PcaSolution> {
    let m = check_columns(node, columns)?;
    let n = columns.len();
    if n == 1 {
        return Ok(PcaSolution {
            eigenvalues: vec![1.0],
            retained: 1,
            loadings: vec![1.0],
            weights: vec![1.0],
        });
    }
    // Standardised columns, one after the other.
    let mut z = Vec::with_capacity(n * m);
    for (j, col) in columns.iter().enumerate() {
        let mean = finite_sum(node, j, col)? / m as f64;
        let sd = sample_sd(node, j, col)?;
        if sd == 0.0 {
            return Err(constant_error(
                node,
                j,
                col[0],
                "PCA standardises by its standard deviation",
            ));
        }
        z.extend(col.iter().map(|&x| (x - mean) / sd));
    }
    let column = |j: usize| &z[j * m..(j + 1) * m];
    let mut corr = vec![0.0; n * n];
    for j in 0..n {
        corr[j * n + j] = 1.0;
        for k in 0..j {
            let r: f64 = column(j)
                .iter()
                .zip(column(k))
                .map(|(a, b)| a * b)
                .sum::<f64>()
                / (m - 1) as f64;
            let r = r.clamp(-1.0, 1.0);
            corr[j * n + k] = r;
            corr[k * n + j] = r;
        }
    }
    let (mut eigenvalues, vectors) = symmetric_eigen(corr, n);
    // R is positive semi-definite; rounding may leave tiny negative eigenvalues.
    eigenvalues.iter_mut().for_each(|v| *v = v.max(0.0));
    let retained = retained_components(&eigenvalues, retention);
    let mut loadings = vec![0.0; n * retained];
    for j in 0..n {
        for f in 0..retained {
            loadings[j * retained + f] = vectors[j * n + f] * eigenvalues[f].sqrt();
        }
    }
    varimax(&mut loadings, n, retained);

    let mut ssl = vec![0.0; retained];
    for j in 0..n {
        for f in 0..retained {
            ssl[f] += loadings[j * retained + f].powi(2);
        }
    }
    let total_ssl: f64 = ssl.iter().sum();
    let mut weights = vec![0.0; n];
    for (j, w) in weights.iter_mut().enumerate() {
        let mut best: Option<(usize, f64)> = None;
        for (f, &s) in ssl.iter().enumerate() {
            if s <= 0.0 {
                continue;
            }
            let scaled = loadings[j * retained + f].powi(2) / s;
            match best {
                Some((_, b)) if scaled <= b => {}
                _ => best = Some((f, scaled)),
            }
        }
        if let Some((f, scaled)) = best {
            *w = scaled * ssl[f] / total_ssl;
        }
    }
    let weights = normalise(node, weights, "PCA: every loading is zero")?;
    Ok(PcaSolution {
        eigenvalues,
        retained,
        loadings,
        weights,
    })
}

/// The number of leading components `retention` keeps, given eigenvalues sorted largest first.
fn retained_components(eigenvalues: &[f64], retention: PcaRetention) -> usize {
    let total: f64 = eigenvalues.iter().sum();
    match retention {
        PcaRetention::Handbook => {
            let mut k = eigenvalues
                .iter()
                .take_while(|&&v| v / total > HANDBOOK_MIN_SHARE)
                .count()
                .max(1);
            let mut cumulative: f64 = eigenvalues[..k].iter().sum::<f64>() / total;
            while cumulative < HANDBOOK_MIN_CUMULATIVE && k < eigenvalues.len() {
                cumulative += eigenvalues[k] / total;
                k += 1;
            }
            k
        }
        PcaRetention::EigenvalueAboveOne => {
            eigenvalues.iter().take_while(|&&v| v > 1.0).count().max(1)
        }
    }
}

/// Checks the shared preconditions and returns the number of rows `m`.
fn check_columns(node: &str, columns: &[&[f64]]) -> Result<usize> {
    let first = columns.first().ok_or_else(|| {
        Error::data(
            Place::of_indicator(node),
            "data-driven weights need at least one child",
        )
    })?;
    let m = first.len();
    for (j, col) in columns.iter().enumerate() {
        if col.len() != m {
            return Err(child_error(
                node,
                j,
                format!(
                    "has {} values but child 1 has {m}; every child needs one value per unit",
                    col.len()
                ),
            ));
        }
        if let Some(i) = col.iter().position(|x| !x.is_finite()) {
            return Err(child_error(
                node,
                j,
                format!(
                    "has the non-finite value {} in row {}",
                    Shown(col[i]),
                    i + 1
                ),
            ));
        }
    }
    if m < 2 {
        return Err(Error::data(
            Place::of_indicator(node),
            format!(
                "data-driven weights need at least 2 units with every child present, found {m}"
            ),
        ));
    }
    Ok(m)
}

fn check_directions(node: &str, columns: &[&[f64]], directions: &[Direction]) -> Result<()> {
    if directions.len() == columns.len() {
        Ok(())
    } else {
        Err(Error::data(
            Place::of_indicator(node),
            format!(
                "expected one direction per child ({}), found {}",
                columns.len(),
                directions.len()
            ),
        ))
    }
}

/// A data error about the child at 0-based position `j`, shown 1-based.
fn child_error(node: &str, j: usize, problem: impl AsRef<str>) -> Error {
    Error::data(
        Place::of_indicator(node),
        format!("child {} {}", j + 1, problem.as_ref()),
    )
}

fn constant_error(node: &str, j: usize, value: f64, why: &str) -> Error {
    child_error(
        node,
        j,
        format!("is constant (every unit has {}); {why}", Shown(value)),
    )
}

fn finite_sum(node: &str, j: usize, col: &[f64]) -> Result<f64> {
    let total: f64 = col.iter().sum();
    if total.is_finite() {
        Ok(total)
    } else {
        Err(child_error(node, j, "has values too large to sum"))
    }
}

fn finite_range(node: &str, j: usize, lo: f64, hi: f64) -> Result<f64> {
    let range = hi - lo;
    if range.is_finite() {
        Ok(range)
    } else {
        Err(child_error(node, j, "has a range too large to represent"))
    }
}

fn min_max(col: &[f64]) -> (f64, f64) {
    col.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        })
}

/// Sample standard deviation (`m − 1`), two-pass; `m ≥ 2` is checked by [`check_columns`].
fn sample_sd(node: &str, j: usize, col: &[f64]) -> Result<f64> {
    finite_sum(node, j, col)?;
    let sd = stats::sd(col, SdConvention::Sample);
    if sd.is_finite() {
        Ok(sd)
    } else {
        Err(child_error(node, j, "has a spread too large to represent"))
    }
}

/// `−k Σ p ln p` with `p = x / total` and `0 · ln 0 = 0`.
fn entropy(values: &[f64], total: f64, k: f64) -> f64 {
    // A constant column has uniform proportions and e = 1 exactly; the rewritten sum below
    // would leave rounding noise that a weight could pick up.
    if values.iter().all(|&x| x == values[0]) {
        return 1.0;
    }
    // Σ p ln p with p = x/T equals (Σ x ln x)/T − ln T: one logarithm per cell and no
    // division in the loop.
    let sum_x_ln_x: f64 = values
        .iter()
        .filter(|&&x| x > 0.0)
        .map(|&x| x * ln(x))
        .sum();
    -k * (sum_x_ln_x / total - ln(total))
}

/// Scales non-negative scores to sum 1; `none` explains an all-zero total.
fn normalise(node: &str, scores: Vec<f64>, none: &str) -> Result<Vec<f64>> {
    let total: f64 = scores.iter().sum();
    if total > 0.0 && total.is_finite() {
        Ok(scores.into_iter().map(|s| s / total).collect())
    } else {
        Err(Error::data(
            Place::of_indicator(node),
            format!("{none}; the weights are undefined"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Half a unit in the last published decimal: the published value is the rounded truth.
    const PUBLISHED_2DP: f64 = 5e-3;
    const PUBLISHED_3DP: f64 = 5e-4;
    const PUBLISHED_4DP: f64 = 5e-5;
    const PUBLISHED_6DP: f64 = 5e-7;
    const PUBLISHED_8DP: f64 = 5e-9;

    proptest! {
        /// The blocked, mirrored cross products are the bits of the plain loop `Σ_i a_ij a_ik`
        /// summed in order, for every shape (blocks of four and the remainder).
        #[test]
        fn cross_products_are_the_plain_sums(
            n in 1usize..11,
            m in 1usize..9,
            seed in any::<u64>(),
        ) {
            let mut rng = crate::rng::Rng::seed_from_u64(seed);
            let columns: Vec<f64> = (0..n * m).map(|_| rng.next_f64() - 0.5).collect();
            let dots = cross_products(&columns, n, m);
            for j in 0..n {
                for k in 0..n {
                    let mut plain = 0.0;
                    for i in 0..m {
                        plain += columns[j * m + i] * columns[k * m + i];
                    }
                    prop_assert_eq!(dots[j * n + k].to_bits(), plain.to_bits());
                }
            }
        }
    }
    /// Against pymcdm 1.4.0 and the numpy formulas of `tests/reference/mcdm_weights.py`, which
    /// compute the same closed forms in a different order.
    const PYMCDM: f64 = 1e-12;
    /// Against the numpy PCA reference: both iterate (Jacobi vs LAPACK, pairwise vs SVD
    /// varimax) to convergence.
    const NUMPY_PCA: f64 = 1e-9;
    /// Hand-derived closed forms.
    const EXACT: f64 = 1e-12;

    const EXPECTED: &str = include_str!("../../tests/data/mcdm/weights_expected.json");

    fn input(name: &str) -> &'static str {
        match name {
            "entropy_elsayed2017.json" => {
                include_str!("../../data/mcdm/entropy_elsayed2017.json")
            }
            "entropy_xu2004.json" => include_str!("../../data/mcdm/entropy_xu2004.json"),
            "entropy_ersoy2021.json" => include_str!("../../data/mcdm/entropy_ersoy2021.json"),
            "critic_tus_adali2019.json" => {
                include_str!("../../data/mcdm/critic_tus_adali2019.json")
            }
            "critic_diakoulaki1995.json" => {
                include_str!("../../data/mcdm/critic_diakoulaki1995.json")
            }
            "sd_jahan_edwards2013.json" => {
                include_str!("../../data/mcdm/sd_jahan_edwards2013.json")
            }
            "sd_salabun2020.json" => include_str!("../../data/mcdm/sd_salabun2020.json"),
            "cv_shuai2012.json" => include_str!("../../data/mcdm/cv_shuai2012.json"),
            "pca_tai_handbook2008.json" => {
                include_str!("../../tests/data/mcdm/pca_tai_handbook2008.json")
            }
            other => panic!("no committed input {other}"),
        }
    }

    fn floats(value: &Value) -> Vec<f64> {
        value
            .as_array()
            .expect("array")
            .iter()
            .map(|v| v.as_f64().expect("number"))
            .collect()
    }

    /// A case of `weights_expected.json` with its matrix as columns and its directions.
    struct Case {
        expected: Value,
        columns: Vec<Vec<f64>>,
        directions: Vec<Direction>,
    }

    impl Case {
        fn load(name: &str) -> Case {
            let all: Value = serde_json::from_str(EXPECTED).expect("expected JSON");
            let expected = all["cases"][name].clone();
            assert!(expected.is_object(), "no expected case {name}");
            let spec: Value = match expected.get("input") {
                Some(file) => serde_json::from_str(input(file.as_str().unwrap())).unwrap(),
                None => expected.clone(),
            };
            let rows: Vec<Vec<f64>> = spec["matrix"]
                .as_array()
                .unwrap()
                .iter()
                .map(floats)
                .collect();
            let columns = (0..rows[0].len())
                .map(|j| rows.iter().map(|r| r[j]).collect())
                .collect();
            let directions = match spec.get("types") {
                Some(types) => floats(types)
                    .into_iter()
                    .map(|t| {
                        if t < 0.0 {
                            Direction::Negative
                        } else {
                            Direction::Positive
                        }
                    })
                    .collect(),
                None => vec![Direction::Positive; rows[0].len()],
            };
            Case {
                expected,
                columns,
                directions,
            }
        }

        fn slices(&self) -> Vec<&[f64]> {
            self.columns.iter().map(Vec::as_slice).collect()
        }

        fn weights(&self, method: &Weighting) -> Vec<f64> {
            method
                .from_data("NODE", &self.slices(), &self.directions)
                .expect("weights")
        }

        fn check_reference(&self, got: &[f64], tol: f64) {
            assert_close(got, &floats(&self.expected["reference"]), tol);
        }

        fn check_published(&self, got: &[f64], tol: f64) {
            assert_close(got, &floats(&self.expected["published"]), tol);
        }
    }

    fn assert_close(got: &[f64], want: &[f64], tol: f64) {
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(want) {
            assert_abs_diff_eq!(*g, *w, epsilon = tol);
        }
    }

    fn raw_entropy() -> Weighting {
        Weighting::Entropy {
            convention: EntropyConvention::RawProportions,
            shift: None,
        }
    }

    fn critic(invert_cost: bool) -> Weighting {
        Weighting::Critic { invert_cost }
    }

    // --- golden cases: published values as quoted by the peers' test suites ------------------

    #[test]
    fn entropy_elsayed2017_matches_pymcdm_test_suite() {
        // Elsayed, Dawood & Karthikeyan (2017), 6 dp as in pymcdm test/test_weights.py.
        let case = Case::load("entropy_elsayed2017");
        let w = case.weights(&raw_entropy());
        case.check_published(&w, PUBLISHED_6DP);
        case.check_reference(&w, PYMCDM);
    }

    #[test]
    fn entropy_xu2004_matches_pyrepo_test_suite() {
        // Xu (2004), EJOR 156(2); 4 dp as in pyrepo-mcda tests/test_weighting_methods.py.
        let case = Case::load("entropy_xu2004");
        let w = case.weights(&raw_entropy());
        case.check_published(&w, PUBLISHED_4DP);
        case.check_reference(&w, PYMCDM);
    }

    #[test]
    fn entropy_ersoy2021_matches_pyrepo_test_suite() {
        // Ersoy (2021), LogForum 17(3); 3 dp as in pyrepo-mcda. Directions are ignored.
        let case = Case::load("entropy_ersoy2021");
        let w = case.weights(&raw_entropy());
        case.check_published(&w, PUBLISHED_3DP);
        case.check_reference(&w, PYMCDM);
    }

    #[test]
    fn critic_tus_adali2019_matches_pymcdm_and_pyrepo_test_suites() {
        // Tuş & Aytaç Adalı (2019), Opsearch 56(2); 3 dp. C1 is a cost criterion, not inverted.
        let case = Case::load("critic_tus_adali2019");
        let w = case.weights(&critic(false));
        case.check_published(&w, PUBLISHED_3DP);
        case.check_reference(&w, PYMCDM);
    }

    #[test]
    fn critic_diakoulaki1995_matches_scikit_criteria_test_suite() {
        // Diakoulaki, Mavrotas & Papayannakis (1995); 8 dp as in scikit-criteria
        // tests/preprocessing/test_weighters.py (negative raw values in C1).
        let case = Case::load("critic_diakoulaki1995");
        let w = case.weights(&critic(false));
        case.check_published(&w, PUBLISHED_8DP);
        case.check_reference(&w, PYMCDM);
    }

    #[test]
    fn sd_jahan_edwards2013_matches_pymcdm_test_suite() {
        // Jahan & Edwards (2013), Materials & Design 49; 2 dp as in pymcdm.
        let case = Case::load("sd_jahan_edwards2013");
        let w = case.weights(&Weighting::StandardDeviation);
        case.check_published(&w, PUBLISHED_2DP);
        case.check_reference(&w, PYMCDM);
    }

    #[test]
    fn sd_salabun2020_matches_pyrepo_test_suite() {
        // Sałabun, Wątróbski & Shekhovtsov (2020), Symmetry 12(9); 3 dp as in pyrepo-mcda.
        let case = Case::load("sd_salabun2020");
        let w = case.weights(&Weighting::StandardDeviation);
        case.check_published(&w, PUBLISHED_3DP);
        case.check_reference(&w, PYMCDM);
    }

    #[test]
    fn cv_shuai2012_matches_pyrepo_test_suite() {
        // Shuai et al. (2012), CCDC; 4 dp as in pyrepo-mcda (reference: numpy, pymcdm has no CV).
        let case = Case::load("cv_shuai2012");
        let w = case.weights(&Weighting::CoefficientOfVariation);
        case.check_published(&w, PUBLISHED_4DP);
        case.check_reference(&w, PYMCDM);
    }

    // --- variants without published numbers: numpy reference of the same formula -------------

    #[test]
    fn shifted_min_max_entropy_matches_numpy_reference() {
        for name in [
            "entropy_elsayed2017_shifted_min_max",
            "entropy_xu2004_shifted_min_max",
            "entropy_ersoy2021_shifted_min_max",
        ] {
            let case = Case::load(name);
            let shift = case.expected["shift"].as_f64().unwrap();
            assert_eq!(shift, DEFAULT_ENTROPY_SHIFT);
            let w = case.weights(&Weighting::Entropy {
                convention: EntropyConvention::ShiftedMinMax,
                shift: None,
            });
            case.check_reference(&w, PYMCDM);
        }
    }

    #[test]
    fn zero_conventions_match_numpy_reference() {
        let case = Case::load("entropy_zeros_term_wise");
        case.check_reference(&case.weights(&raw_entropy()), PYMCDM);
        let case = Case::load("entropy_zeros_column_max_weight");
        let w = case.weights(&Weighting::Entropy {
            convention: EntropyConvention::RawProportionsZeroColumnMaxWeight,
            shift: None,
        });
        case.check_reference(&w, PYMCDM);
        // Both columns with a zero get d = 1 and so the same, largest weight.
        assert_eq!(w[0], w[1]);
        assert!(w[0] > w[2]);
    }

    #[test]
    fn critic_with_cost_inversion_matches_numpy_reference() {
        let case = Case::load("critic_tus_adali2019_invert_cost");
        case.check_reference(&case.weights(&critic(true)), PYMCDM);
        // Without cost criteria, inverting changes nothing.
        let case = Case::load("critic_diakoulaki1995_invert_cost");
        let w = case.weights(&critic(true));
        case.check_reference(&w, PYMCDM);
        assert_close(&w, &case.weights(&critic(false)), EXACT);
    }

    // --- PCA: the Handbook's TAI example ------------------------------------------------------

    fn tai() -> (Case, PcaSolution) {
        let case = Case::load("pca_tai_handbook2008");
        let solution = pca("TAI", &case.slices(), PcaRetention::Handbook).unwrap();
        (case, solution)
    }

    #[test]
    fn pca_tai_variance_shares_match_handbook_table_16() {
        // OECD/JRC Handbook (2008) Table 16, the four retained components, 1 dp; the Handbook
        // truncates 11.17 to 11.1, so allow one unit in the last place.
        let (case, solution) = tai();
        let total: f64 = solution.eigenvalues.iter().sum();
        let shares: Vec<f64> = solution.eigenvalues[..4]
            .iter()
            .map(|v| 100.0 * v / total)
            .collect();
        assert_close(
            &shares,
            &floats(&case.expected["published_variance_percent"]),
            0.1,
        );
        let cumulative: f64 = shares.iter().sum();
        let published = case.expected["published_cumulative_percent"]
            .as_f64()
            .unwrap();
        assert_abs_diff_eq!(cumulative, published, epsilon = 0.05);
        assert_close(
            &solution.eigenvalues,
            &floats(&case.expected["eigenvalues"]),
            1e-12,
        );
        assert_eq!(solution.retained, 4);
    }

    #[test]
    fn pca_tai_patents_loadings_match_handbook_table_17() {
        // Table 17, first row, in the Handbook's factor order (2 dp); factor order and signs
        // are arbitrary, so compare the sorted absolute values.
        let (case, solution) = tai();
        let k = solution.retained;
        let patents = &solution.loadings[0..k];
        let mut got: Vec<f64> = patents.iter().map(|x| x.abs()).collect();
        let mut want = floats(&case.expected["published_patents_loading_abs"]);
        got.sort_by(f64::total_cmp);
        want.sort_by(f64::total_cmp);
        // 0.064 prints as 0.06 here and as 0.07 in the Handbook's rounding of its own run.
        assert_close(&got, &want, PUBLISHED_2DP + 0.005);
        let ssl: Vec<f64> = (0..k)
            .map(|f| (0..8).map(|j| solution.loadings[j * k + f].powi(2)).sum())
            .collect();
        let top = (0..k)
            .map(|f| patents[f].powi(2) / ssl[f])
            .fold(0.0, f64::max);
        assert_abs_diff_eq!(top, 0.67, epsilon = PUBLISHED_2DP);
    }

    #[test]
    fn pca_tai_weights_match_numpy_reference() {
        let (case, solution) = tai();
        case.check_reference(&solution.weights, NUMPY_PCA);
        let w = case.weights(&Weighting::Pca {
            retention: PcaRetention::Handbook,
        });
        assert_eq!(w, solution.weights);
    }

    #[test]
    fn pca_kaiser_retention_keeps_eigenvalues_above_one() {
        let (case, _) = tai();
        let solution = pca("TAI", &case.slices(), PcaRetention::EigenvalueAboveOne).unwrap();
        assert_eq!(solution.retained, 2);
        assert_abs_diff_eq!(solution.weights.iter().sum::<f64>(), 1.0, epsilon = EXACT);
    }

    #[test]
    fn pca_hand_derived_three_indicators() {
        // a, b, c are centred and mutually orthogonal with equal norms, so with
        // x1 = a, x2 = 0.8a + 0.6b, x3 = c the correlation matrix is [[1, .8, 0], [.8, 1, 0],
        // [0, 0, 1]]: eigenvalues 1.8, 1, 0.2 (shares 60%, 33%, 7%), two retained, loadings
        // (√.9, 0), (√.9, 0), (0, 1) already simple (varimax keeps them). ssl = 1.8 and 1;
        // x1, x2: 0.5 · 1.8/2.8, x3: 1 · 1/2.8, so w = (9, 9, 10) / 28.
        let x1 = [60.0, 60.0, 40.0, 40.0];
        let x2 = [1.4, 0.2, -0.2, -1.4].map(|v| 3.0 * v + 7.0);
        let x3 = [1.0, -1.0, -1.0, 1.0].map(|v| v * 0.5 + 2.0);
        let solution = pca("N", &[&x1, &x2, &x3], PcaRetention::Handbook).unwrap();
        assert_close(&solution.eigenvalues, &[1.8, 1.0, 0.2], EXACT);
        assert_eq!(solution.retained, 2);
        assert_close(
            &solution.weights,
            &[9.0 / 28.0, 9.0 / 28.0, 10.0 / 28.0],
            EXACT,
        );
    }

    #[test]
    fn pca_two_indicators_weigh_half_each() {
        // Swapping two standardised variables leaves their correlation matrix unchanged.
        let a = [1.0, 2.0, 4.0, 3.0, 10.0];
        let b = [7.0, -1.0, 2.0, 2.5, 3.0];
        for retention in [PcaRetention::Handbook, PcaRetention::EigenvalueAboveOne] {
            let w = pca_weights("N", &[&a, &b], retention).unwrap();
            assert_close(&w, &[0.5, 0.5], EXACT);
        }
    }

    #[test]
    fn pca_identical_children_weigh_the_same_and_permute_with_columns() {
        let case = Case::load("pca_tai_handbook2008");
        let mut columns = case.columns.clone();
        columns.push(columns[2].clone());
        let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        let w = pca_weights("N", &slices, PcaRetention::Handbook).unwrap();
        assert_abs_diff_eq!(w[2], w[8], epsilon = 1e-9);
        assert_abs_diff_eq!(w.iter().sum::<f64>(), 1.0, epsilon = EXACT);

        let order = [5, 0, 7, 2, 6, 1, 4, 3];
        let permuted: Vec<&[f64]> = order.iter().map(|&j| case.columns[j].as_slice()).collect();
        let base = pca_weights("N", &case.slices(), PcaRetention::Handbook).unwrap();
        let got = pca_weights("N", &permuted, PcaRetention::Handbook).unwrap();
        for (i, &j) in order.iter().enumerate() {
            assert_abs_diff_eq!(got[i], base[j], epsilon = 1e-9);
        }
    }

    // --- degenerate data: typed errors naming the node and the child, or a documented value --

    fn data_problem(result: Result<Vec<f64>>) -> String {
        let err = result.expect_err("expected an error");
        assert_eq!(err.place().indicator.as_deref(), Some("NODE"));
        match err.kind() {
            ErrorKind::Data { problem } => problem.clone(),
            other => panic!("expected a data error, got {other:?}"),
        }
    }

    fn all_methods() -> Vec<Weighting> {
        vec![
            raw_entropy(),
            Weighting::Entropy {
                convention: EntropyConvention::RawProportionsZeroColumnMaxWeight,
                shift: None,
            },
            Weighting::Entropy {
                convention: EntropyConvention::ShiftedMinMax,
                shift: None,
            },
            critic(false),
            critic(true),
            Weighting::CoefficientOfVariation,
            Weighting::StandardDeviation,
            Weighting::Pca {
                retention: PcaRetention::Handbook,
            },
            Weighting::Pca {
                retention: PcaRetention::EigenvalueAboveOne,
            },
        ]
    }

    #[test]
    fn fewer_than_two_rows_is_an_error_for_every_method() {
        let dirs = [Direction::Positive; 2];
        for method in all_methods() {
            let problem = data_problem(method.from_data("NODE", &[&[1.0], &[2.0]], &dirs));
            assert!(problem.contains("at least 2 units"), "{problem}");
            data_problem(method.from_data("NODE", &[&[], &[]], &dirs));
        }
    }

    #[test]
    fn ragged_or_non_finite_columns_are_errors() {
        let dirs = [Direction::Positive; 2];
        for method in all_methods() {
            let problem =
                data_problem(method.from_data("NODE", &[&[1.0, 2.0], &[1.0, 2.0, 3.0]], &dirs));
            assert!(problem.starts_with("child 2 has 3 values"), "{problem}");
            let problem =
                data_problem(method.from_data("NODE", &[&[1.0, 2.0], &[1.0, f64::NAN]], &dirs));
            assert!(
                problem.contains("child 2") && problem.contains("row 2"),
                "{problem}"
            );
            data_problem(method.from_data("NODE", &[], &[]));
        }
    }

    #[test]
    fn single_child_weighs_one() {
        for method in all_methods() {
            let w = method
                .from_data("NODE", &[&[1.0, 2.0, 4.0]], &[Direction::Negative])
                .unwrap();
            assert_eq!(w, vec![1.0]);
        }
    }

    #[test]
    fn constant_column_where_the_method_divides_is_an_error_naming_the_child() {
        let cols: [&[f64]; 2] = [&[1.0, 2.0, 4.0], &[3.0, 3.0, 3.0]];
        let dirs = [Direction::Positive; 2];
        for method in [
            critic(false),
            Weighting::Pca {
                retention: PcaRetention::Handbook,
            },
        ] {
            let problem = data_problem(method.from_data("NODE", &cols, &dirs));
            assert!(problem.starts_with("child 2 is constant"), "{problem}");
        }
    }

    #[test]
    fn constant_column_gets_weight_zero_where_the_method_allows_it() {
        let cols: [&[f64]; 2] = [&[1.0, 2.0, 4.0], &[3.0, 3.0, 3.0]];
        let dirs = [Direction::Positive; 2];
        for method in [
            raw_entropy(),
            Weighting::Entropy {
                convention: EntropyConvention::ShiftedMinMax,
                shift: None,
            },
            Weighting::StandardDeviation,
            Weighting::CoefficientOfVariation,
        ] {
            let w = method.from_data("NODE", &cols, &dirs).unwrap();
            assert_abs_diff_eq!(w[1], 0.0, epsilon = EXACT);
            assert_abs_diff_eq!(w[0], 1.0, epsilon = EXACT);
        }
        // All constant: nothing to weigh.
        let flat: [&[f64]; 2] = [&[2.0, 2.0], &[3.0, 3.0]];
        for method in [raw_entropy(), Weighting::StandardDeviation] {
            let problem = data_problem(method.from_data("NODE", &flat, &dirs));
            assert!(problem.contains("undefined"), "{problem}");
        }
    }

    #[test]
    fn raw_entropy_rejects_negative_and_all_zero_columns() {
        let dirs = [Direction::Positive; 2];
        let problem =
            data_problem(raw_entropy().from_data("NODE", &[&[1.0, 2.0], &[1.0, -2.0]], &dirs));
        assert!(
            problem.starts_with("child 2 has the negative value -2 in row 2"),
            "{problem}"
        );
        let problem =
            data_problem(raw_entropy().from_data("NODE", &[&[0.0, 0.0], &[1.0, 2.0]], &dirs));
        assert!(
            problem.starts_with("child 1 is zero for every unit"),
            "{problem}"
        );
        // The shifted convention takes any sign.
        let w = Weighting::Entropy {
            convention: EntropyConvention::ShiftedMinMax,
            shift: None,
        }
        .from_data("NODE", &[&[1.0, 2.0, 0.5], &[1.0, -2.0, 3.0]], &dirs)
        .unwrap();
        assert_abs_diff_eq!(w.iter().sum::<f64>(), 1.0, epsilon = EXACT);
    }

    #[test]
    fn coefficient_of_variation_needs_a_positive_mean() {
        let dirs = [Direction::Positive; 2];
        for bad in [[-1.0, 1.0], [-1.0, -2.0]] {
            let problem = data_problem(Weighting::CoefficientOfVariation.from_data(
                "NODE",
                &[&[1.0, 2.0], &bad],
                &dirs,
            ));
            assert!(problem.starts_with("child 2 has mean"), "{problem}");
        }
    }

    #[test]
    fn perfectly_correlated_children_have_no_critic_weights() {
        let dirs = [Direction::Positive, Direction::Negative];
        let cols: [&[f64]; 2] = [&[1.0, 2.0, 4.0], &[2.0, 4.0, 8.0]];
        let problem = data_problem(critic(false).from_data("NODE", &cols, &dirs));
        assert!(
            problem.contains("perfectly positively correlated"),
            "{problem}"
        );
        // Inverting the cost child makes them perfectly conflicting: equal weights.
        let w = critic(true).from_data("NODE", &cols, &dirs).unwrap();
        assert_close(&w, &[0.5, 0.5], EXACT);
    }

    #[test]
    fn shifted_min_max_respects_direction() {
        // Reversing a column and its direction gives the same normalised values.
        let up = [1.0, 5.0, 2.0, 9.0];
        let down = up.map(|x| -x);
        let other = [3.0, 1.0, 4.0, 1.5];
        let method = Weighting::Entropy {
            convention: EntropyConvention::ShiftedMinMax,
            shift: Some(1e-4),
        };
        let a = method
            .from_data("NODE", &[&up, &other], &[Direction::Positive; 2])
            .unwrap();
        let b = method
            .from_data(
                "NODE",
                &[&down, &other],
                &[Direction::Negative, Direction::Positive],
            )
            .unwrap();
        assert_close(&a, &b, EXACT);
    }

    #[test]
    fn static_methods_and_bad_shifts_are_spec_errors() {
        let cols: [&[f64]; 2] = [&[1.0, 2.0], &[2.0, 1.0]];
        let dirs = [Direction::Positive; 2];
        let bad = [
            Weighting::Meta,
            Weighting::Equal,
            Weighting::Explicit {
                weights: BTreeMap::new(),
            },
            Weighting::Entropy {
                convention: EntropyConvention::RawProportions,
                shift: Some(0.01),
            },
            Weighting::Entropy {
                convention: EntropyConvention::ShiftedMinMax,
                shift: Some(-0.01),
            },
            Weighting::Entropy {
                convention: EntropyConvention::ShiftedMinMax,
                shift: Some(f64::INFINITY),
            },
        ];
        for method in bad {
            let err = method.from_data("NODE", &cols, &dirs).unwrap_err();
            assert!(matches!(err.kind(), ErrorKind::Spec { .. }), "{err}");
            assert_eq!(err.place().indicator.as_deref(), Some("NODE"));
        }
    }

    #[test]
    fn spec_json_defaults_and_names() {
        let parse = |s: &str| serde_json::from_str::<Weighting>(s).unwrap();
        assert_eq!(parse(r#"{"method":"critic"}"#), critic(false));
        assert_eq!(
            parse(r#"{"method":"critic","invert_cost":true}"#),
            critic(true)
        );
        assert_eq!(parse(r#"{"method":"entropy"}"#), raw_entropy());
        assert_eq!(
            parse(r#"{"method":"entropy","convention":"raw_proportions_zero_column_max_weight"}"#),
            Weighting::Entropy {
                convention: EntropyConvention::RawProportionsZeroColumnMaxWeight,
                shift: None
            }
        );
        assert_eq!(
            parse(r#"{"method":"entropy","convention":"shifted_min_max","shift":0.0001}"#),
            Weighting::Entropy {
                convention: EntropyConvention::ShiftedMinMax,
                shift: Some(0.0001)
            }
        );
        assert_eq!(
            parse(r#"{"method":"pca"}"#),
            Weighting::Pca {
                retention: PcaRetention::Handbook
            }
        );
        assert_eq!(
            parse(r#"{"method":"pca","retention":"eigenvalue_above_one"}"#),
            Weighting::Pca {
                retention: PcaRetention::EigenvalueAboveOne
            }
        );
        assert!(serde_json::from_str::<Weighting>(r#"{"method":"critic","invert":true}"#).is_err());
        for method in all_methods() {
            let text = serde_json::to_string(&method).unwrap();
            assert_eq!(parse(&text), method);
            assert!(method.is_data_driven());
        }
    }

    proptest! {
        #[test]
        fn weights_are_finite_non_negative_sum_to_one_and_ignore_row_order(
            rows in prop::collection::vec(prop::collection::vec(-50.0f64..50.0, 3), 2..12),
            rotate in 0usize..12,
        ) {
            let n = 3;
            let columns: Vec<Vec<f64>> = (0..n).map(|j| rows.iter().map(|r| r[j]).collect()).collect();
            let mut shuffled_rows = rows.clone();
            let len = shuffled_rows.len();
            shuffled_rows.rotate_left(rotate % len);
            let shuffled: Vec<Vec<f64>> =
                (0..n).map(|j| shuffled_rows.iter().map(|r| r[j]).collect()).collect();
            let dirs = [Direction::Positive, Direction::Negative, Direction::Positive];
            for method in all_methods() {
                let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
                match method.from_data("NODE", &slices, &dirs) {
                    Ok(w) => {
                        prop_assert!(w.iter().all(|x| x.is_finite() && *x >= 0.0), "{method:?} {w:?}");
                        prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                        let slices: Vec<&[f64]> = shuffled.iter().map(Vec::as_slice).collect();
                        let v = method.from_data("NODE", &slices, &dirs).unwrap();
                        for (a, b) in w.iter().zip(&v) {
                            prop_assert!((a - b).abs() < 1e-7, "{method:?} {w:?} {v:?}");
                        }
                    }
                    Err(err) => prop_assert!(
                        matches!(err.kind(), ErrorKind::Data { .. }),
                        "{method:?}: {err}"
                    ),
                }
            }
        }
    }
}
