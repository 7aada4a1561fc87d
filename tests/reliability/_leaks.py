"""Where a credential could still show: echoed by a service, or in a library frame's locals.

Shared by the secret audit and the async client's redaction tests.
"""

from __future__ import annotations

import html
import json
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from urllib.parse import quote, quote_plus

import appflow_typed

ECHO_STYLES: dict[str, Callable[[str], str]] = {
    "OAuth form": lambda s: f"grant_type=refresh_token&refresh_token={quote_plus(s)}&client_id=c",
    "Bearer": lambda s: f"Authorization: Bearer {s}",
    "XML": lambda s: f"<Error><accessToken>{html.escape(s)}</accessToken></Error>",
    "kebab-case": lambda s: f"access-token: {s}",
    "bare quoted": lambda s: f"Session '{s}' expired",
    "Ruby hash": lambda s: f'{{:access_token=>"{s}", :scope=>"read"}}',
    "JSON body": lambda s: json.dumps({"error": "invalid_grant", "detail": s}),
    "URL": lambda s: f"GET https://example.com/cb?code={quote(s, safe='')} failed",
}
"""How a service (or the connector behind it) may echo a credential: in no style the
syntactic patterns know, so only its value gives it away."""


def echoing_message(secrets: Iterable[str]) -> str:
    """A service message that echoes each of ``secrets`` in every style of ECHO_STYLES."""
    return " | ".join(style(secret) for secret in secrets for style in ECHO_STYLES.values())


PACKAGE = Path(appflow_typed.__file__).resolve().parent


def shown(value: object) -> Iterator[str]:
    """What tools that capture frame locals show of ``value``: ``repr`` (the standard
    library, pytest, rich for a plain object), and the items of the containers they walk
    (Sentry serialises mappings and sequences item by item, and the rest with ``repr``)."""
    stack = [value]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        yield repr(item)
        if isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)


def is_library_code(filename: str) -> bool:
    """Whether a frame runs the library's code: a file of the package, or code the package
    made at run time (the models' interpreter names it ``<appflow_typed.models ...>``)."""
    return filename.startswith("<appflow_typed.") or Path(filename).resolve().is_relative_to(
        PACKAGE
    )


def library_locals(exc: BaseException) -> Iterator[tuple[str, str, str]]:
    """``(frame, local, text)`` for every local of every library frame in ``exc``'s
    traceback and its chain."""
    current: BaseException | None = exc
    while current is not None:
        tb = current.__traceback__
        while tb is not None:
            frame = tb.tb_frame
            if is_library_code(frame.f_code.co_filename):
                for local, value in frame.f_locals.items():
                    for text in shown(value):
                        yield frame.f_code.co_name, local, text
            tb = tb.tb_next
        current = current.__cause__ or current.__context__


def assert_locals_clean(exc: BaseException, secrets: Iterable[str]) -> None:
    """No library frame local shows a secret, by ``repr``, by walking it, or in the text of
    ``TracebackException(capture_locals=True)``."""
    secrets = list(secrets)
    frames = {frame for frame, _, _ in library_locals(exc)}
    assert frames, "no library frame in the traceback"
    for frame, local, text in library_locals(exc):
        for secret in secrets:
            assert secret not in text, f"{frame}() local {local!r} shows a credential: {text[:300]}"
    captured = traceback.TracebackException.from_exception(exc, capture_locals=True)
    for summary in captured.stack:
        if is_library_code(summary.filename):
            for local, text in (summary.locals or {}).items():
                for secret in secrets:
                    assert secret not in text, f"{summary.name}() local {local!r}: {text[:300]}"


