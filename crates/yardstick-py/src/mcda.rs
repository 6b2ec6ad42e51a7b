//! Multi-criteria decision analysis: `yardstick mcda` on a built index, and entropy weights
//! and TOPSIS on a bare decision matrix (alternatives in rows), as pymcdm takes it.

use std::cell::RefCell;

use numpy::{PyArray1, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyList;
use yardstick::analysis::indicator_mcda::{
    indicator_mcda, CriteriaWeights, IndicatorMcda, McdaMethod,
};
use yardstick::analysis::mcda::{coupling_of_subsystems, SubsystemCoupling, TopsisNormalisation};
use yardstick::error::Shown;
use yardstick::pipeline::weight::EntropyConvention;
use yardstick::{Dataset, Direction, Error, ErrorKind, Place};

use crate::columns::Columns;
use crate::data::Data;
use crate::error::Raise;

thread_local! {
    /// The column-major copy of a C-ordered matrix, kept for the next call: a fresh buffer
    /// of a 3,000 × 100 matrix for every call cost up to 1 ms of page faults in a process whose
    /// other libraries give memory back to the system. It holds the largest matrix copied on
    /// this thread until the thread ends.
    static COLUMN_MAJOR: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on the columns of `matrix` as slices: borrowed when the array is
/// Fortran-contiguous (each column is then contiguous), else copied once into column-major
/// order.
fn with_columns<R>(matrix: &PyReadonlyArray2<'_, f64>, f: impl FnOnce(&[&[f64]]) -> R) -> R {
    let rows = matrix.shape()[0];
    if matrix.is_fortran_contiguous() {
        if let Ok(cells) = matrix.as_slice() {
            return f(&split(cells, rows));
        }
    }
    let view = matrix.as_array();
    let cols = view.ncols();
    COLUMN_MAJOR.with_borrow_mut(|cells| {
        // Every cell is written below, so a reused buffer needs no clearing.
        cells.resize(rows * cols, 0.0);
        for (i, row) in view.outer_iter().enumerate() {
            for (j, &x) in row.iter().enumerate() {
                cells[j * rows + i] = x;
            }
        }
        f(&split(cells, rows))
    })
}

/// Column-major cells as one slice per column of `rows` cells.
fn split(cells: &[f64], rows: usize) -> Vec<&[f64]> {
    if rows == 0 {
        Vec::new()
    } else {
        cells.chunks_exact(rows).collect()
    }
}

/// Criterion types as pymcdm gives them: 1 (higher is better) or -1 (lower is better).
fn directions(types: &[f64]) -> Result<Vec<Direction>, Error> {
    types
        .iter()
        .enumerate()
        .map(|(j, &t)| {
            Direction::from_sign(t).ok_or_else(|| {
                Error::new(
                    ErrorKind::Value {
                        expected: "1 (higher is better) or -1 (lower is better)".into(),
                        found: Shown(t).to_string(),
                    },
                    Place::default().column(format!("types[{j}]")),
                )
            })
        })
        .collect()
}

fn entropy_convention(name: &str) -> Result<EntropyConvention, Error> {
    match name {
        "raw" => Ok(EntropyConvention::RawProportions),
        "raw_zero_max" => Ok(EntropyConvention::RawProportionsZeroColumnMaxWeight),
        other => Err(Error::new(
            ErrorKind::Value {
                expected: "'raw' or 'raw_zero_max'".into(),
                found: other.into(),
            },
            Place::default().column("convention"),
        )),
    }
}

/// Entropy weights of the criteria (columns) of `matrix`.
#[pyfunction]
#[pyo3(signature = (matrix, convention="raw"))]
pub fn entropy_weights<'py>(
    py: Python<'py>,
    matrix: PyReadonlyArray2<'py, f64>,
    convention: &str,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let convention = entropy_convention(convention).py()?;
    let weights = with_columns(&matrix, |columns| {
        let directions = vec![Direction::Positive; columns.len()];
        yardstick::pipeline::weight::entropy_weights(
            "criteria",
            columns,
            &directions,
            convention,
            0.0,
        )
    })
    .py()?;
    Ok(PyArray1::from_vec(py, weights))
}

/// TOPSIS on `matrix` (alternatives in rows) with `weights` and criterion `types`:
/// `(closeness, ranks)`.
#[pyfunction]
#[pyo3(signature = (matrix, weights, types, normalisation="minmax"))]
#[allow(clippy::type_complexity)]
pub fn topsis<'py>(
    py: Python<'py>,
    matrix: PyReadonlyArray2<'py, f64>,
    weights: Vec<f64>,
    types: Vec<f64>,
    normalisation: &str,
) -> PyResult<(Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>)> {
    let normalisation = topsis_normalisation(normalisation).py()?;
    let directions = directions(&types).py()?;
    let t = with_columns(&matrix, |columns| {
        yardstick::analysis::mcda::topsis(columns, &directions, &weights, normalisation)
    })
    .py()?;
    Ok((
        PyArray1::from_vec(py, t.closeness),
        PyArray1::from_iter(py, t.ranks.iter().map(|&r| r as f64)),
    ))
}

