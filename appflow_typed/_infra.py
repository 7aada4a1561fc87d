"""What a file holds for the validate command: API requests, each with where it came from.

A file is one of three kinds (:func:`subjects`):

- a **CloudFormation template** (JSON or YAML; CDK's ``cdk.out/*.template.json`` too): each
  ``AWS::AppFlow::*`` resource is the request its creation sends;
- a **Terraform plan or state in JSON** (``terraform show -json``): each ``aws_appflow_*``
  or ``awscc_appflow_*`` resource to be created or updated, from
  ``resource_changes[].change.after`` and ``after_unknown``;
- an **API request** (``--cli-input-json`` files, boto3 keyword arguments): the request of
  ``--operation``, or of the one operation whose members it fits.

The translation follows :mod:`appflow_typed._infra_tables` and the service model's shapes
(botocore's, which the models are generated from): names folded to the API's, CloudFormation's
``{Key, Value}`` lists to maps, Terraform's blocks to structures. A value known only at
deployment (an intrinsic function, a parameter reference, a Terraform value "known after
apply") fills its member with a placeholder and its API path is listed in
:attr:`Subject.unknown`: the member counts as present, and the problems found at or under it
are not reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Iterator, Mapping
from typing import Any, Final, Literal

import attrs

from appflow_typed._infra_tables import (
    CREDENTIALS_MEMBER,
    IAC_ONLY,
    KEY_VALUE_LISTS,
    RENAMES,
    RESOURCE_TYPES,
    WRAPPED,
    Dialect,
)
from appflow_typed._sources import Path, Source, SourceError
from appflow_typed.models._schema import CONNECTOR_UNIONS

Kind = Literal["request", "cloudformation", "terraform"]

_ABSENT: Final = object()
_UNKNOWN_MARKERS = ("Ref", "Condition")


@attrs.frozen
class Origin:
    """Where a value is in its file: as the file's format names it, and as a path of keys and
    indexes (for its line and column)."""

    shown: str
    doc_path: Path


@attrs.frozen
class MappingProblem:
    """A member the infrastructure code has that no API member is, or a shape that cannot be
    one: found while translating, before the models check the request."""

    api_path: str
    message: str
    origin: Origin


@attrs.define
class Subject:
    """One request to check: a request file, or one resource of a template or plan."""

    operation: str
    request: Any
    root: Origin
    resource: str | None = None
    resource_type: str | None = None
    unknown: list[str] = attrs.Factory(list)
    origins: dict[str, Origin] = attrs.Factory(dict)
    problems: list[MappingProblem] = attrs.Factory(list)
    request_file: bool = False

    def is_unknown(self, api_path: str) -> bool:
        """Whether ``api_path`` is at or under a value known only at deployment."""
        return any(
            api_path == u or api_path.startswith((u + ".", u + "[", u + " ")) for u in self.unknown
        )

    def locate(self, api_path: str) -> Origin:
        """Where the value at ``api_path`` came from (the nearest enclosing one known)."""
        if self.request_file:
            return Origin(api_path, _doc_path(api_path))
        for prefix in _prefixes(api_path):
            found = self.origins.get(prefix)
            if found is not None:
                return found
        return self.root


def _prefixes(api_path: str) -> Iterator[str]:
    yield api_path
    for i in range(len(api_path) - 1, 0, -1):
        if api_path[i] in ".[ ":
            yield api_path[:i]


_SEGMENT = re.compile(r"\.?([^.\[\] ]+)|\[(\d+)\]")


def _doc_path(api_path: str) -> Path:
    """The keys and indexes of an API path (up to the first segment that is neither)."""
    out: list[Hashable] = []
    i = 0
    while i < len(api_path):
        match = _SEGMENT.match(api_path, i)
        if match is None:
            break
        out.append(match[1] if match[1] is not None else int(match[2]))
        i = match.end()
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """A member name without case and underscores: how source and API names are matched."""
    return name.replace("_", "").replace("-", "").lower()


@functools.cache
def _folded_members(shape: Any) -> dict[str, str]:
    """A structure's members by folded name (shapes are cached by the service model)."""
    return {fold(name): name for name in shape.members}


