"""The documented cross-field rules of flows (models/_rules.py): each valid and broken, with
the API path of its violation, through from_boto and through construction."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from appflow_typed import (
    CreateFlowRequest,
    ResetConnectorMetadataCacheRequest,
    UpdateFlowRequest,
    ValidationError,
    from_boto,
    to_boto,
)
from appflow_typed.models import (
    ConnectorOperator,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    S3DestinationProperties,
    SalesforceSourceProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    Task,
    TriggerConfig,
)

FLOW: dict[str, Any] = {
    "flowName": "orders",
    "triggerConfig": {"triggerType": "OnDemand"},
    "sourceFlowConfig": {
        "connectorType": "Salesforce",
        "connectorProfileName": "crm",
        "sourceConnectorProperties": {"Salesforce": {"object": "Order"}},
    },
    "destinationFlowConfigList": [
        {
            "connectorType": "S3",
            "destinationConnectorProperties": {"S3": {"bucketName": "orders-bucket"}},
        }
    ],
    "tasks": [
        {
            "sourceFields": ["Id"],
            "connectorOperator": {"Salesforce": "PROJECTION"},
            "taskType": "Filter",
        },
        {"sourceFields": ["Id"], "taskType": "Map", "destinationField": "Id"},
        {"sourceFields": ["Id"], "connectorOperator": {"Salesforce": "NO_OP"}, "taskType": "Map"},
    ],
}

SALESFORCE_DESTINATION: dict[str, Any] = {
    "connectorType": "Salesforce",
    "connectorProfileName": "crm",
    "destinationConnectorProperties": {"Salesforce": {"object": "Order"}},
}

GLUE = {
    "glueDataCatalog": {
        "roleArn": "arn:aws:iam::123456789012:role/catalog",
        "databaseName": "appflow",
        "tablePrefix": "orders",
    }
}


def violations(cls: type[Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        from_boto(cls, data)
    return [(v.path, v.message) for v in info.value.violations]


def changed(**members: Any) -> dict[str, Any]:
    data = copy.deepcopy(FLOW)
    data.update(members)
    return data


@pytest.mark.parametrize("cls", [CreateFlowRequest, UpdateFlowRequest])
def test_a_valid_flow_parses_and_round_trips(cls: type[Any]) -> None:
    assert to_boto(from_boto(cls, FLOW)) == FLOW


@pytest.mark.parametrize("cls", [CreateFlowRequest, UpdateFlowRequest])
def test_one_destination_at_a_time(cls: type[Any]) -> None:
    two = changed(
        destinationFlowConfigList=[*FLOW["destinationFlowConfigList"], SALESFORCE_DESTINATION]
    )
    assert violations(cls, two) == [
        ("destinationFlowConfigList", "expected exactly one destination, got 2")
    ]
    assert violations(cls, changed(destinationFlowConfigList=[])) == [
        ("destinationFlowConfigList", "expected exactly one destination, got 0")
    ]


def test_a_task_operator_names_the_source_connector() -> None:
    data = changed()
    data["tasks"][2]["connectorOperator"] = {"S3": "NO_OP"}
    assert violations(CreateFlowRequest, data) == [
        ("tasks[2].connectorOperator", "names S3 but the flow's source connector is Salesforce")
    ]


def test_a_connector_union_holds_exactly_one_member() -> None:
    data = changed()
    data["tasks"][0]["connectorOperator"] = {"Salesforce": "PROJECTION", "S3": "PROJECTION"}
    ((path, message),) = violations(CreateFlowRequest, data)
    assert path == "tasks[0].connectorOperator"
    assert message.startswith("expected exactly one connector member, got 2")
    data = changed()
    data["sourceFlowConfig"]["sourceConnectorProperties"] = {}
    ((path, message),) = violations(CreateFlowRequest, data)
    assert path == "sourceFlowConfig.sourceConnectorProperties"
    assert message == "expected exactly one connector member, got none"


def test_source_and_destination_connector_types_match_their_properties() -> None:
    data = changed()
    data["sourceFlowConfig"]["connectorType"] = "Slack"
    data["destinationFlowConfigList"][0]["connectorType"] = "Redshift"
    assert violations(CreateFlowRequest, data) == [
        (
            "sourceFlowConfig.connectorType",
            "expected 'Salesforce' to match sourceConnectorProperties.Salesforce",
        ),
        (
            "destinationFlowConfigList[0].connectorType",
            "expected 'S3' to match destinationConnectorProperties.S3",
        ),
    ]


def test_a_scheduled_trigger_needs_its_scheduled_properties() -> None:
    assert violations(CreateFlowRequest, changed(triggerConfig={"triggerType": "Scheduled"})) == [
        ("triggerConfig.triggerProperties.Scheduled", "is required when triggerType is Scheduled")
    ]
    scheduled = {
        "triggerType": "Scheduled",
        "triggerProperties": {"Scheduled": {"scheduleExpression": "rate(1hours)"}},
    }
    from_boto(CreateFlowRequest, changed(triggerConfig=scheduled))
    with pytest.raises(ValidationError) as info:
        TriggerConfig(trigger_type="Scheduled")
    assert info.value.violations[0].path == "triggerProperties.Scheduled"


def test_upsert_needs_id_field_names() -> None:
    destination = copy.deepcopy(SALESFORCE_DESTINATION)
    destination["destinationConnectorProperties"]["Salesforce"]["writeOperationType"] = "UPSERT"
    assert violations(CreateFlowRequest, changed(destinationFlowConfigList=[destination])) == [
        (
            "destinationFlowConfigList[0].destinationConnectorProperties.Salesforce.idFieldNames",
            "is required when writeOperationType is UPSERT",
        )
    ]
    destination["destinationConnectorProperties"]["Salesforce"]["idFieldNames"] = ["Id"]
    from_boto(CreateFlowRequest, changed(destinationFlowConfigList=[destination]))


def test_glue_catalog_settings_only_with_an_s3_destination() -> None:
    from_boto(CreateFlowRequest, changed(metadataCatalogConfig=GLUE))
    data = changed(metadataCatalogConfig=GLUE, destinationFlowConfigList=[SALESFORCE_DESTINATION])
    assert violations(CreateFlowRequest, data) == [
        ("metadataCatalogConfig.glueDataCatalog", "is only supported when the destination is S3")
    ]


def test_several_flow_rules_are_reported_at_once() -> None:
    data = changed(metadataCatalogConfig=GLUE)
    data["destinationFlowConfigList"] = [SALESFORCE_DESTINATION, SALESFORCE_DESTINATION]
    data["tasks"][0]["connectorOperator"] = {"Slack": "PROJECTION"}
    assert [path for path, _ in violations(CreateFlowRequest, data)] == [
        "destinationFlowConfigList",
        "tasks[0].connectorOperator",
        "metadataCatalogConfig.glueDataCatalog",
    ]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"connectorProfileName": "crm"}, None),
        ({"connectorType": "S3"}, None),
        ({"connectorType": "Upsolver", "connectorProfileName": "up"}, None),
        ({}, "connectorProfileName"),
        ({"connectorType": "Salesforce"}, "connectorProfileName"),
    ],
)
def test_reset_connector_metadata_cache_names_a_profile_unless_the_connector_needs_none(
    data: dict[str, Any], path: str | None
) -> None:
    if path is None:
        assert to_boto(from_boto(ResetConnectorMetadataCacheRequest, data)) == data
    else:
        ((got, _),) = violations(ResetConnectorMetadataCacheRequest, data)
        assert got == path


def test_flow_rules_hold_for_constructed_models_too() -> None:
    source = SourceFlowConfig(
        connector_type="Salesforce",
        connector_profile_name="crm",
        source_connector_properties=SourceConnectorProperties(
            salesforce=SalesforceSourceProperties(object="Order")
        ),
    )
    destination = DestinationFlowConfig(
        connector_type="S3",
        destination_connector_properties=DestinationConnectorProperties(
            s3=S3DestinationProperties(bucket_name="orders-bucket")
        ),
    )
    request = CreateFlowRequest(
        flow_name="orders",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=source,
        destination_flow_config_list=[destination],
        tasks=[
            Task(
                source_fields=["Id"],
                connector_operator=ConnectorOperator(salesforce="PROJECTION"),
                task_type="Filter",
            )
        ],
    )
    assert to_boto(request)["tasks"][0]["connectorOperator"] == {"Salesforce": "PROJECTION"}
    with pytest.raises(ValidationError) as info:
        # type checkers reject it too (tests/typing/snippets/rejected.py); at run time it is
        # the rule's message that names both connectors
        CreateFlowRequest(  # type: ignore[misc]
            flow_name="orders",
            trigger_config=TriggerConfig(trigger_type="OnDemand"),
            source_flow_config=source,
            destination_flow_config_list=[destination],
            tasks=[
                Task(
                    source_fields=["Id"],
                    connector_operator=ConnectorOperator(s3="PROJECTION"),
                    task_type="Filter",
                )
            ],
        )
    assert [v.path for v in info.value.violations] == ["tasks[0].connectorOperator"]
