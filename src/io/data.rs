//! Reading unit data: COINr's wide `iData` (one row per unit, or per unit and year) and a long
//! panel (one row per unit, year, indicator).

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Place, Result};
use crate::io::meta::{Meta, MetaType};
use crate::io::table::{parse_number, Table};
use crate::model::dataset::Dataset;
use crate::model::unit::{Unit, UnitCode, UnitKind};

/// Columns of iData with a fixed meaning; every other column is a group or a variable.
const UNIT_CODE: &str = "uCode";
const UNIT_NAME: &str = "uName";
const UNIT_TYPE: &str = "uType";
const NAME_PREFIX: &str = "uName_";
const TIME: [&str; 2] = ["Time", "Year"];

/// Reads COINr's iData from CSV bytes.
///
/// Reserved columns: `uCode` (required), `uName`, `uName_<lang>`, `uType` (`unit` or
/// `aggregate`), `Time` or `Year` (a panel: one row per unit and year). Other columns are
/// group columns when iMeta says `Group` (or, without an iMeta row, when some cell is not a
/// number) and numeric variables otherwise. A unit's names, type and groups come from its first
/// row; a later row that contradicts them is an error.
pub fn read_data(bytes: &[u8], file: &str, meta: Option<&Meta>) -> Result<Dataset> {
    let t = Table::parse(bytes, file)?;
    let code_col = t.require(UNIT_CODE)?;
    let name_col = t.column(UNIT_NAME);
    let type_col = t.column(UNIT_TYPE);
    let time_col = t.column_any(&TIME);
    let mut lang_cols = Vec::new();
    let mut group_cols = Vec::new();
    let mut var_cols = Vec::new();
    for (c, h) in t.header.iter().enumerate() {
        if [Some(code_col), name_col, type_col, time_col].contains(&Some(c)) {
            continue;
        }
        if let Some(lang) = h.strip_prefix(NAME_PREFIX) {
            lang_cols.push((lang.to_owned(), c));
            continue;
        }
        let is_group = match meta.and_then(|m| m.type_of(h)) {
            Some(MetaType::Group) => true,
            Some(_) => false,
            None => t
                .rows
                .iter()
                .any(|(_, row)| parse_number(&row[c], Place::default).is_err()),
        };
        if is_group {
            group_cols.push(c);
        } else {
            var_cols.push(c);
        }
    }

    // Periods first, so that cells can be placed directly.
    let mut years = Vec::new();
    let mut row_year = Vec::with_capacity(t.rows.len());
    for (line, row) in &t.rows {
        let year = match time_col {
            None => None,
            Some(c) => {
                let text = row[c].trim();
                let year = text.parse::<i32>().map_err(|_| {
                    Error::value(t.place(*line, c), "a whole year such as 2020", text)
                })?;
                insert_sorted(&mut years, year);
                Some(year)
            }
        };
        row_year.push(year);
    }
    let periods: Vec<Option<i32>> = if time_col.is_some() {
        years.into_iter().map(Some).collect()
    } else {
        vec![None]
    };
    if t.rows.is_empty() {
        return Err(Error::structure(
            Place::file(file),
            "at least one data row after the header",
        ));
    }

    let mut units: Vec<Unit> = Vec::new();
    let mut unit_of: HashMap<String, (usize, u64)> = HashMap::new();
    let mut cells: Vec<(usize, usize, u64, &csv::StringRecord)> = Vec::with_capacity(t.rows.len());
    let mut seen: HashMap<(usize, usize), u64> = HashMap::new();
    for ((line, row), year) in t.rows.iter().zip(&row_year) {
        let line = *line;
        let code_text = row[code_col].trim();
        let code = UnitCode::new(code_text).map_err(|_| {
            Error::value(
                t.place(line, code_col),
                "a unit code (non-empty)",
                code_text,
            )
        })?;
        let unit = parse_unit(
            &t,
            line,
            row,
            code,
            name_col,
            type_col,
            &lang_cols,
            &group_cols,
        )?;
        let u = match unit_of.get(code_text) {
            Some(&(u, first)) => {
                if time_col.is_none() {
                    return Err(duplicate(code_text, first, t.place(line, code_col)));
                }
                if units[u].kind != unit.kind || units[u].groups != unit.groups {
                    return Err(Error::structure(
                        t.place(line, code_col).unit(code_text),
                        format!("the same uType and groups as on row {first} for the same unit"),
                    ));
                }
                u
            }
            None => {
                unit_of.insert(code_text.to_owned(), (units.len(), line));
                units.push(unit);
                units.len() - 1
            }
        };
        let p = periods.iter().position(|p| p == year).unwrap_or(0);
        if let Some(first) = seen.insert((u, p), line) {
            return Err(duplicate(
                &format!(
                    "{code_text} in {}",
                    year.map_or(String::new(), |y| y.to_string())
                ),
                first,
                t.place(line, code_col),
            ));
        }
        cells.push((u, p, line, row));
    }

    let n = units.len();
    let mut values = vec![vec![None; n * periods.len()]; var_cols.len()];
    for &(u, p, line, row) in &cells {
        for (v, &c) in var_cols.iter().enumerate() {
            values[v][p * n + u] =
                parse_number(&row[c], || t.place(line, c).unit(row[code_col].trim()))?;
        }
    }
    let variables = var_cols.iter().map(|&c| t.header[c].clone()).collect();
    Dataset::new(units, periods, variables, values).map_err(|e| e.in_file(file))
}

