//! A raw CSV table: header and rows of text with their line numbers, nothing interpreted yet.

use crate::error::{Error, Place, Result};

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
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            Error::structure(Place::file(file).line(line), "UTF-8 text")
        })?;
        let mut records = records(text, file)?.into_iter();
        let Some((_, header)) = records.next() else {
            return Err(Error::structure(
                Place::file(file),
                "a header row (the file is empty)",
            ));
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
        for (line, record) in records {
            if record.len() == 1 && record[0].is_empty() {
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
            rows.push((line, record));
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

/// Splits CSV text into records, each with the line it starts on (1-based).
///
/// # Format
/// RFC 4180: fields separated by commas, records by LF, CRLF or CR; a field that starts with
/// a double quote runs to the next lone double quote, `""` inside it stands for one, and it
/// may hold commas and line breaks. As common readers do (Python's `csv`, BurntSushi's `csv`),
/// text after a closing quote joins the field and a quote inside an unquoted field is text.
///
/// # Errors
/// A quoted field without its closing quote, named by the line it opens on.
fn records(text: &str, file: &str) -> Result<Vec<(u64, Vec<String>)>> {
    let bytes = text.as_bytes();
    // Every cut below is next to an ASCII delimiter, so it is a char boundary and `get` always
    // succeeds; indexing a str would bring its panic message (and Unicode tables) into the
    // browser build.
    let piece = |start: usize, end: usize| text.get(start..end).unwrap_or_default();
    let find = |from: usize, delimiter: &dyn Fn(u8) -> bool| {
        bytes
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| delimiter(b)))
            .map(|offset| from + offset)
    };
    let mut records = Vec::new();
    let (mut at, mut line) = (0usize, 1u64);
    while at < bytes.len() {
        let start_line = line;
        let mut fields = Vec::new();
        loop {
            let mut field = String::new();
            if bytes.get(at) == Some(&b'"') {
                let opens = line;
                at += 1;
                loop {
                    let Some(close) = find(at, &|b| b == b'"') else {
                        return Err(Error::structure(
                            Place::file(file).line(opens),
                            "a closing double quote for the quoted field that opens here",
                        ));
                    };
                    let quoted = piece(at, close);
                    line += quoted.bytes().filter(|&b| b == b'\n').count() as u64;
                    field.push_str(quoted);
                    at = close + 1;
                    if bytes.get(at) == Some(&b'"') {
                        field.push('"');
                        at += 1;
                    } else {
                        break;
                    }
                }
            }
            let end = find(at, &|b| matches!(b, b',' | b'\n' | b'\r')).unwrap_or(bytes.len());
            field.push_str(piece(at, end));
            fields.push(field);
            at = end;
            match bytes.get(at) {
                Some(b',') => at += 1,
                Some(b'\r') => {
                    at += if bytes.get(at + 1) == Some(&b'\n') {
                        2
                    } else {
                        1
                    };
                    line += 1;
                    break;
                }
                Some(_) => {
                    at += 1;
                    line += 1;
                    break;
                }
                None => break,
            }
        }
        records.push((start_line, fields));
    }
    Ok(records)
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
    fn quoted_fields_hold_quotes_commas_and_line_breaks() {
        let t = Table::parse(
            b"a,b\n\"say \"\"hi\"\"\",\"x\r\ny\"\n\"p\"q,r\"s\rlast,\n",
            "f.csv",
        )
        .unwrap();
        assert_eq!(
            t.rows,
            vec![
                (2, vec!["say \"hi\"".to_owned(), "x\r\ny".to_owned()]),
                (4, vec!["pq".to_owned(), "r\"s".to_owned()]),
                (5, vec!["last".to_owned(), String::new()]),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_names_the_line_it_opens_on() {
        let err = Table::parse(b"a,b\n1,2\n3,\"4\n5,6\n", "f.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.csv, row 3: expected a closing double quote for the quoted field that opens here"
        );
    }

    #[test]
    fn invalid_utf8_names_its_line() {
        let err = Table::parse(b"a,b\n1,2\n3,\xff\n", "f.csv").unwrap_err();
        assert_eq!(err.to_string(), "f.csv, row 3: expected UTF-8 text");
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
