"""The endpoint refuses what the service refuses beyond the model's constraints, with the
service's error code and message where a public report quotes them (docs/rules.md); the
published fixes go through."""

from __future__ import annotations

from typing import Any

import pytest
from mypy_boto3_appflow import AppflowClient

from tests.endpoint.conftest import create_profile, register

ROLE = "arn:aws:iam::123456789012:role/appflow"
S3_SOURCE: Any = {
    "connectorType": "S3",
    "sourceConnectorProperties": {"S3": {"bucketName": "in-bucket", "bucketPrefix": "root"}},
}
S3_DESTINATION: Any = {
    "connectorType": "S3",
    "destinationConnectorProperties": {"S3": {"bucketName": "out-bucket"}},
}
PROJECTION: Any = {"sourceFields": ["Name"], "connectorOperator": {"S3": "PROJECTION"},
                   "taskType": "Filter"}
MAP: Any = {"sourceFields": ["Name"], "connectorOperator": {"S3": "NO_OP"},
            "destinationField": "Name", "taskType": "Map"}


SALESFORCE_SOURCE: Any = {
    "connectorType": "Salesforce",
    "connectorProfileName": "sf",
    "sourceConnectorProperties": {"Salesforce": {"object": "Account"}},
}
SALESFORCE_MAP: Any = {**MAP, "connectorOperator": {"Salesforce": "NO_OP"}}


def create_flow(client: AppflowClient, **changes: Any) -> Any:
    request: Any = {"flowName": "flow-1", "triggerConfig": {"triggerType": "OnDemand"},
                    "sourceFlowConfig": S3_SOURCE, "destinationFlowConfigList": [S3_DESTINATION],
                    "tasks": [PROJECTION, MAP], **changes}
    return client.create_flow(**request)


def test_map_tasks_alone_from_an_s3_source_are_created(client: AppflowClient) -> None:
    """hashicorp/terraform-provider-aws#29879: the service created such a flow."""
    assert create_flow(client, tasks=[MAP])["flowStatus"] == "Active"


def test_map_tasks_alone_are_refused_with_the_services_message(client: AppflowClient) -> None:
    create_profile(client, "sf")
    with pytest.raises(client.exceptions.ValidationException) as info:
        create_flow(client, tasks=[SALESFORCE_MAP], sourceFlowConfig=SALESFORCE_SOURCE)
    assert info.value.response["Error"]["Message"] == (
        "Create Flow request failed: [Task Validation Error: You must specify a projection "
        "task or a MAP_ALL task]"
    )
    assert create_flow(client)["flowStatus"] == "Active"  # the fix: a projection task
    with pytest.raises(client.exceptions.ValidationException, match="Update Flow request"):
        client.update_flow(flowName="flow-1", triggerConfig={"triggerType": "OnDemand"},
                           sourceFlowConfig=SALESFORCE_SOURCE,
                           destinationFlowConfigList=[S3_DESTINATION], tasks=[SALESFORCE_MAP])


def test_a_map_all_task_is_a_projection(client: AppflowClient) -> None:
    map_all: Any = {"sourceFields": [], "taskType": "Map_all", "taskProperties": {}}
    assert create_flow(client, tasks=[map_all])["flowStatus"] == "Active"


def test_a_filter_with_no_op_is_refused(client: AppflowClient) -> None:
    no_op = {**PROJECTION, "connectorOperator": {"S3": "NO_OP"}}
    with pytest.raises(client.exceptions.ValidationException,
                       match="The operator NO_OP is not valid for filtering tasks"):
        create_flow(client, tasks=[PROJECTION, no_op, MAP])


def test_a_scheduled_flow_without_a_schedule_is_refused(client: AppflowClient) -> None:
    with pytest.raises(client.exceptions.ValidationException,
                       match=r"TriggerProps is required for Scheduled Trigger Type\."):
        create_flow(client, triggerConfig={"triggerType": "Scheduled"})


def test_an_event_flow_from_s3_is_refused(client: AppflowClient) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="Event triggered flows"):
        create_flow(client, triggerConfig={"triggerType": "Event"})


def test_a_custom_connector_update_needs_id_fields(client: AppflowClient) -> None:
    register(client, "HubSpot")
    create_profile(client, "hubspot", connector_label="HubSpot")
    destination: Any = {
        "connectorType": "CustomConnector", "connectorProfileName": "hubspot",
        "destinationConnectorProperties": {
            "CustomConnector": {"entityName": "contact", "writeOperationType": "UPDATE"}},
    }
    with pytest.raises(client.exceptions.ValidationException,
                       match="Atleast one field must be specified in idFieldNames"):
        create_flow(client, destinationFlowConfigList=[destination])
    destination["destinationConnectorProperties"]["CustomConnector"]["idFieldNames"] = [
        "hs_object_id"
    ]
    assert create_flow(client, destinationFlowConfigList=[destination])["flowArn"]


def redshift(client: AppflowClient, **properties: Any) -> Any:
    config: Any = {
        "connectorProfileProperties": {"Redshift": {
            "bucketName": "staging-bucket", "roleArn": ROLE, **properties}},
        "connectorProfileCredentials": {"Redshift": {}},
    }
    return client.create_connector_profile(
        connectorProfileName="warehouse", connectorType="Redshift", connectionMode="Public",
        connectorProfileConfig=config,
    )


def test_a_redshift_profile_without_a_data_api_role_is_refused(client: AppflowClient) -> None:
    with pytest.raises(client.exceptions.ClientError) as info:
        redshift(client)
    error = info.value.response["Error"]
    assert error["Code"] == "ConnectorServerException"
    assert error["Message"].endswith("dataApiRoleArn cannot be null or empty")
    assert redshift(client, dataApiRoleArn=ROLE, clusterIdentifier="c", databaseName="dev")


def test_salesforce_client_credentials_are_refused(client: AppflowClient) -> None:
    with pytest.raises(client.exceptions.ValidationException,
                       match="AuthCode cannot be blank for connector: SALESFORCE"):
        client.create_connector_profile(
            connectorProfileName="sf", connectorType="Salesforce", connectionMode="Public",
            connectorProfileConfig={
                "connectorProfileProperties": {
                    "Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}},
                "connectorProfileCredentials": {"Salesforce": {
                    "clientCredentialsArn":
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:sf",
                    "oAuth2GrantType": "CLIENT_CREDENTIALS"}},
            },
        )


def test_a_snowflake_profile_needs_a_password_or_a_key(client: AppflowClient) -> None:
    def snowflake(**credentials: Any) -> Any:
        config: Any = {
            "connectorProfileProperties": {"Snowflake": {
                "warehouse": "wh", "stage": "db.schema.stage", "bucketName": "b-123"}},
            "connectorProfileCredentials": {"Snowflake": {"username": "u", **credentials}},
        }
        return client.create_connector_profile(
            connectorProfileName="snow", connectorType="Snowflake", connectionMode="Public",
            connectorProfileConfig=config,
        )

    with pytest.raises(client.exceptions.ValidationException, match="password or a privateKey"):
        snowflake()
    assert snowflake(privateKey="-----BEGIN PRIVATE KEY-----")["connectorProfileArn"]
