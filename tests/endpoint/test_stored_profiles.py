"""A stored profile's credentials: compared by value, never shown (not even by pytest's
assertion diff, which drills into attrs instances)."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs
import pytest

from appflow_typed.testing import LocalAppFlow, StoredCredentials, StoredProfile
from tests.endpoint.conftest import SECRET, create_profile, salesforce_config

_FAILING_TEST = """
from appflow_typed.testing import LocalAppFlow
from tests.endpoint.conftest import salesforce_config

# The secrets are computed, so that no source line pytest shows holds them.
FIRST = "-".join(["FIRST", str(7 * 111111)])
SECOND = "-".join(["SECOND", str(7 * 111111)])


def test_two_profiles_differ():
    with LocalAppFlow() as endpoint:
        client = endpoint.client()
        for name, secret in (("one", FIRST), ("two", SECOND)):
            client.create_connector_profile(
                connectorProfileName=name, connectorType="Salesforce",
                connectionMode="Public", connectorProfileConfig=salesforce_config(secret),
            )
        client.close()
        one, two = endpoint.profiles["one"], endpoint.profiles["two"]
    assert one == two


def test_two_requests_differ():
    with LocalAppFlow() as endpoint:
        client = endpoint.client()
        for name, secret in (("one", FIRST), ("two", SECOND)):
            client.create_connector_profile(
                connectorProfileName=name, connectorType="Salesforce",
                connectionMode="Public", connectorProfileConfig=salesforce_config(secret),
            )
        client.close()
        one, two = endpoint.requests
    assert one == two


def test_same_profile_other_credentials():
    with LocalAppFlow() as endpoint:
        client = endpoint.client()
        client.create_connector_profile(
            connectorProfileName="one", connectorType="Salesforce",
            connectionMode="Public", connectorProfileConfig=salesforce_config(FIRST),
        )
        before = endpoint.profiles["one"]
        client.update_connector_profile(
            connectorProfileName="one", connectionMode="Public",
            connectorProfileConfig=salesforce_config(SECOND),
        )
        client.close()
        after = endpoint.profiles["one"]
    assert before == after
"""


@pytest.mark.parametrize("verbosity", ["-q", "-vv"])
def test_pytest_assertion_diff_of_stored_profiles_shows_no_credential(
    tmp_path: Path, verbosity: str
) -> None:
    test_file = tmp_path / "test_profiles_diff.py"
    test_file.write_text(textwrap.dedent(_FAILING_TEST))
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", verbosity, "-p", "no:cacheprovider", "-p",
         "no:randomly", str(test_file), "--rootdir", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False, cwd=root,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output  # every assertion failed, as written
    assert "3 failed" in output, output
    assert "credentials" in output  # the diff names the differing attribute...
    assert str(7 * 111111) not in output  # ...and never shows its value


def test_credentials_are_compared_by_value_and_survive_copies(
    endpoint: LocalAppFlow, tmp_path: Path
) -> None:
    client = endpoint.client()
    create_profile(client, "crm")
    client.close()
    stored = endpoint.profiles["crm"]
    assert stored.credentials == salesforce_config()["connectorProfileCredentials"]
    assert SECRET not in repr(stored)
    assert SECRET not in repr(stored.credentials)
    assert SECRET not in str(attrs.asdict(stored))
    assert pickle.loads(pickle.dumps(stored)) == stored
    changed = attrs.evolve(stored, credentials={"Salesforce": {"accessToken": "other"}})
    assert changed != stored
    assert isinstance(changed, StoredProfile)
    assert isinstance(changed.credentials, StoredCredentials)
    assert changed.credentials.reveal() == {"Salesforce": {"accessToken": "other"}}
    revealed = changed.credentials.reveal()
    revealed["Salesforce"]["accessToken"] = "mutated"  # a copy: the stored value stays
    assert changed.credentials == {"Salesforce": {"accessToken": "other"}}
