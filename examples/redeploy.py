"""A re-runnable deploy: register a custom connector and create its profile, or update them.

Runs three times against the local AppFlow endpoint of ``appflow_typed.testing`` (no AWS
account, nothing beyond 127.0.0.1, dummy credentials): the first run registers and creates,
the second finds everything as described and writes nothing, the third changes the profile's
properties. No ``try/except ConflictError`` anywhere: each call says what it did.

The profile is given its credentials on create only (``update_credentials=False``): AppFlow
never returns credentials, so with credentials to send every run would be an update.

Run: python examples/redeploy.py
"""

from __future__ import annotations

import os

from appflow_typed import AppFlowClient, UpsertResult
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CustomAuthCredentials,
    CustomConnectorProfileCredentials,
    CustomConnectorProfileProperties,
    LambdaConnectorProvisioningConfig,
)
from appflow_typed.testing import LocalAppFlow

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:acme-crm-connector"


def deploy(client: AppFlowClient, region: str) -> tuple[UpsertResult, UpsertResult]:
    """Make the connector and its profile as described; safe to run any number of times."""
    connector = client.register_or_update_connector(
        connector_label="acme_crm",
        description="ACME CRM",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=ConnectorProvisioningConfig(
            lambda_=LambdaConnectorProvisioningConfig(lambda_arn=LAMBDA_ARN)
        ),
    )
    profile = client.create_or_update_connector_profile(
        connector_profile_name="acme_crm_prod",
        connector_type="CustomConnector",
        connector_label="acme_crm",
        connection_mode="Public",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                custom_connector=CustomConnectorProfileProperties(
                    profile_properties={"region": region}
                )
            ),
            connector_profile_credentials=ConnectorProfileCredentials(
                custom_connector=CustomConnectorProfileCredentials(
                    authentication_type="CUSTOM",
                    custom=CustomAuthCredentials(
                        custom_authentication_type="apikey",
                        credentials_map={
                            "apiKey": os.environ.get("ACME_API_KEY", "not-a-real-key")
                        },
                    ),
                )
            ),
        ),
        update_credentials=False,
    )
    return connector, profile


def main() -> None:
    with LocalAppFlow() as endpoint:
        client = AppFlowClient(
            client=endpoint.client(),  # dummy credentials, 127.0.0.1 only
        )
        with client:
            for run, region in enumerate(["eu", "eu", "us"], start=1):
                connector, profile = deploy(client, region)
                print(
                    f"run {run}: connector {connector.action}, profile {profile.action}"
                    + (f" ({', '.join(profile.changed)})" if profile.changed else "")
                )
            assert (connector.action, profile.action) == ("unchanged", "updated")
            print(f"writes applied: {[e.operation for e in endpoint.effects]}")


if __name__ == "__main__":
    main()
