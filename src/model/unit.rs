//! Units: the provinces, cities or countries being compared, and reference rows such as the
//! national average.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Place, Result};

/// A validated unit code (`CN-GX`, `AUT`, `450000`): non-empty, no surrounding spaces, no
/// control characters. Validated once at the boundary so the inside never rechecks.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(try_from = "String", into = "String")]
pub struct UnitCode(String);

impl UnitCode {
    /// Validates `text` as a unit code.
    pub fn new(text: &str) -> Result<Self> {
        validate_code(text, "unit code").map(|()| UnitCode(text.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A code hashes and compares as its text, so that maps keyed by code are looked up by `&str`.
impl std::borrow::Borrow<str> for UnitCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

pub(crate) fn validate_code(text: &str, what: &str) -> Result<()> {
    if text.is_empty() || text.trim() != text || text.chars().any(char::is_control) {
        return Err(Error::value(
            Place::default(),
            format!("a {what}: non-empty, without surrounding spaces or control characters"),
            text,
        ));
    }
    Ok(())
}

impl TryFrom<String> for UnitCode {
    type Error = Error;
    fn try_from(text: String) -> Result<Self> {
        UnitCode::new(&text)
    }
}

impl From<UnitCode> for String {
    fn from(code: UnitCode) -> String {
        code.0
    }
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a row is a unit to be ranked or a reference row.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// A normal unit: normalised, aggregated and ranked.
    #[default]
    Unit,
    /// A reference row such as the national average (全国平均): aggregated and usable as a
    /// comparison, but never ranked and, by default, excluded from data-driven bounds.
    Aggregate,
}

impl UnitKind {
    /// Parses the `uType` column: `unit` or `aggregate` (case-insensitive); empty means unit.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "unit" => Some(UnitKind::Unit),
            "aggregate" => Some(UnitKind::Aggregate),
            _ => None,
        }
    }
}

/// One unit with its names and group memberships.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Unit {
    /// Unique code.
    pub code: UnitCode,
    /// Name in the data's own language (`uName`).
    pub name: String,
    /// Names in other languages, keyed by language tag (`uName_en` → `en`).
    pub names: BTreeMap<String, String>,
    /// Group memberships, keyed by group column (`region4` → `West`).
    pub groups: BTreeMap<String, String>,
    /// Unit or reference aggregate.
    pub kind: UnitKind,
}

impl Unit {
    /// A unit with a code and a name, no groups, kind [`UnitKind::Unit`].
    pub fn new(code: UnitCode, name: impl Into<String>) -> Self {
        Unit {
            code,
            name: name.into(),
            names: BTreeMap::new(),
            groups: BTreeMap::new(),
            kind: UnitKind::Unit,
        }
    }

    /// True for units that take part in ranks and data-driven bounds.
    pub fn is_ranked(&self) -> bool {
        self.kind == UnitKind::Unit
    }

    /// The name in `lang`, falling back to the main name.
    pub fn name_in(&self, lang: &str) -> &str {
        self.names
            .get(lang)
            .map_or(self.name.as_str(), String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_reject_blank_and_padded_text() {
        assert!(UnitCode::new("CN-GX").is_ok());
        assert!(UnitCode::new("").is_err());
        assert!(UnitCode::new(" CN").is_err());
        assert!(UnitCode::new("A\u{0}B").is_err());
    }

    #[test]
    fn unit_type_column_values() {
        assert_eq!(UnitKind::parse("aggregate"), Some(UnitKind::Aggregate));
        assert_eq!(UnitKind::parse(""), Some(UnitKind::Unit));
        assert_eq!(UnitKind::parse("region"), None);
    }
}
