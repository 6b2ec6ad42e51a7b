//! Gap analysis: how far a unit is behind a comparison, on the last run of a [`Plan`].
//!
//! The pattern for every analytic of the core: a request DTO deserialised from JS, converted
//! to the core's type; the core's function called on the plan's results; a response DTO
//! serialised back as a plain object; the TypeScript types beside them.

use serde::{de, Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use yardstick::analysis::gap::{self, Comparison, GroupStatistic, NodeGap};

use crate::plan::Plan;
use crate::{convert, error, js};

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

/** The gap on one node of the hierarchy, with its share of the parent's and the index's gap. */
export interface NodeGap {
  code: string;
  /** 1 = indicators. */
  level: number;
  parent: string | null;
  /** Values on the node: normalised for indicators, aggregated for aggregates. */
  focus: number | null;
  comparison: number | null;
  /** `comparison − focus`: positive when the focus unit is behind. */
  gap: number | null;
  percent: number | null;
  /** Indicators: the values in their own units (after denominating, imputing, treating). */
  focusRaw: number | null;
  comparisonRaw: number | null;
  gapRaw: number | null;
  percentRaw: number | null;
  focusRank: number | null;
  /** The rank the comparison's value would have among the ranked units. */
  comparisonRank: number | null;
  /** Places to climb. */
  rankGap: number | null;
  /** Share of the parent's gap explained by this node; siblings sum to the parent's gap. */
  contributionToParent: number | null;
  /** Share of the index's gap; the nodes of one level sum to the index's gap. */
  contributionToIndex: number | null;
}

/** A unit's gaps to a comparison on every node, in framework (iMeta) order. */
export interface GapTable {
  focus: string;
  /** The comparison, described. */
  comparison: string;
  year: number | null;
  rows: NodeGap[];
}
"#;

/// A [`Comparison`] as JS gives it: the `kind` and the fields of every kind, checked against
/// the kind when converted. Flat rather than an enum tagged by `kind`: serde's derive for a
/// tagged enum buffers the object in a generic tree, several times the code of this reader.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComparisonInput {
    kind: Kind,
    unit: Option<String>,
    units: Option<Vec<String>>,
    statistic: Option<Statistic>,
    value: Option<f64>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
enum Kind {
    Leader,
    Frontier,
    Unit,
    Group,
    Average,
    Target,
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

impl ComparisonInput {
    /// The comparison, or the message serde's derive would give: a field of another kind is
    /// unknown here, a field of this kind may be missing. Kinds without fields ignore the
    /// others, as that derive does.
    fn into_core(self) -> Result<Comparison, serde::de::value::Error> {
        let fields: &'static [&'static str] = match self.kind {
            Kind::Unit => &["unit"],
            Kind::Group => &["units", "statistic"],
            Kind::Target => &["value"],
            Kind::Leader | Kind::Frontier | Kind::Average => &[],
        };
        if !fields.is_empty() {
            let given = [
                ("unit", self.unit.is_some()),
                ("units", self.units.is_some()),
                ("statistic", self.statistic.is_some()),
                ("value", self.value.is_some()),
            ];
            if let Some((name, _)) = given
                .iter()
                .find(|(name, given)| *given && !fields.contains(name))
            {
                return Err(de::Error::unknown_field(name, fields));
            }
        }
        let missing = |name| de::Error::missing_field(name);
        Ok(match self.kind {
            Kind::Leader => Comparison::Leader,
            Kind::Frontier => Comparison::Frontier,
            Kind::Unit => Comparison::Unit(self.unit.ok_or_else(|| missing("unit"))?),
            Kind::Group => Comparison::Group {
                units: self.units.ok_or_else(|| missing("units"))?,
                statistic: match self.statistic.unwrap_or_default() {
                    Statistic::Mean => GroupStatistic::Mean,
                    Statistic::Median => GroupStatistic::Median,
                    Statistic::Best => GroupStatistic::Best,
                },
            },
            Kind::Average => Comparison::Average,
            Kind::Target => Comparison::Target(self.value.ok_or_else(|| missing("value"))?),
        })
    }
}

/// A `Comparison` object from JS as the core's comparison.
pub(crate) fn comparison(value: JsValue) -> Result<Comparison, JsValue> {
    js::from_value::<ComparisonInput>(value)
        .and_then(|input| input.into_core().map_err(|e| e.to_string()))
        .map_err(|e| error::shape("Comparison", &e))
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
    ) -> Result<JsValue, JsValue> {
        let comparison = self::comparison(comparison)?;
        let node = match node {
            Some(code) => self.node(&code)?,
            None => self.parts().1.framework().root(),
        };
        let (loaded, _, results) = self.parts();
        let focus = self.unit(focus)?;
        let gap =
            gap::gap(&loaded.data, results, node, focus, &comparison).map_err(error::to_js)?;
        convert::plain(&GapDto {
            focus: gap.focus,
            comparison: gap.comparison,
            gap: gap.gap,
            percent: gap.percent,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GapTableDto<'a> {
    focus: &'a str,
    comparison: &'a str,
    year: Option<i32>,
    rows: Vec<NodeGapDto<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NodeGapDto<'a> {
    code: &'a str,
    level: u32,
    parent: Option<&'a str>,
    focus: Option<f64>,
    comparison: Option<f64>,
    gap: Option<f64>,
    percent: Option<f64>,
    focus_raw: Option<f64>,
    comparison_raw: Option<f64>,
    gap_raw: Option<f64>,
    percent_raw: Option<f64>,
    focus_rank: Option<f64>,
    comparison_rank: Option<f64>,
    rank_gap: Option<f64>,
    contribution_to_parent: Option<f64>,
    contribution_to_index: Option<f64>,
}

impl<'a> From<&'a NodeGap> for NodeGapDto<'a> {
    fn from(row: &'a NodeGap) -> Self {
        NodeGapDto {
            code: &row.code,
            level: row.level,
            parent: row.parent.as_deref(),
            focus: row.focus,
            comparison: row.comparison,
            gap: row.gap,
            percent: row.percent,
            focus_raw: row.focus_raw,
            comparison_raw: row.comparison_raw,
            gap_raw: row.gap_raw,
            percent_raw: row.percent_raw,
            focus_rank: row.focus_rank,
            comparison_rank: row.comparison_rank,
            rank_gap: row.rank_gap,
            contribution_to_parent: row.contribution_to_parent,
            contribution_to_index: row.contribution_to_index,
        }
    }
}

#[wasm_bindgen]
impl Plan {
    /// The gap of unit `focus` to `comparison` on every node, with each node's contribution
    /// to its parent's and to the index's gap.
    #[wasm_bindgen(js_name = gapTable, unchecked_return_type = "GapTable")]
    pub fn gap_table(
        &self,
        focus: &str,
        #[wasm_bindgen(unchecked_param_type = "Comparison")] comparison: JsValue,
    ) -> Result<JsValue, JsValue> {
        let comparison = self::comparison(comparison)?;
        let focus = self.unit(focus)?;
        let (loaded, plan, results) = self.parts();
        let table = gap::gap_table(plan, &loaded.data, results, focus, &comparison)
            .map_err(error::to_js)?;
        convert::plain(&GapTableDto {
            focus: &table.focus,
            comparison: &table.comparison,
            year: table.year,
            rows: table.rows.iter().map(NodeGapDto::from).collect(),
        })
    }
}
