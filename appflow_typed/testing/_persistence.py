"""Saving and loading the endpoint's state: the one place that knows the file format.

A state is JSON (format :data:`STATE_FORMAT`): the connectors, profiles (credentials
included), flows, runs, tags, the entities tests added and the clientTokens still within
their window, with the region and account. Not kept: effects (a run's history), page tokens
(they do not survive a restart), the entity cache and the run controls.

A state file holds credentials, so it is written readable by its owner only, through a new
temporary file that nothing else can have planted (created exclusively, never following a
link), flushed to disk, then renamed over the target. A state file read back is checked
whole before anything is replaced: every record's members and types, the configurations
against the service model's shapes, timestamps within what botocore parses, nesting depth.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
import types
import typing
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from appflow_typed.testing._catalog import CatalogEntity
from appflow_typed.testing._resources._common import Json, copy_json
from appflow_typed.testing._resources._idempotency import TokenEntry
from appflow_typed.testing._resources.connectors import StoredConnector
from appflow_typed.testing._resources.flows import StoredFlow
from appflow_typed.testing._resources.profiles import StoredCredentials, StoredProfile
from appflow_typed.testing._resources.runs import StoredExecution

if TYPE_CHECKING:
    from appflow_typed.testing._state import Store

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "STATE_FORMAT",
    "check_writable",
    "read_file",
    "restore",
    "snapshot",
    "write_file",
]

STATE_FORMAT = "appflow-typed-local-state/1"
"""The ``format`` of a saved state."""

MAX_FILE_BYTES = 256 * 1024 * 1024
"""A state file larger than this is refused (it is read whole into memory)."""

MAX_DEPTH = 64
"""JSON nested deeper than this is refused: AppFlow's deepest request shapes nest about a
dozen levels, and deeper data would exhaust the stack of the code that copies it."""

_MAX_TIMESTAMP = 253402300799.0
"""23:59:59 UTC on 31 December 9999: the latest timestamp botocore's parser accepts (Python's
``datetime`` stops at year 9999)."""

_SHAPES: Mapping[tuple[type, str], tuple[str, bool]] = {
    (StoredConnector, "provisioning_type"): ("ConnectorProvisioningType", False),
    (StoredConnector, "provisioning_config"): ("ConnectorProvisioningConfig", False),
    (StoredProfile, "connector_type"): ("ConnectorType", False),
    (StoredProfile, "connection_mode"): ("ConnectionMode", False),
    (StoredProfile, "properties"): ("ConnectorProfileProperties", False),
    (StoredProfile, "credentials"): ("ConnectorProfileCredentials", True),
    (StoredFlow, "status"): ("FlowStatus", False),
    (StoredFlow, "trigger_config"): ("TriggerConfig", False),
    (StoredFlow, "source_flow_config"): ("SourceFlowConfig", False),
    (StoredFlow, "destination_flow_config_list"): ("DestinationFlowConfigList", False),
    (StoredFlow, "tasks"): ("Tasks", False),
    (StoredFlow, "metadata_catalog_config"): ("MetadataCatalogConfig", False),
    (StoredExecution, "status"): ("ExecutionStatus", False),
}
"""Record members checked against the service model's shape (name, whether secret): what
the endpoint stores is what a request carried, so a state must hold what a request could."""

_TIMESTAMPS = frozenset({
    "registered_at", "updated_at", "created_at", "last_updated_at", "started_at",
})

R = TypeVar("R")


# -- saving ------------------------------------------------------------------------------


def snapshot(store: Store) -> Json:
    """What outlives a run, as JSON data (the caller holds the store's lock)."""
    context = store.context
    return {
        "format": STATE_FORMAT,
        "region": context.region,
        "accountId": context.account,
        "connectors": [copy_json(attrs.asdict(c)) for c in store.connectors.records.values()],
        "profiles": [_profile(p) for p in store.profiles.records.values()],
        "flows": [copy_json(attrs.asdict(f)) for f in store.flows.records.values()],
        "executions": [attrs.asdict(e) for e in store.runs.records.values()],
        "tags": copy_json(store.tags.records),
        "entities": [
            {"connector": connector, **attrs.asdict(entity)}
            for connector, entities in store.entities.added.items()
            for entity in entities.values()
        ],
        "clientTokens": [
            {
                "operation": entry.operation,
                "token": entry.token,
                "firstSeen": entry.first_seen,
                "params": entry.params,
                "response": entry.response,
            }
            for entry in store.tokens.live()
        ],
    }


def _profile(profile: StoredProfile) -> Json:
    data = attrs.asdict(profile, recurse=False)
    credentials = profile.credentials
    data["credentials"] = None if credentials is None else credentials.reveal()
    return copy_json(data)  # type: ignore[no-any-return]


def check_writable(path: str | os.PathLike[str]) -> None:
    """Make sure a state can be saved at ``path``: its directory exists and takes a new file,
    and ``path`` is not a directory. Creates (and removes) a temporary file there.

    Raises:
        OSError: It cannot.
    """
    target = os.fspath(path)
    if os.path.isdir(target):
        raise IsADirectoryError(f"{target} is a directory")
    with _temporary(target):
        pass


def write_file(path: str | os.PathLike[str], data: Json) -> None:
    """Write ``data`` to ``path``, readable by its owner only, replacing it atomically.

    The data goes to a temporary file in the same directory, created exclusively with a
    random name (``tempfile.mkstemp``: ``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600), so no
    file or link planted beforehand is written through; it is flushed to disk before it
    replaces ``path`` (a link at ``path`` is replaced, not followed).

    Raises:
        OSError: It cannot be written; ``path`` is left as it was.
    """
    target = os.fspath(path)
    text = json.dumps(data, indent=1) + "\n"
    with _temporary(target) as (fd, temporary):
        with os.fdopen(os.dup(fd), "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    _sync_directory(os.path.dirname(os.path.abspath(target)))


@contextlib.contextmanager
def _temporary(target: str) -> Iterator[tuple[int, str]]:
    """A new, empty, owner-only file beside ``target``; removed on exit unless renamed."""
    directory, name = os.path.split(os.path.abspath(target))
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, 0o600)
        yield fd, temporary
    finally:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _sync_directory(directory: str) -> None:
    """Flush a directory entry (the rename) to disk, where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


# -- loading -----------------------------------------------------------------------------


def read_file(path: str | os.PathLike[str]) -> Any:
    """The JSON data of a state file.

    Raises:
        ValueError: The file is not JSON, is too large, or is nested too deep.
        OSError: The file cannot be read.
    """
    with open(path, encoding="utf-8") as file:
        try:
            text = file.read(MAX_FILE_BYTES + 1)
        except UnicodeDecodeError:
            raise ValueError("not a local AppFlow state: not UTF-8 text") from None
    if len(text) > MAX_FILE_BYTES:
        raise ValueError(f"not a local AppFlow state: larger than {MAX_FILE_BYTES} bytes")
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(f"not a local AppFlow state: nested deeper than {MAX_DEPTH}") from None
    except ValueError as error:
        raise ValueError(f"not a local AppFlow state: {error}") from None
    if _depth(data) > MAX_DEPTH:
        raise ValueError(f"not a local AppFlow state: nested deeper than {MAX_DEPTH}")
    return data


def _depth(data: Any) -> int:
    """How deep JSON data nests (iteratively: deep data must not exhaust the stack)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


class _Malformed(ValueError):
    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"malformed local AppFlow state: {where}: {what}")


