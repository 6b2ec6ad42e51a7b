//! The data: units × variables × periods, with missing values explicit.

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Place, Result};
use crate::model::ids::{PeriodId, UnitId};
use crate::model::unit::{Unit, UnitCode};

/// Panel data. Values are stored column-major: one `Vec<Option<f64>>` per variable, holding
/// period after period, each period a contiguous slice with one cell per unit in unit order.
///
/// A variable is any numeric column: indicators and denominators. Missing cells are `None`,
/// decided when the data is read; `NaN` never enters.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    units: Vec<Unit>,
    periods: Vec<Option<i32>>,
    variables: Vec<String>,
    values: Vec<Vec<Option<f64>>>,
    unit_index: HashMap<UnitCode, UnitId>,
}

impl Dataset {
    /// Builds a dataset. `periods` is sorted ascending and distinct (`[None]` for data without
    /// a time column); `values[v]` has `periods.len() × units.len()` cells.
    pub fn new(
        units: Vec<Unit>,
        periods: Vec<Option<i32>>,
        variables: Vec<String>,
        values: Vec<Vec<Option<f64>>>,
    ) -> Result<Self> {
        let mut unit_index = HashMap::with_capacity(units.len());
        for (i, unit) in units.iter().enumerate() {
            if unit_index
                .insert(unit.code.clone(), UnitId::new(i))
                .is_some()
            {
                return Err(Error::new(
                    ErrorKind::Duplicate {
                        code: unit.code.to_string(),
                        first_line: None,
                    },
                    Place::default().unit(unit.code.as_str()),
                ));
            }
        }
        Dataset::indexed(units, periods, variables, values, unit_index)
    }

    /// [`Dataset::new`] with the index of unit codes already built, as a reader that checks
    /// for repeated codes builds it on the way: a second index of a large file would double
    /// that memory and time.
    pub(crate) fn indexed(
        units: Vec<Unit>,
        periods: Vec<Option<i32>>,
        variables: Vec<String>,
        values: Vec<Vec<Option<f64>>>,
        unit_index: HashMap<UnitCode, UnitId>,
    ) -> Result<Self> {
        debug_assert_eq!(unit_index.len(), units.len());
        if periods.is_empty() || periods.windows(2).any(|w| w[0] >= w[1]) {
            return Err(Error::structure(
                Place::default().column("Time"),
                "at least one period, in ascending order without repeats",
            ));
        }
        if variables.len() != values.len() {
            return Err(Error::structure(
                Place::default(),
                format!(
                    "one value column per variable ({} names, {} columns)",
                    variables.len(),
                    values.len()
                ),
            ));
        }
        let cells = periods.len() * units.len();
        for (name, column) in variables.iter().zip(&values) {
            if column.len() != cells {
                return Err(Error::structure(
                    Place::default().column(name.as_str()),
                    format!("{cells} cells (periods × units), found {}", column.len()),
                ));
            }
            if let Some(u) = column
                .iter()
                .position(|v| v.is_some_and(|x| !x.is_finite()))
            {
                return Err(Error::value(
                    Place::default()
                        .column(name.as_str())
                        .unit(units[u % units.len()].code.as_str()),
                    "a finite number or a missing value",
                    "non-finite",
                ));
            }
        }
        Ok(Dataset {
            units,
            periods,
            variables,
            values,
            unit_index,
        })
    }

    /// A single-period dataset from one column per variable.
    pub fn cross_section(
        units: Vec<Unit>,
        variables: Vec<String>,
        columns: Vec<Vec<Option<f64>>>,
    ) -> Result<Self> {
        Dataset::new(units, vec![None], variables, columns)
    }

    /// The units in input order.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Number of units.
    pub fn n_units(&self) -> usize {
        self.units.len()
    }

    /// The unit `unit`.
    pub fn unit(&self, unit: UnitId) -> &Unit {
        &self.units[unit.index()]
    }

    /// Every unit, in data order.
    pub fn unit_ids(&self) -> impl Iterator<Item = UnitId> + use<> {
        (0..self.units.len()).map(UnitId::new)
    }

