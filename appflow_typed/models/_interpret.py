"""The one interpreter of the models' facts: checks, strict parsing, tolerant building, dumping.

The generated modules state facts only: each model is a plain attrs declaration, and
:mod:`appflow_typed.models._schema` lists each structure's members (attribute, wire name,
shape, required) and every other shape's type and constraints, as botocore's service model
states them. This module is the one place that knows what a constraint means:

- :func:`check` (a model's ``__init__``, see :func:`model`): every member against its shape,
  then the shape's cross-field rule (``check_<Shape>`` in ``_rules.py``), all violations at
  once, with paths relative to the model;
- :func:`parse`: strict, from request data (boto3 kwargs, AWS JSON): unknown keys rejected by
  name (with a did-you-mean), every violation of the tree at its API path;
- :func:`build`: tolerant, from response data: unknown members dropped (their names logged at
  DEBUG), unknown enumeration values kept, no request checks;
- :func:`dump`: exactly the keyword arguments boto3 takes: wire names, ``None`` omitted,
  ``False``, ``0`` and empty values kept.

Each shape's checker and each class's plan are made on first use from the tables and cached:
closures over the facts, no code generated at run time. Nested models are parsed, built and
dumped through the cattrs converter's hooks (:class:`Hooks`, :mod:`appflow_typed._converter`),
so that a hook a user registers there for a nested class applies inside a tree too.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import importlib
import inspect
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import attrs
from botocore.utils import parse_to_aware_datetime

from appflow_typed._java_regex import java_regex_to_python
from appflow_typed.errors import ValidationError, Violation
from appflow_typed.models import _constraints, _rules
from appflow_typed.models._base import (
    FROM_RESPONSE,
    from_response,
    is_from_response,
    mark_invalid,
    type_name,
)
from appflow_typed.models._schema import (
    CONNECTOR_UNIONS,
    SHAPES,
    STRICT_SHAPES,
    STRUCTURES,
    TOLERANT_SHAPES,
    UNION_SHAPES,
)

if TYPE_CHECKING:
    import cattrs

Check = Callable[[Any, str, list[Violation]], None]
"""A shape's checker: ``(value, path, found)``; the value is not ``None``; violations go to
``found`` (paths as given, never the value itself)."""

_log = logging.getLogger("appflow_typed")

# What the commonest patterns of the model mean, in words (by their Java spelling); the message
# of any other pattern shows the regex. Each says no more than the regex allows: Java's \w \d
# \s \S are ASCII classes, and '.' stops at line terminators.
PATTERN_WORDS: Final = {
    "\\S+": "expected a string without spaces, tabs or line breaks",
    ".*": "expected a single line (no line breaks)",
    "[\\w]+": "expected ASCII letters, digits and underscores only",
    "^[a-zA-Z0-9_]*$": "expected ASCII letters, digits and underscores only",
    "[ -~]+": "expected printable ASCII characters only",
    "^\\d{3}$": "expected exactly 3 ASCII digits",
    "[a-zA-Z0-9][\\w!@#.-]+": (
        "expected 2 or more ASCII letters, digits or _ ! @ # . -, starting with a letter or digit"
    ),
    "[\\s\\w/!@#+=.-]*": "expected ASCII letters, digits, whitespace or _ / ! @ # + = . - only",
    "[\\w/!@#+=.-]+": "expected ASCII letters, digits or _ / ! @ # + = . - only",
    "^[A-Za-z0-9\\-._~]+$": "expected ASCII letters, digits or - . _ ~ only",
    "^(https?)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]": (
        "expected an http:// or https:// URL (ASCII, no spaces)"
    ),
    "arn:aws:iam:.*:[0-9]+:.*": "expected an IAM ARN: arn:aws:iam:...:<account id>:...",
    "arn:aws:kms:.*:[0-9]+:.*": "expected a KMS ARN: arn:aws:kms:<region>:<account id>:...",
    "arn:aws:secretsmanager:.*:[0-9]+:.*": (
        "expected a Secrets Manager ARN: arn:aws:secretsmanager:<region>:<account id>:..."
    ),
    "arn:aws:.*:.*:[0-9]+:.*": "expected an ARN: arn:aws:<service>:<region>:<account id>:...",
}

# A `long` member of the service is a signed 64-bit integer (Smithy's `long`: "a 64-bit signed
# integer ranging from -2^63 to 2^63-1", https://smithy.io/2.0/spec/simple-types.html#long);
# a value outside it is refused as the service would. The model's own min/max narrow it.
LONG_RANGE: Final = (-(2**63), 2**63 - 1)

def pattern_message(pattern: str) -> str:
    """The message of a string that does not match the model's (Java) ``pattern``."""
    return PATTERN_WORDS.get(pattern) or f"expected a string matching {pattern} (whole string)"


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """``"; did you mean <name>?"`` for a near miss (another case, a typo) of a member name
    or enum value, else ``""``. Only a known name is ever shown, never the caller's key."""
    names = sorted(known)
    folded = [m for m in names if m.lower() == key.lower()]
    near = folded or difflib.get_close_matches(key[:64], names, n=1, cutoff=0.75)
    return f"; did you mean {near[0]}?" if near else ""


