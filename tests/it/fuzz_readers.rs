//! Fuzz-style robustness: random bytes, random CSV-like text and mutated copies of the real
//! DEDI and ASEM files go through every reader (and, when a mutant still reads, through the
//! default pipeline). Each call must return `Ok` or an `Err` with a message; a panic fails.
//!
//! Case counts are chosen so that this module runs in a few seconds in debug mode.

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use yardstick::io::{self, Meta};
use yardstick::{BuildSpec, Dataset, Plan};

use crate::shared::data_bytes;

/// Random byte strings (each one goes to the spec reader and one CSV reader).
const RANDOM_BYTES_CASES: u32 = 5_000;
/// Random text over the CSV alphabet.
const CSV_ALPHABET_CASES: u32 = 4_000;
/// Random CSV assembled from meaningful tokens (column names, types, numbers).
const TOKEN_CSV_CASES: u32 = 4_000;
/// Mutants of the small DEDI files.
const DEDI_MUTANT_CASES: u32 = 1_000;
/// Mutants of the ASEM files (51 units × 60 columns; slower per case).
const ASEM_MUTANT_CASES: u32 = 300;
/// Mutants of a long panel.
const LONG_MUTANT_CASES: u32 = 1_000;
/// Mutants of a full build spec.
const SPEC_MUTANT_CASES: u32 = 1_500;

/// Most edits applied to one mutant.
const MAX_EDITS: usize = 8;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        // Failures are reported with their shrunk input; no regression files in the tree.
        failure_persistence: None,
        ..ProptestConfig::with_cases(cases)
    }
}

fn repo_bytes(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

struct Corpus {
    dedi_data: Vec<u8>,
    dedi_meta: Vec<u8>,
    dedi_meta_parsed: Meta,
    dedi_dataset: Dataset,
    asem_data: Vec<u8>,
    asem_meta: Vec<u8>,
    asem_meta_parsed: Meta,
    long: Vec<u8>,
    spec: String,
}

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dedi_data = repo_bytes("data/dedi/iData.csv");
        let dedi_meta = repo_bytes("data/dedi/iMeta.csv");
        let asem_data = data_bytes("asem/iData.csv");
        let asem_meta = data_bytes("asem/iMeta.csv");
        let dedi_meta_parsed = io::read_meta(&dedi_meta, "iMeta.csv").expect("valid DEDI iMeta");
        let asem_meta_parsed = io::read_meta(&asem_meta, "iMeta.csv").expect("valid ASEM iMeta");
        let (_, dedi_dataset) =
            io::read_coin(&dedi_data, "iData.csv", &dedi_meta, "iMeta.csv").expect("valid DEDI");
        io::read_coin(&asem_data, "iData.csv", &asem_meta, "iMeta.csv").expect("valid ASEM");
        let long = long_panel(&dedi_data);
        io::read_long(&long, "long.csv", None).expect("valid long panel");
        let spec = SPEC.to_owned();
        BuildSpec::from_json(&spec).expect("valid spec");
        Corpus {
            dedi_data,
            dedi_meta,
            dedi_meta_parsed,
            dedi_dataset,
            asem_data,
            asem_meta,
            asem_meta_parsed,
            long,
            spec,
        }
    })
}

/// A two-year long panel built from DEDI's wide rows (plain CSV without quotes).
fn long_panel(wide: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(wide).expect("DEDI is UTF-8");
    let mut out = String::from("uCode,Time,iCode,value\n");
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        out.push_str(&format!("{},2020,DEDI,{}\n", cells[0], cells[5]));
        out.push_str(&format!("{},2019,DEDI,\n", cells[0]));
        out.push_str(&format!("{},2019,gdp,{}1\n", cells[0], cells[5]));
    }
    out.into_bytes()
}

/// Every section of the spec, without data-driven weights or treatment thresholds that would
/// make mutants slow.
const SPEC: &str = r#"{
  "denominate": false,
  "impute": {"method": "mean"},
  "screen": {"min_share": 0.5},
  "treat": {"default": {"method": "none"}},
  "normalise": {"default": {"method": "min_max", "low": 0, "high": 100},
                "indicators": {"DEDI": {"method": "goalposts", "min": 1, "max": 90,
                                        "cap": true, "log": true}}},
  "weights": {"default": {"method": "meta"}, "nodes": {"Index": {"method": "equal"}}},
  "aggregate": {"default": {"method": "amean"}, "levels": {"4": {"method": "gmean"}},
                "nodes": {"HDI": {"method": "gmean", "shift": 1}}, "min_share": 0.0},
  "rank": {"ties": "min", "round": 3}
}"#;

/// The result of one call: `Ok`, or an error that says something.
fn check<T>(result: yardstick::Result<T>) -> Result<Option<T>, TestCaseError> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            prop_assert!(!e.to_string().is_empty(), "empty message for {:?}", e);
            Ok(None)
        }
    }
}

/// Runs the default build on whatever read, so that readers cannot hand the pipeline data it
/// panics on.
fn build(meta: &Meta, data: &Dataset) -> Result<(), TestCaseError> {
    if let Some(plan) = check(Plan::compile(&meta.framework, data, &BuildSpec::default()))? {
        for period in data.period_ids() {
            check(plan.run(data, period))?;
        }
    }
    Ok(())
}

