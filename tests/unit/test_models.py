"""Local validation: constraints, cross-field rules, paths, redaction, serialization."""

from __future__ import annotations

import copy
import logging
import pickle
from typing import Any

import pytest

from appflow_typed import (
    CreateConnectorProfileRequest,
    DescribeConnectorProfilesResponse,
    DescribeConnectorRequest,
    DescribeConnectorResponse,
    ListConnectorsResponse,
    RegisterConnectorRequest,
    UpdateConnectorProfileRequest,
    ValidationError,
    from_boto,
    to_boto,
)
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CustomAuthCredentials,
    CustomConnectorProfileCredentials,
    LambdaConnectorProvisioningConfig,
    SalesforceConnectorProfileCredentials,
    SAPODataConnectorProfileProperties,
    SnowflakeConnectorProfileCredentials,
)

SECRET = "SENTINEL-secret-value-0123456789"

SAP_PROFILE: dict[str, Any] = {
    "connectorProfileName": "sap-prod",
    "connectionMode": "Public",
    "connectorProfileConfig": {
        "connectorProfileProperties": {
            "SAPOData": {
                "applicationHostUrl": "https://sap.example.com",
                "applicationServicePath": "/sap/opu/odata",
                "portNumber": 443,
                "clientNumber": "100",
                "disableSSO": False,
                "oAuthProperties": {
                    "tokenUrl": "https://sap.example.com/token",
                    "authCodeUrl": "https://sap.example.com/auth",
                    "oAuthScopes": ["read", "write"],
                },
            }
        },
        "connectorProfileCredentials": {
            "SAPOData": {
                "oAuthCredentials": {
                    "clientId": "client",
                    "clientSecret": SECRET,
                    "refreshToken": SECRET + "-refresh",
                }
            }
        },
    },
    "clientToken": "token-1",
}


def _paths(exc: ValidationError) -> list[str]:
    return [v.path for v in exc.violations]


def _fails(cls: type, data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        from_boto(cls, data)
    return info.value


def test_round_trip_keeps_false_zero_and_wire_names() -> None:
    request = from_boto(UpdateConnectorProfileRequest, SAP_PROFILE)
    assert to_boto(request) == SAP_PROFILE
    sap = request.connector_profile_config.connector_profile_properties.sapo_data
    assert sap is not None
    assert sap.disable_sso is False


def test_lambda_wire_name_and_none_omitted() -> None:
    request = RegisterConnectorRequest(
        connector_label="my-connector",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=ConnectorProvisioningConfig(
            lambda_=LambdaConnectorProvisioningConfig(
                lambda_arn="arn:aws:lambda:us-east-1:123456789012:function:f"
            )
        ),
    )
    assert to_boto(request) == {
        "connectorLabel": "my-connector",
        "connectorProvisioningType": "LAMBDA",
        "connectorProvisioningConfig": {
            "lambda": {"lambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f"}
        },
    }


def test_every_violation_of_the_tree_is_gathered_with_its_path() -> None:
    data = copy.deepcopy(SAP_PROFILE)
    sap = data["connectorProfileConfig"]["connectorProfileProperties"]["SAPOData"]
    sap["portNumber"] = 70000
    sap["clientNumber"] = "1000"
    sap["oAuthProperties"]["oAuthScopes"] = ["ok", "has space"]
    sap["bogus"] = 1
    data["connectionMode"] = "public"
    error = _fails(UpdateConnectorProfileRequest, data)
    base = "connectorProfileConfig.connectorProfileProperties.SAPOData"
    assert sorted(_paths(error)) == sorted(
        [
            f"{base}.portNumber",
            f"{base}.clientNumber",
            f"{base}.oAuthProperties.oAuthScopes[1]",
            f"{base}.bogus",
            "connectionMode",
        ]
    )
    assert error.model == "UpdateConnectorProfileRequest"
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "expected an integer, got boolean"),
        ("443", "expected an integer, got string"),
        (0, "expected an integer from 1 to 65535"),
        (65536, "expected an integer from 1 to 65535"),
    ],
)
def test_strict_integer_types_and_ranges(value: object, message: str) -> None:
    data = copy.deepcopy(SAP_PROFILE)
    data["connectorProfileConfig"]["connectorProfileProperties"]["SAPOData"]["portNumber"] = value
    [violation] = _fails(UpdateConnectorProfileRequest, data).violations
    assert violation.path.endswith("SAPOData.portNumber")
    assert violation.message == message


def test_strict_boolean_type() -> None:
    data = copy.deepcopy(SAP_PROFILE)
    data["connectorProfileConfig"]["connectorProfileProperties"]["SAPOData"]["disableSSO"] = 1
    [violation] = _fails(UpdateConnectorProfileRequest, data).violations
    assert violation.message == "expected a boolean, got integer"


