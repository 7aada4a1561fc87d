"""The one cattrs converter between the models and AWS-shaped data (boto3 kwargs, JSON).

:data:`converter` is public (``appflow_typed.converter``) and on every call path:
:func:`to_boto` and :func:`from_boto` are its ``unstructure`` and ``structure`` hooks, and so
are both clients' requests and responses. Its hooks for the model classes are the
interpreter's (:mod:`appflow_typed.models._interpret`): strict parsing of request structures
(unknown keys rejected by name, every violation of the tree at its API path), tolerant
building of response structures (unknown members dropped and logged at DEBUG, unknown enum
values kept) and dumping (wire names, ``None`` omitted, never ``False``, ``0`` or an empty
value). A hook a user registers on it, or wraps around one of ours
(``get_structure_hook``/``get_unstructure_hook``), applies to what the clients send and
return, and to nested models too. :func:`make_converter` makes another, independent one.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, get_origin, overload

import attrs
import cattrs

from appflow_typed.errors import ValidationError, Violation
from appflow_typed.models import _interpret
from appflow_typed.models._schema import WIRE_NAMES

if TYPE_CHECKING:
    from appflow_typed.models._constraints import ConnectorType
    from appflow_typed.models._profiles import (
        ConnectorProfileConfig,
        ConnectorProfileCredentials,
        ConnectorProfileProperties,
        CreateConnectorProfileRequest,
    )

__all__ = ["converter", "from_boto", "make_converter", "to_boto"]

_T = TypeVar("_T")


@functools.cache
def _model_class(t: Any) -> type | None:
    """The model class ``t`` is (or is a parametrized form of), else ``None``."""
    origin = get_origin(t) or t
    if (
        isinstance(origin, type)
        and origin.__module__.startswith("appflow_typed.models.")
        and origin.__name__ in WIRE_NAMES
    ):
        return origin
    return None


def _checked(t: Any) -> type:
    model = _model_class(t)
    if model is None:
        raise TypeError(f"{t!r} is not an appflow_typed model class")
    return model


def _structure_hook(cls: type, hooks: _interpret.Hooks) -> Callable[[Any, Any], Any]:
    """``conv``'s structure hook of model class ``cls``: the interpreter's reader, raising
    :class:`ValidationError` with every violation; nested models go through ``conv``."""
    name = cls.__name__

    def structure(data: Any, _: Any) -> Any:
        __tracebackhide__ = True  # pytest shows neither this frame nor its locals (the data)
        found: list[Violation] = []
        result = _interpret.read(cls, data, "", found, hooks)
        if found:
            del data, result  # the frame stays reachable from the traceback: no raw data
            raise ValidationError(name, found)
        return result

    structure.appflow_reader = True  # type: ignore[attr-defined]  # ours: nested reads keep paths
    return structure


def _unstructure_hook(cls: type, hooks: _interpret.Hooks) -> Callable[[Any], dict[str, Any]]:
    """``conv``'s unstructure hook of model class ``cls``; nested models go through ``conv``."""

    def unstructure(obj: Any) -> dict[str, Any]:
        return _interpret.dump(obj, hooks)

    unstructure.appflow_dumper = True  # type: ignore[attr-defined]  # ours (see Hooks)
    return unstructure


def make_converter() -> cattrs.Converter:
    """A new cattrs converter whose hooks for every model class are the interpreter's.

    ``converter.structure(data, Cls)`` is ``from_boto(Cls, data)``,
    ``converter.unstructure(obj)`` is ``to_boto(obj)``; other types get cattrs' own handling
    (a user's own attrs classes, say), and ``datetime`` values pass as they are.

    Returns:
        A new converter, independent of :data:`converter` (hooks registered on one do not
        apply to the other).
    """
    conv = cattrs.Converter()
    hooks = _interpret.Hooks(conv)  # the converter's hooks for nested models, kept

    def is_model(t: Any) -> bool:
        return _model_class(t) is not None

    conv.register_structure_hook_factory(
        is_model, lambda t: _structure_hook(_checked(t), hooks)
    )
    conv.register_unstructure_hook_factory(
        is_model, lambda t: _unstructure_hook(_checked(t), hooks)
    )
    conv.register_structure_hook(datetime.datetime, lambda value, _: value)
    conv.register_unstructure_hook(datetime.datetime, lambda value: value)
    return conv


converter: cattrs.Converter = make_converter()
"""The converter every call path goes through: :func:`to_boto`, :func:`from_boto`, and both
clients' requests and responses. Register a hook here to change what they send or return."""


def load(dump: type, parse: type) -> None:
    """Make and keep now what :func:`to_boto` runs for ``dump`` and :func:`from_boto` for
    ``parse`` (what a first call would do): the converter's hooks and the interpreter's plan
    of each class and of the shapes under it."""
    converter.get_unstructure_hook(dump)
    converter.get_structure_hook(parse)
    _interpret.plan(dump).dump  # noqa: B018  (compiled on first use: now)
    _interpret.plan(parse)


def to_boto(obj: attrs.AttrsInstance) -> dict[str, Any]:
    """The AWS-shaped form of a model: exactly the keyword arguments boto3 expects.

    Members that are ``None`` are omitted; ``False``, ``0`` and empty values are kept.

    Args:
        obj: A model instance, e.g. an ``UpdateConnectorProfileRequest``.

    Returns:
        A new dict with AWS member names, e.g. ``{"connectorProfileName": ...}``.

    Raises:
        TypeError: ``obj`` is not a model instance.
    """
    cls = _checked(type(obj))
    result: dict[str, Any] = converter.get_unstructure_hook(cls)(obj)
    return result


# The classes generic in their connector: a bare class object is read as "any connector" (its
# TypeVar's default), which mypy does not apply to ``type[_T]`` by itself (it says ``Any``).
@overload
def from_boto(
    cls: type[CreateConnectorProfileRequest[Any]], data: Mapping[str, Any]
) -> CreateConnectorProfileRequest[ConnectorType]: ...
@overload
def from_boto(
    cls: type[ConnectorProfileConfig[Any]], data: Mapping[str, Any]
) -> ConnectorProfileConfig[ConnectorType]: ...
@overload
def from_boto(
    cls: type[ConnectorProfileProperties[Any]], data: Mapping[str, Any]
) -> ConnectorProfileProperties[ConnectorType]: ...
@overload
def from_boto(
    cls: type[ConnectorProfileCredentials[Any]], data: Mapping[str, Any]
) -> ConnectorProfileCredentials[ConnectorType]: ...
@overload
def from_boto(cls: type[_T], data: Mapping[str, Any]) -> _T: ...
def from_boto(cls: type[_T], data: Mapping[str, Any]) -> _T:
    """Build a model from AWS-shaped data (boto3 kwargs or responses, AWS JSON).

    Request structures are strict: unknown keys are rejected by name and every constraint is
    checked. Response structures are tolerant of members and enum values the service adds.

    Args:
        cls: The model class, e.g. ``CreateConnectorProfileRequest``.
        data: AWS-shaped data, e.g. ``json.load(...)`` of ``--cli-input-json``.

    Returns:
        The model instance.

    Raises:
        ValidationError: With every violation found and its API path.
        TypeError: ``cls`` is not a model class.
    """
    __tracebackhide__ = True  # pytest shows neither this frame nor its locals (the data)
    hook = converter.get_structure_hook(_checked(cls))
    try:
        result: _T = hook(data, cls)
    except ValidationError:
        del data  # the frame stays reachable from the traceback: no raw data
        raise
    return result
