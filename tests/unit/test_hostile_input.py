"""Whatever arrives, ``from_boto`` answers with a ``ValidationError`` or a model, nothing else."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import appflow_typed
from appflow_typed import ValidationError, from_boto
from tests import strategies as S

OPERATIONS = pytest.mark.parametrize("operation", S.OPERATION_NAMES)
MEMBER_NAMES = S.all_member_names()
DEPTH = 10_000
TEN_MB = 10 * 1024 * 1024


def request_class(operation: str) -> type[Any]:
    cls: type[Any] = getattr(appflow_typed, f"{operation}Request")
    return cls


def response_class(operation: str) -> type[Any]:
    cls: type[Any] = getattr(appflow_typed, f"{operation}Response")
    return cls


def parse(cls: type[Any], data: Any) -> ValidationError | None:
    """The ValidationError ``from_boto`` raises, or ``None`` if the data was accepted.

    Any other exception propagates and fails the test.
    """
    try:
        from_boto(cls, data)
    except ValidationError as exc:
        err = exc
    else:
        return None
    assert err.violations, "a ValidationError without violations"
    return err


def nested_lists(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def nested_dicts(depth: int, key: str) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {key: value}
    return value


def payloads(operation: str) -> st.SearchStrategy[Any]:
    """Anything at all, and objects whose keys are (mostly) the request's own members."""
    members = tuple(S.SHAPES[S.request_shape(operation)]["members"]) or ("x",)
    return S.json_like(MEMBER_NAMES) | st.dictionaries(
        st.sampled_from(members), S.json_like(MEMBER_NAMES), max_size=len(members)
    )


@st.composite
def planted(draw: st.DrawFn, operation: str) -> dict[str, Any]:
    """A valid request with one place (member, item, map key or value) replaced by an
    arbitrary JSON-like value, removed, or given an extra member."""
    root = draw(S.request_dicts(operation))
    places = list(S.sites(S.request_shape(operation), root))
    # depth first, then a place at that depth: shallow members are not drowned out
    depth = draw(st.sampled_from(sorted({len(p.location) for p in places})))
    site = draw(st.sampled_from([p for p in places if len(p.location) == depth]))
    broken = copy.deepcopy(root)
    action = draw(st.sampled_from(["replace", "remove", "add member"]))
    if not site.location or action == "add member":
        if S.SHAPES[site.shape]["type"] == "structure":
            name = draw(st.sampled_from(MEMBER_NAMES) | st.text(max_size=8))
            S.get_at(broken, site.location)[name] = draw(S.json_like(MEMBER_NAMES))
            return broken
        action = "replace"
    parent = S.get_at(broken, site.location[:-1])
    if action == "remove":
        del parent[site.location[-1]]
    elif site.map_key:
        hashable = (
            st.none() | st.booleans() | st.integers() | st.floats() | st.text() | S.huge_text()
        )
        new_key = draw(hashable)
        items = [(new_key if k == site.location[-1] else k, v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    else:
        parent[site.location[-1]] = draw(S.json_like(MEMBER_NAMES))
    return broken


@OPERATIONS
def test_arbitrary_payloads_raise_only_validation_errors(operation: str) -> None:
    cls = request_class(operation)

    @given(payloads(operation))
    def check(data: Any) -> None:
        parse(cls, data)

    check()


@OPERATIONS
def test_arbitrary_values_planted_in_valid_requests_raise_only_validation_errors(
    operation: str,
) -> None:
    cls = request_class(operation)

    @given(planted(operation))
    def check(data: dict[str, Any]) -> None:
        parse(cls, data)

    check()


@OPERATIONS
def test_arbitrary_response_payloads_parse_or_raise_validation_errors(operation: str) -> None:
    cls = response_class(operation)

    @given(payloads(operation))
    def check(data: Any) -> None:
        parse(cls, data)

    check()


def test_non_dict_payloads_are_rejected_at_the_root() -> None:
    data: Any
    for data in (None, [], "x", 1, float("nan"), (), {1, 2}):
        err = parse(appflow_typed.ListConnectorsRequest, data)
        assert err is not None
        assert [v.path for v in err.violations] == [""]


@OPERATIONS
def test_deeply_nested_values_in_every_member_raise_only_validation_errors(operation: str) -> None:
    cls = request_class(operation)
    deep_values = [nested_lists(DEPTH), *(nested_dicts(DEPTH, key) for key in ("x", "lambda"))]

    @given(S.request_dicts(operation))
    def check(root: dict[str, Any]) -> None:
        for site in S.sites(S.request_shape(operation), root):
            if not site.location or site.map_key:
                continue
            for deep in deep_values:
                broken = copy.deepcopy(root)
                S.get_at(broken, site.location[:-1])[site.location[-1]] = deep
                err = parse(cls, broken)
                assert err is not None, site.path
                assert any(v.path.startswith(site.path) for v in err.violations), site.path

    check()


def test_deeply_nested_payload_is_a_validation_error() -> None:
    for data in (nested_dicts(DEPTH, "connectorLabel"), nested_dicts(DEPTH, "x")):
        err = parse(appflow_typed.UnregisterConnectorRequest, data)
        assert err is not None


def test_ten_megabyte_label_is_rejected_for_its_length() -> None:
    # ö breaks the pattern too: the length check must answer first, so the pattern never
    # scans the 10 MB
    for label in ("a" * TEN_MB, "ö" * TEN_MB):
        err = parse(appflow_typed.UnregisterConnectorRequest, {"connectorLabel": label})
        assert err is not None
        assert [(v.path, v.message) for v in err.violations] == [
            ("connectorLabel", f"expected at most 256 characters, got {TEN_MB}")
        ]
        assert len(str(err)) < 1000


def test_ten_megabyte_map_key_and_unknown_member_are_not_echoed() -> None:
    huge = "k" * TEN_MB
    data = {
        "connectorProfileName": "p",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"CustomConnector": {"profileProperties": {huge: "v"}}}
        },
        huge: 1,
    }
    err = parse(appflow_typed.UpdateConnectorProfileRequest, data)
    assert err is not None
    base = "connectorProfileConfig.connectorProfileProperties.CustomConnector.profileProperties"
    assert (f"{base}[#0] (key)", f"expected 1 to 128 characters, got {TEN_MB}") in [
        (v.path, v.message) for v in err.violations
    ]
    assert len(str(err)) < 2000
