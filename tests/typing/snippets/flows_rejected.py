"""Flow helper misuse that mypy --strict must reject. Each marked line expects that code."""

from appflow_typed import AppFlowClient, AsyncAppFlowClient, UpdateFlowRequest
from appflow_typed.models import (
    ConnectorOperator,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    S3DestinationProperties,
    S3SourceProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    Task,
    TriggerConfig,
)

s3_source = SourceFlowConfig(
    connector_type="S3",
    source_connector_properties=SourceConnectorProperties(
        s3=S3SourceProperties(bucket_name="orders-in")
    ),
)
s3_destination = DestinationFlowConfig(
    connector_type="S3",
    destination_connector_properties=DestinationConnectorProperties(
        s3=S3DestinationProperties(bucket_name="orders-out")
    ),
)
salesforce_tasks = [
    Task(
        source_fields=["Id"],
        connector_operator=ConnectorOperator(salesforce="PROJECTION"),
        task_type="Filter",
    )
]


def deploy(client: AppFlowClient, update: UpdateFlowRequest) -> None:
    # 1. an update request where the create request is expected
    client.create_or_update_flow(update)  # E: call-overload

    # 2. a flow without its tasks
    client.create_or_update_flow(  # E: call-overload
        flow_name="orders", trigger_config=TriggerConfig(trigger_type="OnDemand")
    )

    # 3. a status the service does not have
    client.wait_for_flow_status("orders", "Running")  # E: arg-type

    # 4. an execution id where start_flow's result is expected
    client.wait_for_flow_run("3f0c-execution-id")  # E: call-overload

    # 5. a run named by its execution id alone
    client.wait_for_flow_run(execution_id="3f0c")  # E: call-overload

    # 6. the run's record taken for a flow
    record = client.wait_for_flow_run(flow_name="orders", execution_id="3f0c")
    print(record.flow_status)  # E: attr-defined

    # 7. a timeout as text
    client.wait_for_flow_status("orders", "Active", timeout="60")  # E: arg-type


async def deploy_async(client: AsyncAppFlowClient) -> None:
    # 8. the record used without awaiting the wait
    record = client.wait_for_flow_run(flow_name="orders", execution_id="3f0c")
    print(record.execution_status)  # E: attr-defined

    # 9-10. a Salesforce operator in an S3-sourced flow, given as keywords
    await client.create_flow(  # E: misc
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=s3_source,
        destination_flow_config_list=[s3_destination],
        tasks=salesforce_tasks,
    )
    await client.create_or_update_flow(  # E: misc
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=s3_source,
        destination_flow_config_list=[s3_destination],
        tasks=salesforce_tasks,
    )


def deploy_tasks(client: AppFlowClient) -> None:
    # 11-13. a Salesforce operator in an S3-sourced flow, given as keywords
    client.create_flow(  # E: misc
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=s3_source,
        destination_flow_config_list=[s3_destination],
        tasks=salesforce_tasks,
    )
    client.update_flow(  # E: misc
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=s3_source,
        destination_flow_config_list=[s3_destination],
        tasks=salesforce_tasks,
    )
    client.create_or_update_flow(  # E: misc
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=s3_source,
        destination_flow_config_list=[s3_destination],
        tasks=[
            Task(
                source_fields=["Id"],
                connector_operator=ConnectorOperator(salesforce="PROJECTION"),
                task_type="Filter",
            )
        ],
    )
