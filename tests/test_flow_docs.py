"""docs/flows.md runs as pasted: its ``python`` blocks, in order, in one namespace, against a
fresh local endpoint named by ``AWS_ENDPOINT_URL``, with dummy credentials and region
us-east-1. A block preceded by ``<!-- skip: <why> -->`` is not run."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from appflow_typed.testing import LocalAppFlow

PAGE = Path(__file__).resolve().parents[1] / "docs" / "flows.md"
_BLOCK = re.compile(r"(?P<skip><!-- skip: [^>]+-->\n)?```python\n(?P<code>.*?)```", re.DOTALL)


def test_every_python_block_of_the_flows_page_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = [(m["skip"], m["code"]) for m in _BLOCK.finditer(PAGE.read_text())]
    assert len(blocks) >= 8
    assert [skip for skip, _ in blocks if skip] != []  # the async one
    with LocalAppFlow() as endpoint:
        for name, value in {
            "AWS_ENDPOINT_URL": endpoint.url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
        monkeypatch.delenv("AWS_PROFILE", raising=False)
        namespace: dict[str, object] = {"__name__": "docs_flows"}
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            for skip, code in blocks:
                if not skip:
                    exec(compile(code, str(PAGE), "exec"), namespace)
        assert endpoint.flows == {}  # the page cleans up
    lines = printed.getvalue().splitlines()
    assert lines[1] == "unchanged"
    assert "updated ('tasks[0].sourceFields', 'tags')" in lines
    assert lines.count("Successful") == 1
    statuses = {"Draft", "Active", "Suspended"}
    assert [line for line in lines if line in statuses] == ["Draft", "Active", "Suspended"]
