"""Turn botocore's exceptions into appflow-typed's error tree (:mod:`appflow_typed.errors`).

Two kinds of failure come out of a boto3 call:

* ``botocore.exceptions.ClientError``: the service answered with an error. Its code picks
  the :class:`~appflow_typed.errors.ServiceError` subclass; a code not in the table becomes
  :class:`~appflow_typed.errors.UnmodeledServiceError`.
* ``ConnectionError`` / ``HTTPClientError`` subclasses: no answer. They become
  :class:`~appflow_typed.errors.TransportError`. A failure to *connect* (refused, DNS,
  TLS handshake, connect timeout, proxy) means the request never left; anything later
  (connection closed or reset mid-request, read timeout) means it may have been applied.
  A read timeout means more: the client stopped waiting while the service may still be
  working on the request, so it may be applied *after* the call has returned.

Whether a retry is safe is decided here, once per failure, from the error's kind, whether
this or an earlier attempt's outcome is unknown, whether the call carries a clientToken and
the operation's retry semantics; the error records it as ``retry_safe`` and the retry
predicate reads nothing else.

* Any other botocore exception (``BotoCoreError``, and ``ResponseParserError``, an answer
  botocore cannot read): ``ParamValidationError`` becomes a
  :class:`~appflow_typed.errors.ValidationError` with one violation per problem botocore
  found (values left out); credential failures a
  :class:`~appflow_typed.errors.CredentialsError`, configuration failures a
  :class:`~appflow_typed.errors.ConfigurationError`, anything else an
  :class:`~appflow_typed.errors.SdkError`, each keeping botocore's class name.

A service error's class also derives from the boto3 client's modeled exception class
botocore raised (``client.exceptions.ConflictException``), so existing handlers catch it.

Messages are taken from the service's error message or botocore's exception text. AppFlow
leaves sensitive values out of its messages; in case one does not, every value the message
quotes for a credential member is replaced before it is kept: ``Value '...' at
'...password'``, ``password=...`` and Java ``toString`` (``Foo(password=..., ...)``) styles,
JSON and Python reprs. The typed error is raised without the botocore exception (its
traceback's frames hold the request's parameters); a note says what it was.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

import botocore.exceptions
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionError,
    HTTPClientError,
    ParamValidationError,
    ReadTimeoutError,
)
from botocore.parsers import ResponseParserError

from appflow_typed._operation import RetrySemantics
from appflow_typed._redaction import (
    NO_SECRETS,
    REDACTED,
    Secrets,
    credential_member_names,
    redact_text,
)
from appflow_typed.errors import (
    AccessDeniedError,
    ConfigurationError,
    ConflictError,
    ConnectorAuthenticationError,
    ConnectorServerError,
    CredentialsError,
    InternalServerError,
    ResourceNotFoundError,
    SdkError,
    ServiceError,
    ServiceQuotaExceededError,
    ServiceValidationError,
    ThrottlingError,
    TransportError,
    UnmodeledServiceError,
    UnsupportedOperationError,
    ValidationError,
    Violation,
    _retry_safe,
    _with_modeled_class,
)

__all__ = [
    "CONFIGURATION_EXCEPTIONS",
    "CREDENTIAL_EXCEPTIONS",
    "ERROR_CLASSES",
    "OTHER_BOTOCORE_EXCEPTIONS",
    "TRANSPORT_EXCEPTIONS",
    "is_transport_exception",
    "map_botocore_error",
    "map_client_error",
    "map_transport_error",
    "may_have_been_applied",
    "may_still_arrive",
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
    "UnsupportedOperationException": UnsupportedOperationError,
}
"""AWS error code -> exception class. Any other code maps to UnmodeledServiceError."""

TRANSPORT_EXCEPTIONS: tuple[type[Exception], ...] = (ConnectionError, HTTPClientError)
"""botocore's "no answer" exceptions: the same families botocore's own standard retry mode
treats as transient."""


_VALUE_AT = re.compile(r"Value '((?:[^'\\]|\\.)*)' at '([^']*)'")

_USERINFO = re.compile(r"(?<=://)[^/@\s'\"]+@")
"""``user:password@`` in a URL (e.g. an endpoint URL in botocore's message)."""


@functools.cache
def _lowered_names() -> frozenset[str]:
    return frozenset(name.lower() for name in credential_member_names())


@functools.cache
def _key_value_pattern() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(n) for n in credential_member_names()), key=len, reverse=True))
    # A bare credential member name, ``=`` or ``:``, then the value: quoted, a ``{...}`` map or
    # ``[...]`` list (Java's toString of a map or list), or everything up to the next
    # ``, name=`` member, a closing bracket, ``;``, ``&`` or the end of the line (values may
    # hold spaces and commas, so this errs on the side of removing too much).
    return re.compile(
        r"(?<![\w\"'\\])(?P<key>(?:" + names + r"))(?P<sep>\s*[=:]\s*)"
        r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\{[^{}]*\}|\[[^\[\]]*\]"""
        r"""|(?:(?!,\s*[\w.$-]+\s*=)[^)\]};&\r\n])+)""",
        re.IGNORECASE,
    )


def scrub_message(message: str, secrets: Secrets = NO_SECRETS) -> str:
    """Remove credential values a service error message (or botocore's text) may quote.

    Args:
        message: The service's error message.
        secrets: The secrets of the request the message answers, removed by value first
            (in whatever style the message quotes them).

    Returns:
        The message, with credential values replaced by ``<redacted>``: every form of
        every value of ``secrets`` (see :class:`~appflow_typed._redaction.Secrets`); the
        value of every
        ``Value '...' at '<path>'`` whose path goes through a credential member; every
        ``name=value`` or ``name: value`` of a credential member (also inside a Java
        ``toString`` such as ``Creds(username=u, password=p)``); credential members in JSON
        and Python reprs; a URL's ``user:password@``.
    """
    if not message:
        return message
    message = secrets.scrub(message)  # whole values first, before a pattern cuts one

    def replace(match: re.Match[str]) -> str:
        segments = re.split(r"[.\[\]]", match[2].lower())
        if _lowered_names().intersection(segments):
            return f"Value '{REDACTED}' at '{match[2]}'"
        return match[0]

    text = _VALUE_AT.sub(replace, message)
    text = _key_value_pattern().sub(lambda m: f"{m['key']}{m['sep']}{REDACTED}", text)
    text = _USERINFO.sub(f"{REDACTED}@", text)
    return redact_text(text)


def _scrubbed(value: object, secrets: Secrets) -> Any:
    """A copy of an error response with every credential value removed."""
    if isinstance(value, Mapping):
        lowered = _lowered_names()
        return {
            key: (
                REDACTED
                if isinstance(key, str) and key.lower() in lowered
                else _scrubbed(item, secrets)
            )
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [_scrubbed(item, secrets) for item in value]
    if isinstance(value, str):
        return scrub_message(value, secrets)
    return value


def _add_note(exc: BaseException, note: str) -> None:
    """``exc.add_note(note)`` (PEP 678), also on Python 3.10, which only lacks the method."""
    if sys.version_info >= (3, 11):
        exc.add_note(note)
    else:
        notes: list[str] = [*getattr(exc, "__notes__", ()), note]
        setattr(exc, "__notes__", notes)  # noqa: B010  (the 3.10 stubs lack the attribute)


def _cut_note(exc: BaseException, facts: str = "") -> str:
    """The note on a typed error raised without the botocore exception ``exc``."""
    return (
        f"botocore raised {type(exc).__module__}.{type(exc).__name__}{facts}; it is not "
        "chained: its traceback's frames hold the request's parameters, credentials included"
    )


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


def may_still_arrive(exc: BaseException) -> bool:
    """Whether the request that failed with ``exc`` may still be applied later.

    Args:
        exc: A botocore transport exception.

    Returns:
        ``True`` for ``ReadTimeoutError`` (botocore's, and aiobotocore's for aiohttp's
        timeouts): the request was sent and the client stopped waiting for its answer, so
        the service may still be working on it. ``False`` otherwise: nothing was sent, or
        the connection was closed, which ends the exchange (the service applied the request
        or dropped it).
    """
    return isinstance(exc, ReadTimeoutError)


def _resend_harmless(retry: RetrySemantics, in_flight: bool) -> bool:
    """Whether re-sending a request that may have been applied cannot apply a change twice,
    for an operation whose call carries no clientToken.

    Read-only operations: always. Deletes and idempotent changes (tags, a cache reset): only
    while no earlier attempt may still arrive (``in_flight``). A delete re-sent after a read
    timeout would report the resource deleted, and the first request, arriving late, could
    delete the one created after the call returned; tags re-sent the same way let an older
    call's tags overwrite a later call's.
    """
    if retry == "read-only":
        return True
    return retry != "none" and not in_flight


def map_client_error(
    exc: ClientError,
    *,
    operation: str,
    client_token: str | None,
    attempts: int,
    outcome_unknown: bool = False,
    retry: RetrySemantics = "none",
    modeled: Callable[[str], type[ClientError]] | None = None,
    secrets: Secrets = NO_SECRETS,
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
        modeled: The modeled exception classes of the boto3 client the caller knows
            (``client.exceptions.from_code``), when the request went through another client
            (the facade's sibling): the error then derives from the caller's client's class.
        secrets: The request's secrets, removed by value from the message and the response
            (a service may echo them in any style).

    Returns:
        An instance of the subclass the error code maps to (not raised), which also derives
        from the class of ``exc`` (or ``modeled(code)``) when that is a client's modeled
        exception class.
        Its ``response`` is a scrubbed copy of botocore's, its ``message`` the scrubbed
        message, and a note names botocore's exception, which is not chained.
    """
    response: Mapping[str, Any] = _scrubbed(exc.response or {}, secrets)
    error: Mapping[str, Any] = response.get("Error") or {}
    metadata: Mapping[str, Any] = response.get("ResponseMetadata") or {}
    code = str(error.get("Code") or "Unknown")
    message = str(error.get("Message") or "")
    status = metadata.get("HTTPStatusCode")
    status_code = int(status) if isinstance(status, int) else 0
    request_id = metadata.get("RequestId")
    modeled_class = type(exc) if modeled is None else modeled(code)
    cls = _with_modeled_class(ERROR_CLASSES.get(code, UnmodeledServiceError), modeled_class)
    unknown = outcome_unknown or status_code >= 500
    mapped = cls(
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
            idempotent=_resend_harmless(retry, in_flight=False),
        ),
        response=response,
    )
    _add_note(mapped, _cut_note(exc, f" ({code}, HTTP {status_code}, request id {request_id})"))
    return mapped


