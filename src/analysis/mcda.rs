//! Multi-criteria decision analysis on a decision matrix: TOPSIS, grey relational analysis,
//! and the coupling coordination degree of subsystems.
//!
//! Conventions shared by [`topsis`] and [`grey_relational`]:
//! - `columns` holds one slice per criterion, all of the same length `m`: the alternatives
//!   (units), in the same order in every column. [`DecisionMatrix::from_dataset`] builds them
//!   from a [`Dataset`].
//! - `directions[j]` says whether a higher value of criterion `j` is better; `weights[j]` is
//!   its weight, finite and ≥ 0, with a positive sum. Weights are relative: both methods
//!   scale them to sum 1 first, which changes no closeness and no grade.
//! - At least 2 alternatives and finite values are required. A criterion a method cannot
//!   normalise (zero range, zero norm) is an [`ErrorKind::Data`] error naming its 1-based
//!   position; invalid weights or parameters are [`ErrorKind::Spec`] errors. No result holds
//!   NaN.
//! - Ranks: higher score is better, rank 1 is the best, ties share the best rank
//!   ([`TiePolicy::Min`]).
//!
//! The conventions reproduce the numbers published with the cases that the peer libraries
//! pymcdm, pyrepo-mcda, scikit-criteria and JMcDM test against; `tests/data/mcdm/` holds those
//! inputs, and `tests/reference/mcdm_rankings.py` writes the expected values.
//!
//! ```
//! use yardstick::analysis::mcda::{coupling_coordination, topsis, CoordinationBands, TopsisNormalisation};
//! use yardstick::Direction::{Negative, Positive};
//!
//! // Opricovic & Tzeng (2004): a cost and a benefit criterion, equal weights.
//! let cost = [1.0, 2.0, 5.0];
//! let benefit = [3000.0, 3750.0, 4500.0];
//! let out = topsis(&[&cost, &benefit], &[Negative, Positive], &[0.5, 0.5],
//!                  TopsisNormalisation::MinMax)?;
//! assert_eq!(out.ranks, [2, 1, 2]); // published closeness 0.500, 0.617, 0.500
//! assert!((out.closeness[1] - 0.617).abs() < 5e-4);
//!
//! // Two subsystems (economy, environment) scored in [0, 1] for two provinces.
//! let bands = CoordinationBands::default();
//! let ccd = coupling_coordination(&[&[0.9, 0.5], &[0.1, 0.5]], &[0.5, 0.5], &bands)?;
//! assert_eq!(ccd.coupling[1], 1.0); // equal subsystems couple perfectly
//! let band = &ccd.bands.bands()[ccd.band[0]]; // D = √(0.6 · 0.5) ≈ 0.548
//! assert_eq!(band.label_zh.as_deref(), Some("勉强协调"));
//! # Ok::<(), yardstick::Error>(())
//! ```
//!
//! [`ErrorKind::Data`]: crate::error::ErrorKind::Data
//! [`ErrorKind::Spec`]: crate::error::ErrorKind::Spec

use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};
use crate::math::{exp, ln};
use crate::model::dataset::Dataset;
use crate::model::framework::Framework;
use crate::model::ids::{NodeId, PeriodId, UnitId};
use crate::model::indicator::Direction;
use crate::pipeline::rank::{rank_values, TiePolicy};
use crate::pipeline::results::Results;

/// Deng's distinguishing coefficient `ρ` used by almost every application of grey relational
/// analysis (Deng 1989; JMcDM's `GreyMethod()` default).
pub const DEFAULT_DISTINGUISHING_COEFFICIENT: f64 = 0.5;

/// How far the coupling weights `α` may sum away from 1 (rounding of `1/3 + 1/3 + 1/3`).
const ALPHA_SUM_TOL: f64 = 1e-9;

/// How TOPSIS normalises each criterion before weighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TopsisNormalisation {
    /// Min-max with cost criteria inverted, so 1 is always best (pymcdm's default).
    ///
    /// # Formula
    /// `r_ij = (x_ij − min_j) / (max_j − min_j)` for "higher is better",
    /// `r_ij = (max_j − x_ij) / (max_j − min_j)` for "lower is better";
    /// ideal `v⁺_j = max_i v_ij`, anti-ideal `v⁻_j = min_i v_ij` with `v = w r`.
    ///
    /// A constant criterion (zero range) is an error.
    #[default]
    MinMax,
    /// Vector normalisation of Hwang & Yoon (1981), the classic TOPSIS.
    ///
    /// # Formula
    /// `r_ij = x_ij / √(Σ_i x_ij²)`, `v = w r`; ideal `v⁺_j = max_i v_ij` for "higher is
    /// better" and `min_i v_ij` for "lower is better", anti-ideal the opposite.
    /// pymcdm and pyrepo-mcda use `1 − r` for cost criteria and the column maximum, which
    /// gives the same distances.
    ///
    /// An all-zero criterion (zero norm) is an error; a constant non-zero one simply does not
    /// separate the alternatives.
    Vector,
}

/// The result of [`topsis`], one entry per alternative in input order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topsis {
    /// The normalisation used.
    pub normalisation: TopsisNormalisation,
    /// Relative closeness `C_i = D⁻_i / (D⁺_i + D⁻_i)` ∈ [0, 1]; higher is better.
    pub closeness: Vec<f64>,
    /// Euclidean distance `D⁺_i` to the ideal, with the weights scaled to sum 1.
    pub distance_to_ideal: Vec<f64>,
    /// Euclidean distance `D⁻_i` to the anti-ideal, with the weights scaled to sum 1.
    pub distance_to_anti_ideal: Vec<f64>,
    /// Ranks by closeness (1 = best, ties share the best rank).
    pub ranks: Vec<usize>,
}

