"""Build UpdateConnectorProfile requests with the typed models, offline.

Builds requests for two connectors in code (SAP OData with OAuth, Salesforce with a JWT),
loads a third from AWS-shaped JSON (the form of ``aws appflow update-connector-profile
--cli-input-json``), shows a request that fails local validation, and prints them all:
credentials are redacted in every ``repr``. Needs no AWS account and no network.

Run: python examples/build_profiles.py
"""

from __future__ import annotations

import json
from pathlib import Path

from appflow_typed import UpdateConnectorProfileRequest, ValidationError, from_boto, to_boto
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    OAuthCredentials,
    OAuthProperties,
    SalesforceConnectorProfileCredentials,
    SalesforceConnectorProfileProperties,
    SAPODataConnectorProfileCredentials,
    SAPODataConnectorProfileProperties,
)

DATA = Path(__file__).parent / "data"


def sap_odata_profile() -> UpdateConnectorProfileRequest:
    """An SAP OData profile using OAuth (which requires oAuthProperties)."""
    return UpdateConnectorProfileRequest(
        connector_profile_name="sap-odata-prod",
        connection_mode="Private",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                sapo_data=SAPODataConnectorProfileProperties(
                    application_host_url="https://sap.example.com",
                    application_service_path="/sap/opu/odata/sap/API_SALES_ORDER_SRV",
                    port_number=443,
                    client_number="100",
                    logon_language="EN",
                    o_auth_properties=OAuthProperties(
                        token_url="https://sap.example.com/sap/bc/sec/oauth2/token",
                        auth_code_url="https://sap.example.com/sap/bc/sec/oauth2/authorize",
                        o_auth_scopes=["API_SALES_ORDER_SRV_0001"],
                    ),
                )
            ),
            connector_profile_credentials=ConnectorProfileCredentials(
                sapo_data=SAPODataConnectorProfileCredentials(
                    o_auth_credentials=OAuthCredentials(
                        client_id="appflow-client",
                        client_secret="example-client-secret-not-real",
                        refresh_token="example-refresh-token-not-real",
                    )
                )
            ),
        ),
    )


def salesforce_profile() -> UpdateConnectorProfileRequest:
    """A Salesforce profile using the JWT bearer grant (which requires jwtToken)."""
    return UpdateConnectorProfileRequest(
        connector_profile_name="salesforce-crm",
        connection_mode="Public",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                salesforce=SalesforceConnectorProfileProperties(
                    instance_url="https://example.my.salesforce.com",
                    is_sandbox_environment=False,
                )
            ),
            connector_profile_credentials=ConnectorProfileCredentials(
                salesforce=SalesforceConnectorProfileCredentials(
                    o_auth2_grant_type="JWT_BEARER",
                    jwt_token="eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJleGFtcGxlIn0.c2lnbmF0dXJl",
                )
            ),
        ),
    )


def main() -> None:
    requests = [sap_odata_profile(), salesforce_profile()]
    loaded = json.loads((DATA / "snowflake_profile.json").read_text())
    snowflake = from_boto(UpdateConnectorProfileRequest, loaded)
    assert to_boto(snowflake) == loaded  # exactly the AWS shape back
    requests.append(snowflake)

    for request in requests:
        print(request)
        print()

    # Local validation: every violation, with its API path, before anything is sent.
    broken = json.loads(json.dumps(loaded))
    snowflake_properties = broken["connectorProfileConfig"]["connectorProfileProperties"][
        "Snowflake"
    ]
    snowflake_properties["bucketName"] = "ab"  # too short
    snowflake_properties["warehose"] = "typo"  # unknown member
    broken["connectionMode"] = "public"  # not an enum value
    try:
        from_boto(UpdateConnectorProfileRequest, broken)
    except ValidationError as error:
        print(error)


if __name__ == "__main__":
    main()
