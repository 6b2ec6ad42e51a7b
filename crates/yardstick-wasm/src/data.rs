//! Loaded data: a compiled document (every package) or raw data (`raw`, the full package),
//! with what a page lists (units, nodes, years) and the plans made from it.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use yardstick::io::document::{Compiled, Document, Header, Recorded};
use yardstick::{Dataset, Framework, IndicatorCode, NodeId, NodeKind, Unit, UnitKind};

use crate::{convert, error, js, plan::Plan};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/**
 * A compiled document, as `yardstick export --widget` writes it: generated from the Rust
 * types, through `www/schema/document.schema.json`.
 */
import type { CompiledDocument } from "../types/documents";
export type { CompiledDocument };

/**
 * What the package's functions throw: an `Error` whose message names the place and what was
 * expected, and whose `code`, for an error of the engine, is the stable code of its kind
 * (`"zero_range"`, `"document_version"`, `"value"`, … as `yardstick::ErrorKind::code` lists
 * them), for a page to translate or react to.
 */
export interface YardstickError extends Error {
  code?: string;
  /** The kind's fields, with its code: `{ code: "zero_range", indicator: "y" }`. */
  kind?: { code: string; [field: string]: unknown };
  /** Where: every field that applies. */
  place?: {
    file: string | null;
    line: number | null;
    column: string | null;
    unit: string | null;
    indicator: string | null;
    year: number | null;
  };
}

/** A unit of the loaded data. */
export interface UnitInfo {
  code: string;
  name: string;
  names: Record<string, string>;
  kind: "unit" | "aggregate";
  groups: Record<string, string>;
}

/** A node of the loaded framework, in framework (iMeta) order. */
export interface NodeInfo {
  code: string;
  name: string;
  names: Record<string, string>;
  kind: "indicator" | "aggregate";
  /** 1 = indicators. */
  level: number;
  parent: string | null;
  direction: 1 | -1;
  /** Weight relative to its siblings, as given in iMeta. */
  weight: number;
  unit: string | null;
  target: number | null;
}
"#;

/// The loaded framework and data, shared by a [`Data`] and the plans made from it.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) framework: Framework,
    pub(crate) data: Dataset,
    pub(crate) source: Source,
}

/// Where the first half of a run comes from.
#[derive(Debug)]
pub(crate) enum Source {
    /// A compiled document: its plan's second half and every year's first half.
    Compiled {
        plan: Box<yardstick::Plan>,
        recorded: Recorded,
    },
    /// Raw data (the full package): plans are compiled from a spec and run whole.
    #[cfg(feature = "full")]
    Raw,
}

/// Loaded data: units, a framework and, per year, what the plans run on.
#[wasm_bindgen]
pub struct Data {
    loaded: Rc<Loaded>,
}

#[wasm_bindgen]
impl Data {
    /// Loads a compiled document (`yardstick export --widget`), as an object (`response.json()`)
    /// or JSON text. A document of another format or version is an error saying what to do.
    #[wasm_bindgen(js_name = fromDocument)]
    pub fn from_document(
        #[wasm_bindgen(unchecked_param_type = "CompiledDocument | string")] document: JsValue,
    ) -> Result<Data, JsValue> {
        let document = match document.as_string() {
            Some(text) => js_sys::JSON::parse(&text).map_err(|e| {
                let message = js_sys::Error::from(e).message();
                error::message(&format!("document: {}", String::from(message)))
            })?,
            None => document,
        };
        // The header first: another version is named as such, not as a field that differs.
        let header: Header =
            js::from_value(document.clone()).map_err(|e| error::shape("document", &e))?;
        header.check().map_err(error::to_js)?;
        let document: Document =
            js::from_value(document).map_err(|e| error::shape("document", &e))?;
        let Compiled {
            framework,
            dataset,
            plan,
            recorded,
        } = document.load().map_err(error::to_js)?;
        Ok(Data::new(
            framework,
            dataset,
            Source::Compiled {
                plan: Box::new(plan),
                recorded,
            },
        ))
    }

