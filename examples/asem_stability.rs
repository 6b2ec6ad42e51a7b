//! Which ASEM countries have the least stable rank? COINr's sensitivity-vignette choices
//! (`examples/asem/uncertainty.json`), 10,000 replications, the ten widest 5–95 % rank bands.
//!
//! Run from the repository root: `cargo run --release --example asem_stability`.

use std::path::Path;
use yardstick::PeriodId;

use yardstick::io;
use yardstick::robustness::uncertainty::{Engine, UncertaintySpec};

const SEED: u64 = 1;
const RUNS: usize = 10_000;

fn main() -> Result<(), yardstick::Error> {
    let folder = Path::new("data/asem");
    let (meta, data) = io::read_coin_files(&folder.join("iData.csv"), &folder.join("iMeta.csv"))?;
    let spec: UncertaintySpec = serde_json::from_str(include_str!("asem/uncertainty.json"))
        .expect("the example spec parses");
    let mut engine = Engine::new(&meta.framework, &data, PeriodId::new(0), spec, SEED)?;
    let started = std::time::Instant::now();
    let result = engine.uncertainty(RUNS, SEED, 10)?;
    let elapsed = started.elapsed();

    let mut units: Vec<_> = result.units.iter().filter(|u| u.p05.is_some()).collect();
    units.sort_by(|a, b| {
        let width = |u: &&yardstick::robustness::uncertainty::UnitStability| {
            u.p95.unwrap_or(0.0) - u.p05.unwrap_or(0.0)
        };
        width(b).total_cmp(&width(a))
    });
    println!(
        "{} replications in {:.0} ms ({} failed); factors: {}",
        result.runs,
        elapsed.as_secs_f64() * 1e3,
        result.failed,
        result
            .factors
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "{:<6} {:>7} {:>6} {:>9} {:>10}",
        "unit", "nominal", "median", "5–95 %", "mean |Δ|"
    );
    for u in units.iter().take(10) {
        println!(
            "{:<6} {:>7} {:>6} {:>9} {:>10.2}",
            u.code,
            u.nominal.unwrap_or_default(),
            u.median.unwrap_or_default(),
            format!(
                "{}–{}",
                u.p05.unwrap_or_default(),
                u.p95.unwrap_or_default()
            ),
            u.mean_abs_shift.unwrap_or_default()
        );
    }
    Ok(())
}
