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
    may_still_arrive,
)
from appflow_typed._operation import RetrySemantics
from appflow_typed._retry import call_with_retries, is_retryable
from appflow_typed.errors import (
    ConnectorServerError,
    ServiceError,
    TransportError,
    UnmodeledServiceError,
)
from tests.client._helpers import fast_policy


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


def test_every_error_code_of_every_operation_has_its_own_class() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("appflow")
    listed = {
        (name, shape.name)
        for name in model.operation_names
        for shape in model.operation_model(name).error_shapes
    }
    assert {code for _, code in listed} >= {"UnsupportedOperationException"}  # StopFlow's
    for operation, code in sorted(listed):
        error = map_client_error(
            client_error(code, 400), operation=operation, client_token=None, attempts=1
        )
        assert type(error) is not UnmodeledServiceError, (operation, code)
        assert type(error) is ERROR_CLASSES[code]


def test_an_unknown_code_is_unmodeled_and_transient_only_for_5xx() -> None:
    server = map_client_error(
        client_error("ServiceUnavailableException", 503, None),
        operation="X",
        client_token=None,
        attempts=1,
        retry="read-only",
    )
    client = map_client_error(
        client_error("Teapot", 418), operation="X", client_token=None, attempts=1, retry="read-only"
    )
    assert type(server) is UnmodeledServiceError
    assert server.retry_safe
    assert server.request_id is None
    assert type(client) is UnmodeledServiceError
    assert not client.retry_safe


UNKNOWN = ConnectionClosedError(endpoint_url="http://127.0.0.1:1")
NOT_SENT = EndpointConnectionError(endpoint_url="http://127.0.0.1:1")


@pytest.mark.parametrize(
    ("exc", "unknown", "token", "retry", "safe"),
    [
        # the case the old code disagreed on: no token, not idempotent, outcome unknown
        (UNKNOWN, True, None, "none", False),
        (UNKNOWN, True, "tok", "none", True),
        (UNKNOWN, True, None, "read-only", True),
        (UNKNOWN, True, None, "delete", True),
        (NOT_SENT, False, None, "none", True),
        (NOT_SENT, True, None, "none", False),  # an earlier attempt's outcome is unknown
    ],
)
def test_transport_retry_safety_is_decided_when_mapped(
    exc: Exception, unknown: bool, token: str | None, retry: RetrySemantics, safe: bool
) -> None:
    error = map_transport_error(
        exc, operation="X", client_token=token, attempts=1, outcome_unknown=unknown, retry=retry
    )
    assert error.retry_safe is safe
    assert is_retryable(error) is safe
    script = iter([error])

    def attempt(number: int) -> str:
        for failure in script:
            raise failure
        return "done"

    if safe:
        assert call_with_retries(fast_policy(), attempt, operation="X", client_token=token) == (
            "done",
            2,
        )
    else:
        with pytest.raises(TransportError) as raised:
            call_with_retries(fast_policy(), attempt, operation="X", client_token=token)
        assert raised.value is error
        assert raised.value.attempts == 1


TIMED_OUT = ReadTimeoutError(endpoint_url="http://127.0.0.1:1")


@pytest.mark.parametrize(
    ("retry", "token", "safe"),
    [
        ("delete", None, False),  # the late request could delete what is re-created
        ("idempotent", None, False),  # late tags could overwrite a later call's
        ("none", None, False),
        ("read-only", None, True),
        ("client-token", "tok", True),
    ],
)
def test_a_request_that_timed_out_is_resent_only_when_it_cannot_land_late(
    retry: RetrySemantics, token: str | None, safe: bool
) -> None:
    assert may_still_arrive(TIMED_OUT)
    assert not may_still_arrive(UNKNOWN)
    assert not may_still_arrive(NOT_SENT)
    error = map_transport_error(
        TIMED_OUT,
        operation="X",
        client_token=token,
        attempts=1,
        outcome_unknown=True,
        retry=retry,
        in_flight=True,
    )
    assert error.outcome_unknown
    assert error.retry_safe is safe
    notes = getattr(error, "__notes__", [])
    assert any("not re-sent" in note for note in notes) is (retry in ("delete", "idempotent"))


@pytest.mark.parametrize(
    ("code", "status", "earlier_unknown", "token", "retry", "safe"),
    [
        ("InternalServerException", 500, False, None, "none", False),  # a 5xx: maybe applied
        ("InternalServerException", 500, False, "tok", "none", True),
        ("InternalServerException", 500, False, None, "read-only", True),
        ("ThrottlingException", 429, False, None, "none", True),  # refused: nothing applied
        ("ThrottlingException", 429, True, None, "none", False),
        ("ThrottlingException", 429, True, None, "delete", True),
        ("ConflictException", 409, False, "tok", "client-token", False),  # not transient
    ],
)
def test_service_retry_safety_is_decided_when_mapped(
    code: str,
    status: int,
    earlier_unknown: bool,
    token: str | None,
    retry: RetrySemantics,
    safe: bool,
) -> None:
    error = map_client_error(
        client_error(code, status),
        operation="X",
        client_token=token,
        attempts=2,
        outcome_unknown=earlier_unknown,
        retry=retry,
    )
    assert error.retry_safe is safe
    assert is_retryable(error) is safe


def test_a_service_error_says_when_an_earlier_attempt_may_have_been_applied() -> None:
    error = map_client_error(
        client_error("ConflictException", 409),
        operation="X",
        client_token="tok",
        attempts=2,
        outcome_unknown=True,
    )
    assert error.outcome_unknown
    assert "outcome is unknown" in str(error)
    known = map_client_error(client_error("ConflictException", 409), operation="X", client_token="tok", attempts=1)
    assert not known.outcome_unknown
    assert "outcome is unknown" not in str(known)


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
    assert (copy.retry_safe, copy.outcome_unknown) == (error.retry_safe, error.outcome_unknown)
    lost = map_transport_error(
        UNKNOWN, operation="X", client_token=None, attempts=3, outcome_unknown=True, retry="delete"
    )
    copied = pickle.loads(pickle.dumps(lost))
    assert (copied.retry_safe, copied.outcome_unknown, str(copied)) == (True, True, str(lost))


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
