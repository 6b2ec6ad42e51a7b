//! `yardstick uncertainty`, `yardstick sensitivity` and `yardstick audit`: how stable the
//! ranks are, which choices drive them, and what a statistical audit finds.

use yardstick::io;
use yardstick::robustness::audit::audit;
use yardstick::robustness::uncertainty::{Engine, UncertaintySpec};
use yardstick::PeriodId;
use yardstick::{Dataset, Error, ErrorKind, Place, Plan};

use crate::args::{AuditArgs, Format, Inputs, Robustness, SensitivityArgs, UncertaintyArgs};
use crate::output::{number, rounded, TextTable};

/// Bootstrap resamples for the sensitivity confidence intervals.
const BOOTSTRAP_RESAMPLES: usize = 100;

/// Reads the inputs and the uncertainty spec.
fn engine_inputs(
    inputs: &Inputs,
    engine: &Robustness,
) -> Result<(io::Meta, Dataset, UncertaintySpec), Error> {
    let (meta, data) = io::read_coin_files(&inputs.data, &inputs.meta)?;
    let path = &engine.spec;
    let text = io::read_file(path)?;
    let spec = UncertaintySpec::from_json(&String::from_utf8_lossy(&text))
        .map_err(|e| e.in_file(&path.display().to_string()))?;
    Ok((meta, data, spec))
}

fn period_of(engine: &Robustness, data: &Dataset) -> Result<PeriodId, Error> {
    match engine.year.year {
        None => Ok(data.last_period()),
        Some(y) => data.period_of_year(y).ok_or_else(|| {
            Error::new(
                ErrorKind::Structure {
                    expected: format!("rows for the year {y}"),
                },
                Place::default().column("Time"),
            )
        }),
    }
}

/// Runs `yardstick uncertainty`: per-unit rank statistics over `--runs` replications.
pub fn uncertainty(a: &UncertaintyArgs) -> Result<String, Error> {
    let (meta, data, spec) = engine_inputs(&a.inputs, &a.engine)?;
    let period = period_of(&a.engine, &data)?;
    let seed = a.engine.seed;
    let mut engine = Engine::new(&meta.framework, &data, period, spec, seed)?;
    let result = engine.uncertainty(a.runs, seed, a.top)?;
    let format = a.report.format;
    if format == Format::Json {
        return Ok(format!("{}\n", serde_json::json!(result)));
    }
    let top = format!("p_top{}", result.top);
    let mut table = TextTable::new(&[
        "uCode",
        "nominal",
        "median",
        "p05",
        "p95",
        "mean_score",
        "sd_score",
        &top,
        "mean_abs_shift",
    ]);
    let decimals = |x: Option<f64>| match format {
        Format::Table => rounded(x, 3),
        _ => number(x),
    };
    for u in &result.units {
        table.rows.push(vec![
            u.code.clone(),
            number(u.nominal),
            number(u.median),
            number(u.p05),
            number(u.p95),
            decimals(u.mean_score),
            decimals(u.sd_score),
            decimals(u.top_probability),
            decimals(u.mean_abs_shift),
        ]);
    }
    if result.failed > 0 {
        eprintln!(
            "yardstick: {} of {} replications failed and are left out (first: {})",
            result.failed,
            result.runs,
            result.first_failure.as_deref().unwrap_or("")
        );
    }
    Ok(match format {
        Format::Table => table.to_text(),
        _ => table.to_csv(),
    })
}

/// Runs `yardstick sensitivity`: Sobol' indices of the mean rank shift per factor.
pub fn sensitivity(a: &SensitivityArgs) -> Result<String, Error> {
    let (meta, data, spec) = engine_inputs(&a.inputs, &a.engine)?;
    let period = period_of(&a.engine, &data)?;
    let seed = a.engine.seed;
    let mut engine = Engine::new(&meta.framework, &data, period, spec, seed)?;
    let result = engine.sensitivity(a.runs, seed, BOOTSTRAP_RESAMPLES)?;
    let format = a.report.format;
    if format == Format::Json {
        return Ok(format!("{}\n", serde_json::json!(result)));
    }
    let mut table = TextTable::new(&[
        "factor",
        "first",
        "first_low",
        "first_high",
        "total",
        "total_low",
        "total_high",
    ]);
    let s = &result.indices;
    for (k, factor) in result.factors.iter().enumerate() {
        let ci = |c: Option<(f64, f64)>| (c.map(|c| c.0), c.map(|c| c.1));
        let (fl, fh) = ci(s.first_ci[k]);
        let (tl, th) = ci(s.total_ci[k]);
        table.rows.push(vec![
            factor.name.clone(),
            number(s.first[k]),
            number(fl),
            number(fh),
            number(s.total[k]),
            number(tl),
            number(th),
        ]);
    }
    Ok(match format {
        Format::Table => table.to_text(),
        _ => table.to_csv(),
    })
}

/// Runs `yardstick audit`: correlations, Cronbach's alpha, PCA and flags per node (JSON), or
/// the child-with-parent correlations and flags as a table.
pub fn audit_command(
    a: &AuditArgs,
    data: &Dataset,
    plan: &Plan,
    period: PeriodId,
) -> Result<String, Error> {
    let results = plan.run(data, period)?;
    let report = audit(plan, data, &results)?;
    let format = a.report.format;
    if format == Format::Json {
        return Ok(format!("{}\n", serde_json::json!(report)));
    }
    let mut table = TextTable::new(&[
        "node",
        "child",
        "pearson",
        "spearman",
        "n",
        "alpha",
        "pca_first_share",
        "flags",
    ]);
    for node in &report.nodes {
        for c in &node.with_parent {
            let flags = node.flags.of_child(&c.child);
            table.rows.push(vec![
                node.code.clone(),
                c.child.clone(),
                number(c.correlation.pearson),
                number(c.correlation.spearman),
                c.correlation.n.to_string(),
                number(node.cronbach_alpha),
                number(node.pca.as_ref().and_then(|p| p.shares.first().copied())),
                flags.join(" "),
            ]);
        }
    }
    Ok(match format {
        Format::Table => table.to_text(),
        _ => table.to_csv(),
    })
}
