//! A raw CSV table: header and rows of text with their line numbers, nothing interpreted yet.

use crate::error::{Error, ErrorKind, Place, Result};

/// A CSV file read as text.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub file: String,
    pub header: Vec<String>,
    /// Rows with their 1-based line numbers (the header is line 1).
    pub rows: Vec<(u64, Vec<String>)>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl Table {
    /// Reads comma-separated bytes: UTF-8 with or without BOM, LF or CRLF, RFC 4180 quoting.
    /// Every row must have as many fields as the header.
    pub fn parse(bytes: &[u8], file: &str) -> Result<Table> {
        let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut records = reader.records();
        let header = match records.next() {
            None => {
                return Err(Error::structure(
                    Place::file(file),
                    "a header row (the file is empty)",
                ))
            }
            Some(record) => record.map_err(|e| csv_error(e, file))?,
        };
        let header: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
        for (i, name) in header.iter().enumerate() {
            if name.is_empty() {
                return Err(Error::structure(
                    Place::file(file).line(1).column(format!("#{}", i + 1)),
                    "a non-empty column name",
                ));
            }
            if let Some(first) = header[..i].iter().position(|h| h == name) {
                return Err(Error::structure(
                    Place::file(file).line(1).column(name.as_str()),
                    format!("unique column names (same as column #{})", first + 1),
                ));
            }
        }
        let mut rows = Vec::new();
        // Line numbers counted from byte offsets: the csv crate's own count differs on CRLF.
        let (mut line, mut counted_to) = (1u64, 0usize);
        for record in records {
            let record = record.map_err(|e| csv_error(e, file))?;
            let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
            // After CRLF the reported start sits before the LF; skip line ends to the record.
            while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            line += bytes[counted_to..start.max(counted_to)]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted_to = start.max(counted_to);
            if record.len() == 1 && record.get(0) == Some("") {
                continue; // a blank line
            }
            if record.len() != header.len() {
                return Err(Error::structure(
                    Place::file(file).line(line),
                    format!(
                        "{} fields as in the header, found {}",
                        header.len(),
                        record.len()
                    ),
                ));
            }
            rows.push((line, record.iter().map(str::to_owned).collect()));
        }
        Ok(Table {
            file: file.to_owned(),
            header,
            rows,
        })
    }

    /// Position of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Position of the first column with one of `names`.
    pub fn column_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.column(n))
    }

    /// Position of a column that must exist.
    pub fn require(&self, name: &str) -> Result<usize> {
        self.column(name).ok_or_else(|| {
            Error::structure(
                Place::file(&self.file).line(1),
                format!("a column named '{name}'"),
            )
        })
    }

    /// The place of a cell.
    pub fn place(&self, line: u64, column: usize) -> Place {
        Place::file(&self.file)
            .line(line)
            .column(self.header[column].as_str())
    }
}

fn csv_error(e: csv::Error, file: &str) -> Error {
    let line = e.position().map(|p| p.line());
    let mut place = Place::file(file);
    place.line = line;
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Error::structure(place, "UTF-8 text"),
        csv::ErrorKind::Io(io) => Error::new(
            ErrorKind::Io {
                message: io.to_string(),
            },
            place,
        ),
        _ => Error::structure(place, format!("valid CSV ({e})")),
    }
}

/// Parses a numeric cell: empty or `NA` is missing; anything else must be a finite number.
pub(crate) fn parse_number(text: &str, place: impl FnOnce() -> Place) -> Result<Option<f64>> {
    let t = text.trim();
    if t.is_empty() || t == "NA" {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        Ok(_) => Err(Error::value(
            place(),
            "a finite number (or an empty cell for missing)",
            text,
        )),
        Err(_) => Err(Error::value(
            place(),
            "a number (or an empty cell for missing)",
            text,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_crlf_and_quotes() {
        let t = Table::parse(b"\xEF\xBB\xBFa,b\r\n\"x,1\",2\r\n", "f.csv").unwrap();
        assert_eq!(t.header, vec!["a", "b"]);
        assert_eq!(t.rows, vec![(2, vec!["x,1".to_owned(), "2".to_owned()])]);
    }

    #[test]
    fn ragged_row_names_its_line() {
        let err = Table::parse(b"a,b\n1,2\n3\n", "f.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.csv, row 3: expected 2 fields as in the header, found 1"
        );
    }

    #[test]
    fn numbers_reject_nan_inf_and_overflow() {
        let p = || Place::file("f");
        assert_eq!(parse_number("", p).unwrap(), None);
        assert_eq!(parse_number(" 2.5 ", p).unwrap(), Some(2.5));
        for bad in ["NaN", "inf", "1e400", "abc", "1,5"] {
            assert!(parse_number(bad, p).is_err(), "{bad}");
        }
    }
}
