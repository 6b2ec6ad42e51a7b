//! `cargo xtask types`: the TypeScript types of the JSON documents (`www/types/documents.d.ts`),
//! generated from their JSON Schemas (`www/schema/*.schema.json`, which the Rust types
//! generate; `tests/it/schemas.rs` keeps them current) by `www/tools/types.mjs` with the npm
//! package json-schema-to-typescript. `cargo xtask test` generates them again into a scratch
//! folder and fails when the committed files differ, so the three cannot drift.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::{run, Failure};

/// Writes `www/types/` from `www/schema/`.
pub fn generate(root: &Path) -> Result<(), Failure> {
    let www = root.join("www");
    run(
        "TypeScript types from the JSON Schemas",
        Command::new("node")
            .arg(www.join("tools/types.mjs"))
            .arg(www.join("types")),
    )
}

/// Fails when `www/types/` is not what the schemas generate.
pub fn check(root: &Path) -> Result<(), Failure> {
    let www = root.join("www");
    let scratch = root.join("target/xtask-types");
    // A stale scratch folder would hide a removed schema; failing to remove a missing one is fine.
    let _ = fs::remove_dir_all(&scratch);
    run(
        "TypeScript types from the JSON Schemas",
        Command::new("node")
            .arg(www.join("tools/types.mjs"))
            .arg(&scratch),
    )?;
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".d.ts"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let committed = www.join("types");
    let stale = |what: String| Failure {
        message: format!("{what}: run `cargo xtask types` and commit www/types/"),
        exit_code: 1,
    };
    if names(&scratch) != names(&committed) {
        return Err(stale(format!(
            "www/types/ holds {:?}, the schemas generate {:?}",
            names(&committed),
            names(&scratch)
        )));
    }
    for name in names(&scratch) {
        let read = |dir: &Path| fs::read_to_string(dir.join(&name)).unwrap_or_default();
        if read(&scratch) != read(&committed) {
            return Err(stale(format!(
                "www/types/{name} is not what the schemas generate"
            )));
        }
    }
    Ok(())
}
