//! Robustness: how much the ranks depend on the method. Monte Carlo uncertainty over weights
//! and method choices (`uncertainty`), Sobol' sensitivity indices (`sensitivity`), and the
//! statistical audit of the framework (`audit`: correlations, Cronbach's alpha, PCA).
//!
//! Each runs the same compiled [`Plan`](crate::Plan) many times with one reused workspace.

pub mod audit;
pub mod sensitivity;
pub mod uncertainty;
