"""pydantic v2 models of the benchmark's representative requests: the comparison baseline.

Benchmark-only (pydantic is not a dependency of appflow-typed). Each model carries the same
per-member constraints as botocore's appflow model and the generated attrs models: lengths,
whole-string patterns, enums as ``Literal``, map and list sizes, wire names as aliases,
unknown keys forbidden, strict types. Only the connectors the benchmark uses (SAP OData,
Salesforce, custom connectors) are modelled, and the cross-field rules that the attrs models
also check (one connector per profile, credentials matching the grant type...) are not:
the pydantic side does somewhat less work.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


def _s(pattern: str, max_length: int, min_length: int = 0) -> object:
    """A string constraint: length bounds and a whole-string pattern."""
    return StringConstraints(
        min_length=min_length or None, max_length=max_length, pattern=f"^(?:{pattern})$"
    )


ARN = Annotated[str, _s(r"arn:aws:.*:.*:[0-9]+:.*", 512)]
ClientToken = Annotated[str, _s(r"[ -~]+", 256, 1)]
ConnectorLabel = Annotated[str, _s(r"[a-zA-Z0-9][\w!@#.-]+", 256)]
Description = Annotated[str, _s(r"[\s\w/!@#+=.-]*", 1024)]
ConnectorProfileName = Annotated[str, _s(r"[\w/!@#+=.-]+", 256)]
KMSArn = Annotated[str, _s(r"arn:aws:kms:.*:[0-9]+:.*", 2048, 20)]
Url = Annotated[str, _s(r"(https?)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]", 256)]
InstanceUrl = Annotated[str, _s(r"\S+", 256)]
ApplicationServicePath = Annotated[str, _s(r"\S+", 512)]
ClientNumber = Annotated[str, _s(r"\d{3}", 3, 3)]
LogonLanguage = Annotated[str, _s(r"[a-zA-Z0-9_]*", 2)]
PrivateLinkServiceName = Annotated[str, _s(r"|com.amazonaws.vpce.[\w/!:@#.\-]+", 512)]
PortNumber = Annotated[int, Field(ge=1, le=65535)]
OAuthScope = Annotated[str, _s(r"\S+", 128)]
ClientId = Annotated[str, _s(r"\S+", 512)]
ClientSecret = Annotated[str, _s(r"\S+", 512)]
AccessToken = Annotated[str, _s(r"\S+", 4096)]
Username = Annotated[str, _s(r"\S+", 512)]
Password = Annotated[str, _s(r".*", 512)]
AuthCode = Annotated[str, _s(r"\S+", 4096)]
RedirectUri = Annotated[str, _s(r"\S+", 512)]
CodeVerifier = Annotated[str, _s(r"[A-Za-z0-9\-._~]+", 128, 43)]
ClientCredentialsArn = Annotated[str, _s(r"arn:aws:secretsmanager:.*:[0-9]+:.*", 2048, 20)]
JwtToken = Annotated[str, _s(r"([a-zA-Z0-9_=]+)\.([a-zA-Z0-9_=]+)\.([a-zA-Z0-9_\-\+\/=]*)", 8000)]
PropertyKey = Annotated[str, _s(r"[\w]+", 128, 1)]
PropertyValue = Annotated[str, _s(r"\S+", 2048)]
PropertyMap = Annotated[dict[PropertyKey, PropertyValue], Field(max_length=50)]
ApiKey = Annotated[str, _s(r"\S+", 256)]
CustomAuthenticationType = Annotated[str, _s(r"\S+", 256)]
OAuth2GrantType = Literal["CLIENT_CREDENTIALS", "AUTHORIZATION_CODE", "JWT_BEARER"]
ConnectionMode = Literal["Public", "Private"]
ConnectorType = Literal[
    "Salesforce", "Singular", "Slack", "Redshift", "S3", "Marketo", "Googleanalytics",
    "Zendesk", "Servicenow", "Datadog", "Trendmicro", "Snowflake", "Dynatrace", "Infornexus",
    "Amplitude", "Veeva", "EventBridge", "LookoutMetrics", "Upsolver", "Honeycode",
    "CustomerProfiles", "SAPOData", "CustomConnector", "Pardot",
]  # fmt: skip


# Wire names that are not the camelCase of the field name: data, in one table.
_IRREGULAR = {
    "lambda_": "lambda",
    "salesforce": "Salesforce",
    "sapo_data": "SAPOData",
    "custom_connector": "CustomConnector",
    "disable_sso": "disableSSO",
}


def wire_name(field: str) -> str:
    """The AWS member name of a field (its alias: read from and written to the wire)."""
    if field in _IRREGULAR:
        return _IRREGULAR[field]
    head, *rest = field.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class _Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=wire_name,
        extra="forbid",
        strict=True,
        frozen=True,
        validate_by_name=True,
        validate_by_alias=True,
    )


class LambdaConnectorProvisioningConfig(_Model):
    lambda_arn: ARN


class ConnectorProvisioningConfig(_Model):
    lambda_: LambdaConnectorProvisioningConfig | None = None


class RegisterConnectorRequest(_Model):
    connector_label: ConnectorLabel | None = None
    description: Description | None = None
    connector_provisioning_type: Literal["LAMBDA"] | None = None
    connector_provisioning_config: ConnectorProvisioningConfig | None = None
    client_token: ClientToken | None = None


class ConnectorOAuthRequest(_Model):
    auth_code: AuthCode | None = None
    redirect_uri: RedirectUri | None = None
    code_verifier: CodeVerifier | None = None


class OAuthProperties(_Model):
    token_url: Url
    auth_code_url: Url
    o_auth_scopes: list[OAuthScope]


class SAPODataConnectorProfileProperties(_Model):
    application_host_url: Url
    application_service_path: ApplicationServicePath
    port_number: PortNumber
    client_number: ClientNumber
    logon_language: LogonLanguage | None = None
    private_link_service_name: PrivateLinkServiceName | None = None
    o_auth_properties: OAuthProperties | None = None
    disable_sso: bool | None = None


class SalesforceConnectorProfileProperties(_Model):
    instance_url: InstanceUrl | None = None
    is_sandbox_environment: bool | None = None
    use_private_link_for_metadata_and_authorization: bool | None = None


class OAuth2Properties(_Model):
    token_url: Url
    o_auth2_grant_type: OAuth2GrantType
    token_url_custom_properties: PropertyMap | None = None


class CustomConnectorProfileProperties(_Model):
    profile_properties: PropertyMap | None = None
    o_auth2_properties: OAuth2Properties | None = None


class ConnectorProfileProperties(_Model):
    salesforce: SalesforceConnectorProfileProperties | None = None
    sapo_data: SAPODataConnectorProfileProperties | None = None
    custom_connector: CustomConnectorProfileProperties | None = None


class BasicAuthCredentials(_Model):
    username: Username
    password: Password


class OAuthCredentials(_Model):
    client_id: ClientId
    client_secret: ClientSecret
    access_token: AccessToken | None = None
    refresh_token: AccessToken | None = None
    o_auth_request: ConnectorOAuthRequest | None = None


class OAuth2Credentials(_Model):
    client_id: ClientId | None = None
    client_secret: ClientSecret | None = None
    access_token: AccessToken | None = None
    refresh_token: AccessToken | None = None
    o_auth_request: ConnectorOAuthRequest | None = None


class SAPODataConnectorProfileCredentials(_Model):
    basic_auth_credentials: BasicAuthCredentials | None = None
    o_auth_credentials: OAuthCredentials | None = None


class SalesforceConnectorProfileCredentials(_Model):
    access_token: AccessToken | None = None
    refresh_token: AccessToken | None = None
    o_auth_request: ConnectorOAuthRequest | None = None
    client_credentials_arn: ClientCredentialsArn | None = None
    o_auth2_grant_type: OAuth2GrantType | None = None
    jwt_token: JwtToken | None = None


class ApiKeyCredentials(_Model):
    api_key: ApiKey
    api_secret_key: ApiKey | None = None


class CustomAuthCredentials(_Model):
    custom_authentication_type: CustomAuthenticationType
    credentials_map: PropertyMap | None = None


class CustomConnectorProfileCredentials(_Model):
    authentication_type: Literal["OAUTH2", "APIKEY", "BASIC", "CUSTOM"]
    basic: BasicAuthCredentials | None = None
    oauth2: OAuth2Credentials | None = None
    api_key: ApiKeyCredentials | None = None
    custom: CustomAuthCredentials | None = None


class ConnectorProfileCredentials(_Model):
    salesforce: SalesforceConnectorProfileCredentials | None = None
    sapo_data: SAPODataConnectorProfileCredentials | None = None
    custom_connector: CustomConnectorProfileCredentials | None = None


class ConnectorProfileConfig(_Model):
    connector_profile_properties: ConnectorProfileProperties
    connector_profile_credentials: ConnectorProfileCredentials | None = None


class CreateConnectorProfileRequest(_Model):
    connector_profile_name: ConnectorProfileName
    kms_arn: KMSArn | None = None
    connector_type: ConnectorType
    connector_label: ConnectorLabel | None = None
    connection_mode: ConnectionMode
    connector_profile_config: ConnectorProfileConfig
    client_token: ClientToken | None = None


class UpdateConnectorProfileRequest(_Model):
    connector_profile_name: ConnectorProfileName
    connection_mode: ConnectionMode
    connector_profile_config: ConnectorProfileConfig
    client_token: ClientToken | None = None
