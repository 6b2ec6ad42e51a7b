"""Shared paths and the command line the bit-for-bit tests compare with."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable, List

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "data"
HOSTILE = REPO / "tests" / "hostile"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def cli() -> Callable[[List[str]], str]:
    """Runs the `yardstick` command line (`$YARDSTICK_CLI`, which `cargo xtask test` sets to
    the binary it built, else `yardstick` on PATH) and returns its standard output. Missing,
    the tests that need it are skipped, except under CI, where that is a failure."""
    binary = os.environ.get("YARDSTICK_CLI") or shutil.which("yardstick")
    if not binary or not Path(binary).is_file():
        message = "the yardstick command line is not built (set YARDSTICK_CLI)"
        if os.environ.get("CI", "") not in ("", "0", "false"):
            pytest.fail(message)
        pytest.skip(message)

    def run(args: List[str]) -> str:
        done = subprocess.run(
            [binary, *args], cwd=REPO, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


def read_csv(source: Any, **options: Any) -> pd.DataFrame:
    """`pandas.read_csv` that reads every number back to the bits it was written from:
    pandas 3 does by default; before it, its fast parser can be an ulp off."""
    if int(pd.__version__.split(".")[0]) < 3:
        options.setdefault("float_precision", "round_trip")
    return pd.read_csv(source, **options)
