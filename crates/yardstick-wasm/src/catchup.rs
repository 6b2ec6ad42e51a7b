//! Catch-up: years for a unit to reach a comparison at the growth both showed, and the
//! growth it needs by a deadline, on the plan's current weights.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use yardstick::analysis::catchup::{self, CatchUp, Growth, RequiredGrowth, Source};
use yardstick::Place;

use crate::plan::Plan;
use crate::{convert, error, gap, js};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Options of `plan.catchUp`; every field has a default. */
export interface CatchUpOptions {
  /** The node whose scores are followed (default: the index). */
  node?: string;
  /** Compound annual growth (default) or the least-squares trend. */
  growth?: "cagr" | "trend";
  /** First and last year of growth (default: the widest both series share). */
  window?: [number, number];
  /** A year by which the focus unit should reach the comparison. */
  deadline?: number;
}

/** Years to catch up, and the growth needed by a deadline. */
export interface CatchUp {
  growth: "cagr" | "trend";
  window: [number, number];
  /** Values in the window's last year. */
  focus: number;
  comparison: number;
  /** A rate for CAGR (0.05 = 5 % a year), points per year for a trend. */
  focusGrowth: number;
  comparisonGrowth: number;
  /** Years after the window's last year; 0 if already there; null = never at these rates. */
  years: number | null;
  yearReached: number | null;
  /** With a deadline: what the focus needs to reach the comparison's projected value. */
  needed: RequiredGrowth | null;
}

export interface RequiredGrowth {
  deadline: number;
  /** The comparison's value projected to the deadline. */
  target: number;
  /** Compound annual growth needed (0.05 = 5 % a year). */
  cagr: number;
  /** Linear increase needed per year. */
  perYear: number;
}
"#;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct Options {
    node: Option<String>,
    growth: GrowthInput,
    window: Option<(i32, i32)>,
    deadline: Option<i32>,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "camelCase")]
enum GrowthInput {
    #[default]
    Cagr,
    Trend,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CatchUpDto {
    growth: &'static str,
    window: (i32, i32),
    focus: f64,
    comparison: f64,
    focus_growth: f64,
    comparison_growth: f64,
    years: Option<f64>,
    year_reached: Option<f64>,
    needed: Option<NeededDto>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NeededDto {
    deadline: i32,
    target: f64,
    cagr: f64,
    per_year: f64,
}

#[wasm_bindgen]
impl Plan {
    /// Years for unit `focus` to reach `comparison` at the growth both showed over the years
    /// of the data, and the growth it needs to reach it by `options.deadline`.
    #[wasm_bindgen(js_name = catchUp, unchecked_return_type = "CatchUp")]
    pub fn catch_up(
        &self,
        focus: &str,
        #[wasm_bindgen(unchecked_param_type = "Comparison")] comparison: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CatchUpOptions")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let comparison = gap::comparison(comparison)?;
        let options: Options = match options.filter(|o| !o.is_undefined() && !o.is_null()) {
            None => Options::default(),
            Some(options) => {
                js::from_value(options).map_err(|e| error::shape("CatchUpOptions", &e))?
            }
        };
        let focus = self.unit(focus)?;
        let node = match &options.node {
            Some(code) => self.node(code)?,
            None => self.parts().1.framework().root(),
        };
        let (loaded, _, _) = self.parts();
        let series = catchup::catch_up_series(
            &loaded.data,
            Source::Score { node },
            focus,
            &comparison,
            |p| self.run_period(p),
        )
        .map_err(error::to_js)?;
        let window = match options.window {
            Some(window) => window,
            None => series.common_window().ok_or_else(|| {
                error::message(&format!(
                    "{}: catch-up needs two years in which both the focus and the comparison \
                     have a value",
                    Place::default().unit(loaded.data.unit(focus).code.as_str())
                ))
            })?,
        };
        let growth = match options.growth {
            GrowthInput::Cagr => Growth::Cagr,
            GrowthInput::Trend => Growth::LinearTrend,
        };
        let catch_up =
            catchup::years_to_catch_up(&series.focus, &series.comparison, window, growth)
                .map_err(error::to_js)?;
        let needed = match options.deadline {
            Some(deadline) => {
                let RequiredGrowth {
                    target,
                    cagr,
                    per_year,
                    ..
                } = catchup::growth_to_reach(&catch_up, deadline).map_err(error::to_js)?;
                Some(NeededDto {
                    deadline,
                    target,
                    cagr,
                    per_year,
                })
            }
            None => None,
        };
        let CatchUp {
            focus: x,
            comparison: c,
            focus_growth,
            comparison_growth,
            years,
            year_reached,
            ..
        } = catch_up;
        convert::plain(&CatchUpDto {
            growth: match growth {
                Growth::Cagr => "cagr",
                Growth::LinearTrend => "trend",
            },
            window,
            focus: x,
            comparison: c,
            focus_growth,
            comparison_growth,
            years,
            year_reached,
            needed,
        })
    }
}
