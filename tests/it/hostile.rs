//! Hostile input: every file in `tests/hostile/` is read the way a user would read it, and
//! the test checks the typed error and that its message names the place (file, row, column,
//! unit, indicator). Inputs that must be accepted (BOM, CRLF, Chinese names, long names) are
//! checked for the right values.

use std::path::PathBuf;
use yardstick::{NodeId, UnitId};

use yardstick::io::{self, Meta};
use yardstick::{BuildSpec, Dataset, Error, ErrorKind, Plan, Results, UnitKind};

/// An error message must stay readable even when the input holds megabytes in one cell.
const MAX_MESSAGE_CHARS: usize = 300;

/// Values read from text must round-trip exactly; this only absorbs a last-bit difference.
const READ_TOLERANCE: f64 = 1e-12;

fn corpus(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn meta(name: &str) -> yardstick::Result<Meta> {
    io::read_meta(&corpus(name), name)
}

fn coin(data: &str, meta: &str) -> yardstick::Result<(Meta, Dataset)> {
    io::read_coin(&corpus(data), data, &corpus(meta), meta)
}

fn long(name: &str) -> yardstick::Result<Dataset> {
    io::read_long(&corpus(name), name, None)
}

fn spec(name: &str) -> yardstick::Result<BuildSpec> {
    let bytes = corpus(name);
    let text = std::str::from_utf8(&bytes).expect("spec files are UTF-8");
    BuildSpec::from_json(text)
}

/// Compiles `spec` (the default build when `None`) and runs the last period.
fn build(data: &str, meta: &str, spec_file: Option<&str>) -> yardstick::Result<Results> {
    let (meta, dataset) = coin(data, meta).expect("the input files themselves are valid");
    let spec = match spec_file {
        Some(name) => spec(name).expect("the spec itself is valid"),
        None => BuildSpec::default(),
    };
    Plan::compile(&meta.framework, &dataset, &spec)?.run(&dataset, dataset.last_period())
}

/// Unwraps the error of `$result`, checks its kind against `$kind` and that its message
/// contains every one of `$parts` and stays short.
macro_rules! assert_error {
    ($result:expr, $kind:pat, [$($part:expr),* $(,)?]) => {{
        let err: Error = match $result {
            Ok(v) => panic!(
                "expected an error, got Ok({}…)",
                format!("{v:?}").chars().take(200).collect::<String>()
            ),
            Err(e) => e,
        };
        assert!(
            matches!(err.kind(), $kind),
            "wrong kind {:?} for: {err}",
            err.kind()
        );
        let message = err.to_string();
        $(
            assert!(message.contains($part), "message {message:?} does not name {:?}", $part);
        )*
        assert!(
            message.chars().count() <= MAX_MESSAGE_CHARS,
            "message of {} chars: {}…",
            message.chars().count(),
            message.chars().take(200).collect::<String>()
        );
        err
    }};
}

fn value_of(ds: &Dataset, unit: &str, variable: &str) -> Option<f64> {
    let u = ds.unit_index(unit).expect("unit present");
    let v = ds.variable_index(variable).expect("variable present");
    ds.column(v, ds.last_period())[u.index()]
}

fn assert_good_values(ds: &Dataset) {
    let expected = [("A", 1.0, 2.0), ("B", 3.0, 4.0), ("C", 5.0, 7.0)];
    assert_eq!(ds.n_units(), expected.len());
    for (unit, x, y) in expected {
        approx::assert_abs_diff_eq!(
            value_of(ds, unit, "x").unwrap(),
            x,
            epsilon = READ_TOLERANCE
        );
        approx::assert_abs_diff_eq!(
            value_of(ds, unit, "y").unwrap(),
            y,
            epsilon = READ_TOLERANCE
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Empty and header-only files.

#[test]
fn empty_files_are_structure_errors_naming_the_file() {
    assert_error!(
        coin("good.iData.csv", "empty.csv"),
        ErrorKind::Structure { .. },
        ["empty.csv", "header"]
    );
    assert_error!(
        coin("empty.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["empty.csv", "header"]
    );
    assert_error!(
        io::read_data(&corpus("empty.csv"), "empty.csv", None),
        ErrorKind::Structure { .. },
        ["empty.csv"]
    );
    assert_error!(
        long("empty.csv"),
        ErrorKind::Structure { .. },
        ["empty.csv"]
    );
}

#[test]
fn header_only_idata_is_an_error_not_an_empty_dataset() {
    assert_error!(
        coin("header_only.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["header_only.iData.csv"]
    );
    assert_error!(
        io::read_data(
            &corpus("header_only.iData.csv"),
            "header_only.iData.csv",
            None
        ),
        ErrorKind::Structure { .. },
        ["header_only.iData.csv"]
    );
}

#[test]
fn header_only_panel_idata_is_an_error() {
    assert_error!(
        io::read_data(
            &corpus("header_only_panel.iData.csv"),
            "header_only_panel.iData.csv",
            None
        ),
        ErrorKind::Structure { .. },
        ["header_only_panel.iData.csv"]
    );
}

#[test]
fn header_only_imeta_has_no_indicators() {
    assert_error!(
        meta("header_only.iMeta.csv"),
        ErrorKind::Framework { .. },
        ["header_only.iMeta.csv", "no indicators"]
    );
}

#[test]
fn header_only_long_panel_is_an_error() {
    assert_error!(
        long("header_only.long.csv"),
        ErrorKind::Structure { .. },
        ["header_only.long.csv"]
    );
}

// ---------------------------------------------------------------------------------------------
// Table structure.

#[test]
fn ragged_rows_name_their_row() {
    assert_error!(
        coin("ragged_long_row.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["ragged_long_row.iData.csv", "row 3", "4 fields", "found 5"]
    );
    assert_error!(
        meta("ragged_short_row.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["ragged_short_row.iMeta.csv", "row 3", "7 fields", "found 4"]
    );
}

#[test]
fn unterminated_quote_is_a_structure_error() {
    assert_error!(
        coin("unterminated_quote.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["unterminated_quote.iData.csv", "row 3"]
    );
}

#[test]
fn duplicate_and_empty_column_names() {
    assert_error!(
        coin("duplicate_column.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["duplicate_column.iData.csv", "row 1", "column 'x'"]
    );
    assert_error!(
        coin("empty_header_cell.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["empty_header_cell.iData.csv", "row 1", "column '#2'"]
    );
}

#[test]
fn missing_required_columns() {
    assert_error!(
        coin("no_ucode.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["no_ucode.iData.csv", "row 1", "'uCode'"]
    );
    // A semicolon-separated export has a single header field; it must not pass as data, and
    // the message says why.
    assert_error!(
        coin("semicolon.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        [
            "semicolon.iData.csv",
            "row 1",
            "separated by commas",
            "semicolons"
        ]
    );
    assert_error!(
        meta("no_type.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["no_type.iMeta.csv", "row 1", "'Type'"]
    );
    assert_error!(
        long("long_no_value.long.csv"),
        ErrorKind::Structure { .. },
        ["long_no_value.long.csv", "row 1", "value"]
    );
}

#[test]
fn line_numbers_count_multiline_quotes_and_blank_lines() {
    assert_error!(
        coin("multiline_quote.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "multiline_quote.iData.csv",
            "row 5",
            "column 'x'",
            "unit 'C'"
        ]
    );
    assert_error!(
        coin("blank_lines.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        ["blank_lines.iData.csv", "row 6", "column 'x'", "unit 'C'"]
    );
}

// ---------------------------------------------------------------------------------------------
// Codes.

#[test]
fn duplicate_unit_codes() {
    let err = assert_error!(
        coin("duplicate_unit.iData.csv", "good.iMeta.csv"),
        ErrorKind::Duplicate { .. },
        [
            "duplicate_unit.iData.csv",
            "row 4",
            "column 'uCode'",
            "'A'",
            "row 2"
        ]
    );
    assert_eq!(
        err.kind(),
        &ErrorKind::Duplicate {
            code: "A".into(),
            first_line: Some(2)
        }
    );
}

#[test]
fn duplicate_unit_and_year_in_a_panel() {
    assert_error!(
        coin("duplicate_unit_year.iData.csv", "good.iMeta.csv"),
        ErrorKind::Duplicate {
            first_line: Some(2),
            ..
        },
        ["duplicate_unit_year.iData.csv", "row 5", "A", "2020"]
    );
}

#[test]
fn duplicate_indicator_codes() {
    let err = assert_error!(
        meta("duplicate_indicator.iMeta.csv"),
        ErrorKind::Duplicate { .. },
        [
            "duplicate_indicator.iMeta.csv",
            "row 4",
            "column 'iCode'",
            "'x'",
            "row 2"
        ]
    );
    assert_eq!(
        err.kind(),
        &ErrorKind::Duplicate {
            code: "x".into(),
            first_line: Some(2)
        }
    );
}

#[test]
fn empty_unit_code() {
    assert_error!(
        coin("empty_code.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        ["empty_code.iData.csv", "row 3", "column 'uCode'"]
    );
}

// ---------------------------------------------------------------------------------------------
// Hierarchy.

#[test]
fn unknown_parent() {
    assert_error!(
        meta("unknown_parent.iMeta.csv"),
        ErrorKind::Framework { .. },
        [
            "unknown_parent.iMeta.csv",
            "row 3",
            "indicator 'y'",
            "'Idx'"
        ]
    );
}

/// A per-level aggregation for a level without aggregates (here the seed data, whose one
/// indicator is the whole framework) would change nothing; the spec is refused instead.
#[test]
fn aggregation_level_without_aggregates_is_a_spec_error() {
    let (meta, data) = yardstick::io::default_data::dedi().unwrap();
    let spec =
        BuildSpec::from_json(r#"{"aggregate": {"levels": {"3": {"method": "gmean"}}}}"#).unwrap();
    assert_error!(
        Plan::compile(&meta.framework, &data, &spec),
        ErrorKind::Spec { .. },
        ["aggregate.levels names level 3", "no aggregates"]
    );
    let (meta, data) = coin("good.iData.csv", "good.iMeta.csv").unwrap();
    let spec =
        BuildSpec::from_json(r#"{"aggregate": {"levels": {"7": {"method": "gmean"}}}}"#).unwrap();
    assert_error!(
        Plan::compile(&meta.framework, &data, &spec),
        ErrorKind::Spec { .. },
        ["level 7", "at level 2"]
    );
}

/// A parent code (not a valid code) holding a carriage return, a terminal escape sequence and
/// a right-to-left override: the message shows each as a `\u{..}` escape (so it cannot
/// rewrite the terminal line or reorder the text), while the error kind keeps the text
/// exactly as given.
#[test]
fn control_characters_from_data_are_escaped_in_the_message() {
    let err = meta("control_parent.iMeta.csv").unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("Id\\u{d}x\\u{1b}[2J\\u{202e}"),
        "{message}"
    );
    assert!(
        !message
            .chars()
            .any(|c| c.is_control() || ('\u{202A}'..='\u{202E}').contains(&c)),
        "{message:?}"
    );
    assert!(matches!(err.kind(), ErrorKind::Value { found, .. } if found.contains('\r')));
}

#[test]
fn cycle_names_a_node_that_never_reaches_the_root() {
    let err = assert_error!(
        meta("cycle.iMeta.csv"),
        ErrorKind::Framework { .. },
        ["cycle.iMeta.csv", "cycle"]
    );
    // x hangs off the cycle P -> Q -> P; any of the three, with its own row, is a fair place.
    let message = err.to_string();
    assert!(
        [("row 2", "'x'"), ("row 4", "'P'"), ("row 5", "'Q'")]
            .iter()
            .any(|(row, code)| message.contains(row) && message.contains(code)),
        "{message}"
    );
}

#[test]
fn two_roots() {
    assert_error!(
        meta("two_roots.iMeta.csv"),
        ErrorKind::Framework { .. },
        ["two_roots.iMeta.csv", "row 5", "'Index'", "'Other'"]
    );
}

#[test]
fn parent_must_be_an_aggregate_with_children() {
    assert_error!(
        meta("parent_is_indicator.iMeta.csv"),
        ErrorKind::Framework { .. },
        ["parent_is_indicator.iMeta.csv", "row 3", "indicator 'y'"]
    );
    assert_error!(
        meta("childless_aggregate.iMeta.csv"),
        ErrorKind::Framework { .. },
        [
            "childless_aggregate.iMeta.csv",
            "row 4",
            "indicator 'Lonely'"
        ]
    );
}

#[test]
fn very_deep_hierarchy_is_accepted_without_recursion() {
    let meta = meta("deep.iMeta.csv").expect("a 3000-level chain is a valid tree");
    assert_eq!(meta.framework.len(), 3001);
    assert_eq!(meta.framework.level(meta.framework.root()), 3001);
}

// ---------------------------------------------------------------------------------------------
// iMeta cells.

#[test]
fn negative_and_non_finite_weights() {
    let err = assert_error!(
        meta("negative_weight.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "negative_weight.iMeta.csv",
            "row 3",
            "column 'Weight'",
            "'-0.5'"
        ]
    );
    assert!(matches!(err.kind(), ErrorKind::Value { found, .. } if found == "-0.5"));
    assert_error!(
        meta("nan_weight.iMeta.csv"),
        ErrorKind::Value { .. },
        ["nan_weight.iMeta.csv", "row 2", "column 'Weight'", "'NaN'"]
    );
}

#[test]
fn unknown_type_level_and_direction() {
    assert_error!(
        meta("unknown_type.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "unknown_type.iMeta.csv",
            "row 3",
            "column 'Type'",
            "'Indikator'"
        ]
    );
    assert_error!(
        meta("bad_level.iMeta.csv"),
        ErrorKind::Value { .. },
        ["bad_level.iMeta.csv", "row 2", "column 'Level'", "'1.5'"]
    );
    assert_error!(
        meta("bad_direction.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "bad_direction.iMeta.csv",
            "row 2",
            "column 'Direction'",
            "'2'"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// iData cells.

#[test]
fn text_in_a_numeric_cell() {
    let err = assert_error!(
        coin("text_in_number.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "text_in_number.iData.csv",
            "row 3",
            "column 'x'",
            "unit 'B'",
            "'abc'"
        ]
    );
    assert!(matches!(err.kind(), ErrorKind::Value { found, .. } if found == "abc"));
    assert_error!(
        coin("decimal_comma.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "decimal_comma.iData.csv",
            "row 2",
            "column 'x'",
            "unit 'A'",
            "'1,5'"
        ]
    );
}

#[test]
fn nan_inf_and_overflowing_numbers_are_rejected() {
    for (file, token) in [
        ("nan.iData.csv", "NaN"),
        ("inf.iData.csv", "inf"),
        ("neg_inf.iData.csv", "-inf"),
        ("infinity.iData.csv", "Infinity"),
        ("huge.iData.csv", "1e400"),
    ] {
        let err = assert_error!(
            coin(file, "good.iMeta.csv"),
            ErrorKind::Value { .. },
            [file, "row 4", "column 'y'", "unit 'C'"]
        );
        assert!(
            matches!(err.kind(), ErrorKind::Value { found, .. } if found == token),
            "{file}: {err}"
        );
    }
}

#[test]
fn unknown_unit_type() {
    assert_error!(
        coin("unknown_utype.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "unknown_utype.iData.csv",
            "row 3",
            "column 'uType'",
            "'region'"
        ]
    );
}

#[test]
fn non_integer_and_empty_time() {
    assert_error!(
        coin("fractional_time.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "fractional_time.iData.csv",
            "row 3",
            "column 'Time'",
            "'2020.5'"
        ]
    );
    assert_error!(
        coin("empty_time.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        ["empty_time.iData.csv", "row 3", "column 'Time'"]
    );
}

#[test]
fn a_panel_unit_cannot_change_its_type() {
    assert_error!(
        coin("panel_changes_type.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["panel_changes_type.iData.csv", "row 4", "unit 'A'", "row 2"]
    );
}

#[test]
fn indicator_without_a_data_column() {
    assert_error!(
        coin("missing_column.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["missing_column.iData.csv", "indicator 'y'", "'y'"]
    );
}

// ---------------------------------------------------------------------------------------------
// Encoding and line ends.

#[test]
fn non_utf8_bytes_are_a_structure_error_with_the_row() {
    assert_error!(
        coin("non_utf8.iData.csv", "good.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["non_utf8.iData.csv", "row 3", "UTF-8"]
    );
    assert_error!(
        meta("non_utf8_header.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["non_utf8_header.iMeta.csv", "row 1", "UTF-8"]
    );
    assert_error!(
        meta("non_utf8_latin1.iMeta.csv"),
        ErrorKind::Structure { .. },
        ["non_utf8_latin1.iMeta.csv", "row 3", "UTF-8"]
    );
}

#[test]
fn bom_is_accepted() {
    let (meta, ds) = coin("bom.iData.csv", "bom.iMeta.csv").expect("a UTF-8 BOM is accepted");
    assert_eq!(meta.framework.node(NodeId::new(0)).code.as_str(), "x");
    assert_eq!(ds.unit(UnitId::new(0)).code.as_str(), "A");
    assert_good_values(&ds);
}

#[test]
fn crlf_is_accepted() {
    let (meta, ds) = coin("crlf.iData.csv", "crlf.iMeta.csv").expect("CRLF line ends");
    assert_eq!(meta.framework.len(), 3);
    assert_eq!(
        meta.framework.node(meta.framework.root()).code.as_str(),
        "Index"
    );
    assert_eq!(ds.unit(UnitId::new(2)).name, "Gamma");
    assert_good_values(&ds);
}

#[test]
fn crlf_rows_are_counted_right() {
    assert_error!(
        coin("crlf_bad_cell.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        [
            "crlf_bad_cell.iData.csv",
            "row 4",
            "column 'x'",
            "unit 'C'",
            "'oops'"
        ]
    );
}

#[test]
fn chinese_names_codes_and_units_are_accepted() {
    let (meta, ds) = coin("chinese.iData.csv", "chinese.iMeta.csv").expect("Chinese text");
    let fw = &meta.framework;
    let root = fw.node(fw.root());
    assert_eq!(root.code.as_str(), "指数");
    assert_eq!(root.name, "总指数");
    assert_eq!(root.names.get("en").map(String::as_str), Some("Index"));
    assert_eq!(
        fw.node(NodeId::new(1)).unit_of_measure.as_deref(),
        Some("亿元")
    );
    let gx = ds.unit(ds.unit_index("CN-GX").unwrap());
    assert_eq!(gx.name, "广西");
    assert_eq!(gx.name_in("en"), "Guangxi");
    let cn = ds.unit(ds.unit_index("CN").unwrap());
    assert_eq!(cn.kind, UnitKind::Aggregate);
    assert_eq!(cn.name, "全国平均");
    approx::assert_abs_diff_eq!(
        value_of(&ds, "CN-GX", "x").unwrap(),
        26.2,
        epsilon = READ_TOLERANCE
    );
    approx::assert_abs_diff_eq!(
        value_of(&ds, "CN", "y").unwrap(),
        3.5,
        epsilon = READ_TOLERANCE
    );
}

// ---------------------------------------------------------------------------------------------
// Very long text.

#[test]
fn very_long_names_are_accepted() {
    let (meta, ds) =
        coin("long_names.iData.csv", "long_names.iMeta.csv").expect("long names are fine");
    assert_eq!(ds.unit(UnitId::new(0)).name.chars().count(), 10_000);
    assert_eq!(
        meta.framework.node(NodeId::new(0)).name.chars().count(),
        10_000
    );
    assert_good_values(&ds);
}

#[test]
fn a_very_long_cell_gives_a_short_message() {
    assert_error!(
        coin("long_cell.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        ["long_cell.iData.csv", "row 3", "column 'x'", "unit 'B'"]
    );
    assert_error!(
        meta("long_type.iMeta.csv"),
        ErrorKind::Value { .. },
        ["long_type.iMeta.csv", "row 2", "column 'Type'"]
    );
}

#[test]
fn a_very_long_unit_code_gives_a_short_message() {
    assert_error!(
        coin("long_code.iData.csv", "good.iMeta.csv"),
        ErrorKind::Value { .. },
        ["long_code.iData.csv", "row 3", "column 'x'", "UUUU"]
    );
    assert_error!(
        coin("long_code_duplicate.iData.csv", "good.iMeta.csv"),
        ErrorKind::Duplicate { .. },
        ["long_code_duplicate.iData.csv", "row 3", "UUUU"]
    );
}

// ---------------------------------------------------------------------------------------------
// Denominators.

#[test]
fn denominator_must_be_of_type_denominator() {
    assert_error!(
        meta("denominator_is_indicator.iMeta.csv"),
        ErrorKind::Structure { .. },
        [
            "denominator_is_indicator.iMeta.csv",
            "row 2",
            "column 'Denominator'",
            "indicator 'x'",
            "'y'"
        ]
    );
}

#[test]
fn denominator_naming_a_missing_column() {
    for meta_file in [
        "missing_denominator.iMeta.csv",
        "undeclared_denominator.iMeta.csv",
    ] {
        let (meta, ds) = coin("good.iData.csv", meta_file)
            .expect("a denominator matters only when the denominate step runs");
        let spec = spec("denominate.spec.json").unwrap();
        assert_error!(
            Plan::compile(&meta.framework, &ds, &spec),
            ErrorKind::Structure { .. },
            ["column 'pop'", "indicator 'x'"]
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Long panels.

#[test]
fn long_panel_cells() {
    assert_error!(
        long("long_text_value.long.csv"),
        ErrorKind::Value { .. },
        [
            "long_text_value.long.csv",
            "row 3",
            "column 'value'",
            "unit 'B'",
            "indicator 'x'",
            "'many'"
        ]
    );
    assert_error!(
        long("long_nan_value.long.csv"),
        ErrorKind::Value { .. },
        ["long_nan_value.long.csv", "row 3", "unit 'B'", "'NaN'"]
    );
    assert_error!(
        long("long_duplicate.long.csv"),
        ErrorKind::Duplicate {
            first_line: Some(2),
            ..
        },
        ["long_duplicate.long.csv", "row 4", "A", "2020", "x"]
    );
    assert_error!(
        long("long_bad_year.long.csv"),
        ErrorKind::Value { .. },
        [
            "long_bad_year.long.csv",
            "row 3",
            "column 'Time'",
            "'twenty'"
        ]
    );
    assert_error!(
        long("long_empty_indicator.long.csv"),
        ErrorKind::Value { .. },
        ["long_empty_indicator.long.csv", "row 3", "column 'iCode'"]
    );
}

// ---------------------------------------------------------------------------------------------
// Build specs.

#[test]
fn spec_with_an_unknown_field() {
    assert_error!(
        spec("unknown_field.spec.json"),
        ErrorKind::Spec { .. },
        ["row 3", "`tie`"]
    );
}

#[test]
fn spec_with_an_unknown_method_or_policy() {
    assert_error!(
        spec("unknown_method.spec.json"),
        ErrorKind::Spec { .. },
        ["row 2", "`minmax`"]
    );
    assert_error!(
        spec("unknown_tie_policy.spec.json"),
        ErrorKind::Spec { .. },
        ["row 1", "`max`"]
    );
    assert_error!(
        spec("truncated.spec.json"),
        ErrorKind::Spec { .. },
        ["row 2"]
    );
}

#[test]
fn spec_naming_unknown_codes() {
    let (meta, ds) = coin("good.iData.csv", "good.iMeta.csv").unwrap();
    for (file, code) in [
        ("unknown_indicator.spec.json", "'nope'"),
        ("unknown_node.spec.json", "'Pillar9'"),
        ("unknown_weight_node.spec.json", "'Nowhere'"),
        ("reference_unknown_unit.spec.json", "'ZZ'"),
    ] {
        assert_error!(
            Plan::compile(&meta.framework, &ds, &spec(file).unwrap()),
            ErrorKind::Spec { .. },
            [code]
        );
    }
}

#[test]
fn spec_with_invalid_values() {
    let (meta, ds) = coin("good.iData.csv", "good.iMeta.csv").unwrap();
    let compile = |file: &str| Plan::compile(&meta.framework, &ds, &spec(file).unwrap());
    assert_error!(
        compile("bad_min_share.spec.json"),
        ErrorKind::Spec { .. },
        ["min_share"]
    );
    assert_error!(
        compile("explicit_weight_missing_child.spec.json"),
        ErrorKind::Spec { .. },
        ["indicator 'Index'", "'y'"]
    );
    assert_error!(
        compile("explicit_weight_negative.spec.json"),
        ErrorKind::Spec { .. },
        ["indicator 'y'", "-2"]
    );
}

// ---------------------------------------------------------------------------------------------
// Data a step cannot take.

#[test]
fn all_missing_indicator_fails_normalisation() {
    assert_error!(
        build("all_missing.iData.csv", "good.iMeta.csv", None),
        ErrorKind::NoValues { .. },
        ["indicator 'y'"]
    );
}

#[test]
fn zero_range_indicator_fails_min_max() {
    assert_error!(
        build("zero_range.iData.csv", "good.iMeta.csv", None),
        ErrorKind::ZeroRange { .. },
        ["indicator 'y'", "zero range"]
    );
}

#[test]
fn geometric_mean_over_a_zero_names_unit_and_indicator() {
    // Min-max puts the worst unit (A) at 0 on both indicators.
    assert_error!(
        build("good.iData.csv", "good.iMeta.csv", Some("gmean.spec.json")),
        ErrorKind::OutOfDomain { .. },
        ["unit 'A'", "indicator 'x'", "'Index'"]
    );
    // A raw zero kept by "none" normalisation.
    assert_error!(
        build(
            "gmean_zero.iData.csv",
            "good.iMeta.csv",
            Some("gmean_raw.spec.json")
        ),
        ErrorKind::OutOfDomain { .. },
        ["unit 'B'", "indicator 'x'", "'Index'"]
    );
}

#[test]
fn good_files_build() {
    let results = build("good.iData.csv", "good.iMeta.csv", None).expect("valid input");
    // Min-max to [0, 100] of x = (1, 3, 5) and y = (2, 4, 7), then their mean.
    let root = NodeId::new(2);
    let expected = [0.0, (50.0 + 40.0) / 2.0, 100.0];
    for (got, want) in results.values(root).iter().zip(expected) {
        approx::assert_abs_diff_eq!(got.unwrap(), want, epsilon = READ_TOLERANCE);
    }
    assert_eq!(results.ranks(root), &[Some(3.0), Some(2.0), Some(1.0)]);
}

// ---------------------------------------------------------------------------------------------
// Finite input whose arithmetic overflows: the results must stay finite or fail with a place.

/// Every value of every node is finite (missing is `None`, never NaN or infinity).
fn assert_finite(results: &Results) {
    for (node, column) in results.values.iter().enumerate() {
        for (unit, value) in column.iter().enumerate() {
            assert!(
                value.is_none_or(f64::is_finite),
                "node {node}, unit {unit}: {value:?} in the results"
            );
        }
    }
    for (node, w) in results.weights.iter().enumerate() {
        assert!(w.is_finite(), "node {node}: weight {w}");
    }
}

#[test]
fn huge_weights_give_finite_scores() {
    // Weights of 1e308 are finite and valid; only their sum overflows.
    match build("good.iData.csv", "huge_weights.iMeta.csv", None) {
        Ok(results) => {
            assert_finite(&results);
            let equal = build("good.iData.csv", "good.iMeta.csv", None).unwrap();
            assert_eq!(
                results.values(NodeId::new(2)),
                equal.values(NodeId::new(2)),
                "equal weights, same scores"
            );
        }
        Err(e) => {
            assert!(e.to_string().contains("Weight"), "{e}");
        }
    }
}

#[test]
fn huge_min_max_bounds_give_finite_scores() {
    match build(
        "good.iData.csv",
        "good.iMeta.csv",
        Some("huge_min_max.spec.json"),
    ) {
        Ok(results) => assert_finite(&results),
        Err(e) => assert!(matches!(e.kind(), ErrorKind::Spec { .. }), "{e}"),
    }
}

#[test]
fn a_huge_reference_row_gives_finite_scores() {
    // The national-average row does not move the bounds, so its min-max score can overflow.
    match build("huge_reference.iData.csv", "good.iMeta.csv", None) {
        Ok(results) => assert_finite(&results),
        Err(e) => {
            assert!(
                matches!(e.kind(), ErrorKind::Overflow { node } if node == "x"),
                "{e}"
            );
            assert_eq!(e.code(), "overflow");
            assert!(e.to_string().contains("unit 'R'"), "{e}");
        }
    }
}

#[test]
fn absurd_rounding_is_rejected_before_running() {
    // Formatting a score with four billion decimals would allocate gigabytes per value: the
    // spec must be refused before any run.
    let (meta, ds) = coin("good.iData.csv", "good.iMeta.csv").unwrap();
    let outcome =
        spec("huge_round.spec.json").and_then(|s| Plan::compile(&meta.framework, &ds, &s));
    assert_error!(outcome, ErrorKind::Spec { .. }, ["round"]);
}

#[test]
fn screening_share_outside_zero_one_is_a_spec_error() {
    let (meta, ds) = coin("good.iData.csv", "good.iMeta.csv").unwrap();
    let outcome =
        spec("screen_share.spec.json").and_then(|s| Plan::compile(&meta.framework, &ds, &s));
    assert_error!(outcome, ErrorKind::Spec { .. }, ["min_share"]);
}

#[test]
fn an_implausible_magnitude_is_flagged_and_replayed_alike() {
    // 1e300 among values near 50 squashes the others' min-max scores to about 0: it is kept,
    // and flagged in the step report, natively and in a compiled document's replay.
    let (meta, dataset) = coin("implausible.iData.csv", "good.iMeta.csv").unwrap();
    let plan = Plan::compile(&meta.framework, &dataset, &BuildSpec::default()).unwrap();
    let results = plan.run(&dataset, dataset.last_period()).unwrap();
    let x = meta.framework.index_of("x").unwrap();
    let b = dataset.unit_index("B").unwrap();
    assert_eq!(
        results.report.implausible,
        [yardstick::pipeline::report::Cell::new(b, x)]
    );
    let document = yardstick::io::document::Document::compile(&plan, &dataset).unwrap();
    let compiled = document.load().unwrap();
    let replayed = compiled
        .recorded
        .run(
            &compiled.plan,
            &compiled.dataset,
            compiled.dataset.last_period(),
        )
        .unwrap();
    assert_eq!(replayed.report.implausible, results.report.implausible);

    // A consuming run keeps the treated column that holds the flagged cell, so the warning
    // can show its value, and releases the others.
    let mut consumed = dataset.clone();
    let lean = plan
        .run_consuming(&mut consumed, dataset.last_period())
        .unwrap();
    assert_eq!(lean.report.implausible, results.report.implausible);
    assert_eq!(lean.values, results.values);
    assert_eq!(lean.treated[x.index()], results.treated[x.index()]);
    for i in meta.framework.indicators().filter(|&i| i != x) {
        assert!(lean.treated[i.index()].is_empty(), "{i:?} released");
    }
}

// ---------------------------------------------------------------------------------------------
// Targets files.

fn targets(name: &str) -> yardstick::Result<yardstick::model::target::Targets> {
    let (meta, dataset) = coin("good_panel.iData.csv", "good.iMeta.csv")
        .expect("the input files themselves are valid");
    io::read_targets(&corpus(name), name, &meta.framework, &dataset)
}

#[test]
fn targets_files_are_read_or_refused_with_their_place() {
    let good = targets("good.targets.csv").unwrap();
    assert_eq!(good.len(), 3);
    let b = UnitId::new(1);
    assert_eq!(good.get(NodeId::new(0), b).map(|t| t.value), Some(5.0));
    assert_eq!(
        good.get(NodeId::new(0), UnitId::new(0))
            .map(|t| (t.value, t.baseline_year)),
        Some((3.0, Some(2019)))
    );
    assert_eq!(targets("bom_crlf.targets.csv").unwrap().len(), 1);
    assert_error!(
        targets("unknown_code.targets.csv"),
        ErrorKind::Value { .. },
        [
            "unknown_code.targets.csv",
            "row 2",
            "column 'iCode'",
            "'nope'"
        ]
    );
    assert_error!(
        targets("unknown_unit.targets.csv"),
        ErrorKind::Value { .. },
        ["row 2", "column 'uCode'", "unit 'ZZ'"]
    );
    assert_error!(
        targets("duplicate.targets.csv"),
        ErrorKind::Duplicate {
            first_line: Some(2),
            ..
        },
        ["row 4", "unit 'A'", "indicator 'x'"]
    );
    assert_error!(
        targets("duplicate_all_units.targets.csv"),
        ErrorKind::Duplicate {
            first_line: Some(2),
            ..
        },
        ["row 3", "every unit"]
    );
    assert_error!(
        targets("past_deadline.targets.csv"),
        ErrorKind::Value { .. },
        ["row 2", "column 'year'", "a deadline after 2019"]
    );
    assert_error!(
        targets("baseline_after_deadline.targets.csv"),
        ErrorKind::Value { .. },
        ["column 'baseline_year'", "before the deadline 2025"]
    );
    for name in ["nan.targets.csv", "huge.targets.csv"] {
        assert_error!(
            targets(name),
            ErrorKind::Value { .. },
            [name, "row 2", "column 'target'", "finite"]
        );
    }
    assert_error!(
        targets("text_year.targets.csv"),
        ErrorKind::Value { .. },
        ["column 'year'", "'twenty'"]
    );
    assert_error!(
        targets("no_year.targets.csv"),
        ErrorKind::Structure { .. },
        ["no_year.targets.csv", "a column named 'year'"]
    );
    assert_error!(
        targets("ragged.targets.csv"),
        ErrorKind::Structure { .. },
        ["ragged.targets.csv", "row 2"]
    );
    assert_error!(
        targets("non_utf8.targets.csv"),
        ErrorKind::Structure { .. },
        ["row 2", "UTF-8"]
    );
    assert_error!(
        targets("unterminated.targets.csv"),
        ErrorKind::Structure { .. },
        ["row 2", "closing double quote"]
    );
    assert_error!(
        targets("empty.csv"),
        ErrorKind::Structure { .. },
        ["empty.csv", "header"]
    );
}