def map_transport_error(
    exc: Exception,
    *,
    operation: str,
    client_token: str | None,
    attempts: int,
    outcome_unknown: bool,
    retry: RetrySemantics = "none",
    secrets: Secrets = NO_SECRETS,
    in_flight: bool = False,
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
        secrets: The request's secrets, removed by value from the reason.
        in_flight: Whether this or an earlier attempt may still be applied later (see
            :func:`may_still_arrive`).

    Returns:
        The :class:`TransportError` (not raised), with a note naming botocore's exception,
        which is not chained, and one saying why a call without a clientToken was not
        re-sent when its request may still arrive.
    """
    mapped = TransportError(
        operation=operation,
        reason=scrub_message(f"{type(exc).__name__}: {exc}", secrets),
        botocore_error=type(exc).__name__,
        client_token=client_token,
        attempts=attempts,
        outcome_unknown=outcome_unknown,
        retry_safe=_retry_safe(
            transient=True,
            outcome_unknown=outcome_unknown,
            client_token=client_token,
            idempotent=_resend_harmless(retry, in_flight),
        ),
    )
    _add_note(mapped, _cut_note(exc))
    if in_flight and client_token is None and retry in ("delete", "idempotent"):
        _add_note(
            mapped,
            f"{operation} was not re-sent: it takes no clientToken, and a request that timed "
            "out may still be applied later. Check the resource's state before repeating the "
            "call or acting on its result (re-creating a deleted resource, changing its tags).",
        )
    return mapped


def _botocore_classes(*names: str) -> tuple[type[BotoCoreError], ...]:
    """The named botocore exception classes this botocore has."""
    found = (getattr(botocore.exceptions, name, None) for name in names)
    return tuple(cls for cls in found if isinstance(cls, type) and issubclass(cls, BotoCoreError))


CREDENTIAL_EXCEPTIONS = _botocore_classes(
    "NoCredentialsError",
    "PartialCredentialsError",
    "CredentialRetrievalError",
    "UnknownCredentialError",
    "NoAuthTokenError",
    "TokenRetrievalError",
    "SSOError",
)
"""botocore's "no usable credentials" exceptions: they become CredentialsError."""

CONFIGURATION_EXCEPTIONS = _botocore_classes(
    "BaseEndpointResolverError",  # NoRegionError, UnknownEndpointError...
    "EndpointProviderError",  # EndpointResolutionError
    "DataNotFoundError",  # UnknownServiceError
    "ProfileNotFound",
    "ConfigNotFound",
    "ConfigParseError",
    "InvalidConfigError",
    "InvalidRegionError",
    "InvalidEndpointConfigurationError",
    "UnknownSignatureVersionError",
    "UnsupportedSignatureVersionError",
    "MissingDependencyException",
)
"""botocore's "cannot make the call as configured" exceptions: they become
ConfigurationError."""

_SAFE_KWARGS = frozenset(
    {
        "provider",
        "cred_var",
        "service_name",
        "known_service_names",
        "profile",
        "region_name",
        "signature_version",
        "name",
        "path",
        "operation_name",
    }
)
"""The arguments of botocore's exception messages that name things and hold no value of the
request or of a credential: they are kept as botocore formats them."""


def _botocore_message(exc: Exception, secrets: Secrets) -> str:
    """botocore's message for ``exc``, every argument that may hold a secret scrubbed (or left
    out, for a credential failure), and ``secrets`` removed by value."""
    credentials = isinstance(exc, CREDENTIAL_EXCEPTIONS)
    kwargs: Mapping[str, Any] = getattr(exc, "kwargs", None) or {}

    def safe(key: str, value: object) -> str:
        if key in _SAFE_KWARGS:
            return str(value)
        if credentials:
            return "<not shown: it may hold a credential>"
        return scrub_message(str(value), secrets)

    try:
        fmt: str = getattr(type(exc), "fmt", "")
        if not fmt:
            raise KeyError(fmt)
        message = fmt.format(**{key: safe(key, value) for key, value in kwargs.items()})
    except (KeyError, IndexError, ValueError):
        return type(exc).__name__ if credentials else scrub_message(str(exc), secrets)
    return secrets.scrub(message)


_PARAM_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r'^Missing required parameter in (?P<in>\S+): "(?P<member>[^"]*)"'), "is required"),
    (re.compile(r'^Unknown parameter in (?P<in>\S+): "(?P<member>[^"]*)"'), "unknown member"),
)
_PARAM_INVALID = re.compile(r"^Invalid (?P<what>[a-z ]+?) for parameter (?P<path>[^,\s]+)")