@pytest.mark.parametrize("label", ["Connectör", "a b", "x", "-leading", "ok\n", "é" * 3])
def test_patterns_match_whole_strings_with_ascii_classes(label: str) -> None:
    with pytest.raises(ValidationError) as info:
        RegisterConnectorRequest(connector_label=label)
    assert _paths(info.value) == ["connectorLabel"]


def test_java_dot_does_not_match_line_terminators() -> None:
    # Redshift username is String: pattern ".*"; Java's '.' stops at \r, \u2028, ...
    for bad in ("user\r", "a\u2028b", "a\u0085"):
        with pytest.raises(ValidationError):
            from_boto(
                UpdateConnectorProfileRequest,
                {
                    "connectorProfileName": "r",
                    "connectionMode": "Public",
                    "connectorProfileConfig": {
                        "connectorProfileProperties": {
                            "Redshift": {
                                "bucketName": "bucket",
                                "roleArn": "arn:aws:iam::123456789012:role/r",
                            }
                        },
                        "connectorProfileCredentials": {"Redshift": {"username": bad}},
                    },
                },
            )


def test_lengths_are_checked_before_patterns() -> None:
    with pytest.raises(ValidationError) as info:
        RegisterConnectorRequest(connector_label="a" * 10_000_000)
    [violation] = info.value.violations
    assert violation.message == "expected at most 256 characters, got 10000000"


def test_direct_construction_reports_relative_paths() -> None:
    with pytest.raises(ValidationError) as info:
        SAPODataConnectorProfileProperties(
            application_host_url="ftp://nope",
            application_service_path="/sap",
            port_number=0,
            client_number="100",
        )
    assert _paths(info.value) == ["applicationHostUrl", "portNumber"]


def test_required_member_passed_as_none() -> None:
    with pytest.raises(ValidationError) as info:
        LambdaConnectorProvisioningConfig(lambda_arn=None)  # type: ignore[arg-type]
    assert [(v.path, v.message) for v in info.value.violations] == [("lambdaArn", "is required")]


def test_missing_required_members_in_data() -> None:
    error = _fails(UpdateConnectorProfileRequest, {"connectionMode": "Public"})
    assert sorted(_paths(error)) == ["connectorProfileConfig", "connectorProfileName"]


def test_unknown_keys_rejected_by_name() -> None:
    error = _fails(RegisterConnectorRequest, {"connectorLabel": "abc", "conectorLabel": "x"})
    assert [(v.path, v.message) for v in error.violations] == [("conectorLabel", "unknown member; did you mean connectorLabel?")]


def test_not_an_object() -> None:
    not_objects: list[Any] = [None, [], "x", 1]
    for data in not_objects:
        error = _fails(RegisterConnectorRequest, data)
        assert _paths(error) == [""]


# ---------------------------------------------------------------- cross-field rules


def test_properties_name_exactly_one_connector() -> None:
    with pytest.raises(ValidationError, match="exactly one connector"):
        ConnectorProfileProperties()  # type: ignore[call-overload]
    data = copy.deepcopy(SAP_PROFILE)
    data["connectorProfileConfig"]["connectorProfileProperties"]["Slack"] = {
        "instanceUrl": "https://x.slack.com"
    }
    error = _fails(UpdateConnectorProfileRequest, data)
    assert _paths(error) == ["connectorProfileConfig.connectorProfileProperties"]


def test_credentials_for_another_connector() -> None:
    data = copy.deepcopy(SAP_PROFILE)
    data["connectorProfileConfig"]["connectorProfileCredentials"] = {
        "Slack": {"clientId": "id", "clientSecret": SECRET}
    }
    error = _fails(UpdateConnectorProfileRequest, data)
    assert _paths(error) == ["connectorProfileConfig.connectorProfileCredentials"]
    assert SECRET not in str(error)


def _create(connector_type: str, properties: dict[str, Any], label: str | None = None) -> Any:
    data: dict[str, Any] = {
        "connectorProfileName": "p",
        "connectorType": connector_type,
        "connectionMode": "Public",
        "connectorProfileConfig": {"connectorProfileProperties": properties},
    }
    if label is not None:
        data["connectorLabel"] = label
    return data


@pytest.mark.parametrize(
    ("member", "connector_type"),
    [
        ("GoogleAnalytics", "Googleanalytics"),
        ("ServiceNow", "Servicenow"),
        ("InforNexus", "Infornexus"),
        ("Singular", "Singular"),
    ],
)
def test_connector_type_spelling(member: str, connector_type: str) -> None:
    properties: dict[str, Any] = {member: {}}
    if member in ("ServiceNow", "InforNexus"):
        properties[member] = {"instanceUrl": "https://x.example.com"}
    request = from_boto(CreateConnectorProfileRequest, _create(connector_type, properties))
    assert request.connector_type == connector_type
    error = _fails(
        CreateConnectorProfileRequest,
        _create(member if member != "Singular" else "Slack", properties),
    )
    assert _paths(error) == ["connectorType"]


