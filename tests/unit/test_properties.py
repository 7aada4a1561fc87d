"""Properties of the models and the converter over data generated from the service model."""

from __future__ import annotations

import copy
import traceback
from collections import OrderedDict
from typing import Any

import attrs
import pytest
from botocore.validate import ParamValidator
from hypothesis import assume, given
from hypothesis import strategies as st

import appflow_typed
import appflow_typed.models
from appflow_typed import ValidationError, from_boto, to_boto
from appflow_typed.models._schema import WIRE_NAMES
from tests import strategies as S

OPERATIONS = pytest.mark.parametrize("operation", S.OPERATION_NAMES)


def request_class(operation: str) -> type[Any]:
    cls: type[Any] = getattr(appflow_typed, f"{operation}Request")
    return cls


def response_class(operation: str) -> type[Any]:
    cls: type[Any] = getattr(appflow_typed, f"{operation}Response")
    return cls


def model_class(shape: str) -> type[Any]:
    cls: type[Any] = getattr(appflow_typed.models, shape)
    return cls


def violations_of(cls: type[Any], data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        from_boto(cls, data)
    return info.value


# --------------------------------------------------------------------------- valid data


@OPERATIONS
def test_valid_requests_round_trip_exactly(operation: str) -> None:
    cls = request_class(operation)

    @given(S.request_dicts(operation))
    def check(data: dict[str, Any]) -> None:
        assert to_boto(from_boto(cls, data)) == data

    check()


def clear_containers(value: Any) -> None:
    """Empty every list and dict in ``value``, innermost first."""
    children = list(value.values()) if isinstance(value, dict) else value
    if isinstance(value, (dict, list)):
        for child in children:
            clear_containers(child)
        value.clear()


@OPERATIONS
def test_models_share_no_container_with_their_input_or_output(operation: str) -> None:
    cls = request_class(operation)

    @given(S.request_dicts(operation))
    def check(data: dict[str, Any]) -> None:
        expected = copy.deepcopy(data)
        model = from_boto(cls, data)
        clear_containers(data)
        assert to_boto(model) == expected
        clear_containers(to_boto(model))
        assert to_boto(model) == expected

    check()


def as_ordered_dicts(value: Any) -> Any:
    """``value`` with every dict an OrderedDict."""
    if isinstance(value, dict):
        return OrderedDict((k, as_ordered_dicts(v)) for k, v in value.items())
    if isinstance(value, list):
        return [as_ordered_dicts(v) for v in value]
    return value


@given(S.requests())
def test_mappings_other_than_dict_are_accepted(case: tuple[str, dict[str, Any]]) -> None:
    operation, data = case
    assert to_boto(from_boto(request_class(operation), as_ordered_dicts(data))) == data


def test_a_tuple_for_a_list_member_is_accepted() -> None:
    data = {"connectorTypes": ("Salesforce", "Slack")}
    input_shape = S.SERVICE_MODEL.operation_model("DescribeConnectors").input_shape
    assert input_shape is not None
    report = ParamValidator().validate(data, input_shape)
    assert not report.has_errors()
    model = from_boto(appflow_typed.DescribeConnectorsRequest, data)
    assert to_boto(model) == {"connectorTypes": ["Salesforce", "Slack"]}


@OPERATIONS
def test_valid_requests_pass_botocore_validation(operation: str) -> None:
    input_shape = S.SERVICE_MODEL.operation_model(operation).input_shape
    assert input_shape is not None

    @given(S.request_dicts(operation))
    def check(data: dict[str, Any]) -> None:
        report = ParamValidator().validate(data, input_shape)
        assert not report.has_errors(), report.generate_report()

    check()


@OPERATIONS
def test_responses_with_unknown_members_and_values_parse(operation: str) -> None:
    cls = response_class(operation)
    wire = {w: a for a, w in WIRE_NAMES[cls.__name__].items()}
    members = S.SHAPES[cls.__name__]["members"]
    # values kept as they are (a timestamp is parsed into a datetime)
    kept = {m for m in wire if S.SHAPES[members[m]["shape"]]["type"] != "timestamp"}

    @given(S.response_dicts(operation))
    def check(data: dict[str, Any]) -> None:
        parsed = from_boto(cls, data)
        assert isinstance(parsed, cls)
        for member, value in data.items():
            if member in kept and isinstance(value, (str, int)):
                assert getattr(parsed, wire[member]) == value

    check()


def test_response_keeps_an_unknown_enum_value() -> None:
    data = {"connectorConfiguration": {"connectorType": "NEW_CONNECTOR", "futureMember": [1]}}
    parsed = from_boto(appflow_typed.DescribeConnectorResponse, data)
    assert parsed.connector_configuration is not None
    assert parsed.connector_configuration.connector_type == "NEW_CONNECTOR"


# --------------------------------------------------------------------------- one broken constraint


@OPERATIONS
def test_one_broken_constraint_is_reported_at_its_path(operation: str) -> None:
    cls = request_class(operation)

    @given(S.single_breaks(operation))
    def check(case: tuple[dict[str, Any], S.Break]) -> None:
        root, brk = case
        err = violations_of(cls, brk.apply(root))
        paths = [v.path for v in err.violations]
        assert brk.path in paths, (brk.kind, err.violations)
        if brk.sole:
            assert paths == [brk.path], (brk.kind, err.violations)

    check()


@pytest.mark.parametrize(
    "shape", sorted(name for name, spec in S.SHAPES.items() if "enum" in spec)
)
def test_an_enum_break_is_outside_the_enum(shape: str) -> None:
    """Every value a break puts in an enum member is provably not one of its values.

    ``NOT_`` + ``EQUAL_TO`` was ``NOT_EQUAL_TO``, a valid operator: the property test
    ``test_one_broken_constraint_is_reported_at_its_path`` failed whenever Hypothesis drew it.
    """
    values = S.SHAPES[shape]["enum"]
    site = S.Site(location=("member",), path="member", shape=shape)
    for value in values:
        (enum_break,) = (b for b in S._scalar_breaks(site, value) if b.kind == "enum")
        assert enum_break.value not in values, (shape, value, enum_break.value)


# Once raised AttributeError: the profile rule read the properties of an invalid config.
@pytest.mark.parametrize(
    ("config", "paths"),
    [
        ("x", ["connectorProfileConfig"]),
        ([], ["connectorProfileConfig"]),
        ({}, ["connectorProfileConfig.connectorProfileProperties"]),
        (
            {"connectorProfileCredentials": {}},
            [
                "connectorProfileConfig.connectorProfileCredentials",
                "connectorProfileConfig.connectorProfileProperties",
            ],
        ),
    ],
)
def test_create_profile_with_an_invalid_config_is_a_validation_error(
    config: Any, paths: list[str]
) -> None:
    data = {
        "connectorProfileName": "p",
        "connectorType": "Amplitude",
        "connectionMode": "Public",
        "connectorProfileConfig": config,
    }
    err = violations_of(appflow_typed.CreateConnectorProfileRequest, data)
    assert sorted(v.path for v in err.violations) == paths


SAP_PROPERTIES = {
    "applicationHostUrl": "https://sap.example.com",
    "applicationServicePath": "/sap/opu/odata/sap/API",
    "portNumber": 443,
    "clientNumber": "100",
    "disableSSO": False,
}


def sap_profile(**overrides: Any) -> dict[str, Any]:
    return {
        "connectorProfileName": "sap-profile",
        "connectorType": "SAPOData",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"SAPOData": {**SAP_PROPERTIES, **overrides}},
        },
    }


