"""Waiters: until a flow run ends, or until a flow reaches a status.

botocore ships no waiters for AppFlow (its model has no ``waiters-2.json`` for the service),
so these are written from the API reference. ``AppFlowClient`` and ``AsyncAppFlowClient``
share everything here, as they share the create-or-update plans of
:mod:`appflow_typed._upsert`: a wait is a plan, a generator that yields each call to make as
a :class:`~appflow_typed._upsert.Step` (sent back the typed response) and each pause as a
:class:`Pause`; the facades differ only in how they make a step (called or awaited) and how
they pause (the sync client's ``RetryPolicy.sleep``; the async client's ``sleep``, by
default ``asyncio.sleep``, which never blocks the event loop).

A poll is one logical call with the client's own retries: a throttled or lost poll is
retried as any read is. Time is read from ``RetryPolicy.monotonic``; the last pause is cut
to end at the timeout, and the state is read once more then.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Generator
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from appflow_typed._operation import Result
from appflow_typed._upsert import Step
from appflow_typed.errors import FlowRunFailedError, FlowStatusError, WaiterTimeoutError

if TYPE_CHECKING:
    from appflow_typed.models import (
        DescribeFlowExecutionRecordsResponse,
        DescribeFlowResponse,
        ExecutionRecord,
        StartFlowResponse,
    )

__all__ = [
    "FAILED_RUN_STATUSES",
    "Pause",
    "WaitPlan",
    "flow_name_of",
    "flow_run_plan",
    "flow_status_plan",
    "run_target",
    "run_wait",
    "run_wait_async",
]

_T = TypeVar("_T")

SUCCESSFUL_RUN = "Successful"
"""The status of a run that ended well. API reference, ExecutionRecord: ``executionStatus``
"Specifies the flow run status and whether it is in progress, has completed successfully,
or has failed"; ExecutionStatus is one of InProgress, Successful, Error, CancelStarted,
Canceled."""

FAILED_RUN_STATUSES = frozenset({"Error", "Canceled"})
"""The statuses of a run that ended without success. ``CancelStarted`` is not one: API
reference, CancelFlowExecutions: "When you send your request, the status for each run
becomes CancelStarted. When the cancellation completes, the status becomes Canceled"."""

ERRORED_FLOW = "Errored"
"""The flow status a waiter for another status stops at (API reference, FlowStatus; the
flow's ``flowStatusMessage`` says why)."""

DEFAULT_RUN_TIMEOUT = 3600.0
DEFAULT_RUN_POLL = 10.0
DEFAULT_STATUS_TIMEOUT = 600.0
DEFAULT_STATUS_POLL = 5.0


@attrs.frozen
class Pause:
    """A wait's pause between two polls, in seconds."""

    seconds: float


WaitPlan = Generator[Step | Pause, Any, _T]
"""A wait: yields the calls to make and the pauses to take, returns what was awaited."""


def flow_name_of(flow_arn: str | None) -> str | None:
    """The flow name in a flow ARN, ``arn:<partition>:appflow:<region>:<account>:flow/<name>``.

    Source: Service Authorization Reference, Amazon AppFlow, resource types: ``flow``
    ``arn:${Partition}:appflow:${Region}:${Account}:flow/${FlowName}``.
    """
    if not flow_arn:
        return None
    parts = flow_arn.split(":", 5)
    if len(parts) != 6 or parts[2] != "appflow" or not parts[5].startswith("flow/"):
        return None
    return parts[5].removeprefix("flow/") or None


def run_target(
    started: Result[StartFlowResponse] | StartFlowResponse | None,
    flow_name: str | None,
    execution_id: str | None,
) -> tuple[str, str]:
    """The flow name and execution id a run waiter waits for.

    Raises:
        TypeError: Neither or both of ``started`` and the keywords were given.
        ValueError: ``started`` started no run (a scheduled or event-triggered flow's
            StartFlow activates it: "For scheduled or event-triggered flows, this value is
            null", API reference, StartFlow ``executionId``), or names no flow.
    """
    if started is None:
        if flow_name is None or execution_id is None:
            raise TypeError(
                "wait_for_flow_run takes what start_flow returned, or both flow_name= and "
                "execution_id="
            )
        return flow_name, execution_id
    if flow_name is not None or execution_id is not None:
        raise TypeError(
            "wait_for_flow_run takes what start_flow returned or flow_name= and "
            "execution_id=, not both"
        )
    response = started.value if isinstance(started, Result) else started
    if not response.execution_id:
        raise ValueError(
            "StartFlow started no run (no executionId): a scheduled or event-triggered flow "
            "is activated, not run; wait_for_flow_status(flow_name, 'Active') waits for that"
        )
    name = flow_name_of(response.flow_arn)
    if name is None:
        raise ValueError(
            f"the StartFlow response names no flow (flowArn {response.flow_arn!r}): pass "
            "flow_name= and execution_id= instead"
        )
    return name, response.execution_id


