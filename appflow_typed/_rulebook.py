"""The catalogue of the service's rules that the models check beyond the API reference's
member constraints: what each says, its level and where it comes from.

Errors (``level="error"``) are checked by the models (:mod:`appflow_typed.models._rules`) and
raise :class:`~appflow_typed.ValidationError`: AWS states the rule, or the service was
reported refusing what it forbids. Warnings (``level="warning"``) never block
(:mod:`appflow_typed._lint`): AWS's own words make the combination meaningless or
contradictory, and no refusal is documented. The local endpoint enforces the errors on its
own (:mod:`appflow_typed.testing._validate`), with the service's messages where they are
known.

This module is data only, so that the command line and the documentation can show a rule's
source without loading any model.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

_CREATE_OR_UPDATE_FLOW = ("CreateFlow", "UpdateFlow")
_CREATE_OR_UPDATE_PROFILE = ("CreateConnectorProfile", "UpdateConnectorProfile")


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the service that the models check beyond the member constraints.

    Attributes:
        id: A short stable name, e.g. ``"flow-projection-task"``.
        level: ``"error"`` (the request is refused before sending) or ``"warning"`` (reported,
            never blocks).
        message: What the rule requires, as reported at the offending path.
        source: Where the rule comes from: the AWS documentation's words, or the public
            report of the service refusing it, with the service's message.
        operations: The operations whose requests the rule applies to.
    """

    id: str
    level: Literal["error", "warning"]
    message: str
    source: str
    operations: tuple[str, ...]


def _rules(*rules: Rule) -> Mapping[str, Rule]:
    return MappingProxyType({rule.id: rule for rule in rules})