fn topsis_normalisation(name: &str) -> Result<TopsisNormalisation, Error> {
    match name {
        "minmax" => Ok(TopsisNormalisation::MinMax),
        "vector" => Ok(TopsisNormalisation::Vector),
        other => Err(Error::new(
            ErrorKind::Value {
                expected: "'minmax' or 'vector'".into(),
                found: other.into(),
            },
            Place::default().column("normalisation"),
        )),
    }
}

/// `yardstick mcda`: `method` `topsis` (min-max), `topsis-vector` or `gra` on the
/// indicators after the build's imputation and treatment, with `weights` `meta`, `equal`,
/// `entropy`, `critic`, `sd` or `cv`; or `coupling` on the index's subsystems.
#[pyfunction]
#[pyo3(signature = (data, method="topsis", weights="meta", spec=None, year=None))]
pub fn mcda<'py>(
    data: PyRef<'_, Data>,
    py: Python<'py>,
    method: &str,
    weights: &str,
    spec: Option<&str>,
    year: Option<i32>,
) -> PyResult<Bound<'py, PyList>> {
    let plan = data.plan(spec).py()?;
    let period = data.period(year).py()?;
    let data = &data.data;
    let method = match method {
        "topsis" | "topsis-minmax" => McdaMethod::Topsis(TopsisNormalisation::MinMax),
        "topsis-vector" => McdaMethod::Topsis(TopsisNormalisation::Vector),
        "gra" => McdaMethod::GreyRelational,
        "coupling" => return coupling(py, data, &plan, &plan.run(data, period).py()?),
        other => {
            return Err(crate::error::to_py(Error::new(
                ErrorKind::Value {
                    expected: "topsis, topsis-vector, gra or coupling".into(),
                    found: other.into(),
                },
                Place::default().column("method"),
            )))
        }
    };
    let Some(weighting) = CriteriaWeights::parse(weights) else {
        return Err(crate::error::to_py(Error::new(
            ErrorKind::Value {
                expected: "meta, equal, entropy, critic, sd or cv".into(),
                found: weights.into(),
            },
            Place::default().column("weights"),
        )));
    };
    let IndicatorMcda {
        matrix, outcome, ..
    } = indicator_mcda(&plan, data, period, weighting, method).py()?;
    let (scores, ranks) = (outcome.scores(), outcome.ranks());
    let mut c = Columns::new();
    c.text(
        "uCode",
        matrix.units.iter().map(|&u| data.unit(u).code.to_string()),
    );
    c.numbers("score", scores.iter().map(|&x| Some(x)));
    c.numbers("rank", ranks.iter().map(|&r| Some(r as f64)));
    c.into_py(py)
}

/// The coupling coordination degree of the index's subsystems (the children of the root).
fn coupling<'py>(
    py: Python<'py>,
    data: &Dataset,
    plan: &yardstick::Plan,
    results: &yardstick::Results,
) -> PyResult<Bound<'py, PyList>> {
    let SubsystemCoupling {
        units,
        bands,
        coordination: ccd,
    } = coupling_of_subsystems(plan.framework(), data, results).py()?;
    let mut c = Columns::new();
    c.text(
        "uCode",
        units.iter().map(|&u| data.unit(u).code.to_string()),
    );
    c.numbers("coupling", ccd.coupling.iter().map(|&x| Some(x)));
    c.numbers("development", ccd.development.iter().map(|&x| Some(x)));
    c.numbers("degree", ccd.degree.iter().map(|&x| Some(x)));
    c.text(
        "band",
        ccd.band.iter().map(|&b| {
            let band = &bands.bands()[b];
            band.label_zh.clone().unwrap_or_else(|| band.label.clone())
        }),
    );
    c.numbers("rank", ccd.ranks.iter().map(|&r| Some(r as f64)));
    c.into_py(py)
}