SAP = "connectorProfileConfig.connectorProfileProperties.SAPOData"


def test_sap_profile_example_is_valid() -> None:
    data = sap_profile()
    assert to_boto(from_boto(appflow_typed.CreateConnectorProfileRequest, data)) == data


@pytest.mark.parametrize(
    ("member", "bad", "message"),
    [
        ("portNumber", True, "expected an integer, got boolean"),
        ("portNumber", "443", "expected an integer, got string"),
        ("portNumber", 0, "expected an integer from 1 to 65535"),
        ("portNumber", 65536, "expected an integer from 1 to 65535"),
        ("disableSSO", 1, "expected a boolean, got integer"),
        ("clientNumber", "1000", "expected exactly 3 characters, got 4"),
        ("clientNumber", "1ö0", "expected exactly 3 ASCII digits"),
        (
            "clientNumber",
            "\uff11\uff10\uff10",
            "expected exactly 3 ASCII digits",
        ),  # fullwidth digits: \d is ASCII
        ("applicationServicePath", "/path\r", "expected a string without spaces, tabs or line breaks"),
        ("logonLanguage", "eö", "expected ASCII letters, digits and underscores only"),
    ],
)
def test_named_scalar_breaks(member: str, bad: Any, message: str) -> None:
    err = violations_of(appflow_typed.CreateConnectorProfileRequest, sap_profile(**{member: bad}))
    assert [v.path for v in err.violations] == [f"{SAP}.{member}"]
    assert err.violations[0].message.startswith(message)


