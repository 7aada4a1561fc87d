"""``python -m appflow_typed.testing serve``: the URL line, requests, signals, the state file."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from appflow_typed.testing import LocalAppFlow
from tests.endpoint._serve import client, serving, stop
from tests.endpoint.conftest import SECRET, create_profile, register


def test_prints_its_url_serves_and_stops_on_sigterm() -> None:
    with serving("--port", "0") as (process, url):
        assert url.startswith("http://127.0.0.1:")
        port = int(url.rsplit(":", 1)[1])
        appflow = client(url)
        register(appflow, "standalone")
        assert [c["connectorLabel"] for c in appflow.list_connectors()["connectors"]] == [
            "standalone"
        ]
        appflow.close()
        assert stop(process) == 0
        assert process.stdout is not None
        assert process.stdout.read() == ""  # the URL was the only line
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_sigint_stops_it_cleanly() -> None:
    with serving() as (process, url):
        client(url).list_connectors()
        assert stop(process, signal.SIGINT) == 0
        assert process.stderr is not None
        assert "Traceback" not in process.stderr.read()


def test_state_round_trip_through_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with serving("--state", str(state)) as (process, url):
        appflow = client(url)
        arn = register(appflow, "kept", clientToken="token-1")
        create_profile(appflow, "crm")
        create_profile(appflow, "custom", connector_label="kept")
        appflow.close()
        assert stop(process) == 0
    assert state.stat().st_mode & 0o777 == 0o600  # it holds credentials
    saved = json.loads(state.read_text())
    assert [c["label"] for c in saved["connectors"]] == ["kept"]

    with serving("--state", str(state)) as (process, url):
        appflow = client(url)
        assert [c["connectorLabel"] for c in appflow.list_connectors()["connectors"]] == ["kept"]
        profiles = appflow.describe_connector_profiles()["connectorProfileDetails"]
        assert [p["connectorProfileName"] for p in profiles] == ["crm", "custom"]
        assert SECRET not in json.dumps(profiles, default=str)  # kept, never returned
        # the clientToken outlives the restart: the same call is answered as before
        assert register(appflow, "kept", clientToken="token-1") == arn
        with pytest.raises(ClientError) as conflict:
            register(appflow, "kept", clientToken="token-2")
        assert conflict.value.response["Error"]["Code"] == "ConflictException"
        appflow.delete_connector_profile(connectorProfileName="crm")
        appflow.close()
        assert stop(process) == 0
    assert [p["name"] for p in json.loads(state.read_text())["profiles"]] == ["custom"]


def test_an_unusable_state_file_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"format": "something else"}')
    result = subprocess.run(
        [sys.executable, "-m", "appflow_typed.testing", "serve", "--state", str(state)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert "not a local AppFlow state" in result.stderr


def test_save_and_load_state_in_process(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with LocalAppFlow() as endpoint:
        appflow = endpoint.client()
        register(appflow, "one")
        create_profile(appflow, "crm")
        appflow.close()
        endpoint.save_state(state)
        stored = dict(endpoint.profiles)
    copy = LocalAppFlow()
    copy.load_state(state)
    assert list(copy.connectors) == ["one"]
    assert dict(copy.profiles) == stored  # credentials included
    with pytest.raises(ValueError, match="region"):
        LocalAppFlow(region="eu-west-1").load_state(state)
    state.write_text("{not json")
    with pytest.raises(ValueError, match="not a local AppFlow state"):
        copy.load_state(state)


def test_host_and_port_are_used() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with LocalAppFlow(host="127.0.0.1", port=port) as endpoint:
        assert endpoint.url == f"http://127.0.0.1:{port}"
    with pytest.raises(ValueError, match="port"):
        LocalAppFlow(port=70000)


def test_saved_state_replaces_the_file_atomically(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text("old")
    with LocalAppFlow() as endpoint:
        endpoint.save_state(state)
    assert json.loads(state.read_text())["connectors"] == []
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
