"""Hypothesis strategies derived at run time from botocore's appflow service model.

Every strategy here reads the constraints from the model botocore ships (lengths, whole-string
patterns translated with the generator's own ``java_regex_to_python``, enums, ranges, list and
map sizes, required members) instead of listing them by hand. On top of the model, the
cross-field rules of ``appflow_typed/models/_rules.py`` are respected by a few small hooks
(``_REQUEST_RULES``) and one special case for the connector unions.

- :func:`request_dicts` / :func:`requests`: valid AWS-shaped request dicts (boto3 kwargs).
- :func:`response_dicts`: valid response dicts with unknown members and enum values added.
- :func:`sites` and :func:`single_breaks`: every place of a valid dict, and the ways to break
  exactly one constraint there, each with the API path the violation must carry.
- :func:`substitutions`: every place of a valid dict given each of :data:`HOSTILE_VALUES`.
- :func:`with_sentinel_secrets`: a profile request whose credential values are unique tokens.
- :func:`json_like`: arbitrary JSON-like values for hostile-input tests.

Profiles: ``ci`` (fast, loaded when the ``CI`` environment variable is set), ``dev`` (the
default) and ``thorough`` (1,000 examples); ``APPFLOW_HYPOTHESIS_PROFILE`` names one explicitly.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import math
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

import botocore.session
from botocore.model import ServiceModel
from hypothesis import HealthCheck, assume, settings
from hypothesis import strategies as st

from appflow_typed._generated.operations import OPERATIONS
from appflow_typed.models._schema import (
    CONNECTOR_TYPE_OF_MEMBER,
    CUSTOM_AUTH_MEMBERS,
    SECRET_MEMBERS,
)
from tools.generate_models import CONNECTOR_UNIONS, java_regex_to_python

_PROFILES = {"ci": 20, "dev": 50, "thorough": 1000}  # name -> max_examples
for _name, _examples in _PROFILES.items():
    settings.register_profile(
        _name,
        max_examples=_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
settings.load_profile(
    os.environ.get("APPFLOW_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

_SESSION = botocore.session.get_session()
SERVICE_MODEL: ServiceModel = _SESSION.get_service_model("appflow")
SHAPES: dict[str, dict[str, Any]] = _SESSION.get_service_data("appflow")["shapes"]

OPERATION_NAMES: tuple[str, ...] = tuple(OPERATIONS)
"""The operations the library covers, in the schema's order."""

UNKNOWN_MEMBER = "notAModelMember"
"""A member name no shape of the model has."""

# How far past a shape's minimum generated sizes go: small values keep the tests fast.
_EXTRA_CHARS = 10
_EXTRA_ITEMS = 3

# A whole pattern that is one repeated character class (``\S+``, ``[\w]+``, ``.*``,
# ``^[A-Za-z0-9\-._~]+$``): generated as text over that class, so long minimums are cheap.
_REPEATED_CLASS = re.compile(r"\^?(\[(?:\\.|[^\]\\])+\]|\\[SsWwDd])([*+])\$?")


def request_shape(operation: str) -> str:
    """The input shape name of an operation."""
    return OPERATIONS[operation].request_cls.__name__


def response_shape(operation: str) -> str:
    """The output shape name of an operation."""
    return OPERATIONS[operation].response_cls.__name__


def member_shape(owner: str, member: str) -> str:
    """The shape name of ``owner``'s member ``member``."""
    name: str = SHAPES[owner]["members"][member]["shape"]
    return name


def required_members(owner: str) -> frozenset[str]:
    """The members of structure ``owner`` the model marks required."""
    return frozenset(SHAPES[owner].get("required", ()))


@cache
def compiled_pattern(shape: str) -> re.Pattern[str] | None:
    """A string shape's pattern, as the models compile it (ASCII, whole-string)."""
    pattern = SHAPES[shape].get("pattern")
    return None if pattern is None else re.compile(java_regex_to_python(pattern), re.ASCII)


