"""Request builders shared by the reliability tests (valid, minimal, deterministic)."""

from __future__ import annotations

from typing import Literal

from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CreateConnectorProfileRequest,
    CustomConnectorProfileProperties,
    LambdaConnectorProvisioningConfig,
    RegisterConnectorRequest,
    UpdateConnectorProfileRequest,
    UpdateConnectorRegistrationRequest,
)

CustomConnector = Literal["CustomConnector"]

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:reliability-connector"


def lambda_config(arn: str = LAMBDA_ARN) -> ConnectorProvisioningConfig:
    """The provisioning config of a Lambda-backed connector."""
    return ConnectorProvisioningConfig(lambda_=LambdaConnectorProvisioningConfig(lambda_arn=arn))


def register(label: str, description: str, token: str | None = None) -> RegisterConnectorRequest:
    """A RegisterConnector request for a Lambda connector."""
    return RegisterConnectorRequest(
        connector_label=label,
        description=description,
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=lambda_config(),
        client_token=token,
    )


def update_registration(
    label: str, description: str, token: str | None = None
) -> UpdateConnectorRegistrationRequest:
    """An UpdateConnectorRegistration request that sets the description."""
    return UpdateConnectorRegistrationRequest(
        connector_label=label, description=description, client_token=token
    )


def custom_config(version: str) -> ConnectorProfileConfig[CustomConnector]:
    """A custom connector profile config whose one property records ``version``."""
    return ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            custom_connector=CustomConnectorProfileProperties(
                profile_properties={"version": version}
            )
        )
    )


def create_profile(
    name: str, label: str, version: str, token: str | None = None
) -> CreateConnectorProfileRequest[CustomConnector]:
    """A CreateConnectorProfile request for the custom connector ``label``."""
    return CreateConnectorProfileRequest(
        connector_profile_name=name,
        connector_type="CustomConnector",
        connector_label=label,
        connection_mode="Public",
        connector_profile_config=custom_config(version),
        client_token=token,
    )


def update_profile(name: str, version: str, token: str | None = None) -> UpdateConnectorProfileRequest:
    """An UpdateConnectorProfile request that sets the ``version`` property."""
    return UpdateConnectorProfileRequest(
        connector_profile_name=name,
        connection_mode="Public",
        connector_profile_config=custom_config(version),
        client_token=token,
    )
