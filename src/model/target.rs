//! Targets with deadlines: a value that a node (an indicator, or an aggregate) should reach by
//! a year, for one unit (a province's own plan) or for every unit.
//!
//! A target for one unit overrides a target of the same node for every unit, so that a
//! national plan's target and a province's own can sit in one file.

use serde::Serialize;

use crate::error::{Error, ErrorKind, Place, Result, Shown};
use crate::model::framework::Framework;
use crate::model::ids::{NodeId, UnitId};

/// One target: `node` should reach `value` by `year`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    /// The node the target is set on.
    pub node: NodeId,
    /// The unit it applies to; `None` for every unit.
    pub unit: Option<UnitId>,
    /// The value to reach (in the node's own unit of measure).
    pub value: f64,
    /// The deadline year.
    pub year: i32,
    /// The year the plan measures progress from (a five-year plan's last year before it), if
    /// the target names one; it then starts the assessment window.
    pub baseline_year: Option<i32>,
}

impl Target {
    /// Checks one target on its own: a finite value, and a baseline before the deadline.
    ///
    /// # Errors
    /// [`ErrorKind::Value`] for a non-finite value or a baseline year not before the deadline.
    pub fn check(&self) -> Result<()> {
        if !self.value.is_finite() {
            return Err(Error::value(
                Place::default().column("target"),
                "a finite target value",
                &Shown(self.value).to_string(),
            ));
        }
        if let Some(baseline) = self.baseline_year {
            if baseline >= self.year {
                return Err(Error::value(
                    Place::default().column("baseline_year"),
                    format!("a baseline year before the target year {}", self.year),
                    &baseline.to_string(),
                ));
            }
        }
        Ok(())
    }
}

/// Every target of an assessment, at most one per node and unit scope.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Targets {
    items: Vec<Target>,
}

impl Targets {
    /// Checks and collects `items`.
    ///
    /// # Errors
    /// As [`Target::check`]; [`ErrorKind::Duplicate`] when two targets share a node and a
    /// unit scope (both for every unit, or both for the same unit).
    pub fn new(items: Vec<Target>) -> Result<Self> {
        let mut targets = Targets::default();
        for target in items {
            targets.push(target)?;
        }
        Ok(targets)
    }

    /// Adds one target.
    ///
    /// # Errors
    /// As [`Targets::new`].
    pub fn push(&mut self, target: Target) -> Result<()> {
        target.check()?;
        if self.scope(target.node, target.unit).is_some() {
            return Err(Error::new(
                ErrorKind::Duplicate {
                    code: format!(
                        "{} for {}",
                        target.node,
                        target
                            .unit
                            .map_or_else(|| "every unit".to_owned(), |u| u.to_string())
                    ),
                    first_line: None,
                },
                Place::default(),
            ));
        }
        self.items.push(target);
        Ok(())
    }

    /// The targets of iMeta's `Target` column: one per node that has a target, for every
    /// unit, due in the node's `TargetYear` or else in `deadline`.
    ///
    /// # Errors
    /// [`ErrorKind::Structure`] for a node with a target but neither a `TargetYear` nor a
    /// `deadline`, naming the node; as [`Targets::new`].
    pub fn from_framework(framework: &Framework, deadline: Option<i32>) -> Result<Self> {
        let mut targets = Targets::default();
        for (i, node) in framework.nodes().iter().enumerate() {
            let Some(value) = node.target else {
                continue;
            };
            let year = node.target_year.or(deadline).ok_or_else(|| {
                Error::structure(
                    Place::default()
                        .column("TargetYear")
                        .indicator(node.code.as_str()),
                    "a TargetYear for the Target (or a deadline for every iMeta target)",
                )
            })?;
            targets.push(Target {
                node: NodeId::new(i),
                unit: None,
                value,
                year,
                baseline_year: None,
            })?;
        }
        Ok(targets)
    }

    /// Adds every target of `other`; a target of `other` replaces one of the same node and
    /// unit scope here (a targets file over iMeta's `Target` column).
    pub fn overridden_by(mut self, other: Targets) -> Targets {
        for target in other.items {
            self.items
                .retain(|t| !(t.node == target.node && t.unit == target.unit));
            self.items.push(target);
        }
        self
    }

