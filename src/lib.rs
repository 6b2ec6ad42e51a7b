//! # Yardstick
//!
//! Regional benchmarking with composite indicators: read units × indicators (COINr's
//! iData/iMeta convention), normalise, weight, aggregate a hierarchy of any depth, rank, and
//! measure how far a unit is behind the leader, a benchmark group or the national average.
//!
//! ```
//! use yardstick::{io, BuildSpec, Plan};
//! use yardstick::gap::{gap, Comparison};
//!
//! // CCID Digital Economy Development Index 2020 (the crate's embedded default data).
//! let (meta, data) = io::read_coin(
//!     yardstick::default_data::DEDI_DATA.as_bytes(), "iData.csv",
//!     yardstick::default_data::DEDI_META.as_bytes(), "iMeta.csv",
//! )?;
//! // Keep the published scores: no rescaling.
//! let spec = BuildSpec::from_json(r#"{"normalise": {"default": {"method": "none"}}}"#)?;
//! let plan = Plan::compile(&meta.framework, &data, &spec)?;
//! let results = plan.run(&data, data.last_period())?;
//!
//! let index = meta.framework.root();
//! let gx = data.unit_index("CN-GX").unwrap();
//! assert_eq!(results.ranks(index)[gx], Some(7.0));
//! let to_leader = gap(&data, &results, index, gx, &Comparison::Leader)?;
//! let to_average = gap(&data, &results, index, gx, &Comparison::Unit("CN".into()))?;
//! println!("Guangxi is {:.1} behind the leader and {:.1} behind the national average",
//!          to_leader.gap, to_average.gap);
//! assert!((to_leader.gap - 39.1).abs() < 1e-9);
//! assert!((to_average.gap - 3.4).abs() < 1e-9);
//! # Ok::<(), yardstick::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aggregate;
pub mod dataset;
pub mod default_data;
pub mod error;
pub mod framework;
pub mod gap;
pub mod impute;
pub mod indicator;
pub mod io;
pub mod normalise;
pub mod plan;
pub mod rank;
pub mod report;
pub mod results;
pub mod screen;
pub mod spec;
pub mod treat;
pub mod unit;
pub mod weight;

pub use aggregate::Aggregation;
pub use dataset::Dataset;
pub use error::{Error, ErrorKind, Place, Result};
pub use framework::Framework;
pub use impute::Imputation;
pub use indicator::{Direction, Indicator, IndicatorCode, NodeKind, Weight};
pub use normalise::Normalisation;
pub use plan::{Plan, Workspace};
pub use rank::{Ranking, TiePolicy};
pub use results::Results;
pub use spec::BuildSpec;
pub use treat::Treatment;
pub use unit::{Unit, UnitCode, UnitKind};
pub use weight::Weighting;
