"""The async surface under pyright too: it must accept correct use and reject the same misuse.

pyright comes from npm, not PyPI: set ``APPFLOW_TYPED_PYRIGHT`` to its executable (CI's async
job installs it). Without it these tests are skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.typing.test_mypy import SNIPPETS, _expected

PYRIGHT = os.environ.get("APPFLOW_TYPED_PYRIGHT")

pytestmark = pytest.mark.skipif(
    not PYRIGHT, reason="set APPFLOW_TYPED_PYRIGHT to a pyright executable (npm install pyright)"
)


def _pyright_error_lines(path: Path) -> set[int]:
    assert PYRIGHT is not None
    done = subprocess.run(
        [PYRIGHT, "--outputjson", "--pythonpath", sys.executable, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    report = json.loads(done.stdout)
    return {
        d["range"]["start"]["line"] + 1
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }


@pytest.mark.parametrize("name", ["async_accepted.py", "async_rejected.py"])
def test_pyright_reports_errors_exactly_on_the_expected_lines(name: str) -> None:
    path = SNIPPETS / name
    assert _pyright_error_lines(path) == {line for line, _ in _expected(path)}
