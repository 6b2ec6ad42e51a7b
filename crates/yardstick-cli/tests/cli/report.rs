//! `yardstick report`: the brief's sentences with the seed's and the panel's own figures, in
//! Chinese and English; the workbook read back with calamine; names that are markup or
//! formulas kept as text in every file.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use yardstick::analysis::gap::{gap_table, Comparison};
use yardstick::{BuildSpec, Plan};

use super::{repo, scratch, yardstick, yardstick_ok};

/// A number read back from the workbook against the library's: rust_xlsxwriter writes the
/// shortest round-trip text of each f64 and calamine parses it back, so they agree to the
/// last bit; the tolerance only absorbs a parser that is one ulp off.
const XLSX_ROUND_TRIP: f64 = 1e-12;

/// The brief's files of a `yardstick report` run into a fresh folder.
struct Brief {
    dir: PathBuf,
    html: String,
    md: String,
}

impl Brief {
    fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn svg(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The Markdown and the HTML contain `sentence`, each with its own escapes (of the
    /// characters they escape, only `&` occurs in these sentences).
    fn says(&self, sentence: &str) {
        let md = sentence.replace('&', "\\&");
        assert!(self.md.contains(&md), "{md}\nnot in\n{}", self.md);
        let html = sentence.replace('&', "&amp;");
        assert!(self.html.contains(&html), "{html}\nnot in\n{}", self.html);
    }
}

fn report(name: &str, args: &[&str]) -> Brief {
    let dir = scratch(name);
    let mut all: Vec<&str> = vec!["report"];
    all.extend(args);
    let out = dir.to_str().unwrap().to_owned();
    all.extend(["--out", &out]);
    let listed = yardstick_ok(&all);
    let read =
        |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let brief = Brief {
        html: read("report.html"),
        md: read("report.md"),
        dir: dir.clone(),
    };
    for file in [
        "report.html",
        "report.md",
        "report.xlsx",
        "ranking.svg",
        "gaps.svg",
    ] {
        assert!(dir.join(file).exists(), "{file}");
        assert!(listed.contains(file), "{file} listed in {listed}");
    }
    brief
}

fn path(relative: &str) -> String {
    repo().join(relative).display().to_string()
}

/// A brief on the seed data (DEDI 2020 as published, raw scores) with these options.
fn seed_with(name: &str, options: &[&str]) -> Brief {
    let (data, meta) = (path("data/dedi/iData.csv"), path("data/dedi/iMeta.csv"));
    let mut args = vec!["--data", &data, "--meta", &meta, "--normalise", "none"];
    args.extend(options);
    report(name, &args)
}

/// The seed compared with the leader, the brief's benchmark group and the national average.
fn seed(name: &str, lang: &str) -> Brief {
    seed_with(
        name,
        &[
            "--focus",
            "CN-GX",
            "--compare",
            "leader",
            "--compare",
            "group:CN-ZJ,CN-FJ,CN-JS,CN-GD,CN-SH",
            "--compare",
            "CN",
            "--lang",
            lang,
        ],
    )
}

fn provinces(name: &str, lang: &str) -> Brief {
    report(
        name,
        &[
            "--data",
            &path("examples/provinces/iData.csv"),
            "--meta",
            &path("examples/provinces/iMeta.csv"),
            "--spec",
            &path("examples/provinces/build.json"),
            "--focus",
            "CN-GX",
            "--base-year",
            "2011",
            "--targets",
            &path("examples/provinces/targets.csv"),
            "--lang",
            lang,
        ],
    )
}

/// The sheets of a workbook by name, as calamine reads them.
fn sheets(file: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The rows of a sheet as calamine reads them, header first.
fn rows(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(x) => *x,
        Data::Int(n) => *n as f64,
        other => panic!("a number expected, found {other:?}"),
    }
}

/// The row whose first cell is `code`.
fn row_of<'a>(rows: &'a [Vec<Data>], code: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| r[0] == Data::String(code.into()))
        .unwrap_or_else(|| panic!("no row {code}"))
}

