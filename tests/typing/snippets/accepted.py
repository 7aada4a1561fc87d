"""Correct use that mypy --strict must accept, with the types it must infer."""

from typing import Any, Literal

from typing_extensions import assert_type

from appflow_typed import from_boto, to_boto
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    CreateConnectorProfileRequest,
    CustomConnectorProfileCredentials,
    CustomConnectorProfileProperties,
    GoogleAnalyticsConnectorProfileCredentials,
    GoogleAnalyticsConnectorProfileProperties,
    OAuth2Credentials,
    SalesforceConnectorProfileCredentials,
    SalesforceConnectorProfileProperties,
    UpdateConnectorProfileRequest,
)

config = ConnectorProfileConfig(
    connector_profile_properties=ConnectorProfileProperties(
        salesforce=SalesforceConnectorProfileProperties(instance_url="https://x.my.salesforce.com")
    ),
    connector_profile_credentials=ConnectorProfileCredentials(
        salesforce=SalesforceConnectorProfileCredentials(
            o_auth2_grant_type="JWT_BEARER", jwt_token="a.b.c"
        )
    ),
)
assert_type(config, ConnectorProfileConfig[Literal["Salesforce"]])  # inferred from its members
request = CreateConnectorProfileRequest(
    connector_profile_name="sf",
    connector_type="Salesforce",
    connection_mode="Public",
    connector_profile_config=config,
)
google = CreateConnectorProfileRequest(
    connector_profile_name="ga",
    connector_type="Googleanalytics",  # the model's spelling of the GoogleAnalytics member
    connection_mode="Private",
    connector_profile_config=ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            google_analytics=GoogleAnalyticsConnectorProfileProperties()
        ),
        connector_profile_credentials=ConnectorProfileCredentials(
            google_analytics=GoogleAnalyticsConnectorProfileCredentials(
                client_id="id", client_secret="s"
            )
        ),
    ),
)
custom = CustomConnectorProfileCredentials(
    authentication_type="OAUTH2", oauth2=OAuth2Credentials(client_id="id")
)
update = UpdateConnectorProfileRequest(
    connector_profile_name="c",
    connection_mode="Public",
    connector_profile_config=ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            custom_connector=CustomConnectorProfileProperties(profile_properties={"k": "v"})
        ),
        connector_profile_credentials=ConnectorProfileCredentials(
            custom_connector=custom
        ),
    ),
)
payload: dict[str, Any] = to_boto(update)
again = from_boto(UpdateConnectorProfileRequest, payload)
assert_type(again, UpdateConnectorProfileRequest)
assert_type(request, CreateConnectorProfileRequest[Literal["Salesforce"]])
assert_type(google, CreateConnectorProfileRequest[Literal["Googleanalytics"]])

# flows: the source and destination are generic in their connector
from appflow_typed.models import (  # noqa: E402
    ConnectorOperator,
    S3SourceProperties,
    SalesforceSourceProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
)

source = SourceFlowConfig(
    connector_type="Salesforce",
    connector_profile_name="crm",
    source_connector_properties=SourceConnectorProperties(
        salesforce=SalesforceSourceProperties(object="Order")
    ),
)
assert_type(source, SourceFlowConfig[Literal["Salesforce"]])
assert_type(ConnectorOperator(s3="NO_OP"), ConnectorOperator[Literal["S3"]])
assert_type(
    SourceConnectorProperties(s3=S3SourceProperties(bucket_name="b")),
    SourceConnectorProperties[Literal["S3"]],
)
