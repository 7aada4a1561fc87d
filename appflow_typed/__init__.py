"""Typed, locally validated models and a retry-safe client for Amazon AppFlow connectors.

The request and response structures of the connector operations are importable from here;
every other structure shape is in :mod:`appflow_typed.models`.
"""

from appflow_typed._converter import from_boto, to_boto
from appflow_typed.errors import (
    AppflowTypedError,
    ClientTokenExpiredError,
    ServiceError,
    TransportError,
    ValidationError,
    Violation,
)
from appflow_typed.models import (
    CreateConnectorProfileRequest,
    CreateConnectorProfileResponse,
    DeleteConnectorProfileRequest,
    DeleteConnectorProfileResponse,
    DescribeConnectorProfilesRequest,
    DescribeConnectorProfilesResponse,
    DescribeConnectorRequest,
    DescribeConnectorResponse,
    DescribeConnectorsRequest,
    DescribeConnectorsResponse,
    ListConnectorsRequest,
    ListConnectorsResponse,
    RegisterConnectorRequest,
    RegisterConnectorResponse,
    UnregisterConnectorRequest,
    UnregisterConnectorResponse,
    UpdateConnectorProfileRequest,
    UpdateConnectorProfileResponse,
    UpdateConnectorRegistrationRequest,
    UpdateConnectorRegistrationResponse,
)

__all__ = [
    "AppflowTypedError",
    "ClientTokenExpiredError",
    "CreateConnectorProfileRequest",
    "CreateConnectorProfileResponse",
    "DeleteConnectorProfileRequest",
    "DeleteConnectorProfileResponse",
    "DescribeConnectorProfilesRequest",
    "DescribeConnectorProfilesResponse",
    "DescribeConnectorRequest",
    "DescribeConnectorResponse",
    "DescribeConnectorsRequest",
    "DescribeConnectorsResponse",
    "ListConnectorsRequest",
    "ListConnectorsResponse",
    "RegisterConnectorRequest",
    "RegisterConnectorResponse",
    "ServiceError",
    "TransportError",
    "UnregisterConnectorRequest",
    "UnregisterConnectorResponse",
    "UpdateConnectorProfileRequest",
    "UpdateConnectorProfileResponse",
    "UpdateConnectorRegistrationRequest",
    "UpdateConnectorRegistrationResponse",
    "ValidationError",
    "Violation",
    "from_boto",
    "to_boto",
]
