"""Code made at run time is made in one place: the interpreter writes each model class's
check, ``__init__``, parser and dumper from the facts and compiles them there (as attrs and
cattrs do), its source kept in ``linecache`` so that tracebacks show it. Nothing else in the
package calls exec, eval or compile."""

from __future__ import annotations

import ast
import traceback
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


# The one place that compiles: the interpreter's ``_compile``.
COMPILER = "models/_interpret.py"


def test_only_the_interpreter_makes_code_and_in_one_function() -> None:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10
    found = {str(f.relative_to(PACKAGE)): forbidden_uses(f.read_text()) for f in files}
    assert {name: uses for name, uses in found.items() if uses and name != COMPILER} == {}
    source = (PACKAGE / COMPILER).read_text()
    compiling = [
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and forbidden_uses(ast.unparse(node))
    ]
    assert compiling == ["_compile"]


def test_a_traceback_through_made_code_shows_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    from appflow_typed.models import Task, _interpret, _rules

    def broken_rule(obj: object, invalid: object) -> None:
        raise RuntimeError("a rule that fails")

    monkeypatch.setattr(_rules, "check_Task", broken_rule, raising=False)
    made = _interpret._plan(Task)  # written anew (not the kept plan), with that rule
    with pytest.raises(RuntimeError) as caught:
        made.init(Task.__new__(Task), source_fields=["a"], task_type="Map")
    frames = traceback.extract_tb(caught.value.__traceback__)
    assert [(f.filename, f.line) for f in frames[1:3]] == [
        ("<appflow_typed.models Task __init__>", "found = check(self)"),
        (
            "<appflow_typed.models Task __init__>",
            "broken = rule(obj, invalid_members(found) if found else ())",
        ),
    ]


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


@pytest.mark.parametrize(
    ("facts", "value", "message"),
    [
        ({"type": "integer"}, 10**30, None),  # no bounds: any integer
        ({"type": "integer"}, "5", "expected an integer, got string"),
        ({"type": "integer", "max": 3}, 4, "expected an integer at most 3"),
        (
            {"type": "long"},
            2**63,
            "expected an integer from -9223372036854775808 to 9223372036854775807",
        ),
        ({"type": "string"}, "", None),  # no length, no pattern
        ({"type": "list", "member": "String"}, ["a"], None),
    ],
)
def test_a_check_is_written_for_every_constraint_a_shape_may_have_or_lack(
    monkeypatch: pytest.MonkeyPatch, facts: dict[str, object], value: object, message: str | None
) -> None:
    from appflow_typed.errors import Violation
    from appflow_typed.models import _interpret
    from appflow_typed.models._schema import SHAPES

    monkeypatch.setitem(SHAPES, "_Shape", facts)
    monkeypatch.setitem(SHAPES, "String", {"type": "string"})
    src = _interpret._Source("_Shape")
    src.add(0, "def check(value, found):")
    _interpret._write_check(src, "_Shape", "value", "at", 1)
    check = _interpret._compile(src, "test")["check"]
    found: list[Violation] = []
    check(value, found)
    assert found == ([] if message is None else [Violation("at", message)])


def test_a_member_that_would_shadow_a_name_of_the_init_is_refused() -> None:
    from appflow_typed.models import _interpret

    member = _interpret.Member("found", "found", "String", False, "string", None, None)
    with pytest.raises(TypeError, match=r"\['found'\] clash"):
        _interpret._write_init(_interpret._Source("X"), (member,), sparse=False, strict=True)
