"""Hand-written helpers of the generated (de)serializers (``models/_<group>_serde.py``).

Each generated reader takes ``(data, path, found)``: the AWS-shaped data, its API path
from the root, and the list that collects every violation of the tree.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from appflow_typed.errors import Violation
from appflow_typed.models._base import did_you_mean, mark_invalid, parse_timestamp, type_name
from appflow_typed.models._base import from_response as from_response  # for the builders

Reader = Callable[[Any, str, list[Violation]], Any]
"""A generated parser or builder: ``(data, path, found) -> model``."""

Dumper = Callable[[Any], Any]
"""A generated dumper: ``model -> AWS-shaped data``."""

_log = logging.getLogger("appflow_typed")
_T = TypeVar("_T")


def not_an_object(path: str, value: object) -> Violation:
    """The violation of a value where a structure (JSON object) belongs."""
    return Violation(path, f"expected an object, got {type_name(value)}")


def unknown_members(path: str, data: Mapping[Any, Any], known: frozenset[str]) -> list[Violation]:
    """One violation per key of ``data`` that is not a member, in the order given, with the
    member it is likely a misspelling of (:func:`did_you_mean`).

    The key is the caller's, unchecked: at most 64 characters of it are shown.
    """
    return [
        Violation(join(path, str(key)[:64]), "unknown member" + did_you_mean(str(key), known))
        for key in data
        if key not in known
    ]


def join(path: str, part: str) -> str:
    """``part`` (a member name or ``[index]``) under ``path``."""
    if not path:
        return part
    return f"{path}{part}" if part.startswith("[") else f"{path}.{part}"


def under(path: str, violations: Iterable[Violation]) -> Iterator[Violation]:
    """Violations found within the object at ``path``, with paths from the root."""
    for v in violations:
        yield Violation(join(path, v.path) if v.path else path, v.message)


def unchecked(cls: type[_T], **values: Any) -> _T:
    """An instance of ``cls`` holding ``values``, built without its checks: what a strict
    parser returns for an invalid subtree so that the walk of the whole tree goes on. It is
    marked as such (:func:`~appflow_typed.models._base.mark_invalid`): the cross-field rules
    of the shapes holding it do not judge it, which would report what it lacks twice."""
    instance = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(instance, name, value)
    return mark_invalid(instance)


def copy(value: Any) -> Any:
    """A response value taken as it is; a container is copied, so that the frozen model does
    not share it with the caller's data."""
    if type(value) is list or type(value) is tuple:
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


def as_is(value: Any, path: str, found: list[Violation]) -> Any:
    """The reader of a scalar union member (see :func:`copy`)."""
    return copy(value)


def same(value: Any) -> Any:
    """The dumper of a scalar union member."""
    return value


def timestamp(value: Any, path: str, found: list[Violation]) -> datetime.datetime | None:
    """A timestamp, read as botocore reads one (:func:`~appflow_typed.models._base.parse_timestamp`:
    a ``datetime`` as it is; epoch seconds, ISO 8601, RFC 822 or other text ``dateutil``
    parses, in UTC), or a violation."""
    if isinstance(value, datetime.datetime):
        return value
    parsed = parse_timestamp(value)
    if parsed is None:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            found.append(Violation(path, "expected a timestamp"))
        else:
            found.append(Violation(path, f"expected a timestamp, got {type_name(value)}"))
    return parsed


def map_of_lists(
    value: Any, path: str, found: list[Violation], build: Callable[[Any, str, list[Violation]], _T]
) -> dict[str, list[_T]] | None:
    """A response map whose values are lists of structures (ListConnectorEntities'
    ``connectorEntityMap``), each item built by ``build``."""
    if not isinstance(value, Mapping):
        found.append(not_an_object(path, value))
        return None
    out: dict[str, list[_T]] = {}
    for key, items in value.items():
        at = f"{path}[{key!r:.64}]"
        if type(items) is list or type(items) is tuple:
            out[key] = [build(x, f"{at}[{i}]", found) for i, x in enumerate(items)]
        else:
            found.append(Violation(at, "expected a list, got " + type_name(items)))
    return out


def note_unknown(cls: type, data: Mapping[Any, Any], known: frozenset[str]) -> None:
    """Log at DEBUG the names (never the values) of members a response has that ``cls`` lacks."""
    if _log.isEnabledFor(logging.DEBUG):
        unknown = [k for k in data if k not in known]
        if unknown:
            _log.debug(
                "ignored %d unknown member(s) of %s in a response: %s",
                len(unknown),
                cls.__name__,
                ", ".join(repr(str(k)[:64]) for k in unknown),
            )
