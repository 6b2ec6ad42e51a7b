//! Command-line parsing with clap's derive API.
//!
//! Why clap and not a hand-written loop: each command gets its own `--help` with examples,
//! unknown commands and flags are reported with the nearest spelling, `--version` and shell
//! completions come for free, and a flag is only accepted by the commands that use it (one
//! shared option bag used to accept `--deadline` on `compute` and ignore it).
//!
//! The spellings and value syntax are a contract that scripts depend on, so they are kept as
//! they were: `--normalise minmax:0:100`, `--compare group:A,B`, `--window 2015:2020`,
//! `export --widget`. Groups of flags that several commands take (the input files, the build
//! and its overrides, the year, the report output) are one `#[command(flatten)]` struct each,
//! so their names and help are written once.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use yardstick::pipeline::normalise::Goalposts;
use yardstick::{Aggregation, Normalisation, TiePolicy};

/// Accepted `--normalise` values, as listed in errors and help.
const NORMALISATIONS: &str = "minmax[:LOW:HIGH], zscore[:MEAN:SD], rank, percentile, \
goalposts[:MIN:MAX[:log]], target, reference:UNIT, fracmax, none (or the build spec's names: \
min_max, z_score, indicator_goalposts, distance_to_target, distance_to_reference:UNIT, \
fraction_of_max)";

/// Accepted `--aggregate` values, as listed in errors and help.
const AGGREGATIONS: &str = "amean, gmean, hmean, power:P, mpi";

const NORMALISE_HELP: &str = "\
Normalisation of every indicator, replacing the spec's
  minmax[:LOW:HIGH]          min-max to [LOW, HIGH] (default 0:100)
  zscore[:MEAN:SD]           standardise to MEAN, SD (default 0:1)
  rank                       ranks, lowest value 1
  percentile                 percentile ranks in [0, 1]
  goalposts                  each indicator's goalposts from iMeta
  goalposts:MIN:MAX[:log]    fixed goalposts, capped; log takes natural logs first
  target                     distance to iMeta's Target, capped at 1
  reference:UNIT             distance to the unit UNIT (e.g. the national average row)
  fracmax                    fraction of the maximum
  none                       raw values
The build spec's names are accepted too: min_max, z_score, indicator_goalposts,
distance_to_target, distance_to_reference:UNIT, fraction_of_max.";

const AGGREGATE_HELP: &str = "\
Aggregation at every level, replacing the spec's
  amean      weighted arithmetic mean
  gmean      weighted geometric mean
  hmean      weighted harmonic mean
  power:P    weighted power mean of order P
  mpi        Mazziotta-Pareto index (penalises unbalanced profiles)";

const COMPARE_HELP: &str = "\
What the focus unit is compared with
  leader               the unit ranked first on the index, on every node
  frontier             the best-ranked unit of each node
  mean                 the mean of all ranked units (alias: average)
  median               the median of all ranked units
  CODE                 one unit or reference row (e.g. CN, the national average)
  group:A,B,...        the mean of these units
  group-median:A,B,... their median
  group-best:A,B,...   their best member on each node
  target:VALUE         a fixed value of the index (other nodes have no comparison)";

/// Text after the top-level help.
const OVERVIEW: &str = "\
Inputs are COINr's pair of tables: iData (one row per unit and year, one column per indicator)
and iMeta (one row per indicator and aggregate). Options on the command line override the
--spec file. Without --out the result goes to stdout. Bad input exits with code 2 and one
line on stderr naming the file, row and column; a usage error also exits with code 2.

Run 'yardstick <COMMAND> --help' for a command's options and examples.";

