//! A plan and its reused buffers: the live re-weighting path.
//!
//! A widget re-ranking on every slider move calls [`Plan::rerank`]: the weights come in
//! through a `Float64Array` copied into a buffer owned here, the core's second half
//! (`aggregate_into`) reuses its workspace and results, and the scores and ranks go out by
//! copying into `Float64Array`s the caller owns. Nothing is parsed, compiled or allocated per
//! call. The first half of a year (the indicators' treated and normalised values, which the
//! weights cannot change) comes from the compiled document, or, for raw data in the full
//! package, from the core's `run_into`, once per year.

use std::rc::Rc;

use js_sys::Float64Array;
use wasm_bindgen::prelude::*;
use yardstick::{NodeId, PeriodId, Place, Rerank, Results, UnitId, Variation, Weight, Workspace};

use crate::data::{Loaded, Source};
use crate::{convert, error};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/**
 * The build spec, the same JSON document as the CLI's `--spec` (snake_case keys). Every field
 * has a default: `{}` is COINr's default build. Generated from the Rust types, through
 * `www/schema/build-spec.schema.json`.
 */
import type { BuildSpec } from "../types/documents";
export type { BuildSpec };

/** A value kept in the index whose magnitude is implausible next to its indicator's others. */
export interface ImplausibleValue {
  unit: string;
  indicator: string;
  /** The value as the index used it (after denominating, imputing and treating). */
  value: number;
}
"#;

/// An implausible value of the last run (see `Plan::implausible`).
#[derive(serde::Serialize)]
struct ImplausibleValue<'a> {
    unit: &'a str,
    indicator: &'a str,
    value: Option<f64>,
}

/// A build spec compiled for loaded data, with the buffers of its last run.
///
/// Typed-array layout of scores and ranks: node-major, `out[node * unitCount + unit]`, nodes
/// in framework order; `NaN` marks a missing cell (the core never produces NaN).
#[wasm_bindgen]
pub struct Plan {
    loaded: Rc<Loaded>,
    plan: yardstick::Plan,
    period: PeriodId,
    /// The period whose first half of the pipeline (denominate to normalise) `results` holds.
    normalised: Option<PeriodId>,
    workspace: Workspace,
    results: Results,
    /// Incoming weights, one per node.
    weights: Vec<f64>,
    /// Outgoing scores or ranks, node-major.
    cells: Vec<f64>,
}

#[wasm_bindgen]
impl Plan {
    /// Number of units: the length of each node's block in the typed arrays.
    #[wasm_bindgen(getter, js_name = unitCount)]
    pub fn unit_count(&self) -> usize {
        self.loaded.data.n_units()
    }

    /// Number of nodes: the length of the weights array.
    #[wasm_bindgen(getter, js_name = nodeCount)]
    pub fn node_count(&self) -> usize {
        self.plan.framework().len()
    }

    /// The year of the current period (`null` for data without a `Time` column).
    #[wasm_bindgen(getter)]
    pub fn year(&self) -> Option<i32> {
        self.loaded.data.year(self.period)
    }

    /// Indicator values of the last run whose magnitude is implausible next to the indicator's
    /// others (more than a million times its median magnitude, as `1e300` among values near
    /// 50): kept in the index, and worth a warning.
    #[wasm_bindgen(unchecked_return_type = "ImplausibleValue[]")]
    pub fn implausible(&self) -> Result<JsValue, JsValue> {
        let fw = self.plan.framework();
        let values: Vec<ImplausibleValue> = self
            .results
            .report
            .implausible
            .iter()
            .map(|cell| ImplausibleValue {
                unit: self.loaded.data.unit(cell.unit).code.as_str(),
                indicator: fw.node(cell.node).code.as_str(),
                value: self.results.treated[cell.node.index()][cell.unit.index()],
            })
            .collect();
        convert::plain(&values)
    }

