"""The one cattrs converter between the models and AWS-shaped data (boto3 kwargs, JSON).

- Request structures (``STRICT_SHAPES``) are structured strictly: unknown keys are rejected
  by name, every violation anywhere in the tree is reported with its API path.
- Response structures are structured tolerantly: unknown members are dropped (logged at
  DEBUG), unknown enum values are kept, and shapes shared with requests are built without
  their request-side checks.
- Unstructuring renames to the wire names and omits ``None`` (never ``False``, ``0`` or an
  empty value).
"""

from __future__ import annotations

import datetime
import linecache
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs

from appflow_typed.errors import ValidationError, Violation
from appflow_typed.models._base import dict_setter, type_name
from appflow_typed.models._schema import CONNECTOR_UNIONS, STRICT_SHAPES, WIRE_NAMES

__all__ = ["from_boto", "make_converter", "to_boto"]

_log = logging.getLogger("appflow_typed")
_T = TypeVar("_T")


class _NotAnObject(TypeError):
    """A value where a structure (JSON object) was expected; carries no value."""


def _model_class(t: Any) -> type | None:
    origin = get_origin(t) or t
    if (
        isinstance(origin, type)
        and origin.__module__.startswith("appflow_typed.models.")
        and origin.__name__ in WIRE_NAMES
    ):
        return origin
    return None


def _contains_model(t: Any) -> bool:
    if _model_class(t) is not None or t is datetime.datetime:
        return True
    return any(_contains_model(arg) for arg in get_args(t))


def _passthrough(value: Any, _: Any) -> Any:
    # Scalars, enums and containers of them: the model's own checks judge them. Containers
    # are copied so the frozen model does not share them with the caller's data.
    kind = type(value)
    if kind is str or kind is bool or kind is int or kind is float:
        return value
    if kind is list or kind is tuple:  # botocore takes tuples for lists too
        return list(value)
    if kind is dict or isinstance(value, Mapping):
        return dict(value)
    return value