/// Parsed command line.
#[derive(Debug, Parser)]
#[command(
    name = "yardstick",
    version,
    about = "Composite indicators for regional benchmarking: normalise, weight, aggregate, rank \
             and explain gaps.",
    after_help = OVERVIEW,
)]
pub struct Cli {
    /// What to do; without one, the help is printed.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A command and its own options.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index and write scores and ranks
    #[command(after_help = "\
Examples:
  yardstick compute --data iData.csv --meta iMeta.csv --out scores.csv --ranks ranks.csv
  yardstick compute --data iData.csv --meta iMeta.csv --normalise zscore --aggregate gmean
  yardstick compute --data data/hdi/iData.csv --meta examples/hdi/iMeta.csv \\
      --spec examples/hdi/build.json --ties min --round 3")]
    Compute(ComputeArgs),
    /// Read and check the inputs and the build without writing results
    #[command(after_help = "\
Prints one line counting the units, indicators, aggregates, periods (years) and the missing
indicator cells of the computed year.

Examples:
  yardstick validate --data iData.csv --meta iMeta.csv
  yardstick validate --data iData.csv --meta iMeta.csv --spec build.json --year 2020")]
    Validate(ValidateArgs),
    /// Gap table of a focus unit to a comparison, node by node
    #[command(after_help = "\
One row per node of the hierarchy: the gap in normalised points, in percent and in raw units,
the rank gap, and each node's contribution to its parent's and the index's gap.

Examples:
  yardstick gap --data iData.csv --meta iMeta.csv --focus CN-GX --compare leader
  yardstick gap --data iData.csv --meta iMeta.csv --focus CN-GX --compare group:CN-GD,CN-ZJ \\
      --base-year 2015 --format table")]
    Gap(GapArgs),
    /// Years for a focus unit to catch up, and the growth needed by a deadline
    #[command(after_help = "\
Years until the focus reaches the comparison, by compound growth and by linear trend over the
window (\"never\" when the comparison grows faster), and the growth needed by the deadline.

Examples:
  yardstick catchup --data iData.csv --meta iMeta.csv --focus CN-GX --compare mean \\
      --deadline 2035
  yardstick catchup --data iData.csv --meta iMeta.csv --focus CN-GX --compare CN-GD \\
      --indicator GDP_pc --window 2015:2020 --deadline 2035")]
    Catchup(CatchupArgs),
    /// Progress toward targets by their deadlines, for every unit and indicator
    #[command(after_help = "\
Every unit x indicator over the window (default: the last five years of the data, Eurostat's
short term). With a target: the actual compound annual growth rate against the rate required
to reach the target by its year, classed as Eurostat's SDG monitoring report does
(significant_progress at >= 95% of the required rate, moderate_progress 60-95%,
insufficient_progress 0-60%, moving_away below 0; achieved when met), SDSN's trend arrow
(on_track, moderately_improving, stagnating, decreasing), the value projected to the deadline
and the year the target is reached at the current pace (never when moving away). Without a
target: Eurostat's classes by the rate itself (above 1% a year significant_progress, 0-1%
moderate_progress, -1-0% moderate_movement_away, below -1% significant_movement_away).
A direction -1 indicator must fall. A window with a missing value says insufficient_data,
and non-positive values not_assessable, with the reason.

Targets come from iMeta's Target column (every unit; due in its TargetYear column, else
--deadline) and from --targets, a CSV with the columns uCode,iCode,target,year and optionally
baseline_year (an empty uCode means every unit; a unit's own target overrides that; a target
of the file replaces iMeta's of the same node and scope; a baseline year starts that target's
window). A target on an aggregate assesses its scores, computing the index every year.

Examples:
  yardstick progress --data examples/provinces/iData.csv --meta examples/provinces/iMeta.csv \\
      --targets examples/provinces/targets.csv --format table
  yardstick progress --data iData.csv --meta iMeta.csv --deadline 2030 --window 2015:2020 \\
      --focus CN-GX --format json")]
    Progress(ProgressArgs),
    /// Inequality and convergence of one column across units
    #[command(after_help = "\
Per year: Theil T and L, Gini, coefficient of variation and sd of logs (with between/within
parts by --group); then sigma- and beta-convergence over the years.

Examples:
  yardstick disparity --data iData.csv --meta iMeta.csv --column GDP_pc --format table
  yardstick disparity --data iData.csv --meta iMeta.csv --column Index --group region \\
      --years 2010:2020")]
    Disparity(DisparityArgs),
    /// Multi-criteria ranking: TOPSIS, grey relational analysis, coupling coordination
    #[command(after_help = "\
TOPSIS and GRA rank the units on the indicators with iMeta's directions; coupling gives the
coupling coordination degree of the index's subsystems (the root's children, on a 0-1 scale).

Examples:
  yardstick mcda --data iData.csv --meta iMeta.csv --method topsis --weights entropy
  yardstick mcda --data iData.csv --meta iMeta.csv --method coupling \\
      --normalise minmax:0:1 --format table")]
    Mcda(McdaArgs),
    /// Rank statistics over replications with uncertain build choices
    #[command(after_help = "\
Examples:
  yardstick uncertainty --data data/asem/iData.csv --meta data/asem/iMeta.csv \\
      --spec examples/asem/uncertainty.json --runs 1000 --seed 1
  yardstick uncertainty --data iData.csv --meta iMeta.csv --spec uncertainty.json \\
      --top 5 --format table")]
    Uncertainty(UncertaintyArgs),
    /// Sobol' indices: which uncertain choices drive the rank shifts
    #[command(after_help = "\
