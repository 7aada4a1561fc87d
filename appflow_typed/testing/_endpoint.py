"""``LocalAppFlow``: the AppFlow endpoint on loopback, its clock and its request records."""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import os
import re
import threading
import time
import types
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from appflow_typed.testing._catalog import CatalogEntity
from appflow_typed.testing._faults import (
    DropResponse,
    Fault,
    FaultPlan,
    Latency,
    ResetConnection,
    check_fault,
)
from appflow_typed.testing._model import IMPLEMENTED, boto3_session, route, service_model
from appflow_typed.testing._persistence import read_file, restore, snapshot, write_file
from appflow_typed.testing._server import Close, HttpRequest, HttpServer, Reply, Reset
from appflow_typed.testing._state import (
    ApiError,
    Effect,
    Store,
    StoredConnector,
    StoredExecution,
    StoredFlow,
    StoredProfile,
)
from appflow_typed.testing._validate import Validator, render, service_refusal

if TYPE_CHECKING:
    from types import TracebackType

    from botocore.config import Config
    from mypy_boto3_appflow import AppflowClient
    from typing_extensions import Self

__all__ = ["LocalAppFlow", "ManualClock", "ReceivedRequest"]

_log = logging.getLogger("appflow_typed.testing")

# At most 9 digits each: anything longer is no attempt number botocore sends (and int() of
# thousands of digits raises). Such a header is recorded as unknown; the request is served.
_SDK_REQUEST = re.compile(
    r"(?<![0-9])attempt=([0-9]{1,9})(?![0-9])(?:;\s*max=([0-9]{1,9})(?![0-9]))?", re.ASCII
)
_ACCOUNT = re.compile(r"[0-9]{12}")
_REGION = re.compile(r"[a-z0-9-]+")

_validator_lock = threading.Lock()
_validator: Validator | None = None


def _shared_validator() -> Validator:
    global _validator
    with _validator_lock:
        if _validator is None:
            _validator = Validator(service_model().shapes)
        return _validator


class ManualClock:
    """A clock that only moves when told to: make time-dependent behaviour (the 8-hour
    clientToken window, ``createdAt``) deterministic.

    Thread-safe. Call it to read the time.

    Args:
        start: The initial time, in epoch seconds.

    Examples:
        >>> clock = ManualClock(start=0.0)
        >>> clock.advance(8 * 3600 + 1)
        >>> clock()
        28801.0
    """

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)
        self._lock = threading.Lock()

    def __call__(self) -> float:
        """The current time, in epoch seconds."""
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward.

        Args:
            seconds: How far; must not be negative.

        Raises:
            ValueError: ``seconds`` is negative.
        """
        if not seconds >= 0:
            raise ValueError(f"a clock only moves forward; got {seconds}")
        with self._lock:
            self._now += seconds

    def __repr__(self) -> str:
        return f"ManualClock(now={self():.3f})"


@attrs.frozen(kw_only=True)
class ReceivedRequest:
    """One HTTP request the endpoint received (``repr`` leaves the body out: it may hold
    credentials)."""

    operation: str
    """The AppFlow operation its method and path route to, or ``""`` when none does."""

    client_token: str | None
    """The body's ``clientToken``, if any."""

    attempt: int | None
    """botocore's attempt number, from the ``amz-sdk-request: attempt=N; max=M`` header
    (``None`` when the header is absent)."""

    max_attempts: int | None
    """The ``max=M`` of that header."""

    time: float
    """The endpoint's clock when the request arrived."""

    fault: Fault | None
    """The fault injected into it, or ``None``."""

    status: int | None
    """The HTTP status answered, or ``None`` when the connection was closed without one."""

    body: Mapping[str, Any] = attrs.field(repr=False, eq=False)
    """The parsed JSON body (empty when it was not a JSON object) with the members the path and
    query string carry (``resourceArn``, ``tagKeys``). Kept in memory only; left out of the
    ``repr`` and of equality, so no assertion diff of two requests drills into it (it may hold
    credentials)."""

    request_id: str
    """The ``x-amzn-RequestId`` of the answer."""


_DEFAULT_REGION = "us-east-1"
_DEFAULT_ACCOUNT = "123456789012"


