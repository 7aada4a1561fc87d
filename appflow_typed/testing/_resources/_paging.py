"""Page tokens of the paginated operations: signed offsets, valid for the operation that gave
them and for the endpoint's lifetime only (they do not survive a restart)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

from appflow_typed.testing._resources._common import ApiError, Body, Json

__all__ = ["DEFAULT_MAX_RESULTS", "Pages"]

T = TypeVar("T")

DEFAULT_MAX_RESULTS = 20
"""Page size of the paginated operations when ``maxResults`` is absent (the service's
documented default)."""


class Pages:
    """Cuts lists into pages and signs the tokens that continue them."""

    def __init__(self) -> None:
        self._secret = os.urandom(16)

    def page(self, operation: str, items: Sequence[T], body: Body) -> tuple[list[T], str | None]:
        """The page of ``items`` that ``body``'s ``maxResults`` and ``nextToken`` ask for, and
        the token of the next page (``None`` on the last one).

        Raises:
            ApiError: ``ValidationException`` for a token this endpoint did not give for
                ``operation``.
        """
        size = body.get("maxResults", DEFAULT_MAX_RESULTS)
        start = 0
        token = body.get("nextToken")
        if token is not None:
            start = self._decode(operation, token)
        end = start + size
        next_token = self._encode(operation, end) if end < len(items) else None
        return list(items[start:end]), next_token

    def answer(
        self, operation: str, key: str, items: Sequence[T], body: Body,
        render: Callable[[T], Json],
    ) -> Json:
        """A paginated answer: ``{key: [render(item)...], "nextToken": ...}``."""
        page, next_token = self.page(operation, items, body)
        result: Json = {key: [render(item) for item in page]}
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    def _signature(self, operation: str, offset: int) -> str:
        mac = hmac.new(self._secret, f"{operation}:{offset}".encode(), hashlib.sha256)
        return mac.hexdigest()[:24]

    def _encode(self, operation: str, offset: int) -> str:
        raw = json.dumps({"o": offset, "s": self._signature(operation, offset)})
        return base64.urlsafe_b64encode(raw.encode()).decode()

    def _decode(self, operation: str, token: str) -> int:
        try:
            data = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
            offset = data["o"]
            valid = (
                isinstance(offset, int)
                and offset >= 0
                and hmac.compare_digest(str(data["s"]), self._signature(operation, offset))
            )
        except (ValueError, TypeError, KeyError):
            valid = False
        if not valid:
            raise ApiError("ValidationException", "Invalid nextToken.")
        return int(offset)

