//! The one error type of the crate.
//!
//! Every error says *where* (file, row, column, unit, indicator, spec path) and *what was
//! expected*, so that a user can fix the input without reading the source.

use std::fmt::{self, Write};

use serde::Serialize;

/// Where in the user's input a problem was found. Every field is optional because a problem in
/// a build spec has no row and a problem in an aggregation has no file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// File name (or a label such as `iData` for in-memory input).
    pub file: Option<String>,
    /// 1-based line number in the file, counting the header as line 1.
    pub line: Option<u64>,
    /// Column name (or 1-based column number when the header is unusable).
    pub column: Option<String>,
    /// Unit code.
    pub unit: Option<String>,
    /// Indicator or aggregate code.
    pub indicator: Option<String>,
    /// Year of a panel.
    pub year: Option<i32>,
}

impl Place {
    /// A place in a file.
    pub fn file(file: impl Into<String>) -> Self {
        Place {
            file: Some(file.into()),
            ..Place::default()
        }
    }

    /// Adds a 1-based line number.
    pub fn line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// Adds a column name.
    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// Adds a unit code.
    pub fn unit(mut self, unit: impl Into<String>) -> Self {
        self.unit = Some(unit.into());
        self
    }

    /// Adds an indicator code.
    pub fn indicator(mut self, indicator: impl Into<String>) -> Self {
        self.indicator = Some(indicator.into());
        self
    }

    /// Adds a year.
    pub fn year(mut self, year: Option<i32>) -> Self {
        self.year = year;
        self
    }

    /// A place naming one indicator.
    pub fn of_indicator(indicator: impl Into<String>) -> Self {
        Place::default().indicator(indicator)
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(file) = &self.file {
            parts.push(shorten(file));
        }
        if let Some(line) = self.line {
            parts.push(format!("row {line}"));
        }
        if let Some(column) = &self.column {
            parts.push(format!("column '{}'", shorten(column)));
        }
        if let Some(unit) = &self.unit {
            parts.push(format!("unit '{}'", shorten(unit)));
        }
        if let Some(indicator) = &self.indicator {
            parts.push(format!("indicator '{}'", shorten(indicator)));
        }
        if let Some(year) = self.year {
            parts.push(format!("year {year}"));
        }
        if parts.is_empty() {
            f.write_str("input")
        } else {
            f.write_str(&parts.join(", "))
        }
    }
}

/// What went wrong. New kinds may be added, so match with a wildcard arm.
///
/// Each kind has a stable [code](ErrorKind::code) that a caller can translate or react to
/// without reading the message, and the fields a caller needs; where it happened is in the
/// error's [`Place`].
///
/// | code | kind |
/// |---|---|
/// | `io` | [`ErrorKind::Io`] |
/// | `structure` | [`ErrorKind::Structure`] |
/// | `value` | [`ErrorKind::Value`] |
/// | `duplicate` | [`ErrorKind::Duplicate`] |
/// | `framework` | [`ErrorKind::Framework`] |
/// | `spec` | [`ErrorKind::Spec`] |
/// | `document_version` | [`ErrorKind::DocumentVersion`] |
/// | `zero_range` | [`ErrorKind::ZeroRange`] |
/// | `no_values` | [`ErrorKind::NoValues`] |
/// | `out_of_domain` | [`ErrorKind::OutOfDomain`] |
/// | `overflow` | [`ErrorKind::Overflow`] |
/// | `data` | [`ErrorKind::Data`] |
///
/// Serialised, a kind is an object with its `code` and its fields (`{"code": "zero_range",
/// "indicator": "y"}`): what the browser package attaches to the errors it throws, so that a
/// page can write the message in its own language.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read at all, or an output not written.
    Io {
        /// What failed (`cannot read`, `cannot write`) and the operating system's message.
        message: String,
    },
    /// The file's structure is wrong: empty, no header, ragged row, missing column.
    Structure {
        /// What was expected at this place.
        expected: String,
    },
    /// A cell holds a value that does not parse as what the column needs.
    Value {
        /// What was expected.
        expected: String,
        /// The text found (shortened when long).
        found: String,
    },
    /// A code appears twice where it must be unique.
    Duplicate {
        /// The repeated code (serialised as `repeated`: `code` is the kind's).
        #[serde(rename = "repeated")]
        code: String,
        /// 1-based line of its first occurrence, when known.
        first_line: Option<u64>,
    },
    /// The indicator hierarchy is invalid: unknown parent, cycle, no or several roots.
    Framework {
        /// What is wrong and what was expected.
        problem: String,
    },
    /// The build spec is invalid or names something that does not exist.
    Spec {
        /// What is wrong and what was expected.
        problem: String,
    },
    /// A compiled document of another version (or without one): compile it again with this
    /// release.
    DocumentVersion {
        /// The version the document names, if any.
        found: Option<u32>,
        /// The version this release reads.
        expected: u32,
    },
    /// Every unit inside the bounds has the same value of an indicator, so a normalisation
    /// that divides by the range (or the spread) cannot scale it.
    ZeroRange {
        /// The indicator's code.
        indicator: String,
    },
    /// An indicator has no value among the units a step takes its statistics from.
    NoValues {
        /// The indicator's code.
        indicator: String,
    },
    /// A value outside a method's domain: a geometric or harmonic mean, a log transform or
    /// log goalposts need positive values.
    OutOfDomain {
        /// The node (indicator or aggregate) the value belongs to.
        node: String,
        /// The value.
        value: f64,
        /// What the method needs, e.g. "a value > 0 (or a shift)".
        expected: String,
    },
    /// A result too large for an `f64`.
    Overflow {
        /// The node whose value overflowed.
        node: String,
    },
    /// Any other reason the data cannot go through a step.
    Data {
        /// What is wrong and what was expected.
        problem: String,
    },
}