# the tables, with their source names folded
_RENAMES: Final = {(d, shape, fold(name)): member for (d, shape, name), member in RENAMES.items()}
_WRAPPED: Final = {(d, shape, fold(name)): to for (d, shape, name), to in WRAPPED.items()}
_IAC_ONLY: Final = {key: frozenset(map(fold, names)) for key, names in IAC_ONLY.items()}


def kind_of(data: Any) -> Kind:
    """Which kind of file ``data`` (a parsed document) is."""
    if isinstance(data, Mapping):
        resources = data.get("Resources")
        if isinstance(resources, Mapping) and (
            "AWSTemplateFormatVersion" in data
            or any(isinstance(r, Mapping) and "Type" in r for r in resources.values())
        ):
            return "cloudformation"
        if "format_version" in data and (
            "resource_changes" in data or "planned_values" in data or "values" in data
        ):
            return "terraform"
    return "request"


def mentions_appflow(text: str) -> bool:
    """Whether a file found in a directory may hold AppFlow resources (worth parsing)."""
    return any(name in text for name in ("AWS::AppFlow::", "aws_appflow_", "awscc_appflow_"))


# --- the service model ----------------------------------------------------------------------


@functools.cache
def _service() -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model("appflow")


@functools.cache
def operation_members() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Operation -> (its request's members, its required members), for every operation that
    has a request model."""
    from appflow_typed._guard import _request_shapes

    service = _service()
    out: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for operation in _request_shapes():
        shape = service.operation_model(operation).input_shape
        if shape is None:
            out[operation] = (frozenset(), frozenset())
            continue
        out[operation] = (frozenset(shape.members), frozenset(shape.required_members))
    return out


def infer_operation(data: Any) -> list[str]:
    """The operations whose request ``data`` fits: it has only their members and all of the
    required ones."""
    if not isinstance(data, Mapping):
        return []
    keys = set(data)
    return sorted(
        operation
        for operation, (members, required) in operation_members().items()
        if keys <= members and required <= keys
    )


# --- files -> subjects ----------------------------------------------------------------------


def subjects(source: Source, kind: Kind, operation: str | None) -> list[Subject]:
    """The requests ``source`` holds (``operation``: the request file's operation).

    Raises:
        SourceError: A request file whose operation is not given and cannot be inferred.
    """
    if kind == "cloudformation":
        return list(_template(source.data))
    if kind == "terraform":
        return list(_plan(source.data))
    if operation is None:
        fits = infer_operation(source.data)
        if len(fits) != 1:
            why = f"its members fit {', '.join(fits)}" if fits else "no operation fits its members"
            raise SourceError(
                "not a CloudFormation template or Terraform plan, and a request of which "
                f"operation? {why}: give --operation"
            )
        (operation,) = fits
    return [Subject(operation, source.data, Origin("", ()), request_file=True)]


def _resource_type(name: Any) -> tuple[Dialect, str] | None:
    return RESOURCE_TYPES.get(name) if isinstance(name, str) else None


def _template(template: Mapping[str, Any]) -> Iterator[Subject]:
    for logical_id, resource in template["Resources"].items():
        if not isinstance(resource, Mapping):
            continue
        found = _resource_type(resource.get("Type"))
        if found is None:
            continue
        dialect, operation = found
        base = f"Resources.{logical_id}"
        properties = resource.get("Properties", {})
        root = Origin(f"{base}.Properties", ("Resources", logical_id, "Properties"))
        if "Properties" not in resource:
            root = Origin(base, ("Resources", logical_id))
        subject = Subject(operation, None, root, str(logical_id), resource["Type"])
        subject.request = _Translator(subject, dialect, plan=False).request(properties)
        yield subject


def _plan(plan: Mapping[str, Any]) -> Iterator[Subject]:
    changes = plan.get("resource_changes")
    if isinstance(changes, list):
        for i, change in enumerate(changes):
            if not isinstance(change, Mapping) or change.get("mode", "managed") != "managed":
                continue
            found = _resource_type(change.get("type"))
            body = change.get("change")
            if found is None or not isinstance(body, Mapping):
                continue
            actions = body.get("actions") or []
            if "create" not in actions and "update" not in actions:
                continue  # no request is sent for it (no-op, read, delete)
            yield _plan_subject(
                found,
                str(change.get("address")),
                str(change.get("type")),
                body.get("after"),
                body.get("after_unknown", {}),
                ("resource_changes", i, "change", "after"),
            )
        return
    # a state (terraform show -json without a plan): values, every one known
    values = plan.get("planned_values", plan.get("values"))
    module = values.get("root_module") if isinstance(values, Mapping) else None
    top = "planned_values" if "planned_values" in plan else "values"
    yield from _module(module, (top, "root_module"))


def _module(module: Any, doc_path: Path) -> Iterator[Subject]:
    if not isinstance(module, Mapping):
        return
    for i, resource in enumerate(module.get("resources") or []):
        if not isinstance(resource, Mapping) or resource.get("mode", "managed") != "managed":
            continue
        found = _resource_type(resource.get("type"))
        if found is not None:
            yield _plan_subject(
                found,
                str(resource.get("address")),
                str(resource.get("type")),
                resource.get("values"),
                {},
                (*doc_path, "resources", i, "values"),
            )
    for j, child in enumerate(module.get("child_modules") or []):
        yield from _module(child, (*doc_path, "child_modules", j))


def _plan_subject(
    found: tuple[Dialect, str],
    address: str,
    resource_type: str,
    after: Any,
    after_unknown: Any,
    doc_path: Path,
) -> Subject:
    dialect, operation = found
    subject = Subject(operation, None, Origin(address, doc_path), address, resource_type)
    translator = _Translator(subject, dialect, plan=True)
    subject.request = translator.request(after if after is not None else {}, after_unknown)
    return subject


# --- the translation ------------------------------------------------------------------------


def _join(path: str, part: str) -> str:
    if not path:
        return part
    return f"{path}{part}" if part.startswith("[") else f"{path}.{part}"


def _placeholder(shape: Any) -> Any:
    """A value of ``shape``'s type for a member known only at deployment."""
    return {"structure": {}, "list": [], "map": {}, "boolean": False, "string": ""}.get(
        shape.type_name, 0
    )


class _Translator:
    """One resource's properties or attributes -> the API request, recording the origin of
    every member and the API path of every unknown value."""

    def __init__(self, subject: Subject, dialect: Dialect, *, plan: bool) -> None:
        self.subject = subject
        self.dialect = dialect
        self.plan = plan  # a Terraform plan: after_unknown marks, snake-case names
        self.zero_is_absent = dialect == "terraform"

    def request(self, properties: Any, unknown: Any = None) -> Any:
        shape = _service().operation_model(self.subject.operation).input_shape
        value = self.value(properties, unknown, shape, "", self.subject.root)
        return {} if value is _ABSENT else value

    # one value of a given API shape
    def value(self, source: Any, unknown: Any, shape: Any, api_path: str, origin: Origin) -> Any:
        if api_path:
            self.subject.origins.setdefault(api_path, origin)
        if unknown is True or self._intrinsic(source):
            if self._no_value(source):
                return _ABSENT
            self.subject.unknown.append(api_path)
            return _placeholder(shape)
        if self.absent(source):
            return _ABSENT
        kind = shape.type_name
        if kind == "structure":
            return self.structure(source, unknown, shape, api_path, origin)
        if kind == "list" and isinstance(source, list):
            return [
                self.item(item, _at(unknown, i), shape.member, api_path, origin, i)
                for i, item in enumerate(source)
            ]
        if kind == "map":
            return self.map(source, unknown, shape, api_path, origin)
        return source  # a scalar, or a value of the wrong type: the models say which

    @staticmethod
    def is_block(shape: Any, member: str | None) -> bool:
        return member is not None and shape.members[member].type_name == "structure"

    def absent(self, source: Any) -> bool:
        """``null``; in a Terraform plan also ``""``, ``0`` and ``[]``: nothing is sent."""
        if source is None:
            return True
        return self.zero_is_absent and (
            source == "" or source == [] or (type(source) in (int, float) and source == 0)
        )

    def item(
        self, item: Any, unknown: Any, shape: Any, api_path: str, origin: Origin, i: int
    ) -> Any:
        at = Origin(f"{origin.shown}[{i}]", (*origin.doc_path, i))
        value = self.value(item, unknown, shape, _join(api_path, f"[{i}]"), at)
        return _placeholder(shape) if value is _ABSENT else value

    def structure(
        self, source: Any, unknown: Any, shape: Any, api_path: str, origin: Origin
    ) -> Any:
        if self.dialect == "terraform" and isinstance(source, list):
            # a nested block: a list of at most one (MaxItems: 1)
            if len(source) > 1:
                self.problem(
                    api_path, f"expected at most one block here, got {len(source)}", origin
                )
            if not source:
                return _ABSENT
            source, unknown = source[0], _at(unknown, 0)
            origin = Origin(origin.shown, (*origin.doc_path, 0))
            if source is None:
                return _ABSENT
        if not isinstance(source, Mapping):
            return source  # the models report the type
        members = _folded_members(shape)
        ignored = _IAC_ONLY.get((self.dialect, shape.name), frozenset())
        out: dict[str, Any] = {}
        keys = list(source)
        if isinstance(unknown, Mapping):
            keys += [k for k, v in unknown.items() if v is True and k not in source]
        for key in keys:
            folded = fold(str(key))
            child, child_unknown = source.get(key), _at(unknown, key)
            if child_unknown is not True and self.absent(child) and folded in members:
                continue  # an unset member (most of a Terraform plan's attributes)
            member = _RENAMES.get((self.dialect, shape.name, folded)) or members.get(folded)
            wrapped = _WRAPPED.get((self.dialect, shape.name, folded))
            if self.plan and key not in source and (wrapped or self.is_block(shape, member)):
                # known after apply, and not in the plan's values at all: a block (an
                # object) the configuration leaves out and the provider computes (the
                # schema's Optional + Computed); a block the configuration has is in the
                # plan's values, its unknown attributes within it
                continue
            at = Origin(
                f"{origin.shown}.{key}" if origin.shown else str(key), (*origin.doc_path, key)
            )
            if wrapped is not None:
                outer, inner = wrapped
                outer_shape = shape.members[outer]
                outer_path = _join(api_path, outer)
                self.subject.origins.setdefault(outer_path, at)
                value = self.value(
                    child,
                    child_unknown,
                    outer_shape.members[inner],
                    _join(outer_path, inner),
                    at,
                )
                if value is not _ABSENT:
                    out[outer] = {inner: value}
                continue
            if member is None:
                if folded not in ignored:
                    self.unknown_member(key, shape, api_path, origin, at)
                continue
            value = self.value(
                child, child_unknown, shape.members[member], _join(api_path, member), at
            )
            if value is not _ABSENT:
                out[member] = value
        if shape.name in CONNECTOR_UNIONS:
            self.one_connector(out, api_path)
        return out

    def one_connector(self, members: dict[str, Any], api_path: str) -> None:
        """A connector union (exactly one member) with members known only at deployment:
        those count only when no member is known (a plan may mark every connector it does not
        know yet, the one configured among them), and then the union as a whole is unknown."""
        unknown = [m for m in members if _join(api_path, m) in self.subject.unknown]
        if not unknown:
            return
        if len(unknown) < len(members):
            for member in unknown:
                del members[member]
                self.subject.unknown.remove(_join(api_path, member))
        else:
            self.subject.unknown.append(api_path)

    def map(self, source: Any, unknown: Any, shape: Any, api_path: str, origin: Origin) -> Any:
        if isinstance(source, list):
            # CloudFormation's [{Key, Value}] (awscc: [{key, value}])
            out: dict[Any, Any] = {}
            for i, item in enumerate(source):
                at = Origin(f"{origin.shown}[{i}]", (*origin.doc_path, i))
                fields = (
                    {fold(str(k)): v for k, v in item.items()} if isinstance(item, Mapping) else {}
                )
                if set(fields) != set(KEY_VALUE_LISTS):
                    self.problem(
                        _join(api_path, f"[{i}]"), "expected an object with Key and Value", at
                    )
                    continue
                key, value = fields["key"], fields["value"]
                if not isinstance(key, (str, int, float, bool)) and not self._intrinsic(key):
                    self.problem(_join(api_path, f"[{i}]"), "expected a Key that is a string", at)
                    continue
                if self._intrinsic(key) or self._intrinsic(value) or _at(unknown, i) is True:
                    continue  # known at deployment only: this entry is not checked
                self.subject.origins.setdefault(f"{api_path}[#{len(out)}]", at)
                self.subject.origins.setdefault(f"{api_path}[{key!r}]", at)
                out[key] = value
            return out
        if not isinstance(source, Mapping):
            return source
        result: dict[Any, Any] = {}
        hidden = under_credentials(api_path)  # credentialsMap: its keys are not shown either
        for i, (key, value) in enumerate(source.items()):
            shown = f"{origin.shown}[#{i}]" if hidden else f"{origin.shown}.{key}"
            at = Origin(shown, (*origin.doc_path, key))
            self.subject.origins.setdefault(f"{api_path}[#{i}]", at)
            self.subject.origins.setdefault(f"{api_path}[{key!r}]", at)
            if self._intrinsic(value) or _at(unknown, key) is True:
                continue
            result[key] = value
        return result

    def unknown_member(
        self, key: Any, shape: Any, api_path: str, parent: Origin, at: Origin
    ) -> None:
        from appflow_typed.models._interpret import (
            UNKNOWN_CREDENTIAL_MEMBER,
            credential_shapes,
            did_you_mean,
        )

        names = [self.source_name(m) for m in shape.members]
        hint = did_you_mean(str(key), names)
        if shape.name in credential_shapes():
            # a key there may be a credential typed as one (password:Hunter2): never shown
            self.problem(api_path, UNKNOWN_CREDENTIAL_MEMBER + hint, parent)
            return
        self.problem(_join(api_path, str(key)[:64]), "unknown member" + hint, at)

    def source_name(self, member: str) -> str:
        """An API member as this file would name it (for "did you mean")."""
        for (dialect, _, name), renamed in RENAMES.items():
            if dialect == self.dialect == "terraform" and renamed == member:
                return name
        if self.plan:
            from botocore import xform_name

            return xform_name(member)
        return member[:1].upper() + member[1:]

    def problem(self, api_path: str, message: str, origin: Origin) -> None:
        self.subject.problems.append(MappingProblem(api_path, message, origin))

    def _intrinsic(self, value: Any) -> bool:
        """A CloudFormation intrinsic function or reference: its value is known only when the
        stack is deployed (CloudFormation User Guide, "Intrinsic function reference")."""
        if self.dialect != "cloudformation" or self.plan or not isinstance(value, Mapping):
            return False
        if len(value) != 1:
            return False
        (name,) = value
        return isinstance(name, str) and (name in _UNKNOWN_MARKERS or name.startswith("Fn::"))

    def _no_value(self, value: Any) -> bool:
        """``{"Ref": "AWS::NoValue"}``: the property is removed (CloudFormation User Guide,
        "Pseudo parameters reference")."""
        return isinstance(value, Mapping) and value.get("Ref") == "AWS::NoValue"


def _at(unknown: Any, key: Any) -> Any:
    """The ``after_unknown`` mark of a member or item."""
    if isinstance(unknown, Mapping):
        return unknown.get(key)
    if isinstance(unknown, list) and isinstance(key, int) and key < len(unknown):
        return unknown[key]
    return None


def under_credentials(api_path: str) -> bool:
    """Whether ``api_path`` is within a request's credentials."""
    return CREDENTIALS_MEMBER in _doc_path(api_path)