def restore(store: Store, data: object) -> None:
    """Replace the store's state with a :func:`snapshot`'s, checked whole first.

    Error messages name where the state is wrong and what was expected, never a value (a
    state holds credentials).

    Raises:
        ValueError: Not a snapshot of this format, of another region or account, or a
            member of the wrong type or shape.
    """
    context = store.context
    if not isinstance(data, Mapping) or data.get("format") != STATE_FORMAT:
        raise ValueError(f"not a local AppFlow state (expected format {STATE_FORMAT!r})")
    where = (data.get("region"), data.get("accountId"))
    if where != (context.region, context.account):
        shown = tuple(w if isinstance(w, str) else type(w).__name__ for w in where)
        raise ValueError(
            f"the state is of region {shown[0]!r}, account {shown[1]!r}; this endpoint "
            f"serves region {context.region!r}, account {context.account!r}"
        )
    connectors = _records(data, "connectors", StoredConnector, required=True)
    profiles = _records(data, "profiles", StoredProfile, required=True)
    flows = _records(data, "flows", StoredFlow)
    executions = _records(data, "executions", StoredExecution)
    names = {f.name for f in flows}
    for i, run in enumerate(executions):
        if run.flow_name not in names:
            raise _Malformed(f"executions[{i}].flow_name", "names no flow of the state")
    tags = _tags(data.get("tags", {}))
    entities = _entities(data.get("entities", []))
    tokens = _tokens(data.get("clientTokens"))
    with store.lock:
        store.clear()
        store.connectors.records.update((c.label, c) for c in connectors)
        store.profiles.records.update((p.name, p) for p in profiles)
        store.flows.records.update((f.name, f) for f in flows)
        store.runs.records.update((e.execution_id, e) for e in executions)
        store.tags.records.update(tags)
        for connector, entity in entities:
            store.entities.add(connector, entity)
        for entry in tokens:
            store.tokens.add(entry)


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Malformed(where, "expected a list")
    return value


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Malformed(where, "expected an object")
    return value


def _records(data: Mapping[str, Any], key: str, cls: type[R], *, required: bool = False) -> list[R]:
    if key not in data and not required:
        return []
    if key not in data:
        raise _Malformed(key, "missing")
    return [_record(cls, item, f"{key}[{i}]") for i, item in enumerate(_list(data[key], key))]