def string_ok(shape: str, value: str) -> bool:
    """Whether ``value`` meets every constraint of string shape ``shape``."""
    spec = SHAPES[shape]
    if not spec.get("min", 0) <= len(value) <= spec.get("max", math.inf):
        return False
    if "enum" in spec:
        return value in spec["enum"]
    pattern = compiled_pattern(shape)
    return pattern is None or pattern.fullmatch(value) is not None


# --------------------------------------------------------------------------- valid values


def _string(shape: str, *, response: bool) -> st.SearchStrategy[str]:
    spec = SHAPES[shape]
    if "enum" in spec:
        known: st.SearchStrategy[str] = st.sampled_from(spec["enum"])
        if response:  # values the service may add later
            return known | st.from_regex(r"NEW_[A-Z]{1,6}", fullmatch=True)
        return known
    lo: int = spec.get("min", 0)
    hi: int = spec.get("max", lo + _EXTRA_CHARS)
    pattern = compiled_pattern(shape)
    if pattern is None:
        return st.text(min_size=lo, max_size=min(hi, lo + _EXTRA_CHARS))
    repeated = _REPEATED_CLASS.fullmatch(pattern.pattern)
    strategy: st.SearchStrategy[str]
    if repeated is not None:
        atom, repeat = repeated.groups()
        low = max(lo, 1 if repeat == "+" else 0)
        alphabet = st.from_regex(re.compile(atom, re.ASCII), fullmatch=True)
        strategy = st.text(alphabet, min_size=low, max_size=max(low, min(hi, low + _EXTRA_CHARS)))
    else:
        strategy = st.from_regex(pattern, fullmatch=True)
    return strategy.filter(lambda s: string_ok(shape, s))


@cache
def value_strategy(shape: str, response: bool = False) -> st.SearchStrategy[Any]:
    """Valid values of any shape: request data by default, response data if ``response``."""
    spec = SHAPES[shape]
    kind = spec["type"]
    if kind == "string":
        return _string(shape, response=response)
    if kind == "integer":
        return st.integers(spec.get("min", -(2**31)), spec.get("max", 2**31 - 1))
    if kind == "long":
        return st.integers(spec.get("min", -(2**63)), spec.get("max", 2**63 - 1))
    if kind == "double":
        return st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**53), 2**53)
    if kind == "boolean":
        return st.booleans()
    if kind == "timestamp":  # as boto3 parses it, or as AWS JSON carries it
        moments = st.datetimes(
            min_value=datetime.datetime(1970, 1, 2),
            max_value=datetime.datetime(2200, 1, 1),
            timezones=st.just(datetime.timezone.utc),
        )
        return moments | moments.map(lambda m: m.timestamp()) | moments.map(lambda m: m.isoformat())
    if kind == "list":
        lo = spec.get("min", 0)
        hi = min(spec.get("max", lo + _EXTRA_ITEMS), lo + _EXTRA_ITEMS)
        item = st.deferred(lambda: value_strategy(spec["member"]["shape"], response))
        return st.lists(item, min_size=lo, max_size=hi)
    if kind == "map":
        lo = spec.get("min", 0)
        hi = min(spec.get("max", lo + _EXTRA_ITEMS), lo + _EXTRA_ITEMS)
        key = st.deferred(lambda: value_strategy(spec["key"]["shape"], response))
        value = st.deferred(lambda: value_strategy(spec["value"]["shape"], response))
        return st.dictionaries(key, value, min_size=lo, max_size=hi)
    if kind == "structure":
        return _structure(shape, response)
    raise AssertionError(f"shape type {kind} of {shape} has no strategy")


def _small_json() -> st.SearchStrategy[Any]:
    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2)

    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5), extend, max_leaves=4
    )


