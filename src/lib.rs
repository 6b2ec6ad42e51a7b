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
//! let results = plan.run(&data, 0)?;
//!
//! let index = meta.framework.root();
//! println!("unit   rank  score  gap to leader  gap to 全国");
//! for (u, unit) in data.units().iter().enumerate().filter(|(_, unit)| unit.is_ranked()) {
//!     let leader = gap(&data, &results, index, u, &Comparison::Leader)?;
//!     let average = gap(&data, &results, index, u, &Comparison::Unit("CN".into()))?;
//!     let rank = results.ranks(index)[u].map_or("-".into(), |r| r.to_string());
//!     println!("{:<6} {rank:>4} {:6.1} {:14.1} {:11.1}",
//!              unit.code, results.values(index)[u].unwrap(), leader.gap, average.gap);
//! }
//! let gx = data.unit_index("CN-GX").unwrap();
//! assert_eq!(results.ranks(index)[gx], Some(3.0));
//! assert_eq!(results.values(index)[gx], Some(0.0)); // last on both indicators
//! assert_eq!(results.ranks(index)[data.unit_index("CN").unwrap()], None); // never ranked
//! # Ok::<(), yardstick::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aggregate;
pub mod audit;
pub mod catchup;
pub mod dataset;
pub mod decimal;
pub mod default_data;
pub mod error;
pub mod field_error;
pub mod framework;
pub mod gap;
pub mod impute;
pub mod indicator;
pub mod inequality;
pub mod inverse;
pub mod io;
pub mod math;
pub mod mcda;
mod method;
pub mod normalise;
pub mod plan;
pub mod rank;
pub mod report;
pub mod results;
pub mod rng;
pub mod screen;
pub mod sensitivity;
pub mod sorted_map;
pub mod spec;
pub mod treat;
pub mod uncertainty;
pub mod unit;
pub mod weight;

pub use aggregate::Aggregation;
pub use dataset::Dataset;
pub use error::{Error, ErrorKind, Place, Result};
pub use framework::Framework;
pub use impute::Imputation;
pub use indicator::{Direction, Indicator, IndicatorCode, NodeKind, Weight};
pub use normalise::Normalisation;
pub use plan::{Plan, Rerank, Variation, Workspace};
pub use rank::{Ranking, TiePolicy};
pub use results::Results;
pub use sorted_map::SortedMap;
pub use spec::BuildSpec;
pub use treat::Treatment;
pub use unit::{Unit, UnitCode, UnitKind};
pub use weight::Weighting;