class LocalAppFlow:
    """An AppFlow endpoint on ``127.0.0.1`` that real boto3 clients talk to.

    Speaks AppFlow's rest-json protocol for all 25 operations (custom connectors, connector
    profiles, flows and their runs, tags, connector entities), validates every request against
    botocore's service model, keeps state with the service's semantics (conflicts, not-found,
    clientToken idempotency for 8 hours) and injects faults on demand. Runs of flows are
    recorded, successful unless a test asks otherwise (:meth:`fail_next_execution`,
    :meth:`hold_executions`). Use it as a context manager, or :meth:`start` and :meth:`stop`.
    Thread-safe; instances are independent, each on its own ephemeral port.

    An operation the store has no handler for (none today) is answered HTTP 400
    ``UnsupportedOperationException`` naming it; a path no operation has is answered HTTP 404
    ``UnknownOperationException``.

    Args:
        region: The region in ARNs and of :meth:`client`.
        account_id: The 12-digit account in ARNs.
        clock: The time source (epoch seconds) for timestamps, records and the clientToken
            window; ``time.time`` when ``None``. See :class:`ManualClock`.
        host: The IPv4 address to listen on; loopback by default.
        port: The port to listen on; 0 (the default) picks a free ephemeral one.

    Examples:
        >>> with LocalAppFlow() as endpoint:  # doctest: +SKIP
        ...     client = endpoint.client()
        ...     client.list_connectors()["connectors"]
        []
    """

    def __init__(
        self,
        *,
        region: str = _DEFAULT_REGION,
        account_id: str = _DEFAULT_ACCOUNT,
        clock: Callable[[], float] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be within 0-65535, got {port}")
        if not _REGION.fullmatch(region):
            raise ValueError(f"not a region name: {region!r}")
        if not _ACCOUNT.fullmatch(account_id):
            raise ValueError(f"account_id must be 12 digits, got {account_id!r}")
        self._region = region
        self._account_id = account_id
        self._host = host
        self._wanted_port = port
        self._clock: Callable[[], float] = clock if clock is not None else time.time
        self._store = Store(region=region, account_id=account_id, clock=self._clock)
        self._lock = self._store.lock
        self._faults = FaultPlan()
        self._records: list[tuple[int, ReceivedRequest]] = []
        self._sequence = itertools.count()
        self._server: HttpServer | None = None
        self._stopping = threading.Event()
        """Set from the start of :meth:`stop`: an injected Latency ends early then."""
        self._port = 0

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Start serving (on an ephemeral port of 127.0.0.1 unless told otherwise).

        Returns:
            The endpoint itself.

        Raises:
            RuntimeError: It is already running.
        """
        if self._server is not None:
            raise RuntimeError("the local AppFlow endpoint is already running")
        server = HttpServer(
            self._handle, self._error_reply, host=self._host, port=self._wanted_port
        )
        self._stopping.clear()
        self._port = server.start()
        self._server = server
        _log.debug("local AppFlow endpoint listening on %s", self.url)
        return self

    def stop(self) -> None:
        """Stop serving: close every connection and join every thread. Idempotent. State and
        records are kept until :meth:`reset`."""
        self._stopping.set()  # first: a request already past the server's checks sees it
        server, self._server = self._server, None
        if server is not None:
            server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        """Whether the endpoint is serving."""
        return self._server is not None

    @property
    def url(self) -> str:
        """``http://<host>:<port>``, e.g. ``http://127.0.0.1:49152``.

        Raises:
            RuntimeError: The endpoint is not running.
        """
        if self._server is None:
            raise RuntimeError("the local AppFlow endpoint is not running; call start()")
        return f"http://{self._host}:{self._port}"

    @property
    def region(self) -> str:
        """The region in ARNs and of :meth:`client`."""
        return self._region

    @property
    def account_id(self) -> str:
        """The account in ARNs."""
        return self._account_id

    def client(self, *, config: Config | None = None) -> AppflowClient:
        """A boto3 ``appflow`` client for this endpoint.

        It signs with dummy credentials (``testing``/``testing``) and reads neither
        credentials nor configuration from the environment or ``~/.aws``. Clients share one
        process-wide botocore session, so after the first one they are cheap to make.

        Args:
            config: A botocore ``Config`` merged over the endpoint's (which only disables
                proxies), e.g. ``Config(retries={"total_max_attempts": 1})``.

        Raises:
            RuntimeError: The endpoint is not running.
        """
        from botocore.config import Config

        # A dict of proxies, even empty, keeps botocore from taking proxies from the
        # environment (HTTP_PROXY would otherwise capture loopback traffic).
        base = Config(proxies={})
        merged = base if config is None else base.merge(config)
        return boto3_session().client(
            "appflow",
            region_name=self._region,
            endpoint_url=self.url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            aws_session_token=None,
            config=merged,
        )

    # -- faults ----------------------------------------------------------------------------

    def inject(self, fault: Fault, *, operation: str | None = None, times: int = 1) -> None:
        """Inject ``fault`` into the next ``times`` requests of ``operation``.

        Injected faults are used in the order injected, before any random fault. A fault is
        decided per request, before the clientToken replay: a retry after
        :class:`DropResponse` with the same token gets the original response.

        Args:
            fault: What to do instead of (or, for latency and a dropped response, besides)
                the normal answer.
            operation: The operation name, e.g. ``RegisterConnector``; ``None`` for any.
            times: How many requests get it.

        Raises:
            TypeError: ``fault`` is not a fault.
            ValueError: Unknown operation, or ``times`` < 1.
        """
        check_fault(fault)
        self._check_operations(None if operation is None else [operation])
        if times < 1:
            raise ValueError(f"times must be at least 1, got {times}")
        with self._lock:
            self._faults.add(fault, operation, times)

    def inject_randomly(
        self,
        *,
        rate: float,
        faults: Sequence[Fault],
        seed: int | None = None,
        operations: Collection[str] | None = None,
    ) -> None:
        """Give each request, independently, a fault with probability ``rate``.

        The fault is drawn uniformly from ``faults``. With a ``seed``, the sequence of
        decisions is the same on every run for the same sequence of requests. Replaces any
        previous random plan; faults from :meth:`inject` still come first.

        Args:
            rate: The probability, 0 to 1.
            faults: The faults to draw from (not empty).
            seed: Seeds the random generator.
            operations: Only these operations get random faults; ``None`` for all.

        Raises:
            TypeError: An element of ``faults`` is not a fault.
            ValueError: ``rate`` outside [0, 1], no faults, or an unknown operation.
        """
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"rate must be within [0, 1], got {rate}")
        if not faults:
            raise ValueError("faults must not be empty")
        for fault in faults:
            check_fault(fault)
        self._check_operations(operations)
        with self._lock:
            self._faults.set_random(rate, faults, seed, operations)

    def stop_random_faults(self) -> None:
        """Stop injecting random faults (injected ones stay)."""
        with self._lock:
            self._faults.stop_random()

    @staticmethod
    def _check_operations(operations: Collection[str] | None) -> None:
        if operations is None:
            return
        unknown = sorted(set(operations) - IMPLEMENTED)
        if unknown:
            raise ValueError(
                f"not an operation of the local endpoint: {', '.join(unknown)}; "
                f"expected one of {', '.join(sorted(IMPLEMENTED))}"
            )

    # -- introspection ---------------------------------------------------------------------

    @property
    def requests(self) -> list[ReceivedRequest]:
        """Every request received, in the order received (a snapshot)."""
        with self._lock:
            return [record for _, record in self._records]

    @property
    def effects(self) -> list[Effect]:
        """Every committed state change, in order (a snapshot)."""
        with self._lock:
            return list(self._store.context.effects)

    @property
    def connectors(self) -> Mapping[str, StoredConnector]:
        """The registered connectors by label (a read-only snapshot)."""
        with self._lock:
            return types.MappingProxyType(dict(self._store.connectors.records))

    @property
    def profiles(self) -> Mapping[str, StoredProfile]:
        """The connector profiles by name, credentials included (a read-only snapshot)."""
        with self._lock:
            return types.MappingProxyType(dict(self._store.profiles.records))

    @property
    def flows(self) -> Mapping[str, StoredFlow]:
        """The flows by name (a read-only snapshot)."""
        with self._lock:
            return types.MappingProxyType(dict(self._store.flows.records))

    @property
    def executions(self) -> list[StoredExecution]:
        """Every run of every flow still there, in the order started (a snapshot)."""
        with self._lock:
            return list(self._store.runs.records.values())

    @property
    def tags(self) -> Mapping[str, Mapping[str, str]]:
        """The tags of each tagged resource, by ARN (a read-only snapshot)."""
        with self._lock:
            return types.MappingProxyType(
                {arn: types.MappingProxyType(dict(t)) for arn, t in self._store.tags.records.items()}
            )

    # -- flow runs and the entity catalog --------------------------------------------------

    def fail_next_execution(self, flow: str, *, message: str) -> None:
        """Make the next run of ``flow`` end in ``Error`` with ``message`` as its
        ``executionMessage`` (runs after it succeed again). Called twice, the next two runs
        fail, in order.

        Args:
            flow: The flow's name (it need not exist yet).
            message: The run's ``executionResult.errorInfo.executionMessage``.
        """
        with self._lock:
            self._store.runs.fail_next(flow, message)

    def hold_executions(self, hold: bool = True) -> None:
        """While held, runs stay ``InProgress`` (so CancelFlowExecutions and DeleteFlow have
        a running flow to meet) until :meth:`finish_execution`; a cancel leaves them
        ``CancelStarted`` until then. Runs already started are not changed by releasing.

        Args:
            hold: ``True`` to hold new runs, ``False`` to let them end at once again.
        """
        with self._lock:
            self._store.runs.hold = hold

    def finish_execution(
        self, execution_id: str, *, error_message: str | None = None
    ) -> StoredExecution:
        """End a held run: ``Canceled`` if a cancel started, else ``Error`` with
        ``error_message`` when given (or with the message of a :meth:`fail_next_execution`
        that this run took), else ``Successful``.

        Args:
            execution_id: The ``executionId`` StartFlow answered.
            error_message: Fail the run with this ``executionMessage``.

        Returns:
            The ended run.

        Raises:
            ValueError: No run in progress has this ID.
        """
        with self._lock:
            return self._store.runs.finish(execution_id, error_message)

    def run_flow(self, flow: str) -> StoredExecution:
        """Run an ``Active`` flow now, as its schedule or event would (the local endpoint
        has no scheduler). The run follows the same controls as StartFlow's.

        Args:
            flow: The flow's name.

        Returns:
            The run recorded.

        Raises:
            ValueError: No such flow, or it is not ``Active``.
        """
        with self._lock:
            return self._store.runs.run_now(flow)

    def set_flow_status(self, flow: str, status: str) -> StoredFlow:
        """Put a flow in a status the service gives flows on its own, e.g. ``Errored`` (a
        scheduled flow whose runs failed) or ``Deprecated``, to test how code meets it.

        StartFlow then follows the status: a ``Deprecated`` or ``Deleted`` flow is refused
        with ``ConflictException``; an ``Errored`` or ``Suspended`` scheduled flow is
        activated again.

        Args:
            flow: The flow's name.
            status: A ``FlowStatus`` value.

        Returns:
            The flow as changed.

        Raises:
            ValueError: No such flow, or not a ``FlowStatus`` value.
        """
        with self._lock:
            return self._store.flows.set_status(flow, status)

    def add_entities(self, connector: str, *entities: CatalogEntity) -> None:
        """Add entities to a connector's catalog (ListConnectorEntities,
        DescribeConnectorEntity); one with the name and path of an existing one replaces it.

        Entities already listed or described through a profile stay cached as they were
        for an hour of the endpoint's clock, or until ResetConnectorMetadataCache.

        Args:
            connector: A connector type (``Salesforce``, ``S3``...) or a custom connector's
                label.
            entities: The entities.
        """
        with self._lock:
            for entity in entities:
                self._store.entities.add(connector, entity)

    def reset(self) -> None:
        """Forget all state, faults, records, run controls and remembered clientTokens.
        Keeps serving."""
        with self._lock:
            self._store.clear()
            self._faults.clear()
            self._records.clear()

    def save_state(self, path: str | os.PathLike[str]) -> None:
        """Write the state to a JSON file (readable by its owner only: it holds credentials).

        The file holds the connectors, the profiles (credentials included), the flows and
        their runs, the tags, the entities added with :meth:`add_entities` and the
        clientTokens still within their 8-hour window, with the region and account; not the
        request records, effects, faults or run controls. It is replaced atomically, through
        a temporary file created exclusively (mode 0600, never through a link) and flushed to
        disk first.

        Args:
            path: The file to write.

        Raises:
            OSError: It cannot be written; the file is left as it was.
        """
        with self._lock:
            data = snapshot(self._store)
        write_file(path, data)

    def load_state(self, path: str | os.PathLike[str]) -> None:
        """Replace the state with one written by :meth:`save_state`.

        Request records and faults are left as they are.

        Args:
            path: The file to read.

        The whole file is checked before the state is replaced: every record's members
        and types, configurations against the service model, timestamps, nesting depth.

        Raises:
            ValueError: The file is not such a state (or a malformed one), or is of another
                region or account.
            OSError: The file cannot be read.
        """
        restore(self._store, read_file(path))

    def __repr__(self) -> str:
        where = self.url if self.running else "stopped"
        return f"LocalAppFlow({where}, region={self._region!r}, account_id={self._account_id!r})"

    # -- request handling ------------------------------------------------------------------

    def _error_reply(self, status: int, code: str, message: str) -> Reply:
        return _error(status, code, message, str(uuid.uuid4()))

    def _handle(self, request: HttpRequest) -> Reply | Close | Reset:
        request_id = str(uuid.uuid4())
        sequence = next(self._sequence)
        now = self._clock()
        attempt, max_attempts = _sdk_attempt(request.headers.get("amz-sdk-request"))
        model = service_model()
        operation = route(request.method, request.path) or ""
        body: dict[str, Any] = {}
        fault: Fault | None = None
        token_members = model.idempotency_members(operation) if operation else ()
        token_member = token_members[0] if token_members else None

        def finish(action: Reply | Close | Reset) -> Reply | Close | Reset:
            token = body.get(token_member) if token_member else None
            record = ReceivedRequest(
                operation=operation,
                client_token=token if isinstance(token, str) else None,
                attempt=attempt,
                max_attempts=max_attempts,
                time=now,
                fault=fault,
                status=action.status if isinstance(action, Reply) else None,
                body=body,
                request_id=request_id,
            )
            with self._lock:
                bisect.insort(self._records, (sequence, record), key=lambda r: r[0])
            _log.debug(
                "%s %s -> %s (fault: %s, request id %s)",
                request.method, request.path, record.status, type(fault).__name__ if fault
                else None, request_id,
            )
            return action

        if not operation:
            return finish(_error(404, "UnknownOperationException",
                                 f"No AppFlow operation answers {request.method} "
                                 f"{request.path[:200]}.", request_id))
        if operation not in IMPLEMENTED:
            return finish(_error(
                400, "UnsupportedOperationException",
                f"{operation} is not supported by the local AppFlow endpoint "
                f"(appflow_typed.testing); it answers {', '.join(sorted(IMPLEMENTED))}.",
                request_id))
        try:
            parsed = json.loads(request.body) if request.body.strip() else {}
        except (ValueError, UnicodeDecodeError, RecursionError):
            # RecursionError: JSON nested deeper than the parser's stack, well under the size cap
            return finish(_error(400, "SerializationException",
                                 "The request body is not valid JSON.", request_id))
        if not isinstance(parsed, dict):
            return finish(_error(400, "SerializationException",
                                 "The request body must be a JSON object.", request_id))
        # Members bound to the path or the query string (a tagged resource's ARN, the tag
        # keys to remove) join the body's: validation and the store see one input.
        body = {**parsed, **model.bound_members(operation, request.path, request.query)}

        with self._lock:
            fault = self._faults.pick(operation)
        if isinstance(fault, ResetConnection):
            return finish(Reset())
        if isinstance(fault, Latency):
            self._stopping.wait(fault.seconds)
        elif fault is not None and not isinstance(fault, DropResponse):
            return finish(_error(fault.status, fault.code, fault.message, request_id))

        reply = self._answer(operation, body, request_id)
        if isinstance(fault, DropResponse):
            return finish(Close())
        return finish(reply)

    def _answer(self, operation: str, body: Mapping[str, Any], request_id: str) -> Reply:
        model = service_model()
        shape = model.input_shape(operation)
        if shape is not None:
            errors = _shared_validator().validate(shape, body)
            if errors:
                return _error(400, "ValidationException", render(errors), request_id)
            refusal = service_refusal(operation, body)
            if refusal is not None:
                code, message = refusal
                return _error(model.error_status.get(code, 400), code, message, request_id)
        token_members = model.idempotency_members(operation)
        try:
            result = self._store.execute(
                operation, body, token_members[0] if token_members else None
            )
        except ApiError as error:
            return _error(model.error_status.get(error.code, 400), error.code,
                          error.message, request_id)
        except Exception:
            _log.exception("local AppFlow endpoint: %s failed", operation)
            return _error(500, "InternalServerException",
                          f"The local endpoint failed to handle {operation}.", request_id)
        return Reply(
            status=200,
            headers=(("x-amzn-RequestId", request_id), ("Content-Type", "application/json")),
            body=json.dumps(result, separators=(",", ":")).encode(),
        )


def _sdk_attempt(header: str | None) -> tuple[int | None, int | None]:
    if header is None:
        return None, None
    match = _SDK_REQUEST.search(header)
    if match is None:
        return None, None
    attempt, maximum = match.groups()
    return int(attempt), None if maximum is None else int(maximum)


def _error(status: int, code: str, message: str, request_id: str) -> Reply:
    """An AWS rest-json error answer."""
    return Reply(
        status=status,
        headers=(
            ("x-amzn-RequestId", request_id),
            ("x-amzn-ErrorType", code),
            ("Content-Type", "application/json"),
        ),
        body=json.dumps({"message": message}).encode(),
    )
