"""Yardstick for pandas users: regional benchmarking with composite indicators.

The engine is the Rust crate ``yardstick`` (the one behind the ``yardstick`` command line and
the browser widget), compiled into ``yardstick._native``. This module only turns its numpy
arrays and code lists into pandas DataFrames; every number is computed by the engine, so
results are bit for bit those of the command line.

>>> import yardstick
>>> data = yardstick.read_coin("data/asem/iData.csv", "data/asem/iMeta.csv")
>>> res = data.compute()                      # COINr's default build
>>> res.scores["Index"].nlargest(3)           # DataFrame indexed by uCode
>>> data.gap_table("AUT", "leader")           # the columns of ``yardstick gap``

Missing values are ``NaN`` in the DataFrames (and only there: the engine keeps them as
missing). Errors are :class:`yardstick.Error` subclasses, one per stable code
(``yardstick.ZeroRangeError`` for ``zero_range``, …), with ``code``, ``kind`` and ``place``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _native
from ._native import ERROR_CODES, Error, __version__

__all__ = [
    "Data",
    "Error",
    "ERROR_CODES",
    "Report",
    "build_spec_schema",
    "Results",
    "__version__",
    "entropy_weights",
    "error_class",
    "read_coin",
    "read_long",
    "seed",
    "topsis",
]

Table = Union[str, "os.PathLike[str]", pd.DataFrame]
Spec = Union[Mapping[str, Any], str, None]


def _class_name(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("_")) + "Error"


# One subclass of Error per stable code, made by the engine from its own list of codes.
_ERROR_CLASSES: Dict[str, type] = {
    code: getattr(_native, _class_name(code)) for code in ERROR_CODES
}
globals().update({cls.__name__: cls for cls in _ERROR_CLASSES.values()})


def error_class(code: str) -> type:
    """The :class:`Error` subclass raised for ``code`` (e.g. ``"zero_range"``)."""
    return _ERROR_CLASSES[code]


def _error(code: str, message: str, fields: Mapping[str, Any], **place: Any) -> Exception:
    """An error of this package's own checks, shaped like the engine's."""
    error: Any = _ERROR_CLASSES[code](message)
    error.code = code
    error.kind = {"code": code, **fields}
    error.place = {
        key: place.get(key) for key in ("file", "line", "column", "unit", "indicator", "year")
    }
    return error


def _spec_json(spec: Spec) -> Optional[str]:
    """A build spec as JSON text: the engine validates it against the same JSON Schema as the
    command line and the widget (``yardstick.build_spec_schema()``)."""
    if spec is None or isinstance(spec, str):
        return spec
    return json.dumps(spec)


def _csv(table: pd.DataFrame, code_column: str) -> bytes:
    """A DataFrame as CSV for the engine's reader, so a DataFrame is validated exactly like a
    file (pandas writes every float in its shortest round-trip form)."""
    if code_column not in table.columns and table.index.name == code_column:
        table = table.reset_index()
    # A column of whole numbers with a gap (iMeta's Level, a Time column) is float64 in
    # pandas and would be written as "1.0"; written as integers it reads as what it is.
    whole = {}
    for name in table.columns:
        column = table[name]
        if column.dtype.kind == "f":
            values = column.to_numpy()
            present = values[~np.isnan(values)]
            if (
                present.size
                and np.isfinite(present).all()
                and (np.abs(present) < 2.0**53).all()
                and (present == np.round(present)).all()
            ):
                whole[name] = column.astype("Int64")
    if whole:
        table = table.assign(**whole)
    return table.to_csv(index=False).encode("utf-8")


def _frame(columns: List[Tuple[str, str, Any]]) -> pd.DataFrame:
    """The engine's columns (numbers as float64 arrays, text and flags as lists) as a
    DataFrame; number columns are taken without copying where pandas allows."""
    cells: Dict[str, Any] = {}
    for name, kind, values in columns:
        # Text takes pandas' own string type; flags may be missing, so nullable booleans.
        cells[name] = pd.array(values, dtype="boolean") if kind == "bool" else values
    return pd.DataFrame(cells)


@dataclass(frozen=True)
class Report:
    """What each step of the build changed: nothing happens silently."""

    imputed: pd.DataFrame
    """Cells filled by imputation (``uCode``, ``iCode``)."""
    treated: pd.DataFrame
    """Indicators changed by outlier treatment (``iCode``, ``winsorised`` unit codes
    separated by spaces, ``log_transformed``)."""
    dropped_units: List[str]
    """Units dropped by screening: kept in every output, without scores or ranks."""
    denominated: List[str]
    """Indicators divided by their denominator."""
    missing_denominator: pd.DataFrame
    """Cells left missing because their denominator was missing."""
    below_min_share: pd.DataFrame
    """Aggregate cells left missing because too few children were present."""
    no_weight: pd.DataFrame
    """Aggregate cells left missing because every present child had weight 0."""
    implausible: pd.DataFrame
    """Indicator cells over a million times their indicator's typical magnitude (kept)."""