RULES: Mapping[str, Rule] = _rules(
    # ------------------------------------------------------------------ errors: flows
    Rule(
        id="flow-projection-task",
        level="error",
        message="the tasks need a Filter task with the PROJECTION operator (listing the "
        "source fields to transfer) or a Map_all task",
        source="Service refusal 'Task Validation Error: You must specify a projection task "
        "or a MAP_ALL task' for a flow whose tasks are only Map tasks, from a Salesforce "
        "source (hashicorp/terraform-provider-aws#34482, #34508) and a custom connector "
        "(hashicorp/terraform-provider-awscc#338); the fix (a Filter task with operator "
        "PROJECTION listing the source fields) from aws/aws-cdk#17748 and the "
        "AWS::AppFlow::Flow example template. Not for an S3 source: see "
        "flow-projection-task-s3",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="flow-projection-task-s3",
        level="warning",
        message="the tasks have no Filter task with the PROJECTION operator and no Map_all "
        "task: the service refuses that from other sources, and may from S3",
        source="hashicorp/terraform-provider-aws#29879 (2023-03): the provider's S3-to-S3 "
        "example, whose one task is a Map task, was created by the service; the refusals of "
        "flow-projection-task (2023-11 and later) are for other sources. Unsure, so a warning",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="filter-no-op",
        level="error",
        message="a Filter task cannot use the NO_OP operator",
        source="Service refusal 'Task Validation Error: The operator NO_OP is not valid for "
        "filtering tasks. The task sourceConnectorType is FILTERING and the task operator "
        "is NO_OP': aws/aws-cdk#17748 (comment of 2024-05-02)",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="scheduled-trigger-properties",
        level="error",
        message="a Scheduled trigger needs triggerProperties.Scheduled",
        source="API reference, TriggerConfig.triggerProperties: 'Specifies the configuration "
        "details of a schedule-triggered flow'; service refusal 'TriggerProps is required "
        "for Scheduled Trigger Type.': cdklabs/cdk-appflow#129",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="event-trigger-source",
        level="error",
        message="an Event trigger needs a source application that provides change events; "
        "Amazon S3 does not",
        source="User guide, 'Flow triggers': 'Amazon AppFlow runs event-triggered flows based "
        "on a specified change event in the source application. This option is available "
        "only for SaaS applications that provide change events.'",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="custom-connector-update-id-fields",
        level="error",
        message="idFieldNames needs at least one field when writeOperationType is UPDATE",
        source="Service refusal 'Atleast one field must be specified in idFieldNames for the "
        "UPDATE Operation.' for a CustomConnector (HubSpot) destination: "
        "cdklabs/cdk-appflow#546",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="salesforce-upsert-id-fields",
        level="error",
        message="idFieldNames is required when writeOperationType is UPSERT",
        source="API reference, SalesforceDestinationProperties.writeOperationType: 'When the "
        "value is UPSERT, then idFieldNames is required.'",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="glue-catalog-s3",
        level="error",
        message="metadataCatalogConfig.glueDataCatalog needs an Amazon S3 destination",
        source="User guide, 'Cataloging the data output from an Amazon AppFlow flow': 'To "
        "catalog your data, you create flows that transfer to Amazon S3'",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    # ------------------------------------------------------------------ errors: profiles
    Rule(
        id="redshift-data-api-role",
        level="error",
        message="dataApiRoleArn is required: Amazon AppFlow reaches the database through the "
        "Redshift Data API",
        source="Service refusal 'ConnectorServerException: ... with connector failure "
        "dataApiRoleArn cannot be null or empty' for a Redshift profile without it: "
        "crossplane-contrib/provider-upjet-aws#208; API reference, "
        "RedshiftConnectorProfileProperties.dataApiRoleArn: 'an IAM role that permits "
        "Amazon AppFlow to access your Amazon Redshift database through the Data API'",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="snowflake-password-or-key",
        level="error",
        message="give exactly one of password and privateKey",
        source="API reference, SnowflakeConnectorProfileCredentials.privateKey: 'Provide this "
        "instead of a password when your Snowflake account uses key pair authentication.'",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="salesforce-client-credentials",
        level="error",
        message="oAuth2GrantType CLIENT_CREDENTIALS is not supported for Salesforce",
        source="API reference, SalesforceConnectorProfileCredentials.oAuth2GrantType: 'The "
        "CLIENT_CREDENTIALS value is not supported for Salesforce.'; service refusal "
        "'Validation exception: AuthCode cannot be blank for connector: SALESFORCE': "
        "hashicorp/terraform-provider-aws#43998",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="salesforce-jwt-token",
        level="error",
        message="jwtToken is required when oAuth2GrantType is JWT_BEARER",
        source="API reference, SalesforceConnectorProfileCredentials.oAuth2GrantType: "
        "JWT_BEARER: 'You provide the JWT to Amazon AppFlow when you define the connection'",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    # ------------------------------------------------------------------ warnings: flows
    Rule(
        id="schedule-ends-before-start",
        level="warning",
        message="scheduleEndTime is not after scheduleStartTime: the schedule never runs",
        source="API reference, ScheduledTriggerProperties: scheduleStartTime 'The time at "
        "which the scheduled flow starts', scheduleEndTime 'The time at which the scheduled "
        "flow ends'",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="trigger-properties-unused",
        level="warning",
        message="triggerProperties only apply to a Scheduled trigger",
        source="API reference, TriggerConfig.triggerProperties: 'Currently, these settings "
        "only apply to the Scheduled trigger type.'",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="incremental-pull-unused",
        level="warning",
        message="incrementalPullConfig only applies to a Scheduled trigger with dataPullMode "
        "Incremental",
        source="API reference, SourceFlowConfig.incrementalPullConfig: 'Defines the "
        "configuration for a scheduled incremental data pull.'; incremental pulls are not "
        "supported for on-demand flows: awslabs/aws-appflow-custom-connector-python#14",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="event-trigger-source-unverified",
        level="warning",
        message="an Event trigger needs a source that provides change events; AppFlow "
        "documents them for Salesforce, SAP OData and custom connectors",
        source="User guide, 'Flow triggers': 'This option is available only for SaaS "
        "applications that provide change events. You must choose the event when you "
        "choose the source.'",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="preserve-typing-not-parquet",
        level="warning",
        message="preserveSourceDataTyping only applies to PARQUET output",
        source="API reference, S3OutputFormatConfig.preserveSourceDataTyping: 'If your file "
        "output format is Parquet, use this parameter to set whether Amazon AppFlow "
        "preserves the data types in your source data'",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    Rule(
        id="write-without-id-fields",
        level="warning",
        message="an UPDATE, UPSERT or DELETE write needs idFieldNames to find the records",
        source="API reference, SalesforceDestinationProperties.idFieldNames: 'The name of the "
        "field that Amazon AppFlow uses as an ID when performing a write operation such as "
        "update or delete.' (likewise CustomConnector, SAPOData and Zendesk destinations)",
        operations=_CREATE_OR_UPDATE_FLOW,
    ),
    # ------------------------------------------------------------------ warnings: profiles
    Rule(
        id="redshift-data-api-target",
        level="warning",
        message="the Data API needs the cluster: clusterIdentifier for a provisioned cluster, "
        "workgroupName for Redshift Serverless, and databaseName",
        source="API reference, RedshiftConnectorProfileProperties: clusterIdentifier 'The "
        "unique ID that's assigned to an Amazon Redshift cluster', workgroupName 'The name "
        "of an Amazon Redshift workgroup', isRedshiftServerless 'Indicates whether the "
        "connector profile defines a connection to an Amazon Redshift Serverless data "
        "warehouse', databaseName 'The name of an Amazon Redshift database'",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="sapodata-disable-sso-oauth",
        level="warning",
        message="disableSSO has no effect with OAuth credentials",
        source="API reference, SAPODataConnectorProfileProperties.disableSSO: 'if your "
        "profile uses OAuth credentials, this parameter has no affect.'",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="credentials-missing",
        level="warning",
        message="no credentials to authenticate with",
        source="API reference, SAPODataConnectorProfileCredentials (basicAuthCredentials "
        "'The SAPOData basic authentication credentials', oAuthCredentials 'The SAPOData "
        "OAuth type authentication credentials') and ServiceNowConnectorProfileCredentials "
        "(username and password, or oAuth2Credentials 'The OAuth 2.0 credentials required "
        "to authenticate the user')",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="password-without-username",
        level="warning",
        message="give username and password together",
        source="API reference, RedshiftConnectorProfileCredentials and "
        "ServiceNowConnectorProfileCredentials.password: 'The password that corresponds to "
        "the user name.'",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="oauth-without-token",
        level="warning",
        message="no accessToken and no oAuthRequest: the profile has nothing to obtain an "
        "access token with",
        source="API reference, accessToken 'The credentials used to access protected ... "
        "resources' and oAuthRequest 'The OAuth requirement needed to request security "
        "tokens from the connector endpoint'; service refusal 'Validation exception: "
        "AuthCode cannot be blank for connector: SALESFORCE': "
        "hashicorp/terraform-provider-aws#26396",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="oauth2-refresh-token",
        level="warning",
        message="an OAuth 2.0 access token needs its refreshToken",
        source="API reference, GoogleAnalyticsConnectorProfileCredentials.refreshToken: 'The "
        "credentials used to acquire new access tokens. This is required only for OAuth2 "
        "access tokens, and is not required for OAuth1 access tokens.' (Google Analytics "
        "uses OAuth 2.0)",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
    Rule(
        id="jwt-token-unused",
        level="warning",
        message="jwtToken is only used when oAuth2GrantType is JWT_BEARER",
        source="API reference, SalesforceConnectorProfileCredentials.oAuth2GrantType: "
        "JWT_BEARER 'Amazon AppFlow passes a JSON web token (JWT) when it requests the "
        "access token from Salesforce.'",
        operations=_CREATE_OR_UPDATE_PROFILE,
    ),
)
"""Every rule, by id, errors first."""
