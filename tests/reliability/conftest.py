"""Reliability test settings.

- Full-size runs are marked ``slow``. The default run selects every test, so here they are
  skipped unless the run asks for them with ``-m slow`` (each has a small unmarked variant).
- The figures the tests record (``record_property("figures", ...)``) are printed in the
  terminal summary, so a plain ``pytest`` or ``pytest -m slow -q`` run shows them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

_HERE = Path(__file__).parent

FIGURES = "figures"
"""The ``record_property`` name whose values are printed."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every recorded figures line, in the order the tests ran."""
    lines: list[str] = []
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", None) != "call":
                continue
            lines.extend(str(v) for k, v in getattr(report, "user_properties", ()) if k == FIGURES)
    if lines:
        terminalreporter.write_sep("-", "reliability figures")
        for line in lines:
            terminalreporter.write_line(line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this directory's ``slow`` tests unless the mark expression names ``slow``."""
    if "slow" in (config.getoption("markexpr", "") or ""):
        return
    skip = pytest.mark.skip(reason="full-size reliability run: select it with -m slow")
    for item in items:
        if item.get_closest_marker("slow") is not None and _HERE in item.path.parents:
            item.add_marker(skip)
