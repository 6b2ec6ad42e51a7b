"""Bit for bit the command line's results: every analysis through Python against the
`yardstick` binary's CSV on the same inputs. The CLI writes each f64 in its shortest
round-trip form, so reading it back gives the very bits it computed; both sides are the same
Rust code, so nothing but equal bits passes."""

from pathlib import Path
from typing import Callable, List

import numpy as np
import pandas as pd
import pytest

import yardstick
from conftest import DATA, EXAMPLES, read_csv

Cli = Callable[[List[str]], str]

ASEM = ["--data", str(DATA / "asem" / "iData.csv"), "--meta", str(DATA / "asem" / "iMeta.csv")]
PROVINCES = [
    "--data", str(EXAMPLES / "provinces" / "iData.csv"),
    "--meta", str(EXAMPLES / "provinces" / "iMeta.csv"),
]
PROVINCES_SPEC = (EXAMPLES / "provinces" / "build.json").read_text(encoding="utf-8")


def asem() -> yardstick.Data:
    return yardstick.read_coin(DATA / "asem" / "iData.csv", DATA / "asem" / "iMeta.csv")


def provinces() -> yardstick.Data:
    return yardstick.read_coin(
        EXAMPLES / "provinces" / "iData.csv", EXAMPLES / "provinces" / "iMeta.csv"
    )


def read(text: str) -> pd.DataFrame:
    from io import StringIO

    return read_csv(StringIO(text), keep_default_na=False, na_values=[""])


