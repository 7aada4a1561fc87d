"""The one interpreter of the models' facts: checks, strict parsing, tolerant building, dumping.

The generated modules state facts only: each model is a plain attrs declaration, and
:mod:`appflow_typed.models._schema` lists each structure's members (attribute, wire name,
shape, required) and every other shape's type and constraints, as botocore's service model
states them. This module is the one place that knows what a constraint means:

- :attr:`Plan.check` (run by a model's ``__init__``, :attr:`Plan.init`): every member against
  its shape, then the shape's cross-field rule (``check_<Shape>`` in ``_rules.py``), all
  violations at once, with paths relative to the model;
- :func:`parse`: strict, from request data (boto3 kwargs, AWS JSON): unknown keys rejected by
  name (with a did-you-mean), every violation of the tree at its API path;
- :func:`build`: tolerant, from response data: unknown members dropped (their names logged at
  DEBUG), unknown enumeration values kept, no request checks;
- :func:`dump`: exactly the keyword arguments boto3 takes: wire names, ``None`` omitted,
  ``False``, ``0`` and empty values kept.

Each model class's code is written from the facts and compiled the first time it is needed,
then kept, as attrs and cattrs make theirs (see :class:`Plan`): its checks and ``__init__``,
its parser, its dumper; :func:`_write_check` is the one place that knows what each constraint
means. Nested models are parsed, built and dumped through the cattrs converter's hooks
(:class:`Hooks`, :mod:`appflow_typed._converter`), so that a hook a user registers there for a
nested class applies inside a tree too.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import inspect
import linecache
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
    if folded:
        return f"; did you mean {folded[0]}?"
    import difflib  # only a request with a name wrong in more than case pays for it

    near = difflib.get_close_matches(key[:64], names, n=1, cutoff=0.75)
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


def held_structures(shape: str) -> tuple[str, ...]:
    """The structures a member of shape ``shape`` holds: itself, a list's items, a map's
    values (from the facts)."""
    facts = SHAPES.get(shape, {})
    return tuple(s for s in (shape, facts.get("member"), facts.get("value")) if s in STRUCTURES)


@functools.cache
def structures_under(name: str) -> frozenset[str]:
    """Structure ``name`` and every structure its members hold, at any depth."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            for _, _, shape, _ in STRUCTURES[current]:
                todo.extend(held_structures(shape))
    return frozenset(seen)


def credential_shapes() -> frozenset[str]:
    """The structures under a profile's ``connectorProfileCredentials`` (from the facts),
    where an unknown member's name is never shown (see :data:`UNKNOWN_CREDENTIAL_MEMBER`)."""
    return structures_under("ConnectorProfileCredentials")


UNKNOWN_CREDENTIAL_MEMBER: Final = (
    "has an unknown member (its name is not shown: under credentials)"
)
"""The message of an unknown member of a structure under credentials, at the structure."""


def _unknown_member(shape: str, path: str, key: str, known: frozenset[str]) -> Violation:
    """The violation of an unknown member ``key`` of ``shape``. Under credentials its name is
    not shown, since a "name" there may hold a credential a missing space joined to its key
    (``password:Hunter2`` is one YAML key); elsewhere it is shown escaped, so that a line
    break or a terminal escape in it cannot forge a line of output."""
    hint = did_you_mean(key, known)  # only ever a known member's name
    if shape in credential_shapes():
        return Violation(path, UNKNOWN_CREDENTIAL_MEMBER + hint)
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


# --------------------------------------------------------------------------- what a constraint means


def _count_rule(
    lo: int | None, hi: int | None, unit: str
) -> tuple[str | None, Callable[[int], str]]:
    """A list's (``items``) or map's (``entries``) size rule: the condition a count ``{n}``
    must meet (Python source, ``None`` when any count does) and the message when it does not."""
    if lo is not None and lo > 0 and hi is not None:
        return f"{lo} <= {{n}} <= {hi}", lambda n: f"expected {lo} to {hi} {unit}, got {n}"
    if hi is not None:
        return f"{{n}} <= {hi}", lambda n: f"expected at most {hi} {unit}, got {n}"
    if lo:
        return f"{{n}} >= {lo}", lambda n: f"expected at least {lo} {unit}, got {n}"
    return None, str


