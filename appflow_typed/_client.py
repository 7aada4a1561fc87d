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

Those steps are pure and shared with ``AsyncAppFlowClient``: they live in
:mod:`appflow_typed._pipeline`; this module holds what is specific to boto3 (sending, the
retry veto, sleeping in the calling thread). A call interrupted once an attempt was sent (``KeyboardInterrupt``, an exception from the
policy's ``on_attempt`` hook or ``sleep``) keeps going up as it is, with a note (PEP 678)
naming the clientToken to re-issue it with. Nothing here is specific to one operation.

There is one retry owner: botocore's own retries are switched off for calls made through
this class (see :func:`_disable_botocore_retries`), so the service sees at most
``RetryPolicy.max_attempts`` requests per logical call.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

import attrs
import boto3
from botocore.config import Config
from typing_extensions import Self

from appflow_typed._generated.sync_surface import SyncOperations
from appflow_typed._operation import Operation, Result
from appflow_typed._pipeline import (
    FAILURES,
    LogicalCall,
    build_request,
    next_page_request,
    parse_response,
)
from appflow_typed._retry import RetryPolicy, call_with_retries
from appflow_typed._tokens import mint_token
from appflow_typed.errors import AppflowTypedError

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


def _veto_botocore_retry(**_: Any) -> bool | None:
    """``needs-retry`` handler: for calls made by AppFlowClient, botocore never retries.

    botocore retries when the first non-``None`` answer of its ``needs-retry`` handlers is
    a delay; this handler runs first and answers ``False`` (no retry) while one of our
    attempts is in flight in this thread, and ``None`` (no opinion) otherwise, so the boto3
    client keeps its own retry behaviour for everything else it is used for.
    """
    return False if _CURRENT_CALL.get() is not None else None


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


def _disable_botocore_retries(client: AppflowClient) -> None:
    """Make ``client`` send exactly one request per call made through AppFlowClient.

    Registers two handlers on *that client's* event system (registering twice is a no-op):
    :func:`_veto_botocore_retry` first in line for ``needs-retry.appflow`` and
    :func:`_stamp_attempt` on ``request-created.appflow``. Nothing else about the client
    changes, and its calls made directly keep botocore's retries.
    """
    events = client.meta.events
    # botocore reads the veto's return value; the stubs type every handler as returning None.
    veto = cast("Callable[..., None]", _veto_botocore_retry)
    events.register_first("needs-retry.appflow", veto, unique_id="appflow-typed-veto-retry")
    events.register_last(
        "request-created.appflow", _stamp_attempt, unique_id="appflow-typed-stamp-attempt"
    )


_NO_BOTOCORE_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
"""botocore's ``total_max_attempts`` counts attempts (``max_attempts`` counts retries):
1 means the first attempt only."""


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

    Args:
        client: An existing boto3 ``appflow`` client to use. It is not modified except for
            two event handlers that switch botocore's retries off for calls made through
            this object (its other calls keep their retries), and it is not closed by
            :meth:`close`. Exclusive with ``session``, ``region_name``, ``endpoint_url``
            and ``config``.
        session: The boto3 session to create the client from (default: a new
            ``boto3.Session()``, which reads the usual environment and config files).
        region_name: The AWS region.
        endpoint_url: A custom endpoint, e.g. the local endpoint of
            :mod:`appflow_typed.testing`.
        config: botocore client configuration (timeouts, proxies, user agent...). Its
            ``retries`` setting is replaced: retries belong to ``retry``.
        retry: The retry policy (attempts, backoff, deadline; injectable sleep and random).
        token_factory: Mints a clientToken for a call that was not given one (default: an
            ``aft1.<unix-ms>.<uuid4 hex>`` token stamped with ``clock``).
        clock: Wall-clock time in seconds since the epoch (``time.time``): stamps minted
            tokens and tells whether a token is older than the 8-hour idempotency window.
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
            self._owns_client = False
        else:
            merged = _NO_BOTOCORE_RETRIES if config is None else config.merge(_NO_BOTOCORE_RETRIES)
            self._boto = (session or boto3.Session()).client(
                "appflow", region_name=region_name, endpoint_url=endpoint_url, config=merged
            )
            self._owns_client = True
        _disable_botocore_retries(self._boto)
        self._retry = retry
        self._clock = clock
        self._token_factory = token_factory
        self._closed = False

    # --- lifecycle and options -----------------------------------------------------------

    @property
    def boto3_client(self) -> AppflowClient:
        """The underlying boto3 client."""
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
        """A client sharing this one's boto3 client, with some options changed.

        Args:
            retry: A different retry policy.
            token_factory: A different token factory; ``None`` for the default one.
            clock: A different wall clock.

        Returns:
            A new AppFlowClient. Closing it does not close the shared boto3 client.
        """
        return AppFlowClient(
            client=self._boto,
            retry=self._retry if isinstance(retry, _NotGiven) else retry,
            token_factory=(
                self._token_factory if isinstance(token_factory, _NotGiven) else token_factory
            ),
            clock=self._clock if isinstance(clock, _NotGiven) else clock,
        )

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
        """Close the boto3 client if this object created it (a given client stays open)."""
        if self._owns_client and not self._closed:
            self._closed = True
            self._boto.close()

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

    # --- the pipeline: the shared steps of appflow_typed._pipeline, sent through boto3 -------

    def _call(self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]) -> _Resp:
        return self._send(op, build_request(op.request_cls, request, fields))[0]

    def _token_call(
        self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]
    ) -> Result[_Resp]:
        value, token, attempts, request_id = self._send(
            op, build_request(op.request_cls, request, fields)
        )
        assert token is not None  # an operation with a token member mints or takes one
        return Result(value=value, client_token=token, attempts=attempts, request_id=request_id)

    def _pages(self, op: Operation[_Req, _Resp], first: _Req) -> Iterator[_Resp]:
        """Each page of a paged operation; stops when the output token is absent or empty."""
        request: _Req | None = first
        seen: set[str] = set()
        while request is not None:
            page = self._send(op, request)[0]
            yield page
            request = next_page_request(op, page, request, seen)

    def _send(
        self, op: Operation[Any, _Resp], request: Any
    ) -> tuple[_Resp, str | None, int, str | None]:
        """One logical call of a built request: token, attempts, mapped errors, typed response.

        Returns:
            The typed response, the clientToken (``None`` for operations without one), the
            number of attempts and the AWS request id.
        """
        call = LogicalCall.prepare(
            op,
            request,
            new_token=self.new_client_token,
            factory_token=self._token_factory is not None,
            clock=self._clock,
        )
        send: Callable[..., Mapping[str, Any]] = getattr(self._boto, op.method)
        policy = self._retry
        context = _CallContext(policy.max_attempts)

        def attempt(number: int) -> Mapping[str, Any]:
            call.begin_attempt(number)  # after the backoff sleep
            context.number = number
            marker = _CURRENT_CALL.set(context)
            try:
                return send(**call.params)
            except FAILURES as exc:
                error = call.failed(exc, policy.max_attempts)
                if error is None:
                    return {}
                raise error from exc
            finally:
                _CURRENT_CALL.reset(marker)

        try:
            raw, attempts = call_with_retries(
                policy,
                attempt,
                operation=op.name,
                client_token=call.token,
                token_valid_until=call.valid_until,
                clock=self._clock,
            )
        except AppflowTypedError:
            raise
        except BaseException as exc:  # interrupted: KeyboardInterrupt, the hook, the sleep...
            call.note_interrupted(exc)
            raise
        value, request_id = parse_response(op, raw)
        return value, call.token, attempts, request_id
