"""The typed, retry-safe AppFlow client: the call pipeline behind the generated surface.

:class:`AppFlowClient` wraps a boto3 ``appflow`` client. Its methods come from the generated
surface (:mod:`appflow_typed._generated.sync_surface`), each of which hands its operation's
table entry (:mod:`appflow_typed._generated.operations`) to this pipeline:

1. build and validate the typed request (nothing is sent when it fails),
2. for an operation with an idempotency token, take the caller's token or mint one, once,
   before the first attempt, and refuse a minted token older than 8 hours (again right
   before each retry, after its backoff),
3. send it through the retry loop of :mod:`appflow_typed._retry`, every attempt with the
   same token,
4. map a failure to an exception of :mod:`appflow_typed.errors` that carries the token, the
   number of attempts and whether a retry is safe, and
5. parse the response into its typed model.

A call interrupted once an attempt was sent (``KeyboardInterrupt``, an exception from the
policy's ``on_attempt`` hook or ``sleep``) keeps going up as it is, with a note (PEP 678)
naming the clientToken to re-issue it with. Nothing here is specific to one operation.

There is one retry owner: the requests of this class go through a boto3 client whose own
retries are off by configuration (one attempt, see :func:`_sibling_client`), so the service
sees at most ``RetryPolicy.max_attempts`` requests per logical call, and a boto3 client the
caller passed in is never touched (no handlers, no spent retry quota, no rate limiting).
"""

from __future__ import annotations

import copy
import enum
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

import attrs
import boto3
import botocore.session
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import BotoCoreError, ClientError
from typing_extensions import Self

from appflow_typed._converter import from_boto, to_boto
from appflow_typed._errors_map import (
    OTHER_BOTOCORE_EXCEPTIONS,
    TRANSPORT_EXCEPTIONS,
    map_botocore_error,
    map_client_error,
    map_transport_error,
    may_have_been_applied,
)
from appflow_typed._generated.sync_surface import SyncOperations
from appflow_typed._logger import LOGGER
from appflow_typed._operation import Operation, Result
from appflow_typed._retry import RetryPolicy, call_with_retries
from appflow_typed._tokens import check_token_age, mint_token
from appflow_typed.errors import AppflowTypedError, ResourceNotFoundError

if TYPE_CHECKING:
    from mypy_boto3_appflow import AppflowClient

__all__ = ["AppFlowClient", "Result"]

_Req = TypeVar("_Req")
_Resp = TypeVar("_Resp")


class _NotGiven(enum.Enum):
    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
"""Marks a :meth:`AppFlowClient.with_options` argument that was not given (``None`` means
"the default" there)."""


# --- botocore integration: one retry owner -------------------------------------------


@attrs.define
class _CallContext:
    """The logical call whose attempt is in flight in this thread (see ``_CURRENT_CALL``)."""

    max_attempts: int
    number: int = 0
    """The attempt in flight, from 1."""
    invocation_id: str | None = None
    """The ``amz-sdk-invocation-id`` of every attempt: the one botocore chose for the first."""


_CURRENT_CALL: ContextVar[_CallContext | None] = ContextVar(
    "appflow_typed_current_call", default=None
)


def _stamp_attempt(request: Any, **_: Any) -> None:
    """``request-created`` handler: tell the service which attempt of which call this is.

    Sets the ``amz-sdk-request: attempt=N; max=M`` values botocore sends from our retry loop
    instead of botocore's (always 1 of 1 here), and gives every attempt of one call the
    ``amz-sdk-invocation-id`` botocore chose for its first attempt.
    """
    call = _CURRENT_CALL.get()
    if call is None:
        return
    retries = request.context.get("retries")
    if not isinstance(retries, dict):
        return
    retries["attempt"] = call.number
    retries["max"] = call.max_attempts
    if call.invocation_id is None:
        call.invocation_id = retries.get("invocation-id")
    else:
        retries["invocation-id"] = call.invocation_id


def _watch_attempts(client: AppflowClient) -> None:
    """Register :func:`_stamp_attempt` on ``client``: only ever the client our calls use.

    Registering twice is a no-op. The handler does nothing for requests that are not one of
    our attempts (direct calls on a client this class created).
    """
    client.meta.events.register_last(
        "request-created.appflow", _stamp_attempt, unique_id="appflow-typed-stamp-attempt"
    )


