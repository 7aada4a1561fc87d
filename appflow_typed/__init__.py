"""Typed, locally validated models and a retry-safe client for Amazon AppFlow.

The request and response structures of every AppFlow operation are importable from here;
every other structure shape is in :mod:`appflow_typed.models`.
"""

import importlib
from typing import TYPE_CHECKING, Any

from appflow_typed.errors import (
    AppflowTypedError,
    ClientTokenExpiredError,
    ServiceError,
    TransportError,
    ValidationError,
    Violation,
)

__version__ = "0.1.0"
"""The package's version: the one place it is written (the build reads it from here)."""

if TYPE_CHECKING:
    from appflow_typed._async_client import AsyncAppFlowClient
    from appflow_typed._client import AppFlowClient, Result
    from appflow_typed._converter import converter, from_boto, make_converter, to_boto
    from appflow_typed._guard import guard
    from appflow_typed._lint import AppFlowConfigWarning, LintResult, lint
    from appflow_typed._redaction import RedactingFilter, install_redacting_filter
    from appflow_typed._retry import Attempt, RetryPolicy
    from appflow_typed._rulebook import RULES, Rule
    from appflow_typed._updates import profile_update, registration_update
    from appflow_typed._upsert import UpsertResult

    # the operations' request and response classes (here, in _LAZY and in __all__): written
    # by tools/generate_models.py from the service model
    from appflow_typed.models import (
        CancelFlowExecutionsRequest,
        CancelFlowExecutionsResponse,
        CreateConnectorProfileRequest,
        CreateConnectorProfileResponse,
        CreateFlowRequest,
        CreateFlowResponse,
        DeleteConnectorProfileRequest,
        DeleteConnectorProfileResponse,
        DeleteFlowRequest,
        DeleteFlowResponse,
        DescribeConnectorEntityRequest,
        DescribeConnectorEntityResponse,
        DescribeConnectorProfilesRequest,
        DescribeConnectorProfilesResponse,
        DescribeConnectorRequest,
        DescribeConnectorResponse,
        DescribeConnectorsRequest,
        DescribeConnectorsResponse,
        DescribeFlowExecutionRecordsRequest,
        DescribeFlowExecutionRecordsResponse,
        DescribeFlowRequest,
        DescribeFlowResponse,
        ListConnectorEntitiesRequest,
        ListConnectorEntitiesResponse,
        ListConnectorsRequest,
        ListConnectorsResponse,
        ListFlowsRequest,
        ListFlowsResponse,
        ListTagsForResourceRequest,
        ListTagsForResourceResponse,
        RegisterConnectorRequest,
        RegisterConnectorResponse,
        ResetConnectorMetadataCacheRequest,
        ResetConnectorMetadataCacheResponse,
        StartFlowRequest,
        StartFlowResponse,
        StopFlowRequest,
        StopFlowResponse,
        TagResourceRequest,
        TagResourceResponse,
        UnregisterConnectorRequest,
        UnregisterConnectorResponse,
        UntagResourceRequest,
        UntagResourceResponse,
        UpdateConnectorProfileRequest,
        UpdateConnectorProfileResponse,
        UpdateConnectorRegistrationRequest,
        UpdateConnectorRegistrationResponse,
        UpdateFlowRequest,
        UpdateFlowResponse,
    )

