"""Connector entities: ListConnectorEntities, DescribeConnectorEntity,
ResetConnectorMetadataCache, and the catalog extensions tests add."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from appflow_typed.testing._catalog import BUILTIN_CATALOG, CatalogEntity, CatalogField
from appflow_typed.testing._resources._common import (
    CUSTOM,
    PROFILELESS,
    ApiError,
    Body,
    Context,
    Family,
    Json,
    copy_json,
)
from appflow_typed.testing._resources._paging import Pages
from appflow_typed.testing._resources.connectors import Connectors
from appflow_typed.testing._resources.profiles import Profiles

if TYPE_CHECKING:
    from appflow_typed.testing._resources.flows import StoredFlow

__all__ = ["CACHE_SECONDS", "Entities", "Volume"]

CACHE_SECONDS = 3600.0
"""How long listed and described entities are cached: "Amazon AppFlow automatically resets the
cache once every hour" (ResetConnectorMetadataCache)."""


_VALUE_BYTES: Mapping[str, int] = {
    "string": 18, "integer": 6, "double": 10, "boolean": 5, "date": 12, "datetime": 26,
}
"""About how many bytes a value of each field type takes in a JSON record."""

_UNKNOWN_FIELDS = 12
"""The fields assumed of an entity the catalog does not hold."""


@attrs.frozen
class Volume:
    """What a successful run reads and writes."""

    records: int
    bytes_read: int
    bytes_written: int


def _record_bytes(fields: Sequence[CatalogField]) -> int:
    """The size of one JSON record of ``fields``: ``{"name":value,...}`` and a newline."""
    if not fields:
        return 2 + _UNKNOWN_FIELDS * (12 + _VALUE_BYTES["string"])
    return 2 + sum(
        len(f.identifier) + 4 + _VALUE_BYTES.get(f.field_type, 18) for f in fields
    )


def _source_entity(config: Mapping[str, Any]) -> str | None:
    """The entity a source reads: its ``object`` (``entityName`` for a custom connector,
    ``objectPath`` for SAP OData, ``bucket/prefix`` for S3)."""
    for properties in config["sourceConnectorProperties"].values():
        if not isinstance(properties, Mapping):
            continue
        for member in ("object", "entityName", "objectPath"):
            if isinstance(properties.get(member), str):
                return str(properties[member])
        bucket = properties.get("bucketName")
        if isinstance(bucket, str):
            prefix = properties.get("bucketPrefix")
            return f"{bucket}/{prefix}" if prefix else bucket
    return None


def _projected(tasks: Sequence[Mapping[str, Any]]) -> set[str] | None:
    """The fields a flow's ``Filter`` tasks with a ``PROJECTION`` operator keep (``None``:
    every field)."""
    kept: set[str] | None = None
    for task in tasks:
        operator = task.get("connectorOperator") or {}
        if task.get("taskType") == "Filter" and "PROJECTION" in operator.values():
            kept = (kept or set()) | set(task.get("sourceFields") or ())
    return kept


