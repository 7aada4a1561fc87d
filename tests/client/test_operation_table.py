"""The generated operation table against botocore's service model."""

from __future__ import annotations

import copy
from typing import Any

import botocore
import botocore.session
import pytest
from botocore.model import OperationModel, StructureShape

from appflow_typed._client import AppFlowClient
from appflow_typed._generated.operations import OPERATIONS
from appflow_typed._operation import Operation
from tools import generate_models as gen
from tools import render_operations
from tools.generate_models import OPERATION_GROUPS

MODEL = botocore.session.get_session().get_service_model("appflow")
TABLE = pytest.mark.parametrize("op", list(OPERATIONS.values()), ids=lambda op: op.name)


def operation_model(op: Operation[Any, Any]) -> OperationModel:
    return MODEL.operation_model(op.name)


def members(shape: StructureShape | None) -> dict[str, Any]:
    assert shape is not None
    return dict(shape.members)


def test_the_table_lists_every_covered_operation_once_in_group_order() -> None:
    assert list(OPERATIONS) == [op for ops in OPERATION_GROUPS.values() for op in ops]


@TABLE
def test_shapes_http_and_method_come_from_the_model(op: Operation[Any, Any]) -> None:
    model = operation_model(op)
    assert model.input_shape is not None
    assert model.output_shape is not None
    assert op.request_cls.__name__ == model.input_shape.name
    assert op.response_cls.__name__ == model.output_shape.name
    assert (op.http_method, op.request_uri) == (model.http["method"], model.http["requestUri"])
    assert op.method == botocore.xform_name(op.name)


@TABLE
def test_the_token_member_is_the_idempotency_token(op: Operation[Any, Any]) -> None:
    tokens = [
        name
        for name, shape in members(operation_model(op).input_shape).items()
        if shape.metadata.get("idempotencyToken")
    ]
    assert ([op.token.wire] if op.token else []) == tokens
    assert (op.retry == "client-token") is bool(tokens)


@TABLE
def test_paging_members_exist_on_both_sides(op: Operation[Any, Any]) -> None:
    inputs = members(operation_model(op).input_shape)
    outputs = members(operation_model(op).output_shape)
    if op.paging is None:
        assert not ("nextToken" in inputs and "nextToken" in outputs)
        return
    assert op.paging.input_token.wire in inputs
    assert op.paging.output_token.wire in outputs
    assert op.paging.page_size is None or op.paging.page_size.wire in inputs
    assert outputs[op.paging.items.wire].type_name == op.paging.items_kind


def test_retry_semantics() -> None:
    semantics = {name: op.retry for name, op in OPERATIONS.items()}
    assert semantics["DescribeConnectors"] == "read-only"
    assert semantics["DeleteConnectorProfile"] == "delete"
    assert semantics["RegisterConnector"] == "client-token"
    assert semantics["CreateFlow"] == semantics["UpdateFlow"] == "client-token"
    assert semantics["StartFlow"] == "client-token"
    assert semantics["DeleteFlow"] == "delete"
    assert semantics["ListFlows"] == semantics["DescribeFlowExecutionRecords"] == "read-only"
    assert semantics["TagResource"] == semantics["UntagResource"] == "idempotent"
    assert semantics["ResetConnectorMetadataCache"] == "idempotent"
    # not re-sent after an unknown outcome (see tools/render_operations.py, IDEMPOTENT)
    assert semantics["StopFlow"] == semantics["CancelFlowExecutions"] == "none"
    assert {name for name, op in OPERATIONS.items() if not op.idempotent} == {
        "StopFlow",
        "CancelFlowExecutions",
    }


def test_only_paged_operations_have_iterators() -> None:
    paged = {op.name for op in OPERATIONS.values() if op.paging}
    assert paged == {
        "DescribeConnectorProfiles",
        "DescribeConnectors",
        "ListConnectors",
        "ListFlows",
        "DescribeFlowExecutionRecords",
        "ListConnectorEntities",
    }
    surface = {
        name for cls in AppFlowClient.__mro__ for name in vars(cls) if name.startswith("iter_")
    }
    assert surface == {
        "iter_connector_profiles",
        "iter_connectors",
        "iter_connector_configurations",
        "iter_flows",
        "iter_flow_execution_records",
        "iter_connector_entities",
    }


# --- the generator's operation section ----------------------------------------------------


def _renderer(raw: dict[str, Any] | None = None) -> render_operations.OperationsRenderer:
    data = raw if raw is not None else gen.load_model()
    return render_operations.OperationsRenderer(gen.Renderer(gen.Model(data)))


def test_the_async_flavour_is_the_same_template() -> None:
    renderer = _renderer()
    sync = renderer.surface_module(render_operations.SYNC)
    text = renderer.surface_module(render_operations.ASYNC)
    compile(text, "async_surface.py", "exec")
    assert "class AsyncOperations:" in text
    assert "async def register_connector(" in text
    assert "return await self._token_call(REGISTER_CONNECTOR, request, fields)" in text
    assert "-> AsyncIterator[ConnectorDetail]:" in text
    assert "async for page in self._pages(LIST_CONNECTORS, first):" in text

    # the same methods, overloads and docstrings, in the same order
    def shape(source: str) -> list[str]:
        return [
            line.replace("async def", "def")
            .replace("await ", "")
            .replace("AsyncIterator", "Iterator")
            .replace("asynchronous", "synchronous")
            for line in source.splitlines()
            if line.lstrip().startswith(("def ", "async def ", "@overload", '"""'))
        ]

    assert shape(text) == shape(sync)


def _with_operation(raw: dict[str, Any], name: str, spec: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    data["operations"][name] = spec
    return data


def test_an_operation_without_token_or_table_entry_is_not_idempotent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = gen.load_model()
    spec = copy.deepcopy(raw["operations"]["DeleteConnectorProfile"])
    spec["name"] = "DeleteConnectorProfileAgain"
    monkeypatch.setitem(gen.OPERATION_GROUPS, "extra", ("DeleteConnectorProfileAgain",))
    renderer = _renderer(_with_operation(raw, "DeleteConnectorProfileAgain", spec))
    assert renderer.token("DeleteConnectorProfileAgain") is None
    assert renderer.retry("DeleteConnectorProfileAgain") == "none"
    assert renderer.retry("DeleteConnectorProfile") == "delete"
    assert renderer.retry("DescribeConnector") == "read-only"
    assert renderer.retry("RegisterConnector") == "client-token"


def test_paging_with_two_candidate_item_members_must_be_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(render_operations.PAGED_ITEMS, "DescribeConnectors")
    with pytest.raises(SystemExit, match="which member holds the items"):
        _renderer().paging("DescribeConnectors")


def test_paging_is_derived_from_the_members() -> None:
    assert _renderer().paging("ListConnectors") == {
        "input_token": "nextToken",
        "page_size": "maxResults",
        "output_token": "nextToken",
        "items": "connectors",
        "items_kind": "list",
    }
    assert _renderer().paging("DescribeConnector") is None


def test_a_table_entry_for_an_uncovered_operation_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(render_operations, "READ_ONLY", frozenset({"ListWidgets"}))
    with pytest.raises(SystemExit, match="not covered"):
        _renderer()
