//! Access to the real data sets vendored in `data/` (each folder's README gives source and
//! licence).

use std::path::PathBuf;

/// Path of a file under `data/`. Tests that use it fail loudly when it is missing:
/// the data sets are part of the test environment, not optional.
pub fn data_path(relative: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(relative);
    assert!(path.exists(), "missing data file {}", path.display());
    path
}

/// Bytes of a file under `data/`.
pub fn data_bytes(relative: &str) -> Vec<u8> {
    std::fs::read(data_path(relative)).expect("data file is readable")
}

/// Reads a wide reference table (`uCode` then numeric columns) under `data/` with
/// the crate's own reader: one period, one variable per column.
pub fn reference_table(relative: &str) -> yardstick::Dataset {
    yardstick::io::read_data(&data_bytes(relative), relative, None).expect("reference table")
}

/// COINr's ASEM example, read from `data/asem/`.
pub fn asem() -> (yardstick::io::Meta, yardstick::Dataset) {
    yardstick::io::read_coin(
        &data_bytes("asem/iData.csv"),
        "iData.csv",
        &data_bytes("asem/iMeta.csv"),
        "iMeta.csv",
    )
    .expect("ASEM loads")
}
