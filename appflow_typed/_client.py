"""The typed, retry-safe AppFlow client.

:class:`AppFlowClient` wraps a boto3 ``appflow`` client. For each call it

1. builds the typed request (local validation: nothing is sent when it fails),
2. for the operations that take a clientToken, takes the caller's token or mints one,
   once, before the first attempt, and refuses a minted token older than 8 hours,
3. sends it through the retry loop of :mod:`appflow_typed._retry`, every attempt with the
   same token, and
4. turns the response into its typed model, or the failure into an exception of
   :mod:`appflow_typed.errors` that carries the token and the number of attempts.

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
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar, cast

import attrs
import boto3
from attrs import AttrsInstance
from botocore.config import Config
from botocore.exceptions import ClientError
from typing_extensions import Self, overload

from appflow_typed._converter import from_boto, to_boto
from appflow_typed._errors_map import (
    TRANSPORT_EXCEPTIONS,
    map_client_error,
    map_transport_error,
    may_have_been_applied,
)
from appflow_typed._logging import LOGGER
from appflow_typed._retry import RetryPolicy, call_with_retries
from appflow_typed._tokens import check_token_age, mint_token
from appflow_typed.errors import AppflowTypedError, ResourceNotFoundError
from appflow_typed.models import (
    ConnectionMode,
    ConnectorConfiguration,
    ConnectorDetail,
    ConnectorProfile,
    ConnectorProfileConfig,
    ConnectorProvisioningConfig,
    ConnectorProvisioningType,
    ConnectorT,
    ConnectorType,
    CreateConnectorProfileRequest,
    CreateConnectorProfileResponse,
    DeleteConnectorProfileRequest,
    DeleteConnectorProfileResponse,
    DescribeConnectorProfilesRequest,
    DescribeConnectorProfilesResponse,
    DescribeConnectorRequest,
    DescribeConnectorResponse,
    DescribeConnectorsRequest,
    DescribeConnectorsResponse,
    ListConnectorsRequest,
    ListConnectorsResponse,
    RegisterConnectorRequest,
    RegisterConnectorResponse,
    UnregisterConnectorRequest,
    UnregisterConnectorResponse,
    UpdateConnectorProfileRequest,
    UpdateConnectorProfileResponse,
    UpdateConnectorRegistrationRequest,
    UpdateConnectorRegistrationResponse,
)

if TYPE_CHECKING:
    from mypy_boto3_appflow import AppflowClient

__all__ = ["AppFlowClient", "Result"]

_T = TypeVar("_T")
_Req = TypeVar("_Req", bound=AttrsInstance)
_Resp = TypeVar("_Resp")


class _NotGiven(enum.Enum):
    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
"""Marks a :meth:`AppFlowClient.with_options` argument that was not given (``None`` means
"the default" there)."""


@attrs.frozen(kw_only=True)
class Result(Generic[_T]):
    """The outcome of an operation that carries a clientToken.

    ``register_connector``, ``update_connector_registration``, ``create_connector_profile``
    and ``update_connector_profile`` return one; every other operation returns its response
    model directly.

    Attributes:
        value: The typed response.
        client_token: The clientToken every attempt carried (yours, or the one minted for
            the call). Store it if you may need to re-issue the same call.
        attempts: How many attempts the call took (1 when no retry was needed).
        request_id: The AWS request id of the successful attempt, when known.
    """

    value: _T
    client_token: str
    attempts: int
    request_id: str | None = None


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


# --- operations ------------------------------------------------------------------------


@attrs.frozen
class _Operation(Generic[_Req, _Resp]):
    name: str
    method: str
    request_cls: type[_Req]
    response_cls: type[_Resp]
    has_token: bool = False
    gone_means_done: bool = False
    """A delete: ResourceNotFound on a retry after an unknown outcome counts as success."""


_REGISTER_CONNECTOR: Final = _Operation(
    "RegisterConnector",
    "register_connector",
    RegisterConnectorRequest,
    RegisterConnectorResponse,
    has_token=True,
)
_UPDATE_CONNECTOR_REGISTRATION: Final = _Operation(
    "UpdateConnectorRegistration",
    "update_connector_registration",
    UpdateConnectorRegistrationRequest,
    UpdateConnectorRegistrationResponse,
    has_token=True,
)
_CREATE_CONNECTOR_PROFILE: Final = _Operation(
    "CreateConnectorProfile",
    "create_connector_profile",
    CreateConnectorProfileRequest,
    CreateConnectorProfileResponse,
    has_token=True,
)
_UPDATE_CONNECTOR_PROFILE: Final = _Operation(
    "UpdateConnectorProfile",
    "update_connector_profile",
    UpdateConnectorProfileRequest,
    UpdateConnectorProfileResponse,
    has_token=True,
)
_DESCRIBE_CONNECTOR_PROFILES: Final = _Operation(
    "DescribeConnectorProfiles",
    "describe_connector_profiles",
    DescribeConnectorProfilesRequest,
    DescribeConnectorProfilesResponse,
)
_DELETE_CONNECTOR_PROFILE: Final = _Operation(
    "DeleteConnectorProfile",
    "delete_connector_profile",
    DeleteConnectorProfileRequest,
    DeleteConnectorProfileResponse,
    gone_means_done=True,
)
_DESCRIBE_CONNECTOR: Final = _Operation(
    "DescribeConnector",
    "describe_connector",
    DescribeConnectorRequest,
    DescribeConnectorResponse,
)
_DESCRIBE_CONNECTORS: Final = _Operation(
    "DescribeConnectors",
    "describe_connectors",
    DescribeConnectorsRequest,
    DescribeConnectorsResponse,
)
_LIST_CONNECTORS: Final = _Operation(
    "ListConnectors", "list_connectors", ListConnectorsRequest, ListConnectorsResponse
)
_UNREGISTER_CONNECTOR: Final = _Operation(
    "UnregisterConnector",
    "unregister_connector",
    UnregisterConnectorRequest,
    UnregisterConnectorResponse,
    gone_means_done=True,
)


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


class AppFlowClient:
    """A typed Amazon AppFlow client for custom connectors and connector profiles.

    Every method takes either keyword arguments (exactly the fields of the operation's
    request model) or one ready request object, validates it locally, and returns the
    typed response. Operations that take a clientToken return a :class:`Result` that
    carries it. Failures raise the exceptions of :mod:`appflow_typed.errors`.

    Throttling, 5xx errors and transport failures are retried according to ``retry``; every
    attempt of one call carries the same clientToken, so a retried registration or profile
    change is applied exactly once. One instance can be shared by any number of threads.

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

    # --- the call path -------------------------------------------------------------------

    def _call(
        self, op: _Operation[Any, _Resp], request: AttrsInstance
    ) -> tuple[_Resp, str | None, int, str | None]:
        """One logical call: token, attempts, typed response.

        Returns:
            The typed response, the clientToken (``None`` for operations without one), the
            number of attempts and the AWS request id.
        """
        token: str | None = None
        valid_until: float | None = None
        if op.has_token:
            token = getattr(request, "client_token", None)
            if token is None:
                token = self.new_client_token()
                if self._token_factory is not None:
                    # A factory's token is checked like a caller's; a minted one (printable
                    # ASCII, 50 characters) meets the clientToken constraints as it is.
                    request = _evolve(request, client_token=token)
            valid_until = check_token_age(op.name, token, self._clock())
        params = to_boto(request)
        if token is not None:
            params["clientToken"] = token
        send: Callable[..., Mapping[str, Any]] = getattr(self._boto, op.method)
        policy = self._retry
        call = _CallContext(policy.max_attempts)
        # Whether an earlier attempt may have been applied (no answer after sending, or 5xx).
        outcome_unknown = False

        def attempt(number: int) -> Mapping[str, Any]:
            nonlocal outcome_unknown
            call.number = number
            marker = _CURRENT_CALL.set(call)
            try:
                return send(**params)
            except ClientError as exc:
                error = map_client_error(
                    exc, operation=op.name, client_token=token, attempts=number
                )
                if (
                    op.gone_means_done
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
                if error.status_code >= 500:
                    outcome_unknown = True
                raise error from exc
            except TRANSPORT_EXCEPTIONS as exc:
                if may_have_been_applied(exc):
                    outcome_unknown = True
                raise map_transport_error(
                    exc,
                    operation=op.name,
                    client_token=token,
                    attempts=number,
                    outcome_unknown=outcome_unknown,
                ) from exc
            finally:
                _CURRENT_CALL.reset(marker)

        raw, attempts = call_with_retries(
            policy,
            attempt,
            operation=op.name,
            client_token=token,
            token_valid_until=valid_until,
            clock=self._clock,
        )
        body = dict(raw)
        metadata = body.pop("ResponseMetadata", None)
        request_id = metadata.get("RequestId") if isinstance(metadata, Mapping) else None
        return from_boto(op.response_cls, body), token, attempts, request_id

    def _token_call(self, op: _Operation[Any, _Resp], request: AttrsInstance) -> Result[_Resp]:
        value, token, attempts, request_id = self._call(op, request)
        assert token is not None  # every operation with has_token=True mints or takes one
        return Result(value=value, client_token=token, attempts=attempts, request_id=request_id)

    def _plain_call(self, op: _Operation[Any, _Resp], request: AttrsInstance) -> _Resp:
        return self._call(op, request)[0]

    # --- registration --------------------------------------------------------------------

    @overload
    def register_connector(
        self, request: RegisterConnectorRequest, /
    ) -> Result[RegisterConnectorResponse]: ...
    @overload
    def register_connector(
        self,
        /,
        *,
        connector_label: str | None = None,
        description: str | None = None,
        connector_provisioning_type: ConnectorProvisioningType | None = None,
        connector_provisioning_config: ConnectorProvisioningConfig | None = None,
        client_token: str | None = None,
    ) -> Result[RegisterConnectorResponse]: ...
    def register_connector(
        self, request: RegisterConnectorRequest | None = None, /, **fields: Any
    ) -> Result[RegisterConnectorResponse]:
        """Register a custom connector (``RegisterConnector``), exactly once.

        Args:
            request: A ready :class:`RegisterConnectorRequest`; or pass its fields as
                keyword arguments instead.
            **fields: The fields of :class:`RegisterConnectorRequest`. Without
                ``client_token``, one is minted for this call.

        Returns:
            The response (``connector_arn``), the clientToken and the attempt count.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ClientTokenExpiredError: ``client_token`` is older than 8 hours; nothing sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._token_call(
            _REGISTER_CONNECTOR, _request(RegisterConnectorRequest, request, fields)
        )

    @overload
    def update_connector_registration(
        self, request: UpdateConnectorRegistrationRequest, /
    ) -> Result[UpdateConnectorRegistrationResponse]: ...
    @overload
    def update_connector_registration(
        self,
        /,
        *,
        connector_label: str,
        description: str | None = None,
        connector_provisioning_config: ConnectorProvisioningConfig | None = None,
        client_token: str | None = None,
    ) -> Result[UpdateConnectorRegistrationResponse]: ...
    def update_connector_registration(
        self, request: UpdateConnectorRegistrationRequest | None = None, /, **fields: Any
    ) -> Result[UpdateConnectorRegistrationResponse]:
        """Update a custom connector's registration (``UpdateConnectorRegistration``), once.

        Args:
            request: A ready :class:`UpdateConnectorRegistrationRequest`; or pass its fields
                as keyword arguments instead.
            **fields: The fields of :class:`UpdateConnectorRegistrationRequest`.

        Returns:
            The response (``connector_arn``), the clientToken and the attempt count.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ClientTokenExpiredError: ``client_token`` is older than 8 hours; nothing sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._token_call(
            _UPDATE_CONNECTOR_REGISTRATION,
            _request(UpdateConnectorRegistrationRequest, request, fields),
        )

    @overload
    def unregister_connector(
        self, request: UnregisterConnectorRequest, /
    ) -> UnregisterConnectorResponse: ...
    @overload
    def unregister_connector(
        self, /, *, connector_label: str, force_delete: bool | None = None
    ) -> UnregisterConnectorResponse: ...
    def unregister_connector(
        self, request: UnregisterConnectorRequest | None = None, /, **fields: Any
    ) -> UnregisterConnectorResponse:
        """Unregister a custom connector (``UnregisterConnector``).

        The operation takes no clientToken. When an attempt's outcome is unknown (no answer,
        or a 5xx) and a retry then finds no such connector, the earlier attempt removed it:
        the call succeeds. ResourceNotFound on the first attempt is an error.

        Args:
            request: A ready :class:`UnregisterConnectorRequest`; or pass its fields as
                keyword arguments instead.
            **fields: The fields of :class:`UnregisterConnectorRequest`.

        Returns:
            The (empty) response.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._plain_call(
            _UNREGISTER_CONNECTOR, _request(UnregisterConnectorRequest, request, fields)
        )

    # --- profiles ------------------------------------------------------------------------

    @overload
    def create_connector_profile(
        self, request: CreateConnectorProfileRequest[Any], /
    ) -> Result[CreateConnectorProfileResponse]: ...
    @overload
    def create_connector_profile(
        self,
        /,
        *,
        connector_profile_name: str,
        kms_arn: str | None = None,
        connector_type: ConnectorT,
        connector_label: str | None = None,
        connection_mode: ConnectionMode,
        connector_profile_config: ConnectorProfileConfig[ConnectorT],
        client_token: str | None = None,
    ) -> Result[CreateConnectorProfileResponse]: ...
    def create_connector_profile(
        self, request: CreateConnectorProfileRequest[Any] | None = None, /, **fields: Any
    ) -> Result[CreateConnectorProfileResponse]:
        """Create a connector profile (``CreateConnectorProfile``), exactly once.

        Args:
            request: A ready :class:`CreateConnectorProfileRequest`; or pass its fields as
                keyword arguments instead. ``connector_type`` and the connector of
                ``connector_profile_config`` must agree; type checkers check it.
            **fields: The fields of :class:`CreateConnectorProfileRequest`.

        Returns:
            The response (``connector_profile_arn``), the clientToken and the attempt count.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ClientTokenExpiredError: ``client_token`` is older than 8 hours; nothing sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._token_call(
            _CREATE_CONNECTOR_PROFILE, _request(CreateConnectorProfileRequest, request, fields)
        )

    @overload
    def update_connector_profile(
        self, request: UpdateConnectorProfileRequest, /
    ) -> Result[UpdateConnectorProfileResponse]: ...
    @overload
    def update_connector_profile(
        self,
        /,
        *,
        connector_profile_name: str,
        connection_mode: ConnectionMode,
        connector_profile_config: ConnectorProfileConfig[Any],
        client_token: str | None = None,
    ) -> Result[UpdateConnectorProfileResponse]: ...
    def update_connector_profile(
        self, request: UpdateConnectorProfileRequest | None = None, /, **fields: Any
    ) -> Result[UpdateConnectorProfileResponse]:
        """Update a connector profile (``UpdateConnectorProfile``), exactly once.

        Args:
            request: A ready :class:`UpdateConnectorProfileRequest`; or pass its fields as
                keyword arguments instead.
            **fields: The fields of :class:`UpdateConnectorProfileRequest`.

        Returns:
            The response (``connector_profile_arn``), the clientToken and the attempt count.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ClientTokenExpiredError: ``client_token`` is older than 8 hours; nothing sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._token_call(
            _UPDATE_CONNECTOR_PROFILE, _request(UpdateConnectorProfileRequest, request, fields)
        )

    @overload
    def delete_connector_profile(
        self, request: DeleteConnectorProfileRequest, /
    ) -> DeleteConnectorProfileResponse: ...
    @overload
    def delete_connector_profile(
        self, /, *, connector_profile_name: str, force_delete: bool | None = None
    ) -> DeleteConnectorProfileResponse: ...
    def delete_connector_profile(
        self, request: DeleteConnectorProfileRequest | None = None, /, **fields: Any
    ) -> DeleteConnectorProfileResponse:
        """Delete a connector profile (``DeleteConnectorProfile``).

        The operation takes no clientToken. When an attempt's outcome is unknown (no answer,
        or a 5xx) and a retry then finds no such profile, the earlier attempt deleted it:
        the call succeeds. ResourceNotFound on the first attempt is an error.

        Args:
            request: A ready :class:`DeleteConnectorProfileRequest`; or pass its fields as
                keyword arguments instead.
            **fields: The fields of :class:`DeleteConnectorProfileRequest`.

        Returns:
            The (empty) response.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._plain_call(
            _DELETE_CONNECTOR_PROFILE, _request(DeleteConnectorProfileRequest, request, fields)
        )

    @overload
    def describe_connector_profiles(
        self, request: DescribeConnectorProfilesRequest, /
    ) -> DescribeConnectorProfilesResponse: ...
    @overload
    def describe_connector_profiles(
        self,
        /,
        *,
        connector_profile_names: list[str] | None = None,
        connector_type: ConnectorType | None = None,
        connector_label: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> DescribeConnectorProfilesResponse: ...
    def describe_connector_profiles(
        self, request: DescribeConnectorProfilesRequest | None = None, /, **fields: Any
    ) -> DescribeConnectorProfilesResponse:
        """Describe one page of connector profiles (``DescribeConnectorProfiles``).

        See :meth:`iter_connector_profiles` to walk every page.

        Args:
            request: A ready :class:`DescribeConnectorProfilesRequest`; or pass its fields
                as keyword arguments instead.
            **fields: The fields of :class:`DescribeConnectorProfilesRequest`.

        Returns:
            The page, with ``next_token`` when more follow.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._plain_call(
            _DESCRIBE_CONNECTOR_PROFILES,
            _request(DescribeConnectorProfilesRequest, request, fields),
        )

    def iter_connector_profiles(
        self,
        *,
        connector_profile_names: list[str] | None = None,
        connector_type: ConnectorType | None = None,
        connector_label: str | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> Iterator[ConnectorProfile]:
        """Every connector profile, following ``nextToken`` page by page.

        Pages are fetched lazily; each page is its own call, with its own retries.

        Args:
            connector_profile_names: Only these profiles.
            connector_type: Only profiles of this connector type.
            connector_label: Only profiles of this custom connector.
            max_results: Page size.
            next_token: Resume from this page token.

        Yields:
            Each :class:`ConnectorProfile`.

        Raises:
            ValidationError: Invalid arguments; nothing was sent.
            ServiceError: A page request failed.
            TransportError: No answer for a page within the retry budget.
        """
        base = DescribeConnectorProfilesRequest(
            connector_profile_names=connector_profile_names,
            connector_type=connector_type,
            connector_label=connector_label,
            max_results=max_results,
            next_token=next_token,
        )
        for page in self._pages(_DESCRIBE_CONNECTOR_PROFILES, base):
            yield from page.connector_profile_details or ()

    # --- connectors ----------------------------------------------------------------------

    @overload
    def describe_connector(
        self, request: DescribeConnectorRequest, /
    ) -> DescribeConnectorResponse: ...
    @overload
    def describe_connector(
        self, /, *, connector_type: ConnectorType, connector_label: str | None = None
    ) -> DescribeConnectorResponse: ...
    def describe_connector(
        self, request: DescribeConnectorRequest | None = None, /, **fields: Any
    ) -> DescribeConnectorResponse:
        """Describe one connector (``DescribeConnector``).

        Args:
            request: A ready :class:`DescribeConnectorRequest`; or pass its fields as
                keyword arguments instead.
            **fields: The fields of :class:`DescribeConnectorRequest`.

        Returns:
            The connector's configuration.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._plain_call(
            _DESCRIBE_CONNECTOR, _request(DescribeConnectorRequest, request, fields)
        )

    @overload
    def describe_connectors(
        self, request: DescribeConnectorsRequest, /
    ) -> DescribeConnectorsResponse: ...
    @overload
    def describe_connectors(
        self,
        /,
        *,
        connector_types: list[ConnectorType] | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> DescribeConnectorsResponse: ...
    def describe_connectors(
        self, request: DescribeConnectorsRequest | None = None, /, **fields: Any
    ) -> DescribeConnectorsResponse:
        """Describe one page of connectors (``DescribeConnectors``).

        See :meth:`iter_connector_configurations` to walk every page.

        Args:
            request: A ready :class:`DescribeConnectorsRequest`; or pass its fields as
                keyword arguments instead.
            **fields: The fields of :class:`DescribeConnectorsRequest`.

        Returns:
            The page, with ``next_token`` when more follow.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._plain_call(
            _DESCRIBE_CONNECTORS, _request(DescribeConnectorsRequest, request, fields)
        )

    def iter_connector_configurations(
        self,
        *,
        connector_types: list[ConnectorType] | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> Iterator[tuple[str, ConnectorConfiguration]]:
        """Every connector configuration ``DescribeConnectors`` returns, page by page.

        Pages are fetched lazily; each page is its own call, with its own retries. The
        custom connectors of each page (its ``connectors`` list) are what
        :meth:`iter_connectors` yields.

        Args:
            connector_types: Only these connector types.
            max_results: Page size.
            next_token: Resume from this page token.

        Yields:
            ``(key, configuration)`` pairs of each page's ``connectorConfigurations`` map:
            the key is the connector type the service filed the configuration under.

        Raises:
            ValidationError: Invalid arguments; nothing was sent.
            ServiceError: A page request failed.
            TransportError: No answer for a page within the retry budget.
        """
        base = DescribeConnectorsRequest(
            connector_types=connector_types, max_results=max_results, next_token=next_token
        )
        for page in self._pages(_DESCRIBE_CONNECTORS, base):
            yield from (page.connector_configurations or {}).items()

    @overload
    def list_connectors(self, request: ListConnectorsRequest, /) -> ListConnectorsResponse: ...
    @overload
    def list_connectors(
        self, /, *, max_results: int | None = None, next_token: str | None = None
    ) -> ListConnectorsResponse: ...
    def list_connectors(
        self, request: ListConnectorsRequest | None = None, /, **fields: Any
    ) -> ListConnectorsResponse:
        """List one page of registered connectors (``ListConnectors``).

        See :meth:`iter_connectors` to walk every page.

        Args:
            request: A ready :class:`ListConnectorsRequest`; or pass its fields as keyword
                arguments instead.
            **fields: The fields of :class:`ListConnectorsRequest`.

        Returns:
            The page, with ``next_token`` when more follow.

        Raises:
            ValidationError: Invalid input; nothing was sent.
            ServiceError: The service refused the call (a subclass per error code).
            TransportError: No answer within the retry budget.
        """
        return self._plain_call(_LIST_CONNECTORS, _request(ListConnectorsRequest, request, fields))

    def iter_connectors(
        self, *, max_results: int | None = None, next_token: str | None = None
    ) -> Iterator[ConnectorDetail]:
        """Every registered connector (``ListConnectors``), following ``nextToken``.

        Pages are fetched lazily; each page is its own call, with its own retries.

        Args:
            max_results: Page size.
            next_token: Resume from this page token.

        Yields:
            Each :class:`ConnectorDetail`.

        Raises:
            ValidationError: Invalid arguments; nothing was sent.
            ServiceError: A page request failed.
            TransportError: No answer for a page within the retry budget.
        """
        base = ListConnectorsRequest(max_results=max_results, next_token=next_token)
        for page in self._pages(_LIST_CONNECTORS, base):
            yield from page.connectors or ()

    def _pages(self, op: _Operation[_Req, _Resp], first: _Req) -> Iterator[_Resp]:
        """Each page of a paged operation; stops when ``nextToken`` is absent or empty."""
        request = first
        seen: set[str] = set()
        while True:
            page = self._plain_call(op, request)
            token: str | None = getattr(page, "next_token", None)
            yield page
            if not token:
                return
            if token in seen:
                raise AppflowTypedError(
                    f"{op.name} returned a nextToken it had already returned; "
                    "stopping instead of looping forever"
                )
            seen.add(token)
            request = _evolve(request, next_token=token)