def parse_timestamp(value: object) -> datetime.datetime | None:
    """``value`` read as botocore reads a request timestamp; ``None`` when botocore does not
    take it.

    botocore's parameter validation and its serializers both read a timestamp with
    ``botocore.utils.parse_to_aware_datetime``: a ``datetime`` (naive ones are UTC), epoch
    seconds as a number or as numeric text (``"1704067200"``), or text ``dateutil`` parses:
    ISO 8601, RFC 822 (``"Mon, 01 Jan 2024 00:00:00 GMT"``), ``"2024/01/01"``... Whatever it
    parses is taken here, by the same function. Not taken: what it refuses (botocore's
    validator catches ``TypeError``, ``ValueError`` and ``AttributeError``); what it cannot
    turn into a ``datetime`` at all (``OverflowError``, ``OSError``, and the ``RuntimeError``
    it raises for epoch seconds past year 9999, e.g. ``1e20``), which botocore could not
    serialize; and booleans, which it would send as epoch second 0 or 1.
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
    """Whether ``value`` is a request timestamp botocore takes and can serialize
    (:func:`parse_timestamp`), also once converted to UTC as its serializers do (a moment
    before year 1 there is refused)."""
    parsed = parse_timestamp(value)
    if parsed is None:
        return False
    try:
        parsed.astimezone(datetime.timezone.utc)
    except OverflowError:
        return False
    return True


@functools.cache
def _credential_shapes() -> frozenset[str]:
    """The structures under a profile's ``connectorProfileCredentials`` (from the facts)."""
    seen: set[str] = set()
    todo = ["ConnectorProfileCredentials"]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for _, _, shape, _ in STRUCTURES[name]:
            facts = SHAPES.get(shape, {})
            for inner in (shape, facts.get("member"), facts.get("value")):
                if inner in STRUCTURES:
                    todo.append(inner)
    return frozenset(seen)


def _unknown_member(shape: str, path: str, key: str, known: frozenset[str]) -> Violation:
    """The violation of an unknown member ``key`` of ``shape``. Under credentials its name is
    not shown, since a "name" there may hold a credential a missing space joined to its key
    (``password:Hunter2`` is one YAML key); elsewhere it is shown escaped, so that a line
    break or a terminal escape in it cannot forge a line of output."""
    hint = did_you_mean(key, known)  # only ever a known member's name
    if shape in _credential_shapes():
        return Violation(path, "has an unknown member (its name is not shown: under credentials)" + hint)
    shown = key[:64] if key[:64].isprintable() else key[:64].encode("unicode_escape").decode()
    return Violation(join(path, shown), "unknown member" + hint)


def join(path: str, part: str) -> str:
    """``part`` (a member name or ``[index]``) under ``path``."""
    if not path:
        return part
    return f"{path}{part}" if part.startswith("[") else f"{path}.{part}"


def under(path: str, violations: Iterable[Violation]) -> Iterator[Violation]:
    """Violations found within the object at ``path``, with paths from the root."""
    for v in violations:
        yield Violation(join(path, v.path) if v.path else path, v.message)


