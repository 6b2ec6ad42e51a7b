//! The CLI contract, run as a real process: COINr's ASEM output, the UNDP HDI example, and
//! exit code 2 with one line naming the place for bad input.

#[path = "cli/report.rs"]
mod report;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yardstick::PeriodId;

use yardstick::io::document::Document;
use yardstick::io::read_data;
use yardstick::Dataset;

/// Absolute tolerance on COINr's 0–100 scale (R sums in extended precision).
const COINR_ABS: f64 = 1e-9;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file of the data sets vendored in `data/`.
fn data_file(relative: &str) -> PathBuf {
    let path = repo().join("data").join(relative);
    assert!(path.exists(), "missing data file {}", path.display());
    path
}

fn yardstick(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs the CLI from the repository root, with paths as the README writes them.
fn yardstick_in_repo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yardstick"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the binary runs")
}

/// The standard output of a command that must succeed.
fn succeeded(out: Output) -> Vec<u8> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `command --data DATA --meta META` and then `rest`.
fn args<'a>(command: &'a str, data: &'a Path, meta: &'a Path, rest: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec![
        command,
        "--data",
        data.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
    ];
    all.extend_from_slice(rest);
    all
}

/// Runs a command that must succeed and returns its standard output.
fn yardstick_ok(args: &[&str]) -> String {
    String::from_utf8(succeeded(yardstick(args))).expect("UTF-8 output")
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
            match (
                got.column(g, PeriodId::new(0))[gu.index()],
                want.column(v, PeriodId::new(0))[u],
            ) {
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
    let dir = scratch("asem");
    let (scores, ranks) = (dir.join("scores.csv"), dir.join("ranks.csv"));
    yardstick_ok(&[
        "compute",
        "--data",
        data_file("asem/iData.csv").to_str().unwrap(),
        "--meta",
        data_file("asem/iMeta.csv").to_str().unwrap(),
        "--normalise",
        "minmax:0:100",
        "--aggregate",
        "amean",
        "--out",
        scores.to_str().unwrap(),
        "--ranks",
        ranks.to_str().unwrap(),
    ]);
    let header = std::fs::read_to_string(&scores).unwrap();
    assert!(header.starts_with("uCode,LPI,Flights,"), "iMeta order");
    assert_same_table(
        &table(&scores),
        &table(&data_file(
            "asem/coinr_reference/minmax_amean_aggregated.csv",
        )),
        COINR_ABS,
    );
    assert_same_table(
        &table(&ranks),
        &table(&data_file("asem/coinr_reference/minmax_amean_ranks.csv")),
        0.0,
    );
}

#[test]
fn hdi_example_writes_the_hdi_column() {
    let dir = scratch("hdi");
    let (scores, ranks) = (dir.join("hdi.csv"), dir.join("ranks.csv"));
    let examples = repo().join("examples/hdi");
    yardstick_ok(&[
        "compute",
        "--data",
        data_file("hdi/iData.csv").to_str().unwrap(),
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
    let got = table(&scores);
    let got_ranks = table(&ranks);
    let published = table(&data_file("hdi/official_sample.csv"));
    let (hdi, rank) = (
        got.variable_index("HDI").unwrap(),
        got_ranks.variable_index("HDI").unwrap(),
    );
    for (u, unit) in published.units().iter().enumerate() {
        let gu = got.unit_index(unit.code.as_str()).unwrap();
        // Written with 3 decimals, so the text is the published value exactly.
        assert_eq!(
            got.column(hdi, PeriodId::new(0))[gu.index()],
            published.column(0, PeriodId::new(0))[u],
            "{}",
            unit.code
        );
        assert_eq!(
            got_ranks.column(rank, PeriodId::new(0))[gu.index()],
            published.column(1, PeriodId::new(0))[u],
            "{}",
            unit.code
        );
    }
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_place() {
    let dir = scratch("bad");
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    std::fs::write(&data, "uCode,x\nA,1\nB,abc\n").unwrap();
    std::fs::write(&meta, "iCode,Type\nx,Indicator\n").unwrap();
    let out = yardstick(&args("compute", &data, &meta, &[]));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("iData.csv, row 3, column 'x'"), "{stderr}");
    let usage = yardstick(&["compute", "--data", data.to_str().unwrap()]);
    assert_eq!(usage.status.code(), Some(2));
}

fn seed_args<'a>(command: &'a str, extra: &[&'a str]) -> Vec<String> {
    let data = repo().join("data/dedi/iData.csv");
    let meta = repo().join("data/dedi/iMeta.csv");
    let mut args: Vec<String> = [
        command,
        "--data",
        data.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
        "--normalise",
        "none",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

#[test]
fn gap_prints_the_seed_figures_as_csv() {
    let args = seed_args("gap", &["--focus", "CN-GX", "--compare", "CN-GD"]);
    let text = yardstick_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cell = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(cell("iCode"), "DEDI");
    assert_eq!(cell("comparison"), "65.3");
    assert!((cell("gap").parse::<f64>().unwrap() - 39.1).abs() < 1e-12);
    assert_eq!(cell("rank_gap"), "6");
}

#[test]
fn gap_rejects_an_unknown_focus_with_exit_2() {
    let args = seed_args("gap", &["--focus", "CN-XX", "--compare", "leader"]);
    let out = yardstick(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("'CN-XX'"), "{stderr}");
    // The nearest codes of the data, and how many there are.
    assert!(stderr.contains("8 unit codes"), "{stderr}");
    assert!(stderr.contains("nearest: CN-GX"), "{stderr}");
}

#[test]
fn gap_rejects_an_unknown_code_in_a_comparison_group_naming_the_nearest() {
    let args = seed_args(
        "gap",
        &["--focus", "CN-GX", "--compare", "group:CN-GD,CN-ZX"],
    );
    let out = yardstick(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("'CN-ZX'"), "{stderr}");
    assert!(stderr.contains("nearest: CN-ZJ"), "{stderr}");
}

#[test]
fn catchup_on_a_panel_reports_both_growth_measures() {
    let dir = scratch("catchup");
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    // A doubles every 5 years (1 → 2), B stays at 4: at that rate A reaches B 5 years on.
    std::fs::write(
        &data,
        "uCode,Time,x\nA,2010,1\nA,2015,2\nB,2010,4\nB,2015,4\n",
    )
    .unwrap();
    std::fs::write(&meta, "iCode,Type\nx,Indicator\n").unwrap();
    let out = yardstick_ok(&args(
        "catchup",
        &data,
        &meta,
        &[
            "--focus",
            "A",
            "--compare",
            "B",
            "--indicator",
            "x",
            "--deadline",
            "2020",
        ],
    ));
    let text = out;
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let col = |name: &str| rows[0].iter().position(|h| *h == name).unwrap();
    assert_eq!(rows[1][0], "cagr");
    assert!((rows[1][col("years")].parse::<f64>().unwrap() - 5.0).abs() < 1e-9);
    // Trend: slope 0.2 a year against 0 → (4 − 2) / 0.2 = 10 years.
    assert_eq!(rows[2][0], "trend");
    assert!((rows[2][col("years")].parse::<f64>().unwrap() - 10.0).abs() < 1e-9);
    assert!(
        (rows[1][col("needed_cagr")].parse::<f64>().unwrap() - (2f64.powf(0.2) - 1.0)).abs()
            < 1e-12
    );
}

/// PySAL `inequality` 1.1.2 on the Mexico state income panel (values in
/// `tests/data/mexico/pysal_expected.json`, made by `tests/reference/mexico_inequality.py`).
#[test]
fn disparity_matches_pysal_on_the_mexico_panel() {
    const PYSAL_TOL: f64 = 1e-12;
    let dir = scratch("mexico");
    let source = std::fs::read_to_string(data_file("mexico/mexico.csv")).unwrap();
    // The PySAL table, one row per state, becomes a panel in COINr's wide layout.
    let mut panel = String::from("uCode,Time,region,gdp\n");
    let mut lines = source.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let region = header.iter().position(|h| *h == "hanson03").unwrap();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        for year in (1940..=2000).step_by(10) {
            let col = header
                .iter()
                .position(|h| *h == format!("pcgdp{year}"))
                .unwrap();
            panel += &format!(
                "\"{}\",{year},R{},{}\n",
                cells[0], cells[region], cells[col]
            );
        }
    }
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    std::fs::write(&data, panel).unwrap();
    std::fs::write(&meta, "iCode,Type\ngdp,Indicator\nregion,Group\n").unwrap();
    let out = yardstick_ok(&args(
        "disparity",
        &data,
        &meta,
        &["--column", "gdp", "--group", "region", "--format", "json"],
    ));
    let got: serde_json::Value = serde_json::from_str(&out).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/data/mexico/pysal_expected.json")).unwrap(),
    )
    .unwrap();
    let years = got["years"].as_array().unwrap();
    assert_eq!(years.len(), 7);
    for year in years {
        let y = year["year"].as_i64().unwrap().to_string();
        let want = &expected["theil"][&y]["hanson03"];
        let t = &year["theil_t_decomposition"];
        for (ours, theirs) in [
            ("total", "total"),
            ("between", "between"),
            ("within", "within"),
        ] {
            let (a, b) = (t[ours].as_f64().unwrap(), want[theirs].as_f64().unwrap());
            assert!((a - b).abs() <= PYSAL_TOL, "{y} {ours}: {a} vs {b}");
        }
    }
    assert!(
        got["beta_convergence"]["regression"]["slope"]
            .as_f64()
            .unwrap()
            < 0.0
    );
}

/// Opricovic & Tzeng (2004) as tested by pymcdm (`test_mcdm.py::TestTOPSIS`): closeness
/// 0.500, 0.617, 0.500 (three decimals).
#[test]
fn mcda_topsis_reproduces_the_published_case() {
    const PUBLISHED_3DP: f64 = 5e-4;
    let dir = scratch("topsis");
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    std::fs::write(&data, "uCode,C1,C2\nA1,1,3000\nA2,2,3750\nA3,5,4500\n").unwrap();
    std::fs::write(&meta, "iCode,Parent,Direction,Weight,Type\nC1,I,-1,0.5,Indicator\nC2,I,1,0.5,Indicator\nI,,1,1,Aggregate\n").unwrap();
    let out = yardstick_ok(&args("mcda", &data, &meta, &["--method", "topsis"]));
    let text = out;
    let scores: Vec<f64> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    for (got, want) in scores.iter().zip([0.500, 0.617, 0.500]) {
        assert!((got - want).abs() < PUBLISHED_3DP, "{got} vs {want}");
    }
}

#[test]
fn uncertainty_prints_rank_statistics_per_unit() {
    let (data, meta) = (data_file("asem/iData.csv"), data_file("asem/iMeta.csv"));
    let spec = repo().join("examples/asem/uncertainty.json");
    let run = || {
        let out = yardstick_ok(&args(
            "uncertainty",
            &data,
            &meta,
            &[
                "--spec",
                spec.to_str().unwrap(),
                "--runs",
                "300",
                "--seed",
                "1",
            ],
        ));
        out
    };
    let text = run();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("uCode,nominal,median,p05,p95,"),
        "{header}"
    );
    assert_eq!(lines.count(), 51);
    // The same seed prints the same bytes.
    assert_eq!(run(), text);
}

#[test]
fn audit_and_sensitivity_run_on_asem() {
    let data = data_file("asem/iData.csv");
    let meta = data_file("asem/iMeta.csv");
    let audit = yardstick_ok(&args("audit", &data, &meta, &["--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&audit).unwrap();
    assert_eq!(report["nodes"].as_array().unwrap().len(), 11);
    let sa = yardstick_ok(&args(
        "sensitivity",
        &data,
        &meta,
        &[
            "--spec",
            repo()
                .join("examples/asem/uncertainty.json")
                .to_str()
                .unwrap(),
            "--runs",
            "32",
            "--seed",
            "2",
        ],
    ));
    let text = sa;
    let factors: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(factors, ["treat", "normalise", "weights", "aggregate"]);
}

/// A fresh temporary folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yardstick-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The ranks file `compute` writes for these inputs and options.
fn compute_ranks(dir: &Path, data: &Path, meta: &Path, spec: &Path, extra: &[&str]) -> String {
    let ranks = dir.join("ranks.csv");
    let mut args = vec![
        "compute",
        "--data",
        data.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
        "--spec",
        spec.to_str().unwrap(),
        "--ranks",
        ranks.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    yardstick_ok(&args);
    std::fs::read_to_string(ranks).unwrap()
}

/// Every node's ranks in the latest year of a compiled document, replayed by the library.
fn document_ranks(document: &str) -> Vec<(String, Vec<Option<f64>>)> {
    let compiled = Document::from_json(document)
        .expect("a compiled document")
        .load()
        .expect("it loads");
    let last = compiled.dataset.last_period();
    let results = compiled
        .recorded
        .run(&compiled.plan, &compiled.dataset, last)
        .unwrap();
    let fw = &compiled.framework;
    fw.ids()
        .map(|n| (fw.node(n).code.to_string(), results.ranks(n).to_vec()))
        .collect()
}

/// Every column of a ranks file that `compute` wrote.
fn file_ranks(text: &str) -> Vec<(String, Vec<Option<f64>>)> {
    let ranks = read_data(text.as_bytes(), "ranks.csv", None).unwrap();
    (0..ranks.variables().len())
        .map(|v| {
            (
                ranks.variables()[v].clone(),
                ranks.column(v, PeriodId::new(0)).to_vec(),
            )
        })
        .collect()
}

#[test]
fn export_widget_round_trips_through_compute() {
    let (data, meta) = (data_file("asem/iData.csv"), data_file("asem/iMeta.csv"));
    let spec = repo().join("examples/asem/coinr_example_build.json");
    let mut ranks = Vec::new();
    for (name, extra) in [
        ("as-given", &[][..]),
        ("overridden", &["--normalise", "rank"][..]),
    ] {
        let dir = scratch(&format!("export-{name}"));
        let mut args = vec![
            "export",
            "--widget",
            "--data",
            data.to_str().unwrap(),
            "--meta",
            meta.to_str().unwrap(),
            "--spec",
            spec.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let document = yardstick_ok(&args);
        // Overrides are compiled in, so the document alone gives the command line's build.
        let want = file_ranks(&compute_ranks(&dir, &data, &meta, &spec, extra));
        assert_eq!(document_ranks(&document), want, "{name}");
        ranks.push(want);
    }
    assert_ne!(ranks[0], ranks[1], "the override changes the ranking");
}

#[test]
fn export_widget_rejects_bad_input_with_exit_2_naming_the_place() {
    let dir = scratch("export-bad");
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    std::fs::write(&meta, "iCode,Type\nx,Indicator\n").unwrap();
    let export = || {
        yardstick(&[
            "export",
            "--widget",
            "--data",
            data.to_str().unwrap(),
            "--meta",
            meta.to_str().unwrap(),
        ])
    };
    let one_line_error = |out: Output| {
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty(), "no document on failure");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        stderr
    };
    std::fs::write(&data, "uCode,x\nA,1\nB,abc\n").unwrap();
    let stderr = one_line_error(export());
    assert!(stderr.contains("iData.csv, row 3, column 'x'"), "{stderr}");
    // `compute` builds the latest year only; the widget's slider reaches 2019 as well.
    std::fs::write(
        &data,
        "uCode,Time,x\nA,2019,1\nB,2019,1\nA,2020,1\nB,2020,2\n",
    )
    .unwrap();
    let stderr = one_line_error(export());
    assert!(
        stderr.contains("iData.csv, indicator 'x', year 2019: zero range"),
        "{stderr}"
    );
}

/// The compiled documents in `www/data/` and the arguments that make each from the repository
/// root (with `--out www/data/NAME`).
const WIDGET_DOCUMENTS: [(&str, &[&str]); 4] = [
    (
        "dedi.json",
        &[
            "--data",
            "data/dedi/iData.csv",
            "--meta",
            "data/dedi/iMeta.csv",
            "--spec",
            "www/data/sources/dedi.build.json",
        ],
    ),
    (
        "asem.json",
        &[
            "--data",
            "data/asem/iData.csv",
            "--meta",
            "data/asem/iMeta.csv",
        ],
    ),
    (
        "cn-provinces.json",
        &[
            "--data",
            "examples/provinces/iData.csv",
            "--meta",
            "examples/provinces/iMeta.csv",
            "--spec",
            "examples/provinces/build.json",
            "--targets",
            "examples/provinces/targets.csv",
        ],
    ),
    (
        "xss.json",
        &[
            "--data",
            "www/data/sources/xss/iData.csv",
            "--meta",
            "www/data/sources/xss/iMeta.csv",
        ],
    ),
];

/// To update them after a change of the format or the data:
/// `YARDSTICK_BLESS=1 cargo test -p yardstick-cli --test cli export_regenerates`.
#[test]
fn export_regenerates_the_committed_widget_documents() {
    for (name, inputs) in WIDGET_DOCUMENTS {
        let args = [&["export", "--widget"][..], inputs].concat();
        let exported = succeeded(yardstick_in_repo(&args));
        let path = repo().join("www/data").join(name);
        if std::env::var_os("YARDSTICK_BLESS").is_some() {
            std::fs::write(&path, &exported).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        // Not assert_eq: a document is tens of KB.
        assert!(
            exported == committed,
            "www/data/{name} is stale; from the repository root, run \
             cargo run -p yardstick-cli -- {} --out www/data/{name}",
            args.join(" ")
        );
    }
}

/// `examples/provinces/` holds the official panel's values unchanged (every indicator, every
/// province, every year of the file) and the spec of `examples/provinces_benchmark.rs`.
#[test]
fn provinces_inputs_copy_the_official_panel() {
    let folder = repo().join("examples/provinces");
    let (_, wide) =
        yardstick::io::read_coin_files(&folder.join("iData.csv"), &folder.join("iMeta.csv"))
            .unwrap();
    let panel = data_file("cn-provinces/panel.csv");
    let long =
        yardstick::io::read_long(&std::fs::read(&panel).unwrap(), "panel.csv", None).unwrap();
    let provinces = std::fs::read_to_string(data_file("cn-provinces/provinces.csv")).unwrap();
    assert_eq!(wide.n_units(), 31);
    assert_eq!(
        wide.periods(),
        (2011..=2023).map(Some).collect::<Vec<_>>(),
        "the years every indicator of the index shares"
    );
    let mut compared = 0;
    for line in provinces.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let (gb, iso) = (fields[0], fields[1]);
        let (w, l) = (wide.unit_index(iso).unwrap(), long.unit_index(gb).unwrap());
        for p in wide.period_ids() {
            let year = wide.year(p);
            let lp = long.period_of_year(year.unwrap()).unwrap();
            for (v, name) in wide.variables().iter().enumerate() {
                let lv = long.variable_index(name).unwrap();
                assert_eq!(
                    wide.column(v, p)[w.index()],
                    long.column(lv, lp)[l.index()],
                    "{iso} {year:?} {name}"
                );
                assert!(wide.column(v, p)[w.index()].is_some());
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 31 * 13 * 4);
    let spec = std::fs::read_to_string(folder.join("build.json")).unwrap();
    let spec = yardstick::BuildSpec::from_json(&spec).unwrap();
    assert!(spec.schema.is_some(), "the example names its schema");
    assert_eq!(
        yardstick::BuildSpec {
            schema: None,
            ..spec
        },
        yardstick::BuildSpec::default(),
        "the example builds with the default spec"
    );
}

#[test]
fn export_html_escapes_text_from_the_data() {
    let dir = scratch("html-hostile");
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    std::fs::write(
        &meta,
        "iCode,iName,Level,Parent,Type\n\
         x,x,1,idx,Indicator\n\
         idx,\"Tom & \"\"Jerry's\"\" <b>index</b>\",2,,Aggregate\n",
    )
    .unwrap();
    std::fs::write(
        &data,
        "uCode,uName,uType,x\n\
         A,<img src=x onerror=alert(1)>,unit,1\n\
         B,Bee,unit,3\n\
         C,</table><script>alert(2)</script>,aggregate,2\n",
    )
    .unwrap();
    let html = yardstick_ok(&[
        "export",
        "--html",
        "--data",
        data.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
        "--focus",
        "A",
    ]);
    assert!(
        html.contains(
            "<tr class=\"ys-focus\"><td class=\"ys-number\">2</td>\
             <th scope=\"row\">&lt;img src=x onerror=alert(1)&gt;</th>"
        ),
        "{html}"
    );
    assert!(
        html.contains("&lt;/table&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains(
            "<caption>Tom &amp; &quot;Jerry&#39;s&quot; &lt;b&gt;index&lt;/b&gt;：排名与得分</caption>"
        ),
        "{html}"
    );
    for raw in ["<img", "<script", "<b>", "</table><"] {
        assert!(!html.contains(raw), "{raw} unescaped in {html}");
    }
    assert_eq!(html.matches("</table>").count(), 1, "{html}");
}

#[test]
fn export_html_rejects_an_unknown_focus_with_exit_2() {
    let out = yardstick_in_repo(&[
        "export",
        "--html",
        "--data",
        "data/dedi/iData.csv",
        "--meta",
        "data/dedi/iMeta.csv",
        "--focus",
        "CN-XX",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no table on failure");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("'CN-XX'"), "{stderr}");
}

/// The demo pages and the arguments, from the repository root, of the ranking table inside
/// their `<yardstick-widget>`: the seed page's spec is the widget's built-in one
/// (`SEED_SPEC` in www/yardstick-widget.js, `{"normalise": {"default": {"method": "none"}}}`).
const PAGE_TABLES: [(&str, &[&str]); 2] = [
    (
        "www/index.html",
        &[
            "export",
            "--html",
            "--data",
            "data/dedi/iData.csv",
            "--meta",
            "data/dedi/iMeta.csv",
            "--normalise",
            "none",
            "--lang",
            "en",
            "--focus",
            "CN-GX",
        ],
    ),
    (
        "www/provinces.html",
        &[
            "export",
            "--html",
            "--data",
            "examples/provinces/iData.csv",
            "--meta",
            "examples/provinces/iMeta.csv",
            "--spec",
            "examples/provinces/build.json",
            "--lang",
            "zh-CN",
            "--focus",
            "CN-GX",
        ],
    ),
];

#[test]
fn export_html_regenerates_the_tables_of_the_demo_pages() {
    for (page, args) in PAGE_TABLES {
        let table = String::from_utf8(succeeded(yardstick_in_repo(args))).unwrap();
        let committed = std::fs::read_to_string(repo().join(page)).unwrap();
        assert!(
            committed.contains(&table),
            "the ranking table in {page} is stale; from the repository root, replace the \
             <table> inside <yardstick-widget> with the output of \
             cargo run -p yardstick-cli -- {}",
            args.join(" ")
        );
    }
}

/// The standard error of a command that must fail with exit code 2.
fn usage_error(args: &[&str]) -> String {
    let out = yardstick(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    String::from_utf8(out.stderr).expect("UTF-8 stderr")
}

/// `--data DATA --meta META`, then `extra`.
fn with_inputs<'a>(data: &'a Path, meta: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "--data",
        data.to_str().unwrap(),
        "--meta",
        meta.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn version_prints_the_package_version() {
    let out = yardstick_ok(&["--version"]);
    assert_eq!(out, format!("yardstick {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn each_command_has_its_own_help_with_only_its_flags() {
    let top = yardstick_ok(&["--help"]);
    for command in [
        "compute",
        "validate",
        "gap",
        "catchup",
        "disparity",
        "mcda",
        "uncertainty",
        "sensitivity",
        "audit",
        "export",
        "report",
        "completions",
    ] {
        assert!(top.contains(command), "{command} listed in {top}");
        let help = yardstick_ok(&[command, "--help"]);
        assert_ne!(help, top, "{command}");
        assert!(help.contains("Examples:"), "{command}: {help}");
    }
    let compute = yardstick_ok(&["compute", "--help"]);
    for flag in ["--data", "--meta", "--spec", "--normalise", "--aggregate"] {
        assert!(compute.contains(flag), "{flag} in {compute}");
    }
    for flag in [
        "--ties", "--round", "--year", "--format", "--out", "--ranks",
    ] {
        assert!(compute.contains(flag), "{flag} in {compute}");
    }
    for flag in ["--deadline", "--focus", "--compare", "--widget", "--runs"] {
        assert!(!compute.contains(flag), "{flag} in {compute}");
    }
    assert!(yardstick_ok(&["catchup", "--help"]).contains("--deadline"));
    // Without a command: the help, as before.
    assert_eq!(yardstick_ok(&[]).trim_end(), top.trim_end());
}

#[test]
fn an_unknown_command_is_named_with_the_nearest_one() {
    let stderr = usage_error(&["frobnicate"]);
    assert!(stderr.contains("'frobnicate'"), "{stderr}");
    let stderr = usage_error(&["comptue", "--data", "d.csv", "--meta", "m.csv"]);
    assert!(stderr.contains("'comptue'"), "{stderr}");
    assert!(
        stderr.contains("'compute'"),
        "the similar command: {stderr}"
    );
    let stderr = usage_error(&[
        "compute", "--data", "d.csv", "--meta", "m.csv", "--formt", "json",
    ]);
    assert!(stderr.contains("'--format'"), "the similar flag: {stderr}");
}

#[test]
fn a_flag_of_another_command_is_rejected() {
    let (data, meta) = (data_file("dedi/iData.csv"), data_file("dedi/iMeta.csv"));
    let stderr = usage_error(
        &[
            &["compute"][..],
            &with_inputs(&data, &meta, &["--deadline", "2030"]),
        ]
        .concat(),
    );
    assert!(stderr.contains("--deadline"), "{stderr}");
    // The HTML table's options do not apply to the widget document.
    let stderr = usage_error(
        &[
            &["export", "--widget"][..],
            &with_inputs(&data, &meta, &["--lang", "en"]),
        ]
        .concat(),
    );
    assert!(stderr.contains("--lang"), "{stderr}");
}

#[test]
fn the_build_specs_names_of_normalisations_are_accepted() {
    let scores = |set: &str, normalise: &str| {
        let (data, meta) = (
            data_file(&format!("{set}/iData.csv")),
            data_file(&format!("{set}/iMeta.csv")),
        );
        yardstick_ok(
            &[
                &["compute"][..],
                &with_inputs(&data, &meta, &["--normalise", normalise]),
            ]
            .concat(),
        )
    };
    for (set, spec, cli) in [
        ("asem", "min_max", "minmax"),
        ("asem", "z_score:100:10", "zscore:100:10"),
        ("dedi", "fraction_of_max", "fracmax"),
        ("dedi", "distance_to_reference:CN", "reference:CN"),
    ] {
        assert_eq!(scores(set, spec), scores(set, cli), "{spec}");
    }
    assert_ne!(scores("asem", "min_max"), scores("asem", "z_score"));
}

#[test]
fn a_bad_value_lists_the_accepted_ones() {
    let (data, meta) = (data_file("dedi/iData.csv"), data_file("dedi/iMeta.csv"));
    let stderr = |extra: &[&str]| {
        usage_error(&[&["compute"][..], &with_inputs(&data, &meta, extra)].concat())
    };
    let e = stderr(&["--normalise", "foo"]);
    assert!(e.contains("unknown normalisation 'foo'"), "{e}");
    for name in [
        "minmax[:LOW:HIGH]",
        "zscore[:MEAN:SD]",
        "reference:UNIT",
        "fracmax",
        "min_max",
    ] {
        assert!(e.contains(name), "{name} in {e}");
    }
    let e = stderr(&["--aggregate", "mean"]);
    assert!(e.contains("amean, gmean, hmean, power:P, mpi"), "{e}");
    let e = stderr(&["--ties", "max"]);
    assert!(e.contains("min, dense, average, first"), "{e}");
    let e = stderr(&["--format", "xml"]);
    assert!(e.contains("csv, long, json, table"), "{e}");
    let e = usage_error(
        &[
            &["mcda"][..],
            &with_inputs(&data, &meta, &["--method", "ahp"]),
        ]
        .concat(),
    );
    assert!(e.contains("topsis, topsis-vector, gra, coupling"), "{e}");
    let e = usage_error(
        &[
            &["mcda"][..],
            &with_inputs(&data, &meta, &["--weights", "pca"]),
        ]
        .concat(),
    );
    assert!(e.contains("meta, equal, entropy, critic, sd, cv"), "{e}");
    let e = usage_error(
        &[
            &["export", "--html"][..],
            &with_inputs(&data, &meta, &["--lang", "fr"]),
        ]
        .concat(),
    );
    assert!(e.contains("zh-CN, en"), "{e}");
}

#[test]
fn completions_print_a_script_for_the_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = yardstick_ok(&["completions", shell]);
        assert!(script.contains("yardstick"), "{shell}");
        assert!(script.contains("compute"), "{shell}");
    }
}

#[test]
fn validate_counts_in_the_singular_and_the_plural() {
    let (data, meta) = (data_file("dedi/iData.csv"), data_file("dedi/iMeta.csv"));
    let line = yardstick_ok(&[&["validate"][..], &with_inputs(&data, &meta, &[])].concat());
    assert_eq!(
        line,
        "ok: 8 units, 1 indicator, 0 aggregates, 1 period; \
         0 missing indicator cells in the computed period\n"
    );
}

/// A value a million times its indicator's typical magnitude is computed with, and named on
/// stderr so that the user knows.
#[test]
fn an_implausible_value_is_warned_of() {
    let out = yardstick_in_repo(&[
        "compute",
        "--data",
        "tests/hostile/implausible.iData.csv",
        "--meta",
        "tests/hostile/good.iMeta.csv",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr,
        "warning: unit 'B', indicator 'x': 1e300 is over a million times the indicator's \
         typical magnitude; the index uses it as it is\n"
    );
}

/// `yardstick progress` on a hand-made panel: every class of Eurostat and SDSN, per row.
#[test]
fn progress_classifies_every_unit_and_indicator_with_and_without_targets() {
    let dir = scratch("progress");
    let (data, meta, targets) = (
        dir.join("iData.csv"),
        dir.join("iMeta.csv"),
        dir.join("targets.csv"),
    );
    // x (higher is better): A 100 → 121 (10 % a year), B 100 → 96.04 (−2 %), C 5 → 5.5
    // (met), D has a gap in 2021. y (lower is better), no target: A 200 → 180 falls, so it
    // progresses; B rises.
    std::fs::write(
        &data,
        "uCode,Time,x,y\n\
         A,2020,100,200\nB,2020,100,180\nC,2020,5,1\nD,2020,1,1\n\
         A,2021,110,190\nB,2021,98,190\nC,2021,5.2,1\nD,2021,,1\n\
         A,2022,121,180\nB,2022,96.04,200\nC,2022,5.5,1\nD,2022,2,1\n",
    )
    .unwrap();
    // iMeta's target for x: 133.1 by 2023 (required 100 → 133.1 over 3 years = 10 %).
    std::fs::write(
        &meta,
        "iCode,Parent,Direction,Target,TargetYear,Type\nx,I,1,133.1,2023,Indicator\n\
         y,I,-1,,,Indicator\nI,,1,,,Aggregate\n",
    )
    .unwrap();
    // C's own target (5) overrides iMeta's.
    std::fs::write(&targets, "uCode,iCode,target,year\nC,x,5,2025\n").unwrap();
    let out = yardstick_ok(&args(
        "progress",
        &data,
        &meta,
        &["--targets", targets.to_str().unwrap()],
    ));
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split(',').collect()).collect();
    let col = |name: &str| rows[0].iter().position(|h| *h == name).unwrap();
    let cell = |unit: &str, code: &str, name: &str| {
        rows.iter()
            .find(|r| r[0] == unit && r[1] == code)
            .unwrap_or_else(|| panic!("no row {unit} {code}"))[col(name)]
        .to_owned()
    };
    assert_eq!(rows.len(), 1 + 8, "header + 4 units × 2 indicators");
    // A: a = r = 0.1 → ratio 1 → significant; reached in 2022 + ln(1.1)/ln(1.1) = 2023.
    assert_eq!(cell("A", "x", "class"), "significant_progress");
    assert!((cell("A", "x", "ratio").parse::<f64>().unwrap() - 1.0).abs() < 1e-9);
    assert!((cell("A", "x", "year_reached_cagr").parse::<f64>().unwrap() - 2023.0).abs() < 1e-9);
    // B: a = −0.02 → ratio −0.2 → moving away, never reached.
    assert_eq!(cell("B", "x", "class"), "moving_away");
    assert_eq!(cell("B", "x", "sdsn_trend"), "decreasing");
    assert_eq!(cell("B", "x", "year_reached_cagr"), "never");
    assert_eq!(cell("C", "x", "class"), "achieved");
    assert_eq!(cell("C", "x", "target"), "5");
    assert_eq!(cell("D", "x", "class"), "insufficient_data");
    assert_eq!(cell("D", "x", "reason"), "gap");
    // y has no target: −1 direction, A falls 5.13 % a year, B rises 5.41 %.
    assert_eq!(cell("A", "y", "class"), "significant_progress");
    assert_eq!(cell("B", "y", "class"), "significant_movement_away");
    assert_eq!(cell("C", "y", "class"), "moderate_progress");
    assert_eq!(cell("A", "y", "target"), "");
    // JSON has the same columns as keys; --focus keeps one unit.
    let json = yardstick_ok(&args(
        "progress",
        &data,
        &meta,
        &["--format", "json", "--focus", "D"],
    ));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows_json = value.as_array().unwrap();
    assert_eq!(rows_json.len(), 2);
    assert_eq!(rows_json[0]["uCode"], "D");
    assert_eq!(rows_json[0]["reason"]["code"], "gap");
    assert_eq!(rows_json[0]["reason"]["year"], 2021);
    assert_eq!(rows_json[0]["ratio"], serde_json::Value::Null);
    for key in rows[0].iter() {
        assert!(rows_json[0].get(*key).is_some(), "JSON lacks {key}");
    }
}

#[test]
fn progress_rejects_bad_targets_with_exit_2_naming_the_place() {
    let dir = scratch("progress_bad");
    let (data, meta, targets) = (
        dir.join("iData.csv"),
        dir.join("iMeta.csv"),
        dir.join("targets.csv"),
    );
    std::fs::write(&data, "uCode,Time,x\nA,2020,1\nA,2021,2\n").unwrap();
    std::fs::write(&meta, "iCode,Target,Type\nx,3,Indicator\n").unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "progress",
            "--data",
            data.to_str().unwrap(),
            "--meta",
            meta.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        yardstick(&args)
    };
    // iMeta's Target without TargetYear needs --deadline.
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("iMeta.csv, column 'TargetYear', indicator 'x'"),
        "{stderr}"
    );
    assert!(succeeded(run(&["--deadline", "2025"])).starts_with(b"uCode,iCode,"));
    for (text, place) in [
        (
            "uCode,iCode,target,year\n,nope,1,2025\n",
            "targets.csv, row 2, column 'iCode'",
        ),
        (
            "uCode,iCode,target,year\nZZ,x,1,2025\n",
            "targets.csv, row 2, column 'uCode'",
        ),
        (
            "uCode,iCode,target,year\nA,x,1,2025\nA,x,2,2030\n",
            "targets.csv, row 3, column 'iCode'",
        ),
        (
            "uCode,iCode,target,year\n,x,1,2020\n",
            "targets.csv, row 2, column 'year'",
        ),
    ] {
        std::fs::write(&targets, text).unwrap();
        let out = run(&["--deadline", "2025", "--targets", targets.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(place), "{stderr}");
    }
    let out = run(&["--deadline", "2025", "--window", "2019:2021"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The README's command on the provinces example and its illustrative targets.
#[test]
fn progress_runs_on_the_provinces_example_targets() {
    let out = String::from_utf8(succeeded(yardstick_in_repo(&[
        "progress",
        "--data",
        "examples/provinces/iData.csv",
        "--meta",
        "examples/provinces/iMeta.csv",
        "--targets",
        "examples/provinces/targets.csv",
        "--focus",
        "CN-GX",
    ])))
    .unwrap();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 1 + 4, "Guangxi on four indicators");
    // Guangxi's own R&D intensity target (1.2) overrides the one for every unit (2.5):
    // 0.78 (2020) → 0.84 (2023).
    let intensity = rows.iter().find(|r| r[1] == "rd_intensity").unwrap();
    assert_eq!(intensity[2], "1.2");
    let class = rows[0].iter().position(|h| *h == "class").unwrap();
    let (a, r) = (
        (0.84f64 / 0.78).powf(1.0 / 3.0) - 1.0,
        (1.2f64 / 0.78).powf(0.2) - 1.0,
    );
    assert!(a / r < 0.6 && a / r > 0.0, "{}", a / r);
    assert_eq!(intensity[class], "insufficient_progress");
}

/// `yardstick … | head`: a reader that stops reading ends the output quietly, with exit 0 and
/// nothing on stderr, whether the output is streamed (wide CSV) or written whole (long CSV).
/// The outputs are larger than a pipe holds, so the command is still writing when the read
/// end closes.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::fmt::Write as _;
    let dir = scratch("closed-pipe");
    let (data, meta) = (dir.join("iData.csv"), dir.join("iMeta.csv"));
    let mut text = String::from("uCode,a,b,c,d,e,f,g,h\n");
    for u in 0..4_000 {
        let _ = writeln!(
            text,
            "U{u},{}",
            (0..8)
                .map(|i| format!("{}.{}", u % 97 + i, u % 13))
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    std::fs::write(&data, text).unwrap();
    let mut meta_text = String::from("iCode,Level,Parent,Type,Weight,Direction\n");
    for code in ["a", "b", "c", "d", "e", "f", "g", "h"] {
        let _ = writeln!(meta_text, "{code},1,I,Indicator,1,1");
    }
    meta_text.push_str("I,2,,Aggregate,1,1\n");
    std::fs::write(&meta, meta_text).unwrap();
    for format in ["csv", "long"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yardstick"))
            .args(["compute", "--data", data.to_str().unwrap(), "--meta"])
            .args([meta.to_str().unwrap(), "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

/// A file that cannot be read or an output that cannot be written: exit 2, one line that
/// names the file and says which.
#[test]
fn unreadable_input_and_unwritable_output_say_which() {
    let missing = yardstick(&[
        "compute",
        "--data",
        "no/such/iData.csv",
        "--meta",
        "no/such/iMeta.csv",
    ]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8(missing.stderr).unwrap();
    assert!(stderr.contains("iData.csv: cannot read: "), "{stderr}");
    let args = seed_args("compute", &["--out", "/no/such/dir/scores.csv"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = yardstick(&args);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("scores.csv: cannot write: "), "{stderr}");
}
