"""The exceptions appflow-typed raises.

Every exception derives from :class:`AppflowTypedError`::

    AppflowTypedError
    ├── ValidationError (also ValueError)      invalid input, found locally (by the models, or
    │                                           by botocore's parameter validation); nothing was sent
    ├── ClientTokenExpiredError (also ValueError)
    │                                           a caller's clientToken is older than the service's
    │                                           8-hour idempotency window; nothing was sent
    ├── ServiceError (also botocore ClientError)
    │   │                                       the service answered with an error
    │   ├── ServiceValidationError              ValidationException
    │   ├── ConflictError                       ConflictException
    │   ├── AccessDeniedError                   AccessDeniedException
    │   ├── ResourceNotFoundError               ResourceNotFoundException
    │   ├── ServiceQuotaExceededError           ServiceQuotaExceededException
    │   ├── ThrottlingError                     ThrottlingException        (transient)
    │   ├── InternalServerError                 InternalServerException    (transient)
    │   ├── ConnectorServerError                ConnectorServerException
    │   ├── ConnectorAuthenticationError        ConnectorAuthenticationException
    │   ├── UnsupportedOperationError           UnsupportedOperationException
    │   └── UnmodeledServiceError               any other code (5xx ones are transient)
    ├── TransportError                          no answer: connection or timeout failures,
    │                                           after the retry budget was spent
    ├── ReplacementRequiredError                a create-or-update found the resource different
    │                                           in what no update can change (a flow's kmsArn)
    ├── WaiterError                             a waiter stopped without what it waited for
    │   ├── WaiterTimeoutError (also TimeoutError)
    │   │                                       the timeout passed first
    │   ├── FlowRunFailedError                  the flow run ended in Error or Canceled
    │   └── FlowStatusError                     the flow went Errored instead
    └── SdkError                                botocore failed on its own (no service answer,
        │                                       no transport failure), e.g. ResponseParserError
        └── ConfigurationError                  the call cannot be made as configured: no region,
            │                                   unknown service or profile, endpoint resolution
            └── CredentialsError                no usable credentials: NoCredentialsError,
                                                PartialCredentialsError, CredentialRetrievalError...

A transient failure is retried when its ``retry_safe`` says so: when no attempt may have been
applied, or the call carries a clientToken, or the operation is read-only, or it is a delete
or an idempotent change (tags) and no attempt timed out (a request that timed out may still
be applied later).

No message, attribute, note or ``repr`` of these exceptions ever contains a credential value.
An error mapped from a botocore exception is raised without it (``from None``): botocore's
exception and its frames, which hold the request's parameters, are not chained; its facts
(class name, code, status, request id, scrubbed message) are kept as attributes and a note.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from botocore.exceptions import ClientError

from appflow_typed._window import IDEMPOTENCY_WINDOW as _WINDOW

if TYPE_CHECKING:
    from botocore.exceptions import _ClientErrorResponseTypeDef

    from appflow_typed.models import DescribeFlowResponse, ExecutionRecord

__all__ = [
    "AccessDeniedError",
    "AppflowTypedError",
    "ClientTokenExpiredError",
    "ConfigurationError",
    "ConflictError",
    "ConnectorAuthenticationError",
    "ConnectorServerError",
    "CredentialsError",
    "FlowRunFailedError",
    "FlowStatusError",
    "InternalServerError",
    "ReplacementRequiredError",
    "ResourceNotFoundError",
    "SdkError",
    "ServiceError",
    "ServiceQuotaExceededError",
    "ServiceValidationError",
    "ThrottlingError",
    "TransportError",
    "UnmodeledServiceError",
    "UnsupportedOperationError",
    "ValidationError",
    "Violation",
    "WaiterError",
    "WaiterTimeoutError",
]


class AppflowTypedError(Exception):
    """Base class of every exception raised by appflow-typed."""


@dataclasses.dataclass(frozen=True, slots=True)
class Violation:
    """One broken constraint, found by local validation."""

    path: str
    """Where, as the API names it from the request root, e.g.
    ``connectorProfileConfig.connectorProfileProperties.SAPOData.portNumber`` or
    ``...oAuthScopes[0]``. Empty for the root object itself."""

    message: str
    """What was expected. Never contains a credential value."""

    def __str__(self) -> str:
        return f"{self.path or '<root>'}: {self.message}"


class ValidationError(AppflowTypedError, ValueError):
    """Input that breaks the service's constraints, found before anything was sent.

    Gathers every violation found, each with its API path and what was expected.

    Attributes:
        violations: All violations, in the order found.
        model: The name of the shape being validated (e.g. ``UpdateConnectorProfileRequest``).
    """

    violations: tuple[Violation, ...]
    model: str

    def __init__(self, model: str, violations: Sequence[Violation]) -> None:
        self.model = model
        self.violations = tuple(violations)
        super().__init__(self._render())

    def _render(self) -> str:
        n = len(self.violations)
        head = f"{n} validation error{'s' if n != 1 else ''} for {self.model}"
        return head + "".join(f"\n  {v}" for v in self.violations)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[str, tuple[Violation, ...]]]:
        return (type(self), (self.model, self.violations))


class ClientTokenExpiredError(AppflowTypedError, ValueError):
    """A caller-supplied clientToken is older than the service's 8-hour idempotency window.

    Re-sending it would not be recognised as the same call: the service would treat it as new.
    Nothing was sent. Start a new logical call (with a new token) once you know the old
    call's outcome.

    Attributes:
        operation: The operation that was refused.
        client_token: The expired token (tokens are not credentials).
        age_seconds: How old the token was.
    """

    def __init__(self, operation: str, client_token: str, age_seconds: float) -> None:
        self.operation = operation
        self.client_token = client_token
        self.age_seconds = age_seconds
        super().__init__(
            f"{operation}: clientToken {client_token!r} was minted {age_seconds / 3600:.1f} h ago; "
            f"the service only recognises a token for {_WINDOW}, so re-sending it "
            "could apply the change twice. Check the outcome of the original call, then start a "
            "new one."
        )


def _retry_safe(
    *, transient: bool, outcome_unknown: bool, client_token: str | None, idempotent: bool
) -> bool:
    """The one rule: is re-sending a failed call safe, and could it succeed?

    Args:
        transient: Whether the failure may go away (throttling, 5xx, no answer).
        outcome_unknown: Whether this or an earlier attempt may have been applied.
        client_token: The call's clientToken, if it carries one.
        idempotent: Whether the operation's retry semantics make a re-sent request
            harmless (read-only; or a delete or idempotent change whose earlier requests
            cannot arrive late, i.e. none of them timed out).

    Returns:
        ``True`` when the failure is transient and nothing can be applied twice.
    """
    return transient and (not outcome_unknown or client_token is not None or idempotent)


class TransportError(AppflowTypedError):
    """No answer from the service: connection refused, reset or closed, or a timeout, on every
    attempt the retry budget allowed.

    Attributes:
        operation: The AppFlow operation name.
        client_token: The clientToken every attempt carried (``None`` when the operation has
            none). Re-issue the call with it to complete it exactly once.
        attempts: How many attempts were made.
        outcome_unknown: ``True`` when a request may have reached the service, so the change
            may or may not have been applied. Re-issuing with the same ``client_token`` within
            8 hours is safe; for operations without a token, check the resource's state first.
        retry_safe: Whether re-sending the same call cannot apply it twice: nothing may have
            been applied, or the call carries a clientToken, or the operation is read-only,
            or it is a delete or idempotent change (tags) and no attempt timed out (a
            request that timed out may still be applied later). Decided once, when the
            failure is mapped.
        reason: What failed, as botocore said it (its exception's class name and message).
        botocore_error: The class name of botocore's exception (e.g.
            ``ConnectionClosedError``), when the error was mapped from one.
    """

    def __init__(
        self,
        *,
        operation: str,
        reason: str,
        client_token: str | None,
        attempts: int,
        outcome_unknown: bool,
        retry_safe: bool | None = None,
        botocore_error: str | None = None,
    ) -> None:
        self.operation = operation
        self.reason = reason
        self.botocore_error = botocore_error
        self.client_token = client_token
        self.attempts = attempts
        self.outcome_unknown: bool = outcome_unknown
        self.retry_safe: bool = (
            _retry_safe(
                transient=True,
                outcome_unknown=outcome_unknown,
                client_token=client_token,
                idempotent=False,
            )
            if retry_safe is None
            else retry_safe
        )
        unknown = (
            " The outcome is unknown: the request may have been applied." if outcome_unknown else ""
        )
        super().__init__(
            f"{operation}: no answer after {attempts} attempt{'s' if attempts != 1 else ''} "
            f"({reason}).{unknown}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_transport_error,
            (
                self.operation,
                self.reason,
                self.client_token,
                self.attempts,
                self.outcome_unknown,
                self.retry_safe,
                self.botocore_error,
            ),
            _notes_state(self),
        )


def _rebuild_transport_error(
    operation: str,
    reason: str,
    client_token: str | None,
    attempts: int,
    outcome_unknown: bool,
    retry_safe: bool,
    botocore_error: str | None = None,
) -> TransportError:
    return TransportError(
        operation=operation,
        reason=reason,
        botocore_error=botocore_error,
        client_token=client_token,
        attempts=attempts,
        outcome_unknown=outcome_unknown,
        retry_safe=retry_safe,
    )


def _notes_state(exc: BaseException) -> dict[str, list[str]] | None:
    """The pickled state of an error whose ``__reduce__`` rebuilds it: its notes (PEP 678)."""
    notes = getattr(exc, "__notes__", None)
    return {"__notes__": list(notes)} if notes else None


class SdkError(AppflowTypedError):
    """botocore failed on its own during a call: neither a service answer nor a failure to
    get one. Not retried. For ``ResponseParserError`` (an answer botocore could not read) the
    request may have been applied.

    Attributes:
        operation: The AppFlow operation name (``None`` when the client was being built).
        botocore_error: The class name of botocore's exception, e.g. ``NoRegionError``.
        message: botocore's message, when no credential can be in it; otherwise botocore's
            message with every value that could be one left out.
    """

    def __init__(self, *, operation: str | None, botocore_error: str, message: str) -> None:
        self.operation = operation
        self.botocore_error = botocore_error
        self.message = message
        where = f"{operation}: " if operation else ""
        super().__init__(f"{where}{message} (botocore's {botocore_error})")

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_sdk_error,
            (type(self), self.operation, self.botocore_error, self.message),
            _notes_state(self),
        )


def _rebuild_sdk_error(
    cls: type[SdkError], operation: str | None, botocore_error: str, message: str
) -> SdkError:
    return cls(operation=operation, botocore_error=botocore_error, message=message)


class ConfigurationError(SdkError):
    """The call cannot be made as the client is configured: no region, an unknown service,
    profile or endpoint, an invalid configuration (botocore's ``NoRegionError``,
    ``UnknownServiceError``, ``ProfileNotFound``, ``InvalidRegionError``,
    ``UnknownEndpointError``, ``EndpointResolutionError``...). Nothing was sent."""


class CredentialsError(ConfigurationError):
    """No usable AWS credentials: botocore's ``NoCredentialsError``,
    ``PartialCredentialsError``, ``CredentialRetrievalError``, ``NoAuthTokenError``,
    ``TokenRetrievalError`` and its SSO errors. Nothing was sent."""


class ServiceError(AppflowTypedError, ClientError):
    """The service answered with an error.

    Also a botocore ``ClientError``: ``except ClientError as e: e.response["Error"]["Code"]``
    keeps working. ``response`` is shaped as botocore's (``Error`` with ``Code`` and the
    scrubbed ``Message``, ``ResponseMetadata`` with ``HTTPStatusCode`` and ``RequestId``) and
    ``operation_name`` is the operation. An error raised by :class:`~appflow_typed.AppFlowClient`
    for a code the service model lists is also an instance of the boto3 client's modeled class,
    so ``except client.boto3_client.exceptions.ConflictException`` catches it too (its exact
    type is then a subclass of, e.g., :class:`ConflictError`).

    Attributes:
        operation: The AppFlow operation name, e.g. ``RegisterConnector``.
        code: The AWS error code, e.g. ``ConflictException``.
        message: The service's message, credential values removed.
        status_code: The HTTP status code.
        request_id: The AWS request id of the last attempt, when known.
        client_token: The clientToken every attempt of this call carried (``None`` for
            operations without one). Re-issue the call with it to resume it safely.
        attempts: How many attempts were made.
        outcome_unknown: ``True`` when this or an earlier attempt of the call may have been
            applied (an answer lost, or a 5xx).
        retry_safe: Whether re-sending the same call could succeed and cannot apply it twice:
            the error is transient (throttling, 5xx) and either no attempt may have been
            applied, or the call carries a clientToken, or the operation is read-only or a
            delete. Decided once, when the failure is mapped; the client retries exactly the
            errors that say ``True``.
        response: botocore's error response, credential values removed.
        operation_name: The operation, as botocore's ``ClientError`` names it.
    """

    retryable: ClassVar[bool] = False
    """Whether this kind of error is transient (may go away when the call is re-sent)."""

    def __init__(
        self,
        *,
        operation: str,
        code: str,
        message: str,
        status_code: int,
        request_id: str | None = None,
        client_token: str | None = None,
        attempts: int = 1,
        outcome_unknown: bool | None = None,
        retry_safe: bool | None = None,
        response: Mapping[str, Any] | None = None,
    ) -> None:
        self.operation = operation
        self.code = code
        self.message = message
        self.status_code = status_code
        self.request_id = request_id
        self.client_token = client_token
        self.attempts = attempts
        self.outcome_unknown: bool = (
            status_code >= 500 if outcome_unknown is None else outcome_unknown
        )
        self.retry_safe: bool = (
            _retry_safe(
                transient=self.is_transient(status_code),
                outcome_unknown=self.outcome_unknown,
                client_token=client_token,
                idempotent=False,
            )
            if retry_safe is None
            else retry_safe
        )
        self.operation_name = operation
        self.response: _ClientErrorResponseTypeDef = cast(
            "_ClientErrorResponseTypeDef",
            _response(code, message, status_code, request_id) if response is None else response,
        )
        unknown = (
            " (The outcome is unknown: an attempt may have been applied.)"
            if self.outcome_unknown
            else ""
        )
        # ClientError.__init__ would format botocore's own message: ours replaces it.
        Exception.__init__(
            self,
            f"{operation} failed with {code} (HTTP {status_code}) after {attempts} "
            f"attempt{'s' if attempts != 1 else ''}: {message}{unknown}",
        )

    @classmethod
    def is_transient(cls, status_code: int) -> bool:
        """Whether an error of this class with ``status_code`` may go away when re-sent.

        Args:
            status_code: The HTTP status of the answer.

        Returns:
            The class's ``retryable``.
        """
        return cls.retryable

    def __reduce__(self) -> tuple[Any, ...]:
        # A class made for one boto3 client's modeled exceptions is not importable: the
        # unpickled error is of the public class it was made from.
        cls = getattr(type(self), "_appflow_typed_public", type(self))
        return (
            _rebuild_service_error,
            (
                cls,
                self.operation,
                self.code,
                self.message,
                self.status_code,
                self.request_id,
                self.client_token,
                self.attempts,
                self.outcome_unknown,
                self.retry_safe,
                dict(self.response),
            ),
            _notes_state(self),
        )


def _response(code: str, message: str, status_code: int, request_id: str | None) -> dict[str, Any]:
    """A botocore-shaped error response for an error built without one."""
    metadata: dict[str, Any] = {"HTTPStatusCode": status_code}
    if request_id is not None:
        metadata["RequestId"] = request_id
    return {"Error": {"Code": code, "Message": message}, "ResponseMetadata": metadata}


def _rebuild_service_error(
    cls: type[ServiceError],
    operation: str,
    code: str,
    message: str,
    status_code: int,
    request_id: str | None,
    client_token: str | None,
    attempts: int,
    outcome_unknown: bool,
    retry_safe: bool,
    response: Mapping[str, Any] | None = None,
) -> ServiceError:
    return cls(
        operation=operation,
        code=code,
        message=message,
        status_code=status_code,
        request_id=request_id,
        client_token=client_token,
        attempts=attempts,
        outcome_unknown=outcome_unknown,
        retry_safe=retry_safe,
        response=response,
    )


_WITH_MODELED: weakref.WeakValueDictionary[
    tuple[type[ServiceError], type[ClientError]], type[ServiceError]
] = weakref.WeakValueDictionary()


def _with_modeled_class(cls: type[ServiceError], modeled: type[ClientError]) -> type[ServiceError]:
    """``cls``, also deriving from one boto3 client's modeled exception class ``modeled``.

    botocore makes its modeled exception classes (``client.exceptions.ConflictException``)
    once per botocore session, so the class made here is cached per pair; an entry lives as
    long as the class (and so the session's class) is in use.

    Args:
        cls: The public class the error code maps to, e.g. :class:`ConflictError`.
        modeled: The class botocore raised, e.g. that client's ``ConflictException``.

    Returns:
        A subclass of both, named and placed as ``cls`` (``appflow_typed.errors.ConflictError``
        in tracebacks).
    """
    if modeled is ClientError or not issubclass(modeled, ClientError):
        return cls
    key = (cls, modeled)
    made = _WITH_MODELED.get(key)
    if made is None:
        namespace = {
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
            "__doc__": cls.__doc__,
            "_appflow_typed_public": cls,
        }
        made = cast("type[ServiceError]", type(cls.__name__, (cls, modeled), namespace))
        made = _WITH_MODELED.setdefault(key, made)
    return made


class ServiceValidationError(ServiceError):
    """``ValidationException``: the service rejected the request's content. Not retried."""


class ConflictError(ServiceError):
    """``ConflictException``: the resource exists, or is in use, or a clientToken was reused
    with different parameters. Not retried."""


class AccessDeniedError(ServiceError):
    """``AccessDeniedException``: the caller lacks permission. Not retried."""


class ResourceNotFoundError(ServiceError):
    """``ResourceNotFoundException``: the connector or profile does not exist. Not retried."""


class ServiceQuotaExceededError(ServiceError):
    """``ServiceQuotaExceededException``: an account quota is reached. Not retried."""


class ThrottlingError(ServiceError):
    """``ThrottlingException``: too many requests. Retried with backoff."""

    retryable = True


class InternalServerError(ServiceError):
    """``InternalServerException``: a transient service failure. Retried with backoff."""

    retryable = True


class ConnectorServerError(ServiceError):
    """``ConnectorServerException``: the connector's own server (e.g. its Lambda) failed.

    Not retried by default: AWS documents it as an error in the connector itself (a broken or
    misconfigured Lambda), which re-sending the same request does not fix.
    """


class ConnectorAuthenticationError(ServiceError):
    """``ConnectorAuthenticationException``: the connector rejected the credentials. Not
    retried."""


class UnsupportedOperationError(ServiceError):
    """``UnsupportedOperationException``: "The requested operation is not supported for the
    current flow" (e.g. StopFlow of an on-demand flow). Not retried."""


class UnmodeledServiceError(ServiceError):
    """An error code the service model does not list for this operation.

    Retried when the HTTP status is 5xx (the service says the fault is its own).
    """

    @classmethod
    def is_transient(cls, status_code: int) -> bool:
        """Whether an unmodeled error with ``status_code`` may go away when re-sent.

        Args:
            status_code: The HTTP status of the answer.

        Returns:
            ``True`` for a 5xx status.
        """
        return status_code >= 500


class ReplacementRequiredError(AppflowTypedError):
    """A create-or-update found the resource different in what no update can change.

    Nothing was written. Delete the resource and create it again, or leave the member out
    of the request (or give it the value the resource has).

    Attributes:
        resource: The resource's name (e.g. the flow name).
        paths: The API paths of the members that differ and cannot be updated (e.g.
            ``("kmsArn",)``).
    """

    def __init__(self, resource: str, paths: Sequence[str], detail: str) -> None:
        self.resource = resource
        self.paths: tuple[str, ...] = tuple(paths)
        super().__init__(detail)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.resource, self.paths, str(self)), _notes_state(self))


