"""The pytest plugin's async client fixture: no hand-made session, the test's event loop."""

from __future__ import annotations

import pytest

from appflow_typed import AsyncAppFlowClient
from appflow_typed.testing import LocalAppFlow


@pytest.mark.anyio
async def test_async_client_fixture_talks_to_the_endpoint(
    appflow_async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    assert (await appflow_async_client.list_flows()).flows == []
    assert [r.operation for r in appflow_endpoint.requests] == ["ListFlows"]
