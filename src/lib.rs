//! # Yardstick
//!
//! Regional benchmarking with composite indicators: read units × indicators (COINr's
//! iData/iMeta convention), normalise, weight, aggregate a hierarchy of any depth, rank, and
//! measure how far a unit is behind the leader, a benchmark group or the national average,
//! which indicators explain the gap and how many years it takes to catch up.
//!
//! ## Start here
//!
//! | you want to | use |
//! |---|---|
//! | read COINr-style `iData.csv` / `iMeta.csv` (or a long panel) | [`io::read_coin_files`], [`io::read_coin`], [`io::read_long`] |
//! | try it on the embedded data (CCID's Digital Economy Development Index 2020) | [`io::default_data::dedi`] |
//! | describe the method: imputation, treatment, normalisation, weights, aggregation, ranks | [`BuildSpec`] (JSON, every field optional) |
//! | compile the method once, then run it per year or per weight change | [`Plan::compile`], [`Plan::run`], [`Plan::set_weight`] |
//! | read scores and ranks of any node | [`Results::values`], [`Results::ranks`] |
//! | gap to the leader, a group, the average or a target; what explains it | [`analysis::gap::gap`], [`analysis::gap::gap_table`], [`analysis::gap::gap_change`] |
//! | years to catch up, growth needed by a deadline | [`analysis::catchup`] |
//! | progress toward targets by their deadlines (Eurostat's classes, SDSN's arrows) | [`analysis::progress`], [`model::target::Targets`], [`io::read_targets`] |
//! | the smallest change that reaches a target rank | [`analysis::inverse`] |
//! | inequality and convergence (Theil, Gini, σ and β) | [`analysis::inequality`] |
//! | TOPSIS, grey relational analysis, coupling coordination | [`analysis::mcda`] |
//! | robustness: uncertainty, Sobol' sensitivity, statistical audit | [`robustness::uncertainty`], [`robustness::sensitivity`], [`robustness::audit`] |
//! | every failure as one typed error naming its place | [`Error`], [`ErrorKind`], [`Place`] |
//!
//! The same engine runs as a command line (`crates/yardstick-cli`, binary `yardstick`:
//! `compute`, `validate`, `gap`, `catchup`, …; `yardstick --help`) and in the browser
//! (`crates/yardstick-wasm`, built by `cargo xtask wasm` into `www/pkg/`, which the
//! `<yardstick-widget>` custom element in `www/` loads). See the repository's README.
//!
//! ## The pipeline
//!
//! A [`BuildSpec`] names one choice per step; [`Plan::compile`] resolves them against the
//! framework (the indicator tree of iMeta) and the data, and [`Plan::run`] applies them in
//! this order to one period:
//!
//! | step | spec field | choices (the linked module gives each formula) |
//! |---|---|---|
//! | 1. denominate | `denominate` | divide by iMeta's `Denominator` column |
//! | 2. impute | `impute` | none, mean, median, group mean/median, last observation carried forward ([`pipeline::impute`]) |
//! | 3. screen | `screen` | drop units below a share of available data ([`pipeline::screen`]) |
//! | 4. treat outliers | `treat` | COINr's winsorisation then log transform, per indicator ([`pipeline::treat`]) |
//! | 5. normalise | `normalise` | min-max, z-score, rank, percentile, goalposts, distance to target or reference, fraction of max, none; per indicator ([`pipeline::normalise`]) |
//! | 6. weight | `weights` | iMeta, equal, explicit, entropy, CRITIC, CV, SD, PCA; per node ([`pipeline::weight`]) |
//! | 7. aggregate | `aggregate` | arithmetic, geometric, harmonic, power mean, Mazziotta–Pareto; default, per level, per node ([`pipeline::aggregate`]) |
//! | 8. rank | `rank` | ties min/dense/average/first, rounding before ranking, within groups ([`pipeline::rank`]) |
//!
//! `{}` is COINr's default build: min-max to 0–100, iMeta weights, arithmetic means,
//! competition ranks. Reference rows (`uType` `aggregate`, such as a national average) go
//! through every step but are never ranked, and never move data-driven bounds.
//!
//! ## Example
//!
//! Guangxi against the leader and the national average on the embedded data:
//!
//! ```
//! use yardstick::analysis::gap::{gap, Comparison};
//! use yardstick::{io::default_data, BuildSpec, Plan};
//!
//! let (meta, data) = default_data::dedi()?; // 7 provinces and the national average, 2020
//! // The published index as it is: its one indicator is not rescaled.
//! let spec = BuildSpec::from_json(r#"{"normalise": {"default": {"method": "none"}}}"#)?;
//! let plan = Plan::compile(&meta.framework, &data, &spec)?;
//! let results = plan.run(&data, data.last_period())?;
//!
//! let index = meta.framework.root();
//! let gx = data.unit_index("CN-GX").expect("Guangxi is in the data");
//! let to_leader = gap(&data, &results, index, gx, &Comparison::Leader)?;
//! let to_average = gap(&data, &results, index, gx, &Comparison::Unit("CN".into()))?;
//! println!(
//!     "Guangxi {:.1}, rank {}: {:.1} behind the leader, {:.1} behind the national average",
//!     results.value(index, gx).unwrap_or_default(),
//!     results.rank(index, gx).unwrap_or_default(),
//!     to_leader.gap,
//!     to_average.gap,
//! );
//! // Guangxi 26.2, rank 7: 39.1 behind the leader, 3.4 behind the national average
//! assert_eq!(format!("{:.1} {:.1}", to_leader.gap, to_average.gap), "39.1 3.4");
//! # Ok::<(), yardstick::Error>(())
//! ```
//!
//! A framework of your own, with two indicators under one index:
//!
//! ```
//! use yardstick::{io, BuildSpec, Plan};
//! use yardstick::analysis::gap::{gap, Comparison};
//!
//! // Three provinces, a national-average reference row, two indicators in one index.
//! let data = "uCode,uName,uType,digital,rd\n\
//!             CN-GD,广东,unit,65.3,3.14\n\
//!             CN-ZJ,浙江,unit,51.5,2.88\n\
//!             CN-GX,广西,unit,26.2,0.78\n\
//!             CN,全国,aggregate,29.6,2.40\n";
//! let meta = "iCode,iName,Parent,Direction,Weight,Type\n\
//!             digital,Digital economy,Index,1,2,Indicator\n\
//!             rd,R&D intensity,Index,1,1,Indicator\n\
//!             Index,Benchmark index,,1,1,Aggregate\n";
//! let (meta, data) = io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv")?;
//! let plan = Plan::compile(&meta.framework, &data, &BuildSpec::default())?; // min-max 0–100, mean
//! let results = plan.run(&data, data.last_period())?; // one period: the data has no years
//!
//! let index = meta.framework.root();
//! println!("unit   rank  score  gap to leader  gap to 全国");
//! for u in data.unit_ids().filter(|&u| data.unit(u).is_ranked()) {
//!     let unit = data.unit(u);
//!     let leader = gap(&data, &results, index, u, &Comparison::Leader)?;
//!     let average = gap(&data, &results, index, u, &Comparison::Unit("CN".into()))?;
//!     let rank = results.rank(index, u).map_or("-".into(), |r| r.to_string());
//!     println!("{:<6} {rank:>4} {:6.1} {:14.1} {:11.1}",
//!              unit.code, results.value(index, u).unwrap(), leader.gap, average.gap);
//! }
//! let gx = data.unit_index("CN-GX").unwrap();
//! assert_eq!(results.rank(index, gx), Some(3.0));
//! assert_eq!(results.value(index, gx), Some(0.0)); // last on both indicators
//! assert_eq!(results.rank(index, data.unit_index("CN").unwrap()), None); // never ranked
//! # Ok::<(), yardstick::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod analysis;

pub mod error;
pub mod io;
pub(crate) mod linalg;
pub(crate) mod math;
pub mod model;
pub mod pipeline;
pub mod rng;
pub mod robustness;
pub mod stats;

/// The README's Rust code runs as a doc test, so it keeps compiling and printing what the
/// README says.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub use error::{Error, ErrorKind, Place, Result};
pub use model::dataset::Dataset;
pub use model::framework::Framework;
pub use model::ids::{NodeId, PeriodId, UnitId};
pub use model::indicator::{Direction, Indicator, IndicatorCode, NodeKind, Weight};
pub use model::unit::{Unit, UnitCode, UnitKind};
pub use pipeline::aggregate::Aggregation;
pub use pipeline::impute::Imputation;
pub use pipeline::normalise::Normalisation;
pub use pipeline::plan::{Plan, Rerank, Variation, Workspace};
pub use pipeline::rank::{Ranking, TiePolicy};
pub use pipeline::results::Results;
pub use pipeline::spec::BuildSpec;
pub use pipeline::treat::Treatment;
pub use pipeline::weight::Weighting;