_CLASSES: dict[str, type] = {}


def _model_class(name: str) -> type:
    """The model class of structure ``name`` (its group's module imported on first use)."""
    cls = _CLASSES.get(name)
    if cls is None:
        cls = _CLASSES[name] = getattr(importlib.import_module("appflow_typed.models"), name)
    return cls


# --------------------------------------------------------------------------- shape checks


def _sized(facts: dict[str, Any], plural: str) -> Callable[[int], str | None]:
    """The size check of a list (``items``) or map (``entries``): the message, or ``None``."""
    lo, hi = facts.get("min"), facts.get("max")
    if lo is not None and lo > 0 and hi is not None:
        return lambda n: None if lo <= n <= hi else f"expected {lo} to {hi} {plural}, got {n}"
    if hi is not None:
        return lambda n: None if n <= hi else f"expected at most {hi} {plural}, got {n}"
    if lo:
        return lambda n: None if n >= lo else f"expected at least {lo} {plural}, got {n}"
    return lambda n: None


def _string_check(name: str, facts: dict[str, Any]) -> Check:
    lo, hi = facts.get("min"), facts.get("max")
    length: Callable[[int], str | None]
    if lo is not None and lo == hi:
        length = lambda n: None if n == lo else f"expected exactly {lo} characters, got {n}"  # noqa: E731
    elif lo is not None and hi is not None:
        length = lambda n: None if lo <= n <= hi else f"expected {lo} to {hi} characters, got {n}"  # noqa: E731
    elif hi is not None:
        length = lambda n: None if n <= hi else f"expected at most {hi} characters, got {n}"  # noqa: E731
    elif lo is not None:
        length = lambda n: None if n >= lo else f"expected at least {lo} characters, got {n}"  # noqa: E731
    else:
        length = lambda n: None  # noqa: E731
    values: frozenset[str] | None = None
    matches: Callable[[str], object] | None = None
    mismatch = ""
    if facts.get("enum"):
        values = getattr(_constraints, f"{name}_VALUES")
        mismatch = "expected one of: " + ", ".join(values_in_model_order(name))
    elif "pattern" in facts:
        matches = re.compile(java_regex_to_python(facts["pattern"]), re.ASCII).fullmatch
        mismatch = pattern_message(facts["pattern"])

    def check(value: Any, path: str, found: list[Violation]) -> None:
        if not isinstance(value, str):
            found.append(Violation(path, "expected a string, got " + type_name(value)))
        elif (message := length(len(value))) is not None:
            found.append(Violation(path, message))
        elif values is not None and value not in values:
            found.append(Violation(path, mismatch + did_you_mean(value, values)))
        elif matches is not None and not matches(value):
            found.append(Violation(path, mismatch))

    return check


def values_in_model_order(name: str) -> tuple[str, ...]:
    """An enumeration's values in the order the service model lists them."""
    alias = getattr(_constraints, name)
    values: tuple[str, ...] = alias.__args__
    return values


def _integer_check(kind: str, facts: dict[str, Any]) -> Check:
    lo, hi = facts.get("min"), facts.get("max")
    if kind == "long":  # the service's 64-bit range, narrowed by the model's own bounds
        lo = LONG_RANGE[0] if lo is None else max(lo, LONG_RANGE[0])
        hi = LONG_RANGE[1] if hi is None else min(hi, LONG_RANGE[1])
    if lo is not None and hi is not None:
        words = f"expected an integer from {lo} to {hi}"
    elif lo is not None:
        words = f"expected an integer at least {lo}"
    else:
        words = f"expected an integer at most {hi}"

    def check(value: Any, path: str, found: list[Violation]) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            found.append(Violation(path, "expected an integer, got " + type_name(value)))
        elif (lo is not None and value < lo) or (hi is not None and value > hi):
            found.append(Violation(path, words))

    return check


def _double_check(value: Any, path: str, found: list[Violation]) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        found.append(Violation(path, "expected a number, got " + type_name(value)))


def _boolean_check(value: Any, path: str, found: list[Violation]) -> None:
    if not isinstance(value, bool):
        found.append(Violation(path, "expected a boolean, got " + type_name(value)))


