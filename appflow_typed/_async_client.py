"""The typed, retry-safe AppFlow client for asyncio: the second facade over the same surface.

:class:`AsyncAppFlowClient` inherits its methods from the generated async surface
(:mod:`appflow_typed._generated.async_surface`, the template of the sync one, awaited) and
runs the pipeline whose steps :mod:`appflow_typed._pipeline` shares with ``AppFlowClient``:
request building and validation, the clientToken minted once and its age check, the
attempt bookkeeping, error mapping, response parsing and paging. What is its own is the I/O
(an aiobotocore client) and the sleeping (an awaited ``sleep``, ``asyncio.sleep`` by
default): the retry loop is ``tenacity.AsyncRetrying`` (:mod:`appflow_typed._async_retry`).

There is one retry owner: requests go through an aiobotocore client whose botocore retries
are off by configuration (``total_max_attempts=1``), so the service sees at most
``RetryPolicy.max_attempts`` requests per logical call. A client given with ``client=`` is
not changed: a sibling is built from its credentials object, region, endpoint and
configuration, with one attempt per request and without botocore's parameter validation
(the request models validated each request already: validated once).

aiobotocore is the optional extra ``appflow-typed[async]``; this module is imported only when
``appflow_typed.AsyncAppFlowClient`` is first used.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, cast

try:
    # aiohttp comes with aiobotocore; the main environment type-checks without it.
    import aiohttp  # type: ignore[import-not-found, unused-ignore]
    from aiobotocore.config import AioConfig
    from aiobotocore.session import AioSession, get_session
except ImportError as exc:  # pragma: no cover - the extra is absent
    raise ImportError(
        'AsyncAppFlowClient needs aiobotocore: pip install "appflow-typed[async]"'
    ) from exc
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError
from typing_extensions import Self, overload

from appflow_typed._async_retry import call_with_retries_async
from appflow_typed._errors_map import may_have_been_applied
from appflow_typed._generated.async_surface import AsyncOperations
from appflow_typed._operation import Operation, Result
from appflow_typed._pipeline import (
    FAILURES,
    SENDER_OPTIONS,
    LogicalCall,
    add_note,
    build_request,
    is_loaded,
    load_operation,
    next_page_request,
    parse_response,
)
from appflow_typed._redaction import REQUEST_IN_FLIGHT
from appflow_typed._retry import RetryPolicy
from appflow_typed._tokens import mint_token
from appflow_typed._upsert import Plan, Step, UpsertResult, run_plan_async
from appflow_typed._waiters import (
    DEFAULT_RUN_POLL,
    DEFAULT_RUN_TIMEOUT,
    DEFAULT_STATUS_POLL,
    DEFAULT_STATUS_TIMEOUT,
    flow_run_plan,
    flow_status_plan,
    run_target,
    run_wait_async,
    statuses_of,
)
from appflow_typed.errors import AppflowTypedError

if TYPE_CHECKING:
    from collections.abc import Collection

    from types_aiobotocore_appflow import AppflowClient as AioAppflowClient

    from appflow_typed.models import (
        DescribeFlowResponse,
        ExecutionRecord,
        FlowStatus,
        StartFlowResponse,
    )

__all__ = ["AsyncAppFlowClient"]

_Req = TypeVar("_Req")
_Resp = TypeVar("_Resp")

_ONE_ATTEMPT = AioConfig(**SENDER_OPTIONS)
"""One attempt per request, no second parameter validation (see ``SENDER_OPTIONS``)."""


def _may_have_been_applied(exc: BaseException) -> bool:
    """Whether a transport failure of aiobotocore may have reached the service.

    aiobotocore reports a connection reset or closed *after* sending (aiohttp's
    ``ClientOSError``) as ``EndpointConnectionError``, which botocore reserves for failures
    to connect: only aiohttp's connect failures and DNS errors mean nothing was sent.
    """
    if isinstance(exc, EndpointConnectionError):
        cause: object = exc.kwargs.get("error")
        if cause is not None and not isinstance(
            cause, (aiohttp.ClientConnectorError, socket.gaierror)
        ):
            return True
    return may_have_been_applied(exc)


def _prepared_session(session: AioSession | None) -> AioSession:
    """``session`` (a new one when ``None``), its loader's cache holding the files creating an
    ``appflow`` client reads. Runs in a worker thread.

    Making a session (botocore registers its ~120 built-in handlers) and aiobotocore's
    ``create_client`` are synchronous work inside a coroutine: they hold the event loop.
    ``create_client`` reads JSON files through botocore's ``Loader`` (the endpoints, the
    service model, its endpoint rule set, the partitions, the SDK's default configuration:
    up to a few hundred KB each), which caches what it read per session; read here first,
    they come from that cache on the loop.
    """
    session = session or get_session()
    loader = session.get_component("data_loader")
    loader.load_data_with_path("endpoints")
    loader.load_service_model("appflow", "service-2")
    loader.load_service_model("appflow", "endpoint-rule-set-1")
    loader.load_data("partitions")
    loader.load_data("sdk-default-configuration")
    return session


async def _load(op: Operation[Any, Any]) -> None:
    """Load what a call of ``op`` uses (models, serializers) in a worker thread, once."""
    if not is_loaded(op):
        await asyncio.to_thread(load_operation, op)


class AsyncAppFlowClient(AsyncOperations):
    """A typed Amazon AppFlow client for asyncio, with the API of ``AppFlowClient``.

    The same methods, keyword arguments, request objects, :class:`Result`, errors and
    guarantees as :class:`~appflow_typed.AppFlowClient`, awaited; the ``iter_*`` methods are
    async iterators. Use it as an async context manager (or call :meth:`close`)::

        async with AsyncAppFlowClient(region_name="eu-west-1") as client:
            result = await client.register_connector(
                connector_label="my_connector",
                connector_provisioning_type="LAMBDA",
                connector_provisioning_config=ConnectorProvisioningConfig(
                    lambda_=LambdaConnectorProvisioningConfig(lambda_arn=arn)
                ),
            )
            print(result.value.connector_arn, result.client_token)

    Every attempt of one call carries the same clientToken; the service sees at most
    ``retry.max_attempts`` requests per call; backoff awaits ``sleep`` and never blocks the
    event loop. A call cancelled (``asyncio.CancelledError``) after an attempt was sent
    gets a note (PEP 678, ``__notes__``) on the ``CancelledError`` naming the clientToken to
    re-issue it with; to hold the token before the call, mint it with
    :meth:`new_client_token` and pass it as ``client_token``. One instance serves any number
    of concurrent tasks of one event loop.

    Args:
        client: An existing aiobotocore ``appflow`` client. It is not changed, used nor
            closed: a sibling with its credentials, region, endpoint and configuration (one
            attempt per request) sends the requests. Exclusive with ``session``,
            ``region_name``, ``endpoint_url`` and ``config``.
        session: The aiobotocore session to create the client from (default: a new
            ``AioSession``, which reads credentials and region from the environment and
            config files as boto3 does).
        region_name: The AWS region.
        endpoint_url: A custom endpoint, e.g. the local endpoint of
            :mod:`appflow_typed.testing`.
        config: botocore client configuration. Its ``retries`` setting is replaced:
            retries belong to ``retry``.
        retry: The retry policy (attempts, backoff, deadline, random, hook). Its ``sleep``
            is the sync client's: this client awaits ``sleep``.
        token_factory: Mints a clientToken for a call that was not given one.
        clock: Wall-clock time in seconds since the epoch (``time.time``).
        sleep: Awaited with each backoff in seconds (``asyncio.sleep``). Tests pass a
            coroutine function that records the delays.
    """

    def __init__(
        self,
        *,
        client: AioAppflowClient | None = None,
        session: AioSession | None = None,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        config: Config | None = None,
        retry: RetryPolicy = RetryPolicy(),  # noqa: B008  (a frozen value, safe to share)
        token_factory: Callable[[], str] | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
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
                    "AsyncAppFlowClient(client=...) takes its settings from that client; "
                    f"{', '.join(given)} cannot be given with it"
                )
            meta = client.meta
            service = meta.service_model.service_name
            if service != "appflow":
                raise TypeError(
                    f"expected an aiobotocore 'appflow' client, got a {service!r} client"
                )
            region_name, endpoint_url = meta.region_name, meta.endpoint_url
            config = meta.config
        self._given = client
        self._session = session
        self._region_name = region_name
        self._endpoint_url = endpoint_url
        # AioConfig (a botocore Config) with the caller's options, then one attempt.
        # merge() reads only the options a Config was given: a botocore Config works too.
        given_config = cast("AioConfig", config or AioConfig())
        self._config = AioConfig().merge(given_config).merge(_ONE_ATTEMPT)
        self._retry = retry
        self._clock = clock
        self._sleep = sleep
        self._token_factory = token_factory
        self._boto: AioAppflowClient | None = None
        self._opening: asyncio.Lock | None = None
        self._closed = False

    # --- lifecycle ---------------------------------------------------------------------

    async def _open(self) -> AioAppflowClient:
        """The aiobotocore client, created (once) on first use."""
        if self._boto is not None:
            return self._boto
        if self._closed:
            raise RuntimeError("this AsyncAppFlowClient is closed")
        if self._opening is None:
            self._opening = asyncio.Lock()
        async with self._opening:
            if self._boto is None:
                session = await asyncio.to_thread(_prepared_session, self._session)
                if self._given is not None:
                    # The given client's own credentials object (refreshable ones keep
                    # refreshing); botocore documents no public getter for it.
                    session._credentials = self._given._get_credentials()  # type: ignore[attr-defined]
                creator = session.create_client(
                    "appflow",
                    region_name=self._region_name,
                    endpoint_url=self._endpoint_url,
                    config=self._config,
                )
                self._boto = await creator.__aenter__()
        return self._boto

    @property
    def aiobotocore_client(self) -> AioAppflowClient:
        """The aiobotocore client the requests go through (not a given ``client=``).

        Raises:
            RuntimeError: It is not open yet (before ``async with`` or the first call) or
                any more (after :meth:`close`).
        """
        if self._boto is None:
            raise RuntimeError("the aiobotocore client opens on `async with` or the first call")
        return self._boto

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy every call uses."""
        return self._retry

    def new_client_token(self) -> str:
        """Mint a clientToken now, to store before making a call with it.

        Returns:
            A token from ``token_factory``, or ``aft1.<unix-ms>.<uuid4 hex>``.
        """
        if self._token_factory is not None:
            return self._token_factory()
        return mint_token(self._clock)

    async def close(self) -> None:
        """Close the aiobotocore client this object created (a given client stays open)."""
        self._closed = True
        boto, self._boto = self._boto, None
        if boto is not None:
            await boto.__aexit__(None, None, None)

    async def __aenter__(self) -> Self:
        await self._open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return (
            f"AsyncAppFlowClient(region_name={self._region_name!r}, "
            f"endpoint_url={self._endpoint_url!r}, retry={self._retry!r})"
        )

    # --- waiters: the plans of appflow_typed._waiters, polled through the generated methods

    @overload
    async def wait_for_flow_run(
        self,
        started: Result[StartFlowResponse] | StartFlowResponse,
        /,
        *,
        timeout: float = DEFAULT_RUN_TIMEOUT,
        poll_interval: float = DEFAULT_RUN_POLL,
    ) -> ExecutionRecord: ...
    @overload
    async def wait_for_flow_run(
        self,
        /,
        *,
        flow_name: str,
        execution_id: str,
        timeout: float = DEFAULT_RUN_TIMEOUT,
        poll_interval: float = DEFAULT_RUN_POLL,
    ) -> ExecutionRecord: ...
    async def wait_for_flow_run(
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
        is waited for. Pauses await the client's ``sleep`` (``asyncio.sleep``: the event
        loop runs on); each poll is a call with the client's retries. Pass what
        :meth:`start_flow` returned: after a lost StartFlow response its retry carried the
        same clientToken, so the run is the one the service started.

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
        return await run_wait_async(plan, self._step, self._sleep)

    async def wait_for_flow_status(
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
        to be ``Suspended``. Pauses await the client's ``sleep`` (``asyncio.sleep``).

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
        return await run_wait_async(plan, self._step, self._sleep)

    # --- the pipeline: the shared steps of appflow_typed._pipeline, sent through aiobotocore

    async def _call(
        self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]
    ) -> _Resp:
        await _load(op)
        return (await self._send(op, build_request(op.request_cls, request, fields)))[0]

    async def _token_call(
        self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]
    ) -> Result[_Resp]:
        await _load(op)
        value, token, attempts, request_id = await self._send(
            op, build_request(op.request_cls, request, fields)
        )
        assert token is not None  # an operation with a token member mints or takes one
        return Result(value=value, client_token=token, attempts=attempts, request_id=request_id)

    async def _upsert(self, plan: Plan) -> UpsertResult:
        """Run a create-or-update plan, each step awaited through the generated method it names."""
        return await run_plan_async(plan, self._step)

    def _step(self, step: Step) -> Awaitable[Any]:
        """Make one step of a plan through the generated method it names (to be awaited)."""
        return cast("Awaitable[Any]", getattr(self, step.method)(step.request, **step.fields))

    async def _pages(self, op: Operation[_Req, _Resp], first: _Req) -> AsyncIterator[_Resp]:
        """Each page of a paged operation; stops when the output token is absent or empty."""
        await _load(op)
        request: _Req | None = first
        seen: set[str] = set()
        while request is not None:
            page = (await self._send(op, request))[0]
            yield page
            request = next_page_request(op, page, request, seen)

    async def _send(
        self, op: Operation[Any, _Resp], request: Any
    ) -> tuple[_Resp, str | None, int, str | None]:
        """One logical call of a built request: token, attempts, mapped errors, typed response."""
        __tracebackhide__ = True  # pytest: this frame holds the raw parameters (``call``)
        call = LogicalCall.prepare(
            op,
            request,
            new_token=self.new_client_token,
            factory_token=self._token_factory is not None,
            clock=self._clock,
        )
        boto = await self._open()
        send: Callable[..., Awaitable[Mapping[str, Any]]] = getattr(boto, op.method)
        policy = self._retry

        async def attempt(number: int) -> Mapping[str, Any]:
            __tracebackhide__ = True  # pytest: this frame holds the raw parameters
            if self._closed:  # closed during the backoff: this attempt is not made
                raise RuntimeError(f"this AsyncAppFlowClient was closed during {op.name}")
            call.begin_attempt(number)  # after the backoff sleep
            sending = REQUEST_IN_FLIGHT.set(call.params)  # botocore's logs: its secrets by value
            try:
                return await send(**call.params.wire)
            except FAILURES as exc:
                # the modeled exception classes of the client the caller knows (theirs, if
                # given), needed only on failure
                modeled = cast(
                    "Callable[[str], type[ClientError]]", (self._given or boto).exceptions.from_code
                )
                error = call.failed(exc, policy.max_attempts, _may_have_been_applied, modeled)
                if error is None:
                    return {}
            finally:
                REQUEST_IN_FLIGHT.reset(sending)
            # Raised outside the handler: botocore's exception, whose frames hold the
            # parameters, is neither the cause nor the context.
            raise error from None

        try:
            raw, attempts = await call_with_retries_async(
                policy,
                attempt,
                sleep=self._sleep,
                operation=op.name,
                client_token=call.token,
                token_valid_until=call.valid_until,
                clock=self._clock,
                closed=lambda: self._closed,
            )
        except AppflowTypedError as error:
            if self._closed:
                add_note(
                    error,
                    f"this AsyncAppFlowClient was closed during {op.name}; no attempt was made "
                    f"after attempt {call.number}",
                )
            raise
        except BaseException as exc:  # interrupted: CancelledError, the hook, the sleep...
            call.note_interrupted(exc)
            raise
        value, request_id = parse_response(op, raw)
        return value, call.token, attempts, request_id
