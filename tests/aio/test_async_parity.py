"""Every operation and iterator, once through AppFlowClient and once through AsyncAppFlowClient.

One scenario walks the whole service against a fresh local endpoint: a custom connector's
registration, its profile, its entities, a flow (tags, a run, a cancel, a refused StopFlow)
and the clean-up, with every paged operation's iterator. It is written once, as a generator
of calls, and run by a synchronous and an asynchronous runner; both facades must give the same
typed answers, and the same errors, step by step (identifiers and times aside).
"""

from __future__ import annotations

import datetime
from collections.abc import Generator
from typing import Any

import attrs
import pytest

from appflow_typed import (
    AppFlowClient,
    AsyncAppFlowClient,
    Result,
    ServiceError,
    UpsertResult,
    to_boto,
)
from appflow_typed._generated.operations import OPERATIONS
from appflow_typed._operation import Paging
from appflow_typed.errors import WaiterError
from appflow_typed.models import (
    ApiKeyCredentials,
    ConnectorOperator,
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CustomConnectorProfileCredentials,
    CustomConnectorProfileProperties,
    CustomConnectorSourceProperties,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    LambdaConnectorProvisioningConfig,
    S3DestinationProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    Task,
    TriggerConfig,
)
from appflow_typed.testing import CatalogEntity, CatalogField, LocalAppFlow

LABEL = "acme_invoices"
PROFILE = "acme-production"
FLOW = "acme-invoices-to-s3"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:acme"

Step = tuple[str, dict[str, Any]]
"""A client method (an operation's, or an iterator's) and its keyword arguments."""

Scenario = Generator[Step, Any, None]


def _config(region: str) -> ConnectorProfileConfig[Any]:
    return ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            custom_connector=CustomConnectorProfileProperties(profile_properties={"region": region})
        ),
        connector_profile_credentials=ConnectorProfileCredentials(
            custom_connector=CustomConnectorProfileCredentials(
                authentication_type="APIKEY", api_key=ApiKeyCredentials(api_key="an-api-key")
            )
        ),
    )


def _flow(description: str) -> dict[str, Any]:
    return {
        "flow_name": FLOW,
        "description": description,
        "trigger_config": TriggerConfig(trigger_type="OnDemand"),
        "source_flow_config": SourceFlowConfig(
            connector_type="CustomConnector",
            connector_profile_name=PROFILE,
            source_connector_properties=SourceConnectorProperties(
                custom_connector=CustomConnectorSourceProperties(entity_name="Invoice")
            ),
        ),
        "destination_flow_config_list": [
            DestinationFlowConfig(
                connector_type="S3",
                destination_connector_properties=DestinationConnectorProperties(
                    s3=S3DestinationProperties(bucket_name="acme-archive")
                ),
            )
        ],
        "tasks": [
            Task(
                source_fields=["Id"],
                connector_operator=ConnectorOperator(custom_connector="PROJECTION"),
                task_type="Filter",
            )
        ],
    }


