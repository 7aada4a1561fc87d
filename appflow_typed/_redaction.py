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

A service may echo a credential in a form no pattern knows (``Session '...' expired``,
``<accessToken>...</accessToken>``, an OAuth form body). The values themselves are known to
the client that sent them: :func:`request_secrets` is the one place that says which values
of a request are secrets (the string values under a credential member, at any depth, and
the ``user:secret`` pairs HTTP Basic authentication would encode), and :class:`Secrets`
removes them, in the encodings a message is likely to carry, from any text. The clients
keep a request's parameters in a :class:`RequestParams`, whose ``repr`` is redacted, and
mark it as :data:`REQUEST_IN_FLIGHT` while it is being sent, so that the filter also
removes those values from the records botocore logs meanwhile (the response body
included); the filter also learns the values of each request body it redacts, for the
records that follow it in the same thread or task.

The filter runs inside the caller's logging call, so it never raises there: data nested
any depth deep is walked without recursion, every step is linear in the size of the record,
and should redacting fail all the same, the record's message becomes a placeholder (never
the raw text).
"""

from __future__ import annotations

import base64
import functools
import html
import json
import logging
import re
import threading
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, cast

from appflow_typed._generated.secrets import CREDENTIAL_MEMBERS
from appflow_typed.models._base import REDACTED

__all__ = [
    "NO_SECRETS",
    "REDACTED",
    "REQUEST_IN_FLIGHT",
    "RedactingFilter",
    "RequestParams",
    "Secrets",
    "credential_member_names",
    "install_redacting_filter",
    "redact_text",
    "redact_value",
    "request_secrets",
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

    def __init__(self, source: Mapping[object, object] | list[object] | tuple[object, ...], key: object) -> None:
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


# --- secrets by value ----------------------------------------------------------------

_SHORT = 8
"""A secret (in one of its forms) shorter than this is only removed where it stands alone,
with no letter or digit right before or after it: a short password must not take every
word it is part of with it."""

_MAX_PAIRED = 16
"""Past this many string members, a mapping's ``user:secret`` pairs are not formed (a
credential structure has a handful; this bounds the work on hostile data)."""


def _each(make: Iterator[str]) -> Iterator[str]:
    """The forms ``make`` yields, until one cannot be made (a lone surrogate has no UTF-8
    form): the forms made so far are kept."""
    iterator = iter(make)
    while True:
        try:
            form = next(iterator)
        except StopIteration:
            return
        except (UnicodeError, ValueError):
            continue
        yield form


def _quoted(value: str) -> Iterator[str]:
    """How a service quotes ``value`` in its message: as it is, XML-escaped, URL-encoded,
    base64-encoded."""
    yield value
    yield html.escape(value)  # XML and HTML text
    # The rest encode to UTF-8 first (a lone surrogate ends them: see _each).
    yield urllib.parse.quote(value, safe="")  # a URL's path or query
    yield urllib.parse.quote_plus(value)  # a form body (OAuth token requests)
    yield from _base64(value)


def _carried(text: str) -> Iterator[str]:
    """How a message carries ``text``: as it is, or in a JSON string (an error body)."""
    yield text
    yield json.dumps(text)[1:-1]
    yield json.dumps(text, ensure_ascii=False)[1:-1]


def _shown(text: str) -> Iterator[str]:
    """How a log line or a traceback shows ``text``: as it is, or inside a Python ``str`` or
    ``bytes`` repr (botocore logs bodies so), with a ``'`` escaped or not (a repr escapes it
    only when it quotes with ``'``)."""
    yield text
    yield repr(text)[1:-1]
    yield repr(text + "'\"")[1:-4]
    raw = text.encode("utf-8")
    yield repr(raw)[2:-1]
    yield repr(raw + b"'\"")[2:-4]


def _base64(value: str) -> Iterator[str]:
    """``value`` in base64 (standard and URL-safe alphabets), with and without its padding
    (which a message may drop)."""
    raw = value.encode("utf-8")
    for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        text = encoded.decode("ascii")
        yield text
        yield text.rstrip("=")


_UNESCAPED = re.compile(r"[ !#-&(-\[\]-~]*")
"""Text that JSON and Python reprs show as it is: printable ASCII (space to ``~``) without
quotes or backslashes (a base64 or URL-encoded form, most tokens). Spelled as the characters
it takes, not as those it does not: the negated class up to U+10FFFF took 4 ms to compile at
import."""


def _forms(value: str) -> set[str]:
    """``value`` as a message may quote it (:func:`_quoted`), carried in JSON or not
    (:func:`_carried`), shown in a Python repr or not (:func:`_shown`)."""
    forms: set[str] = set()
    for quoted in set(_each(_quoted(value))):
        if _UNESCAPED.fullmatch(quoted):
            forms.add(quoted)
            continue
        for carried in set(_each(_carried(quoted))):
            forms.update(_each(_shown(carried)))
    return forms


