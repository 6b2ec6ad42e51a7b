//! `yardstick`: the command-line shell over the library. Every command is a library call plus
//! file input and output; no method logic lives here.
#![forbid(unsafe_code)]

mod args;
mod disparity;
mod export;
mod gap;
mod html;
mod mcda;
mod output;
mod progress;
mod report;
mod robustness;
mod unit_code;

use std::path::Path;
use std::process::ExitCode;
use yardstick::PeriodId;

use args::{Build, Cli, Command, Inputs, ScoreFormat};
use clap::{CommandFactory, FromArgMatches};
use yardstick::io::{self, Column};
use yardstick::{BuildSpec, Error, Plan};

use crate::output::{cannot_write, plural};

/// Exit code for bad input (scripts depend on it); clap exits with the same code for a usage
/// error.
const BAD_INPUT: u8 = 2;

/// mimalloc instead of the system's malloc. A run allocates a few large columns (the parsed
/// table, the dataset, the results) and frees them once; glibc's malloc serves each from fresh
/// mapped pages, so page faults and `malloc`/`free` took about a fifth of `yardstick compute`
/// on 3,000 × 100 (`perf record`). With mimalloc, measured with `cargo xtask bench-peers`'s
/// matrices (min of 30 runs): `compute` 45.2 → 35.7 ms, `mcda --weights entropy --method
/// topsis` 35.1 → 23.6 ms; at 300,000 × 20, 1.45 → 1.23 s, peak memory 515 → 566 MB.
/// mimalloc's v2 line rather than its default v3: v3 keeps freed memory for a second before
/// returning it (its purge delay), long enough to hold the read file's bytes through the
/// whole run; with v2, peak memory of `compute` at 300,000 × 20 is about 21 MB lower
/// (234.6 → 213.5 MB, measured with a smaller index of unit codes since reverted) at the
/// same speed.
/// The library itself leaves the allocator to the program that links it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Bytes written at a time by [`stream`]: large enough that system calls cost nothing next to
/// the formatting.
const STREAM_BUFFER: usize = 1 << 16;

/// The command-line definition. A flag given twice takes the last value, as it always has.
fn definition() -> clap::Command {
    Cli::command().mut_subcommands(|c| c.args_override_self(true))
}

fn main() -> ExitCode {
    // Help, --version and usage errors print and exit here (0 for help, 2 for an error).
    let cli = Cli::from_arg_matches(&definition().get_matches()).unwrap_or_else(|e| e.exit());
    let outcome = match cli.command {
        None => print_out(&format!("{}\n", definition().render_help())),
        Some(command) => run(command),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, whatever the message holds.
            eprintln!("yardstick: {}", e.to_string().replace('\n', " "));
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// Runs one command.
fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Compute(a) => compute(&a),
        Command::Validate(a) => validate(&a),
        Command::Gap(a) => {
            let (_, data, plan, period) = load(&a.inputs, &a.build, a.year.year)?;
            emit(
                a.report.out.as_deref(),
                &gap::gap(&a, &data, &plan, period)?,
            )
        }
        Command::Catchup(a) => {
            let (_, data, plan, _) = load(&a.inputs, &a.build, None)?;
            emit(a.report.out.as_deref(), &gap::catchup(&a, &data, &plan)?)
        }
        Command::Progress(a) => {
            let (meta, data, plan, _) = load(&a.inputs, &a.build, None)?;
            emit(
                a.report.out.as_deref(),
                &progress::run(&a, &meta, &data, &plan)?,
            )
        }
        Command::Disparity(a) => {
            let (_, data, plan, _) = load(&a.inputs, &a.build, None)?;
            emit(
                a.report.out.as_deref(),
                &disparity::disparity(&a, &data, &plan)?,
            )
        }
        Command::Mcda(a) => {
            let (_, data, plan, period) = load(&a.inputs, &a.build, a.year.year)?;
            emit(
                a.report.out.as_deref(),
                &mcda::mcda(&a, &data, &plan, period)?,
            )
        }
        Command::Uncertainty(a) => emit(a.report.out.as_deref(), &robustness::uncertainty(&a)?),
        Command::Sensitivity(a) => emit(a.report.out.as_deref(), &robustness::sensitivity(&a)?),
        Command::Audit(a) => {
            let (_, data, plan, period) = load(&a.inputs, &a.build, a.year.year)?;
            emit(
                a.report.out.as_deref(),
                &robustness::audit_command(&a, &data, &plan, period)?,
            )
        }
        Command::Export(a) if a.html => {
            let (_, data, plan, period) = load(&a.inputs, &a.build, a.year.year)?;
            emit(a.out.as_deref(), &html::ranking(&a, &data, &plan, period)?)
        }
        Command::Export(a) => emit(a.out.as_deref(), &export::widget(&a)?),
        Command::Report(a) => {
            let written: String = report::report(&a)?
                .iter()
                .map(|path| format!("{}\n", path.display()))
                .collect();
            print_out(&written)
        }
        Command::Completions(a) => {
            clap_complete::generate(
                a.shell,
                &mut definition(),
                "yardstick",
                &mut std::io::stdout(),
            );
            Ok(())
        }
    }
}

