"""Every python block of the README and the docs runs as pasted.

The blocks of one file run in order, in one namespace, in a fresh working directory, with
dummy AWS credentials, region ``us-east-1`` and ``AWS_ENDPOINT_URL`` naming a fresh
:class:`~appflow_typed.testing.LocalAppFlow`: code written for AWS reaches the local endpoint,
unchanged. A block may use top-level ``await``. A block that must not run is preceded by the
line ``<!-- skip: <why> -->``; a block that uses the async client is left out where the ``async`` extra is not installed
(CI runs these tests in its async job too).
"""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)\s*(?P<info>[^`]*)$")
SKIP = re.compile(r"^<!--\s*skip:\s*(?P<why>\S.*?)\s*-->$")
PYTHON = {"python", "py", "python3"}


@dataclass(frozen=True)
class Block:
    """One fenced python block."""

    path: Path
    line: int
    """The line of its first code line (1-based)."""
    code: str
    skip: str | None
    """Why it must not run, or ``None``."""


def blocks(path: Path) -> Iterator[Block]:
    """The python blocks of a Markdown file, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    previous = ""
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match is None:
            if lines[i].strip():
                previous = lines[i].strip()
            i += 1
            continue
        fence, indent = match["fence"], len(match["indent"])
        language = match["info"].split(maxsplit=1)[0].lower() if match["info"].strip() else ""
        start = i + 1
        i = start
        while i < len(lines) and not lines[i].strip().startswith(fence):
            i += 1
        if language in PYTHON:
            body = "\n".join(line[indent:] for line in lines[start:i])
            why = SKIP.match(previous)
            yield Block(path, start + 1, body, why["why"] if why else None)
        previous = ""
        i += 1


def documents() -> list[Path]:
    """README, CONTRIBUTING and every page of the docs site."""
    found = [ROOT / name for name in ("README.md", "CONTRIBUTING.md") if (ROOT / name).exists()]
    return found + sorted((ROOT / "docs").rglob("*.md"))


def _needs_async(code: str) -> bool:
    return "AsyncAppFlowClient" in code or "aiobotocore" in code


def _run(block: Block, namespace: dict[str, Any]) -> None:
    # Padded with blank lines, so that tracebacks give the Markdown file's own line numbers.
    source = compile(
        "\n" * (block.line - 1) + block.code,
        str(block.path),
        "exec",
        flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
        dont_inherit=True,
    )
    result = eval(source, namespace)
    if inspect.iscoroutine(result):
        asyncio.run(result)


def run_document(path: Path) -> None:
    """Run the blocks of ``path`` in order, in one namespace, against a fresh local endpoint
    named by ``AWS_ENDPOINT_URL``, with dummy credentials, in the current directory."""
    from appflow_typed.testing import LocalAppFlow

    runnable = [b for b in blocks(path) if b.skip is None]
    if importlib.util.find_spec("aiobotocore") is None:  # CI's async job runs these
        runnable = [b for b in runnable if not _needs_async(b.code)]
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE"):
        os.environ.pop(name, None)
    os.environ.update(
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="docs-dummy-secret",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    with LocalAppFlow() as endpoint:
        os.environ["AWS_ENDPOINT_URL"] = endpoint.url
        for block in runnable:
            print(f"-- {block.path.relative_to(ROOT)}:{block.line}", flush=True)
            _run(block, namespace)


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_block_runs(path: Path, tmp_path: Path) -> None:
    """Each document runs in a fresh interpreter: a block may change process-wide state (a
    hook on the public converter, logging handlers) without reaching the other tests."""
    if not any(b.skip is None for b in blocks(path)):
        pytest.skip("no python block to run")
    result = subprocess.run(
        [sys.executable, "-m", "tests.docs.test_snippets", str(path)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "error"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, (
        f"a block of {path.relative_to(ROOT)} failed (the last '--' line names it):\n"
        f"{result.stdout[-4000:]}\n{result.stderr[-6000:]}"
    )


def test_the_collector_sees_fences_skips_and_line_numbers(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n"
        "```python\nx = 1\n```\n"
        "<!-- skip: needs real AWS -->\n"
        "```python\nraise SystemExit\n```\n"
        "```bash\nls\n```\n"
        "- item\n\n  ```py\n  y = x + 1\n  ```\n",
        encoding="utf-8",
    )
    found = list(blocks(page))
    assert [(b.line, b.code, b.skip) for b in found] == [
        (3, "x = 1", None),
        (7, "raise SystemExit", "needs real AWS"),
        (15, "y = x + 1", None),
    ]


if __name__ == "__main__":
    run_document(Path(sys.argv[1]))
