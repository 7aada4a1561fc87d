"""Facts written once: each has one writer in the package, and everything else reads it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import appflow_typed
import appflow_typed.models._rules
import appflow_typed.testing
from appflow_typed import ValidationError, testing
from appflow_typed._pipeline import interrupted_note
from appflow_typed._window import IDEMPOTENCY_WINDOW, IDEMPOTENCY_WINDOW_SECONDS, _words
from appflow_typed.errors import ClientTokenExpiredError
from appflow_typed.models import ResetConnectorMetadataCacheRequest
from appflow_typed.models._no_profile import CONNECTORS_WITHOUT_PROFILE
from tests import strategies as S

PACKAGE = Path(appflow_typed.__file__).parent

# --------------------------------------------------------------------------- the 8-hour window


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of ``tree`` (its module, classes and functions)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            for statement in node.body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    found.add(id(statement.value))
    return found


def test_no_run_time_text_spells_out_the_idempotency_window() -> None:
    """Messages derive the window's words from ``IDEMPOTENCY_WINDOW_SECONDS``; only the
    owner's module (and docstrings, which are documentation) may write them."""
    written: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "_window.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and any(words in node.value for words in ("8 hours", "8-hour", "eight hours"))
            ):
                written.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert written == []


def test_messages_name_the_window_in_words_derived_from_its_seconds() -> None:
    assert IDEMPOTENCY_WINDOW_SECONDS == 8 * 60 * 60
    assert IDEMPOTENCY_WINDOW == "8 hours"
    assert [_words(s) for s in (3600, 5400, 90, 1)] == [
        "1 hour",
        "90 minutes",
        "90 seconds",
        "1 second",
    ]
    expired = ClientTokenExpiredError("CreateFlow", "aft1.1.x", 9 * 3600)
    assert f"recognises a token for {IDEMPOTENCY_WINDOW}," in str(expired)
    note = interrupted_note("CreateFlow", 2, "aft1.1.x")
    assert f"within {IDEMPOTENCY_WINDOW} of its first attempt" in note


# --------------------------------------------------------------------------- the error tree


def test_the_service_errors_are_defined_with_the_rest_of_the_error_tree() -> None:
    """``errors`` defines every error class itself, botocore imported plainly: no module
    loaded on first use that imports ``errors`` back."""
    code = (
        "import sys\n"
        "import appflow_typed.errors as errors\n"
        "from botocore.exceptions import ClientError\n"
        "defined = sorted(n for n in errors.__all__ if n in vars(errors))\n"
        "print(defined == sorted(errors.__all__), issubclass(errors.ServiceError, ClientError))\n"
        "print(sorted(m for m in sys.modules if m.startswith('appflow_typed')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    complete, loaded = result.stdout.splitlines()
    assert complete == "True True"
    assert loaded == "['appflow_typed', 'appflow_typed._window', 'appflow_typed.errors']"


# --------------------------------------------------------------------------- connectors without a profile


def test_one_table_names_the_connectors_used_without_a_profile() -> None:
    """The request rules and the local endpoint read the one table: no module of the
    package holds a copy of it (both are imported above: the rules, and the endpoint with
    ``appflow_typed.testing``)."""
    copies = [
        f"{module.__name__}.{name}"
        for module in list(sys.modules.values())
        if module.__name__.startswith("appflow_typed")
        for name, value in list(vars(module).items())
        if isinstance(value, frozenset)
        and value is not CONNECTORS_WITHOUT_PROFILE
        and value == CONNECTORS_WITHOUT_PROFILE
    ]
    assert copies == []


@pytest.mark.parametrize("connector_type", S.SHAPES["ConnectorType"]["enum"])
def test_the_rules_and_the_endpoint_agree_on_which_connectors_need_a_profile(
    connector_type: str, appflow_endpoint: testing.LocalAppFlow
) -> None:
    needs_none = connector_type in CONNECTORS_WITHOUT_PROFILE
    try:
        ResetConnectorMetadataCacheRequest(connector_type=connector_type)  # type: ignore[arg-type]
        model_accepts = True
    except ValidationError:
        model_accepts = False
    client: Any = appflow_endpoint.client()
    try:
        client.reset_connector_metadata_cache(connectorType=connector_type)
        endpoint_accepts = True
    except client.exceptions.ValidationException:
        endpoint_accepts = False
    finally:
        client.close()
    assert model_accepts == endpoint_accepts == needs_none