#[test]
fn the_chinese_brief_states_the_seed_figures() {
    let b = seed("report-seed-zh", "zh-CN");
    // Source of the figures: data/dedi/README.md (Guangxi 26.2, Guangdong 65.3, national
    // average 29.6; 39.1 and 3.4 behind; the benchmark five's mean 50.62, 24.42 behind).
    b.says("2020年，广西的数字经济发展指数得分为26.2分，在参与排名的7个地区中居第7位。");
    b.says(
        "广西比排名首位的广东（65.3分）低39.1分，比浙江、福建、江苏、广东、上海的平均水平\
         （50.6分）低24.4分，比全国平均（29.6分）低3.4分。",
    );
    b.says("数据只有一个年份，无法测算追赶年限。");
    assert!(b.html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(b.html.contains("@page{size:A4"), "printable on A4");
    assert_eq!(b.html.matches("<svg ").count(), 2, "charts inline");
    for external in ["<script", "<link", "src=", "href=", "url("] {
        assert!(!b.html.contains(external), "{external}: self-contained");
    }
    assert!(!b.file("trend.svg").exists(), "one year has no trend");
    assert!(b.file("gaps.svg").exists());
    let ranking = b.svg("ranking.svg");
    assert!(ranking
        .contains("<title id=\"ranking-title\">数字经济发展指数得分与排名（2020年）</title>"));
    assert!(ranking.contains("<desc id=\"ranking-desc\">"));
    assert!(
        ranking.contains("font-weight=\"bold\">广西</text>"),
        "the focus is marked"
    );
    assert!(ranking.contains("全国平均（不参与排名）"));
    let gaps = b.svg("gaps.svg");
    assert!(
        gaps.contains(">39.1</text>") && gaps.contains(">3.4</text>"),
        "{gaps}"
    );
}

#[test]
fn the_english_brief_states_the_seed_figures() {
    let b = seed("report-seed-en", "en");
    b.says(
        "In 2020, Guangxi scores 26.2 on the Digital Economy Development Index, ranking 7th \
         of 7.",
    );
    b.says(
        "Guangxi is 39.1 points behind the leader Guangdong (65.3), 24.4 points behind the \
         mean of Zhejiang, Fujian, Jiangsu, Guangdong and Shanghai (50.6) and 3.4 points \
         behind National average (29.6).",
    );
    assert!(b.html.contains("<html lang=\"en\">"));
}

#[test]
fn the_panel_brief_states_the_rank_change_and_the_catch_up() {
    // Ranks from `yardstick compute` on the same inputs: Guangxi 23rd of 31 in 2011 and
    // 25th in 2023.
    let zh = provinces("report-panel-zh", "zh-CN");
    zh.says("2023年，广西的创新指数得分为5.5分，在参与排名的31个地区中居第25位。");
    zh.says("与2011年（第23位）相比，排名下降2位，降至第25位。");
    zh.says("与排名首位的广东相比，差距由2011年的68.5分扩大至82.1分。");
    zh.says("与排名首位的广东相比，差距主要来自专利产出（47.7分，占差距的58.2%）、研发投入");
    zh.says("后者高1.4个百分点），广西赶不上排名首位的广东。");
    zh.says("若要在2028年赶上排名首位的广东");
    let trend = zh.svg("trend.svg");
    assert!(trend.contains("<title>广西 2011:") && trend.contains("<title>广西 2023:"));
    // Progress toward examples/provinces/targets.csv, as `yardstick progress` assesses it
    // (checked against its output in the workbook test): R&D intensity 0.84 % in 2023
    // against 1.2 % in 2025, a difference of percentages; patents granted falling.
    zh.says("在4项设有目标的指标中，1项已实现或进展显著。");
    zh.says(
        "R&D经费投入强度：2023年为0.84%，距2025年的目标1.2%尚差0.4个百分点；\
         2020—2023年年均增长2.5%，按期达标需年均增长9.0%，评价为“进展不足”（→）。",
    );
    zh.says("国内三种专利授权数（合计）：2023年为34,115，距2025年的目标60,000尚差25,885；");
    zh.says("评价为“背离目标”（↓）。");
    let en = provinces("report-panel-en", "en");
    en.says("Since 2011 (23rd) it has moved down 2 places to 25th.");
    en.says("The gap to the leader Guangdong has widened from 68.5 points in 2011 to 82.1 points.");
    en.says("1.4 percentage points faster");
    en.says(
        "R&D intensity (R&D expenditure / GDP): 0.84% in 2023, 0.4 percentage points short of \
         the target of 1.2% for 2025; yearly growth 2.5% over 2020–2023, 9.0% needed: \
         insufficient progress (→).",
    );
}

#[test]
fn the_workbook_reads_back_with_the_computed_values() {
    let b = provinces("report-panel-xlsx", "zh-CN");
    let mut book = sheets(&b.file("report.xlsx"));
    assert_eq!(
        book.sheet_names(),
        [
            "得分",
            "排名",
            "差距",
            "追赶",
            "目标进展",
            "方法",
            "原始数据"
        ]
    );
    // The same index, computed by the library.
    let (meta, data) = yardstick::io::read_coin_files(
        &repo().join("examples/provinces/iData.csv"),
        &repo().join("examples/provinces/iMeta.csv"),
    )
    .unwrap();
    let spec_text = std::fs::read_to_string(repo().join("examples/provinces/build.json")).unwrap();
    let plan = Plan::compile(
        &meta.framework,
        &data,
        &BuildSpec::from_json(&spec_text).unwrap(),
    )
    .unwrap();
    let results = plan.run(&data, data.last_period()).unwrap();
    let root = meta.framework.root();

    let scores = rows(&mut book, "得分");
    assert_eq!(
        scores[0][..3],
        [
            Data::String("代码".into()),
            Data::String("地区".into()),
            Data::String("创新指数".into())
        ]
    );
    assert_eq!(scores.len(), 1 + data.n_units());
    for u in data.unit_ids() {
        let code = data.unit(u).code.as_str();
        let row = row_of(&scores, code);
        let want = results.value(root, u).unwrap();
        assert!((number(&row[2]) - want).abs() <= XLSX_ROUND_TRIP, "{code}");
    }
    let ranks = rows(&mut book, "排名");
    assert_eq!(number(&row_of(&ranks, "CN-GX")[2]), 25.0);

    let focus = data.unit_index("CN-GX").unwrap();
    let table = gap_table(&plan, &data, &results, focus, &Comparison::Leader).unwrap();
    let gaps = rows(&mut book, "差距");
    assert_eq!(gaps[0][6], Data::String("差距".into()));
    assert_eq!(gaps.len(), 1 + table.rows.len());
    for (got, want) in gaps[1..].iter().zip(&table.rows) {
        assert_eq!(got[0], Data::String("排名首位的广东".into()));
        assert_eq!(got[1], Data::String(want.code.clone()));
        assert!((number(&got[6]) - want.gap.unwrap()).abs() <= XLSX_ROUND_TRIP);
        match want.contribution_to_index {
            Some(c) => assert!((number(&got[10]) - c).abs() <= XLSX_ROUND_TRIP),
            None => assert_eq!(got[10], Data::Empty),
        }
    }
    let catch_up = rows(&mut book, "追赶");
    assert_eq!(catch_up.len(), 3, "compound rate and trend for the leader");
    assert_eq!(catch_up[1][7], Data::String("赶不上".into()));
    // The progress sheet against `yardstick progress` on the same inputs.
    let csv = yardstick_ok(&[
        "progress",
        "--data",
        &path("examples/provinces/iData.csv"),
        "--meta",
        &path("examples/provinces/iMeta.csv"),
        "--targets",
        &path("examples/provinces/targets.csv"),
        "--focus",
        "CN-GX",
    ]);
    let mut lines = csv.lines();
    let columns: Vec<&str> = lines.next().unwrap().split(',').collect();
    let progress = rows(&mut book, "目标进展");
    assert_eq!(progress.len(), 1 + 4, "four targets of Guangxi");
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let cell = |name: &str| cells[columns.iter().position(|c| *c == name).unwrap()];
        let row = row_of(&progress, cell("iCode"));
        for (k, column) in [
            (3, "target"),
            (5, "start_value"),
            (6, "end_value"),
            (7, "actual_cagr"),
            (8, "required_cagr"),
        ] {
            let want: f64 = cell(column).parse().unwrap();
            assert!(
                (number(&row[k]) - want).abs() <= XLSX_ROUND_TRIP,
                "{column}"
            );
        }
        let class = match cell("class") {
            "significant_progress" => "进展显著",
            "moderate_progress" => "有一定进展",
            "insufficient_progress" => "进展不足",
            "moving_away" => "背离目标",
            other => panic!("a class this case does not have: {other}"),
        };
        assert_eq!(row[9], Data::String(class.into()));
    }
    let method = rows(&mut book, "方法");
    assert!(method
        .iter()
        .any(|r| r[0] == Data::String("构建规格（JSON）".into())));
    let input = rows(&mut book, "原始数据");
    assert_eq!(input.len(), 1 + 31 * 13, "31 provinces, 2011–2023");
}