    /// The units in data order: the order of every score and rank column.
    #[wasm_bindgen(unchecked_return_type = "UnitInfo[]")]
    pub fn units(&self) -> Result<JsValue, JsValue> {
        let units: Vec<UnitInfo> = self.loaded.data.units().iter().map(UnitInfo::of).collect();
        convert::plain(&units)
    }

    /// The framework's nodes in iMeta order: the order of `ComputeResult.nodes`.
    #[wasm_bindgen(unchecked_return_type = "NodeInfo[]")]
    pub fn nodes(&self) -> Result<JsValue, JsValue> {
        let fw = &self.loaded.framework;
        let nodes: Vec<NodeInfo> = fw.ids().map(|n| NodeInfo::of(fw, n)).collect();
        convert::plain(&nodes)
    }

    /// The years of a panel, ascending; `[null]` for data without a `Time` column.
    #[wasm_bindgen(unchecked_return_type = "(number | null)[]")]
    pub fn years(&self) -> Result<JsValue, JsValue> {
        convert::plain(self.loaded.data.periods())
    }

    /// Number of units (rows of every score and rank column).
    #[wasm_bindgen(getter, js_name = unitCount)]
    pub fn unit_count(&self) -> usize {
        self.loaded.data.n_units()
    }

    /// Number of nodes (indicators and aggregates).
    #[wasm_bindgen(getter, js_name = nodeCount)]
    pub fn node_count(&self) -> usize {
        self.loaded.framework.len()
    }

    /// The handle for re-weighting, changing year and gap analysis, run for `year` (default:
    /// the latest). A compiled document brings its plan and takes no `spec`; raw data (full
    /// package) compiles `spec` once.
    pub fn plan(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "BuildSpec | string")] spec: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] year: Option<i32>,
    ) -> Result<Plan, JsValue> {
        let spec = spec.filter(|s| !s.is_undefined() && !s.is_null());
        Plan::new(Rc::clone(&self.loaded), spec, year)
    }
}

impl Data {
    pub(crate) fn new(framework: Framework, data: Dataset, source: Source) -> Data {
        Data {
            loaded: Rc::new(Loaded {
                framework,
                data,
                source,
            }),
        }
    }

    /// The loaded framework and data, for analytics bindings.
    #[cfg(feature = "full")]
    pub(crate) fn loaded(&self) -> &Loaded {
        &self.loaded
    }
}

#[derive(Serialize)]
struct UnitInfo<'a> {
    code: &'a str,
    name: &'a str,
    names: &'a BTreeMap<String, String>,
    kind: UnitKind,
    groups: &'a BTreeMap<String, String>,
}

impl<'a> UnitInfo<'a> {
    fn of(unit: &'a Unit) -> Self {
        UnitInfo {
            code: unit.code.as_str(),
            name: &unit.name,
            names: &unit.names,
            kind: unit.kind,
            groups: &unit.groups,
        }
    }
}

#[derive(Serialize)]
struct NodeInfo<'a> {
    code: &'a str,
    name: &'a str,
    names: &'a BTreeMap<String, String>,
    kind: NodeKind,
    level: u32,
    parent: Option<&'a str>,
    direction: f64,
    weight: f64,
    unit: Option<&'a str>,
    target: Option<f64>,
}

impl<'a> NodeInfo<'a> {
    fn of(fw: &'a Framework, n: NodeId) -> Self {
        let node = fw.node(n);
        NodeInfo {
            code: node.code.as_str(),
            name: &node.name,
            names: &node.names,
            kind: node.kind,
            level: fw.level(n),
            parent: node.parent.as_ref().map(IndicatorCode::as_str),
            direction: node.direction.sign(),
            weight: node.weight.get(),
            unit: node.unit_of_measure.as_deref(),
            target: node.target,
        }
    }
}