Examples:
  yardstick sensitivity --data data/asem/iData.csv --meta data/asem/iMeta.csv \\
      --spec examples/asem/uncertainty.json --runs 500 --seed 2")]
    Sensitivity(SensitivityArgs),
    /// Statistical audit: correlations, Cronbach's alpha, PCA and flags per node
    #[command(after_help = "\
Examples:
  yardstick audit --data iData.csv --meta iMeta.csv --format table
  yardstick audit --data iData.csv --meta iMeta.csv --spec build.json --format json")]
    Audit(AuditArgs),
    /// The widget's compiled document (--widget) or its ranking table as static HTML (--html)
    #[command(after_help = "\
--widget writes the compiled document that <yardstick-widget data-src> loads: the first half
of the index (normalised and raw indicator values, data-driven weights, units screened out)
for every year of the data, so that the page only re-weights, aggregates and ranks. It is JSON
described by www/schema/document.schema.json. Every year is computed, as the widget's year
slider reaches each one: a year that cannot be computed is an error naming it. --normalise,
--aggregate, --ties and --round apply as in compute.

With --targets (or --deadline, or iMeta TargetYear values), the document also holds the
progress toward the targets that `yardstick progress` prints, for the widget's targets view.

Examples:
  yardstick export --widget --data iData.csv --meta iMeta.csv --spec build.json \\
      --out data.json
  yardstick export --widget --data examples/provinces/iData.csv \\
      --meta examples/provinces/iMeta.csv --spec examples/provinces/build.json \\
      --targets examples/provinces/targets.csv --out www/data/cn-provinces.json
  yardstick export --html --data data/dedi/iData.csv --meta data/dedi/iMeta.csv \\
      --normalise none --lang en --focus CN-GX")]
    Export(ExportArgs),
    /// The analyst's brief: HTML, Markdown, an Excel workbook and SVG charts for one unit
    #[command(after_help = "\
Writes into --out (created if needed): report.html (printable on A4, charts inline, nothing
loaded from elsewhere), report.md (the same text for pasting into WPS or Word), report.xlsx
(scores, ranks, gaps with contributions, catch-up, the method and the input data) and the
charts as ranking.svg, gaps.svg and, for data with several years, trend.svg. The sentences
are written in --lang; scores and differences are shown with one decimal.

--compare takes gap's values and may be repeated. Without it the focus unit is compared with
the leader (left out when the focus unit leads) and with every reference row of the data
(uType aggregate, e.g. the national average).
The rank change is measured from --base-year, by default the first year of the data.
Catch-up years use the growth between the base year and --year; the growth needed is for
reaching each comparison by --deadline (default: five years after --year, one five-year plan).
With targets (iMeta's Target column or --targets) the brief adds the focus unit's progress
toward each, as `yardstick progress` assesses it (Eurostat's classes, SDSN's arrows); an
iMeta Target without a TargetYear is due by --deadline.
With --uncertainty the brief adds the rank's 90% interval over --runs replications.

Examples:
  yardstick report --data data/dedi/iData.csv --meta data/dedi/iMeta.csv --normalise none \\
      --focus CN-GX --compare leader --compare group:CN-ZJ,CN-FJ,CN-JS,CN-GD,CN-SH \\
      --compare CN --out brief
  yardstick report --data examples/provinces/iData.csv --meta examples/provinces/iMeta.csv \\
      --spec examples/provinces/build.json --focus CN-GX --base-year 2011 \\
      --targets examples/provinces/targets.csv --lang en --out brief")]
    Report(ReportArgs),
    /// Print a shell completion script
    #[command(after_help = "\
Examples:
  yardstick completions bash > ~/.local/share/bash-completion/completions/yardstick
  yardstick completions zsh > ~/.zfunc/_yardstick
  yardstick completions fish > ~/.config/fish/completions/yardstick.fish")]
    Completions(CompletionsArgs),
}

/// The input pair every command reads.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Inputs")]
pub struct Inputs {
    /// iData: one row per unit (and year), one column per indicator
    #[arg(long, value_name = "iData.csv")]
    pub data: PathBuf,
    /// iMeta: one row per indicator and aggregate
    #[arg(long, value_name = "iMeta.csv")]
    pub meta: PathBuf,
}

