"""Messages a person understands: what was expected, in words, with the AWS member names."""

from __future__ import annotations

from typing import Any

import pytest

from appflow_typed import (
    CreateConnectorProfileRequest,
    RegisterConnectorRequest,
    UpdateConnectorProfileRequest,
    ValidationError,
    from_boto,
)
from appflow_typed.models import SAPODataConnectorProfileProperties


def messages(call: Any, *args: Any, **kwargs: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return {v.path: v.message for v in info.value.violations}


def test_a_dict_where_a_model_belongs_says_what_to_build_and_how() -> None:
    found = messages(
        RegisterConnectorRequest,
        connector_label="crm",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config={"lambda": {"lambdaArn": "arn:aws:lambda:x"}},
    )
    message = found["connectorProvisioningConfig"]
    assert "ConnectorProvisioningConfig(" in message
    assert "AWS members: lambda" in message
    assert "from_boto" in message
    assert "got object" not in message


def test_a_near_miss_member_name_gets_a_did_you_mean() -> None:
    data = {
        "connectorProfileName": "crm",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"salesforce": {"instanceUrl": "https://x.example.com"}},
        },
    }
    found = messages(from_boto, UpdateConnectorProfileRequest, data)
    # the unknown member says it all: no "expected exactly one connector member, got none"
    assert found == {
        "connectorProfileConfig.connectorProfileProperties.salesforce": (
            "unknown member; did you mean Salesforce?"
        )
    }


def test_a_near_miss_enum_value_gets_a_did_you_mean() -> None:
    found = messages(from_boto, RegisterConnectorRequest, {"connectorProvisioningType": "lambda"})
    assert found["connectorProvisioningType"] == "expected one of: LAMBDA; did you mean LAMBDA?"


def test_a_key_far_from_every_member_gets_no_guess() -> None:
    found = messages(from_boto, RegisterConnectorRequest, {"totallyUnrelatedKey": 1})
    assert found == {"totallyUnrelatedKey": "unknown member"}


@pytest.mark.parametrize(
    ("member", "value", "message"),
    [
        (
            "connectorLabel",
            "x",
            "expected 2 or more ASCII letters, digits or _ ! @ # . -, starting with a letter or digit",
        ),
        ("description", "tab\tok but not ~", "expected ASCII letters, digits, whitespace or _ / ! @ # + = . - only"),
    ],
)
def test_a_common_pattern_is_explained_in_words(member: str, value: str, message: str) -> None:
    found = messages(from_boto, RegisterConnectorRequest, {member: value})
    assert found[member] == message
    assert "[" not in found[member]  # no raw regex


def test_urls_and_digits_in_words_and_a_rare_pattern_keeps_its_regex() -> None:
    found = messages(
        SAPODataConnectorProfileProperties,
        application_host_url="ftp://host",
        application_service_path="/x",
        port_number=443,
        client_number="12",
        private_link_service_name="vpce x",
    )
    assert found["applicationHostUrl"] == "expected an http:// or https:// URL (ASCII, no spaces)"
    assert found["clientNumber"] == "expected exactly 3 characters, got 2"
    assert found["privateLinkServiceName"].startswith("expected a string matching ")
    assert "(whole string)" in found["privateLinkServiceName"]


def test_the_connector_count_is_said_plainly() -> None:
    data = {
        "connectorProfileName": "p",
        "connectorType": "Slack",
        "connectionMode": "Public",
        "connectorProfileConfig": {"connectorProfileProperties": {}},
    }
    found = messages(from_boto, CreateConnectorProfileRequest, data)
    assert found == {
        "connectorProfileConfig.connectorProfileProperties": "expected exactly one connector member, got none"
    }
