"""clientToken creation, reading and expiry.

AppFlow treats two requests with the same ``clientToken`` and the same parameters as one
call, for 8 hours after the first one: the second gets the first one's response and
changes nothing. A token therefore names one *logical* call. We mint it once, before the
first attempt, and every attempt of that call carries it.

A minted token records when it was minted::

    aft1.<unix time in milliseconds>.<32 hex digits of a random UUID>

so that a caller who kept only the string (in a database, a message, another process) can
still tell whether re-sending it is safe: past the 8-hour window the service would treat it
as a new call, so :func:`check_token_age` refuses it before anything is sent. Tokens in any
other format are the caller's own; their age is unknown and they are sent as they are.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from appflow_typed._window import IDEMPOTENCY_WINDOW_SECONDS
from appflow_typed.errors import ClientTokenExpiredError

__all__ = [
    "IDEMPOTENCY_WINDOW_SECONDS",
    "TOKEN_PREFIX",
    "check_token_age",
    "mint_token",
    "minted_at",
]

TOKEN_PREFIX = "aft1"
"""The version tag at the start of every token this library mints."""

_TOKEN_RE = re.compile(r"aft1\.(?P<ms>[0-9]{1,15})\.[0-9a-f]{32}")


def mint_token(clock: Callable[[], float]) -> str:
    """Mint a new clientToken that records its mint time.

    Args:
        clock: Returns the current time in seconds since the Unix epoch (``time.time``).

    Returns:
        A token such as ``aft1.1732215600123.4f0c...``: printable ASCII, 50 characters, well
        within the service's limit of 256.
    """
    millis = max(0, int(clock() * 1000))
    return f"{TOKEN_PREFIX}.{millis}.{uuid.uuid4().hex}"


def minted_at(token: str) -> float | None:
    """When a token minted by :func:`mint_token` was minted.

    Args:
        token: Any clientToken.

    Returns:
        Seconds since the Unix epoch, or ``None`` when the token is not in this library's
        format (its age is then unknown).
    """
    match = _TOKEN_RE.fullmatch(token)
    if match is None:
        return None
    return int(match["ms"]) / 1000


def check_token_age(operation: str, token: str, now: float) -> float | None:
    """Refuse a token the service would no longer recognise.

    Args:
        operation: The operation about to be sent, for the error.
        token: The clientToken about to be sent.
        now: The current time in seconds since the Unix epoch.

    Returns:
        The time (seconds since the epoch) at which the token stops being recognised, or
        ``None`` when its age is unknown (a token in another format).

    Raises:
        ClientTokenExpiredError: The token was minted more than 8 hours before ``now``.
    """
    minted = minted_at(token)
    if minted is None:
        return None
    age = now - minted
    if age > IDEMPOTENCY_WINDOW_SECONDS:
        raise ClientTokenExpiredError(operation, token, age)
    return minted + IDEMPOTENCY_WINDOW_SECONDS
