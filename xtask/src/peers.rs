//! `cargo xtask bench-peers`: Yardstick against pymcdm and scikit-criteria, and the command
//! line against the library in process.
//!
//! Installs the pinned peers from PyPI into `<target>/peers-venv`, writes seeded matrices
//! (`gen-matrix`), runs `examples/peers.rs` (Yardstick in process) and `xtask/peers/peers.py`
//! (the peers in process), times both command lines end to end in interleaved rounds, measures
//! the command's peak memory with `/usr/bin/time` where it exists, and has `peers.py report`
//! check that weights, scores and rankings agree (to 1e-9; any difference fails the command)
//! and print the table of ratios.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{cargo, run, Failure};

/// The peers, pinned: their outputs are checked, so a new release is a deliberate change.
const PEERS: [&str; 2] = ["pymcdm==1.4.0", "scikit-criteria==0.10"];

/// The matrices: (units, indicators, with the peers). The largest is for `compute` alone: its
/// linearity and peak memory.
const CASES: [(usize, usize, bool); 3] = [(31, 40, true), (3_000, 100, true), (300_000, 20, false)];

/// Rounds of every timing unless `--rounds N` says otherwise.
const DEFAULT_ROUNDS: usize = 10;

/// Rounds at 300,000 × 20, where one round takes seconds.
const LARGE_ROUNDS: usize = 3;

/// The command-line tasks, by the names the in-process JSON uses, and their arguments.
const CLI_TASKS: [(&str, &[&str]); 3] = [
    (
        "entropy_topsis",
        &[
            "mcda",
            "--weights",
            "entropy",
            "--method",
            "topsis",
            "--format",
            "csv",
        ],
    ),
    (
        "critic",
        &[
            "mcda",
            "--weights",
            "critic",
            "--method",
            "topsis",
            "--format",
            "csv",
        ],
    ),
    (
        "compute",
        &[
            "compute",
            "--normalise",
            "minmax:0:100",
            "--aggregate",
            "amean",
        ],
    ),
];

/// The peers' scripts timed end to end: (task, library).
const PEER_TASKS: [(&str, &str); 4] = [
    ("entropy_topsis", "pymcdm"),
    ("entropy_topsis", "scikit-criteria"),
    ("critic", "pymcdm"),
    ("critic_invert_cost", "scikit-criteria"),
];

