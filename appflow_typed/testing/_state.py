"""The endpoint's state: the resource families (connectors, connector profiles, flows, runs,
tags, entities) behind one lock, with clientToken replay and the effect log.

Each operation is answered by the family that owns it (:mod:`._resources`); the store only
routes, replays clientTokens and holds the lock. The operations follow the service's
documented semantics; where AWS leaves a choice open, the choice is written down on the
handler.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping

from appflow_typed._window import IDEMPOTENCY_WINDOW_SECONDS
from appflow_typed.testing._resources._common import (
    ApiError,
    Body,
    Context,
    Effect,
    Handler,
    Json,
)
from appflow_typed.testing._resources._idempotency import ClientTokens
from appflow_typed.testing._resources._paging import DEFAULT_MAX_RESULTS, Pages
from appflow_typed.testing._resources.connectors import Connectors, StoredConnector
from appflow_typed.testing._resources.entities import Entities
from appflow_typed.testing._resources.flows import Flows, StoredFlow
from appflow_typed.testing._resources.profiles import (
    Profiles,
    StoredCredentials,
    StoredProfile,
)
from appflow_typed.testing._resources.runs import Runs, StoredExecution
from appflow_typed.testing._resources.tags import Tags

__all__ = [
    "DEFAULT_MAX_RESULTS",
    "HANDLERS",
    "IDEMPOTENCY_WINDOW_SECONDS",
    "ApiError",
    "Effect",
    "Store",
    "StoredConnector",
    "StoredCredentials",
    "StoredExecution",
    "StoredFlow",
    "StoredProfile",
]


class Store:
    """All state of one endpoint, guarded by one lock."""

    def __init__(self, *, region: str, account_id: str, clock: Callable[[], float]) -> None:
        self.lock = threading.RLock()
        self.context = Context(region=region, account_id=account_id, clock=clock)
        self.tokens = ClientTokens(clock)
        pages = Pages()
        self.tags = Tags(self.context, owned=self._arns)
        self.runs = Runs(
            self.context, pages,
            find_flow=lambda name: self.flows.get(name),
            measure=lambda flow: self.entities.volume(flow),
        )
        self.connectors = Connectors(
            self.context, pages, self.tags,
            users=lambda label: self.profiles.using_connector(label),
        )
        self.profiles = Profiles(
            self.context, pages, self.tags, self.connectors,
            users=lambda name: self.flows.using_profile(name),
        )
        self.flows = Flows(
            self.context, pages, self.tags, self.connectors, self.profiles, self.runs
        )
        self.entities = Entities(self.context, pages, self.connectors, self.profiles)
        self._handlers: dict[str, Handler] = {}
        for family in set(HANDLERS.values()):
            self._handlers.update(getattr(self, family).handlers())

    @property
    def effects(self) -> list[Effect]:
        """Every committed state change, in order (the live list)."""
        return self.context.effects

    def _arns(self) -> Iterator[str]:
        for family in (self.connectors, self.profiles, self.flows):
            for record in family.records.values():
                yield record.arn

    def clear(self) -> None:
        """Forget every connector, profile, flow, run, tag, catalog extension, token and
        effect, and the run controls (held runs, failures asked for)."""
        with self.lock:
            self.connectors.records.clear()
            self.profiles.records.clear()
            self.flows.records.clear()
            self.runs.clear()
            self.tags.records.clear()
            self.entities.clear()
            self.context.effects.clear()
            self.tokens.clear()

    def execute(self, operation: str, body: Body, token_member: str | None) -> Json:
        """Apply ``operation`` (whose body passed model validation) and return the response;
        a request with a clientToken goes through :class:`ClientTokens` (replay within
        :data:`IDEMPOTENCY_WINDOW_SECONDS`).

        Raises:
            ApiError: The service's error answer.
        """
        handler = self._handlers[operation]
        with self.lock:
            token = None if token_member is None else body.get(token_member)
            if token_member is None or not isinstance(token, str):
                return handler(body, None)
            return self.tokens.run(operation, body, token_member, lambda: handler(body, token))


HANDLERS: Mapping[str, str] = {
    operation: family
    for family, cls in (
        ("connectors", Connectors), ("profiles", Profiles), ("flows", Flows), ("runs", Runs),
        ("tags", Tags), ("entities", Entities),
    )
    for operation in cls.OPERATIONS
}
"""The operations the store implements, each with the family that answers it: the endpoint
answers these."""
