//! The repository must work as a clone on its own: no file may point at the data share that
//! sits beside the development checkout (its name is the parent folder joined with `shared`),
//! since a clone anywhere else has nothing there. The data sets are vendored in `data/`.

use std::fs;
use std::path::Path;

use crate::Failure;

/// Folders that hold build output or installed packages, not the repository's own files.
const SKIPPED: [&str; 4] = [".git", "target", "node_modules", "pkg-full"];

/// Fails naming every file (and line) that refers to the folder beside the repository.
pub fn check(root: &Path) -> Result<(), Failure> {
    // Built at run time so that this file does not name the folder it forbids.
    let needle = ["..", "shared"].join("/");
    let mut hits = Vec::new();
    scan(root, root, &needle, &mut hits)?;
    if hits.is_empty() {
        println!("    no file refers to {needle}");
        return Ok(());
    }
    Err(Failure::new(format!(
        "these files refer to {needle}, which a fresh clone does not have; copy the data \
         into data/ and point at it there:\n  {}",
        hits.join("\n  ")
    )))
}

fn scan(root: &Path, dir: &Path, needle: &str, hits: &mut Vec<String>) -> Result<(), Failure> {
    let entries = fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("cannot list {}: {e}", dir.display())))?;
    for entry in entries {
        let entry =
            entry.map_err(|e| Failure::new(format!("cannot list {}: {e}", dir.display())))?;
        let path = entry.path();
        let name = entry.file_name();
        let kind = entry
            .file_type()
            .map_err(|e| Failure::new(format!("cannot stat {}: {e}", path.display())))?;
        if kind.is_dir() {
            // www/pkg is build output too, but only at that place: a `pkg` elsewhere is source.
            let build_output = path == root.join("www/pkg");
            if !build_output && !SKIPPED.iter().any(|s| name == *s) {
                scan(root, &path, needle, hits)?;
            }
        } else if kind.is_file() {
            // Binary files cannot hold a path that a build or test reads as text.
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            let relative = path.strip_prefix(root).unwrap_or(&path).display();
            hits.extend(
                text.lines()
                    .enumerate()
                    .filter(|(_, line)| line.contains(needle))
                    .map(|(n, _)| format!("{relative}:{}", n + 1)),
            );
        }
    }
    Ok(())
}
