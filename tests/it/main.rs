//! Integration tests, one binary so they link once.

mod coinr_asem;
mod hdi;
mod shared;