    /// Every period, ascending.
    pub fn period_ids(&self) -> impl Iterator<Item = PeriodId> + use<> {
        (0..self.periods.len()).map(PeriodId::new)
    }

    /// The year of `period` (`None` for data without a time column).
    pub fn year(&self, period: PeriodId) -> Option<i32> {
        self.periods[period.index()]
    }

    /// Index of the unit with `code`.
    pub fn unit_index(&self, code: &str) -> Option<UnitId> {
        self.unit_index.get(code).copied()
    }

    /// The periods: years ascending, or `[None]` for data without a time column.
    pub fn periods(&self) -> &[Option<i32>] {
        &self.periods
    }

    /// Index of the period holding `year`.
    pub fn period_of_year(&self, year: i32) -> Option<PeriodId> {
        self.periods
            .iter()
            .position(|&p| p == Some(year))
            .map(PeriodId::new)
    }

    /// The latest period.
    pub fn last_period(&self) -> PeriodId {
        PeriodId::new(self.periods.len() - 1)
    }

    /// The variable (column) names in input order.
    pub fn variables(&self) -> &[String] {
        &self.variables
    }

    /// Index of the variable named `name`.
    pub fn variable_index(&self, name: &str) -> Option<usize> {
        self.variables.iter().position(|v| v == name)
    }

    /// The values of `variable` in `period`, one per unit.
    pub fn column(&self, variable: usize, period: PeriodId) -> &[Option<f64>] {
        let (n, p) = (self.units.len(), period.index());
        &self.values[variable][p * n..(p + 1) * n]
    }

    /// All periods of `variable`, period after period.
    pub fn panel_column(&self, variable: usize) -> &[Option<f64>] {
        &self.values[variable]
    }

    /// Replaces the values of `variable` in `period`.
    pub fn set_column(&mut self, variable: usize, period: PeriodId, values: &[Option<f64>]) {
        let (n, p) = (self.units.len(), period.index());
        self.values[variable][p * n..(p + 1) * n].copy_from_slice(values);
    }

    /// Takes the variables out, names and values, leaving the units and periods with no
    /// variables: for a run that consumes the data ([`crate::Plan::run_consuming`]).
    pub(crate) fn take_values(&mut self) -> (Vec<String>, Vec<Vec<Option<f64>>>) {
        (
            std::mem::take(&mut self.variables),
            std::mem::take(&mut self.values),
        )
    }

    /// Group labels of every unit for the group column `group`, or `None` if no unit has it.
    pub fn group_labels(&self, group: &str) -> Option<Vec<Option<&str>>> {
        let labels: Vec<Option<&str>> = self
            .units
            .iter()
            .map(|u| u.groups.get(group).map(String::as_str))
            .collect();
        labels.iter().any(Option::is_some).then_some(labels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(codes: &[&str]) -> Vec<Unit> {
        codes
            .iter()
            .map(|c| Unit::new(UnitCode::new(c).unwrap(), *c))
            .collect()
    }

    #[test]
    fn panel_columns_are_period_slices() {
        let ds = Dataset::new(
            units(&["A", "B"]),
            vec![Some(2020), Some(2021)],
            vec!["x".into()],
            vec![vec![Some(1.0), Some(2.0), Some(3.0), None]],
        )
        .unwrap();
        assert_eq!(ds.column(0, PeriodId::new(1)), &[Some(3.0), None]);
        assert_eq!(ds.period_of_year(2021), Some(PeriodId::new(1)));
        assert_eq!(ds.unit_index("B"), Some(UnitId::new(1)));
    }

    #[test]
    fn rejects_duplicate_units_and_non_finite_values() {
        let dup = Dataset::cross_section(units(&["A", "A"]), vec![], vec![]);
        assert!(dup.unwrap_err().to_string().contains("duplicate code 'A'"));
        let nan =
            Dataset::cross_section(units(&["A"]), vec!["x".into()], vec![vec![Some(f64::NAN)]]);
        assert!(nan.is_err());
    }
}
