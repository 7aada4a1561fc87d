"""Typed, locally validated models and a retry-safe client for Amazon AppFlow connectors.

The request and response structures of the connector operations are importable from here;
every other structure shape is in :mod:`appflow_typed.models`.
"""

from appflow_typed._client import AppFlowClient, Result
from appflow_typed._converter import from_boto, to_boto
from appflow_typed._logging import RedactingFilter, install_redacting_filter
from appflow_typed._retry import Attempt, RetryPolicy
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
    "AppFlowClient",
    "AppflowTypedError",
    "Attempt",
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
    "RedactingFilter",
    "RegisterConnectorRequest",
    "RegisterConnectorResponse",
    "Result",
    "RetryPolicy",
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
    "install_redacting_filter",
    "to_boto",
]