impl ErrorKind {
    /// Every kind's code, in the order of the table above: what a page that translates the
    /// messages must know.
    pub const CODES: [&'static str; 12] = [
        "io",
        "structure",
        "value",
        "duplicate",
        "framework",
        "spec",
        "document_version",
        "zero_range",
        "no_values",
        "out_of_domain",
        "overflow",
        "data",
    ];

    /// The kind's stable code (`zero_range`, `duplicate`, …; see the table above): it names
    /// the kind across releases and languages, where the message may be reworded.
    pub fn code(&self) -> &'static str {
        match self {
            ErrorKind::Io { .. } => "io",
            ErrorKind::Structure { .. } => "structure",
            ErrorKind::Value { .. } => "value",
            ErrorKind::Duplicate { .. } => "duplicate",
            ErrorKind::Framework { .. } => "framework",
            ErrorKind::Spec { .. } => "spec",
            ErrorKind::DocumentVersion { .. } => "document_version",
            ErrorKind::ZeroRange { .. } => "zero_range",
            ErrorKind::NoValues { .. } => "no_values",
            ErrorKind::OutOfDomain { .. } => "out_of_domain",
            ErrorKind::Overflow { .. } => "overflow",
            ErrorKind::Data { .. } => "data",
        }
    }
}

/// The crate's error: a kind and the place it refers to. Boxed so `Result<T, Error>` stays
/// one pointer wide.
///
/// Its message is safe to print to a terminal or put in a page: text that came from the data
/// (codes, names, cells) keeps its letters, but control characters and bidirectional
/// formatting characters are shown as `\u{..}` escapes (see [`escape_controls`]), so a cell
/// cannot overwrite its own line, send an escape sequence to a terminal, or reorder the words
/// around it. The kind's fields keep the text exactly as given.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", escape_controls(&render(.0)))]
pub struct Error(Box<(ErrorKind, Place)>);

/// `text` with every control character (C0, DEL, C1) and every bidirectional formatting
/// character (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) written as a Rust-style
/// `\u{..}` escape with the code point in lowercase hexadecimal; other text unchanged.
///
/// ```
/// use yardstick::error::escape_controls;
/// assert_eq!(escape_controls("Po\r_group"), "Po\\u{d}_group");
/// assert_eq!(escape_controls("evil\u{202E}exe.txt"), "evil\\u{202e}exe.txt");
/// assert_eq!(escape_controls("广西 GX"), "广西 GX");
/// ```
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_owned();
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            // Writing to a String cannot fail.
            let _ = write!(shown, "\\u{{{:x}}}", u32::from(c));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Characters that would act on a terminal or on the display order instead of being shown.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

