//! Integration tests, one binary so they link once.

mod audit_asem;
mod cn_provinces;
mod coinr_asem;
mod coinr_published;
mod document;
mod egdi;
mod fuzz_readers;
mod gap;
mod hdi;
mod hostile;
mod inequality_pysal;
mod inverse;
mod layers;
mod mcda_published;
mod pooled_weights;
mod properties;
mod reweight;
mod schemas;
mod shared;
mod uncertainty;