class WaiterError(AppflowTypedError):
    """A waiter stopped without seeing what it waited for.

    Attributes:
        flow_name: The flow waited on.
    """

    def __init__(self, flow_name: str, message: str) -> None:
        self.flow_name = flow_name
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.flow_name, str(self)), _notes_state(self))


class WaiterTimeoutError(WaiterError, TimeoutError):
    """The timeout passed before the flow run ended or the flow reached the status awaited.

    The run or the flow goes on: wait again, or act on it (``cancel_flow_executions``,
    ``stop_flow``).

    Attributes:
        flow_name: The flow waited on.
        waited_for: What was awaited, e.g. ``"run 3f0c... to end"`` or ``"status Active"``.
        timeout: The timeout, in seconds.
        polls: How many times the state was read.
        last_status: The last execution or flow status seen (``None``: the run was not
            listed yet).
    """

    def __init__(
        self,
        flow_name: str,
        *,
        waited_for: str,
        timeout: float,
        polls: int,
        last_status: str | None,
    ) -> None:
        self.waited_for = waited_for
        self.timeout = timeout
        self.polls = polls
        self.last_status = last_status
        seen = "not listed yet" if last_status is None else f"last seen {last_status}"
        super().__init__(
            flow_name,
            f"flow {flow_name!r}: waited {timeout:g} s for {waited_for} ({polls} "
            f"poll{'s' if polls != 1 else ''}, {seen})",
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_waiter_timeout,
            (self.flow_name, self.waited_for, self.timeout, self.polls, self.last_status),
            _notes_state(self),
        )