fn render(inner: &(ErrorKind, Place)) -> String {
    let (kind, place) = inner;
    match kind {
        ErrorKind::Io { message } => format!("{place}: {message}"),
        ErrorKind::Structure { expected } => format!("{place}: expected {expected}"),
        ErrorKind::Value { expected, found } => {
            format!("{place}: expected {expected}, found '{found}'")
        }
        ErrorKind::Duplicate { code, first_line } => match (shorten(code), first_line) {
            (code, Some(first)) => {
                format!("{place}: duplicate code '{code}' (first seen on row {first})")
            }
            (code, None) => format!("{place}: duplicate code '{code}'"),
        },
        ErrorKind::Framework { problem } => format!("{place}: invalid framework: {problem}"),
        ErrorKind::Spec { problem } => format!("{place}: invalid build spec: {problem}"),
        ErrorKind::Data { problem } => format!("{place}: {problem}"),
        ErrorKind::DocumentVersion { found, expected } => format!(
            "{place}: expected a compiled document of version {expected}, found version {}: \
             compile it again with this release (yardstick export --widget)",
            found.map_or("none".to_owned(), |v| v.to_string())
        ),
        ErrorKind::ZeroRange { .. } => format!(
            "{place}: zero range: every unit has the same value, so the indicator cannot be \
             normalised (drop it, or use goalposts)"
        ),
        ErrorKind::NoValues { .. } => format!(
            "{place}: no value among the ranked units: an all-missing indicator cannot be \
             normalised"
        ),
        ErrorKind::OutOfDomain {
            value, expected, ..
        } => format!("{place}: expected {expected}, found {}", Shown(*value)),
        ErrorKind::Overflow { .. } => format!(
            "{place}: the result overflows f64: rescale the input or the method's parameters"
        ),
    }
}

/// Longest text quoted back in a message; hostile input may hold megabytes in one cell.
const MAX_QUOTED_CHARS: usize = 60;

/// `text` cut to [`MAX_QUOTED_CHARS`] characters, with an ellipsis when cut.
fn shorten(text: &str) -> String {
    let mut shown: String = text.chars().take(MAX_QUOTED_CHARS).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    shown
}

impl Error {
    /// Builds an error of `kind` at `place`.
    pub fn new(kind: ErrorKind, place: Place) -> Self {
        Error(Box::new((kind, place)))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0 .0
    }

    /// The kind's stable code ([`ErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// Where it went wrong.
    pub fn place(&self) -> &Place {
        &self.0 .1
    }

    /// Adds a file name to an error raised before the file was known.
    pub fn in_file(mut self, file: &str) -> Self {
        if self.0 .1.file.is_none() {
            self.0 .1.file = Some(file.to_owned());
        }
        self
    }

    /// Adds the year of a panel to an error raised inside one period's run.
    pub fn in_year(mut self, year: Option<i32>) -> Self {
        if self.0 .1.year.is_none() {
            self.0 .1.year = year;
        }
        self
    }

    pub(crate) fn structure(place: Place, expected: impl Into<String>) -> Self {
        Error::new(
            ErrorKind::Structure {
                expected: expected.into(),
            },
            place,
        )
    }

    pub(crate) fn value(place: Place, expected: impl Into<String>, found: &str) -> Self {
        Error::new(
            ErrorKind::Value {
                expected: expected.into(),
                found: shorten(found),
            },
            place,
        )
    }

    pub(crate) fn framework(place: Place, problem: impl Into<String>) -> Self {
        Error::new(
            ErrorKind::Framework {
                problem: problem.into(),
            },
            place,
        )
    }

    pub(crate) fn spec(place: Place, problem: impl Into<String>) -> Self {
        Error::new(
            ErrorKind::Spec {
                problem: problem.into(),
            },
            place,
        )
    }

    pub(crate) fn data(place: Place, problem: impl Into<String>) -> Self {
        Error::new(
            ErrorKind::Data {
                problem: problem.into(),
            },
            place,
        )
    }
}

