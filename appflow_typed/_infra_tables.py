"""How infrastructure code's AppFlow resources become the API requests their deployment sends.

Data only; :mod:`appflow_typed._infra` walks it. The general rule, then its exceptions:

- **Names.** A property or attribute is the API member whose name is the same once case and
  underscores are dropped (:func:`appflow_typed._infra.fold`): CloudFormation's
  ``ConnectorProfileName``, Terraform's ``connector_profile_name`` and awscc's
  ``connector_profile_name`` are all the API's ``connectorProfileName``. This holds for every
  property of the three CloudFormation resource schemas and every attribute and block of the
  two Terraform resources except those in :data:`RENAMES`, :data:`WRAPPED` and
  :data:`IAC_ONLY` below (checked member by member against the schemas cited there).
- **Shapes.** CloudFormation's lists of ``{Key, Value}`` (``Tags``, ``TaskProperties``)
  are the API's maps. Terraform's nested blocks are lists (``task[1]``,
  ``connector_operator[0]``): a block where the API has one structure holds at most one item
  (``MaxItems: 1`` in the provider's schema), and an empty list is an absent member.
- **Terraform's empty values.** The provider's ``expand*`` functions send no member for an
  empty string or a zero number (``if v, ok := tfMap["object"].(string); ok && v != ""``,
  ``... .(int); ok && v != 0``; hashicorp/terraform-provider-aws
  ``internal/service/appflow/flow.go`` and ``connector_profile.go``), and a plan shows an
  unset attribute as ``null``, ``""`` or ``0``: all are absent.

Sources:

- CloudFormation: the resource provider schemas of ``AWS::AppFlow::Flow``,
  ``AWS::AppFlow::ConnectorProfile`` and ``AWS::AppFlow::Connector`` (CloudFormation User
  Guide, "Resource type schemas"; also in aws-cloudformation/cfn-lint
  ``src/cfnlint/data/schemas/providers/us_east_1/aws-appflow-*.json``).
- awscc (hashicorp/terraform-provider-awscc): generated from those same schemas, names in
  snake case, nested attributes as objects; ``awscc_appflow_*`` read as CloudFormation.
- Terraform: hashicorp/terraform-provider-aws 5.100.0's schema
  (``terraform providers schema -json``) and its ``internal/service/appflow/flow.go`` and
  ``connector_profile.go``; the provider has no resource that registers a connector.
"""

from __future__ import annotations

from typing import Final, Literal

Dialect = Literal["cloudformation", "terraform"]

RESOURCE_TYPES: Final[dict[str, tuple[Dialect, str]]] = {
    # CloudFormation resource type -> (dialect, the API operation its creation calls):
    # the schemas' handlers.create.permissions (appflow:CreateFlow, ...)
    "AWS::AppFlow::Flow": ("cloudformation", "CreateFlow"),
    "AWS::AppFlow::ConnectorProfile": ("cloudformation", "CreateConnectorProfile"),
    "AWS::AppFlow::Connector": ("cloudformation", "RegisterConnector"),
    # Terraform: resourceFlowCreate calls CreateFlow, resourceConnectorProfileCreate
    # CreateConnectorProfile (flow.go, connector_profile.go)
    "aws_appflow_flow": ("terraform", "CreateFlow"),
    "aws_appflow_connector_profile": ("terraform", "CreateConnectorProfile"),
    # awscc: the CloudFormation schemas through Cloud Control
    "awscc_appflow_flow": ("cloudformation", "CreateFlow"),
    "awscc_appflow_connector_profile": ("cloudformation", "CreateConnectorProfile"),
    "awscc_appflow_connector": ("cloudformation", "RegisterConnector"),
}