def test_custom_connector_profile_needs_label() -> None:
    error = _fails(
        CreateConnectorProfileRequest, _create("CustomConnector", {"CustomConnector": {}})
    )
    assert _paths(error) == ["connectorLabel"]
    from_boto(
        CreateConnectorProfileRequest, _create("CustomConnector", {"CustomConnector": {}}, "lbl")
    )


def test_describe_custom_connector_needs_label() -> None:
    with pytest.raises(ValidationError):
        DescribeConnectorRequest(connector_type="CustomConnector")
    DescribeConnectorRequest(connector_type="CustomConnector", connector_label="lbl")
    DescribeConnectorRequest(connector_type="Salesforce")


def test_custom_connector_authentication_type_matches_block() -> None:
    custom = CustomAuthCredentials(custom_authentication_type="hmac", credentials_map={"k": SECRET})
    CustomConnectorProfileCredentials(authentication_type="CUSTOM", custom=custom)
    with pytest.raises(ValidationError) as info:
        CustomConnectorProfileCredentials(authentication_type="OAUTH2", custom=custom)  # type: ignore[call-overload]
    assert sorted(_paths(info.value)) == ["custom", "oauth2"]
    assert SECRET not in str(info.value)


def test_salesforce_grant_rules() -> None:
    with pytest.raises(ValidationError, match="CLIENT_CREDENTIALS is not supported"):
        SalesforceConnectorProfileCredentials(o_auth2_grant_type="CLIENT_CREDENTIALS")  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        SalesforceConnectorProfileCredentials(o_auth2_grant_type="JWT_BEARER")
    assert _paths(info.value) == ["jwtToken"]
    SalesforceConnectorProfileCredentials(o_auth2_grant_type="JWT_BEARER", jwt_token="a.b.c")


def test_snowflake_password_or_private_key() -> None:
    SnowflakeConnectorProfileCredentials(username="u", private_key=SECRET)
    with pytest.raises(ValidationError) as info:
        SnowflakeConnectorProfileCredentials(username="u", password=SECRET, private_key=SECRET)
    assert SECRET not in str(info.value)


def test_lambda_provisioning_needs_lambda() -> None:
    with pytest.raises(ValidationError) as info:
        RegisterConnectorRequest(connector_label="abc", connector_provisioning_type="LAMBDA")
    assert _paths(info.value) == ["connectorProvisioningConfig.lambda"]


def test_sap_oauth_credentials_need_oauth_properties() -> None:
    data = copy.deepcopy(SAP_PROFILE)
    del data["connectorProfileConfig"]["connectorProfileProperties"]["SAPOData"]["oAuthProperties"]
    error = _fails(UpdateConnectorProfileRequest, data)
    assert _paths(error) == [
        "connectorProfileConfig.connectorProfileProperties.SAPOData.oAuthProperties"
    ]


# ---------------------------------------------------------------- secrets


def test_secrets_never_in_repr_or_str() -> None:
    request = from_boto(UpdateConnectorProfileRequest, SAP_PROFILE)
    for text in (repr(request), str(request)):
        assert SECRET not in text
        assert "<redacted>" in text
        assert "client" in text  # clientId is not a secret


def test_secret_map_keys_and_values_redacted() -> None:
    custom = CustomAuthCredentials(
        custom_authentication_type="hmac", credentials_map={"SENTINELsecretKey": SECRET}
    )
    assert SECRET not in repr(custom)
    assert "SENTINELsecretKey" not in repr(custom)
    assert "<redacted: 1 entry>" in repr(custom)


def test_invalid_secret_never_echoed() -> None:
    bad = SECRET + " with space" + "x" * 600
    with pytest.raises(ValidationError) as info:
        CustomAuthCredentials(custom_authentication_type="hmac", credentials_map={bad: bad})
    rendered = str(info.value) + repr(info.value) + repr(info.value.violations)
    assert SECRET not in rendered
    assert {v.path for v in info.value.violations} == {
        "credentialsMap[#0] (key)",
        "credentialsMap[#0]",
    }


def test_validation_error_pickles() -> None:
    error = _fails(RegisterConnectorRequest, {"connectorLabel": "Connectör"})
    again = pickle.loads(pickle.dumps(error))
    assert again.violations == error.violations
    assert str(again) == str(error)


# ---------------------------------------------------------------- responses