@st.composite
def _structure(draw: st.DrawFn, shape: str, response: bool) -> dict[str, Any]:
    spec = SHAPES[shape]
    members: dict[str, dict[str, Any]] = spec["members"]
    required = required_members(shape)
    out: dict[str, Any] = {}
    if shape in CONNECTOR_UNIONS and not response:
        # a connector union names exactly one connector
        chosen = draw(st.sampled_from(sorted(members)))
        out[chosen] = draw(value_strategy(members[chosen]["shape"]))
    else:
        for member, member_spec in members.items():
            if member in required or draw(st.booleans()):
                out[member] = draw(value_strategy(member_spec["shape"], response))
    if response:
        extra = draw(
            st.dictionaries(
                st.text(max_size=6).map(lambda s: "newMember" + s), _small_json(), max_size=2
            )
        )
        out.update(extra)
    else:
        rule = _REQUEST_RULES.get(shape)
        if rule is not None:
            rule(draw, out)
    return out


# --------------------------------------------------------------------------- cross-field rules
# One hook per rule of models/_rules.py; each adjusts a freshly drawn structure in place.


def _ensure(draw: st.DrawFn, out: dict[str, Any], owner: str, member: str) -> None:
    if member not in out:
        out[member] = draw(value_strategy(member_shape(owner, member)))


def _connector_profile_config(draw: st.DrawFn, out: dict[str, Any]) -> None:
    properties = out["connectorProfileProperties"]
    (connector,) = properties
    credentials = out.get("connectorProfileCredentials")
    if credentials is None:
        return
    # credentials name the same connector as the properties
    if connector not in credentials:
        shape = member_shape("ConnectorProfileCredentials", connector)
        credentials = out["connectorProfileCredentials"] = {connector: draw(value_strategy(shape))}
    # SAPOData with oAuthCredentials needs properties.oAuthProperties
    if connector == "SAPOData" and "oAuthCredentials" in credentials["SAPOData"]:
        _ensure(
            draw, properties["SAPOData"], "SAPODataConnectorProfileProperties", "oAuthProperties"
        )


def _create_connector_profile_request(draw: st.DrawFn, out: dict[str, Any]) -> None:
    (connector,) = out["connectorProfileConfig"]["connectorProfileProperties"]
    out["connectorType"] = CONNECTOR_TYPE_OF_MEMBER[connector]
    if out["connectorType"] == "CustomConnector":
        _ensure(draw, out, "CreateConnectorProfileRequest", "connectorLabel")


def _describe_connector_request(draw: st.DrawFn, out: dict[str, Any]) -> None:
    if out["connectorType"] == "CustomConnector":
        _ensure(draw, out, "DescribeConnectorRequest", "connectorLabel")


def _custom_connector_profile_credentials(draw: st.DrawFn, out: dict[str, Any]) -> None:
    expected = CUSTOM_AUTH_MEMBERS[out["authenticationType"]]
    for block in CUSTOM_AUTH_MEMBERS.values():
        if block != expected:
            out.pop(block, None)
    _ensure(draw, out, "CustomConnectorProfileCredentials", expected)


def _salesforce_credentials(draw: st.DrawFn, out: dict[str, Any]) -> None:
    if out.get("oAuth2GrantType") == "CLIENT_CREDENTIALS":
        out["oAuth2GrantType"] = draw(st.sampled_from(["AUTHORIZATION_CODE", "JWT_BEARER"]))
    if out.get("oAuth2GrantType") == "JWT_BEARER":
        _ensure(draw, out, "SalesforceConnectorProfileCredentials", "jwtToken")


def _snowflake_credentials(draw: st.DrawFn, out: dict[str, Any]) -> None:
    if "password" in out and "privateKey" in out:
        del out[draw(st.sampled_from(["password", "privateKey"]))]
    if "password" not in out and "privateKey" not in out:  # snowflake-password-or-key
        _ensure(draw, out, "SnowflakeConnectorProfileCredentials", "password")


def _redshift_properties(draw: st.DrawFn, out: dict[str, Any]) -> None:
    _ensure(draw, out, "RedshiftConnectorProfileProperties", "dataApiRoleArn")


def _register_connector_request(draw: st.DrawFn, out: dict[str, Any]) -> None:
    if out.get("connectorProvisioningType") == "LAMBDA":
        config = out.setdefault("connectorProvisioningConfig", {})
        _ensure(draw, config, "ConnectorProvisioningConfig", "lambda")


