"""The pure steps of one logical call, shared by the sync and the async facade.

``AppFlowClient`` (:mod:`appflow_typed._client`) and ``AsyncAppFlowClient``
(:mod:`appflow_typed._async_client`) run the same pipeline; only the sending and the
sleeping differ. Everything else is here, free of I/O:

1. :func:`build_request`: the request object, given or built (and validated) from keyword
   arguments;
2. :meth:`LogicalCall.prepare`: the clientToken (the caller's, or one minted once, before
   the first attempt), its age check and the wire parameters every attempt sends;
3. :meth:`LogicalCall.begin_attempt` and :meth:`LogicalCall.failed`: the attempt
   bookkeeping (the token's age right before each retry, whether an earlier attempt may
   have been applied or may still be, a failure mapped to :mod:`appflow_typed.errors`, a
   delete whose resource is found gone after an answered unknown outcome counted as done);
4. :func:`parse_response`: the typed response and its request id;
5. :func:`next_page_request`: paging, with a guard against a service that loops;
6. :meth:`LogicalCall.note_interrupted`: a note (PEP 678) on an exception that interrupted
   the call after an attempt was sent (``KeyboardInterrupt``, ``asyncio.CancelledError``,
   a hook's exception), naming the clientToken to finish the call with.

:func:`load_operation` loads what a first call of an operation uses (its models' modules
and serializers): the async client runs it in a worker thread before the first call.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final, TypeVar, cast

import attrs
from botocore.exceptions import ClientError

from appflow_typed._converter import from_boto, load, to_boto
from appflow_typed._errors_map import (
    OTHER_BOTOCORE_EXCEPTIONS,
    TRANSPORT_EXCEPTIONS,
    map_botocore_error,
    map_client_error,
    map_transport_error,
    may_have_been_applied,
    may_still_arrive,
)
from appflow_typed._lint import emit_warnings
from appflow_typed._logger import LOGGER
from appflow_typed._operation import Operation
from appflow_typed._redaction import RequestParams
from appflow_typed._tokens import check_token_age
from appflow_typed._window import IDEMPOTENCY_WINDOW
from appflow_typed.errors import AppflowTypedError, ResourceNotFoundError

__all__ = [
    "FAILURES",
    "SENDER_OPTIONS",
    "LogicalCall",
    "add_note",
    "build_request",
    "evolve",
    "is_loaded",
    "load_operation",
    "next_page_request",
    "parse_response",
]

_Req = TypeVar("_Req")
_Resp = TypeVar("_Resp")

FAILURES: tuple[type[Exception], ...] = (
    ClientError,
    *TRANSPORT_EXCEPTIONS,
    *OTHER_BOTOCORE_EXCEPTIONS,
)
"""What an attempt's send may raise that :meth:`LogicalCall.failed` maps: a service error
answer, no answer, or another botocore exception (credentials, parameters, parsing...).
Anything else is not a failure of the call but a bug or an interruption, and goes up as it
is."""


_LOADED: set[str] = set()
"""The operations :func:`load_operation` has loaded (their names)."""


def is_loaded(op: Operation[Any, Any]) -> bool:
    """Whether :func:`load_operation` has run for ``op`` in this process."""
    return op.name in _LOADED


def load_operation(op: Operation[Any, Any]) -> None:
    """Import and build what a call of ``op`` uses, once per process: its request and
    response models (their group's modules, whose attrs classes are built on import) and
    their generated (de)serializers. A first call does it on its own; the async client runs
    this in a worker thread first, so that the event loop does not wait for it."""
    load(op.request_cls, op.response_cls)
    _LOADED.add(op.name)


SENDER_OPTIONS: Final[Mapping[str, Any]] = MappingProxyType(
    {
        # botocore's ``total_max_attempts`` counts attempts: 1 is the first one only. Retries
        # have one owner, the RetryPolicy; ``standard`` mode, because ``adaptive`` mode's
        # client-side rate limiter sleeps on its own.
        "retries": {"total_max_attempts": 1, "mode": "standard"},
        # Validate once: every request sent through this client was built by a request model,
        # whose checks reject whatever botocore's ParamValidator rejects
        # (tests/contract/test_botocore_validation.py), so botocore's second pass is skipped.
        "parameter_validation": False,
    }
)
"""The botocore client options (``Config(**SENDER_OPTIONS)``) of the client each facade
sends its requests through: no botocore retries, no second parameter validation. The
caller's own boto3 client, when one is given, keeps its options: the facades send through
a sibling of it."""


def evolve(instance: _Req, **changes: Any) -> _Req:
    """``attrs.evolve`` for an instance whose class is only known to be an attrs class
    (the attrs mypy plugin needs the concrete class). Re-runs the model's validation."""
    evolved: _Req = attrs.evolve(cast(Any, instance), **changes)
    return evolved


def build_request(cls: type[_Req], request: object, fields: Mapping[str, Any]) -> _Req:
    """The request object: the one given, or one built (and validated) from ``fields``."""
    if request is None:
        return cls(**fields)
    if fields:
        raise TypeError(
            f"pass either a {cls.__name__} or keyword arguments, not both "
            f"(got {', '.join(sorted(fields))})"
        )
    if not isinstance(request, cls):
        raise TypeError(f"expected a {cls.__name__}, got {type(request).__name__}")
    return request


def add_note(exc: BaseException, note: str) -> None:
    """``exc.add_note(note)`` (PEP 678), also on Python 3.10, which only lacks the method."""
    if sys.version_info >= (3, 11):
        exc.add_note(note)
    else:
        notes: list[str] = [*getattr(exc, "__notes__", ()), note]
        setattr(exc, "__notes__", notes)  # noqa: B010  (the 3.10 stubs lack the attribute)


def interrupted_note(operation: str, attempt: int, token: str | None) -> str:
    """What the caller needs to finish a call interrupted after ``attempt`` was sent."""
    head = f"{operation} was interrupted after attempt {attempt}, which may have been applied"
    if token is None:
        return f"{head}; check the resource's state before re-issuing the call."
    return (
        f"{head}; re-issue the call with clientToken={token} within {IDEMPOTENCY_WINDOW} of "
        "its first attempt to complete it exactly once."
    )


@attrs.define(kw_only=True)
class LogicalCall:
    """One logical call in flight: its token, wire parameters and attempt bookkeeping."""

    op: Operation[Any, Any]
    params: RequestParams
    """The keyword arguments every attempt sends (the clientToken included), in an object
    whose ``repr`` is redacted: this object is a local of the client's frames, which tools
    that capture a traceback's locals show."""
    token: str | None
    """The clientToken every attempt carries (``None`` for operations without one)."""
    valid_until: float | None
    """When the service stops recognising the token (epoch seconds; ``None``: unknown)."""
    clock: Callable[[], float]
    number: int = 0
    """The attempt in flight (or last made), from 1; 0 before the first."""
    outcome_unknown: bool = False
    """Whether an attempt so far may have been applied (no answer after sending, or 5xx)."""
    in_flight: bool = False
    """Whether an attempt so far may still be applied later (it timed out waiting for its
    answer): a call without a clientToken that changes something is not re-sent then."""

    @classmethod
    def prepare(
        cls,
        op: Operation[Any, Any],
        request: Any,
        *,
        new_token: Callable[[], str],
        factory_token: bool,
        clock: Callable[[], float],
    ) -> LogicalCall:
        """Emit the request's warnings; take or mint the clientToken, check its age, and
        serialize the request.

        Args:
            op: The operation.
            request: The validated request object.
            new_token: Mints a token for a call that was not given one.
            factory_token: Whether ``new_token`` is a caller's factory, whose tokens are
                validated like a caller's (a minted one meets the constraints as it is).
            clock: Wall-clock time in seconds since the epoch.

        Raises:
            ClientTokenExpiredError: A minted token older than 8 hours.
        """
        emit_warnings(request)
        token: str | None = None
        valid_until: float | None = None
        if op.token is not None:
            token = getattr(request, op.token.attr)
            if token is None:
                token = new_token()
                if factory_token:
                    request = evolve(request, **{op.token.attr: token})
            valid_until = check_token_age(op.name, token, clock())
        wire = to_boto(request)
        if op.token is not None:
            wire[op.token.wire] = token
        return cls(
            op=op, params=RequestParams(wire), token=token, valid_until=valid_until, clock=clock
        )

    def begin_attempt(self, number: int) -> None:
        """Record that attempt ``number`` starts; before a retry, check the token's age again
        (after the backoff, right before sending).

        Raises:
            ClientTokenExpiredError: The token grew older than 8 hours while backing off.
        """
        if self.token is not None and number > 1:
            check_token_age(self.op.name, self.token, self.clock())
        self.number = number

    def failed(
        self,
        exc: Exception,
        max_attempts: int,
        applied: Callable[[BaseException], bool] = may_have_been_applied,
        modeled: Callable[[str], type[ClientError]] | None = None,
    ) -> AppflowTypedError | None:
        """Map what attempt :attr:`number`'s send raised (one of :data:`FAILURES`).

        ``applied`` tells whether a transport failure may have reached the service (the
        HTTP stacks of boto3 and aiobotocore wrap their failures differently); ``modeled``
        gives the modeled exception classes of the client the caller knows, when the
        request went through a sibling (see :func:`~appflow_typed._errors_map.map_client_error`).

        The error carries none of the request's secrets, by name or by value (a service may
        echo one in any style: see :func:`~appflow_typed._redaction.request_secrets`).

        Returns:
            The typed error to raise (outside the ``except`` block, ``from None``: botocore's
            exception, whose frames hold the parameters, is not chained), or ``None`` when the failure means
            success: a delete's retry found the resource gone after an earlier attempt
            whose outcome was unknown, so that attempt deleted it.
        """
        op, number, secrets = self.op, self.number, self.params.secrets
        if isinstance(exc, ClientError):
            error = map_client_error(
                exc,
                operation=op.name,
                client_token=self.token,
                attempts=number,
                outcome_unknown=self.outcome_unknown,
                retry=op.retry,
                modeled=modeled,
                secrets=secrets,
            )
            if (
                op.retry == "delete"
                and isinstance(error, ResourceNotFoundError)
                and number > 1
                and self.outcome_unknown
            ):
                LOGGER.info(
                    "%s attempt %d/%d: ResourceNotFoundException after an earlier attempt "
                    "whose outcome is unknown; the resource is gone, counted as deleted",
                    op.name,
                    number,
                    max_attempts,
                )
                return None
            self.outcome_unknown = error.outcome_unknown
            return error
        if not isinstance(exc, TRANSPORT_EXCEPTIONS):  # credentials, parameters, parsing...
            return map_botocore_error(exc, operation=op.name, secrets=secrets)
        if applied(exc):
            self.outcome_unknown = True
            self.in_flight = self.in_flight or may_still_arrive(exc)
        return map_transport_error(
            exc,
            operation=op.name,
            client_token=self.token,
            attempts=number,
            outcome_unknown=self.outcome_unknown,
            retry=op.retry,
            secrets=secrets,
            in_flight=self.in_flight,
        )

    def note_interrupted(self, exc: BaseException) -> None:
        """Note on ``exc`` how to finish the call, when an attempt had been sent."""
        if self.number:
            add_note(exc, interrupted_note(self.op.name, self.number, self.token))


def parse_response(op: Operation[Any, _Resp], raw: Mapping[str, Any]) -> tuple[_Resp, str | None]:
    """The typed response of a successful attempt, and its AWS request id."""
    body = dict(raw)
    metadata = body.pop("ResponseMetadata", None)
    request_id = metadata.get("RequestId") if isinstance(metadata, Mapping) else None
    return from_boto(op.response_cls, body), request_id


def next_page_request(
    op: Operation[_Req, Any], page: object, request: _Req, seen: set[str]
) -> _Req | None:
    """The request for the page after ``page``, or ``None`` after the last one.

    Args:
        op: A paged operation.
        page: The page just received.
        request: The request that asked for it.
        seen: The output tokens already followed in this walk (updated).

    Raises:
        AppflowTypedError: The service returned a token it had already returned.
    """
    paging = op.paging
    assert paging is not None  # the surface pages only operations that page
    token: str | None = getattr(page, paging.output_token.attr)
    if not token:
        return None
    if token in seen:
        raise AppflowTypedError(
            f"{op.name} returned a {paging.output_token.wire} it had already returned; "
            "stopping instead of looping forever"
        )
    seen.add(token)
    return evolve(request, **{paging.input_token.attr: token})