/// How the index is built: a spec file and the options that override it.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Build")]
pub struct Build {
    /// Build spec (JSON); the options below override it
    #[arg(long, value_name = "build.json")]
    pub spec: Option<PathBuf>,
    /// Normalisation of every indicator: minmax[:LOW:HIGH], zscore[:MEAN:SD], rank,
    /// percentile, goalposts[:MIN:MAX[:log]], target, reference:UNIT, fracmax or none
    #[arg(
        long,
        visible_alias = "normalize",
        value_name = "METHOD",
        value_parser = parse_normalisation,
        long_help = NORMALISE_HELP,
    )]
    pub normalise: Option<Normalisation>,
    /// Aggregation at every level: amean, gmean, hmean, power:P or mpi
    #[arg(
        long,
        value_name = "METHOD",
        value_parser = parse_aggregation,
        long_help = AGGREGATE_HELP,
    )]
    pub aggregate: Option<Aggregation>,
    /// How tied scores share ranks
    #[arg(long, value_name = "POLICY")]
    pub ties: Option<Ties>,
    /// Decimals of the scores, for output and before ranking
    #[arg(long, value_name = "N")]
    pub round: Option<u32>,
}

/// The year to compute.
#[derive(Debug, Clone, Copy, Args)]
pub struct Year {
    /// Year to compute (default: the latest in iData)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
}

/// Layout and destination of a report.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Output")]
pub struct Report {
    /// Layout: CSV for scripts, JSON with every detail, or aligned text for reading
    #[arg(long, value_enum, default_value_t, value_name = "FORMAT")]
    pub format: Format,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// The focus unit and what it is compared with.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Comparison")]
pub struct Benchmark {
    /// Unit code of the focus unit
    #[arg(long, value_name = "CODE")]
    pub focus: String,
    /// What to compare with: leader, frontier, mean, median, CODE, group:A,B,...,
    /// group-median:A,B,..., group-best:A,B,... or target:VALUE
    #[arg(long, value_name = "WITH", long_help = COMPARE_HELP)]
    pub compare: String,
}

/// The choices of the robustness engine that uncertainty and sensitivity share.
#[derive(Debug, Clone, Args)]
pub struct Robustness {
    /// Uncertainty spec (JSON): the build and its uncertain choices, e.g.
    /// examples/asem/uncertainty.json
    #[arg(long, value_name = "UNCERTAINTY.json")]
    pub spec: PathBuf,
    /// Seed of the random generator: the same seed prints the same bytes
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub year: Year,
}

// In the command structs below, each command's own flags come before the flattened groups:
// a group's help heading applies to the flags that follow it.

/// `yardstick compute`.
#[derive(Debug, Clone, Args)]
pub struct ComputeArgs {
    #[command(flatten)]
    pub year: Year,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    /// Layout of the scores
    #[arg(
        long,
        value_enum,
        default_value_t,
        value_name = "FORMAT",
        help_heading = "Output"
    )]
    pub format: ScoreFormat,
    /// Scores file (default: stdout)
    #[arg(long, value_name = "scores.csv", help_heading = "Output")]
    pub out: Option<PathBuf>,
    /// Ranks file, in the wide layout of the scores
    #[arg(long, value_name = "ranks.csv", help_heading = "Output")]
    pub ranks: Option<PathBuf>,
}

/// `yardstick validate`.
#[derive(Debug, Clone, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub year: Year,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
}

