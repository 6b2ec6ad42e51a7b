//! WebAssembly bindings of Yardstick: a thin DTO layer over the core crate.
//!
//! JS values come in (a compiled document, CSV text, plain objects, typed arrays, a build spec
//! as an object or JSON text), are converted to the core's types, the core runs, and plain
//! objects with camelCase fields go back, described by the TypeScript types emitted with the
//! package. No method logic lives here: every number is computed by `yardstick`.
//!
//! The crate builds two packages. Without features it is the *kernel* (`www/pkg/`), the
//! widget's default package: it loads a compiled document (`yardstick::io::document`, written by
//! `yardstick export --widget`) and runs the second half of the pipeline on it: re-weighting,
//! aggregation, ranks, gaps, gap tables and catch-up. A portal's page fixes its data and
//! method, and a reader only moves weights and years, so the kernel leaves out the first half
//! (CSV, specs, imputation, treatment, normalisation, the weighting methods) and the page
//! downloads less. The cargo feature `full` (`www/pkg-full/`) adds raw data, build specs
//! compiled in the browser, `compileDocument` and uncertainty analysis. Kernel code must not
//! call into the first half: what needs it is behind `full`, and the core's second half takes
//! data-driven weights through a hook (`Plan::aggregate_with`) that a document fills.
//!
//! ```js
//! import init, { Data } from "./pkg/yardstick.js";
//! await init();
//! const data = Data.fromDocument(await response.json()); // a compiled document, or its text
//! const plan = data.plan();                        // the document's method: no spec
//! plan.rerank(weights, scores, ranks);             // a slider moved: no parsing, no allocation
//! const behind = plan.gap("CN-GX", { kind: "unit", unit: "CN" });
//! ```
//!
//! The full package, on raw data:
//!
//! ```js
//! import init, { Data } from "./pkg-full/yardstick.js";
//! await init();
//! const data = Data.fromCsv(iDataText, iMetaText);
//! const result = data.compute({ normalise: { default: { method: "min_max" } } });
//! const compiled = data.compileDocument({});       // what Data.fromDocument loads
//! ```
//!
//! Layout, one concept per file like the core:
//! - [`data`]: loading a compiled document (`Data.fromDocument`), listing units, nodes and
//!   years, and the plans made from the data;
//! - `raw` (`full`): raw data (`Data.fromCsv`, `Data.fromObjects`, `Data.defaultData`),
//!   `compute` and `compileDocument`;
//! - [`plan`]: a plan with its reused buffers, the live re-weighting path and the change of
//!   year;
//! - `result` (`full`): the last run as one plain object (`Plan.result`);
//! - [`gap`]: gap analysis, one node or the whole table with contributions;
//! - [`catchup`]: years to catch up and the growth needed by a deadline;
//! - `uncertainty` (`full`): how stable the ranks are when the build's uncertain choices vary.
//!   Further analytics of the core each get a file like these: request/response DTOs, their
//!   TypeScript types, and one `#[wasm_bindgen] impl` block that converts and calls the core.
//! - [`error`]: the core's errors as JS `Error` objects;
//! - `js`: JS values read and written by serde, through the crate's own `de` and `ser` (with
//!   `field_error`; `js` says why they are not `serde-wasm-bindgen`);
//! - `convert`: conversions every binding shares (build specs from JS, plain objects to JS).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catchup;
mod convert;
pub mod data;
mod de;
pub mod error;
mod field_error;
pub mod gap;
mod js;
pub mod plan;
#[cfg(feature = "full")]
pub mod raw;
#[cfg(feature = "full")]
pub mod result;
mod ser;
#[cfg(feature = "full")]
pub mod uncertainty;

pub use data::Data;
pub use plan::Plan;