# Everything but the errors (and botocore, whose ClientError the service errors extend) is
# imported on first use (PEP 562): the client side (boto3, tenacity) when a client is made,
# the converter (cattrs) on the first from_boto or to_boto, and each operation group's models
# when one of its names is used. Code that needs one group, and the pytest plugin of
# appflow_typed.testing, pay for nothing else.
# AsyncAppFlowClient needs the optional extra appflow-typed[async] (aiobotocore): only using
# it imports aiobotocore, and without the extra that raises an ImportError saying so.
_LAZY = {
    "AppFlowClient": "appflow_typed._client",
    "AsyncAppFlowClient": "appflow_typed._async_client",
    "Result": "appflow_typed._client",
    "converter": "appflow_typed._converter",
    "from_boto": "appflow_typed._converter",
    "make_converter": "appflow_typed._converter",
    "profile_update": "appflow_typed._updates",
    "registration_update": "appflow_typed._updates",
    "to_boto": "appflow_typed._converter",
    "guard": "appflow_typed._guard",
    "AppFlowConfigWarning": "appflow_typed._lint",
    "LintResult": "appflow_typed._lint",
    "lint": "appflow_typed._lint",
    "RULES": "appflow_typed._rulebook",
    "Rule": "appflow_typed._rulebook",
    "RedactingFilter": "appflow_typed._redaction",
    "install_redacting_filter": "appflow_typed._redaction",
    "Attempt": "appflow_typed._retry",
    "RetryPolicy": "appflow_typed._retry",
    "UpsertResult": "appflow_typed._upsert",
    "CancelFlowExecutionsRequest": "appflow_typed.models",
    "CancelFlowExecutionsResponse": "appflow_typed.models",
    "CreateConnectorProfileRequest": "appflow_typed.models",
    "CreateConnectorProfileResponse": "appflow_typed.models",
    "CreateFlowRequest": "appflow_typed.models",
    "CreateFlowResponse": "appflow_typed.models",
    "DeleteConnectorProfileRequest": "appflow_typed.models",
    "DeleteConnectorProfileResponse": "appflow_typed.models",
    "DeleteFlowRequest": "appflow_typed.models",
    "DeleteFlowResponse": "appflow_typed.models",
    "DescribeConnectorEntityRequest": "appflow_typed.models",
    "DescribeConnectorEntityResponse": "appflow_typed.models",
    "DescribeConnectorProfilesRequest": "appflow_typed.models",
    "DescribeConnectorProfilesResponse": "appflow_typed.models",
    "DescribeConnectorRequest": "appflow_typed.models",
    "DescribeConnectorResponse": "appflow_typed.models",
    "DescribeConnectorsRequest": "appflow_typed.models",
    "DescribeConnectorsResponse": "appflow_typed.models",
    "DescribeFlowExecutionRecordsRequest": "appflow_typed.models",
    "DescribeFlowExecutionRecordsResponse": "appflow_typed.models",
    "DescribeFlowRequest": "appflow_typed.models",
    "DescribeFlowResponse": "appflow_typed.models",
    "ListConnectorEntitiesRequest": "appflow_typed.models",
    "ListConnectorEntitiesResponse": "appflow_typed.models",
    "ListConnectorsRequest": "appflow_typed.models",
    "ListConnectorsResponse": "appflow_typed.models",
    "ListFlowsRequest": "appflow_typed.models",
    "ListFlowsResponse": "appflow_typed.models",
    "ListTagsForResourceRequest": "appflow_typed.models",
    "ListTagsForResourceResponse": "appflow_typed.models",
    "RegisterConnectorRequest": "appflow_typed.models",
    "RegisterConnectorResponse": "appflow_typed.models",
    "ResetConnectorMetadataCacheRequest": "appflow_typed.models",
    "ResetConnectorMetadataCacheResponse": "appflow_typed.models",
    "StartFlowRequest": "appflow_typed.models",
    "StartFlowResponse": "appflow_typed.models",
    "StopFlowRequest": "appflow_typed.models",
    "StopFlowResponse": "appflow_typed.models",
    "TagResourceRequest": "appflow_typed.models",
    "TagResourceResponse": "appflow_typed.models",
    "UnregisterConnectorRequest": "appflow_typed.models",
    "UnregisterConnectorResponse": "appflow_typed.models",
    "UntagResourceRequest": "appflow_typed.models",
    "UntagResourceResponse": "appflow_typed.models",
    "UpdateConnectorProfileRequest": "appflow_typed.models",
    "UpdateConnectorProfileResponse": "appflow_typed.models",
    "UpdateConnectorRegistrationRequest": "appflow_typed.models",
    "UpdateConnectorRegistrationResponse": "appflow_typed.models",
    "UpdateFlowRequest": "appflow_typed.models",
    "UpdateFlowResponse": "appflow_typed.models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'appflow_typed' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "AppFlowClient",
    "AppFlowConfigWarning",
    "AppflowTypedError",
    "AsyncAppFlowClient",
    "Attempt",
    "CancelFlowExecutionsRequest",
    "CancelFlowExecutionsResponse",
    "ClientTokenExpiredError",
    "CreateConnectorProfileRequest",
    "CreateConnectorProfileResponse",
    "CreateFlowRequest",
    "CreateFlowResponse",
    "DeleteConnectorProfileRequest",
    "DeleteConnectorProfileResponse",
    "DeleteFlowRequest",
    "DeleteFlowResponse",
    "DescribeConnectorEntityRequest",
    "DescribeConnectorEntityResponse",
    "DescribeConnectorProfilesRequest",
    "DescribeConnectorProfilesResponse",
    "DescribeConnectorRequest",
    "DescribeConnectorResponse",
    "DescribeConnectorsRequest",
    "DescribeConnectorsResponse",
    "DescribeFlowExecutionRecordsRequest",
    "DescribeFlowExecutionRecordsResponse",
    "DescribeFlowRequest",
    "DescribeFlowResponse",
    "LintResult",
    "ListConnectorEntitiesRequest",
    "ListConnectorEntitiesResponse",
    "ListConnectorsRequest",
    "ListConnectorsResponse",
    "ListFlowsRequest",
    "ListFlowsResponse",
    "ListTagsForResourceRequest",
    "ListTagsForResourceResponse",
    "RULES",
    "RedactingFilter",
    "RegisterConnectorRequest",
    "RegisterConnectorResponse",
    "ResetConnectorMetadataCacheRequest",
    "ResetConnectorMetadataCacheResponse",
    "Result",
    "RetryPolicy",
    "Rule",
    "ServiceError",
    "StartFlowRequest",
    "StartFlowResponse",
    "StopFlowRequest",
    "StopFlowResponse",
    "TagResourceRequest",
    "TagResourceResponse",
    "TransportError",
    "UnregisterConnectorRequest",
    "UnregisterConnectorResponse",
    "UntagResourceRequest",
    "UntagResourceResponse",
    "UpdateConnectorProfileRequest",
    "UpdateConnectorProfileResponse",
    "UpdateConnectorRegistrationRequest",
    "UpdateConnectorRegistrationResponse",
    "UpdateFlowRequest",
    "UpdateFlowResponse",
    "UpsertResult",
    "ValidationError",
    "Violation",
    "__version__",
    "converter",
    "from_boto",
    "guard",
    "install_redacting_filter",
    "lint",
    "make_converter",
    "profile_update",
    "registration_update",
    "to_boto",
]