/// `yardstick gap`.
#[derive(Debug, Clone, Args)]
pub struct GapArgs {
    /// Add how the gap changed since this year, and the places gained
    #[arg(long, value_name = "Y0")]
    pub base_year: Option<i32>,
    #[command(flatten)]
    pub year: Year,
    #[command(flatten)]
    pub benchmark: Benchmark,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick catchup`.
#[derive(Debug, Clone, Args)]
pub struct CatchupArgs {
    /// Year by which the focus should reach the comparison
    #[arg(long, value_name = "YEAR")]
    pub deadline: i32,
    /// Years whose growth is projected (default: the first and last year of the data)
    #[arg(long, value_name = "Y0:Y1", value_parser = year_range)]
    pub window: Option<(i32, i32)>,
    /// Use this indicator's raw series instead of the index score
    #[arg(long, value_name = "CODE")]
    pub indicator: Option<String>,
    #[command(flatten)]
    pub benchmark: Benchmark,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick progress`.
#[derive(Debug, Clone, Args)]
pub struct ProgressArgs {
    /// Targets file: uCode,iCode,target,year[,baseline_year]; an empty uCode means every unit
    #[arg(long, value_name = "targets.csv")]
    pub targets: Option<PathBuf>,
    /// Deadline of iMeta's Target values that have no TargetYear
    #[arg(long, value_name = "YEAR")]
    pub deadline: Option<i32>,
    /// Years whose growth is assessed (default: the last five years of the data)
    #[arg(long, value_name = "Y0:Y1", value_parser = year_range)]
    pub window: Option<(i32, i32)>,
    /// Only this unit's rows
    #[arg(long, value_name = "CODE")]
    pub focus: Option<String>,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick disparity`.
#[derive(Debug, Clone, Args)]
pub struct DisparityArgs {
    /// A data column, or an index node (then its scores)
    #[arg(long, value_name = "CODE")]
    pub column: String,
    /// Group column for the between/within decompositions
    #[arg(long, value_name = "REGION_COLUMN")]
    pub group: Option<String>,
    /// Years to measure (default: all)
    #[arg(long, value_name = "Y0:Y1", value_parser = year_range)]
    pub years: Option<(i32, i32)>,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick mcda`.
#[derive(Debug, Clone, Args)]
pub struct McdaArgs {
    /// Ranking method
    #[arg(long, value_enum, default_value_t, value_name = "METHOD")]
    pub method: Method,
    /// Criteria weights of topsis and gra
    #[arg(long, value_enum, default_value_t, value_name = "WEIGHTS")]
    pub weights: Weights,
    #[command(flatten)]
    pub year: Year,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick uncertainty`.
#[derive(Debug, Clone, Args)]
pub struct UncertaintyArgs {
    #[command(flatten)]
    pub engine: Robustness,
    /// Replications
    #[arg(long, value_name = "N", default_value_t = 1_000)]
    pub runs: usize,
    /// k of the probability of ranking in the top k
    #[arg(long, value_name = "K", default_value_t = 10)]
    pub top: usize,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick sensitivity`.
#[derive(Debug, Clone, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub engine: Robustness,
    /// Base samples of the Sobol' design
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub runs: usize,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick audit`.
#[derive(Debug, Clone, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub year: Year,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    #[command(flatten)]
    pub report: Report,
}

/// `yardstick export`: exactly one of `--widget` and `--html`; the year, language and focus
/// only shape the HTML table.
#[derive(Debug, Clone, Args)]
#[command(
    group(ArgGroup::new("kind").args(["widget", "html"]).required(true)),
    group(ArgGroup::new("table").args(["year", "lang", "focus"]).multiple(true).conflicts_with("widget")),
)]
pub struct ExportArgs {
    /// The compiled document of <yardstick-widget data-src> (JSON, see
    /// www/schema/document.schema.json)
    #[arg(long)]
    pub widget: bool,
    /// The ranking table of <yardstick-widget> as static HTML
    #[arg(long)]
    pub html: bool,
    /// Language of the table's words and of unit and node names (--html)
    #[arg(long, value_enum, default_value_t, value_name = "LANG")]
    pub lang: Lang,
    /// Mark this unit's row (--html)
    #[arg(long, value_name = "CODE")]
    pub focus: Option<String>,
    /// Add the progress toward these targets, as `yardstick progress` computes it, for the
    /// widget's targets view (--widget)
    #[arg(long, value_name = "targets.csv", requires = "widget")]
    pub targets: Option<PathBuf>,
    /// Deadline of iMeta's Target values that have no TargetYear (--widget with targets)
    #[arg(long, value_name = "YEAR", requires = "widget")]
    pub deadline: Option<i32>,
    /// Years whose growth the targets view assesses (default: the last five years)
    #[arg(long, value_name = "Y0:Y1", value_parser = year_range, requires = "widget")]
    pub window: Option<(i32, i32)>,
    #[command(flatten)]
    pub year: Year,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    /// Write to this file instead of stdout
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub out: Option<PathBuf>,
}

/// `yardstick report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// Unit code of the focus unit
    #[arg(long, value_name = "CODE", help_heading = "Comparison")]
    pub focus: String,
    /// A comparison, as in gap (repeat the flag for several): leader, frontier, mean, median,
    /// CODE, group:A,B,..., group-median:A,B,..., group-best:A,B,... or target:VALUE
    #[arg(long, value_name = "WITH", help_heading = "Comparison", long_help = COMPARE_HELP)]
    pub compare: Vec<String>,
    /// Year of the rank change and start of the growth window (default: the first year)
    #[arg(long, value_name = "Y0", help_heading = "Comparison")]
    pub base_year: Option<i32>,
    /// Year by which each comparison (and each iMeta Target without a TargetYear) should be
    /// reached (default: five years after --year)
    #[arg(long, value_name = "YEAR", help_heading = "Comparison")]
    pub deadline: Option<i32>,
    /// Targets file for the progress section: uCode,iCode,target,year[,baseline_year] (as
    /// progress); iMeta's Target column is used too
    #[arg(long, value_name = "targets.csv", help_heading = "Comparison")]
    pub targets: Option<PathBuf>,
    /// Add the rank's uncertainty interval, from this uncertainty spec (JSON, as uncertainty)
    #[arg(long, value_name = "UNCERTAINTY.json", help_heading = "Uncertainty")]
    pub uncertainty: Option<PathBuf>,
    /// Replications of the uncertainty analysis
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1_000,
        help_heading = "Uncertainty"
    )]
    pub runs: usize,
    /// Seed of the uncertainty analysis
    #[arg(
        long,
        value_name = "K",
        default_value_t = 1,
        help_heading = "Uncertainty"
    )]
    pub seed: u64,
    #[command(flatten)]
    pub year: Year,
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub build: Build,
    /// Language of the text and of unit and node names
    #[arg(
        long,
        value_enum,
        default_value_t,
        value_name = "LANG",
        help_heading = "Output"
    )]
    pub lang: Lang,
    /// Folder to write the brief into
    #[arg(long, value_name = "DIR", help_heading = "Output")]
    pub out: PathBuf,
}

