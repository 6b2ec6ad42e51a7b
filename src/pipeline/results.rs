//! Results of one run: values and ranks of every node, the effective weights and the report.

use crate::model::ids::{NodeId, UnitId};
use crate::pipeline::report::Report;

/// The output of [`crate::Plan::run`] for one period.
///
/// Columns are in framework (iMeta) order, each with one cell per unit in dataset order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Results {
    /// The period's year, if the data has a time column.
    pub year: Option<i32>,
    /// The framework's root (the index).
    pub root: NodeId,
    /// Normalised values for indicators, aggregated values for aggregates.
    pub values: Vec<Vec<Option<f64>>>,
    /// Ranks of every column; reference rows and dropped units have none.
    pub ranks: Vec<Vec<Option<f64>>>,
    /// Indicator values after denominating, imputing and treating, before normalising
    /// (empty for aggregates): the "raw units" of gap analysis.
    pub treated: Vec<Vec<Option<f64>>>,
    /// Effective weight of each node within its parent (siblings sum to 1).
    pub weights: Vec<f64>,
    /// What each step changed.
    pub report: Report,
}

impl Results {
    /// Values of node `node`, one per unit in data order.
    pub fn values(&self, node: NodeId) -> &[Option<f64>] {
        &self.values[node.index()]
    }

    /// Ranks of node `node`, one per unit in data order.
    pub fn ranks(&self, node: NodeId) -> &[Option<f64>] {
        &self.ranks[node.index()]
    }

    /// The value of `unit` on `node`.
    pub fn value(&self, node: NodeId, unit: UnitId) -> Option<f64> {
        self.values[node.index()][unit.index()]
    }

    /// The rank of `unit` on `node`.
    pub fn rank(&self, node: NodeId, unit: UnitId) -> Option<f64> {
        self.ranks[node.index()][unit.index()]
    }
}
