//! Writes `examples/provinces/iData.csv` and `iMeta.csv`: the innovation index of
//! `provinces_benchmark` for all 31 provinces, as COINr-style input files for the CLI and the
//! widget (`yardstick export --widget` turns them into `www/data/cn-provinces.json`).
//!
//! The source is the official provincial panel in `data/cn-provinces/` (long,
//! `code,year,indicator,value`). Units are coded by ISO 3166-2 (`CN-GX`), named in Chinese
//! (`uName`) and English (`uName_en`), and grouped by the NBS four-region division
//! (`region4`). The years are those in which every indicator of the index has a value for
//! every province. Each value is copied as the text it has in `panel.csv`, and the files
//! written are read back and compared with the panel cell by cell, so no value can change on
//! the way.
//!
//! Run from the repository root: `cargo run --example provinces_widget_data`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use yardstick::io::{read_coin, read_file, read_long};
use yardstick::{Error, ErrorKind, Place};

const SOURCE: &str = "data/cn-provinces";
const TARGET: &str = "examples/provinces";

/// The indicators of `provinces_benchmark`, in its order, with their pillar.
const INDICATORS: [(&str, &str); 4] = [
    ("rd_intensity", "Input"),
    ("rd_expenditure", "Input"),
    ("invention_patents_granted", "Output"),
    ("patents_granted", "Output"),
];

/// The pillars and the index: code, Chinese name, English name, level, parent.
const AGGREGATES: [(&str, &str, &str, u32, &str); 3] = [
    ("Input", "研发投入", "R&D input", 2, "Innovation"),
    ("Output", "专利产出", "Patent output", 2, "Innovation"),
    ("Innovation", "创新指数", "Innovation index", 3, ""),
];

/// The group column taken from `provinces.csv`.
const GROUP: (&str, &str, &str) = ("region4", "四大区域", "NBS four-region division");

fn main() -> Result<(), Error> {
    let source = Path::new(SOURCE);
    let provinces = table(source, "provinces.csv")?;
    let meta = table(source, "meta.csv")?;
    let panel = table(source, "panel.csv")?;

    // (GB code, year, indicator) → the value's text.
    let mut cells: BTreeMap<(String, i32, String), String> = BTreeMap::new();
    for (line, row) in panel.rows.iter().enumerate() {
        let year = row[panel.col("year")?]
            .parse()
            .map_err(|_| panel.error(line, "year", "a whole year"))?;
        cells.insert(
            (
                row[panel.col("code")?].clone(),
                year,
                row[panel.col("indicator")?].clone(),
            ),
            row[panel.col("value")?].clone(),
        );
    }
    let gb = provinces.col("code")?;
    let codes: Vec<&String> = provinces.rows.iter().map(|r| &r[gb]).collect();
    let all_years: BTreeSet<i32> = cells.keys().map(|(_, y, _)| *y).collect();
    let years: Vec<i32> = all_years
        .into_iter()
        .filter(|&y| {
            codes.iter().all(|&c| {
                INDICATORS
                    .iter()
                    .all(|(i, _)| cells.contains_key(&(c.clone(), y, (*i).to_owned())))
            })
        })
        .collect();

    let mut data = Writer::new(&["uCode", "uName", "uName_en", GROUP.0, "Time"]);
    data.header
        .extend(INDICATORS.iter().map(|(i, _)| (*i).to_owned()));
    for row in &provinces.rows {
        let field = |name: &str| provinces.col(name).map(|c| row[c].clone());
        let code = field("code")?;
        for &year in &years {
            let mut out = vec![
                field("iso")?,
                field("name_zh")?,
                field("name_en")?,
                field(GROUP.0)?,
                year.to_string(),
            ];
            for (indicator, _) in INDICATORS {
                // Every cell is present: the years were chosen that way.
                out.push(cells[&(code.clone(), year, indicator.to_owned())].clone());
            }
            data.rows.push(out);
        }
    }

    let mut imeta = Writer::new(&[
        "iCode",
        "iName",
        "iName_en",
        "Level",
        "Parent",
        "Direction",
        "Weight",
        "Type",
        "Unit",
    ]);
    let meta_code = meta.col("indicator")?;
    for (indicator, parent) in INDICATORS {
        let line = meta
            .rows
            .iter()
            .position(|r| r[meta_code] == indicator)
            .ok_or_else(|| meta.error(0, "indicator", &format!("a row for {indicator}")))?;
        let field = |name: &str| meta.col(name).map(|c| meta.rows[line][c].clone());
        imeta.rows.push(vec![
            indicator.to_owned(),
            field("name_zh")?,
            field("name_en")?,
            "1".into(),
            parent.to_owned(),
            field("direction")?,
            "1".into(),
            "Indicator".into(),
            field("unit")?,
        ]);
    }
    for (code, zh, en, level, parent) in AGGREGATES {
        imeta.rows.push(
            [
                code,
                zh,
                en,
                &level.to_string(),
                parent,
                "1",
                "1",
                "Aggregate",
                "",
            ]
            .map(str::to_owned)
            .to_vec(),
        );
    }
    imeta.rows.push(
        [GROUP.0, GROUP.1, GROUP.2, "", "", "", "", "Group", ""]
            .map(str::to_owned)
            .to_vec(),
    );

    let target = Path::new(TARGET);
    let (data_text, meta_text) = (data.to_csv(), imeta.to_csv());
    check(&data_text, &meta_text, source)?;
    write(&target.join("iData.csv"), &data_text)?;
    write(&target.join("iMeta.csv"), &meta_text)?;
    println!(
        "{} provinces, {}–{}: {} and {}",
        provinces.rows.len(),
        years.first().copied().unwrap_or_default(),
        years.last().copied().unwrap_or_default(),
        target.join("iData.csv").display(),
        target.join("iMeta.csv").display()
    );
    Ok(())
}

