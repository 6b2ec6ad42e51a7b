"""Shared paths and the command line the bit-for-bit tests compare with."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable, List

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