@pytest.mark.parametrize(
    ("cls", "data", "path"),
    [
        # Java's \\w is ASCII-only
        (appflow_typed.UnregisterConnectorRequest, {"connectorLabel": "labelö"}, "connectorLabel"),
        # the pattern needs two characters
        (appflow_typed.UnregisterConnectorRequest, {"connectorLabel": "l"}, "connectorLabel"),
        (
            appflow_typed.UnregisterConnectorRequest,
            {"connectorLabel": "label", "forceDelete": "yes"},
            "forceDelete",
        ),
        (
            appflow_typed.UnregisterConnectorRequest,
            {"connectorLabel": "label", "extra": 1},
            "extra",
        ),
        (appflow_typed.UnregisterConnectorRequest, {"forceDelete": True}, "connectorLabel"),
        # \\s is ASCII-only too: U+2028 is not whitespace to Java
        (
            appflow_typed.UpdateConnectorRegistrationRequest,
            {"connectorLabel": "label", "description": "bad\u2028"},
            "description",
        ),
        (appflow_typed.DescribeConnectorsRequest, {"maxResults": True}, "maxResults"),
        (appflow_typed.DescribeConnectorsRequest, {"maxResults": 101}, "maxResults"),
        (
            appflow_typed.DescribeConnectorsRequest,
            {"connectorTypes": ["Salesforce", "Nope"]},
            "connectorTypes[1]",
        ),
    ],
)
def test_named_breaks(cls: type[Any], data: dict[str, Any], path: str) -> None:
    err = violations_of(cls, data)
    assert [v.path for v in err.violations] == [path]


def custom_profile(properties: dict[str, Any], custom: dict[str, Any]) -> dict[str, Any]:
    return {
        "connectorProfileName": "custom",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"CustomConnector": properties},
            "connectorProfileCredentials": {
                "CustomConnector": {
                    "authenticationType": "CUSTOM",
                    "custom": {"customAuthenticationType": "token", **custom},
                }
            },
        },
    }


CUSTOM = "connectorProfileConfig.connectorProfileProperties.CustomConnector"
CUSTOM_CREDENTIALS = "connectorProfileConfig.connectorProfileCredentials.CustomConnector"
SCOPES = {"tokenUrl": "https://t.example", "authCodeUrl": "https://a.example"}


@pytest.mark.parametrize(
    ("properties", "custom", "path", "message"),
    [
        (
            {"profileProperties": {f"k{i}": "v" for i in range(51)}},
            {},
            f"{CUSTOM}.profileProperties",
            "expected at most 50 entries, got 51",
        ),
        (
            {"profileProperties": {"good": "v", "bad key": "v"}},
            {},
            f"{CUSTOM}.profileProperties[#1] (key)",
            "expected ASCII letters, digits and underscores only",
        ),
        (
            {"profileProperties": {"good": "v", "key": "two words"}},
            {},
            f"{CUSTOM}.profileProperties['key']",
            "expected a string without spaces, tabs or line breaks",
        ),
        (
            {},
            {"credentialsMap": {"token": "has space"}},
            f"{CUSTOM_CREDENTIALS}.custom.credentialsMap[#0]",
            "expected a string without spaces, tabs or line breaks",
        ),
        (
            {},
            {"credentialsMap": {"ok": "v", "k" * 129: "v"}},
            f"{CUSTOM_CREDENTIALS}.custom.credentialsMap[#1] (key)",
            "expected 1 to 128 characters, got 129",
        ),
        (
            {},
            {"credentialsMap": {f"k{i}": "v" for i in range(51)}},
            f"{CUSTOM_CREDENTIALS}.custom.credentialsMap",
            "expected at most 50 entries, got 51",
        ),
    ],
)
def test_map_breaks_are_reported_at_positional_or_keyed_paths(
    properties: dict[str, Any], custom: dict[str, Any], path: str, message: str
) -> None:
    data = custom_profile(properties, custom)
    err = violations_of(appflow_typed.UpdateConnectorProfileRequest, data)
    assert [v.path for v in err.violations] == [path]
    assert err.violations[0].message.startswith(message)


def test_list_item_break_is_reported_at_its_index() -> None:
    sap = sap_profile(oAuthProperties={**SCOPES, "oAuthScopes": ["read", "two words"]})
    err = violations_of(appflow_typed.CreateConnectorProfileRequest, sap)
    assert [v.path for v in err.violations] == [f"{SAP}.oAuthProperties.oAuthScopes[1]"]


