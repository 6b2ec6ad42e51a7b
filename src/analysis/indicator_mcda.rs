//! MCDA on an index's indicators: the indicators as criteria (after the build's own
//! imputation and treatment), weighted by a named method and scored by TOPSIS or grey
//! relational analysis. What `yardstick mcda` prints and the Python binding returns, run
//! here once.

use serde::Serialize;

use crate::analysis::mcda::{
    grey_relational, topsis, DecisionMatrix, GreyRelational, Topsis, TopsisNormalisation,
    DEFAULT_DISTINGUISHING_COEFFICIENT,
};
use crate::error::Result;
use crate::model::dataset::Dataset;
use crate::model::ids::{NodeId, PeriodId};
use crate::pipeline::plan::Plan;
use crate::pipeline::weight::{
    coefficient_of_variation_weights, critic_weights, entropy_weights, standard_deviation_weights,
    EntropyConvention,
};

/// How the criteria are weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriteriaWeights {
    /// iMeta's weights.
    Meta,
    /// Equal weights.
    Equal,
    /// Entropy weights (raw proportions, as pymcdm).
    Entropy,
    /// CRITIC weights.
    Critic,
    /// Proportional to the standard deviation.
    Sd,
    /// Proportional to the coefficient of variation.
    Cv,
}

impl CriteriaWeights {
    /// Every choice with its name (`meta`, `equal`, `entropy`, `critic`, `sd`, `cv`).
    pub const NAMED: [(&'static str, CriteriaWeights); 6] = [
        ("meta", CriteriaWeights::Meta),
        ("equal", CriteriaWeights::Equal),
        ("entropy", CriteriaWeights::Entropy),
        ("critic", CriteriaWeights::Critic),
        ("sd", CriteriaWeights::Sd),
        ("cv", CriteriaWeights::Cv),
    ];

    /// The choice named `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, w)| w)
    }
}

/// How the alternatives are scored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum McdaMethod {
    /// TOPSIS with this normalisation.
    Topsis(TopsisNormalisation),
    /// Grey relational analysis with the default distinguishing coefficient.
    GreyRelational,
}

/// The method's own result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum McdaOutcome {
    /// TOPSIS's closeness, distances and ranks.
    Topsis(Topsis),
    /// The grey relational grades and ranks.
    GreyRelational(GreyRelational),
}

impl McdaOutcome {
    /// The score of each alternative (closeness or grade), higher is better.
    pub fn scores(&self) -> &[f64] {
        match self {
            McdaOutcome::Topsis(t) => &t.closeness,
            McdaOutcome::GreyRelational(g) => &g.grades,
        }
    }

    /// The rank of each alternative (1 = best).
    pub fn ranks(&self) -> &[usize] {
        match self {
            McdaOutcome::Topsis(t) => &t.ranks,
            McdaOutcome::GreyRelational(g) => &g.ranks,
        }
    }
}

/// The criteria, their weights and the method's result.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorMcda {
    /// The ranked units (alternatives) and the indicators (criteria) with their values.
    pub matrix: DecisionMatrix,
    /// One weight per criterion, as the weighting gave them.
    pub weights: Vec<f64>,
    /// The method's result, one entry per alternative.
    pub outcome: McdaOutcome,
}

/// Scores the ranked units of `period` on every indicator of `plan`'s index.
///
/// # Formula
/// The criteria are [`DecisionMatrix::of_indicators`] after the first half of `plan`
/// (imputation and treatment; aggregating and ranking the index would be wasted); the weights
/// are iMeta's, equal, [`entropy_weights`] (raw proportions), [`critic_weights`],
/// [`standard_deviation_weights`] or [`coefficient_of_variation_weights`]; the scores are
/// [`topsis`] or [`grey_relational`] with [`DEFAULT_DISTINGUISHING_COEFFICIENT`], each
/// indicator's direction deciding benefit or cost.
///
/// # Errors
/// As the first half of the build, [`DecisionMatrix::of_indicators`] (a missing value), the
/// weighting and the method.
pub fn indicator_mcda(
    plan: &Plan,
    data: &Dataset,
    period: PeriodId,
    weighting: CriteriaWeights,
    method: McdaMethod,
) -> Result<IndicatorMcda> {
    let fw = plan.framework();
    let results = plan.indicators(data, period)?;
    let indicators: Vec<NodeId> = fw.indicators().collect();
    let matrix = DecisionMatrix::of_indicators(fw, data, &results, period)?;
    let columns = matrix.column_slices();
    let directions: Vec<_> = indicators.iter().map(|&i| fw.node(i).direction).collect();
    let weights = match weighting {
        CriteriaWeights::Meta => indicators
            .iter()
            .map(|&i| fw.node(i).weight.get())
            .collect(),
        CriteriaWeights::Equal => vec![1.0; indicators.len()],
        CriteriaWeights::Entropy => entropy_weights(
            "criteria",
            &columns,
            &directions,
            EntropyConvention::RawProportions,
            0.0,
        )?,
        CriteriaWeights::Critic => critic_weights("criteria", &columns, &directions, false)?,
        CriteriaWeights::Sd => standard_deviation_weights("criteria", &columns)?,
        CriteriaWeights::Cv => coefficient_of_variation_weights("criteria", &columns)?,
    };
    let outcome = match method {
        McdaMethod::Topsis(normalisation) => {
            McdaOutcome::Topsis(topsis(&columns, &directions, &weights, normalisation)?)
        }
        McdaMethod::GreyRelational => McdaOutcome::GreyRelational(grey_relational(
            &columns,
            &directions,
            &weights,
            DEFAULT_DISTINGUISHING_COEFFICIENT,
        )?),
    };
    Ok(IndicatorMcda {
        matrix,
        weights,
        outcome,
    })
}
