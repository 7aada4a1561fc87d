"""The stubs the public types need are declared: the ``types`` extra, also in ``dev``."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_boto3_client_stubs_are_an_extra() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]

    def names(requirements: list[str]) -> set[str]:
        return {re.split(r"[<>=\[;\s]", r, maxsplit=1)[0].lower() for r in requirements}

    # the public API names mypy_boto3_appflow.AppflowClient (boto3_client, the fixture...)
    sources = (ROOT / "appflow_typed" / "_client.py").read_text() + (
        ROOT / "appflow_typed" / "testing" / "_pytest_plugin.py"
    ).read_text()
    assert "mypy_boto3_appflow" in sources
    assert {"mypy-boto3-appflow", "botocore-stubs"} <= names(extras["types"])
    assert names(extras["types"]) <= names(extras["dev"])


def test_the_types_extra_types_boto3s_own_appflow_client() -> None:
    """``boto3.client("appflow")`` (the README's guard example) is typed by boto3-stubs'
    overloads, which need its ``appflow`` extra (tests/typing/snippets/boto3_client.py shows
    it typed with what that brings)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    for extra in ("types", "dev"):
        assert "boto3-stubs[appflow]" in extras[extra], extra
    stubs_extras = importlib.metadata.requires("boto3-stubs") or []
    appflow = [r for r in stubs_extras if re.match(r"mypy-boto3-appflow\b", r)]
    assert any('extra == "appflow"' in r for r in appflow)
