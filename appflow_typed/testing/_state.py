"""The endpoint's state: connectors, connector profiles, flows and their runs, tags, the entity
catalog's extensions, clientTokens and effects.

The operations follow the service's documented semantics; where AWS leaves a choice open, the
choice is written down on the handler.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import threading
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from appflow_typed._window import IDEMPOTENCY_WINDOW_SECONDS
from appflow_typed.models._no_profile import CONNECTORS_WITHOUT_PROFILE as _PROFILELESS
from appflow_typed.models._schema import CONNECTOR_TYPE_OF_MEMBER
from appflow_typed.testing._catalog import BUILTIN_CATALOG, CatalogEntity

__all__ = [
    "DEFAULT_MAX_RESULTS",
    "HANDLERS",
    "IDEMPOTENCY_WINDOW_SECONDS",
    "STATE_FORMAT",
    "ApiError",
    "Effect",
    "Store",
    "StoredConnector",
    "StoredExecution",
    "StoredFlow",
    "StoredProfile",
]

DEFAULT_MAX_RESULTS = 20
"""Page size of the paginated operations when ``maxResults`` is absent (the service's
documented default)."""

_CUSTOM = "CustomConnector"

_CACHE_SECONDS = 3600.0
"""How long listed and described entities are cached: "Amazon AppFlow automatically resets the
cache once every hour" (ResetConnectorMetadataCache)."""

_MAX_TAGS = 50
"""Tags per resource: the model's ``TagMap`` holds at most 50."""

_RUNNING = frozenset({"InProgress", "CancelStarted"})
"""Execution statuses of a run that has not ended."""

STATE_FORMAT = "appflow-typed-local-state/1"
"""The ``format`` of a saved state (see :meth:`Store.snapshot`)."""

Body = Mapping[str, Any]
Json = dict[str, Any]


def _copy(value: Any) -> Any:
    """A deep copy of JSON data (much faster than ``copy.deepcopy``)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def connector_type_of(member: str) -> str:
    """The ``ConnectorType`` value of a connector-keyed member name (the member itself for
    one the generated models do not know yet)."""
    return CONNECTOR_TYPE_OF_MEMBER.get(member, member)


class ApiError(Exception):
    """An AWS error answer: a modeled error code and its message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@attrs.frozen(kw_only=True)
class Effect:
    """One committed state change."""

    operation: str
    """The operation that made it, e.g. ``RegisterConnector``."""

    resource: str
    """What changed: the connector label, connector profile name or flow name; the ARN for
    TagResource and UntagResource; for ResetConnectorMetadataCache, the profile name (or
    the connector type when no profile is named)."""

    client_token: str | None
    """The request's clientToken (``None`` for operations without one)."""

    time: float
    """The endpoint's clock when the change was committed."""


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

    credentials: Mapping[str, Any] | None = attrs.field(repr=False)
    """``connectorProfileCredentials`` as last sent, or ``None`` if never sent."""

    kms_arn: str | None
    """The KMS key ARN given at creation."""

    credentials_arn: str
    """The (fictitious) Secrets Manager secret holding the credentials."""

    created_at: float
    """The endpoint's clock at creation."""

    last_updated_at: float
    """The endpoint's clock at the last update."""


@attrs.frozen(kw_only=True)
class StoredFlow:
    """A flow, as the endpoint stores it (configurations in wire names, as sent)."""

    name: str
    """The flow name (its key)."""

    arn: str
    """``arn:aws:appflow:<region>:<account>:flow/<name>``."""

    description: str | None
    """The flow's description."""

    kms_arn: str | None
    """The KMS key ARN given at creation."""

    status: str
    """The ``FlowStatus``: ``Active``, ``Draft`` or ``Suspended`` on the local endpoint."""

    trigger_config: Mapping[str, Any]
    """``triggerConfig``."""

    source_flow_config: Mapping[str, Any]
    """``sourceFlowConfig``."""

    destination_flow_config_list: list[Mapping[str, Any]]
    """``destinationFlowConfigList`` (one destination)."""

    tasks: list[Mapping[str, Any]]
    """``tasks``."""

    metadata_catalog_config: Mapping[str, Any] | None
    """``metadataCatalogConfig``, if given."""

    created_at: float
    """The endpoint's clock at creation."""

    last_updated_at: float
    """The endpoint's clock at the last update (or activation, deactivation)."""

    @property
    def trigger_type(self) -> str:
        """``OnDemand``, ``Scheduled`` or ``Event``."""
        return str(self.trigger_config["triggerType"])

    @property
    def profile_names(self) -> list[str]:
        """The connector profiles the flow's source and destination use."""
        configs = [self.source_flow_config, *self.destination_flow_config_list]
        return [c["connectorProfileName"] for c in configs if c.get("connectorProfileName")]


@attrs.frozen(kw_only=True)
class StoredExecution:
    """One run of a flow."""

    execution_id: str
    """The ``executionId`` StartFlow answered."""

    flow_name: str
    """The flow it ran."""

    status: str
    """The ``ExecutionStatus``: ``InProgress``, ``Successful``, ``Error``, ``CancelStarted``
    or ``Canceled``."""

    message: str | None
    """The ``executionMessage`` of a failed run."""

    started_at: float
    """The endpoint's clock when it started."""

    last_updated_at: float
    """The endpoint's clock at its last status change."""


@attrs.frozen
class _TokenEntry:
    params: Json
    first_seen: float
    response: Json


