"""The service's idempotency window: how long a clientToken names one call, in seconds and
in the words every message uses.

A leaf module (it imports nothing of the package), so that the error classes of
:mod:`appflow_typed.errors`, the token checks of :mod:`appflow_typed._tokens`, the pipeline's
notes and the retry loop's stop reason all read the one value.
"""

from __future__ import annotations

from typing import Final

__all__ = ["IDEMPOTENCY_WINDOW", "IDEMPOTENCY_WINDOW_SECONDS"]

IDEMPOTENCY_WINDOW_SECONDS: Final = 8 * 60 * 60
"""How long AppFlow recognises a clientToken after its first use. Source: the service
model's documentation of every ``clientToken`` member (e.g. CreateFlowRequest's): "The token
is active for 8 hours"."""


def _words(seconds: int) -> str:
    """``seconds`` in the largest whole unit that divides it: ``8 hours``, ``90 minutes``."""
    count, unit = seconds, "second"
    if seconds % 3600 == 0:
        count, unit = seconds // 3600, "hour"
    elif seconds % 60 == 0:
        count, unit = seconds // 60, "minute"
    return f"{count} {unit}{'' if count == 1 else 's'}"


IDEMPOTENCY_WINDOW: Final = _words(IDEMPOTENCY_WINDOW_SECONDS)
""":data:`IDEMPOTENCY_WINDOW_SECONDS` in words (``8 hours``), for messages."""
