"""Connector profiles: CreateConnectorProfile, UpdateConnectorProfile,
DescribeConnectorProfiles, DeleteConnectorProfile."""

from __future__ import annotations

import hashlib
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
    connector_type_of,
    copy_json,
    single_connector,
)
from appflow_typed.testing._resources._paging import Pages
from appflow_typed.testing._resources.connectors import Connectors
from appflow_typed.testing._resources.tags import Tags

__all__ = ["Profiles", "StoredCredentials", "StoredProfile"]


class StoredCredentials:
    """A profile's ``connectorProfileCredentials`` as the endpoint keeps them: equal to
    another of the same value (and to a mapping of the same items), never shown.

    Its ``repr`` is redacted, and it is neither a mapping nor iterable, so tools that show a
    value by drilling into it (pytest's assertion diff of two stored profiles, ``pprint``,
    debuggers, error trackers capturing locals) show only ``<credentials: redacted>``. Read
    the values with :meth:`reveal`.

    Examples:
        >>> stored = StoredCredentials({"Salesforce": {"accessToken": "token"}})
        >>> stored
        <credentials: redacted>
        >>> stored == {"Salesforce": {"accessToken": "token"}}
        True
        >>> stored.reveal()["Salesforce"]["accessToken"]
        'token'
    """

    __slots__ = ("_value",)

    def __init__(self, value: Mapping[str, Any]) -> None:
        """Keep a copy of ``value``."""
        self._value: dict[str, Any] = copy_json(dict(value))

    def __getstate__(self) -> dict[str, Any]:
        return {"value": self._value}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._value = state["value"]

    def reveal(self) -> dict[str, Any]:
        """A copy of the credentials, in wire names (e.g. ``{"Salesforce": {...}}``)."""
        return copy_json(self._value)  # type: ignore[no-any-return]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredCredentials):
            return self._value == other._value
        if isinstance(other, Mapping):
            return self._value == dict(other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # equal to mutable mappings

    def __repr__(self) -> str:
        return "<credentials: redacted>"


def _credentials(
    value: StoredCredentials | Mapping[str, Any] | None,
) -> StoredCredentials | None:
    if value is None or isinstance(value, StoredCredentials):
        return value
    return StoredCredentials(value)


@attrs.frozen(kw_only=True)
class StoredProfile:
    """A connector profile, as the endpoint stores it: credentials included, as AWS keeps
    them (they are never returned by an operation, nor shown by ``repr``)."""

    name: str
    """The connector profile name (its key)."""

    arn: str
    """``arn:aws:appflow:<region>:<account>:connectorprofile/<name>``."""

    connector_type: str
    """The ``ConnectorType`` value, e.g. ``Salesforce`` or ``CustomConnector``."""

    connector_label: str | None
    """The custom connector's label (``CustomConnector`` profiles only)."""

    connection_mode: str
    """``Public`` or ``Private``."""

    properties: Mapping[str, Any]
    """``connectorProfileProperties`` as sent (wire names)."""

    credentials: StoredCredentials | None = attrs.field(repr=False, converter=_credentials)
    """``connectorProfileCredentials`` as last sent, or ``None`` if never sent: compared by
    value, shown by no ``repr`` or assertion diff; :meth:`StoredCredentials.reveal` reads
    them."""

    kms_arn: str | None
    """The KMS key ARN given at creation."""

    credentials_arn: str
    """The (fictitious) Secrets Manager secret holding the credentials."""

    created_at: float
    """The endpoint's clock at creation."""

    last_updated_at: float
    """The endpoint's clock at the last update."""


class Profiles(Family):
    """The connector profiles, by name, in creation order."""

    OPERATIONS: ClassVar[Mapping[str, str]] = {
        "CreateConnectorProfile": "_create",
        "UpdateConnectorProfile": "_update",
        "DescribeConnectorProfiles": "_describe",
        "DeleteConnectorProfile": "_delete",
    }

    def __init__(
        self,
        context: Context,
        pages: Pages,
        tags: Tags,
        connectors: Connectors,
        *,
        users: Callable[[str], list[str]],
    ) -> None:
        """``users(name)`` names the flows that use the profile ``name``."""
        self._context = context
        self._pages = pages
        self._tags = tags
        self._connectors = connectors
        self._users = users
        self.records: dict[str, StoredProfile] = {}

    def get(self, name: str) -> StoredProfile:
        """The profile ``name``.

        Raises:
            ApiError: ``ResourceNotFoundException``.
        """
        found = self.records.get(name)
        if found is None:
            raise ApiError(
                "ResourceNotFoundException",
                f"Connector profile with name {name} does not exist.",
            )
        return found

    def using_connector(self, label: str) -> list[str]:
        """The names of the profiles of the custom connector ``label``, sorted."""
        return sorted(p.name for p in self.records.values() if p.connector_label == label)

    @staticmethod
    def _check_config(connector_type: str, config: Mapping[str, Any]) -> None:
        member = single_connector(
            config["connectorProfileProperties"],
            "connectorProfileConfig.connectorProfileProperties",
        )
        if connector_type_of(member) != connector_type:
            raise ApiError(
                "ValidationException",
                f"connectorProfileConfig.connectorProfileProperties names {member}, which does "
                f"not match connectorType {connector_type}.",
            )
        credentials = config.get("connectorProfileCredentials")
        if credentials is not None:
            credentials_member = single_connector(
                credentials, "connectorProfileConfig.connectorProfileCredentials"
            )
            if credentials_member != member:
                raise ApiError(
                    "ValidationException",
                    f"connectorProfileConfig.connectorProfileCredentials names "
                    f"{credentials_member}, which does not match the properties' {member}.",
                )

    def _create(self, body: Body, token: str | None) -> Json:
        """``CustomConnector`` profiles need a ``connectorLabel`` (a missing one is a
        ``ValidationException``) naming a registered connector; other types refuse a
        ``connectorLabel``.

        An unregistered label is answered as the service answers it, HTTP 404
        ``ResourceNotFoundException`` (although the operation does not model it):
        "Connector:MS_SharePoint_Connector is not registered. Please register it first
        before creating ConnectorProfile. (Service: Appflow, Status Code: 404 ...)"
        (https://github.com/cdklabs/cdk-appflow/issues/21; the same message for a BigQuery
        label in https://github.com/hashicorp/terraform-provider-aws/issues/37826)."""
        name = body["connectorProfileName"]
        connector_type = body["connectorType"]
        label = body.get("connectorLabel")
        if connector_type == CUSTOM:
            if label is None:
                raise ApiError(
                    "ValidationException",
                    "connectorLabel is required when connectorType is CustomConnector.",
                )
            if label not in self._connectors.records:
                raise ApiError(
                    "ResourceNotFoundException",
                    f"Connector:{label} is not registered. Please register it first before "
                    "creating ConnectorProfile.",
                )
        elif label is not None:
            raise ApiError(
                "ValidationException",
                "connectorLabel is only valid when connectorType is CustomConnector.",
            )
        config = body["connectorProfileConfig"]
        self._check_config(connector_type, config)
        if name in self.records:
            raise ApiError(
                "ConflictException", f"Connector profile with name {name} already exists."
            )
        now = self._context.clock()
        region, account = self._context.region, self._context.account
        digest = hashlib.sha256(f"{name}:{now}".encode()).hexdigest()[:6]
        credentials = config.get("connectorProfileCredentials")
        profile = StoredProfile(
            name=name,
            arn=self._context.arn("connectorprofile", name),
            connector_type=connector_type,
            connector_label=label,
            connection_mode=body["connectionMode"],
            properties=copy_json(dict(config["connectorProfileProperties"])),
            credentials=credentials,
            kms_arn=body.get("kmsArn"),
            credentials_arn=(
                f"arn:aws:secretsmanager:{region}:{account}:secret:"
                f"appflow!{account}-{name}-{int(now * 1000)}-{digest}"
            ),
            created_at=now,
            last_updated_at=now,
        )
        self.records[name] = profile
        self._context.effect("CreateConnectorProfile", name, token)
        return {"connectorProfileArn": profile.arn}

    def _update(self, body: Body, token: str | None) -> Json:
        """The properties must name the profile's connector; credentials are replaced when
        given and kept otherwise."""
        profile = self.get(body["connectorProfileName"])
        config = body["connectorProfileConfig"]
        self._check_config(profile.connector_type, config)
        credentials = config.get("connectorProfileCredentials")
        self.records[profile.name] = attrs.evolve(
            profile,
            connection_mode=body["connectionMode"],
            properties=copy_json(dict(config["connectorProfileProperties"])),
            credentials=profile.credentials if credentials is None else credentials,
            last_updated_at=self._context.clock(),
        )
        self._context.effect("UpdateConnectorProfile", profile.name, token)
        return {"connectorProfileArn": profile.arn}

    @staticmethod
    def _shape(profile: StoredProfile) -> Json:
        """A ``ConnectorProfile``: properties yes, credentials never."""
        shape: Json = {
            "connectorProfileArn": profile.arn,
            "connectorProfileName": profile.name,
            "connectorType": profile.connector_type,
            "connectionMode": profile.connection_mode,
            "credentialsArn": profile.credentials_arn,
            "connectorProfileProperties": copy_json(dict(profile.properties)),
            "createdAt": profile.created_at,
            "lastUpdatedAt": profile.last_updated_at,
        }
        if profile.connector_label is not None:
            shape["connectorLabel"] = profile.connector_label
        if profile.connection_mode == "Private":
            shape["privateConnectionProvisioningState"] = {"status": "CREATED"}
        return shape

    def _describe(self, body: Body, token: str | None) -> Json:
        """Profiles in creation order, filtered by every filter given; names not found are
        left out (no error), as the service does."""
        names = body.get("connectorProfileNames")
        connector_type = body.get("connectorType")
        label = body.get("connectorLabel")
        found = [
            p
            for p in self.records.values()
            if (not names or p.name in names)
            and (connector_type is None or p.connector_type == connector_type)
            and (label is None or p.connector_label == label)
        ]
        return self._pages.answer(
            "DescribeConnectorProfiles", "connectorProfileDetails", found, body, self._shape
        )

    def _delete(self, body: Body, token: str | None) -> Json:
        """AWS: ``forceDelete`` "Indicates whether Amazon AppFlow should delete the profile,
        even if it is currently in use in one or more flows": a profile a flow uses is a
        ``ConflictException`` without it. Flows using a force-deleted profile stay; starting
        one is then a ``ResourceNotFoundException``."""
        profile = self.get(body["connectorProfileName"])
        in_use = self._users(profile.name)
        if in_use and not body.get("forceDelete", False):
            raise ApiError(
                "ConflictException",
                f"Connector profile {profile.name} is in use by flows {', '.join(in_use)}; "
                "delete with forceDelete to proceed.",
            )
        del self.records[profile.name]
        self._tags.drop(profile.arn)
        self._context.effect("DeleteConnectorProfile", profile.name, token)
        return {}
