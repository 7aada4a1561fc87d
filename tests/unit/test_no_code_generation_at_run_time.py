"""Nothing in the package makes code at run time: the code is generated ahead of time."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "appflow_typed"
FORBIDDEN_CALLS = {"exec", "eval", "compile"}  # the builtins; re.compile is an attribute
FORBIDDEN_MODULES = {"linecache"}


def forbidden_uses(source: str) -> list[str]:
    """Each call of exec/eval/compile by name, and each import of linecache, in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"line {node.lineno}: {func.id}()")
            elif (
                isinstance(func, ast.Attribute)
                and func.attr in FORBIDDEN_CALLS
                and isinstance(func.value, ast.Name)
                and func.value.id in ("builtins", "__builtins__")
            ):
                found.append(f"line {node.lineno}: builtins.{func.attr}()")
        elif isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if a.name in FORBIDDEN_MODULES
            ]
        elif isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN_MODULES:
            found.append(f"line {node.lineno}: from {node.module} import")
    return found


def test_the_package_calls_no_exec_eval_or_compile() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    found = {str(f.relative_to(PACKAGE)): forbidden_uses(f.read_text()) for f in files}
    assert {name: uses for name, uses in found.items() if uses} == {}


@pytest.mark.parametrize(
    "source",
    [
        "exec('x = 1')",
        "f = eval",  # not a call: allowed
        "code = compile('1', '<s>', 'eval')",
        "import builtins\nbuiltins.exec('1')",
        "import linecache",
        "from linecache import cache",
    ],
)
def test_the_scan_finds_each_kind_of_use(source: str) -> None:
    expected = 0 if source == "f = eval" else 1
    assert len(forbidden_uses(source)) == expected
    assert forbidden_uses("import re\nre.compile('x')") == []