def _structure_datetime(value: Any, _: Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    raise _NotAnObject(f"expected a timestamp, got {type_name(value)}")


def _tolerant_builder(cls: type, builders: Mapping[type, _Builder]) -> _Builder:
    """Build ``cls`` from response data, tolerantly; made once per class.

    Unknown members are dropped (logged at DEBUG) and values are taken as they come, without
    the request-side checks of shapes shared with requests: the service may add members and
    enum values at any time. Only data that is not shaped like the response at all (a value
    where an object or a list of objects belongs, a timestamp that is not one) is reported,
    each with its API path. ``builders`` gives the tolerant builder of a nested class.

    The builder is a function generated for ``cls`` (straight-line code per member), which
    fills the new instance's slots directly.
    """
    wire_names = WIRE_NAMES[cls.__name__]
    fields = attrs.fields(attrs.resolve_types(cls))
    sparse = _is_sparse(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "builders": builders,
        "Mapping": Mapping,
        "Violation": Violation,
        "type_name": type_name,
        "copy": _passthrough,
        "timestamp": _timestamp,
        "note_unknown": _note_unknown,
        "known": frozenset(wire_names.values()),
    }
    lines = [
        "def build(data, path, found):",
        "    if type(data) is not dict:",
        "        if not isinstance(data, Mapping):",
        '            found.append(Violation(path, f"expected an object, got {type_name(data)}"))',
        "            return None",
        "        data = dict(data)",
        "    obj = new(cls)",
        "    given = 0  # members present: fewer than the keys means unknown keys (or nulls)",
    ]
    if sparse:
        lines.append("    members = obj.__dict__  # a union keeps only the members that are set")
    for i, a in enumerate(fields):
        wire = wire_names[a.name]
        kind = _strip_optional(a.type)
        origin, args = get_origin(kind), get_args(kind)
        # the model class of the member, of its items or of its map values
        model = _model_class(args[-1] if origin in (list, dict) else kind)
        namespace[f"M{i}"] = model
        member_path = f"(path + {'.' + wire!r} if path else {wire!r})"
        body: list[str]
        if model is not None and origin not in (list, dict):  # (or a generic model)
            body = [f"v = builders[M{i}](v, {member_path}, found)"]
        elif model is not None and origin is list:
            body = [
                "if type(v) is list or type(v) is tuple:",
                f"    p = {member_path}",
                f"    b = builders[M{i}]",
                '    v = [b(x, f"{p}[{j}]", found) for j, x in enumerate(v)]',
                "else:",
                f'    found.append(Violation({member_path}, f"expected a list, got {{type_name(v)}}"))',
            ]
        elif model is not None and origin is dict:
            body = [
                "if isinstance(v, Mapping):",
                f"    p = {member_path}",
                f"    b = builders[M{i}]",
                '    v = {k: b(x, f"{p}[#{j}]", found) for j, (k, x) in enumerate(v.items())}',
                "else:",
                f'    found.append(Violation({member_path}, f"expected an object, got {{type_name(v)}}"))',
            ]
        elif kind is datetime.datetime:
            body = [
                "if type(v) is not datetime:",
                f"    v = timestamp(v, {member_path}, found)",
            ]
            namespace["datetime"] = datetime.datetime
        elif kind in (str, bool, int, float):
            # the scalar as it is; a container where a scalar belongs is copied all the same
            namespace[kind.__name__] = kind
            body = [f"if type(v) is not {kind.__name__}:", "    v = copy(v, None)"]
        elif origin is Literal or isinstance(kind, TypeVar):  # enums: strings
            namespace["str"] = str  # (kept as they are, even values the model does not know)
            body = ["if type(v) is not str:", "    v = copy(v, None)"]
        elif origin in (list, dict):  # of scalars: copied
            namespace[origin.__name__] = origin
            body = [f"if type(v) is {origin.__name__}:", "    v = v.copy()", "else:", "    v = copy(v, None)"]
        else:
            body = ["v = copy(v, None)"]
        lines.append(f"    v = data.get({wire!r})")
        lines += ["    if v is not None:", "        given += 1"]
        lines += [f"        {line}" for line in body]
        if sparse:
            lines.append(f"        members[{a.name!r}] = v")
        else:
            namespace[f"set{i}"] = vars(cls)[a.name].__set__
            lines.append(f"    set{i}(obj, v)")
    lines += [
        "    if len(data) != given:",
        "        note_unknown(cls, data, known)",
        "    return obj",
    ]
    return _compile(f"build {cls.__name__}", "\n".join(lines) + "\n", namespace)  # type: ignore[no-any-return]


def _timestamp(value: Any, path: str, found: list[Violation]) -> Any:
    try:
        return _structure_datetime(value, None)
    except (_NotAnObject, ValueError, OverflowError, OSError) as exc:
        message = str(exc) if isinstance(exc, _NotAnObject) else "expected a timestamp"
        found.append(Violation(path, message))
        return None


def _strip_optional(kind: Any) -> Any:
    args = [a for a in get_args(kind) if a is not type(None)]
    if type(None) in get_args(kind) and len(args) == 1:
        return args[0]
    return kind


def _note_unknown(cls: type, data: Mapping[str, Any], known: frozenset[str]) -> None:
    if _log.isEnabledFor(logging.DEBUG):
        unknown = [k for k in data if k not in known]
        if unknown:
            _log.debug(
                "ignored %d unknown member(s) of %s in a response: %s",
                len(unknown),
                cls.__name__,
                ", ".join(repr(str(k)[:64]) for k in unknown),
            )


_Builder = Callable[[Any, str, list[Violation]], Any]


def _unchecked(cls: type, values: Mapping[str, Any]) -> Any:
    """An instance of ``cls`` built without its checks (to keep walking an invalid tree)."""
    instance: Any = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return instance


def _compile(name: str, source: str, namespace: dict[str, Any]) -> Any:
    """Compile one generated function; its source is kept in ``linecache`` for tracebacks."""
    filename = f"<appflow_typed generated {name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name.split()[0]]


def _init_of(cls: type) -> Callable[..., None]:
    """A model's ``__init__``, which a builder calls on ``object.__new__(cls)``: faster than
    ``cls(...)``, which goes through ``type.__call__`` and a dict of the keywords."""
    init: Callable[..., None] = cls.__init__  # type: ignore[misc]
    return init


def _is_sparse(cls: type) -> bool:
    """A union model: no slots, only the members that are set in its ``__dict__``."""
    return "__slots__" not in vars(cls)


def _sparse_strict_builder(cls: type, builders: dict[type, _Builder]) -> _Builder:
    """:func:`_strict_builder` for a union: walks the keys given, not the up to 23 members."""
    wire_names = WIRE_NAMES[cls.__name__]
    fields = attrs.fields(attrs.resolve_types(cls))
    names = {wire: name for name, wire in wire_names.items()}
    # per wire name: the model class of a member holding one (its builder is looked up when
    # called: builders are made on first use), else how to take the value (None: as it is)
    models = {wire_names[a.name]: _model_class(_strip_optional(a.type)) for a in fields}
    members = {
        wire_names[a.name]: _member_builder(a.type, builders, copy=True)
        for a in fields
        if models[wire_names[a.name]] is None
    }
    required = {a.name: None for a in fields if a.default is attrs.NOTHING}
    empty = {a.name: None for a in fields}
    new, init = object.__new__, _init_of(cls)
    # A connector union given one connector's member gets it as its instance dict: what its
    # __init__ does with one member of that member's class, which the builder's result is.
    one_connector = cls.__name__ in CONNECTOR_UNIONS
    set_dict = dict_setter(cls)

    def build(data: Any, path: str, found: list[Violation]) -> Any:
        if one_connector and type(data) is dict and len(data) == 1:
            (key,) = data
            value, model = data[key], models.get(key)
            if value is not None and model is not None:
                obj: Any = new(cls)
                value = builders[model](value, f"{path}.{key}" if path else key, found)
                set_dict(obj, {names[key]: value})
                return obj
        if type(data) is not dict and not isinstance(data, Mapping):
            found.append(Violation(path, f"expected an object, got {type_name(data)}"))
            return _unchecked(cls, empty)
        values = dict(required)  # a missing required member is reported by the class
        unknown = None
        for key, value in data.items():
            name = names.get(key)
            if name is None:
                unknown = [*(unknown or ()), key]
                continue
            if value is not None:
                model = models[key]
                if model is not None:
                    value = builders[model](value, f"{path}.{key}" if path else key, found)
                else:
                    member = members[key]
                    if member is not None:
                        value = member(value, f"{path}.{key}" if path else key, found)
            values[name] = value
        if unknown:
            found.extend(_unknown_member(path, key) for key in unknown)
        obj = new(cls)
        try:
            init(obj, **values)
            return obj
        except ValidationError as exc:
            found.extend(_under(path, exc.violations))
            return _unchecked(cls, {**empty, **values})

    return build


def _strict_builder(cls: type, builders: dict[type, _Builder]) -> _Builder:
    """Build ``cls`` from request data, collecting every violation of the whole tree.

    Invalid subtrees are built unchecked so that the walk goes on: each level's own checks
    (the generated ``__init__``) run, and their violations get the full API path.

    The builder is a function generated for ``cls`` once (straight-line code per member),
    so that a call interprets no plan.
    """
    if _is_sparse(cls):
        return _sparse_strict_builder(cls, builders)
    wire_names = WIRE_NAMES[cls.__name__]
    known = frozenset(wire_names.values())
    fields = attrs.fields(attrs.resolve_types(cls))
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "init": _init_of(cls),
        "builders": builders,
        "Violation": Violation,
        "ValidationError": ValidationError,
        "type_name": type_name,
        "_unchecked": _unchecked,
        "_under": _under,
        "_unknown_member": _unknown_member,
        "Mapping": Mapping,
        "empty": {a.name: None for a in fields},
        "known": known,
    }
    lines = [
        "def build(data, path, found):",
        "    if type(data) is not dict:",
        "        if not isinstance(data, Mapping):",
        '            found.append(Violation(path, f"expected an object, got {type_name(data)}"))',
        "            return _unchecked(cls, empty)",
        "        data = dict(data)  # any mapping, as botocore takes",
    ]
    for i, a in enumerate(fields):
        wire = wire_names[a.name]
        kind = _strip_optional(a.type)
        model = _model_class(kind)
        member_path = f"(path + {'.' + wire!r} if path else {wire!r})"
        lines.append(f"    v{i} = data.get({wire!r})")
        if model is not None:
            namespace[f"M{i}"] = model
            lines += [
                f"    if v{i} is not None:",
                f"        v{i} = builders[M{i}](v{i}, {member_path}, found)",
            ]
        elif get_origin(kind) is list and _contains_model(kind):
            namespace[f"m{i}"] = _member_builder(a.type, builders)
            lines += [
                f"    if v{i} is not None:",
                f"        v{i} = m{i}(v{i}, {member_path}, found)",
            ]
        elif get_origin(kind) is list:  # copied: the model must not share the caller's list
            lines += [  # botocore takes a tuple for a list too
                f"    if type(v{i}) is list or type(v{i}) is tuple:",
                f"        v{i} = list(v{i})",
            ]
        elif get_origin(kind) is dict:  # copied, from any mapping
            lines += [
                f"    if v{i} is not None and isinstance(v{i}, Mapping):",
                f"        v{i} = dict(v{i})",
            ]
    values = ", ".join(f"{a.name}=v{i}" for i, a in enumerate(fields))
    lines += [
        f"    if len(data) > {len(known)} or not known.issuperset(data):",
        "        for key in data:",
        "            if key not in known:",
        "                found.append(_unknown_member(path, key))",
        "    obj = new(cls)",
        "    try:",
        f"        init(obj, {values})",
        "        return obj",
        "    except ValidationError as exc:",
        "        found.extend(_under(path, exc.violations))",
        f"        return _unchecked(cls, dict({values}))",
    ]
    return _compile(f"build {cls.__name__}", "\n".join(lines) + "\n", namespace)  # type: ignore[no-any-return]