/// TOPSIS (Technique for Order of Preference by Similarity to Ideal Solution).
///
/// # Formula
/// With `r` the normalised matrix (see [`TopsisNormalisation`]) and `w` the weights scaled to
/// sum 1, `v_ij = w_j r_ij`;
/// `D⁺_i = √(Σ_j (v_ij − v⁺_j)²)`, `D⁻_i = √(Σ_j (v_ij − v⁻_j)²)`,
/// `C_i = D⁻_i / (D⁺_i + D⁻_i)`. A higher `C_i` ranks better.
///
/// Scaling the weights changes no closeness; with weights summing to 1, as in every published
/// case, the distances are those of pymcdm, pyrepo-mcda and scikit-criteria too (to rounding,
/// 1e-12 in the golden tests). Alternatives with equal values on every criterion tie exactly.
///
/// Hwang & Yoon (1981), *Multiple Attribute Decision Making*, Springer, 128–140; the min-max
/// variant is pymcdm's `TOPSIS()` (Kizielewicz, Shekhovtsov & Sałabun 2023, *SoftwareX* 22,
/// 101368); pyrepo-mcda `TOPSIS`, scikit-criteria `agg.topsis.TOPSIS` and JMcDM `topsis` are
/// the other peers.
///
/// # Errors
/// The shared checks of the [module documentation](self); a criterion with zero range
/// (min-max) or zero norm (vector); and no criterion with a positive weight that separates
/// the alternatives (every closeness would be 0/0).
pub fn topsis(
    columns: &[&[f64]],
    directions: &[Direction],
    weights: &[f64],
    normalisation: TopsisNormalisation,
) -> Result<Topsis> {
    let m = check_matrix(columns)?;
    check_directions(columns.len(), directions)?;
    let total = check_weights(columns.len(), weights)?;
    let mut plus = vec![0.0; m];
    let mut minus = vec![0.0; m];
    for (j, col) in columns.iter().enumerate() {
        let w = weights[j] / total;
        let (lo, hi) = min_max(col);
        // v_ij is non-decreasing in r_ij (w ≥ 0), and r_ij in x_ij (or in −x_ij for a cost
        // under min-max), so the ideal and anti-ideal are v at the column's extremes,
        // computed by the same expression as the cells: no second pass over v.
        match normalisation {
            TopsisNormalisation::MinMax => {
                let scale = w / positive_range(j, lo, hi)?;
                let (ideal, anti) = ((hi - lo) * scale, 0.0);
                match directions[j] {
                    Direction::Positive => {
                        accumulate(col, &mut plus, &mut minus, ideal, anti, |x| {
                            (x - lo) * scale
                        })
                    }
                    Direction::Negative => {
                        accumulate(col, &mut plus, &mut minus, ideal, anti, |x| {
                            (hi - x) * scale
                        })
                    }
                }
            }
            TopsisNormalisation::Vector => {
                let scale = w / euclidean_norm(j, col)?;
                let (ideal, anti) = match directions[j] {
                    Direction::Positive => (hi * scale, lo * scale),
                    Direction::Negative => (lo * scale, hi * scale),
                };
                accumulate(col, &mut plus, &mut minus, ideal, anti, |x| x * scale);
            }
        }
    }
    let mut closeness = Vec::with_capacity(m);
    for (p, n) in plus.iter_mut().zip(minus.iter_mut()) {
        *p = p.sqrt();
        *n = n.sqrt();
        let spread = *p + *n;
        if spread > 0.0 {
            closeness.push(*n / spread);
        } else {
            // Every weighted criterion has v⁺ = v⁻ (or underflows to it).
            return Err(Error::data(
                Place::default(),
                "TOPSIS: no criterion with a positive weight separates the alternatives, so \
                 the distances to the ideal and the anti-ideal are both 0",
            ));
        }
    }
    let ranks = ranks_of(&closeness);
    Ok(Topsis {
        normalisation,
        closeness,
        distance_to_ideal: plus,
        distance_to_anti_ideal: minus,
        ranks,
    })
}

/// The result of [`grey_relational`], one entry per alternative in input order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GreyRelational {
    /// The distinguishing coefficient `ρ` used.
    pub distinguishing: f64,
    /// Grey relational grade `γ_i = Σ_j w_j ξ_ij` ∈ (0, 1]; higher is better.
    pub grades: Vec<f64>,
    /// Ranks by grade (1 = best, ties share the best rank).
    pub ranks: Vec<usize>,
}

/// Grey relational analysis (GRA) against the ideal alternative.
///
/// # Formula
/// `r_ij = (x_ij − min_j) / (max_j − min_j)` for "higher is better" and
/// `(max_j − x_ij) / (max_j − min_j)` for "lower is better"; the reference sequence is the
/// ideal `r_0j = 1`; `Δ_ij = |1 − r_ij|`; with `Δmin` and `Δmax` the minimum and maximum of
/// `Δ` over the WHOLE matrix (Deng's two-level min and max),
/// `ξ_ij = (Δmin + ρ Δmax) / (Δ_ij + ρ Δmax)`; `γ_i = Σ_j w_j ξ_ij` with `w` scaled to sum 1.
/// A higher grade ranks better.
///
/// With min-max normalisation every column reaches 0 and 1, so `Δmin = 0`, `Δmax = 1` and
/// `ξ_ij = ρ / (Δ_ij + ρ)`; the general form is kept so that the code reads as the method.
/// `ρ` (`distinguishing`) is usually [`DEFAULT_DISTINGUISHING_COEFFICIENT`]; a smaller `ρ`
/// spreads the coefficients further apart.
///
/// Deng (1982), "Control problems of grey systems", *Systems & Control Letters* 1(5),
/// 288–294; Deng (1989), "Introduction to grey system theory", *The Journal of Grey System*
/// 1(1), 1–24. The conventions are those of JMcDM's `grey` (Satman, Altunkaynak & Demir),
/// which reproduces Yıldırım & Önder (2015).
///
/// # Errors
/// The shared checks of the [module documentation](self); a criterion with zero range; and
/// `distinguishing` outside (0, 1].
pub fn grey_relational(
    columns: &[&[f64]],
    directions: &[Direction],
    weights: &[f64],
    distinguishing: f64,
) -> Result<GreyRelational> {
    let m = check_matrix(columns)?;
    check_directions(columns.len(), directions)?;
    let total = check_weights(columns.len(), weights)?;
    if !(distinguishing > 0.0 && distinguishing <= 1.0) {
        return Err(Error::spec(
            Place::default(),
            format!(
                "grey relational analysis: the distinguishing coefficient must lie in (0, 1], \
                 found {distinguishing}"
            ),
        ));
    }
    // Pass 1: the normalisation of each column and the global Δmin, Δmax. Δ is monotone in
    // x within a column, so its extremes are Δ at the column's min and max, computed by the
    // same expression as the cells.
    let mut bounds = Vec::with_capacity(columns.len());
    let (mut delta_min, mut delta_max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (j, col) in columns.iter().enumerate() {
        let (lo, hi) = min_max(col);
        let inv_range = 1.0 / positive_range(j, lo, hi)?;
        bounds.push((lo, hi, inv_range));
        for x in [lo, hi] {
            let d = grey_delta(x, lo, hi, inv_range, directions[j]);
            delta_min = delta_min.min(d);
            delta_max = delta_max.max(d);
        }
    }
    // Every column has a positive range, so one of its ends has Δ ≈ 1 and Δmax > 0.
    let numerator = delta_min + distinguishing * delta_max;
    let offset = distinguishing * delta_max;
    // Pass 2: grades, column after column.
    let mut grades = vec![0.0; m];
    for (j, col) in columns.iter().enumerate() {
        let (lo, hi, inv_range) = bounds[j];
        let scaled = weights[j] / total * numerator;
        let direction = directions[j];
        for (g, &x) in grades.iter_mut().zip(col.iter()) {
            *g += scaled / (grey_delta(x, lo, hi, inv_range, direction) + offset);
        }
    }
    let ranks = ranks_of(&grades);
    Ok(GreyRelational {
        distinguishing,
        grades,
        ranks,
    })
}

/// `Δ = |1 − r|` of one value under direction-aware min-max normalisation.
#[inline]
fn grey_delta(x: f64, lo: f64, hi: f64, inv_range: f64, direction: Direction) -> f64 {
    let r = match direction {
        Direction::Positive => (x - lo) * inv_range,
        Direction::Negative => (hi - x) * inv_range,
    };
    (1.0 - r).abs()
}

/// One class of the coupling coordination degree `D`: the values up to `upper`, above the
/// previous band's `upper` (the first band starts at 0 inclusive).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoordinationBand {
    /// Upper bound of the band, inclusive.
    pub upper: f64,
    /// English label.
    pub label: String,
    /// Label in Chinese, as printed in the studies that use the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_zh: Option<String>,
}

