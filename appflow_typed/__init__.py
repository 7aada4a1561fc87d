"""Typed, locally validated models and a retry-safe client for Amazon AppFlow connectors.

The request and response structures of the connector operations are importable from here;
every other structure shape is in :mod:`appflow_typed.models`.
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from appflow_typed._client import AppFlowClient, Result
    from appflow_typed._logging import RedactingFilter, install_redacting_filter
    from appflow_typed._retry import Attempt, RetryPolicy

# The client side (boto3, botocore, tenacity) is imported on first use, so that code using
# only the models, and the pytest plugin of appflow_typed.testing, do not pay for it.
_LAZY = {
    "AppFlowClient": "appflow_typed._client",
    "Result": "appflow_typed._client",
    "RedactingFilter": "appflow_typed._logging",
    "install_redacting_filter": "appflow_typed._logging",
    "Attempt": "appflow_typed._retry",
    "RetryPolicy": "appflow_typed._retry",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'appflow_typed' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
