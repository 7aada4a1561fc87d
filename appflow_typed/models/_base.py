"""Hand-written support for the generated model declarations.

- :func:`model` makes an attrs declaration a model: its ``__init__`` is the interpreter's
  (:mod:`appflow_typed.models._interpret`), its ``repr`` redacts credentials, it hashes by
  value; :func:`union_model` declares a tagged-union shape (one member set at a time) whose
  ``__init__`` overloads type checkers read; it is stored sparsely.
- :func:`redacted` is the ``repr`` of every credential field; :func:`model_hash` the
  ``hash`` of every model (lists and dicts by value).
- :func:`violation` accumulates violations (for the cross-field rules).
- :func:`mark_invalid` / :func:`is_invalid` keep track of the stand-ins a strict parser
  returns for an invalid subtree, so that a cross-field rule does not judge them.
- :func:`from_response` marks a model of a shape requests share that was built from a
  response, without the request checks; a request taking it checks it then: a described
  value reused in a request is validated on use.
- :func:`is_known` (public, exported by :mod:`appflow_typed.models`) narrows a response's
  enumeration member to the ``Literal`` a request takes.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

import attrs
from typing_extensions import dataclass_transform

from appflow_typed.errors import ValidationError, Violation

_T = TypeVar("_T")
_E = TypeVar("_E", bound=str)


REDACTED = "<redacted>"
"""What a credential value is shown as, in reprs and logs."""


def redacted(value: object) -> str:
    """``repr`` of a credential field: says whether it is set, never what it is.

    Lists and maps keep their size, so a reader can still tell them apart.
    """
    if isinstance(value, dict):
        return f"<redacted: {len(value)} entr{'y' if len(value) == 1 else 'ies'}>"
    if isinstance(value, list):
        return f"<redacted: {len(value)} item{'' if len(value) == 1 else 's'}>"
    return REDACTED


def model_hash(self: Any) -> int:
    """``hash`` of a model holding a list or dict member: its members by value.

    attrs' own hash fails on a list or dict. Lists hash as tuples and dicts as frozensets of
    their items (order-free, as dict equality is), at every depth, so that equal models hash
    equal. The members are plain lists and dicts: a model whose container is mutated after
    construction hashes differently (see README, "Models are values").
    """
    return hash((type(self), *(_by_value(getattr(self, a.name)) for a in self.__attrs_attrs__)))


def _by_value(value: Any) -> Any:
    """A hashable stand-in for ``value``: containers as tuples and frozensets, at every depth."""
    if type(value) is list or type(value) is tuple:
        return tuple([_by_value(item) for item in value])
    if type(value) is dict:
        return frozenset([(key, _by_value(item)) for key, item in value.items()])
    return value


def model_repr(self: Any) -> str:
    """``repr`` of every model: the members that are set, credentials redacted.

    Each field's own ``repr`` (``redacted`` for credentials) is honoured, and nested models
    and lists of them use their own ``repr``, so redaction reaches every depth.
    """
    parts = []
    for a in self.__attrs_attrs__:
        value = getattr(self, a.name)
        if value is None or a.repr is False:
            continue
        shown = a.repr(value) if callable(a.repr) else repr(value)
        parts.append(f"{a.name}={shown}")
    return f"{type(self).__name__}({', '.join(parts)})"


def violation(found: list[Violation] | None, path: str, message: str) -> list[Violation]:
    """Append one violation, creating the list on the first one."""
    if found is None:
        found = []
    found.append(Violation(path, message))
    return found


_INVALID: dict[int, weakref.ref[Any]] = {}
"""``id`` -> the placeholder (weakly): objects that stand for an invalid subtree."""


def mark_invalid(obj: _T) -> _T:
    """Record ``obj`` as a placeholder for an invalid subtree (its violations are reported)."""
    key = id(obj)
    _INVALID[key] = weakref.ref(obj, lambda _, key=key: _INVALID.pop(key, None))  # type: ignore[misc]
    return obj


def is_invalid(obj: object) -> bool:
    """Whether ``obj`` is a placeholder for an invalid subtree (see :func:`mark_invalid`)."""
    ref = _INVALID.get(id(obj))
    return ref is not None and ref() is obj


FROM_RESPONSE: dict[int, weakref.ref[Any]] = {}
"""``id`` -> a model built from a response, not (yet) checked as request data."""


def from_response(obj: _T) -> _T:
    """Record ``obj``, built tolerantly from a response, as not checked as request data."""
    key = id(obj)
    FROM_RESPONSE[key] = weakref.ref(obj, lambda _, key=key: FROM_RESPONSE.pop(key, None))  # type: ignore[misc]
    return obj


def is_from_response(obj: object) -> bool:
    """Whether ``obj`` was built from a response and not checked since (:func:`from_response`)."""
    ref = FROM_RESPONSE.get(id(obj))
    return ref is not None and ref() is obj


def is_known(value: str | None, values: Collection[_E]) -> TypeGuard[_E]:
    """Whether ``value`` is one of ``values``; for a type checker, narrows it to their type.

    A response's enumeration member is typed ``<Enum> | str``: the service may answer with a
    value added after this release, and parsing keeps it rather than fail. A request takes
    only the values the model knows (``<Enum>``, a ``Literal``). ``is_known`` tells the two
    apart, with mypy and pyright alike::

        mode = profile.connection_mode  # ConnectionMode | str | None
        if is_known(mode, ConnectionMode_VALUES):
            ...  # here mode is ConnectionMode: it can go into a request

    Args:
        value: A value read from a response (``None`` is never known).
        values: ``<Enum>_VALUES`` from :mod:`appflow_typed.models`, or a subset of it typed
            as such (``frozenset[ConnectorType]``, say).

    Returns:
        ``value in values``.
    """
    return value in values


def type_name(value: object) -> str:
    """The JSON-ish name of a value's type, for messages (never the value itself)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__  # tuple, a mapping of another type, ...


