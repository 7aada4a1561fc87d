"""Server-side validation derived from botocore's model: the endpoint as a second opinion."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest
from mypy_boto3_appflow import AppflowClient

from appflow_typed._java_regex import compile_java_regex, java_regex_to_python
from appflow_typed.testing import LocalAppFlow
from appflow_typed.testing._model import service_model
from appflow_typed.testing._validate import Validator
from tests.endpoint.conftest import LAMBDA_ARN, SECRET, post, register

REGISTER: dict[str, Any] = {
    "connectorLabel": "ok-label",
    "connectorProvisioningType": "LAMBDA",
    "connectorProvisioningConfig": {"lambda": {"lambdaArn": LAMBDA_ARN}},
}


def error_of(endpoint: LocalAppFlow, path: str, body: dict[str, Any]) -> tuple[int, str, str]:
    status, headers, payload = post(endpoint, path, body)
    return status, headers["x-amzn-errortype"], payload["message"]


@pytest.mark.parametrize(
    "label", ["Connectör", "a", "-leading-dash", "has space", "new\nline", "x" * 257]
)
def test_invalid_labels_are_rejected(client: AppflowClient, label: str) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="connectorLabel"):
        register(client, label)


@pytest.mark.parametrize("label", ["ab", "A1", "a_b.c-d@e#f!g", "x" * 256])
def test_valid_labels_are_accepted(client: AppflowClient, label: str) -> None:
    register(client, label)


def test_pattern_is_a_whole_string_match(endpoint: LocalAppFlow) -> None:
    # "[a-zA-Z0-9][\w!@#.-]+" matches a prefix of "ab cd"; the service wants the whole value.
    status, code, message = error_of(
        endpoint, "/register-connector", {**REGISTER, "connectorLabel": "ab cd"}
    )
    assert (status, code) == (400, "ValidationException")
    assert message == (
        "1 validation error detected: Value 'ab cd' at 'connectorLabel' failed to satisfy "
        r"constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][\w!@#.-]+"
    )


def test_required_member(endpoint: LocalAppFlow) -> None:
    status, code, message = error_of(endpoint, "/unregister-connector", {})
    assert (status, code) == (400, "ValidationException")
    assert "Value null at 'connectorLabel' failed to satisfy constraint: Member must not be null" \
        in message


def test_nested_required_member(unchecked: AppflowClient) -> None:
    with pytest.raises(
        unchecked.exceptions.ValidationException,
        match=re.escape("'connectorProvisioningConfig.lambda.lambdaArn'"),
    ):
        unchecked.register_connector(
            connectorLabel="abc",
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={"lambda": {}},  # type: ignore[typeddict-item]
        )


def test_enum(endpoint: LocalAppFlow) -> None:
    status, code, message = error_of(
        endpoint, "/register-connector", {**REGISTER, "connectorProvisioningType": "EC2"}
    )
    assert (status, code) == (400, "ValidationException")
    assert "Member must satisfy enum value set: [LAMBDA]" in message


@pytest.mark.parametrize(("value", "fragment"), [
    (0, "greater than or equal to 1"),
    (101, "less than or equal to 100"),
])
def test_integer_range(unchecked: AppflowClient, value: int, fragment: str) -> None:
    with pytest.raises(unchecked.exceptions.ValidationException, match=fragment):
        unchecked.list_connectors(maxResults=value)


def test_port_number_range(unchecked: AppflowClient) -> None:
    with pytest.raises(unchecked.exceptions.ValidationException, match=re.escape(
        "'connectorProfileConfig.connectorProfileProperties.SAPOData.portNumber'"
    )):
        unchecked.create_connector_profile(
            connectorProfileName="sap",
            connectorType="SAPOData",
            connectionMode="Public",
            connectorProfileConfig={"connectorProfileProperties": {"SAPOData": {
                "applicationHostUrl": "https://sap.example.com",
                "applicationServicePath": "/sap/opu/odata",
                "portNumber": 70000,
                "clientNumber": "010",
            }}},
        )


def test_length_limits(endpoint: LocalAppFlow) -> None:
    status, _, message = error_of(
        endpoint, "/register-connector", {**REGISTER, "clientToken": ""}
    )
    assert status == 400
    assert "at 'clientToken' failed to satisfy constraint: Member must have length greater " \
        "than or equal to 1" in message
    _, _, message = error_of(
        endpoint, "/describe-connectors", {"connectorTypes": ["S3"] * 101}
    )
    assert "'connectorTypes' failed to satisfy constraint: Member must have length less than " \
        "or equal to 100" in message


def test_length_counts_code_points(endpoint: LocalAppFlow) -> None:
    # ConnectorProfileName: max 256. 256 non-BMP letters are 512 UTF-16 units, 256 code points;
    # they fail the ASCII-only \w pattern but not the length.
    _, _, message = error_of(endpoint, "/describe-connector-profiles",
                             {"connectorProfileNames": ["\U0001d54f" * 256]})
    assert "regular expression" in message
    assert "length" not in message
    _, _, message = error_of(endpoint, "/describe-connector-profiles",
                             {"connectorProfileNames": ["a" * 257]})
    assert "Member must have length less than or equal to 256" in message


def test_unknown_member_via_raw_http(endpoint: LocalAppFlow) -> None:
    status, code, message = error_of(endpoint, "/register-connector", {**REGISTER, "extra": 1})
    assert (status, code) == (400, "ValidationException")
    assert "'extra'" in message
    assert "RegisterConnectorRequest" in message
    assert endpoint.effects == []


def test_types_via_raw_http(endpoint: LocalAppFlow) -> None:
    _, code, message = error_of(endpoint, "/list-connectors", {"maxResults": "10"})
    assert code == "ValidationException"
    assert "'maxResults'" in message
    _, code, message = error_of(endpoint, "/unregister-connector",
                                {"connectorLabel": "abc", "forceDelete": "yes"})
    assert code == "ValidationException"
    assert "'forceDelete' failed to satisfy constraint: Member must be a boolean" in message
    _, code, _ = error_of(endpoint, "/list-connectors", {"maxResults": True})
    assert code == "ValidationException"


def test_every_violation_is_reported(endpoint: LocalAppFlow) -> None:
    _, _, message = error_of(endpoint, "/register-connector", {
        "connectorLabel": "bad label",
        "connectorProvisioningType": "NOPE",
        "connectorProvisioningConfig": {"lambda": {}},
    })
    assert message.startswith("3 validation errors detected: ")


SENSITIVE_CASES = [
    # The sensitive trait (ApiKey).
    {"CustomConnector": {"authenticationType": "APIKEY",
                         "apiKey": {"apiKey": f"bad {SECRET}"}}},
    # Credentials without the trait in the model (RefreshToken, ApplicationKey, Key...).
    {"Salesforce": {"refreshToken": f"bad {SECRET}"}},
    {"Datadog": {"apiKey": "k", "applicationKey": f"bad {SECRET}"}},
    {"InforNexus": {"accessKeyId": "a", "userId": "u", "secretAccessKey": f"bad {SECRET}",
                    "datakey": f"bad {SECRET}"}},
    {"Dynatrace": {"apiToken": f"{SECRET} bad"}},
    {"GoogleAnalytics": {"clientId": "c", "clientSecret": "s",
                         "oAuthRequest": {"authCode": f"bad {SECRET}"}}},
    {"Salesforce": {"accessToken": "x" * 4097 + SECRET}},
    # CredentialsMap keys and values.
    {"CustomConnector": {"authenticationType": "CUSTOM", "custom": {
        "customAuthenticationType": "t", "credentialsMap": {f"{SECRET}!": "value"}}}},
    {"CustomConnector": {"authenticationType": "CUSTOM", "custom": {
        "customAuthenticationType": "t", "credentialsMap": {"key": f"bad {SECRET}"}}}},
]


@pytest.mark.parametrize("credentials", SENSITIVE_CASES)
def test_credentials_are_never_echoed(
    endpoint: LocalAppFlow, credentials: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    member = next(iter(credentials))
    status, code, message = error_of(endpoint, "/update-connector-profile", {
        "connectorProfileName": "p",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {member: {}},
            "connectorProfileCredentials": credentials,
        },
    })
    assert (status, code) == (400, "ValidationException")
    assert f"connectorProfileConfig.connectorProfileCredentials.{member}" in message
    assert SECRET not in message
    assert SECRET not in caplog.text
    assert SECRET not in repr(endpoint.requests)


def test_non_secret_values_are_shown(endpoint: LocalAppFlow) -> None:
    _, _, message = error_of(endpoint, "/delete-connector-profile",
                             {"connectorProfileName": "has space"})
    assert "Value 'has space' at 'connectorProfileName'" in message


@pytest.mark.parametrize(
    ("pattern", "value", "matches"),
    [
        (r"\w+", "abc_1", True),
        (r"\w+", "é", False),  # \w is ASCII in Java
        (r"\d+", "١٢", False),  # Arabic-Indic digits are not \d in Java
        (r"\s*", "\u00a0", False),
        (r"\S+", "é", True),
        (".*", "a\nb", False),
        (".*", "a\rb", False),
        (".*", "a\u0085b", False),
        (".*", "a\u2028b", False),
        (".*", "a\u2029b", False),
        (".*", "a\tb", True),
        ("[.]+", "...", True),
        ("[.]+", "a", False),
        (r"^\d{3}$", "010", True),
        (r"^\d{3}$", "010\n", False),
        ("arn:aws:.*:.*:[0-9]+:.*", "arn:aws:lambda:us-east-1:1:function:f", True),
        ("[a-zA-Z0-9][\\w!@#.-]+", "ab cd", False),
        ("[-a-z+&@#/%?=~_|!:,.;]*", "a&b~c|d", True),
        ("[a~~]+", "~a", True),
        ("[a||]+", "|a", True),
        ("[]a]+", "]a", True),
        ("[^]a]+", "b", True),
        ("[^]a]+", "]", False),
    ],
)
def test_compile_java_regex(pattern: str, value: str, matches: bool) -> None:
    assert (compile_java_regex(pattern).fullmatch(value) is not None) is matches


def test_every_model_pattern_compiles_without_warnings() -> None:
    shapes = service_model().shapes
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compiled = [compile_java_regex(s["pattern"]) for s in shapes.values() if "pattern" in s]
    assert len(compiled) > 50


def test_every_input_shape_builds() -> None:
    model = service_model()
    validator = Validator(model.shapes)
    for operation in model.operations:
        shape = model.input_shape(operation)
        if shape is not None:
            assert validator.validate(shape, {}) is not None


def test_java_surrogate_pair_escapes_mean_supplementary_code_points() -> None:
    pattern = compile_java_regex(r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*")
    assert pattern.fullmatch("ab\U0001f600\t") is not None
    assert pattern.fullmatch("\x01") is None


@pytest.mark.parametrize("pattern", ["[a-z&&[^aeiou]]", "[a[bc]]"])
def test_java_class_set_operations_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="set operations"):
        java_regex_to_python(pattern)


def test_lazy_dot_star_matches_the_same_whole_strings() -> None:
    assert java_regex_to_python("a.*:b") == "a[^\\n\\r\\u0085\\u2028\\u2029]*?:b"
    pattern = compile_java_regex("arn:aws:.*:.*:[0-9]+:.*")
    assert pattern.fullmatch("arn:aws:a:b:c:1:d:2:e") is not None
    assert pattern.fullmatch("arn:aws:a:b:c") is None
