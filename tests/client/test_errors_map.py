"""botocore exceptions -> appflow-typed's error tree."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    HTTPClientError,
    ProxyConnectionError,
    ReadTimeoutError,
)

from appflow_typed._errors_map import (
    ERROR_CLASSES,
    is_transport_exception,
    map_client_error,
    map_transport_error,
    may_have_been_applied,
)
from appflow_typed.errors import (
    ConnectorServerError,
    ServiceError,
    UnmodeledServiceError,
)


def client_error(code: str, status: int, request_id: str | None = "req-1") -> ClientError:
    response: Any = {
        "Error": {"Code": code, "Message": "the service says no"},
        "ResponseMetadata": {"HTTPStatusCode": status, "RequestId": request_id},
    }
    return ClientError(response, "RegisterConnector")


@pytest.mark.parametrize(("code", "cls"), sorted(ERROR_CLASSES.items()))
def test_each_modeled_code_has_its_class(code: str, cls: type[ServiceError]) -> None:
    error = map_client_error(
        client_error(code, 400), operation="RegisterConnector", client_token="tok", attempts=3
    )
    assert type(error) is cls
    assert (error.operation, error.code, error.message) == (
        "RegisterConnector",
        code,
        "the service says no",
    )
    assert (error.status_code, error.request_id, error.client_token, error.attempts) == (
        400,
        "req-1",
        "tok",
        3,
    )


def test_every_error_code_of_the_operations_is_mapped() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("appflow")
    for name in ("RegisterConnector", "CreateConnectorProfile", "DeleteConnectorProfile"):
        for shape in model.operation_model(name).error_shapes:
            assert shape.name in ERROR_CLASSES


def test_an_unknown_code_is_unmodeled_and_retry_safe_only_for_5xx() -> None:
    server = map_client_error(
        client_error("ServiceUnavailableException", 503, None),
        operation="X",
        client_token=None,
        attempts=1,
    )
    client = map_client_error(client_error("Teapot", 418), operation="X", client_token=None, attempts=1)
    assert type(server) is UnmodeledServiceError
    assert server.retry_safe
    assert server.request_id is None
    assert type(client) is UnmodeledServiceError
    assert not client.retry_safe


def test_connector_server_error_is_not_retry_safe() -> None:
    error = map_client_error(
        client_error("ConnectorServerException", 400), operation="X", client_token="t", attempts=1
    )
    assert isinstance(error, ConnectorServerError)
    assert not error.retry_safe


def test_mapped_errors_pickle() -> None:
    error = map_client_error(client_error("ConflictException", 409), operation="X", client_token="t", attempts=2)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)


@pytest.mark.parametrize(
    ("exc", "applied"),
    [
        (EndpointConnectionError(endpoint_url="http://127.0.0.1:1"), False),
        (ConnectTimeoutError(endpoint_url="http://127.0.0.1:1"), False),
        (ProxyConnectionError(proxy_url="http://proxy"), False),
        (ConnectionClosedError(endpoint_url="http://127.0.0.1:1"), True),
        (ReadTimeoutError(endpoint_url="http://127.0.0.1:1"), True),
        (HTTPClientError(error="protocol error"), True),
    ],
)
def test_transport_failures(exc: Exception, applied: bool) -> None:
    assert is_transport_exception(exc)
    assert may_have_been_applied(exc) is applied
    error = map_transport_error(
        exc, operation="RegisterConnector", client_token="tok", attempts=5, outcome_unknown=applied
    )
    assert (error.client_token, error.attempts, error.outcome_unknown) == ("tok", 5, applied)
    assert type(exc).__name__ in error.reason
    assert error.retry_safe


def test_a_client_error_is_not_a_transport_failure() -> None:
    assert not is_transport_exception(client_error("ThrottlingException", 429))


def test_a_quoted_credential_value_is_scrubbed_from_service_messages() -> None:
    message = (
        "2 validation errors detected: Value 'SENTINEL-secret' at "
        "'connectorProfileConfig.connectorProfileCredentials.Salesforce.accessToken' failed to "
        "satisfy constraint: Member must have length less than or equal to 2048; "
        "Value 'not secret' at 'connectorProfileName' failed to satisfy constraint: pattern"
    )
    response: Any = {
        "Error": {"Code": "ValidationException", "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }
    error = map_client_error(
        ClientError(response, "CreateConnectorProfile"),
        operation="CreateConnectorProfile",
        client_token=None,
        attempts=1,
    )
    assert "SENTINEL" not in str(error)
    assert "SENTINEL" not in error.message
    assert "Value 'not secret' at 'connectorProfileName'" in error.message
    assert "accessToken' failed to satisfy constraint" in error.message