def _one_attempt(**options: Any) -> Config:
    """botocore configuration for our own requests: no botocore retries, plus ``options``.

    ``total_max_attempts`` counts attempts (``max_attempts`` counts retries), so 1 is the
    first attempt only; ``standard`` mode, because ``adaptive`` mode's client-side rate
    limiter sleeps on its own.
    """
    return Config(retries={"total_max_attempts": 1, "mode": "standard"}, **options)


class _SiblingSession(botocore.session.Session):
    """The botocore session every sibling client is created from (one per process).

    Its ``get_credentials`` answers with the credentials object of the client being copied,
    which :meth:`create_client` then signs with: the very object, not a copy.
    """

    def __init__(self) -> None:
        super().__init__()
        self.lending: Credentials | None = None

    def get_credentials(self) -> Credentials | None:
        return self.lending


_SIBLINGS_LOCK = threading.Lock()
_sibling_sessions: list[_SiblingSession] = []
"""The shared :class:`_SiblingSession`, made on first use (under ``_SIBLINGS_LOCK``)."""


def _sibling_client(client: AppflowClient) -> AppflowClient:
    """A new ``appflow`` client like ``client`` whose botocore retries are off: ours to send.

    Shared with ``client``: its credentials object (so a refresh by either is seen by both),
    its region, its endpoint URL, its TLS verification and its configuration, except that
    ``retries`` is one attempt in ``standard`` mode (and the FIPS and dual-stack flags are
    dropped: the endpoint URL given already is the FIPS or dual-stack one when they were
    set, and botocore refuses them next to an endpoint URL). Not shared: the connection
    pool, the retry quota, the rate limiter and the event handlers. ``client`` itself is
    only read.
    """
    meta = client.meta
    # botocore does not expose a client's credentials or TLS verification: both are read
    # from its private attributes, each with a fallback.
    get_credentials = getattr(client, "_get_credentials", None)
    credentials = get_credentials() if get_credentials is not None else None
    http_session = getattr(getattr(client, "_endpoint", None), "http_session", None)
    verify = getattr(http_session, "_verify", None)
    config = meta.config.merge(_one_attempt(use_fips_endpoint=False, use_dualstack_endpoint=False))
    with _SIBLINGS_LOCK:
        if not _sibling_sessions:
            _sibling_sessions.append(_SiblingSession())
        session = _sibling_sessions[0]
        session.lending = credentials
        try:
            sibling = session.create_client(
                "appflow",
                region_name=meta.region_name,
                endpoint_url=meta.endpoint_url,
                verify=verify,
                config=config,
            )
        finally:
            session.lending = None
    return cast("AppflowClient", sibling)


# --- interrupted calls ---------------------------------------------------------------


def _interrupted_note(operation: str, attempt: int, token: str | None) -> str:
    """What the caller needs to finish a call interrupted after ``attempt`` was sent."""
    head = f"{operation} was interrupted after attempt {attempt}, which may have been applied"
    if token is None:
        return f"{head}; check the resource's state before re-issuing the call."
    return (
        f"{head}; re-issue the call with clientToken={token} within 8 hours of its first "
        "attempt to complete it exactly once."
    )


def _add_note(exc: BaseException, note: str) -> None:
    """``exc.add_note(note)`` (PEP 678), also on Python 3.10, which only lacks the method."""
    if sys.version_info >= (3, 11):
        exc.add_note(note)
    else:
        notes: list[str] = [*getattr(exc, "__notes__", ()), note]
        setattr(exc, "__notes__", notes)  # noqa: B010  (the 3.10 stubs lack the attribute)


# --- building the request ------------------------------------------------------------


def _evolve(instance: _Req, **changes: Any) -> _Req:
    """``attrs.evolve`` for an instance whose class is only known to be an attrs class
    (the attrs mypy plugin needs the concrete class). Re-runs the model's validation."""
    evolved: _Req = attrs.evolve(cast(Any, instance), **changes)
    return evolved


def _request(cls: type[_Req], request: object, fields: Mapping[str, Any]) -> _Req:
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