def _check_times(timeout: float, poll_interval: float) -> None:
    if not timeout >= 0:
        raise ValueError(f"timeout must be >= 0 seconds, got {timeout!r}")
    if not poll_interval > 0:
        raise ValueError(f"poll_interval must be > 0 seconds, got {poll_interval!r}")


def _find_run(flow_name: str, execution_id: str) -> WaitPlan[ExecutionRecord | None]:
    """The run's record, page by page (the most recent runs come first); ``None`` when no
    page lists it (yet)."""
    fields: dict[str, Any] = {"flow_name": flow_name}
    seen: set[str] = set()
    while True:
        page: DescribeFlowExecutionRecordsResponse = yield Step(
            "describe_flow_execution_records", fields=fields
        )
        for record in page.flow_executions or ():
            if record.execution_id == execution_id:
                return record
        token = page.next_token
        if not token or token in seen:
            return None
        seen.add(token)
        fields = {"flow_name": flow_name, "next_token": token}


def flow_run_plan(
    flow_name: str,
    execution_id: str,
    *,
    timeout: float,
    poll_interval: float,
    monotonic: Callable[[], float],
) -> WaitPlan[ExecutionRecord]:
    """Poll DescribeFlowExecutionRecords until the run ``execution_id`` ends.

    A run not listed yet, ``InProgress``, ``CancelStarted`` or in a status this release
    does not know is waited for.

    Raises:
        FlowRunFailedError: The run ended ``Error`` or ``Canceled``.
        WaiterTimeoutError: It had not ended when ``timeout`` passed.
    """
    _check_times(timeout, poll_interval)
    deadline = monotonic() + timeout
    polls = 0
    while True:
        record = yield from _find_run(flow_name, execution_id)
        polls += 1
        status = None if record is None else record.execution_status
        if record is not None and status == SUCCESSFUL_RUN:
            return record
        if record is not None and status in FAILED_RUN_STATUSES:
            raise FlowRunFailedError(flow_name, record)
        remaining = deadline - monotonic()
        if remaining <= 0:
            raise WaiterTimeoutError(
                flow_name,
                waited_for=f"run {execution_id} to end",
                timeout=timeout,
                polls=polls,
                last_status=None if status is None else str(status),
            )
        yield Pause(min(poll_interval, remaining))


def statuses_of(status: str | Collection[str]) -> frozenset[str]:
    """The statuses a status waiter accepts: one, or any of several."""
    found = frozenset((status,)) if isinstance(status, str) else frozenset(status)
    if not found:
        raise ValueError("wait_for_flow_status needs at least one status to wait for")
    return found


def flow_status_plan(
    flow_name: str,
    statuses: frozenset[str],
    *,
    timeout: float,
    poll_interval: float,
    monotonic: Callable[[], float],
) -> WaitPlan[DescribeFlowResponse]:
    """Poll DescribeFlow until the flow's status is one of ``statuses``.

    Raises:
        FlowStatusError: The flow is ``Errored`` (and that is not awaited).
        WaiterTimeoutError: It had not reached one of them when ``timeout`` passed.
    """
    _check_times(timeout, poll_interval)
    deadline = monotonic() + timeout
    polls = 0
    while True:
        response: DescribeFlowResponse = yield Step(
            "describe_flow", fields={"flow_name": flow_name}
        )
        polls += 1
        status = response.flow_status
        if status in statuses:
            return response
        if status == ERRORED_FLOW:
            raise FlowStatusError(flow_name, response)
        remaining = deadline - monotonic()
        if remaining <= 0:
            raise WaiterTimeoutError(
                flow_name,
                waited_for=f"status {' or '.join(sorted(statuses))}",
                timeout=timeout,
                polls=polls,
                last_status=None if status is None else str(status),
            )
        yield Pause(min(poll_interval, remaining))


# --- running a wait: the one difference between the facades --------------------------------


def run_wait(
    plan: WaitPlan[_T], send: Callable[[Step], Any], sleep: Callable[[float], object]
) -> _T:
    """Run ``plan``: each step made with ``send``, each pause slept with ``sleep``."""
    reply: Any = None
    while True:
        try:
            step = plan.send(reply)
        except StopIteration as done:
            outcome: _T = done.value
            return outcome
        if isinstance(step, Pause):
            sleep(step.seconds)
            reply = None
        else:
            reply = send(step)


async def run_wait_async(
    plan: WaitPlan[_T],
    send: Callable[[Step], Awaitable[Any]],
    sleep: Callable[[float], Awaitable[object]],
) -> _T:
    """Run ``plan``: each step awaited with ``send``, each pause awaited with ``sleep``."""
    reply: Any = None
    while True:
        try:
            step = plan.send(reply)
        except StopIteration as done:
            outcome: _T = done.value
            return outcome
        if isinstance(step, Pause):
            await sleep(step.seconds)
            reply = None
        else:
            reply = await send(step)
