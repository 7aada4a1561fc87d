"""Hostile input to AppFlowClient: only ValidationError (or TypeError for misuse of the
Python signature), and nothing is sent.

tests/unit/test_hostile_input.py covers ``from_boto``; this covers the client's methods,
with keyword arguments and with request objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from appflow_typed import AppFlowClient, RetryPolicy, ValidationError
from appflow_typed.models import ConnectorOperator, Task, TriggerConfig
from appflow_typed.testing import LocalAppFlow
from tests.reliability import _requests as rq

HUGE = "x" * 1_000_000
LAMBDA = rq.lambda_config()
S3_TASK = Task(source_fields=["Id"], connector_operator=ConnectorOperator(s3="NO_OP"),
               destination_field="Id", task_type="Map")


def flow(name: str = "ok-flow", **change: Any) -> dict[str, Any]:
    """The keyword arguments of a valid CreateFlow/UpdateFlow call, with ``change`` applied."""
    fields: dict[str, Any] = {
        "flow_name": name, "trigger_config": TriggerConfig(trigger_type="OnDemand"),
        "source_flow_config": rq.flow_source("p"),
        "destination_flow_config_list": [rq.flow_destination()], "tasks": rq.flow_tasks(),
    }
    return {**fields, **change}


# (method, keyword arguments): each breaks the model's constraints in one way or more
INVALID: list[tuple[str, dict[str, Any]]] = [
    ("register_connector", {"connector_label": "bad label", "connector_provisioning_type": "LAMBDA",
                            "connector_provisioning_config": LAMBDA}),
    ("register_connector", {"connector_label": HUGE}),
    ("register_connector", {"connector_label": "a\x00b"}),
    ("register_connector", {"connector_label": "ok_label", "connector_provisioning_type": "LAMBDA"}),
    ("register_connector", {"connector_label": "ok_label", "connector_provisioning_type": "EC2"}),
    ("register_connector", {"connector_label": 12345}),
    ("register_connector", {"connector_label": ["ok_label"]}),
    ("register_connector", {"connector_label": "ok_label", "client_token": ""}),
    ("register_connector", {"connector_label": "ok_label", "client_token": "tab\there"}),
    ("register_connector", {"connector_label": "ok_label", "client_token": "t" * 257}),
    ("register_connector", {"connector_label": "ok_label", "description": "\u2028"}),
    ("register_connector", {"connector_label": "ok_label",
                            "connector_provisioning_config": {"lambda": {"lambdaArn": "x"}}}),
    ("update_connector_registration", {"connector_label": None}),
    ("update_connector_registration", {"connector_label": "ö_label"}),
    ("unregister_connector", {"connector_label": "ok_label", "force_delete": "yes"}),
    ("unregister_connector", {"connector_label": "ok_label", "force_delete": 1}),
    ("create_connector_profile", {"connector_profile_name": "p", "connector_type": "Salesforce",
                                  "connection_mode": "Public",
                                  "connector_profile_config": rq.custom_config("v")}),
    ("create_connector_profile", {"connector_profile_name": "p", "connector_type": "CustomConnector",
                                  "connection_mode": "Public",
                                  "connector_profile_config": rq.custom_config("v")}),
    ("create_connector_profile", {"connector_profile_name": "p", "connector_type": "CustomConnector",
                                  "connector_label": "c", "connection_mode": "Sideways",
                                  "connector_profile_config": rq.custom_config("v")}),
    ("create_connector_profile", {"connector_profile_name": "p", "connector_type": "CustomConnector",
                                  "connector_label": "c", "connection_mode": "Public",
                                  "connector_profile_config": {"connectorProfileProperties": {}}}),
    ("update_connector_profile", {"connector_profile_name": "p q", "connection_mode": "Public",
                                  "connector_profile_config": rq.custom_config("v")}),
    ("update_connector_profile", {"connector_profile_name": "p", "connection_mode": "Public",
                                  "connector_profile_config": rq.custom_config("v"),
                                  "client_token": "\x7f"}),
    ("delete_connector_profile", {"connector_profile_name": ""}),
    ("delete_connector_profile", {"connector_profile_name": "p", "force_delete": "true"}),
    ("describe_connector_profiles", {"max_results": 0}),
    ("describe_connector_profiles", {"max_results": 10**20}),
    ("describe_connector_profiles", {"max_results": True}),
    ("describe_connector_profiles", {"max_results": 5.0}),
    ("describe_connector_profiles", {"connector_profile_names": "p"}),
    ("describe_connector_profiles", {"connector_profile_names": ["p"] * 1000}),
    ("describe_connector_profiles", {"connector_type": "Nope"}),
    ("describe_connector", {"connector_type": "CustomConnector"}),
    ("describe_connectors", {"connector_types": ["Salesforce", "Nope"]}),
    ("describe_connectors", {"next_token": HUGE}),
    ("list_connectors", {"max_results": -1}),
    ("list_connectors", {"next_token": float("nan")}),
    ("create_flow", flow("bad name")),
    ("create_flow", flow(HUGE)),
    ("create_flow", flow(description="\u2028" * 3)),
    ("create_flow", flow(destination_flow_config_list=[rq.flow_destination()] * 2)),
    ("create_flow", flow(destination_flow_config_list=[])),
    ("create_flow", flow(tasks=[S3_TASK])),
    ("create_flow", flow(tasks="Id")),
    ("create_flow", flow(trigger_config={"triggerType": "OnDemand"})),
    ("create_flow", flow(tags={"k": HUGE})),
    ("create_flow", flow(client_token="")),
    ("update_flow", flow("")),
    ("update_flow", flow(client_token="tab\there")),
    ("update_flow", flow(source_flow_config=None)),
    ("start_flow", {"flow_name": HUGE}),
    ("start_flow", {"flow_name": None}),
    ("start_flow", {"flow_name": "ok-flow", "client_token": "t" * 257}),
]

# misuse of the Python signatures
MISUSE: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("register_connector", (), {"connector_lable": "typo"}),
    ("register_connector", ("not a request",), {}),
    ("register_connector", (rq.register("ok_label", "d"),), {"connector_label": "other"}),
    ("update_connector_registration", (rq.register("ok_label", "d"),), {}),
    ("create_connector_profile", (), {"connectorProfileName": "wire_name"}),
    ("update_connector_profile", (None,), {"bogus": 1}),
    ("delete_connector_profile", ({"connector_profile_name": "p"},), {}),
    ("describe_connectors", (), {"unknown": None}),
    ("list_connectors", (rq.update_profile("p", "v"),), {}),
    ("create_flow", ("not a request",), {}),
    ("create_flow", (), {"flowName": "wire_name"}),
    ("update_flow", (rq.create_flow("ok-flow", "p", "d"),), {}),
    ("start_flow", (rq.start_flow("ok-flow"),), {"flow_name": "other"}),
    ("start_flow", (), {"flow_name": "ok-flow", "force": True}),
]


@pytest.fixture
def client(appflow_endpoint: LocalAppFlow) -> AppFlowClient:
    return AppFlowClient(
        client=appflow_endpoint.client(), retry=RetryPolicy(max_attempts=2, sleep=lambda _: None)
    )


def method(client: AppFlowClient, name: str) -> Callable[..., Any]:
    found: Callable[..., Any] = getattr(client, name)
    return found


@pytest.mark.parametrize(
    ("name", "fields"), INVALID, ids=[f"{n}-{i}" for i, (n, _) in enumerate(INVALID)]
)
def test_invalid_input_raises_validation_error_and_sends_nothing(
    client: AppFlowClient, appflow_endpoint: LocalAppFlow, name: str, fields: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError) as caught:
        method(client, name)(**fields)
    assert caught.value.violations
    assert len(str(caught.value)) < 10_000  # the huge value is not echoed back
    assert appflow_endpoint.requests == []


@pytest.mark.parametrize(
    ("name", "args", "fields"), MISUSE, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(MISUSE)]
)
def test_signature_misuse_raises_type_error_and_sends_nothing(
    client: AppFlowClient, appflow_endpoint: LocalAppFlow, name: str,
    args: tuple[Any, ...], fields: dict[str, Any],
) -> None:
    with pytest.raises(TypeError):
        method(client, name)(*args, **fields)
    assert appflow_endpoint.requests == []


@pytest.mark.parametrize(
    "iterate",
    [
        lambda c: list(c.iter_connector_profiles(max_results=0)),
        lambda c: list(c.iter_connectors(next_token="")),
        lambda c: list(c.iter_connector_configurations(connector_types=["Nope"])),
    ],
    ids=["profiles", "connectors", "configurations"],
)
def test_iterators_validate_before_the_first_page(
    client: AppFlowClient, appflow_endpoint: LocalAppFlow, iterate: Callable[[AppFlowClient], Any]
) -> None:
    with pytest.raises(ValidationError):
        iterate(client)
    assert appflow_endpoint.requests == []


def test_a_valid_call_after_all_that_is_sent(
    client: AppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    """The control: the same fixture does send a valid call."""
    client.register_connector(rq.register("ok_label", "d"))
    assert [r.operation for r in appflow_endpoint.requests] == ["RegisterConnector"]
