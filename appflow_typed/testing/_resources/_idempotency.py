"""clientToken replay: a request repeating one seen within the window gets the first answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from appflow_typed._window import IDEMPOTENCY_WINDOW, IDEMPOTENCY_WINDOW_SECONDS
from appflow_typed.testing._resources._common import ApiError, Body, Json

__all__ = ["ClientTokens", "TokenEntry"]


@attrs.frozen
class TokenEntry:
    """What a successful request with a clientToken left behind."""

    operation: str
    token: str
    params: Json
    """The request's members other than the token."""
    first_seen: float
    response: Json


class ClientTokens:
    """The clientTokens seen within :data:`IDEMPOTENCY_WINDOW_SECONDS` and their answers.

    AWS (each token's member documentation): "If you use a different value for clientToken,
    Amazon AppFlow considers it a new call ... The token is active for 8 hours." The same
    token with different parameters is answered with ``ConflictException``: the service
    documents only that "an error occurs", and ``ConflictException`` (modeled on all four
    operations with a clientToken) is its error for a request that conflicts with a previous
    one. Only successful answers are remembered: a request that failed may be re-sent with its
    token and is then handled anew.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._entries: dict[tuple[str, str], TokenEntry] = {}

    def run(
        self, operation: str, body: Body, token_member: str, handle: Callable[[], Json]
    ) -> Json:
        """``handle()``'s answer, or the remembered one for a replay.

        Raises:
            ApiError: ``ConflictException`` for the token reused with other parameters.
        """
        token = body[token_member]
        params = {k: v for k, v in body.items() if k != token_member}
        key = (operation, token)
        now = self._clock()
        entry = self._entries.get(key)
        if entry is not None and now - entry.first_seen <= IDEMPOTENCY_WINDOW_SECONDS:
            if entry.params == params:
                return entry.response
            raise ApiError(
                "ConflictException",
                f"clientToken {token!r} was already used with different parameters for "
                f"{operation} within the last {IDEMPOTENCY_WINDOW}. "
                "Use a new clientToken for a different request.",
            )
        response = handle()
        # Bodies and responses are fresh objects from JSON that nothing mutates.
        self._entries[key] = TokenEntry(operation, token, params, now, response)
        return response

    def live(self) -> Iterator[TokenEntry]:
        """The entries still within their window."""
        now = self._clock()
        for entry in self._entries.values():
            if now - entry.first_seen <= IDEMPOTENCY_WINDOW_SECONDS:
                yield entry

    def add(self, entry: TokenEntry) -> None:
        """Remember ``entry`` (a restored one)."""
        self._entries[(entry.operation, entry.token)] = entry

    def clear(self) -> None:
        """Forget every token."""
        self._entries.clear()
