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


# Tasks are checked against the flow's source connector; every valid way to build them passes.
from typing import Any  # noqa: E402

from appflow_typed import from_boto  # noqa: E402
from appflow_typed.models import UpdateFlowRequest  # noqa: E402

s3_filter = Task(
    source_fields=["Id", "Amount"],
    connector_operator=ConnectorOperator(s3="PROJECTION"),
    task_type="Filter",
)
assert_type(s3_filter, Task[Literal["S3"]])
# a task without an operator fits any flow
unchecked = Task(source_fields=["Id"], destination_field="Id", task_type="Map")
assert_type(unchecked, Task[Any])

# a task list built first, mixing tasks with and without an operator
built_first = [s3_filter, unchecked]
# a comprehension
mapped = [
    Task(
        source_fields=[field],
        connector_operator=ConnectorOperator(s3="NO_OP"),
        destination_field=field,
        task_type="Map",
    )
    for field in ("Id", "Amount")
]
# a list typed for its connector
typed: list[Task[Literal["S3"]]] = [s3_filter, Task(source_fields=["Id"], task_type="Map")]


# a helper annotated with a bare Task
def s3_tasks(fields: list[str]) -> list[Task]:
    return [
        Task(
            source_fields=fields,
            connector_operator=ConnectorOperator(s3="PROJECTION"),
            task_type="Filter",
        )
    ]


# a helper whose return type is left to inference (pyright infers it; mypy --strict asks for
# an annotation, and without one its result is Any)
def inferred_tasks(fields: list[str]):  # type: ignore[no-untyped-def]
    return [
        Task(
            source_fields=fields,
            connector_operator=ConnectorOperator(s3="PROJECTION"),
            task_type="Filter",
        )
    ]


for each in (built_first, mapped, typed, s3_tasks(["Id"]), inferred_tasks(["Id"])):
    CreateFlowRequest(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=each,
    )


# a flow typed as a bare CreateFlowRequest, returned or annotated
def orders_flow() -> CreateFlowRequest:
    return CreateFlowRequest(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=[s3_filter, *mapped],
    )


# a builder of any connector's flow, its tasks given
def any_flow(source: SourceFlowConfig, tasks: list[Task]) -> CreateFlowRequest:
    return CreateFlowRequest(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=[*tasks, unchecked],
    )


annotated: CreateFlowRequest = orders_flow()
assert_type(annotated.tasks, list[Task[Any]])

# a flow read from AWS-shaped data, its members reused in an update
read = from_boto(CreateFlowRequest, {})
assert_type(read, CreateFlowRequest)
assert_type(from_boto(Task, {}), Task[Any])
UpdateFlowRequest(
    flow_name=read.flow_name,
    trigger_config=read.trigger_config,
    source_flow_config=read.source_flow_config,
    destination_flow_config_list=read.destination_flow_config_list,
    tasks=read.tasks,
)


def redeploy(client: AppFlowClient, described: DescribeFlowResponse) -> None:
    # a described flow's tasks reused in an update: as they are, or with the flow's source
    assert described.trigger_config is not None
    assert described.source_flow_config is not None
    update = UpdateFlowRequest(
        flow_name="orders",
        trigger_config=described.trigger_config,
        source_flow_config=described.source_flow_config,
        destination_flow_config_list=described.destination_flow_config_list or [],
        tasks=described.tasks or [],
    )
    client.update_flow(update)
    client.update_flow(
        flow_name="orders",
        trigger_config=described.trigger_config,
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=[*(described.tasks or []), s3_filter],
    )
    # the client's keywords, both clients
    client.create_flow(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=built_first,
    )
    client.create_or_update_flow(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=[Task(source_fields=f, task_type="Map") for f in (["Id"], ["Amount"])],
    )


async def redeploy_async(client: AsyncAppFlowClient) -> None:
    await client.create_or_update_flow(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=mapped,
    )
    await client.update_flow(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=s3_tasks(["Id"]),
    )