@dataclass(frozen=True)
class Results:
    """One build of the index for one year."""

    scores: pd.DataFrame
    """Normalised indicators and aggregate scores: one row per unit (index ``uCode``), one
    column per iCode in iMeta order; ``NaN`` where missing."""
    ranks: pd.DataFrame
    """Ranks in the same layout; ``NaN`` for reference rows, dropped units and missing
    scores."""
    weights: pd.Series
    """Effective weight of every node within its parent (siblings sum to 1)."""
    year: Optional[int]
    """The year built (``None`` for data without a ``Time`` column)."""
    report: Report
    """What each step changed."""


class Data:
    """A data set read and validated by the engine, with its framework (iMeta)."""

    def __init__(self, native: _native.Data) -> None:
        self._native = native

    @property
    def units(self) -> List[str]:
        """Unit codes (``uCode``) in data order."""
        return list(self._native.units())

    @property
    def names(self) -> pd.Series:
        """Unit names (``uName``) indexed by ``uCode``."""
        return pd.Series(
            self._native.unit_names(), index=pd.Index(self._native.units(), name="uCode"),
            name="uName",
        )

    @property
    def codes(self) -> List[str]:
        """Indicator and aggregate codes (``iCode``) in iMeta order."""
        return list(self._native.codes())

    @property
    def years(self) -> List[Optional[int]]:
        """The years of the data, in order."""
        return list(self._native.years())

    def compute(self, spec: Spec = None, year: Optional[int] = None) -> Results:
        """Builds the index for ``year`` (default: the last): ``yardstick compute``.

        ``spec`` is a build spec (a dict as the JSON document, or its JSON text); ``None`` is
        COINr's default build (min-max to 0–100, iMeta weights, arithmetic means).
        """
        out = self._native.compute(_spec_json(spec), year)
        index = pd.Index(self._native.units(), name="uCode")
        codes = pd.Index(self._native.codes(), name="iCode")
        rep = out["report"]
        return Results(
            scores=pd.DataFrame(out["scores"], index=index, columns=codes, copy=False),
            ranks=pd.DataFrame(out["ranks"], index=index, columns=codes, copy=False),
            weights=pd.Series(out["weights"], index=codes, name="weight"),
            year=out["year"],
            report=Report(
                imputed=_frame(rep["imputed"]),
                treated=_frame(rep["treated"]),
                dropped_units=list(rep["dropped_units"]),
                denominated=list(rep["denominated"]),
                missing_denominator=_frame(rep["missing_denominator"]),
                below_min_share=_frame(rep["below_min_share"]),
                no_weight=_frame(rep["no_weight"]),
                implausible=_frame(rep["implausible"]),
            ),
        )

    def gap_table(
        self,
        focus: str,
        compare: str = "leader",
        spec: Spec = None,
        year: Optional[int] = None,
        base_year: Optional[int] = None,
    ) -> pd.DataFrame:
        """``yardstick gap``: how far ``focus`` is from ``compare`` on every node, in
        normalised and raw units and in ranks, with each indicator's contribution to its
        parent's and the index's gap; with ``base_year``, the change since then.

        ``compare`` is ``leader``, ``frontier``, ``mean``, ``median``, a unit code,
        ``group:A,B``, ``group-median:A,B``, ``group-best:A,B`` or ``target:VALUE``.
        """
        return _frame(
            _native.gap_table(self._native, focus, compare, _spec_json(spec), year, base_year)
        )

    def gap(
        self,
        focus: str,
        compare: str = "leader",
        node: Optional[str] = None,
        spec: Spec = None,
        year: Optional[int] = None,
    ) -> pd.Series:
        """The gap of ``focus`` to ``compare`` on one node (default: the index): the row of
        :meth:`gap_table` for that node."""
        table = self.gap_table(focus, compare, spec, year).set_index("iCode")
        if node is None:
            return table.loc[table["level"].idxmax()]
        if node not in table.index:
            raise _error(
                "value",
                f"node '{node}': expected a code of the framework",
                {"expected": "a code of the framework", "found": node},
                indicator=node,
            )
        return table.loc[node]

    def catch_up(
        self,
        focus: str,
        compare: str,
        deadline: int,
        spec: Spec = None,
        window: Optional[Tuple[int, int]] = None,
        indicator: Optional[str] = None,
    ) -> pd.DataFrame:
        """``yardstick catchup``: years for ``focus`` to reach ``compare`` at the growth of
        ``window`` (default: the first and last year), and the growth it needs to get there
        by ``deadline``; one row by compound annual growth (``cagr``), one by linear trend
        (``trend``). ``years`` is ``inf`` where the focus never catches up."""
        return _frame(
            _native.catch_up(
                self._native, focus, compare, deadline, _spec_json(spec), window, indicator
            )
        )

    def progress(
        self,
        targets: Optional[Table] = None,
        deadline: Optional[int] = None,
        window: Optional[Tuple[int, int]] = None,
        focus: Optional[str] = None,
        spec: Spec = None,
    ) -> pd.DataFrame:
        """``yardstick progress``: every unit × node with a target (iMeta's ``Target``
        column, due in ``TargetYear`` or else ``deadline``, replaced by the rows of
        ``targets``, a ``uCode,iCode,target,year[,baseline_year]`` file or DataFrame) or,
        without a target, the trend; ``focus`` keeps one unit's rows. ``class`` is
        Eurostat's classification, ``sdsn_trend`` SDSN's arrow. The years reached are
        ``inf`` where the target is never reached at the current pace and NaN where there
        is no year to give (``class`` and ``reason`` say why)."""
        if targets is None:
            text, name = None, "targets"
        else:
            text, name = _table_bytes(targets, "targets", "uCode")
        frame = _frame(
            _native.progress(
                self._native, text, name, deadline, window, focus, _spec_json(spec)
            )
        )
        for column in ("target_year", "baseline_year", "window_start", "window_end"):
            frame[column] = frame[column].astype("Int64")
        return frame

    def disparity(
        self,
        column: str,
        spec: Spec = None,
        group: Optional[str] = None,
        years: Optional[Tuple[int, int]] = None,
    ) -> pd.DataFrame:
        """``yardstick disparity``: Theil T and L, Gini, CV and SD of logs of ``column`` (a
        data variable, or an index node's scores) per year, decomposed by ``group``.
        σ- and β-convergence over the years are in ``.attrs["sigma_convergence"]`` and
        ``.attrs["beta_convergence"]``."""
        out = _native.disparity(self._native, column, _spec_json(spec), group, years)
        frame = _frame(out["years"])
        frame["year"] = frame["year"].astype("Int64")
        frame.attrs["sigma_convergence"] = out["sigma_convergence"]
        frame.attrs["beta_convergence"] = out["beta_convergence"]
        return frame

    def mcda(
        self,
        method: str = "topsis",
        weights: str = "meta",
        spec: Spec = None,
        year: Optional[int] = None,
    ) -> pd.DataFrame:
        """``yardstick mcda``: ``topsis`` (min-max), ``topsis-vector`` or ``gra`` on the
        indicators after the build's imputation and treatment, weighted by ``meta``,
        ``equal``, ``entropy``, ``critic``, ``sd`` or ``cv``; or ``coupling`` of the index's
        subsystems."""
        return _frame(_native.mcda(self._native, method, weights, _spec_json(spec), year))

    def uncertainty(
        self,
        spec: Union[Mapping[str, Any], str],
        runs: int = 1000,
        seed: int = 1,
        top: int = 10,
        year: Optional[int] = None,
    ) -> pd.DataFrame:
        """``yardstick uncertainty``: rank statistics per unit over ``runs`` replications of
        the uncertainty spec (its build and its uncertain choices). Failed replications are
        left out and counted in ``.attrs["failed"]`` (first message in
        ``.attrs["first_failure"]``)."""
        text = spec if isinstance(spec, str) else json.dumps(spec)
        columns, failed, first = _native.uncertainty(self._native, text, runs, seed, top, year)
        frame = _frame(columns)
        frame.attrs["failed"] = failed
        frame.attrs["first_failure"] = first
        return frame

    def sensitivity(
        self,
        spec: Union[Mapping[str, Any], str],
        runs: int = 500,
        seed: int = 1,
        year: Optional[int] = None,
    ) -> pd.DataFrame:
        """``yardstick sensitivity``: Sobol' first-order and total indices of the mean rank
        shift per uncertain factor, with bootstrap confidence intervals."""
        text = spec if isinstance(spec, str) else json.dumps(spec)
        return _frame(_native.sensitivity(self._native, text, runs, seed, year))

    def audit(self, spec: Spec = None, year: Optional[int] = None) -> pd.DataFrame:
        """``yardstick audit``: each child's Pearson and Spearman correlation with its
        parent, Cronbach's alpha and the first principal component's share of its node, and
        the flags (weak with parent, collinear, negative)."""
        return _frame(_native.audit(self._native, _spec_json(spec), year))

    def __repr__(self) -> str:
        return (
            f"<yardstick.Data: {len(self.units)} units, {len(self.codes)} nodes, "
            f"years {self.years}>"
        )


