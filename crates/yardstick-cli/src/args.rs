//! Command-line parsing: a small hand-written parser, since the contract is a handful of
//! `--flag value` options and scripts depend on its exact spelling.

use std::path::PathBuf;

use yardstick::normalise::Goalposts;
use yardstick::{Aggregation, Normalisation, TiePolicy};

/// Usage text printed by `--help` and after a usage error.
pub const USAGE: &str = "\
yardstick: composite indicators for regional benchmarking

USAGE:
  yardstick compute --data iData.csv --meta iMeta.csv [--spec build.json]
      [--normalise minmax:0:100 | zscore:0:1 | rank | percentile | goalposts[:MIN:MAX[:log]]
                   | target | reference:UNIT | fracmax | none]
      [--aggregate amean | gmean | hmean | power:P | mpi] [--year Y]
      [--ties min|dense|average|first] [--round N]
      [--format csv|long|json] [--out scores.csv] [--ranks ranks.csv]
  yardstick validate --data iData.csv --meta iMeta.csv [--spec build.json]
  yardstick gap --data D --meta M [--spec S] --focus CODE
      --compare leader|frontier|mean|median|CODE|group:CODE,CODE,...|group-median:...|group-best:...|target:VALUE
      [--year Y] [--base-year Y0] [--format csv|json|table]
  yardstick catchup --data D --meta M [--spec S] --focus CODE --compare leader|mean|CODE|group:CODE,...
      --deadline YEAR [--window Y0:Y1] [--indicator CODE] [--format csv|json|table]
  yardstick disparity --data D --meta M [--spec S] --column CODE [--group REGION_COLUMN]
      [--years Y0:Y1] [--format csv|json|table]
  yardstick mcda --data D --meta M [--spec S] --method topsis|topsis-vector|gra|coupling
      [--weights meta|equal|entropy|critic|sd|cv] [--year Y] [--format csv|json|table]
  yardstick uncertainty --data D --meta M --spec UNCERTAINTY.json --runs N --seed K [--top K]
      [--year Y] [--format csv|json|table]
  yardstick sensitivity --data D --meta M --spec UNCERTAINTY.json --runs N --seed K
      [--year Y] [--format csv|json|table]
  yardstick audit --data D --meta M [--spec S] [--year Y] [--format csv|json|table]
  yardstick export --widget --data iData.csv --meta iMeta.csv [--spec build.json]
      [--normalise ...] [--aggregate ...] [--ties ...] [--round N] [--out data.json]
  yardstick export --html --data iData.csv --meta iMeta.csv [--spec build.json]
      [--normalise ...] [--aggregate ...] [--ties ...] [--round N] [--year Y]
      [--lang zh-CN|en] [--focus CODE] [--out table.html]

Options given on the command line override the spec file. Without --out the scores go to
stdout. Bad input exits with code 2 and one line on stderr naming file, row and column.";

/// A parsed command.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Build the index and write scores and ranks.
    Compute(Options),
    /// Read and check the inputs without writing results.
    Validate(Options),
    /// Gap table of a focus unit to a comparison.
    Gap(Options),
    /// Years to catch up and growth needed by a deadline.
    Catchup(Options),
    /// Inequality and convergence of one column.
    Disparity(Options),
    /// Multi-criteria ranking of the units.
    Mcda(Options),
    /// Rank statistics over replications with uncertain choices.
    Uncertainty(Options),
    /// Sobol' indices of the rank shifts.
    Sensitivity(Options),
    /// Statistical audit of the index.
    Audit(Options),
    /// The inputs as a data document for `<yardstick-widget>`, after checking every year.
    Export(Options),
    /// The ranking table as static HTML: the widget's view without JavaScript.
    ExportHtml(Options),
    /// Print usage.
    Help,
}

/// Output layout of the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Wide CSV: `uCode` then one column per iCode.
    #[default]
    Csv,
    /// Long CSV: `uCode,Time,iCode,value,rank`.
    Long,
    /// JSON with values, ranks, weights and the step report.
    Json,
    /// Aligned text for reading in a terminal.
    Table,
}

/// Language of generated text and of unit and node names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese: the data's own names (`uName`, `iName`) unless `*_zh-CN` is given.
    #[default]
    ZhCn,
    /// English: `uName_en` and `iName_en` where present.
    En,
}

