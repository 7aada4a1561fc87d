"""Correct use of the async client that mypy --strict and pyright must accept."""

from collections.abc import AsyncIterator

from typing_extensions import assert_type

from appflow_typed import AsyncAppFlowClient, Result, RetryPolicy
from appflow_typed.models import (
    ConnectorDetail,
    ConnectorProvisioningConfig,
    DescribeConnectorResponse,
    LambdaConnectorProvisioningConfig,
    RegisterConnectorRequest,
    RegisterConnectorResponse,
    UnregisterConnectorResponse,
)

ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"


async def main(url: str) -> None:
    async with AsyncAppFlowClient(
        region_name="eu-west-1", endpoint_url=url, retry=RetryPolicy(max_attempts=5)
    ) as client:
        assert_type(client, AsyncAppFlowClient)
        result = await client.register_connector(
            connector_label="acme",
            connector_provisioning_type="LAMBDA",
            connector_provisioning_config=ConnectorProvisioningConfig(
                lambda_=LambdaConnectorProvisioningConfig(lambda_arn=ARN)
            ),
        )
        assert_type(result, Result[RegisterConnectorResponse])
        assert_type(result.client_token, str)
        again = await client.register_connector(
            RegisterConnectorRequest(
                connector_label="acme",
                connector_provisioning_type="LAMBDA",
                connector_provisioning_config=ConnectorProvisioningConfig(
                    lambda_=LambdaConnectorProvisioningConfig(lambda_arn=ARN)
                ),
                client_token=client.new_client_token(),
            )
        )
        assert_type(again, Result[RegisterConnectorResponse])
        described = await client.describe_connector(
            connector_type="CustomConnector", connector_label="acme"
        )
        assert_type(described, DescribeConnectorResponse)
        connectors = client.iter_connectors(max_results=10)
        assert_type(connectors, AsyncIterator[ConnectorDetail])
        async for connector in connectors:
            assert_type(connector, ConnectorDetail)
        gone = await client.unregister_connector(connector_label="acme")
        assert_type(gone, UnregisterConnectorResponse)