def read_coin(idata: Table, imeta: Table) -> Data:
    """Reads COINr's iData and iMeta (paths or DataFrames): ``uCode``, ``uName``,
    ``uName_<lang>``, ``uType`` (``aggregate`` for a reference row), group columns, ``Time``
    and one column per indicator; iMeta's ``iCode``, ``Parent``, ``Direction``, ``Weight``,
    ``Type``, … Validated by the engine; errors name the file, row and column (a DataFrame is
    named ``iData`` or ``iMeta``)."""
    if not isinstance(idata, pd.DataFrame) and not isinstance(imeta, pd.DataFrame):
        return Data(_native.Data.from_coin_files(os.fspath(idata), os.fspath(imeta)))
    data_bytes, data_file = _table_bytes(idata, "iData", "uCode")
    meta_bytes, meta_file = _table_bytes(imeta, "iMeta", "iCode")
    return Data(_native.Data.from_coin(data_bytes, data_file, meta_bytes, meta_file))


def read_long(panel: Table, imeta: Table, units: Optional[Table] = None) -> Data:
    """Reads a long panel (one row per unit, year and indicator: ``uCode`` or ``code``,
    ``Time``, ``Year`` or ``year``, ``iCode`` or ``indicator``, ``value``) with its iMeta;
    ``units`` (iData's unit columns: ``uCode``, ``uName``, ``uType``, groups) names them."""
    panel_bytes, panel_file = _table_bytes(panel, "panel", "uCode")
    meta_bytes, meta_file = _table_bytes(imeta, "iMeta", "iCode")
    if units is None:
        return Data(_native.Data.from_long(panel_bytes, panel_file, meta_bytes, meta_file))
    unit_bytes, unit_file = _table_bytes(units, "units", "uCode")
    return Data(
        _native.Data.from_long(
            panel_bytes, panel_file, meta_bytes, meta_file, unit_bytes, unit_file
        )
    )


