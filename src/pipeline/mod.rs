//! The pipeline: a [`BuildSpec`](spec::BuildSpec) names one method per step, a
//! [`Plan`](plan::Plan) compiles them once against the framework and the data, and runs them
//! per period and per weight change: impute, screen, treat, normalise, weight, aggregate, rank.
//!
//! One file per step, each with its formulas; `plan` is the only file that knows their order.
//! A new method goes into its step's enum and `apply`/`combine` function, with a golden test.

pub mod aggregate;
pub mod impute;
pub mod normalise;
pub mod panel;
pub mod plan;
pub mod rank;
pub mod report;
pub mod results;
pub mod rounding;
pub mod screen;
pub mod spec;
pub mod treat;
pub mod weight;