/// A classification of the coupling coordination degree `D` ∈ [0, 1] into ordered bands.
///
/// The [`Default`] is the ten bands of width 0.1 used throughout Chinese regional studies,
/// from "extreme imbalance" (极度失调, `0 ≤ D ≤ 0.1`) to "high-quality coordination"
/// (优质协调, `0.9 < D ≤ 1`), each band open below and closed above, exactly as in Table 1
/// of Tian, Li, Yang, Zhang & Guo (2021), *Acta Geographica Sinica* 76(4), 781–798
/// (田深圳等, 东北三省城市拟态与现实人居环境时空耦合协调特征与机制, 地理学报). The ten-class
/// scheme is usually traced back to Liao Chongbin (1999), *Tropical Geography* 19(2), 171–177
/// (廖重斌, 热带地理). Studies differ in whether a boundary belongs to the lower or the upper
/// band; classification uses the unrounded `D`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<CoordinationBand>", into = "Vec<CoordinationBand>")]
pub struct CoordinationBands(Vec<CoordinationBand>);

impl CoordinationBands {
    /// Validates a band table: at least one band, upper bounds finite, strictly increasing,
    /// in (0, 1], the last one exactly 1 so that every `D` ∈ [0, 1] has a band.
    pub fn new(bands: Vec<CoordinationBand>) -> Result<Self> {
        let Some(last) = bands.last() else {
            return Err(Error::spec(
                Place::default(),
                "coupling coordination bands: expected at least one band",
            ));
        };
        if last.upper != 1.0 {
            return Err(Error::spec(
                Place::default(),
                format!(
                    "coupling coordination bands: the last band must end at 1, found {}",
                    last.upper
                ),
            ));
        }
        let mut previous = 0.0;
        for (k, band) in bands.iter().enumerate() {
            if !(band.upper > previous && band.upper <= 1.0) {
                return Err(Error::spec(
                    Place::default(),
                    format!(
                        "coupling coordination bands: band {} ('{}') must end above {previous} \
                         and at most at 1, found {}",
                        k + 1,
                        band.label,
                        band.upper
                    ),
                ));
            }
            previous = band.upper;
        }
        Ok(CoordinationBands(bands))
    }

    /// The bands, lowest first.
    pub fn bands(&self) -> &[CoordinationBand] {
        &self.0
    }

    /// Index (0 = lowest) of the band holding `d` ∈ [0, 1]: the first with `d ≤ upper`.
    pub fn classify(&self, d: f64) -> usize {
        // The last upper bound is 1 and d ≤ 1, so the fallback is never taken for valid d.
        self.0
            .iter()
            .position(|b| d <= b.upper)
            .unwrap_or(self.0.len() - 1)
    }
}

impl Default for CoordinationBands {
    fn default() -> Self {
        const TABLE: [(f64, &str, &str); 10] = [
            (0.1, "extreme imbalance", "极度失调"),
            (0.2, "serious imbalance", "严重失调"),
            (0.3, "moderate imbalance", "中度失调"),
            (0.4, "mild imbalance", "轻度失调"),
            (0.5, "on the verge of imbalance", "濒临失调"),
            (0.6, "barely coordinated", "勉强协调"),
            (0.7, "primary coordination", "初级协调"),
            (0.8, "intermediate coordination", "中级协调"),
            (0.9, "good coordination", "良好协调"),
            (1.0, "high-quality coordination", "优质协调"),
        ];
        CoordinationBands(
            TABLE
                .iter()
                .map(|&(upper, label, zh)| CoordinationBand {
                    upper,
                    label: label.to_owned(),
                    label_zh: Some(zh.to_owned()),
                })
                .collect(),
        )
    }
}

impl TryFrom<Vec<CoordinationBand>> for CoordinationBands {
    type Error = Error;
    fn try_from(bands: Vec<CoordinationBand>) -> Result<Self> {
        CoordinationBands::new(bands)
    }
}

impl From<CoordinationBands> for Vec<CoordinationBand> {
    fn from(bands: CoordinationBands) -> Self {
        bands.0
    }
}

/// The result of [`coupling_coordination`], one entry per unit in input order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouplingCoordination {
    /// Coupling degree `C` ∈ [0, 1].
    pub coupling: Vec<f64>,
    /// Comprehensive development index `T = Σ αᵢ Uᵢ` ∈ [0, 1].
    pub development: Vec<f64>,
    /// Coupling coordination degree `D = √(C T)` ∈ [0, 1].
    pub degree: Vec<f64>,
    /// Index of each unit's band in `bands` (0 = lowest).
    pub band: Vec<usize>,
    /// The band table used.
    pub bands: CoordinationBands,
    /// Ranks by `D` (1 = best, ties share the best rank).
    pub ranks: Vec<usize>,
}

/// Coupling coordination degree of `n ≥ 2` subsystems for each unit.
///
/// # Formula
/// For a unit with subsystem scores `U₁ … Uₙ` ∈ [0, 1]:
/// `C = [Π Uᵢ / ((Σ Uᵢ) / n)ⁿ]^(1/n)` (the geometric over the arithmetic mean, so
/// `0 ≤ C ≤ 1`), `T = Σ αᵢ Uᵢ` with `Σ αᵢ = 1`, `D = √(C · T)`; each `D` is classified by
/// `bands` (see [`CoordinationBands`]).
///
/// Conventions: `C = 1` when every `Uᵢ` is equal, including all 0 (the limit along equal
/// scores; `D = 0` then since `T = 0`); `C = 0` when some but not all `Uᵢ` are 0. `C` is
/// computed in log space, so many subsystems or tiny scores do not underflow.
///
/// This is the normative form set out by Wang, Kong, Ren, Zhi & Dai (2021), "Research on
/// misuses and modification of coupling coordination degree model in China", *Journal of
/// Natural Resources* 36(3), 793–810 (王淑佳等, 自然资源学报), who also list the miswritten
/// variants found in the literature; the model itself goes back to Liao (1999) for two
/// systems. No peer MCDA library implements it; the tests check hand-derived values and the
/// invariants.
///
/// # Errors
/// Fewer than 2 subsystems, no unit, subsystems of different lengths, a score outside [0, 1]
/// or non-finite ([`ErrorKind::Data`](crate::error::ErrorKind::Data), naming the subsystem
/// and the unit); `alphas` not one per subsystem, negative, non-finite or not summing to 1
/// ([`ErrorKind::Spec`](crate::error::ErrorKind::Spec)).
pub fn coupling_coordination(
    subsystems: &[&[f64]],
    alphas: &[f64],
    bands: &CoordinationBands,
) -> Result<CouplingCoordination> {
    let n = subsystems.len();
    if n < 2 {
        return Err(Error::data(
            Place::default(),
            format!("coupling coordination needs at least 2 subsystems, found {n}"),
        ));
    }
    let m = subsystems[0].len();
    if m == 0 {
        return Err(Error::data(
            Place::default(),
            "coupling coordination needs at least 1 unit, found 0",
        ));
    }
    for (k, sub) in subsystems.iter().enumerate() {
        if sub.len() != m {
            return Err(Error::data(
                subsystem_place(k),
                format!(
                    "has {} scores but subsystem 1 has {m}; every subsystem needs one score \
                     per unit",
                    sub.len()
                ),
            ));
        }
        if let Some(i) = sub.iter().position(|u| !(0.0..=1.0).contains(u)) {
            return Err(Error::data(
                subsystem_place(k),
                format!(
                    "expected a score in [0, 1] for every unit, found {} for unit {}",
                    sub[i],
                    i + 1
                ),
            ));
        }
    }
    if alphas.len() != n {
        return Err(Error::spec(
            Place::default(),
            format!(
                "coupling coordination: expected one α per subsystem ({n}), found {}",
                alphas.len()
            ),
        ));
    }
    if let Some(k) = alphas.iter().position(|a| !(a.is_finite() && *a >= 0.0)) {
        return Err(Error::spec(
            subsystem_place(k),
            format!("α must be finite and ≥ 0, found {}", alphas[k]),
        ));
    }
    let alpha_sum: f64 = alphas.iter().sum();
    if (alpha_sum - 1.0).abs() > ALPHA_SUM_TOL {
        return Err(Error::spec(
            Place::default(),
            format!("coupling coordination: the α must sum to 1, found {alpha_sum}"),
        ));
    }
    let inv_n = 1.0 / n as f64;
    let mut coupling = Vec::with_capacity(m);
    let mut development = Vec::with_capacity(m);
    let mut degree = Vec::with_capacity(m);
    let mut band = Vec::with_capacity(m);
    for i in 0..m {
        let (mut lo, mut hi, mut sum, mut t) = (f64::INFINITY, f64::NEG_INFINITY, 0.0, 0.0);
        for (sub, a) in subsystems.iter().zip(alphas) {
            let u = sub[i];
            lo = lo.min(u);
            hi = hi.max(u);
            sum += u;
            t += a * u;
        }
        let c = if lo == hi {
            1.0
        } else if lo == 0.0 {
            0.0
        } else {
            // lo > 0, so every ln is finite; GM ≤ AM, clamp the rounding.
            let mean = sum * inv_n;
            let log_ratio: f64 = subsystems.iter().map(|sub| ln(sub[i] / mean)).sum();
            exp(log_ratio * inv_n).min(1.0)
        };
        // Σα may miss 1 by rounding, which could push T a hair outside [0, 1].
        let t = (t / alpha_sum).clamp(0.0, 1.0);
        let d = (c * t).sqrt();
        coupling.push(c);
        development.push(t);
        degree.push(d);
        band.push(bands.classify(d));
    }
    let ranks = ranks_of(&degree);
    Ok(CouplingCoordination {
        coupling,
        development,
        degree,
        band,
        bands: bands.clone(),
        ranks,
    })
}