/// `cargo xtask bench-peers [--rounds N]`.
pub fn command(root: &Path, args: &[String]) -> Result<(), Failure> {
    let rounds = match args {
        [] => DEFAULT_ROUNDS,
        [flag, n] if flag == "--rounds" => n
            .parse()
            .map_err(|_| Failure::new("--rounds takes a whole number"))?,
        _ => return Err(Failure::new("usage: cargo xtask bench-peers [--rounds N]")),
    };
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let python = venv(&target)?;
    run(
        "build the command line and the in-process timer",
        &mut cargo(
            root,
            &[
                "build",
                "--release",
                "-p",
                "yardstick-cli",
                "-p",
                "yardstick",
                "--example",
                "peers",
                // A target filter builds only what it names: without this the command line
                // would be built only if an earlier build had left it there.
                "--bin",
                "yardstick",
            ],
        ),
    )?;
    let yardstick = target.join("release/yardstick");
    let example = target.join("release/examples/peers");
    let script = root.join("xtask/peers/peers.py");
    let work = target.join("peers");

    let mut runs = Vec::new();
    for (units, indicators, with_peers) in CASES {
        let dir = work.join(format!("{units}x{indicators}"));
        crate::matrix::write(&dir, units, indicators, true)?;
        let rounds = if units > 10_000 {
            LARGE_ROUNDS.min(rounds)
        } else {
            rounds
        };
        eprintln!("== {units} × {indicators}: {rounds} rounds");
        let ours = dir.join("yardstick.json");
        run(
            "Yardstick in process",
            Command::new(&example)
                .arg(&dir)
                .arg(rounds.to_string())
                .arg(&ours),
        )?;
        let peers = dir.join("peers.json");
        if with_peers {
            run(
                "the peers in process",
                Command::new(&python)
                    .arg(&script)
                    .args(["inproc", &dir.display().to_string(), &rounds.to_string()])
                    .arg(&peers),
            )?;
        }
        let mut cli: Vec<(String, Vec<f64>)> = Vec::new();
        let mut peer_cli: Vec<(String, Vec<f64>)> = Vec::new();
        let data = dir.join("iData.csv");
        let meta = dir.join("iMeta.csv");
        let output = dir.join("out.csv");
        // Rounds interleave every command, so that a burst of load hits all of them alike.
        for _ in 0..rounds {
            for (task, args) in CLI_TASKS {
                if task != "compute" && !with_peers {
                    continue;
                }
                let mut command = Command::new(&yardstick);
                command
                    .args(args)
                    .arg("--data")
                    .arg(&data)
                    .arg("--meta")
                    .arg(&meta)
                    .arg("--out")
                    .arg(&output);
                push(&mut cli, task, wall(task, &mut command)?);
            }
            if with_peers {
                for (task, lib) in PEER_TASKS {
                    let mut command = Command::new(&python);
                    command
                        .arg(&script)
                        .args(["oneshot", &dir.display().to_string(), task, lib]);
                    push(
                        &mut peer_cli,
                        &format!("{task}/{lib}"),
                        wall(task, &mut command)?,
                    );
                }
            }
        }
        // scikit-criteria's CRITIC turns costs around, the command's does not: the same work.
        if let Some((_, t)) = cli.iter().find(|(k, _)| k == "critic").cloned() {
            cli.push(("critic_invert_cost".into(), t));
        }
        let rss = peak_kb(&yardstick, &data, &meta, &output)?;
        let ours_text = std::fs::read_to_string(&ours)
            .map_err(|e| Failure::new(format!("{}: {e}", ours.display())))?;
        let peers_text = if with_peers {
            std::fs::read_to_string(&peers)
                .map_err(|e| Failure::new(format!("{}: {e}", peers.display())))?
        } else {
            "[]".into()
        };
        runs.push(format!(
            "{{\"units\":{units},\"indicators\":{indicators},\"yardstick\":{},\"peers\":{},\
             \"cli\":{},\"peer_cli\":{},\"rss_kb\":{{\"compute\":{}}}}}",
            ours_text.trim(),
            peers_text.trim(),
            timings_json(&cli),
            timings_json(&peer_cli),
            rss.map_or("null".into(), |kb| kb.to_string()),
        ));
    }
    let results = work.join("results.json");
    std::fs::write(&results, format!("[{}]\n", runs.join(",")))
        .map_err(|e| Failure::new(format!("{}: {e}", results.display())))?;
    println!(
        "Machine: {} logical cores, load average {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    );
    run(
        "agreement and the table (peers.py report)",
        Command::new(&python)
            .arg(&script)
            .arg("report")
            .arg(&results),
    )
}

/// The virtual environment's Python, created and the peers installed if missing.
fn venv(target: &Path) -> Result<PathBuf, Failure> {
    let dir = target.join("peers-venv");
    let python = dir.join("bin/python");
    if !python.exists() {
        run(
            "create the peers' virtual environment",
            Command::new("python3").args(["-m", "venv"]).arg(&dir),
        )?;
    }
    run(
        "install the pinned peers from PyPI",
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(PEERS),
    )?;
    Ok(python)
}

/// Seconds `command` takes from start to exit; its output is discarded, its failure is ours.
fn wall(task: &str, command: &mut Command) -> Result<f64, Failure> {
    let start = Instant::now();
    let output = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Failure::new(format!("{task}: could not start: {e}")))?;
    let seconds = start.elapsed().as_secs_f64();
    if !output.status.success() {
        return Err(Failure::new(format!(
            "{task} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    Ok(seconds)
}

fn push(timings: &mut Vec<(String, Vec<f64>)>, key: &str, seconds: f64) {
    match timings.iter_mut().find(|(k, _)| k == key) {
        Some((_, list)) => list.push(seconds),
        None => timings.push((key.to_owned(), vec![seconds])),
    }
}

/// `{"task": {"min": s, "median": s}, …}`.
fn timings_json(timings: &[(String, Vec<f64>)]) -> String {
    let entries: Vec<String> = timings
        .iter()
        .map(|(key, list)| {
            let mut sorted = list.clone();
            sorted.sort_by(f64::total_cmp);
            format!(
                "\"{key}\":{{\"min\":{},\"median\":{}}}",
                sorted[0],
                sorted[sorted.len() / 2]
            )
        })
        .collect();
    format!("{{{}}}", entries.join(","))
}

/// Peak resident memory of one `yardstick compute`, in KB, from GNU time's `%M`; `None`
/// (and a note) where `/usr/bin/time` is missing (Debian: `apt-get install time`).
fn peak_kb(yardstick: &Path, data: &Path, meta: &Path, out: &Path) -> Result<Option<u64>, Failure> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("note: /usr/bin/time is missing (apt-get install time): no peak memory");
        return Ok(None);
    }
    let output = Command::new(time)
        .args(["-f", "%M"])
        .arg(yardstick)
        .args([
            "compute",
            "--normalise",
            "minmax:0:100",
            "--aggregate",
            "amean",
        ])
        .arg("--data")
        .arg(data)
        .arg("--meta")
        .arg(meta)
        .arg("--out")
        .arg(out)
        .output()
        .map_err(|e| Failure::new(format!("/usr/bin/time: {e}")))?;
    let text = String::from_utf8_lossy(&output.stderr);
    Ok(text.lines().last().and_then(|l| l.trim().parse().ok()))
}