/// Options shared by the commands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// iData file.
    pub data: PathBuf,
    /// iMeta file.
    pub meta: PathBuf,
    /// Build spec (JSON).
    pub spec: Option<PathBuf>,
    /// Global normalisation override.
    pub normalise: Option<Normalisation>,
    /// Global aggregation override.
    pub aggregate: Option<Aggregation>,
    /// Year to compute (default: the latest).
    pub year: Option<i32>,
    /// Tie policy override.
    pub ties: Option<TiePolicy>,
    /// Decimals for output and for ranking.
    pub round: Option<u32>,
    /// Output layout.
    pub format: Format,
    /// Scores file.
    pub out: Option<PathBuf>,
    /// Ranks file.
    pub ranks: Option<PathBuf>,
    /// Focus unit code (gap, catchup).
    pub focus: Option<String>,
    /// Comparison, as typed (gap, catchup).
    pub compare: Option<String>,
    /// Base year for gap changes.
    pub base_year: Option<i32>,
    /// Deadline year (catchup).
    pub deadline: Option<i32>,
    /// Growth window `Y0:Y1` (catchup).
    pub window: Option<(i32, i32)>,
    /// Indicator whose raw series is used instead of the index score (catchup).
    pub indicator: Option<String>,
    /// Column (variable or node) to measure (disparity).
    pub column: Option<String>,
    /// Group column for decompositions (disparity).
    pub group: Option<String>,
    /// Year range `Y0:Y1` (disparity).
    pub years: Option<(i32, i32)>,
    /// Method (mcda).
    pub method: Option<String>,
    /// Criteria weights (mcda).
    pub weights: Option<String>,
    /// Replications (uncertainty) or base samples (sensitivity).
    pub runs: Option<usize>,
    /// Seed of the random generator.
    pub seed: Option<u64>,
    /// k of the top-k probability.
    pub top: Option<usize>,
    /// Export as the widget's data document (export).
    pub widget: bool,
    /// Export as a static HTML ranking table (export).
    pub html: bool,
    /// Language of the HTML table (export --html).
    pub lang: Lang,
}

