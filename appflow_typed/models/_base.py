"""Hand-written support for the generated model modules.

- :func:`union_model` declares a tagged-union shape (one member set at a time) whose
  ``__init__`` overloads type checkers read, while attrs builds the runtime class; it is
  stored sparsely.
- :func:`redacted` is the ``repr`` of every credential field; :func:`model_hash` the
  ``hash`` of a model holding a list or dict.
- :func:`violation` accumulates violations without allocating on the valid path.
- :func:`mark_invalid` / :func:`is_invalid` keep track of the placeholders a strict parser
  returns for an invalid subtree, so that a cross-field rule does not judge them;
  :func:`invalid_members` names the members of a shape that have violations.
- :func:`from_response` marks a model of a shape requests share that was built from a
  response, without the request checks; a request taking it checks it then
  (:func:`check_from_response`): a described value reused in a request is validated on use.
- :func:`is_known` (public, exported by :mod:`appflow_typed.models`) narrows a response's
  enumeration member to the ``Literal`` a request takes.
"""

from __future__ import annotations

import datetime
import difflib
import weakref
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

import attrs
from botocore.utils import parse_to_aware_datetime
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


def check_from_response(
    found: list[Violation] | None, path: str, obj: Any
) -> list[Violation] | None:
    """Check ``obj`` (built from a response) as request data, at ``path``: its class's
    ``__init__`` runs on its members, the nested ones checked the same way in turn. Once
    valid, it is no longer marked, and is not checked again."""
    cls = type(obj)
    members = {a.name: getattr(obj, a.name) for a in cls.__attrs_attrs__}
    try:
        cls.__init__(object.__new__(cls), **{k: v for k, v in members.items() if v is not None})
    except ValidationError as exc:
        for v in exc.violations:
            at = path if not v.path else f"{path}{v.path}" if v.path[0] == "[" else f"{path}.{v.path}"
            found = violation(found, at, v.message)
        return found
    FROM_RESPONSE.pop(id(obj), None)
    return found


def invalid_members(found: list[Violation]) -> frozenset[str]:
    """The members (wire names) of a shape that ``found`` (paths relative to it) names."""
    return frozenset(v.path.replace("[", ".", 1).split(".", 1)[0] for v in found)


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


def did_you_mean(key: str, known: Collection[str]) -> str:
    """``"; did you mean <name>?"`` for a near miss (another case, a typo) of a member name
    or enum value, else ``""``. Only a known name is ever shown, never the caller's key."""
    folded = [m for m in sorted(known) if m.lower() == key.lower()]
    near = folded or difflib.get_close_matches(key[:64], sorted(known), n=1, cutoff=0.75)
    return f"; did you mean {near[0]}?" if near else ""


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


def parse_timestamp(value: object) -> datetime.datetime | None:
    """``value`` read as botocore reads a request timestamp, in UTC; ``None`` when botocore
    does not take it.

    botocore's parameter validation and its serializers both read a timestamp with
    ``botocore.utils.parse_to_aware_datetime``: a ``datetime`` (naive ones are UTC), epoch
    seconds as a number or as numeric text (``"1704067200"``), or text ``dateutil`` parses:
    ISO 8601, RFC 822 (``"Mon, 01 Jan 2024 00:00:00 GMT"``), ``"2024/01/01"``... Whatever it
    parses is taken here, by the same function. Not taken: what it refuses (botocore's
    validator catches ``TypeError``, ``ValueError`` and ``AttributeError``); what it cannot
    turn into a ``datetime`` at all (``OverflowError``, ``OSError``, and the ``RuntimeError``
    it raises for a number out of range, e.g. ``1e20``), which botocore could not serialize;
    and booleans, which it would send as epoch second 0 or 1 (a strict request model refuses
    ``True`` where a number belongs, here too).
    """
    if isinstance(value, bool):
        return None
    try:
        # botocore-stubs type the argument as str; the function takes any of the above.
        parsed: datetime.datetime = parse_to_aware_datetime(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError, OverflowError, OSError, RuntimeError):
        return None
    return parsed


def is_timestamp(value: object) -> bool:
    """Whether ``value`` is a timestamp as botocore takes one in a request (see
    :func:`parse_timestamp`)."""
    parsed = parse_timestamp(value)
    if parsed is None:
        return False
    try:  # botocore's serializers convert it to UTC: a moment before year 1 there is refused
        parsed.astimezone(datetime.timezone.utc)
    except OverflowError:
        return False
    return True


if TYPE_CHECKING:

    @dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(attrs.field,))
    def union_model(cls: type[_T]) -> type[_T]:
        """Declare a tagged-union shape (see module docstring)."""
        ...

else:

    def union_model(cls: type[_T]) -> type[_T]:
        """Declare a tagged-union shape: a frozen, keyword-only attrs class, stored sparsely.

        Type checkers see it through ``dataclass_transform`` so that the ``__init__``
        overloads the class declares (one per union member) are what they check calls
        against; attrs' own plugin would replace them with one permissive signature. The
        class's own generated ``__init__`` is the one that runs.

        A union has up to 23 optional members of which one is set, so it keeps no slots:
        its optional members default to ``None`` on the class and an instance's
        ``__dict__`` holds exactly the members that are set (not ``None``), which its
        generated ``__init__`` and the generated parsers write there, as attrs' own
        ``__init__`` does for a frozen class without slots. Readers of the set members
        (the cross-field rules, the generated dumpers) read ``vars(instance)``.
        """
        built = attrs.frozen(kw_only=True, repr=False, init=False, slots=False)(cls)
        for field in attrs.fields(built):
            if field.default is None:
                setattr(built, field.name, None)
        return built
