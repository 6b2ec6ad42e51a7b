//! Tabular output: CSV for scripts, aligned text for people.

use std::fmt::Write;

use yardstick::{Error, ErrorKind, Place};

/// The error of an output that could not be written: `file` (a path, or `stdout`) and the
/// system's reason.
pub fn cannot_write(file: impl Into<String>, reason: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::Io {
            message: format!("cannot write: {reason}"),
        },
        Place::file(file),
    )
}

/// A table of text cells with a header.
pub struct TextTable {
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header.
    pub rows: Vec<Vec<String>>,
}

impl TextTable {
    /// A table with these column names and no rows.
    pub fn new(header: &[&str]) -> Self {
        TextTable {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// RFC 4180 CSV.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let cells: Vec<String> = row.iter().map(|c| quote(c)).collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    /// Columns padded to their widest cell; numbers right-aligned.
    pub fn to_text(&self) -> String {
        let widths: Vec<usize> = (0..self.header.len())
            .map(|c| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (c, cell) in row.iter().enumerate() {
                let numeric = cell.parse::<f64>().is_ok();
                let pad = " ".repeat(widths[c] - cell.chars().count());
                let _ = if numeric {
                    write!(out, "{pad}{cell}  ")
                } else {
                    write!(out, "{cell}{pad}  ")
                };
            }
            out.truncate(out.trim_end().len());
            out.push('\n');
        }
        out
    }
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A number as shortest round-trip text, or empty for missing.
pub fn number(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// A number with `decimals` places for reading, or empty for missing.
pub fn rounded(x: Option<f64>, decimals: usize) -> String {
    x.map(|x| format!("{x:.decimals$}")).unwrap_or_default()
}

/// `1 unit`, `2 units`: a count with its noun in the singular or the plural (nouns that take
/// an `s`).
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