#[test]
fn hostile_names_stay_text_in_every_file() {
    let dir = repo().join("crates/yardstick-cli/tests/data/hostile");
    let b = report(
        "report-hostile",
        &[
            "--data",
            &dir.join("iData.csv").display().to_string(),
            "--meta",
            &dir.join("iMeta.csv").display().to_string(),
            "--normalise",
            "none",
            "--focus",
            "CN-GX",
        ],
    );
    let script = "&lt;script&gt;alert(1)&lt;/script&gt;";
    assert!(b.html.contains(&format!("2020年，{script}的Tom &amp; &quot;Jerry&#39;s&quot; &lt;b&gt;index&lt;/b&gt;得分为26.2分")), "{}", b.html);
    for raw in ["<script", "<b>", "</b>"] {
        assert!(!b.html.contains(raw), "{raw} in the HTML");
    }
    assert!(
        b.md.contains(
            "\\<script\\>alert(1)\\</script\\>比排名首位的=cmd\\|' /C calc'\\!A0（65.3分）低39.1分"
        ),
        "{}",
        b.md
    );
    assert!(b.md.contains("全国平均 \\*bold\\* \\[link\\](x) \\| pipe"));
    assert!(
        !b.md.replace("\\<", "").contains('<'),
        "every < of the Markdown is escaped"
    );
    for svg in ["ranking.svg", "gaps.svg"] {
        let text = b.svg(svg);
        assert!(!text.contains("<script") && !text.contains("<b>"), "{svg}");
    }
    assert!(b.svg("ranking.svg").contains(script));

    let file = b.file("report.xlsx");
    let mut book = sheets(&file);
    let scores = rows(&mut book, "得分");
    assert_eq!(
        row_of(&scores, "CN-GX")[1],
        Data::String("<script>alert(1)</script>".into())
    );
    assert_eq!(
        row_of(&scores, "CN-GD")[1],
        Data::String("=cmd|' /C calc'!A0".into())
    );
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "a formula in {sheet}"
        );
    }
}