def _timestamp_check(value: Any, path: str, found: list[Violation]) -> None:
    if is_timestamp(value):
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        found.append(Violation(path, "expected a timestamp within years 1 to 9999 (epoch seconds)"))
    else:
        found.append(
            Violation(
                path,
                "expected a timestamp (a datetime, epoch seconds, or date text botocore reads "
                "such as ISO 8601), got " + type_name(value),
            )
        )


def model_hint(name: str) -> str:
    """What a dict given where a ``name`` model is expected is told: which class to build,
    with its AWS member names, or ``from_boto`` for AWS-shaped data."""
    members = [wire for _, wire, _, _ in STRUCTURES[name]]
    shown = ", ".join(members[:4]) + (", ..." if len(members) > 4 else "")
    return (
        f"expected a {name} instance, got a dict: build it with {name}(...)"
        + (f" (AWS members: {shown})" if members else "")
        + ", or read AWS-shaped data with from_boto"
    )


def _structure_check(name: str) -> Check:
    hint = model_hint(name)
    shared = name in TOLERANT_SHAPES  # may have been built from a response: checked on use
    cls: type | None = None

    def check(value: Any, path: str, found: list[Violation]) -> None:
        nonlocal cls
        if cls is None:
            cls = _model_class(name)
        if not isinstance(value, cls):
            found.append(
                Violation(
                    path,
                    hint
                    if isinstance(value, dict)
                    else f"expected {name}, got " + type_name(value),
                )
            )
        elif shared and is_from_response(value):
            check_response_value(value, path, found)

    return check


def _list_check(facts: dict[str, Any]) -> Check:
    size = _sized(facts, "items")
    item = shape_check(facts["member"])

    def check(value: Any, path: str, found: list[Violation]) -> None:
        if not isinstance(value, list):
            found.append(Violation(path, "expected a list, got " + type_name(value)))
        elif (message := size(len(value))) is not None:
            found.append(Violation(path, message))
        else:
            for i, x in enumerate(value):
                item(x, f"{path}[{i}]", found)

    return check


def _map_check(facts: dict[str, Any]) -> Check:
    size = _sized(facts, "entries")
    key_check, value_check = shape_check(facts["key"]), shape_check(facts["value"])
    # a key is named by position where it may be invalid (an invalid key is never echoed),
    # and so is a value under a secret key
    secret_keys = bool(SHAPES[facts["key"]].get("sensitive"))

    def check(value: Any, path: str, found: list[Violation]) -> None:
        if not isinstance(value, dict):
            found.append(Violation(path, "expected an object (map), got " + type_name(value)))
        elif (message := size(len(value))) is not None:
            found.append(Violation(path, message))
        else:
            for i, (k, v) in enumerate(value.items()):
                key_check(k, f"{path}[#{i}] (key)", found)
                value_check(v, f"{path}[#{i}]" if secret_keys else f"{path}[{k!r:.64}]", found)

    return check


@functools.cache
def shape_check(name: str) -> Check:
    """The checker of values of shape ``name`` (made once, from the facts)."""
    if name in STRUCTURES:
        return _structure_check(name)
    facts = SHAPES[name]
    kind = facts["type"]
    if kind == "string":
        return _string_check(name, facts)
    if kind in ("integer", "long"):
        return _integer_check(kind, facts)
    if kind == "double":
        return _double_check
    if kind == "boolean":
        return _boolean_check
    if kind == "timestamp":
        return _timestamp_check
    if kind == "list":
        return _list_check(facts)
    if kind == "map":
        return _map_check(facts)
    raise TypeError(f"no check for shape {name} ({kind})")


# --------------------------------------------------------------------------- per class


class Member(NamedTuple):
    """One member of a structure, as the interpreter uses it."""

    attr: str
    wire: str
    shape: str
    required: bool
    kind: str  # structure, list, map or a scalar type
    item: str | None  # a list's member or a map's value shape
    container: type | None  # list or dict: copied on construction
    check: Check  # the checker of its shape


