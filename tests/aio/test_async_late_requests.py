"""AsyncAppFlowClient: a call without a clientToken that changes something is not re-sent
after a read timeout (the request may still land later); reads and token calls are.

The sync client's tests (tests/client/test_late_requests.py) say why.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from botocore.config import Config

from appflow_typed import AsyncAppFlowClient, RetryPolicy
from appflow_typed.errors import TransportError
from appflow_typed.testing import DropResponse, Latency, LocalAppFlow, ReceivedRequest
from tests.client._helpers import register_request
from tests.endpoint.conftest import create_profile, register
from tests.endpoint.test_flows import create_flow

pytestmark = pytest.mark.anyio

HELD = 1.0
"""Seconds the endpoint holds a request: well past the client's read timeout."""


async def wait_until(done: Callable[[], bool], what: str) -> None:
    give_up = time.monotonic() + 30
    while not done():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting until {what}")
        await asyncio.sleep(0.02)


def requests_of(endpoint: LocalAppFlow, operation: str) -> list[ReceivedRequest]:
    return [r for r in endpoint.requests if r.operation == operation]


@pytest.fixture
def flow_arn(appflow_endpoint: LocalAppFlow) -> str:
    direct = appflow_endpoint.client()
    register(direct, "conn_a")
    create_profile(direct, "sf")
    arn = str(create_flow(direct, "flow_a")["flowArn"])
    direct.close()
    return arn


@pytest.fixture
async def impatient(appflow_endpoint: LocalAppFlow) -> AsyncIterator[AsyncAppFlowClient]:
    async def no_sleep(_: float) -> None:
        pass

    async with AsyncAppFlowClient(
        region_name="us-east-1",
        endpoint_url=appflow_endpoint.url,
        config=Config(proxies={}, read_timeout=0.2),
        retry=RetryPolicy(max_attempts=4),
        sleep=no_sleep,
    ) as client:
        yield client


DELETES: list[
    tuple[str, Callable[[AsyncAppFlowClient], Awaitable[object]], Callable[[LocalAppFlow], bool]]
] = [
    ("DeleteFlow", lambda c: c.delete_flow(flow_name="flow_a"), lambda e: "flow_a" in e.flows),
    (
        "DeleteConnectorProfile",
        lambda c: c.delete_connector_profile(connector_profile_name="sf", force_delete=True),
        lambda e: "sf" in e.profiles,
    ),
    (
        "UnregisterConnector",
        lambda c: c.unregister_connector(connector_label="conn_a", force_delete=True),
        lambda e: "conn_a" in e.connectors,
    ),
]


@pytest.mark.parametrize(("operation", "delete", "exists"), DELETES, ids=[d[0] for d in DELETES])
@pytest.mark.usefixtures("flow_arn")
async def test_a_delete_that_timed_out_is_not_resent(
    appflow_endpoint: LocalAppFlow,
    impatient: AsyncAppFlowClient,
    operation: str,
    delete: Callable[[AsyncAppFlowClient], Awaitable[object]],
    exists: Callable[[LocalAppFlow], bool],
) -> None:
    appflow_endpoint.inject(Latency(seconds=HELD), operation=operation)
    with pytest.raises(TransportError) as caught:
        await delete(impatient)
    error = caught.value
    assert (error.botocore_error, error.attempts) == ("ReadTimeoutError", 1)
    assert error.outcome_unknown
    assert not error.retry_safe
    await wait_until(lambda: not exists(appflow_endpoint), f"the late {operation} is applied")
    assert len(requests_of(appflow_endpoint, operation)) == 1


async def test_tags_that_timed_out_are_not_resent(
    appflow_endpoint: LocalAppFlow, impatient: AsyncAppFlowClient, flow_arn: str
) -> None:
    appflow_endpoint.inject(Latency(seconds=HELD), operation="TagResource")
    with pytest.raises(TransportError) as caught:
        await impatient.tag_resource(resource_arn=flow_arn, tags={"stage": "old"})
    assert (caught.value.attempts, caught.value.outcome_unknown) == (1, True)
    assert not caught.value.retry_safe
    await wait_until(lambda: bool(requests_of(appflow_endpoint, "TagResource")), "the tags land")
    await impatient.tag_resource(resource_arn=flow_arn, tags={"stage": "new"})
    assert appflow_endpoint.tags[flow_arn]["stage"] == "new"
    assert len(requests_of(appflow_endpoint, "TagResource")) == 2


async def test_reads_and_token_calls_that_timed_out_are_resent(
    appflow_endpoint: LocalAppFlow, impatient: AsyncAppFlowClient
) -> None:
    appflow_endpoint.inject(Latency(seconds=HELD), operation="ListFlows")
    await impatient.list_flows()
    appflow_endpoint.inject(Latency(seconds=HELD), operation="RegisterConnector")
    result = await impatient.register_connector(register_request("conn_b"))
    assert result.attempts == 2
    await wait_until(
        lambda: len(requests_of(appflow_endpoint, "RegisterConnector")) == 2, "both are answered"
    )
    registered = [e for e in appflow_endpoint.effects if e.operation == "RegisterConnector"]
    assert len(registered) == 1


@pytest.mark.usefixtures("flow_arn")
async def test_a_delete_whose_connection_closed_is_still_resent(
    appflow_endpoint: LocalAppFlow, impatient: AsyncAppFlowClient
) -> None:
    appflow_endpoint.inject(DropResponse(), operation="DeleteFlow")
    await impatient.delete_flow(flow_name="flow_a")
    assert [r.status for r in requests_of(appflow_endpoint, "DeleteFlow")] == [None, 404]