/// A number as a message shows it: the shortest text that reads back as the same `f64`,
/// written by `ryu` (as serde_json writes numbers), in positional form from `1e-5` to below
/// `1e16` and in exponent form outside (`1.5e-7`, `1e300`, so that a hostile value is not
/// written out in 301 digits); integers without a trailing `.0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown(pub f64);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buffer = ryu::Buffer::new();
        let text = buffer.format(self.0);
        f.write_str(text.strip_suffix(".0").unwrap_or(text))
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_file_row_column_and_expectation() {
        let err = Error::value(
            Place::file("iData.csv").line(7).column("LPI"),
            "a finite number",
            "abc",
        );
        assert_eq!(
            err.to_string(),
            "iData.csv, row 7, column 'LPI': expected a finite number, found 'abc'"
        );
    }

    #[test]
    fn control_and_bidi_characters_from_data_are_escaped_in_messages() {
        // A carriage return in a code (seen in a mutated iMeta) and a right-to-left override
        // in a unit code: the message shows them, the kind keeps them.
        let err = Error::value(
            Place::file("iMeta.csv").line(64).column("iCode"),
            "a code (non-empty)",
            "Po\r_group\u{1b}[2J",
        )
        .in_year(None);
        assert_eq!(
            err.to_string(),
            "iMeta.csv, row 64, column 'iCode': expected a code (non-empty), \
             found 'Po\\u{d}_group\\u{1b}[2J'"
        );
        assert!(matches!(err.kind(), ErrorKind::Value { found, .. } if found.contains('\r')));
        let err = Error::data(Place::default().unit("evil\u{202E}exe.txt"), "no value");
        assert_eq!(err.to_string(), "unit 'evil\\u{202e}exe.txt': no value");
        assert!(!err.to_string().chars().any(needs_escape));
    }

    #[test]
    fn every_kind_has_its_own_code() {
        let text = || String::from("x");
        let kinds = [
            ErrorKind::Io { message: text() },
            ErrorKind::Structure { expected: text() },
            ErrorKind::Value {
                expected: text(),
                found: text(),
            },
            ErrorKind::Duplicate {
                code: text(),
                first_line: None,
            },
            ErrorKind::Framework { problem: text() },
            ErrorKind::Spec { problem: text() },
            ErrorKind::DocumentVersion {
                found: Some(2),
                expected: 1,
            },
            ErrorKind::ZeroRange { indicator: text() },
            ErrorKind::NoValues { indicator: text() },
            ErrorKind::OutOfDomain {
                node: text(),
                value: -1.0,
                expected: text(),
            },
            ErrorKind::Overflow { node: text() },
            ErrorKind::Data { problem: text() },
        ];
        let mut codes: Vec<&str> = kinds.iter().map(ErrorKind::code).collect();
        assert_eq!(codes, ErrorKind::CODES, "CODES lists every kind, in order");
        for kind in &kinds {
            // The serialised tag is the code.
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json["code"], kind.code(), "{kind:?}");
        }
        assert!(codes
            .iter()
            .all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), kinds.len(), "codes are unique");
        // The message is written from the kind's fields.
        let err = Error::new(kinds[9].clone(), Place::default().unit("GX"));
        assert_eq!(err.to_string(), "unit 'GX': expected x, found -1");
        assert_eq!(err.code(), "out_of_domain");
    }

    #[test]
    fn numbers_in_messages() {
        for (x, text) in [
            (0.0, "0"),
            (-0.0, "-0"),
            (3.0, "3"),
            (26.2, "26.2"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e-5, "0.00001"),
            (1.5e-7, "1.5e-7"),
            (1e15, "1000000000000000"),
            (1e16, "1e16"),
            (999_999_999_999_999.0, "999999999999999"),
            (1.25e300, "1.25e300"),
            (5e-324, "5e-324"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            assert_eq!(Shown(x).to_string(), text, "{x:e}");
        }
    }

    #[test]
    fn long_cells_are_shortened_in_messages() {
        let long = "x".repeat(10_000);
        let err = Error::value(Place::file("f"), "a number", &long);
        assert!(err.to_string().len() < 200);
    }
}
