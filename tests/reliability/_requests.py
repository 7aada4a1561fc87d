"""Request builders shared by the reliability tests (valid, minimal, deterministic)."""

from __future__ import annotations

from typing import Literal

from appflow_typed.models import (
    ConnectorOperator,
    ConnectorProfileConfig,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CreateConnectorProfileRequest,
    CreateFlowRequest,
    CustomConnectorProfileProperties,
    CustomConnectorSourceProperties,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    LambdaConnectorProvisioningConfig,
    RegisterConnectorRequest,
    S3DestinationProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    StartFlowRequest,
    Task,
    TriggerConfig,
    UpdateConnectorProfileRequest,
    UpdateConnectorRegistrationRequest,
    UpdateFlowRequest,
)

CustomConnector = Literal["CustomConnector"]

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:reliability-connector"


def lambda_config(arn: str = LAMBDA_ARN) -> ConnectorProvisioningConfig:
    """The provisioning config of a Lambda-backed connector."""
    return ConnectorProvisioningConfig(lambda_=LambdaConnectorProvisioningConfig(lambda_arn=arn))


def register(label: str, description: str, token: str | None = None) -> RegisterConnectorRequest:
    """A RegisterConnector request for a Lambda connector."""
    return RegisterConnectorRequest(
        connector_label=label,
        description=description,
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=lambda_config(),
        client_token=token,
    )


def update_registration(
    label: str, description: str, token: str | None = None
) -> UpdateConnectorRegistrationRequest:
    """An UpdateConnectorRegistration request that sets the description."""
    return UpdateConnectorRegistrationRequest(
        connector_label=label, description=description, client_token=token
    )


def custom_config(version: str) -> ConnectorProfileConfig[CustomConnector]:
    """A custom connector profile config whose one property records ``version``."""
    return ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            custom_connector=CustomConnectorProfileProperties(
                profile_properties={"version": version}
            )
        )
    )


def create_profile(
    name: str, label: str, version: str, token: str | None = None
) -> CreateConnectorProfileRequest[CustomConnector]:
    """A CreateConnectorProfile request for the custom connector ``label``."""
    return CreateConnectorProfileRequest(
        connector_profile_name=name,
        connector_type="CustomConnector",
        connector_label=label,
        connection_mode="Public",
        connector_profile_config=custom_config(version),
        client_token=token,
    )


def update_profile(name: str, version: str, token: str | None = None) -> UpdateConnectorProfileRequest:
    """An UpdateConnectorProfile request that sets the ``version`` property."""
    return UpdateConnectorProfileRequest(
        connector_profile_name=name,
        connection_mode="Public",
        connector_profile_config=custom_config(version),
        client_token=token,
    )


def flow_source(profile: str) -> SourceFlowConfig[CustomConnector]:
    """A source reading the custom connector entity ``Record`` through ``profile``."""
    return SourceFlowConfig(
        connector_type="CustomConnector",
        connector_profile_name=profile,
        source_connector_properties=SourceConnectorProperties(
            custom_connector=CustomConnectorSourceProperties(entity_name="Record")
        ),
    )


def flow_destination() -> DestinationFlowConfig[Literal["S3"]]:
    """An S3 destination."""
    return DestinationFlowConfig(
        connector_type="S3",
        destination_connector_properties=DestinationConnectorProperties(
            s3=S3DestinationProperties(bucket_name="reliability-bucket")
        ),
    )


def flow_tasks() -> list[Task]:
    """The projection of ``Id`` and one task mapping it through the custom connector (the
    service refuses a flow without a projection task: docs/rules.md, flow-projection-task)."""
    return [
        Task(
            source_fields=["Id"],
            connector_operator=ConnectorOperator(custom_connector="PROJECTION"),
            task_type="Filter",
        ),
        Task(
            source_fields=["Id"],
            connector_operator=ConnectorOperator(custom_connector="NO_OP"),
            destination_field="Id",
            task_type="Map",
        )
    ]


def create_flow(
    name: str, profile: str, description: str, token: str | None = None
) -> CreateFlowRequest:
    """A CreateFlow request: an on-demand flow from the profile's connector to S3."""
    return CreateFlowRequest(
        flow_name=name,
        description=description,
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=flow_source(profile),
        destination_flow_config_list=[flow_destination()],
        tasks=flow_tasks(),
        client_token=token,
    )


def update_flow(
    name: str, profile: str, description: str, token: str | None = None
) -> UpdateFlowRequest:
    """An UpdateFlow request that sets the description (and keeps the rest)."""
    return UpdateFlowRequest(
        flow_name=name,
        description=description,
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=flow_source(profile),
        destination_flow_config_list=[flow_destination()],
        tasks=flow_tasks(),
        client_token=token,
    )


def start_flow(name: str, token: str | None = None) -> StartFlowRequest:
    """A StartFlow request: one run of an on-demand flow."""
    return StartFlowRequest(flow_name=name, client_token=token)