/// Number of CSV entry points that [`some_reader`] chooses from.
const READERS: u8 = 7;

/// Feeds `bytes` to the JSON spec reader (cheap) and to CSV reader number `which`: one CSV
/// reader per string keeps the debug-mode run short (a CSV parse costs ~0.2 ms unoptimised)
/// while every reader still sees thousands of strings.
fn some_reader(bytes: &[u8], which: u8) -> Result<(), TestCaseError> {
    let c = corpus();
    check(BuildSpec::from_json(&String::from_utf8_lossy(bytes)))?;
    match which % READERS {
        0 => check(io::read_meta(bytes, "iMeta.csv")).map(drop),
        1 => check(io::read_data(bytes, "iData.csv", None)).map(drop),
        2 => check(io::read_data(bytes, "iData.csv", Some(&c.dedi_meta_parsed))).map(drop),
        3 => check(io::read_long(bytes, "long.csv", None)).map(drop),
        4 => check(io::read_coin(bytes, "iData.csv", bytes, "iMeta.csv")).map(drop),
        5 => check(io::read_targets(
            bytes,
            "targets.csv",
            &c.dedi_meta_parsed.framework,
            &c.dedi_dataset,
        ))
        .map(drop),
        _ => check(io::read_coin(bytes, "iData.csv", &c.dedi_meta, "iMeta.csv")).map(drop),
    }
}

/// One edit of a mutant. Positions are fractions of the current length.
#[derive(Debug, Clone)]
enum Edit {
    Delete(Index),
    Insert(Index, u8),
    Replace(Index, u8),
    InsertText(Index, &'static str),
    DuplicateLine(Index),
    DeleteLine(Index),
    /// The next comma becomes a quote or the next quote a comma.
    SwapCommaQuote(Index),
    Truncate(Index),
}

/// Bytes that matter to a CSV or JSON parser, plus any byte.
fn interesting_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(b",\"\n\r;{}[]:-.e0 \t\\".to_vec()),
        1 => prop::sample::select(vec![0x00u8, 0x80, 0xC3, 0xE4, 0xEF, 0xBB, 0xBF, 0xFF]),
        1 => any::<u8>(),
    ]
}

const TOKENS: &[&str] = &[
    "NaN",
    "inf",
    "-inf",
    "1e400",
    "-1",
    "0",
    "2020.5",
    "99999999999999999999",
    "NA",
    ",,,",
    "\"\"",
    "\"",
    "\u{feff}",
    "\r\n",
    "\n\n",
    "Aggregate",
    "Indicator",
    "Group",
    "Denominator",
    "Index",
    "DEDI",
    "uCode",
    "Time",
    "aggregate",
    "全国",
    "null",
    "{}",
    "\"method\": \"gmean\"",
    "\"x\": 1",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => any::<Index>().prop_map(Edit::Delete),
        2 => (any::<Index>(), interesting_byte()).prop_map(|(i, b)| Edit::Insert(i, b)),
        2 => (any::<Index>(), interesting_byte()).prop_map(|(i, b)| Edit::Replace(i, b)),
        2 => (any::<Index>(), prop::sample::select(TOKENS)).prop_map(|(i, t)| Edit::InsertText(i, t)),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        1 => any::<Index>().prop_map(Edit::DeleteLine),
        2 => any::<Index>().prop_map(Edit::SwapCommaQuote),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..=MAX_EDITS)
}

/// The line around byte `at`: start and end (the end includes its `\n`).
fn line_around(bytes: &[u8], at: usize) -> (usize, usize) {
    let start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let end = bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| at + p + 1);
    (start, end)
}

fn mutate(base: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for e in edits {
        let len = bytes.len();
        // An index into the bytes (for removal) or a gap between them (for insertion).
        let at = |i: &Index| if len == 0 { 0 } else { i.index(len) };
        let gap = |i: &Index| i.index(len + 1);
        match e {
            Edit::Delete(i) if len > 0 => {
                bytes.remove(at(i));
            }
            Edit::Insert(i, b) => bytes.insert(gap(i), *b),
            Edit::Replace(i, b) if len > 0 => {
                let p = at(i);
                bytes[p] = *b;
            }
            Edit::InsertText(i, t) => {
                let p = gap(i);
                bytes.splice(p..p, t.bytes());
            }
            Edit::DuplicateLine(i) if len > 0 => {
                let (s, e) = line_around(&bytes, at(i));
                let mut line = bytes[s..e].to_vec();
                if line.last() != Some(&b'\n') {
                    line.insert(0, b'\n');
                }
                bytes.splice(e..e, line);
            }
            Edit::DeleteLine(i) if len > 0 => {
                let (s, e) = line_around(&bytes, at(i));
                bytes.drain(s..e);
            }
            Edit::SwapCommaQuote(i) if len > 0 => {
                let p = at(i);
                if let Some(q) = bytes[p..].iter().position(|&b| b == b',' || b == b'"') {
                    let b = &mut bytes[p + q];
                    *b = if *b == b',' { b'"' } else { b',' };
                }
            }
            Edit::Truncate(i) => bytes.truncate(gap(i)),
            _ => {}
        }
    }
    bytes
}

