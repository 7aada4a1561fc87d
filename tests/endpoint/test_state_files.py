"""The saved state (``save_state``, ``serve --state``): written so nothing planted is written
through, refused at start when it cannot be loaded or saved, checked whole when loaded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from appflow_typed.testing import LocalAppFlow
from tests.endpoint._serve import client, serving, stop
from tests.endpoint.conftest import SECRET, create_profile, register

Json = dict[str, Any]


def _saved_state(tmp_path: Path) -> Json:
    """A state with a connector, a profile with credentials, a flow, a run and a token."""
    path = tmp_path / "made.json"
    with LocalAppFlow() as endpoint:
        appflow = endpoint.client()
        register(appflow, "kept", clientToken="token-1")
        create_profile(appflow, "crm")
        appflow.create_flow(
            flowName="nightly",
            triggerConfig={"triggerType": "OnDemand"},
            sourceFlowConfig={"connectorType": "Salesforce", "connectorProfileName": "crm",
                              "sourceConnectorProperties": {"Salesforce": {"object": "Account"}}},
            destinationFlowConfigList=[{
                "connectorType": "S3",
                "destinationConnectorProperties": {"S3": {"bucketName": "bucket"}},
            }],
            tasks=[{"taskType": "Map_all", "sourceFields": [], "connectorOperator": {
                "Salesforce": "NO_OP"}}],
        )
        appflow.start_flow(flowName="nightly")
        appflow.close()
        endpoint.save_state(path)
    data: Json = json.loads(path.read_text())
    path.unlink()
    return data


def _serve_once(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "appflow_typed.testing", "serve", *args],
        capture_output=True, text=True, timeout=60, check=False,
    )


# -- writing -------------------------------------------------------------------------------


def test_a_leftover_temporary_file_does_not_make_the_state_readable_by_others(
    tmp_path: Path,
) -> None:
    state = tmp_path / "state.json"
    leftover = tmp_path / f"state.json.tmp-{os.getpid()}"
    leftover.write_text("left behind by an earlier run")
    leftover.chmod(0o644)
    with LocalAppFlow() as endpoint:
        appflow = endpoint.client()
        create_profile(appflow, "crm")
        appflow.close()
        endpoint.save_state(state)
    assert state.stat().st_mode & 0o777 == 0o600
    assert SECRET in state.read_text()  # kept, for the owner only
    assert leftover.read_text() == "left behind by an earlier run"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([state.name, leftover.name])


def test_a_planted_link_is_never_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    state = tmp_path / "state.json"
    (tmp_path / f"state.json.tmp-{os.getpid()}").symlink_to(victim)
    with LocalAppFlow() as endpoint:
        endpoint.save_state(state)
    assert victim.read_text() == "precious"
    assert json.loads(state.read_text())["connectors"] == []

    # a link at the state's own path is replaced, not followed
    state.unlink()
    state.symlink_to(victim)
    with LocalAppFlow() as endpoint:
        endpoint.save_state(state)
    assert victim.read_text() == "precious"
    assert not state.is_symlink()
    assert state.stat().st_mode & 0o777 == 0o600


def test_a_failed_save_leaves_the_file_and_no_temporary(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with LocalAppFlow() as endpoint:
        endpoint.save_state(state)
        before = state.read_text()
        with pytest.raises(FileNotFoundError):
            endpoint.save_state(tmp_path / "missing-directory" / "state.json")
    assert state.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]


# -- serve --state: refused at start, reported at exit ---------------------------------------


@pytest.mark.parametrize(
    "where",
    [
        lambda tmp: tmp / "no-such-directory" / "state.json",
        lambda tmp: tmp / "a-file" / "state.json",
        lambda tmp: tmp,  # a directory
    ],
    ids=["missing-directory", "parent-is-a-file", "a-directory"],
)
def test_a_state_path_that_cannot_be_saved_is_refused_at_start(
    tmp_path: Path, where: Callable[[Path], Path]
) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    result = _serve_once("--state", str(where(tmp_path)))
    assert result.returncode == 2
    assert result.stdout == ""  # never served
    assert "cannot save the state" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_save_that_fails_at_exit_is_reported_without_a_traceback(tmp_path: Path) -> None:
    directory = tmp_path / "states"
    directory.mkdir()
    with serving("--state", str(directory / "state.json")) as (process, url):
        appflow = client(url)
        register(appflow, "kept")
        appflow.close()
        shutil.rmtree(directory)  # gone while serving
        assert stop(process) == 1
        assert process.stderr is not None
        errors = process.stderr.read()
    assert "cannot save the state" in errors
    assert "Traceback" not in errors


# -- loading: corrupt files are refused whole, exit 2 ----------------------------------------


def _set(data: Json, path: tuple[Any, ...], value: Any) -> Json:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


CORRUPTIONS: dict[str, tuple[tuple[Any, ...], Any, str]] = {
    "a list where a name belongs": (("connectors", 0, "label"), ["kept"],
                                    "connectors[0].label"),
    "a list where a profile name belongs": (("profiles", 0, "name"), ["crm"],
                                            "profiles[0].name"),
    "a string where a timestamp belongs": (("clientTokens", 0, "firstSeen"), "yesterday",
                                           "clientTokens[0].firstSeen"),
    "a string where a creation time belongs": (("flows", 0, "created_at"), "today",
                                               "flows[0].created_at"),
    "a time past year 9999": (("executions", 0, "started_at"), 1e300,
                              "executions[0].started_at"),
    "a flow status the service has not": (("flows", 0, "status"), "Sleeping",
                                          "flows[0].status"),
    "a trigger without its type": (("flows", 0, "trigger_config"), {}, "triggerType"),
    "a flow without a destination": (("flows", 0, "destination_flow_config_list"), [],
                                     "destination_flow_config_list"),
    "an unknown member": (("profiles", 0, "password"), "x", "unknown members"),
    "tags that are not strings": (("tags",), {"arn": {"k": 1}}, "tags"),
    "a run of no flow": (("executions", 0, "flow_name"), "ghost", "executions[0].flow_name"),
}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_a_corrupt_state_is_refused_in_process_and_nothing_is_replaced(
    tmp_path: Path, name: str
) -> None:
    path, value, where = CORRUPTIONS[name]
    state = tmp_path / "state.json"
    state.write_text(json.dumps(_set(_saved_state(tmp_path), path, value)))
    with LocalAppFlow() as running:
        appflow = running.client()
        register(appflow, "before")
        appflow.close()
        with pytest.raises(ValueError, match="malformed local AppFlow state") as caught:
            running.load_state(state)
        assert where in str(caught.value)
        assert list(running.connectors) == ["before"]  # nothing replaced


def test_a_deeply_nested_state_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(ValueError, match="nested deeper"):
        LocalAppFlow().load_state(state)
    data = _saved_state(tmp_path)
    nested: Any = "leaf"
    for _ in range(200):  # parses, but deeper than any AppFlow shape
        nested = {"n": nested}
    data["flows"][0]["tasks"][0]["taskProperties"] = nested
    state.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="nested deeper"):
        LocalAppFlow().load_state(state)


def test_a_malformed_credential_is_never_echoed(tmp_path: Path) -> None:
    data = _saved_state(tmp_path)
    data["profiles"][0]["credentials"]["Salesforce"]["accessToken"] = [SECRET, 12345]
    state = tmp_path / "state.json"
    state.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=r"profiles\[0\]\.credentials") as caught:
        LocalAppFlow().load_state(state)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda data: json.dumps(_set(data, ("connectors", 0, "label"), [1])),
                     id="a-list-where-a-name-belongs"),
        pytest.param(lambda data: "[" * 100_000 + "]" * 100_000, id="100000-deep"),
        pytest.param(lambda data: json.dumps(
            _set(data, ("clientTokens", 0, "firstSeen"), "yesterday")),
            id="a-string-where-a-timestamp-belongs"),
        pytest.param(lambda data: "\udcff", id="not-utf-8"),
    ],
)
def test_serve_refuses_a_corrupt_state_with_exit_2(
    tmp_path: Path, content: Callable[[Json], str]
) -> None:
    state = tmp_path / "state.json"
    text = content(_saved_state(tmp_path))
    state.write_bytes(text.encode("utf-8", "surrogateescape"))
    before = state.read_bytes()
    result = _serve_once("--state", str(state))
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "cannot load the state" in result.stderr
    assert "Traceback" not in result.stderr
    assert state.read_bytes() == before  # the file is left for the user to repair


def test_a_valid_state_round_trips_exactly(tmp_path: Path) -> None:
    data = _saved_state(tmp_path)
    state = tmp_path / "state.json"
    state.write_text(json.dumps(data))
    endpoint = LocalAppFlow()
    endpoint.load_state(state)
    again = tmp_path / "again.json"
    endpoint.save_state(again)
    assert json.loads(again.read_text()) == data