def _basic_forms(user: str, secret: str) -> set[str]:
    """``user:secret`` as HTTP Basic authentication sends it (RFC 7617 section 2: base64 of
    ``user-id ":" password``), also with both parts form-encoded first, as an OAuth client
    authenticates (RFC 6749 section 2.3.1)."""

    def pairs() -> Iterator[str]:
        yield f"{user}:{secret}"
        yield f"{urllib.parse.quote_plus(user)}:{urllib.parse.quote_plus(secret)}"

    return {form for pair in _each(pairs()) for form in _each(_base64(pair))}


class Secrets:
    """The credential values of a request, and the one pass that removes them from text.

    Each value is removed as it is and in the encodings a message is likely to carry it
    in; a short form only where it stands alone (see :func:`request_secrets`). Its ``repr``
    shows none of them.
    """

    __slots__ = ("_long", "_short")

    def __init__(self, values: Iterable[str] = (), pairs: Iterable[tuple[str, str]] = ()) -> None:
        """Args:
        values: The secret values.
        pairs: ``(user, secret)`` pairs, removed in their HTTP Basic encodings.
        """
        forms: set[str] = set()
        for value in values:
            if value and value != REDACTED:
                forms |= _forms(value)
        for user, secret in pairs:
            if secret and secret != REDACTED:
                forms |= _basic_forms(user, secret)
        forms.discard("")
        # Longest first, so that a form inside a longer one does not cut that one short.
        ordered = sorted(forms, key=lambda form: (-len(form), form))
        self._long = tuple(form for form in ordered if len(form) >= _SHORT)
        short = "|".join(re.escape(form) for form in ordered if len(form) < _SHORT)
        self._short = re.compile(r"(?<![^\W_])(?:" + short + r")(?![^\W_])") if short else None

    def __bool__(self) -> bool:
        return bool(self._long) or self._short is not None

    def __repr__(self) -> str:
        return f"Secrets({REDACTED})" if self else "Secrets()"

    def scrub(self, text: str) -> str:
        """``text`` with every form of every secret value replaced by ``"<redacted>"``.

        Args:
            text: Any text.

        Returns:
            The text without the values.
        """
        if not text:
            return text
        for form in self._long:  # plain substring search: no pattern to compile per request
            if form in text:
                text = text.replace(form, REDACTED)
        if self._short is not None:
            text = self._short.sub(REDACTED, text)
        return text


NO_SECRETS = Secrets()
"""A request without credentials: :meth:`Secrets.scrub` returns its text unchanged."""


def request_secrets(params: object) -> Secrets:
    """The secrets of a request: the one rule of which values of a request are credentials.

    A value is a secret when it is a string under a credential member (the generated
    ``CREDENTIAL_MEMBERS``, see :func:`credential_member_names`) at any depth, such as a
    ``password``, or a string inside one: a ``credentialsMap`` entry's key and value (the
    service model marks both ``sensitive``). Beside each secret member, the
    ``user:secret`` pair with each other string member of the same structure is a secret
    too, in its HTTP Basic encoding (``username:password``, ``clientId:clientSecret``).

    Args:
        params: A request's wire parameters (boto3 keyword arguments, or its JSON body).

    Returns:
        Its secrets (empty when it carries none).
    """
    values: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for mapping in _mappings(params, parse_json=False):
        _collect(mapping, values, pairs)
    return Secrets(values, pairs) if values else NO_SECRETS


def _collect(mapping: Mapping[Any, Any], values: set[str], pairs: set[tuple[str, str]]) -> None:
    """Add the secrets that sit directly in ``mapping`` (its nested mappings are visited on
    their own, unless they are under a credential member)."""
    secrets = [item for key, item in mapping.items() if _is_credential_key(key)]
    if not secrets:
        return
    for item in secrets:
        values.update(_string_leaves(item))
    strings = [(key, item) for key, item in mapping.items() if isinstance(item, str)]
    if len(strings) <= _MAX_PAIRED:
        pairs.update(
            (user, secret)
            for key, secret in strings
            if _is_credential_key(key)
            for other, user in strings
            if other != key
        )


def _string_leaves(value: object) -> Iterator[str]:
    """Every string inside ``value``: itself, or the keys and values of its maps, the items of
    its lists (each container once)."""
    stack = [value]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, (Mapping, list, tuple)):
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, Mapping):
                for key, item in node.items():
                    stack.extend((key, item))
            else:
                stack.extend(node)


