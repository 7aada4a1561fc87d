"""The pytest plugin's ready typed clients on the local endpoint."""

from __future__ import annotations

from appflow_typed import AppFlowClient
from appflow_typed.testing import LocalAppFlow


def test_typed_client_fixture_talks_to_the_endpoint(
    appflow_typed_client: AppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    assert appflow_typed_client.list_flows().flows == []
    assert [r.operation for r in appflow_endpoint.requests] == ["ListFlows"]
