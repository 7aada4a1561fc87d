"""The validate command reports warnings (docs/rules.md): a ``warning:`` line at the path in
text, a ``warnings`` list in JSON; they exit 0 alone and 1 with ``--strict``."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from appflow_typed import RULES
from appflow_typed._cli import main


def flow(trigger: dict[str, Any]) -> dict[str, Any]:
    return {
        "flowName": "accounts",
        "triggerConfig": trigger,
        "sourceFlowConfig": {
            "connectorType": "Salesforce",
            "connectorProfileName": "sf",
            "sourceConnectorProperties": {"Salesforce": {"object": "Account"}},
        },
        "destinationFlowConfigList": [{
            "connectorType": "S3",
            "destinationConnectorProperties": {"S3": {"bucketName": "appflow-bucket"}},
        }],
        "tasks": [{"sourceFields": [], "taskType": "Map_all", "taskProperties": {}}],
    }


WARNED = flow({"triggerType": "OnDemand",
               "triggerProperties": {"Scheduled": {"scheduleExpression": "rate(1days)"}}})
CLEAN = flow({"triggerType": "OnDemand"})


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_warning_is_printed_at_its_path_and_exits_0(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    file = write(tmp_path, "flow.json", WARNED)
    code, out, err = run(monkeypatch, "validate", "-o", "create-flow", file)
    assert code == 0
    assert re.fullmatch(
        re.escape(file) + r":1:\d+: warning: triggerConfig\.triggerProperties: "
        + re.escape(RULES["trigger-properties-unused"].message)
        + r" \[trigger-properties-unused\]\n",
        out,
    ), out
    assert "1 valid, 0 invalid (1 warning)" in err


def test_strict_makes_a_warning_exit_1(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    warned = write(tmp_path, "warned.json", WARNED)
    clean = write(tmp_path, "clean.json", CLEAN)
    assert run(monkeypatch, "validate", "--strict", "-o", "CreateFlow", clean)[0] == 0
    assert run(monkeypatch, "validate", "--strict", "-o", "CreateFlow", warned)[0] == 1


def test_json_lists_each_warning_with_its_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    file = write(tmp_path, "flow.json", WARNED)
    code, out, _ = run(monkeypatch, "validate", "--format", "json", "-o", "CreateFlow", file)
    assert code == 0
    [result] = json.loads(out)["files"]
    assert result["status"] == "valid"
    assert result["warnings"] == [{
        "path": "triggerConfig.triggerProperties",
        "api_path": "triggerConfig.triggerProperties",
        "message": RULES["trigger-properties-unused"].message,
        "rule": "trigger-properties-unused",
        "source": RULES["trigger-properties-unused"].source,
    }]


def test_a_refused_configuration_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    refused = flow({"triggerType": "OnDemand"})
    refused["tasks"] = [{"sourceFields": ["Id"], "destinationField": "Id", "taskType": "Map"}]
    file = write(tmp_path, "flow.json", refused)
    code, out, _ = run(monkeypatch, "validate", "-o", "CreateFlow", file)
    assert code == 1
    assert re.fullmatch(
        re.escape(file) + r":1:\d+: error: tasks: "
        + re.escape(RULES["flow-projection-task"].message) + r" \[model\]\n",
        out,
    ), out
