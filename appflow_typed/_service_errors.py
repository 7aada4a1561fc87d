"""The service errors of :mod:`appflow_typed.errors`, which are also botocore ``ClientError``\\ s.

They live apart from the other errors because deriving from ``ClientError`` imports
botocore: :mod:`appflow_typed.errors` loads this module on first use of one of these names,
so ``import appflow_typed`` and the models still load no botocore. Each class says it is
``appflow_typed.errors.<Name>`` (its ``__module__``), which is where users import it from.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from botocore.exceptions import ClientError

from appflow_typed.errors import AppflowTypedError, _notes_state, _retry_safe

if TYPE_CHECKING:
    from botocore.exceptions import _ClientErrorResponseTypeDef

__all__ = [
    "AccessDeniedError",
    "ConflictError",
    "ConnectorAuthenticationError",
    "ConnectorServerError",
    "InternalServerError",
    "ResourceNotFoundError",
    "ServiceError",
    "ServiceQuotaExceededError",
    "ServiceValidationError",
    "ThrottlingError",
    "UnmodeledServiceError",
    "UnsupportedOperationError",
]


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


for _cls in (ServiceError, *ServiceError.__subclasses__()):
    _cls.__module__ = "appflow_typed.errors"
del _cls