/// `yardstick completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Layout of the scores of `compute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ScoreFormat {
    /// Wide CSV: `uCode` then one column per iCode.
    #[default]
    Csv,
    /// Long CSV: `uCode,Time,iCode,value,rank`.
    Long,
    /// JSON with values, ranks, weights and the step report.
    Json,
    /// The wide table, tab-separated, two decimals unless --round.
    Table,
}

/// Layout of a report (gap, catchup, progress, disparity, mcda, uncertainty, sensitivity, audit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// CSV for scripts.
    #[default]
    Csv,
    /// JSON with every detail.
    Json,
    /// Aligned text for reading in a terminal.
    Table,
}

/// Language of generated text and of unit and node names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Lang {
    /// Simplified Chinese: the data's own names (`uName`, `iName`) unless `*_zh-CN` is given.
    #[default]
    #[value(name = "zh-CN")]
    ZhCn,
    /// English: `uName_en` and `iName_en` where present.
    En,
}

/// `--ties`: the names of R's `rank(ties.method = ...)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ties {
    /// 1, 2, 2, 4: ties share the best rank.
    Min,
    /// 1, 2, 2, 3.
    Dense,
    /// 1, 2.5, 2.5, 4: ties share the mean of their positions.
    Average,
    /// 1, 2, 3, 4: ties broken by input order.
    First,
}

impl From<Ties> for TiePolicy {
    fn from(t: Ties) -> Self {
        match t {
            Ties::Min => TiePolicy::Min,
            Ties::Dense => TiePolicy::Dense,
            Ties::Average => TiePolicy::Average,
            Ties::First => TiePolicy::First,
        }
    }
}

/// `mcda --method`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Method {
    /// TOPSIS on min-max normalised criteria.
    #[default]
    #[value(alias = "topsis-minmax")]
    Topsis,
    /// TOPSIS on vector normalised criteria.
    TopsisVector,
    /// Grey relational analysis.
    Gra,
    /// Coupling coordination degree of the index's subsystems.
    Coupling,
}

/// `mcda --weights`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Weights {
    /// iMeta's weights.
    #[default]
    Meta,
    /// Equal weights.
    Equal,
    /// Entropy weights.
    Entropy,
    /// CRITIC weights.
    Critic,
    /// Proportional to the standard deviation.
    Sd,
    /// Proportional to the coefficient of variation.
    Cv,
}

/// `Y0:Y1`.
fn year_range(value: &str) -> Result<(i32, i32), String> {
    let expected = || format!("expected Y0:Y1 (two years), found '{value}'");
    let (a, b) = value.split_once(':').ok_or_else(expected)?;
    match (a.trim().parse(), b.trim().parse()) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        _ => Err(expected()),
    }
}

fn float(syntax: &str, value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!("{syntax} expects finite numbers, found '{value}'")),
    }
}

