//! Step reports: what each pipeline step changed, so that nothing happens silently.

use serde::Serialize;

use crate::model::ids::{NodeId, UnitId};
use crate::pipeline::treat::TreatOutcome;

/// One cell: a unit and a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The unit.
    pub unit: UnitId,
    /// The node.
    pub node: NodeId,
}

impl Cell {
    /// A cell.
    pub fn new(unit: UnitId, node: NodeId) -> Self {
        Cell { unit, node }
    }
}

/// What the pipeline did, step by step.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Report {
    /// Indicators divided by their denominator.
    pub denominated: Vec<NodeId>,
    /// Cells left missing because their denominator was missing.
    pub missing_denominator: Vec<Cell>,
    /// Units dropped by screening: kept in every output, without scores or ranks.
    pub dropped_units: Vec<UnitId>,
    /// Cells filled by imputation.
    pub imputed: Vec<Cell>,
    /// Indicators changed by outlier treatment, with what was done.
    pub treated: Vec<(NodeId, TreatOutcome)>,
    /// Aggregate cells left missing because too few children were present.
    pub below_min_share: Vec<Cell>,
    /// Aggregate cells left missing because every present child had weight 0.
    pub no_weight: Vec<Cell>,
    /// Indicator cells whose magnitude is implausible next to the indicator's other values
    /// (see [`implausible`](crate::pipeline::screen::implausible)): kept, and flagged.
    pub implausible: Vec<Cell>,
}
