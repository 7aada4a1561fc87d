"""The one cattrs converter between the models and AWS-shaped data (boto3 kwargs, JSON).

The work is done by the functions ``tools/generate_models.py`` writes beside each group of
models (``models/_<group>_serde.py``): a strict parser per request structure (unknown keys
rejected by name, every violation of the tree reported with its API path), a tolerant
builder per response structure (unknown members dropped and logged at DEBUG, unknown enum
values kept) and a dumper per structure (wire names, ``None`` omitted, never ``False``,
``0`` or an empty value). This module picks the one for a class; ``make_converter()`` hands
the same functions to cattrs, so that ``converter.structure(data, cls)`` and
``converter.unstructure(obj)`` give what :func:`from_boto` and :func:`to_boto` give.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, get_args, get_origin, overload

import attrs
import cattrs

from appflow_typed.errors import ValidationError, Violation
from appflow_typed.models._schema import STRICT_SHAPES, WIRE_NAMES

if TYPE_CHECKING:
    from appflow_typed.models._constraints import ConnectorType
    from appflow_typed.models._profiles import (
        ConnectorProfileConfig,
        ConnectorProfileCredentials,
        ConnectorProfileProperties,
        CreateConnectorProfileRequest,
    )

__all__ = ["from_boto", "make_converter", "to_boto"]

_T = TypeVar("_T")


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


def _serde(cls: type) -> Any:
    """The generated module holding ``cls``'s (de)serializers (imported on first use)."""
    return importlib.import_module(f"{cls.__module__}_serde")


def _checked(t: Any) -> type:
    model = _model_class(t)
    if model is None:
        raise TypeError(f"{t!r} is not an appflow_typed model class")
    return model


def _parser(t: Any) -> Callable[[Any], Any]:
    """The function :func:`from_boto` runs for model class ``t``: strict for a request
    structure (and the shapes shared with requests), tolerant for a response structure."""
    cls = _checked(t)
    name = cls.__name__
    role = "parse" if name in STRICT_SHAPES else "build"
    read = getattr(_serde(cls), f"{role}_{name}")

    def parse(data: Any) -> Any:
        __tracebackhide__ = True  # pytest shows neither this frame nor its locals (the data)
        found: list[Violation] = []
        result = read(data, "", found)
        if found:
            del data, result  # the frame stays reachable from the traceback: no raw data
            raise ValidationError(name, found)
        return result

    return parse


def _dumper(t: Any) -> Callable[[Any], dict[str, Any]]:
    """The function :func:`to_boto` runs for model class ``t``."""
    cls = _checked(t)
    dump: Callable[[Any], dict[str, Any]] = getattr(_serde(cls), f"dump_{cls.__name__}")
    return dump


class _PerClass(dict[Any, Callable[..., Any]]):
    """A function per model class, made on first use by ``make``."""

    def __init__(self, make: Callable[[Any], Callable[..., Any]]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, t: Any) -> Callable[..., Any]:
        made = self[t] = self.make(t)
        return made


_PARSERS = _PerClass(_parser)
_DUMPERS = _PerClass(_dumper)


def load(dump: type, parse: type) -> None:
    """Make and keep now what :func:`to_boto` runs for ``dump`` and :func:`from_boto` for
    ``parse``, importing their generated modules (what a first call would do)."""
    _DUMPERS[dump]  # made by __missing__, and kept
    _PARSERS[parse]


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
    result: dict[str, Any] = _DUMPERS[type(obj)](obj)
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
    try:
        result: _T = _PARSERS[cls](data)
    except ValidationError:
        del data  # the frame stays reachable from the traceback: no raw data
        raise
    return result


def _contains_model(t: Any) -> bool:
    if _model_class(t) is not None or t is datetime.datetime:
        return True
    return any(_contains_model(arg) for arg in get_args(t))


def _as_is(value: Any, _: Any) -> Any:
    return value


def make_converter() -> cattrs.Converter:
    """A cattrs converter that structures and unstructures every model as :func:`from_boto`
    and :func:`to_boto` do: same results, same :class:`ValidationError`.

    Returns:
        A new converter; ``converter.structure(data, Cls)``, ``converter.unstructure(obj)``.
    """
    converter = cattrs.Converter()

    def structure_hook(t: Any) -> Callable[[Any, Any], Any]:
        parse = _PARSERS[t]
        return lambda data, _: parse(data)

    def is_model(t: Any) -> bool:
        return _model_class(t) is not None

    converter.register_structure_hook_factory(is_model, structure_hook)
    def unstructure_hook(t: Any) -> Callable[[Any], Any]:
        return _DUMPERS[t]

    converter.register_unstructure_hook_factory(is_model, unstructure_hook)
    # scalars, enums and containers of them as they are: the models' own checks judge them
    converter.register_structure_hook_func(lambda t: not _contains_model(t), _as_is)
    converter.register_unstructure_hook(datetime.datetime, lambda v: v)
    return converter