def assert_same_bits(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """Same columns in the same order; numbers with identical bits (NaN where the CLI wrote
    nothing), other cells equal as text."""
    assert list(ours.columns) == list(theirs.columns)
    assert len(ours) == len(theirs)
    for name in ours.columns:
        a, b = ours[name], theirs[name]
        if pd.api.types.is_float_dtype(a.dtype) and a.dtype != "boolean":
            b = b.astype(float)
            assert np.array_equal(a.isna().to_numpy(), b.isna().to_numpy()), name
            x = a.to_numpy(dtype=float)
            y = b.to_numpy(dtype=float)
            present = ~np.isnan(x)
            assert (x[present].view(np.uint64) == y[present].view(np.uint64)).all(), name
        else:
            shown = a.astype(object).where(a.notna(), "").astype(str).str.lower()
            expected = b.astype(object).where(b.notna(), "").astype(str).str.lower()
            assert (shown.to_numpy() == expected.to_numpy()).all(), name


def test_compute_scores_and_ranks(cli: Cli, tmp_path: Path) -> None:
    for args, data, spec, year in [
        (ASEM, asem(), None, None),
        (PROVINCES, provinces(), PROVINCES_SPEC, 2015),
    ]:
        extra = ["--year", str(year)] if year else []
        if spec:
            (tmp_path / "spec.json").write_text(spec, encoding="utf-8")
            extra += ["--spec", str(tmp_path / "spec.json")]
        ranks = tmp_path / "ranks.csv"
        scores = read(cli(["compute", *args, *extra, "--ranks", str(ranks)]))
        res = data.compute(spec, year)
        assert_same_bits(res.scores.reset_index(), scores)
        assert_same_bits(res.ranks.reset_index(), read(ranks.read_text(encoding="utf-8")))


@pytest.fixture
def spec_file(tmp_path: Path) -> str:
    path = tmp_path / "build.json"
    path.write_text(PROVINCES_SPEC, encoding="utf-8")
    return str(path)


def test_gap_table_with_change(cli: Cli, spec_file: str) -> None:
    theirs = read(cli([
        "gap", *PROVINCES, "--spec", spec_file, "--focus", "CN-GX",
        "--compare", "group:CN-ZJ,CN-GD", "--base-year", "2015",
    ]))
    ours = provinces().gap_table("CN-GX", "group:CN-ZJ,CN-GD", PROVINCES_SPEC, base_year=2015)
    assert_same_bits(ours, theirs)


def test_catch_up(cli: Cli, spec_file: str) -> None:
    theirs = read(cli([
        "catchup", *PROVINCES, "--spec", spec_file, "--focus", "CN-GX",
        "--compare", "mean", "--deadline", "2030",
    ]))
    theirs["years"] = theirs["years"].replace("never", "inf").astype(float)
    ours = provinces().catch_up("CN-GX", "mean", 2030, PROVINCES_SPEC)
    assert_same_bits(ours, theirs)


def test_progress(cli: Cli, spec_file: str) -> None:
    """Every unit's progress toward examples/provinces/targets.csv, and the trend of every
    indicator without a target: read from the file, and from the same rows as a DataFrame."""
    targets = EXAMPLES / "provinces" / "targets.csv"
    theirs = read(cli([
        "progress", *PROVINCES, "--spec", spec_file, "--targets", str(targets),
        "--deadline", "2025", "--format", "csv",
    ]))
    for reached in ("year_reached_cagr", "year_reached_linear"):
        theirs[reached] = (
            theirs[reached].astype(object).replace({"never": "inf", "achieved": ""})
            .replace("", np.nan).astype(float)
        )
    for frame in (targets, read_csv(targets, dtype={"uCode": str})):
        ours = provinces().progress(frame, deadline=2025, spec=PROVINCES_SPEC)
        for column in ("target_year", "baseline_year", "window_start", "window_end"):
            ours[column] = ours[column].astype(float)
        assert_same_bits(ours, theirs)
    classes = set(theirs["class"])
    assert {"significant_progress", "moving_away"} <= classes, classes
    guangxi = provinces().progress(targets, deadline=2025, focus="CN-GX", spec=PROVINCES_SPEC)
    assert set(guangxi["uCode"]) == {"CN-GX"}
    assert len(guangxi[guangxi["target"].notna()]) == 4


def test_disparity(cli: Cli, spec_file: str) -> None:
    theirs = read(cli(["disparity", *PROVINCES, "--spec", spec_file, "--column", "rd_expenditure",
                       "--group", "region4"]))
    ours = provinces().disparity("rd_expenditure", PROVINCES_SPEC, group="region4")
    ours["year"] = ours["year"].astype(float)
    assert_same_bits(ours, theirs)
    assert ours.attrs["beta_convergence"]["n"] == 31


@pytest.mark.parametrize("method, weights", [("topsis", "entropy"), ("gra", "critic"),
                                             ("topsis-vector", "meta")])
def test_mcda(cli: Cli, spec_file: str, method: str, weights: str) -> None:
    theirs = read(cli(["mcda", *PROVINCES, "--spec", spec_file, "--method", method,
                       "--weights", weights]))
    assert_same_bits(provinces().mcda(method, weights, PROVINCES_SPEC), theirs)


def test_coupling_coordination(cli: Cli, tmp_path: Path) -> None:
    # Coupling coordination needs subsystem scores on a 0–1 scale.
    spec = '{"normalise": {"default": {"method": "min_max", "low": 0, "high": 1}}}'
    (tmp_path / "unit.json").write_text(spec, encoding="utf-8")
    theirs = read(cli(["mcda", *PROVINCES, "--spec", str(tmp_path / "unit.json"),
                       "--method", "coupling"]))
    assert_same_bits(provinces().mcda("coupling", spec=spec), theirs)


def test_audit(cli: Cli) -> None:
    assert_same_bits(asem().audit(), read(cli(["audit", *ASEM])))


def test_uncertainty_and_sensitivity(cli: Cli) -> None:
    spec = EXAMPLES / "asem" / "uncertainty.json"
    text = spec.read_text(encoding="utf-8")
    theirs = read(cli(["uncertainty", *ASEM, "--spec", str(spec), "--runs", "40", "--seed", "7"]))
    assert_same_bits(asem().uncertainty(text, runs=40, seed=7), theirs)
    theirs = read(cli(["sensitivity", *ASEM, "--spec", str(spec), "--runs", "16"]))
    assert_same_bits(asem().sensitivity(text, runs=16), theirs)