class Plan(NamedTuple):
    """What the interpreter knows of one model class (made once, see :func:`plan`)."""

    name: str
    members: tuple[Member, ...]
    by_attr: dict[str, Member]
    by_wire: dict[str, Member]
    known: frozenset[str]  # wire names
    sparse: bool
    rule: Callable[[Any, Any], list[Violation] | None] | None


def _member(attr: str, wire: str, shape: str, required: bool) -> Member:
    check = shape_check(shape)
    if shape in STRUCTURES:
        return Member(attr, wire, shape, required, "structure", None, None, check)
    facts = SHAPES[shape]
    kind = facts["type"]
    if kind == "list":
        return Member(attr, wire, shape, required, kind, facts["member"], list, check)
    if kind == "map":
        return Member(attr, wire, shape, required, kind, facts["value"], dict, check)
    return Member(attr, wire, shape, required, kind, None, None, check)


_PLANS: dict[type, Plan] = {}


def plan(cls: type) -> Plan:
    """The plan of model class ``cls``: its members and rule, from the facts (made once)."""
    try:
        return _PLANS[cls]
    except KeyError:
        made = _PLANS[cls] = _plan(cls)
        return made


def _plan(cls: type) -> Plan:
    name = cls.__name__
    members = tuple(_member(*spec) for spec in STRUCTURES[name])
    return Plan(
        name=name,
        members=members,
        by_attr={m.attr: m for m in members},
        by_wire={m.wire: m for m in members},
        known=frozenset(m.wire for m in members),
        sparse=name in UNION_SHAPES,
        rule=getattr(_rules, f"check_{name}", None),
    )


def new_instance(cls: Any, values: Mapping[str, Any]) -> Any:
    """An instance of ``cls`` holding ``values``, made without its ``__init__``'s checks.

    The one place that makes a model without checking it: a response's model (its request
    checks do not apply to what the service answers) and a strict parser's stand-in for an
    invalid subtree (its violations are already reported). A union keeps only the members
    that are set (see ``union_model``).
    """
    instance = cls.__new__(cls)
    fill(instance, values, plan(cls).sparse)
    return instance


def fill(instance: Any, values: Mapping[str, Any], sparse: bool) -> None:
    """Set ``values`` on ``instance`` (past the frozen ``__setattr__``, as attrs does)."""
    if sparse:
        instance.__dict__.update(values)
        return
    for attr, value in values.items():
        object.__setattr__(instance, attr, value)


def invalid_members(found: list[Violation]) -> frozenset[str]:
    """The members (wire names) of a shape that ``found`` (paths relative to it) names."""
    return frozenset(v.path.replace("[", ".", 1).split(".", 1)[0] for v in found)


def check(instance: Any, p: Plan) -> list[Violation]:
    """Every violation of ``instance``'s members, then of its shape's rule (paths relative)."""
    found: list[Violation] = []
    # a union: the members that are set (and a required one in any case), in model order
    members = [p.by_attr[a] for a in vars(instance)] if p.sparse else p.members
    for m in members:
        value = getattr(instance, m.attr)
        if value is None:
            if m.required:
                found.append(Violation(m.wire, "is required"))
        else:
            m.check(value, m.wire, found)
    if p.rule is not None:
        broken = p.rule(instance, invalid_members(found) if found else ())
        if broken:
            found.extend(broken)
    return found


def construct(instance: Any, members: dict[str, Any]) -> None:
    """The ``__init__`` of every model: take the members, check them all, raise at once.

    Lists and dicts are copied (what is checked is what is kept; the caller's stay theirs).
    A response structure's model is the service's word: taken as given.
    """
    __tracebackhide__ = True  # pytest shows neither this frame nor its locals (the arguments)
    p = plan(type(instance))
    fill(instance, _taken(p, members), p.sparse)
    del members  # the frame stays reachable from the traceback: no raw argument
    if p.name in STRICT_SHAPES:
        found = check(instance, p)
        if found:
            raise ValidationError(p.name, found)


