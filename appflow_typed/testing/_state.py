"""The endpoint's state: registered connectors, connector profiles, clientTokens, effects.

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
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from appflow_typed._tokens import IDEMPOTENCY_WINDOW_SECONDS
from appflow_typed.models._schema import CONNECTOR_TYPE_OF_MEMBER

__all__ = [
    "DEFAULT_MAX_RESULTS",
    "HANDLERS",
    "IDEMPOTENCY_WINDOW_SECONDS",
    "STATE_FORMAT",
    "ApiError",
    "Effect",
    "Store",
    "StoredConnector",
    "StoredProfile",
]

DEFAULT_MAX_RESULTS = 20
"""Page size of the paginated operations when ``maxResults`` is absent (the service's
documented default)."""

_CUSTOM = "CustomConnector"

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
    """The connector label or connector profile name changed."""

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
        self.effects: list[Effect] = []
        self._tokens: dict[tuple[str, str], _TokenEntry] = {}

    def clear(self) -> None:
        """Forget every connector, profile, token and effect."""
        with self.lock:
            self.connectors.clear()
            self.profiles.clear()
            self.effects.clear()
            self._tokens.clear()

    def snapshot(self) -> Json:
        """What outlives a run, as JSON data (format: :data:`STATE_FORMAT`).

        Connectors, profiles (credentials included) and the clientTokens still within their
        window. Not kept: effects (this run's history) and page tokens (they do not survive a
        restart).
        """
        with self.lock:
            now = self._clock()
            return {
                "format": STATE_FORMAT,
                "region": self._region,
                "accountId": self._account,
                "connectors": [_copy(attrs.asdict(c)) for c in self.connectors.values()],
                "profiles": [_copy(attrs.asdict(p)) for p in self.profiles.values()],
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
            tokens = {
                (t["operation"], t["token"]): _TokenEntry(t["params"], t["firstSeen"], t["response"])
                for t in data["clientTokens"]
            }
        except (KeyError, TypeError) as error:
            raise ValueError(f"malformed local AppFlow state: {error!r}") from None
        with self.lock:
            self.clear()
            self.connectors.update((c.label, c) for c in connectors)
            self.profiles.update((p.name, p) for p in profiles)
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
        """Profiles that use the connector stay (as in AWS, ``forceDelete`` only allows
        unregistering a connector in use)."""
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
        """No flows exist on the local endpoint, so nothing ever blocks a delete."""
        profile = self._profile(body["connectorProfileName"])
        del self.profiles[profile.name]
        self._effect("DeleteConnectorProfile", profile.name, token)
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
}
"""The operations the store implements, each with its handler: the endpoint answers these."""
