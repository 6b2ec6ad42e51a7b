//! Every period of a panel at once, the periods shared out among threads.
//!
//! A period's run reads the dataset and the plan and writes only its own results, so periods
//! are independent: each thread takes a contiguous block of them with its own
//! [`Workspace`], and the results are the bits of running the periods one after the other.
//! Threads exist natively only; in WebAssembly the periods run on the calling thread.

use crate::error::Result;
use crate::model::dataset::Dataset;
use crate::model::ids::{NodeId, PeriodId};
use crate::pipeline::plan::{Plan, Workspace};
use crate::pipeline::results::Results;

/// Runs `plan` on every period of `dataset`, on up to `threads` threads (at least one), and
/// returns the results in period order.
///
/// # Formula
/// Result `p` is [`Plan::run_into`] on period `p`, whatever the number of threads: block `t`
/// of ⌈P / T⌉ consecutive periods runs on thread `t`.
///
/// # Errors
/// The first error in period order, as running the periods one after the other would give.
pub fn run_periods(plan: &Plan, dataset: &Dataset, threads: usize) -> Result<Vec<Results>> {
    let mut out = Vec::new();
    run_periods_into(plan, dataset, threads, &mut out)?;
    Ok(out)
}

/// [`run_periods`] into `out`, one [`Results`] per period, reusing its buffers: a panel run
/// again (a new spec, new weights) allocates nothing per cell.
///
/// # Errors
/// As [`run_periods`]; `out` then holds the periods before the failing one and possibly
/// later ones.
pub fn run_periods_into(
    plan: &Plan,
    dataset: &Dataset,
    threads: usize,
    out: &mut Vec<Results>,
) -> Result<()> {
    let periods: Vec<PeriodId> = dataset.period_ids().collect();
    out.resize_with(periods.len(), Results::default);
    let threads = if cfg!(target_arch = "wasm32") {
        1
    } else {
        threads.clamp(1, periods.len().max(1))
    };
    let run_block = |block: &[PeriodId], out: &mut [Results]| -> Result<()> {
        let mut ws = Workspace::default();
        for (&p, results) in block.iter().zip(out) {
            plan.run_into(dataset, p, &mut ws, results)?;
        }
        Ok(())
    };
    if threads == 1 {
        return run_block(&periods, out);
    }
    let block = periods.len().div_ceil(threads);
    let blocks: Vec<Result<()>> = std::thread::scope(|scope| {
        let handles: Vec<_> = periods
            .chunks(block)
            .zip(out.chunks_mut(block))
            .map(|(chunk, out)| scope.spawn(move || run_block(chunk, out)))
            .collect();
        handles
            .into_iter()
            // A run returns its errors; a panic would be a bug, and is passed on as one.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    blocks.into_iter().collect()
}

/// The scores of `node` in every period of `dataset`, as a one-variable dataset named `code`
/// (the same units and periods): what an analysis of a raw column (inequality, convergence)
/// takes, for an index node.
///
/// # Formula
/// Column `code`, period `p` = [`Results::values`] of `node` from [`Plan::run`] on `p`.
///
/// # Errors
/// The first period whose run fails.
pub fn node_scores(plan: &Plan, dataset: &Dataset, node: NodeId, code: &str) -> Result<Dataset> {
    let mut values = Vec::with_capacity(dataset.n_units() * dataset.periods().len());
    for p in dataset.period_ids() {
        values.extend_from_slice(plan.run(dataset, p)?.values(node));
    }
    Dataset::new(
        dataset.units().to_vec(),
        dataset.periods().to_vec(),
        vec![code.to_owned()],
        vec![values],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::framework::Framework;
    use crate::model::indicator::{Indicator, IndicatorCode, NodeKind};
    use crate::model::unit::{Unit, UnitCode};
    use crate::pipeline::spec::BuildSpec;
    use crate::rng::Rng;

    /// 40 units, 6 indicators in 2 pillars, 7 years of seeded values with a few missing.
    fn panel() -> (Framework, Dataset) {
        let code = |s: &str| IndicatorCode::new(s).unwrap();
        let mut nodes: Vec<Indicator> = (0..6)
            .map(|i| {
                Indicator::new(code(&format!("i{i}")), NodeKind::Indicator)
                    .with_parent(code(&format!("p{}", i % 2)))
            })
            .collect();
        for p in 0..2 {
            nodes.push(
                Indicator::new(code(&format!("p{p}")), NodeKind::Aggregate)
                    .with_parent(code("Index")),
            );
        }
        nodes.push(Indicator::new(code("Index"), NodeKind::Aggregate));
        let units = (0..40)
            .map(|u| Unit::new(UnitCode::new(&format!("U{u}")).unwrap(), format!("{u}")))
            .collect();
        let mut rng = Rng::seed_from_u64(7);
        let values = (0..6)
            .map(|_| {
                (0..40 * 7)
                    .map(|_| {
                        let x = rng.next_f64();
                        (x > 0.05).then_some(x * 100.0)
                    })
                    .collect()
            })
            .collect();
        let data = Dataset::new(
            units,
            (2015..2022).map(Some).collect(),
            (0..6).map(|i| format!("i{i}")).collect(),
            values,
        )
        .unwrap();
        (Framework::new(nodes).unwrap(), data)
    }

    #[test]
    fn any_thread_count_gives_the_sequential_results() {
        let (framework, data) = panel();
        let plan = Plan::compile(&framework, &data, &BuildSpec::default()).unwrap();
        let sequential: Vec<Results> = data
            .period_ids()
            .map(|p| plan.run(&data, p).unwrap())
            .collect();
        let mut reused = Vec::new();
        for threads in [0, 1, 2, 3, 7, 64] {
            let parallel = run_periods(&plan, &data, threads).unwrap();
            run_periods_into(&plan, &data, threads, &mut reused).unwrap();
            assert_eq!(reused, sequential, "{threads} threads, buffers reused");
            // Results compare with ==, so compare bits: a NaN-free Option<f64> equal by ==
            // could still differ in the sign of a zero.
            let bits = |r: &[Results]| -> Vec<Vec<Vec<Option<u64>>>> {
                r.iter()
                    .map(|r| {
                        r.values
                            .iter()
                            .chain(&r.ranks)
                            .map(|c| c.iter().map(|v| v.map(f64::to_bits)).collect())
                            .collect()
                    })
                    .collect()
            };
            assert_eq!(parallel, sequential, "{threads} threads");
            assert_eq!(bits(&parallel), bits(&sequential), "{threads} threads");
        }
    }
}