def scenario() -> Scenario:
    """The calls, in order; each is sent back its answer (or the error it raised)."""
    provisioning = ConnectorProvisioningConfig(
        lambda_=LambdaConnectorProvisioningConfig(lambda_arn=LAMBDA)
    )
    yield "register_connector", {
        "connector_label": LABEL,
        "connector_provisioning_type": "LAMBDA",
        "connector_provisioning_config": provisioning,
    }
    yield "update_connector_registration", {"connector_label": LABEL, "description": "v2"}
    yield "describe_connector", {"connector_type": "CustomConnector", "connector_label": LABEL}
    yield "describe_connectors", {"connector_types": ["CustomConnector"]}
    yield "iter_connector_configurations", {"connector_types": ["CustomConnector"]}
    yield "list_connectors", {}
    yield "iter_connectors", {"max_results": 1}
    yield "create_connector_profile", {
        "connector_profile_name": PROFILE,
        "connector_type": "CustomConnector",
        "connector_label": LABEL,
        "connection_mode": "Public",
        "connector_profile_config": _config("eu1"),
    }
    yield "update_connector_profile", {
        "connector_profile_name": PROFILE,
        "connection_mode": "Public",
        "connector_profile_config": _config("eu2"),
    }
    yield "describe_connector_profiles", {"connector_profile_names": [PROFILE]}
    yield "iter_connector_profiles", {"max_results": 1}
    yield "list_connector_entities", {"connector_profile_name": PROFILE}
    yield "iter_connector_entities", {"connector_profile_name": PROFILE}
    yield "describe_connector_entity", {
        "connector_entity_name": "Invoice",
        "connector_profile_name": PROFILE,
    }
    yield "reset_connector_metadata_cache", {"connector_profile_name": PROFILE}
    created = yield "create_flow", _flow("v1")
    flow_arn = created.value.flow_arn
    yield "update_flow", {k: v for k, v in _flow("v2").items() if k != "description"} | {
        "description": "v2"
    }
    yield "create_or_update_flow", _flow("v2")  # as update_flow left it
    yield "create_or_update_flow", _flow("v2") | {"tags": {"team": "billing"}}
    yield "describe_flow", {"flow_name": FLOW}
    yield "list_flows", {}
    yield "iter_flows", {}
    yield "tag_resource", {"resource_arn": flow_arn, "tags": {"team": "billing", "env": "prod"}}
    yield "untag_resource", {"resource_arn": flow_arn, "tag_keys": ["env"]}
    yield "list_tags_for_resource", {"resource_arn": flow_arn}
    started = yield "start_flow", {"flow_name": FLOW}  # held: it stays in progress
    yield "cancel_flow_executions", {
        "flow_name": FLOW,
        "execution_ids": [started.value.execution_id],
    }
    yield "wait_for_flow_run", {  # held and cancel started: it has not ended
        "flow_name": FLOW,
        "execution_id": started.value.execution_id,
        "timeout": 0,
    }
    yield "wait_for_flow_status", {"flow_name": FLOW, "status": "Active"}
    yield "describe_flow_execution_records", {"flow_name": FLOW}
    yield "iter_flow_execution_records", {"flow_name": FLOW}
    yield "stop_flow", {"flow_name": FLOW}  # an on-demand flow: refused
    yield "delete_flow", {"flow_name": FLOW, "force_delete": True}
    yield "delete_connector_profile", {"connector_profile_name": PROFILE}
    yield "unregister_connector", {"connector_label": LABEL}


def _prepare(endpoint: LocalAppFlow) -> None:
    endpoint.add_entities(
        LABEL,
        CatalogEntity(name="Invoice", fields=[CatalogField(identifier="Id")]),
        CatalogEntity(name="Customer", fields=[CatalogField(identifier="Id")]),
    )
    endpoint.hold_executions()


_UPSERT_FACTS = {"action", "arn", "changed", "attempts", "fell_back"}
_VOLATILE = {"executionId", "executionIds", "clientToken", "credentialsArn"}  # minted per run


def _plain(value: Any) -> Any:
    """An answer as comparable data: models as their AWS shape, times and run IDs left out."""
    if isinstance(value, Result):
        return {"value": _plain(value.value), "attempts": value.attempts}
    if isinstance(value, ServiceError):
        return {"error": type(value).__name__, "code": value.code}
    if isinstance(value, WaiterError):
        return {"error": type(value).__name__, "flow": value.flow_name}
    if isinstance(value, UpsertResult):  # the write's token and request id are minted per run
        return {k: _plain(v) for k, v in attrs.asdict(value).items() if k in _UPSERT_FACTS}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_plain(item) for item in value)
    if hasattr(value, "__attrs_attrs__"):
        return _plain(to_boto(value))
    if isinstance(value, dict):
        return {
            k: _plain(v)
            for k, v in value.items()
            if k not in _VOLATILE and not isinstance(v, datetime.datetime)
        }
    return value