def _flow_connector(union: str, properties: str) -> Callable[[st.DrawFn, dict[str, Any]], None]:
    def hook(draw: st.DrawFn, out: dict[str, Any]) -> None:
        (member,) = out[properties]
        out["connectorType"] = CONNECTOR_TYPE_OF_MEMBER[member]

    return hook


def _trigger_config(draw: st.DrawFn, out: dict[str, Any]) -> None:
    if out["triggerType"] == "Scheduled":
        properties = out.setdefault("triggerProperties", {})
        _ensure(draw, properties, "TriggerProperties", "Scheduled")


def _salesforce_destination(draw: st.DrawFn, out: dict[str, Any]) -> None:
    if out.get("writeOperationType") == "UPSERT" and not out.get("idFieldNames"):
        item = SHAPES["IdFieldNameList"]["member"]["shape"]
        out["idFieldNames"] = [draw(value_strategy(item))]


def _flow_request(draw: st.DrawFn, out: dict[str, Any]) -> None:
    out["destinationFlowConfigList"] = out["destinationFlowConfigList"][:1] or [
        draw(value_strategy("DestinationFlowConfig"))
    ]
    (source,) = out["sourceFlowConfig"]["sourceConnectorProperties"]
    operator_shape = member_shape("ConnectorOperator", source)
    for task in out["tasks"]:
        if "connectorOperator" in task:
            task["connectorOperator"] = {source: draw(value_strategy(operator_shape))}
        if task["taskType"] == "Filter" and task.get("connectorOperator") == {source: "NO_OP"}:
            task["taskType"] = "Map"  # filter-no-op
    # flow-projection-task: a Filter task with PROJECTION (where the source has it) or Map_all
    if not any(
        task["taskType"] == "Map_all"
        or (task["taskType"] == "Filter" and task.get("connectorOperator") == {source: "PROJECTION"})
        for task in out["tasks"]
    ):
        if "PROJECTION" in SHAPES[operator_shape].get("enum", ()):
            projection = {"connectorOperator": {source: "PROJECTION"}, "taskType": "Filter"}
        else:
            projection = {"taskType": "Map_all"}
        out["tasks"].append({"sourceFields": [], **projection})
    # event-trigger-source: S3 provides no change events
    if out["triggerConfig"]["triggerType"] == "Event" and source == "S3":
        out["triggerConfig"]["triggerType"] = "OnDemand"
    # custom-connector-update-id-fields
    properties = out["destinationFlowConfigList"][0]["destinationConnectorProperties"]
    custom = properties.get("CustomConnector")
    if custom and custom.get("writeOperationType") == "UPDATE" and not custom.get("idFieldNames"):
        item = SHAPES["IdFieldNameList"]["member"]["shape"]
        custom["idFieldNames"] = [draw(value_strategy(item))]
    catalog = out.get("metadataCatalogConfig")
    destination = out["destinationFlowConfigList"][0]["connectorType"]
    if catalog and "glueDataCatalog" in catalog and destination != "S3":
        del out["metadataCatalogConfig"]


def _reset_metadata_cache(draw: st.DrawFn, out: dict[str, Any]) -> None:
    if "connectorProfileName" not in out:
        out["connectorType"] = draw(
            st.sampled_from(["CustomerProfiles", "EventBridge", "LookoutMetrics", "S3", "Upsolver"])
        )


_REQUEST_RULES: dict[str, Callable[[st.DrawFn, dict[str, Any]], None]] = {
    "SourceFlowConfig": _flow_connector("SourceConnectorProperties", "sourceConnectorProperties"),
    "DestinationFlowConfig": _flow_connector(
        "DestinationConnectorProperties", "destinationConnectorProperties"
    ),
    "TriggerConfig": _trigger_config,
    "SalesforceDestinationProperties": _salesforce_destination,
    "CreateFlowRequest": _flow_request,
    "UpdateFlowRequest": _flow_request,
    "ResetConnectorMetadataCacheRequest": _reset_metadata_cache,
    "ConnectorProfileConfig": _connector_profile_config,
    "CreateConnectorProfileRequest": _create_connector_profile_request,
    "DescribeConnectorRequest": _describe_connector_request,
    "CustomConnectorProfileCredentials": _custom_connector_profile_credentials,
    "SalesforceConnectorProfileCredentials": _salesforce_credentials,
    "SnowflakeConnectorProfileCredentials": _snowflake_credentials,
    "RedshiftConnectorProfileProperties": _redshift_properties,
    "RegisterConnectorRequest": _register_connector_request,
}


