"""Turn botocore's exceptions into appflow-typed's error tree (:mod:`appflow_typed.errors`).

Two kinds of failure come out of a boto3 call:

* ``botocore.exceptions.ClientError``: the service answered with an error. Its code picks
  the :class:`~appflow_typed.errors.ServiceError` subclass; a code not in the table becomes
  :class:`~appflow_typed.errors.UnmodeledServiceError`.
* ``ConnectionError`` / ``HTTPClientError`` subclasses: no answer. They become
  :class:`~appflow_typed.errors.TransportError`. A failure to *connect* (refused, DNS,
  TLS handshake, connect timeout, proxy) means the request never left; anything later
  (connection closed or reset mid-request, read timeout) means it may have been applied.

Whether a retry is safe is decided here, once per failure, from the error's kind, whether
this or an earlier attempt's outcome is unknown, whether the call carries a clientToken and
the operation's retry semantics; the error records it as ``retry_safe`` and the retry
predicate reads nothing else.

Messages are taken from the service's error message or botocore's exception text. AppFlow
leaves sensitive values out of its messages; in case one does not, a value the message quotes
for a credential member (``Value '...' at '...password'``) is replaced before it is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from botocore.exceptions import (
    ClientError,
    ConnectionError,
    HTTPClientError,
)

from appflow_typed._operation import RetrySemantics
from appflow_typed._redaction import REDACTED, credential_member_names, redact_text
from appflow_typed.errors import (
    AccessDeniedError,
    ConflictError,
    ConnectorAuthenticationError,
    ConnectorServerError,
    InternalServerError,
    ResourceNotFoundError,
    ServiceError,
    ServiceQuotaExceededError,
    ServiceValidationError,
    ThrottlingError,
    TransportError,
    UnmodeledServiceError,
    _retry_safe,
)

__all__ = [
    "ERROR_CLASSES",
    "TRANSPORT_EXCEPTIONS",
    "is_transport_exception",
    "map_client_error",
    "map_transport_error",
    "may_have_been_applied",
    "scrub_message",
]

ERROR_CLASSES: Mapping[str, type[ServiceError]] = {
    "ValidationException": ServiceValidationError,
    "ConflictException": ConflictError,
    "AccessDeniedException": AccessDeniedError,
    "ResourceNotFoundException": ResourceNotFoundError,
    "ServiceQuotaExceededException": ServiceQuotaExceededError,
    "ThrottlingException": ThrottlingError,
    "InternalServerException": InternalServerError,
    "ConnectorServerException": ConnectorServerError,
    "ConnectorAuthenticationException": ConnectorAuthenticationError,
}
"""AWS error code -> exception class. Any other code maps to UnmodeledServiceError."""

TRANSPORT_EXCEPTIONS: tuple[type[Exception], ...] = (ConnectionError, HTTPClientError)
"""botocore's "no answer" exceptions: the same families botocore's own standard retry mode
treats as transient."""


_VALUE_AT = re.compile(r"Value '((?:[^'\\]|\\.)*)' at '([^']*)'")


def scrub_message(message: str) -> str:
    """Remove credential values a service error message may quote.

    Args:
        message: The service's error message.

    Returns:
        The message, with the value of every ``Value '...' at '<path>'`` whose path goes
        through a credential member replaced, and credential members in JSON-like text
        redacted.
    """
    names = {name.lower() for name in credential_member_names()}

    def replace(match: re.Match[str]) -> str:
        segments = re.split(r"[.\[\]]", match[2].lower())
        if names.intersection(segments):
            return f"Value '{REDACTED}' at '{match[2]}'"
        return match[0]

    return redact_text(_VALUE_AT.sub(replace, message))


def is_transport_exception(exc: BaseException) -> bool:
    """Whether ``exc`` is one of botocore's "no answer" exceptions."""
    return isinstance(exc, TRANSPORT_EXCEPTIONS)


def may_have_been_applied(exc: BaseException) -> bool:
    """Whether the request that failed with ``exc`` may have reached the service.

    Args:
        exc: A botocore transport exception.

    Returns:
        ``False`` only for failures to connect (botocore's ``ConnectionError`` family:
        ``EndpointConnectionError``, ``ConnectTimeoutError``, ``ProxyConnectionError``,
        ``SSLError``), where nothing was sent. ``True`` for everything after the connection
        was made (``ConnectionClosedError``, ``ReadTimeoutError``, other ``HTTPClientError``).
    """
    return not isinstance(exc, ConnectionError)


def map_client_error(
    exc: ClientError,
    *,
    operation: str,
    client_token: str | None,
    attempts: int,
    outcome_unknown: bool = False,
    retry: RetrySemantics = "none",
) -> ServiceError:
    """Build the typed error for a service error response, and decide its retry safety.

    Args:
        exc: The botocore exception.
        operation: The AppFlow operation name.
        client_token: The token the call carried, if any.
        attempts: Attempts made so far, this one included.
        outcome_unknown: Whether an earlier attempt of the call may have been applied (a
            5xx answer makes this one's outcome unknown too).
        retry: The operation's retry semantics.

    Returns:
        An instance of the subclass the error code maps to (not raised).
    """
    response: Mapping[str, Any] = exc.response or {}
    error: Mapping[str, Any] = response.get("Error") or {}
    metadata: Mapping[str, Any] = response.get("ResponseMetadata") or {}
    code = str(error.get("Code") or "Unknown")
    message = scrub_message(str(error.get("Message") or ""))
    status = metadata.get("HTTPStatusCode")
    status_code = int(status) if isinstance(status, int) else 0
    request_id = metadata.get("RequestId")
    cls = ERROR_CLASSES.get(code, UnmodeledServiceError)
    unknown = outcome_unknown or status_code >= 500
    return cls(
        operation=operation,
        code=code,
        message=message,
        status_code=status_code,
        request_id=str(request_id) if request_id else None,
        client_token=client_token,
        attempts=attempts,
        outcome_unknown=unknown,
        retry_safe=_retry_safe(
            transient=cls.is_transient(status_code),
            outcome_unknown=unknown,
            client_token=client_token,
            idempotent=retry != "none",
        ),
    )


def map_transport_error(
    exc: Exception,
    *,
    operation: str,
    client_token: str | None,
    attempts: int,
    outcome_unknown: bool,
    retry: RetrySemantics = "none",
) -> TransportError:
    """Build the typed error for a request that got no answer, and decide its retry safety.

    Args:
        exc: The botocore transport exception.
        operation: The AppFlow operation name.
        client_token: The token the call carried, if any.
        attempts: Attempts made so far, this one included.
        outcome_unknown: Whether this or any earlier attempt of the call may have been
            applied.
        retry: The operation's retry semantics.

    Returns:
        The :class:`TransportError` (not raised).
    """
    return TransportError(
        operation=operation,
        reason=f"{type(exc).__name__}: {exc}",
        client_token=client_token,
        attempts=attempts,
        outcome_unknown=outcome_unknown,
        retry_safe=_retry_safe(
            transient=True,
            outcome_unknown=outcome_unknown,
            client_token=client_token,
            idempotent=retry != "none",
        ),
    )
