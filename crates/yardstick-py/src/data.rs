//! A data set (iData and iMeta, or a long panel and iMeta) and the index built on it:
//! `yardstick compute` as arrays.

use std::path::PathBuf;

use numpy::PyArray1;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use yardstick::io::{self, Meta};
use yardstick::pipeline::report::Cell;
use yardstick::{BuildSpec, Dataset, Error, ErrorKind, Place, Plan, UnitId};
use yardstick::{NodeId, PeriodId};

use crate::columns::{nan_matrix, Columns};
use crate::error::Raise;

/// A data set read and validated by the core, with its framework (iMeta).
#[pyclass(frozen, module = "yardstick._native")]
pub struct Data {
    pub(crate) meta: Meta,
    pub(crate) data: Dataset,
}

/// The JSON Schema every build spec is checked against (`www/schema/build-spec.schema.json`).
#[pyfunction]
pub fn build_spec_schema() -> String {
    yardstick::pipeline::spec::json_schema()
}

/// A spec from JSON text (validated like everywhere else), or COINr's default build.
pub fn spec(json: Option<&str>) -> Result<BuildSpec, Error> {
    match json {
        None => Ok(BuildSpec::default()),
        Some(text) => BuildSpec::from_json(text).map_err(|e| e.in_file("spec")),
    }
}

impl Data {
    /// The plan of `spec` on this data.
    pub fn plan(&self, spec_json: Option<&str>) -> Result<Plan, Error> {
        Plan::compile(&self.meta.framework, &self.data, &spec(spec_json)?)
    }

    /// The period of `year`, or the last one (as the CLI's `--year`).
    pub fn period(&self, year: Option<i32>) -> Result<PeriodId, Error> {
        match year {
            None => Ok(self.data.last_period()),
            Some(y) => self.data.period_of_year(y).ok_or_else(|| {
                Error::new(
                    ErrorKind::Structure {
                        expected: format!("a row for year {y} in the Time column"),
                    },
                    Place::default().column("Time"),
                )
            }),
        }
    }

    /// The index of a unit code, or an error naming it.
    pub fn unit(&self, code: &str) -> Result<UnitId, Error> {
        self.data.unit_index(code).ok_or_else(|| {
            Error::new(
                ErrorKind::Value {
                    expected: format!("one of the {} unit codes of the data", self.data.n_units()),
                    found: code.into(),
                },
                Place::default().unit(code),
            )
        })
    }
}

#[pymethods]
impl Data {
    /// Reads iData and iMeta CSV bytes (COINr's convention), as `yardstick compute` does.
    #[staticmethod]
    fn from_coin(data: &[u8], data_file: &str, meta: &[u8], meta_file: &str) -> PyResult<Data> {
        let (meta, data) = io::read_coin(data, data_file, meta, meta_file).py()?;
        Ok(Data { meta, data })
    }

    /// Reads iData and iMeta files; an unreadable file is an `io` error naming it.
    #[staticmethod]
    fn from_coin_files(data: PathBuf, meta: PathBuf) -> PyResult<Data> {
        let (meta, data) = io::read_coin_files(&data, &meta).py()?;
        Ok(Data { meta, data })
    }

    /// Reads a long panel (`uCode`/`code`, `Time`/`Year`/`year`, `iCode`/`indicator`,
    /// `value`) and iMeta; `units`, an iData-style table of units (`uCode`, `uName`, `uType`,
    /// groups), gives names, kinds and groups.
    #[staticmethod]
    #[pyo3(signature = (panel, panel_file, meta, meta_file, units=None, units_file="units"))]
    fn from_long(
        panel: &[u8],
        panel_file: &str,
        meta: &[u8],
        meta_file: &str,
        units: Option<&[u8]>,
        units_file: &str,
    ) -> PyResult<Data> {
        let meta = io::read_meta(meta, meta_file).py()?;
        let units = match units {
            None => None,
            Some(bytes) => Some(
                io::read_data(bytes, units_file, None)
                    .py()?
                    .units()
                    .to_vec(),
            ),
        };
        let data = io::read_long(panel, panel_file, units).py()?;
        Ok(Data { meta, data })
    }