#[allow(clippy::too_many_arguments)]
fn parse_unit(
    t: &Table,
    line: u64,
    row: &csv::StringRecord,
    code: UnitCode,
    name_col: Option<usize>,
    type_col: Option<usize>,
    lang_cols: &[(String, usize)],
    group_cols: &[usize],
) -> Result<Unit> {
    let name = name_col
        .map(|c| row[c].trim())
        .filter(|s| !s.is_empty())
        .unwrap_or(code.as_str())
        .to_owned();
    let mut unit = Unit::new(code, name);
    if let Some(c) = type_col {
        unit.kind = UnitKind::parse(&row[c])
            .ok_or_else(|| Error::value(t.place(line, c), "unit or aggregate", &row[c]))?;
    }
    for (lang, c) in lang_cols {
        let text = row[*c].trim();
        if !text.is_empty() {
            unit.names.insert(lang.clone(), text.to_owned());
        }
    }
    for &c in group_cols {
        let text = row[c].trim();
        if !text.is_empty() {
            unit.groups.insert(t.header[c].clone(), text.to_owned());
        }
    }
    Ok(unit)
}

fn duplicate(code: &str, first: u64, place: Place) -> Error {
    Error::new(
        ErrorKind::Duplicate {
            code: code.to_owned(),
            first_line: Some(first),
        },
        place,
    )
}

