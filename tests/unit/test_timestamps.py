"""Request timestamps: the models take exactly what botocore takes.

botocore reads a request timestamp with ``botocore.utils.parse_to_aware_datetime`` (its
parameter validator and its serializers alike): epoch seconds as numbers or text, ISO 8601,
RFC 822 and whatever else ``dateutil`` parses. The models, ``from_boto`` and ``guard()``
take the same, minus booleans and values botocore cannot serialize.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from botocore.validate import ParamValidator
from hypothesis import given
from hypothesis import strategies as st
from mypy_boto3_appflow import AppflowClient

from appflow_typed import ValidationError, from_boto, guard, models
from appflow_typed.models._interpret import is_timestamp
from appflow_typed.testing import LocalAppFlow
from tests.endpoint.conftest import create_profile
from tests.endpoint.test_flows import create_flow

TAKEN = [
    "1704067200",  # epoch seconds as text
    "1704067200.5",
    "Mon, 01 Jan 2024 00:00:00 GMT",  # RFC 822
    "2024/01/01",
    "2024-01-01",
    "2024-01-01T00:00:00Z",
    "2024-01-01T13:00:00-07:00",
    1704067200,
    1704067200.5,
    datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
    datetime.datetime(2024, 1, 1),
]
REFUSED = ["", "garbage", "2024-13-01", 1e20, float("nan"), float("inf"), True, [], {}]


def botocore_takes(value: object) -> bool:
    """What botocore's parameter validation says of a timestamp value."""
    check: Any = ParamValidator()
    return bool(check._type_check_datetime(value))  # private: the stubs leave it out


def scheduled(start: Any) -> dict[str, Any]:
    return {"scheduleExpression": "rate(1hours)", "scheduleStartTime": start}


@pytest.mark.parametrize("value", TAKEN, ids=repr)
def test_what_botocore_takes_is_taken(value: object) -> None:
    assert botocore_takes(value)
    assert is_timestamp(value)
    found = from_boto(models.ScheduledTriggerProperties, scheduled(value))
    assert found.schedule_start_time == value  # kept as given: botocore reads it when sent


@pytest.mark.parametrize("value", REFUSED, ids=repr)
def test_what_botocore_refuses_or_cannot_send_is_refused(value: object) -> None:
    assert not is_timestamp(value)
    with pytest.raises(ValidationError) as caught:
        from_boto(models.ScheduledTriggerProperties, scheduled(value))
    assert [v.path for v in caught.value.violations] == ["scheduleStartTime"]


@given(st.one_of(st.text(max_size=40), st.integers(-(10**12), 10**12), st.floats()))
def test_the_models_agree_with_botocore(value: object) -> None:
    try:
        expected = botocore_takes(value)
    except (OverflowError, OSError, RuntimeError):  # botocore could not serialize it either
        expected = False
    assert is_timestamp(value) is expected


def test_a_guarded_client_sends_the_timestamps_boto3_takes(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    create_profile(appflow_client, "sf")
    client = guard(appflow_client)
    for number, start in enumerate(["1704067200", "Mon, 01 Jan 2024 00:00:00 GMT", "2024/01/01"]):
        trigger = {"triggerType": "Scheduled", "triggerProperties": {"Scheduled": scheduled(start)}}
        create_flow(client, f"flow_{number}", trigger=trigger)
    assert len(appflow_endpoint.flows) == 3
