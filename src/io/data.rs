//! Reading unit data: COINr's wide `iData` (one row per unit, or per unit and year) and a long
//! panel (one row per unit, year, indicator).

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Place, Result};
use crate::io::meta::{Meta, MetaType};
use crate::io::table::{column, parse_number, place, require, Records, Table};
use crate::model::dataset::Dataset;
use crate::model::ids::UnitId;
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
    let mut records = Records::new(bytes, file)?;
    let header = records.header.clone();
    let layout = Layout::of(&header, bytes, file, meta)?;
    // Rows are read one at a time and only their cells are kept: each number goes straight
    // into its variable's column, in row order, and is placed by unit and period at the end.
    let capacity = records.rows_at_most();
    let mut years: Vec<i32> = Vec::new();
    let mut units: Vec<Unit> = Vec::with_capacity(capacity);
    // The index of codes becomes the dataset's; the line each unit first appears on is only
    // for messages.
    let mut unit_of: HashMap<UnitCode, UnitId> = HashMap::with_capacity(capacity);
    let mut first_line: Vec<u64> = Vec::with_capacity(capacity);
    let mut seen: HashMap<(usize, i32), u64> = HashMap::new();
    // Where each row of a panel goes (its unit and year); rows without years are in place.
    let mut panel_rows: Vec<(usize, i32)> = Vec::new();
    let mut n_rows = 0usize;
    let mut columns: Vec<Vec<Option<f64>>> = (0..layout.vars.len())
        .map(|_| Vec::with_capacity(capacity))
        .collect();
    while let Some((line, row)) = records.next()? {
        let year = match layout.time {
            None => None,
            Some(c) => {
                let text = row[c].trim();
                let year = text.parse::<i32>().map_err(|_| {
                    Error::value(layout.place(line, c), "a whole year such as 2020", text)
                })?;
                insert_sorted(&mut years, year);
                Some(year)
            }
        };
        let code_text = row[layout.code].trim();
        let code = UnitCode::new(code_text).map_err(|_| {
            Error::value(
                layout.place(line, layout.code),
                "a unit code (non-empty)",
                code_text,
            )
        })?;
        let unit = layout.unit(line, row, code)?;
        let u = match unit_of.get(code_text) {
            Some(&u) => {
                let (u, first) = (u.index(), first_line[u.index()]);
                if layout.time.is_none() {
                    return Err(duplicate(code_text, first, layout.place(line, layout.code)));
                }
                if units[u].kind != unit.kind || units[u].groups != unit.groups {
                    return Err(Error::structure(
                        layout.place(line, layout.code).unit(code_text),
                        format!("the same uType and groups as on row {first} for the same unit"),
                    ));
                }
                u
            }
            None => {
                unit_of.insert(unit.code.clone(), UnitId::new(units.len()));
                first_line.push(line);
                units.push(unit);
                units.len() - 1
            }
        };
        if let Some(y) = year {
            if let Some(first) = seen.insert((u, y), line) {
                return Err(duplicate(
                    &format!("{code_text} in {y}"),
                    first,
                    layout.place(line, layout.code),
                ));
            }
        }
        for (column, &c) in columns.iter_mut().zip(&layout.vars) {
            column.push(parse_number(&row[c], || {
                layout.place(line, c).unit(code_text)
            })?);
        }
        if let Some(y) = year {
            panel_rows.push((u, y));
        }
        n_rows += 1;
    }
    if n_rows == 0 {
        return Err(Error::structure(
            Place::file(file),
            "at least one data row after the header",
        ));
    }

    drop((first_line, seen));
    // A panel has fewer units than rows.
    units.shrink_to_fit();
    if units.len() < n_rows {
        unit_of.shrink_to_fit();
    }
    let n = units.len();
    let (periods, values) = match layout.time {
        // One row per unit, in order: the columns are already in place.
        None => (vec![None], columns),
        Some(_) => {
            let periods: Vec<Option<i32>> = years.iter().copied().map(Some).collect();
            let period = |y: i32| years.binary_search(&y).unwrap_or(0);
            let values = columns
                .into_iter()
                .map(|column| {
                    let mut placed = vec![None; n * periods.len()];
                    for (x, &(u, y)) in column.into_iter().zip(&panel_rows) {
                        placed[period(y) * n + u] = x;
                    }
                    placed
                })
                .collect();
            (periods, values)
        }
    };
    let variables = layout
        .vars
        .iter()
        .map(|&c| layout.header[c].clone())
        .collect();
    Dataset::indexed(units, periods, variables, values, unit_of).map_err(|e| e.in_file(file))
}

/// What each column of an iData file holds.
struct Layout<'a> {
    file: &'a str,
    header: &'a [String],
    code: usize,
    name: Option<usize>,
    kind: Option<usize>,
    time: Option<usize>,
    /// `uName_<lang>` columns with their language.
    langs: Vec<(String, usize)>,
    /// Group columns, in header order.
    groups: Vec<usize>,
    /// Numeric variables, in header order.
    vars: Vec<usize>,
}