/// A CSV assembled from tokens that the readers look for, so that random input gets past the
/// header checks and reaches the cell and hierarchy logic.
fn token_csv() -> impl Strategy<Value = Vec<u8>> {
    let header_cell = prop::sample::select(vec![
        "uCode",
        "uName",
        "uType",
        "Time",
        "Year",
        "iCode",
        "Type",
        "Parent",
        "Level",
        "Weight",
        "Direction",
        "Denominator",
        "value",
        "x",
        "y",
        "DEDI",
        "uName_en",
    ]);
    let cell = prop::sample::select(vec![
        "",
        "A",
        "B",
        "x",
        "y",
        "Index",
        "DEDI",
        "Indicator",
        "Aggregate",
        "Group",
        "Denominator",
        "unit",
        "aggregate",
        "1",
        "-1",
        "0",
        "2.5",
        "2020",
        "2021",
        "NaN",
        "1e400",
        "NA",
        "\"q,q\"",
        " A ",
        "\u{1}",
    ]);
    (
        prop::collection::vec(header_cell, 1..7),
        prop::collection::vec(prop::collection::vec(cell, 0..8), 0..8),
        any::<bool>(),
    )
        .prop_map(|(header, rows, crlf)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = header.join(",") + end;
            for row in rows {
                text.push_str(&row.join(","));
                text.push_str(end);
            }
            text.into_bytes()
        })
}

proptest! {
    #![proptest_config(config(RANDOM_BYTES_CASES))]
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), which in 0..READERS) {
        some_reader(&bytes, which)?;
    }
}

proptest! {
    #![proptest_config(config(CSV_ALPHABET_CASES))]
    #[test]
    fn random_csv_alphabet_never_panics(text in "[A-Za-z0-9,\"\n\r .:{}\\-]{0,200}", which in 0..READERS) {
        some_reader(text.as_bytes(), which)?;
    }
}

proptest! {
    #![proptest_config(config(TOKEN_CSV_CASES))]
    #[test]
    fn token_csv_never_panics(bytes in token_csv(), which in 0..READERS) {
        some_reader(&bytes, which)?;
    }
}

proptest! {
    #![proptest_config(config(DEDI_MUTANT_CASES))]
    #[test]
    fn mutated_dedi_never_panics(data_edits in edits(), meta_edits in edits(), which in 0..3u8) {
        let c = corpus();
        // Mutate the data, the metadata, or both.
        let data = if which != 1 { mutate(&c.dedi_data, &data_edits) } else { c.dedi_data.clone() };
        let meta = if which != 0 { mutate(&c.dedi_meta, &meta_edits) } else { c.dedi_meta.clone() };
        check(io::read_data(&data, "iData.csv", None))?;
        if let Some((m, d)) = check(io::read_coin(&data, "iData.csv", &meta, "iMeta.csv"))? {
            build(&m, &d)?;
        }
    }
}

proptest! {
    #![proptest_config(config(ASEM_MUTANT_CASES))]
    #[test]
    fn mutated_asem_never_panics(data_edits in edits(), meta_edits in edits(), which in 0..3u8) {
        let c = corpus();
        let data = if which != 1 { mutate(&c.asem_data, &data_edits) } else { c.asem_data.clone() };
        let meta = if which != 0 { mutate(&c.asem_meta, &meta_edits) } else { c.asem_meta.clone() };
        if which == 0 {
            // The data alone against the valid metadata, which types the group columns.
            check(io::read_data(&data, "iData.csv", Some(&c.asem_meta_parsed)))?;
        }
        if let Some((m, d)) = check(io::read_coin(&data, "iData.csv", &meta, "iMeta.csv"))? {
            build(&m, &d)?;
        }
    }
}

proptest! {
    #![proptest_config(config(LONG_MUTANT_CASES))]
    #[test]
    fn mutated_long_panel_never_panics(e in edits()) {
        let c = corpus();
        let bytes = mutate(&c.long, &e);
        if let Some(d) = check(io::read_long(&bytes, "long.csv", None))? {
            if d.variable_index("DEDI").is_some() {
                build(&c.dedi_meta_parsed, &d)?;
            }
        }
    }
}

proptest! {
    #![proptest_config(config(SPEC_MUTANT_CASES))]
    #[test]
    fn mutated_spec_never_panics(e in edits()) {
        let c = corpus();
        let text = String::from_utf8_lossy(&mutate(c.spec.as_bytes(), &e)).into_owned();
        if let Some(spec) = check(BuildSpec::from_json(&text))? {
            // Whatever parses must compile or fail cleanly against real data.
            let (m, d) = io::read_coin(&c.dedi_data, "iData.csv", &c.dedi_meta, "iMeta.csv")
                .expect("valid DEDI");
            if let Some(plan) = check(Plan::compile(&m.framework, &d, &spec))? {
                check(plan.run(&d, d.last_period()))?;
            }
        }
    }
}
