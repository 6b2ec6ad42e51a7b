//! The layers of `src/` import only downwards (see ARCHITECTURE.md): a change in the analyses
//! cannot reach into the model, and the pipeline never reads files. This test reads every
//! source file's `crate::` paths and checks them against the rules.

use std::path::Path;

/// The layer of a `crate::` path's first segment (a module, or an item re-exported at the
/// root), or `None` for the crate root itself.
fn layer_of(segment: &str) -> Option<&'static str> {
    Some(match segment {
        "model" | "Dataset" | "Framework" | "Direction" | "Indicator" | "IndicatorCode"
        | "NodeKind" | "Weight" | "Unit" | "UnitCode" | "UnitKind" | "NodeId" | "UnitId"
        | "PeriodId" => "model",
        "pipeline" | "Aggregation" | "Imputation" | "Normalisation" | "Plan" | "Rerank"
        | "Variation" | "Workspace" | "Ranking" | "TiePolicy" | "Results" | "BuildSpec"
        | "Treatment" | "Weighting" => "pipeline",
        "analysis" => "analysis",
        "robustness" => "robustness",
        "io" => "io",
        "error" | "Error" | "ErrorKind" | "Place" | "Result" => "error",
        "math" => "math",
        "stats" => "stats",
        "linalg" => "linalg",
        "rng" => "rng",
        _ => return None,
    })
}

/// What each layer may import besides itself.
fn allowed(layer: &str) -> &'static [&'static str] {
    match layer {
        "error" | "math" => &[],
        "rng" => &["math"],
        "stats" | "linalg" => &["error", "math"],
        "model" => &["error"],
        "pipeline" | "analysis" | "robustness" => &[
            "model", "pipeline", "error", "math", "stats", "linalg", "rng",
        ],
        "io" => &["model", "pipeline", "analysis", "error"],
        _ => &[],
    }
}

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            visit(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn layers_import_only_downwards() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    visit(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).unwrap();
        let first = relative.iter().next().unwrap().to_string_lossy();
        let layer = first.trim_end_matches(".rs");
        if layer == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        // Code only: the tests at the end of a file may use anything.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let segment: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let Some(target) = layer_of(&segment) else {
                    continue;
                };
                if target != layer && !allowed(layer).contains(&target) {
                    wrong.push(format!(
                        "{}:{}: {layer} uses {target}",
                        relative.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layering:\n{}",
        wrong.join("\n")
    );
}
