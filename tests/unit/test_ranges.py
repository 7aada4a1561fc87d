"""Ranges the service model does not state: a ``long`` is the service's signed 64-bit integer;
a request timestamp is one botocore can serialize (years 1 to 9999)."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import botocore.session
import pytest
from botocore.validate import ParamValidator

from appflow_typed import CreateFlowRequest, ValidationError, from_boto
from appflow_typed.models import AggregationConfig, ScheduledTriggerProperties

FLOW: dict[str, Any] = {
    "flowName": "orders",
    "triggerConfig": {
        "triggerType": "Scheduled",
        "triggerProperties": {"Scheduled": {"scheduleExpression": "rate(1days)"}},
    },
    "sourceFlowConfig": {
        "connectorType": "S3",
        "sourceConnectorProperties": {"S3": {"bucketName": "in-bucket"}},
    },
    "destinationFlowConfigList": [
        {
            "connectorType": "S3",
            "destinationConnectorProperties": {
                "S3": {
                    "bucketName": "out-bucket",
                    "s3OutputFormatConfig": {"aggregationConfig": {"targetFileSize": 1}},
                }
            },
        }
    ],
    "tasks": [{"sourceFields": ["Id"], "taskType": "Map", "destinationField": "Id"}],
}
SIZE = "destinationFlowConfigList[0].destinationConnectorProperties.S3.s3OutputFormatConfig.aggregationConfig.targetFileSize"
START = "triggerConfig.triggerProperties.Scheduled.scheduleStartTime"


def flow(size: object = 1, start: object = None) -> dict[str, Any]:
    data = copy.deepcopy(FLOW)
    s3 = data["destinationFlowConfigList"][0]["destinationConnectorProperties"]["S3"]
    s3["s3OutputFormatConfig"]["aggregationConfig"]["targetFileSize"] = size
    if start is not None:
        data["triggerConfig"]["triggerProperties"]["Scheduled"]["scheduleStartTime"] = start
    return data


def violations(data: dict[str, Any]) -> list[tuple[str, str]]:
    try:
        from_boto(CreateFlowRequest, data)
    except ValidationError as exc:
        return [(v.path, v.message) for v in exc.violations]
    return []


LONG = "expected an integer from -9223372036854775808 to 9223372036854775807"


@pytest.mark.parametrize("size", [10**100, 2**63, -(2**63) - 1])
def test_a_long_outside_64_bits_is_refused(size: int) -> None:
    assert violations(flow(size=size)) == [(SIZE, LONG)]
    with pytest.raises(ValidationError) as info:
        AggregationConfig(target_file_size=size)
    assert [(v.path, v.message) for v in info.value.violations] == [("targetFileSize", LONG)]


@pytest.mark.parametrize("size", [2**63 - 1, -(2**63), 0])
def test_a_long_within_64_bits_is_taken(size: int) -> None:
    assert violations(flow(size=size)) == []
    assert AggregationConfig(target_file_size=size).target_file_size == size


YEAR_ONE = datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc).timestamp()


@pytest.mark.parametrize("start", [1e20, float("inf"), -1e20, 253402300800, YEAR_ONE - 1, 10**30])
def test_an_epoch_botocore_cannot_serialize_is_refused(start: float) -> None:
    expected = [(START, "expected a timestamp within years 1 to 9999 (epoch seconds)")]
    assert violations(flow(start=start)) == expected
    with pytest.raises(ValidationError):
        ScheduledTriggerProperties(schedule_expression="rate(1days)", schedule_start_time=start)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "start",
    [
        0,
        1_704_067_200,
        253402300799.5,  # 9999-12-31T23:59:59.5Z
        YEAR_ONE,
        datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc),
        "9999-12-31T23:59:59Z",
    ],
)
def test_a_timestamp_botocore_serializes_is_taken(start: object) -> None:
    assert violations(flow(start=start)) == []


@pytest.mark.parametrize(
    "start", [1e20, 253402300800, 253402300799.5, YEAR_ONE, YEAR_ONE - 1, 0, -1e20]
)
def test_epoch_verdicts_agree_with_botocore(start: float) -> None:
    # botocore's validator calls an epoch it cannot turn into a datetime invalid, or raises a
    # bare RuntimeError on it (as its serializer does): either way botocore cannot send it
    model = botocore.session.get_session().get_service_model("appflow")
    shape = model.operation_model("CreateFlow").input_shape
    assert shape is not None
    try:
        rejected = ParamValidator().validate(flow(start=start), shape).has_errors()
    except RuntimeError:
        rejected = True
    assert rejected == bool(violations(flow(start=start)))