RENAMES: Final[dict[tuple[Dialect, str, str], str]] = {
    # (dialect, API structure, source name) -> API member
    # CloudFormation AWS::AppFlow::Flow ErrorHandlingConfig.FailOnFirstError
    **{
        ("cloudformation", "ErrorHandlingConfig", "FailOnFirstError"): (
            "failOnFirstDestinationError"
        )
    },
    # CloudFormation AWS::AppFlow::ConnectorProfile: the OAuth connectors' credentials
    # (GoogleAnalytics, Marketo, Pardot, Salesforce, Slack, Zendesk, SAPOData's
    # OAuthCredentials) name oAuthRequest "ConnectorOAuthRequest"
    **{
        ("cloudformation", shape, "ConnectorOAuthRequest"): "oAuthRequest"
        for shape in (
            "GoogleAnalyticsConnectorProfileCredentials",
            "MarketoConnectorProfileCredentials",
            "PardotConnectorProfileCredentials",
            "SalesforceConnectorProfileCredentials",
            "SlackConnectorProfileCredentials",
            "ZendeskConnectorProfileCredentials",
            "OAuthCredentials",
        )
    },
    # Terraform aws_appflow_flow: name, destination_flow_config (a list block), task (a set)
    ("terraform", "CreateFlowRequest", "name"): "flowName",
    ("terraform", "CreateFlowRequest", "destination_flow_config"): "destinationFlowConfigList",
    ("terraform", "CreateFlowRequest", "task"): "tasks",
    # Terraform prefix_config.prefix_hierarchy (website/docs/r/appflow_flow.html.markdown,
    # "Prefix Config")
    ("terraform", "PrefixConfig", "prefix_hierarchy"): "pathPrefixHierarchy",
    # Terraform aws_appflow_connector_profile: name
    ("terraform", "CreateConnectorProfileRequest", "name"): "connectorProfileName",
}

WRAPPED: Final[dict[tuple[Dialect, str, str], tuple[str, str]]] = {
    # (dialect, API structure, source name) -> (API member, the member within it)
    # CloudFormation's TriggerConfig.TriggerProperties is ScheduledTriggerProperties itself;
    # the API's triggerProperties is a structure whose one member is Scheduled
    ("cloudformation", "TriggerConfig", "TriggerProperties"): ("triggerProperties", "Scheduled"),
}

IAC_ONLY: Final[dict[tuple[Dialect, str], frozenset[str]]] = {
    # (dialect, API structure) -> the source names of the members that the infrastructure code
    # knows and the request does not carry (read-only, computed, or handled apart)
    # CloudFormation readOnlyProperties (FlowArn, ConnectorProfileArn, CredentialsArn,
    # ConnectorArn); FlowStatus (Active/Suspended/Draft: the handler starts or stops the
    # flow after creating it); awscc's id
    ("cloudformation", "CreateFlowRequest"): frozenset({"FlowArn", "FlowStatus", "id"}),
    ("cloudformation", "CreateConnectorProfileRequest"): frozenset(
        {"ConnectorProfileArn", "CredentialsArn", "id"}
    ),
    ("cloudformation", "RegisterConnectorRequest"): frozenset({"ConnectorArn", "id"}),
    # LookoutMetricsDestinationProperties.Object is in the CloudFormation schema; the API's
    # LookoutMetricsDestinationProperties has no member
    ("cloudformation", "LookoutMetricsDestinationProperties"): frozenset({"Object"}),
    # Terraform computed attributes: arn, id, tags_all, flow_status, credentials_arn; region
    # (provider 6.x, the region the call is sent to)
    ("terraform", "CreateFlowRequest"): frozenset(
        {"arn", "id", "tags_all", "flow_status", "region"}
    ),
    ("terraform", "CreateConnectorProfileRequest"): frozenset(
        {"arn", "id", "credentials_arn", "region"}
    ),
    # Terraform sapo_data.parallelism_config.max_page_size is in the provider's schema;
    # expandSAPODataParallelismConfigProperties reads only max_parallelism
    ("terraform", "SAPODataParallelismConfig"): frozenset({"max_page_size"}),
}

KEY_VALUE_LISTS: Final = ("key", "value")
"""The folded member names of a CloudFormation/awscc ``{Key, Value}`` item of a list that is
an API map (``Tags``, ``TaskProperties``)."""

CREDENTIALS_MEMBER: Final = "connectorProfileCredentials"
"""The API member under which every credential of a request lives: an unknown member's
name there is never shown (``password:Hunter2`` is a key to YAML)."""
