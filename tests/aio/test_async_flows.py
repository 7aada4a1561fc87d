"""AsyncAppFlowClient's flow helpers: create_or_update_flow and the waiters, awaited, with the
sync client's outcomes, races and faults; a wait never blocks the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from botocore.config import Config

from appflow_typed import AsyncAppFlowClient, RetryPolicy, UpsertResult, to_boto
from appflow_typed._retry import Attempt
from appflow_typed.errors import FlowRunFailedError, WaiterTimeoutError
from appflow_typed.testing import DropResponse, LocalAppFlow, ManualClock
from tests.client._helpers import flow_request

pytestmark = pytest.mark.anyio


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(start=1000.0)


@pytest.fixture
def pauses() -> list[float]:
    return []


@pytest.fixture
def on_pause() -> list[Callable[[], object]]:
    """What the next pauses do, in order (after the clock moved on); then nothing."""
    return []


@pytest.fixture
def hooks() -> list[Callable[[Attempt], None]]:
    """``on_attempt`` hooks of the ``client`` fixture (tests append to it)."""
    return []


@pytest.fixture
async def client(
    appflow_endpoint: LocalAppFlow,
    clock: ManualClock,
    pauses: list[float],
    on_pause: list[Callable[[], object]],
    hooks: list[Callable[[Attempt], None]],
) -> AsyncIterator[AsyncAppFlowClient]:
    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        clock.advance(seconds)
        if on_pause:
            on_pause.pop(0)()

    def on_attempt(attempt: Attempt) -> None:
        for hook in hooks:
            hook(attempt)

    async with AsyncAppFlowClient(
        region_name="us-east-1",
        endpoint_url=appflow_endpoint.url,
        config=Config(proxies={}),
        retry=RetryPolicy(max_attempts=4, monotonic=clock, on_attempt=on_attempt),
        sleep=sleep,
    ) as appflow:
        yield appflow


def writes(endpoint: LocalAppFlow) -> list[str]:
    return [e.operation for e in endpoint.effects]


# --- create_or_update_flow ------------------------------------------------------------------


async def test_a_flow_is_created_then_unchanged_then_updated(
    appflow_endpoint: LocalAppFlow, client: AsyncAppFlowClient
) -> None:
    created = await client.create_or_update_flow(flow_request("orders", tags={"team": "a"}))
    unchanged = await client.create_or_update_flow(flow_request("orders", tags={"team": "a"}))
    updated = await client.create_or_update_flow(
        flow_request("orders", fields=("Id",), tags={"team": "b"})
    )

    arn = appflow_endpoint.flows["orders"].arn
    assert (created.action, created.arn) == ("created", arn)
    assert unchanged == UpsertResult(action="unchanged", arn=arn)
    assert (updated.action, updated.changed) == ("updated", ("tasks[0].sourceFields", "tags"))
    assert writes(appflow_endpoint) == ["CreateFlow", "UpdateFlow", "TagResource"]
    tokens = [e.client_token for e in appflow_endpoint.effects[:2]]
    assert tokens == [created.client_token, updated.client_token]
    assert appflow_endpoint.tags[arn] == {"team": "b"}


async def test_a_flow_created_meanwhile_is_updated(
    appflow_endpoint: LocalAppFlow,
    client: AsyncAppFlowClient,
    hooks: list[Callable[[Attempt], None]],
) -> None:
    other = appflow_endpoint.client()
    theirs = to_boto(flow_request("orders", fields=("Id",)))
    done: list[bool] = []

    def create_first(attempt: Attempt) -> None:
        if attempt.operation == "DescribeFlow" and not done:
            done.append(True)
            other.create_flow(**theirs)

    hooks.append(create_first)
    outcome = await client.create_or_update_flow(flow_request("orders"))

    assert (outcome.action, outcome.fell_back) == ("updated", True)
    assert "tasks[0].sourceFields" in outcome.changed
    assert writes(appflow_endpoint) == ["CreateFlow", "UpdateFlow"]
    assert appflow_endpoint.effects[-1].client_token == outcome.client_token
    other.close()


async def test_a_lost_update_response_is_applied_once(
    appflow_endpoint: LocalAppFlow, client: AsyncAppFlowClient
) -> None:
    await client.create_or_update_flow(flow_request("orders", fields=("Id",)))
    appflow_endpoint.inject(DropResponse(), operation="UpdateFlow")

    outcome = await client.create_or_update_flow(flow_request("orders"))

    assert (outcome.action, outcome.attempts) == ("updated", 2)
    assert writes(appflow_endpoint) == ["CreateFlow", "UpdateFlow"]


# --- waiters --------------------------------------------------------------------------------


async def test_a_lost_start_response_still_gives_one_run_to_wait_for(
    appflow_endpoint: LocalAppFlow,
    client: AsyncAppFlowClient,
    pauses: list[float],
    on_pause: list[Callable[[], object]],
) -> None:
    await client.create_flow(flow_request("orders"))
    appflow_endpoint.hold_executions()
    appflow_endpoint.inject(DropResponse(), operation="StartFlow")

    started = await client.start_flow(flow_name="orders")
    [run] = appflow_endpoint.executions
    on_pause.append(lambda: appflow_endpoint.finish_execution(run.execution_id))
    record = await client.wait_for_flow_run(started, poll_interval=2)

    assert started.attempts == 2
    assert started.value.execution_id == run.execution_id == record.execution_id
    assert record.execution_status == "Successful"
    assert len(appflow_endpoint.executions) == 1
    assert pauses[-1] == 2  # the client's sleep: the retry's backoff, then one poll pause


async def test_a_failed_run_raises_with_its_message(
    appflow_endpoint: LocalAppFlow, client: AsyncAppFlowClient
) -> None:
    await client.create_flow(flow_request("orders"))
    appflow_endpoint.fail_next_execution("orders", message="Access Denied")
    started = await client.start_flow(flow_name="orders")

    with pytest.raises(FlowRunFailedError) as raised:
        await client.wait_for_flow_run(started)

    assert (raised.value.status, raised.value.execution_message) == ("Error", "Access Denied")
    assert raised.value.execution_id == started.value.execution_id


async def test_a_run_that_outlasts_the_timeout_raises(
    appflow_endpoint: LocalAppFlow, client: AsyncAppFlowClient, pauses: list[float]
) -> None:
    await client.create_flow(flow_request("orders"))
    appflow_endpoint.hold_executions()
    started = await client.start_flow(flow_name="orders")
    run = started.value.execution_id
    assert run is not None

    with pytest.raises(WaiterTimeoutError) as raised:
        await client.wait_for_flow_run(
            flow_name="orders", execution_id=run, timeout=25, poll_interval=10
        )

    assert pauses == [10, 10, 5]
    assert (raised.value.polls, raised.value.last_status) == (4, "InProgress")


async def test_a_flow_status_is_waited_for(
    appflow_endpoint: LocalAppFlow,
    client: AsyncAppFlowClient,
    pauses: list[float],
    on_pause: list[Callable[[], object]],
) -> None:
    await client.create_flow(flow_request("hourly", scheduled=True))
    await client.start_flow(flow_name="hourly")
    active = await client.wait_for_flow_status("hourly", "Active")
    other = appflow_endpoint.client()
    on_pause.append(lambda: other.stop_flow(flowName="hourly"))

    suspended = await client.wait_for_flow_status("hourly", "Suspended", poll_interval=3)

    assert (active.flow_status, suspended.flow_status) == ("Active", "Suspended")
    assert pauses == [3]
    other.close()


async def test_a_wait_lets_the_event_loop_run(appflow_endpoint: LocalAppFlow) -> None:
    """With the default sleep (``asyncio.sleep``), another task ends the held run while the
    waiter pauses; a blocking pause would keep it from running until the timeout."""
    appflow_endpoint.hold_executions()

    async def finish_when_started() -> None:
        while not appflow_endpoint.executions:
            await asyncio.sleep(0.005)
        appflow_endpoint.finish_execution(appflow_endpoint.executions[0].execution_id)

    async with AsyncAppFlowClient(
        region_name="us-east-1", endpoint_url=appflow_endpoint.url, config=Config(proxies={})
    ) as client:
        await client.create_flow(flow_request("orders"))
        finisher = asyncio.ensure_future(finish_when_started())
        started = await client.start_flow(flow_name="orders")
        record = await client.wait_for_flow_run(started, timeout=60, poll_interval=0.01)
        await finisher

    assert record.execution_status == "Successful"
    assert record.execution_id == appflow_endpoint.executions[0].execution_id