/// Reads a long panel: one row per unit, year and indicator.
///
/// Columns (first match wins): unit `uCode` or `code`; year `Time`, `Year` or `year`;
/// indicator `iCode` or `indicator`; `value`. Units are named by their code; pass `units` to
/// give names, groups and kinds (every code in the panel must then be among them). Units and
/// variables keep their first-appearance order; a repeated (unit, year, indicator) is an error.
pub fn read_long(bytes: &[u8], file: &str, units: Option<Vec<Unit>>) -> Result<Dataset> {
    let t = Table::parse(bytes, file)?;
    let need = |names: &[&str]| {
        t.column_any(names).ok_or_else(|| {
            Error::structure(
                Place::file(file).line(1),
                format!("a column named {}", names.join(" or ")),
            )
        })
    };
    let (uc, yc, ic, vc) = (
        need(&["uCode", "code"])?,
        need(&["Time", "Year", "year"])?,
        need(&["iCode", "indicator"])?,
        need(&["value"])?,
    );
    let mut unit_list = units.unwrap_or_default();
    let fixed_units = !unit_list.is_empty();
    let mut unit_index: HashMap<String, usize> = unit_list
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.to_string(), i))
        .collect();
    let mut variables: Vec<String> = Vec::new();
    let mut entries = Vec::with_capacity(t.rows.len());
    let mut years = Vec::new();
    for (line, row) in &t.rows {
        let line = *line;
        let code = row[uc].trim();
        let u = match unit_index.get(code) {
            Some(&u) => u,
            None if fixed_units => {
                return Err(Error::value(
                    t.place(line, uc),
                    "a code listed in the units table",
                    code,
                ))
            }
            None => {
                let c = UnitCode::new(code)
                    .map_err(|_| Error::value(t.place(line, uc), "a unit code", code))?;
                unit_list.push(Unit::new(c, code));
                unit_index.insert(code.to_owned(), unit_list.len() - 1);
                unit_list.len() - 1
            }
        };
        let year_text = row[yc].trim();
        let year: i32 = year_text
            .parse()
            .map_err(|_| Error::value(t.place(line, yc), "a whole year such as 2020", year_text))?;
        insert_sorted(&mut years, year);
        let name = row[ic].trim();
        crate::IndicatorCode::new(name)
            .map_err(|_| Error::value(t.place(line, ic), "an indicator code", name))?;
        let v = match variables.iter().position(|x| x == name) {
            Some(v) => v,
            None => {
                variables.push(name.to_owned());
                variables.len() - 1
            }
        };
        let value = parse_number(&row[vc], || t.place(line, vc).unit(code).indicator(name))?;
        entries.push((u, year, v, value, line));
    }
    let periods: Vec<Option<i32>> = years.iter().copied().map(Some).collect();
    if periods.is_empty() {
        return Err(Error::structure(
            Place::file(file),
            "at least one data row after the header",
        ));
    }
    let n = unit_list.len();
    let mut values = vec![vec![None; n * periods.len()]; variables.len()];
    // The line that filled each cell (0: none yet; the header is line 1).
    let mut filled_by = vec![vec![0u64; n * periods.len()]; variables.len()];
    for (u, year, v, value, line) in entries {
        let p = periods.iter().position(|&p| p == Some(year)).unwrap_or(0);
        let cell = p * n + u;
        if filled_by[v][cell] != 0 {
            return Err(duplicate(
                &format!("{} {year} {}", unit_list[u].code, variables[v]),
                filled_by[v][cell],
                Place::file(file).line(line),
            ));
        }
        filled_by[v][cell] = line;
        values[v][cell] = value;
    }
    Dataset::new(unit_list, periods, variables, values).map_err(|e| e.in_file(file))
}

/// Inserts `year` into the ascending, distinct `years` unless it is there.
fn insert_sorted(years: &mut Vec<i32>, year: i32) {
    if let Err(at) = years.binary_search(&year) {
        years.insert(at, year);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PeriodId;

    #[test]
    fn wide_panel_with_reference_row_and_names() {
        let text = "uCode,uName,uName_en,uType,Time,x\n\
                    CN-GX,广西,Guangxi,unit,2020,26.2\n\
                    CN,全国平均,National average,aggregate,2020,29.6\n\
                    CN-GX,广西,Guangxi,unit,2019,\n";
        let ds = read_data(text.as_bytes(), "iData.csv", None).unwrap();
        assert_eq!(ds.periods(), &[Some(2019), Some(2020)]);
        assert_eq!(ds.units()[1].kind, UnitKind::Aggregate);
        assert_eq!(ds.units()[0].name_in("en"), "Guangxi");
        assert_eq!(ds.column(0, PeriodId::new(1)), &[Some(26.2), Some(29.6)]);
        assert_eq!(ds.column(0, PeriodId::new(0)), &[None, None]);
    }

    #[test]
    fn text_in_a_numeric_column_names_row_column_and_unit() {
        let text = "uCode,x\nA,1\nB,abc\n";
        let meta = crate::io::read_meta(b"iCode,Type\nx,Indicator\n", "iMeta.csv").unwrap();
        let err = read_data(text.as_bytes(), "iData.csv", Some(&meta)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "iData.csv, row 3, column 'x', unit 'B': expected a number (or an empty cell for missing), found 'abc'"
        );
    }

    #[test]
    fn long_panel_places_cells() {
        let text = "code,year,indicator,value\n450000,2020,gdp,22156.7\n450000,2019,gdp,21237.1\n";
        let ds = read_long(text.as_bytes(), "panel.csv", None).unwrap();
        assert_eq!(ds.column(0, PeriodId::new(0)), &[Some(21237.1)]);
        let dup = "code,year,indicator,value\nA,2020,x,1\nA,2020,x,2\n";
        assert!(read_long(dup.as_bytes(), "panel.csv", None).is_err());
    }
}
