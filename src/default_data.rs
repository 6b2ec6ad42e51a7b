//! The embedded default data: CCID's Digital Economy Development Index 2020 for the provinces a
//! 2021 Guangxi Information Center brief benchmarks against, and the national average.
//! Compiled in so that examples and the demo work without any file.

/// iData of DEDI 2020 (seven provinces and the national-average reference row).
pub const DEDI_DATA: &str = include_str!("../data/dedi/iData.csv");

/// iMeta of DEDI 2020 (one indicator, the published index).
pub const DEDI_META: &str = include_str!("../data/dedi/iMeta.csv");
