"""The service's rules beyond the member constraints (docs/rules.md): each error and warning
with a request that breaks it, one that keeps it, and the fix users published where there is
one."""

from __future__ import annotations

import copy
import pickle
import warnings
from typing import Any

import pytest

from appflow_typed import (
    RULES,
    AppFlowConfigWarning,
    CreateConnectorProfileRequest,
    CreateFlowRequest,
    UpdateFlowRequest,
    ValidationError,
    from_boto,
    lint,
)
from appflow_typed._lint import emit_warnings

ROLE = "arn:aws:iam::123456789012:role/appflow"


def flow(**changes: Any) -> dict[str, Any]:
    """A valid on-demand flow from Salesforce to S3 (wire form), with ``changes``."""
    data: dict[str, Any] = {
        "flowName": "accounts",
        "triggerConfig": {"triggerType": "OnDemand"},
        "sourceFlowConfig": {
            "connectorType": "Salesforce",
            "connectorProfileName": "sf",
            "sourceConnectorProperties": {"Salesforce": {"object": "Account"}},
        },
        "destinationFlowConfigList": [
            {
                "connectorType": "S3",
                "destinationConnectorProperties": {"S3": {"bucketName": "appflow-bucket"}},
            }
        ],
        "tasks": [
            {
                "sourceFields": ["Id", "Name"],
                "connectorOperator": {"Salesforce": "PROJECTION"},
                "taskType": "Filter",
            },
            {
                "sourceFields": ["Id"],
                "connectorOperator": {"Salesforce": "NO_OP"},
                "destinationField": "Id",
                "taskType": "Map",
            },
        ],
    }
    data.update(copy.deepcopy(changes))
    return data


def s3_source_flow(**changes: Any) -> dict[str, Any]:
    """A valid flow from S3 (the source of aws/aws-cdk#17748), with ``changes``."""
    return flow(
        sourceFlowConfig={
            "connectorType": "S3",
            "sourceConnectorProperties": {"S3": {"bucketName": "in-bucket", "bucketPrefix": "root"}},
        },
        tasks=[
            {"sourceFields": ["Name"], "connectorOperator": {"S3": "PROJECTION"},
             "taskType": "Filter"},
            {"sourceFields": ["Name"], "connectorOperator": {"S3": "NO_OP"},
             "destinationField": "Name", "taskType": "Map"},
        ],
        **changes,
    )


def profile(connector: str, properties: dict[str, Any], credentials: dict[str, Any]) -> Any:
    """A CreateConnectorProfile request (wire form) for ``connector``."""
    types = {"SAPOData": "SAPOData", "ServiceNow": "Servicenow"}
    return {
        "connectorProfileName": "p",
        "connectorType": types.get(connector, connector),
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {connector: properties},
            "connectorProfileCredentials": {connector: credentials},
        },
    }


REDSHIFT = {
    "bucketName": "staging-bucket",
    "roleArn": ROLE,
    "dataApiRoleArn": ROLE,
    "clusterIdentifier": "warehouse",
    "databaseName": "dev",
}
SAP = {
    "applicationHostUrl": "https://sap.example.com",
    "applicationServicePath": "/sap/opu/odata/iwfnd/catalogservice;v=2",
    "portNumber": 443,
    "clientNumber": "100",
}
SERVICE_NOW = {"instanceUrl": "https://example.service-now.com"}
SALESFORCE = {"instanceUrl": "https://example.my.salesforce.com"}


