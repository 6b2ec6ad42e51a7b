//! Analyses on the pipeline's results: how far a unit is behind the leader, a group, the
//! average or a target and which indicators explain it (`gap`), how many years it takes to
//! catch up (`catchup`), whether it reaches its targets by their deadlines (`progress`), the
//! smallest change that reaches a rank (`inverse`), inequality and convergence across units
//! (`inequality`), and multi-criteria rankings (`mcda`).
//!
//! They read [`Results`](crate::Results) and the [`Plan`](crate::Plan); none recomputes the
//! index except by running the plan.

pub mod catchup;
pub mod disparity;
pub mod gap;
pub mod indicator_mcda;
pub mod inequality;
pub mod inverse;
pub mod mcda;
pub mod progress;