def _mappings(root: object, *, parse_json: bool) -> Iterator[Mapping[Any, Any]]:
    """Every mapping inside ``root`` not under a credential member, once each, without
    recursion; with ``parse_json``, JSON objects in ``root``'s own strings and bytes too (not
    in the strings of a parsed document: each byte is parsed at most once)."""
    stack: list[tuple[object, bool]] = [(root, parse_json)]
    seen: set[int] = set()
    while stack:
        node, parse = stack.pop()
        if isinstance(node, Mapping):
            if id(node) in seen:
                continue
            seen.add(id(node))
            yield node
            stack.extend(
                (item, parse) for key, item in node.items() if not _is_credential_key(key)
            )
        elif isinstance(node, (list, tuple)):
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.extend((item, parse) for item in node)
        elif parse and isinstance(node, (str, bytes)):
            parsed = _parse_json(node)
            if parsed is not None:
                stack.append((parsed, False))


def _parse_json(text: str | bytes) -> object:
    stripped = text.strip()
    if stripped[:1] not in ("{", b"{", "[", b"["):
        return None
    try:
        parsed: object = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    return parsed


class RequestParams:
    """A request's wire parameters, held where a traceback's frame locals may be shown
    (``traceback.TracebackException(capture_locals=True)``, error trackers, ``rich``): its
    ``repr`` redacts every credential member, and it is not a mapping that such tools walk.

    Attributes:
        wire: The boto3 keyword arguments, as they are sent.
    """

    __slots__ = ("_secrets", "wire")

    def __init__(self, wire: Mapping[str, Any]) -> None:
        self.wire = wire
        self._secrets: Secrets | None = None

    @property
    def secrets(self) -> Secrets:
        """The request's secrets (:func:`request_secrets`), found on first use."""
        if self._secrets is None:
            self._secrets = request_secrets(self.wire)
        return self._secrets

    def __repr__(self) -> str:
        return f"RequestParams({redact_value(self.wire)!r})"


REQUEST_IN_FLIGHT: ContextVar[RequestParams | None] = ContextVar(
    "appflow_typed_request_in_flight", default=None
)
"""The request the clients are sending in this thread or task: the filter removes its
secrets by value from what botocore logs meanwhile."""

_LEARNED: ContextVar[Secrets] = ContextVar("appflow_typed_learned_secrets", default=NO_SECRETS)
"""The secrets of the last logged request body the filter redacted in this thread or task."""


def _known_secrets() -> Iterator[Secrets]:
    in_flight = REQUEST_IN_FLIGHT.get()
    if in_flight is not None:
        yield in_flight.secrets
    learned = _LEARNED.get()
    if learned:
        yield learned


_MAX_LEARNED = 128
"""At most this many values, and as many pairs, are learned from one record: a request
carries a few (a ``credentialsMap`` at most 50 entries); a hostile record with thousands
must not make every later record of the thread slow to filter."""


def _learn(logged: list[object]) -> None:
    """Remember the secrets of values the filter just redacted by name (a request body), for
    the records that follow in this thread or task (its response body)."""
    values: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for value in logged:
        for mapping in _mappings(value, parse_json=True):
            _collect(mapping, values, pairs)
            if len(values) >= _MAX_LEARNED or len(pairs) >= _MAX_LEARNED:
                break
    if values:
        kept = sorted(values)[:_MAX_LEARNED], sorted(pairs)[:_MAX_LEARNED]
        _LEARNED.set(Secrets(*kept))


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
    query = "&".join(
        f"{part.partition('=')[0]}={REDACTED}" for part in query.split("&") if part
    )
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
        redacted: list[object] = []  # what held a credential member: learned from below

        def by_name(value: object) -> object:
            result, changed = _redact(value)
            if changed:
                redacted.append(value)
            return result

        record.msg = by_name(record.msg)
        if args:
            if isinstance(args, Mapping):  # "%(name)s" formatting: its keys are member names
                record.args = cast("Mapping[str, object]", by_name(args))
            else:
                record.args = tuple(by_name(arg) for arg in args)
        if redacted:
            _learn(redacted)
        # The net under the structural pass: whatever the message renders to.
        try:
            rendered = record.getMessage()
        except Exception as exc:  # malformed, or nested deeper than str() goes
            _replace_message(record, f"its message could not be rendered ({type(exc).__name__})")
            return
        known = list(_known_secrets())
        safe = redact_text(_scrub(rendered, known))  # by value first: whole values
        if safe != rendered:
            record.msg, record.args = safe, None
        if record.exc_info and not record.exc_text:
            # Formatted now, so that handlers write this redacted text (a Formatter only
            # formats exc_info itself when exc_text is empty).
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(_scrub(record.exc_text, known))


def _scrub(text: str, known: list[Secrets]) -> str:
    for secrets in known:
        text = secrets.scrub(text)
    return text


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