/// The coupling coordination of an index's subsystems, unit by unit.
#[derive(Debug, Clone, PartialEq)]
pub struct SubsystemCoupling {
    /// The ranked units, in data order: entry `i` of every column of `coordination`.
    pub units: Vec<UnitId>,
    /// The bands `coordination.band` indexes (the default ones).
    pub bands: CoordinationBands,
    /// The coupling, development and coordination degrees, bands and ranks.
    pub coordination: CouplingCoordination,
}

/// [`coupling_coordination`] of the index's subsystems: the children of the root, scored by
/// the build (so a 0–1 scale is the build's to choose), weighted by their effective weights,
/// over the ranked units, with the default bands.
///
/// # Formula
/// As [`coupling_coordination`], with subsystem `j` = the root's child `j` and `αⱼ` its
/// weight in `results`.
///
/// # Errors
/// A ranked unit without a subsystem score (named by unit and node); as
/// [`coupling_coordination`].
pub fn coupling_of_subsystems(
    framework: &Framework,
    data: &Dataset,
    results: &Results,
) -> Result<SubsystemCoupling> {
    let children = framework.children(framework.root());
    let units: Vec<UnitId> = data
        .unit_ids()
        .filter(|&u| data.unit(u).is_ranked())
        .collect();
    let mut columns = Vec::with_capacity(children.len());
    for &c in children {
        let column = units
            .iter()
            .map(|&u| {
                results.value(c, u).ok_or_else(|| {
                    Error::data(
                        Place::of_indicator(framework.node(c).code.as_str())
                            .unit(data.unit(u).code.as_str()),
                        "no subsystem score for coupling coordination",
                    )
                })
            })
            .collect::<Result<Vec<f64>>>()?;
        columns.push(column);
    }
    let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    let alphas: Vec<f64> = children
        .iter()
        .map(|&c| results.weights[c.index()])
        .collect();
    let bands = CoordinationBands::default();
    let coordination = coupling_coordination(&slices, &alphas, &bands)?;
    Ok(SubsystemCoupling {
        units,
        bands,
        coordination,
    })
}

/// A decision matrix taken from a [`Dataset`]: the ranked units with a value on every
/// criterion, as the columns [`topsis`] and [`grey_relational`] take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionMatrix {
    /// Dataset index of each alternative (row), in the dataset's unit order.
    pub units: Vec<UnitId>,
    /// The indicator code of each criterion (column).
    pub criteria: Vec<String>,
    /// One column per criterion, one value per alternative.
    pub columns: Vec<Vec<f64>>,
}

impl DecisionMatrix {
    /// The values of the indicators `codes` in `period` for every ranked unit (reference
    /// aggregates such as a national average are left out, as in ranks).
    ///
    /// # Errors
    /// A period out of range or an unknown code ([`ErrorKind::Spec`]); a missing value
    /// ([`ErrorKind::Data`] naming the unit, the indicator and the year): the methods need a
    /// complete matrix, so impute first or choose the indicators.
    ///
    /// [`ErrorKind::Spec`]: crate::error::ErrorKind::Spec
    /// [`ErrorKind::Data`]: crate::error::ErrorKind::Data
    pub fn from_dataset(data: &Dataset, period: PeriodId, codes: &[&str]) -> Result<Self> {
        let Some(&year) = data.periods().get(period.index()) else {
            return Err(Error::spec(
                Place::default(),
                format!(
                    "decision matrix: period {} does not exist; the data has {}",
                    period.index(),
                    data.periods().len()
                ),
            ));
        };
        let columns = codes
            .iter()
            .map(|&code| {
                let variable = data.variable_index(code).ok_or_else(|| {
                    Error::spec(
                        Place::of_indicator(code),
                        "decision matrix: no such indicator in the data",
                    )
                })?;
                Ok(data.column(variable, period))
            })
            .collect::<Result<Vec<_>>>()?;
        DecisionMatrix::of_columns(data, year, codes, &columns)
    }

    /// The matrix of the criteria `codes`, `columns[j]` holding criterion j's value for each
    /// unit of `data` in `year`, its ranked units only.
    fn of_columns(
        data: &Dataset,
        year: Option<i32>,
        codes: &[&str],
        columns: &[&[Option<f64>]],
    ) -> Result<Self> {
        let units: Vec<UnitId> = data
            .unit_ids()
            .filter(|&u| data.unit(u).is_ranked())
            .collect();
        let mut matrix = Vec::with_capacity(codes.len());
        for (&code, values) in codes.iter().zip(columns) {
            let mut column = Vec::with_capacity(units.len());
            for &u in &units {
                let Some(x) = values[u.index()] else {
                    return Err(Error::data(
                        Place::of_indicator(code)
                            .unit(data.unit(u).code.as_str())
                            .year(year),
                        "missing value; TOPSIS and grey relational analysis need every \
                         criterion for every unit (impute first)",
                    ));
                };
                column.push(x);
            }
            matrix.push(column);
        }
        Ok(DecisionMatrix {
            units,
            criteria: codes.iter().map(|&c| c.to_owned()).collect(),
            columns: matrix,
        })
    }

    /// Every indicator of `framework` as a criterion, with the values the build's own
    /// imputation and treatment left in `results` (the run of `period`), ranked units only:
    /// the matrix the command line and the bindings rank.
    ///
    /// # Errors
    /// As [`DecisionMatrix::from_dataset`]: a missing value names the unit and indicator.
    pub fn of_indicators(
        framework: &Framework,
        data: &Dataset,
        results: &Results,
        period: PeriodId,
    ) -> Result<Self> {
        let indicators: Vec<NodeId> = framework.indicators().collect();
        let codes: Vec<&str> = indicators
            .iter()
            .map(|&i| framework.node(i).code.as_str())
            .collect();
        let columns: Vec<&[Option<f64>]> = indicators
            .iter()
            .map(|&i| results.treated[i.index()].as_slice())
            .collect();
        DecisionMatrix::of_columns(data, data.year(period), &codes, &columns)
    }