    /// The target of `node` that applies to `unit`: the unit's own, else the one for every
    /// unit.
    ///
    /// ```
    /// use yardstick::model::target::{Target, Targets};
    /// use yardstick::{NodeId, UnitId};
    /// let all = Target { node: NodeId::new(0), unit: None, value: 3.0, year: 2025, baseline_year: None };
    /// let own = Target { unit: Some(UnitId::new(1)), value: 2.5, ..all };
    /// let targets = Targets::new(vec![all, own]).unwrap();
    /// assert_eq!(targets.get(NodeId::new(0), UnitId::new(0)).unwrap().value, 3.0);
    /// assert_eq!(targets.get(NodeId::new(0), UnitId::new(1)).unwrap().value, 2.5);
    /// assert!(targets.get(NodeId::new(1), UnitId::new(0)).is_none());
    /// ```
    pub fn get(&self, node: NodeId, unit: UnitId) -> Option<&Target> {
        self.scope(node, Some(unit))
            .or_else(|| self.scope(node, None))
    }

    /// The target of `node` with exactly this unit scope.
    fn scope(&self, node: NodeId, unit: Option<UnitId>) -> Option<&Target> {
        self.items.iter().find(|t| t.node == node && t.unit == unit)
    }

    /// Whether `node` has a target for some unit.
    pub fn has_node(&self, node: NodeId) -> bool {
        self.items.iter().any(|t| t.node == node)
    }

    /// Every target, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = &Target> {
        self.items.iter()
    }

    /// Number of targets.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is no target.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(node: usize, unit: Option<usize>, value: f64) -> Target {
        Target {
            node: NodeId::new(node),
            unit: unit.map(UnitId::new),
            value,
            year: 2025,
            baseline_year: Some(2020),
        }
    }

    #[test]
    fn a_units_own_target_overrides_the_one_for_every_unit() {
        let t = Targets::new(vec![target(0, Some(2), 5.0), target(0, None, 4.0)]).unwrap();
        assert_eq!(t.get(NodeId::new(0), UnitId::new(2)).unwrap().value, 5.0);
        assert_eq!(t.get(NodeId::new(0), UnitId::new(0)).unwrap().value, 4.0);
        assert!(t.has_node(NodeId::new(0)) && !t.has_node(NodeId::new(1)));
    }

    #[test]
    fn duplicates_nan_and_baselines_after_the_deadline_are_refused() {
        let err = Targets::new(vec![target(0, None, 1.0), target(0, None, 2.0)]).unwrap_err();
        assert_eq!(err.code(), "duplicate");
        let err = Targets::new(vec![target(0, Some(1), 1.0), target(0, Some(1), 2.0)]).unwrap_err();
        assert_eq!(err.code(), "duplicate");
        assert!(Targets::new(vec![target(0, None, 1.0), target(0, Some(1), 2.0)]).is_ok());
        assert_eq!(
            Targets::new(vec![target(0, None, f64::NAN)])
                .unwrap_err()
                .code(),
            "value"
        );
        let late = Target {
            baseline_year: Some(2025),
            ..target(0, None, 1.0)
        };
        let err = Targets::new(vec![late]).unwrap_err();
        assert!(
            err.to_string().contains("before the target year 2025"),
            "{err}"
        );
    }

    #[test]
    fn a_file_target_replaces_the_meta_target_of_its_scope() {
        let meta = Targets::new(vec![target(0, None, 1.0), target(1, None, 1.0)]).unwrap();
        let file = Targets::new(vec![target(0, None, 9.0), target(0, Some(3), 7.0)]).unwrap();
        let merged = meta.overridden_by(file);
        assert_eq!(merged.len(), 3);
        assert_eq!(
            merged.get(NodeId::new(0), UnitId::new(0)).unwrap().value,
            9.0
        );
        assert_eq!(
            merged.get(NodeId::new(0), UnitId::new(3)).unwrap().value,
            7.0
        );
        assert_eq!(
            merged.get(NodeId::new(1), UnitId::new(3)).unwrap().value,
            1.0
        );
    }
}
