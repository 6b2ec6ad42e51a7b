//! Weights: explicit, equal, or derived from the data (entropy, CRITIC, coefficient of
//! variation, standard deviation, PCA).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::indicator::Direction;

/// How the weights of a node's children are set.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// Shannon entropy weights.
    Entropy {
        /// Which published convention.
        #[serde(default)]
        convention: EntropyConvention,
    },
    /// CRITIC (Diakoulaki et al. 1995).
    Critic,
    /// Coefficient of variation of the raw columns.
    CoefficientOfVariation,
    /// Standard deviation of the raw columns.
    StandardDeviation,
    /// PCA weights (OECD/JRC Handbook, 2008, step 6).
    Pca,
}

/// The two entropy conventions found in the literature.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntropyConvention {
    /// Proportions of the raw values, `k = 1 / ln m`.
    #[default]
    RawProportions,
    /// Proportions of min-max normalised values shifted away from zero (common in Chinese
    /// provincial studies).
    ShiftedMinMax,
}

impl Weighting {
    /// True for methods that need the data (the plan computes them at run time).
    pub fn is_data_driven(&self) -> bool {
        matches!(
            self,
            Weighting::Entropy { .. }
                | Weighting::Critic
                | Weighting::CoefficientOfVariation
                | Weighting::StandardDeviation
                | Weighting::Pca
        )
    }

    /// Data-driven weights from `columns` (one slice per child, all of the same length: the
    /// units with every child present, pooled over periods when asked). Returns weights
    /// summing to 1. `directions` gives each child's direction for the methods that use it.
    pub fn from_data(
        &self,
        node: &str,
        columns: &[&[f64]],
        directions: &[Direction],
    ) -> Result<Vec<f64>> {
        let _ = (node, columns, directions);
        todo!("data-driven weights")
    }
}