if TYPE_CHECKING:

    def model(cls: type[_T]) -> type[_T]:
        """Make an attrs declaration a model (see module docstring)."""
        ...

    @dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(attrs.field,))
    def union_model(cls: type[_T]) -> type[_T]:
        """Declare a tagged-union shape (see module docstring)."""
        ...

else:
    _interpret: Any = None

    def _init(self: Any, **members: Any) -> None:
        """The ``__init__`` of every model: the interpreter's checks (see
        :func:`appflow_typed.models._interpret.construct`)."""
        __tracebackhide__ = True  # pytest shows neither this frame nor its locals
        try:
            _interpret.construct(self, members)
        except (ValidationError, TypeError):
            del members  # the frame stays reachable from the traceback: no raw argument
            raise

    def _as_model(cls: type[_T]) -> type[_T]:
        """Give ``cls`` the models' ``__init__``, ``repr`` and by-value ``hash``; its
        signature stays the one its fields declare."""
        global _interpret
        from appflow_typed.models import _interpret  # (it reads this module: imported late)

        cls.__signature__ = _interpret.signature(cls)  # type: ignore[attr-defined]
        cls.__init__ = _init  # type: ignore[misc]
        cls.__repr__ = model_repr  # type: ignore[assignment]
        cls.__hash__ = model_hash  # type: ignore[assignment]
        return cls

    def model(cls: type[_T]) -> type[_T]:
        """Make an attrs declaration (``@attrs.frozen(kw_only=True, repr=False)``) a model.

        attrs wrote its ``__eq__`` and slots from the declaration; its ``__init__`` becomes
        the interpreter's, which checks every member against the service model's facts
        (``_schema``) and the shape's cross-field rule, all violations at once. Its ``repr``
        shows the members that are set, credentials redacted, and it hashes by value.
        """
        return _as_model(cls)

    def union_model(cls: type[_T]) -> type[_T]:
        """Declare a tagged-union shape: a frozen, keyword-only attrs class, stored sparsely.

        Type checkers see it through ``dataclass_transform`` so that the ``__init__``
        overloads the class declares (one per union member) are what they check calls
        against; attrs' own plugin would replace them with one permissive signature. At run
        time its ``__init__`` is the models' own (see :func:`model`).

        A union has up to 23 optional members of which one is set, so it keeps no slots:
        its optional members default to ``None`` on the class and an instance's
        ``__dict__`` holds exactly the members that are set (not ``None``). Readers of the
        set members (the cross-field rules, the interpreter's dump) read ``vars(instance)``.
        """
        built = attrs.frozen(kw_only=True, repr=False, init=False, slots=False)(cls)
        for field in attrs.fields(built):
            if field.default is None:
                setattr(built, field.name, None)
        return _as_model(built)
