//! Reading COINr's `iMeta`: one row per indicator, aggregate, group, denominator or other
//! column.

use crate::error::{Error, ErrorKind, Place, Result};
use crate::io::table::{parse_number, Table};
use crate::model::framework::Framework;
use crate::model::indicator::{Direction, Indicator, IndicatorCode, NodeKind, Weight};
use crate::pipeline::normalise::Goalposts;

/// The role of an iMeta row (`Type` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaType {
    /// A measured indicator (a node).
    Indicator,
    /// An aggregate (a node).
    Aggregate,
    /// A group column of iData (text).
    Group,
    /// A denominator column of iData (numeric, not an indicator).
    Denominator,
    /// Any other iData column, kept but not used.
    Other,
}

impl MetaType {
    fn parse(text: &str) -> Option<Self> {
        Some(match text.trim() {
            "Indicator" => MetaType::Indicator,
            "Aggregate" => MetaType::Aggregate,
            "Group" => MetaType::Group,
            "Denominator" => MetaType::Denominator,
            "Other" => MetaType::Other,
            _ => return None,
        })
    }
}

/// Parsed iMeta: the hierarchy and the roles of the other iData columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The validated hierarchy of indicators and aggregates.
    pub framework: Framework,
    /// Every iMeta row's code and type, in file order.
    pub columns: Vec<(String, MetaType)>,
}

impl Meta {
    /// The declared type of an iData column, if iMeta has a row for it.
    pub fn type_of(&self, column: &str) -> Option<MetaType> {
        self.columns
            .iter()
            .find(|(c, _)| c == column)
            .map(|&(_, t)| t)
    }
}

/// Optional goalpost columns, COINr's names (`use_iMeta`) plus `goalpost_log`.
const GOALPOST_COLUMNS: [&str; 5] = [
    "goalpost_lower",
    "goalpost_upper",
    "goalpost_scale",
    "goalpost_trunc2posts",
    "goalpost_log",
];

/// Goalposts of one row: lower and upper together or neither; scale defaults to 1, truncation
/// to true (COINr), log to false.
fn goalposts(
    t: &Table,
    line: u64,
    row: &csv::StringRecord,
    cols: &[Option<usize>; 5],
) -> Result<Option<Goalposts>> {
    let number = |k: usize| match cols[k] {
        Some(c) => parse_number(&row[c], || t.place(line, c)),
        None => Ok(None),
    };
    let flag = |k: usize, default: bool| match cols[k].map(|c| row[c].trim()) {
        None | Some("") => Ok(default),
        Some("TRUE" | "true" | "1") => Ok(true),
        Some("FALSE" | "false" | "0") => Ok(false),
        Some(other) => Err(Error::value(
            t.place(line, cols[k].unwrap_or(0)),
            "TRUE or FALSE",
            other,
        )),
    };
    match (number(0)?, number(1)?) {
        (None, None) => Ok(None),
        (Some(min), Some(max)) => Ok(Some(Goalposts {
            min,
            max,
            scale: number(2)?.unwrap_or(1.0),
            cap: flag(3, true)?,
            log: flag(4, false)?,
        })),
        _ => Err(Error::structure(
            Place::file(&t.file).line(line),
            "both goalpost_lower and goalpost_upper, or neither",
        )),
    }
}