/// What every command that builds the index starts from: iMeta, iData, the compiled plan and
/// the period to compute.
type Loaded = (io::Meta, yardstick::Dataset, Plan, PeriodId);

/// Reads the inputs and compiles the plan, with command-line overrides applied to the spec.
fn load(inputs: &Inputs, build: &Build, year: Option<i32>) -> Result<Loaded, Error> {
    load_bytes(
        inputs,
        build,
        year,
        &io::read_file(&inputs.data)?,
        &io::read_file(&inputs.meta)?,
    )
}

/// [`load`] on the contents of `--data` and `--meta`, already read.
fn load_bytes(
    inputs: &Inputs,
    build: &Build,
    year: Option<i32>,
    data: &[u8],
    meta: &[u8],
) -> Result<Loaded, Error> {
    let (meta, data) = io::read_coin(
        data,
        &inputs.data.display().to_string(),
        meta,
        &inputs.meta.display().to_string(),
    )?;
    let spec = build_spec(build)?;
    let plan = Plan::compile(&meta.framework, &data, &spec)?;
    let period = match year {
        None => data.last_period(),
        Some(y) => data.period_of_year(y).ok_or_else(|| {
            Error::new(
                yardstick::ErrorKind::Structure {
                    expected: format!("a row for year {y} in the Time column"),
                },
                yardstick::Place::file(inputs.data.display().to_string()).column("Time"),
            )
        })?,
    };
    Ok((meta, data, plan, period))
}

/// The `--spec` file (or the default spec) with the command-line overrides applied.
fn build_spec(build: &Build) -> Result<BuildSpec, Error> {
    let mut spec = match &build.spec {
        Some(path) => BuildSpec::from_json(&read_spec(path)?)
            .map_err(|e| e.in_file(&path.display().to_string()))?,
        None => BuildSpec::default(),
    };
    if let Some(n) = &build.normalise {
        spec.normalise.default = n.clone();
        spec.normalise.indicators.clear();
    }
    if let Some(a) = &build.aggregate {
        spec.aggregate.default = a.clone();
        spec.aggregate.levels.clear();
        spec.aggregate.nodes.clear();
    }
    if let Some(t) = build.ties {
        spec.rank.ties = t.into();
    }
    if build.round.is_some() {
        spec.rank.round = build.round;
    }
    Ok(spec)
}

/// The text of a spec file.
fn read_spec(path: &Path) -> Result<String, Error> {
    let text = io::read_file(path)?;
    Ok(String::from_utf8_lossy(&text).into_owned())
}

fn compute(a: &args::ComputeArgs) -> Result<(), Error> {
    let (meta, mut data, plan, period) = load(&a.inputs, &a.build, a.year.year)?;
    let fw = &meta.framework;
    let round = a.build.round;
    if a.format == ScoreFormat::Csv && a.ranks.is_none() {
        // Only the values are written, so the run may consume the data: a large table is then
        // in memory about once rather than four times (see `Plan::run_consuming`).
        let results = plan.run_consuming(&mut data, period)?;
        warn_implausible(fw, &data, &results);
        return stream(a.out.as_deref(), |w| {
            io::write_wide_to(w, fw, &data, &results, Column::Scores, round)
        });
    }
    let results = plan.run(&data, period)?;
    warn_implausible(fw, &data, &results);
    let scores = match a.format {
        ScoreFormat::Csv => {
            return stream(a.out.as_deref(), |w| {
                io::write_wide_to(w, fw, &data, &results, Column::Scores, round)
            })
            .and_then(|()| write_ranks(a, fw, &data, &results));
        }
        ScoreFormat::Long => io::write_long(fw, &data, &results, round),
        ScoreFormat::Json => {
            let mut text = io::results_json(fw, &data, &results).to_string();
            text.push('\n');
            text
        }
        ScoreFormat::Table => {
            io::write_wide(fw, &data, &results, Column::Scores, round.or(Some(2)))
                .replace(',', "\t")
        }
    };
    emit(a.out.as_deref(), &scores)?;
    write_ranks(a, fw, &data, &results)
}

