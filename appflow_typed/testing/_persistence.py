"""Saving and loading the endpoint's state: the one place that knows the file format.

A state is JSON (format :data:`STATE_FORMAT`): the connectors, profiles (credentials
included), flows, runs, tags, the entities tests added and the clientTokens still within
their window, with the region and account. Not kept: effects (a run's history), page tokens
(they do not survive a restart), the entity cache and the run controls.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from appflow_typed.testing._catalog import CatalogEntity
from appflow_typed.testing._resources._common import Json, copy_json
from appflow_typed.testing._resources._idempotency import TokenEntry
from appflow_typed.testing._resources.connectors import StoredConnector
from appflow_typed.testing._resources.flows import StoredFlow
from appflow_typed.testing._resources.profiles import StoredProfile
from appflow_typed.testing._resources.runs import StoredExecution

if TYPE_CHECKING:
    from appflow_typed.testing._state import Store

__all__ = ["STATE_FORMAT", "read_file", "restore", "snapshot", "write_file"]

STATE_FORMAT = "appflow-typed-local-state/1"
"""The ``format`` of a saved state."""


def snapshot(store: Store) -> Json:
    """What outlives a run, as JSON data (the caller holds the store's lock)."""
    context = store.context
    return {
        "format": STATE_FORMAT,
        "region": context.region,
        "accountId": context.account,
        "connectors": [copy_json(attrs.asdict(c)) for c in store.connectors.records.values()],
        "profiles": [_profile(p) for p in store.profiles.records.values()],
        "flows": [copy_json(attrs.asdict(f)) for f in store.flows.records.values()],
        "executions": [attrs.asdict(e) for e in store.runs.records.values()],
        "tags": copy_json(store.tags.records),
        "entities": [
            {"connector": connector, **attrs.asdict(entity)}
            for connector, entities in store.entities.added.items()
            for entity in entities.values()
        ],
        "clientTokens": [
            {
                "operation": entry.operation,
                "token": entry.token,
                "firstSeen": entry.first_seen,
                "params": entry.params,
                "response": entry.response,
            }
            for entry in store.tokens.live()
        ],
    }


def _profile(profile: StoredProfile) -> Json:
    data = attrs.asdict(profile, recurse=False)
    credentials = profile.credentials
    data["credentials"] = None if credentials is None else credentials.reveal()
    return copy_json(data)  # type: ignore[no-any-return]


def restore(store: Store, data: object) -> None:
    """Replace the store's state with a :func:`snapshot`'s.

    Raises:
        ValueError: Not a snapshot of this format, or of another region or account.
    """
    context = store.context
    if not isinstance(data, Mapping) or data.get("format") != STATE_FORMAT:
        raise ValueError(f"not a local AppFlow state (expected format {STATE_FORMAT!r})")
    where = (data.get("region"), data.get("accountId"))
    if where != (context.region, context.account):
        raise ValueError(
            f"the state is of region {where[0]!r}, account {where[1]!r}; this endpoint "
            f"serves region {context.region!r}, account {context.account!r}"
        )
    try:
        connectors = [StoredConnector(**c) for c in data["connectors"]]
        profiles = [StoredProfile(**p) for p in data["profiles"]]
        flows = [StoredFlow(**f) for f in data.get("flows", ())]
        executions = [StoredExecution(**e) for e in data.get("executions", ())]
        tags = {str(arn): dict(t) for arn, t in data.get("tags", {}).items()}
        entities = [
            (e["connector"], CatalogEntity(**{k: v for k, v in e.items() if k != "connector"}))
            for e in data.get("entities", ())
        ]
        tokens = [
            TokenEntry(t["operation"], t["token"], t["params"], t["firstSeen"], t["response"])
            for t in data["clientTokens"]
        ]
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"malformed local AppFlow state: {error!r}") from None
    with store.lock:
        store.clear()
        store.connectors.records.update((c.label, c) for c in connectors)
        store.profiles.records.update((p.name, p) for p in profiles)
        store.flows.records.update((f.name, f) for f in flows)
        store.runs.records.update((e.execution_id, e) for e in executions)
        store.tags.records.update(tags)
        for connector, entity in entities:
            store.entities.add(connector, entity)
        for entry in tokens:
            store.tokens.add(entry)


def write_file(path: str | os.PathLike[str], data: Json) -> None:
    """Write ``data`` to ``path``, readable by its owner only, replacing it atomically."""
    target = os.fspath(path)
    temporary = f"{target}.tmp-{os.getpid()}"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1)
        file.write("\n")
    os.replace(temporary, target)


def read_file(path: str | os.PathLike[str]) -> Any:
    """The JSON data of a state file.

    Raises:
        ValueError: The file is not JSON.
        OSError: The file cannot be read.
    """
    with open(path, encoding="utf-8") as file:
        try:
            return json.load(file)
        except ValueError as error:
            raise ValueError(f"not a local AppFlow state: {error}") from None
