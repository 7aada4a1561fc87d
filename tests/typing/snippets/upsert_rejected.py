"""Create-or-update misuse that mypy --strict must reject. Each marked line expects that code."""

from appflow_typed import AppFlowClient, AsyncAppFlowClient
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileProperties,
    SalesforceConnectorProfileProperties,
    UpdateConnectorProfileRequest,
)

config = ConnectorProfileConfig(
    connector_profile_properties=ConnectorProfileProperties(
        salesforce=SalesforceConnectorProfileProperties(instance_url="https://x.my.salesforce.com")
    )
)


def deploy(client: AppFlowClient) -> None:
    # 1. connectorType disagrees with the connector the properties name
    client.create_or_update_connector_profile(  # E: call-overload
        connector_profile_name="sf",
        connector_type="Slack",
        connection_mode="Public",
        connector_profile_config=config,
    )

    # 2. an update request where the create request is expected
    client.create_or_update_connector_profile(  # E: call-overload
        UpdateConnectorProfileRequest(
            connector_profile_name="sf", connection_mode="Public", connector_profile_config=config
        )
    )

    # 3. a registration without its label
    client.register_or_update_connector(description="no label")  # E: call-overload

    # 4. an outcome that is not one of the three
    outcome = client.register_or_update_connector(connector_label="acme")
    print(outcome.action == "deleted")  # E: comparison-overlap


async def deploy_async(client: AsyncAppFlowClient) -> None:
    # 5. the outcome used without awaiting the call
    outcome = client.register_or_update_connector(connector_label="acme")
    print(outcome.action)  # E: attr-defined