def _taken(p: Plan, members: dict[str, Any]) -> dict[str, Any]:
    """The values a model of plan ``p`` keeps of the keyword arguments ``members``: every
    member (a union's: those set), containers copied; ``TypeError`` as Python's own
    signature check says it."""
    unknown = [attr for attr in members if attr not in p.by_attr]
    missing = [m.attr for m in p.members if m.required and m.attr not in members]
    if unknown or missing:
        del members
        if unknown:
            raise TypeError(
                f"{p.name}.__init__() got an unexpected keyword argument {unknown[0]!r}"
            )
        raise TypeError(
            f"{p.name}.__init__() missing {len(missing)} required keyword-only argument"
            f"{'s' if len(missing) > 1 else ''}: {' and '.join(repr(a) for a in missing)}"
        )
    values: dict[str, Any] = {}
    # a union keeps the members that are set (a required one in any case), in model order
    given = (
        [m for m in p.members if m.required or members.get(m.attr) is not None]
        if p.sparse and len(members) != 1
        else [p.by_attr[a] for a in members if members[a] is not None or p.by_attr[a].required]
        if p.sparse
        else p.members
    )
    for m in given:
        value = members.get(m.attr)
        if m.container is not None and isinstance(value, m.container):
            value = m.container(value)
        values[m.attr] = value
    return values


def check_response_value(obj: Any, path: str, found: list[Violation]) -> None:
    """Check ``obj`` (built from a response) as request data, at ``path``: its members, the
    nested ones in turn, and its rule. Once valid, it is no longer marked, and is not
    checked again."""
    p = plan(type(obj))
    broken = check(obj, p)
    if broken:
        found.extend(under(path, broken))
    else:
        FROM_RESPONSE.pop(id(obj), None)


def signature(cls: type) -> inspect.Signature:
    """The keyword-only signature of a model's ``__init__``, from its attrs fields."""
    return inspect.Signature(
        [
            inspect.Parameter(
                a.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=inspect.Parameter.empty if a.default is attrs.NOTHING else a.default,
                annotation=a.type if a.type is not None else inspect.Parameter.empty,
            )
            for a in attrs.fields(cls)
        ],
        return_annotation=None,
    )


# --------------------------------------------------------------------------- parse and build

Read = Callable[[Any, str, list[Violation]], Any]


class Hooks:
    """The converter's hooks for the nested models of one call, each looked up once.

    A nested model is read and dumped through ``converter``'s hook for its class, so that a
    hook a user registers there applies inside a tree too; ours read on with the paths of
    the whole tree. Without a converter, the interpreter reads and dumps directly.
    """

    def __init__(self, converter: cattrs.Converter | None = None) -> None:
        self.converter = converter
        self._readers: dict[tuple[str, bool], Read] = {}
        self._dumpers: dict[str, Callable[[Any], Any]] = {}

    def reader(self, name: str, strict: bool) -> Read:
        """How a nested model of structure ``name`` is read (strictly, or tolerantly)."""
        read = self._readers.get((name, strict))
        if read is None:
            read = self._readers[name, strict] = self._reader(name, strict)
        return read

    def _reader(self, name: str, strict: bool) -> Read:
        cls = _model_class(name)
        hook = None if self.converter is None else self.converter.get_structure_hook(cls)
        if hook is None or hasattr(hook, "appflow_reader"):  # ours
            own = parse if strict else build
            return lambda data, path, found: own(cls, data, path, found, self)

        def by_user_hook(data: Any, path: str, found: list[Violation]) -> Any:
            try:
                return hook(data, cls)
            except ValidationError as exc:  # its violations at their paths in the tree
                found.extend(under(path, exc.violations))
                return stand_in(cls) if strict else None

        return by_user_hook

    def dumper(self, name: str) -> Callable[[Any], Any]:
        """How a nested model of structure ``name`` is dumped."""
        out = self._dumpers.get(name)
        if out is None:
            cls = _model_class(name)
            hook = None if self.converter is None else self.converter.get_unstructure_hook(cls)
            if hook is None or hasattr(hook, "appflow_dumper"):  # ours
                out = self._dumpers[name] = lambda obj: dump(obj, self)
            else:
                out = self._dumpers[name] = hook
        return out