    /// Chooses the period of the next run by its year.
    #[wasm_bindgen(js_name = setYear)]
    pub fn set_year(&mut self, year: Option<i32>) -> Result<(), JsValue> {
        self.period = period_of(&self.loaded, year)?;
        Ok(())
    }

    /// The current weights relative to siblings, one per node in framework order.
    pub fn weights(&self) -> Float64Array {
        Float64Array::from(self.plan.weights())
    }

    /// Sets the weight of the node `code` for the next run.
    #[wasm_bindgen(js_name = setWeight)]
    pub fn set_weight(&mut self, code: &str, weight: f64) -> Result<(), JsValue> {
        let node = self.node(code)?;
        let weight = Weight::new(weight).map_err(|e| error::at(Place::of_indicator(code), e))?;
        self.plan.set_weight(node, weight);
        Ok(())
    }

    /// Sets every node's weight (framework order) for the next run. All or nothing: an
    /// invalid weight leaves the plan unchanged.
    #[wasm_bindgen(js_name = setWeights)]
    pub fn set_weights(&mut self, weights: &Float64Array) -> Result<(), JsValue> {
        let fw = self.plan.framework();
        check_length("weights", weights, fw.len())?;
        weights.copy_to(&mut self.weights);
        for (node, &w) in fw.ids().zip(&self.weights) {
            if let Err(e) = Weight::new(w) {
                return Err(error::at(
                    Place::of_indicator(fw.node(node).code.as_str()),
                    e,
                ));
            }
        }
        let nodes = fw.ids();
        for (node, &w) in nodes.zip(&self.weights) {
            // Validated just above.
            if let Ok(w) = Weight::new(w) {
                self.plan.set_weight(node, w);
            }
        }
        Ok(())
    }

    /// Runs the build for the current weights and year, reusing every buffer. For the year
    /// of the last run only weights, aggregates and their ranks are computed again; the
    /// results are the same as a whole run's.
    pub fn run(&mut self) -> Result<(), JsValue> {
        let Loaded { data, source, .. } = &*self.loaded;
        let (plan, workspace, results) = (&self.plan, &mut self.workspace, &mut self.results);
        let run = if self.normalised == Some(self.period) {
            let again = Variation {
                ranks: Rerank::Aggregates,
                ..Variation::default()
            };
            match source {
                Source::Compiled { recorded, .. } => {
                    recorded.aggregate_into(plan, data, workspace, results, &again)
                }
                #[cfg(feature = "full")]
                Source::Raw => plan.aggregate_into(data, workspace, results, &again),
            }
        } else {
            self.normalised = None;
            let run = match source {
                Source::Compiled { recorded, .. } => {
                    recorded.run_into(plan, data, self.period, workspace, results)
                }
                #[cfg(feature = "full")]
                Source::Raw => plan.run_into(data, self.period, workspace, results),
            };
            self.normalised = run.is_ok().then_some(self.period);
            run
        };
        run.map_err(error::to_js)
    }

    /// Copies the scores of the last run into `out` (`nodeCount × unitCount` cells).
    #[wasm_bindgen(js_name = scoresInto)]
    pub fn scores_into(&mut self, out: &Float64Array) -> Result<(), JsValue> {
        copy_cells(&self.results.values, &mut self.cells, "scores", out)
    }

    /// Copies the ranks of the last run into `out` (`nodeCount × unitCount` cells).
    #[wasm_bindgen(js_name = ranksInto)]
    pub fn ranks_into(&mut self, out: &Float64Array) -> Result<(), JsValue> {
        copy_cells(&self.results.ranks, &mut self.cells, "ranks", out)
    }

    /// The live re-weighting call: sets `weights`, runs, and copies the new scores and
    /// ranks into `scores` and `ranks`.
    pub fn rerank(
        &mut self,
        weights: &Float64Array,
        scores: &Float64Array,
        ranks: &Float64Array,
    ) -> Result<(), JsValue> {
        self.set_weights(weights)?;
        self.run()?;
        self.scores_into(scores)?;
        self.ranks_into(ranks)
    }
}

