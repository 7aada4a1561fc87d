"""Every operation of the service through AppFlowClient: what goes on the wire, and what loads.

The requests are compared with what raw boto3 sends for the same arguments, through
botocore's own ``Stubber`` (which checks the parameters against the model) and through the
HTTP request botocore builds (the tag operations carry the ARN in the URI path and the tag
keys in the query string, not in a JSON body).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from typing import Any

import attrs
import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSPreparedRequest
from botocore.stub import Stubber

from appflow_typed import AppFlowClient, CreateFlowRequest, RetryPolicy, from_boto, to_boto
from appflow_typed.models import ConnectorEntity, FlowDefinition, ListConnectorEntitiesRequest

FLOW_ARN = "arn:aws:appflow:us-east-1:123456789012:flow/orders"
PROFILE_ARN = "arn:aws:appflow:us-east-1:123456789012:connectorprofile/crm"
CONNECTOR_ARN = "arn:aws:appflow:us-east-1:123456789012:connector/acme"

CREATE_FLOW: dict[str, Any] = {
    "flowName": "orders",
    "triggerConfig": {"triggerType": "OnDemand"},
    "sourceFlowConfig": {
        "connectorType": "Salesforce",
        "connectorProfileName": "crm",
        "sourceConnectorProperties": {"Salesforce": {"object": "Order"}},
    },
    "destinationFlowConfigList": [
        {
            "connectorType": "S3",
            "destinationConnectorProperties": {"S3": {"bucketName": "orders-bucket"}},
        }
    ],
    "tasks": [
        {
            "sourceFields": ["Id"],
            "connectorOperator": {"Salesforce": "PROJECTION"},
            "taskType": "Filter",
        }
    ],
}


def _boto3_client() -> Any:
    return boto3.client(
        "appflow",
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",  # never reached: the stubber or the hook answers
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _facade() -> AppFlowClient:
    """An AppFlowClient that owns its boto3 client, so that client is the one it sends with
    (a given client is only read: the facade sends through a sibling)."""
    session = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    return AppFlowClient(session=session, endpoint_url="http://127.0.0.1:9")


@pytest.fixture
def stubbed() -> Iterator[tuple[AppFlowClient, Stubber]]:
    client = _facade()
    with Stubber(client.boto3_client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def _sent_requests(call: Any, raw: Any = None) -> list[AWSPreparedRequest]:
    """The HTTP requests botocore prepares for ``call(raw)`` (default: a new boto3 client);
    none leaves."""
    raw = _boto3_client() if raw is None else raw
    sent: list[AWSPreparedRequest] = []

    def capture(request: AWSPreparedRequest, **_: Any) -> Any:
        sent.append(request)
        from botocore.awsrequest import AWSResponse, HTTPHeaders

        return AWSResponse(request.url, 200, HTTPHeaders(), _Raw(b"{}"))

    raw.meta.events.register_first("before-send.appflow", capture)
    call(raw)
    return sent


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


@pytest.mark.parametrize("arn", [FLOW_ARN, PROFILE_ARN, CONNECTOR_ARN])
def test_tag_operations_send_what_raw_boto3_sends(arn: str) -> None:
    calls: list[tuple[str, dict[str, Any]]] = [
        ("tag_resource", {"resourceArn": arn, "tags": {"team": "data", "env": "prod"}}),
        ("untag_resource", {"resourceArn": arn, "tagKeys": ["team", "env"]}),
        ("list_tags_for_resource", {"resourceArn": arn}),
    ]
    for method, params in calls:
        facade = _facade()
        ours = _sent_requests(
            lambda _, m=method, p=params, f=facade: getattr(f, m)(
                **{_attr(k): v for k, v in p.items()}
            ),
            facade.boto3_client,
        )
        theirs = _sent_requests(lambda boto, m=method, p=params: getattr(boto, m)(**p))
        assert [(r.method, r.url, r.body) for r in ours] == [
            (r.method, r.url, r.body) for r in theirs
        ]
        (request,) = ours
        # the ARN is in the path, percent-encoded; the tag keys in the query string
        assert "/tags/arn%3Aaws%3Aappflow%3A" in request.url
        if method == "untag_resource":
            assert request.url.endswith("?tagKeys=team&tagKeys=env")
            assert not request.body
        if method == "tag_resource":
            assert isinstance(request.body, bytes)
            assert json.loads(request.body) == {"tags": params["tags"]}


def _attr(wire: str) -> str:
    return botocore.xform_name(wire)


def test_create_flow_sends_the_model_and_one_token(
    stubbed: tuple[AppFlowClient, Stubber],
) -> None:
    client, stubber = stubbed
    request = from_boto(CreateFlowRequest, CREATE_FLOW)
    params = to_boto(request)
    assert params == CREATE_FLOW
    stubber.add_response(
        "create_flow",
        {"flowArn": FLOW_ARN, "flowStatus": "Draft"},
        {**params, "clientToken": "tok-1"},
    )
    result = client.create_flow(request.__class__(**{**_fields(request), "client_token": "tok-1"}))
    assert result.value.flow_arn == FLOW_ARN
    assert result.client_token == "tok-1"
    assert result.attempts == 1


def _fields(obj: Any) -> dict[str, Any]:
    import attrs

    return {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj))}


def test_iter_flows_follows_next_token(stubbed: tuple[AppFlowClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "list_flows", {"flows": [{"flowName": "a"}], "nextToken": "p2"}, {"maxResults": 1}
    )
    stubber.add_response(
        "list_flows", {"flows": [{"flowName": "b"}]}, {"maxResults": 1, "nextToken": "p2"}
    )
    flows = list(client.iter_flows(max_results=1))
    assert all(isinstance(f, FlowDefinition) for f in flows)
    assert [f.flow_name for f in flows] == ["a", "b"]


def test_iter_connector_entities_yields_each_entity_with_its_group(
    stubbed: tuple[AppFlowClient, Stubber],
) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "list_connector_entities",
        {
            "connectorEntityMap": {
                "Objects": [{"name": "Account"}, {"name": "Lead"}],
                "Other": [],
            },
            "nextToken": "p2",
        },
        {"connectorProfileName": "crm"},
    )
    stubber.add_response(
        "list_connector_entities",
        {"connectorEntityMap": {"Objects": [{"name": "Order"}]}},
        {"connectorProfileName": "crm", "nextToken": "p2"},
    )
    entities = list(client.iter_connector_entities(connector_profile_name="crm"))
    assert [(group, e.name) for group, e in entities] == [
        ("Objects", "Account"),
        ("Objects", "Lead"),
        ("Objects", "Order"),
    ]
    assert all(isinstance(e, ConnectorEntity) for _, e in entities)
    assert ListConnectorEntitiesRequest(connector_profile_name="crm").next_token is None


def test_iter_flow_execution_records(stubbed: tuple[AppFlowClient, Stubber]) -> None:
    client, stubber = stubbed
    stubber.add_response(
        "describe_flow_execution_records",
        {"flowExecutions": [{"executionId": "e1", "executionStatus": "Successful"}]},
        {"flowName": "orders"},
    )
    (record,) = client.iter_flow_execution_records(flow_name="orders")
    assert record.execution_id == "e1"


def _loaded_after(code: str) -> set[str]:
    script = (
        textwrap.dedent(
            """
        import os, sys
        os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
        import appflow_typed
        from botocore.stub import Stubber
        before = {m for m in sys.modules if m.startswith("appflow_typed.models.")}
        assert not before - {"appflow_typed.models"}, before
        client = appflow_typed.AppFlowClient(
            region_name="us-east-1", endpoint_url="http://127.0.0.1:9"
        )
        stubber = Stubber(client.boto3_client)
        stubber.activate()
        """
        )
        + textwrap.dedent(code)
        + textwrap.dedent(
            """
        print(" ".join(sorted(m for m in sys.modules if m.startswith("appflow_typed.models."))))
        """
        )
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_import_loads_no_models_and_each_group_loads_on_its_own() -> None:
    connectors = _loaded_after(
        """
        stubber.add_response("list_connectors", {"connectors": []})
        client.list_connectors()
        """
    )
    assert "appflow_typed.models._connectors" in connectors
    for other in ("flows", "executions", "entities", "tags", "profiles"):
        assert f"appflow_typed.models._{other}" not in connectors
    flows = _loaded_after(
        """
        stubber.add_response("list_flows", {"flows": []})
        client.list_flows()
        """
    )
    assert "appflow_typed.models._flows" in flows
    for other in ("executions", "entities", "tags", "profiles"):
        assert f"appflow_typed.models._{other}" not in flows
    tags = _loaded_after(
        f"""
        stubber.add_response("list_tags_for_resource", {{"tags": {{}}}})
        client.list_tags_for_resource(resource_arn={FLOW_ARN!r})
        """
    )
    assert "appflow_typed.models._tags" in tags
    for other in ("flows", "executions", "entities", "profiles", "connectors", "registration"):
        assert f"appflow_typed.models._{other}" not in tags


@pytest.mark.parametrize(
    ("method", "fields", "answer"),
    [
        ("start_flow", {"flow_name": "orders"}, {"flowArn": FLOW_ARN, "executionId": "e1"}),
        ("create_flow", None, {"flowArn": FLOW_ARN, "flowStatus": "Draft"}),
        ("update_flow", None, {"flowStatus": "Active"}),
    ],
)
def test_flow_changes_carry_one_token_across_retries(
    method: str, fields: dict[str, Any] | None, answer: dict[str, Any]
) -> None:
    client = _facade().with_options(retry=RetryPolicy(max_attempts=3, sleep=lambda _: None))
    boto = client.boto3_client
    sent: list[str] = []
    boto.meta.events.register(
        "before-parameter-build.appflow",
        lambda params, **_: sent.append(params["clientToken"]),
    )
    with Stubber(boto) as stubber:
        stubber.add_client_error(method, "InternalServerException", http_status_code=500)
        stubber.add_client_error(method, "ThrottlingException", http_status_code=429)
        stubber.add_response(method, answer)
        if fields is None:
            request = from_boto(CreateFlowRequest, CREATE_FLOW)
            fields = {f: getattr(request, f) for f in attrs.fields_dict(CreateFlowRequest)}
            if method == "update_flow":
                fields.pop("kms_arn"), fields.pop("tags")
        result = getattr(client, method)(**fields)
    assert result.attempts == 3
    assert len(sent) == 3
    assert len(set(sent)) == 1
    assert result.client_token == sent[0]