#[test]
fn the_rank_interval_is_the_uncertainty_engines() {
    let (data, meta) = (path("data/asem/iData.csv"), path("data/asem/iMeta.csv"));
    let spec = path("examples/asem/uncertainty.json");
    let b = report(
        "report-uncertainty",
        &[
            "--data",
            &data,
            "--meta",
            &meta,
            "--focus",
            "AUT",
            "--uncertainty",
            &spec,
            "--runs",
            "100",
            "--seed",
            "3",
        ],
    );
    let csv = yardstick_ok(&[
        "uncertainty",
        "--data",
        &data,
        "--meta",
        &meta,
        "--spec",
        &spec,
        "--runs",
        "100",
        "--seed",
        "3",
    ]);
    let row: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("AUT,"))
        .unwrap()
        .split(',')
        .collect();
    // uCode, nominal, median, p05, p95: whole ranks in this case. ASEM's names are English
    // only, so the Chinese brief names Austria in English.
    b.says(&format!(
        "在100次不确定性模拟中，Austria排名的90%区间为第{}位至第{}位（中位数第{}位）。",
        row[3], row[4], row[2],
    ));
}

#[test]
fn the_leader_is_compared_with_the_reference_rows() {
    let b = seed_with("report-leader", &["--focus", "CN-GD"]);
    // 65.3 − 29.6 = 35.7: ahead of the national average; the leader is not compared with
    // itself.
    b.says("2020年，广东的数字经济发展指数得分为65.3分，在参与排名的7个地区中居第1位。");
    b.says("广东比全国平均（29.6分）高35.7分。");
    assert!(!b.md.contains("排名首位的"), "{}", b.md);
}

