"""Quickstart: a custom connector and its profile, from registration to clean-up.

Registers a Lambda-backed custom connector, points its registration at a new Lambda,
creates a connector profile for it and rotates the profile's API key, describes both, and
cleans up — printing what happened at each step.

By default it runs against the local AppFlow endpoint embedded in appflow-typed
(``appflow_typed.testing``): no AWS account, no network, dummy credentials. To run it
against real AWS instead, with your usual AWS configuration, set
``APPFLOW_TYPED_REAL_AWS=1`` and the two Lambda ARNs to register,
``APPFLOW_TYPED_LAMBDA_ARN`` and ``APPFLOW_TYPED_LAMBDA_ARN_2`` (it creates, then deletes,
a real connector registration and profile).

Run: python examples/quickstart.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from appflow_typed import AppFlowClient
from appflow_typed.models import (
    ApiKeyCredentials,
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CustomConnectorProfileCredentials,
    CustomConnectorProfileProperties,
    LambdaConnectorProvisioningConfig,
)
from appflow_typed.testing import LocalAppFlow

LABEL = "acme_crm"
PROFILE = "acme-crm-production"
LOCAL_LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:acme-crm-connector"


@contextmanager
def appflow() -> Iterator[tuple[AppFlowClient, str, str]]:
    """The client to use and the two Lambda ARNs to register."""
    if os.environ.get("APPFLOW_TYPED_REAL_AWS") == "1":
        arns = os.environ["APPFLOW_TYPED_LAMBDA_ARN"], os.environ["APPFLOW_TYPED_LAMBDA_ARN_2"]
        with AppFlowClient() as client:
            yield client, *arns
        return
    with LocalAppFlow() as endpoint, AppFlowClient(client=endpoint.client()) as client:
        print(f"local AppFlow endpoint at {endpoint.url}")
        yield client, LOCAL_LAMBDA, LOCAL_LAMBDA + "-v2"


def profile_config(api_key: str) -> ConnectorProfileConfig[Literal["CustomConnector"]]:
    return ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            custom_connector=CustomConnectorProfileProperties(
                profile_properties={"instance": "eu1", "apiVersion": "v3"}
            )
        ),
        connector_profile_credentials=ConnectorProfileCredentials(
            custom_connector=CustomConnectorProfileCredentials(
                authentication_type="APIKEY", api_key=ApiKeyCredentials(api_key=api_key)
            )
        ),
    )


def main() -> None:
    with appflow() as (client, lambda_arn, new_lambda_arn):
        registered = client.register_connector(
            connector_label=LABEL,
            description="ACME CRM records",
            connector_provisioning_type="LAMBDA",
            connector_provisioning_config=ConnectorProvisioningConfig(
                lambda_=LambdaConnectorProvisioningConfig(lambda_arn=lambda_arn)
            ),
        )
        print(f"registered   {registered.value.connector_arn}")
        print(f"             clientToken {registered.client_token}, {registered.attempts} attempt(s)")

        updated = client.update_connector_registration(
            connector_label=LABEL,
            description="ACME CRM records - v2 Lambda",
            connector_provisioning_config=ConnectorProvisioningConfig(
                lambda_=LambdaConnectorProvisioningConfig(lambda_arn=new_lambda_arn)
            ),
        )
        print(f"re-pointed   {updated.value.connector_arn} to {new_lambda_arn}")

        created = client.create_connector_profile(
            connector_profile_name=PROFILE,
            connector_type="CustomConnector",
            connector_label=LABEL,
            connection_mode="Public",
            connector_profile_config=profile_config("first-api-key-value"),
        )
        print(f"created      {created.value.connector_profile_arn}")

        rotated = client.update_connector_profile(
            connector_profile_name=PROFILE,
            connection_mode="Public",
            connector_profile_config=profile_config("rotated-api-key-value"),
        )
        print(f"rotated key  {rotated.value.connector_profile_arn}")

        described = client.describe_connector(connector_type="CustomConnector", connector_label=LABEL)
        configuration = described.connector_configuration
        if configuration is not None:
            print(f"connector    {configuration.connector_label}: {configuration.connector_description}")
        for profile in client.iter_connector_profiles(connector_label=LABEL):
            # Describe never returns credentials, only the properties
            print(f"profile      {profile.connector_profile_name} ({profile.connection_mode}): "
                  f"{profile.connector_profile_properties}")

        client.delete_connector_profile(connector_profile_name=PROFILE)
        client.unregister_connector(connector_label=LABEL)
        print(f"cleaned up   profile {PROFILE} and connector {LABEL}")


if __name__ == "__main__":
    main()
