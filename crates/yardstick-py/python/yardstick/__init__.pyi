"""Type stubs of the ``yardstick`` package (checked with ``mypy --strict`` in CI)."""

import os
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

Table = Union[str, os.PathLike[str], pd.DataFrame]
Spec = Union[Mapping[str, Any], str, None]
FloatArray = npt.NDArray[np.float64]

__version__: str
"""The engine's version (the Rust crates' version)."""

ERROR_CODES: List[str]
"""The stable code of every kind of error, in the engine's order."""

class Error(Exception):
    """An error of the Yardstick engine."""

    code: str
    """The stable code of the kind (``zero_range``, ``duplicate``, …)."""
    kind: Dict[str, Any]
    """The kind's fields, with ``code`` (``{"code": "zero_range", "indicator": "y"}``)."""
    place: Dict[str, Any]
    """Where: ``file``, ``line``, ``column``, ``unit``, ``indicator``, ``year`` (``None``
    where unknown)."""

# One subclass per code of ERROR_CODES, in its order (a test checks that the two agree).
class IoError(Error): ...
class StructureError(Error): ...
class ValueError(Error): ...
class DuplicateError(Error): ...
class FrameworkError(Error): ...
class SpecError(Error): ...
class DocumentVersionError(Error): ...
class ZeroRangeError(Error): ...
class NoValuesError(Error): ...
class OutOfDomainError(Error): ...
class OverflowError(Error): ...
class DataError(Error): ...

def error_class(code: str) -> type[Error]: ...

@dataclass(frozen=True)
class Report:
    imputed: pd.DataFrame
    treated: pd.DataFrame
    dropped_units: List[str]
    denominated: List[str]
    missing_denominator: pd.DataFrame
    below_min_share: pd.DataFrame
    no_weight: pd.DataFrame
    implausible: pd.DataFrame

@dataclass(frozen=True)
class Results:
    scores: pd.DataFrame
    ranks: pd.DataFrame
    weights: pd.Series[float]
    year: Optional[int]
    report: Report

class Data:
    @property
    def units(self) -> List[str]: ...
    @property
    def names(self) -> pd.Series[str]: ...
    @property
    def codes(self) -> List[str]: ...
    @property
    def years(self) -> List[Optional[int]]: ...
    def compute(self, spec: Spec = None, year: Optional[int] = None) -> Results: ...
    def gap_table(
        self,
        focus: str,
        compare: str = "leader",
        spec: Spec = None,
        year: Optional[int] = None,
        base_year: Optional[int] = None,
    ) -> pd.DataFrame: ...
    def gap(
        self,
        focus: str,
        compare: str = "leader",
        node: Optional[str] = None,
        spec: Spec = None,
        year: Optional[int] = None,
    ) -> pd.Series[Any]: ...
    def catch_up(
        self,
        focus: str,
        compare: str,
        deadline: int,
        spec: Spec = None,
        window: Optional[Tuple[int, int]] = None,
        indicator: Optional[str] = None,
    ) -> pd.DataFrame: ...
    def progress(
        self,
        targets: Optional[Table] = None,
        deadline: Optional[int] = None,
        window: Optional[Tuple[int, int]] = None,
        focus: Optional[str] = None,
        spec: Spec = None,
    ) -> pd.DataFrame: ...
    def disparity(
        self,
        column: str,
        spec: Spec = None,
        group: Optional[str] = None,
        years: Optional[Tuple[int, int]] = None,
    ) -> pd.DataFrame: ...
    def mcda(
        self,
        method: str = "topsis",
        weights: str = "meta",
        spec: Spec = None,
        year: Optional[int] = None,
    ) -> pd.DataFrame: ...
    def uncertainty(
        self,
        spec: Union[Mapping[str, Any], str],
        runs: int = 1000,
        seed: int = 1,
        top: int = 10,
        year: Optional[int] = None,
    ) -> pd.DataFrame: ...
    def sensitivity(
        self,
        spec: Union[Mapping[str, Any], str],
        runs: int = 500,
        seed: int = 1,
        year: Optional[int] = None,
    ) -> pd.DataFrame: ...
    def audit(self, spec: Spec = None, year: Optional[int] = None) -> pd.DataFrame: ...

def read_coin(idata: Table, imeta: Table) -> Data: ...
def read_long(panel: Table, imeta: Table, units: Optional[Table] = None) -> Data: ...
def seed() -> Tuple[Data, Dict[str, Any]]: ...
def build_spec_schema() -> Dict[str, Any]: ...
def entropy_weights(
    matrix: Union[FloatArray, Sequence[Sequence[float]]], convention: str = "raw"
) -> FloatArray: ...
def topsis(
    matrix: Union[FloatArray, Sequence[Sequence[float]]],
    weights: Union[FloatArray, Sequence[float]],
    types: Union[FloatArray, Sequence[float]],
    normalisation: str = "minmax",
) -> Tuple[FloatArray, FloatArray]: ...