def errors(cls: type[Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        from_boto(cls, data)
    return [(v.path, v.message) for v in info.value.violations]


def accepted(cls: type[Any], data: dict[str, Any], operation: str) -> list[tuple[str, str]]:
    """Build ``data`` (it must be valid); return its warnings as (path, rule)."""
    from_boto(cls, data)
    result = lint(data, operation=operation)
    assert result.errors == ()
    return [(w.path, w.rule) for w in result.warnings]


# ============================================================================ errors: flows


def test_a_flow_of_map_tasks_only_is_refused() -> None:
    # hashicorp/terraform-provider-aws#34482: two Map tasks, no projection.
    data = flow(tasks=[
        {"sourceFields": ["id"], "destinationField": "id", "taskType": "Map"},
        {"sourceFields": ["name"], "destinationField": "name", "taskType": "Map"},
    ])
    assert errors(CreateFlowRequest, data) == [("tasks", RULES["flow-projection-task"].message)]
    update = {k: v for k, v in data.items() if k not in ("flowName",)}
    assert errors(UpdateFlowRequest, {"flowName": "accounts", **update}) == [
        ("tasks", RULES["flow-projection-task"].message)
    ]


def test_the_published_fixes_for_a_missing_projection_are_accepted() -> None:
    # aws/aws-cdk#17748: add a Filter task with operator PROJECTION listing the source fields.
    fixed = flow(tasks=[
        {"sourceFields": ["id", "name"], "connectorOperator": {"Salesforce": "PROJECTION"},
         "taskType": "Filter"},
        {"sourceFields": ["id"], "destinationField": "id", "taskType": "Map"},
        {"sourceFields": ["name"], "destinationField": "name", "taskType": "Map"},
    ])
    assert accepted(CreateFlowRequest, fixed, "CreateFlow") == []
    # hashicorp/terraform-provider-aws#25095: one Map_all task.
    map_all = flow(tasks=[{"sourceFields": [], "taskType": "Map_all", "taskProperties": {}}])
    assert accepted(CreateFlowRequest, map_all, "CreateFlow") == []


def test_a_filter_task_with_the_no_op_operator_is_refused() -> None:
    data = flow()
    data["tasks"].append(
        {"sourceFields": ["Name"], "connectorOperator": {"Salesforce": "NO_OP"},
         "taskType": "Filter"}
    )
    assert errors(CreateFlowRequest, data) == [
        ("tasks[2].connectorOperator", RULES["filter-no-op"].message)
    ]
    data["tasks"][2]["connectorOperator"] = {"Salesforce": "CONTAINS"}
    data["tasks"][2]["taskProperties"] = {"DATA_TYPE": "string", "VALUE": "Acme"}
    assert accepted(CreateFlowRequest, data, "CreateFlow") == []


def test_a_scheduled_trigger_without_its_properties_is_refused() -> None:
    # cdklabs/cdk-appflow#129: "TriggerProps is required for Scheduled Trigger Type."
    data = flow(triggerConfig={"triggerType": "Scheduled"})
    assert [path for path, _ in errors(CreateFlowRequest, data)] == [
        "triggerConfig.triggerProperties.Scheduled"
    ]
    data["triggerConfig"]["triggerProperties"] = {
        "Scheduled": {"scheduleExpression": "rate(1days)"}
    }
    assert accepted(CreateFlowRequest, data, "CreateFlow") == []


def test_an_event_trigger_on_an_s3_source_is_refused() -> None:
    data = s3_source_flow(triggerConfig={"triggerType": "Event"})
    assert errors(CreateFlowRequest, data) == [
        ("triggerConfig.triggerType", RULES["event-trigger-source"].message)
    ]
    assert accepted(CreateFlowRequest, s3_source_flow(), "CreateFlow") == []


def test_an_event_trigger_on_a_salesforce_change_event_is_accepted() -> None:
    # aws/aws-cdk#15134: the published Salesforce-to-EventBridge event flow.
    data = flow(
        triggerConfig={"triggerType": "Event"},
        sourceFlowConfig={
            "connectorType": "Salesforce",
            "connectorProfileName": "sf",
            "sourceConnectorProperties": {"Salesforce": {"object": "AccountChangeEvent"}},
        },
        destinationFlowConfigList=[{
            "connectorType": "EventBridge",
            "destinationConnectorProperties": {
                "EventBridge": {"object": "aws.partner/appflow/salesforce.com/123456789012/x"}
            },
        }],
        tasks=[{"sourceFields": [], "taskType": "Map_all", "taskProperties": {}}],
    )
    assert accepted(CreateFlowRequest, data, "CreateFlow") == []


def hubspot_update(**properties: Any) -> dict[str, Any]:
    # cdklabs/cdk-appflow#546: a HubSpot (custom connector) destination writing UPDATE.
    return s3_source_flow(destinationFlowConfigList=[{
        "connectorType": "CustomConnector",
        "apiVersion": "v3",
        "connectorProfileName": "foo-hubspot",
        "destinationConnectorProperties": {
            "CustomConnector": {"entityName": "contact", "writeOperationType": "UPDATE",
                                **properties}
        },
    }])


def test_a_custom_connector_update_without_id_fields_is_refused() -> None:
    assert errors(CreateFlowRequest, hubspot_update()) == [(
        "destinationFlowConfigList[0].destinationConnectorProperties.CustomConnector.idFieldNames",
        RULES["custom-connector-update-id-fields"].message,
    )]
    fixed = hubspot_update(idFieldNames=["hs_object_id"])  # the fix of cdk-appflow#546
    assert accepted(CreateFlowRequest, fixed, "CreateFlow") == []


# ============================================================================ errors: profiles


def test_a_redshift_profile_without_a_data_api_role_is_refused() -> None:
    # crossplane-contrib/provider-upjet-aws#208: "dataApiRoleArn cannot be null or empty".
    properties = {k: v for k, v in REDSHIFT.items() if k != "dataApiRoleArn"}
    data = profile("Redshift", properties, {"username": "u", "password": "p"})
    assert errors(CreateConnectorProfileRequest, data) == [(
        "connectorProfileConfig.connectorProfileProperties.Redshift.dataApiRoleArn",
        RULES["redshift-data-api-role"].message,
    )]
    fixed = profile("Redshift", REDSHIFT, {"username": "u", "password": "p"})
    assert accepted(CreateConnectorProfileRequest, fixed, "CreateConnectorProfile") == []


@pytest.mark.parametrize(
    "credentials",
    [{"username": "u", "password": "p"}, {"username": "u", "privateKey": "k"}],
)
def test_a_snowflake_profile_needs_a_password_or_a_private_key(credentials: Any) -> None:
    properties = {"warehouse": "wh", "stage": "db.schema.stage", "bucketName": "b-123"}
    data = profile("Snowflake", properties, {"username": "u"})
    assert errors(CreateConnectorProfileRequest, data) == [(
        "connectorProfileConfig.connectorProfileCredentials.Snowflake.password",
        RULES["snowflake-password-or-key"].message,
    )]
    ok = profile("Snowflake", properties, credentials)
    assert accepted(CreateConnectorProfileRequest, ok, "CreateConnectorProfile") == []


def test_salesforce_client_credentials_are_refused() -> None:
    # hashicorp/terraform-provider-aws#43998
    data = profile("Salesforce", SALESFORCE, {
        "clientCredentialsArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:sf",
        "oAuth2GrantType": "CLIENT_CREDENTIALS",
    })
    assert [p for p, _ in errors(CreateConnectorProfileRequest, data)] == [
        "connectorProfileConfig.connectorProfileCredentials.Salesforce.oAuth2GrantType"
    ]
    data["connectorProfileConfig"]["connectorProfileCredentials"]["Salesforce"].update(
        oAuth2GrantType="JWT_BEARER", jwtToken="header.payload.signature"
    )
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == []


# ============================================================================ warnings: flows


def scheduled(**properties: Any) -> dict[str, Any]:
    return {"triggerType": "Scheduled",
            "triggerProperties": {"Scheduled": {"scheduleExpression": "rate(1hours)",
                                                **properties}}}


def test_a_schedule_that_ends_before_it_starts_draws_a_warning() -> None:
    data = flow(triggerConfig=scheduled(scheduleStartTime=1_800_000_000,
                                        scheduleEndTime=1_700_000_000))
    assert accepted(CreateFlowRequest, data, "CreateFlow") == [(
        "triggerConfig.triggerProperties.Scheduled.scheduleEndTime",
        "schedule-ends-before-start",
    )]
    good = flow(triggerConfig=scheduled(scheduleStartTime=1_700_000_000,
                                        scheduleEndTime=1_800_000_000))
    assert accepted(CreateFlowRequest, good, "CreateFlow") == []


def test_trigger_properties_on_an_on_demand_flow_draw_a_warning() -> None:
    data = flow(triggerConfig={**scheduled(), "triggerType": "OnDemand"})
    assert accepted(CreateFlowRequest, data, "CreateFlow") == [
        ("triggerConfig.triggerProperties", "trigger-properties-unused")
    ]


@pytest.mark.parametrize(
    ("trigger", "expected"),
    [
        ({"triggerType": "OnDemand"}, True),
        (scheduled(dataPullMode="Complete"), True),
        (scheduled(dataPullMode="Incremental"), False),
    ],
)
def test_an_incremental_pull_config_without_incremental_pulls_draws_a_warning(
    trigger: Any, expected: bool
) -> None:
    data = flow(triggerConfig=trigger)
    data["sourceFlowConfig"]["incrementalPullConfig"] = {
        "datetimeTypeFieldName": "LastModifiedDate"
    }
    found = accepted(CreateFlowRequest, data, "CreateFlow")
    assert found == ([("sourceFlowConfig.incrementalPullConfig", "incremental-pull-unused")]
                     if expected else [])


def test_an_event_trigger_on_a_source_without_documented_events_draws_a_warning() -> None:
    data = flow(
        triggerConfig={"triggerType": "Event"},
        sourceFlowConfig={"connectorType": "Zendesk", "connectorProfileName": "z",
                          "sourceConnectorProperties": {"Zendesk": {"object": "tickets"}}},
        tasks=[{"sourceFields": [], "taskType": "Map_all", "taskProperties": {}}],
    )
    assert accepted(CreateFlowRequest, data, "CreateFlow") == [
        ("triggerConfig.triggerType", "event-trigger-source-unverified")
    ]


@pytest.mark.parametrize(("file_type", "expected"), [("CSV", True), ("PARQUET", False)])
def test_preserve_source_data_typing_outside_parquet_draws_a_warning(
    file_type: str, expected: bool
) -> None:
    data = flow()
    data["destinationFlowConfigList"][0]["destinationConnectorProperties"]["S3"][
        "s3OutputFormatConfig"
    ] = {"fileType": file_type, "preserveSourceDataTyping": True}
    path = ("destinationFlowConfigList[0].destinationConnectorProperties.S3"
            ".s3OutputFormatConfig.preserveSourceDataTyping")
    found = accepted(CreateFlowRequest, data, "CreateFlow")
    assert found == ([(path, "preserve-typing-not-parquet")] if expected else [])


@pytest.mark.parametrize("operation", ["UPDATE", "DELETE"])
def test_a_salesforce_write_without_id_fields_draws_a_warning(operation: str) -> None:
    def writing(**ids: Any) -> dict[str, Any]:
        return s3_source_flow(destinationFlowConfigList=[{
            "connectorType": "Salesforce", "connectorProfileName": "sf",
            "destinationConnectorProperties": {
                "Salesforce": {"object": "Contact", "writeOperationType": operation, **ids}
            },
        }])

    path = "destinationFlowConfigList[0].destinationConnectorProperties.Salesforce.idFieldNames"
    assert accepted(CreateFlowRequest, writing(), "CreateFlow") == [
        (path, "write-without-id-fields")
    ]
    assert accepted(CreateFlowRequest, writing(idFieldNames=["Id"]), "CreateFlow") == []


# ============================================================================ warnings: profiles


def test_a_redshift_profile_without_its_data_api_target_draws_warnings() -> None:
    base = "connectorProfileConfig.connectorProfileProperties.Redshift."
    provisioned = {k: v for k, v in REDSHIFT.items() if k not in ("clusterIdentifier",)}
    data = profile("Redshift", provisioned, {})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        (base + "clusterIdentifier", "redshift-data-api-target")
    ]
    serverless = {**provisioned, "isRedshiftServerless": True}
    data = profile("Redshift", serverless, {})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        (base + "workgroupName", "redshift-data-api-target")
    ]
    data = profile("Redshift", {**serverless, "workgroupName": "wg"}, {})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == []


def test_disable_sso_with_oauth_credentials_draws_a_warning() -> None:
    oauth = {"oAuthCredentials": {"clientId": "id", "clientSecret": "secret",
                                  "accessToken": "token"}}
    properties = {**SAP, "disableSSO": True,
                  "oAuthProperties": {"tokenUrl": "https://sap.example.com/token",
                                      "authCodeUrl": "https://sap.example.com/auth",
                                      "oAuthScopes": ["read"]}}
    data = profile("SAPOData", properties, oauth)
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        ("connectorProfileConfig.connectorProfileProperties.SAPOData.disableSSO",
         "sapodata-disable-sso-oauth")
    ]
    basic = {"basicAuthCredentials": {"username": "u", "password": "p"}}
    data = profile("SAPOData", {**SAP, "disableSSO": True}, basic)
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == []


def test_a_profile_without_credentials_to_authenticate_with_draws_a_warning() -> None:
    data = profile("SAPOData", SAP, {})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        ("connectorProfileConfig.connectorProfileCredentials.SAPOData", "credentials-missing")
    ]
    data = profile("ServiceNow", SERVICE_NOW, {})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        ("connectorProfileConfig.connectorProfileCredentials.ServiceNow", "credentials-missing")
    ]


def test_a_password_without_a_user_name_draws_a_warning() -> None:
    data = profile("ServiceNow", SERVICE_NOW, {"password": "p"})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        ("connectorProfileConfig.connectorProfileCredentials.ServiceNow.username",
         "password-without-username")
    ]
    data = profile("ServiceNow", SERVICE_NOW, {"username": "u", "password": "p"})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == []


