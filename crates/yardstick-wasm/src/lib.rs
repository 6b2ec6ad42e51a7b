//! WebAssembly bindings of Yardstick: a thin DTO layer over the core crate.
//!
//! JS values come in (CSV text, plain objects, typed arrays, a build spec as an object or JSON
//! text), are converted to the core's types, the core runs, and plain objects with camelCase
//! fields go back, described by the TypeScript types emitted with the package. No method
//! logic lives here: every number is computed by `yardstick`.
//!
//! ```js
//! import init, { Data } from "./pkg/yardstick.js";
//! await init();
//! const data = Data.fromCsv(iDataText, iMetaText);
//! const result = data.compute({ normalise: { default: { method: "min_max" } } });
//! const plan = data.plan({});                      // compile once
//! plan.rerank(weights, scores, ranks);             // a slider moved: no parsing, no allocation
//! const behind = plan.gap("CN-GX", { kind: "unit", unit: "CN" });
//! ```
//!
//! Layout, one concept per file like the core:
//! - [`data`]: loading (`Data.fromCsv`, `Data.fromObjects`, `Data.defaultData`) and
//!   `compute`;
//! - [`plan`]: a compiled build with its reused buffers, the live re-weighting path;
//! - [`gap`]: gap analysis, one node or the whole table with contributions;
//! - [`catchup`]: years to catch up and the growth needed by a deadline;
//! - `uncertainty` (cargo feature `uncertainty`, in the full package only): how stable the
//!   ranks are when the build's uncertain choices vary.
//!   Further analytics of the core each get a file like these: request/response DTOs, their
//!   TypeScript types, and one `#[wasm_bindgen] impl` block that converts and calls the core.
//! - [`error`]: the core's errors as JS `Error` objects;
//! - `de`: JS values read by serde (specs, data objects, comparisons, options);
//! - `ser`: results written as plain JS values by serde.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod catchup;
mod convert;
pub mod data;
mod de;
pub mod error;
pub mod gap;
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