def _table_bytes(table: Table, label: str, code_column: str) -> Tuple[bytes, str]:
    if isinstance(table, pd.DataFrame):
        return _csv(table, code_column), label
    path = os.fspath(table)
    try:
        with open(path, "rb") as f:
            return f.read(), path
    except OSError as e:
        raise _error(
            "io", f"{path}: cannot read: {e.strerror}", {"message": str(e.strerror)}, file=path
        ) from e


def seed() -> Tuple[Data, Dict[str, Any]]:
    """The embedded seed data, CCID's Digital Economy Development Index 2020 for seven
    provinces and the national average (``CN``), and the build that shows it as published."""
    return Data(_native.Data.seed()), json.loads(_native.DEDI_SPEC)


def build_spec_schema() -> Dict[str, Any]:
    """The JSON Schema every build spec is validated against."""
    schema: Dict[str, Any] = json.loads(_native.build_spec_schema())
    return schema


def entropy_weights(matrix: "np.ndarray[Any, Any]", convention: str = "raw") -> "np.ndarray[Any, Any]":
    """Entropy weights of the criteria (columns) of ``matrix`` (alternatives in rows):
    ``p_ij = x_ij / Σ_i x_ij``, ``e_j = −Σ_i p_ij ln p_ij / ln m``, ``w_j ∝ 1 − e_j``
    (``convention="raw"``; ``"raw_zero_max"`` gives a column holding a zero ``e_j = 0``, as
    earlier pymcdm releases did). A Fortran-ordered float64 array is read without copying."""
    return _native.entropy_weights(_float_matrix(matrix), convention)


def topsis(
    matrix: "np.ndarray[Any, Any]",
    weights: Union[Sequence[float], "np.ndarray[Any, Any]"],
    types: Union[Sequence[float], "np.ndarray[Any, Any]"],
    normalisation: str = "minmax",
) -> Tuple["np.ndarray[Any, Any]", "np.ndarray[Any, Any]"]:
    """TOPSIS on ``matrix`` (alternatives in rows): ``(closeness, ranks)``, ranks 1 = best.
    ``types`` are 1 (higher is better) or -1 (lower is better); ``normalisation`` is
    ``"minmax"`` (pymcdm's default) or ``"vector"`` (Hwang and Yoon's)."""
    return _native.topsis(
        _float_matrix(matrix),
        np.asarray(weights, dtype=np.float64).tolist(),
        np.asarray(types, dtype=np.float64).tolist(),
        normalisation,
    )


def _float_matrix(matrix: Any) -> "np.ndarray[Any, Any]":
    array = np.asarray(matrix, dtype=np.float64)
    if array.ndim != 2:
        expected = "a 2-dimensional array (alternatives × criteria)"
        raise _error(
            "structure",
            f"matrix: expected {expected}, found {array.ndim} dimensions",
            {"expected": expected},
            file="matrix",
        )
    return array
