"""Validate once: the request models reject whatever botocore's own validation rejects.

``AppFlowClient`` and ``AsyncAppFlowClient`` send through a boto3 client whose
``parameter_validation`` is off, because every request they send was built by a request
model. That is safe only if the models' checks are a superset of botocore's
``ParamValidator``'s, and if what a model accepts dumps to parameters botocore's validator
and serializer both take. Both are checked here over every single-constraint break of
``tests/strategies.py`` and every place of a valid request given each of its hostile values.

Two inputs botocore rejects are taken on purpose, as the models document: ``None`` for an
optional member means the member is absent (``to_boto`` leaves it out), and a mapping that is
not a ``dict`` is read as one (``to_boto`` writes a ``dict``). What those requests dump to
passes botocore (the second property covers them).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import botocore.serialize
import pytest
from botocore.model import OperationModel
from botocore.validate import ParamValidator
from hypothesis import given, settings
from hypothesis import strategies as st

import appflow_typed
from appflow_typed import AppFlowClient, ValidationError, from_boto, testing, to_boto
from appflow_typed.models import ScheduledTriggerProperties
from tests import strategies as S
from tests.client._helpers import own_client

OPERATIONS = pytest.mark.parametrize("operation", S.OPERATION_NAMES)

# Each example checks a few hundred variants of one request: a tenth of the profile's count.
FEWER = settings(max_examples=max(2, settings().max_examples // 10))

_SERIALIZER = botocore.serialize.create_serializer("rest-json", include_validation=False)


def operation_model(operation: str) -> OperationModel:
    return S.SERVICE_MODEL.operation_model(operation)


def botocore_rejects(operation: str, params: Any) -> bool:
    """Whether botocore's ParamValidator refuses ``params`` (raising counts: it does for
    some timestamps it cannot convert)."""
    shape = operation_model(operation).input_shape
    assert shape is not None
    try:
        return bool(ParamValidator().validate(params, shape).has_errors())
    except Exception:  # botocore raises RuntimeError or OverflowError on some timestamps
        return True


def taken_on_purpose(brk: S.Break) -> bool:
    """Whether ``brk`` is one of the two documented readings (see the module docstring)."""
    value = brk.value
    if brk.site.map_key:
        return False
    if value is None:  # an optional member left out; a required one is still missing
        return brk.site.is_member and brk.site.member not in S.required_members(
            brk.site.owner or ""
        )
    return isinstance(value, Mapping) and not isinstance(value, dict)


def cases(draw: S.Draw, operation: str) -> Iterator[tuple[S.Break, dict[str, Any]]]:
    """Every break and every substitution of one valid request of ``operation``."""
    root = draw(S.request_dicts(operation))
    shape = S.request_shape(operation)
    for brk in [*S.breaks(draw, shape, root), *S.substitutions(shape, root)]:
        yield brk, brk.apply(root)


@OPERATIONS
def test_what_botocore_rejects_the_models_reject(operation: str) -> None:
    cls: type[Any] = getattr(appflow_typed, f"{operation}Request")

    @FEWER
    @given(st.data())
    def check(data: st.DataObject) -> None:
        for brk, params in cases(data.draw, operation):
            if not botocore_rejects(operation, params) or taken_on_purpose(brk):
                continue
            try:
                from_boto(cls, params)
            except ValidationError:
                continue
            pytest.fail(f"botocore rejects, the models accept: {brk.site.path} {brk.kind}")

    check()


@OPERATIONS
def test_what_the_models_accept_botocore_validates_and_serializes(operation: str) -> None:
    cls: type[Any] = getattr(appflow_typed, f"{operation}Request")
    model = operation_model(operation)

    @FEWER
    @given(st.data())
    def check(data: st.DataObject) -> None:
        for brk, params in cases(data.draw, operation):
            try:
                request = from_boto(cls, params)
            except ValidationError:
                continue
            dumped = to_boto(request)
            where = f"{brk.site.path} {brk.kind}"
            assert not botocore_rejects(operation, dumped), where
            _SERIALIZER.serialize_to_request(dumped, model)  # raises nothing

    check()


# Python's ISO 8601 parser reads the first as a week date; botocore's cannot convert any of
# them, and its validator raises RuntimeError or OverflowError on the last three.
@pytest.mark.parametrize(
    "value",
    [
        "2026-W01",
        1e20,
        253402300800,
        datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5))),
    ],
    ids=["week-date", "1e20", "year-10000", "before-year-1-in-utc"],
)
def test_a_timestamp_botocore_cannot_convert_is_a_validation_error(value: Any) -> None:
    data = {"scheduleExpression": "rate(1hours)", "scheduleStartTime": value}
    with pytest.raises(ValidationError) as info:
        from_boto(ScheduledTriggerProperties, data)
    assert [v.path for v in info.value.violations] == ["scheduleStartTime"]
    with pytest.raises(ValidationError):
        ScheduledTriggerProperties(schedule_expression="rate(1hours)", schedule_start_time=value)


# --------------------------------------------------------------------------- validated once


@attrs.define
class ValidatorSpy:
    """Counts the requests botocore's ParamValidator checks, by top-level parameters."""

    checked: list[frozenset[str]] = attrs.field(factory=list)


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> ValidatorSpy:
    found = ValidatorSpy()
    original = ParamValidator.validate

    def validate(self: ParamValidator, params: Any, shape: Any) -> Any:
        found.checked.append(frozenset(params))
        return original(self, params, shape)

    monkeypatch.setattr(ParamValidator, "validate", validate)
    return found


def test_the_client_s_requests_skip_botocore_s_validation(
    appflow_endpoint: testing.LocalAppFlow, spy: ValidatorSpy
) -> None:
    with own_client(appflow_endpoint) as client:
        client.describe_connectors(connector_types=["Salesforce"])
        client.list_connectors(max_results=5)
    assert spy.checked == []


def test_a_given_client_keeps_botocore_s_validation_for_its_own_calls(
    appflow_endpoint: testing.LocalAppFlow, spy: ValidatorSpy
) -> None:
    own = appflow_endpoint.client()
    with AppFlowClient(client=own) as client:
        client.list_connectors(max_results=5)
        assert spy.checked == []
        own.list_connectors(maxResults=5)
        assert spy.checked == [frozenset({"maxResults"})]
        with pytest.raises(botocore.exceptions.ParamValidationError):
            own.list_connectors(maxResults="5")  # type: ignore[arg-type]
    own.close()


def test_a_guarded_client_keeps_botocore_s_validation(
    appflow_endpoint: testing.LocalAppFlow, spy: ValidatorSpy
) -> None:
    own = appflow_typed.guard(appflow_endpoint.client())
    own.list_connectors(maxResults=5)
    assert spy.checked == [frozenset({"maxResults"})]
    own.close()