    /// The columns as slices, the shape the methods take.
    pub fn column_slices(&self) -> Vec<&[f64]> {
        self.columns.iter().map(Vec::as_slice).collect()
    }
}

// --- shared checks and helpers ----------------------------------------------------------------

fn criterion_place(j: usize) -> Place {
    Place::default().column(format!("criterion {}", j + 1))
}

fn subsystem_place(k: usize) -> Place {
    Place::default().column(format!("subsystem {}", k + 1))
}

/// Checks the decision matrix and returns the number of alternatives `m ≥ 2`.
fn check_matrix(columns: &[&[f64]]) -> Result<usize> {
    let first = columns.first().ok_or_else(|| {
        Error::data(
            Place::default(),
            "the decision matrix needs at least one criterion, found none",
        )
    })?;
    let m = first.len();
    for (j, col) in columns.iter().enumerate() {
        if col.len() != m {
            return Err(Error::data(
                criterion_place(j),
                format!(
                    "has {} values but criterion 1 has {m}; every criterion needs one value \
                     per alternative",
                    col.len()
                ),
            ));
        }
        if !all_finite(col) {
            // all_finite is false only when some value is not finite.
            let i = col.iter().position(|x| !x.is_finite()).unwrap_or(0);
            return Err(Error::data(
                criterion_place(j),
                format!(
                    "expected a finite value for every alternative, found {} for alternative {}",
                    col[i],
                    i + 1
                ),
            ));
        }
    }
    if m < 2 {
        return Err(Error::data(
            Place::default(),
            format!("the decision matrix needs at least 2 alternatives, found {m}"),
        ));
    }
    Ok(m)
}

fn check_directions(n: usize, directions: &[Direction]) -> Result<()> {
    if directions.len() == n {
        Ok(())
    } else {
        Err(Error::spec(
            Place::default(),
            format!(
                "expected one direction per criterion ({n}), found {}",
                directions.len()
            ),
        ))
    }
}

/// Checks the weights and returns their (finite, positive) sum.
fn check_weights(n: usize, weights: &[f64]) -> Result<f64> {
    if weights.len() != n {
        return Err(Error::spec(
            Place::default(),
            format!(
                "expected one weight per criterion ({n}), found {}",
                weights.len()
            ),
        ));
    }
    if let Some(j) = weights.iter().position(|w| !(w.is_finite() && *w >= 0.0)) {
        return Err(Error::spec(
            criterion_place(j),
            format!("weight must be finite and ≥ 0, found {}", weights[j]),
        ));
    }
    let total: f64 = weights.iter().sum();
    if total > 0.0 && total.is_finite() {
        Ok(total)
    } else {
        Err(Error::spec(
            Place::default(),
            format!("the weights must have a positive, finite sum, found {total}"),
        ))
    }
}

/// Independent accumulators per lane, so the loops have no serial dependency and vectorise.
const LANES: usize = 8;

/// Minimum and maximum of finite values (`(∞, −∞)` for an empty slice).
fn min_max(col: &[f64]) -> (f64, f64) {
    let mut lo = [f64::INFINITY; LANES];
    let mut hi = [f64::NEG_INFINITY; LANES];
    let chunks = col.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for k in 0..LANES {
            lo[k] = if chunk[k] < lo[k] { chunk[k] } else { lo[k] };
            hi[k] = if chunk[k] > hi[k] { chunk[k] } else { hi[k] };
        }
    }
    let fold = |init: f64, lanes: &[f64], f: fn(f64, f64) -> f64| {
        lanes.iter().chain(rest).fold(init, |a, &x| f(a, x))
    };
    (
        fold(f64::INFINITY, &lo, f64::min),
        fold(f64::NEG_INFINITY, &hi, f64::max),
    )
}

/// Whether every value is finite: `x · 0` is 0 for finite `x` and NaN for ±∞ and NaN.
fn all_finite(col: &[f64]) -> bool {
    let mut acc = [0.0; LANES];
    let chunks = col.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for k in 0..LANES {
            acc[k] += chunk[k] * 0.0;
        }
    }
    acc.iter().chain(rest).all(|x| x.is_finite())
}

/// Adds `(v − ideal)²` to `plus` and `(v − anti)²` to `minus`, with `v = weighted(x)`.
#[inline]
fn accumulate(
    col: &[f64],
    plus: &mut [f64],
    minus: &mut [f64],
    ideal: f64,
    anti: f64,
    weighted: impl Fn(f64) -> f64,
) {
    for ((p, n), &x) in plus.iter_mut().zip(minus.iter_mut()).zip(col) {
        let v = weighted(x);
        *p += (v - ideal) * (v - ideal);
        *n += (v - anti) * (v - anti);
    }
}

fn positive_range(j: usize, lo: f64, hi: f64) -> Result<f64> {
    let range = hi - lo;
    if range == 0.0 {
        Err(Error::data(
            criterion_place(j),
            format!(
                "is constant (every alternative has {lo}); min-max normalisation divides by \
                 its range"
            ),
        ))
    } else if range.is_finite() {
        Ok(range)
    } else {
        Err(Error::data(
            criterion_place(j),
            format!("has a range too large to represent ({lo} to {hi})"),
        ))
    }
}

/// `√(Σ x²)`, scaled by the largest `|x|` so that neither huge nor tiny values over- or
/// underflow.
fn euclidean_norm(j: usize, col: &[f64]) -> Result<f64> {
    let scale = col.iter().fold(0.0_f64, |s, x| s.max(x.abs()));
    if scale == 0.0 {
        return Err(Error::data(
            criterion_place(j),
            "is zero for every alternative; vector normalisation divides by its norm",
        ));
    }
    let sum: f64 = col.iter().map(|x| (x / scale) * (x / scale)).sum();
    Ok(scale * sum.sqrt())
}

