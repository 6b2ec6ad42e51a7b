"""The README's Python example runs as written (from the repository's root)."""

import os
import subprocess
import sys

from conftest import REPO


def test_readme_python_example_runs() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("```python\n", text.index("## From Python")) + len("```python\n")
    code = text[start : text.index("```", start)]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    assert "out_of_domain" in done.stdout
