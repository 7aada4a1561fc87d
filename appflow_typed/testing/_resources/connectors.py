"""Custom connectors: RegisterConnector, UpdateConnectorRegistration, UnregisterConnector,
DescribeConnector, DescribeConnectors, ListConnectors."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import attrs

from appflow_typed.testing._resources._common import (
    CUSTOM,
    ApiError,
    Body,
    Context,
    Family,
    Json,
    copy_json,
)
from appflow_typed.testing._resources._paging import Pages
from appflow_typed.testing._resources.tags import Tags

__all__ = ["Connectors", "StoredConnector"]


@attrs.frozen(kw_only=True)
class StoredConnector:
    """A registered custom connector, as the endpoint stores it."""

    label: str
    """The connector label (its key)."""

    arn: str
    """``arn:aws:appflow:<region>:<account>:connector/<label>``."""

    description: str | None
    """The registration's description."""

    provisioning_type: str
    """``connectorProvisioningType`` (``LAMBDA``)."""

    provisioning_config: Mapping[str, Any]
    """``connectorProvisioningConfig`` as sent (wire names)."""

    registered_at: float
    """The endpoint's clock at registration."""

    updated_at: float
    """The endpoint's clock at the last update (the registration time if never updated)."""


def _lambda_config(body: Body) -> Mapping[str, Any] | None:
    config = body.get("connectorProvisioningConfig")
    if config is None:
        return None
    return config.get("lambda")  # type: ignore[no-any-return]