def stand_in(cls: type) -> Any:
    """A ``cls`` without members, marked as the stand-in of an invalid subtree (whose
    violations are reported): the cross-field rules of the shapes holding it do not judge it."""
    p = plan(cls)
    return mark_invalid(new_instance(cls, {} if p.sparse else dict.fromkeys(p.by_attr)))


def parse(
    cls: type,
    data: Any,
    path: str,
    found: list[Violation],
    hooks: Hooks | None = None,
) -> Any:
    """A ``cls`` from request data, checked as its ``__init__`` checks; violations go to
    ``found`` with their API paths, and an invalid subtree is a marked stand-in
    (:func:`~appflow_typed.models._base.mark_invalid`) so that the walk goes on."""
    if not isinstance(data, Mapping):
        found.append(Violation(path, f"expected an object, got {type_name(data)}"))
        return stand_in(cls)
    p = plan(cls)
    if hooks is None:
        hooks = Hooks()
    values: dict[str, Any] = {}
    # a union (one member of up to 23 set) reads the keys given, the others every member
    members = [m for m in p.members if m.wire in data or m.required] if p.sparse else p.members
    for m in members:
        value = data.get(m.wire)
        if value is not None:
            at = f"{path}.{m.wire}" if path else m.wire
            if m.kind == "structure":
                value = hooks.reader(m.shape, True)(value, at, found)
            elif m.kind == "list" and isinstance(value, (list, tuple)):
                if m.item in STRUCTURES:  # each item parsed; not a list: the check reports it
                    read = hooks.reader(m.item, True)
                    value = [read(x, f"{at}[{i}]", found) for i, x in enumerate(value)]
                else:
                    value = list(value)  # a tuple as a list, as botocore takes
            elif m.kind == "map" and isinstance(value, Mapping):
                value = dict(value)  # any mapping, as botocore takes
        if value is not None or not p.sparse or m.required:
            values[m.attr] = value
    unknown = [key for key in data if key not in p.known]
    if unknown:
        found.extend(_unknown_member(p.name, path, str(key), p.known) for key in unknown)
    if p.name in CONNECTOR_UNIONS and all(m.kind == "structure" for m in p.members):
        # its members are instances of their classes (checked, or stand-ins whose violations
        # are reported): only its rule is left, and nothing but unknown keys says it all
        instance = new_instance(cls, values)
        if len(values) > 1 or not (values or unknown):
            broken = p.rule(instance, ()) if p.rule is not None else None
            if broken:
                found.extend(under(path, broken))
        return instance
    # the values are the parser's own (containers new): checked as the model's __init__ would
    instance = new_instance(cls, values)
    broken = check(instance, p)
    if broken:
        found.extend(under(path, broken))
        return mark_invalid(instance)
    return instance


def _timestamp(value: Any, path: str, found: list[Violation]) -> datetime.datetime | None:
    """A response timestamp from epoch seconds or ISO 8601 text (a violation otherwise)."""
    try:
        if isinstance(value, datetime.datetime):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
        if isinstance(value, str):
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, OverflowError, OSError):
        found.append(Violation(path, "expected a timestamp"))
        return None
    found.append(Violation(path, f"expected a timestamp, got {type_name(value)}"))
    return None


def _copy(value: Any) -> Any:
    """A response value taken as it is; a container is copied, so that the frozen model does
    not share it with the caller's data."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


def _tolerant(m: Member, value: Any, at: str, found: list[Violation], hooks: Hooks) -> Any:
    """A response member's value (not ``None``) as the model holds it."""
    if m.kind == "structure":
        return hooks.reader(m.shape, False)(value, at, found)
    if m.kind == "timestamp":
        return _timestamp(value, at, found)
    if m.item in STRUCTURES:
        read = hooks.reader(m.item, False)
        if m.kind == "list":
            if isinstance(value, (list, tuple)):
                return [read(x, f"{at}[{i}]", found) for i, x in enumerate(value)]
            found.append(Violation(at, "expected a list, got " + type_name(value)))
            return value
        if isinstance(value, Mapping):
            return {k: read(x, f"{at}[#{i}]", found) for i, (k, x) in enumerate(value.items())}
        found.append(Violation(at, f"expected an object, got {type_name(value)}"))
        return value
    if m.kind == "map" and m.item is not None and SHAPES[m.item]["type"] == "list":
        inner = SHAPES[m.item]["member"]
        if inner in STRUCTURES:  # ListConnectorEntities' connectorEntityMap
            return _map_of_lists(value, at, found, hooks.reader(inner, False))
    return _copy(value)  # kept as given, an unknown enumeration value too


