//! Raw data in the full package: iData/iMeta CSV text, plain JS objects with typed arrays, or
//! the embedded seed data; and the compiled document made from it.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use yardstick::error::Shown;
use yardstick::io::document::Document;
use yardstick::io::{self, Meta, MetaType};

use yardstick::{
    io::default_data, Dataset, Direction, Framework, Indicator, IndicatorCode, NodeKind, Place,
    Unit, UnitCode, UnitKind, Weight,
};

use crate::data::{Data, Source};
use crate::{convert, error, js};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A unit (row of iData) as given to `Data.fromObjects`. */
export interface UnitInput {
  code: string;
  name?: string;
  /** Names in other languages, e.g. `{ en: "Guangxi" }`. */
  names?: Record<string, string>;
  /** `"aggregate"` for a reference row such as the national average: never ranked. */
  kind?: "unit" | "aggregate";
  /** Group memberships, e.g. `{ region: "West" }`. */
  groups?: Record<string, string>;
}

/** A node of the hierarchy (row of iMeta) as given to `Data.fromObjects`. */
export interface NodeInput {
  code: string;
  name?: string;
  names?: Record<string, string>;
  /** Default `"indicator"`; indicators need a column in `DataInput.values`. */
  kind?: "indicator" | "aggregate";
  /** The parent aggregate's code; omitted or null only for the root. */
  parent?: string | null;
  /** 1: higher is better (default); -1: lower is better. */
  direction?: 1 | -1;
  /** Weight relative to its siblings, finite and ≥ 0 (default 1). */
  weight?: number;
  /** Unit of measure. */
  unit?: string;
  /** Target value (distance-to-target normalisation). */
  target?: number;
}

/**
 * Data as plain objects: one period, one column per indicator (or denominator) code with one
 * cell per unit in `units` order. A missing cell is `null` in an array, `NaN` in a
 * `Float64Array`.
 */
export interface DataInput {
  units: UnitInput[];
  nodes: NodeInput[];
  values: Record<string, Float64Array | (number | null)[]>;
  year?: number | null;
}

"#;

#[wasm_bindgen]
impl Data {
    /// Reads iData and iMeta CSV text (COINr's convention). Errors name the file, row and
    /// column; the file names default to `iData.csv` and `iMeta.csv`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        data: &str,
        meta: &str,
        #[wasm_bindgen(js_name = dataFile)] data_file: Option<String>,
        #[wasm_bindgen(js_name = metaFile)] meta_file: Option<String>,
    ) -> Result<Data, JsValue> {
        let (meta, data) = io::read_coin(
            data.as_bytes(),
            data_file.as_deref().unwrap_or("iData.csv"),
            meta.as_bytes(),
            meta_file.as_deref().unwrap_or("iMeta.csv"),
        )
        .map_err(error::to_js)?;
        Ok(Data::raw(meta, data))
    }

    /// Builds data from plain objects; columns may be arrays or `Float64Array`s.
    #[wasm_bindgen(js_name = fromObjects)]
    pub fn from_objects(
        #[wasm_bindgen(unchecked_param_type = "DataInput")] input: JsValue,
    ) -> Result<Data, JsValue> {
        let input: DataInput = js::from_value(input).map_err(|e| error::shape("DataInput", &e))?;
        let (meta, data) = input.into_core()?;
        Ok(Data::raw(meta, data))
    }

    /// The embedded seed data: CCID's Digital Economy Development Index 2020 for seven
    /// provinces and the national average (`CN`).
    #[wasm_bindgen(js_name = defaultData)]
    pub fn default_data() -> Result<Data, JsValue> {
        Data::from_csv(
            default_data::DEDI_DATA,
            default_data::DEDI_META,
            Some("dedi/iData.csv".into()),
            Some("dedi/iMeta.csv".into()),
        )
    }

    /// Builds the index: scores and ranks of every node for `year` (default: the latest).
    /// `spec` is a build spec object or JSON text; omitted, COINr's default build (raw data,
    /// full package) or the document's method (a compiled document, which takes no spec).
    #[wasm_bindgen(unchecked_return_type = "ComputeResult")]
    pub fn compute(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "BuildSpec | string")] spec: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] year: Option<i32>,
    ) -> Result<JsValue, JsValue> {
        let plan = self.plan(spec, year)?;
        plan.result()
    }

    /// Compiles `spec` (default: COINr's default build) on every year of the data into the
    /// document `Data.fromDocument` loads: what `yardstick export --widget` writes.
    #[wasm_bindgen(js_name = compileDocument, unchecked_return_type = "CompiledDocument")]
    pub fn compile_document(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "BuildSpec | string")] spec: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let loaded = self.loaded();
        let plan = yardstick::Plan::compile(
            &loaded.framework,
            &loaded.data,
            &convert::build_spec(spec.as_ref())?,
        )
        .map_err(error::to_js)?;
        let document = Document::compile(&plan, &loaded.data).map_err(error::to_js)?;
        convert::plain(&document)
    }
}

