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

There is one retry owner: the requests of this class go through a boto3 client whose own
retries are off by configuration (one attempt, see :func:`_sibling_client`), so the service
sees at most ``RetryPolicy.max_attempts`` requests per logical call, and a boto3 client the
caller passed in is never touched (no handlers, no spent retry quota, no rate limiting).
Requests are validated once: that client skips botocore's parameter validation, since every
request it sends was built by a request model (``SENDER_OPTIONS``).
"""

from __future__ import annotations

import copy
import enum
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
from typing_extensions import Self, overload

from appflow_typed._errors_map import map_botocore_error
from appflow_typed._generated.sync_surface import SyncOperations
from appflow_typed._operation import Operation, Result
from appflow_typed._pipeline import (
    FAILURES,
    SENDER_OPTIONS,
    LogicalCall,
    build_request,
    next_page_request,
    parse_response,
)
from appflow_typed._redaction import REQUEST_IN_FLIGHT
from appflow_typed._retry import RetryPolicy, call_with_retries
from appflow_typed._tokens import mint_token
from appflow_typed._upsert import Plan, Step, UpsertResult, run_plan
from appflow_typed._waiters import (
    DEFAULT_RUN_POLL,
    DEFAULT_RUN_TIMEOUT,
    DEFAULT_STATUS_POLL,
    DEFAULT_STATUS_TIMEOUT,
    flow_run_plan,
    flow_status_plan,
    run_target,
    run_wait,
    statuses_of,
)
from appflow_typed.errors import AppflowTypedError

if TYPE_CHECKING:
    from collections.abc import Collection

    from mypy_boto3_appflow import AppflowClient

    from appflow_typed.models import (
        DescribeFlowResponse,
        ExecutionRecord,
        FlowStatus,
        StartFlowResponse,
    )

__all__ = ["AppFlowClient", "Result", "UpsertResult"]

_Req = TypeVar("_Req")
_Resp = TypeVar("_Resp")


class _NotGiven(enum.Enum):
    """The default of :meth:`AppFlowClient.with_options`'s arguments: keep the current value
    (``None`` is a value some of them take)."""

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
    """botocore configuration for our own requests, plus ``options``: no botocore retries
    and no second parameter validation (:data:`~appflow_typed._pipeline.SENDER_OPTIONS`)."""
    return Config(**SENDER_OPTIONS, **options)


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
    set, and botocore refuses them next to an endpoint URL) and that botocore's parameter
    validation is off (our models validated what it sends). Not shared: the connection
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
    configuration (timeouts, proxies, user agent, ...) except ``retries`` and botocore's
    ``parameter_validation``, off for these calls: the request models already checked
    everything botocore's validator checks, so each request is validated once. Not shared: the
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
        object created is the one its calls use: its retries are off (one attempt), and so
        is botocore's parameter validation, which the models do for this object's calls
        (for validated direct calls, pass your own client as ``client=``, or ``guard()`` it).
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

    # --- waiters: the plans of appflow_typed._waiters, polled through the generated methods

    @overload
    def wait_for_flow_run(
        self,
        started: Result[StartFlowResponse] | StartFlowResponse,
        /,
        *,
        timeout: float = DEFAULT_RUN_TIMEOUT,
        poll_interval: float = DEFAULT_RUN_POLL,
    ) -> ExecutionRecord: ...
    @overload
    def wait_for_flow_run(
        self,
        /,
        *,
        flow_name: str,
        execution_id: str,
        timeout: float = DEFAULT_RUN_TIMEOUT,
        poll_interval: float = DEFAULT_RUN_POLL,
    ) -> ExecutionRecord: ...
    def wait_for_flow_run(
        self,
        started: Result[StartFlowResponse] | StartFlowResponse | None = None,
        /,
        *,
        flow_name: str | None = None,
        execution_id: str | None = None,
        timeout: float = DEFAULT_RUN_TIMEOUT,
        poll_interval: float = DEFAULT_RUN_POLL,
    ) -> ExecutionRecord:
        """Wait until a flow run ends; return its record, or raise how it failed.

        Polls DescribeFlowExecutionRecords (every page, until the run is listed) every
        ``poll_interval`` seconds. A run not listed yet, ``InProgress`` or ``CancelStarted``
        is waited for. Pauses are slept with ``RetryPolicy.sleep``; each poll is a call
        with the client's retries. Pass what :meth:`start_flow` returned: after a lost
        StartFlow response its retry carried the same clientToken, so the run is the one
        the service started.

        Args:
            started: What :meth:`start_flow` returned (or its ``value``); the flow name is
                read from its ``flowArn``.
            flow_name: The flow, instead of ``started``.
            execution_id: The run's ``executionId``, instead of ``started``.
            timeout: Seconds to wait at most (the state is read once more at the end).
            poll_interval: Seconds between two polls.

        Returns:
            The run's :class:`ExecutionRecord`, ``executionStatus`` ``Successful``.

        Raises:
            FlowRunFailedError: The run ended ``Error`` or ``Canceled``; it carries the
                run's ``executionMessage``, ``putFailuresCount`` and record.
            WaiterTimeoutError: The run had not ended after ``timeout`` seconds.
            TypeError: Neither or both of ``started`` and the keywords were given.
            ValueError: ``started`` started no run (a scheduled or event-triggered flow is
                activated: :meth:`wait_for_flow_status`), or a negative time.
            ServiceError: A poll was refused (e.g. the flow was deleted).
            TransportError: A poll had no answer within the retry budget.
        """
        name, run = run_target(started, flow_name, execution_id)
        plan = flow_run_plan(
            name,
            run,
            timeout=timeout,
            poll_interval=poll_interval,
            monotonic=self._retry.monotonic,
        )
        return run_wait(plan, self._step, self._retry.sleep)

    def wait_for_flow_status(
        self,
        flow_name: str,
        status: FlowStatus | Collection[FlowStatus],
        *,
        timeout: float = DEFAULT_STATUS_TIMEOUT,
        poll_interval: float = DEFAULT_STATUS_POLL,
    ) -> DescribeFlowResponse:
        """Wait until a flow's status is ``status`` (or one of several); return the flow.

        Polls DescribeFlow every ``poll_interval`` seconds, e.g. for a scheduled flow that
        :meth:`start_flow` activated to be ``Active``, or that :meth:`stop_flow` deactivated
        to be ``Suspended``. Pauses are slept with ``RetryPolicy.sleep``.

        Args:
            flow_name: The flow.
            status: The status to wait for, or a collection of statuses (any of them).
            timeout: Seconds to wait at most (the state is read once more at the end).
            poll_interval: Seconds between two polls.

        Returns:
            The :class:`DescribeFlowResponse` that showed the status.

        Raises:
            FlowStatusError: The flow is ``Errored`` (and that was not awaited); it carries
                the flow's ``flowStatusMessage``.
            WaiterTimeoutError: The flow had not reached the status after ``timeout``.
            ValueError: No status, or a negative time.
            ServiceError: A poll was refused (e.g. no such flow: ``ResourceNotFoundError``).
            TransportError: A poll had no answer within the retry budget.
        """
        plan = flow_status_plan(
            flow_name,
            statuses_of(status),
            timeout=timeout,
            poll_interval=poll_interval,
            monotonic=self._retry.monotonic,
        )
        return run_wait(plan, self._step, self._retry.sleep)

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

    def _upsert(self, plan: Plan) -> UpsertResult:
        """Run a create-or-update plan, each step through the generated method it names."""
        return run_plan(plan, self._step)

    def _step(self, step: Step) -> Any:
        """Make one step of a plan through the generated method it names."""
        return getattr(self, step.method)(step.request, **step.fields)

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
        __tracebackhide__ = True  # pytest: this frame holds the raw parameters (``call``)
        call = LogicalCall.prepare(
            op,
            request,
            new_token=self.new_client_token,
            factory_token=self._token_factory is not None,
            clock=self._clock,
        )
        send: Callable[..., Mapping[str, Any]] = getattr(self._sender, op.method)
        policy = self._retry
        context = _CallContext(policy.max_attempts)

        def attempt(number: int) -> Mapping[str, Any]:
            __tracebackhide__ = True  # pytest: this frame holds the raw parameters
            call.begin_attempt(number)  # after the backoff sleep
            context.number = number
            marker = _CURRENT_CALL.set(context)
            sending = REQUEST_IN_FLIGHT.set(call.params)  # botocore's logs: its secrets by value
            try:
                return send(**call.params.wire)
            except FAILURES as exc:
                # the caller's client's modeled exception classes, needed only on failure (the
                # stubs type from_code as returning an instance; botocore returns the class)
                modeled = cast(
                    "Callable[[str], type[ClientError]]", self._boto.exceptions.from_code
                )
                error = call.failed(exc, policy.max_attempts, modeled=modeled)
                if error is None:
                    return {}
            finally:
                REQUEST_IN_FLIGHT.reset(sending)
                _CURRENT_CALL.reset(marker)
            # Raised outside the handlers: botocore's exception, whose frames hold ``params``,
            # is neither the cause nor the context (its facts are on the error and its note).
            raise error from None

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
