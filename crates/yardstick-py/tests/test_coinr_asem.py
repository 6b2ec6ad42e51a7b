"""Golden test: COINr 1.1.14's own output for ASEM (min-max 0–100, arithmetic means, iMeta
weights), as shipped in data/asem/coinr_reference/ (see its README for how it was made);
the Python mirror of tests/it/coinr_asem.rs."""

import numpy as np
import pandas as pd

import yardstick
from conftest import DATA, read_csv

# Absolute tolerance on the 0–100 scale: R sums in extended precision, f64 does not.
COINR_ABS = 1e-9


def reference(name: str) -> pd.DataFrame:
    return read_csv(
        DATA / "asem" / "coinr_reference" / name, index_col="uCode"
    )


def test_asem_minmax_amean_matches_coinr_at_every_level() -> None:
    data = yardstick.read_coin(DATA / "asem" / "iData.csv", DATA / "asem" / "iMeta.csv")
    assert len(data.units) == 51
    results = data.compute()
    expected = reference("minmax_amean_aggregated.csv")
    expected_ranks = reference("minmax_amean_ranks.csv")
    assert expected.shape == (51, 60)
    scores = results.scores.loc[expected.index, expected.columns]
    ranks = results.ranks.loc[expected_ranks.index, expected_ranks.columns]
    # Missing in the same cells, equal within the tolerance elsewhere.
    assert (scores.isna() == expected.isna()).all().all()
    np.testing.assert_allclose(scores.to_numpy(), expected.to_numpy(), rtol=0, atol=COINR_ABS)
    # Identical ranks (COINr's are integers; missing where COINr has none).
    assert (ranks.isna() == expected_ranks.isna()).all().all()
    assert np.array_equal(ranks.to_numpy(), expected_ranks.to_numpy(dtype=float), equal_nan=True)


def test_frames_are_indexed_by_ucode_with_one_column_per_icode_in_imeta_order() -> None:
    data = yardstick.read_coin(DATA / "asem" / "iData.csv", DATA / "asem" / "iMeta.csv")
    results = data.compute()
    meta = pd.read_csv(DATA / "asem" / "iMeta.csv")
    nodes = meta[meta["Type"].isin(["Indicator", "Aggregate"])]["iCode"].tolist()
    assert results.scores.index.name == "uCode"
    assert results.scores.index.tolist() == pd.read_csv(DATA / "asem" / "iData.csv")["uCode"].tolist()
    assert results.scores.columns.tolist() == nodes
    assert results.ranks.columns.tolist() == nodes
    assert results.year == 2018
    # COINr's default build changes nothing silently: no imputation, treatment or drop.
    assert results.report.imputed.empty and results.report.dropped_units == []
    # iMeta weighs the two sub-indices 1 and 1: each is half of the index, exactly.
    assert results.weights["Conn"] == results.weights["Sust"] == 0.5


def test_dataframes_in_give_the_same_bits_as_files() -> None:
    by_path = yardstick.read_coin(DATA / "asem" / "iData.csv", DATA / "asem" / "iMeta.csv")
    idata = read_csv(DATA / "asem" / "iData.csv")
    imeta = read_csv(DATA / "asem" / "iMeta.csv")
    by_frame = yardstick.read_coin(idata.set_index("uCode"), imeta)
    a, b = by_path.compute().scores, by_frame.compute().scores
    assert np.array_equal(a.to_numpy(), b.to_numpy(), equal_nan=True)
    assert a.index.equals(b.index) and a.columns.equals(b.columns)
