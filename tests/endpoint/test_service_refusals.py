"""State-dependent refusals the models cannot see, answered with the service's own error codes
and messages where public reports quote them, and runs that report realistic counts."""

from __future__ import annotations

from typing import Any

import pytest
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import CatalogEntity, CatalogField, LocalAppFlow
from tests.endpoint.conftest import create_profile, register
from tests.endpoint.test_flows import (
    ON_DEMAND,
    S3_DESTINATION,
    SCHEDULED,
    TASKS,
    create_flow,
    salesforce_source,
)


def _error(caught: pytest.ExceptionInfo[Any]) -> tuple[str, str, int]:
    response = caught.value.response
    return (response["Error"]["Code"], response["Error"]["Message"],
            response["ResponseMetadata"]["HTTPStatusCode"])


def test_a_profile_for_an_unregistered_custom_connector_is_not_found(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    # cdklabs/cdk-appflow#21, hashicorp/terraform-provider-aws#37826
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        create_profile(client, "bq", connector_label="BigQueryConnector")
    assert _error(caught) == (
        "ResourceNotFoundException",
        "Connector:BigQueryConnector is not registered. Please register it first before "
        "creating ConnectorProfile.",
        404,
    )
    assert endpoint.profiles == {}
    register(client, "BigQueryConnector")
    create_profile(client, "bq", connector_label="BigQueryConnector")
    assert list(endpoint.profiles) == ["bq"]


@pytest.mark.parametrize("side", ["source", "destination"])
def test_a_flow_naming_a_missing_profile_is_not_found(
    endpoint: LocalAppFlow, client: AppflowClient, side: str
) -> None:
    # hashicorp/terraform-provider-aws#27707
    create_profile(client, "sf")
    source = salesforce_source("sf" if side == "destination" else "ghost-profile")
    destination: Any = {
        "connectorType": "Salesforce", "connectorProfileName": "ghost-profile",
        "destinationConnectorProperties": {"Salesforce": {"object": "Account"}},
    } if side == "destination" else S3_DESTINATION
    with pytest.raises(client.exceptions.ResourceNotFoundException) as caught:
        client.create_flow(flowName="orphan", triggerConfig=ON_DEMAND, sourceFlowConfig=source,
                           destinationFlowConfigList=[destination], tasks=TASKS)
    assert _error(caught) == (
        "ResourceNotFoundException",
        "Connector Profile with name ghost-profile does not exist.",
        404,
    )
    assert endpoint.flows == {}


def _to_event_bridge(obj: str) -> Any:
    return {
        "connectorType": "EventBridge",
        "destinationConnectorProperties": {"EventBridge": {"object": obj}},
    }


def test_update_flow_refuses_a_new_destination_object(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    # hashicorp/terraform-provider-aws#42482, aws/aws-cdk#14452
    create_profile(client, "sf")
    partner = "aws.partner/appflow/salesforce.com/123456789012/account"
    client.create_flow(flowName="events", triggerConfig=ON_DEMAND,
                       sourceFlowConfig=salesforce_source(),
                       destinationFlowConfigList=[_to_event_bridge(partner)], tasks=TASKS)
    with pytest.raises(client.exceptions.ValidationException) as caught:
        client.update_flow(flowName="events", triggerConfig=ON_DEMAND,
                           sourceFlowConfig=salesforce_source(),
                           destinationFlowConfigList=[_to_event_bridge(partner + "-v2")],
                           tasks=TASKS)
    assert _error(caught) == (
        "ValidationException",
        "Update Flow request failed due to:[Destination object for the destination connector "
        "can not be updated]",
        400,
    )
    stored = endpoint.flows["events"].destination_flow_config_list[0]
    assert stored["destinationConnectorProperties"]["EventBridge"]["object"] == partner
    # the same object with other changes is an update
    client.update_flow(flowName="events", description="now described",
                       triggerConfig=ON_DEMAND, sourceFlowConfig=salesforce_source(),
                       destinationFlowConfigList=[_to_event_bridge(partner)], tasks=TASKS[:1])
    assert endpoint.flows["events"].description == "now described"


def test_update_flow_to_another_s3_bucket_is_not_refused(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    # S3 has no ``object``: the reports do not say what counts, so nothing is refused
    create_profile(client, "sf")
    create_flow(client, "to-s3")
    client.update_flow(
        flowName="to-s3", triggerConfig=ON_DEMAND, sourceFlowConfig=salesforce_source(),
        destinationFlowConfigList=[{
            "connectorType": "S3",
            "destinationConnectorProperties": {"S3": {"bucketName": "another-bucket"}},
        }],
        tasks=TASKS,
    )
    stored = endpoint.flows["to-s3"].destination_flow_config_list[0]
    assert stored["destinationConnectorProperties"]["S3"]["bucketName"] == "another-bucket"


def test_deleting_a_profile_a_flow_uses_conflicts(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    create_flow(client, "uses-sf")
    with pytest.raises(client.exceptions.ConflictException, match="uses-sf"):
        client.delete_connector_profile(connectorProfileName="sf")
    assert list(endpoint.profiles) == ["sf"]


@pytest.mark.parametrize("status", ["Deprecated", "Deleted"])
@pytest.mark.parametrize("trigger", [ON_DEMAND, SCHEDULED], ids=["on-demand", "scheduled"])
def test_a_flow_that_is_not_startable_is_refused(
    endpoint: LocalAppFlow, client: AppflowClient, status: str, trigger: Any
) -> None:
    create_profile(client, "sf")
    create_flow(client, "old", trigger=trigger)
    endpoint.set_flow_status("old", status)
    with pytest.raises(client.exceptions.ConflictException) as caught:
        client.start_flow(flowName="old")
    assert _error(caught) == (
        "ConflictException", f"Flow old is {status} and cannot be started.", 409
    )
    assert endpoint.executions == []
    assert endpoint.flows["old"].status == status


def test_starting_an_active_scheduled_flow_conflicts_and_errored_ones_reactivate(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    create_flow(client, "hourly", trigger=SCHEDULED)
    assert client.start_flow(flowName="hourly")["flowStatus"] == "Active"  # Draft -> Active
    with pytest.raises(client.exceptions.ConflictException, match="already active"):
        client.start_flow(flowName="hourly")
    for status in ("Errored", "Suspended"):
        endpoint.set_flow_status("hourly", status)
        assert client.start_flow(flowName="hourly")["flowStatus"] == "Active"
    assert endpoint.executions == []  # activating runs nothing by itself


def test_set_flow_status_checks_its_arguments(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    with pytest.raises(ValueError, match="no flow"):
        endpoint.set_flow_status("ghost", "Errored")
    create_profile(client, "sf")
    create_flow(client, "flow")
    with pytest.raises(ValueError, match="not a flow status"):
        endpoint.set_flow_status("flow", "Sleeping")


# -- runs report realistic counts ------------------------------------------------------------


def _record(client: AppflowClient, flow: str) -> Any:
    [record] = client.describe_flow_execution_records(flowName=flow)["flowExecutions"][:1]
    return record


# One JSON record of Salesforce's Account in the built-in catalog: {"Id":...,"Name":...,...}
ACCOUNT_RECORD_BYTES = 2 + sum(
    len(name) + 4 + size for name, size in
    (("Id", 18), ("Name", 18), ("Industry", 18), ("AnnualRevenue", 10), ("CreatedDate", 26))
)
PROJECTED_RECORD_BYTES = 2 + (2 + 4 + 18) + (4 + 4 + 18)  # TASKS keeps Id and Name


def test_a_successful_run_reports_records_and_bytes_from_the_catalog(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    create_flow(client, "accounts")
    client.start_flow(flowName="accounts")
    result = _record(client, "accounts")["executionResult"]
    assert result["recordsProcessed"] == 1000
    assert result["bytesProcessed"] == 1000 * ACCOUNT_RECORD_BYTES
    assert result["bytesWritten"] == 1000 * PROJECTED_RECORD_BYTES
    assert 0 < result["bytesWritten"] < result["bytesProcessed"]
    assert result["numParallelProcesses"] == 1
    assert "errorInfo" not in result
    [run] = endpoint.executions
    assert (run.records_processed, run.bytes_processed, run.bytes_written) == (
        1000, 1000 * ACCOUNT_RECORD_BYTES, 1000 * PROJECTED_RECORD_BYTES)


def test_the_record_count_follows_the_entity_and_failed_runs_count_nothing(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    endpoint.add_entities("Salesforce", CatalogEntity(
        name="Invoice", fields=[CatalogField(identifier="Id", primary_key=True),
                                CatalogField(identifier="Total", field_type="double")],
        record_count=42))
    create_profile(client, "sf")
    source = salesforce_source()
    source["sourceConnectorProperties"]["Salesforce"]["object"] = "Invoice"
    client.create_flow(flowName="invoices", triggerConfig=ON_DEMAND, sourceFlowConfig=source,
                       destinationFlowConfigList=[S3_DESTINATION],
                       tasks=[{"taskType": "Map_all", "sourceFields": [],
                               "connectorOperator": {"Salesforce": "NO_OP"}}])
    client.start_flow(flowName="invoices")
    result = _record(client, "invoices")["executionResult"]
    one = 2 + (2 + 4 + 18) + (5 + 4 + 10)
    assert (result["recordsProcessed"], result["bytesProcessed"], result["bytesWritten"]) == (
        42, 42 * one, 42 * one)

    endpoint.fail_next_execution("invoices", message="Salesforce is down")
    client.start_flow(flowName="invoices")
    failed = _record(client, "invoices")["executionResult"]
    assert failed["recordsProcessed"] == failed["bytesWritten"] == 0
    assert failed["errorInfo"]["executionMessage"] == "Salesforce is down"


def test_a_held_run_counts_once_it_succeeds(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    create_profile(client, "sf")
    create_flow(client, "held")
    endpoint.hold_executions()
    execution_id = client.start_flow(flowName="held")["executionId"]
    assert _record(client, "held")["executionResult"]["recordsProcessed"] == 0
    ended = endpoint.finish_execution(execution_id)
    assert ended.records_processed == 1000
    assert _record(client, "held")["executionResult"]["recordsProcessed"] == 1000


def test_an_entity_outside_the_catalog_still_reports_records(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    create_profile(client, "sf")
    source = salesforce_source()
    source["sourceConnectorProperties"]["Salesforce"]["object"] = "Unlisted__c"
    client.create_flow(flowName="custom-object", triggerConfig=ON_DEMAND,
                       sourceFlowConfig=source, destinationFlowConfigList=[S3_DESTINATION],
                       tasks=TASKS)
    client.start_flow(flowName="custom-object")
    result = _record(client, "custom-object")["executionResult"]
    assert result["recordsProcessed"] == 1000
    assert result["bytesProcessed"] > 0
    assert result["bytesWritten"] > 0