/// Parses the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let (command, rest) = match args.split_first() {
        None => return Ok(Command::Help),
        Some((c, rest)) => (c.as_str(), rest),
    };
    if matches!(command, "-h" | "--help" | "help") {
        return Ok(Command::Help);
    }
    let mut o = Options::default();
    let (mut data, mut meta) = (None, None);
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        if matches!(flag.as_str(), "-h" | "--help") {
            return Ok(Command::Help);
        }
        if flag == "--widget" {
            o.widget = true;
            continue;
        }
        if flag == "--html" {
            o.html = true;
            continue;
        }
        let value = it
            .next()
            .ok_or_else(|| format!("option {flag} needs a value"))?;
        match flag.as_str() {
            "--data" => data = Some(PathBuf::from(value)),
            "--meta" => meta = Some(PathBuf::from(value)),
            "--spec" => o.spec = Some(PathBuf::from(value)),
            "--normalise" | "--normalize" => o.normalise = Some(parse_normalisation(value)?),
            "--aggregate" => o.aggregate = Some(parse_aggregation(value)?),
            "--year" => o.year = Some(number(flag, value)?),
            "--ties" => o.ties = Some(parse_ties(value)?),
            "--round" => o.round = Some(number(flag, value)?),
            "--format" => {
                o.format = match value.as_str() {
                    "csv" => Format::Csv,
                    "long" => Format::Long,
                    "json" => Format::Json,
                    "table" => Format::Table,
                    _ => {
                        return Err(format!(
                            "--format expects csv, long, json or table, found '{value}'"
                        ))
                    }
                }
            }
            "--out" => o.out = Some(PathBuf::from(value)),
            "--ranks" => o.ranks = Some(PathBuf::from(value)),
            "--focus" => o.focus = Some(value.clone()),
            "--compare" => o.compare = Some(value.clone()),
            "--base-year" => o.base_year = Some(number(flag, value)?),
            "--deadline" => o.deadline = Some(number(flag, value)?),
            "--indicator" => o.indicator = Some(value.clone()),
            "--window" => o.window = Some(year_range(flag, value)?),
            "--years" => o.years = Some(year_range(flag, value)?),
            "--column" => o.column = Some(value.clone()),
            "--group" => o.group = Some(value.clone()),
            "--method" => o.method = Some(value.clone()),
            "--weights" => o.weights = Some(value.clone()),
            "--runs" => o.runs = Some(number(flag, value)?),
            "--seed" => o.seed = Some(number(flag, value)?),
            "--top" => o.top = Some(number(flag, value)?),
            "--lang" => {
                o.lang = match value.as_str() {
                    "zh-CN" => Lang::ZhCn,
                    "en" => Lang::En,
                    _ => return Err(format!("--lang expects zh-CN or en, found '{value}'")),
                }
            }
            _ => return Err(format!("unknown option '{flag}'")),
        }
    }
    o.data = data.ok_or("missing --data iData.csv")?;
    o.meta = meta.ok_or("missing --meta iMeta.csv")?;
    let needs_focus = |o: &Options| -> Result<(), String> {
        if o.focus.is_none() {
            return Err("missing --focus CODE".into());
        }
        if o.compare.is_none() {
            return Err(
                "missing --compare (leader, mean, a unit code, group:..., target:...)".into(),
            );
        }
        Ok(())
    };
    match command {
        "compute" => Ok(Command::Compute(o)),
        "validate" => Ok(Command::Validate(o)),
        "gap" => needs_focus(&o).map(|()| Command::Gap(o)),
        "catchup" => {
            needs_focus(&o)?;
            if o.deadline.is_none() {
                return Err("missing --deadline YEAR".into());
            }
            Ok(Command::Catchup(o))
        }
        "disparity" => match o.column {
            Some(_) => Ok(Command::Disparity(o)),
            None => Err("missing --column CODE".into()),
        },
        "mcda" => Ok(Command::Mcda(o)),
        "uncertainty" => Ok(Command::Uncertainty(o)),
        "sensitivity" => Ok(Command::Sensitivity(o)),
        "audit" => Ok(Command::Audit(o)),
        "export" => match (o.widget, o.html) {
            (true, false) => Ok(Command::Export(o)),
            (false, true) => Ok(Command::ExportHtml(o)),
            (true, true) => Err("export takes one format: --widget or --html".into()),
            (false, false) => Err("export needs a format: --widget or --html".into()),
        },
        _ => Err(format!(
            "unknown command '{command}' (expected compute, validate, gap, catchup, disparity, \
             mcda, uncertainty, sensitivity, audit or export)"
        )),
    }
}

/// `Y0:Y1`.
fn year_range(flag: &str, value: &str) -> Result<(i32, i32), String> {
    let (a, b) = value
        .split_once(':')
        .ok_or_else(|| format!("{flag} expects Y0:Y1, found '{value}'"))?;
    Ok((number(flag, a)?, number(flag, b)?))
}

fn number<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag} expects a whole number, found '{value}'"))
}

fn float(what: &str, value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{what} expects a finite number, found '{value}'")),
    }
}

/// `minmax:0:100`, `zscore:0:1`, `rank`, `percentile`, `goalposts` (iMeta's),
/// `goalposts:MIN:MAX[:log]`, `target`,
/// `reference:UNIT`, `fracmax`, `none`.
pub fn parse_normalisation(text: &str) -> Result<Normalisation, String> {
    let parts: Vec<&str> = text.split(':').collect();
    let bad = || format!("unknown normalisation '{text}'; see --help");
    Ok(match parts.as_slice() {
        ["minmax"] => Normalisation::default(),
        ["minmax", l, h] => Normalisation::MinMax {
            low: float("minmax", l)?,
            high: float("minmax", h)?,
        },
        ["zscore"] => Normalisation::ZScore { mean: 0.0, sd: 1.0 },
        ["zscore", m, s] => Normalisation::ZScore {
            mean: float("zscore", m)?,
            sd: float("zscore", s)?,
        },
        ["rank"] => Normalisation::Rank,
        ["percentile"] => Normalisation::Percentile,
        ["goalposts"] => Normalisation::IndicatorGoalposts,
        ["goalposts", min, max, rest @ ..] => Normalisation::Goalposts(Goalposts {
            min: float("goalposts", min)?,
            max: float("goalposts", max)?,
            cap: true,
            log: match rest {
                [] => false,
                ["log"] => true,
                _ => return Err(bad()),
            },
            scale: 1.0,
        }),
        ["target"] => Normalisation::DistanceToTarget {
            target: None,
            cap: true,
        },
        ["reference", unit] => Normalisation::DistanceToReference {
            unit: (*unit).to_owned(),
            cap: false,
        },
        ["fracmax"] => Normalisation::FractionOfMax,
        ["none"] => Normalisation::None,
        _ => return Err(bad()),
    })
}

