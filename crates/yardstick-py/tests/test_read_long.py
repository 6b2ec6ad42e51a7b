"""A long panel (data/cn-provinces/panel.csv: one row per province, year and indicator) read
with iMeta and a units table builds the same index as the wide iData made from it
(examples/provinces/iData.csv, the same numbers under ISO codes)."""

import numpy as np
import pandas as pd
import pytest

import yardstick
from conftest import DATA, EXAMPLES


@pytest.mark.parametrize("year", [2011, 2016, 2020])
def test_long_panel_builds_the_same_index_as_the_wide_table(year: int) -> None:
    provinces = pd.read_csv(DATA / "cn-provinces" / "provinces.csv")
    units = provinces.rename(columns={"code": "uCode", "name_zh": "uName", "name_en": "uName_en"})
    long = yardstick.read_long(
        DATA / "cn-provinces" / "panel.csv", EXAMPLES / "provinces" / "iMeta.csv", units=units
    )
    assert len(long.units) == 31
    assert long.years[0] == 1992 and long.years[-1] == 2023
    wide = yardstick.read_coin(EXAMPLES / "provinces" / "iData.csv", EXAMPLES / "provinces" / "iMeta.csv")
    a = long.compute(year=year).scores
    b = wide.compute(year=year).scores
    iso = dict(zip(provinces["code"].astype(str), provinces["iso"]))
    a.index = a.index.map(iso)
    b = b.loc[a.index]
    assert a.columns.equals(b.columns)
    assert np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=True)


def test_long_panel_without_units_names_them_by_code() -> None:
    panel = pd.read_csv(DATA / "cn-provinces" / "panel.csv")
    data = yardstick.read_long(panel, EXAMPLES / "provinces" / "iMeta.csv")
    assert data.units[0] == "110000"
    res = data.compute(year=2020)
    assert res.ranks["Innovation"].notna().sum() == 31