def _param_violations(exc: ParamValidationError) -> list[Violation]:
    """One violation per line of botocore's report, without the values it quotes."""
    kwargs: Mapping[str, Any] = getattr(exc, "kwargs", None) or {}
    report = str(kwargs.get("report", ""))
    violations: list[Violation] = []
    for line in filter(None, (raw.strip() for raw in report.splitlines())):
        for pattern, message in _PARAM_PROBLEMS:
            match = pattern.match(line)
            if match:
                where = "" if match["in"] == "input" else match["in"]
                violations.append(Violation(".".join(filter(None, (where, match["member"]))), message))
                break
        else:
            match = _PARAM_INVALID.match(line)
            if match:
                valid = line.rfind(", valid ")
                expected = f"; {line[valid + 2 :]}" if valid >= 0 else ""
                path = match["path"]
                violations.append(Violation(path, f"invalid {match['what']}{expected}"))
            else:
                violations.append(Violation("", "rejected by botocore's parameter validation"))
    return violations or [Violation("", "rejected by botocore's parameter validation")]


OTHER_BOTOCORE_EXCEPTIONS: tuple[type[Exception], ...] = (BotoCoreError, ResponseParserError)
"""Every other exception of botocore's own (after the transport ones): mapped by
:func:`map_botocore_error`."""


