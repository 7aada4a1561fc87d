"""A model keeps lists and dicts of its own: the caller's stay theirs, and models hash by value."""

from __future__ import annotations

import copy
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given

import appflow_typed
from appflow_typed import from_boto, to_boto
from appflow_typed.models import ConnectorOperator, CustomAuthCredentials, Task
from tests import strategies as S

ARN = "arn:aws:appflow:us-east-1:123456789012:flow/orders"


def reversed_maps(value: Any) -> Any:
    """``value`` with every dict's keys in reverse order (equal, differently built)."""
    if isinstance(value, dict):
        return {k: reversed_maps(value[k]) for k in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_maps(v) for v in value]
    return value


@pytest.mark.parametrize("operation", S.OPERATION_NAMES)
def test_equal_request_models_hash_equal(operation: str) -> None:
    cls = getattr(appflow_typed, f"{operation}Request")

    @given(S.request_dicts(operation))
    def check(data: dict[str, Any]) -> None:
        model = from_boto(cls, data)
        twin = from_boto(cls, reversed_maps(copy.deepcopy(data)))
        assert model == twin
        assert hash(model) == hash(twin)
        assert {model: 1}[twin] == 1

    check()


def test_models_differing_in_a_map_value_are_unequal_and_usable_as_keys() -> None:
    one = appflow_typed.TagResourceRequest(resource_arn=ARN, tags={"team": "a"})
    other = appflow_typed.TagResourceRequest(resource_arn=ARN, tags={"team": "b"})
    assert one != other
    assert len({one, other}) == 2


def test_mutating_the_passed_map_changes_nothing_the_model_holds_or_sends() -> None:
    tags = {"team": "orders"}
    model = appflow_typed.TagResourceRequest(resource_arn=ARN, tags=tags)
    before = hash(model)
    tags["aws:not-allowed"] = "x" * 1000  # would break the key pattern and the length
    tags["team"] = "changed"
    assert model.tags == {"team": "orders"}
    assert to_boto(model) == {"resourceArn": ARN, "tags": {"team": "orders"}}
    assert hash(model) == before


def test_mutating_the_passed_list_changes_nothing_the_model_holds() -> None:
    keys = ["team"]
    model = appflow_typed.UntagResourceRequest(resource_arn=ARN, tag_keys=keys)
    keys.append("aws:bad")
    keys[0] = ""
    assert to_boto(model)["tagKeys"] == ["team"]


def test_a_secret_map_is_copied_too() -> None:
    secrets = {"apiKey": "dummy-value"}
    credentials = CustomAuthCredentials(custom_authentication_type="key", credentials_map=secrets)
    secrets["apiKey"] = ""
    secrets["other"] = "dummy"
    assert credentials.credentials_map == {"apiKey": "dummy-value"}


def test_nested_lists_and_maps_are_copied_at_every_level() -> None:
    fields = ["Id", "Name"]
    properties: dict[Any, str] = {"SOURCE_DATA_TYPE": "string"}
    task = Task(
        source_fields=fields,
        connector_operator=ConnectorOperator(s3="PROJECTION"),  # flow-projection-task
        task_type="Filter",
        task_properties=properties,
    )
    tasks = [task]
    data = to_boto(task)
    fields.append("Secret")
    properties["DESTINATION_DATA_TYPE"] = "x"
    holder = _flow_request_with(tasks)
    tasks.append(task)
    tasks.clear()
    assert to_boto(task) == data
    assert to_boto(holder)["tasks"] == [data]


def _flow_request_with(tasks: list[Task]) -> Any:
    """A valid CreateFlowRequest holding ``tasks``, from a request the strategies build."""
    data = {
        "flowName": "orders",
        "triggerConfig": {"triggerType": "OnDemand"},
        "sourceFlowConfig": {
            "connectorType": "S3",
            "sourceConnectorProperties": {"S3": {"bucketName": "source-bucket"}},
        },
        "destinationFlowConfigList": [
            {
                "connectorType": "S3",
                "destinationConnectorProperties": {"S3": {"bucketName": "dest-bucket"}},
            }
        ],
        "tasks": [{"sourceFields": [], "taskType": "Map_all"}],
    }
    base = from_boto(appflow_typed.CreateFlowRequest, data)
    return appflow_typed.CreateFlowRequest(
        flow_name=base.flow_name,
        trigger_config=base.trigger_config,
        source_flow_config=base.source_flow_config,
        destination_flow_config_list=base.destination_flow_config_list,
        tasks=tasks,
    )


def test_a_dict_or_list_subclass_is_copied_as_a_plain_one() -> None:
    tags = OrderedDict(team="orders")
    model = appflow_typed.TagResourceRequest(resource_arn=ARN, tags=tags)
    tags["team"] = "changed"
    assert type(model.tags) is dict
    assert model.tags == {"team": "orders"}


def test_from_boto_keeps_none_of_its_input_containers_nested_either() -> None:
    data: dict[str, Any] = {
        "resourceArn": ARN,
        "tags": {"team": "orders"},
    }
    model = from_boto(appflow_typed.TagResourceRequest, data)
    data["tags"]["team"] = "changed"
    data["tags"]["aws:x"] = "y"
    assert to_boto(model) == {"resourceArn": ARN, "tags": {"team": "orders"}}
    keys = ("team",)
    untag = from_boto(appflow_typed.UntagResourceRequest, {"resourceArn": ARN, "tagKeys": keys})
    assert untag.tag_keys == ["team"]
    task: dict[str, Any] = {
        "sourceFields": ["Id"],
        "connectorOperator": {"S3": "PROJECTION"},  # flow-projection-task
        "taskType": "Filter",
        "taskProperties": {"VALUE": "1"},
    }
    flow = to_boto(_flow_request_with([Task(source_fields=[], task_type="Map_all")]))
    flow["tasks"] = [task]
    request = from_boto(appflow_typed.CreateFlowRequest, flow)
    task["sourceFields"].append("Secret")
    task["taskProperties"]["VALUE"] = "2"
    flow["tasks"].clear()
    assert to_boto(request)["tasks"] == [
        {
            "sourceFields": ["Id"],
            "connectorOperator": {"S3": "PROJECTION"},
            "taskType": "Filter",
            "taskProperties": {"VALUE": "1"},
        }
    ]
