"""Errors on the wire exactly as AWS rest-json sends them, so botocore raises the modeled
exception classes."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

import pytest
from botocore.exceptions import ClientError
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import LocalAppFlow, ServiceErrorFault, _endpoint
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
    "CreateFlow": {
        "flowName": "fl",
        "triggerConfig": {"triggerType": "Scheduled", "triggerProperties": {
            "Scheduled": {"scheduleExpression": "rate(1hours)"}}},
        "sourceFlowConfig": {"connectorType": "S3",
                             "sourceConnectorProperties": {"S3": {"bucketName": "source"}}},
        "destinationFlowConfigList": [{
            "connectorType": "S3",
            "destinationConnectorProperties": {"S3": {"bucketName": "destination"}}}],
        "tasks": [{"sourceFields": ["a"], "connectorOperator": {"S3": "PROJECTION"},
                   "taskType": "Filter"},
                  {"sourceFields": ["a"], "taskType": "Map", "destinationField": "a"}]},
    "DescribeFlow": {"flowName": "fl"},
    "ListFlows": {},
    "StartFlow": {"flowName": "fl"},
    "StopFlow": {"flowName": "fl"},
    "DeleteFlow": {"flowName": "fl"},
    "DescribeFlowExecutionRecords": {"flowName": "fl"},
    "CancelFlowExecutions": {"flowName": "fl"},
    "TagResource": {"resourceArn": "arn:aws:appflow:us-east-1:123456789012:connector/abc",
                    "tags": {"k": "v"}},
    "UntagResource": {"resourceArn": "arn:aws:appflow:us-east-1:123456789012:connector/abc",
                      "tagKeys": ["k"]},
    "ListTagsForResource": {
        "resourceArn": "arn:aws:appflow:us-east-1:123456789012:connector/abc"},
    "ListConnectorEntities": {"connectorType": "S3"},
    "DescribeConnectorEntity": {"connectorType": "S3",
                                "connectorEntityName": "appflow-example-bucket"},
    "ResetConnectorMetadataCache": {"connectorType": "S3"},
}
MINIMAL["UpdateFlow"] = dict(MINIMAL["CreateFlow"])

# What must exist before each operation's minimal request succeeds.
SETUP: dict[str, tuple[str, ...]] = {
    "UpdateConnectorRegistration": ("RegisterConnector",),
    "UnregisterConnector": ("RegisterConnector",),
    "UpdateConnectorProfile": ("CreateConnectorProfile",),
    "DeleteConnectorProfile": ("CreateConnectorProfile",),
    "TagResource": ("RegisterConnector",),
    "UntagResource": ("RegisterConnector",),
    "ListTagsForResource": ("RegisterConnector",),
    **dict.fromkeys(
        ("UpdateFlow", "DescribeFlow", "StartFlow", "DeleteFlow",
         "DescribeFlowExecutionRecords", "CancelFlowExecutions"),
        ("CreateFlow",),
    ),
    "StopFlow": ("CreateFlow", "StartFlow"),
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
    for step in SETUP.get(operation, ()):
        assert send(endpoint, step)[0] == 200
    status, headers, body = send(endpoint, operation)
    assert status == 200, body
    assert headers["content-type"] == "application/json"
    assert headers["x-amzn-requestid"]
    assert isinstance(body, dict)


def send(endpoint: LocalAppFlow, operation: str) -> tuple[int, dict[str, str], dict[str, Any]]:
    """The operation's minimal request, raw: members bound to the path or the query string
    go there, the others in the body."""
    http = MODEL.operations[operation]["http"]
    members = MODEL.shapes[MODEL.input_shape(operation) or ""].get("members", {})
    body = dict(MINIMAL[operation])
    path, query = http["requestUri"], []
    for name, ref in members.items():
        if ref.get("location") == "uri":
            path = path.replace("{" + name + "}", quote(str(body.pop(name)), safe=""))
        elif ref.get("location") == "querystring":
            query += [(ref["locationName"], v) for v in body.pop(name)]  # type: ignore[attr-defined]
    if query:
        path += "?" + urlencode(query)
    return post(endpoint, path, body, method=http["method"])


def test_unsupported_operation_is_named(
    once: AppflowClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every operation has a handler; one without would be answered like this.
    monkeypatch.setattr(_endpoint, "IMPLEMENTED", IMPLEMENTED - {"ListFlows"})
    with pytest.raises(once.exceptions.UnsupportedOperationException) as caught:
        once.list_flows()
    message = caught.value.response["Error"]["Message"]
    assert "ListFlows is not supported by the local AppFlow endpoint" in message
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_unsupported_templated_route(
    once: AppflowClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_endpoint, "IMPLEMENTED", IMPLEMENTED - {"ListTagsForResource"})
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
