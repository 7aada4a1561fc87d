"""clientToken idempotency as the service documents it: 8 hours, same parameters."""

from __future__ import annotations

import pytest
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import IDEMPOTENCY_WINDOW_SECONDS, LocalAppFlow, ManualClock
from tests.endpoint.conftest import LAMBDA_ARN, post, register, salesforce_config

TOKEN = "token-0001"


def test_replay_returns_the_original_response_without_a_second_effect(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    first = client.register_connector(
        connectorLabel="idem", connectorProvisioningType="LAMBDA",
        connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}}, clientToken=TOKEN,
    )
    again = client.register_connector(
        connectorLabel="idem", connectorProvisioningType="LAMBDA",
        connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}}, clientToken=TOKEN,
    )
    assert again["connectorArn"] == first["connectorArn"]
    assert [e.client_token for e in endpoint.effects] == [TOKEN]
    assert [r.status for r in endpoint.requests] == [200, 200]


def test_replay_is_byte_identical_on_the_wire(endpoint: LocalAppFlow) -> None:
    body = {"connectorProfileName": "p", "connectorType": "Salesforce",
            "connectionMode": "Public", "connectorProfileConfig": salesforce_config(),
            "clientToken": TOKEN}
    first = post(endpoint, "/create-connector-profile", body)
    again = post(endpoint, "/create-connector-profile", body)
    assert (first[0], first[2]) == (again[0], again[2]) == (200, first[2])
    assert len(endpoint.effects) == 1


def test_same_token_different_parameters_conflicts(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    register(client, "one", clientToken=TOKEN)
    with pytest.raises(client.exceptions.ConflictException, match="different parameters"):
        register(client, "two", clientToken=TOKEN)
    assert list(endpoint.connectors) == ["one"]


def test_token_is_per_operation(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    register(client, "one", clientToken=TOKEN)
    client.update_connector_registration(connectorLabel="one", description="d",
                                         clientToken=TOKEN)
    assert [e.operation for e in endpoint.effects] == ["RegisterConnector",
                                                       "UpdateConnectorRegistration"]


def test_update_replay_does_not_reapply(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    register(client, "uu")
    client.update_connector_registration(connectorLabel="uu", description="A", clientToken="t1")
    client.update_connector_registration(connectorLabel="uu", description="B", clientToken="t2")
    # A late duplicate of the first update must not undo the second.
    client.update_connector_registration(connectorLabel="uu", description="A", clientToken="t1")
    assert endpoint.connectors["uu"].description == "B"
    assert len(endpoint.effects) == 3


def test_token_expires_after_eight_hours() -> None:
    clock = ManualClock(start=1_000.0)
    with LocalAppFlow(clock=clock) as endpoint:
        client = endpoint.client()
        client.create_connector_profile(
            connectorProfileName="p", connectorType="Salesforce", connectionMode="Public",
            connectorProfileConfig=salesforce_config(), clientToken=TOKEN,
        )
        clock.advance(IDEMPOTENCY_WINDOW_SECONDS)  # exactly 8 h: still the same request
        client.create_connector_profile(
            connectorProfileName="p", connectorType="Salesforce", connectionMode="Public",
            connectorProfileConfig=salesforce_config(), clientToken=TOKEN,
        )
        assert len(endpoint.effects) == 1
        clock.advance(1)  # 8 h + 1 s: a new request, and the profile exists
        with pytest.raises(client.exceptions.ConflictException, match="already exists"):
            client.create_connector_profile(
                connectorProfileName="p", connectorType="Salesforce", connectionMode="Public",
                connectorProfileConfig=salesforce_config(), clientToken=TOKEN,
            )
        client.delete_connector_profile(connectorProfileName="p")
        client.create_connector_profile(
            connectorProfileName="p", connectorType="Salesforce", connectionMode="Public",
            connectorProfileConfig=salesforce_config(), clientToken=TOKEN,
        )
        client.close()
    assert [e.operation for e in endpoint.effects] == [
        "CreateConnectorProfile", "DeleteConnectorProfile", "CreateConnectorProfile"]


def test_expired_token_with_other_parameters_is_new() -> None:
    clock = ManualClock()
    with LocalAppFlow(clock=clock) as endpoint:
        client = endpoint.client()
        register(client, "first", clientToken=TOKEN)
        clock.advance(IDEMPOTENCY_WINDOW_SECONDS + 1)
        register(client, "second", clientToken=TOKEN)
        client.close()
    assert sorted(endpoint.connectors) == ["first", "second"]


def test_failed_requests_are_not_remembered(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.update_connector_registration(connectorLabel="later", description="x",
                                             clientToken=TOKEN)
    register(client, "later")
    client.update_connector_registration(connectorLabel="later", description="x",
                                         clientToken=TOKEN)
    assert endpoint.connectors["later"].description == "x"


def test_botocore_fills_a_token_when_omitted(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    register(client, "auto-a")
    register(client, "auto-b")
    tokens = [r.client_token for r in endpoint.requests]
    assert all(tokens)
    assert tokens[0] != tokens[1]