def _rebuild_waiter_timeout(
    flow_name: str, waited_for: str, timeout: float, polls: int, last_status: str | None
) -> WaiterTimeoutError:
    return WaiterTimeoutError(
        flow_name, waited_for=waited_for, timeout=timeout, polls=polls, last_status=last_status
    )


class FlowRunFailedError(WaiterError):
    """The flow run waited for ended without success: ``Error``, or ``Canceled``.

    Attributes:
        flow_name: The flow.
        execution_id: The run's ``executionId``.
        status: The run's ``executionStatus``: ``"Error"`` or ``"Canceled"``.
        execution_message: The run's ``executionResult.errorInfo.executionMessage``, when
            the service gave one (credential values redacted).
        put_failures_count: The run's ``executionResult.errorInfo.putFailuresCount``, when
            given.
        record: The run's typed execution record, as DescribeFlowExecutionRecords returned
            it.
    """

    def __init__(self, flow_name: str, record: ExecutionRecord) -> None:
        from appflow_typed._redaction import redact_text

        self.record = record
        self.execution_id: str = record.execution_id or ""
        self.status: str = str(record.execution_status)
        result = record.execution_result
        info = result.error_info if result is not None else None
        message = info.execution_message if info is not None else None
        self.execution_message: str | None = None if message is None else redact_text(message)
        self.put_failures_count: int | None = info.put_failures_count if info is not None else None
        ended = "failed" if self.status == "Error" else f"ended {self.status}"
        detail = f": {self.execution_message}" if self.execution_message else ""
        super().__init__(flow_name, f"flow {flow_name!r}: run {self.execution_id} {ended}{detail}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.flow_name, self.record), _notes_state(self))


class FlowStatusError(WaiterError):
    """The flow reached ``Errored`` while another status was awaited.

    Attributes:
        flow_name: The flow.
        flow_status: The status it reached.
        flow_status_message: The flow's ``flowStatusMessage``, when given (credential
            values redacted).
        response: The DescribeFlow response that showed it.
    """

    def __init__(self, flow_name: str, response: DescribeFlowResponse) -> None:
        from appflow_typed._redaction import redact_text

        self.response = response
        self.flow_status: str = str(response.flow_status)
        message = response.flow_status_message
        self.flow_status_message: str | None = None if message is None else redact_text(message)
        detail = f": {self.flow_status_message}" if self.flow_status_message else ""
        super().__init__(flow_name, f"flow {flow_name!r} is {self.flow_status}{detail}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.flow_name, self.response), _notes_state(self))
