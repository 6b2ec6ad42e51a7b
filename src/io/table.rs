//! A raw CSV table: header and rows of text with their line numbers, nothing interpreted yet.

use crate::error::{Error, Place, Result};

/// A CSV file read as text.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub file: String,
    pub header: Vec<String>,
    /// Rows with their 1-based line numbers (the header is line 1). A `StringRecord` holds a
    /// row's fields in one buffer: one allocation per row, not one per cell.
    pub rows: Vec<(u64, csv::StringRecord)>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl Table {
    /// Reads comma-separated bytes: UTF-8 with or without BOM, LF or CRLF, RFC 4180 quoting.
    /// Every row must have as many fields as the header.
    pub fn parse(bytes: &[u8], file: &str) -> Result<Table> {
        let mut records = Records::new(bytes, file)?;
        let mut rows = Vec::new();
        while let Some((line, record)) = records.next()? {
            rows.push((line, record.clone()));
        }
        Ok(Table {
            file: file.to_owned(),
            header: records.header,
            rows,
        })
    }

    /// Position of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        column(&self.header, name)
    }

    /// Position of the first column with one of `names`.
    pub fn column_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.column(n))
    }

    /// Position of a column that must exist.
    pub fn require(&self, name: &str) -> Result<usize> {
        require(&self.header, &self.file, name)
    }

    /// The place of a cell.
    pub fn place(&self, line: u64, column: usize) -> Place {
        place(&self.file, &self.header, line, column)
    }
}

/// Position of the column named `name` in `header`.
pub(crate) fn column(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h == name)
}

/// Position of a column of `file` that must exist.
pub(crate) fn require(header: &[String], file: &str, name: &str) -> Result<usize> {
    column(header, name).ok_or_else(|| {
        Error::structure(
            Place::file(file).line(1),
            format!("a column named '{name}'"),
        )
    })
}

/// The place of a cell of `file`.
pub(crate) fn place(file: &str, header: &[String], line: u64, column: usize) -> Place {
    Place::file(file).line(line).column(header[column].as_str())
}

/// The rows of a CSV file one at a time, each read into the same buffer with the line it
/// starts on: what a reader that keeps only the cells it parses needs (a data table of
/// 300,000 rows held as records would take more memory than its numbers).
///
/// # Format
/// RFC 4180 as the `csv` crate reads it: UTF-8 with or without BOM; fields separated by
/// commas, records by LF, CRLF or CR; a field that starts with a double quote runs to the next
/// lone double quote, `""` inside it stands for one, and it may hold commas and line breaks;
/// blank lines are skipped. The header's names are trimmed, non-empty and unique; every row
/// has as many fields as the header.
///
/// # Errors
/// Placed by file, line and column: text that is not UTF-8; an empty file; a bad header; a row
/// with another number of fields; a quoted field without its closing quote. The `csv` crate
/// ends such a field at the end of the input, which would silently put the rest of the file
/// into one cell; so a record that runs to the end with an odd number of double quotes is
/// refused.
pub(crate) struct Records<'a> {
    text: &'a str,
    file: &'a str,
    /// The header's names, trimmed.
    pub header: Vec<String>,
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
    lines: LineCounter,
}

impl<'a> Records<'a> {
    /// Checks the text and reads the header.
    pub fn new(bytes: &'a [u8], file: &'a str) -> Result<Records<'a>> {
        let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            Error::structure(Place::file(file).line(line), "UTF-8 text")
        })?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = Records {
            text,
            file,
            header: Vec::new(),
            reader,
            record: csv::StringRecord::new(),
            lines: LineCounter::default(),
        };
        if records.read()?.is_none() {
            return Err(Error::structure(
                Place::file(file),
                "a header row (the file is empty)",
            ));
        }
        let header: Vec<String> = records.record.iter().map(|h| h.trim().to_owned()).collect();
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
        records.header = header;
        Ok(records)
    }

    /// At most how many rows follow the header: the lines of the text, so that a reader can
    /// size its columns once instead of growing them (a column grown by doubling holds up to
    /// twice its cells, and copies them at each step).
    pub fn rows_at_most(&self) -> usize {
        self.text
            .as_bytes()
            .iter()
            .filter(|&&b| b == b'\n' || b == b'\r')
            .count()
    }

    /// The next row that is not blank, with its line; `None` after the last.
    pub fn next(&mut self) -> Result<Option<(u64, &csv::StringRecord)>> {
        loop {
            let Some(line) = self.read()? else {
                return Ok(None);
            };
            let fields = self.record.len();
            if fields == 1 && self.record[0].is_empty() {
                continue; // a blank line
            }
            if fields != self.header.len() {
                return Err(Error::structure(
                    Place::file(self.file).line(line),
                    format!(
                        "{} fields as in the header, found {fields}",
                        self.header.len(),
                    ),
                ));
            }
            return Ok(Some((line, &self.record)));
        }
    }

    /// Reads the next record, blank or not, into `self.record`; the line it starts on.
    fn read(&mut self) -> Result<Option<u64>> {
        // The text is valid UTF-8 (checked above) and in memory: the reader has nothing else
        // to fail on, but its error is still reported rather than unwrapped.
        let more = self
            .reader
            .read_record(&mut self.record)
            .map_err(|e| Error::structure(Place::file(self.file), format!("CSV text ({e})")))?;
        if !more {
            return Ok(None);
        }
        let bytes = self.text.as_bytes();
        // The reader's position is where it stood before the record: at the previous
        // record's line break (and any blank lines), which belong to the lines before it.
        let from = self.record.position().map_or(0, |p| p.byte() as usize);
        let start = bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .position(|&b| b != b'\n' && b != b'\r')
            .map_or(bytes.len(), |skip| from + skip);
        let line = self.lines.line_at(bytes, start);
        // Only a record that runs to the end of the input can hold an unclosed quote; a
        // stray quote inside an unquoted field elsewhere is the `csv` crate's to read.
        let at_end = self.reader.position().byte() as usize >= bytes.len();
        if at_end
            && bytes[start.min(bytes.len())..]
                .iter()
                .filter(|&&b| b == b'"')
                .count()
                % 2
                == 1
        {
            return Err(Error::structure(
                Place::file(self.file).line(line),
                "a closing double quote for the quoted field that opens here",
            ));
        }
        Ok(Some(line))
    }
}