impl<'a> Layout<'a> {
    /// The layout of `header`. A column that iMeta does not type is a group column if some
    /// cell of it is not a number, which takes one more pass over the rows of `bytes`.
    fn of(
        header: &'a [String],
        bytes: &[u8],
        file: &'a str,
        meta: Option<&Meta>,
    ) -> Result<Layout<'a>> {
        if let [only] = header {
            if only.contains(';') && column(header, UNIT_CODE).is_none() {
                // A spreadsheet's export with the decimal comma: its header is one field.
                return Err(Error::structure(
                    Place::file(file).line(1),
                    "columns separated by commas (the header is one field with semicolons)",
                ));
            }
        }
        let mut layout = Layout {
            file,
            header,
            code: require(header, file, UNIT_CODE)?,
            name: column(header, UNIT_NAME),
            kind: column(header, UNIT_TYPE),
            time: TIME.iter().find_map(|name| column(header, name)),
            langs: Vec::new(),
            groups: Vec::new(),
            vars: Vec::new(),
        };
        let mut untyped = Vec::new();
        for (c, h) in header.iter().enumerate() {
            if [Some(layout.code), layout.name, layout.kind, layout.time].contains(&Some(c)) {
                continue;
            }
            if let Some(lang) = h.strip_prefix(NAME_PREFIX) {
                layout.langs.push((lang.to_owned(), c));
                continue;
            }
            match meta.and_then(|m| m.type_of(h)) {
                Some(MetaType::Group) => layout.groups.push(c),
                Some(_) => layout.vars.push(c),
                None => untyped.push(c),
            }
        }
        if !untyped.is_empty() {
            let mut text = vec![false; header.len()];
            let mut rows = Records::new(bytes, file)?;
            while let Some((_, row)) = rows.next()? {
                for &c in &untyped {
                    text[c] = text[c] || parse_number(&row[c], Place::default).is_err();
                }
            }
            for c in untyped {
                if text[c] {
                    layout.groups.push(c);
                } else {
                    layout.vars.push(c);
                }
            }
            layout.groups.sort_unstable();
            layout.vars.sort_unstable();
        }
        Ok(layout)
    }

    /// The place of a cell.
    fn place(&self, line: u64, column: usize) -> Place {
        place(self.file, self.header, line, column)
    }

    /// The unit a row describes: its code, names, type and groups.
    fn unit(&self, line: u64, row: &csv::StringRecord, code: UnitCode) -> Result<Unit> {
        let name = self
            .name
            .map(|c| row[c].trim())
            .filter(|s| !s.is_empty())
            .unwrap_or(code.as_str())
            .to_owned();
        let mut unit = Unit::new(code, name);
        if let Some(c) = self.kind {
            unit.kind = UnitKind::parse(&row[c])
                .ok_or_else(|| Error::value(self.place(line, c), "unit or aggregate", &row[c]))?;
        }
        for (lang, c) in &self.langs {
            let text = row[*c].trim();
            if !text.is_empty() {
                unit.names.insert(lang.clone(), text.to_owned());
            }
        }
        for &c in &self.groups {
            let text = row[c].trim();
            if !text.is_empty() {
                unit.groups.insert(self.header[c].clone(), text.to_owned());
            }
        }
        Ok(unit)
    }
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

    /// Rows in any order of units and years: each number lands at its unit and period, and
    /// a column iMeta does not type is a group if any of its cells is text, however late.
    #[test]
    fn rows_in_any_order_and_untyped_columns() {
        let text = "uCode,region,x,Time,y\n\
                    B,West,1,2021,10\n\
                    A,East,2,2020,20\n\
                    A,East,3,2021,30\n\
                    B,West,4,2019,40\n\
                    C,7,5,2021,50\n";
        let ds = read_data(text.as_bytes(), "iData.csv", None).unwrap();
        assert_eq!(ds.periods(), &[Some(2019), Some(2020), Some(2021)]);
        assert_eq!(ds.variables(), &["x".to_owned(), "y".to_owned()]);
        let codes: Vec<&str> = ds.units().iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["B", "A", "C"]);
        assert_eq!(ds.units()[2].groups["region"], "7");
        assert_eq!(ds.column(0, PeriodId::new(0)), &[Some(4.0), None, None]);
        assert_eq!(ds.column(0, PeriodId::new(1)), &[None, Some(2.0), None]);
        assert_eq!(
            ds.column(1, PeriodId::new(2)),
            &[Some(10.0), Some(30.0), Some(50.0)]
        );
    }

    /// A double quote inside an unquoted field is text, as the `csv` crate reads it; only a
    /// quote left open at the end of the file is refused.
    #[test]
    fn a_stray_quote_inside_a_field_is_text() {
        let text = "uCode,uName,x\nA,5\" screen,1\nB,b,2\n";
        let ds = read_data(text.as_bytes(), "iData.csv", None).unwrap();
        assert_eq!(ds.units()[0].name, "5\" screen");
        let open = "uCode,uName,x\nA,a,1\nB,\"b,2\n";
        let err = read_data(open.as_bytes(), "iData.csv", None).unwrap_err();
        assert!(err.to_string().contains("row 3"), "{err}");
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