def _length_rule(lo: int | None, hi: int | None) -> tuple[str | None, Callable[[int], str]]:
    """A string's length rule: the condition its length ``{n}`` must meet (Python source,
    ``None`` when any length does) and the message when it does not."""
    if lo is not None and lo == hi:
        return f"{{n}} == {lo}", lambda n: f"expected exactly {lo} characters, got {n}"
    if lo is not None and hi is not None:
        return f"{lo} <= {{n}} <= {hi}", lambda n: f"expected {lo} to {hi} characters, got {n}"
    if hi is not None:
        return f"{{n}} <= {hi}", lambda n: f"expected at most {hi} characters, got {n}"
    if lo is not None:
        return f"{{n}} >= {lo}", lambda n: f"expected at least {lo} characters, got {n}"
    return None, str


def values_in_model_order(name: str) -> tuple[str, ...]:
    """An enumeration's values in the order the service model lists them."""
    alias = getattr(_constraints, name)
    values: tuple[str, ...] = alias.__args__
    return values


def _integer_bounds(kind: str, facts: dict[str, Any]) -> tuple[int | None, int | None, str]:
    """An integer shape's bounds and the words of a value outside them."""
    lo, hi = facts.get("min"), facts.get("max")
    if kind == "long":  # the service's 64-bit range, narrowed by the model's own bounds
        lo = LONG_RANGE[0] if lo is None else max(lo, LONG_RANGE[0])
        hi = LONG_RANGE[1] if hi is None else min(hi, LONG_RANGE[1])
    if lo is not None and hi is not None:
        return lo, hi, f"expected an integer from {lo} to {hi}"
    if lo is not None:
        return lo, hi, f"expected an integer at least {lo}"
    return lo, hi, "expected an integer" if hi is None else f"expected an integer at most {hi}"