#[test]
fn every_kind_of_comparison_is_named() {
    let mut args = vec![
        "--data".to_owned(),
        path("examples/provinces/iData.csv"),
        "--meta".to_owned(),
        path("examples/provinces/iMeta.csv"),
        "--spec".to_owned(),
        path("examples/provinces/build.json"),
        "--focus".to_owned(),
        "CN-GX".to_owned(),
    ];
    for c in [
        "frontier",
        "mean",
        "median",
        "CN-YN",
        "group-median:CN-GD,CN-YN",
        "group-best:CN-GD,CN-YN",
        "target:50",
    ] {
        args.extend(["--compare".to_owned(), c.to_owned()]);
    }
    for (lang, names) in [
        (
            "zh-CN",
            [
                "比各项最优水平（",
                "比参与排名地区的平均水平（",
                "比参与排名地区的中位数（",
                "比云南（",
                "比广东、云南的中位数（",
                "比广东、云南中的最优水平（",
                "比目标值（50.0分）低",
            ],
        ),
        (
            "en",
            [
                "behind the frontier (",
                "behind the mean of all ranked units (",
                "behind the median of all ranked units (",
                "behind Yunnan (",
                "behind the median of Guangdong and Yunnan (",
                "behind the best of Guangdong and Yunnan (",
                "behind the target (50.0)",
            ],
        ),
    ] {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(["--lang", lang]);
        let b = report(&format!("report-kinds-{lang}"), &all);
        for name in names {
            b.says(name);
        }
    }
}

#[test]
fn bad_input_exits_2_with_one_line_and_writes_nothing() {
    let dir = scratch("report-bad");
    let out = dir.join("brief");
    let (data, meta) = (path("data/dedi/iData.csv"), path("data/dedi/iMeta.csv"));
    for (extra, says) in [
        (["--focus", "CN-XX"], "nearest: CN-GX"),
        (["--deadline", "2019"], "expected a deadline after 2020"),
    ] {
        let mut args = vec![
            "report", "--data", &data, "--meta", &meta, "--focus", "CN-GX",
        ];
        args.extend(extra);
        let o = out.display().to_string();
        args.extend(["--out", &o]);
        let run = yardstick(&args);
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(!out.exists(), "nothing written on bad input");
    }
}

/// A part of a workbook (an XML file inside its zip archive).
fn part(file: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut entry, &mut xml).unwrap();
    xml
}

/// The XML of a workbook's `n`th sheet (1-based, in the order of the sheets).
fn sheet_xml(file: &Path, n: usize) -> String {
    part(file, &format!("xl/worksheets/sheet{n}.xml"))
}

#[test]
fn every_sheet_has_a_frozen_header_an_autofilter_and_fitted_columns() {
    let b = provinces("report-panel-sheets", "en");
    let file = b.file("report.xlsx");
    let names = sheets(&file).sheet_names();
    assert_eq!(
        names,
        [
            "Scores",
            "Ranks",
            "Gaps",
            "Catch-up",
            "Progress",
            "Method",
            "Input data"
        ]
    );
    for n in 1..=names.len() {
        let xml = sheet_xml(&file, n);
        let sheet = &names[n - 1];
        assert!(
            xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"),
            "{sheet}: {xml}"
        );
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{sheet}");
        assert!(xml.contains("<col min=\"1\" max=\"1\" width="), "{sheet}");
        assert!(!xml.contains("<f>"), "{sheet}: no formula");
    }
    // Gaps coloured by sign (column G), progress classes by name (column J).
    let gaps = sheet_xml(&file, 3);
    assert!(
        gaps.contains("<conditionalFormatting sqref=\"G2:G"),
        "{gaps}"
    );
    let progress = sheet_xml(&file, 5);
    for class in [
        "significant progress",
        "moderate progress",
        "insufficient progress",
        "moving away",
    ] {
        assert!(
            progress.contains(&format!("text=\"{class}\"")),
            "{class}: {progress}"
        );
    }
    assert!(
        progress.contains("<conditionalFormatting sqref=\"J2:J5\">"),
        "{progress}"
    );
    // Scores shown with one decimal, rates as percentages.
    let styles = part(&file, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0\""), "{styles}");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
}
