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

/// Parses a wide reference CSV (`uCode` then one column per code) into
/// `(codes, rows)` where each row is `(uCode, values)`; empty cells are `None`.
pub fn reference_table(relative: &str) -> (Vec<String>, Vec<(String, Vec<Option<f64>>)>) {
    let text = String::from_utf8(data_bytes(relative)).expect("UTF-8");
    let mut lines = text.lines();
    let unquote = |s: &str| s.trim_matches('"').to_owned();
    let header: Vec<String> = lines
        .next()
        .expect("header")
        .split(',')
        .map(unquote)
        .collect();
    let rows = lines
        .filter(|l| !l.is_empty())
        .map(|l| {
            let cells: Vec<String> = l.split(',').map(unquote).collect();
            let values = cells[1..]
                .iter()
                .map(|c| (!c.is_empty() && c != "NA").then(|| c.parse::<f64>().expect("number")))
                .collect();
            (cells[0].clone(), values)
        })
        .collect();
    (header[1..].to_vec(), rows)
}