/// The `--ranks` file, if asked for.
fn write_ranks(
    a: &args::ComputeArgs,
    fw: &yardstick::Framework,
    data: &yardstick::Dataset,
    results: &yardstick::Results,
) -> Result<(), Error> {
    match &a.ranks {
        Some(path) => stream(Some(path), |w| {
            io::write_wide_to(w, fw, data, results, Column::Ranks, None)
        }),
        None => Ok(()),
    }
}

/// Writes to `out` (or stdout) through one buffer as `body` produces the text, so that a
/// large table is never whole in memory.
fn stream(
    out: Option<&Path>,
    body: impl FnOnce(&mut std::io::BufWriter<Box<dyn std::io::Write>>) -> std::io::Result<()>,
) -> Result<(), Error> {
    let failed = |e: std::io::Error| {
        cannot_write(out.map_or("stdout".into(), |p| p.display().to_string()), e)
    };
    let sink: Box<dyn std::io::Write> = match out {
        Some(path) => Box::new(std::fs::File::create(path).map_err(failed)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = std::io::BufWriter::with_capacity(STREAM_BUFFER, sink);
    body(&mut writer)
        .and_then(|()| std::io::Write::flush(&mut writer))
        .or_else(reader_gone)
        .map_err(failed)
}

/// Writes `text` to standard output.
fn print_out(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    std::io::Write::write_all(&mut out, text.as_bytes())
        .and_then(|()| std::io::Write::flush(&mut out))
        .or_else(reader_gone)
        .map_err(|e| cannot_write("stdout", e))
}

/// A reader that stopped reading (`yardstick … | head`) ends the output quietly, as with
/// other command-line tools; any other failure to write stays an error.
fn reader_gone(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}

fn validate(a: &args::ValidateArgs) -> Result<(), Error> {
    let (meta, data, plan, period) = load(&a.inputs, &a.build, a.year.year)?;
    let results = plan.run(&data, period)?;
    let fw = &meta.framework;
    warn_implausible(fw, &data, &results);
    let missing: usize = fw
        .indicators()
        .map(|i| {
            results.treated[i.index()]
                .iter()
                .filter(|v| v.is_none())
                .count()
        })
        .sum();
    print_out(&format!(
        "ok: {}, {}, {}, {}; {} in the computed period\n",
        plural(data.n_units(), "unit"),
        plural(fw.indicators().count(), "indicator"),
        plural(fw.aggregates().count(), "aggregate"),
        plural(data.periods().len(), "period"),
        plural(missing, "missing indicator cell"),
    ))
}

/// Warns on stderr of the values the step report flags as implausible (a million times their
/// indicator's typical magnitude): the index uses them as they are, so the user should know.
fn warn_implausible(
    fw: &yardstick::Framework,
    data: &yardstick::Dataset,
    results: &yardstick::Results,
) {
    for cell in &results.report.implausible {
        let place = yardstick::Place::default()
            .unit(data.unit(cell.unit).code.as_str())
            .indicator(fw.node(cell.node).code.as_str())
            .year(results.year);
        let value = results.treated[cell.node.index()][cell.unit.index()].unwrap_or_default();
        eprintln!(
            "warning: {place}: {} is over a million times the indicator's typical magnitude; \
             the index uses it as it is",
            yardstick::error::Shown(value)
        );
    }
}

/// Writes `text` to `--out` or stdout.
fn emit(out: Option<&Path>, text: &str) -> Result<(), Error> {
    match out {
        Some(path) => write(path, text),
        None => print_out(text),
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| cannot_write(path.display().to_string(), e))
}
