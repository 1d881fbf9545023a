"""The code gate: ruff and mypy (strict) over the package, as in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [
    pytest.param([sys.executable, "-m", "ruff", "check", "reconciler", "tests", "benchmarks", "tools"], id="ruff"),
    pytest.param([sys.executable, "-m", "mypy", "reconciler"], id="mypy-strict"),
])
def test_code_gate(command: list[str]) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