class Connectors(Family):
    """The registered custom connectors, by label, in registration order."""

    OPERATIONS: ClassVar[Mapping[str, str]] = {
        "RegisterConnector": "_register",
        "UpdateConnectorRegistration": "_update",
        "UnregisterConnector": "_unregister",
        "DescribeConnector": "_describe",
        "DescribeConnectors": "_describe_many",
        "ListConnectors": "_list",
    }

    def __init__(
        self, context: Context, pages: Pages, tags: Tags, *, users: Callable[[str], list[str]]
    ) -> None:
        """``users(label)`` names the connector profiles that use the connector ``label``."""
        self._context = context
        self._pages = pages
        self._tags = tags
        self._users = users
        self.records: dict[str, StoredConnector] = {}

    def get(self, label: str) -> StoredConnector:
        """The connector registered as ``label``.

        Raises:
            ApiError: ``ResourceNotFoundException``.
        """
        found = self.records.get(label)
        if found is None:
            raise ApiError(
                "ResourceNotFoundException", f"Connector with label {label} does not exist."
            )
        return found

    def _register(self, body: Body, token: str | None) -> Json:
        label = body.get("connectorLabel")
        if label is None:
            raise ApiError(
                "ValidationException", "connectorLabel is required to register a connector."
            )
        provisioning = body.get("connectorProvisioningType")
        if provisioning is None:
            raise ApiError(
                "ValidationException",
                "connectorProvisioningType is required to register a connector.",
            )
        if provisioning == "LAMBDA" and _lambda_config(body) is None:
            raise ApiError(
                "ValidationException",
                "connectorProvisioningConfig.lambda is required when "
                "connectorProvisioningType is LAMBDA.",
            )
        if label in self.records:
            raise ApiError(
                "ConflictException", f"Connector with label {label} is already registered."
            )
        now = self._context.clock()
        connector = StoredConnector(
            label=label,
            arn=self._context.arn("connector", label),
            description=body.get("description"),
            provisioning_type=provisioning,
            provisioning_config=copy_json(dict(body["connectorProvisioningConfig"])),
            registered_at=now,
            updated_at=now,
        )
        self.records[label] = connector
        self._context.effect("RegisterConnector", label, token)
        return {"connectorArn": connector.arn}

    def _update(self, body: Body, token: str | None) -> Json:
        connector = self.get(body["connectorLabel"])
        changes: dict[str, Any] = {"updated_at": self._context.clock()}
        if "description" in body:
            changes["description"] = body["description"]
        if body.get("connectorProvisioningConfig") is not None:
            if connector.provisioning_type == "LAMBDA" and _lambda_config(body) is None:
                raise ApiError(
                    "ValidationException",
                    "connectorProvisioningConfig.lambda is required for a LAMBDA connector.",
                )
            changes["provisioning_config"] = copy_json(
                dict(body["connectorProvisioningConfig"])
            )
        self.records[connector.label] = attrs.evolve(connector, **changes)
        self._context.effect("UpdateConnectorRegistration", connector.label, token)
        return {"connectorArn": connector.arn}

    def _unregister(self, body: Body, token: str | None) -> Json:
        """AWS: ``forceDelete`` "Indicates whether Amazon AppFlow should unregister the
        connector, even if it is currently in use in one or more connector profiles": a
        connector a profile uses (and so any flow through it) is a ``ConflictException``
        without it. Profiles and flows that use the connector stay; such a flow cannot start
        again (``ResourceNotFoundException``) until the label is registered again."""
        connector = self.get(body["connectorLabel"])
        in_use = self._users(connector.label)
        if in_use and not body.get("forceDelete", False):
            raise ApiError(
                "ConflictException",
                f"Connector {connector.label} is in use by connector profiles "
                f"{', '.join(in_use)}; unregister with forceDelete to proceed.",
            )
        del self.records[connector.label]
        self._tags.drop(connector.arn)
        self._context.effect("UnregisterConnector", connector.label, token)
        return {}

    def _detail(self, connector: StoredConnector) -> Json:
        account = self._context.account
        detail: Json = {
            "connectorName": connector.label,
            "connectorOwner": account,
            "connectorVersion": "1.0",
            "applicationType": CUSTOM,
            "connectorType": CUSTOM,
            "connectorLabel": connector.label,
            "registeredAt": connector.registered_at,
            "registeredBy": account,
            "connectorProvisioningType": connector.provisioning_type,
            "connectorModes": ["SOURCE", "DESTINATION"],
            "supportedDataTransferTypes": ["RECORD"],
        }
        if connector.description is not None:
            detail["connectorDescription"] = connector.description
        return detail

    def _custom_configuration(self, connector: StoredConnector) -> Json:
        account = self._context.account
        config: Json = {
            "canUseAsSource": True,
            "canUseAsDestination": True,
            "supportedDestinationConnectors": [],
            "supportedSchedulingFrequencies": ["BYMINUTE", "HOURLY", "DAILY", "WEEKLY", "ONCE"],
            "isPrivateLinkEnabled": False,
            "isPrivateLinkEndpointUrlRequired": False,
            "supportedTriggerTypes": ["Scheduled", "OnDemand"],
            "connectorType": CUSTOM,
            "connectorLabel": connector.label,
            "connectorOwner": account,
            "connectorName": connector.label,
            "connectorVersion": "1.0",
            "connectorArn": connector.arn,
            "connectorModes": ["SOURCE", "DESTINATION"],
            "authenticationConfig": {
                "isBasicAuthSupported": True,
                "isApiKeyAuthSupported": True,
                "isOAuth2Supported": True,
                "isCustomAuthSupported": True,
            },
            "connectorProvisioningType": connector.provisioning_type,
            "connectorProvisioningConfig": copy_json(dict(connector.provisioning_config)),
            "registeredAt": connector.registered_at,
            "registeredBy": account,
            "supportedDataTransferTypes": ["RECORD"],
        }
        if connector.description is not None:
            config["connectorDescription"] = connector.description
        return config

    @staticmethod
    def _builtin_configuration(connector_type: str) -> Json:
        destinations = {"Redshift", "S3", "Salesforce", "Snowflake", "Upsolver", "EventBridge",
                        "LookoutMetrics", "Honeycode", "CustomerProfiles", "Zendesk", "Marketo",
                        "SAPOData"}
        return {
            "canUseAsSource": connector_type not in {"Redshift", "Snowflake", "Upsolver",
                                                     "EventBridge", "LookoutMetrics",
                                                     "Honeycode", "CustomerProfiles"},
            "canUseAsDestination": connector_type in destinations,
            "supportedDestinationConnectors": sorted(destinations),
            "supportedSchedulingFrequencies": ["BYMINUTE", "HOURLY", "DAILY", "WEEKLY", "ONCE"],
            "isPrivateLinkEnabled": False,
            "isPrivateLinkEndpointUrlRequired": False,
            "supportedTriggerTypes": ["Scheduled", "Event", "OnDemand"],
            "connectorType": connector_type,
            "connectorName": connector_type,
            "connectorOwner": "AWS",
            "connectorVersion": "1.0",
            "connectorModes": ["SOURCE", "DESTINATION"],
            "supportedDataTransferTypes": ["RECORD"],
        }

    @staticmethod
    def _connector_types() -> list[str]:
        from appflow_typed.testing._model import service_model

        return list(service_model().shapes["ConnectorType"]["enum"])

    def _describe(self, body: Body, token: str | None) -> Json:
        connector_type = body["connectorType"]
        if connector_type != CUSTOM:
            return {"connectorConfiguration": self._builtin_configuration(connector_type)}
        label = body.get("connectorLabel")
        if label is None:
            raise ApiError(
                "ValidationException",
                "connectorLabel is required when connectorType is CustomConnector.",
            )
        return {"connectorConfiguration": self._custom_configuration(self.get(label))}

    def _describe_many(self, body: Body, token: str | None) -> Json:
        """One sequence is paginated: the built-in types asked for (``connectorConfigurations``)
        first, in the order asked, then registered custom connectors (``connectors``) when
        ``CustomConnector`` is asked for. No ``connectorTypes`` means every type."""
        wanted = body.get("connectorTypes") or self._connector_types()
        items: list[tuple[str, Any]] = [("builtin", t) for t in dict.fromkeys(wanted)
                                         if t != CUSTOM]
        if CUSTOM in wanted:
            items.extend(("custom", c) for c in self.records.values())
        page, next_token = self._pages.page("DescribeConnectors", items, body)
        result: Json = {
            "connectorConfigurations": {
                t: self._builtin_configuration(t) for kind, t in page if kind == "builtin"
            },
            "connectors": [self._detail(c) for kind, c in page if kind == "custom"],
        }
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    def _list(self, body: Body, token: str | None) -> Json:
        """Registered custom connectors only, in registration order (as the service lists
        only connectors registered in the account)."""
        return self._pages.answer(
            "ListConnectors", "connectors", list(self.records.values()), body, self._detail
        )
