"""Hostile inputs (tests/hostile/, the corpus of tests/it/hostile.rs) raise the subclass of
yardstick.Error of the engine's code, with the core's place; and the stubs declare exactly
the engine's subclasses."""

import ast
import math
from pathlib import Path
from typing import Any, Dict, Optional

import numpy as np
import pandas as pd
import pytest

import yardstick
from conftest import HOSTILE

STUB = Path(yardstick.__file__).with_name("__init__.pyi")


def spec(name: Optional[str]) -> Optional[str]:
    return None if name is None else (HOSTILE / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "idata, imeta, spec_file, error, place",
    [
        ("empty.csv", "good.iMeta.csv", None, yardstick.StructureError, {"line": None}),
        ("ragged_long_row.iData.csv", "good.iMeta.csv", None, yardstick.StructureError, {"line": 3}),
        ("duplicate_column.iData.csv", "good.iMeta.csv", None, yardstick.StructureError, {"column": "x"}),
        ("inf.iData.csv", "good.iMeta.csv", None, yardstick.ValueError, {"line": 4, "column": "y", "unit": "C"}),
        ("huge.iData.csv", "good.iMeta.csv", None, yardstick.ValueError, {"line": 4, "column": "y"}),
        ("duplicate_unit.iData.csv", "good.iMeta.csv", None, yardstick.DuplicateError, {}),
        ("good.iData.csv", "duplicate_indicator.iMeta.csv", None, yardstick.DuplicateError, {}),
        ("good.iData.csv", "cycle.iMeta.csv", None, yardstick.FrameworkError, {}),
        ("good.iData.csv", "unknown_parent.iMeta.csv", None, yardstick.FrameworkError, {}),
        ("good.iData.csv", "good.iMeta.csv", "unknown_method.spec.json", yardstick.SpecError, {"file": "spec"}),
        ("good.iData.csv", "good.iMeta.csv", "truncated.spec.json", yardstick.SpecError, {"file": "spec"}),
        ("good.iData.csv", "good.iMeta.csv", "unknown_field.spec.json", yardstick.SpecError, {"file": "spec"}),
        ("good.iData.csv", "good.iMeta.csv", "unknown_node.spec.json", yardstick.SpecError, {}),
        ("zero_range.iData.csv", "good.iMeta.csv", None, yardstick.ZeroRangeError, {}),
        ("all_missing.iData.csv", "good.iMeta.csv", None, yardstick.NoValuesError, {}),
        ("good.iData.csv", "good.iMeta.csv", "gmean.spec.json", yardstick.OutOfDomainError, {"unit": "A", "indicator": "x"}),
    ],
)
def test_hostile_files_raise_the_subclass_of_their_code(
    idata: str,
    imeta: str,
    spec_file: Optional[str],
    error: type,
    place: Dict[str, Any],
) -> None:
    with pytest.raises(error) as raised:
        yardstick.read_coin(HOSTILE / idata, HOSTILE / imeta).compute(spec(spec_file))
    e: Any = raised.value
    assert isinstance(e, yardstick.Error)
    assert yardstick.error_class(e.code) is error
    assert e.kind["code"] == e.code
    assert set(e.place) == {"file", "line", "column", "unit", "indicator", "year"}
    for key, value in place.items():
        assert e.place[key] == value, (key, e.place, str(e))
    if "file" not in place:
        # Errors while reading name the file; errors of a build name the cell instead.
        assert e.place["file"] in (str(HOSTILE / idata), str(HOSTILE / imeta), None)


def test_missing_file_is_an_io_error_naming_it() -> None:
    with pytest.raises(yardstick.IoError) as raised:
        yardstick.read_coin(HOSTILE / "no_such.iData.csv", HOSTILE / "good.iMeta.csv")
    assert raised.value.place["file"] == str(HOSTILE / "no_such.iData.csv")


def test_dataframes_are_checked_like_files() -> None:
    idata = pd.read_csv(HOSTILE / "good.iData.csv")
    imeta = pd.read_csv(HOSTILE / "good.iMeta.csv")
    idata["y"] = idata["y"].astype(float)
    idata.loc[2, "y"] = np.inf
    with pytest.raises(yardstick.ValueError) as raised:
        yardstick.read_coin(idata, imeta)
    assert raised.value.place == {
        "file": "iData", "line": 4, "column": "y", "unit": "C", "indicator": None, "year": None,
    }
    twice = pd.concat([imeta, imeta.iloc[[0]]])
    with pytest.raises(yardstick.DuplicateError):
        yardstick.read_coin(pd.read_csv(HOSTILE / "good.iData.csv"), twice)


def test_missing_cells_of_a_dataframe_are_missing_not_nan_in_the_engine() -> None:
    idata = pd.read_csv(HOSTILE / "good.iData.csv")
    idata.loc[0, "x"] = np.nan
    res = yardstick.read_coin(idata, pd.read_csv(HOSTILE / "good.iMeta.csv")).compute()
    # A missing indicator stays missing; the index is the mean of the child present (COINr):
    # A has y = 2, the minimum of (2, 4, 7), so 0 after min-max.
    assert math.isnan(res.scores.loc["A", "x"])
    assert res.scores.loc["A", "Index"] == 0.0


def test_bad_arguments_raise_typed_errors() -> None:
    data, seed_spec = yardstick.seed()
    with pytest.raises(yardstick.ValueError) as raised:
        data.gap_table("CN-XX", "leader", seed_spec)
    assert raised.value.place["unit"] == "CN-XX"
    with pytest.raises(yardstick.StructureError):
        data.compute(seed_spec, year=1999)
    with pytest.raises(yardstick.ValueError):
        yardstick.topsis(np.ones((3, 2)), [0.5, 0.5], [1, 0])
    with pytest.raises(yardstick.DataError) as constant:
        yardstick.topsis(np.ones((3, 2)), [0.5, 0.5], [1, 1])
    assert constant.value.place["column"] == "criterion 1"
    with pytest.raises(yardstick.StructureError):
        yardstick.entropy_weights(np.ones(3))
    with pytest.raises(yardstick.DataError):
        yardstick.entropy_weights(np.array([[1.0, np.nan], [2.0, 3.0]]))


def test_the_stub_declares_every_subclass_of_the_engine_in_its_order() -> None:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    declared = [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id == "Error" for b in node.bases)
    ]
    engine = [yardstick.error_class(code).__name__ for code in yardstick.ERROR_CODES]
    assert declared == engine
    for code in yardstick.ERROR_CODES:
        cls = yardstick.error_class(code)
        assert issubclass(cls, yardstick.Error)
        assert getattr(yardstick, cls.__name__) is cls
