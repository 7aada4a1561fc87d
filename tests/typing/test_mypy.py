"""Typing is a deliverable: mypy --strict must reject misuse at the call site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

SNIPPETS = Path(__file__).parent / "snippets"
ROOT = Path(__file__).resolve().parents[2]
_ERROR = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[\w-]+)\]$")
_EXPECT = re.compile(r"#\s*E:\s*(?P<code>[\w-]+)")


def _run_mypy(path: Path) -> set[tuple[int, str]]:
    stdout, stderr, _ = api.run(
        [
            "--strict",
            "--warn-unreachable",
            "--strict-equality",
            "--no-incremental",
            "--cache-dir=/dev/null",
            "--config-file=",
            "--show-error-codes",
            "--no-error-summary",
            str(path),
        ]
    )
    assert not stderr, stderr
    found = set()
    for line in stdout.splitlines():
        match = _ERROR.match(line)
        if match:
            found.add((int(match["line"]), match["code"]))
    return found


def _expected(path: Path) -> set[tuple[int, str]]:
    expected = set()
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            expected.add((number, match["code"]))
    return expected


@pytest.mark.parametrize(
    "name",
    [
        "rejected.py",
        "accepted.py",
        "async_rejected.py",
        "async_accepted.py",
        "upsert_rejected.py",
        "upsert_accepted.py",
        "flows_rejected.py",
        "flows_accepted.py",
        "defaults.py",
        "responses.py",
        "boto3_client.py",
    ],
)
def test_mypy_reports_exactly_the_expected_errors(name: str) -> None:
    path = SNIPPETS / name
    assert _run_mypy(path) == _expected(path)


def test_rejected_snippet_covers_every_promised_misuse() -> None:
    # enum, two connectors, wrong credentials, missing, unknown, scalar type, Salesforce grant,
    # CustomConnector block (x2), connectorType mismatch, frozen; flows: source and destination
    # connectorType mismatch (x2), two source connectors, two operators, a wrong operator;
    # a response enum not narrowed, narrowed by the wrong values, is_known of a non-string;
    # a task operator of another connector than the flow's source: create, update, a list
    # built first, a comprehension, tasks of two connectors, a source built inline, a flow
    # returned as a bare CreateFlowRequest, S3 tasks for a source of any connector, a task
    # typed for its connector
    assert len(_expected(SNIPPETS / "rejected.py")) == 28


def test_async_rejected_snippet_covers_every_promised_misuse() -> None:
    # unawaited result, enum, misspelt keyword, Result for response, sync iteration and with
    assert len(_expected(SNIPPETS / "async_rejected.py")) == 6


def test_upsert_rejected_snippet_covers_every_promised_misuse() -> None:
    # connectorType mismatch, wrong request class, no label, unknown action, not awaited
    assert len(_expected(SNIPPETS / "upsert_rejected.py")) == 5


def test_flows_rejected_snippet_covers_every_promised_misuse() -> None:
    # update request, no tasks, unknown status, execution id for a result, execution id
    # alone, record for a flow, timeout as text, not awaited; a Salesforce operator in an
    # S3-sourced flow given as keywords (async create_flow and create_or_update_flow;
    # create_flow, update_flow and create_or_update_flow)
    assert len(_expected(SNIPPETS / "flows_rejected.py")) == 13
