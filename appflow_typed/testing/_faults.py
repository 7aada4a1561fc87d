"""Faults the local endpoint injects into its answers, and the plan deciding which request
gets which fault."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from typing import ClassVar, TypeAlias

import attrs

__all__ = [
    "DropResponse",
    "Fault",
    "InternalError",
    "Latency",
    "ResetConnection",
    "ServiceErrorFault",
    "ServiceUnavailable",
    "Throttle",
]


@attrs.frozen(kw_only=True)
class Throttle:
    """Answer HTTP 429 ``ThrottlingException`` without applying the request.

    botocore retries it (it is a throttling error in every retry mode).
    """

    message: str = "Rate exceeded"
    """The ``message`` of the error body."""

    code: ClassVar[str] = "ThrottlingException"
    status: ClassVar[int] = 429


@attrs.frozen(kw_only=True)
class InternalError:
    """Answer HTTP 500 ``InternalServerException`` without applying the request.

    botocore retries it (a 5xx status).
    """

    message: str = "An internal error occurred."
    """The ``message`` of the error body."""

    code: ClassVar[str] = "InternalServerException"
    status: ClassVar[int] = 500


@attrs.frozen(kw_only=True)
class ServiceUnavailable:
    """Answer HTTP 503 ``ServiceUnavailableException`` without applying the request.

    The code is not modeled for AppFlow, so botocore raises a plain ``ClientError``; it retries
    it (a 5xx status).
    """

    message: str = "Service unavailable, please try again later."
    """The ``message`` of the error body."""

    code: ClassVar[str] = "ServiceUnavailableException"
    status: ClassVar[int] = 503


def _check_status(instance: ServiceErrorFault, attribute: attrs.Attribute[int], value: int) -> None:
    if not 400 <= value <= 599:
        raise ValueError(f"status must be an HTTP error status (400-599), got {value}")


def _check_code(instance: ServiceErrorFault, attribute: attrs.Attribute[str], value: str) -> None:
    if not value or any(c in value for c in "\r\n:"):
        raise ValueError("code must be a non-empty error code without ':' or line breaks")


@attrs.frozen(kw_only=True)
class ServiceErrorFault:
    """Answer any AWS error, without applying the request.

    The answer has the rest-json wire format of a real AppFlow error (status, the
    ``x-amzn-ErrorType`` header and a ``{"message": ...}`` body), so botocore raises the modeled
    exception class for a modeled code, e.g. ``client.exceptions.AccessDeniedException``.

    Examples:
        ``ServiceErrorFault(code="AccessDeniedException", status=403, message="denied")``
    """

    code: str = attrs.field(validator=_check_code)
    """The AWS error code, e.g. ``ConflictException``."""

    status: int = attrs.field(validator=_check_status)
    """The HTTP status, 400-599."""

    message: str = "Injected service error."
    """The ``message`` of the error body."""


@attrs.frozen(kw_only=True)
class DropResponse:
    """Apply the request, then close the connection without writing any response.

    The caller sees a lost response (botocore: ``ConnectionClosedError``, retried by default)
    although the change was made: the case ``clientToken`` idempotency exists for.
    """


@attrs.frozen(kw_only=True)
class ResetConnection:
    """Reset the connection (TCP RST) before applying anything.

    The caller sees a connection error (botocore: ``ConnectionClosedError``, retried by
    default); nothing was changed.
    """


def _non_negative(instance: Latency, attribute: attrs.Attribute[float], value: float) -> None:
    if not value >= 0:
        raise ValueError(f"seconds must be >= 0, got {value}")


@attrs.frozen(kw_only=True)
class Latency:
    """Wait ``seconds`` of real time, then answer the request normally."""

    seconds: float = attrs.field(validator=_non_negative)
    """How long to wait before handling the request."""


ErrorFault: TypeAlias = Throttle | InternalError | ServiceUnavailable | ServiceErrorFault
"""The faults that answer an AWS error instead of applying the request."""

Fault: TypeAlias = (
    Throttle
    | InternalError
    | ServiceUnavailable
    | ServiceErrorFault
    | DropResponse
    | ResetConnection
    | Latency
)
"""Any fault :meth:`LocalAppFlow.inject` accepts."""

_FAULT_TYPES = (
    Throttle,
    InternalError,
    ServiceUnavailable,
    ServiceErrorFault,
    DropResponse,
    ResetConnection,
    Latency,
)


def check_fault(fault: object) -> None:
    """Raise ``TypeError`` unless ``fault`` is one of the fault classes."""
    if not isinstance(fault, _FAULT_TYPES):
        names = ", ".join(t.__name__ for t in _FAULT_TYPES)
        raise TypeError(f"expected a fault ({names}), got {type(fault).__name__}")


@attrs.define
class _Scheduled:
    fault: Fault
    operation: str | None
    remaining: int


@attrs.define
class _Random:
    rate: float
    faults: tuple[Fault, ...]
    operations: frozenset[str] | None
    rng: random.Random


class FaultPlan:
    """Which fault the next request gets. Not thread-safe: the endpoint calls it under its
    lock."""

    def __init__(self) -> None:
        self._scheduled: list[_Scheduled] = []
        self._random: _Random | None = None

    def add(self, fault: Fault, operation: str | None, times: int) -> None:
        self._scheduled.append(_Scheduled(fault, operation, times))

    def set_random(
        self,
        rate: float,
        faults: Sequence[Fault],
        seed: int | None,
        operations: Collection[str] | None,
    ) -> None:
        self._random = _Random(
            rate=rate,
            faults=tuple(faults),
            operations=None if operations is None else frozenset(operations),
            rng=random.Random(seed),
        )

    def stop_random(self) -> None:
        self._random = None

    def clear(self) -> None:
        self._scheduled.clear()
        self._random = None

    def pick(self, operation: str) -> Fault | None:
        """The fault for one request of ``operation``: injected ones first, in the order
        injected, then a random one."""
        for entry in self._scheduled:
            if entry.operation is None or entry.operation == operation:
                entry.remaining -= 1
                if entry.remaining <= 0:
                    self._scheduled.remove(entry)
                return entry.fault
        plan = self._random
        if plan is None or (plan.operations is not None and operation not in plan.operations):
            return None
        # Two draws per request, always, so the sequence only depends on the seed and on how
        # many requests came before.
        hit = plan.rng.random() < plan.rate
        choice = plan.faults[plan.rng.randrange(len(plan.faults))]
        return choice if hit else None