/// `minmax:0:100`, `zscore:0:1`, `rank`, `percentile`, `goalposts` (iMeta's),
/// `goalposts:MIN:MAX[:log]`, `target`, `reference:UNIT`, `fracmax`, `none`, and the build
/// spec's method names for the same (`min_max`, `z_score`, `indicator_goalposts`,
/// `distance_to_target`, `distance_to_reference:UNIT`, `fraction_of_max`).
pub fn parse_normalisation(text: &str) -> Result<Normalisation, String> {
    let (name, params) = match text.split_once(':') {
        Some((name, rest)) => (name, rest.split(':').collect::<Vec<_>>()),
        None => (text, Vec::new()),
    };
    let wrong_parameters =
        |syntax: &str| format!("'{text}' is not {syntax}; expected one of: {NORMALISATIONS}");
    Ok(match name {
        "minmax" | "min_max" => match params.as_slice() {
            [] => Normalisation::default(),
            [l, h] => Normalisation::MinMax {
                low: float("minmax:LOW:HIGH", l)?,
                high: float("minmax:LOW:HIGH", h)?,
            },
            _ => return Err(wrong_parameters("minmax[:LOW:HIGH]")),
        },
        "zscore" | "z_score" => match params.as_slice() {
            [] => Normalisation::ZScore { mean: 0.0, sd: 1.0 },
            [m, s] => Normalisation::ZScore {
                mean: float("zscore:MEAN:SD", m)?,
                sd: float("zscore:MEAN:SD", s)?,
            },
            _ => return Err(wrong_parameters("zscore[:MEAN:SD]")),
        },
        "goalposts" => match params.as_slice() {
            [] => Normalisation::IndicatorGoalposts,
            [min, max, rest @ ..] => Normalisation::Goalposts(Goalposts {
                min: float("goalposts:MIN:MAX", min)?,
                max: float("goalposts:MIN:MAX", max)?,
                cap: true,
                log: match rest {
                    [] => false,
                    ["log"] => true,
                    _ => return Err(wrong_parameters("goalposts[:MIN:MAX[:log]]")),
                },
                scale: 1.0,
            }),
            _ => return Err(wrong_parameters("goalposts[:MIN:MAX[:log]]")),
        },
        "reference" | "distance_to_reference" => match params.as_slice() {
            [unit] if !unit.is_empty() => Normalisation::DistanceToReference {
                unit: (*unit).to_owned(),
                cap: false,
            },
            _ => return Err(wrong_parameters("reference:UNIT")),
        },
        _ if !params.is_empty() && known_without_parameters(name) => {
            return Err(format!(
                "'{name}' takes no parameters, found '{text}'; expected one of: {NORMALISATIONS}"
            ))
        }
        "rank" => Normalisation::Rank,
        "percentile" => Normalisation::Percentile,
        "indicator_goalposts" => Normalisation::IndicatorGoalposts,
        "target" | "distance_to_target" => Normalisation::DistanceToTarget {
            target: None,
            cap: true,
        },
        "fracmax" | "fraction_of_max" => Normalisation::FractionOfMax,
        "none" => Normalisation::None,
        _ => {
            return Err(format!(
                "unknown normalisation '{text}'; expected one of: {NORMALISATIONS}"
            ))
        }
    })
}

/// The normalisations written without parameters.
fn known_without_parameters(name: &str) -> bool {
    matches!(
        name,
        "rank"
            | "percentile"
            | "indicator_goalposts"
            | "target"
            | "distance_to_target"
            | "fracmax"
            | "fraction_of_max"
            | "none"
    )
}

