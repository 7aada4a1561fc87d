"""The retry policy (data), the predicate that decides what is retried, and the loop.

:class:`RetryPolicy` is a frozen value. :func:`call_with_retries` runs one logical call:
it makes the first attempt itself and, only when that attempt fails, hands the call to the
``tenacity.Retrying`` that :func:`build_retrying` makes from the policy. The loop knows
nothing about boto3: each attempt is a callable that returns a result or raises one of
:mod:`appflow_typed.errors`' exceptions, and :func:`is_retryable` decides from that
exception alone.
"""

from __future__ import annotations

import logging
import math
import random as _random
import time
from collections.abc import Callable
from typing import TypeVar

import attrs
import tenacity

from appflow_typed._logger import LOGGER
from appflow_typed._window import IDEMPOTENCY_WINDOW
from appflow_typed.errors import AppflowTypedError, ServiceError, TransportError

__all__ = [
    "Attempt",
    "RetryPolicy",
    "build_retrying",
    "call_with_retries",
    "full_jitter_delay",
    "is_retryable",
]

_T = TypeVar("_T")


def _at_least_one(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 1:
        raise ValueError(f"RetryPolicy.{attribute.name} must be >= 1, got {value}")


def _non_negative(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"RetryPolicy.{attribute.name} must be a finite number >= 0, got {value}")


def _optional_non_negative(
    instance: object, attribute: attrs.Attribute[float | None], value: float | None
) -> None:
    if value is not None and not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"RetryPolicy.{attribute.name} must be a finite number >= 0, got {value}")


