"""examples/python/guangxi.py runs and prints Guangxi's gaps and catch-up."""

import subprocess
import sys

from conftest import EXAMPLES


def test_guangxi_example_runs() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "python" / "guangxi.py")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "<yardstick.Data: 31 units, 7 nodes" in out
    assert "Guangxi vs leader" in out and "Guangxi vs mean" in out
    assert "Catching up with the mean" in out
    assert "CN-GX" in out
