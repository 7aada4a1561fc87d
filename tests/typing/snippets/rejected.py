"""Misuse that mypy --strict must reject. Each marked line expects that error code."""

from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    CreateConnectorProfileRequest,
    CustomConnectorProfileCredentials,
    LambdaConnectorProvisioningConfig,
    OAuth2Credentials,
    RegisterConnectorRequest,
    SalesforceConnectorProfileCredentials,
    SalesforceConnectorProfileProperties,
    SAPODataConnectorProfileProperties,
    SlackConnectorProfileCredentials,
    SlackConnectorProfileProperties,
    UpdateConnectorProfileRequest,
)

salesforce = ConnectorProfileProperties(salesforce=SalesforceConnectorProfileProperties())
slack_credentials = ConnectorProfileCredentials(
    slack=SlackConnectorProfileCredentials(client_id="id", client_secret="s")
)

# 1. an enum value outside the model's
UpdateConnectorProfileRequest(
    connector_profile_name="p",
    connection_mode="public",  # E: arg-type
    connector_profile_config=ConnectorProfileConfig(connector_profile_properties=salesforce),
)

# 2. two connectors in one profile
ConnectorProfileProperties(  # E: call-overload
    salesforce=SalesforceConnectorProfileProperties(),
    slack=SlackConnectorProfileProperties(instance_url="https://x.slack.com"),
)

# 3. credentials for another connector than the properties
ConnectorProfileConfig(  # E: misc
    connector_profile_properties=salesforce,
    connector_profile_credentials=slack_credentials,
)

# 4. a missing required member
LambdaConnectorProvisioningConfig()  # E: call-arg

# 5. an unknown field
RegisterConnectorRequest(connector_lable="x")  # E: call-arg

# 6. a wrong scalar type
SAPODataConnectorProfileProperties(
    application_host_url="https://sap.example.com",
    application_service_path="/sap",
    port_number="443",  # E: arg-type
    client_number="100",
)

# 7. Salesforce credentials with CLIENT_CREDENTIALS
SalesforceConnectorProfileCredentials(o_auth2_grant_type="CLIENT_CREDENTIALS")  # E: arg-type

# 8. a CustomConnector authentication type without its credentials block
CustomConnectorProfileCredentials(authentication_type="OAUTH2")  # E: call-overload
CustomConnectorProfileCredentials(  # E: call-overload
    authentication_type="APIKEY", oauth2=OAuth2Credentials(client_id="id")
)

# connectorType must agree with the connector the properties name
CreateConnectorProfileRequest(  # E: misc
    connector_profile_name="p",
    connector_type="Slack",
    connection_mode="Public",
    connector_profile_config=ConnectorProfileConfig(connector_profile_properties=salesforce),
)

# models are frozen
salesforce.salesforce = None  # E: misc

# flows: a source's connectorType must agree with the connector its properties name
from appflow_typed.models import (  # noqa: E402
    ConnectorOperator,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    S3DestinationProperties,
    S3SourceProperties,
    SalesforceSourceProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
)

SourceFlowConfig(  # E: misc
    connector_type="Salesforce",
    source_connector_properties=SourceConnectorProperties(
        s3=S3SourceProperties(bucket_name="orders-bucket")
    ),
)
DestinationFlowConfig(  # E: misc
    connector_type="Redshift",
    destination_connector_properties=DestinationConnectorProperties(
        s3=S3DestinationProperties(bucket_name="orders-bucket")
    ),
)

# flows: one member per union, and only the connector's own operators
SourceConnectorProperties(  # E: call-overload
    salesforce=SalesforceSourceProperties(object="Order"),
    s3=S3SourceProperties(bucket_name="orders-bucket"),
)
ConnectorOperator(salesforce="PROJECTION", s3="NO_OP")  # E: call-overload
ConnectorOperator(salesforce="NOT_AN_OPERATOR")  # E: call-overload

# response enumerations are open (the service may add values): narrowed first, or rejected
from appflow_typed.models import (  # noqa: E402
    ConnectionMode_VALUES,
    ConnectorDetail,
    ConnectorProfile,
    DescribeConnectorRequest,
    is_known,
)