def map_botocore_error(
    exc: Exception, *, operation: str | None, secrets: Secrets = NO_SECRETS
) -> ValidationError | SdkError:
    """Build the typed error for one of botocore's own exceptions (neither a service answer
    nor a transport failure).

    Args:
        exc: The botocore exception.
        operation: The AppFlow operation name; ``None`` when the client was being built.
        secrets: The secrets of the request being made, removed by value from the message.

    Returns:
        A :class:`ValidationError` for ``ParamValidationError`` (one violation per problem,
        values left out); a :class:`CredentialsError`, :class:`ConfigurationError` or
        :class:`SdkError` with botocore's class name and its message, whatever could hold a
        secret left out. Not raised; a note names botocore's exception, which is not chained.
    """
    mapped: ValidationError | SdkError
    if isinstance(exc, ParamValidationError):
        model = f"{operation}Request" if operation else "request"
        mapped = ValidationError(model, _param_violations(exc))
    else:
        cls: type[SdkError] = (
            CredentialsError
            if isinstance(exc, CREDENTIAL_EXCEPTIONS)
            else ConfigurationError
            if isinstance(exc, CONFIGURATION_EXCEPTIONS)
            else SdkError
        )
        mapped = cls(
            operation=operation,
            botocore_error=type(exc).__name__,
            message=_botocore_message(exc, secrets),
        )
    _add_note(mapped, _cut_note(exc))
    return mapped