/// `amean`, `gmean`, `hmean`, `power:P`, `mpi` (the build spec's names too).
pub fn parse_aggregation(text: &str) -> Result<Aggregation, String> {
    Ok(match text.split(':').collect::<Vec<_>>().as_slice() {
        ["amean"] => Aggregation::ArithmeticMean,
        ["gmean"] => Aggregation::GeometricMean { shift: 0.0 },
        ["hmean"] => Aggregation::HarmonicMean,
        ["power", p] => Aggregation::Power {
            p: float("power:P", p)?,
        },
        ["mpi"] => Aggregation::MazziottaPareto {
            penalty: Default::default(),
        },
        _ => {
            return Err(format!(
                "unknown aggregation '{text}'; expected one of: {AGGREGATIONS}"
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(text: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("yardstick").chain(text.split_whitespace()))
    }

    fn command(text: &str) -> Command {
        match parse(text) {
            Ok(Cli {
                command: Some(command),
            }) => command,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn the_command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_the_documented_contract() {
        let Command::Compute(a) = command(
            "compute --data d.csv --meta m.csv --normalise minmax:0:100 --aggregate power:2 \
             --ties dense --round 3 --out s.csv",
        ) else {
            panic!("compute expected")
        };
        assert_eq!(
            a.build.normalise,
            Some(Normalisation::MinMax {
                low: 0.0,
                high: 100.0
            })
        );
        assert_eq!(a.build.aggregate, Some(Aggregation::Power { p: 2.0 }));
        assert_eq!(a.build.ties, Some(Ties::Dense));
        assert_eq!(a.build.round, Some(3));
        assert_eq!(a.out, Some(PathBuf::from("s.csv")));
    }

    #[test]
    fn the_spec_names_of_normalisations_are_accepted() {
        for (spec, cli) in [
            ("min_max", "minmax"),
            ("min_max:0:1", "minmax:0:1"),
            ("z_score:100:10", "zscore:100:10"),
            ("indicator_goalposts", "goalposts"),
            ("distance_to_target", "target"),
            ("distance_to_reference:CN", "reference:CN"),
            ("fraction_of_max", "fracmax"),
        ] {
            assert_eq!(
                parse_normalisation(spec),
                parse_normalisation(cli),
                "{spec}"
            );
        }
    }

    #[test]
    fn a_bad_normalisation_lists_the_accepted_ones() {
        for bad in ["foo", "minmax:0", "rank:1", "goalposts:0:1:ln", "reference"] {
            let e = parse_normalisation(bad).unwrap_err();
            assert!(e.contains(&format!("'{bad}'")), "{e}");
            assert!(
                e.contains("expected one of: minmax[:LOW:HIGH], zscore"),
                "{e}"
            );
        }
        let e = parse_normalisation("minmax:a:b").unwrap_err();
        assert!(e.contains("found 'a'"), "{e}");
        let e = parse_aggregation("mean").unwrap_err();
        assert!(
            e.ends_with("expected one of: amean, gmean, hmean, power:P, mpi"),
            "{e}"
        );
    }

    #[test]
    fn export_takes_one_format_flag_without_a_value() {
        let Command::Export(a) = command("export --widget --data d.csv --meta m.csv --out w.json")
        else {
            panic!("export expected")
        };
        assert!(a.widget && !a.html);
        assert_eq!(a.out, Some(PathBuf::from("w.json")));
        assert!(parse("export --data d.csv --meta m.csv").is_err());
        assert!(parse("export --html --widget --data d.csv --meta m.csv").is_err());
    }

    #[test]
    fn export_html_takes_a_language_a_focus_and_a_year() {
        let Command::Export(a) =
            command("export --html --data d.csv --meta m.csv --lang en --focus CN-GX --year 2020")
        else {
            panic!("export expected")
        };
        assert_eq!(
            (a.lang, a.focus.as_deref(), a.year.year),
            (Lang::En, Some("CN-GX"), Some(2020))
        );
        let Command::Export(a) = command("export --html --data d.csv --meta m.csv") else {
            panic!("export expected")
        };
        assert_eq!(a.lang, Lang::ZhCn, "Chinese by default, as the widget");
        assert!(parse("export --html --data d.csv --meta m.csv --lang fr").is_err());
        assert!(
            parse("export --widget --data d.csv --meta m.csv --lang en").is_err(),
            "the language only shapes the HTML table"
        );
    }

    #[test]
    fn a_command_rejects_the_flags_of_other_commands() {
        assert!(parse("compute --data d.csv").is_err());
        assert!(parse("compute --data d.csv --meta m.csv --bogus 1").is_err());
        assert!(parse("compute --data d.csv --meta m.csv --deadline 2030").is_err());
        assert!(
            parse("gap --data d.csv --meta m.csv --focus A --compare B --format long").is_err()
        );
        assert!(parse("catchup --data d.csv --meta m.csv --focus A --compare B").is_err());
        assert!(parse("compute --data d.csv --meta m.csv --normalise minmax:a:b").is_err());
    }

    #[test]
    fn a_repeated_flag_takes_the_last_value() {
        let cli = crate::definition()
            .try_get_matches_from(
                "yardstick compute --data a --meta m.csv --data d.csv".split_whitespace(),
            )
            .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
        let Ok(Cli {
            command: Some(Command::Compute(a)),
        }) = cli
        else {
            panic!("{cli:?}")
        };
        assert_eq!(a.inputs.data, PathBuf::from("d.csv"));
    }

    #[test]
    fn windows_are_two_years() {
        assert_eq!(year_range("2015:2020"), Ok((2015, 2020)));
        assert!(year_range("2015").is_err());
        assert!(year_range("2015:x").is_err());
    }
}
