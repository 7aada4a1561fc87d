"""A model taken from a response and put into a request is validated on use."""

from __future__ import annotations

from typing import Any, get_args

import botocore.session
import pytest

from appflow_typed import (
    DescribeConnectorProfilesResponse,
    UpdateConnectorProfileRequest,
    ValidationError,
    from_boto,
    models,
    to_boto,
)
from appflow_typed.models import (
    ConnectionMode_VALUES,
    ConnectorProfileConfig,
    ConnectorProfileProperties,
    ConnectorType_VALUES,
    is_known,
)


def described(properties: dict[str, Any]) -> ConnectorProfileProperties[Any]:
    data = {
        "connectorProfileDetails": [
            {
                "connectorProfileName": "crm",
                "connectorType": "Salesforce",
                "connectionMode": "Public",
                "connectorProfileProperties": properties,
            }
        ]
    }
    details = from_boto(DescribeConnectorProfilesResponse, data).connector_profile_details
    assert details is not None
    found = details[0].connector_profile_properties
    assert found is not None
    return found


def update(properties: ConnectorProfileProperties[Any]) -> UpdateConnectorProfileRequest:
    return UpdateConnectorProfileRequest(
        connector_profile_name="crm",
        connection_mode="Public",
        connector_profile_config=ConnectorProfileConfig(connector_profile_properties=properties),
    )


def test_an_invalid_described_value_is_refused_when_a_request_takes_it() -> None:
    properties = described({"Salesforce": {"instanceUrl": "not a url"}})  # tolerated in a response
    with pytest.raises(ValidationError) as info:
        update(properties)
    assert [v.path for v in info.value.violations] == ["connectorProfileProperties.Salesforce.instanceUrl"]


def test_a_value_a_response_tolerates_is_refused_in_a_request() -> None:
    sap = {
        "applicationHostUrl": "https://sap.example.com",
        "applicationServicePath": "/sap/opu/odata",
        "portNumber": 443,
        "clientNumber": "100",
        "oAuthProperties": {"tokenUrl": "https://t.example.com", "authCodeUrl": "https://a.example.com", "oAuthScopes": ["x"]},
        "newMember": 1,
    }
    properties = described({"SAPOData": {**sap, "portNumber": 0}})
    with pytest.raises(ValidationError) as info:
        update(properties)
    assert [v.path for v in info.value.violations] == ["connectorProfileProperties.SAPOData.portNumber"]


def test_a_valid_described_value_goes_into_a_request_as_it_is() -> None:
    properties = described({"Salesforce": {"instanceUrl": "https://x.example.com", "isSandboxEnvironment": False}})
    request = update(properties)
    assert to_boto(request)["connectorProfileConfig"] == {
        "connectorProfileProperties": {
            "Salesforce": {"instanceUrl": "https://x.example.com", "isSandboxEnvironment": False}
        }
    }
    assert update(properties) == request  # checked once, then taken as it is


# Response enumerations are open: a value the service adds later is kept; `is_known` tells it
# from the values a request takes, and the value sets are the service model's.


def test_a_value_the_service_added_later_is_kept_and_not_known() -> None:
    data = {"connectorProfileDetails": [{"connectorType": "NewConnector", "connectionMode": "Private"}]}
    details = from_boto(DescribeConnectorProfilesResponse, data).connector_profile_details
    assert details is not None
    profile = details[0]
    assert profile.connector_type == "NewConnector"
    assert not is_known(profile.connector_type, ConnectorType_VALUES)
    assert is_known(profile.connection_mode, ConnectionMode_VALUES)
    assert not is_known(profile.connection_mode, ConnectorType_VALUES)
    assert not is_known(None, ConnectionMode_VALUES)
    assert not is_known("public", ConnectionMode_VALUES)  # exact, as the service compares


def test_every_value_set_is_its_enumeration_in_the_service_model() -> None:
    shapes = botocore.session.get_session().get_service_data("appflow")["shapes"]
    enums = {name: set(shape["enum"]) for name, shape in shapes.items() if "enum" in shape}
    assert enums, "the service model has enumerations"
    for name, values in enums.items():
        assert getattr(models, f"{name}_VALUES") == values, name
        assert set(get_args(getattr(models, name))) == values, name
