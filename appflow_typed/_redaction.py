"""Keep credentials out of logs and messages: a logging filter and the redaction helpers.

botocore is not careful with secrets. At DEBUG it logs each request's parameters and body,
e.g.::

    Making request for OperationModel(name=CreateConnectorProfile) with params:
    {'url_path': '/create-connector-profile', ..., 'body': b'{"connectorProfileConfig":
    {"connectorProfileCredentials": {"Salesforce": {"accessToken": "..."}}}}', ...}

and the signed headers (``X-Amz-Security-Token``). :class:`RedactingFilter` rewrites such
records before they are written: every credential member of AppFlow's API (the generated
:data:`appflow_typed._generated.secrets.CREDENTIAL_MEMBERS`: the members botocore's service
model marks ``sensitive``, plus a few more that hold secrets) has its value replaced with
``<redacted>``, in dicts, in JSON bodies (``bytes`` or ``str``) and in already formatted
text. Nothing here loads botocore's model.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from collections.abc import Iterable, Mapping

from appflow_typed._generated.secrets import CREDENTIAL_MEMBERS
from appflow_typed.models._base import REDACTED

__all__ = [
    "REDACTED",
    "RedactingFilter",
    "credential_member_names",
    "install_redacting_filter",
    "redact_text",
    "redact_value",
]

_SECURITY_TOKEN_HEADER = "X-Amz-Security-Token"
"""A signed-request header botocore logs at DEBUG."""


def credential_member_names() -> frozenset[str]:
    """The wire names whose values are credentials.

    Returns:
        Every credential member of the ``appflow`` service model (generated from it), plus
        the ``X-Amz-Security-Token`` header.
    """
    return _NAMES


_NAMES: frozenset[str] = CREDENTIAL_MEMBERS | {_SECURITY_TOKEN_HEADER}


@functools.cache
def _lowered_names() -> frozenset[str]:
    return frozenset(name.lower() for name in credential_member_names())


def _is_credential_key(key: object) -> bool:
    return isinstance(key, str) and key.lower() in _lowered_names()


@functools.cache
def _text_pattern() -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(n) for n in credential_member_names()), key=len, reverse=True))
    # A key in double, single or backslash-escaped double quotes, a colon, then the value:
    # a quoted string in any of those quotes, an object without nested braces, or a bare token.
    return re.compile(
        r"""(?P<key>(?P<q>\\"|"|')(?:"""
        + names
        + r""")(?P=q)\s*:\s*)"""
        r"""(?P<value>\\"(?:(?!\\").)*\\"|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\{[^{}]*\}|[^,}\s\]]+)""",
        re.IGNORECASE | re.DOTALL,
    )


_SIGNATURE_RE = re.compile(r"(Credential=|Signature=)[^,\s'\"]+")


def redact_text(text: str) -> str:
    """Redact credential values in formatted text (JSON, Python reprs, signed headers).

    Args:
        text: Any text.

    Returns:
        The text with every credential member's value replaced by ``"<redacted>"``.
    """
    if not text:
        return text

    def replace(match: re.Match[str]) -> str:
        quote = match["q"]
        return f"{match['key']}{quote}{REDACTED}{quote}"

    text = _text_pattern().sub(replace, text)
    return _SIGNATURE_RE.sub(lambda m: m.group(1) + REDACTED, text)


def redact_value(value: object) -> object:
    """Redact credential values anywhere inside a logged value.

    Dicts and lists are copied with credential members replaced; ``bytes`` and ``str``
    holding JSON are parsed, redacted and serialised again; other text is redacted as text.
    Anything else is returned unchanged unless its ``str`` form contains a credential
    member, in which case the redacted ``str`` form is returned.

    Args:
        value: A log record's message or argument.

    Returns:
        The value, or a redacted copy of it. The input is never modified.
    """
    if isinstance(value, Mapping):
        return {
            key: (REDACTED if _is_credential_key(key) else redact_value(item))
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        items = [redact_value(item) for item in value]
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, bytes):
        try:
            decoded = value.decode("utf-8")
        except UnicodeDecodeError:
            return value
        redacted = _redact_str(decoded)
        return value if redacted == decoded else redacted.encode("utf-8")
    if isinstance(value, str):
        return _redact_str(value)
    if value is None or isinstance(value, (int, float)):
        return value
    try:
        text = str(value)
    except Exception:  # a broken __str__ is logging's problem, not ours
        return value
    redacted = redact_text(text)
    return value if redacted == text else redacted


def _redact_str(text: str) -> str:
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        try:
            parsed = json.loads(stripped)
        except ValueError:
            pass
        else:
            redacted = redact_value(parsed)
            if redacted == parsed:
                return text
            return json.dumps(redacted, separators=(",", ":"))
    return redact_text(text)


class RedactingFilter(logging.Filter):
    """A :class:`logging.Filter` that removes credential values from log records.

    Attach it to the handler that writes botocore's logs (a handler filter sees records
    from every child logger, e.g. ``botocore.endpoint``), or call
    :func:`install_redacting_filter`::

        handler = logging.StreamHandler()
        handler.addFilter(appflow_typed.RedactingFilter())
        logging.getLogger("botocore").addHandler(handler)

    The record's message and arguments are rewritten (never the caller's objects); the
    record is always let through.
    """

    def __init__(self, name: str = "") -> None:
        super().__init__(name)
        _text_pattern()  # compile now, not while filtering the first record
        self._busy = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact ``record`` in place.

        Args:
            record: The record about to be handled.

        Returns:
            Always ``True``: the record is kept, without its secrets.
        """
        if getattr(self._busy, "active", False):
            return True  # a record logged while redacting (e.g. by a str() it called)
        self._busy.active = True
        try:
            self._redact(record)
        finally:
            self._busy.active = False
        return True

    @staticmethod
    def _redact(record: logging.LogRecord) -> None:
        record.msg = redact_value(record.msg)
        if record.args:
            if isinstance(record.args, Mapping):
                record.args = {k: redact_value(v) for k, v in record.args.items()}
            else:
                record.args = tuple(redact_value(arg) for arg in record.args)
        # The net under the structural pass: whatever the message renders to.
        try:
            rendered = record.getMessage()
        except Exception:  # let the handler report a malformed record as it would
            return
        safe = redact_text(rendered)
        if safe != rendered:
            record.msg, record.args = safe, None
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)


_DEFAULT_LOGGERS = ("botocore", "boto3", "urllib3")


def install_redacting_filter(
    *handlers: logging.Handler, logger_names: Iterable[str] = _DEFAULT_LOGGERS
) -> RedactingFilter:
    """Attach a :class:`RedactingFilter` where botocore's debug records pass.

    A filter on a logger only sees records logged on that very logger, not its children,
    so this attaches the filter to the named loggers, to every existing child logger of
    them (botocore creates its loggers when its modules are imported), and to the handlers
    of those loggers. Pass your own handlers to cover them too; a filter on a handler sees
    everything that handler writes, which is the most complete option. Calling it again
    does not add a second filter anywhere.

    Args:
        *handlers: Extra handlers to protect (e.g. the one ``logging.basicConfig`` made).
        logger_names: Logger hierarchies to protect.

    Returns:
        The filter that was attached (the same instance everywhere it was added; an
        earlier call's filter when there was one).
    """
    # Importing these creates the loggers that log request and response bodies.
    import botocore.endpoint
    import botocore.parsers  # noqa: F401

    roots = tuple(logger_names)
    targets: list[logging.Logger] = [logging.getLogger(name) for name in roots]
    for name, obj in list(logging.Logger.manager.loggerDict.items()):
        if isinstance(obj, logging.Logger) and any(name.startswith(root + ".") for root in roots):
            targets.append(obj)
    filterers: list[logging.Filterer] = list(targets)
    for logger in targets:
        filterers.extend(logger.handlers)
    filterers.extend(handlers)
    existing = [f for target in filterers for f in target.filters if isinstance(f, RedactingFilter)]
    flt = existing[0] if existing else RedactingFilter()
    for filterer in filterers:
        if not any(isinstance(f, RedactingFilter) for f in filterer.filters):
            filterer.addFilter(flt)
    return flt