def test_oauth_credentials_without_a_token_or_request_draw_a_warning() -> None:
    # hashicorp/terraform-provider-aws#26396: "AuthCode cannot be blank for connector:
    # SALESFORCE".
    data = profile("Salesforce", SALESFORCE, {"refreshToken": "refresh"})
    path = "connectorProfileConfig.connectorProfileCredentials.Salesforce.accessToken"
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        (path, "oauth-without-token")
    ]
    data = profile("Salesforce", SALESFORCE, {"accessToken": "token", "refreshToken": "r"})
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == []


def test_a_google_analytics_access_token_without_its_refresh_token_draws_a_warning() -> None:
    base = {"clientId": "id", "clientSecret": "secret", "accessToken": "token"}
    data = profile("GoogleAnalytics", {}, base)
    data["connectorType"] = "Googleanalytics"
    path = "connectorProfileConfig.connectorProfileCredentials.GoogleAnalytics.refreshToken"
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        (path, "oauth2-refresh-token")
    ]
    data = profile("GoogleAnalytics", {}, {**base, "refreshToken": "refresh"})
    data["connectorType"] = "Googleanalytics"
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == []


def test_a_jwt_without_the_jwt_grant_draws_a_warning() -> None:
    data = profile("Salesforce", SALESFORCE, {"accessToken": "t", "jwtToken": "a.b.c"})
    path = "connectorProfileConfig.connectorProfileCredentials.Salesforce.jwtToken"
    assert accepted(CreateConnectorProfileRequest, data, "CreateConnectorProfile") == [
        (path, "jwt-token-unused")
    ]


