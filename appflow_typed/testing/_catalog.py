"""The entities the local endpoint's connectors offer: a small built-in catalog that tests extend.

ListConnectorEntities and DescribeConnectorEntity answer from it. Each connector (a
``ConnectorType`` value such as ``Salesforce``, or a registered custom connector's label) has
entities; an entity with nested entities is a root whose children are listed with
``entitiesPath`` set to its name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

__all__ = ["BUILTIN_CATALOG", "CatalogEntity", "CatalogField"]

_OPERATORS: Mapping[str, tuple[str, ...]] = {
    "string": ("PROJECTION", "EQUAL_TO", "NOT_EQUAL_TO", "CONTAINS"),
    "boolean": ("PROJECTION", "EQUAL_TO", "NOT_EQUAL_TO"),
    "double": ("PROJECTION", "EQUAL_TO", "NOT_EQUAL_TO", "LESS_THAN", "GREATER_THAN", "BETWEEN"),
    "integer": ("PROJECTION", "EQUAL_TO", "NOT_EQUAL_TO", "LESS_THAN", "GREATER_THAN", "BETWEEN"),
    "date": ("PROJECTION", "LESS_THAN", "GREATER_THAN", "BETWEEN"),
    "datetime": ("PROJECTION", "LESS_THAN", "GREATER_THAN", "BETWEEN"),
}


@attrs.frozen(kw_only=True)
class CatalogField:
    """One field of a :class:`CatalogEntity` (a ``ConnectorEntityField`` once described).

    Examples:
        >>> CatalogField(identifier="Id", field_type="string", primary_key=True).identifier
        'Id'
    """

    identifier: str
    """The field's name in the connector."""

    field_type: str = "string"
    """Its ``fieldType``, e.g. ``string``, ``integer``, ``double``, ``boolean``, ``datetime``."""

    label: str | None = None
    """Its display label; the identifier when ``None``."""

    primary_key: bool = False
    """Whether it is the entity's primary key (``isPrimaryKey``)."""

    description: str | None = None
    """Its description."""

    def to_wire(self) -> dict[str, Any]:
        """The ``ConnectorEntityField`` the endpoint answers."""
        operators = _OPERATORS.get(self.field_type, ("PROJECTION", "EQUAL_TO"))
        wire: dict[str, Any] = {
            "identifier": self.identifier,
            "label": self.label if self.label is not None else self.identifier,
            "isPrimaryKey": self.primary_key,
            "supportedFieldTypeDetails": {
                "v1": {"fieldType": self.field_type, "filterOperators": list(operators)}
            },
        }
        if self.description is not None:
            wire["description"] = self.description
        return wire


def _fields(value: Sequence[CatalogField | Mapping[str, Any]]) -> tuple[CatalogField, ...]:
    return tuple(f if isinstance(f, CatalogField) else CatalogField(**f) for f in value)


@attrs.frozen(kw_only=True)
class CatalogEntity:
    """An entity a connector offers (a ``ConnectorEntity`` once listed).

    Examples:
        >>> entity = CatalogEntity(name="Invoice", fields=[CatalogField(identifier="Id")])
        >>> entity.group, entity.fields[0].identifier
        ('Objects', 'Id')
    """

    name: str
    """The entity's name (``connectorEntityName``)."""

    label: str | None = None
    """Its display label; the name when ``None``."""

    fields: tuple[CatalogField, ...] = attrs.field(default=(), converter=_fields)
    """Its fields, answered by DescribeConnectorEntity."""

    path: str | None = None
    """The parent entity's name for a nested entity (the ``entitiesPath`` that lists it);
    ``None`` for a root entity."""

    group: str = "Objects"
    """The group it is listed under (the key of ``connectorEntityMap``)."""

    has_nested_entities: bool = False
    """Whether entities are listed under it (``hasNestedEntities``)."""

    record_count: int = 1000
    """How many records it holds: a successful run of a flow reading it reports them as
    ``recordsProcessed`` (and its bytes from them and its fields)."""

    def to_wire(self) -> dict[str, Any]:
        """The ``ConnectorEntity`` the endpoint answers."""
        return {
            "name": self.name,
            "label": self.label if self.label is not None else self.name,
            "hasNestedEntities": self.has_nested_entities,
        }


def _entity(name: str, *fields: tuple[str, str], **extra: Any) -> CatalogEntity:
    return CatalogEntity(
        name=name,
        fields=[
            CatalogField(identifier=identifier, field_type=kind, primary_key=i == 0)
            for i, (identifier, kind) in enumerate(fields)
        ],
        **extra,
    )


BUILTIN_CATALOG: Mapping[str, tuple[CatalogEntity, ...]] = {
    "Salesforce": (
        _entity("Account", ("Id", "string"), ("Name", "string"), ("Industry", "string"),
                ("AnnualRevenue", "double"), ("CreatedDate", "datetime")),
        _entity("Contact", ("Id", "string"), ("AccountId", "string"), ("Email", "string"),
                ("LastName", "string"), ("CreatedDate", "datetime")),
        _entity("Opportunity", ("Id", "string"), ("AccountId", "string"),
                ("Amount", "double"), ("StageName", "string"), ("CloseDate", "date")),
    ),
    "S3": (
        _entity("appflow-example-bucket", group="Buckets", has_nested_entities=True),
        _entity("appflow-example-bucket/exports", ("id", "string"), ("payload", "string"),
                path="appflow-example-bucket", group="Folders"),
    ),
    "Zendesk": (
        _entity("tickets", ("id", "integer"), ("subject", "string"), ("status", "string"),
                ("updated_at", "datetime")),
        _entity("users", ("id", "integer"), ("name", "string"), ("email", "string")),
    ),
    "Servicenow": (
        _entity("incident", ("sys_id", "string"), ("short_description", "string"),
                ("priority", "integer"), ("sys_updated_on", "datetime")),
    ),
    "Slack": (
        _entity("conversations", ("id", "string"), ("name", "string"),
                ("is_archived", "boolean")),
    ),
}
"""The entities every endpoint starts with, by connector type."""
