"""wait_for_flow_run and wait_for_flow_status against the local endpoint: runs that succeed,
fail, are canceled or outlast the timeout, a lost StartFlow response, and the flow status.

No test sleeps: the client's ``RetryPolicy`` takes a ``ManualClock`` as its monotonic clock
and as its sleep (``clock.advance``), or a sleep that ends a held run."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator

import pytest

from appflow_typed import testing
from appflow_typed._client import AppFlowClient
from appflow_typed._retry import RetryPolicy
from appflow_typed._upsert import Step
from appflow_typed._waiters import flow_name_of, flow_status_plan, run_wait
from appflow_typed.errors import (
    AppflowTypedError,
    FlowRunFailedError,
    FlowStatusError,
    ResourceNotFoundError,
    WaiterError,
    WaiterTimeoutError,
)
from appflow_typed.models import DescribeFlowResponse, StartFlowResponse
from tests.client._helpers import flow_request, own_client


@pytest.fixture
def endpoint(appflow_endpoint: testing.LocalAppFlow) -> testing.LocalAppFlow:
    return appflow_endpoint


@pytest.fixture
def clock() -> testing.ManualClock:
    return testing.ManualClock(start=1000.0)


@pytest.fixture
def pauses() -> list[float]:
    return []


@pytest.fixture
def on_pause() -> list[Callable[[], object]]:
    """What the next pauses do, in order (after the clock moved on); then nothing."""
    return []


@pytest.fixture
def client(
    endpoint: testing.LocalAppFlow,
    clock: testing.ManualClock,
    pauses: list[float],
    on_pause: list[Callable[[], object]],
) -> Iterator[AppFlowClient]:
    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        clock.advance(seconds)
        if on_pause:
            on_pause.pop(0)()

    policy = RetryPolicy(max_attempts=4, sleep=sleep, monotonic=clock)
    with own_client(endpoint, retry=policy) as appflow:
        appflow.create_flow(flow_request("orders"))
        yield appflow


def test_a_run_that_succeeds_gives_its_record(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, pauses: list[float]
) -> None:
    started = client.start_flow(flow_name="orders")

    record = client.wait_for_flow_run(started)

    assert record.execution_id == started.value.execution_id
    assert record.execution_status == "Successful"
    assert pauses == []  # ended at the first poll


def test_a_held_run_is_polled_until_it_ends(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    pauses: list[float],
    on_pause: list[Callable[[], object]],
) -> None:
    endpoint.hold_executions()
    started = client.start_flow(flow_name="orders")
    run = started.value.execution_id
    assert run is not None
    on_pause += [lambda: None, lambda: endpoint.finish_execution(run)]

    record = client.wait_for_flow_run(started, poll_interval=7)

    assert record.execution_status == "Successful"
    assert pauses == [7, 7]
    assert [r.operation for r in endpoint.requests].count("DescribeFlowExecutionRecords") == 3


def test_a_failed_run_raises_with_its_error_info(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    endpoint.fail_next_execution("orders", message="Access Denied writing to orders-out")
    started = client.start_flow(flow_name="orders")

    with pytest.raises(FlowRunFailedError) as raised:
        client.wait_for_flow_run(started)

    error = raised.value
    assert isinstance(error, WaiterError)
    assert isinstance(error, AppflowTypedError)
    assert (error.flow_name, error.execution_id, error.status) == (
        "orders",
        started.value.execution_id,
        "Error",
    )
    assert error.execution_message == "Access Denied writing to orders-out"
    assert error.put_failures_count == 0
    assert error.record.execution_status == "Error"
    assert "Access Denied writing to orders-out" in str(error)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.record) == (FlowRunFailedError, str(error), error.record)


def test_a_held_run_that_fails_raises(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    on_pause: list[Callable[[], object]],
) -> None:
    endpoint.hold_executions()
    started = client.start_flow(flow_name="orders")
    run = started.value.execution_id
    assert run is not None
    on_pause.append(lambda: endpoint.finish_execution(run, error_message="quota exceeded"))

    with pytest.raises(FlowRunFailedError, match="quota exceeded"):
        client.wait_for_flow_run(started)


def test_a_canceled_run_raises_once_the_cancel_completes(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    pauses: list[float],
    on_pause: list[Callable[[], object]],
) -> None:
    endpoint.hold_executions()
    started = client.start_flow(flow_name="orders")
    run = started.value.execution_id
    assert run is not None
    client.cancel_flow_executions(flow_name="orders", execution_ids=[run])  # CancelStarted
    on_pause.append(lambda: endpoint.finish_execution(run))

    with pytest.raises(FlowRunFailedError) as raised:
        client.wait_for_flow_run(started)

    assert raised.value.status == "Canceled"
    assert raised.value.execution_message is None
    assert len(pauses) == 1  # CancelStarted was waited on


def test_a_run_that_outlasts_the_timeout_raises(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, pauses: list[float]
) -> None:
    endpoint.hold_executions()
    started = client.start_flow(flow_name="orders")

    with pytest.raises(WaiterTimeoutError) as raised:
        client.wait_for_flow_run(started, timeout=25, poll_interval=10)

    error = raised.value
    assert isinstance(error, TimeoutError)
    assert pauses == [10, 10, 5]  # the last pause ends at the timeout, then one more poll
    assert (error.polls, error.last_status, error.timeout) == (4, "InProgress", 25)
    assert endpoint.executions[0].status == "InProgress"  # the run goes on
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.polls) == (str(error), 4)


def test_a_lost_start_response_still_gives_one_run_to_wait_for(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    on_pause: list[Callable[[], object]],
) -> None:
    """StartFlow's response is lost; its retry carries the same clientToken, so the endpoint
    answers with the run the first attempt started, and that run is the one waited for."""
    endpoint.hold_executions()
    endpoint.inject(testing.DropResponse(), operation="StartFlow")

    started = client.start_flow(flow_name="orders")
    [run] = endpoint.executions
    on_pause.append(lambda: endpoint.finish_execution(run.execution_id))
    record = client.wait_for_flow_run(started)

    assert started.attempts == 2
    starts = [r for r in endpoint.requests if r.operation == "StartFlow"]
    assert [r.client_token for r in starts] == [started.client_token] * 2
    assert started.value.execution_id == run.execution_id == record.execution_id
    assert record.execution_status == "Successful"
    assert len(endpoint.executions) == 1


def test_a_run_on_a_later_page_is_found(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    first = client.start_flow(flow_name="orders")
    for _ in range(20):  # the service's default page holds 20 records, the newest first
        client.start_flow(flow_name="orders")

    record = client.wait_for_flow_run(first)

    assert record.execution_id == first.value.execution_id
    assert [r.operation for r in endpoint.requests].count("DescribeFlowExecutionRecords") == 2


def test_a_run_can_be_named_by_keywords(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    started = client.start_flow(flow_name="orders")
    run = started.value.execution_id
    assert run is not None

    by_name = client.wait_for_flow_run(flow_name="orders", execution_id=run)
    by_response = client.wait_for_flow_run(started.value)

    assert by_name == by_response
    with pytest.raises(TypeError, match="not both"):
        client.wait_for_flow_run(started, flow_name="orders")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="both flow_name= and execution_id="):
        client.wait_for_flow_run(flow_name="orders")  # type: ignore[call-overload]


def test_a_run_not_listed_yet_is_waited_for(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    with pytest.raises(WaiterTimeoutError, match="not listed yet") as raised:
        client.wait_for_flow_run(flow_name="orders", execution_id="no-such-run", timeout=0)
    assert raised.value.last_status is None


def test_an_activation_is_no_run_to_wait_for(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.create_flow(flow_request("hourly", scheduled=True))
    activated = client.start_flow(flow_name="hourly")

    with pytest.raises(ValueError, match="wait_for_flow_status"):
        client.wait_for_flow_run(activated)
    with pytest.raises(ValueError, match="names no flow"):
        client.wait_for_flow_run(StartFlowResponse(flow_arn="orders", execution_id="x"))


@pytest.mark.parametrize(("timeout", "poll_interval"), [(-1, 5), (10, 0), (10, float("nan"))])
def test_times_are_checked(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, timeout: float, poll_interval: float
) -> None:
    with pytest.raises(ValueError, match="must be"):
        client.wait_for_flow_status(
            "orders", "Active", timeout=timeout, poll_interval=poll_interval
        )
    assert [r.operation for r in endpoint.requests] == ["CreateFlow"]


def test_the_flow_name_is_read_from_its_arn() -> None:
    assert flow_name_of("arn:aws:appflow:us-east-1:123456789012:flow/orders") == "orders"
    assert flow_name_of("arn:aws-cn:appflow:cn-north-1:123456789012:flow/daily") == "daily"
    for arn in (
        None,
        "",
        "orders",
        "arn:aws:s3:::flow/x",
        "arn:aws:appflow:r:1:connectorprofile/x",
    ):
        assert flow_name_of(arn) is None


# --- the flow's status ------------------------------------------------------------------------


def test_a_scheduled_flow_is_waited_for_until_active(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, pauses: list[float]
) -> None:
    client.create_flow(flow_request("hourly", scheduled=True))
    client.start_flow(flow_name="hourly")

    flow = client.wait_for_flow_status("hourly", "Active")

    assert (flow.flow_name, flow.flow_status) == ("hourly", "Active")
    assert pauses == []


def test_a_status_is_polled_for(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    pauses: list[float],
    on_pause: list[Callable[[], object]],
) -> None:
    client.create_flow(flow_request("hourly", scheduled=True))
    client.start_flow(flow_name="hourly")
    on_pause.append(lambda: client.stop_flow(flow_name="hourly"))

    flow = client.wait_for_flow_status("hourly", ("Suspended", "Deleted"), poll_interval=3)

    assert flow.flow_status == "Suspended"
    assert pauses == [3]


def test_a_status_not_reached_times_out(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, pauses: list[float]
) -> None:
    client.create_flow(flow_request("hourly", scheduled=True))  # Draft until started

    with pytest.raises(WaiterTimeoutError, match="status Active") as raised:
        client.wait_for_flow_status("hourly", "Active", timeout=10, poll_interval=4)

    assert pauses == [4, 4, 2]
    assert raised.value.last_status == "Draft"


def test_an_absent_flow_is_a_service_error(client: AppFlowClient) -> None:
    with pytest.raises(ResourceNotFoundError):
        client.wait_for_flow_status("nowhere", "Active")
    with pytest.raises(ValueError, match="at least one status"):
        client.wait_for_flow_status("orders", ())


def test_an_errored_flow_raises_with_its_message() -> None:
    """The local endpoint never errors a flow: the plan, with DescribeFlow answered here."""
    answers = [
        DescribeFlowResponse(flow_name="orders", flow_status="Draft"),
        DescribeFlowResponse(
            flow_name="orders",
            flow_status="Errored",
            flow_status_message="The connector profile orders-sf has expired credentials",
        ),
    ]
    steps: list[Step] = []

    def send(step: Step) -> DescribeFlowResponse:
        steps.append(step)
        return answers.pop(0)

    plan = flow_status_plan(
        "orders", frozenset({"Active"}), timeout=60, poll_interval=5, monotonic=lambda: 0.0
    )
    with pytest.raises(FlowStatusError) as raised:
        run_wait(plan, send, lambda seconds: None)

    error = raised.value
    assert (error.flow_status, error.flow_name) == ("Errored", "orders")
    assert error.flow_status_message == "The connector profile orders-sf has expired credentials"
    assert steps == [Step("describe_flow", fields={"flow_name": "orders"})] * 2
    assert pickle.loads(pickle.dumps(error)).response == error.response