    /// The embedded seed data: CCID's Digital Economy Development Index 2020 (seven provinces
    /// and the national average `CN`).
    #[staticmethod]
    fn seed() -> PyResult<Data> {
        let (meta, data) = io::default_data::dedi().py()?;
        Ok(Data { meta, data })
    }

    /// Unit codes in data order.
    fn units(&self) -> Vec<String> {
        self.data
            .units()
            .iter()
            .map(|u| u.code.to_string())
            .collect()
    }

    /// Unit names (`uName`) in data order.
    fn unit_names(&self) -> Vec<String> {
        self.data.units().iter().map(|u| u.name.clone()).collect()
    }

    /// Node codes (indicators and aggregates) in iMeta order.
    fn codes(&self) -> Vec<String> {
        self.meta
            .framework
            .nodes()
            .iter()
            .map(|n| n.code.to_string())
            .collect()
    }

    /// Years of the periods, in order (`None` for data without a `Time` column).
    fn years(&self) -> Vec<Option<i32>> {
        self.data.periods().to_vec()
    }

    /// Builds the index for `year` (default: the last): scores and ranks of every node (a
    /// units × nodes matrix each, NaN where missing), effective weights, and the report of
    /// what each step changed.
    #[pyo3(signature = (spec=None, year=None))]
    fn compute<'py>(
        &self,
        py: Python<'py>,
        spec: Option<&str>,
        year: Option<i32>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let plan = self.plan(spec).py()?;
        let period = self.period(year).py()?;
        let results = plan.run(&self.data, period).py()?;
        let fw = &self.meta.framework;
        let n = self.data.n_units();
        let out = PyDict::new(py);
        out.set_item("year", results.year)?;
        let values: Vec<&[Option<f64>]> = fw.ids().map(|i| results.values(i)).collect();
        let ranks: Vec<&[Option<f64>]> = fw.ids().map(|i| results.ranks(i)).collect();
        out.set_item("scores", nan_matrix(py, &values, n)?)?;
        out.set_item("ranks", nan_matrix(py, &ranks, n)?)?;
        out.set_item("weights", PyArray1::from_slice(py, &results.weights))?;
        let unit = |u: UnitId| self.data.unit(u).code.to_string();
        let node = |i: NodeId| fw.node(i).code.to_string();
        let cells = |cells: &[Cell]| -> PyResult<Bound<'py, PyAny>> {
            let mut c = Columns::new();
            c.text("uCode", cells.iter().map(|c| unit(c.unit)));
            c.text("iCode", cells.iter().map(|c| node(c.node)));
            Ok(c.into_py(py)?.into_any())
        };
        let report = &results.report;
        let r = PyDict::new(py);
        r.set_item("imputed", cells(&report.imputed)?)?;
        r.set_item("missing_denominator", cells(&report.missing_denominator)?)?;
        r.set_item("below_min_share", cells(&report.below_min_share)?)?;
        r.set_item("no_weight", cells(&report.no_weight)?)?;
        r.set_item("implausible", cells(&report.implausible)?)?;
        r.set_item(
            "denominated",
            report
                .denominated
                .iter()
                .map(|&i| node(i))
                .collect::<Vec<_>>(),
        )?;
        r.set_item(
            "dropped_units",
            report
                .dropped_units
                .iter()
                .map(|&u| unit(u))
                .collect::<Vec<_>>(),
        )?;
        let mut treated = Columns::new();
        treated.text("iCode", report.treated.iter().map(|(i, _)| node(*i)));
        treated.text(
            "winsorised",
            report.treated.iter().map(|(_, t)| {
                t.winsorised
                    .iter()
                    .map(|&u| unit(UnitId::new(u)))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        );
        treated.flags(
            "log_transformed",
            report.treated.iter().map(|(_, t)| Some(t.log_transformed)),
        );
        r.set_item("treated", treated.into_py(py)?)?;
        out.set_item("report", r)?;
        Ok(out)
    }
}