class Store:
    """All state of one endpoint, guarded by one lock."""

    def __init__(self, *, region: str, account_id: str, clock: Callable[[], float]) -> None:
        self._region = region
        self._account = account_id
        self._clock = clock
        self.lock = threading.RLock()
        self._secret = os.urandom(16)
        self.connectors: dict[str, StoredConnector] = {}
        self.profiles: dict[str, StoredProfile] = {}
        self.flows: dict[str, StoredFlow] = {}
        self.executions: dict[str, StoredExecution] = {}
        self.tags: dict[str, dict[str, str]] = {}
        self.added_entities: dict[str, dict[tuple[str | None, str], CatalogEntity]] = {}
        self.effects: list[Effect] = []
        self._tokens: dict[tuple[str, str], _TokenEntry] = {}
        self._entity_cache: dict[tuple[Any, ...], tuple[float, Any]] = {}
        self.hold = False
        self._failures: dict[str, list[str]] = {}
        self._held_failures: dict[str, str] = {}

    def clear(self) -> None:
        """Forget every connector, profile, flow, run, tag, catalog extension, token and
        effect, and the run controls (held runs, failures asked for)."""
        with self.lock:
            self.connectors.clear()
            self.profiles.clear()
            self.flows.clear()
            self.executions.clear()
            self.tags.clear()
            self.added_entities.clear()
            self.effects.clear()
            self._tokens.clear()
            self._entity_cache.clear()
            self.hold = False
            self._failures.clear()
            self._held_failures.clear()

    def snapshot(self) -> Json:
        """What outlives a run, as JSON data (format: :data:`STATE_FORMAT`).

        Connectors, profiles (credentials included), flows, their runs, tags, the entities
        added to the catalog and the clientTokens still within their window. Not kept: effects
        (this run's history), page tokens (they do not survive a restart), the entity cache and
        the run controls (:meth:`hold`, :meth:`fail_next`).
        """
        with self.lock:
            now = self._clock()
            return {
                "format": STATE_FORMAT,
                "region": self._region,
                "accountId": self._account,
                "connectors": [_copy(attrs.asdict(c)) for c in self.connectors.values()],
                "profiles": [_copy(attrs.asdict(p)) for p in self.profiles.values()],
                "flows": [_copy(attrs.asdict(f)) for f in self.flows.values()],
                "executions": [attrs.asdict(e) for e in self.executions.values()],
                "tags": _copy(self.tags),
                "entities": [
                    {"connector": connector, **attrs.asdict(entity)}
                    for connector, entities in self.added_entities.items()
                    for entity in entities.values()
                ],
                "clientTokens": [
                    {
                        "operation": operation,
                        "token": token,
                        "firstSeen": entry.first_seen,
                        "params": entry.params,
                        "response": entry.response,
                    }
                    for (operation, token), entry in self._tokens.items()
                    if now - entry.first_seen <= IDEMPOTENCY_WINDOW_SECONDS
                ],
            }

    def restore(self, data: object) -> None:
        """Replace the state with a :meth:`snapshot`'s.

        Raises:
            ValueError: Not a snapshot of this format, or of another region or account.
        """
        if not isinstance(data, Mapping) or data.get("format") != STATE_FORMAT:
            raise ValueError(f"not a local AppFlow state (expected format {STATE_FORMAT!r})")
        where = (data.get("region"), data.get("accountId"))
        if where != (self._region, self._account):
            raise ValueError(
                f"the state is of region {where[0]!r}, account {where[1]!r}; this endpoint "
                f"serves region {self._region!r}, account {self._account!r}"
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
            tokens = {
                (t["operation"], t["token"]): _TokenEntry(t["params"], t["firstSeen"], t["response"])
                for t in data["clientTokens"]
            }
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"malformed local AppFlow state: {error!r}") from None
        with self.lock:
            self.clear()
            self.connectors.update((c.label, c) for c in connectors)
            self.profiles.update((p.name, p) for p in profiles)
            self.flows.update((f.name, f) for f in flows)
            self.executions.update((e.execution_id, e) for e in executions)
            self.tags.update(tags)
            for connector, entity in entities:
                self.add_entity(connector, entity)
            self._tokens.update(tokens)

    def execute(self, operation: str, body: Body, token_member: str | None) -> Json:
        """Apply ``operation`` (whose body passed model validation) and return the response.

        With a clientToken, a request repeating one seen within
        :data:`IDEMPOTENCY_WINDOW_SECONDS` gets the original response again and changes
        nothing. The same token with different parameters is answered with
        ``ConflictException``: the service documents only that "an error occurs", and
        ``ConflictException`` (modeled on all four operations with a clientToken) is its
        error for a request that conflicts with a previous one. Only successful responses are
        remembered: a request that failed may be re-sent with its token and is then handled
        anew.

        Raises:
            ApiError: The service's error answer.
        """
        handler = HANDLERS[operation]
        with self.lock:
            token = None if token_member is None else body.get(token_member)
            if not isinstance(token, str):
                return handler(self, body, None)
            params = {k: v for k, v in body.items() if k != token_member}
            key = (operation, token)
            now = self._clock()
            entry = self._tokens.get(key)
            if entry is not None and now - entry.first_seen <= IDEMPOTENCY_WINDOW_SECONDS:
                if entry.params == params:
                    return entry.response
                raise ApiError(
                    "ConflictException",
                    f"clientToken {token!r} was already used with different parameters for "
                    f"{operation} within the last {IDEMPOTENCY_WINDOW_SECONDS // 3600} hours. Use a new clientToken for a "
                    "different request.",
                )
            response = handler(self, body, token)
            # Bodies and responses are fresh objects from JSON that nothing mutates.
            self._tokens[key] = _TokenEntry(params, now, response)
            return response

    # -- helpers ---------------------------------------------------------------------------

    def _arn(self, kind: str, name: str) -> str:
        return f"arn:aws:appflow:{self._region}:{self._account}:{kind}/{name}"

    def _effect(self, operation: str, resource: str, token: str | None) -> None:
        self.effects.append(
            Effect(operation=operation, resource=resource, client_token=token, time=self._clock())
        )

    def _page(self, operation: str, items: list[Any], body: Body) -> tuple[list[Any], str | None]:
        size = body.get("maxResults", DEFAULT_MAX_RESULTS)
        start = 0
        token = body.get("nextToken")
        if token is not None:
            start = self._decode_page_token(operation, token)
        end = start + size
        next_token = self._encode_page_token(operation, end) if end < len(items) else None
        return items[start:end], next_token

    def _signature(self, operation: str, offset: int) -> str:
        mac = hmac.new(self._secret, f"{operation}:{offset}".encode(), hashlib.sha256)
        return mac.hexdigest()[:24]

    def _encode_page_token(self, operation: str, offset: int) -> str:
        raw = json.dumps({"o": offset, "s": self._signature(operation, offset)})
        return base64.urlsafe_b64encode(raw.encode()).decode()

    def _decode_page_token(self, operation: str, token: str) -> int:
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

    def _connector(self, label: str) -> StoredConnector:
        found = self.connectors.get(label)
        if found is None:
            raise ApiError(
                "ResourceNotFoundException", f"Connector with label {label} does not exist."
            )
        return found

    def _profile(self, name: str) -> StoredProfile:
        found = self.profiles.get(name)
        if found is None:
            raise ApiError(
                "ResourceNotFoundException",
                f"Connector profile with name {name} does not exist.",
            )
        return found

    # -- connectors ------------------------------------------------------------------------

    def _lambda_config(self, body: Body) -> Mapping[str, Any] | None:
        config = body.get("connectorProvisioningConfig")
        if config is None:
            return None
        return config.get("lambda")  # type: ignore[no-any-return]

    def _register_connector(self, body: Body, token: str | None) -> Json:
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
        if provisioning == "LAMBDA" and self._lambda_config(body) is None:
            raise ApiError(
                "ValidationException",
                "connectorProvisioningConfig.lambda is required when "
                "connectorProvisioningType is LAMBDA.",
            )
        if label in self.connectors:
            raise ApiError(
                "ConflictException", f"Connector with label {label} is already registered."
            )
        now = self._clock()
        connector = StoredConnector(
            label=label,
            arn=self._arn("connector", label),
            description=body.get("description"),
            provisioning_type=provisioning,
            provisioning_config=_copy(dict(body["connectorProvisioningConfig"])),
            registered_at=now,
            updated_at=now,
        )
        self.connectors[label] = connector
        self._effect("RegisterConnector", label, token)
        return {"connectorArn": connector.arn}

    def _update_connector_registration(self, body: Body, token: str | None) -> Json:
        connector = self._connector(body["connectorLabel"])
        changes: dict[str, Any] = {"updated_at": self._clock()}
        if "description" in body:
            changes["description"] = body["description"]
        if body.get("connectorProvisioningConfig") is not None:
            if connector.provisioning_type == "LAMBDA" and self._lambda_config(body) is None:
                raise ApiError(
                    "ValidationException",
                    "connectorProvisioningConfig.lambda is required for a LAMBDA connector.",
                )
            changes["provisioning_config"] = _copy(
                dict(body["connectorProvisioningConfig"])
            )
        self.connectors[connector.label] = attrs.evolve(connector, **changes)
        self._effect("UpdateConnectorRegistration", connector.label, token)
        return {"connectorArn": connector.arn}

    def _unregister_connector(self, body: Body, token: str | None) -> Json:
        """AWS: ``forceDelete`` "Indicates whether Amazon AppFlow should unregister the
        connector, even if it is currently in use in one or more connector profiles": a
        connector a profile uses (and so any flow through it) is a ``ConflictException``
        without it. Profiles and flows that use the connector stay; such a flow cannot start
        again (``ResourceNotFoundException``) until the label is registered again."""
        connector = self._connector(body["connectorLabel"])
        in_use = sorted(
            p.name for p in self.profiles.values() if p.connector_label == connector.label
        )
        if in_use and not body.get("forceDelete", False):
            raise ApiError(
                "ConflictException",
                f"Connector {connector.label} is in use by connector profiles "
                f"{', '.join(in_use)}; unregister with forceDelete to proceed.",
            )
        del self.connectors[connector.label]
        self.tags.pop(connector.arn, None)
        self._effect("UnregisterConnector", connector.label, token)
        return {}

    def _connector_detail(self, connector: StoredConnector) -> Json:
        detail: Json = {
            "connectorName": connector.label,
            "connectorOwner": self._account,
            "connectorVersion": "1.0",
            "applicationType": _CUSTOM,
            "connectorType": _CUSTOM,
            "connectorLabel": connector.label,
            "registeredAt": connector.registered_at,
            "registeredBy": self._account,
            "connectorProvisioningType": connector.provisioning_type,
            "connectorModes": ["SOURCE", "DESTINATION"],
            "supportedDataTransferTypes": ["RECORD"],
        }
        if connector.description is not None:
            detail["connectorDescription"] = connector.description
        return detail

    def _custom_configuration(self, connector: StoredConnector) -> Json:
        config: Json = {
            "canUseAsSource": True,
            "canUseAsDestination": True,
            "supportedDestinationConnectors": [],
            "supportedSchedulingFrequencies": ["BYMINUTE", "HOURLY", "DAILY", "WEEKLY", "ONCE"],
            "isPrivateLinkEnabled": False,
            "isPrivateLinkEndpointUrlRequired": False,
            "supportedTriggerTypes": ["Scheduled", "OnDemand"],
            "connectorType": _CUSTOM,
            "connectorLabel": connector.label,
            "connectorOwner": self._account,
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
            "connectorProvisioningConfig": _copy(dict(connector.provisioning_config)),
            "registeredAt": connector.registered_at,
            "registeredBy": self._account,
            "supportedDataTransferTypes": ["RECORD"],
        }
        if connector.description is not None:
            config["connectorDescription"] = connector.description
        return config

    def _builtin_configuration(self, connector_type: str) -> Json:
        destinations = {"Redshift", "S3", "Salesforce", "Snowflake", "Upsolver", "EventBridge",
                        "LookoutMetrics", "Honeycode", "CustomerProfiles", "Zendesk", "Marketo",
                        "SAPOData"}
        config: Json = {
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
        return config

    def _connector_types(self) -> list[str]:
        from appflow_typed.testing._model import service_model

        return list(service_model().shapes["ConnectorType"]["enum"])

    def _describe_connector(self, body: Body, token: str | None) -> Json:
        connector_type = body["connectorType"]
        if connector_type != _CUSTOM:
            return {"connectorConfiguration": self._builtin_configuration(connector_type)}
        label = body.get("connectorLabel")
        if label is None:
            raise ApiError(
                "ValidationException",
                "connectorLabel is required when connectorType is CustomConnector.",
            )
        return {"connectorConfiguration": self._custom_configuration(self._connector(label))}

    def _describe_connectors(self, body: Body, token: str | None) -> Json:
        """One sequence is paginated: the built-in types asked for (``connectorConfigurations``)
        first, in the order asked, then registered custom connectors (``connectors``) when
        ``CustomConnector`` is asked for. No ``connectorTypes`` means every type."""
        wanted = body.get("connectorTypes") or self._connector_types()
        items: list[tuple[str, Any]] = [("builtin", t) for t in dict.fromkeys(wanted)
                                         if t != _CUSTOM]
        if _CUSTOM in wanted:
            items.extend(("custom", c) for c in self.connectors.values())
        page, next_token = self._page("DescribeConnectors", items, body)
        result: Json = {
            "connectorConfigurations": {
                t: self._builtin_configuration(t) for kind, t in page if kind == "builtin"
            },
            "connectors": [self._connector_detail(c) for kind, c in page if kind == "custom"],
        }
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    def _list_connectors(self, body: Body, token: str | None) -> Json:
        """Registered custom connectors only, in registration order (as the service lists
        only connectors registered in the account)."""
        page, next_token = self._page("ListConnectors", list(self.connectors.values()), body)
        result: Json = {"connectors": [self._connector_detail(c) for c in page]}
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    # -- connector profiles ----------------------------------------------------------------

    def _single_connector(self, mapping: Mapping[str, Any], what: str) -> str:
        present = [k for k, v in mapping.items() if v is not None]
        if len(present) != 1:
            raise ApiError(
                "ValidationException",
                f"{what} must name exactly one connector; it names {len(present)}.",
            )
        return present[0]

    def _check_profile_config(self, connector_type: str, config: Mapping[str, Any]) -> None:
        member = self._single_connector(
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
            credentials_member = self._single_connector(
                credentials, "connectorProfileConfig.connectorProfileCredentials"
            )
            if credentials_member != member:
                raise ApiError(
                    "ValidationException",
                    f"connectorProfileConfig.connectorProfileCredentials names "
                    f"{credentials_member}, which does not match the properties' {member}.",
                )

    def _create_connector_profile(self, body: Body, token: str | None) -> Json:
        """``CustomConnector`` profiles need a ``connectorLabel`` naming a registered connector;
        a missing or unknown label is a ``ValidationException`` (the operation models no
        ``ResourceNotFoundException``). Other types refuse a ``connectorLabel``."""
        name = body["connectorProfileName"]
        connector_type = body["connectorType"]
        label = body.get("connectorLabel")
        if connector_type == _CUSTOM:
            if label is None:
                raise ApiError(
                    "ValidationException",
                    "connectorLabel is required when connectorType is CustomConnector.",
                )
            if label not in self.connectors:
                raise ApiError(
                    "ValidationException",
                    f"connectorLabel {label} does not name a registered connector.",
                )
        elif label is not None:
            raise ApiError(
                "ValidationException",
                "connectorLabel is only valid when connectorType is CustomConnector.",
            )
        config = body["connectorProfileConfig"]
        self._check_profile_config(connector_type, config)
        if name in self.profiles:
            raise ApiError(
                "ConflictException", f"Connector profile with name {name} already exists."
            )
        now = self._clock()
        digest = hashlib.sha256(f"{name}:{now}".encode()).hexdigest()[:6]
        credentials = config.get("connectorProfileCredentials")
        profile = StoredProfile(
            name=name,
            arn=self._arn("connectorprofile", name),
            connector_type=connector_type,
            connector_label=label,
            connection_mode=body["connectionMode"],
            properties=_copy(dict(config["connectorProfileProperties"])),
            credentials=None if credentials is None else _copy(dict(credentials)),
            kms_arn=body.get("kmsArn"),
            credentials_arn=(
                f"arn:aws:secretsmanager:{self._region}:{self._account}:secret:"
                f"appflow!{self._account}-{name}-{int(now * 1000)}-{digest}"
            ),
            created_at=now,
            last_updated_at=now,
        )
        self.profiles[name] = profile
        self._effect("CreateConnectorProfile", name, token)
        return {"connectorProfileArn": profile.arn}

    def _update_connector_profile(self, body: Body, token: str | None) -> Json:
        """The properties must name the profile's connector; credentials are replaced when
        given and kept otherwise."""
        profile = self._profile(body["connectorProfileName"])
        config = body["connectorProfileConfig"]
        self._check_profile_config(profile.connector_type, config)
        credentials = config.get("connectorProfileCredentials")
        self.profiles[profile.name] = attrs.evolve(
            profile,
            connection_mode=body["connectionMode"],
            properties=_copy(dict(config["connectorProfileProperties"])),
            credentials=(
                profile.credentials if credentials is None else _copy(dict(credentials))
            ),
            last_updated_at=self._clock(),
        )
        self._effect("UpdateConnectorProfile", profile.name, token)
        return {"connectorProfileArn": profile.arn}

    def _profile_shape(self, profile: StoredProfile) -> Json:
        """A ``ConnectorProfile``: properties yes, credentials never."""
        shape: Json = {
            "connectorProfileArn": profile.arn,
            "connectorProfileName": profile.name,
            "connectorType": profile.connector_type,
            "connectionMode": profile.connection_mode,
            "credentialsArn": profile.credentials_arn,
            "connectorProfileProperties": _copy(dict(profile.properties)),
            "createdAt": profile.created_at,
            "lastUpdatedAt": profile.last_updated_at,
        }
        if profile.connector_label is not None:
            shape["connectorLabel"] = profile.connector_label
        if profile.connection_mode == "Private":
            shape["privateConnectionProvisioningState"] = {"status": "CREATED"}
        return shape

    def _describe_connector_profiles(self, body: Body, token: str | None) -> Json:
        """Profiles in creation order, filtered by every filter given; names not found are
        left out (no error), as the service does."""
        names = body.get("connectorProfileNames")
        connector_type = body.get("connectorType")
        label = body.get("connectorLabel")
        found = [
            p
            for p in self.profiles.values()
            if (not names or p.name in names)
            and (connector_type is None or p.connector_type == connector_type)
            and (label is None or p.connector_label == label)
        ]
        page, next_token = self._page("DescribeConnectorProfiles", found, body)
        result: Json = {"connectorProfileDetails": [self._profile_shape(p) for p in page]}
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    def _delete_connector_profile(self, body: Body, token: str | None) -> Json:
        """AWS: ``forceDelete`` "Indicates whether Amazon AppFlow should delete the profile,
        even if it is currently in use in one or more flows": a profile a flow uses is a
        ``ConflictException`` without it. Flows using a force-deleted profile stay; starting
        one is then a ``ResourceNotFoundException``."""
        profile = self._profile(body["connectorProfileName"])
        in_use = sorted(f.name for f in self.flows.values() if profile.name in f.profile_names)
        if in_use and not body.get("forceDelete", False):
            raise ApiError(
                "ConflictException",
                f"Connector profile {profile.name} is in use by flows {', '.join(in_use)}; "
                "delete with forceDelete to proceed.",
            )
        del self.profiles[profile.name]
        self.tags.pop(profile.arn, None)
        self._effect("DeleteConnectorProfile", profile.name, token)
        return {}

    # -- flows -----------------------------------------------------------------------------

    def _flow(self, name: str) -> StoredFlow:
        found = self.flows.get(name)
        if found is None:
            raise ApiError("ResourceNotFoundException", f"Flow {name} does not exist.")
        return found

    def _check_side(self, config: Mapping[str, Any], side: str, properties: str) -> None:
        """A source or destination: its properties name its connector type, and its profile
        exists, is of that type and (for ``CustomConnector``) names a registered connector.
        AWS: "You must create a connector profile before calling this API"."""
        connector_type = config["connectorType"]
        member = self._single_connector(config[properties], f"{side}.{properties}")
        if connector_type_of(member) != connector_type:
            raise ApiError(
                "ValidationException",
                f"{side}.{properties} names {member}, which does not match connectorType "
                f"{connector_type}.",
            )
        name = config.get("connectorProfileName")
        if name is None:
            if connector_type in _PROFILELESS:
                return
            raise ApiError(
                "ValidationException",
                f"{side}.connectorProfileName is required for a {connector_type} connector. "
                "You must create a connector profile before calling this API.",
            )
        profile = self.profiles.get(name)
        if profile is None:
            raise ApiError(
                "ResourceNotFoundException",
                f"Connector profile with name {name} does not exist. You must create a "
                "connector profile before calling this API.",
            )
        if profile.connector_type != connector_type:
            raise ApiError(
                "ValidationException",
                f"{side}: connector profile {name} is of connectorType "
                f"{profile.connector_type}, not {connector_type}.",
            )
        if profile.connector_label is not None:
            self._connector(profile.connector_label)

    def _check_flow(self, body: Body) -> None:
        trigger = body["triggerConfig"]
        if trigger["triggerType"] == "Scheduled" and not (
            trigger.get("triggerProperties") or {}
        ).get("Scheduled"):
            raise ApiError(
                "ValidationException",
                "triggerConfig.triggerProperties.Scheduled is required when triggerType is "
                "Scheduled.",
            )
        destinations = body["destinationFlowConfigList"]
        if len(destinations) != 1:
            raise ApiError(
                "ValidationException",
                f"destinationFlowConfigList has {len(destinations)} destinations: Amazon "
                "AppFlow does not currently support flows to multiple destinations at once.",
            )
        self._check_side(body["sourceFlowConfig"], "sourceFlowConfig", "sourceConnectorProperties")
        self._check_side(
            destinations[0], "destinationFlowConfigList[0]", "destinationConnectorProperties"
        )

    @staticmethod
    def _new_status(trigger_type: str) -> str:
        """An on-demand flow is ``Active`` from its creation (StartFlow runs it); a scheduled
        or event-triggered one is ``Draft`` until StartFlow "activates the flow"."""
        return "Active" if trigger_type == "OnDemand" else "Draft"

    def _create_flow(self, body: Body, token: str | None) -> Json:
        """AWS: "You must create a connector profile before calling this API"; a flow name
        already used is a ``ConflictException`` ("a flow with the given name already exists
        within the account"). ``tags`` are the flow ARN's tags."""
        name = body["flowName"]
        self._check_flow(body)
        if name in self.flows:
            raise ApiError("ConflictException", f"Flow with name {name} already exists.")
        tags = body.get("tags") or {}
        now = self._clock()
        flow = StoredFlow(
            name=name,
            arn=self._arn("flow", name),
            description=body.get("description"),
            kms_arn=body.get("kmsArn"),
            status=self._new_status(body["triggerConfig"]["triggerType"]),
            trigger_config=_copy(dict(body["triggerConfig"])),
            source_flow_config=_copy(dict(body["sourceFlowConfig"])),
            destination_flow_config_list=_copy(list(body["destinationFlowConfigList"])),
            tasks=_copy(list(body["tasks"])),
            metadata_catalog_config=_copy(body.get("metadataCatalogConfig")),
            created_at=now,
            last_updated_at=now,
        )
        self.flows[name] = flow
        if tags:
            self.tags[flow.arn] = dict(tags)
        self._effect("CreateFlow", name, token)
        return {"flowArn": flow.arn, "flowStatus": flow.status}

    def _update_flow(self, body: Body, token: str | None) -> Json:
        """The configurations are replaced; ``description`` and ``metadataCatalogConfig`` are
        kept when absent. The status is kept while the trigger type is; a new trigger type
        gives the status a new flow of that type has."""
        flow = self._flow(body["flowName"])
        self._check_flow(body)
        trigger_type = body["triggerConfig"]["triggerType"]
        status = flow.status if trigger_type == flow.trigger_type else self._new_status(
            trigger_type
        )
        self.flows[flow.name] = attrs.evolve(
            flow,
            description=body.get("description", flow.description),
            status=status,
            trigger_config=_copy(dict(body["triggerConfig"])),
            source_flow_config=_copy(dict(body["sourceFlowConfig"])),
            destination_flow_config_list=_copy(list(body["destinationFlowConfigList"])),
            tasks=_copy(list(body["tasks"])),
            metadata_catalog_config=_copy(
                body.get("metadataCatalogConfig", flow.metadata_catalog_config)
            ),
            last_updated_at=self._clock(),
        )
        self._effect("UpdateFlow", flow.name, token)
        return {"flowStatus": status}

    def _runs(self, flow_name: str) -> list[StoredExecution]:
        return [e for e in self.executions.values() if e.flow_name == flow_name]

    def _delete_flow(self, body: Body, token: str | None) -> Json:
        """AWS: "Before deleting the flow, Amazon AppFlow validates the request by checking the
        flow configuration and status"; ``forceDelete`` deletes it "even if it is currently in
        use". A flow with a run that has not ended is in use: ``ConflictException`` without
        ``forceDelete``. Its runs and tags go with it."""
        flow = self._flow(body["flowName"])
        running = [e.execution_id for e in self._runs(flow.name) if e.status in _RUNNING]
        if running and not body.get("forceDelete", False):
            raise ApiError(
                "ConflictException",
                f"Flow {flow.name} has runs in progress ({', '.join(running)}); delete with "
                "forceDelete to proceed.",
            )
        del self.flows[flow.name]
        for run in self._runs(flow.name):
            del self.executions[run.execution_id]
            self._held_failures.pop(run.execution_id, None)
        self._failures.pop(flow.name, None)
        self.tags.pop(flow.arn, None)
        self._effect("DeleteFlow", flow.name, token)
        return {}

    def _execution_details(self, flow: StoredFlow) -> Json | None:
        runs = self._runs(flow.name)
        if not runs:
            return None
        last = runs[-1]
        details: Json = {
            "mostRecentExecutionTime": last.started_at,
            "mostRecentExecutionStatus": last.status,
        }
        if last.message is not None:
            details["mostRecentExecutionMessage"] = last.message
        return details

    def _flow_definition(self, flow: StoredFlow) -> Json:
        """A ``FlowDefinition`` (ListFlows)."""
        source = flow.source_flow_config
        destination = flow.destination_flow_config_list[0]
        shape: Json = {
            "flowArn": flow.arn,
            "flowName": flow.name,
            "flowStatus": flow.status,
            "sourceConnectorType": source["connectorType"],
            "destinationConnectorType": destination["connectorType"],
            "triggerType": flow.trigger_type,
            "createdAt": flow.created_at,
            "lastUpdatedAt": flow.last_updated_at,
            "createdBy": self._caller(),
            "lastUpdatedBy": self._caller(),
            "tags": dict(self.tags.get(flow.arn, {})),
        }
        for key, config in (("sourceConnectorLabel", source),
                            ("destinationConnectorLabel", destination)):
            profile = self.profiles.get(config.get("connectorProfileName") or "")
            if profile is not None and profile.connector_label is not None:
                shape[key] = profile.connector_label
        if flow.description is not None:
            shape["description"] = flow.description
        details = self._execution_details(flow)
        if details is not None:
            shape["lastRunExecutionDetails"] = details
        return shape

    def _caller(self) -> str:
        return f"arn:aws:iam::{self._account}:root"

    def _describe_flow(self, body: Body, token: str | None) -> Json:
        flow = self._flow(body["flowName"])
        result: Json = {
            "flowArn": flow.arn,
            "flowName": flow.name,
            "flowStatus": flow.status,
            "triggerConfig": _copy(dict(flow.trigger_config)),
            "sourceFlowConfig": _copy(dict(flow.source_flow_config)),
            "destinationFlowConfigList": _copy(list(flow.destination_flow_config_list)),
            "tasks": _copy(list(flow.tasks)),
            "createdAt": flow.created_at,
            "lastUpdatedAt": flow.last_updated_at,
            "createdBy": self._caller(),
            "lastUpdatedBy": self._caller(),
            "tags": dict(self.tags.get(flow.arn, {})),
        }
        for key, value in (("description", flow.description), ("kmsArn", flow.kms_arn),
                           ("metadataCatalogConfig", _copy(flow.metadata_catalog_config)),
                           ("lastRunExecutionDetails", self._execution_details(flow))):
            if value is not None:
                result[key] = value
        return result

    def _list_flows(self, body: Body, token: str | None) -> Json:
        """Flows in creation order."""
        page, next_token = self._page("ListFlows", list(self.flows.values()), body)
        result: Json = {"flows": [self._flow_definition(f) for f in page]}
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    # -- runs ------------------------------------------------------------------------------

    def _run(self, flow: StoredFlow) -> StoredExecution:
        """Record a run of ``flow``: ``Error`` with the message a test asked for, else
        ``Successful``; while runs are held, ``InProgress`` until finished, the failure asked
        for kept until then."""
        now = self._clock()
        failures = self._failures.get(flow.name)
        message = failures.pop(0) if failures else None
        if failures == []:
            del self._failures[flow.name]
        execution_id = str(uuid.uuid4())
        if self.hold:
            status = "InProgress"
            if message is not None:
                self._held_failures[execution_id] = message
                message = None
        else:
            status = "Successful" if message is None else "Error"
        run = StoredExecution(
            execution_id=execution_id,
            flow_name=flow.name,
            status=status,
            message=message,
            started_at=now,
            last_updated_at=now,
        )
        self.executions[run.execution_id] = run
        return run

    def _start_flow(self, body: Body, token: str | None) -> Json:
        """AWS: "For on-demand flows, this operation runs the flow immediately. For schedule
        and event-triggered flows, this operation activates the flow." The ``executionId`` is
        "of an on-demand flow when the flow is started. For scheduled or event-triggered flows,
        this value is null." Starting an on-demand flow with a run in progress, or activating a
        flow already ``Active``, is a ``ConflictException``; a flow whose profile or custom
        connector is gone cannot start (``ResourceNotFoundException``)."""
        flow = self._flow(body["flowName"])
        configs = [flow.source_flow_config, *flow.destination_flow_config_list]
        for config in configs:
            name = config.get("connectorProfileName")
            if name:
                profile = self._profile(name)
                if profile.connector_label is not None:
                    self._connector(profile.connector_label)
        result: Json = {"flowArn": flow.arn, "flowStatus": "Active"}
        if flow.trigger_type == "OnDemand":
            running = [e for e in self._runs(flow.name) if e.status in _RUNNING]
            if running:
                raise ApiError(
                    "ConflictException",
                    f"Flow {flow.name} already has a run in progress "
                    f"({running[0].execution_id}).",
                )
            run = self._run(flow)
            result["executionId"] = run.execution_id
        else:
            if flow.status == "Active":
                raise ApiError("ConflictException", f"Flow {flow.name} is already active.")
            self.flows[flow.name] = attrs.evolve(
                flow, status="Active", last_updated_at=self._clock()
            )
        self._effect("StartFlow", flow.name, token)
        return result

    def _stop_flow(self, body: Body, token: str | None) -> Json:
        """AWS: "For on-demand flows, this operation returns an unsupportedOperationException
        error message. For schedule and event-triggered flows, this operation deactivates the
        flow": ``Active`` becomes ``Suspended``; a flow not active is a
        ``ConflictException``."""
        flow = self._flow(body["flowName"])
        if flow.trigger_type == "OnDemand":
            raise ApiError(
                "UnsupportedOperationException",
                f"Flow {flow.name} is an on-demand flow; StopFlow deactivates only scheduled "
                "and event-triggered flows.",
            )
        if flow.status != "Active":
            raise ApiError(
                "ConflictException", f"Flow {flow.name} is not active (it is {flow.status})."
            )
        self.flows[flow.name] = attrs.evolve(
            flow, status="Suspended", last_updated_at=self._clock()
        )
        self._effect("StopFlow", flow.name, token)
        return {"flowArn": flow.arn, "flowStatus": "Suspended"}

    @staticmethod
    def _execution_record(run: StoredExecution) -> Json:
        result: Json = {"bytesProcessed": 0, "bytesWritten": 0, "recordsProcessed": 0}
        if run.message is not None:
            result["errorInfo"] = {"putFailuresCount": 0, "executionMessage": run.message}
        record: Json = {
            "executionId": run.execution_id,
            "executionStatus": run.status,
            "executionResult": result,
            "startedAt": run.started_at,
            "lastUpdatedAt": run.last_updated_at,
            "dataPullStartTime": run.started_at,
        }
        if run.status not in _RUNNING:
            record["dataPullEndTime"] = run.last_updated_at
        return record

    def _describe_flow_execution_records(self, body: Body, token: str | None) -> Json:
        """The flow's runs, the most recent first."""
        flow = self._flow(body["flowName"])
        runs = self._runs(flow.name)[::-1]
        page, next_token = self._page("DescribeFlowExecutionRecords", runs, body)
        result: Json = {"flowExecutions": [self._execution_record(r) for r in page]}
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    def _cancel_flow_executions(self, body: Body, token: str | None) -> Json:
        """AWS: "You can cancel a flow run only when the run is in progress. You can't cancel a
        run that has already completed or failed"; without ``executionIds`` "your request ends
        all active runs that belong to the flow". The IDs that cannot be canceled (unknown,
        of another flow, ended) are the ``invalidExecutions``. "When you send your request,
        the status for each run becomes CancelStarted. When the cancellation completes, the
        status becomes Canceled": while runs are held the run stays ``CancelStarted`` until
        the test finishes it; otherwise the cancellation completes at once."""
        flow = self._flow(body["flowName"])
        ids = body.get("executionIds")
        runs = {e.execution_id: e for e in self._runs(flow.name)}
        if ids is None:
            ids = [i for i, e in runs.items() if e.status == "InProgress"]
        invalid: list[str] = []
        now = self._clock()
        for execution_id in ids:
            run = runs.get(execution_id)
            if run is None or run.status != "InProgress":
                invalid.append(execution_id)
                continue
            status = "CancelStarted" if self.hold else "Canceled"
            self.executions[execution_id] = attrs.evolve(run, status=status, last_updated_at=now)
        self._effect("CancelFlowExecutions", flow.name, token)
        return {"invalidExecutions": invalid}

    # -- run controls (LocalAppFlow's) ------------------------------------------------------

    def fail_next(self, flow_name: str, message: str) -> None:
        """Make the next run of ``flow_name`` end in ``Error`` with ``message``."""
        with self.lock:
            self._failures.setdefault(flow_name, []).append(message)

    def finish(self, execution_id: str, message: str | None) -> StoredExecution:
        """End a held run: ``Canceled`` if a cancel started, else ``Error`` with ``message``
        (or the failure asked for before it started), else ``Successful``."""
        with self.lock:
            run = self.executions.get(execution_id)
            if run is None or run.status not in _RUNNING:
                raise ValueError(f"no run in progress has executionId {execution_id!r}")
            asked = self._held_failures.pop(execution_id, None)
            if message is None:
                message = asked
            if run.status == "CancelStarted":
                status, message = "Canceled", None
            else:
                status = "Successful" if message is None else "Error"
            ended = attrs.evolve(
                run, status=status, message=message, last_updated_at=self._clock()
            )
            self.executions[execution_id] = ended
            return ended

    def run_now(self, flow_name: str) -> StoredExecution:
        """Run an active flow as its schedule or event would."""
        with self.lock:
            flow = self.flows.get(flow_name)
            if flow is None:
                raise ValueError(f"no flow is named {flow_name!r}")
            if flow.status != "Active":
                raise ValueError(f"flow {flow_name!r} is {flow.status}, not Active")
            return self._run(flow)

    # -- tags ------------------------------------------------------------------------------

    def _owned(self, arn: str) -> str:
        owned = {c.arn for c in self.connectors.values()}
        owned.update(p.arn for p in self.profiles.values())
        owned.update(f.arn for f in self.flows.values())
        if arn not in owned:
            raise ApiError("ResourceNotFoundException", f"Resource {arn} does not exist.")
        return arn

    def _tag_resource(self, body: Body, token: str | None) -> Json:
        """Tags on any ARN the endpoint owns (connector, connector profile, flow); a key
        already there takes the new value. More than 50 tags on a resource (the model's
        ``TagMap`` limit) is a ``ValidationException``."""
        arn = self._owned(body["resourceArn"])
        merged = {**self.tags.get(arn, {}), **body["tags"]}
        if len(merged) > _MAX_TAGS:
            raise ApiError(
                "ValidationException",
                f"A resource can have at most {_MAX_TAGS} tags; this request would give "
                f"{arn} {len(merged)}.",
            )
        self.tags[arn] = merged
        self._effect("TagResource", arn, token)
        return {}

    def _untag_resource(self, body: Body, token: str | None) -> Json:
        """Keys the resource does not have are ignored."""
        arn = self._owned(body["resourceArn"])
        remaining = {
            k: v for k, v in self.tags.get(arn, {}).items() if k not in body["tagKeys"]
        }
        if remaining:
            self.tags[arn] = remaining
        else:
            self.tags.pop(arn, None)
        self._effect("UntagResource", arn, token)
        return {}

    def _list_tags_for_resource(self, body: Body, token: str | None) -> Json:
        arn = self._owned(body["resourceArn"])
        return {"tags": dict(self.tags.get(arn, {}))}

    # -- entities --------------------------------------------------------------------------

    def add_entity(self, connector: str, entity: CatalogEntity) -> None:
        """Add ``entity`` to ``connector``'s catalog (replacing one of the same name and path)."""
        with self.lock:
            self.added_entities.setdefault(connector, {})[(entity.path, entity.name)] = entity

    def _catalog(self, connector: str) -> list[CatalogEntity]:
        entities = {(e.path, e.name): e for e in BUILTIN_CATALOG.get(connector, ())}
        entities.update(self.added_entities.get(connector, {}))
        return list(entities.values())

    def _catalog_key(self, body: Body) -> tuple[str, str]:
        """The catalog a request reads (a connector type, or a custom connector's label) and
        the cache it goes through (the profile's name, else the connector type). A connector
        type used with a profile needs ``connectorProfileName``; one used without
        (:data:`_PROFILELESS`) needs ``connectorType``."""
        name = body.get("connectorProfileName")
        connector_type = body.get("connectorType")
        if name is not None:
            profile = self._profile(name)
            if connector_type is not None and connector_type != profile.connector_type:
                raise ApiError(
                    "ValidationException",
                    f"connector profile {name} is of connectorType {profile.connector_type}, "
                    f"not {connector_type}.",
                )
            if profile.connector_label is not None:
                return self._connector(profile.connector_label).label, name
            return profile.connector_type, name
        if connector_type is None or connector_type not in _PROFILELESS:
            raise ApiError(
                "ValidationException",
                "connectorProfileName is required unless connectorType is one of "
                f"{', '.join(sorted(_PROFILELESS))}.",
            )
        return connector_type, connector_type

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        now = self._clock()
        found = self._entity_cache.get(key)
        if found is not None and now - found[0] < _CACHE_SECONDS:
            return found[1]
        value = compute()
        self._entity_cache[key] = (now, value)
        return value

    def _list_connector_entities(self, body: Body, token: str | None) -> Json:
        """The entities at ``entitiesPath`` (the root entities without it), grouped by
        category in ``connectorEntityMap``. What is listed is cached, per profile (or
        connector type) and path, for an hour or until ResetConnectorMetadataCache."""
        catalog, cache = self._catalog_key(body)
        path = body.get("entitiesPath")
        entities: list[CatalogEntity] = self._cached(
            ("list", cache, path),
            lambda: [e for e in self._catalog(catalog) if e.path == path],
        )
        page, next_token = self._page("ListConnectorEntities", entities, body)
        groups: Json = {}
        for entity in page:
            groups.setdefault(entity.group, []).append(entity.to_wire())
        result: Json = {"connectorEntityMap": groups}
        if next_token is not None:
            result["nextToken"] = next_token
        return result

    def _describe_connector_entity(self, body: Body, token: str | None) -> Json:
        """An entity of the catalog (at any path) by name; an unknown one is a
        ``ResourceNotFoundException``. Cached like ListConnectorEntities."""
        catalog, cache = self._catalog_key(body)
        name = body["connectorEntityName"]

        def describe() -> list[Json] | None:
            for entity in self._catalog(catalog):
                if entity.name == name:
                    return [f.to_wire() for f in entity.fields]
            return None

        fields: list[Json] | None = self._cached(("describe", cache, name), describe)
        if fields is None:
            self._entity_cache.pop(("describe", cache, name), None)
            raise ApiError("ResourceNotFoundException", f"Entity {name} does not exist.")
        return {"connectorEntityFields": _copy(fields)}

    def _reset_connector_metadata_cache(self, body: Body, token: str | None) -> Json:
        """AWS: without ``connectorEntityName`` "Amazon AppFlow only resets cached metadata
        about entity names, not entity details" (at ``entitiesPath`` when given, every path
        otherwise); with it, that entity's details. ``connectorProfileName`` is needed except
        for the connectors used without one, which need ``connectorType``; ``apiVersion`` "if
        the connector type is CustomConnector"."""
        _, cache = self._catalog_key(body)
        name = body.get("connectorProfileName")
        custom = name is not None and self.profiles[name].connector_type == _CUSTOM
        if custom and body.get("apiVersion") is None:
            raise ApiError(
                "ValidationException",
                "apiVersion is required when the connector type is CustomConnector.",
            )
        entity = body.get("connectorEntityName")
        path = body.get("entitiesPath")
        for key in list(self._entity_cache):
            kind, where, what = key
            if where != cache:
                continue
            if (entity is not None and kind == "describe" and what == entity) or (
                entity is None and kind == "list" and (path is None or what == path)
            ):
                del self._entity_cache[key]
        self._effect("ResetConnectorMetadataCache", cache, token)
        return {}

HANDLERS: Mapping[str, Callable[[Store, Body, str | None], Json]] = {
    "RegisterConnector": Store._register_connector,
    "UpdateConnectorRegistration": Store._update_connector_registration,
    "UnregisterConnector": Store._unregister_connector,
    "DescribeConnector": Store._describe_connector,
    "DescribeConnectors": Store._describe_connectors,
    "ListConnectors": Store._list_connectors,
    "CreateConnectorProfile": Store._create_connector_profile,
    "UpdateConnectorProfile": Store._update_connector_profile,
    "DescribeConnectorProfiles": Store._describe_connector_profiles,
    "DeleteConnectorProfile": Store._delete_connector_profile,
    "CreateFlow": Store._create_flow,
    "UpdateFlow": Store._update_flow,
    "DeleteFlow": Store._delete_flow,
    "DescribeFlow": Store._describe_flow,
    "ListFlows": Store._list_flows,
    "StartFlow": Store._start_flow,
    "StopFlow": Store._stop_flow,
    "DescribeFlowExecutionRecords": Store._describe_flow_execution_records,
    "CancelFlowExecutions": Store._cancel_flow_executions,
    "TagResource": Store._tag_resource,
    "UntagResource": Store._untag_resource,
    "ListTagsForResource": Store._list_tags_for_resource,
    "ListConnectorEntities": Store._list_connector_entities,
    "DescribeConnectorEntity": Store._describe_connector_entity,
    "ResetConnectorMetadataCache": Store._reset_connector_metadata_cache,
}
"""The operations the store implements, each with its handler: the endpoint answers these."""
