//! `yardstick disparity`: inequality of one column across units, by year, with group
//! decompositions and convergence over the years.

use yardstick::analysis::disparity::{disparity as measure, COLUMNS, GROUP_COLUMNS};
use yardstick::{Dataset, Error, Plan};

use crate::args::{DisparityArgs, Format};
use crate::output::{number, rounded, TextTable};

/// Decimals shown in `--format table`.
const SHOWN_DECIMALS: usize = 4;

/// Runs `yardstick disparity` ([`measure`]). The column is a data variable, or a node of the
/// index (then its scores, one run per year).
pub fn disparity(a: &DisparityArgs, data: &Dataset, plan: &Plan) -> Result<String, Error> {
    let code = a.column.as_str();
    let format = a.report.format;
    let report = measure(plan, data, code, a.group.as_deref(), a.years)?;
    let mut header = vec!["year"];
    header.extend(COLUMNS);
    if a.group.is_some() {
        header.extend(GROUP_COLUMNS);
    }
    let show = |x: f64| match format {
        Format::Table => rounded(Some(x), SHOWN_DECIMALS),
        _ => number(Some(x)),
    };
    let mut table = TextTable::new(&header);
    let mut years_json = Vec::new();
    for y in &report.years {
        let mut row = vec![
            y.year.map(|y| y.to_string()).unwrap_or_default(),
            y.n.to_string(),
            y.skipped_missing.to_string(),
        ];
        row.extend(y.values()[2..].iter().map(|&x| show(x)));
        let mut year_json = serde_json::json!({ "year": y.year, "n": y.n,
            "skipped_missing": y.skipped_missing, "theil_t": y.theil_t });
        if let Some(g) = &y.by_group {
            row.extend(g.values().map(show));
            year_json["theil_t_decomposition"] = serde_json::json!(g.theil_t);
            year_json["theil_l_decomposition"] = serde_json::json!(g.theil_l);
            year_json["gini_decomposition"] = serde_json::json!(g.gini);
        }
        table.rows.push(row);
        years_json.push(year_json);
    }
    let convergence = report.convergence;
    Ok(match format {
        Format::Json => format!(
            "{}\n",
            serde_json::json!({
                "column": code,
                "group": a.group,
                "years": years_json,
                "sigma_convergence": convergence.as_ref().map(|c| &c.0),
                "beta_convergence": convergence.as_ref().map(|c| &c.1),
            })
        ),
        Format::Table => {
            let mut text = table.to_text();
            if let Some((sigma, beta)) = &convergence {
                if let Some(trend) = &sigma.trend {
                    text += &format!(
                        "σ-convergence (sd of logs): slope {:.6} per year, p = {}\n",
                        trend.slope,
                        rounded(trend.slope_p, 4)
                    );
                }
                text += &format!(
                    "β-convergence: β = {:.6} (p = {}), speed {} per year, half-life {} years, n = {}\n",
                    beta.regression.slope,
                    rounded(beta.regression.slope_p, 4),
                    rounded(beta.speed, 4),
                    rounded(beta.half_life, 1),
                    beta.n
                );
            }
            text
        }
        _ => table.to_csv(),
    })
}
