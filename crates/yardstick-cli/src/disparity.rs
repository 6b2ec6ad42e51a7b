//! `yardstick disparity`: inequality of one column across units, by year, with group
//! decompositions and convergence over the years.

use yardstick::analysis::inequality::{
    beta_convergence_of, gini_by_group, measure_of, sigma_convergence_of, theil_by_group, Measure,
    TheilIndex,
};
use yardstick::pipeline::panel::node_scores;
use yardstick::stats::SdConvention;
use yardstick::PeriodId;
use yardstick::{Dataset, Error, ErrorKind, Place, Plan};

use crate::args::{DisparityArgs, Format};
use crate::output::{number, rounded, TextTable};

/// Decimals shown in `--format table`.
const SHOWN_DECIMALS: usize = 4;

/// Runs `yardstick disparity`. The column is a data variable, or a node of the index (then
/// its scores, one run per year).
pub fn disparity(a: &DisparityArgs, data: &Dataset, plan: &Plan) -> Result<String, Error> {
    let code = a.column.as_str();
    let format = a.report.format;
    let scored;
    let (data, variable) = match data.variable_index(code) {
        Some(v) => (data, v),
        None => {
            let node = plan.framework().index_of(code).ok_or_else(|| {
                Error::new(
                    ErrorKind::Structure {
                        expected: format!("a data column or an index node named '{code}'"),
                    },
                    Place::default().column(code),
                )
            })?;
            scored = node_scores(plan, data, node, code)?;
            (&scored, 0)
        }
    };
    let periods: Vec<PeriodId> = data
        .period_ids()
        .filter(|&p| match (a.years, data.year(p)) {
            (Some((a, b)), Some(y)) => (a..=b).contains(&y),
            _ => true,
        })
        .collect();
    let (Some(&first), Some(&last)) = (periods.first(), periods.last()) else {
        return Err(Error::new(
            ErrorKind::Structure {
                expected: "at least one year in --years".into(),
            },
            Place::default().column("Time"),
        ));
    };
    let cv = Measure::CoefficientOfVariation(SdConvention::Population);
    let sd_logs = Measure::SdOfLogs(SdConvention::Population);
    let mut header = vec![
        "year",
        "n",
        "skipped_missing",
        "theil_t",
        "theil_l",
        "gini",
        "cv",
        "sd_logs",
    ];
    if a.group.is_some() {
        header.extend([
            "theil_t_between",
            "theil_t_within",
            "theil_l_between",
            "theil_l_within",
            "gini_within",
            "gini_net_between",
            "gini_transvariation",
        ]);
    }
    let show = |x: f64| match format {
        Format::Table => rounded(Some(x), SHOWN_DECIMALS),
        _ => number(Some(x)),
    };
    let mut table = TextTable::new(&header);
    let mut years_json = Vec::new();
    for &p in &periods {
        let t = measure_of(data, variable, p, Measure::TheilT)?;
        let mut row = vec![
            data.year(p).map(|y| y.to_string()).unwrap_or_default(),
            t.n.to_string(),
            t.skipped_missing.to_string(),
            show(t.value),
            show(measure_of(data, variable, p, Measure::TheilL)?.value),
            show(measure_of(data, variable, p, Measure::Gini)?.value),
            show(measure_of(data, variable, p, cv)?.value),
            show(measure_of(data, variable, p, sd_logs)?.value),
        ];
        let mut year_json = serde_json::json!({ "year": data.year(p), "n": t.n,
            "skipped_missing": t.skipped_missing, "theil_t": t.value });
        if let Some(group) = &a.group {
            let tt = theil_by_group(data, variable, p, group, TheilIndex::T)?;
            let tl = theil_by_group(data, variable, p, group, TheilIndex::L)?;
            let g = gini_by_group(data, variable, p, group)?;
            row.extend([
                show(tt.between),
                show(tt.within),
                show(tl.between),
                show(tl.within),
                show(g.within),
                show(g.net_between),
                show(g.transvariation),
            ]);
            year_json["theil_t_decomposition"] = serde_json::json!(tt);
            year_json["theil_l_decomposition"] = serde_json::json!(tl);
            year_json["gini_decomposition"] = serde_json::json!(g);
        }
        table.rows.push(row);
        years_json.push(year_json);
    }
    let convergence = (last > first)
        .then(|| -> Result<_, Error> {
            Ok((
                sigma_convergence_of(data, variable, first..=last, sd_logs)?,
                beta_convergence_of(data, variable, first, last)?,
            ))
        })
        .transpose()?;
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
