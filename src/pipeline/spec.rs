//! The build spec: the whole pipeline as one serde document.
//!
//! Every field has a default, so `{}` is COINr's default build: min-max to [0, 100], iMeta
//! weights, weighted arithmetic means, competition ranks.
//!
//! ```json
//! {
//!   "denominate": false,
//!   "impute": {"method": "group_mean", "group": "GDP_group"},
//!   "screen": {"min_share": 0.66},
//!   "treat": {"default": {"method": "winsorise"}},
//!   "normalise": {"default": {"method": "min_max", "low": 0, "high": 100},
//!                 "indicators": {"gnipc": {"method": "goalposts", "min": 100, "max": 75000,
//!                                          "cap": true, "log": true}}},
//!   "weights": {"default": {"method": "meta"}, "nodes": {"Index": {"method": "equal"}}},
//!   "aggregate": {"default": {"method": "amean"}, "levels": {"4": {"method": "gmean"}},
//!                 "nodes": {"HDI": {"method": "gmean"}}, "min_share": 0.0},
//!   "rank": {"ties": "min", "round": 3}
//! }
//! ```

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::error::{Error, Place, Result};
use crate::pipeline::aggregate::Aggregation;
use crate::pipeline::impute::Imputation;
use crate::pipeline::normalise::Normalisation;
use crate::pipeline::rank::Ranking;
use crate::pipeline::screen::Screening;
use crate::pipeline::treat::Treatment;
use crate::pipeline::weight::Weighting;

/// The whole pipeline.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(title = "Yardstick build spec")]
pub struct BuildSpec {
    /// The schema of this file (`www/schema/build-spec.schema.json`), for editors' completion
    /// and checks; ignored when reading.
    #[serde(rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Divide indicators by the iData column their iMeta `Denominator` names.
    pub denominate: bool,
    /// Imputation of missing cells.
    pub impute: Imputation,
    /// Dropping units with too little data.
    pub screen: Option<Screening>,
    /// Outlier treatment, per indicator.
    pub treat: PerIndicator<Treatment>,
    /// Normalisation, per indicator.
    pub normalise: Normalise,
    /// Weights, per node.
    pub weights: Weights,
    /// Aggregation, per node or level.
    pub aggregate: Aggregate,
    /// Ranking.
    pub rank: Ranking,
}

/// Parses a JSON document of the spec kind `T`; errors name the JSON line and column.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        Error::spec(
            Place::default()
                .line(e.line() as u64)
                .column(e.column().to_string()),
            e.to_string(),
        )
    })
}

impl BuildSpec {
    /// Parses a spec from JSON; errors name the JSON line and column.
    pub fn from_json(text: &str) -> Result<Self> {
        parse_json(text)
    }

    /// The spec as pretty JSON.
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The JSON Schema of [`BuildSpec`], as pretty JSON with a final newline: the contents of
/// `www/schema/build-spec.schema.json`.
pub fn json_schema() -> String {
    schema_text::<BuildSpec>()
}

/// The JSON Schema of a document type, as pretty JSON with a final newline: what the files in
/// `www/schema/` hold (the spec, the uncertainty spec, the compiled document).
pub(crate) fn schema_text<T: schemars::JsonSchema>() -> String {
    let schema = schemars::schema_for!(T);
    // Serialising a schema (string keys, plain values) cannot fail.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A default method with per-indicator overrides.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(bound = "T: schemars::JsonSchema + Default + Serialize")]
pub struct PerIndicator<T> {
    /// Method for indicators not named below.
    pub default: T,
    /// Overrides by indicator code.
    pub indicators: BTreeMap<String, T>,
}

impl<T> PerIndicator<T> {
    /// The method of the indicator `code`: its override, else the default.
    pub fn for_indicator(&self, code: &str) -> &T {
        self.indicators.get(code).unwrap_or(&self.default)
    }
}

/// The normalisation step.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Normalise {
    /// Method for indicators not named below.
    pub default: Normalisation,
    /// Overrides by indicator code.
    pub indicators: BTreeMap<String, Normalisation>,
    /// Let reference rows (national average) move data-driven bounds too. Off by default:
    /// a reference row is a comparison, not a competitor.
    pub include_aggregate_rows: bool,
}

impl Normalise {
    /// The normalisation of the indicator `code`: its override, else the default.
    pub fn for_indicator(&self, code: &str) -> &Normalisation {
        self.indicators.get(code).unwrap_or(&self.default)
    }
}

/// The weighting step.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Method for nodes not named below.
    pub default: Weighting,
    /// Overrides by aggregate code: how that node's children are weighted.
    pub nodes: BTreeMap<String, Weighting>,
    /// Compute data-driven weights once from every period of a panel (units × years pooled
    /// as rows, so entropy uses `k = 1 / ln(m·T)`) instead of per period: the weights are then
    /// the same in every year, which keeps scores comparable over time. Pooled rows use the
    /// values as given (denominated when the spec denominates), before imputation and
    /// treatment; only nodes whose children are indicators can pool.
    pub pool_periods: bool,
}

/// The aggregation step.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Aggregate {
    /// Method for nodes not matched below.
    pub default: Aggregation,
    /// Overrides by level (iMeta `Level`, as text keys in JSON).
    pub levels: BTreeMap<u32, Aggregation>,
    /// Overrides by node code; these win over levels.
    pub nodes: BTreeMap<String, Aggregation>,
    /// Minimum share of a node's children (by count) that must be present for the node to get
    /// a value (COINr `dat_thresh`); below it the node is missing for that unit and reported.
    pub min_share: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_spec_is_coinr_default() {
        let spec = BuildSpec::from_json("{}").unwrap();
        assert_eq!(spec, BuildSpec::default());
        assert_eq!(
            spec.normalise.default,
            Normalisation::MinMax {
                low: 0.0,
                high: 100.0
            }
        );
    }

    #[test]
    fn spec_round_trips_through_json() {
        let text = r#"{"normalise": {"default": {"method": "z_score", "mean": 10, "sd": 2}},
                       "aggregate": {"levels": {"2": {"method": "gmean"}}},
                       "rank": {"ties": "dense", "round": 3}}"#;
        let spec = BuildSpec::from_json(text).unwrap();
        assert_eq!(BuildSpec::from_json(&spec.to_json()).unwrap(), spec);
    }

    #[test]
    fn unknown_fields_are_errors_with_a_place() {
        let err = BuildSpec::from_json("{\n \"normalize\": {}}").unwrap_err();
        assert!(err.to_string().contains("row 2"), "{err}");
        assert!(err.to_string().contains("normalize"), "{err}");
    }
}
