# pyright: strict
"""TypeVar defaults: a generic request from from_boto or in a signature is any connector, not Any."""

from typing import Any

from typing_extensions import assert_type

from appflow_typed import (
    CreateConnectorProfileRequest,
    UpdateConnectorProfileRequest,
    from_boto,
    profile_update,
)
from appflow_typed.models import (
    ConnectorProfile,
    ConnectorProfileConfig,
    ConnectorType,
)


def load(data: dict[str, Any]) -> CreateConnectorProfileRequest:
    request = from_boto(CreateConnectorProfileRequest, data)
    assert_type(request, CreateConnectorProfileRequest[ConnectorType])
    return request


def config_of(request: CreateConnectorProfileRequest) -> ConnectorProfileConfig:
    return request.connector_profile_config


assert_type(load({}).connector_type, ConnectorType)



def build(name: str, kind: ConnectorType, config: ConnectorProfileConfig) -> CreateConnectorProfileRequest:
    request = CreateConnectorProfileRequest(
        connector_profile_name=name,
        connector_type=kind,
        connection_mode="Public",
        connector_profile_config=config,
    )
    assert_type(request, CreateConnectorProfileRequest[ConnectorType])
    return request


def update_of(described: ConnectorProfile) -> UpdateConnectorProfileRequest:
    return profile_update(described, connection_mode="Private")
