"""Flow helpers mypy --strict must accept, with the types it must infer."""

from typing import Literal

from typing_extensions import assert_type

from appflow_typed import AppFlowClient, AsyncAppFlowClient, CreateFlowRequest, UpsertResult
from appflow_typed.errors import FlowRunFailedError, WaiterTimeoutError
from appflow_typed.models import (
    ConnectorOperator,
    DescribeFlowResponse,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    ExecutionRecord,
    S3DestinationProperties,
    S3SourceProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    Task,
    TriggerConfig,
)

source = SourceFlowConfig(
    connector_type="S3",
    source_connector_properties=SourceConnectorProperties(s3=S3SourceProperties(bucket_name="in")),
)
destination = DestinationFlowConfig(
    connector_type="S3",
    destination_connector_properties=DestinationConnectorProperties(
        s3=S3DestinationProperties(bucket_name="out")
    ),
)
tasks = [
    Task(
        source_fields=["Id"],
        connector_operator=ConnectorOperator(s3="PROJECTION"),
        task_type="Filter",
    )
]


def deploy(client: AppFlowClient) -> None:
    outcome = client.create_or_update_flow(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=tasks,
        tags={"team": "sales"},
    )
    assert_type(outcome, UpsertResult)
    assert_type(outcome.action, Literal["created", "updated", "unchanged"])
    request = CreateFlowRequest(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=tasks,
    )
    assert_type(client.create_or_update_flow(request), UpsertResult)

    started = client.start_flow(flow_name="orders")
    try:
        record = client.wait_for_flow_run(started, timeout=600, poll_interval=5)
    except FlowRunFailedError as failed:
        assert_type(failed.execution_message, str | None)
        assert_type(failed.record, ExecutionRecord)
        raise
    except WaiterTimeoutError as late:
        assert_type(late.last_status, str | None)
        raise
    assert_type(record, ExecutionRecord)
    assert_type(client.wait_for_flow_run(started.value), ExecutionRecord)
    assert_type(client.wait_for_flow_run(flow_name="orders", execution_id="3f0c"), ExecutionRecord)
    flow = client.wait_for_flow_status("orders", "Active")
    assert_type(flow, DescribeFlowResponse)
    assert_type(
        client.wait_for_flow_status("orders", ("Suspended", "Errored")), DescribeFlowResponse
    )


async def deploy_async(client: AsyncAppFlowClient) -> None:
    request = CreateFlowRequest(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=tasks,
    )
    assert_type(await client.create_or_update_flow(request), UpsertResult)
    started = await client.start_flow(flow_name="orders")
    assert_type(await client.wait_for_flow_run(started), ExecutionRecord)
    assert_type(
        await client.wait_for_flow_status(flow_name="orders", status="Active"),
        DescribeFlowResponse,
    )
