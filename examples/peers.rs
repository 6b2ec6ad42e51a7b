//! The library's side of `cargo xtask bench-peers`: times, in process, the tasks that the
//! peer libraries (pymcdm, scikit-criteria) are timed on, and `yardstick compute`'s three
//! stages (reading, the pipeline, writing), and writes the outputs and timings as JSON.
//!
//! `cargo run --release --example peers -- DIR ROUNDS OUT.json`, where DIR holds the iData.csv
//! and iMeta.csv of `cargo xtask gen-matrix`. Each task runs ROUNDS times; the JSON gives the
//! minimum and the median in seconds.

use std::hint::black_box;
use std::time::Instant;

use serde_json::json;
use yardstick::analysis::mcda::{topsis, DecisionMatrix, TopsisNormalisation};
use yardstick::io::{self, Column};
use yardstick::pipeline::weight::{critic_weights, entropy_weights, EntropyConvention};
use yardstick::{BuildSpec, Direction, PeriodId, Plan};

/// Minimum and median of `rounds` timings of `task`, in seconds.
fn time<T>(rounds: usize, mut task: impl FnMut() -> T) -> serde_json::Value {
    let mut seconds: Vec<f64> = (0..rounds.max(1))
        .map(|_| {
            let start = Instant::now();
            black_box(task());
            start.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    json!({ "min": seconds[0], "median": seconds[seconds.len() / 2] })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, rounds, out] = &args[..] else {
        eprintln!("usage: peers DIR ROUNDS OUT.json");
        std::process::exit(2);
    };
    let rounds: usize = rounds.parse().expect("ROUNDS is a whole number");
    let dir = std::path::Path::new(dir);
    let data_bytes = std::fs::read(dir.join("iData.csv")).expect("iData.csv");
    let meta_bytes = std::fs::read(dir.join("iMeta.csv")).expect("iMeta.csv");
    let read = || io::read_coin(&data_bytes, "iData.csv", &meta_bytes, "iMeta.csv");
    let (meta, data) = read().expect("the matrix loads");
    let fw = &meta.framework;
    let period = PeriodId::new(0);

    // `yardstick compute --normalise minmax:0:100 --aggregate amean`, stage by stage.
    let spec = BuildSpec::default();
    let plan = Plan::compile(fw, &data, &spec).expect("plan");
    let results = plan.run(&data, period).expect("run");
    let compute = json!({
        "read": time(rounds, || read().expect("read")),
        "pipeline": time(rounds, || {
            Plan::compile(fw, &data, &spec)
                .and_then(|p| p.run(&data, period))
                .expect("run")
        }),
        "write": time(rounds, || io::write_wide(fw, &data, &results, Column::Scores, None)),
    });

    let mut mcda = serde_json::Map::new();
    let codes: Vec<&str> = fw.indicators().map(|i| fw.node(i).code.as_str()).collect();
    if let Ok(matrix) = DecisionMatrix::from_dataset(&data, period, &codes) {
        let columns = matrix.column_slices();
        let directions: Vec<Direction> = fw.indicators().map(|i| fw.node(i).direction).collect();
        let entropy = || {
            entropy_weights(
                "criteria",
                &columns,
                &directions,
                EntropyConvention::RawProportions,
                0.0,
            )
            .expect("entropy")
        };
        let entropy_topsis = || {
            let w = entropy();
            let t = topsis(&columns, &directions, &w, TopsisNormalisation::MinMax).expect("topsis");
            (w, t)
        };
        let (weights, t) = entropy_topsis();
        mcda.insert(
            "entropy_topsis".into(),
            json!({
                "weights": weights, "scores": t.closeness, "ranks": t.ranks,
                "time": time(rounds, entropy_topsis),
            }),
        );
        // pymcdm's CRITIC takes the columns as they are; scikit-criteria's (scale=True)
        // turns cost criteria around first.
        for (name, invert) in [("critic", false), ("critic_invert_cost", true)] {
            let critic =
                || critic_weights("criteria", &columns, &directions, invert).expect("critic");
            mcda.insert(
                name.into(),
                json!({ "weights": critic(), "time": time(rounds, critic) }),
            );
        }
    }
    let text = json!({
        "units": data.n_units(),
        "indicators": codes.len(),
        "compute": compute,
        "mcda": mcda,
    });
    std::fs::write(out, format!("{text}\n")).expect("the JSON is written");
}
