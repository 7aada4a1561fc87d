"""Valid connector profile requests whose every credential holds a unique sentinel value.

The credential members come from ``SECRET_MEMBERS``; everything else is read from botocore's
appflow service model: a structure gets its required members (minimal valid values) and,
under ``connectorProfileCredentials``, every member that is or contains a credential. The
model's cross-field rules pick the variants: one request per connector, two for Snowflake
(``password`` or ``privateKey``) and four for CustomConnector (one per authentication type).
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import botocore.session

from appflow_typed.models._schema import (
    CONNECTOR_TYPE_OF_MEMBER,
    CUSTOM_AUTH_MEMBERS,
    SECRET_MEMBERS,
)
from tools.generate_models import java_regex_to_python

SHAPES: dict[str, dict[str, Any]] = (
    botocore.session.get_session().get_service_data("appflow")["shapes"]
)

MARK = "SENTINEL"
"""Every sentinel starts with it, and no other text of a request contains it."""

_PLAIN = [
    "abc",
    "https://example.com/path",
    "arn:aws:iam::123456789012:role/reliability",
    "arn:aws:kms:us-east-1:123456789012:key/reliability",
    "123",
    "en",
    "a1",
]


@cache
def pattern(shape: str) -> re.Pattern[str] | None:
    """A string shape's pattern, whole-string and ASCII, as the models check it."""
    raw = SHAPES[shape].get("pattern")
    return None if raw is None else re.compile(java_regex_to_python(raw), re.ASCII)


def fits(shape: str, value: str) -> bool:
    """Whether ``value`` meets the length and pattern of string shape ``shape``."""
    spec = SHAPES[shape]
    if not spec.get("min", 0) <= len(value) <= spec.get("max", math.inf):
        return False
    compiled = pattern(shape)
    return compiled is None or compiled.fullmatch(value) is not None


def minimal(shape: str) -> Any:
    """A small valid value of ``shape`` (required members only, for structures)."""
    spec = SHAPES[shape]
    kind = spec["type"]
    if kind == "string":
        if "enum" in spec:
            return spec["enum"][0]
        for candidate in _PLAIN:
            if fits(shape, candidate):
                return candidate
        raise AssertionError(f"no plain value fits {shape}")
    if kind == "integer":
        return max(spec.get("min", 1), 1)
    if kind == "boolean":
        return False
    if kind == "list":
        return [minimal(spec["member"]["shape"]) for _ in range(spec.get("min", 0))]
    if kind == "map":
        return {}
    assert kind == "structure", (shape, kind)
    return {m: minimal(spec["members"][m]["shape"]) for m in spec.get("required", ())}


@cache
def holds_secret(shape: str) -> bool:
    """Whether a structure ``shape`` has a credential member at any depth."""
    spec = SHAPES[shape]
    if spec["type"] != "structure":
        return False
    return any(
        (shape, m) in SECRET_MEMBERS or holds_secret(ms["shape"])
        for m, ms in spec["members"].items()
    )


@dataclass(frozen=True)
class Secret:
    """One credential member of one request, and the sentinel(s) it holds."""

    kind: str
    shape: str
    member: str
    path: tuple[str, ...]
    """Wire path from the request root to the member."""
    sentinels: tuple[str, ...]
    """The sentinel tokens in it (a credential map has one for its key and one for its value)."""


@dataclass
class Kind:
    """A connector kind and its valid CreateConnectorProfile request (wire form)."""

    name: str
    connector: str
    request: dict[str, Any]
    secrets: list[Secret] = field(default_factory=list)

    @property
    def connector_type(self) -> str:
        """The ``connectorType`` of the request."""
        return CONNECTOR_TYPE_OF_MEMBER[self.connector]

    @property
    def sentinels(self) -> list[str]:
        """Every sentinel token of the request."""
        return [s for secret in self.secrets for s in secret.sentinels]


def _sentinel_value(shape: str, token: str) -> str:
    """A valid value of string ``shape`` that contains ``token``."""
    spec = SHAPES[shape]
    lo = spec.get("min", 0)
    for candidate in (
        token,
        f"{token}.{token}.{token}",
        f"arn:aws:secretsmanager:us-east-1:123456789012:secret:{token}",
        token + "_" * max(0, lo - len(token)),
    ):
        if fits(shape, candidate):
            return candidate
    raise AssertionError(f"no sentinel value fits {shape}")


