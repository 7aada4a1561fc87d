"""Create-or-update calls mypy --strict must accept, with the types it must infer."""

from typing import Literal

from typing_extensions import assert_type

from appflow_typed import AppFlowClient, AsyncAppFlowClient, UpsertResult
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CreateConnectorProfileRequest,
    LambdaConnectorProvisioningConfig,
    RegisterConnectorRequest,
    SalesforceConnectorProfileProperties,
)

config = ConnectorProfileConfig(
    connector_profile_properties=ConnectorProfileProperties(
        salesforce=SalesforceConnectorProfileProperties(instance_url="https://x.my.salesforce.com")
    )
)
provisioning = ConnectorProvisioningConfig(
    lambda_=LambdaConnectorProvisioningConfig(lambda_arn="arn:aws:lambda:::function:f")
)


def deploy(client: AppFlowClient) -> None:
    profile = client.create_or_update_connector_profile(
        connector_profile_name="sf",
        connector_type="Salesforce",
        connection_mode="Public",
        connector_profile_config=config,
        update_credentials=False,
    )
    assert_type(profile, UpsertResult)
    assert_type(profile.action, Literal["created", "updated", "unchanged"])
    assert_type(profile.client_token, str | None)
    request = CreateConnectorProfileRequest(
        connector_profile_name="sf",
        connector_type="Salesforce",
        connection_mode="Public",
        connector_profile_config=config,
    )
    assert_type(client.create_or_update_connector_profile(request), UpsertResult)
    registration = client.register_or_update_connector(
        connector_label="acme", connector_provisioning_config=provisioning
    )
    assert_type(registration.arn, str | None)
    assert_type(
        client.register_or_update_connector(RegisterConnectorRequest(connector_label="acme")),
        UpsertResult,
    )


async def deploy_async(client: AsyncAppFlowClient) -> None:
    profile = await client.create_or_update_connector_profile(
        connector_profile_name="sf",
        connector_type="Salesforce",
        connection_mode="Public",
        connector_profile_config=config,
    )
    assert_type(profile, UpsertResult)
    registration = await client.register_or_update_connector(connector_label="acme")
    assert_type(registration.changed, tuple[str, ...])