impl Data {
    fn raw(meta: Meta, data: Dataset) -> Data {
        Data::new(meta.framework, data, Source::Raw)
    }
}

/// Fields beside these are ignored: a data document may carry its spec or other fields.
#[derive(Deserialize)]
struct DataInput {
    units: Vec<UnitInput>,
    nodes: Vec<NodeInput>,
    values: Entries<Vec<Option<f64>>>,
    #[serde(default)]
    year: Option<i32>,
}

/// A JS object's entries in its own key order: the data object's columns by variable name.
/// Read without a map type, whose B-tree code the module would carry for this one use.
struct Entries<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of columns by variable name")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<V>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

#[derive(Deserialize)]
struct UnitInput {
    code: String,
    name: Option<String>,
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(default)]
    kind: UnitKind,
    #[serde(default)]
    groups: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct NodeInput {
    code: String,
    name: Option<String>,
    #[serde(default)]
    names: BTreeMap<String, String>,
    kind: Option<NodeKind>,
    parent: Option<String>,
    direction: Option<f64>,
    weight: Option<f64>,
    unit: Option<String>,
    target: Option<f64>,
}

impl DataInput {
    /// Validates codes and weights with the core's own types, naming the offending entry.
    fn into_core(self) -> Result<(Meta, Dataset), JsValue> {
        let mut units = Vec::with_capacity(self.units.len());
        for (i, input) in self.units.into_iter().enumerate() {
            let place = || Place::file(format!("units[{i}]"));
            let code =
                UnitCode::new(&input.code).map_err(|e| error::at(place().column("code"), e))?;
            let mut unit = Unit::new(code, input.name.unwrap_or_else(|| input.code.clone()));
            unit.names = input.names;
            unit.kind = input.kind;
            unit.groups = input.groups;
            units.push(unit);
        }
        let mut nodes = Vec::with_capacity(self.nodes.len());
        let mut columns = Vec::with_capacity(self.nodes.len());
        for (i, input) in self.nodes.into_iter().enumerate() {
            let place = |column: &str| Place::file(format!("nodes[{i}]")).column(column);
            let kind = input.kind.unwrap_or(NodeKind::Indicator);
            let code = IndicatorCode::new(&input.code).map_err(|e| error::at(place("code"), e))?;
            let mut node = Indicator::new(code, kind);
            if let Some(name) = input.name {
                node.name = name;
            }
            node.names = input.names;
            if let Some(parent) = input.parent {
                node = node.with_parent(
                    IndicatorCode::new(&parent).map_err(|e| error::at(place("parent"), e))?,
                );
            }
            if let Some(direction) = input.direction {
                node = node.with_direction(Direction::from_sign(direction).ok_or_else(|| {
                    error::unknown(place("direction"), "1 or -1", &Shown(direction).to_string())
                })?);
            }
            if let Some(weight) = input.weight {
                node = node
                    .with_weight(Weight::new(weight).map_err(|e| error::at(place("weight"), e))?);
            }
            node.unit_of_measure = input.unit;
            node.target = input.target;
            columns.push((
                input.code,
                match kind {
                    NodeKind::Indicator => MetaType::Indicator,
                    NodeKind::Aggregate => MetaType::Aggregate,
                },
            ));
            nodes.push(node);
        }
        let framework = Framework::new(nodes).map_err(error::to_js)?;
        // In a Float64Array, NaN is the only way to leave a cell empty: it means missing here,
        // at the boundary, and never enters the core.
        let (variables, values) = self
            .values
            .0
            .into_iter()
            .map(|(name, cells)| {
                let cells = cells
                    .into_iter()
                    .map(|x| x.filter(|x| !x.is_nan()))
                    .collect();
                (name, cells)
            })
            .unzip();
        let data = Dataset::new(units, vec![self.year], variables, values).map_err(error::to_js)?;
        Ok((Meta { framework, columns }, data))
    }
}