def _record(cls: type[R], value: object, where: str) -> R:
    """An attrs record from its ``attrs.asdict`` form, every member checked."""
    members = _object(value, where)
    fields = attrs.fields_dict(attrs.resolve_types(typing.cast(Any, cls)))
    unknown = sorted(set(members) - set(fields))
    if unknown:
        raise _Malformed(where, f"unknown members {', '.join(map(repr, unknown[:5]))}")
    arguments: dict[str, Any] = {}
    for name, field in fields.items():
        at = f"{where}.{name}"
        if name not in members:
            if field.default is attrs.NOTHING:
                raise _Malformed(at, "missing")
            continue
        member = members[name]
        _check_type(member, field.type, at)
        if name in _TIMESTAMPS:
            _check_timestamp(member, at)
        shape = _SHAPES.get((cls, name))
        if shape is not None and member is not None:
            _check_shape(member, shape, at)
        arguments[name] = member
    if cls is StoredFlow and len(arguments["destination_flow_config_list"]) != 1:
        raise _Malformed(f"{where}.destination_flow_config_list", "expected one destination")
    return cls(**arguments)


def _check_type(value: object, expected: Any, where: str) -> None:
    """``value`` (JSON data) is of the annotated type ``expected``."""
    origin = typing.get_origin(expected)
    arguments = typing.get_args(expected)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in arguments:
            return
        [expected] = [a for a in arguments if a is not type(None)]
        origin, arguments = typing.get_origin(expected), typing.get_args(expected)
    if expected is Any:
        return
    if expected is str:
        ok, what = isinstance(value, str), "a string"
    elif expected is bool:
        ok, what = isinstance(value, bool), "true or false"
    elif expected is int:  # counts: a service ``Long``, never negative
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63
        what = "a count"
    elif expected is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        ok = ok and math.isfinite(value)  # type: ignore[arg-type]
        what = "a number"
    elif expected is StoredCredentials or origin in (dict, Mapping, typing.Mapping):
        ok = isinstance(value, dict) and all(isinstance(k, str) for k in value)
        what = "an object"
    elif origin in (list, tuple):
        for i, item in enumerate(_list(value, where)):
            _check_type(item, arguments[0], f"{where}[{i}]")
        return
    elif attrs.has(expected):
        _record(expected, value, where)
        return
    else:  # pragma: no cover - every annotation of the records is handled above
        raise TypeError(f"no check for {expected!r} at {where}")
    if not ok:
        raise _Malformed(where, f"expected {what}, got {_kind(value)}")


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _check_timestamp(value: float, where: str) -> None:
    if not 0 <= value <= _MAX_TIMESTAMP:
        raise _Malformed(where, "expected a time between 1970 and 9999 (epoch seconds)")


def _check_shape(value: Any, shape: tuple[str, bool], where: str) -> None:
    from appflow_typed.testing._endpoint import _shared_validator
    from appflow_typed.testing._validate import render

    name, secret = shape
    errors: list[str] = []
    _shared_validator().checker(name, secret)(value, where, errors)
    if errors:
        raise ValueError(f"malformed local AppFlow state: {render(errors)}")


def _tags(value: object) -> dict[str, dict[str, str]]:
    tags: dict[str, dict[str, str]] = {}
    for arn, resource_tags in _object(value, "tags").items():
        at = f"tags[{arn!r}]"
        members = _object(resource_tags, at)
        for key, tag in members.items():
            if not isinstance(tag, str):
                raise _Malformed(f"{at}[{key!r}]", f"expected a string, got {_kind(tag)}")
        tags[arn] = dict(members)
    return tags


def _entities(value: object) -> list[tuple[str, CatalogEntity]]:
    found: list[tuple[str, CatalogEntity]] = []
    for i, item in enumerate(_list(value, "entities")):
        where = f"entities[{i}]"
        members = dict(_object(item, where))
        connector = members.pop("connector", None)
        if not isinstance(connector, str):
            raise _Malformed(f"{where}.connector", f"expected a string, got {_kind(connector)}")
        found.append((connector, _record(CatalogEntity, members, where)))
    return found


def _tokens(value: object) -> list[TokenEntry]:
    entries: list[TokenEntry] = []
    for i, item in enumerate(_list(value, "clientTokens")):
        where = f"clientTokens[{i}]"
        members = _object(item, where)
        for key, expected in (("operation", str), ("token", str), ("firstSeen", float),
                              ("params", Mapping[str, Any]), ("response", Mapping[str, Any])):
            if key not in members:
                raise _Malformed(f"{where}.{key}", "missing")
            _check_type(members[key], expected, f"{where}.{key}")
        _check_timestamp(members["firstSeen"], f"{where}.firstSeen")
        entries.append(TokenEntry(members["operation"], members["token"], members["params"],
                                  members["firstSeen"], members["response"]))
    return entries
