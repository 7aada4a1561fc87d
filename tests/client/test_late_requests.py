"""Calls without a clientToken that change something, when an attempt times out.

A request that timed out may still be applied later: after a re-sent one succeeded, and
after the call returned. A re-sent delete would report success, then the late first request
could delete the resource the caller re-created; re-sent tags could let an older call's tags
overwrite a later call's. So such a call is not re-sent after a read timeout: it raises
``TransportError`` with ``outcome_unknown``. Read-only calls and token calls are re-sent as
before. The endpoint holds the first request (``Latency``) past the client's read timeout.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from botocore.config import Config
from mypy_boto3_appflow import AppflowClient

from appflow_typed import testing
from appflow_typed._client import AppFlowClient
from appflow_typed.errors import TransportError
from tests.client._helpers import fast_policy, own_client, register_request
from tests.endpoint.conftest import create_profile, register
from tests.endpoint.test_flows import create_flow

HELD = 1.0
"""Seconds the endpoint holds a request: well past the client's read timeout."""

READ_TIMEOUT = 0.2


def wait_until(done: Callable[[], bool], what: str) -> None:
    """Poll until ``done()`` (the endpoint applies a held request once ``HELD`` has passed)."""
    give_up = time.monotonic() + 30
    while not done():
        if time.monotonic() > give_up:
            pytest.fail(f"gave up waiting until {what}")
        time.sleep(0.02)


@pytest.fixture
def direct(appflow_endpoint: testing.LocalAppFlow) -> Iterator[AppflowClient]:
    client = appflow_endpoint.client()
    register(client, "conn_a")
    create_profile(client, "sf")
    create_flow(client, "flow_a")
    yield client
    client.close()


@pytest.fixture
def impatient(appflow_endpoint: testing.LocalAppFlow) -> Iterator[AppFlowClient]:
    """A client that stops waiting for an answer after ``READ_TIMEOUT`` and retries at once."""
    with own_client(
        appflow_endpoint, config=Config(read_timeout=READ_TIMEOUT), retry=fast_policy()
    ) as client:
        yield client


def requests_of(endpoint: testing.LocalAppFlow, operation: str) -> list[testing.ReceivedRequest]:
    return [r for r in endpoint.requests if r.operation == operation]


DELETES: list[tuple[str, Callable[[AppFlowClient], object], Callable[[testing.LocalAppFlow], bool]]] = [
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
@pytest.mark.usefixtures("direct")
def test_a_delete_that_timed_out_is_not_resent_and_says_the_outcome_is_unknown(
    appflow_endpoint: testing.LocalAppFlow,
    impatient: AppFlowClient,
    operation: str,
    delete: Callable[[AppFlowClient], object],
    exists: Callable[[testing.LocalAppFlow], bool],
) -> None:
    appflow_endpoint.inject(testing.Latency(seconds=HELD), operation=operation)
    with pytest.raises(TransportError) as caught:
        delete(impatient)
    error = caught.value
    assert (error.botocore_error, error.attempts) == ("ReadTimeoutError", 1)
    assert error.outcome_unknown
    assert not error.retry_safe
    assert any("not re-sent" in note for note in getattr(error, "__notes__", []))
    # The held request lands late, and deletes: one request, one effect.
    wait_until(lambda: not exists(appflow_endpoint), f"the late {operation} is applied")
    assert len(requests_of(appflow_endpoint, operation)) == 1


def test_tags_that_timed_out_are_not_resent(
    appflow_endpoint: testing.LocalAppFlow, impatient: AppFlowClient, direct: AppflowClient
) -> None:
    arn = direct.describe_flow(flowName="flow_a")["flowArn"]
    appflow_endpoint.inject(testing.Latency(seconds=HELD), operation="TagResource")
    with pytest.raises(TransportError) as caught:
        impatient.tag_resource(resource_arn=arn, tags={"stage": "old"})
    assert (caught.value.attempts, caught.value.outcome_unknown) == (1, True)
    assert not caught.value.retry_safe
    wait_until(lambda: bool(requests_of(appflow_endpoint, "TagResource")), "the tags land")
    impatient.tag_resource(resource_arn=arn, tags={"stage": "new"})
    assert appflow_endpoint.tags[arn]["stage"] == "new"
    assert len(requests_of(appflow_endpoint, "TagResource")) == 2


def test_a_read_that_timed_out_is_resent(
    appflow_endpoint: testing.LocalAppFlow, impatient: AppFlowClient
) -> None:
    appflow_endpoint.inject(testing.Latency(seconds=HELD), operation="ListFlows")
    impatient.list_flows()
    wait_until(lambda: len(requests_of(appflow_endpoint, "ListFlows")) == 2, "both are answered")


def test_a_token_call_that_timed_out_is_resent_with_its_token(
    appflow_endpoint: testing.LocalAppFlow, impatient: AppFlowClient
) -> None:
    appflow_endpoint.inject(testing.Latency(seconds=HELD), operation="RegisterConnector")
    result = impatient.register_connector(register_request("conn_b"))
    assert result.attempts == 2
    wait_until(
        lambda: len(requests_of(appflow_endpoint, "RegisterConnector")) == 2, "both are answered"
    )
    registered = [e for e in appflow_endpoint.effects if e.operation == "RegisterConnector"]
    assert len(registered) == 1


def test_a_delete_whose_connection_closed_is_still_resent(
    appflow_endpoint: testing.LocalAppFlow, impatient: AppFlowClient, direct: AppflowClient
) -> None:
    """A closed connection ends the exchange: the request was applied or dropped, it cannot
    land later, so a retry that finds the flow gone means it was deleted."""
    appflow_endpoint.inject(testing.DropResponse(), operation="DeleteFlow")
    impatient.delete_flow(flow_name="flow_a")
    assert [r.status for r in requests_of(appflow_endpoint, "DeleteFlow")] == [None, 404]
