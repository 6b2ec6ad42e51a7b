//! Uncertainty analysis: the index rebuilt many times with the uncertain choices of the build
//! varied (weights, imputation, treatment, normalisation, aggregation, a dropped indicator or
//! pillar), and how stable each unit's rank is.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use yardstick::robustness::uncertainty::{Engine, Uncertainty, UncertaintySpec};

use crate::data::Data;
use crate::plan::period_of;
use crate::{convert, error, js};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/**
 * The uncertain choices of a build: the CLI's `--uncertainty` document (snake_case keys).
 * Generated from the Rust types, through `www/schema/uncertainty-spec.schema.json`.
 */
import type { UncertaintySpec } from "../types/documents";
export type { UncertaintySpec };

/** Options of `data.uncertainty`. */
export interface UncertaintyOptions {
  /** Replications (default 1000). */
  runs?: number;
  /** Seed of the generator (default 1): the same seed gives the same bits everywhere. */
  seed?: number;
  /** `k` of the probability of a top-k rank (default 10). */
  top?: number;
  /** The year analysed (default: the latest). */
  year?: number | null;
}

/** Rank statistics of one unit over the replications. */
export interface UnitStability {
  code: string;
  nominal: number | null;
  median: number | null;
  p05: number | null;
  p95: number | null;
  meanScore: number | null;
  sdScore: number | null;
  topProbability: number | null;
  meanAbsShift: number | null;
  /** Replications in which the unit had a rank. */
  n: number;
}

/** The result of an uncertainty analysis. */
export interface Uncertainty {
  runs: number;
  /** Replications that failed (their ranks are not in the statistics). */
  failed: number;
  firstFailure: string | null;
  seed: number;
  top: number;
  factors: { name: string; choices: number }[];
  /** Dataset order; reference rows have no ranks. */
  units: UnitStability[];
  /** `shiftCounts[s]`: rank changes of size s over every unit and replication. */
  shiftCounts: number[];
}
"#;

/// Replications when the options do not say.
const DEFAULT_RUNS: usize = 1000;
/// Seed when the options do not say.
const DEFAULT_SEED: u64 = 1;
/// `k` of the top-k probability when the options do not say.
const DEFAULT_TOP: usize = 10;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Options {
    runs: Option<usize>,
    seed: Option<u64>,
    top: Option<usize>,
    year: Option<i32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UncertaintyDto<'a> {
    runs: usize,
    failed: usize,
    first_failure: Option<&'a str>,
    seed: u64,
    top: usize,
    factors: Vec<FactorDto<'a>>,
    units: Vec<UnitDto<'a>>,
    shift_counts: &'a [u64],
}

#[derive(Serialize)]
struct FactorDto<'a> {
    name: &'a str,
    choices: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UnitDto<'a> {
    code: &'a str,
    nominal: Option<f64>,
    median: Option<f64>,
    p05: Option<f64>,
    p95: Option<f64>,
    mean_score: Option<f64>,
    sd_score: Option<f64>,
    top_probability: Option<f64>,
    mean_abs_shift: Option<f64>,
    n: u64,
}

#[wasm_bindgen]
impl Data {
    /// Uncertainty analysis of the ranks: `options.runs` replications at random points of
    /// the choices in `spec`, drawn from `options.seed`.
    #[wasm_bindgen(unchecked_return_type = "Uncertainty")]
    pub fn uncertainty(
        &self,
        #[wasm_bindgen(unchecked_param_type = "UncertaintySpec")] spec: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "UncertaintyOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<JsValue, JsValue> {
        let spec: UncertaintySpec =
            js::from_value(spec).map_err(|e| error::shape("uncertainty spec", &e))?;
        let options: Options = match options.filter(|o| !o.is_undefined() && !o.is_null()) {
            None => Options::default(),
            Some(options) => {
                js::from_value(options).map_err(|e| error::shape("UncertaintyOptions", &e))?
            }
        };
        let loaded = self.loaded();
        let period = match options.year {
            Some(_) => period_of(loaded, options.year)?,
            None => loaded.data.last_period(),
        };
        let seed = options.seed.unwrap_or(DEFAULT_SEED);
        let mut engine = Engine::new(&loaded.framework, &loaded.data, period, spec, seed)
            .map_err(error::to_js)?;
        let result = engine
            .uncertainty(
                options.runs.unwrap_or(DEFAULT_RUNS),
                seed,
                options.top.unwrap_or(DEFAULT_TOP),
            )
            .map_err(error::to_js)?;
        convert::plain(&dto(&result))
    }
}

fn dto(result: &Uncertainty) -> UncertaintyDto<'_> {
    UncertaintyDto {
        runs: result.runs,
        failed: result.failed,
        first_failure: result.first_failure.as_deref(),
        seed: result.seed,
        top: result.top,
        factors: result
            .factors
            .iter()
            .map(|f| FactorDto {
                name: &f.name,
                choices: f.choices,
            })
            .collect(),
        units: result
            .units
            .iter()
            .map(|u| UnitDto {
                code: &u.code,
                nominal: u.nominal,
                median: u.median,
                p05: u.p05,
                p95: u.p95,
                mean_score: u.mean_score,
                sd_score: u.sd_score,
                top_probability: u.top_probability,
                mean_abs_shift: u.mean_abs_shift,
                n: u.n,
            })
            .collect(),
        shift_counts: &result.shift_counts,
    }
}