def reuse(profile: ConnectorProfile, detail: ConnectorDetail) -> None:
    UpdateConnectorProfileRequest(
        connector_profile_name="p",
        connection_mode=profile.connection_mode,  # E: arg-type
        connector_profile_config=ConnectorProfileConfig(connector_profile_properties=salesforce),
    )
    if is_known(detail.connector_type, ConnectionMode_VALUES):  # the wrong enumeration's values
        DescribeConnectorRequest(connector_type=detail.connector_type)  # E: arg-type
    is_known(detail, ConnectionMode_VALUES)  # E: arg-type


# flows: a task's connectorOperator is the flow's source connector's
from typing import Literal  # noqa: E402

from appflow_typed.models import (  # noqa: E402
    CreateFlowRequest,
    Task,
    TriggerConfig,
    UpdateFlowRequest,
)

s3_source = SourceFlowConfig(
    connector_type="S3",
    source_connector_properties=SourceConnectorProperties(
        s3=S3SourceProperties(bucket_name="orders-bucket")
    ),
)
s3_destination = DestinationFlowConfig(
    connector_type="S3",
    destination_connector_properties=DestinationConnectorProperties(
        s3=S3DestinationProperties(bucket_name="orders-out")
    ),
)
on_demand = TriggerConfig(trigger_type="OnDemand")
salesforce_filter = Task(
    source_fields=["Id"],
    connector_operator=ConnectorOperator(salesforce="PROJECTION"),
    task_type="Filter",
)
CreateFlowRequest(  # E: misc
    flow_name="orders",
    trigger_config=on_demand,
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
UpdateFlowRequest(  # E: misc
    flow_name="orders",
    trigger_config=on_demand,
    source_flow_config=s3_source,
    destination_flow_config_list=[s3_destination],
    tasks=[salesforce_filter],
)
# a task list built first, a comprehension, tasks of two connectors, a source built inline
salesforce_tasks = [salesforce_filter]
CreateFlowRequest(  # E: misc
    flow_name="orders",
    trigger_config=on_demand,
    source_flow_config=s3_source,
    destination_flow_config_list=[s3_destination],
    tasks=salesforce_tasks,
)
CreateFlowRequest(  # E: misc
    flow_name="orders",
    trigger_config=on_demand,
    source_flow_config=s3_source,
    destination_flow_config_list=[s3_destination],
    tasks=[
        Task(
            source_fields=[field],
            connector_operator=ConnectorOperator(salesforce="NO_OP"),
            destination_field=field,
            task_type="Map",
        )
        for field in ("Id", "Amount")
    ],
)
CreateFlowRequest(
    flow_name="orders",
    trigger_config=on_demand,
    source_flow_config=s3_source,
    destination_flow_config_list=[s3_destination],
    tasks=[
        Task(
            source_fields=["Id"],
            connector_operator=ConnectorOperator(s3="PROJECTION"),
            task_type="Filter",
        ),
        salesforce_filter,  # E: list-item
    ],
)
CreateFlowRequest(  # E: misc
    flow_name="orders",
    trigger_config=on_demand,
    source_flow_config=SourceFlowConfig(
        connector_type="S3",
        source_connector_properties=SourceConnectorProperties(
            s3=S3SourceProperties(bucket_name="orders-bucket")
        ),
    ),
    destination_flow_config_list=[s3_destination],
    tasks=[salesforce_filter],
)


# a flow built where its type is only CreateFlowRequest is checked all the same
def orders_flow() -> CreateFlowRequest:
    return CreateFlowRequest(  # E: misc
        flow_name="orders",
        trigger_config=on_demand,
        source_flow_config=s3_source,
        destination_flow_config_list=[s3_destination],
        tasks=[salesforce_filter],
    )


# a source typed as any connector's (a bare SourceFlowConfig) is not known to be S3's
def any_source_flow(source: SourceFlowConfig) -> CreateFlowRequest:
    return CreateFlowRequest(  # E: misc
        flow_name="orders",
        trigger_config=on_demand,
        source_flow_config=source,
        destination_flow_config_list=[s3_destination],
        tasks=[
            Task(
                source_fields=["Id"],
                connector_operator=ConnectorOperator(s3="PROJECTION"),
                task_type="Filter",
            )
        ],
    )


# a task typed for its connector takes only that connector's operator
s3_task: Task[Literal["S3"]] = Task(
    source_fields=["Id"],
    connector_operator=ConnectorOperator(salesforce="PROJECTION"),  # E: arg-type
    task_type="Filter",
)
