//! Indicators and aggregates: the nodes of an index's hierarchy, with direction and weight.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Shown;
use crate::error::{Error, Place, Result};
use crate::model::unit::validate_code;

/// A validated indicator or aggregate code (`LPI`, `Conn`, `HDI`).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(try_from = "String", into = "String")]
pub struct IndicatorCode(String);

impl IndicatorCode {
    /// Validates `text` as an indicator code.
    pub fn new(text: &str) -> Result<Self> {
        validate_code(text, "indicator code").map(|()| IndicatorCode(text.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for IndicatorCode {
    type Error = Error;
    fn try_from(text: String) -> Result<Self> {
        IndicatorCode::new(&text)
    }
}

impl From<IndicatorCode> for String {
    fn from(code: IndicatorCode) -> String {
        code.0
    }
}

impl fmt::Display for IndicatorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a higher raw value is better (`+1`) or worse (`-1`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A higher value is better.
    #[default]
    Positive,
    /// A lower value is better (costs, emissions, poverty).
    Negative,
}

impl Direction {
    /// `+1.0` or `-1.0`, the factor COINr multiplies raw values by before normalising.
    pub fn sign(self) -> f64 {
        match self {
            Direction::Positive => 1.0,
            Direction::Negative => -1.0,
        }
    }

    /// Parses iMeta's `Direction`: `1` or `-1` (also `1.0`, `-1.0`).
    pub fn parse(text: &str) -> Option<Self> {
        Direction::from_sign(text.trim().parse::<f64>().ok()?)
    }

    /// The direction of `1` or `-1`; `None` for any other number.
    pub fn from_sign(sign: f64) -> Option<Self> {
        match sign {
            1.0 => Some(Direction::Positive),
            -1.0 => Some(Direction::Negative),
            _ => None,
        }
    }
}

/// A weight: finite and not negative. Weights are relative within their parent node.
#[derive(
    Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(try_from = "f64", into = "f64")]
pub struct Weight(f64);

impl Weight {
    /// Validates a weight.
    pub fn new(value: f64) -> Result<Self> {
        if value.is_finite() && value >= 0.0 {
            Ok(Weight(value))
        } else {
            Err(Error::value(
                Place::default(),
                "a finite weight ≥ 0",
                &Shown(value).to_string(),
            ))
        }
    }

    /// The value.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl Default for Weight {
    fn default() -> Self {
        Weight(1.0)
    }
}

impl TryFrom<f64> for Weight {
    type Error = Error;
    fn try_from(value: f64) -> Result<Self> {
        Weight::new(value)
    }
}

impl From<Weight> for f64 {
    fn from(weight: Weight) -> f64 {
        weight.0
    }
}

/// A node is either a measured indicator (a data column) or an aggregate of its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// Level-1 node read from a data column.
    Indicator,
    /// Node computed from its children.
    Aggregate,
}

/// One node of the hierarchy as described in iMeta.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Unique code; for an indicator, also the data column's name.
    pub code: IndicatorCode,
    /// Name in the metadata's own language (`iName`).
    pub name: String,
    /// Names in other languages (`iName_en` → `en`).
    pub names: BTreeMap<String, String>,
    /// Indicator or aggregate.
    pub kind: NodeKind,
    /// iMeta's `Level` (1 = indicators), if given; otherwise derived from the tree.
    pub level: Option<u32>,
    /// Parent aggregate; `None` only for the root.
    pub parent: Option<IndicatorCode>,
    /// Direction of the raw values.
    pub direction: Direction,
    /// Weight relative to its siblings.
    pub weight: Weight,
    /// Unit of measure (`%`, `亿元`).
    pub unit_of_measure: Option<String>,
    /// Target value for distance-to-target normalisation and gap analysis.
    pub target: Option<f64>,
    /// The year the target is due (iMeta's `TargetYear`), for progress assessment.
    pub target_year: Option<i32>,
    /// iData column to divide by when the denominate step runs.
    pub denominator: Option<String>,
    /// Goalposts from iMeta, used by [`crate::Normalisation::IndicatorGoalposts`].
    pub goalposts: Option<Goalposts>,
}

impl Indicator {
    /// An indicator with default direction (+1) and weight (1) and no parent.
    pub fn new(code: IndicatorCode, kind: NodeKind) -> Self {
        Indicator {
            name: code.as_str().to_owned(),
            code,
            names: BTreeMap::new(),
            kind,
            level: None,
            parent: None,
            direction: Direction::Positive,
            weight: Weight::default(),
            unit_of_measure: None,
            target: None,
            target_year: None,
            denominator: None,
            goalposts: None,
        }
    }

    /// Sets the parent.
    pub fn with_parent(mut self, parent: IndicatorCode) -> Self {
        self.parent = Some(parent);
        self
    }

    /// Sets the direction.
    pub fn with_direction(mut self, direction: Direction) -> Self {
        self.direction = direction;
        self
    }

    /// Sets the weight.
    pub fn with_weight(mut self, weight: Weight) -> Self {
        self.weight = weight;
        self
    }
}

/// Fixed goalposts in the indicator's own units.
///
/// # Formula
/// With `f = ln` when `log` is set and the identity otherwise,
/// `y = (f(x) − f(min)) / (f(max) − f(min)) · scale` for direction +1 and
/// `y = (f(x) − f(max)) / (f(min) − f(max)) · scale` for direction −1; with `cap`, the
/// fraction is clamped to `[0, 1]` before scaling (UNDP caps values above the maximum goalpost;
/// COINr's `trunc2posts`). Source: UNDP HDR 2021/22 technical note 1; COINr `n_goalposts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goalposts {
    /// Lower goalpost (the worst value for direction +1).
    pub min: f64,
    /// Upper goalpost.
    pub max: f64,
    /// Clamp to the goalposts.
    #[serde(default)]
    pub cap: bool,
    /// Take natural logs of values and goalposts first (UNDP income index).
    #[serde(default)]
    pub log: bool,
    /// Multiplier of the result (1 for HDI, 100 for a 0–100 scale).
    #[serde(default = "unit_scale")]
    pub scale: f64,
}

fn unit_scale() -> f64 {
    1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_accepts_plus_and_minus_one_only() {
        assert_eq!(Direction::parse("-1"), Some(Direction::Negative));
        assert_eq!(Direction::parse("1.0"), Some(Direction::Positive));
        assert_eq!(Direction::parse("2"), None);
        assert_eq!(Direction::parse("x"), None);
    }

    #[test]
    fn weights_must_be_finite_and_not_negative() {
        assert!(Weight::new(0.0).is_ok());
        assert!(Weight::new(-0.5).is_err());
        assert!(Weight::new(f64::INFINITY).is_err());
        assert!(Weight::new(f64::NAN).is_err());
    }
}