impl Plan {
    /// The document's plan, or `spec` compiled for raw data (full package), run once so that
    /// results are there from the start.
    pub(crate) fn new(
        loaded: Rc<Loaded>,
        spec: Option<JsValue>,
        year: Option<i32>,
    ) -> Result<Plan, JsValue> {
        let period = match year {
            Some(_) => period_of(&loaded, year)?,
            None => loaded.data.last_period(),
        };
        let plan = match &loaded.source {
            Source::Compiled { plan, .. } => {
                if spec.is_some() {
                    return Err(error::message(
                        "a compiled document brings its own method and takes no build spec: \
                         compile it again with the spec (yardstick export --widget --spec), or \
                         load raw data into the full package",
                    ));
                }
                yardstick::Plan::clone(plan)
            }
            #[cfg(feature = "full")]
            Source::Raw => yardstick::Plan::compile(
                &loaded.framework,
                &loaded.data,
                &convert::build_spec(spec.as_ref())?,
            )
            .map_err(error::to_js)?,
        };
        let n = plan.framework().len();
        let mut plan = Plan {
            cells: Vec::with_capacity(n * loaded.data.n_units()),
            loaded,
            plan,
            period,
            normalised: None,
            workspace: Workspace::default(),
            results: Results::default(),
            weights: vec![0.0; n],
        };
        plan.run()?;
        Ok(plan)
    }

    /// A whole run of `period` on the current weights, into new results: what analyses over
    /// the years (catch-up) need.
    pub(crate) fn run_period(&self, period: PeriodId) -> yardstick::Result<Results> {
        let Loaded { data, source, .. } = &*self.loaded;
        match source {
            Source::Compiled { recorded, .. } => recorded.run(&self.plan, data, period),
            #[cfg(feature = "full")]
            Source::Raw => self.plan.run(data, period),
        }
    }

    /// The loaded data, the core plan and the last run's results, for analytics bindings.
    pub(crate) fn parts(&self) -> (&Loaded, &yardstick::Plan, &Results) {
        (&self.loaded, &self.plan, &self.results)
    }

    /// The index of the unit `code` in the data.
    pub(crate) fn unit(&self, code: &str) -> Result<UnitId, JsValue> {
        self.loaded.data.unit_index(code).ok_or_else(|| {
            error::unknown(Place::default().unit(code), "a unit code of the data", code)
        })
    }

    /// The index of the node `code`.
    pub(crate) fn node(&self, code: &str) -> Result<NodeId, JsValue> {
        self.plan.framework().index_of(code).ok_or_else(|| {
            error::unknown(
                Place::of_indicator(code),
                "a node code of the framework",
                code,
            )
        })
    }
}

pub(crate) fn period_of(loaded: &Loaded, year: Option<i32>) -> Result<PeriodId, JsValue> {
    let data = &loaded.data;
    data.period_ids()
        .find(|&p| data.year(p) == year)
        .ok_or_else(|| {
            let found = year.map_or("none".to_owned(), |y| y.to_string());
            error::unknown(
                Place::default().column("Time"),
                "a year of the data",
                &found,
            )
        })
}

fn check_length(what: &str, array: &Float64Array, expected: usize) -> Result<(), JsValue> {
    let found = array.length() as usize;
    if found == expected {
        Ok(())
    } else {
        Err(error::message(&format!(
            "{what}: expected a Float64Array of {expected} cells, found {found}"
        )))
    }
}

/// Flattens `columns` node-major into `buffer` (missing as NaN) and copies it to `out` in one
/// call across the boundary.
fn copy_cells(
    columns: &[Vec<Option<f64>>],
    buffer: &mut Vec<f64>,
    what: &str,
    out: &Float64Array,
) -> Result<(), JsValue> {
    buffer.clear();
    buffer.extend(columns.iter().flatten().map(|x| x.unwrap_or(f64::NAN)));
    check_length(what, out, buffer.len())?;
    out.copy_from(buffer);
    Ok(())
}
