"""Cross-field rules the service model cannot express, each citing its source.

The generator wires ``check_<Shape>`` into the generated ``__init__`` of that shape; it
runs after the members' own checks, even when some failed, so that every violation is reported
at once. ``invalid`` names the members (wire names) that failed their own checks: a rule judges
only where its inputs are valid, and so does it for a nested placeholder of an invalid subtree
(:func:`~appflow_typed.models._base.is_invalid`), whose violations are already reported. Each
returns the violations found (paths relative to the shape) or ``None``. Rules the AWS
documentation gives only as advice are not enforced.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from appflow_typed.errors import Violation
from appflow_typed.models._base import is_invalid, violation
from appflow_typed.models._schema import CONNECTOR_TYPE_OF_MEMBER, CUSTOM_AUTH_MEMBERS, WIRE_NAMES


def members_set(obj: Any) -> list[str]:
    """Wire names of the members set on a union ``obj``, in model order."""
    members = vars(obj)  # exactly the members that are set (see union_model)
    return [wire for name, wire in WIRE_NAMES[type(obj).__name__].items() if name in members]


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
    # a password when your Snowflake account uses key pair authentication."
    if obj.password is not None and obj.private_key is not None:
        return [Violation("privateKey", "give either password or privateKey, not both")]
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
