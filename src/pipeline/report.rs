//! Step reports: what each pipeline step changed, so that nothing happens silently.

use serde::Serialize;

use crate::pipeline::treat::TreatOutcome;

/// One cell: a unit and a node, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// Unit index in the dataset.
    pub unit: usize,
    /// Node index in the framework.
    pub node: usize,
}

impl Cell {
    /// A cell.
    pub fn new(unit: usize, node: usize) -> Self {
        Cell { unit, node }
    }
}

/// What the pipeline did, step by step.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Report {
    /// Indicators divided by their denominator.
    pub denominated: Vec<usize>,
    /// Cells left missing because their denominator was missing.
    pub missing_denominator: Vec<Cell>,
    /// Units dropped by screening: kept in every output, without scores or ranks.
    pub dropped_units: Vec<usize>,
    /// Cells filled by imputation.
    pub imputed: Vec<Cell>,
    /// Indicators changed by outlier treatment, with what was done.
    pub treated: Vec<(usize, TreatOutcome)>,
    /// Aggregate cells left missing because too few children were present.
    pub below_min_share: Vec<Cell>,
    /// Aggregate cells left missing because every present child had weight 0.
    pub no_weight: Vec<Cell>,
}
