"""Errors on the wire exactly as AWS rest-json sends them, so botocore raises the modeled
exception classes."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import LocalAppFlow, ServiceErrorFault
from appflow_typed.testing._model import IMPLEMENTED, service_model
from tests.endpoint.conftest import post

MODEL = service_model()
CASES = [
    (operation, code, MODEL.error_status[code])
    for operation in sorted(IMPLEMENTED)
    for code in MODEL.errors(operation)
]

# The smallest valid request of each operation.
MINIMAL: dict[str, dict[str, object]] = {
    "RegisterConnector": {"connectorLabel": "abc", "connectorProvisioningType": "LAMBDA",
                          "connectorProvisioningConfig": {"lambda": {
                              "lambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f"}}},
    "UpdateConnectorRegistration": {"connectorLabel": "abc"},
    "UnregisterConnector": {"connectorLabel": "abc"},
    "DescribeConnector": {"connectorType": "S3"},
    "DescribeConnectors": {},
    "ListConnectors": {},
    "CreateConnectorProfile": {
        "connectorProfileName": "p", "connectorType": "Amplitude", "connectionMode": "Public",
        "connectorProfileConfig": {"connectorProfileProperties": {"Amplitude": {}}}},
    "UpdateConnectorProfile": {
        "connectorProfileName": "p", "connectionMode": "Public",
        "connectorProfileConfig": {"connectorProfileProperties": {"Amplitude": {}}}},
    "DescribeConnectorProfiles": {},
    "DeleteConnectorProfile": {"connectorProfileName": "p"},
}


def snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def test_the_cases_cover_every_modeled_error() -> None:
    assert len(CASES) == sum(len(MODEL.errors(op)) for op in IMPLEMENTED)
    assert {code for _, code, _ in CASES} >= {"ValidationException", "ConflictException",
                                              "ResourceNotFoundException"}
    assert MODEL.error_status["ServiceQuotaExceededException"] == 402


@pytest.mark.parametrize(("operation", "code", "status"), CASES)
def test_modeled_error_raises_its_exception_class(
    endpoint: LocalAppFlow, once: AppflowClient, operation: str, code: str, status: int
) -> None:
    endpoint.inject(ServiceErrorFault(code=code, status=status, message=f"injected {code}"),
                    operation=operation)
    exception_class = getattr(once.exceptions, code)
    with pytest.raises(exception_class) as caught:
        getattr(once, snake(operation))(**MINIMAL[operation])
    assert type(caught.value) is exception_class
    error = caught.value.response
    assert error["Error"]["Code"] == code
    assert error["Error"]["Message"] == f"injected {code}"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == status
    assert error["ResponseMetadata"]["RequestId"] == endpoint.requests[-1].request_id
    assert endpoint.requests[-1].status == status
    assert endpoint.effects == []


@pytest.mark.parametrize("operation", sorted(IMPLEMENTED))
def test_every_operation_succeeds_on_the_wire(
    endpoint: LocalAppFlow, operation: str
) -> None:
    if operation in {"UpdateConnectorRegistration", "UnregisterConnector"}:
        post(endpoint, "/register-connector", MINIMAL["RegisterConnector"])
    if operation in {"UpdateConnectorProfile", "DeleteConnectorProfile"}:
        post(endpoint, "/create-connector-profile", MINIMAL["CreateConnectorProfile"])
    uri = MODEL.operations[operation]["http"]["requestUri"]
    status, headers, body = post(endpoint, uri, MINIMAL[operation])
    assert status == 200, body
    assert headers["content-type"] == "application/json"
    assert headers["x-amzn-requestid"]
    assert isinstance(body, dict)


def test_unsupported_operation_is_named(once: AppflowClient) -> None:
    with pytest.raises(once.exceptions.UnsupportedOperationException) as caught:
        once.list_flows()
    message = caught.value.response["Error"]["Message"]
    assert "ListFlows is not supported by the local AppFlow endpoint" in message
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_unsupported_templated_route(once: AppflowClient) -> None:
    with pytest.raises(once.exceptions.UnsupportedOperationException, match="ListTagsForResource"):
        once.list_tags_for_resource(
            resourceArn="arn:aws:appflow:us-east-1:123456789012:connectorprofile/p"
        )


def test_unknown_path_is_404(endpoint: LocalAppFlow) -> None:
    status, headers, body = post(endpoint, "/no-such-operation", {})
    assert status == 404
    assert headers["x-amzn-errortype"] == "UnknownOperationException"
    assert "/no-such-operation" in body["message"]
    assert headers["x-amzn-requestid"]
    status, _, _ = post(endpoint, "/list-connectors", {}, method="GET")
    assert status == 404


def test_unmodeled_code_is_a_client_error(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(ServiceErrorFault(code="TeapotException", status=418, message="short"))
    with pytest.raises(ClientError) as caught:
        once.list_connectors()
    assert caught.value.response["Error"]["Code"] == "TeapotException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 418


def test_fault_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="status"):
        ServiceErrorFault(code="X", status=200)
    with pytest.raises(ValueError, match="code"):
        ServiceErrorFault(code="X:\r\nInjected: header", status=400)
