"""The retry loop of one logical call, awaited: ``tenacity.AsyncRetrying`` owns the retries.

The same decisions as :func:`appflow_typed._retry.call_with_retries` (the first attempt made
directly; then the stop conditions, the full-jitter wait, the retry predicate and the
before-sleep log and hook of :func:`appflow_typed._retry.build_retrying`, taken from the
``Retrying`` it builds), with the attempt and the backoff awaited. The backoff awaits an
injectable coroutine function (``asyncio.sleep``), so it never blocks the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import tenacity

from appflow_typed._retry import RetryPolicy, _final, _log_attempt, _outcome_name, build_retrying
from appflow_typed.errors import AppflowTypedError

__all__ = ["call_with_retries_async"]

_T = TypeVar("_T")


async def call_with_retries_async(
    policy: RetryPolicy,
    attempt: Callable[[int], Awaitable[_T]],
    *,
    sleep: Callable[[float], Awaitable[object]],
    operation: str,
    client_token: str | None,
    token_valid_until: float | None = None,
    clock: Callable[[], float] = time.time,
    closed: Callable[[], bool] | None = None,
) -> tuple[_T, int]:
    """Run one logical call: attempts, awaited backoff, and the final outcome.

    Args:
        policy: The retry policy (its ``sleep`` is not used: ``sleep`` is awaited instead).
        attempt: Makes one attempt; called with the attempt number (from 1).
        sleep: Awaited with each backoff in seconds (``asyncio.sleep``).
        operation: The AppFlow operation name.
        client_token: The clientToken every attempt carries, for logs and hooks.
        token_valid_until: See :func:`appflow_typed._retry.build_retrying`.
        clock: See :func:`appflow_typed._retry.build_retrying`.
        closed: See :func:`appflow_typed._retry.build_retrying`.

    Returns:
        The successful attempt's result and the number of attempts made.

    Raises:
        AppflowTypedError: The last attempt's error, when it is not retryable, the budget
            (attempts, deadline, token age) is spent, or ``closed()`` says the client was
            closed.
    """
    deadline_at = None if policy.deadline is None else policy.monotonic() + policy.deadline
    _log_attempt(policy, operation, 1, client_token)
    try:
        result = await attempt(1)
    except BaseException as exc:  # tenacity decides, as it would have on its own attempt
        first_failure = exc
    else:
        _final(policy, operation, 1, client_token, "ok")
        return result, 1

    decisions = build_retrying(
        policy,
        operation=operation,
        client_token=client_token,
        deadline_at=deadline_at,
        token_valid_until=token_valid_until,
        clock=clock,
        closed=closed,
    )

    async def backoff(seconds: float) -> None:
        await sleep(float(seconds))

    retrying = tenacity.AsyncRetrying(
        sleep=backoff,
        stop=decisions.stop,
        wait=decisions.wait,
        retry=decisions.retry,
        before_sleep=decisions.before_sleep,
        reraise=True,
    )
    number = 0
    try:
        async for manager in retrying:
            with manager:
                number = manager.retry_state.attempt_number
                if number == 1:
                    raise first_failure  # the attempt already made, as tenacity's first
                _log_attempt(policy, operation, number, client_token)
                result = await attempt(number)
    except AppflowTypedError as exc:
        _final(policy, operation, number, client_token, _outcome_name(exc))
        raise
    finally:
        del first_failure  # it holds this frame through its traceback
    _final(policy, operation, number, client_token, "ok")
    return result, number