def test_java_dot_rejects_a_trailing_carriage_return() -> None:
    # BucketPrefix is '.*': Java's '.' matches neither \r nor \n, unlike Python's
    data = {
        "connectorProfileName": "redshift",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {
                "Redshift": {
                    "bucketName": "bucket",
                    "bucketPrefix": "prefix\r",
                    "roleArn": "arn:aws:iam::123456789012:role/r",
                }
            }
        },
    }
    err = violations_of(appflow_typed.UpdateConnectorProfileRequest, data)
    assert [v.path for v in err.violations] == [
        "connectorProfileConfig.connectorProfileProperties.Redshift.bucketPrefix"
    ]


def test_every_kind_of_break_is_generated() -> None:
    kinds: set[str] = set()

    @given(st.data())
    def collect(data: st.DataObject) -> None:
        for operation in S.OPERATION_NAMES:
            root = data.draw(S.request_dicts(operation))
            kinds.update(b.kind for b in S.breaks(data.draw, S.request_shape(operation), root))

    collect()
    expected = {
        "too long",
        "too short",
        "enum",
        "pattern: ö",
        "pattern: \\r",
        "pattern: empty",
        "type: integer",
        "type: boolean",
        "type: string",
        "type: float",
        "type: list",
        "below minimum",
        "above maximum",
        "too many items",
        "unknown member",
        "missing required",
    }
    assert expected <= kinds


# --------------------------------------------------------------------------- direct construction


@OPERATIONS
def test_direct_construction_raises_what_from_boto_raises(operation: str) -> None:
    root_cls = request_class(operation)

    @given(st.data())
    def check(data: st.DataObject) -> None:
        root = data.draw(S.request_dicts(operation))
        candidates = [
            b
            for b in S.breaks(data.draw, S.request_shape(operation), root)
            if b.site.is_member
            and b.site.owner is not None
            and b.kind not in ("missing required", "unknown member")
            and S.SHAPES[b.site.shape]["type"] in ("string", "integer", "boolean")
        ]
        assume(candidates)
        brk = data.draw(st.sampled_from(candidates))
        owner = brk.site.owner
        assert owner is not None
        parent_location = brk.site.location[:-1]
        parent_path = brk.site.path.rpartition(".")[0]
        cls = model_class(owner)
        valid = from_boto(cls, S.get_at(root, parent_location))
        attribute = {w: a for a, w in WIRE_NAMES[owner].items()}[brk.site.member or ""]

        with pytest.raises(ValidationError) as direct:
            attrs.evolve(valid, **{attribute: brk.value})
        parsed = violations_of(cls, S.get_at(brk.apply(root), parent_location))
        from_root = violations_of(root_cls, brk.apply(root))

        assert direct.value.violations == parsed.violations
        assert [v.path for v in direct.value.violations] == [brk.site.member]
        assert [v.path for v in from_root.violations] == [
            S.join(parent_path, brk.site.member or "")
        ]
        assert from_root.violations[0].message == direct.value.violations[0].message

    check()


# --------------------------------------------------------------------------- secrets


def model_tree(obj: Any) -> list[Any]:
    """``obj`` and every model instance inside it."""
    found = [obj]
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        values = value if isinstance(value, list) else [value]
        found.extend(x for v in values if attrs.has(type(v)) for x in model_tree(v))
    return found


def everything_said(err: ValidationError) -> str:
    """All an error shows: its text, repr, violations, notes and the chained exceptions."""
    return "\n".join(
        [
            str(err),
            repr(err),
            *(f"{v.path} {v.message} {v!r} {v}" for v in err.violations),
            *map(str, getattr(err, "__notes__", ())),
            *traceback.format_exception(err),
        ]
    )


@given(S.with_sentinel_secrets())
def test_credentials_never_appear_in_repr_or_str(
    case: tuple[str, dict[str, Any], list[str]],
) -> None:
    operation, data, tokens = case
    model = from_boto(request_class(operation), data)
    shown = "\n".join(text for obj in model_tree(model) for text in (repr(obj), str(obj)))
    assert tokens
    assert all(token in str(data) for token in tokens)  # the tokens are really in the input
    leaked = [t for t in tokens if t in shown]
    assert not leaked, shown


@given(st.data())
def test_invalid_credentials_never_appear_in_validation_errors(data: st.DataObject) -> None:
    operation, root, tokens = data.draw(S.with_sentinel_secrets())
    brk = data.draw(st.sampled_from(S.secret_breaks(operation, root)))
    err = violations_of(request_class(operation), brk.apply(root))
    assert brk.path in [v.path for v in err.violations], (brk.kind, err.violations)
    said = everything_said(err)
    leaked = [t for t in tokens if t in said]
    assert not leaked, said