/// Line numbers of byte offsets visited in increasing order: a line ends at LF, CRLF or CR,
/// as a record does.
#[derive(Default)]
struct LineCounter {
    at: usize,
    line: u64,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], offset: usize) -> u64 {
        // A CR ends a line unless an LF follows, wherever the slice ends: the reader may
        // report a record as starting between the two.
        let breaks = (self.at..offset)
            .filter(|&i| match bytes.get(i) {
                Some(b'\n') => true,
                Some(b'\r') => bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        self.line += breaks as u64;
        self.at = offset;
        self.line + 1
    }
}

/// Parses a numeric cell: empty or `NA` is missing; anything else must be a finite number.
pub(crate) fn parse_number(text: &str, place: impl FnOnce() -> Place) -> Result<Option<f64>> {
    let t = text.trim();
    if t.is_empty() || t == "NA" {
        return Ok(None);
    }
    if let Some(v) = plain_decimal(t.as_bytes()) {
        return Ok(Some(v));
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

/// Largest integer below which every integer is an exact f64.
const EXACT_INTEGERS: u64 = 1 << 53;

/// Powers of ten that are exact f64 values.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number written as `-?digits(.digits)?` with at most 15 digits, which is how almost
/// every cell of a statistical table is written, parsed without the general algorithm;
/// `None` for anything else, which `str::parse` then reads.
///
/// Why: `str::parse::<f64>` cost 280 instructions a cell of iData (callgrind, 3,000 × 100
/// cells such as `523.17`), a sixth of `yardstick compute`; this path costs about a third of
/// that (95).
///
/// # Formula
/// With the digits read as an integer m < 2⁵³ and k ≤ 22 digits after the point, both m and
/// 10ᵏ are exact f64 values, so the one correctly rounded division m / 10ᵏ is the correctly
/// rounded value of the text, the same bits as `str::parse` (W. D. Clinger, "How to read
/// floating point numbers accurately", PLDI 1990, the fast path).
fn plain_decimal(text: &[u8]) -> Option<f64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let (whole, fraction) = match digits.iter().position(|&b| b == b'.') {
        Some(point) => (&digits[..point], &digits[point + 1..]),
        None => (digits, &digits[digits.len()..]),
    };
    // 15 digits keep m below 2⁵³; an empty part ("5." or ".5") goes the general way.
    if whole.is_empty() || whole.len() + fraction.len() > 15 {
        return None;
    }
    if digits.len() > whole.len() && fraction.is_empty() {
        return None;
    }
    let mut m: u64 = 0;
    for &b in whole.iter().chain(fraction) {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        m = m * 10 + u64::from(d);
    }
    debug_assert!(m < EXACT_INTEGERS);
    let v = m as f64 / EXACT_POWERS_OF_TEN[fraction.len()];
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows as owned strings, to compare with expected values.
    fn rows(t: &Table) -> Vec<(u64, Vec<String>)> {
        t.rows
            .iter()
            .map(|(line, row)| (*line, row.iter().map(str::to_owned).collect()))
            .collect()
    }

    #[test]
    fn reads_bom_crlf_and_quotes() {
        let t = Table::parse(b"\xEF\xBB\xBFa,b\r\n\"x,1\",2\r\n", "f.csv").unwrap();
        assert_eq!(t.header, vec!["a", "b"]);
        assert_eq!(rows(&t), vec![(2, vec!["x,1".to_owned(), "2".to_owned()])]);
    }

    #[test]
    fn quoted_fields_hold_quotes_commas_and_line_breaks() {
        let t = Table::parse(
            b"a,b\n\"say \"\"hi\"\"\",\"x\r\ny\"\n\"p\"q,r\"s\rlast,\n",
            "f.csv",
        )
        .unwrap();
        assert_eq!(
            rows(&t),
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
    fn plain_decimals_take_the_short_path() {
        for (text, v) in [
            ("523.17", 523.17_f64),
            ("-0", -0.0),
            ("7", 7.0),
            ("0.1", 0.1),
        ] {
            assert_eq!(
                plain_decimal(text.as_bytes()).map(f64::to_bits),
                Some(v.to_bits())
            );
        }
        for text in [
            "",
            "-",
            "5.",
            ".5",
            "1e5",
            "+1",
            "1234567890123456",
            "1.2.3",
            "--1",
        ] {
            assert_eq!(plain_decimal(text.as_bytes()), None, "{text}");
        }
    }

    proptest::proptest! {
        /// The short path gives the bits `str::parse` gives, wherever it answers.
        #[test]
        fn plain_decimals_read_as_str_parse(
            negative: bool,
            whole in "[0-9]{1,15}",
            fraction in proptest::option::of("[0-9]{1,14}"),
        ) {
            let text = format!(
                "{}{whole}{}",
                if negative { "-" } else { "" },
                fraction.map(|f| format!(".{f}")).unwrap_or_default()
            );
            if let Some(v) = plain_decimal(text.as_bytes()) {
                proptest::prop_assert_eq!(v.to_bits(), text.parse::<f64>().unwrap().to_bits());
            }
        }
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
