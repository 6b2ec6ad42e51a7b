//! Integration tests, one binary so they link once.

mod coinr_asem;
mod fuzz_readers;
mod hdi;
mod hostile;
mod properties;
mod shared;
