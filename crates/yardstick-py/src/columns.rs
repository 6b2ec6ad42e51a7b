//! Tables as lists of columns, which `python/yardstick` turns into DataFrames: numbers as
//! float64 numpy arrays (missing as NaN, only here), codes as lists of `str`.

use numpy::{PyArray1, PyArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyList;

/// A column's cells.
enum Cells {
    /// float64; `None` leaves as NaN.
    Numbers(Vec<Option<f64>>),
    /// Text (codes, labels).
    Text(Vec<String>),
    /// Flags, missing where unknown (a pandas nullable boolean column).
    Flags(Vec<Option<bool>>),
}

/// Named columns of equal length, in the order the CLI writes them.
#[derive(Default)]
pub struct Columns(Vec<(String, Cells)>);

impl Columns {
    /// No column yet.
    pub fn new() -> Self {
        Columns::default()
    }

    /// Adds a column of numbers.
    pub fn numbers(&mut self, name: &str, cells: impl IntoIterator<Item = Option<f64>>) {
        self.0
            .push((name.to_owned(), Cells::Numbers(cells.into_iter().collect())));
    }

    /// Adds a column of text.
    pub fn text<S: Into<String>>(&mut self, name: &str, cells: impl IntoIterator<Item = S>) {
        self.0.push((
            name.to_owned(),
            Cells::Text(cells.into_iter().map(Into::into).collect()),
        ));
    }

    /// Adds a column of flags.
    pub fn flags(&mut self, name: &str, cells: impl IntoIterator<Item = Option<bool>>) {
        self.0
            .push((name.to_owned(), Cells::Flags(cells.into_iter().collect())));
    }

    /// `[(name, kind, cells), …]` with kind `"float"` (a numpy array), `"str"` or `"bool"`
    /// (lists).
    pub fn into_py(self, py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
        let list = PyList::empty(py);
        for (name, cells) in self.0 {
            match cells {
                Cells::Numbers(cells) => list.append((name, "float", nan_array(py, &cells)))?,
                Cells::Text(cells) => list.append((name, "str", cells))?,
                Cells::Flags(cells) => list.append((name, "bool", cells))?,
            }
        }
        Ok(list)
    }
}

/// Cells as a float64 array, `None` as NaN.
pub fn nan_array<'py>(py: Python<'py>, cells: &[Option<f64>]) -> Bound<'py, PyArray1<f64>> {
    PyArray1::from_iter(py, cells.iter().map(|x| x.unwrap_or(f64::NAN)))
}

/// Columns of equal length as one float64 matrix (rows × columns) in Fortran order, so that
/// each column is contiguous and a DataFrame built on it takes it without copying.
pub fn nan_matrix<'py>(
    py: Python<'py>,
    columns: &[&[Option<f64>]],
    rows: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let mut cells = Vec::with_capacity(rows * columns.len());
    for column in columns {
        cells.extend(column.iter().map(|x| x.unwrap_or(f64::NAN)));
    }
    let flat = PyArray1::from_vec(py, cells);
    Ok(flat
        .reshape_with_order(
            [rows, columns.len()],
            numpy::npyffi::NPY_ORDER::NPY_FORTRANORDER,
        )?
        .into_any())
}
