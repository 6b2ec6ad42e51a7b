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
mod robustness;

use std::path::Path;
use std::process::ExitCode;

use args::{Command, Format, Options, USAGE};
use yardstick::io::{self, Column};
use yardstick::{BuildSpec, Error, Plan};

/// Exit code for bad input or bad usage (scripts depend on it).
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let command = match args::parse(&argv) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("yardstick: {message}");
            return ExitCode::from(BAD_INPUT);
        }
    };
    let outcome = match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Compute(o) => compute(&o),
        Command::Validate(o) => validate(&o),
        Command::Gap(o) => load(&o).and_then(|(_, data, plan, period)| {
            gap::gap(&o, &data, &plan, period).and_then(|text| emit(&o, &text))
        }),
        Command::Catchup(o) => load(&o).and_then(|(_, data, plan, _)| {
            gap::catchup(&o, &data, &plan).and_then(|text| emit(&o, &text))
        }),
        Command::Disparity(o) => load(&o).and_then(|(_, data, plan, _)| {
            disparity::disparity(&o, &data, &plan).and_then(|text| emit(&o, &text))
        }),
        Command::Mcda(o) => load(&o).and_then(|(_, data, plan, period)| {
            mcda::mcda(&o, &data, &plan, period).and_then(|text| emit(&o, &text))
        }),
        Command::Uncertainty(o) => robustness::uncertainty(&o).and_then(|t| emit(&o, &t)),
        Command::Sensitivity(o) => robustness::sensitivity(&o).and_then(|t| emit(&o, &t)),
        Command::Export(o) => export::widget(&o).and_then(|t| emit(&o, &t)),
        Command::ExportHtml(o) => load(&o).and_then(|(_, data, plan, period)| {
            html::ranking(&o, &data, &plan, period).and_then(|t| emit(&o, &t))
        }),
        Command::Audit(o) => load(&o).and_then(|(_, data, plan, period)| {
            robustness::audit_command(&o, &data, &plan, period).and_then(|t| emit(&o, &t))
        }),
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

/// What every command that builds the index starts from: iMeta, iData, the compiled plan and
/// the period to compute.
type Loaded = (io::Meta, yardstick::Dataset, Plan, usize);

/// Reads the inputs and compiles the plan, with command-line overrides applied to the spec.
fn load(o: &Options) -> Result<Loaded, Error> {
    load_bytes(o, &io::read_file(&o.data)?, &io::read_file(&o.meta)?)
}

/// [`load`] on the contents of `--data` and `--meta`, already read.
fn load_bytes(o: &Options, data: &[u8], meta: &[u8]) -> Result<Loaded, Error> {
    let (meta, data) = io::read_coin(
        data,
        &o.data.display().to_string(),
        meta,
        &o.meta.display().to_string(),
    )?;
    let spec = build_spec(o)?;
    let plan = Plan::compile(&meta.framework, &data, &spec)?;
    let period = match o.year {
        None => data.last_period(),
        Some(y) => data.period_of_year(y).ok_or_else(|| {
            Error::new(
                yardstick::ErrorKind::Structure {
                    expected: format!("a row for year {y} in the Time column"),
                },
                yardstick::Place::file(o.data.display().to_string()).column("Time"),
            )
        })?,
    };
    Ok((meta, data, plan, period))
}

/// The `--spec` file (or the default spec) with the command-line overrides applied.
fn build_spec(o: &Options) -> Result<BuildSpec, Error> {
    let mut spec = match &o.spec {
        Some(path) => BuildSpec::from_json(&read_spec(path)?)
            .map_err(|e| e.in_file(&path.display().to_string()))?,
        None => BuildSpec::default(),
    };
    if let Some(n) = &o.normalise {
        spec.normalise.default = n.clone();
        spec.normalise.indicators.clear();
    }
    if let Some(a) = &o.aggregate {
        spec.aggregate.default = a.clone();
        spec.aggregate.levels.clear();
        spec.aggregate.nodes.clear();
    }
    if let Some(t) = o.ties {
        spec.rank.ties = t;
    }
    if o.round.is_some() {
        spec.rank.round = o.round;
    }
    Ok(spec)
}

/// The text of a spec file.
fn read_spec(path: &Path) -> Result<String, Error> {
    let text = io::read_file(path)?;
    Ok(String::from_utf8_lossy(&text).into_owned())
}

fn compute(o: &Options) -> Result<(), Error> {
    let (meta, data, plan, period) = load(o)?;
    let results = plan.run(&data, period)?;
    let fw = &meta.framework;
    let scores = match o.format {
        Format::Csv => io::write_wide(fw, &data, &results, Column::Scores, o.round),
        Format::Long => io::write_long(fw, &data, &results, o.round),
        Format::Json => {
            let mut text = io::results_json(fw, &data, &results).to_string();
            text.push('\n');
            text
        }
        Format::Table => io::write_wide(fw, &data, &results, Column::Scores, o.round.or(Some(2)))
            .replace(',', "\t"),
    };
    match &o.out {
        Some(path) => write(path, &scores)?,
        None => print!("{scores}"),
    }
    if let Some(path) = &o.ranks {
        write(
            path,
            &io::write_wide(fw, &data, &results, Column::Ranks, None),
        )?;
    }
    Ok(())
}

fn validate(o: &Options) -> Result<(), Error> {
    let (meta, data, plan, period) = load(o)?;
    let results = plan.run(&data, period)?;
    let fw = &meta.framework;
    let missing: usize = fw
        .indicators()
        .map(|i| results.treated[i].iter().filter(|v| v.is_none()).count())
        .sum();
    println!(
        "ok: {} units, {} indicators, {} aggregates, {} period(s); {} missing indicator cells in the computed period",
        data.n_units(),
        fw.indicators().count(),
        fw.aggregates().count(),
        data.periods().len(),
        missing
    );
    Ok(())
}

/// Writes `text` to `--out` or stdout.
fn emit(o: &Options, text: &str) -> Result<(), Error> {
    match &o.out {
        Some(path) => write(path, text),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| {
        Error::new(
            yardstick::ErrorKind::Io {
                message: e.to_string(),
            },
            yardstick::Place::file(path.display().to_string()),
        )
    })
}