/// Competition ranks of finite scores, higher is better.
fn ranks_of(scores: &[f64]) -> Vec<usize> {
    let values: Vec<Option<f64>> = scores.iter().map(|&s| Some(s)).collect();
    let mut out = vec![None; scores.len()];
    rank_values(&values, TiePolicy::Min, &mut out);
    // Every value is Some, so every rank is Some and a whole number in 1..=m.
    out.into_iter()
        .map(|r| r.map_or(0, |r| r as usize))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use approx::assert_abs_diff_eq;
    use proptest::prelude::*;

    /// Hand-derived closed forms, evaluated in a different order.
    const EXACT: f64 = 1e-12;

    const P: Direction = Direction::Positive;
    const N: Direction = Direction::Negative;

    fn is_data(err: &Error) -> bool {
        matches!(err.kind(), ErrorKind::Data { .. })
    }

    fn is_spec(err: &Error) -> bool {
        matches!(err.kind(), ErrorKind::Spec { .. })
    }

    #[test]
    fn topsis_min_max_by_hand() {
        // Opricovic & Tzeng (2004): C1 cost [1, 2, 5], C2 benefit [3000, 3750, 4500].
        // r = [1, 0.75, 0] and [0, 0.5, 1]; v = r / 2; v⁺ = (0.5, 0.5), v⁻ = 0.
        let out = topsis(
            &[&[1.0, 2.0, 5.0], &[3000.0, 3750.0, 4500.0]],
            &[N, P],
            &[0.5, 0.5],
            TopsisNormalisation::MinMax,
        )
        .unwrap();
        let (dp, dm) = (0.078125_f64.sqrt(), 0.203125_f64.sqrt());
        assert_eq!(out.closeness[0], 0.5);
        assert_eq!(out.closeness[2], 0.5);
        assert_abs_diff_eq!(out.closeness[1], dm / (dp + dm), epsilon = EXACT);
        assert_abs_diff_eq!(out.distance_to_ideal[1], dp, epsilon = EXACT);
        assert_abs_diff_eq!(out.distance_to_anti_ideal[1], dm, epsilon = EXACT);
        assert_eq!(out.ranks, vec![2, 1, 2]);
    }

    #[test]
    fn topsis_vector_by_hand() {
        // One benefit, one cost criterion with norms 5 and 5.
        // r = [0.6, 0.8] and [0.8, 0.6]; v = r / 2; v⁺ = (0.4, 0.3), v⁻ = (0.3, 0.4).
        let out = topsis(
            &[&[3.0, 4.0], &[4.0, 3.0]],
            &[P, N],
            &[1.0, 1.0],
            TopsisNormalisation::Vector,
        )
        .unwrap();
        assert_abs_diff_eq!(out.closeness[0], 0.0, epsilon = EXACT);
        assert_abs_diff_eq!(out.closeness[1], 1.0, epsilon = EXACT);
        assert_abs_diff_eq!(out.distance_to_ideal[0], 0.02_f64.sqrt(), epsilon = EXACT);
        assert_eq!(out.ranks, vec![2, 1]);
    }

    #[test]
    fn topsis_vector_accepts_a_constant_column_that_does_not_separate() {
        let constant = topsis(
            &[&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0]],
            &[P, P],
            &[0.5, 0.5],
            TopsisNormalisation::Vector,
        )
        .unwrap();
        let alone = topsis(
            &[&[1.0, 2.0, 3.0]],
            &[P],
            &[1.0],
            TopsisNormalisation::Vector,
        )
        .unwrap();
        for (a, b) in constant.closeness.iter().zip(&alone.closeness) {
            assert_abs_diff_eq!(a, b, epsilon = EXACT);
        }
        let err = topsis(
            &[&[2.0, 2.0, 2.0], &[1.0, 2.0, 3.0]],
            &[P, P],
            &[1.0, 0.0],
            TopsisNormalisation::Vector,
        )
        .unwrap_err();
        assert!(is_data(&err), "{err}");
    }

    #[test]
    fn topsis_errors_name_the_criterion_and_alternative() {
        let m = TopsisNormalisation::MinMax;
        let err = topsis(&[&[1.0, 2.0], &[1.0]], &[P, P], &[1.0, 1.0], m).unwrap_err();
        assert!(
            is_data(&err) && err.to_string().contains("criterion 2"),
            "{err}"
        );
        let err = topsis(&[&[1.0, 2.0], &[1.0, f64::NAN]], &[P, P], &[1.0, 1.0], m).unwrap_err();
        assert!(
            is_data(&err)
                && err.to_string().contains("criterion 2")
                && err.to_string().contains("alternative 2"),
            "{err}"
        );
        let err = topsis(&[&[1.0, 2.0], &[3.0, 3.0]], &[P, P], &[1.0, 1.0], m).unwrap_err();
        assert!(
            is_data(&err) && err.to_string().contains("constant"),
            "{err}"
        );
        let err = topsis(
            &[&[0.0, 0.0], &[1.0, 2.0]],
            &[P, P],
            &[1.0, 1.0],
            TopsisNormalisation::Vector,
        )
        .unwrap_err();
        assert!(is_data(&err) && err.to_string().contains("norm"), "{err}");
        let err = topsis(&[&[1.0, 2.0]], &[P], &[-1.0], m).unwrap_err();
        assert!(
            is_spec(&err) && err.to_string().contains("criterion 1"),
            "{err}"
        );
        let err = topsis(&[&[1.0, 2.0]], &[P], &[1.0, 1.0], m).unwrap_err();
        assert!(is_spec(&err), "{err}");
        let err = topsis(&[&[1.0, 2.0]], &[P, N], &[1.0], m).unwrap_err();
        assert!(is_spec(&err), "{err}");
        let err = topsis(&[&[1.0, 2.0]], &[P], &[0.0], m).unwrap_err();
        assert!(is_spec(&err), "{err}");
        let err = topsis(&[&[1.0, 2.0]], &[P], &[f64::INFINITY], m).unwrap_err();
        assert!(is_spec(&err), "{err}");
        let err = topsis(&[&[1.0]], &[P], &[1.0], m).unwrap_err();
        assert!(
            is_data(&err) && err.to_string().contains("2 alternatives"),
            "{err}"
        );
        let err = topsis(&[], &[], &[], m).unwrap_err();
        assert!(is_data(&err), "{err}");
        let err = topsis(&[&[-f64::MAX, f64::MAX]], &[P], &[1.0], m).unwrap_err();
        assert!(is_data(&err), "{err}");
    }

    #[test]
    fn topsis_vector_survives_extreme_magnitudes() {
        for scale in [1e-300, 1e300] {
            let out = topsis(
                &[&[scale, 2.0 * scale, 3.0 * scale]],
                &[P],
                &[1.0],
                TopsisNormalisation::Vector,
            )
            .unwrap();
            assert_abs_diff_eq!(out.closeness[1], 0.5, epsilon = EXACT);
        }
    }

    #[test]
    fn grey_relational_by_hand() {
        // r = [0, 0.5, 1] (benefit) and [1, 0, 0.5] (cost of [1, 3, 2]); Δ = 1 − r;
        // Δmin = 0, Δmax = 1; ξ = 0.5 / (Δ + 0.5).
        let out = grey_relational(
            &[&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]],
            &[P, N],
            &[3.0, 1.0],
            DEFAULT_DISTINGUISHING_COEFFICIENT,
        )
        .unwrap();
        let xi = |d: f64| 0.5 / (d + 0.5);
        let expected = [
            0.75 * xi(1.0) + 0.25 * xi(0.0),
            0.75 * xi(0.5) + 0.25 * xi(1.0),
            0.75 * xi(0.0) + 0.25 * xi(0.5),
        ];
        for (g, e) in out.grades.iter().zip(expected) {
            assert_abs_diff_eq!(*g, e, epsilon = EXACT);
        }
        // Grades 0.5, 0.458, 0.875.
        assert_eq!(out.ranks, vec![2, 3, 1]);
    }

    #[test]
    fn grey_relational_rejects_bad_rho_and_constant_columns() {
        for rho in [0.0, -0.5, 1.5, f64::NAN] {
            let err = grey_relational(&[&[1.0, 2.0]], &[P], &[1.0], rho).unwrap_err();
            assert!(is_spec(&err), "{err}");
        }
        let err =
            grey_relational(&[&[1.0, 2.0], &[4.0, 4.0]], &[P, N], &[1.0, 1.0], 0.5).unwrap_err();
        assert!(
            is_data(&err) && err.to_string().contains("criterion 2"),
            "{err}"
        );
    }

    #[test]
    fn coupling_coordination_by_hand() {
        // Unit 1: U = (0.2, 0.4, 0.6): C = (0.048 / 0.4³)^(1/3) = 0.75^(1/3), T = 0.4.
        // Unit 2: all 0.5: C = 1, T = 0.5, D = √0.5.
        // Unit 3: U = (0.9, 0.1, 0.3) ... and unit 4 has a zero: C = 0, D = 0.
        let third = 1.0 / 3.0;
        let out = coupling_coordination(
            &[
                &[0.2, 0.5, 0.9, 0.0],
                &[0.4, 0.5, 0.1, 0.7],
                &[0.6, 0.5, 0.3, 0.8],
            ],
            &[third, third, third],
            &CoordinationBands::default(),
        )
        .unwrap();
        let c1 = 0.75_f64.powf(1.0 / 3.0);
        assert_abs_diff_eq!(out.coupling[0], c1, epsilon = EXACT);
        assert_abs_diff_eq!(out.development[0], 0.4, epsilon = EXACT);
        assert_abs_diff_eq!(out.degree[0], (0.4 * c1).sqrt(), epsilon = EXACT);
        assert_eq!(out.coupling[1], 1.0);
        assert_abs_diff_eq!(out.degree[1], 0.5_f64.sqrt(), epsilon = EXACT);
        let c3 = (0.027_f64 / (1.3_f64 / 3.0).powi(3)).powf(1.0 / 3.0);
        assert_abs_diff_eq!(out.coupling[2], c3, epsilon = EXACT);
        assert_eq!((out.coupling[3], out.degree[3]), (0.0, 0.0));
        // D = 0.6028 → 勉强协调, 0.7071 → 中级协调, 0.5477 → 勉强协调, 0 → 极度失调.
        assert_eq!(out.band, vec![6, 7, 5, 0]);
        assert_eq!(out.bands.bands()[7].label_zh.as_deref(), Some("中级协调"));
        assert_eq!(out.ranks, vec![2, 1, 3, 4]);
    }

    #[test]
    fn coupling_two_subsystems_and_all_zero() {
        // U = (0.9, 0.1): C = √(0.09 / 0.25) = 0.6, T = 0.5, D = √0.3.
        let out = coupling_coordination(
            &[&[0.9, 0.0], &[0.1, 0.0]],
            &[0.5, 0.5],
            &CoordinationBands::default(),
        )
        .unwrap();
        assert_abs_diff_eq!(out.coupling[0], 0.6, epsilon = EXACT);
        assert_abs_diff_eq!(out.degree[0], 0.3_f64.sqrt(), epsilon = EXACT);
        assert_eq!(out.band[0], 5);
        assert_eq!(
            (out.coupling[1], out.development[1], out.degree[1]),
            (1.0, 0.0, 0.0)
        );
        assert_eq!(out.band[1], 0);
    }

    #[test]
    fn band_boundaries_belong_to_the_lower_band() {
        let bands = CoordinationBands::default();
        assert_eq!(bands.classify(0.0), 0);
        assert_eq!(bands.classify(0.1), 0);
        assert_eq!(bands.classify(0.100_000_1), 1);
        assert_eq!(bands.classify(0.9), 8);
        assert_eq!(bands.classify(1.0), 9);
        assert_eq!(bands.bands().len(), 10);
        assert_eq!(bands.bands()[0].label_zh.as_deref(), Some("极度失调"));
        assert_eq!(bands.bands()[9].label, "high-quality coordination");
    }

    #[test]
    fn custom_bands_validate_and_round_trip() {
        let band = |upper: f64, label: &str| CoordinationBand {
            upper,
            label: label.into(),
            label_zh: None,
        };
        let three = CoordinationBands::new(vec![
            band(0.4, "imbalance"),
            band(0.6, "transition"),
            band(1.0, "coordination"),
        ])
        .unwrap();
        assert_eq!(three.classify(0.5), 1);
        let json = serde_json::to_string(&three).unwrap();
        let back: CoordinationBands = serde_json::from_str(&json).unwrap();
        assert_eq!(back, three);
        for bad in [
            vec![],
            vec![band(0.5, "a")],
            vec![band(0.5, "a"), band(0.4, "b"), band(1.0, "c")],
            vec![band(0.0, "a"), band(1.0, "b")],
            vec![band(f64::NAN, "a"), band(1.0, "b")],
        ] {
            let err = CoordinationBands::new(bad).unwrap_err();
            assert!(is_spec(&err), "{err}");
        }
        assert!(
            serde_json::from_str::<CoordinationBands>(r#"[{"upper": 0.5, "label": "x"}]"#).is_err()
        );
    }

    #[test]
    fn coupling_errors_are_typed() {
        let bands = CoordinationBands::default();
        let err = coupling_coordination(&[&[0.5]], &[1.0], &bands).unwrap_err();
        assert!(is_data(&err), "{err}");
        let err =
            coupling_coordination(&[&[0.5, 0.2], &[1.2, 0.3]], &[0.5, 0.5], &bands).unwrap_err();
        assert!(
            is_data(&err)
                && err.to_string().contains("subsystem 2")
                && err.to_string().contains("unit 1"),
            "{err}"
        );
        let err = coupling_coordination(&[&[0.5], &[f64::NAN]], &[0.5, 0.5], &bands).unwrap_err();
        assert!(is_data(&err), "{err}");
        let err = coupling_coordination(&[&[0.5], &[0.5, 0.1]], &[0.5, 0.5], &bands).unwrap_err();
        assert!(is_data(&err), "{err}");
        let err = coupling_coordination(&[&[], &[]], &[0.5, 0.5], &bands).unwrap_err();
        assert!(is_data(&err), "{err}");
        let err = coupling_coordination(&[&[0.5], &[0.5]], &[0.5, 0.6], &bands).unwrap_err();
        assert!(is_spec(&err), "{err}");
        let err = coupling_coordination(&[&[0.5], &[0.5]], &[1.5, -0.5], &bands).unwrap_err();
        assert!(
            is_spec(&err) && err.to_string().contains("subsystem 2"),
            "{err}"
        );
        let err = coupling_coordination(&[&[0.5], &[0.5]], &[1.0], &bands).unwrap_err();
        assert!(is_spec(&err), "{err}");
    }

    #[test]
    fn decision_matrix_from_dataset() {
        use crate::model::unit::{Unit, UnitCode, UnitKind};
        let unit = |code: &str, kind: UnitKind| {
            let mut u = Unit::new(UnitCode::new(code).unwrap(), code);
            u.kind = kind;
            u
        };
        let data = Dataset::cross_section(
            vec![
                unit("GD", UnitKind::Unit),
                unit("CN", UnitKind::Aggregate),
                unit("GX", UnitKind::Unit),
            ],
            vec!["a".into(), "b".into(), "c".into()],
            vec![
                vec![Some(1.0), Some(5.0), Some(2.0)],
                vec![Some(3.0), None, Some(4.0)],
                vec![None, Some(1.0), Some(1.0)],
            ],
        )
        .unwrap();
        let dm = DecisionMatrix::from_dataset(&data, PeriodId::new(0), &["b", "a"]).unwrap();
        assert_eq!(dm.units, vec![UnitId::new(0), UnitId::new(2)]); // the aggregate is left out, its gap in "b" too
        assert_eq!(dm.columns, vec![vec![3.0, 4.0], vec![1.0, 2.0]]);
        assert_eq!(dm.column_slices()[1], &[1.0, 2.0]);
        let err = DecisionMatrix::from_dataset(&data, PeriodId::new(0), &["c"]).unwrap_err();
        assert!(is_data(&err), "{err}");
        assert_eq!(err.place().unit.as_deref(), Some("GD"));
        assert_eq!(err.place().indicator.as_deref(), Some("c"));
        assert!(is_spec(
            &DecisionMatrix::from_dataset(&data, PeriodId::new(0), &["zz"]).unwrap_err()
        ));
        assert!(is_spec(
            &DecisionMatrix::from_dataset(&data, PeriodId::new(1), &["a"]).unwrap_err()
        ));
    }

    #[test]
    fn results_serialize() {
        let out = topsis(&[&[1.0, 2.0]], &[P], &[1.0], TopsisNormalisation::Vector).unwrap();
        let json = serde_json::to_value(&out).unwrap();
        assert_eq!(json["normalisation"], "vector");
        assert_eq!(json["ranks"], serde_json::json!([2, 1]));
        let ccd =
            coupling_coordination(&[&[0.5], &[0.5]], &[0.5, 0.5], &Default::default()).unwrap();
        let json = serde_json::to_value(&ccd).unwrap();
        assert_eq!(json["bands"][9]["label_zh"], "优质协调");
    }

    /// A decision matrix: 2–5 criteria × 2–12 alternatives, each column non-constant.
    fn matrix() -> impl Strategy<Value = (Vec<Vec<f64>>, Vec<Direction>, Vec<f64>)> {
        (2usize..12, 1usize..5).prop_flat_map(|(m, n)| {
            (
                prop::collection::vec(prop::collection::vec(-1e3..1e3_f64, m), n),
                prop::collection::vec(prop::bool::ANY, n),
                prop::collection::vec(0.01..10.0_f64, n),
            )
                .prop_map(|(mut cols, dirs, w)| {
                    for col in &mut cols {
                        // Force a positive range whatever the draw.
                        col[0] = 1001.0;
                        col[1] = -1001.0;
                    }
                    let dirs = dirs.into_iter().map(|b| if b { P } else { N }).collect();
                    (cols, dirs, w)
                })
        })
    }

    fn slices(cols: &[Vec<f64>]) -> Vec<&[f64]> {
        cols.iter().map(Vec::as_slice).collect()
    }

    fn is_competition_ranking(scores: &[f64], ranks: &[usize]) -> bool {
        scores
            .iter()
            .zip(ranks)
            .all(|(s, &r)| r == 1 + scores.iter().filter(|&&t| t > *s).count())
    }

    proptest! {
        #[test]
        fn topsis_closeness_in_unit_interval_and_ranked((cols, dirs, w) in matrix(), vector in prop::bool::ANY) {
            let norm = if vector { TopsisNormalisation::Vector } else { TopsisNormalisation::MinMax };
            let out = topsis(&slices(&cols), &dirs, &w, norm).unwrap();
            for c in &out.closeness {
                prop_assert!((0.0..=1.0).contains(c));
            }
            prop_assert!(is_competition_ranking(&out.closeness, &out.ranks));
        }

        #[test]
        fn scaling_weights_changes_no_score((cols, dirs, w) in matrix(), k in 1e-3..1e3_f64, vector in prop::bool::ANY) {
            let norm = if vector { TopsisNormalisation::Vector } else { TopsisNormalisation::MinMax };
            let scaled: Vec<f64> = w.iter().map(|x| x * k).collect();
            let a = topsis(&slices(&cols), &dirs, &w, norm).unwrap();
            let b = topsis(&slices(&cols), &dirs, &scaled, norm).unwrap();
            for (x, y) in a.closeness.iter().zip(&b.closeness) {
                prop_assert!((x - y).abs() < 1e-12);
            }
            let a = grey_relational(&slices(&cols), &dirs, &w, 0.5).unwrap();
            let b = grey_relational(&slices(&cols), &dirs, &scaled, 0.5).unwrap();
            for (x, y) in a.grades.iter().zip(&b.grades) {
                prop_assert!((x - y).abs() < 1e-12);
            }
        }

        #[test]
        fn results_do_not_depend_on_row_order((cols, dirs, w) in matrix(), rho in 0.05..1.0_f64) {
            let reversed: Vec<Vec<f64>> =
                cols.iter().map(|c| c.iter().rev().copied().collect()).collect();
            let a = topsis(&slices(&cols), &dirs, &w, TopsisNormalisation::MinMax).unwrap();
            let b = topsis(&slices(&reversed), &dirs, &w, TopsisNormalisation::MinMax).unwrap();
            let g = grey_relational(&slices(&cols), &dirs, &w, rho).unwrap();
            let h = grey_relational(&slices(&reversed), &dirs, &w, rho).unwrap();
            let m = a.closeness.len();
            for i in 0..m {
                prop_assert!((a.closeness[i] - b.closeness[m - 1 - i]).abs() < 1e-12);
                prop_assert_eq!(a.ranks[i], b.ranks[m - 1 - i]);
                prop_assert!((g.grades[i] - h.grades[m - 1 - i]).abs() < 1e-12);
                prop_assert_eq!(g.ranks[i], h.ranks[m - 1 - i]);
            }
        }

        #[test]
        fn grey_grades_in_unit_interval((cols, dirs, w) in matrix(), rho in 0.01..=1.0_f64) {
            let out = grey_relational(&slices(&cols), &dirs, &w, rho).unwrap();
            for g in &out.grades {
                prop_assert!(*g > 0.0 && *g <= 1.0 + 1e-12);
            }
            prop_assert!(is_competition_ranking(&out.grades, &out.ranks));
        }

        #[test]
        fn coupling_invariants(
            units in (2usize..6, 1usize..10).prop_flat_map(|(n, m)| {
                prop::collection::vec(prop::collection::vec(0.0..=1.0_f64, n), m)
            }),
            raw_alpha in prop::collection::vec(0.01..1.0_f64, 6),
        ) {
            let n = units[0].len();
            let subsystems: Vec<Vec<f64>> =
                (0..n).map(|k| units.iter().map(|u| u[k]).collect()).collect();
            let total: f64 = raw_alpha[..n].iter().sum();
            let alpha: Vec<f64> = raw_alpha[..n].iter().map(|a| a / total).collect();
            let out = coupling_coordination(&slices(&subsystems), &alpha, &CoordinationBands::default())
                .unwrap();
            for (i, u) in units.iter().enumerate() {
                let (c, t, d) = (out.coupling[i], out.development[i], out.degree[i]);
                prop_assert!((0.0..=1.0).contains(&c));
                prop_assert!((0.0..=1.0).contains(&t));
                prop_assert!((0.0..=1.0).contains(&d));
                prop_assert!(d <= t.sqrt() + 1e-15);
                let (lo, hi) = min_max(u);
                prop_assert!(t >= lo - 1e-12 && t <= hi + 1e-12);
                // The direct formula, where it does not underflow.
                let mean = u.iter().sum::<f64>() / n as f64;
                if mean > 1e-3 {
                    let direct = (u.iter().product::<f64>() / mean.powi(n as i32)).powf(1.0 / n as f64);
                    prop_assert!((c - direct).abs() < 1e-9, "{c} vs {direct}");
                }
                let band = &out.bands.bands()[out.band[i]];
                prop_assert!(d <= band.upper);
            }
            prop_assert!(is_competition_ranking(&out.degree, &out.ranks));
        }

        #[test]
        fn coupling_is_one_when_subsystems_are_equal(u in 0.0..=1.0_f64, n in 2usize..8) {
            let subsystems = vec![vec![u]; n];
            let alpha = vec![1.0 / n as f64; n];
            let out = coupling_coordination(&slices(&subsystems), &alpha, &CoordinationBands::default())
                .unwrap();
            prop_assert_eq!(out.coupling[0], 1.0);
            prop_assert!((out.development[0] - u).abs() < 1e-12);
            prop_assert!((out.degree[0] - u.sqrt()).abs() < 1e-12);
        }
    }
}
