"""Flows, their runs, tags and connector entities on the local endpoint, through raw boto3."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import CatalogEntity, CatalogField, LocalAppFlow, ManualClock
from tests.endpoint.conftest import create_profile, register

ACCOUNT = "123456789012"
FLOW_ARN = f"arn:aws:appflow:us-east-1:{ACCOUNT}:flow/"

TASKS: list[Any] = [
    {"sourceFields": ["Id", "Name"], "connectorOperator": {"Salesforce": "PROJECTION"},
     "taskType": "Filter"},
    {"sourceFields": ["Id"], "connectorOperator": {"Salesforce": "NO_OP"},
     "destinationField": "Id", "taskType": "Map"},
]
S3_DESTINATION: Any = {
    "connectorType": "S3",
    "destinationConnectorProperties": {"S3": {"bucketName": "appflow-example-bucket"}},
}


def salesforce_source(profile: str = "sf") -> Any:
    return {
        "connectorType": "Salesforce",
        "connectorProfileName": profile,
        "sourceConnectorProperties": {"Salesforce": {"object": "Account"}},
    }


ON_DEMAND: Any = {"triggerType": "OnDemand"}
SCHEDULED: Any = {
    "triggerType": "Scheduled",
    "triggerProperties": {"Scheduled": {"scheduleExpression": "rate(1hours)"}},
}


def create_flow(
    client: AppflowClient, name: str, *, trigger: Any = ON_DEMAND, profile: str = "sf",
    **extra: Any,
) -> dict[str, Any]:
    """Create a Salesforce-to-S3 flow reading through ``profile``."""
    response = client.create_flow(
        flowName=name,
        triggerConfig=trigger,
        sourceFlowConfig=salesforce_source(profile),
        destinationFlowConfigList=[S3_DESTINATION],
        tasks=TASKS,
        **extra,
    )
    found = dict(response)
    del found["ResponseMetadata"]
    return found


def test_a_whole_lifecycle(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    connector_arn = register(client, "invoices")
    create_profile(client, "invoices-profile", connector_label="invoices")
    profile_arn = create_profile(client, "sf")

    # An on-demand flow from the custom connector: Active at once; StartFlow runs it.
    created = client.create_flow(
        flowName="invoices-to-s3",
        triggerConfig=ON_DEMAND,
        sourceFlowConfig={
            "connectorType": "CustomConnector",
            "connectorProfileName": "invoices-profile",
            "sourceConnectorProperties": {"CustomConnector": {"entityName": "Invoice"}},
        },
        destinationFlowConfigList=[S3_DESTINATION],
        tasks=[{"sourceFields": ["Id"], "connectorOperator": {"CustomConnector": "PROJECTION"},
                "taskType": "Filter"},
               {"sourceFields": ["Id"], "connectorOperator": {"CustomConnector": "NO_OP"},
                "destinationField": "Id", "taskType": "Map"}],
        tags={"team": "billing"},
    )
    assert created["flowArn"] == FLOW_ARN + "invoices-to-s3"
    assert created["flowStatus"] == "Active"
    started = client.start_flow(flowName="invoices-to-s3")
    assert started["flowStatus"] == "Active"
    records = client.describe_flow_execution_records(flowName="invoices-to-s3")
    [record] = records["flowExecutions"]
    assert record["executionId"] == started["executionId"]
    assert record["executionStatus"] == "Successful"
    described = client.describe_flow(flowName="invoices-to-s3")
    assert described["lastRunExecutionDetails"]["mostRecentExecutionStatus"] == "Successful"
    assert described["tags"] == {"team": "billing"}
    listed = client.list_flows()["flows"]
    assert [(f["flowName"], f["sourceConnectorLabel"]) for f in listed] == [
        ("invoices-to-s3", "invoices")
    ]

    # A scheduled flow: Draft, activated by StartFlow, deactivated by StopFlow.
    scheduled = create_flow(client, "hourly", trigger=SCHEDULED)
    assert scheduled["flowStatus"] == "Draft"
    activated = client.start_flow(flowName="hourly")
    assert activated["flowStatus"] == "Active"
    assert activated.get("executionId") is None
    assert client.stop_flow(flowName="hourly")["flowStatus"] == "Suspended"
    assert client.describe_flow(flowName="hourly")["flowStatus"] == "Suspended"

    # Tags on a connector, a profile and a flow.
    for arn in (connector_arn, profile_arn, FLOW_ARN + "hourly"):
        client.tag_resource(resourceArn=arn, tags={"env": "test", "owner": "me"})
        client.untag_resource(resourceArn=arn, tagKeys=["owner"])
        assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "test"}

    # Deletes meet their references; forceDelete goes through them.
    with pytest.raises(client.exceptions.ConflictException, match="hourly"):
        client.delete_connector_profile(connectorProfileName="sf")
    client.delete_connector_profile(connectorProfileName="sf", forceDelete=True)
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.start_flow(flowName="hourly")
    client.delete_flow(flowName="hourly")
    client.delete_flow(flowName="invoices-to-s3")
    with pytest.raises(client.exceptions.ConflictException):
        client.unregister_connector(connectorLabel="invoices")
    client.unregister_connector(connectorLabel="invoices", forceDelete=True)
    assert client.list_flows()["flows"] == []
    assert endpoint.flows == {}
    assert endpoint.executions == []
    assert set(endpoint.tags) == set()
    assert [e.operation for e in endpoint.effects].count("StartFlow") == 2


def test_create_flow_needs_existing_profiles(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException,
                       match="Connector Profile with name missing does not exist"):
        create_flow(client, "orphan", profile="missing")
    with pytest.raises(client.exceptions.ValidationException, match="connectorProfileName"):
        client.create_flow(
            flowName="no-profile", triggerConfig=ON_DEMAND,
            sourceFlowConfig={"connectorType": "Salesforce",
                              "sourceConnectorProperties": {"Salesforce": {"object": "A"}}},
            destinationFlowConfigList=[S3_DESTINATION], tasks=TASKS,
        )
    assert endpoint.flows == {}


def test_create_flow_with_a_custom_connector_needs_its_label_registered(
    client: AppflowClient,
) -> None:
    register(client, "gone")
    create_profile(client, "gone-profile", connector_label="gone")
    client.unregister_connector(connectorLabel="gone", forceDelete=True)
    with pytest.raises(client.exceptions.ResourceNotFoundException, match="gone"):
        client.create_flow(
            flowName="custom", triggerConfig=ON_DEMAND,
            sourceFlowConfig={
                "connectorType": "CustomConnector", "connectorProfileName": "gone-profile",
                "sourceConnectorProperties": {"CustomConnector": {"entityName": "E"}},
            },
            destinationFlowConfigList=[S3_DESTINATION], tasks=TASKS,
        )


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"destinationFlowConfigList": [S3_DESTINATION, S3_DESTINATION]},
         "multiple destinations"),
        # the service's words (cdklabs/cdk-appflow#129)
        ({"triggerConfig": {"triggerType": "Scheduled"}},
         "TriggerProps is required for Scheduled Trigger Type"),
        ({"sourceFlowConfig": {**salesforce_source(),
                               "sourceConnectorProperties": {"Slack": {"object": "x"}}}},
         "does not match connectorType"),
    ],
)
def test_create_flow_refuses_inconsistent_configurations(
    client: AppflowClient, change: dict[str, Any], fragment: str
) -> None:
    create_profile(client, "sf")
    request: Any = {"flowName": "daily", "triggerConfig": ON_DEMAND,
                    "sourceFlowConfig": salesforce_source(),
                    "destinationFlowConfigList": [S3_DESTINATION], "tasks": TASKS, **change}
    with pytest.raises(client.exceptions.ValidationException, match=fragment):
        client.create_flow(**request)


def test_flow_names_conflict_and_unknown_flows_are_not_found(client: AppflowClient) -> None:
    create_profile(client, "sf")
    create_flow(client, "once")
    with pytest.raises(client.exceptions.ConflictException, match="already exists"):
        create_flow(client, "once")
    for call in (client.describe_flow, client.start_flow, client.stop_flow, client.delete_flow,
                 client.describe_flow_execution_records, client.cancel_flow_executions):
        with pytest.raises(client.exceptions.ResourceNotFoundException, match="ghost"):
            call(flowName="ghost")


def test_describe_and_update_flow() -> None:
    clock = ManualClock(start=1_700_000_000.0)
    with LocalAppFlow(clock=clock) as endpoint:
        client = endpoint.client()
        create_profile(client, "sf")
        create_flow(client, "daily", description="first", kmsArn="arn:aws:kms:us-east-1:"
                    f"{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        clock.advance(60)
        updated = client.update_flow(
            flowName="daily", triggerConfig=SCHEDULED, sourceFlowConfig=salesforce_source(),
            destinationFlowConfigList=[S3_DESTINATION], tasks=TASKS[:1],
        )
        described = client.describe_flow(flowName="daily")
        client.close()
    assert updated["flowStatus"] == "Draft"  # a new trigger type: a new scheduled flow's status
    assert described["description"] == "first"
    assert described["triggerConfig"]["triggerType"] == "Scheduled"
    assert described["tasks"] == TASKS[:1]
    assert described["sourceFlowConfig"] == salesforce_source()
    assert described["createdAt"].timestamp() == 1_700_000_000.0
    assert described["lastUpdatedAt"].timestamp() == 1_700_000_060.0
    assert described["kmsArn"].startswith("arn:aws:kms:")
    assert described["createdBy"] == f"arn:aws:iam::{ACCOUNT}:root"
    assert "lastRunExecutionDetails" not in described


def test_list_flows_pages(client: AppflowClient) -> None:
    create_profile(client, "sf")
    for i in range(5):
        create_flow(client, f"flow-{i}")
    first = client.list_flows(maxResults=2)
    names = [f["flowName"] for f in first["flows"]]
    token = first["nextToken"]
    while token:
        page = client.list_flows(maxResults=2, nextToken=token)
        names += [f["flowName"] for f in page["flows"]]
        token = page.get("nextToken", "")
    assert names == [f"flow-{i}" for i in range(5)]


def test_stop_flow_of_an_on_demand_flow_is_unsupported(client: AppflowClient) -> None:
    create_profile(client, "sf")
    create_flow(client, "now")
    with pytest.raises(client.exceptions.UnsupportedOperationException, match="on-demand"):
        client.stop_flow(flowName="now")


def test_start_and_stop_follow_the_status_of_a_scheduled_flow(client: AppflowClient) -> None:
    create_profile(client, "sf")
    create_flow(client, "sched", trigger=SCHEDULED)
    with pytest.raises(client.exceptions.ConflictException, match="not active"):
        client.stop_flow(flowName="sched")
    client.start_flow(flowName="sched")
    with pytest.raises(client.exceptions.ConflictException, match="already active"):
        client.start_flow(flowName="sched")
    client.stop_flow(flowName="sched")
    assert client.start_flow(flowName="sched")["flowStatus"] == "Active"  # Suspended -> Active
    assert client.describe_flow_execution_records(flowName="sched")["flowExecutions"] == []


def test_a_scheduled_run_is_recorded_when_the_test_runs_it(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    create_flow(client, "sched", trigger=SCHEDULED)
    with pytest.raises(ValueError, match="Draft"):
        endpoint.run_flow("sched")
    client.start_flow(flowName="sched")
    run = endpoint.run_flow("sched")
    [record] = client.describe_flow_execution_records(flowName="sched")["flowExecutions"]
    assert record["executionId"] == run.execution_id


def test_a_run_fails_when_asked(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    create_profile(client, "sf")
    create_flow(client, "daily")
    endpoint.fail_next_execution("daily", message="INVALID_SESSION_ID: Session expired")
    failed = client.start_flow(flowName="daily")["executionId"]
    succeeded = client.start_flow(flowName="daily")["executionId"]
    records = client.describe_flow_execution_records(flowName="daily")["flowExecutions"]
    assert [r["executionId"] for r in records] == [succeeded, failed]  # most recent first
    assert records[1]["executionStatus"] == "Error"
    assert records[1]["executionResult"]["errorInfo"]["executionMessage"] == (
        "INVALID_SESSION_ID: Session expired"
    )
    assert records[0]["executionStatus"] == "Successful"
    assert "errorInfo" not in records[0]["executionResult"]
    assert [e.status for e in endpoint.executions] == ["Error", "Successful"]


def test_execution_records_page(client: AppflowClient) -> None:
    create_profile(client, "sf")
    create_flow(client, "daily")
    started = [client.start_flow(flowName="daily")["executionId"] for _ in range(5)]
    found: list[str] = []
    token = None
    while True:
        page = client.describe_flow_execution_records(
            flowName="daily", maxResults=2, **({"nextToken": token} if token else {})
        )
        found += [r["executionId"] for r in page["flowExecutions"]]
        token = page.get("nextToken")
        if token is None:
            break
    assert found == started[::-1]


def test_held_runs_can_be_canceled_and_block_delete(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    create_flow(client, "daily")
    endpoint.hold_executions(True)
    running = client.start_flow(flowName="daily")["executionId"]
    with pytest.raises(client.exceptions.ConflictException, match="in progress"):
        client.start_flow(flowName="daily")
    with pytest.raises(client.exceptions.ConflictException, match="forceDelete"):
        client.delete_flow(flowName="daily")
    canceled = client.cancel_flow_executions(flowName="daily", executionIds=[running, "nope"])
    assert canceled["invalidExecutions"] == ["nope"]
    [record] = client.describe_flow_execution_records(flowName="daily")["flowExecutions"]
    assert record["executionStatus"] == "CancelStarted"
    assert endpoint.finish_execution(running).status == "Canceled"
    # An ended run cannot be canceled.
    again = client.cancel_flow_executions(flowName="daily", executionIds=[running])
    assert again["invalidExecutions"] == [running]

    second = client.start_flow(flowName="daily")["executionId"]
    endpoint.hold_executions(False)
    # Without IDs, every run in progress is canceled; released, it completes at once.
    assert client.cancel_flow_executions(flowName="daily")["invalidExecutions"] == []
    assert endpoint.executions[-1].execution_id == second
    assert endpoint.executions[-1].status == "Canceled"


def test_a_held_run_finishes_as_told_and_force_delete_goes_through(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    create_flow(client, "daily")
    endpoint.hold_executions()
    first = client.start_flow(flowName="daily")["executionId"]
    assert endpoint.finish_execution(first, error_message="quota").status == "Error"
    with pytest.raises(ValueError, match=first):
        endpoint.finish_execution(first)
    endpoint.fail_next_execution("daily", message="asked before")
    second = client.start_flow(flowName="daily")["executionId"]
    [record] = [r for r in client.describe_flow_execution_records(flowName="daily")[
        "flowExecutions"] if r["executionId"] == second]
    assert record["executionStatus"] == "InProgress"
    assert "errorInfo" not in record["executionResult"]
    ended = endpoint.finish_execution(second)
    assert (ended.status, ended.message) == ("Error", "asked before")
    client.start_flow(flowName="daily")
    client.delete_flow(flowName="daily", forceDelete=True)
    assert endpoint.flows == {}
    assert endpoint.executions == []


def test_tags_on_unknown_arns_are_not_found(client: AppflowClient) -> None:
    arn = FLOW_ARN + "ghost"
    with pytest.raises(client.exceptions.ResourceNotFoundException, match="ghost"):
        client.tag_resource(resourceArn=arn, tags={"a": "b"})
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.untag_resource(resourceArn=arn, tagKeys=["a"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.list_tags_for_resource(resourceArn=arn)


def test_tags_are_limited_to_fifty(client: AppflowClient) -> None:
    arn = register(client, "conn")
    client.tag_resource(resourceArn=arn, tags={f"k{i}": "v" for i in range(30)})
    with pytest.raises(client.exceptions.ValidationException, match="50"):
        client.tag_resource(resourceArn=arn, tags={f"x{i}": "v" for i in range(21)})
    assert len(client.list_tags_for_resource(resourceArn=arn)["tags"]) == 30


def test_untag_reads_its_keys_from_the_query_string(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    arn = register(client, "conn")
    client.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2", "c": "3"})
    client.untag_resource(resourceArn=arn, tagKeys=["a", "c", "absent"])
    assert dict(endpoint.tags[arn]) == {"b": "2"}
    assert endpoint.requests[-1].body == {"resourceArn": arn, "tagKeys": ["a", "c", "absent"]}


def test_entities_from_the_catalog(client: AppflowClient) -> None:
    create_profile(client, "sf")
    entities = client.list_connector_entities(connectorProfileName="sf")["connectorEntityMap"]
    assert [e["name"] for e in entities["Objects"]] == ["Account", "Contact", "Opportunity"]
    fields = client.describe_connector_entity(
        connectorProfileName="sf", connectorEntityName="Account"
    )["connectorEntityFields"]
    assert fields[0]["identifier"] == "Id"
    assert fields[0]["isPrimaryKey"] is True
    assert fields[0]["supportedFieldTypeDetails"]["v1"]["fieldType"] == "string"

    # S3 needs no profile; its buckets are roots with nested entities.
    roots = client.list_connector_entities(connectorType="S3")["connectorEntityMap"]
    [bucket] = roots["Buckets"]
    assert bucket["hasNestedEntities"] is True
    nested = client.list_connector_entities(connectorType="S3", entitiesPath=bucket["name"])
    assert [e["name"] for e in nested["connectorEntityMap"]["Folders"]] == [
        "appflow-example-bucket/exports"
    ]

    with pytest.raises(client.exceptions.ResourceNotFoundException, match="Nothing"):
        client.describe_connector_entity(connectorProfileName="sf", connectorEntityName="Nothing")
    with pytest.raises(client.exceptions.ValidationException, match="connectorProfileName"):
        client.list_connector_entities(connectorType="Salesforce")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.list_connector_entities(connectorProfileName="missing")


def test_entities_page(client: AppflowClient) -> None:
    create_profile(client, "sf")
    first = client.list_connector_entities(connectorProfileName="sf", maxResults=2)
    assert len(first["connectorEntityMap"]["Objects"]) == 2
    rest = client.list_connector_entities(
        connectorProfileName="sf", maxResults=2, nextToken=first["nextToken"]
    )
    assert [e["name"] for e in rest["connectorEntityMap"]["Objects"]] == ["Opportunity"]
    assert "nextToken" not in rest


def test_added_entities_show_after_a_cache_reset(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    register(client, "billing")
    create_profile(client, "billing-profile", connector_label="billing")
    endpoint.add_entities("billing", CatalogEntity(name="Invoice", fields=[
        CatalogField(identifier="InvoiceId", primary_key=True),
        CatalogField(identifier="Total", field_type="double"),
    ]))

    def names() -> list[str]:
        found = client.list_connector_entities(connectorProfileName="billing-profile")
        return [e["name"] for e in found["connectorEntityMap"].get("Objects", [])]

    def fields() -> list[str]:
        found = client.describe_connector_entity(
            connectorProfileName="billing-profile", connectorEntityName="Invoice"
        )
        return [f["identifier"] for f in found["connectorEntityFields"]]

    assert names() == ["Invoice"]
    assert fields() == ["InvoiceId", "Total"]
    endpoint.add_entities("billing", CatalogEntity(name="Customer"), CatalogEntity(
        name="Invoice", fields=[CatalogField(identifier="InvoiceId")]))
    assert names() == ["Invoice"]  # cached
    with pytest.raises(client.exceptions.ValidationException, match="apiVersion"):
        client.reset_connector_metadata_cache(connectorProfileName="billing-profile")
    client.reset_connector_metadata_cache(connectorProfileName="billing-profile",
                                          apiVersion="1.0")
    assert names() == ["Invoice", "Customer"]
    assert fields() == ["InvoiceId", "Total"]  # details are reset only by entity name
    client.reset_connector_metadata_cache(connectorProfileName="billing-profile",
                                          apiVersion="1.0", connectorEntityName="Invoice")
    assert fields() == ["InvoiceId"]


def test_the_entity_cache_expires_after_an_hour() -> None:
    clock = ManualClock(start=0.0)
    with LocalAppFlow(clock=clock) as endpoint:
        client = endpoint.client()
        first = client.list_connector_entities(connectorType="S3")["connectorEntityMap"]
        endpoint.add_entities("S3", CatalogEntity(name="second-bucket", group="Buckets"))
        clock.advance(3600)
        later = client.list_connector_entities(connectorType="S3")["connectorEntityMap"]
        client.close()
    assert len(first["Buckets"]) == 1
    assert [e["name"] for e in later["Buckets"]] == ["appflow-example-bucket", "second-bucket"]


def test_reset_connector_metadata_cache_requirements(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="connectorProfileName"):
        client.reset_connector_metadata_cache(connectorType="Salesforce")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.reset_connector_metadata_cache(connectorProfileName="missing")
    client.reset_connector_metadata_cache(connectorType="S3")
    assert [(e.operation, e.resource) for e in endpoint.effects] == [
        ("ResetConnectorMetadataCache", "S3")
    ]


def test_idempotent_create_update_and_start(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    first = create_flow(client, "daily", clientToken="create-1")
    assert create_flow(client, "daily", clientToken="create-1") == first
    with pytest.raises(client.exceptions.ConflictException, match="clientToken"):
        create_flow(client, "daily", clientToken="create-1", description="other")
    update: Any = {"flowName": "daily", "triggerConfig": ON_DEMAND,
                   "sourceFlowConfig": salesforce_source(),
                   "destinationFlowConfigList": [S3_DESTINATION], "tasks": TASKS,
                   "clientToken": "update-1"}
    client.update_flow(**update)
    client.update_flow(**update)
    started = client.start_flow(flowName="daily", clientToken="start-1")["executionId"]
    assert client.start_flow(flowName="daily", clientToken="start-1")["executionId"] == started
    assert len(endpoint.executions) == 1
    assert [e.operation for e in endpoint.effects] == ["CreateConnectorProfile", "CreateFlow",
                                                       "UpdateFlow", "StartFlow"]


def test_state_round_trip_keeps_flows_runs_tags_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with LocalAppFlow() as endpoint:
        client = endpoint.client()
        create_profile(client, "sf")
        create_flow(client, "daily", tags={"team": "data"})
        execution = client.start_flow(flowName="daily")["executionId"]
        endpoint.add_entities("Salesforce", CatalogEntity(
            name="Lead", fields=[CatalogField(identifier="Id", primary_key=True)]))
        endpoint.save_state(path)
        client.close()
    with LocalAppFlow() as restored:
        restored.load_state(path)
        client = restored.client()
        assert client.describe_flow(flowName="daily")["tags"] == {"team": "data"}
        records = client.describe_flow_execution_records(flowName="daily")["flowExecutions"]
        assert [r["executionId"] for r in records] == [execution]
        entities = client.list_connector_entities(connectorProfileName="sf")
        assert "Lead" in [e["name"] for e in entities["connectorEntityMap"]["Objects"]]
        restored.reset()
        assert restored.flows == {}
        assert restored.executions == []
        assert restored.tags == {}
        entities = client.list_connector_entities(connectorType="S3")
        client.close()


def test_faults_and_records_for_the_new_operations(
    endpoint: LocalAppFlow, once: AppflowClient
) -> None:
    from appflow_typed.testing import Throttle

    create_profile(once, "sf")
    create_flow(once, "daily")
    endpoint.inject(Throttle(), operation="StartFlow")
    with pytest.raises(once.exceptions.ThrottlingException):
        once.start_flow(flowName="daily")
    assert endpoint.executions == []
    once.start_flow(flowName="daily")
    assert [(r.operation, r.status) for r in endpoint.requests[-2:]] == [
        ("StartFlow", 429), ("StartFlow", 200)
    ]
    once.list_tags_for_resource(resourceArn=FLOW_ARN + "daily")
    assert endpoint.requests[-1].operation == "ListTagsForResource"
    assert endpoint.requests[-1].body == {"resourceArn": FLOW_ARN + "daily"}


def test_a_state_saved_before_flows_were_served_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with LocalAppFlow() as endpoint:
        create_profile(endpoint.client(), "sf")
        endpoint.save_state(path)
    data = json.loads(path.read_text())
    for key in ("flows", "executions", "tags", "entities"):
        del data[key]
    path.write_text(json.dumps(data))
    with LocalAppFlow() as restored:
        restored.load_state(path)
        assert list(restored.profiles) == ["sf"]
        assert restored.flows == {}
