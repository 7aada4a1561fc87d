"""Every typing snippet under pyright strict too: the same use accepted, the same misuse rejected.

pyright comes from npm, not PyPI: set ``APPFLOW_TYPED_PYRIGHT`` to its executable (CI's async
job installs it). Without it these tests are skipped.

pyright and mypy may point at different lines of one statement (the call, or the argument at
fault), so errors are compared by statement: the innermost statement holding the line.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.typing.test_mypy import SNIPPETS, _expected

PYRIGHT = os.environ.get("APPFLOW_TYPED_PYRIGHT")

# pyright finds the installed packages through the Python of the environment it is run in (the
# active venv, or the first python on PATH) as well as through --pythonpath: make that this
# interpreter's, so that the environment checked is the one running the tests.
_ENV = {
    **os.environ,
    "VIRTUAL_ENV": sys.prefix,
    "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
}

pytestmark = pytest.mark.skipif(
    not PYRIGHT, reason="set APPFLOW_TYPED_PYRIGHT to a pyright executable (npm install pyright)"
)


def _pyright(*args: str) -> Any:
    """pyright's JSON report of ``args``, run for this interpreter's environment."""
    assert PYRIGHT is not None
    done = subprocess.run(
        [PYRIGHT, "--outputjson", "--pythonpath", sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=_ENV,
    )
    return json.loads(done.stdout)


def _pyright_error_lines(path: Path, config: Path) -> set[int]:
    report = _pyright("-p", str(config), str(path))
    return {
        d["range"]["start"]["line"] + 1
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    }


def _statements(path: Path, lines: set[int]) -> set[int]:
    """The first line of the innermost statement holding each line."""
    spans = [
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.stmt)
    ]
    return {max(start for start, end in spans if start <= line <= end) for line in lines}


BOTO3_CLIENT = "boto3_client.py"
"""The snippet of boto3's own client, checked by its own test below."""


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in SNIPPETS.glob("*.py") if p.name not in ("__init__.py", BOTO3_CLIENT)),
)
def test_pyright_strict_reports_errors_exactly_in_the_expected_statements(
    name: str, tmp_path: Path
) -> None:
    config = tmp_path / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "strict"}))
    path = SNIPPETS / name
    expected = {line for line, _ in _expected(path)}
    assert _statements(path, _pyright_error_lines(path, config)) == _statements(path, expected)


def test_pyright_strict_types_boto3s_own_appflow_client(tmp_path: Path) -> None:
    """``boto3.client("appflow")`` is an ``AppflowClient`` under pyright strict too (with the
    ``types`` extra's boto3-stubs[appflow]): every ``assert_type`` holds and the misuse is an
    error. pyright strict also reports each access to ``client`` itself as partially unknown
    (reportUnknownMemberType): boto3-stubs overloads it for every AWS service, and those whose
    stubs are not installed are Unknown (mypy_boto3_builder issues #116 and #202). That
    report, and nothing else, comes besides the snippet's expected errors."""
    config = tmp_path / "pyrightconfig.json"
    config.write_text(json.dumps({"typeCheckingMode": "strict"}))
    path = SNIPPETS / BOTO3_CLIENT
    report = _pyright("-p", str(config), str(path))
    errors = [d for d in report["generalDiagnostics"] if d["severity"] == "error"]
    unknown_client = [
        d
        for d in errors
        if d.get("rule") == "reportUnknownMemberType"
        and d["message"].startswith('Type of "client" is partially unknown')
        and "-> AppflowClient" in d["message"]
    ]
    others = {d["range"]["start"]["line"] + 1 for d in errors if d not in unknown_client}
    expected = {line for line, _ in _expected(path)}
    assert _statements(path, others) == _statements(path, expected)
    assert unknown_client  # the limitation is still there: drop this test's allowance if not


def test_the_statement_of_a_line_is_the_innermost_one(tmp_path: Path) -> None:
    source = tmp_path / "s.py"
    source.write_text("def f() -> None:\n    g(\n        1,\n    )\n    h()\n")
    assert _statements(source, {3, 5, 1}) == {2, 5, 1}


def test_the_public_api_is_completely_typed() -> None:
    # pyright's own measure of a py.typed library: every symbol the public modules export (and
    # what their signatures use) has a known, unambiguous type, and every public function and
    # class is documented. Unknowns from other packages (botocore) are not ours to count.
    report = _pyright("--verifytypes", "appflow_typed", "--ignoreexternal")["typeCompleteness"]
    problems = [
        (symbol["name"], [d["message"] for d in symbol["diagnostics"]])
        for symbol in report["symbols"]
        if symbol["diagnostics"]
        # pyright's own class for an attrs converter's parameter: nothing to document
        and "__converterDescriptor" not in symbol["name"]
    ]
    assert problems == []
    assert report["completenessScore"] == 1
    assert report["exportedSymbolCounts"]["withAmbiguousType"] == 0
    assert report["missingFunctionDocStringCount"] == 0