def request_dicts(operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Valid request dicts of ``operation``: what one would pass to boto3."""
    strategy: st.SearchStrategy[dict[str, Any]] = value_strategy(request_shape(operation))
    return strategy


def requests() -> st.SearchStrategy[tuple[str, dict[str, Any]]]:
    """``(operation, valid request dict)`` over every operation."""
    return st.sampled_from(OPERATION_NAMES).flatmap(
        lambda op: st.tuples(st.just(op), request_dicts(op))
    )


def response_dicts(operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Response dicts of ``operation``, with unknown members and enum values mixed in."""
    strategy: st.SearchStrategy[dict[str, Any]] = value_strategy(response_shape(operation), True)
    return strategy


# --------------------------------------------------------------------------- places and paths


def join(path: str, member: str) -> str:
    """The API path of ``member`` under ``path`` (the root's path is ``""``)."""
    return f"{path}.{member}" if path else member



@cache
def credential_shapes() -> frozenset[str]:
    """The structure shapes under ``ConnectorProfileCredentials``, read from botocore's model."""
    seen: set[str] = set()
    todo = ["ConnectorProfileCredentials"]
    while todo:
        name = todo.pop()
        if name in seen or SHAPES[name]["type"] != "structure":
            continue
        seen.add(name)
        for member in SHAPES[name]["members"].values():
            shape = member["shape"]
            spec = SHAPES[shape]
            todo.append(shape)
            todo.extend(spec[k]["shape"] for k in ("member", "value") if k in spec)
    return frozenset(seen)


@dataclass(frozen=True)
class Site:
    """One place in a request dict."""

    location: tuple[Any, ...]
    """Keys and indices from the root to the value (for a map key: to the key)."""
    path: str
    """The API path a violation at this place carries."""
    shape: str
    """The shape of the value (or of the key)."""
    owner: str | None = None
    """The structure whose member holds this place (also for items and map entries)."""
    member: str | None = None
    """That member's wire name."""
    map_key: bool = False
    """Whether this place is a map key rather than a value."""

    @property
    def is_member(self) -> bool:
        """Whether the value is a structure member itself (not an item or map entry)."""
        return bool(self.location) and self.location[-1] == self.member and not self.map_key

    @property
    def secret(self) -> bool:
        """Whether the place holds (or is inside) a credential member."""
        return (self.owner, self.member) in SECRET_MEMBERS


def sites(
    shape: str,
    value: Any,
    location: tuple[Any, ...] = (),
    path: str = "",
    owner: str | None = None,
    member: str | None = None,
) -> Iterator[Site]:
    """Every place of ``value`` (valid data of ``shape``), the root included."""
    yield Site(location, path, shape, owner, member)
    spec = SHAPES[shape]
    kind = spec["type"]
    if kind == "structure":
        for name, child in value.items():
            yield from sites(
                member_shape(shape, name), child, (*location, name), join(path, name), shape, name
            )
    elif kind == "list":
        for i, item in enumerate(value):
            yield from sites(
                spec["member"]["shape"], item, (*location, i), f"{path}[{i}]", owner, member
            )
    elif kind == "map":
        key_shape = spec["key"]["shape"]
        positional = bool(SHAPES[key_shape].get("sensitive"))
        for i, (key, child) in enumerate(value.items()):
            yield Site((*location, key), f"{path}[#{i}] (key)", key_shape, owner, member, True)
            value_path = f"{path}[#{i}]" if positional else f"{path}[{key!r:.64}]"
            yield from sites(
                spec["value"]["shape"], child, (*location, key), value_path, owner, member
            )


def get_at(root: Any, location: tuple[Any, ...]) -> Any:
    """The value at ``location``."""
    for step in location:
        root = root[step]
    return root


Draw = Callable[[st.SearchStrategy[Any]], Any]
"""Hypothesis' ``draw`` (of ``st.composite`` or ``st.data()``)."""


@dataclass(frozen=True)
class Break:
    """Exactly one broken constraint at one place."""

    site: Site
    kind: str
    """What is broken, e.g. ``"too long"``, ``"pattern: ö"``, ``"missing required"``."""
    value: Any
    """The new value (or key); unused for removals and unknown members."""
    sole: bool = True
    """Whether this is the only violation the input has (no rule can also fire)."""

    @property
    def path(self) -> str:
        """The API path the violation must carry (an unknown member under credentials is
        reported at its structure: its name may hold a credential)."""
        if self.kind == "unknown member" and self.site.shape not in credential_shapes():
            return join(self.site.path, UNKNOWN_MEMBER)
        return self.site.path

    def apply(self, root: dict[str, Any]) -> dict[str, Any]:
        """A broken deep copy of ``root``."""
        broken = copy.deepcopy(root)
        location = self.site.location
        if self.kind == "unknown member":
            get_at(broken, location)[UNKNOWN_MEMBER] = "x"
            return broken
        parent = get_at(broken, location[:-1])
        if self.kind == "missing required":
            del parent[location[-1]]
        elif self.site.map_key:  # rename the key, keeping its position
            items = [(self.value if k == location[-1] else k, v) for k, v in parent.items()]
            parent.clear()
            parent.update(items)
        else:
            parent[location[-1]] = self.value
        return broken


def _mismatches(shape: str, value: str) -> list[tuple[str, str]]:
    """Values of the right length that break the pattern, named by what breaks it."""
    spec = SHAPES[shape]
    pattern = compiled_pattern(shape)
    if pattern is None or "enum" in spec:
        return []
    candidates = [
        ("ö", value + "ö"),  # \w and ASCII classes are ASCII-only
        ("ö", "ö" + value[1:]),
        ("\\r", value + "\r"),  # Java '.' and \S stop at line terminators
        ("\\u2028", value + "\u2028"),
        ("\\u0085", value + "\u0085"),
        ("space", value + " "),
        ("empty", ""),
        ("\\n", value + "\n"),
    ]
    lo, hi = spec.get("min", 0), spec.get("max", math.inf)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name, candidate in candidates:
        if name in seen or not lo <= len(candidate) <= hi or pattern.fullmatch(candidate):
            continue
        seen.add(name)
        out.append((f"pattern: {name}", candidate))
    return out


def _outside_enum(values: list[str], value: str) -> str:
    """A string near ``value`` that is provably none of ``values``.

    A prefix alone is not enough: ``NOT_`` + ``EQUAL_TO`` is ``NOT_EQUAL_TO``, itself a valid
    operator. Lower case plus a character no enum value of the model has, checked.
    """
    bad = value.lower() + "?"
    while bad in values:  # never true for the model's enums; kept as the proof
        bad += "?"
    return bad


def _scalar_breaks(site: Site, value: Any) -> list[Break]:
    spec = SHAPES[site.shape]
    kind = spec["type"]
    out: list[Break] = []
    if kind == "string":
        lo, hi = spec.get("min", 0), spec.get("max")
        if hi is not None:
            out.append(Break(site, "too long", "x" * (hi + 1)))
        if lo > 0:
            out.append(Break(site, "too short", "x" * (lo - 1)))
        if "enum" in spec:
            out.append(Break(site, "enum", _outside_enum(spec["enum"], value)))
        out.extend(Break(site, name, bad) for name, bad in _mismatches(site.shape, value))
        out.append(Break(site, "type: integer", 1))
        if not site.map_key:
            out.append(Break(site, "type: list", [value]))
    elif kind == "integer":
        if "min" in spec:
            out.append(Break(site, "below minimum", spec["min"] - 1))
        if "max" in spec:
            out.append(Break(site, "above maximum", spec["max"] + 1))
        out.append(Break(site, "type: boolean", True))
        out.append(Break(site, "type: string", str(value)))
        out.append(Break(site, "type: float", float(value)))
    elif kind == "boolean":
        out.append(Break(site, "type: integer", 1))
        out.append(Break(site, "type: string", "true"))
    return out


def _container_breaks(draw: Draw, site: Site, value: Any) -> list[Break]:
    spec = SHAPES[site.shape]
    kind = spec["type"]
    out: list[Break] = []
    if kind == "structure":
        out.append(Break(site, "unknown member", None))
        if site.location:
            # a parent's cross-field rule may look into the emptied structure: not sole
            out.append(Break(site, "type: string", "x", sole=False))
    elif kind == "list":
        if "max" in spec:
            item = value[0] if value else draw(value_strategy(spec["member"]["shape"]))
            out.append(
                Break(site, "too many items", [*value, *[item] * (spec["max"] + 1 - len(value))])
            )
        out.append(Break(site, "type: string", "x"))
    elif kind == "map":
        if "max" in spec:
            key_shape, value_shape = spec["key"]["shape"], spec["value"]["shape"]
            filler = next(iter(value.values())) if value else draw(value_strategy(value_shape))
            keys = [f"k{i}" for i in range(spec["max"] + 1)]
            if all(string_ok(key_shape, k) for k in keys):
                out.append(Break(site, "too many entries", dict.fromkeys(keys, filler)))
        out.append(Break(site, "type: list", []))
    return out


def breaks(draw: Draw, root_shape: str, root: dict[str, Any]) -> list[Break]:
    """Every single-constraint break of the valid dict ``root``."""
    out: list[Break] = []
    for site in sites(root_shape, root):
        if site.is_member and site.member in required_members(site.owner or ""):
            out.append(Break(site, "missing required", None))
        value = site.location[-1] if site.map_key else get_at(root, site.location)
        out.extend(_scalar_breaks(site, value))
        if not site.map_key:
            out.extend(_container_breaks(draw, site, value))
    return out


@st.composite
def single_breaks(draw: st.DrawFn, operation: str) -> tuple[dict[str, Any], Break]:
    """``(valid dict, one break of it)`` for ``operation``."""
    root = draw(request_dicts(operation))
    found = breaks(draw, request_shape(operation), root)
    return root, draw(st.sampled_from(found))


# A value of each kind a caller may pass where the model wants another: wrong types (bytes,
# Decimal, date, sets, arbitrary objects), the edges of numbers, text near a timestamp, empty
# and non-dict containers. Placed at every site by :func:`substitutions`.
HOSTILE_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    2**70,
    1.5,
    float("nan"),
    float("inf"),
    1e20,
    -1e20,
    253402300800,  # 10000-01-01T00:00:00Z: past what a datetime holds
    "",
    "x",
    "0",
    "2026-01-01",
    "2026-W01",  # an ISO 8601 week date: Python's parser takes it, botocore's does not
    "Jan 1 2026",
    b"x",
    bytearray(b"x"),
    decimal.Decimal("1"),
    datetime.date(2026, 1, 1),
    datetime.datetime(2026, 1, 1),
    datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
    [],
    ["x"],
    [None],
    (),
    ("x",),
    {},
    {"x": None},
    {1: "x"},
    {None: "x"},
    MappingProxyType({}),
    OrderedDict(),
    {"x"},
    frozenset(),
    object(),
)
"""Values of every kind, valid or not at a given place (see :func:`substitutions`)."""


