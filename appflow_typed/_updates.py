"""From a described resource to the request that updates it.

``DescribeConnectorProfiles`` and ``DescribeConnector`` answer with response models, parsed
tolerantly; ``UpdateConnectorProfile`` and ``UpdateConnectorRegistration`` take strict
request models. These functions carry over what the update request has in common with the
description, and take the rest (or a changed value) as keyword arguments. What is carried
over is checked as request data when the request is made (see README, "A tour of the
models"): a value the service describes but a request does not allow is reported at its path.

Describe returns no credentials (AWS never sends them back), so nothing is carried over for
them: the request holds the credentials given (``credentials=``), or none at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from appflow_typed.models import (
        ConnectionMode,
        ConnectorConfiguration,
        ConnectorProfile,
        ConnectorProfileCredentials,
        ConnectorProfileProperties,
        ConnectorProvisioningConfig,
        UpdateConnectorProfileRequest,
        UpdateConnectorRegistrationRequest,
    )

__all__ = ["profile_update", "registration_update"]


def profile_update(
    described: ConnectorProfile,
    *,
    properties: ConnectorProfileProperties[Any] | None = None,
    credentials: ConnectorProfileCredentials[Any] | None = None,
    connection_mode: ConnectionMode | None = None,
    client_token: str | None = None,
) -> UpdateConnectorProfileRequest:
    """The ``UpdateConnectorProfile`` request of a described connector profile.

    Args:
        described: One ``connectorProfileDetails`` entry of a ``DescribeConnectorProfiles``
            response: its name, connection mode and properties are carried over.
        properties: New properties (default: the described ones).
        credentials: The credentials to send: Describe returns none, so without them the
            request carries no ``connectorProfileCredentials``.
        connection_mode: A new connection mode (default: the described one).
        client_token: The idempotency token (default: one minted per call by the client).

    Returns:
        The request, checked.

    Raises:
        ValidationError: A carried-over or given value is not valid request data (a
            described value the service allows but a request does not, for instance).
    """
    from appflow_typed.models import ConnectorProfileConfig, UpdateConnectorProfileRequest

    # Described values as they are (``ConnectionMode | str``): one this release does not know
    # is not narrowed away but reported by the request, at its path.
    mode: Any = described.connection_mode if connection_mode is None else connection_mode
    given: Any = described.connector_profile_properties if properties is None else properties
    return UpdateConnectorProfileRequest(
        connector_profile_name=described.connector_profile_name,  # type: ignore[arg-type]
        connection_mode=mode,
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=given, connector_profile_credentials=credentials
        ),
        client_token=client_token,
    )


def registration_update(
    described: ConnectorConfiguration,
    *,
    description: str | None = None,
    provisioning_config: ConnectorProvisioningConfig | None = None,
    client_token: str | None = None,
) -> UpdateConnectorRegistrationRequest:
    """The ``UpdateConnectorRegistration`` request of a described custom connector.

    Args:
        described: The ``connectorConfiguration`` of a ``DescribeConnector`` response: its
            label, description and provisioning configuration are carried over.
        description: A new description (default: the described one).
        provisioning_config: A new provisioning configuration, e.g. a new Lambda (default:
            the described one).
        client_token: The idempotency token (default: one minted per call by the client).

    Returns:
        The request, checked.

    Raises:
        ValidationError: A carried-over or given value is not valid request data.
    """
    from appflow_typed.models import UpdateConnectorRegistrationRequest

    return UpdateConnectorRegistrationRequest(
        connector_label=described.connector_label,  # type: ignore[arg-type]
        description=described.connector_description if description is None else description,
        connector_provisioning_config=(
            described.connector_provisioning_config
            if provisioning_config is None
            else provisioning_config
        ),
        client_token=client_token,
    )
