"""Warnings (docs/rules.md) are emitted when a request is checked for sending, by the client
pipeline and by guard(), attributed to the caller's line; they never stop the call."""

from __future__ import annotations

from typing import Any

import pytest
from mypy_boto3_appflow import AppflowClient

from appflow_typed import (
    AppFlowConfigWarning,
    CreateConnectorProfileRequest,
    from_boto,
    guard,
    testing,
)
from tests.client._helpers import own_client

SERVICE_NOW: Any = {
    "connectorProfileName": "servicenow",
    "connectorType": "Servicenow",
    "connectionMode": "Public",
    "connectorProfileConfig": {
        "connectorProfileProperties": {
            "ServiceNow": {"instanceUrl": "https://example.service-now.com"}
        },
        # a password without its user name: password-without-username
        "connectorProfileCredentials": {"ServiceNow": {"password": "example-not-real"}},
    },
}


def test_the_client_emits_a_warning_and_sends_the_request(
    appflow_endpoint: testing.LocalAppFlow,
) -> None:
    request = from_boto(CreateConnectorProfileRequest, SERVICE_NOW)
    with (
        own_client(appflow_endpoint) as client,
        pytest.warns(AppFlowConfigWarning, match="password-without-username") as caught,
    ):
        created = client.create_connector_profile(request)
    assert created.value.connector_profile_arn
    [record] = caught
    assert record.filename == __file__
    warning = record.message
    assert isinstance(warning, AppFlowConfigWarning)
    assert warning.path == "connectorProfileConfig.connectorProfileCredentials.ServiceNow.username"
    assert "example-not-real" not in str(warning)


def test_guard_emits_a_warning_at_the_callers_line(appflow_client: AppflowClient) -> None:
    client = guard(appflow_client)
    with pytest.warns(AppFlowConfigWarning, match="password-without-username") as caught:
        client.create_connector_profile(**SERVICE_NOW)
    [record] = caught
    assert record.filename == __file__
    assert client.describe_connector_profiles()["connectorProfileDetails"]