/// Reads the files as the CLI will and compares every indicator cell with the panel's number.
fn check(data: &str, meta: &str, source: &Path) -> Result<(), Error> {
    let (_, wide) = read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv")?;
    let long = read_long(&read_file(&source.join("panel.csv"))?, "panel.csv", None)?;
    let provinces = table(source, "provinces.csv")?;
    let (gb, iso) = (provinces.col("code")?, provinces.col("iso")?);
    for row in &provinces.rows {
        let (w, l) = (wide.unit_index(&row[iso]), long.unit_index(&row[gb]));
        let (Some(w), Some(l)) = (w, l) else {
            return Err(Error::new(
                ErrorKind::Structure {
                    expected: format!("province {} in both tables", row[iso]),
                },
                Place::file("iData.csv").unit(row[iso].clone()),
            ));
        };
        for p in wide.period_ids() {
            let lp = wide.year(p).and_then(|y| long.period_of_year(y));
            for (indicator, _) in INDICATORS {
                let (wv, lv) = (
                    wide.variable_index(indicator)
                        .map(|v| wide.column(v, p)[w.index()]),
                    long.variable_index(indicator)
                        .zip(lp)
                        .map(|(v, lp)| long.column(v, lp)[l.index()]),
                );
                if wv.is_none() || wv != lv {
                    return Err(Error::new(
                        ErrorKind::Data {
                            problem: format!("{wv:?} written, {lv:?} in panel.csv"),
                        },
                        Place::file("iData.csv")
                            .unit(row[iso].clone())
                            .indicator(indicator)
                            .year(wide.year(p)),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// A CSV file as text cells, with its header.
struct Table {
    file: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn col(&self, name: &str) -> Result<usize, Error> {
        self.header.iter().position(|h| h == name).ok_or_else(|| {
            Error::new(
                ErrorKind::Structure {
                    expected: format!("a column named {name}"),
                },
                Place::file(self.file.clone()).line(1),
            )
        })
    }

    /// An error at data row `index` (0-based, after the header).
    fn error(&self, index: usize, column: &str, expected: &str) -> Error {
        Error::new(
            ErrorKind::Structure {
                expected: expected.to_owned(),
            },
            Place::file(self.file.clone())
                .line(index as u64 + 2)
                .column(column),
        )
    }
}

fn table(folder: &Path, name: &str) -> Result<Table, Error> {
    let bytes = read_file(&folder.join(name))?;
    let csv_error = |e: csv::Error| {
        Error::new(
            ErrorKind::Structure {
                expected: format!("RFC 4180 CSV ({e})"),
            },
            Place::file(name),
        )
    };
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
        .collect::<Result<_, _>>()
        .map_err(csv_error)?;
    Ok(Table {
        file: name.to_owned(),
        header,
        rows,
    })
}

/// Rows to write as CSV.
struct Writer {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Writer {
    fn new(header: &[&str]) -> Self {
        Writer {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// RFC 4180 with LF line ends; quotes only where a cell needs them.
    fn to_csv(&self) -> String {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for row in std::iter::once(&self.header).chain(&self.rows) {
            // Writing to a Vec cannot fail.
            let _ = writer.write_record(row);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| {
        Error::new(
            ErrorKind::Io {
                message: e.to_string(),
            },
            Place::file(path.display().to_string()),
        )
    })
}
