//! Access to the shared real data sets (`../shared/data` beside the repository).

use std::path::PathBuf;

/// Path of a file under `../shared/data`. Tests that use it fail loudly when it is missing:
/// the data sets are part of the test environment, not optional.
pub fn data_path(relative: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(relative);
    assert!(path.exists(), "missing shared data file {}", path.display());
    path
}

/// Bytes of a file under `../shared/data`.
pub fn data_bytes(relative: &str) -> Vec<u8> {
    std::fs::read(data_path(relative)).expect("shared data file is readable")
}

/// Reads a wide reference table (`uCode` then numeric columns) under `../shared/data` with
/// the crate's own reader: one period, one variable per column.
pub fn reference_table(relative: &str) -> yardstick::Dataset {
    yardstick::io::read_data(&data_bytes(relative), relative, None).expect("reference table")
}

/// COINr's ASEM example, read from `../shared/data/asem/`.
pub fn asem() -> (yardstick::io::Meta, yardstick::Dataset) {
    yardstick::io::read_coin(
        &data_bytes("asem/iData.csv"),
        "iData.csv",
        &data_bytes("asem/iMeta.csv"),
        "iMeta.csv",
    )
    .expect("ASEM loads")
}