/// `amean`, `gmean`, `hmean`, `power:P`, `mpi`.
pub fn parse_aggregation(text: &str) -> Result<Aggregation, String> {
    Ok(match text.split(':').collect::<Vec<_>>().as_slice() {
        ["amean"] => Aggregation::ArithmeticMean,
        ["gmean"] => Aggregation::GeometricMean { shift: 0.0 },
        ["hmean"] => Aggregation::HarmonicMean,
        ["power", p] => Aggregation::Power {
            p: float("power", p)?,
        },
        ["mpi"] => Aggregation::MazziottaPareto {
            penalty: Default::default(),
        },
        _ => return Err(format!("unknown aggregation '{text}'; see --help")),
    })
}

fn parse_ties(text: &str) -> Result<TiePolicy, String> {
    Ok(match text {
        "min" => TiePolicy::Min,
        "dense" => TiePolicy::Dense,
        "average" => TiePolicy::Average,
        "first" => TiePolicy::First,
        _ => {
            return Err(format!(
                "--ties expects min, dense, average or first, found '{text}'"
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn parses_the_documented_contract() {
        let cmd = parse(&args(
            "compute --data d.csv --meta m.csv --normalise minmax:0:100 --aggregate power:2 --ties dense --round 3 --out s.csv",
        ))
        .unwrap();
        let Command::Compute(o) = cmd else {
            panic!("compute expected")
        };
        assert_eq!(
            o.normalise,
            Some(Normalisation::MinMax {
                low: 0.0,
                high: 100.0
            })
        );
        assert_eq!(o.aggregate, Some(Aggregation::Power { p: 2.0 }));
        assert_eq!(o.ties, Some(TiePolicy::Dense));
        assert_eq!(o.round, Some(3));
    }

    #[test]
    fn export_takes_widget_as_a_flag_without_a_value() {
        let cmd = parse(&args(
            "export --widget --data d.csv --meta m.csv --out w.json",
        ))
        .unwrap();
        let Command::Export(o) = cmd else {
            panic!("export expected")
        };
        assert!(o.widget);
        assert_eq!(o.out, Some(PathBuf::from("w.json")));
        assert!(parse(&args("export --data d.csv --meta m.csv")).is_err());
    }

    #[test]
    fn export_html_takes_a_language_and_one_format_only() {
        let cmd = parse(&args(
            "export --html --data d.csv --meta m.csv --lang en --focus CN-GX --year 2020",
        ))
        .unwrap();
        let Command::ExportHtml(o) = cmd else {
            panic!("export --html expected")
        };
        assert_eq!(
            (o.lang, o.focus.as_deref(), o.year),
            (Lang::En, Some("CN-GX"), Some(2020))
        );
        let Command::ExportHtml(o) =
            parse(&args("export --html --data d.csv --meta m.csv")).unwrap()
        else {
            panic!("export --html expected")
        };
        assert_eq!(o.lang, Lang::ZhCn, "Chinese by default, as the widget");
        assert!(parse(&args("export --html --widget --data d.csv --meta m.csv")).is_err());
        assert!(parse(&args("export --html --data d.csv --meta m.csv --lang fr")).is_err());
    }

    #[test]
    fn rejects_unknown_and_incomplete_options() {
        assert!(parse(&args("compute --data d.csv")).is_err());
        assert!(parse(&args("compute --data d.csv --meta m.csv --bogus 1")).is_err());
        assert!(parse(&args(
            "compute --data d.csv --meta m.csv --normalise minmax:a:b"
        ))
        .is_err());
    }
}