# ============================================================================ the machinery


def test_every_rule_has_a_source_and_every_warning_rule_is_tested() -> None:
    assert all(rule.source and rule.message and rule.operations for rule in RULES.values())
    assert {rule.level for rule in RULES.values()} == {"error", "warning"}


def test_lint_reports_errors_of_data_without_raising() -> None:
    result = lint(flow(tasks=[{"sourceFields": ["a"], "destinationField": "a",
                               "taskType": "Map"}]), operation="create-flow")
    assert result.model == "CreateFlowRequest"
    assert [v.path for v in result.errors] == ["tasks"]
    assert result.warnings == ()
    assert not result.ok


def test_lint_takes_a_model_and_needs_an_operation_for_data() -> None:
    request = from_boto(CreateFlowRequest, flow(triggerConfig={**scheduled(),
                                                               "triggerType": "OnDemand"}))
    result = lint(request)
    [warning] = result.warnings
    assert (warning.path, warning.rule) == ("triggerConfig.triggerProperties",
                                            "trigger-properties-unused")
    assert warning.source == RULES["trigger-properties-unused"].source
    assert lint(from_boto(CreateFlowRequest, flow())).ok
    with pytest.raises(ValueError, match="operation"):
        lint(flow())
    with pytest.raises(ValueError, match="unknown operation"):
        lint(flow(), operation="CreateFlows")
    with pytest.raises(TypeError):
        lint(42)


def test_a_warning_is_emitted_at_the_callers_line_and_can_be_filtered() -> None:
    request = from_boto(CreateFlowRequest, flow(triggerConfig={**scheduled(),
                                                               "triggerType": "OnDemand"}))
    with pytest.warns(AppFlowConfigWarning, match=r"trigger-properties-unused") as caught:
        emit_warnings(request)
    [record] = caught
    assert record.filename == __file__
    assert isinstance(record.message, AppFlowConfigWarning)
    assert record.message.path == "triggerConfig.triggerProperties"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", AppFlowConfigWarning)
        emit_warnings(request)  # filtered: no error under filterwarnings=error


def test_a_warning_pickles_and_compares_by_path_and_rule() -> None:
    warning = AppFlowConfigWarning("tasks", "filter-no-op")
    assert pickle.loads(pickle.dumps(warning)) == warning
    assert str(warning) == f"tasks: {RULES['filter-no-op'].message} [filter-no-op]"
    assert len({warning, AppFlowConfigWarning("tasks", "filter-no-op")}) == 1


def test_the_rules_page_lists_every_rule_with_its_level() -> None:
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    errors_part, warnings_part = page.split("### Warnings")
    for rule in RULES.values():
        assert f"| `{rule.id}` |" in (errors_part if rule.level == "error" else warnings_part)
