"""The generated operation table against botocore's service model."""

from __future__ import annotations

from typing import Any

import botocore
import botocore.session
import pytest
from botocore.model import OperationModel, StructureShape

from appflow_typed._client import AppFlowClient
from appflow_typed._generated.operations import OPERATIONS
from appflow_typed._operation import Operation
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
    assert all(op.idempotent for op in OPERATIONS.values())


def test_only_paged_operations_have_iterators() -> None:
    paged = {op.name for op in OPERATIONS.values() if op.paging}
    assert paged == {"DescribeConnectorProfiles", "DescribeConnectors", "ListConnectors"}
    surface = {
        name for cls in AppFlowClient.__mro__ for name in vars(cls) if name.startswith("iter_")
    }
    assert surface == {
        "iter_connector_profiles",
        "iter_connectors",
        "iter_connector_configurations",
    }