class _Filler:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.secrets: list[Secret] = []

    def token(self, shape: str, member: str, role: str = "") -> str:
        n = sum(len(s.sentinels) for s in self.secrets) + 1
        return f"{MARK}_{self.kind}_{shape}_{member}{role}_{n}"

    def structure(
        self, shape: str, path: tuple[str, ...], skip: frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        spec = SHAPES[shape]
        out: dict[str, Any] = {}
        for member, member_spec in spec["members"].items():
            if member in skip:
                continue
            child = member_spec["shape"]
            where = (*path, member)
            if (shape, member) in SECRET_MEMBERS:
                out[member] = self.secret(shape, member, child, where)
            elif holds_secret(child):
                out[member] = self.structure(child, where)
            elif member in spec.get("required", ()):
                out[member] = minimal(child)
        return out

    def secret(self, owner: str, member: str, shape: str, path: tuple[str, ...]) -> Any:
        spec = SHAPES[shape]
        if spec["type"] == "map":
            key_token = self.token(owner, member, "Key")
            key = _sentinel_value(spec["key"]["shape"], key_token)
            self.secrets.append(Secret(self.kind, owner, member, path, (key_token,)))
            value_token = self.token(owner, member, "Value")
            value = _sentinel_value(spec["value"]["shape"], value_token)
            self.secrets[-1] = Secret(
                self.kind, owner, member, path, (key_token, value_token)
            )
            return {key: value}
        token = self.token(owner, member)
        self.secrets.append(Secret(self.kind, owner, member, path, (token,)))
        return _sentinel_value(shape, token)


def _variants() -> Iterator[tuple[str, str, frozenset[str], str | None]]:
    """``(kind name, connector member, credential members to leave out, custom auth type)``."""
    for connector in SHAPES["ConnectorProfileCredentials"]["members"]:
        if connector == "Snowflake":
            yield "Snowflake-password", connector, frozenset({"privateKey"}), None
            yield "Snowflake-privateKey", connector, frozenset({"password"}), None
        elif connector == "CustomConnector":
            for auth, block in CUSTOM_AUTH_MEMBERS.items():
                others = frozenset(CUSTOM_AUTH_MEMBERS.values()) - {block}
                yield f"CustomConnector-{auth}", connector, others, auth
        else:
            yield connector, connector, frozenset(), None


def kinds(connector_label: str = "audit_connector") -> list[Kind]:
    """One valid request per connector kind, credentials full of sentinels."""
    out: list[Kind] = []
    for name, connector, skip, auth in _variants():
        filler = _Filler(name.replace("-", ""))
        credentials_shape = SHAPES["ConnectorProfileCredentials"]["members"][connector]["shape"]
        root = ("connectorProfileConfig", "connectorProfileCredentials", connector)
        credentials = filler.structure(credentials_shape, root, skip)
        if auth is not None:
            credentials["authenticationType"] = auth
        properties_shape = SHAPES["ConnectorProfileProperties"]["members"][connector]["shape"]
        properties = minimal(properties_shape)
        if connector == "SAPOData":
            properties["oAuthProperties"] = minimal("OAuthProperties")
        # A configuration the service accepts and that draws no warning (docs/rules.md):
        if connector == "Redshift":  # redshift-data-api-role, redshift-data-api-target
            properties.update(
                dataApiRoleArn="arn:aws:iam::123456789012:role/data-api",
                clusterIdentifier="audit-cluster",
                databaseName="dev",
            )
        if connector in ("Redshift", "ServiceNow"):  # password-without-username
            credentials.setdefault("username", "audit")
        if connector == "Salesforce":  # jwt-token-unused
            credentials["oAuth2GrantType"] = "JWT_BEARER"
        request: dict[str, Any] = {
            "connectorProfileName": f"audit_{name}",
            "connectorType": CONNECTOR_TYPE_OF_MEMBER[connector],
            "connectionMode": "Public",
            "connectorProfileConfig": {
                "connectorProfileProperties": {connector: properties},
                "connectorProfileCredentials": {connector: credentials},
            },
        }
        if connector == "CustomConnector":
            request["connectorLabel"] = connector_label
        out.append(Kind(name, connector, request, filler.secrets))
    return out


def get(root: Any, path: tuple[str, ...]) -> Any:
    """The value at ``path``."""
    for step in path:
        root = root[step]
    return root


def replaced(root: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """A deep copy of ``root`` with the value at ``path`` replaced."""
    out = copy.deepcopy(root)
    get(out, path[:-1])[path[-1]] = value
    return out


def bad_values(secret: Secret, value: Any) -> list[tuple[str, Any]]:
    """``(what is wrong, invalid value)`` pairs that still contain the sentinel."""
    owner_member = SHAPES[secret.shape]["members"][secret.member]["shape"]
    spec = SHAPES[owner_member]
    out: list[tuple[str, Any]] = []
    if spec["type"] == "map":
        ((key, item),) = value.items()
        key_spec = SHAPES[spec["key"]["shape"]]
        out.append(("map key: bad pattern", {key + " x": item}))
        out.append(("map key: too long", {key * (key_spec["max"] // len(key) + 2): item}))
        out.append(("map value: bad pattern", {key: item + " x"}))
        out.append(("map value: not a string", {key: [item]}))
        out.append(("not a map", [value]))
        return out
    if "max" in spec:
        out.append(("too long", (value * (spec["max"] // len(value) + 2))[: spec["max"] + 1]))
    for bad in (value + " x", value + "\n", "ö" + value):
        if not fits(owner_member, bad):
            out.append((f"bad pattern: {bad[-2:]!r}", bad))
            break
    out.append(("not a string", [value]))
    return out
