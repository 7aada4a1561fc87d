"""Keep credentials out of logs and messages: a logging filter and the redaction helpers.

botocore is not careful with secrets. At DEBUG it logs each request's parameters and body,
e.g.::

    Making request for OperationModel(name=CreateConnectorProfile) with params:
    {'url_path': '/create-connector-profile', ..., 'body': b'{"connectorProfileConfig":
    {"connectorProfileCredentials": {"Salesforce": {"accessToken": "..."}}}}', ...}

and, with temporary credentials, the session token (``X-Amz-Security-Token``) in the signed
headers and in ``botocore.auth``'s canonical request, next to the string to sign and the
signature. :class:`RedactingFilter` rewrites such records before they are written: every
credential member of AppFlow's API (the generated
:data:`appflow_typed._generated.secrets.CREDENTIAL_MEMBERS`: the members botocore's service
model marks ``sensitive``, plus a few more that hold secrets) has its value replaced with
``<redacted>``, in dicts, in JSON bodies (``bytes`` or ``str``) and in already formatted
text; the signing records keep their shape with every value redacted. Nothing here loads
botocore's model.

The filter runs inside the caller's logging call, so it never raises there: data nested
any depth deep is walked without recursion, every step is linear in the size of the record,
and should redacting fail all the same, the record's message becomes a placeholder (never
the raw text).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import cast

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
    names = "|".join(
        sorted((re.escape(n) for n in credential_member_names()), key=len, reverse=True)
    )
    # A key in double, single or backslash-escaped double quotes, a colon, then the value:
    # a quoted string in any of those quotes, an object without nested braces, or a bare token.
    return re.compile(
        r"""(?P<key>(?P<q>\\"|"|')(?:""" + names + r""")(?P=q)\s*:\s*)"""
        r"""(?P<value>\\"(?:(?!\\").)*\\"|b?"(?:[^"\\]|\\.)*"|b?'(?:[^'\\]|\\.)*'|\{[^{}]*\}|[^,}\s\]]+)""",
        re.IGNORECASE | re.DOTALL,
    )


_SIGNATURE_RE = re.compile(r"(Credential=|Signature=)[^,\s'\"&]+")
"""SigV4's ``Authorization`` header parts, and ``X-Amz-Credential=``/``X-Amz-Signature=``
in a presigned URL."""

_SESSION_TOKEN_RE = re.compile(r"(x-amz-security-token(?::|=)[ \t]*)[^\s,'\"&]+", re.IGNORECASE)
"""The session token as a canonical request's header line (``x-amz-security-token:...``) or
a presigned URL's query parameter (``X-Amz-Security-Token=...``)."""


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
    text = _SESSION_TOKEN_RE.sub(lambda m: m.group(1) + REDACTED, text)
    return _SIGNATURE_RE.sub(lambda m: m.group(1) + REDACTED, text)


def redact_value(value: object) -> object:
    """Redact credential values anywhere inside a logged value.

    Dicts and lists are copied with credential members replaced; ``bytes`` and ``str``
    holding JSON are parsed, redacted and serialised again; other text is redacted as text.
    Anything else is returned unchanged unless its ``str`` form contains a credential
    member, in which case the redacted ``str`` form is returned (and a placeholder when that
    ``str`` form cannot be made). Nested values are walked without recursion, at any depth;
    a container found inside itself is cut there (``"<cycle>"``).

    Args:
        value: A log record's message or argument.

    Returns:
        The value, or a redacted copy of it. The input is never modified.
    """
    return _redact(value)[0]


_CYCLE = "<cycle>"


def _is_container(value: object) -> bool:
    return isinstance(value, (Mapping, list, tuple))


class _Copy:
    """A container being copied by :func:`_redact`: the items copied so far, the items left,
    and the key (or index) the copy takes in its parent."""

    __slots__ = ("changed", "is_map", "items", "key", "pending", "source")

    def __init__(
        self, source: Mapping[object, object] | list[object] | tuple[object, ...], key: object
    ) -> None:
        self.source = source
        self.key = key
        self.changed = False
        self.is_map = isinstance(source, Mapping)
        self.items: dict[object, object] | list[object] = {} if self.is_map else []
        self.pending: Iterator[tuple[object, object]] = (
            iter(source.items()) if isinstance(source, Mapping) else enumerate(source)
        )

    def add(self, key: object, value: object, changed: bool) -> None:
        if isinstance(self.items, dict):
            self.items[key] = value
        else:
            self.items.append(value)
        self.changed = self.changed or changed

    def result(self) -> object:
        return tuple(self.items) if isinstance(self.source, tuple) else self.items


def _redact(root: object) -> tuple[object, bool]:
    """:func:`redact_value`, and whether anything was redacted: an explicit stack, no
    recursion, each item visited once."""
    if not _is_container(root):
        return _redact_leaf(root)
    stack = [_Copy(cast("Mapping[object, object] | list[object]", root), None)]
    open_ids = {id(root)}
    while True:
        frame = stack[-1]
        step = next(frame.pending, None)
        if step is None:
            stack.pop()
            open_ids.discard(id(frame.source))
            result = frame.result()
            if not stack:
                return result, frame.changed
            stack[-1].add(frame.key, result, frame.changed)
            continue
        key, item = step
        if frame.is_map and _is_credential_key(key):
            frame.add(key, REDACTED, not (isinstance(item, str) and item == REDACTED))
        elif _is_container(item):
            if id(item) in open_ids:
                frame.add(key, _CYCLE, True)
            else:
                open_ids.add(id(item))
                stack.append(_Copy(cast("Mapping[object, object] | list[object]", item), key))
        else:
            frame.add(key, *_redact_leaf(item))


def _redact_leaf(value: object) -> tuple[object, bool]:
    if isinstance(value, bytes):
        try:
            decoded = value.decode("utf-8")
        except UnicodeDecodeError:
            return value, False
        redacted = _redact_str(decoded)
        return (value, False) if redacted == decoded else (redacted.encode("utf-8"), True)
    if isinstance(value, str):
        redacted = _redact_str(value)
        return redacted, redacted != value
    if value is None or isinstance(value, (int, float)):
        return value, False
    try:
        text = str(value)
    except Exception as exc:  # logging could not render it either: never let it try
        return f"<{type(value).__name__} object: str() raised {type(exc).__name__}>", True
    redacted = redact_text(text)
    return (value, False) if redacted == text else (redacted, True)


def _redact_str(text: str) -> str:
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        try:
            parsed = json.loads(stripped)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than json parses
            pass
        else:
            redacted, changed = _redact(parsed)
            if not changed:
                return text
            try:
                return json.dumps(redacted, separators=(",", ":"))
            except (ValueError, RecursionError):
                pass  # redacted as text below
    return redact_text(text)


# --- botocore.auth's signing records -------------------------------------------------

_SIGNING_TEMPLATES = ("CanonicalRequest:", "StringToSign:", "String to sign:", "Signature:")
"""The message templates with which ``botocore.auth`` logs what it signs (SigV4, SigV2,
HMAC v1): their arguments are the canonical request, the string to sign, the signature."""


def _redact_signing(template: str, value: object) -> object:
    """A signing record's argument: a canonical request keeps its shape, the rest goes."""
    if template.startswith("CanonicalRequest:"):
        return _redact_canonical_request(str(value))
    return REDACTED


def _redact_canonical_request(text: str) -> str:
    """SigV4's canonical request with every value redacted: the method, the path, the query
    parameter names and the header names stay (what a signature mismatch is debugged with);
    the query and header values and the payload hash go."""
    lines = text.split("\n")
    if len(lines) < 6 or "" not in lines[3:]:
        return REDACTED
    blank = lines.index("", 3)
    method, path, query = lines[:3]
    query = "&".join(f"{part.partition('=')[0]}={REDACTED}" for part in query.split("&") if part)
    headers = [f"{line.partition(':')[0]}:{REDACTED}" for line in lines[3:blank]]
    return "\n".join([method, path, query, *headers, "", *lines[blank + 1 : -1], REDACTED])


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
        except Exception as exc:  # never into the logging call, never the raw text
            _replace_message(record, f"redacting it raised {type(exc).__name__}")
        finally:
            self._busy.active = False
        return True

    @staticmethod
    def _redact(record: logging.LogRecord) -> None:
        args = record.args
        msg = record.msg
        if isinstance(msg, str) and msg.startswith(_SIGNING_TEMPLATES) and isinstance(args, tuple):
            args = tuple(_redact_signing(msg, arg) for arg in args)
        record.msg = redact_value(record.msg)
        if args:
            if isinstance(args, Mapping):  # "%(name)s" formatting: its keys are member names
                record.args = cast("Mapping[str, object]", redact_value(args))
            else:
                record.args = tuple(redact_value(arg) for arg in args)
        # The net under the structural pass: whatever the message renders to.
        try:
            rendered = record.getMessage()
        except Exception as exc:  # malformed, or nested deeper than str() goes
            _replace_message(record, f"its message could not be rendered ({type(exc).__name__})")
            return
        safe = redact_text(rendered)
        if safe != rendered:
            record.msg, record.args = safe, None
        if record.exc_info and not record.exc_text:
            # Formatted now, so that handlers write this redacted text (a Formatter only
            # formats exc_info itself when exc_text is empty).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)


def _replace_message(record: logging.LogRecord, reason: str) -> None:
    """Put a placeholder in place of a message that could not be redacted."""
    record.msg, record.args = f"<message withheld by RedactingFilter: {reason}>", None


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
