//! The last run as one plain object (full package): scores, ranks and weights of every node,
//! and the report of what each step changed. The widget's kernel reads typed arrays instead
//! (`Plan.scoresInto`, `Plan.ranksInto`).

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yardstick::pipeline::report::Cell;
use yardstick::{NodeId, UnitId};

use crate::convert;
use crate::plan::Plan;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Scores and ranks of one node, one cell per unit in `Data.units()` order. */
export interface NodeResult {
  code: string;
  /** Effective weight within its parent (siblings sum to 1). */
  weight: number;
  /** Normalised values for indicators, aggregated values for aggregates; null = missing. */
  scores: (number | null)[];
  /** Ranks; null for reference rows, dropped units and missing scores. */
  ranks: (number | null)[];
}

/** A unit and a node, by code. */
export interface CellRef {
  unit: string;
  node: string;
}

/** What each step of the pipeline changed. */
export interface Report {
  denominated: string[];
  missingDenominator: CellRef[];
  droppedUnits: string[];
  imputed: CellRef[];
  /** Indicators changed by outlier treatment. */
  treated: { indicator: string; winsorised: string[]; logTransformed: boolean }[];
  belowMinShare: CellRef[];
  noWeight: CellRef[];
}

/** The result of a build: every node in framework (iMeta) order. */
export interface ComputeResult {
  year: number | null;
  nodes: NodeResult[];
  report: Report;
}
"#;

#[wasm_bindgen]
impl Plan {
    /// The last run as a plain object: scores, ranks and weights of every node, and the
    /// report of what each step changed. Full package only: the widget reads typed arrays.
    #[wasm_bindgen(unchecked_return_type = "ComputeResult")]
    pub fn result(&self) -> Result<JsValue, JsValue> {
        let (loaded, plan, r) = self.parts();
        let fw = plan.framework();
        let unit = |u: UnitId| loaded.data.unit(u).code.as_str();
        let node = |n: NodeId| fw.node(n).code.as_str();
        let cells = |cells: &[Cell]| -> Vec<CellRef<'_>> {
            cells
                .iter()
                .map(|c| CellRef {
                    unit: unit(c.unit),
                    node: node(c.node),
                })
                .collect()
        };
        let report = &r.report;
        convert::plain(&ComputeResult {
            year: r.year,
            nodes: fw
                .ids()
                .map(|n| NodeResult {
                    code: node(n),
                    weight: r.weights[n.index()],
                    scores: r.values(n),
                    ranks: r.ranks(n),
                })
                .collect(),
            report: ReportDto {
                denominated: report.denominated.iter().map(|&n| node(n)).collect(),
                missing_denominator: cells(&report.missing_denominator),
                dropped_units: report.dropped_units.iter().map(|&u| unit(u)).collect(),
                imputed: cells(&report.imputed),
                treated: report
                    .treated
                    .iter()
                    .map(|(n, outcome)| Treated {
                        indicator: node(*n),
                        winsorised: outcome
                            .winsorised
                            .iter()
                            .map(|&u| unit(UnitId::new(u)))
                            .collect(),
                        log_transformed: outcome.log_transformed,
                    })
                    .collect(),
                below_min_share: cells(&report.below_min_share),
                no_weight: cells(&report.no_weight),
            },
        })
    }
}

#[derive(Serialize)]
struct ComputeResult<'a> {
    year: Option<i32>,
    nodes: Vec<NodeResult<'a>>,
    report: ReportDto<'a>,
}

#[derive(Serialize)]
struct NodeResult<'a> {
    code: &'a str,
    weight: f64,
    scores: &'a [Option<f64>],
    ranks: &'a [Option<f64>],
}

#[derive(Serialize)]
struct CellRef<'a> {
    unit: &'a str,
    node: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportDto<'a> {
    denominated: Vec<&'a str>,
    missing_denominator: Vec<CellRef<'a>>,
    dropped_units: Vec<&'a str>,
    imputed: Vec<CellRef<'a>>,
    treated: Vec<Treated<'a>>,
    below_min_share: Vec<CellRef<'a>>,
    no_weight: Vec<CellRef<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Treated<'a> {
    indicator: &'a str,
    winsorised: Vec<&'a str>,
    log_transformed: bool,
}
