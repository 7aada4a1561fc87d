"""Misuse of the async client that mypy --strict must reject. Each marked line expects that code."""

from appflow_typed import AsyncAppFlowClient
from appflow_typed.models import RegisterConnectorResponse


async def main(client: AsyncAppFlowClient) -> None:
    # 1. a result used without awaiting the call
    described = client.describe_connector(connector_type="CustomConnector", connector_label="x")
    print(described.connector_configuration)  # E: attr-defined

    # 2. an enum value outside the model's
    await client.register_connector(connector_provisioning_type="lambda")  # E: call-overload

    # 3. a misspelt keyword argument
    await client.unregister_connector(connector_lable="x")  # E: call-overload

    # 4. a token call's Result taken for its response
    response: RegisterConnectorResponse = await client.register_connector(  # E: assignment
        connector_label="x"
    )
    print(response)

    # 5. a paging iterator walked synchronously
    for _ in client.iter_connectors():  # E: attr-defined
        pass

    # 6. the async client used as a sync context manager
    with AsyncAppFlowClient() as sync_client:  # E: attr-defined
        del sync_client