def _run_sync(client: AppFlowClient) -> list[tuple[str, Any]]:
    answers: list[tuple[str, Any]] = []
    steps = scenario()
    answer: Any = None
    while True:
        try:
            method, kwargs = steps.send(answer)
        except StopIteration:
            return answers
        try:
            answer = getattr(client, method)(**kwargs)
            if method.startswith("iter_"):
                answer = list(answer)
        except (ServiceError, WaiterError) as error:
            answer = error
        answers.append((method, _plain(answer)))


async def _run_async(client: AsyncAppFlowClient) -> list[tuple[str, Any]]:
    answers: list[tuple[str, Any]] = []
    steps = scenario()
    answer: Any = None
    while True:
        try:
            method, kwargs = steps.send(answer)
        except StopIteration:
            return answers
        try:
            if method.startswith("iter_"):
                answer = [item async for item in getattr(client, method)(**kwargs)]
            else:
                answer = await getattr(client, method)(**kwargs)
        except (ServiceError, WaiterError) as error:
            answer = error
        answers.append((method, _plain(answer)))


def test_the_scenario_calls_every_operation_and_every_iterator() -> None:
    methods = {method for method, _ in scenario_without_answers()}
    assert {op.method for op in OPERATIONS.values()} <= methods
    paged = {name for name in dir(AppFlowClient) if name.startswith("iter_")}
    assert paged <= methods
    helpers = {
        name
        for name in dir(AppFlowClient)
        if name.startswith(("wait_for_", "create_or_update_flow"))
    }
    assert helpers == {"create_or_update_flow", "wait_for_flow_run", "wait_for_flow_status"}
    assert helpers <= methods
    assert all(isinstance(op.paging, Paging) for op in OPERATIONS.values() if op.paging)


def scenario_without_answers() -> list[Step]:
    """The scenario's steps, sent stand-in answers (for listing them only)."""

    class _Answer:
        value = type("value", (), {"flow_arn": "arn", "execution_id": "id"})()

    steps = scenario()
    found = [next(steps)]
    while True:
        try:
            found.append(steps.send(_Answer()))
        except StopIteration:
            return found


@pytest.mark.anyio
async def test_both_facades_answer_every_step_alike() -> None:
    with LocalAppFlow() as endpoint:
        _prepare(endpoint)
        with AppFlowClient(client=endpoint.client()) as client:
            sync_answers = _run_sync(client)
    with LocalAppFlow() as endpoint:
        _prepare(endpoint)
        async with AsyncAppFlowClient(
            region_name=endpoint.region, endpoint_url=endpoint.url
        ) as async_client:
            async_answers = await _run_async(async_client)

    assert [method for method, _ in async_answers] == [method for method, _ in sync_answers]
    for (method, ours), (_, theirs) in zip(async_answers, sync_answers, strict=True):
        assert ours == theirs, method
    # the scenario does what it says: the refused StopFlow, the cancelled run
    answers = dict(sync_answers)
    assert answers["stop_flow"]["error"] == "UnsupportedOperationError"
    (record,) = answers["iter_flow_execution_records"]
    assert record["executionStatus"] == "CancelStarted"  # held: it stays so until it ends
    assert answers["list_tags_for_resource"] == {"tags": {"team": "billing"}}
    assert answers["wait_for_flow_run"] == {"error": "WaiterTimeoutError", "flow": FLOW}
    assert answers["wait_for_flow_status"]["flowStatus"] == "Active"
    upserts = [answer for method, answer in sync_answers if method == "create_or_update_flow"]
    assert [(u["action"], u["changed"]) for u in upserts] == [
        ("unchanged", ()),
        ("updated", ("tags",)),
    ]
    assert sorted(e["name"] for _, e in answers["iter_connector_entities"]) == ["Customer", "Invoice"]
