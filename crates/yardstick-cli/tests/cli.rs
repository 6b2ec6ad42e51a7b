//! The CLI contract, run as a real process: COINr's ASEM output, the UNDP HDI example, and
//! exit code 2 with one line naming the place for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use yardstick::io::read_data;
use yardstick::Dataset;

/// Absolute tolerance on COINr's 0–100 scale (R sums in extended precision).
const COINR_ABS: f64 = 1e-9;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared(relative: &str) -> PathBuf {
    let path = repo().join("../shared/data").join(relative);
    assert!(path.exists(), "missing shared data file {}", path.display());
    path
}

fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Reads a wide table (`uCode` + numeric columns) with the library's own reader.
fn table(path: &Path) -> Dataset {
    read_data(
        &std::fs::read(path).unwrap(),
        &path.display().to_string(),
        None,
    )
    .unwrap()
}

fn assert_same_table(got: &Dataset, want: &Dataset, tolerance: f64) {
    assert_eq!(got.n_units(), want.n_units());
    for (v, name) in want.variables().iter().enumerate() {
        let g = got
            .variable_index(name)
            .unwrap_or_else(|| panic!("column {name}"));
        for (u, unit) in want.units().iter().enumerate() {
            let gu = got.unit_index(unit.code.as_str()).unwrap();
            match (got.column(g, 0)[gu], want.column(v, 0)[u]) {
                (Some(a), Some(b)) => assert!(
                    (a - b).abs() <= tolerance,
                    "{}/{name}: {a} vs {b}",
                    unit.code
                ),
                (a, b) => assert_eq!(a, b, "{}/{name}", unit.code),
            }
        }
    }
}

#[test]
fn compute_reproduces_coinr_on_asem() {
    let dir = std::env::temp_dir().join(format!("yardstick-cli-asem-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (scores, ranks) = (dir.join("scores.csv"), dir.join("ranks.csv"));
    let out = yardstick(&[
        "compute",
        "--data",
        shared("asem/iData.csv").to_str().unwrap(),
        "--meta",
        shared("asem/iMeta.csv").to_str().unwrap(),
        "--normalise",
        "minmax:0:100",
        "--aggregate",
        "amean",
        "--out",
        scores.to_str().unwrap(),
        "--ranks",
        ranks.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let header = std::fs::read_to_string(&scores).unwrap();
    assert!(header.starts_with("uCode,LPI,Flights,"), "iMeta order");
    assert_same_table(
        &table(&scores),
        &table(&shared("asem/coinr_reference/minmax_amean_aggregated.csv")),
        COINR_ABS,
    );
    assert_same_table(
        &table(&ranks),
        &table(&shared("asem/coinr_reference/minmax_amean_ranks.csv")),
        0.0,
    );
}

#[test]
fn hdi_example_writes_the_hdi_column() {
    let dir = std::env::temp_dir().join(format!("yardstick-cli-hdi-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (scores, ranks) = (dir.join("hdi.csv"), dir.join("ranks.csv"));
    let examples = repo().join("examples/hdi");
    let out = yardstick(&[
        "compute",
        "--data",
        shared("hdi/iData.csv").to_str().unwrap(),
        "--meta",
        examples.join("iMeta.csv").to_str().unwrap(),
        "--spec",
        examples.join("build.json").to_str().unwrap(),
        "--ties",
        "min",
        "--round",
        "3",
        "--out",
        scores.to_str().unwrap(),
        "--ranks",
        ranks.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = table(&scores);
    let got_ranks = table(&ranks);
    let published = table(&shared("hdi/official_sample.csv"));
    let (hdi, rank) = (
        got.variable_index("HDI").unwrap(),
        got_ranks.variable_index("HDI").unwrap(),
    );
    for (u, unit) in published.units().iter().enumerate() {
        let gu = got.unit_index(unit.code.as_str()).unwrap();
        // Written with 3 decimals, so the text is the published value exactly.
        assert_eq!(
            got.column(hdi, 0)[gu],
            published.column(0, 0)[u],
            "{}",
            unit.code
        );
        assert_eq!(
            got_ranks.column(rank, 0)[gu],
            published.column(1, 0)[u],
            "{}",
            unit.code
        );
    }
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_place() {
    let dir = std::env::temp_dir().join(format!("yardstick-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    std::fs::write(&data, "uCode,x\nA,1\nB,abc\n").unwrap();
    std::fs::write(&meta, "iCode,Type\nx,Indicator\n").unwrap();
    let out = yardstick(&[
        "compute",
        "--data",
        data.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("iData.csv, row 3, column 'x'"), "{stderr}");
    let usage = yardstick(&["compute", "--data", data.to_str().unwrap()]);
    assert_eq!(usage.status.code(), Some(2));
}