_PASSTHROUGH = (str, int, bool, float, datetime.datetime)


def _unstructure_fn(cls: type, converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    """The unstructure function of ``cls``, generated once: wire names, ``None`` omitted.

    Scalars and enums are taken as they are, nested models and containers go through the
    converter's hook for their type (resolved here, once), and values typed by the connector
    type parameter through the converter by their runtime type.
    """
    if _is_sparse(cls):
        return _sparse_unstructure_fn(cls, converter)
    wire_names = WIRE_NAMES[cls.__name__]
    namespace: dict[str, Any] = {"unstructure_any": converter.unstructure}
    lines = ["def unstructure(obj):", "    res = {}"]
    for i, a in enumerate(attrs.fields(attrs.resolve_types(cls))):
        wire = wire_names[a.name]
        kind = _strip_optional(a.type)
        if kind in _PASSTHROUGH or get_origin(kind) is Literal:
            value = f"v{i}"
        elif isinstance(kind, TypeVar) or kind is Any:  # the connector type: a string
            value = f"(v{i} if type(v{i}) is str else unstructure_any(v{i}))"
        else:
            namespace[f"h{i}"] = converter.get_unstructure_hook(kind)
            value = f"h{i}(v{i})"
        lines.append(f"    v{i} = obj.{a.name}")
        if a.default is attrs.NOTHING:
            lines.append(f"    res[{wire!r}] = {value}")
        elif a.default is None:
            lines += [f"    if v{i} is not None:", f"        res[{wire!r}] = {value}"]
        else:
            namespace[f"d{i}"] = a.default
            lines += [f"    if v{i} != d{i}:", f"        res[{wire!r}] = {value}"]
    lines.append("    return res")
    return _compile(f"unstructure {cls.__name__}", "\n".join(lines) + "\n", namespace)  # type: ignore[no-any-return]


def _sparse_unstructure_fn(
    cls: type, converter: cattrs.Converter
) -> Callable[[Any], dict[str, Any]]:
    """:func:`_unstructure_fn` for a union: walks the members that are set, not all of them."""
    wire_names = WIRE_NAMES[cls.__name__]
    hooks = {
        a.name: (wire_names[a.name], converter.get_unstructure_hook(_strip_optional(a.type)))
        for a in attrs.fields(attrs.resolve_types(cls))
    }

    def unstructure(obj: Any) -> dict[str, Any]:
        res = {}
        for name, value in vars(obj).items():
            if value is not None:
                wire, hook = hooks[name]
                res[wire] = hook(value)
        return res

    return unstructure


def _member_builder(
    kind: Any, builders: dict[type, _Builder], *, copy: bool = False
) -> _Builder | None:
    """How to build one member's value, or ``None`` when it is taken as it is.

    With ``copy``, a list or map of scalars is copied (from a tuple or any mapping, as
    botocore takes them) so that the frozen model does not share the caller's container.
    """
    kind = _strip_optional(kind)
    model = _model_class(kind)
    if model is not None:

        def nested(value: Any, path: str, found: list[Violation]) -> Any:
            return builders[model](value, path, found)

        return nested
    if get_origin(kind) is list and _contains_model(kind):
        item = _member_builder(get_args(kind)[0], builders)
        assert item is not None

        def items(value: Any, path: str, found: list[Violation]) -> Any:
            if type(value) is not list:
                return value  # the owner's own check reports the type
            return [item(v, f"{path}[{i}]", found) for i, v in enumerate(value)]

        return items
    if copy and get_origin(kind) is list:

        def list_copy(value: Any, path: str, found: list[Violation]) -> Any:
            return list(value) if type(value) is list or type(value) is tuple else value

        return list_copy
    if copy and get_origin(kind) is dict:

        def dict_copy(value: Any, path: str, found: list[Violation]) -> Any:
            return dict(value) if isinstance(value, Mapping) else value

        return dict_copy
    return None


class _StrictBuilders(dict[type, _Builder]):
    def __missing__(self, cls: type) -> _Builder:
        built = self[cls] = _strict_builder(cls, self)
        return built


class _TolerantBuilders(dict[type, _Builder]):
    def __missing__(self, cls: type) -> _Builder:
        built = self[cls] = _tolerant_builder(cls, self)
        return built


# The builders of each model class, made on first use: one set serves every converter.
_STRICT_BUILDERS = _StrictBuilders()
_TOLERANT_BUILDERS = _TolerantBuilders()


def _builder(cls: type) -> _Builder:
    """Request shapes are strict; response-only shapes are tolerant, and so are the shapes
    shared with requests within them."""
    if cls.__name__ in STRICT_SHAPES:
        return _STRICT_BUILDERS[cls]
    return _TOLERANT_BUILDERS[cls]


def make_converter() -> cattrs.Converter:
    """Build the converter: strict hooks for request shapes, tolerant ones for responses."""
    converter = cattrs.Converter(detailed_validation=True)

    def structure_factory(t: Any) -> Callable[[Any, Any], Any]:
        cls = _model_class(t)
        assert cls is not None
        return _parser(cls)

    def unstructure_factory(t: Any) -> Callable[[Any], Any]:
        cls = _model_class(t)
        assert cls is not None
        return _unstructure_fn(cls, converter)

    converter.register_structure_hook_func(lambda t: not _contains_model(t), _passthrough)
    converter.register_structure_hook(datetime.datetime, _structure_datetime)
    converter.register_structure_hook_factory(
        lambda t: _model_class(t) is not None, structure_factory
    )
    converter.register_unstructure_hook_factory(
        lambda t: _model_class(t) is not None, unstructure_factory
    )
    converter.register_unstructure_hook(datetime.datetime, lambda v: v)
    return converter


_CONVERTER = make_converter()

# Per model class, the function to_boto / from_boto runs: found once, so that a call does not
# go through cattrs' dispatch again.
_DUMPERS: dict[type, Callable[[Any], dict[str, Any]]] = {}
_PARSERS: dict[Any, Callable[..., Any]] = {}


def to_boto(obj: attrs.AttrsInstance) -> dict[str, Any]:
    """The AWS-shaped form of a model: exactly the keyword arguments boto3 expects.

    Members that are ``None`` are omitted; ``False``, ``0`` and empty values are kept.

    Args:
        obj: A model instance, e.g. an ``UpdateConnectorProfileRequest``.

    Returns:
        A new dict with AWS member names, e.g. ``{"connectorProfileName": ...}``.
    """
    dump = _DUMPERS.get(type(obj))
    if dump is None:
        if _model_class(type(obj)) is None:
            result: dict[str, Any] = _CONVERTER.unstructure(obj, type(obj))
            return result
        dump = _DUMPERS[type(obj)] = _CONVERTER.get_unstructure_hook(type(obj))
    return dump(obj)


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
        ValidationError: With every violation found and its API path (request structures).
    """
    parse = _PARSERS.get(cls)
    if parse is None:
        if _model_class(cls) is None:
            raise TypeError(f"{cls!r} is not an appflow_typed model class")
        parse = _PARSERS[cls] = _parser(cls)
    result: _T = parse(data)
    return result


def _parser(cls: Any) -> Callable[..., Any]:
    """``from_boto``'s function for ``cls``, and the converter's structure hook for it."""
    name = cls.__name__
    build = _builder(cls)

    def parse(data: Any, _: Any = None) -> Any:
        found: list[Violation] = []
        result = build(data, "", found)  # not an object at all: a violation at the root
        if found:
            raise ValidationError(name, found)
        return result

    return parse


def _join(path: str, part: str) -> str:
    if not path:
        return part
    return f"{path}{part}" if part.startswith("[") else f"{path}.{part}"


def _under(path: str, violations: Iterable[Violation]) -> Iterator[Violation]:
    """Violations found within the object at ``path``, with paths from the root."""
    for v in violations:
        yield Violation(_join(path, v.path) if v.path else path, v.message)


def _unknown_member(path: str, key: object) -> Violation:
    # the key is the caller's, unchecked: at most 64 characters of it are shown
    return Violation(_join(path, str(key)[:64]), "unknown member")
