"""Cross-field rules the service model cannot express, each citing its source.

The interpreter (``_interpret.py``) finds ``check_<Shape>`` by name and runs it on every
check of that shape, after the members' own checks, even when some failed, so that every
violation is reported at once. ``invalid`` names the members (wire names) that failed their
own checks: a rule judges only where its inputs are valid, and so does it for a nested
placeholder of an invalid subtree (:func:`~appflow_typed.models._base.is_invalid`), whose
violations are already reported. Each returns the violations found (paths relative to the
shape) or ``None``. Rules the AWS documentation gives only as advice are not enforced.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from appflow_typed._rulebook import RULES
from appflow_typed.errors import Violation
from appflow_typed.models._base import is_invalid, violation
from appflow_typed.models._no_profile import CONNECTORS_WITHOUT_PROFILE as _PROFILELESS_CONNECTORS
from appflow_typed.models._schema import CONNECTOR_TYPE_OF_MEMBER, CUSTOM_AUTH_MEMBERS, WIRE_NAMES


def members_set(obj: Any) -> list[str]:
    """Wire names of the members set on a union ``obj``, in model order."""
    members = vars(obj)  # exactly the members that are set (see union_model)
    return [wire for name, wire in WIRE_NAMES[type(obj).__name__].items() if name in members]


def member_value(obj: Any) -> Any:
    """The value of the one member set on a union ``obj`` (``None`` if not exactly one)."""
    members = vars(obj)
    return next(iter(members.values())) if len(members) == 1 else None


def connector_of(obj: Any) -> str | None:
    """The one member set on a connector union, or ``None`` if not exactly one."""
    members = vars(obj)
    if len(members) != 1:
        return None
    (name,) = members
    return WIRE_NAMES[type(obj).__name__][name]


def _exactly_one_connector(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    if len(vars(obj)) == 1:
        return None
    named = members_set(obj)
    got = f"{len(named)}: {', '.join(named)}" if named else "none"
    return [Violation("", f"expected exactly one connector member, got {got}")]


# API reference, ConnectorProfileProperties: "The connector-specific profile properties
# required by each connector" — one connector per profile.
check_ConnectorProfileProperties = _exactly_one_connector

# API reference, ConnectorProfileCredentials: "The connector-specific credentials required
# by a connector" — the credentials of the profile's one connector.
check_ConnectorProfileCredentials = _exactly_one_connector


# API reference, SourceConnectorProperties: "Specifies the information that is required to
# query a particular connector" — the flow's one source connector.
check_SourceConnectorProperties = _exactly_one_connector

# API reference, DestinationConnectorProperties: "This stores the information that is required
# to query a particular connector" — one destination connector per DestinationFlowConfig.
check_DestinationConnectorProperties = _exactly_one_connector

# API reference, ConnectorOperator: "The operation to be performed on the provided source
# fields", one member per source connector — the operator of the flow's source connector.
check_ConnectorOperator = _exactly_one_connector


def check_ConnectorProfileConfig(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    credentials = obj.connector_profile_credentials
    properties = obj.connector_profile_properties
    if credentials is None or invalid or properties is None:
        return None
    found: list[Violation] | None = None
    # API reference, ConnectorProfileConfig: properties and credentials describe the same
    # connector profile, so they must name the same connector.
    connector = connector_of(properties)
    given = connector_of(credentials)
    if given is not None and connector is not None and given != connector:
        found = violation(
            found,
            "connectorProfileCredentials",
            f"credentials are for {given} but the properties are for {connector}",
        )
    # Reported refusal (crossplane-contrib/provider-upjet-aws#208): a Redshift profile without
    # dataApiRoleArn fails with "ConnectorServerException: ... with connector failure
    # dataApiRoleArn cannot be null or empty", although the model marks it optional.
    redshift = properties.redshift
    if redshift is not None and not is_invalid(redshift) and redshift.data_api_role_arn is None:
        found = violation(
            found,
            "connectorProfileProperties.Redshift.dataApiRoleArn",
            RULES["redshift-data-api-role"].message,
        )
    # API reference, SAPODataConnectorProfileProperties.oAuthProperties: "The SAPOData OAuth
    # properties required for OAuth type authentication."
    if (
        given == "SAPOData"
        and credentials.sapo_data.o_auth_credentials is not None
        and properties.sapo_data is not None
        and properties.sapo_data.o_auth_properties is None
        and not is_invalid(properties.sapo_data)
    ):
        found = violation(
            found,
            "connectorProfileProperties.SAPOData.oAuthProperties",
            "is required when the credentials are oAuthCredentials",
        )
    return found


def check_CreateConnectorProfileRequest(
    obj: Any, invalid: Collection[str]
) -> list[Violation] | None:
    found: list[Violation] | None = None
    type_valid = "connectorType" not in invalid
    # An invalid config (reported at its own path) may lack its properties: no rule then.
    config = None if "connectorProfileConfig" in invalid else obj.connector_profile_config
    properties = None if config is None else config.connector_profile_properties
    member = None if properties is None or not type_valid else connector_of(properties)
    # API reference, CreateConnectorProfile: connectorType is "The type of connector", the one
    # the profile's properties configure. The model spells a few differently from the union
    # members (GoogleAnalytics -> Googleanalytics, ServiceNow -> Servicenow, ...).
    if member is not None and CONNECTOR_TYPE_OF_MEMBER[member] != obj.connector_type:
        found = violation(
            found,
            "connectorType",
            f"expected {CONNECTOR_TYPE_OF_MEMBER[member]!r} to match "
            f"connectorProfileConfig.connectorProfileProperties.{member}",
        )
    # API reference, CreateConnectorProfile.connectorLabel: "Only needed if calling for
    # CUSTOMCONNECTOR connector type" — and needed then.
    if type_valid and obj.connector_type == "CustomConnector" and obj.connector_label is None:
        found = violation(
            found, "connectorLabel", "is required when connectorType is CustomConnector"
        )
    return found


def check_DescribeConnectorRequest(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    # API reference, DescribeConnector.connectorLabel: "Only needed if calling for
    # CUSTOMCONNECTOR connector type" — and needed then.
    if (
        obj.connector_type == "CustomConnector"
        and obj.connector_label is None
        and "connectorType" not in invalid
    ):
        return [Violation("connectorLabel", "is required when connectorType is CustomConnector")]
    return None


def check_CustomConnectorProfileCredentials(
    obj: Any, invalid: Collection[str]
) -> list[Violation] | None:
    # API reference, CustomConnectorProfileCredentials: authenticationType selects which of
    # basic / oauth2 / apiKey / custom holds the credentials.
    if "authenticationType" in invalid:
        return None
    expected = CUSTOM_AUTH_MEMBERS[obj.authentication_type]
    blocks = [m for m in members_set(obj) if m != "authenticationType"]
    if blocks == [expected]:
        return None
    found: list[Violation] = []
    if expected not in blocks:
        found.append(
            Violation(expected, f"is required when authenticationType is {obj.authentication_type}")
        )
    found.extend(
        Violation(other, f"must not be set when authenticationType is {obj.authentication_type}")
        for other in blocks
        if other != expected
    )
    return found


def check_SalesforceConnectorProfileCredentials(
    obj: Any, invalid: Collection[str]
) -> list[Violation] | None:
    # API reference, SalesforceConnectorProfileCredentials.oAuth2GrantType: "The
    # CLIENT_CREDENTIALS value is not supported for Salesforce." With JWT_BEARER, "You provide
    # the JWT to Amazon AppFlow when you define the connection".
    grant = None if "oAuth2GrantType" in invalid else obj.o_auth2_grant_type
    if grant == "CLIENT_CREDENTIALS":
        return [Violation("oAuth2GrantType", "CLIENT_CREDENTIALS is not supported for Salesforce")]
    if grant == "JWT_BEARER" and obj.jwt_token is None:
        return [Violation("jwtToken", "is required when oAuth2GrantType is JWT_BEARER")]
    return None


def check_SnowflakeConnectorProfileCredentials(
    obj: Any, invalid: Collection[str]
) -> list[Violation] | None:
    # API reference, SnowflakeConnectorProfileCredentials.privateKey: "Provide this instead of
    # a password when your Snowflake account uses key pair authentication." — one of the two.
    if obj.password is not None and obj.private_key is not None:
        return [Violation("privateKey", "give either password or privateKey, not both")]
    if obj.password is None and obj.private_key is None and not invalid:
        return [Violation("password", RULES["snowflake-password-or-key"].message)]
    return None


def check_RegisterConnectorRequest(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    # API reference, RegisterConnector: connectorProvisioningConfig holds the configuration of
    # the provisioning type; for LAMBDA (the only one) that is the Lambda function.
    if "connectorProvisioningConfig" in invalid:
        return None
    config = obj.connector_provisioning_config
    if obj.connector_provisioning_type == "LAMBDA" and (
        config is None or (config.lambda_ is None and not is_invalid(config))
    ):
        return [
            Violation(
                "connectorProvisioningConfig.lambda",
                "is required when connectorProvisioningType is LAMBDA",
            )
        ]
    return None


# --------------------------------------------------------------------------- flows


def _connector_matches(
    obj: Any, properties: Any, member: str, invalid: Collection[str]
) -> list[Violation] | None:
    """``connectorType`` of a source or destination names the connector its properties hold."""
    if "connectorType" in invalid or member in invalid or is_invalid(properties):
        return None
    given = None if properties is None else connector_of(properties)
    if given is None or CONNECTOR_TYPE_OF_MEMBER[given] == obj.connector_type:
        return None
    return [
        Violation(
            "connectorType",
            f"expected {CONNECTOR_TYPE_OF_MEMBER[given]!r} to match {member}.{given}",
        )
    ]


def check_SourceFlowConfig(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    # API reference, SourceFlowConfig: connectorType is "The type of connector, such as
    # Salesforce, Amplitude, and so on"; sourceConnectorProperties "Specifies the information
    # that is required to query a particular source connector" — that same connector.
    return _connector_matches(
        obj, obj.source_connector_properties, "sourceConnectorProperties", invalid
    )


def check_DestinationFlowConfig(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    # API reference, DestinationFlowConfig: connectorType is "The type of connector";
    # destinationConnectorProperties "This stores the information that is required to query a
    # particular connector" — that same connector.
    return _connector_matches(
        obj, obj.destination_connector_properties, "destinationConnectorProperties", invalid
    )


def check_TriggerConfig(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    # API reference, TriggerConfig.triggerProperties: "Specifies the configuration details of a
    # schedule-triggered flow as defined by the user"; ScheduledTriggerProperties requires its
    # scheduleExpression, "The scheduling expression that determines the rate at which the
    # schedule will run": a Scheduled trigger has no schedule without them.
    if "triggerType" in invalid or "triggerProperties" in invalid:
        return None
    # Reported refusal: "TriggerProps is required for Scheduled Trigger Type."
    # (cdklabs/cdk-appflow#129).
    if obj.trigger_type == "Scheduled" and (
        obj.trigger_properties is None or obj.trigger_properties.scheduled is None
    ):
        return [
            Violation("triggerProperties.Scheduled", "is required when triggerType is Scheduled")
        ]
    return None


def check_SalesforceDestinationProperties(
    obj: Any, invalid: Collection[str]
) -> list[Violation] | None:
    # API reference, SalesforceDestinationProperties.writeOperationType: "When the value is
    # UPSERT, then idFieldNames is required."
    if "writeOperationType" in invalid or "idFieldNames" in invalid:
        return None
    if obj.write_operation_type == "UPSERT" and not obj.id_field_names:
        return [Violation("idFieldNames", "is required when writeOperationType is UPSERT")]
    return None


def _check_flow(obj: Any, invalid: Collection[str]) -> list[Violation] | None:
    found: list[Violation] | None = None
    destinations_valid = "destinationFlowConfigList" not in invalid
    destinations = obj.destination_flow_config_list if destinations_valid else ()
    # API reference, CreateFlow: "you can only transfer data to one item in this list at a
    # time. Amazon AppFlow does not currently support flows to multiple destinations at once."
    if destinations_valid and len(destinations) != 1:
        found = violation(
            found,
            "destinationFlowConfigList",
            f"expected exactly one destination, got {len(destinations)}",
        )
    # API reference, ConnectorOperator: "The operation to be performed on the provided source
    # fields", one member per source connector: a task's operator is the source connector's.
    # The source connector is the one its properties hold (a connectorType that disagrees is
    # reported at its own path; so is a source config without exactly one connector).
    source_config = None if "sourceFlowConfig" in invalid else obj.source_flow_config
    properties = (
        None
        if source_config is None or is_invalid(source_config)
        else source_config.source_connector_properties
    )
    source = None if properties is None or is_invalid(properties) else connector_of(properties)
    tasks = () if source is None or "tasks" in invalid else obj.tasks
    for i, task in enumerate(tasks):
        if is_invalid(task):
            continue
        operator = task.connector_operator
        named = None if operator is None else connector_of(operator)
        if named is not None and named != source:
            found = violation(
                found,
                f"tasks[{i}].connectorOperator",
                f"names {named} but the flow's source connector is {source}",
            )
    found = _check_tasks(obj, invalid, found)
    found = _check_event_source(obj, invalid, source, found)
    for i, destination in enumerate(destinations):
        found = _check_destination_ids(destination, i, found)
    # User guide, "Cataloging the data output from an Amazon AppFlow flow": "To catalog your
    # data, you create flows that transfer to Amazon S3".
    catalog = None if "metadataCatalogConfig" in invalid else obj.metadata_catalog_config
    if (
        destinations_valid
        and not any(is_invalid(d) for d in destinations)  # each reported at its own path
        and catalog is not None
        and not is_invalid(catalog)
        and catalog.glue_data_catalog is not None
        and any(d.connector_type != "S3" for d in destinations)
    ):
        found = violation(
            found,
            "metadataCatalogConfig.glueDataCatalog",
            "is only supported when the destination is S3",
        )
    return found


def _check_tasks(
    obj: Any, invalid: Collection[str], found: list[Violation] | None
) -> list[Violation] | None:
    tasks = () if "tasks" in invalid else obj.tasks
    if any(
        is_invalid(task)
        or (task.connector_operator is not None and is_invalid(task.connector_operator))
        for task in tasks
    ):
        return found  # each reported at its own path; what the tasks do is not known
    projected = False
    for i, task in enumerate(tasks):
        if task.connector_operator is not None and len(vars(task.connector_operator)) != 1:
            return found  # reported at its own path; what the task does is not known
        operator = (
            None if task.connector_operator is None else member_value(task.connector_operator)
        )
        if task.task_type == "Map_all" or (task.task_type == "Filter" and operator == "PROJECTION"):
            projected = True
        # Reported refusal (aws/aws-cdk#17748, 2024-05-02): "Task Validation Error: The
        # operator NO_OP is not valid for filtering tasks. The task sourceConnectorType is
        # FILTERING and the task operator is NO_OP".
        if task.task_type == "Filter" and operator == "NO_OP":
            found = violation(found, f"tasks[{i}].connectorOperator", RULES["filter-no-op"].message)
    # Reported refusal (hashicorp/terraform-provider-aws#34482, #34508,
    # hashicorp/terraform-provider-awscc#338): "Task Validation Error: You must specify a
    # projection task or a MAP_ALL task" for a flow whose tasks are only Map tasks, from a
    # Salesforce or custom-connector source. An S3 source's such flow was created
    # (hashicorp/terraform-provider-aws#29879): a warning there (flow-projection-task-s3).
    source = obj.source_flow_config
    from_s3 = source is not None and not is_invalid(source) and source.connector_type == "S3"
    if "tasks" not in invalid and not projected and not from_s3:
        found = violation(found, "tasks", RULES["flow-projection-task"].message)
    return found


def _check_event_source(
    obj: Any, invalid: Collection[str], source: str | None, found: list[Violation] | None
) -> list[Violation] | None:
    # User guide, "Flow triggers": event-triggered flows are "available only for SaaS
    # applications that provide change events" — Amazon S3 is a storage service, not one.
    trigger = None if "triggerConfig" in invalid else obj.trigger_config
    if (
        trigger is not None
        and not is_invalid(trigger)
        and trigger.trigger_type == "Event"
        and source == "S3"
    ):
        found = violation(found, "triggerConfig.triggerType", RULES["event-trigger-source"].message)
    return found


def _check_destination_ids(
    destination: Any, i: int, found: list[Violation] | None
) -> list[Violation] | None:
    # Reported refusal (cdklabs/cdk-appflow#546): "Atleast one field must be specified in
    # idFieldNames for the UPDATE Operation." for a CustomConnector destination.
    if is_invalid(destination):
        return found  # reported at its own path
    properties = destination.destination_connector_properties
    if properties is None or is_invalid(properties):
        return found
    custom = properties.custom_connector
    if (
        custom is not None
        and not is_invalid(custom)
        and custom.write_operation_type == "UPDATE"
        and not custom.id_field_names
    ):
        found = violation(
            found,
            f"destinationFlowConfigList[{i}].destinationConnectorProperties.CustomConnector"
            ".idFieldNames",
            RULES["custom-connector-update-id-fields"].message,
        )
    return found


check_CreateFlowRequest = _check_flow
check_UpdateFlowRequest = _check_flow

def check_ResetConnectorMetadataCacheRequest(
    obj: Any, invalid: Collection[str]
) -> list[Violation] | None:
    if "connectorProfileName" in invalid or "connectorType" in invalid:
        return None
    if obj.connector_profile_name is not None:
        return None
    if obj.connector_type is None:
        return [
            Violation(
                "connectorProfileName",
                "give a connectorProfileName, or a connectorType that needs none "
                "(CustomerProfiles, EventBridge, LookoutMetrics, S3, Upsolver)",
            )
        ]
    if obj.connector_type not in _PROFILELESS_CONNECTORS:
        return [
            Violation(
                "connectorProfileName",
                f"is required when connectorType is {obj.connector_type}",
            )
        ]
    return None
