//! Reading and writing files: COINr's iData/iMeta convention, long panels, build specs, and
//! results as CSV (wide and long) or JSON.
//!
//! The rest of the crate never touches files; everything here works on bytes and strings, with
//! a file name used only for error messages. [`read_coin_files`] is the one function that opens
//! files.

mod data;
pub mod decimal;
pub mod default_data;
pub mod document;
mod meta;
mod table;
mod targets;
mod write;

use std::path::Path;

pub use data::{read_data, read_long};
pub use decimal::push_shortest;
pub use meta::{read_meta, Meta, MetaType};
pub use targets::{read_targets, run_targets};
pub use write::{results_json, write_long, write_wide, write_wide_to, Column};

use crate::error::{Error, ErrorKind, Place, Result};
use crate::model::dataset::Dataset;

/// Reads iMeta and iData text and checks that every indicator has a data column.
pub fn read_coin(
    data: &[u8],
    data_file: &str,
    meta: &[u8],
    meta_file: &str,
) -> Result<(Meta, Dataset)> {
    let meta = read_meta(meta, meta_file)?;
    let dataset = read_data(data, data_file, Some(&meta))?;
    for i in meta.framework.indicators() {
        let code = meta.framework.node(i).code.as_str();
        if dataset.variable_index(code).is_none() {
            return Err(Error::structure(
                Place::file(data_file).line(1).indicator(code),
                format!("a numeric column '{code}' for the indicator of that code in {meta_file}"),
            ));
        }
    }
    Ok((meta, dataset))
}

/// Reads a file, naming it in the error.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::new(
            ErrorKind::Io {
                message: format!("cannot read: {e}"),
            },
            Place::file(path.display().to_string()),
        )
    })
}

/// Reads iData and iMeta files.
pub fn read_coin_files(data: &Path, meta: &Path) -> Result<(Meta, Dataset)> {
    read_coin(
        &read_file(data)?,
        &data.display().to_string(),
        &read_file(meta)?,
        &meta.display().to_string(),
    )
}