def _timestamp_violation(value: Any) -> str | None:
    """The message of a request timestamp botocore would not take, else ``None``."""
    if is_timestamp(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "expected a timestamp within years 1 to 9999 (epoch seconds)"
    return (
        "expected a timestamp (a datetime, epoch seconds, or date text botocore reads such as "
        "ISO 8601), got " + type_name(value)
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


class _Source:
    """The source of one class's code being written, and the names it uses."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []
        self.names: dict[str, Any] = {
            "Mapping": Mapping,
            "ValidationError": ValidationError,
            "Violation": Violation,
            "did_you_mean": did_you_mean,
            "type_name": type_name,
            "check_response_value": check_response_value,
            "is_from_response": is_from_response,
            "FROM_RESPONSE": FROM_RESPONSE,
            "invalid_members": invalid_members,
            "mark_invalid": mark_invalid,
            "under": under,
            "unknown_members": _unknown_members,
            "stand_in": stand_in,
            "copy": _copy,
            "setattr_": object.__setattr__,
        }
        self._constants: dict[int, str] = {}

    def constant(self, value: Any, kind: str) -> str:
        """The name the code uses for ``value`` (one name per object)."""
        name = self._constants.get(id(value))
        if name is None:
            name = self._constants[id(value)] = f"{kind}_{len(self._constants)}"
            self.names[name] = value
        return name

    def add(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


@functools.cache
def _pattern_match(pattern: str) -> Callable[[str], object]:
    return re.compile(java_regex_to_python(pattern), re.ASCII).fullmatch


def _write_check(src: _Source, shape: str, var: str, at: str, depth: int) -> None:
    """Write the check of the value in ``var`` against ``shape``: each violation appended to
    ``found`` at the path the f-string body ``at`` makes. The one place that knows what each
    constraint of the service model means; the value may be anything, ``None`` included."""
    add, path = src.add, f'f"{at}"'

    def report(message: str) -> None:
        add(depth + 1, f"found.append(Violation({path}, {message}))")

    if shape in STRUCTURES:
        cls = src.constant(_model_class(shape), "cls")
        hint = src.constant(model_hint(shape), "hint")
        add(depth, f"if not isinstance({var}, {cls}):")
        report(
            f'{hint} if isinstance({var}, dict) else "expected {shape}, got " + type_name({var})'
        )
        if shape in TOLERANT_SHAPES:  # may have been built from a response: checked on use
            add(depth, f"elif id({var}) in FROM_RESPONSE and is_from_response({var}):")
            add(depth + 1, f"check_response_value({var}, {path}, found)")
        return
    facts = SHAPES[shape]
    kind = facts["type"]
    if kind == "string":
        add(depth, f"if not isinstance({var}, str):")
        report(f'"expected a string, got " + type_name({var})')
        condition, message = _length_rule(facts.get("min"), facts.get("max"))
        if condition is not None:
            add(depth, f"elif not ({condition.format(n=f'len({var})')}):")
            report(f"{src.constant(message, 'length')}(len({var}))")
        if facts.get("enum"):
            values = src.constant(getattr(_constraints, f"{shape}_VALUES"), "values")
            words = "expected one of: " + ", ".join(values_in_model_order(shape))
            add(depth, f"elif {var} not in {values}:")
            report(f"{src.constant(words, 'words')} + did_you_mean({var}, {values})")
        elif "pattern" in facts:
            add(
                depth, f"elif not {src.constant(_pattern_match(facts['pattern']), 'match')}({var}):"
            )
            report(src.constant(pattern_message(facts["pattern"]), "words"))
    elif kind in ("integer", "long"):
        lo, hi, words = _integer_bounds(kind, facts)
        add(depth, f"if not isinstance({var}, int) or isinstance({var}, bool):")
        report(f'"expected an integer, got " + type_name({var})')
        outside = [f"{var} < {lo}"] * (lo is not None) + [f"{var} > {hi}"] * (hi is not None)
        if outside:  # a long is always bounded (LONG_RANGE); an integer may not be
            add(depth, f"elif {' or '.join(outside)}:")
            report(repr(words))
    elif kind == "double":
        add(depth, f"if not isinstance({var}, (int, float)) or isinstance({var}, bool):")
        report(f'"expected a number, got " + type_name({var})')
    elif kind == "boolean":
        add(depth, f"if not isinstance({var}, bool):")
        report(f'"expected a boolean, got " + type_name({var})')
    elif kind == "timestamp":
        problem = src.constant(_timestamp_violation, "timestamp")
        add(depth, f"if (message := {problem}({var})) is not None:")
        report("message")
    elif kind in ("list", "map"):
        _write_container_check(src, facts, var, at, depth)
    else:
        raise TypeError(f"no check for shape {shape} ({kind})")


def _write_container_check(
    src: _Source, facts: dict[str, Any], var: str, at: str, depth: int
) -> None:
    """Write the check of a list or map: its type, its size, then each item or entry."""
    add, path, level = src.add, f'f"{at}"', depth + 1
    kind = facts["type"]
    add(depth, f"if not isinstance({var}, {kind if kind == 'list' else 'dict'}):")
    expected = "a list" if kind == "list" else "an object (map)"
    add(
        depth + 1,
        f'found.append(Violation({path}, "expected {expected}, got " + type_name({var})))',
    )
    condition, message = _count_rule(
        facts.get("min"), facts.get("max"), "items" if kind == "list" else "entries"
    )
    if condition is not None:
        add(depth, f"elif not ({condition.format(n=f'len({var})')}):")
        add(
            depth + 1,
            f"found.append(Violation({path}, {src.constant(message, 'size')}(len({var}))))",
        )
    add(depth, "else:")
    index, item = f"i{level}", f"x{level}"
    if kind == "list":
        add(depth + 1, f"for {index}, {item} in enumerate({var}):")
        _write_check(src, facts["member"], item, f"{at}[{{{index}}}]", depth + 2)
        return
    key = f"k{level}"
    add(depth + 1, f"for {index}, ({key}, {item}) in enumerate({var}.items()):")
    _write_check(src, facts["key"], key, f"{at}[#{{{index}}}] (key)", depth + 2)
    # a key is named by position where it may be invalid (an invalid key is never echoed),
    # and so is a value under a secret key
    secret_keys = bool(SHAPES[facts["key"]].get("sensitive"))
    named = f"{at}[#{{{index}}}]" if secret_keys else f"{at}[{{{key}!r:.64}}]"
    _write_check(src, facts["value"], item, named, depth + 2)


# --------------------------------------------------------------------------- per class


class Member(NamedTuple):
    """One member of a structure, as the interpreter uses it."""

    attr: str
    wire: str
    shape: str
    required: bool
    kind: str  # structure, list, map or a scalar type
    item: str | None  # a list's member or a map's value shape
    listed: str | None  # a map of lists of structures: that structure (connectorEntityMap)


class Plan:
    """What the interpreter knows of one model class (see :func:`plan`), and the code it
    writes for it from the facts: each piece compiled on first use, then kept (a response's
    class, say, is built by :func:`build` and never needs its request checks compiled)."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.name = cls.__name__
        self.members = tuple(_member(*spec) for spec in STRUCTURES[self.name])
        self.by_attr = {m.attr: m for m in self.members}
        self.known = frozenset(m.wire for m in self.members)  # wire names
        self.sparse = self.name in UNION_SHAPES

    def _source(self) -> _Source:
        src = _Source(self.name)
        src.names["cls"] = self.cls
        src.names["rule"] = getattr(_rules, f"check_{self.name}", None)
        return src

    @functools.cached_property
    def _checks(self) -> dict[str, Any]:
        src = self._source()
        _write_check_function(src, self.members, self.sparse)
        _write_init(src, self.members, self.sparse, strict=self.name in STRICT_SHAPES)
        code = _compile(src, "__init__")
        code["__init__"].__qualname__ = f"{self.name}.__init__"  # Python's TypeError names it
        return code

    @functools.cached_property
    def check(self) -> Callable[[Any], list[Violation]]:
        """Every violation of an instance's members, then of its shape's rule (paths
        relative)."""
        check: Callable[[Any], list[Violation]] = self._checks["check"]
        return check

    @functools.cached_property
    def init(self) -> Callable[..., None]:
        """The class's ``__init__``: takes the members, checks them all, raises at once."""
        init: Callable[..., None] = self._checks["__init__"]
        return init

    @functools.cached_property
    def parse(self) -> Callable[[Any, str, list[Violation], Hooks], Any]:
        """Strictly, from request data (see :func:`parse`)."""
        src = self._source()
        src.names["check"] = self.check
        _write_parse(src, self.members, self.sparse)
        parse: Callable[[Any, str, list[Violation], Hooks], Any] = _compile(src, "parse")["parse"]
        return parse

    @functools.cached_property
    def dump(self) -> Callable[[Any, Hooks], dict[str, Any]]:
        """To the AWS-shaped form (see :func:`dump`)."""
        src = self._source()
        _write_dump(src, self.members, self.sparse)
        dump: Callable[[Any, Hooks], dict[str, Any]] = _compile(src, "dump")["dump"]
        return dump


def _member(attr: str, wire: str, shape: str, required: bool) -> Member:
    if shape in STRUCTURES:
        return Member(attr, wire, shape, required, "structure", None, None)
    facts = SHAPES[shape]
    kind = facts["type"]
    item = facts["member"] if kind == "list" else facts["value"] if kind == "map" else None
    values = SHAPES.get(item or "", {})
    listed = values["member"] if kind == "map" and values.get("type") == "list" else None
    return Member(attr, wire, shape, required, kind, item, listed if listed in STRUCTURES else None)


_PLANS: dict[type, Plan] = {}


def plan(cls: type) -> Plan:
    """The plan of model class ``cls``: its members, and the code that checks, parses and
    dumps it (see :class:`Plan`), made once."""
    try:
        return _PLANS[cls]
    except KeyError:
        made = _PLANS[cls] = _plan(cls)
        return made


def _plan(cls: type) -> Plan:
    return Plan(cls)


def _compile(src: _Source, what: str) -> dict[str, Any]:
    """Compile the code written for one class, as attrs and cattrs compile theirs: its source
    kept in :mod:`linecache` under a name of its own, so that a traceback shows its lines."""
    text = "\n".join(src.lines) + "\n"
    filename = f"<appflow_typed.models {src.name} {what}>"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    names = dict(src.names)
    exec(compile(text, filename, "exec"), names)  # our own source, from the facts
    return names


def _write_check_function(src: _Source, members: tuple[Member, ...], sparse: bool) -> None:
    """Every violation of an instance's members, then of its shape's rule. A union checks
    the members it holds (those set, and a required one in any case: see ``union_model``)."""
    add = src.add

    def member(m: Member, depth: int) -> None:
        add(depth, "if value is None:")
        add(
            depth + 1,
            f'found.append(Violation("{m.wire}", "is required"))' if m.required else "pass",
        )
        add(depth, "else:")
        _write_check(src, m.shape, "value", m.wire, depth + 1)

    if sparse:
        for m in members:
            add(0, f"def check_{m.attr}(value, found):")
            member(m, 1)
        add(0, f"member_checks = {{{', '.join(f'{m.attr!r}: check_{m.attr}' for m in members)}}}")
    add(0, "def check(obj):")
    add(1, "found = []")
    if sparse:
        add(1, "for attr, value in obj.__dict__.items():")
        add(2, "member_checks[attr](value, found)")
    for m in () if sparse else members:
        add(1, f"value = obj.{m.attr}")
        member(m, 1)
    if src.names["rule"] is not None:
        add(1, "broken = rule(obj, invalid_members(found) if found else ())")
        add(1, "if broken:")
        add(2, "found.extend(broken)")
    add(1, "return found")


_INIT_NAMES: Final = frozenset(
    {
        "self",
        "members",
        "found",
        "setattr_",
        "check",
        "ValidationError",
        "list",
        "dict",
        "isinstance",
    }
)
"""The names a written ``__init__`` uses besides its parameters (the members)."""


def _write_init(src: _Source, members: tuple[Member, ...], sparse: bool, strict: bool) -> None:
    """The ``__init__``: each member kept (lists and dicts copied: what is checked is what
    is kept, the caller's stay theirs; a union keeps only the members that are set), then,
    for a request structure, every member checked and all violations raised at once. A
    response structure's model is the service's word: taken as given."""
    add = src.add
    clash = _INIT_NAMES.intersection(m.attr for m in members)
    if clash:  # a member would shadow a name the __init__ uses
        raise TypeError(f"{src.name}: members {sorted(clash)} clash with the __init__'s names")
    params = [m.attr for m in members if m.required] + [
        f"{m.attr}=None" for m in members if not m.required
    ]
    add(0, f"def __init__(self, *, {', '.join(params)}):" if params else "def __init__(self):")
    add(1, "__tracebackhide__ = True  # pytest shows neither this frame nor its locals")
    if sparse:
        add(1, "members = self.__dict__")
    for m in members:
        value = m.attr
        if m.kind in ("list", "map"):
            container = "list" if m.kind == "list" else "dict"
            value = f"{container}({m.attr}) if isinstance({m.attr}, {container}) else {m.attr}"
        if not sparse:
            add(1, f'setattr_(self, "{m.attr}", {value})')
        elif m.required:
            add(1, f'members["{m.attr}"] = {value}')
        else:
            add(1, f"if {m.attr} is not None:")
            add(2, f'members["{m.attr}"] = {value}')
    if strict:
        add(1, "found = check(self)")
        add(1, "if found:")
        if members:  # the frame stays reachable from the traceback: no raw argument
            add(2, f"del {', '.join(m.attr for m in members)}")
        add(2, f'raise ValidationError("{src.name}", found)')


def _write_read(src: _Source, m: Member, depth: int) -> None:
    """Write how a member's ``value`` (from request data, not ``None``) becomes what the model
    holds: a nested model read through the converter's hooks, a container copied."""
    add = src.add
    at = f'f"{{path}}.{m.wire}" if path else "{m.wire}"'
    if m.kind == "structure":
        model = src.constant(_model_class(m.shape), "cls")
        add(depth, f"value = hooks.reader({model}, True)(value, {at}, found)")
    elif m.kind == "list" and m.item in STRUCTURES:
        # each item parsed; not a list: the check reports it
        add(depth, "if isinstance(value, (list, tuple)):")
        model = src.constant(_model_class(m.item), "cls")
        add(depth + 1, f"read, at = hooks.reader({model}, True), {at}")
        add(depth + 1, 'value = [read(x, f"{at}[{i}]", found) for i, x in enumerate(value)]')
    elif m.kind == "list":
        add(depth, "if isinstance(value, (list, tuple)):")
        add(depth + 1, "value = list(value)  # a tuple as a list, as botocore takes")
    elif m.kind == "map":
        add(depth, "if isinstance(value, Mapping):")
        add(depth + 1, "value = dict(value)  # any mapping, as botocore takes")
    else:
        add(depth, "pass")


def _write_parse(src: _Source, members: tuple[Member, ...], sparse: bool) -> None:
    """A model from request data, checked as its ``__init__`` checks (see :func:`parse`). A
    union reads the members given (in model order), and keeps those set and a required one."""
    add = src.add
    src.names["known"] = frozenset(m.wire for m in members)
    if sparse:
        for m in members:
            add(0, f"def read_{m.attr}(value, path, found, hooks):")
            _write_read(src, m, 1)
            add(1, "return value")
        entries = (f"{m.wire!r}: ({m.attr!r}, read_{m.attr}, {m.required})" for m in members)
        add(0, f"member_reads = {{{', '.join(entries)}}}")
        src.names["order"] = tuple(m.wire for m in members)
        src.names["required"] = frozenset(m.wire for m in members if m.required)
    add(0, "def parse(data, path, found, hooks):")
    add(1, "if not isinstance(data, Mapping):")
    add(2, 'found.append(Violation(path, "expected an object, got " + type_name(data)))')
    add(2, "return stand_in(cls)")
    add(1, "unknown = not known.issuperset(data)")
    add(1, "if unknown:")
    add(2, f'unknown_members("{src.name}", path, data, known, found)')
    add(1, "obj = cls.__new__(cls)  # checked below, as a whole")
    if sparse:
        add(1, "members = obj.__dict__")
        add(1, "given = data if len(data) == 1 and not required else (")
        add(2, "w for w in order if w in data or w in required")
        add(1, ")")
        add(1, "for wire in given:")
        add(2, "if wire in member_reads:")
        add(3, "attr, read, is_required = member_reads[wire]")
        add(3, "value = data.get(wire)")
        add(3, "if value is not None:")
        add(4, "members[attr] = read(value, path, found, hooks)")
        add(3, "elif is_required:")
        add(4, "members[attr] = None")
    for m in () if sparse else members:
        add(1, f'value = data.get("{m.wire}")')
        if m.kind == "structure":
            add(1, "if value is not None:")
            _write_read(src, m, 2)
        elif m.kind in ("list", "map"):
            _write_read(src, m, 1)
        add(1, f'setattr_(obj, "{m.attr}", value)')
    if src.name in CONNECTOR_UNIONS and all(m.kind == "structure" for m in members):
        # its members are instances of their classes (checked, or stand-ins whose violations
        # are reported): only its rule is left, and nothing but unknown keys says it all
        add(1, "if len(members) > 1 or not (members or unknown):")
        add(2, "broken = rule(obj, ()) if rule is not None else None")
        add(2, "if broken:")
        add(3, "found.extend(under(path, broken))")
        add(1, "return obj")
        return
    add(1, "broken = check(obj)")
    add(1, "if broken:")
    add(2, "found.extend(under(path, broken))")
    add(2, "return mark_invalid(obj)")
    add(1, "return obj")


def _write_dumped(src: _Source, m: Member, target: str, depth: int) -> None:
    """Write ``target = `` the AWS-shaped form of a member's ``value`` (not ``None``)."""
    add = src.add
    if m.kind == "structure":
        add(depth, f"{target} = hooks.dumper({src.constant(_model_class(m.shape), 'cls')})(value)")
    elif m.item in STRUCTURES:
        add(depth, f"each = hooks.dumper({src.constant(_model_class(m.item), 'cls')})")
        add(
            depth,
            f"{target} = [each(x) for x in value]"
            if m.kind == "list"
            else f"{target} = {{k: each(x) for k, x in value.items()}}",
        )
    elif m.listed is not None:  # ListConnectorEntities' connectorEntityMap
        add(depth, f"each = hooks.dumper({src.constant(_model_class(m.listed), 'cls')})")
        add(depth, f"{target} = {{k: [each(x) for x in v] for k, v in value.items()}}")
    elif m.kind in ("list", "map"):
        add(depth, f"{target} = copy(value)")
    else:
        add(depth, f"{target} = value")


def _write_dump(src: _Source, members: tuple[Member, ...], sparse: bool) -> None:
    """The AWS-shaped form (see :func:`dump`); a union dumps the members it holds."""
    add = src.add
    if sparse:
        for m in members:
            add(0, f"def dump_{m.attr}(value, hooks):")
            _write_dumped(src, m, "value", 1)
            add(1, "return value")
        add(
            0,
            f"member_dumps = {{{', '.join(f'{m.attr!r}: ({m.wire!r}, dump_{m.attr})' for m in members)}}}",
        )
    add(0, "def dump(obj, hooks):")
    add(1, "out = {}")
    if sparse:
        add(1, "for attr, value in obj.__dict__.items():")
        add(2, "if value is not None:")
        add(3, "wire, dumped = member_dumps[attr]")
        add(3, "out[wire] = dumped(value, hooks)")
    for m in () if sparse else members:
        add(1, f"value = obj.{m.attr}")
        add(1, "if value is not None:")
        _write_dumped(src, m, f'out["{m.wire}"]', 2)
    add(1, "return out")


def _unknown_members(
    shape: str, path: str, data: Mapping[Any, Any], known: frozenset[str], found: list[Violation]
) -> None:
    found.extend(_unknown_member(shape, path, str(key), known) for key in data if key not in known)


def new_instance(cls: Any, values: Mapping[str, Any]) -> Any:
    """An instance of ``cls`` holding ``values``, made without its ``__init__``'s checks.

    The one place besides the parser that makes a model without checking it: a response's
    model (its request checks do not apply to what the service answers) and a strict
    parser's stand-in for an invalid subtree (its violations are already reported). A union
    keeps only the members that are set (see ``union_model``).
    """
    instance = cls.__new__(cls)
    if plan(cls).sparse:
        instance.__dict__.update(values)
    else:
        for attr, value in values.items():
            object.__setattr__(instance, attr, value)  # past the frozen __setattr__, as attrs does
    return instance


def invalid_members(found: list[Violation]) -> frozenset[str]:
    """The members (wire names) of a shape that ``found`` (paths relative to it) names."""
    return frozenset(v.path.replace("[", ".", 1).split(".", 1)[0] for v in found)


def construct(instance: Any, members: dict[str, Any]) -> None:
    """The ``__init__`` every model starts with: it writes and installs the class's own (see
    :func:`plan`) and runs it."""
    __tracebackhide__ = True  # pytest shows neither this frame nor its locals (the arguments)
    cls = type(instance)
    init = plan(cls).init
    cls.__init__ = init
    try:
        init(instance, **members)
    except (ValidationError, TypeError):
        del members  # the frame stays reachable from the traceback: no raw argument
        raise


def check_response_value(obj: Any, path: str, found: list[Violation]) -> None:
    """Check ``obj`` (built from a response) as request data, at ``path``: its members, the
    nested ones in turn, and its rule. Once valid, it is no longer marked, and is not
    checked again."""
    broken = plan(type(obj)).check(obj)
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
    """The converter's hooks for nested models, kept for as long as the converter has them.

    A nested model is read and dumped through ``converter``'s hook for its class, so that a
    hook a user registers there applies inside a tree too; ours read on with the paths of
    the whole tree. Each use asks the converter for its hook (cattrs keeps it) and reuses
    what was made for that hook; a hook registered since is used from then on. Without a
    converter, the interpreter reads and dumps directly.
    """

    def __init__(self, converter: cattrs.Converter | None = None) -> None:
        self.converter = converter
        self._readers: dict[tuple[type, bool], tuple[object, Read]] = {}
        self._dumpers: dict[type, tuple[object, Callable[[Any], Any]]] = {}

    def reader(self, cls: type, strict: bool) -> Read:
        """How a nested model of class ``cls`` is read (strictly, or tolerantly)."""
        hook = None if self.converter is None else self.converter.get_structure_hook(cls)
        kept = self._readers.get((cls, strict))
        if kept is not None and kept[0] is hook:
            return kept[1]
        read = self._reader(cls, hook, strict)
        self._readers[cls, strict] = (hook, read)
        return read

    def _reader(self, cls: type, hook: Callable[[Any, Any], Any] | None, strict: bool) -> Read:
        if hook is None or hasattr(hook, "appflow_reader"):  # ours
            if strict:
                own = plan(cls).parse
                return lambda data, path, found: own(data, path, found, self)
            return lambda data, path, found: build(cls, data, path, found, self)

        def by_user_hook(data: Any, path: str, found: list[Violation]) -> Any:
            try:
                return hook(data, cls)
            except ValidationError as exc:  # its violations at their paths in the tree
                found.extend(under(path, exc.violations))
                return stand_in(cls) if strict else None

        return by_user_hook

    def dumper(self, cls: type) -> Callable[[Any], Any]:
        """How a nested model of class ``cls`` is dumped."""
        hook = None if self.converter is None else self.converter.get_unstructure_hook(cls)
        kept = self._dumpers.get(cls)
        if kept is not None and kept[0] is hook:
            return kept[1]
        out: Callable[[Any], Any]
        if hook is None or hasattr(hook, "appflow_dumper"):  # ours
            own = plan(cls).dump
            out = lambda obj: own(obj, self)  # noqa: E731
        else:
            out = hook
        self._dumpers[cls] = (hook, out)
        return out


_DIRECT = Hooks()
"""Reading and dumping without a converter."""


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
    return plan(cls).parse(data, path, found, _DIRECT if hooks is None else hooks)


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
        return hooks.reader(_model_class(m.shape), False)(value, at, found)
    if m.kind == "timestamp":
        return _timestamp(value, at, found)
    if m.item in STRUCTURES:
        read = hooks.reader(_model_class(m.item), False)
        if m.kind == "list":
            if isinstance(value, (list, tuple)):
                return [read(x, f"{at}[{i}]", found) for i, x in enumerate(value)]
            found.append(Violation(at, "expected a list, got " + type_name(value)))
            return value
        if isinstance(value, Mapping):
            return {k: read(x, f"{at}[#{i}]", found) for i, (k, x) in enumerate(value.items())}
        found.append(Violation(at, f"expected an object, got {type_name(value)}"))
        return value
    if m.listed is not None:  # ListConnectorEntities' connectorEntityMap
        return _map_of_lists(value, at, found, hooks.reader(_model_class(m.listed), False))
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
        hooks = _DIRECT
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
    return plan(type(obj)).dump(obj, _DIRECT if hooks is None else hooks)
