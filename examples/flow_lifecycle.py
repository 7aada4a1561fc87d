"""Flow lifecycle: from a registered connector to a finished run, and back to nothing.

Registers a Lambda-backed custom connector, creates a connector profile for it, creates an
on-demand flow that copies the connector's ``Invoice`` records to an S3 bucket (source,
destination and tasks all built from typed request models; ``create_or_update_flow``, so a
re-run updates it), starts the flow, waits for the run to end (``wait_for_flow_run``: its
execution record, or ``FlowRunFailedError`` with the run's message), and cleans up — printing
what happened at each step.

By default it runs against the local AppFlow endpoint embedded in appflow-typed
(``appflow_typed.testing``): no AWS account, no network, dummy credentials. To run it
against real AWS instead, with your usual AWS configuration, set
``APPFLOW_TYPED_REAL_AWS=1``, the Lambda ARN to register, ``APPFLOW_TYPED_LAMBDA_ARN``, and
the destination bucket, ``APPFLOW_TYPED_BUCKET`` (it creates, runs, then deletes a real
connector registration, profile and flow).

Run: python examples/flow_lifecycle.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from appflow_typed import AppFlowClient, CreateFlowRequest
from appflow_typed.errors import FlowRunFailedError
from appflow_typed.models import (
    ApiKeyCredentials,
    ConnectorOperator,
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CustomConnectorProfileCredentials,
    CustomConnectorProfileProperties,
    CustomConnectorSourceProperties,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    LambdaConnectorProvisioningConfig,
    S3DestinationProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    Task,
    TriggerConfig,
)
from appflow_typed.testing import LocalAppFlow

LABEL = "acme_invoices"
PROFILE = "acme-invoices-production"
FLOW = "acme-invoices-to-s3"
LOCAL_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:acme-invoices-connector"
LOCAL_BUCKET = "acme-invoices-archive"


@contextmanager
def appflow() -> Iterator[tuple[AppFlowClient, str, str]]:
    """The client to use, the Lambda ARN to register and the destination bucket."""
    if os.environ.get("APPFLOW_TYPED_REAL_AWS") == "1":
        with AppFlowClient() as client:
            yield client, os.environ["APPFLOW_TYPED_LAMBDA_ARN"], os.environ["APPFLOW_TYPED_BUCKET"]
        return
    with LocalAppFlow() as endpoint, AppFlowClient(client=endpoint.client()) as client:
        print(f"local AppFlow endpoint at {endpoint.url}")
        yield client, LOCAL_LAMBDA, LOCAL_BUCKET


def profile_config() -> ConnectorProfileConfig[Literal["CustomConnector"]]:
    return ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            custom_connector=CustomConnectorProfileProperties(profile_properties={"region": "eu1"})
        ),
        connector_profile_credentials=ConnectorProfileCredentials(
            custom_connector=CustomConnectorProfileCredentials(
                authentication_type="APIKEY", api_key=ApiKeyCredentials(api_key="an-api-key-value")
            )
        ),
    )


def flow_request(bucket: str) -> CreateFlowRequest:
    """An on-demand flow: the connector's invoices, two fields of each, into ``bucket``."""
    return CreateFlowRequest(
        flow_name=FLOW,
        description="ACME invoices, archived on demand",
        trigger_config=TriggerConfig(trigger_type="OnDemand"),
        source_flow_config=SourceFlowConfig(
            connector_type="CustomConnector",
            connector_profile_name=PROFILE,
            source_connector_properties=SourceConnectorProperties(
                custom_connector=CustomConnectorSourceProperties(entity_name="Invoice")
            ),
        ),
        destination_flow_config_list=[
            DestinationFlowConfig(
                connector_type="S3",
                destination_connector_properties=DestinationConnectorProperties(
                    s3=S3DestinationProperties(bucket_name=bucket, bucket_prefix="invoices")
                ),
            )
        ],
        tasks=[
            Task(
                source_fields=["Id", "Amount"],
                connector_operator=ConnectorOperator(custom_connector="PROJECTION"),
                task_type="Filter",
            ),
            *(
                Task(
                    source_fields=[field],
                    connector_operator=ConnectorOperator(custom_connector="NO_OP"),
                    destination_field=field,
                    task_type="Map",
                )
                for field in ("Id", "Amount")
            ),
        ],
        tags={"team": "billing"},
    )


def main() -> None:
    with appflow() as (client, lambda_arn, bucket):
        registered = client.register_connector(
            connector_label=LABEL,
            description="ACME invoices",
            connector_provisioning_type="LAMBDA",
            connector_provisioning_config=ConnectorProvisioningConfig(
                lambda_=LambdaConnectorProvisioningConfig(lambda_arn=lambda_arn)
            ),
        )
        print(f"registered   {registered.value.connector_arn}")

        profile = client.create_connector_profile(
            connector_profile_name=PROFILE,
            connector_type="CustomConnector",
            connector_label=LABEL,
            connection_mode="Public",
            connector_profile_config=profile_config(),
        )
        print(f"profile      {profile.value.connector_profile_arn}")

        flow = client.create_or_update_flow(flow_request(bucket))
        print(f"flow         {flow.arn} ({flow.action})")
        print(f"             clientToken {flow.client_token}, {flow.attempts} attempt(s)")

        started = client.start_flow(flow_name=FLOW)
        print(f"started      execution {started.value.execution_id} ({started.value.flow_status})")

        try:
            record = client.wait_for_flow_run(started, timeout=1800, poll_interval=15)
        except FlowRunFailedError as failed:
            print(f"execution    {failed.execution_id}: {failed.status}: {failed.execution_message}")
            raise
        result = record.execution_result
        processed = result.records_processed if result is not None else None
        print(f"execution    {record.execution_id}: {record.execution_status}, "
              f"{processed} record(s) processed")

        client.delete_flow(flow_name=FLOW)
        client.delete_connector_profile(connector_profile_name=PROFILE)
        client.unregister_connector(connector_label=LABEL)
        print(f"cleaned up   flow {FLOW}, profile {PROFILE} and connector {LABEL}")


if __name__ == "__main__":
    main()