def _hashable(value: object) -> bool:
    """Whether ``value`` can be a dict key (a tuple holding a dict is ``Hashable`` by type,
    yet hashing it fails)."""
    try:
        hash(value)
    except TypeError:
        return False
    return True


def substitutions(root_shape: str, root: dict[str, Any]) -> list[Break]:
    """``root`` with one place replaced by one of :data:`HOSTILE_VALUES` (a map key by one
    of the hashable ones), for every place but the root: changes that may or may not break
    a constraint (``Break.kind`` is ``"hostile: <value>"``; ``sole`` is False)."""
    out: list[Break] = []
    for site in sites(root_shape, root):
        if not site.location:
            continue
        for value in HOSTILE_VALUES:
            if site.map_key and not _hashable(value):
                continue
            out.append(Break(site, f"hostile: {value!r:.40}", value, sole=False))
    return out


# --------------------------------------------------------------------------- secrets


def _sentinel_for(shape: str, original: str, token: str) -> str:
    spec = SHAPES[shape]
    lo = spec.get("min", 0)
    padded = (token * (lo // len(token) + 1))[: max(lo, len(token))]
    for candidate in (token, original + token, f"{token}.{token}.{token}", padded):
        if string_ok(shape, candidate):
            return candidate
    raise AssertionError(f"no sentinel value fits {shape}")


@st.composite
def with_sentinel_secrets(draw: st.DrawFn) -> tuple[str, dict[str, Any], list[str]]:
    """``(operation, valid profile request with credentials, credential tokens)``.

    Every credential string (values, and keys of credential maps) is replaced by a value
    built around a unique token that cannot occur in any other text of the request.
    """
    operation = draw(st.sampled_from(["CreateConnectorProfile", "UpdateConnectorProfile"]))
    root = draw(
        request_dicts(operation).filter(
            lambda d: "connectorProfileCredentials" in d["connectorProfileConfig"]
        )
    )
    tokens: list[str] = []
    # keys last: renaming a map key moves the locations of its value
    secret_sites = [
        s
        for s in sites(request_shape(operation), root)
        if s.secret and SHAPES[s.shape]["type"] == "string"
    ]
    for site in sorted(secret_sites, key=lambda s: s.map_key):
        token = f"Zq{len(tokens):02d}SeNtInElVaLuE{len(tokens):02d}Qz"
        tokens.append(token)
        original = site.location[-1] if site.map_key else get_at(root, site.location)
        sentinel = _sentinel_for(site.shape, original, token)
        parent = get_at(root, site.location[:-1])
        if site.map_key:
            items = [(sentinel if k == original else k, v) for k, v in parent.items()]
            parent.clear()
            parent.update(items)
        else:
            parent[site.location[-1]] = sentinel
    assume(tokens)  # some credentials have no credential member set
    return operation, root, tokens


def secret_breaks(operation: str, root: dict[str, Any]) -> list[Break]:
    """Breaks of credential strings that keep the credential inside the invalid value."""
    out: list[Break] = []
    for site in sites(request_shape(operation), root):
        if not site.secret or SHAPES[site.shape]["type"] != "string":
            continue
        spec = SHAPES[site.shape]
        value = site.location[-1] if site.map_key else get_at(root, site.location)
        if "max" in spec:
            out.append(
                Break(
                    site, "too long", (value * (spec["max"] // len(value) + 2))[: spec["max"] + 1]
                )
            )
        out.extend(
            Break(site, name, bad) for name, bad in _mismatches(site.shape, value) if value in bad
        )
        if not site.map_key:
            out.append(Break(site, "type: list", [value]))
    return out


# --------------------------------------------------------------------------- hostile input


def huge_text() -> st.SearchStrategy[str]:
    """Long strings of one repeated character (up to 200,000 characters)."""
    return st.builds(lambda c, n: c * n, st.characters(), st.integers(0, 200_000))


def json_like(member_names: tuple[str, ...] = ()) -> st.SearchStrategy[Any]:
    """Arbitrary JSON-like values: scalars (NaN and infinities too), unicode and huge text,
    lists, and dicts whose keys are anything hashable (and sometimes real member names)."""
    keys: st.SearchStrategy[Any] = (
        st.text(max_size=8) | st.integers() | st.none() | st.booleans() | st.floats()
    )
    if member_names:
        keys = st.sampled_from(member_names) | keys
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text() | huge_text()

    def extend(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4)

    return st.recursive(scalars, extend, max_leaves=12)


def all_member_names() -> tuple[str, ...]:
    """Every member name of every structure of the model (for plausible hostile keys)."""
    names = {m for spec in SHAPES.values() if spec["type"] == "structure" for m in spec["members"]}
    return tuple(sorted(names))
