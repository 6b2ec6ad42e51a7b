//! The JSON Schemas in `www/schema/` are generated from the Rust types (schemars), so that
//! they cannot drift from what the readers accept; the TypeScript types in `www/types/` are
//! generated from them (`cargo xtask types`). The example specs name their schema.
//!
//! After changing a format: `YARDSTICK_BLESS=1 cargo test --test it schemas`, then
//! `cargo xtask types`.

use std::path::Path;

use yardstick::io::document;
use yardstick::pipeline::spec;
use yardstick::BuildSpec;

/// `generated` is the committed file at `path` (under the repository root); with
/// `YARDSTICK_BLESS` set, the file is written first.
fn assert_committed(path: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    if std::env::var_os("YARDSTICK_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run YARDSTICK_BLESS=1 cargo test --test it schemas",
        path.display()
    );
}

#[test]
fn the_document_schema_is_generated_from_the_types() {
    let generated = document::json_schema();
    for constant in [
        format!("\"const\": \"{}\"", document::FORMAT),
        format!("\"const\": {}", document::VERSION),
    ] {
        assert!(generated.contains(&constant), "the schema says {constant}");
    }
    assert_committed("www/schema/document.schema.json", &generated);
}

#[test]
fn the_build_spec_schema_is_generated_from_the_types() {
    let generated = spec::json_schema();
    // The ranking's columns (missing from the hand-written TypeScript type it replaces) and
    // a tagged method are in it.
    assert!(generated.contains("\"columns\""), "rank.columns");
    assert!(
        generated.contains("\"distance_to_reference\""),
        "normalise methods"
    );
    assert_committed("www/schema/build-spec.schema.json", &generated);
}

#[test]
fn the_uncertainty_spec_schema_is_generated_from_the_types() {
    let generated = yardstick::robustness::uncertainty::json_schema();
    assert_committed("www/schema/uncertainty-spec.schema.json", &generated);
}

/// Every example spec names the schema (for editors) and reads as a build spec.
#[test]
fn example_specs_name_their_schema_and_read() {
    for path in [
        "examples/asem/coinr_example_build.json",
        "examples/egdi/build.json",
        "examples/hdi/build.json",
        "examples/provinces/build.json",
        "www/data/sources/dedi.build.json",
    ] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let spec = BuildSpec::from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        let schema = spec.schema.unwrap_or_default();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let named = root
            .join(path)
            .parent()
            .unwrap()
            .join(&schema)
            .canonicalize();
        let expected = root
            .join("www/schema/build-spec.schema.json")
            .canonicalize();
        assert!(
            matches!((&named, &expected), (Ok(a), Ok(b)) if a == b),
            "{path}: \"$schema\" should lead to www/schema/build-spec.schema.json, found {schema:?}"
        );
    }
}
