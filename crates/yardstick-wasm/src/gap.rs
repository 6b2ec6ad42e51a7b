//! Gap analysis: how far a unit is behind a comparison, on the last run of a [`Plan`].
//!
//! The pattern for every analytic of the core: a request DTO deserialised from JS, converted
//! to the core's type; the core's function called on the plan's results; a response DTO
//! serialised back as a plain object; the TypeScript types beside them.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use yardstick::gap::{self, Comparison, GroupStatistic};
use yardstick::Place;

use crate::plan::Plan;
use crate::{convert, error};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** What a unit is compared with. */
export type Comparison =
  /** The unit ranked first on the index, compared on every node. */
  | { kind: "leader" }
  /** The best-ranked unit on each node separately. */
  | { kind: "frontier" }
  /** A unit or reference row, e.g. the national average. */
  | { kind: "unit"; unit: string }
  /** A benchmark group summarised on each node (default: its mean). */
  | { kind: "group"; units: string[]; statistic?: "mean" | "median" | "best" }
  /** The mean of all ranked units. */
  | { kind: "average" }
  /** A fixed value of the index. */
  | { kind: "target"; value: number };

/** The gap of a focus unit to a comparison on one node. */
export interface Gap {
  /** The focus unit's value. */
  focus: number;
  /** The comparison's value. */
  comparison: number;
  /** `comparison − focus`: positive when the focus unit is behind. */
  gap: number;
  /** `100 · gap / comparison`; null when the comparison is 0. */
  percent: number | null;
}
"#;

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
enum ComparisonInput {
    Leader,
    Frontier,
    Unit {
        unit: String,
    },
    Group {
        units: Vec<String>,
        #[serde(default)]
        statistic: Statistic,
    },
    Average,
    Target {
        value: f64,
    },
}

/// The core's [`GroupStatistic`], which is not deserialisable.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
enum Statistic {
    #[default]
    Mean,
    Median,
    Best,
}

impl From<ComparisonInput> for Comparison {
    fn from(input: ComparisonInput) -> Self {
        match input {
            ComparisonInput::Leader => Comparison::Leader,
            ComparisonInput::Frontier => Comparison::Frontier,
            ComparisonInput::Unit { unit } => Comparison::Unit(unit),
            ComparisonInput::Group { units, statistic } => Comparison::Group {
                units,
                statistic: match statistic {
                    Statistic::Mean => GroupStatistic::Mean,
                    Statistic::Median => GroupStatistic::Median,
                    Statistic::Best => GroupStatistic::Best,
                },
            },
            ComparisonInput::Average => Comparison::Average,
            ComparisonInput::Target { value } => Comparison::Target(value),
        }
    }
}

#[derive(Serialize)]
struct GapDto {
    focus: f64,
    comparison: f64,
    gap: f64,
    percent: Option<f64>,
}

#[wasm_bindgen]
impl Plan {
    /// The gap of unit `focus` to `comparison` on node `node` (default: the index).
    #[wasm_bindgen(unchecked_return_type = "Gap")]
    pub fn gap(
        &self,
        focus: &str,
        #[wasm_bindgen(unchecked_param_type = "Comparison")] comparison: JsValue,
        node: Option<String>,
    ) -> Result<JsValue, JsError> {
        let comparison: ComparisonInput = serde_wasm_bindgen::from_value(comparison)
            .map_err(|e| error::shape("Comparison", &e))?;
        let node = match node {
            Some(code) => self.node(&code)?,
            None => self.parts().1.framework().root(),
        };
        let (loaded, _, results) = self.parts();
        let focus = loaded.data.unit_index(focus).ok_or_else(|| {
            error::unknown(
                Place::default().unit(focus),
                "a unit code of the data",
                focus,
            )
        })?;
        let gap = gap::gap(&loaded.data, results, node, focus, &comparison.into())
            .map_err(error::to_js)?;
        convert::plain(&GapDto {
            focus: gap.focus,
            comparison: gap.comparison,
            gap: gap.gap,
            percent: gap.percent,
        })
    }
}