class Entities(Family):
    """The entity catalog (built in, plus what tests add) and its metadata cache."""

    OPERATIONS: ClassVar[Mapping[str, str]] = {
        "ListConnectorEntities": "_list",
        "DescribeConnectorEntity": "_describe",
        "ResetConnectorMetadataCache": "_reset_cache",
    }

    def __init__(
        self, context: Context, pages: Pages, connectors: Connectors, profiles: Profiles
    ) -> None:
        self._context = context
        self._pages = pages
        self._connectors = connectors
        self._profiles = profiles
        self.added: dict[str, dict[tuple[str | None, str], CatalogEntity]] = {}
        """The entities tests added, by connector, then by path and name."""
        self._cache: dict[tuple[Any, ...], tuple[float, Any]] = {}

    def clear(self) -> None:
        """Forget the added entities and the cache."""
        self.added.clear()
        self._cache.clear()

    def add(self, connector: str, entity: CatalogEntity) -> None:
        """Add ``entity`` to ``connector``'s catalog (replacing one of the same name and path)."""
        self.added.setdefault(connector, {})[(entity.path, entity.name)] = entity

    def volume(self, flow: StoredFlow) -> Volume:
        """What a successful run of ``flow`` processes: the source entity's
        :attr:`~CatalogEntity.record_count` records, each the size of a JSON record of its
        fields; written, the fields a ``PROJECTION`` filter keeps (all without one). A source
        entity the catalog does not hold counts as 1,000 records of a dozen string fields."""
        source = flow.source_flow_config
        connector = source["connectorType"]
        profile = self._profiles.records.get(source.get("connectorProfileName") or "")
        if profile is not None and profile.connector_label is not None:
            connector = profile.connector_label
        name = _source_entity(source)
        entity = next((e for e in self.catalog(connector) if e.name == name), None)
        records = 1000 if entity is None else entity.record_count
        fields: Sequence[CatalogField] = () if entity is None else entity.fields
        kept = _projected(flow.tasks)
        written = fields if kept is None else [f for f in fields if f.identifier in kept]
        return Volume(
            records=records,
            bytes_read=records * _record_bytes(fields),
            bytes_written=records * _record_bytes(written if written or not fields else fields),
        )

    def catalog(self, connector: str) -> list[CatalogEntity]:
        """The entities of a connector type or custom connector label."""
        entities = {(e.path, e.name): e for e in BUILTIN_CATALOG.get(connector, ())}
        entities.update(self.added.get(connector, {}))
        return list(entities.values())

    def _catalog_key(self, body: Body) -> tuple[str, str]:
        """The catalog a request reads (a connector type, or a custom connector's label) and
        the cache it goes through (the profile's name, else the connector type). A connector
        type used with a profile needs ``connectorProfileName``; one used without
        (:data:`PROFILELESS`) needs ``connectorType``."""
        name = body.get("connectorProfileName")
        connector_type = body.get("connectorType")
        if name is not None:
            profile = self._profiles.get(name)
            if connector_type is not None and connector_type != profile.connector_type:
                raise ApiError(
                    "ValidationException",
                    f"connector profile {name} is of connectorType {profile.connector_type}, "
                    f"not {connector_type}.",
                )
            if profile.connector_label is not None:
                return self._connectors.get(profile.connector_label).label, name
            return profile.connector_type, name
        if connector_type is None or connector_type not in PROFILELESS:
            raise ApiError(
                "ValidationException",
                "connectorProfileName is required unless connectorType is one of "
                f"{', '.join(sorted(PROFILELESS))}.",
            )
        return connector_type, connector_type

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        now = self._context.clock()
        found = self._cache.get(key)
        if found is not None and now - found[0] < CACHE_SECONDS:
            return found[1]
        value = compute()
        self._cache[key] = (now, value)
        return value

    def _list(self, body: Body, token: str | None) -> Json:
        """The entities at ``entitiesPath`` (the root entities without it), grouped by
        category in ``connectorEntityMap``. What is listed is cached, per profile (or
        connector type) and path, for an hour or until ResetConnectorMetadataCache."""
        catalog, cache = self._catalog_key(body)
        path = body.get("entitiesPath")
        entities: list[CatalogEntity] = self._cached(
            ("list", cache, path),
            lambda: [e for e in self.catalog(catalog) if e.path == path],
        )
        page, next_token = self._pages.page("ListConnectorEntities", entities, body)
        groups: Json = {}
        for entity in page:
            groups.setdefault(entity.group, []).append(entity.to_wire())
        result: Json = {"connectorEntityMap": groups}
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    def _describe(self, body: Body, token: str | None) -> Json:
        """An entity of the catalog (at any path) by name; an unknown one is a
        ``ResourceNotFoundException``. Cached like ListConnectorEntities."""
        catalog, cache = self._catalog_key(body)
        name = body["connectorEntityName"]

        def describe() -> list[Json] | None:
            for entity in self.catalog(catalog):
                if entity.name == name:
                    return [f.to_wire() for f in entity.fields]
            return None

        fields: list[Json] | None = self._cached(("describe", cache, name), describe)
        if fields is None:
            self._cache.pop(("describe", cache, name), None)
            raise ApiError("ResourceNotFoundException", f"Entity {name} does not exist.")
        return {"connectorEntityFields": copy_json(fields)}

    def _reset_cache(self, body: Body, token: str | None) -> Json:
        """AWS: without ``connectorEntityName`` "Amazon AppFlow only resets cached metadata
        about entity names, not entity details" (at ``entitiesPath`` when given, every path
        otherwise); with it, that entity's details. ``connectorProfileName`` is needed except
        for the connectors used without one, which need ``connectorType``; ``apiVersion`` "if
        the connector type is CustomConnector"."""
        _, cache = self._catalog_key(body)
        name = body.get("connectorProfileName")
        custom = name is not None and self._profiles.get(name).connector_type == CUSTOM
        if custom and body.get("apiVersion") is None:
            raise ApiError(
                "ValidationException",
                "apiVersion is required when the connector type is CustomConnector.",
            )
        entity = body.get("connectorEntityName")
        path = body.get("entitiesPath")
        for key in list(self._cache):
            kind, where, what = key
            if where != cache:
                continue
            if (entity is not None and kind == "describe" and what == entity) or (
                entity is None and kind == "list" and (path is None or what == path)
            ):
                del self._cache[key]
        self._context.effect("ResetConnectorMetadataCache", cache, token)
        return {}
