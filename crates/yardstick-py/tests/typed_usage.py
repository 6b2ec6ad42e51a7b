"""Typical use, type-checked with `mypy --strict` against the package's stubs (not a test
module: `cargo xtask test` runs mypy on it)."""

from __future__ import annotations

from typing import List, Optional

import numpy as np
import pandas as pd

import yardstick


def build(path: str) -> pd.Series[float]:
    data = yardstick.read_coin(f"{path}/iData.csv", f"{path}/iMeta.csv")
    results: yardstick.Results = data.compute({"rank": {"ties": "min"}}, year=None)
    year: Optional[int] = results.year
    assert year is None or year > 0
    imputed: pd.DataFrame = results.report.imputed
    dropped: List[str] = results.report.dropped_units
    assert len(imputed) >= len(dropped) * 0
    index: pd.Series[float] = results.scores["Index"]
    return index


def analyses(data: yardstick.Data) -> List[pd.DataFrame]:
    name: str = data.names["CN-GX"]
    assert name
    gap: pd.Series[float] = data.gap("CN-GX", "leader")
    assert gap is not None
    return [
        data.gap_table("CN-GX", "group:CN-ZJ,CN-GD", base_year=2015),
        data.catch_up("CN-GX", "mean", deadline=2035, window=(2011, 2020)),
        data.disparity("rd_expenditure", group="region4"),
        data.progress("examples/provinces/targets.csv", deadline=2025, focus="CN-GX"),
        data.mcda("topsis", "entropy"),
        data.audit(),
    ]


def matrix() -> float:
    m = np.random.default_rng(1).uniform(1, 2, (10, 3))
    weights = yardstick.entropy_weights(m)
    closeness, ranks = yardstick.topsis(m, weights, [1, -1, 1])
    return float(closeness[int(np.argmin(ranks))])


def errors() -> str:
    try:
        yardstick.read_coin("missing.csv", "iMeta.csv")
    except yardstick.ZeroRangeError as e:
        return str(e.place["indicator"])
    except yardstick.Error as e:
        code: str = e.code
        return code
    return ""