class AppFlowClient(SyncOperations):
    """A typed Amazon AppFlow client for custom connectors and connector profiles.

    Every method takes either keyword arguments (exactly the fields of the operation's
    request model) or one ready request object, validates it locally, and returns the
    typed response. Operations that take a clientToken return a :class:`Result` that
    carries it. Failures raise the exceptions of :mod:`appflow_typed.errors`.

    Throttling, 5xx errors and transport failures are retried according to ``retry`` when
    re-sending cannot apply the call twice; every attempt of one call carries the same
    clientToken, so a retried registration or profile change is applied exactly once. One
    instance can be shared by any number of threads.

    Example::

        client = AppFlowClient(region_name="eu-west-1")
        result = client.register_connector(
            connector_label="my_connector",
            connector_provisioning_type="LAMBDA",
            connector_provisioning_config=ConnectorProvisioningConfig(
                lambda_=LambdaConnectorProvisioningConfig(lambda_arn=arn)
            ),
        )
        print(result.value.connector_arn, result.client_token)

    Retries have one owner, ``retry``: the requests of this class go through a boto3 client
    whose own retries are off by configuration (``retries={"total_max_attempts": 1}``), so
    the service sees at most ``retry.max_attempts`` requests per call and botocore never
    sleeps inside one. Given ``client=``, this class leaves that client untouched (no event
    handlers, no configuration change; its retry quota and adaptive rate limiter are never
    spent by these calls, and its direct calls keep its own retries) and sends through a
    private sibling built from it. Shared with the sibling: the credentials object (a
    refresh by either client is seen by both), region, endpoint URL, TLS verification and
    configuration (timeouts, proxies, user agent, ...) except ``retries``. Not shared: the
    connection pool, the retry quota and rate limiter, and event handlers registered on the
    given client or on its session.

    Args:
        client: An existing boto3 ``appflow`` client. It is only read (see above), and not
            closed by :meth:`close`; it is what :attr:`boto3_client` returns. Exclusive with
            ``session``, ``region_name``, ``endpoint_url`` and ``config``.
        session: The boto3 session to create the client from (default: a new
            ``boto3.Session()``, which reads the usual environment and config files).
        region_name: The AWS region.
        endpoint_url: A custom endpoint, e.g. the local endpoint of
            :mod:`appflow_typed.testing`.
        config: botocore client configuration (timeouts, proxies, user agent...) without a
            ``retries`` setting: retries belong to ``retry``. Retry settings from the
            environment or config files (``AWS_MAX_ATTEMPTS``, ``AWS_RETRY_MODE``) do not
            apply to this class's client.
        retry: The retry policy (attempts, backoff, deadline; injectable sleep and random).
        token_factory: Mints a clientToken for a call that was not given one (default: an
            ``aft1.<unix-ms>.<uuid4 hex>`` token stamped with ``clock``).
        clock: Wall-clock time in seconds since the epoch (``time.time``): stamps minted
            tokens and tells whether a token is older than the 8-hour idempotency window.

    Raises:
        TypeError: ``client`` is not an ``appflow`` client or comes with ``session``,
            ``region_name``, ``endpoint_url`` or ``config``; or ``config`` has a
            ``retries`` setting (use ``retry=RetryPolicy(...)``; for botocore's retries on
            your own direct calls, build the boto3 client yourself and pass ``client=``).
    """

    def __init__(
        self,
        *,
        client: AppflowClient | None = None,
        session: boto3.Session | None = None,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        config: Config | None = None,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008  (a frozen value, safe to share)
        token_factory: Callable[[], str] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if client is not None:
            given = [
                name
                for name, value in (
                    ("session", session),
                    ("region_name", region_name),
                    ("endpoint_url", endpoint_url),
                    ("config", config),
                )
                if value is not None
            ]
            if given:
                raise TypeError(
                    f"AppFlowClient(client=...) uses that client as it is; "
                    f"{', '.join(given)} cannot be given with it"
                )
            service = client.meta.service_model.service_name
            if service != "appflow":
                raise TypeError(f"expected a boto3 'appflow' client, got a {service!r} client")
            self._boto: AppflowClient = client
            self._sender: AppflowClient = _sibling_client(client)
        else:
            if config is not None and getattr(config, "retries", None) is not None:
                raise TypeError(
                    "AppFlowClient(config=...) takes no 'retries' setting: its calls are "
                    "retried by its RetryPolicy, e.g. retry=RetryPolicy(max_attempts=3). For "
                    "botocore's retries on direct calls, create the boto3 client yourself and "
                    "pass it as client=..."
                )
            one_attempt = _one_attempt()
            error: AppflowTypedError | None = None
            try:
                self._boto = (session or boto3.Session()).client(
                    "appflow",
                    region_name=region_name,
                    endpoint_url=endpoint_url,
                    config=one_attempt if config is None else config.merge(one_attempt),
                )
            except BotoCoreError as exc:  # no region, unknown profile, partial credentials...
                error = map_botocore_error(exc, operation=None)
            if error is not None:
                raise error from None  # outside the handler: botocore's exception is not chained
            self._sender = self._boto
        _watch_attempts(self._sender)
        self._owned: tuple[AppflowClient, ...] = (self._sender,)
        """What :meth:`close` closes: the client this object created (not a given one)."""
        self._retry = retry
        self._clock = clock
        self._token_factory = token_factory
        self._closed = False

    # --- lifecycle and options -----------------------------------------------------------

    @property
    def boto3_client(self) -> AppflowClient:
        """The boto3 client: the one given as ``client=``, or the one this object created.

        A given client is returned as it was given, with its own retries; this object's
        calls go through a private sibling of it (see the class docstring). A client this
        object created is the one its calls use: its retries are off (one attempt).
        """
        return self._boto

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy every call uses."""
        return self._retry

    def with_options(
        self,
        *,
        retry: RetryPolicy | _NotGiven = NOT_GIVEN,
        token_factory: Callable[[], str] | _NotGiven | None = NOT_GIVEN,
        clock: Callable[[], float] | _NotGiven = NOT_GIVEN,
    ) -> AppFlowClient:
        """A client sharing this one's boto3 clients, with some options changed.

        Args:
            retry: A different retry policy.
            token_factory: A different token factory; ``None`` for the default one.
            clock: A different wall clock.

        Returns:
            A new AppFlowClient with the same :attr:`boto3_client` and the same client for
            its requests. Closing it closes neither; closing this one closes what it
            created, for both.
        """
        clone = copy.copy(self)
        if not isinstance(retry, _NotGiven):
            clone._retry = retry
        if not isinstance(token_factory, _NotGiven):
            clone._token_factory = token_factory
        if not isinstance(clock, _NotGiven):
            clone._clock = clock
        clone._owned = ()
        clone._closed = False
        return clone

    def new_client_token(self) -> str:
        """Mint a clientToken now, to store before making a call with it.

        Keeping the token before the call lets you re-issue the same logical call after a
        crash (from any process, within 8 hours) without applying it twice.

        Returns:
            A token from ``token_factory``, or ``aft1.<unix-ms>.<uuid4 hex>``.
        """
        if self._token_factory is not None:
            return self._token_factory()
        return mint_token(self._clock)

    def close(self) -> None:
        """Close the boto3 client this object created (a given client stays open)."""
        if not self._closed:
            self._closed = True
            for client in self._owned:
                client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        meta = self._boto.meta
        return (
            f"AppFlowClient(region_name={meta.region_name!r}, "
            f"endpoint_url={meta.endpoint_url!r}, retry={self._retry!r})"
        )

    # --- the pipeline ----------------------------------------------------------------------

    def _call(self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]) -> _Resp:
        return self._send(op, _request(op.request_cls, request, fields))[0]

    def _token_call(
        self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]
    ) -> Result[_Resp]:
        value, token, attempts, request_id = self._send(
            op, _request(op.request_cls, request, fields)
        )
        assert token is not None  # an operation with a token member mints or takes one
        return Result(value=value, client_token=token, attempts=attempts, request_id=request_id)

    def _pages(self, op: Operation[_Req, _Resp], first: _Req) -> Iterator[_Resp]:
        """Each page of a paged operation; stops when the output token is absent or empty."""
        paging = op.paging
        assert paging is not None  # the surface pages only operations that page
        request = first
        seen: set[str] = set()
        while True:
            page = self._send(op, request)[0]
            token: str | None = getattr(page, paging.output_token.attr)
            yield page
            if not token:
                return
            if token in seen:
                raise AppflowTypedError(
                    f"{op.name} returned a {paging.output_token.wire} it had already returned; "
                    "stopping instead of looping forever"
                )
            seen.add(token)
            request = _evolve(request, **{paging.input_token.attr: token})

    def _send(
        self, op: Operation[Any, _Resp], request: Any
    ) -> tuple[_Resp, str | None, int, str | None]:
        """One logical call of a built request: token, attempts, mapped errors, typed response.

        Returns:
            The typed response, the clientToken (``None`` for operations without one), the
            number of attempts and the AWS request id.
        """
        __tracebackhide__ = True  # pytest: this frame holds the raw parameters (``params``)
        token: str | None = None
        valid_until: float | None = None
        if op.token is not None:
            token = getattr(request, op.token.attr)
            if token is None:
                token = self.new_client_token()
                if self._token_factory is not None:
                    # A factory's token is checked like a caller's; a minted one (printable
                    # ASCII, 50 characters) meets the clientToken constraints as it is.
                    request = _evolve(request, **{op.token.attr: token})
            valid_until = check_token_age(op.name, token, self._clock())
        params = to_boto(request)
        if op.token is not None:
            params[op.token.wire] = token
        send: Callable[..., Mapping[str, Any]] = getattr(self._sender, op.method)
        policy = self._retry
        call = _CallContext(policy.max_attempts)
        # Whether an earlier attempt may have been applied (no answer after sending, or 5xx).
        outcome_unknown = False

        def attempt(number: int) -> Mapping[str, Any]:
            __tracebackhide__ = True  # pytest: this frame holds the raw parameters (``params``)
            nonlocal outcome_unknown
            if token is not None and number > 1:
                check_token_age(op.name, token, self._clock())  # after the backoff sleep
            call.number = number
            marker = _CURRENT_CALL.set(call)
            error: AppflowTypedError
            try:
                return send(**params)
            except ClientError as exc:
                error = map_client_error(
                    exc,
                    operation=op.name,
                    client_token=token,
                    attempts=number,
                    outcome_unknown=outcome_unknown,
                    retry=op.retry,
                    # the caller's client's classes (the stubs type from_code as returning an
                    # instance; botocore returns the class)
                    modeled=cast("Callable[[str], type[ClientError]]", self._boto.exceptions.from_code),
                )
                if (
                    op.retry == "delete"
                    and isinstance(error, ResourceNotFoundError)
                    and number > 1
                    and outcome_unknown
                ):
                    LOGGER.info(
                        "%s attempt %d/%d: ResourceNotFoundException after an earlier attempt "
                        "whose outcome is unknown; the resource is gone, counted as deleted",
                        op.name,
                        number,
                        policy.max_attempts,
                    )
                    return {}
                outcome_unknown = error.outcome_unknown
            except TRANSPORT_EXCEPTIONS as exc:
                if may_have_been_applied(exc):
                    outcome_unknown = True
                error = map_transport_error(
                    exc,
                    operation=op.name,
                    client_token=token,
                    attempts=number,
                    outcome_unknown=outcome_unknown,
                    retry=op.retry,
                )
            except OTHER_BOTOCORE_EXCEPTIONS as exc:  # credentials, parameters, parsing...
                error = map_botocore_error(exc, operation=op.name)
            finally:
                _CURRENT_CALL.reset(marker)
            # Raised outside the handlers: botocore's exception, whose frames hold ``params``,
            # is neither the cause nor the context (its facts are on the error and its note).
            raise error from None

        try:
            raw, attempts = call_with_retries(
                policy,
                attempt,
                operation=op.name,
                client_token=token,
                token_valid_until=valid_until,
                clock=self._clock,
            )
        except AppflowTypedError:
            raise
        except BaseException as exc:  # interrupted: KeyboardInterrupt, the hook, the sleep...
            if call.number:
                _add_note(exc, _interrupted_note(op.name, call.number, token))
            raise
        body = dict(raw)
        metadata = body.pop("ResponseMetadata", None)
        request_id = metadata.get("RequestId") if isinstance(metadata, Mapping) else None
        return from_boto(op.response_cls, body), token, attempts, request_id
