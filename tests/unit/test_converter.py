"""The cattrs converter from ``make_converter()`` and ``from_boto``/``to_boto`` agree on every
model class: same instances, same ``ValidationError``, same AWS-shaped data."""

from __future__ import annotations

import pickle
from typing import Any

import cattrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import appflow_typed.models
from appflow_typed import ValidationError, from_boto, to_boto
from appflow_typed._converter import make_converter
from appflow_typed.models import LambdaConnectorProvisioningConfig
from appflow_typed.models._schema import STRICT_SHAPES, WIRE_NAMES
from tests import strategies as S

CONVERTER = make_converter()


def outcome(parse: Any, data: Any) -> tuple[str, Any]:
    """What parsing gives: the instance, or the error's model and violations."""
    try:
        return "ok", parse(data)
    except ValidationError as exc:
        return "error", (exc.model, exc.violations, str(exc))


def same(one: tuple[str, Any], other: tuple[str, Any]) -> bool:
    # pickled: a NaN a response carries is equal to itself there
    return pickle.dumps(one) == pickle.dumps(other)


@pytest.mark.parametrize("name", sorted(WIRE_NAMES))
def test_structure_and_unstructure_are_from_boto_and_to_boto(name: str) -> None:
    cls: type[Any] = getattr(appflow_typed.models, name)
    valid = S.value_strategy(name, response=name not in STRICT_SHAPES)
    hostile = st.dictionaries(
        st.sampled_from(tuple(WIRE_NAMES[name].values()) or ("x",)), S.json_like(), max_size=4
    )

    @settings(max_examples=15)
    @given(data=valid | hostile | S.json_like(tuple(WIRE_NAMES[name].values())))
    def check(data: Any) -> None:
        by_converter = outcome(lambda d: CONVERTER.structure(d, cls), data)
        by_from_boto = outcome(lambda d: from_boto(cls, d), data)
        assert same(by_converter, by_from_boto)
        kind, obj = by_from_boto
        if kind == "ok":
            assert pickle.dumps(CONVERTER.unstructure(obj)) == pickle.dumps(to_boto(obj))
            assert pickle.dumps(CONVERTER.unstructure(obj, cls)) == pickle.dumps(to_boto(obj))

    check()


def test_lists_of_models_go_through_the_same_parsers() -> None:
    arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    cls = LambdaConnectorProvisioningConfig
    parsed = CONVERTER.structure([{"lambdaArn": arn}], list[LambdaConnectorProvisioningConfig])
    assert parsed == [cls(lambda_arn=arn)]
    assert CONVERTER.unstructure(parsed, list[LambdaConnectorProvisioningConfig]) == [
        {"lambdaArn": arn}
    ]
    with pytest.raises(cattrs.IterableValidationError) as info:  # cattrs groups item errors
        CONVERTER.structure(
            [{"lambdaArn": arn, "bogus": 1}], list[LambdaConnectorProvisioningConfig]
        )
    [error] = info.value.exceptions
    assert isinstance(error, ValidationError)
    assert [(v.path, v.message) for v in error.violations] == [("bogus", "unknown member")]


def test_from_boto_and_to_boto_take_model_classes_only() -> None:
    with pytest.raises(TypeError, match="not an appflow_typed model class"):
        from_boto(dict, {})
    with pytest.raises(TypeError, match="not an appflow_typed model class"):
        to_boto(object())  # type: ignore[arg-type]


def test_a_hook_for_a_nested_model_applies_inside_the_tree() -> None:
    from appflow_typed.models import ConnectorProvisioningConfig, RegisterConnectorRequest

    arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
    conv = make_converter()
    ours_out = conv.get_unstructure_hook(LambdaConnectorProvisioningConfig)
    ours_in = conv.get_structure_hook(LambdaConnectorProvisioningConfig)
    conv.register_unstructure_hook(
        LambdaConnectorProvisioningConfig, lambda c: {**ours_out(c), "lambdaArn": arn + "-2"}
    )
    request = RegisterConnectorRequest(
        connector_label="crm",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=ConnectorProvisioningConfig(
            lambda_=LambdaConnectorProvisioningConfig(lambda_arn=arn)
        ),
    )
    dumped = conv.unstructure(request)
    assert dumped["connectorProvisioningConfig"] == {"lambda": {"lambdaArn": arn + "-2"}}
    assert to_boto(request)["connectorProvisioningConfig"] == {"lambda": {"lambdaArn": arn}}

    seen: list[Any] = []

    def counted(data: Any, cls: Any) -> Any:
        seen.append(data)
        return ours_in(data, cls)

    conv.register_structure_hook(LambdaConnectorProvisioningConfig, counted)
    data = to_boto(request)
    assert conv.structure(data, RegisterConnectorRequest) == request
    assert seen == [{"lambdaArn": arn}]
    # a nested hook's violations keep their paths in the tree
    data["connectorProvisioningConfig"]["lambda"]["lambdaArn"] = "nope"
    with pytest.raises(ValidationError) as info:
        conv.structure(data, RegisterConnectorRequest)
    assert [v.path for v in info.value.violations] == [
        "connectorProvisioningConfig.lambda.lambdaArn"
    ]


def test_other_types_get_cattrs_own_handling() -> None:
    import attrs

    @attrs.frozen
    class Label:
        name: str
        size: int

    assert CONVERTER.structure({"name": "a", "size": "3"}, Label) == Label(name="a", size=3)
    assert CONVERTER.unstructure(Label(name="a", size=3)) == {"name": "a", "size": 3}