def test_responses_are_tolerant() -> None:
    data = {
        "connectorProfileDetails": [
            {
                "connectorProfileName": "x",
                "connectorType": "SomeNewConnector",
                "someNewMember": {"nested": True},
                "createdAt": 1700000000,
                "connectorProfileProperties": {
                    "CustomConnector": {
                        "oAuth2Properties": {
                            "tokenUrl": "https://x.example.com/t",
                            "oAuth2GrantType": "A_NEW_GRANT",
                        }
                    },
                    "FutureConnector": {},
                },
            }
        ]
    }
    response = from_boto(DescribeConnectorProfilesResponse, data)
    [profile] = response.connector_profile_details or []
    assert profile.connector_type == "SomeNewConnector"
    assert profile.created_at is not None
    assert profile.created_at.year == 2023
    properties = profile.connector_profile_properties
    assert properties is not None
    assert properties.custom_connector is not None
    assert properties.custom_connector.o_auth2_properties is not None
    # a shape shared with requests keeps its request-side type; a value the service added
    # later still comes through
    grant: str = properties.custom_connector.o_auth2_properties.o_auth2_grant_type
    assert grant == "A_NEW_GRANT"


def test_malformed_responses_are_reported_at_their_paths() -> None:
    data: dict[str, Any] = {
        "connectorConfiguration": {
            "registeredAt": "not a time",
            "authenticationConfig": ["not", "an object"],
            "connectorRuntimeSettings": {"not": "a list"},
        },
    }
    err = _fails(DescribeConnectorResponse, data)
    assert [(v.path, v.message) for v in err.violations] == [
        ("connectorConfiguration.authenticationConfig", "expected an object, got array"),
        ("connectorConfiguration.connectorRuntimeSettings", "expected a list, got object"),
        ("connectorConfiguration.registeredAt", "expected a timestamp"),
    ]
    err = _fails(ListConnectorsResponse, {"connectors": [{}, "x"]})
    assert [(v.path, v.message) for v in err.violations] == [
        ("connectors[1]", "expected an object, got string")
    ]


def test_response_unions_hold_only_the_members_given() -> None:
    response = from_boto(
        DescribeConnectorProfilesResponse,
        {
            "connectorProfileDetails": [
                {"connectorProfileProperties": {"Snowflake": {"bucketName": "b"}}}
            ]
        },
    )
    [profile] = response.connector_profile_details or []
    properties = profile.connector_profile_properties
    assert properties is not None
    assert to_boto(properties) == {"Snowflake": {"bucketName": "b"}}
    assert properties.salesforce is None
    assert properties.snowflake is not None
    assert properties.snowflake.bucket_name == "b"
    assert properties.snowflake.warehouse is None  # tolerant: missing required members too


def test_unknown_response_members_are_logged_at_debug_by_name_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="appflow_typed")
    data = {"nextToken": "t", "connectors": [{"connectorName": "n", "newMember": SECRET}]}
    response = from_boto(ListConnectorsResponse, data)
    assert response.next_token == "t"
    assert any(
        "1 unknown member(s) of ConnectorDetail" in r.getMessage() and "'newMember'" in r.getMessage()
        for r in caplog.records
        if r.levelno == logging.DEBUG
    )
    assert SECRET not in caplog.text  # the name, never the value


def test_models_are_frozen_and_comparable() -> None:
    a = from_boto(UpdateConnectorProfileRequest, SAP_PROFILE)
    b = from_boto(UpdateConnectorProfileRequest, copy.deepcopy(SAP_PROFILE))
    assert a == b
    with pytest.raises(AttributeError):
        a.connection_mode = "Private"  # type: ignore[misc]


def test_input_containers_are_not_shared() -> None:
    data = copy.deepcopy(SAP_PROFILE)
    request = from_boto(UpdateConnectorProfileRequest, data)
    data["connectorProfileConfig"]["connectorProfileProperties"]["SAPOData"]["oAuthProperties"][
        "oAuthScopes"
    ].append("injected")
    assert to_boto(request) == SAP_PROFILE


def _mismatched_config() -> object:
    return ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            sapo_data=SAPODataConnectorProfileProperties(
                application_host_url="https://sap.example.com",
                application_service_path="/sap",
                port_number=443,
                client_number="100",
            )
        ),
        connector_profile_credentials=ConnectorProfileCredentials(
            snowflake=SnowflakeConnectorProfileCredentials(username="u", password=SECRET)
        ),  # type: ignore[misc]
    )


def test_mismatched_credentials_rejected_at_run_time_too() -> None:
    with pytest.raises(ValidationError, match="credentials are for Snowflake") as info:
        _mismatched_config()
    assert SECRET not in str(info.value)