def _map_of_lists(
    value: Any, path: str, found: list[Violation], read: Callable[..., Any]
) -> dict[str, list[Any]] | None:
    """A response map whose values are lists of structures, each item built by ``read``."""
    if not isinstance(value, Mapping):
        found.append(Violation(path, f"expected an object, got {type_name(value)}"))
        return None
    out: dict[str, list[Any]] = {}
    for key, items in value.items():
        at = f"{path}[{key!r:.64}]"
        if isinstance(items, (list, tuple)):
            out[key] = [read(x, f"{at}[{i}]", found) for i, x in enumerate(items)]
        else:
            found.append(Violation(at, "expected a list, got " + type_name(items)))
    return out


def build(
    cls: type,
    data: Any,
    path: str,
    found: list[Violation],
    hooks: Hooks | None = None,
) -> Any:
    """A ``cls`` from response data, tolerantly: a member the model lacks is dropped (its name
    logged at DEBUG), an enumeration value it lacks kept, no request check run. Only data
    not shaped as a response goes to ``found``. A model of a shape requests share is marked
    (:func:`~appflow_typed.models._base.from_response`): a request taking it checks it then."""
    if not isinstance(data, Mapping):
        found.append(Violation(path, f"expected an object, got {type_name(data)}"))
        return None
    p = plan(cls)
    if hooks is None:
        hooks = Hooks()
    values: dict[str, Any] = {}
    for m in p.members:
        value = data.get(m.wire)
        if value is not None:
            value = _tolerant(m, value, join(path, m.wire), found, hooks)
        if value is not None or not p.sparse:
            values[m.attr] = value
    instance = new_instance(cls, values)
    if any(key not in p.known for key in data) and _log.isEnabledFor(logging.DEBUG):
        unknown = [k for k in data if k not in p.known]
        _log.debug(
            "ignored %d unknown member(s) of %s in a response: %s",
            len(unknown),
            p.name,
            ", ".join(repr(str(k)[:64]) for k in unknown),
        )
    if p.name in STRICT_SHAPES:
        from_response(instance)
    return instance


def read(cls: type, data: Any, path: str, found: list[Violation], hooks: Hooks) -> Any:
    """:func:`parse` for a request structure (and the shapes requests share), :func:`build`
    for a response structure."""
    if cls.__name__ in STRICT_SHAPES:
        return parse(cls, data, path, found, hooks)
    return build(cls, data, path, found, hooks)


# --------------------------------------------------------------------------- dump


def dump(obj: Any, hooks: Hooks | None = None) -> dict[str, Any]:
    """The AWS-shaped form of a model: wire names, ``None`` omitted, ``False``/``0``/empty
    kept; containers are new (the model's own are not handed out)."""
    p = plan(type(obj))
    if hooks is None:
        hooks = Hooks()
    res: dict[str, Any] = {}
    members = vars(obj) if p.sparse else None
    for m in p.members:
        if members is not None and m.attr not in members:
            continue
        value = getattr(obj, m.attr)
        if value is None:
            continue
        if m.kind == "structure":
            value = hooks.dumper(m.shape)(value)
        elif m.item in STRUCTURES:
            out = hooks.dumper(m.item)
            value = (
                [out(x) for x in value]
                if m.kind == "list"
                else {k: out(x) for k, x in value.items()}
            )
        elif m.kind == "map" and m.item is not None and SHAPES[m.item]["type"] == "list":
            inner = SHAPES[m.item]["member"]
            if inner in STRUCTURES:
                out = hooks.dumper(inner)
                value = {k: [out(x) for x in v] for k, v in value.items()}
            else:
                value = _copy(value)
        elif m.container is not None:
            value = _copy(value)
        res[m.wire] = value
    return res