@attrs.frozen(kw_only=True)
class Attempt:
    """What happened on one attempt of a logical call; given to ``RetryPolicy.on_attempt``.

    Attributes:
        operation: The AppFlow operation name, e.g. ``RegisterConnector``.
        number: The attempt's number, from 1.
        max_attempts: The policy's attempt budget.
        client_token: The clientToken the attempt carried (``None`` for operations without
            one).
        outcome: ``"ok"``, the AWS error code (``"ThrottlingException"``), or the name of
            the transport failure (``"ConnectionClosedError"``).
        retrying: Whether another attempt follows.
        delay: Seconds slept before the next attempt (``None`` when none follows).
    """

    operation: str
    number: int
    max_attempts: int
    client_token: str | None
    outcome: str
    retrying: bool
    delay: float | None = None


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How one logical call is retried: a frozen value, shared freely between threads.

    The delay before attempt ``n + 1`` is drawn with full jitter::

        random() * min(max_delay, base_delay * 2 ** (n - 1))

    Only failures :func:`is_retryable` accepts are retried (throttling, 5xx, transport
    failures, when re-sending cannot apply the call twice). Every attempt of one logical
    call carries the same clientToken, and the service sees at most ``max_attempts``
    requests for it: :class:`~appflow_typed.AppFlowClient` sends through a boto3 client
    whose own retries are off by configuration, so this policy is the only retry owner of
    its calls (and the only one that sleeps).

    Attributes:
        max_attempts: Attempts per logical call, the first included (>= 1). ``1`` disables
            retries.
        base_delay: Seconds; the cap of the first backoff (>= 0).
        max_delay: Seconds; no single backoff exceeds it (>= 0).
        deadline: Seconds from the first attempt after which no new attempt starts
            (``None``: no deadline). A retry whose backoff would end past the deadline is
            not made. An attempt in flight is not interrupted: bound it with botocore's
            ``connect_timeout``/``read_timeout``.
        sleep: Called with each backoff in seconds (``time.sleep``). Tests pass
            ``delays.append``.
        random: Returns a float in ``[0, 1)`` (``random.random``); the jitter source.
        monotonic: A monotonic clock in seconds (``time.monotonic``), for ``deadline``.
        on_attempt: Called after every attempt with an :class:`Attempt` (``None``: no
            hook). Runs in the calling thread; exceptions it raises propagate.
    """

    max_attempts: int = attrs.field(default=5, validator=_at_least_one)
    base_delay: float = attrs.field(default=0.5, validator=_non_negative)
    max_delay: float = attrs.field(default=20.0, validator=_non_negative)
    deadline: float | None = attrs.field(default=None, validator=_optional_non_negative)
    sleep: Callable[[float], object] = attrs.field(default=time.sleep, eq=False, repr=False)
    random: Callable[[], float] = attrs.field(default=_random.random, eq=False, repr=False)
    monotonic: Callable[[], float] = attrs.field(default=time.monotonic, eq=False, repr=False)
    on_attempt: Callable[[Attempt], object] | None = attrs.field(default=None, eq=False, repr=False)


def full_jitter_delay(policy: RetryPolicy, failed_attempt: int) -> float:
    """The backoff after attempt ``failed_attempt`` failed.

    Args:
        policy: The policy (its delays and random source).
        failed_attempt: The number of the attempt that just failed, from 1.

    Returns:
        ``policy.random() * min(max_delay, base_delay * 2 ** (failed_attempt - 1))``.
    """
    exponent = failed_attempt - 1
    ceiling = (
        policy.max_delay
        if exponent >= 64
        else min(policy.max_delay, policy.base_delay * 2.0**exponent)
    )
    return policy.random() * ceiling


def _token_note(client_token: str | None) -> str:
    return "" if client_token is None else f" (clientToken={client_token})"


def _outcome_name(exc: BaseException) -> str:
    if isinstance(exc, ServiceError):
        return exc.code
    if isinstance(exc, TransportError):
        return exc.botocore_error or "TransportError"
    return type(exc).__name__


def is_retryable(exc: BaseException) -> bool:
    """Decide whether a failed attempt is retried. Logs the decision at DEBUG.

    Reads only the ``retry_safe`` the error was given when its failure was mapped (see
    :mod:`appflow_typed._errors_map`): a transient failure (throttling, 5xx, no answer) that
    cannot apply the call twice. Anything that is not an appflow-typed service or transport
    error is not retried (a bug is not a transient failure).

    Args:
        exc: What the attempt raised.

    Returns:
        Whether to retry.
    """
    if isinstance(exc, (ServiceError, TransportError)):
        decision, operation = exc.retry_safe, exc.operation
    else:
        decision, operation = False, "?"
    LOGGER.debug(
        "%s: %s is %s",
        operation,
        _outcome_name(exc),
        "retryable" if decision else "not retryable",
    )
    return decision


class _StopAtDeadline(tenacity.stop.stop_base):
    """Stop when the next attempt would start after ``deadline`` (by ``clock``)."""

    def __init__(self, deadline: float, clock: Callable[[], float], reason: str) -> None:
        self._deadline = deadline
        self._clock = clock
        self.reason = reason

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        stop = self._clock() + retry_state.upcoming_sleep >= self._deadline
        if stop:
            LOGGER.debug("no further attempt: %s", self.reason)
        return stop


class _StopWhenClosed(tenacity.stop.stop_base):
    """Stop when the client the attempts go through has been closed."""

    def __init__(self, closed: Callable[[], bool], operation: str) -> None:
        self._closed = closed
        self._operation = operation

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        stop = self._closed()
        if stop:
            LOGGER.debug("no further attempt: %s: the client was closed", self._operation)
        return stop


def build_retrying(
    policy: RetryPolicy,
    *,
    operation: str,
    client_token: str | None,
    deadline_at: float | None = None,
    token_valid_until: float | None = None,
    clock: Callable[[], float] = time.time,
    closed: Callable[[], bool] | None = None,
) -> tenacity.Retrying:
    """Turn ``policy`` into a ``tenacity.Retrying`` for one logical call.

    Build a new one for every logical call: its stop conditions are that call's.

    Args:
        policy: The retry policy.
        operation: The AppFlow operation name, for logs and hooks.
        client_token: The call's clientToken, for logs and hooks.
        deadline_at: When ``policy.deadline`` passes for this call (by ``policy.monotonic``:
            the call's start plus the deadline); no attempt is started after it. ``None``:
            no deadline.
        token_valid_until: When the token stops being recognised by the service (seconds
            since the epoch, by ``clock``); no attempt is started after it.
        clock: Wall clock for ``token_valid_until`` (``time.time``).
        closed: Tells whether the client the attempts go through was closed; no attempt is
            started after it (``None``: never).

    Returns:
        The ``Retrying`` object: it re-raises the last attempt's exception when it gives up.
    """
    stops: list[tenacity.stop.stop_base] = [tenacity.stop_after_attempt(policy.max_attempts)]
    if deadline_at is not None:
        stops.append(
            _StopAtDeadline(
                deadline_at,
                policy.monotonic,
                f"{operation}: the policy's deadline of {policy.deadline} s would pass",
            )
        )
    if token_valid_until is not None:
        stops.append(
            _StopAtDeadline(
                token_valid_until,
                clock,
                f"{operation}: clientToken {client_token} would be older than {IDEMPOTENCY_WINDOW}",
            )
        )

    if closed is not None:
        stops.append(_StopWhenClosed(closed, operation))

    def wait(retry_state: tenacity.RetryCallState) -> float:
        return full_jitter_delay(policy, retry_state.attempt_number)

    def before_sleep(retry_state: tenacity.RetryCallState) -> None:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        name = _outcome_name(exc) if exc is not None else "?"
        delay = retry_state.upcoming_sleep
        LOGGER.info(
            "%s attempt %d/%d failed with %s; retrying in %.3f s%s",
            operation,
            retry_state.attempt_number,
            policy.max_attempts,
            name,
            delay,
            _token_note(client_token),
        )
        if policy.on_attempt is not None:
            policy.on_attempt(
                Attempt(
                    operation=operation,
                    number=retry_state.attempt_number,
                    max_attempts=policy.max_attempts,
                    client_token=client_token,
                    outcome=name,
                    retrying=True,
                    delay=delay,
                )
            )

    def sleep(seconds: float) -> None:
        policy.sleep(float(seconds))

    return tenacity.Retrying(
        sleep=sleep,
        stop=tenacity.stop_any(*stops),
        wait=wait,
        retry=tenacity.retry_if_exception(is_retryable),
        before_sleep=before_sleep,
        reraise=True,
    )


def call_with_retries(
    policy: RetryPolicy,
    attempt: Callable[[int], _T],
    *,
    operation: str,
    client_token: str | None,
    token_valid_until: float | None = None,
    clock: Callable[[], float] = time.time,
) -> tuple[_T, int]:
    """Run one logical call: attempts, backoff, and the final outcome.

    The first attempt is made directly: a call that succeeds at once (most calls) costs
    no retry machinery. When it fails, its failure is handed to a ``tenacity.Retrying``
    from :func:`build_retrying`, which decides, logs and retries exactly as if it had made
    that attempt itself.

    Args:
        policy: The retry policy.
        attempt: Makes one attempt; called with the attempt number (from 1). Returns the
            result or raises an :class:`~appflow_typed.errors.AppflowTypedError`.
        operation: The AppFlow operation name.
        client_token: The clientToken every attempt carries, for logs and hooks.
        token_valid_until: See :func:`build_retrying`.
        clock: See :func:`build_retrying`.

    Returns:
        The successful attempt's result and the number of attempts made.

    Raises:
        AppflowTypedError: The last attempt's error, when it is not retryable or the budget
            (attempts, deadline, token age) is spent.
    """
    deadline_at = None if policy.deadline is None else policy.monotonic() + policy.deadline
    _log_attempt(policy, operation, 1, client_token)
    try:
        result = attempt(1)
    except BaseException as exc:  # tenacity decides, as it would have on its own attempt
        first_failure = exc
    else:
        _final(policy, operation, 1, client_token, "ok")
        return result, 1

    retrying = build_retrying(
        policy,
        operation=operation,
        client_token=client_token,
        deadline_at=deadline_at,
        token_valid_until=token_valid_until,
        clock=clock,
    )
    number = 0
    try:
        for manager in retrying:
            with manager:
                number = manager.retry_state.attempt_number
                if number == 1:
                    raise first_failure  # the attempt already made, as tenacity's first
                _log_attempt(policy, operation, number, client_token)
                result = attempt(number)
    except AppflowTypedError as exc:
        _final(policy, operation, number, client_token, _outcome_name(exc))
        raise
    finally:
        del first_failure  # it holds this frame through its traceback
    _final(policy, operation, number, client_token, "ok")
    return result, number


def _log_attempt(
    policy: RetryPolicy, operation: str, number: int, client_token: str | None
) -> None:
    if not LOGGER.isEnabledFor(logging.DEBUG):  # the usual case: nothing to format
        return
    LOGGER.debug(
        "%s attempt %d/%d%s",
        operation,
        number,
        policy.max_attempts,
        _token_note(client_token),
    )


def _final(
    policy: RetryPolicy,
    operation: str,
    number: int,
    client_token: str | None,
    outcome: str,
) -> None:
    if LOGGER.isEnabledFor(logging.DEBUG):
        LOGGER.debug(
            "%s attempt %d/%d: %s, done%s",
            operation,
            number,
            policy.max_attempts,
            "succeeded" if outcome == "ok" else f"failed with {outcome}",
            _token_note(client_token),
        )
    if policy.on_attempt is not None:
        policy.on_attempt(
            Attempt(
                operation=operation,
                number=number,
                max_attempts=policy.max_attempts,
                client_token=client_token,
                outcome=outcome,
                retrying=False,
            )
        )
