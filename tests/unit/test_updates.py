"""From a described profile or registration to its update request."""

from __future__ import annotations

from typing import Any

import pytest

from appflow_typed import (
    DescribeConnectorProfilesResponse,
    DescribeConnectorResponse,
    ValidationError,
    from_boto,
    profile_update,
    registration_update,
    to_boto,
)
from appflow_typed.models import (
    ConnectorProfile,
    ConnectorProfileCredentials,
    ConnectorProvisioningConfig,
    LambdaConnectorProvisioningConfig,
    SalesforceConnectorProfileCredentials,
)

SALESFORCE = {"instanceUrl": "https://x.my.salesforce.com", "isSandboxEnvironment": False}


def described_profile(**overrides: Any) -> ConnectorProfile:
    entry = {
        "connectorProfileArn": "arn:aws:appflow:eu-west-1:111122223333:connectorprofile/crm",
        "connectorProfileName": "crm",
        "connectorType": "Salesforce",
        "connectionMode": "Public",
        "credentialsArn": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:x",
        "connectorProfileProperties": {"Salesforce": SALESFORCE},
        "createdAt": 1700000000,
        **overrides,
    }
    details = from_boto(DescribeConnectorProfilesResponse, {"connectorProfileDetails": [entry]})
    assert details.connector_profile_details is not None
    return details.connector_profile_details[0]


def test_a_described_profile_becomes_its_update_request_with_the_credentials_given() -> None:
    credentials = ConnectorProfileCredentials(
        salesforce=SalesforceConnectorProfileCredentials(o_auth2_grant_type="JWT_BEARER", jwt_token="a.b.c")
    )
    request = profile_update(described_profile(), credentials=credentials)
    assert to_boto(request) == {
        "connectorProfileName": "crm",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"Salesforce": SALESFORCE},
            "connectorProfileCredentials": {"Salesforce": {"oAuth2GrantType": "JWT_BEARER", "jwtToken": "a.b.c"}},
        },
    }


def test_without_credentials_the_request_carries_none() -> None:
    request = profile_update(described_profile(), connection_mode="Private")
    assert to_boto(request)["connectionMode"] == "Private"
    assert "connectorProfileCredentials" not in to_boto(request)["connectorProfileConfig"]


def test_a_described_value_a_request_does_not_allow_is_reported() -> None:
    with pytest.raises(ValidationError) as info:
        profile_update(described_profile(connectionMode="Hybrid"))  # a mode the service may add
    assert [v.path for v in info.value.violations] == ["connectionMode"]


def test_a_described_registration_becomes_its_update_request() -> None:
    data = {
        "connectorConfiguration": {
            "connectorLabel": "acme_crm",
            "connectorDescription": "CRM",
            "connectorProvisioningType": "LAMBDA",
            "connectorProvisioningConfig": {"lambda": {"lambdaArn": "arn:aws:lambda:eu-west-1:111122223333:function:a"}},
        }
    }
    configuration = from_boto(DescribeConnectorResponse, data).connector_configuration
    assert configuration is not None
    assert to_boto(registration_update(configuration)) == {
        "connectorLabel": "acme_crm",
        "description": "CRM",
        "connectorProvisioningConfig": {"lambda": {"lambdaArn": "arn:aws:lambda:eu-west-1:111122223333:function:a"}},
    }
    new = ConnectorProvisioningConfig(
        lambda_=LambdaConnectorProvisioningConfig(lambda_arn="arn:aws:lambda:eu-west-1:111122223333:function:b")
    )
    assert to_boto(registration_update(configuration, provisioning_config=new))["connectorProvisioningConfig"] == {
        "lambda": {"lambdaArn": "arn:aws:lambda:eu-west-1:111122223333:function:b"}
    }