/// Reads iMeta from CSV bytes.
///
/// Required columns: `iCode`, `Type`. Optional: `iName`, `iName_<lang>`, `Level`, `Parent`,
/// `Direction` (default 1), `Weight` (default 1), `Unit`, `Target`, `TargetYear` (the year the
/// target is due, for progress assessment), `Denominator`, and the
/// goalpost columns `goalpost_lower`, `goalpost_upper`, `goalpost_scale` (default 1),
/// `goalpost_trunc2posts` (default TRUE) and `goalpost_log` (default FALSE).
pub fn read_meta(bytes: &[u8], file: &str) -> Result<Meta> {
    let t = Table::parse(bytes, file)?;
    let code_col = t.require("iCode")?;
    let type_col = t.require("Type")?;
    let col = |name: &str| t.column(name);
    let (name_col, level_col, parent_col, dir_col, weight_col) = (
        col("iName"),
        col("Level"),
        col("Parent"),
        col("Direction"),
        col("Weight"),
    );
    let (unit_col, target_col, den_col) = (col("Unit"), col("Target"), col("Denominator"));
    let target_year_col = col("TargetYear");
    let goalpost_cols = GOALPOST_COLUMNS.map(|name| t.column(name));
    let lang_cols: Vec<(String, usize)> = t
        .header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.strip_prefix("iName_").map(|l| (l.to_owned(), i)))
        .collect();

    let mut nodes = Vec::new();
    let mut columns = Vec::new();
    // The line of each entry of `columns`, for a duplicate's message. A linear search for
    // duplicates: an iMeta has hundreds of rows, and a map type costs the browser build more.
    let mut lines: Vec<u64> = Vec::new();
    for (line, row) in &t.rows {
        let line = *line;
        let cell = |c: Option<usize>| c.map(|c| row[c].trim()).filter(|s| !s.is_empty());
        let code_text = row[code_col].trim();
        let code = IndicatorCode::new(code_text)
            .map_err(|_| Error::value(t.place(line, code_col), "a code (non-empty)", code_text))?;
        if let Some(first) = columns.iter().position(|(c, _)| c == code_text) {
            return Err(Error::new(
                ErrorKind::Duplicate {
                    code: code_text.to_owned(),
                    first_line: Some(lines[first]),
                },
                t.place(line, code_col),
            ));
        }
        let kind = MetaType::parse(&row[type_col]).ok_or_else(|| {
            Error::value(
                t.place(line, type_col),
                "one of Indicator, Aggregate, Group, Denominator, Other",
                &row[type_col],
            )
        })?;
        columns.push((code_text.to_owned(), kind));
        lines.push(line);
        let node_kind = match kind {
            MetaType::Indicator => NodeKind::Indicator,
            MetaType::Aggregate => NodeKind::Aggregate,
            _ => continue,
        };
        let mut node = Indicator::new(code, node_kind);
        if let Some(name) = cell(name_col) {
            node.name = name.to_owned();
        }
        for (lang, c) in &lang_cols {
            if let Some(name) = cell(Some(*c)) {
                node.names.insert(lang.clone(), name.to_owned());
            }
        }
        if let Some(text) = cell(level_col) {
            node.level = Some(text.parse::<u32>().map_err(|_| {
                Error::value(
                    t.place(line, level_col.unwrap_or(0)),
                    "a whole number ≥ 1",
                    text,
                )
            })?);
        }
        if let Some(text) = cell(parent_col) {
            node.parent = Some(IndicatorCode::new(text).map_err(|_| {
                Error::value(
                    t.place(line, parent_col.unwrap_or(0)),
                    "a parent code",
                    text,
                )
            })?);
        }
        if let Some(text) = cell(dir_col) {
            node.direction = Direction::parse(text).ok_or_else(|| {
                Error::value(t.place(line, dir_col.unwrap_or(0)), "1 or -1", text)
            })?;
        }
        if let Some(c) = weight_col {
            let place = || t.place(line, c);
            if let Some(w) = parse_number(&row[c], place)? {
                node.weight =
                    Weight::new(w).map_err(|_| Error::value(place(), "a weight ≥ 0", &row[c]))?;
            }
        }
        node.unit_of_measure = cell(unit_col).map(str::to_owned);
        if let Some(c) = target_col {
            node.target = parse_number(&row[c], || t.place(line, c))?;
        }
        if let Some(text) = cell(target_year_col) {
            node.target_year = Some(text.parse::<i32>().map_err(|_| {
                Error::value(
                    t.place(line, target_year_col.unwrap_or(0)),
                    "a year (a whole number)",
                    text,
                )
            })?);
        }
        node.denominator = cell(den_col).map(str::to_owned);
        node.goalposts = goalposts(&t, line, row, &goalpost_cols)?;
        nodes.push((line, node));
    }
    let lines: Vec<u64> = nodes.iter().map(|(l, _)| *l).collect();
    let codes: Vec<String> = nodes.iter().map(|(_, n)| n.code.to_string()).collect();
    let framework = Framework::new(nodes.into_iter().map(|(_, n)| n).collect()).map_err(|e| {
        // Point hierarchy errors at the iMeta row of the node they name.
        let line = e
            .place()
            .indicator
            .as_ref()
            .and_then(|c| codes.iter().position(|x| x == c))
            .map(|i| lines[i]);
        let mut place = e.place().clone();
        place.file = Some(file.to_owned());
        place.line = place.line.or(line);
        Error::new(e.kind().clone(), place)
    })?;
    for i in framework.indicators() {
        if let Some(den) = &framework.node(i).denominator {
            if !matches!(
                columns.iter().find(|(c, _)| c == den),
                Some((_, MetaType::Denominator)) | None
            ) {
                return Err(Error::structure(
                    Place::file(file)
                        .line(lines[i.index()])
                        .column("Denominator")
                        .indicator(framework.node(i).code.as_str()),
                    format!("Denominator '{den}' to be a column of Type Denominator"),
                ));
            }
        }
    }
    Ok(Meta { framework, columns })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NodeId;

    #[test]
    fn reads_hierarchy_and_roles() {
        let text = "iCode,iName,Level,Parent,Direction,Weight,Type\n\
                    a,A,1,P,1,1,Indicator\n\
                    b,B,1,P,-1,2,Indicator\n\
                    P,Pillar,2,,1,1,Aggregate\n\
                    region,Region,,,,,Group\n";
        let meta = read_meta(text.as_bytes(), "iMeta.csv").unwrap();
        assert_eq!(meta.framework.len(), 3);
        assert_eq!(
            meta.framework.node(NodeId::new(1)).direction,
            Direction::Negative
        );
        assert_eq!(meta.framework.node(NodeId::new(1)).weight.get(), 2.0);
        assert_eq!(meta.type_of("region"), Some(MetaType::Group));
    }

    #[test]
    fn target_years_are_read_for_progress() {
        let text = "iCode,Parent,Target,TargetYear,Type\n\
                    a,P,3.5,2025,Indicator\nb,P,,,Indicator\nP,,,,Aggregate\n";
        let meta = read_meta(text.as_bytes(), "iMeta.csv").unwrap();
        let a = meta.framework.node(NodeId::new(0));
        assert_eq!((a.target, a.target_year), (Some(3.5), Some(2025)));
        assert_eq!(meta.framework.node(NodeId::new(1)).target_year, None);
        let targets = crate::model::target::Targets::from_framework(&meta.framework, None).unwrap();
        assert_eq!(targets.len(), 1);
        let bad = "iCode,Target,TargetYear,Type\na,3.5,soon,Indicator\n";
        let err = read_meta(bad.as_bytes(), "iMeta.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "iMeta.csv, row 2, column 'TargetYear': expected a year (a whole number), found 'soon'"
        );
    }

    #[test]
    fn hierarchy_errors_point_at_the_row() {
        let text = "iCode,Parent,Type\na,Nope,Indicator\n";
        let err = read_meta(text.as_bytes(), "iMeta.csv").unwrap_err();
        assert!(err.to_string().starts_with("iMeta.csv, row 2"), "{err}");
    }

    #[test]
    fn duplicate_codes_name_both_rows() {
        let text = "iCode,Type\na,Indicator\na,Indicator\n";
        let err = read_meta(text.as_bytes(), "iMeta.csv").unwrap_err();
        assert!(err.to_string().contains("row 3"), "{err}");
        assert!(err.to_string().contains("first seen on row 2"), "{err}");
    }
}
