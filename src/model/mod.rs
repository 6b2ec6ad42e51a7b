//! The model: what an index is about. Units (provinces, countries, and reference rows such as
//! a national average), indicators and the tree above them (the framework), and the data: one
//! value or an explicit gap per unit, indicator and period.
//!
//! Everything here is validated when it is built, so the later layers can trust it: codes are
//! unique, the tree has one root and no cycles, values are finite.

pub mod dataset;
pub mod framework;
pub mod ids;
pub mod indicator;
pub mod target;
pub mod unit;
