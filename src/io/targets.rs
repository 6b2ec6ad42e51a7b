//! Reading a targets file: `uCode,iCode,target,year[,baseline_year]`, one target per row.

use crate::error::{Error, ErrorKind, Result};
use crate::io::table::{parse_number, Table};
use crate::model::dataset::Dataset;
use crate::model::framework::Framework;
use crate::model::target::{Target, Targets};

/// The targets of a run: iMeta's `Target` column (due in `TargetYear`, else `deadline`),
/// each replaced, per node and unit scope, by one of the targets file `file` (its bytes and
/// its name for messages) if given.
///
/// # Errors
/// As [`Targets::from_framework`], placed in `meta_file`; as [`read_targets`].
pub fn run_targets(
    framework: &Framework,
    meta_file: &str,
    deadline: Option<i32>,
    file: Option<(&[u8], &str)>,
    dataset: &Dataset,
) -> Result<Targets> {
    let from_meta =
        Targets::from_framework(framework, deadline).map_err(|e| e.in_file(meta_file))?;
    Ok(match file {
        None => from_meta,
        Some((bytes, name)) => {
            from_meta.overridden_by(read_targets(bytes, name, framework, dataset)?)
        }
    })
}

/// Reads targets from CSV bytes, resolving codes against `framework` and `dataset`.
///
/// Columns (by name, in any order): `uCode` (a unit of the data, or empty for every unit),
/// `iCode` (an indicator or aggregate of iMeta), `target` (a finite number), `year` (the
/// deadline) and, optionally, `baseline_year` (the year progress is measured from). A unit's
/// own target overrides the one for every unit ([`Targets::get`]).
///
/// # Errors
/// Typed errors naming the file, row and column: a missing column; an unknown unit or node
/// code; a target that is not a finite number; a year that is not a whole number; a deadline
/// not after the data's first year; a baseline year that is not a year of the data or not
/// before the deadline; two targets for the same node and unit scope
/// ([`ErrorKind::Duplicate`] with the first row).
pub fn read_targets(
    bytes: &[u8],
    file: &str,
    framework: &Framework,
    dataset: &Dataset,
) -> Result<Targets> {
    let t = Table::parse(bytes, file)?;
    let unit_col = t.require("uCode")?;
    let code_col = t.require("iCode")?;
    let value_col = t.require("target")?;
    let year_col = t.require("year")?;
    let baseline_col = t.column("baseline_year");
    let first_year = dataset.periods().iter().flatten().next().copied();
    let mut targets = Targets::default();
    // The row of each target, for a duplicate's message.
    let mut lines: Vec<(Target, u64)> = Vec::new();
    for (line, row) in &t.rows {
        let line = *line;
        let unit_text = row[unit_col].trim();
        let code_text = row[code_col].trim();
        let place = |c: usize| {
            let p = t.place(line, c).indicator(code_text);
            if unit_text.is_empty() {
                p
            } else {
                p.unit(unit_text)
            }
        };
        let node = framework
            .index_of(code_text)
            .ok_or_else(|| Error::value(place(code_col), "an iCode of iMeta", code_text))?;
        let unit = if unit_text.is_empty() {
            None
        } else {
            Some(dataset.unit_index(unit_text).ok_or_else(|| {
                Error::value(
                    place(unit_col),
                    "a uCode of the data (or an empty cell for every unit)",
                    unit_text,
                )
            })?)
        };
        let value = parse_number(&row[value_col], || place(value_col))?
            .ok_or_else(|| Error::value(place(value_col), "a target value", &row[value_col]))?;
        let year_of = |c: usize| {
            let text = row[c].trim();
            text.parse::<i32>()
                .map_err(|_| Error::value(place(c), "a year (a whole number)", text))
        };
        let year = year_of(year_col)?;
        if let Some(first) = first_year.filter(|&first| year <= first) {
            return Err(Error::value(
                place(year_col),
                format!("a deadline after {first}, the data's first year"),
                &year.to_string(),
            ));
        }
        let baseline_year = match baseline_col.filter(|&c| !row[c].trim().is_empty()) {
            None => None,
            Some(c) => {
                let baseline = year_of(c)?;
                if baseline >= year {
                    return Err(Error::value(
                        place(c),
                        format!("a baseline year before the deadline {year}"),
                        &baseline.to_string(),
                    ));
                }
                if dataset.period_of_year(baseline).is_none() {
                    return Err(Error::value(
                        place(c),
                        "a baseline year that is a year of the data",
                        &baseline.to_string(),
                    ));
                }
                Some(baseline)
            }
        };
        let target = Target {
            node,
            unit,
            value,
            year,
            baseline_year,
        };
        if let Some((_, first)) = lines.iter().find(|(t, _)| t.node == node && t.unit == unit) {
            return Err(Error::new(
                ErrorKind::Duplicate {
                    code: if unit_text.is_empty() {
                        format!("{code_text} (every unit)")
                    } else {
                        format!("{code_text} for {unit_text}")
                    },
                    first_line: Some(*first),
                },
                place(code_col),
            ));
        }
        targets
            .push(target)
            .map_err(|e| Error::new(e.kind().clone(), place(value_col)))?;
        lines.push((target, line));
    }
    Ok(targets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NodeId, UnitId};

    fn inputs() -> (Framework, Dataset) {
        let data = "uCode,Time,x,y\nA,2019,1,2\nB,2019,1,2\nA,2020,1,2\nB,2020,1,2\n";
        let meta = "iCode,Parent,Type\nx,I,Indicator\ny,I,Indicator\nI,,Aggregate\n";
        let (meta, data) =
            crate::io::read_coin(data.as_bytes(), "iData.csv", meta.as_bytes(), "iMeta.csv")
                .unwrap();
        (meta.framework, data)
    }

    fn read(text: &str) -> Result<Targets> {
        let (fw, data) = inputs();
        read_targets(text.as_bytes(), "targets.csv", &fw, &data)
    }

    #[test]
    fn reads_targets_for_every_unit_and_for_one() {
        let t = read(
            "uCode,iCode,target,year,baseline_year\n,x,3,2025,2020\nB,x,4,2025,\n,I,50,2030,\n",
        )
        .unwrap();
        assert_eq!(t.len(), 3);
        let all = t.get(NodeId::new(0), UnitId::new(0)).unwrap();
        assert_eq!(
            (all.value, all.year, all.baseline_year),
            (3.0, 2025, Some(2020))
        );
        assert_eq!(t.get(NodeId::new(0), UnitId::new(1)).unwrap().value, 4.0);
        assert_eq!(t.get(NodeId::new(2), UnitId::new(1)).unwrap().value, 50.0);
    }

    #[test]
    fn bad_rows_are_named() {
        for (text, message) in [
            (
                "uCode,iCode,target,year\n,z,3,2025\n",
                "targets.csv, row 2, column 'iCode', indicator 'z': expected an iCode of iMeta, found 'z'",
            ),
            (
                "uCode,iCode,target,year\nGX,x,3,2025\n",
                "targets.csv, row 2, column 'uCode', unit 'GX', indicator 'x': expected a uCode of the data (or an empty cell for every unit), found 'GX'",
            ),
            (
                "uCode,iCode,target,year\n,x,,2025\n",
                "targets.csv, row 2, column 'target', indicator 'x': expected a target value, found ''",
            ),
            (
                "uCode,iCode,target,year\n,x,NaN,2025\n",
                "targets.csv, row 2, column 'target', indicator 'x': expected a finite number (or an empty cell for missing), found 'NaN'",
            ),
            (
                "uCode,iCode,target,year\n,x,3,2025.5\n",
                "targets.csv, row 2, column 'year', indicator 'x': expected a year (a whole number), found '2025.5'",
            ),
            (
                "uCode,iCode,target,year\n,x,3,2019\n",
                "targets.csv, row 2, column 'year', indicator 'x': expected a deadline after 2019, the data's first year, found '2019'",
            ),
            (
                "uCode,iCode,target,year,baseline_year\n,x,3,2025,2026\n",
                "targets.csv, row 2, column 'baseline_year', indicator 'x': expected a baseline year before the deadline 2025, found '2026'",
            ),
            (
                "uCode,iCode,target,year,baseline_year\n,x,3,2025,2015\n",
                "targets.csv, row 2, column 'baseline_year', indicator 'x': expected a baseline year that is a year of the data, found '2015'",
            ),
            (
                "uCode,iCode,target,year\nA,x,3,2025\nB,x,3,2025\nA,x,4,2030\n",
                "targets.csv, row 4, column 'iCode', unit 'A', indicator 'x': duplicate code 'x for A' (first seen on row 2)",
            ),
            (
                "uCode,iCode,year\n,x,2025\n",
                "targets.csv, row 1: expected a column named 'target'",
            ),
        ] {
            assert_eq!(read(text).unwrap_err().to_string(), message);
        }
    }
}
