"""Render the operation layer: the operation table, the typed client surface, the secret names.

Part of ``tools/generate_models.py`` (its ``Renderer.files()`` calls :func:`render`). From
botocore's service model it takes, for every operation of ``OPERATION_GROUPS``: the request
and response shapes, the member with the ``idempotencyToken`` trait, the paging members
(``nextToken``/``maxResults``: botocore ships no paginators for AppFlow), the HTTP method and
request URI, and the documentation. What the model lacks is in the tables below, each entry
citing its source. Adding an operation means adding it to ``OPERATION_GROUPS`` and, where
they apply, to these tables.

The client surface is one template (:meth:`OperationsRenderer.surface_module`) parameterised
by a :class:`Flavour`: the synchronous one (``AppFlowClient``'s methods) and the asynchronous
one (``AsyncAppFlowClient``'s), the same template with ``async def``, ``await`` and
``AsyncIterator``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from botocore import xform_name

if TYPE_CHECKING:
    from tools.generate_models import Renderer

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "appflow_typed" / "_generated"

# Operations that change nothing. Source: the Service Authorization Reference for Amazon
# AppFlow (docs.aws.amazon.com/service-authorization/latest/reference/list_amazonappflow.html)
# lists each of them with access level Read or List.
READ_ONLY = frozenset(
    {
        "DescribeConnector",
        "DescribeConnectorProfiles",
        "DescribeConnectors",
        "ListConnectors",
        "DescribeFlow",
        "ListFlows",
        "DescribeFlowExecutionRecords",
        "DescribeConnectorEntity",
        "ListConnectorEntities",
        "ListTagsForResource",
    }
)

# Deletes: a retry that finds the resource gone after an attempt with an unknown outcome
# means that attempt deleted it. Source: API reference, DeleteConnectorProfile, DeleteFlow and
# UnregisterConnector ("ResourceNotFoundException: The resource specified in the request
# (such as the source or destination connector profile) is not found").
GONE_MEANS_DONE = frozenset({"DeleteConnectorProfile", "UnregisterConnector", "DeleteFlow"})

# Operations whose second sending leaves the resource as the first one left it, though they
# take no token and change something. Sources, API reference: TagResource "Applies a tag to
# the specified flow" (the tags map given: sending it again sets the same values on the same
# keys); UntagResource "Removes a tag from the specified flow" (a key already removed stays
# removed); ResetConnectorMetadataCache "Resets metadata about your connector entities that
# Amazon AppFlow stored in its cache" (a cache reset twice is reset). Not among them:
# StopFlow, which deactivates a flow once (for on-demand flows it "returns an
# unsupportedOperationException"), and AWS does not say what a second StopFlow returns;
# CancelFlowExecutions, whose executionIds "If you omit this parameter, your request ends
# all active runs that belong to the flow": sent again it may end a run started since.
IDEMPOTENT = frozenset({"TagResource", "UntagResource", "ResetConnectorMetadataCache"})

# The response member holding a page's items, where the output has more than one list or
# map. Source: API reference, DescribeConnectors: "connectorConfigurations: The
# configuration that is applied to the connectors used in the flow" (the page's items;
# "connectors" lists only the custom connectors of that page).
PAGED_ITEMS = {"DescribeConnectors": "connectorConfigurations"}

# The client method that walks every page of a paged operation. Source: this library's
# public API (README, "The client"), named by what they yield.
ITERATORS = {
    "DescribeConnectorProfiles": "iter_connector_profiles",
    "DescribeConnectors": "iter_connector_configurations",
    "ListConnectors": "iter_connectors",
    "ListFlows": "iter_flows",
    "DescribeFlowExecutionRecords": "iter_flow_execution_records",
    "ListConnectorEntities": "iter_connector_entities",
}

@dataclass(frozen=True)
class Upsert:
    """A create-or-update method: a plan of ``appflow_typed._upsert`` over a create request.

    It takes what the create operation takes (its keyword overload: exactly that request's
    fields, ``required`` ones made required) plus ``options``, which go to the plan.
    """

    method: str
    operation: str
    plan: str
    required: tuple[str, ...]
    options: tuple[str, ...]
    doc: str
    """The docstring between its summary line and ``Args``, paragraphs apart."""
    options_doc: tuple[str, ...]
    returns: str
    invalid: str
    """What ``ValidationError`` says is invalid."""
    refused: tuple[str, ...] = ()
    """Further ``Raises`` lines."""


# The create-or-update methods (README, "Re-runnable deploys"); their plans, and the facts
# they rest on, are in appflow_typed/_upsert.py, which cites the API reference.
UPSERTS = (
    Upsert(
        method="create_or_update_connector_profile",
        operation="CreateConnectorProfile",
        plan="profile_plan",
        required=(),
        options=("update_credentials: bool = True",),
        doc=(
            "Create the connector profile, or update it to match: re-runnable deploys.\n\n"
            "Takes what :meth:`create_connector_profile` takes. Describes the profile by name: "
            "absent, it is created; present, what Describe returns (connector type and label, "
            "connection mode, properties) is compared with the request, and it is updated when "
            "they differ. Describe never returns credentials, so they cannot be compared: when "
            "the request gives credentials, an existing profile is always updated (``changed`` "
            "names them), unless ``update_credentials=False``, which uses them on create only "
            "and otherwise leaves the profile's credentials as they are. ``kmsArn`` applies on "
            "create only (an update cannot change it).\n\n"
            "A create that finds the profile created meanwhile (``ConflictError``) updates it; "
            "an update that finds it deleted meanwhile (``ResourceNotFoundError``) creates it. "
            "Each write keeps the token safety of the method it calls: one clientToken, reused "
            "by its retries; a ``client_token`` given goes on the write that is made."
        ),
        options_doc=(
            "update_credentials: Whether given credentials are sent to an existing profile "
            "(and make the call an update).",
        ),
        returns=(
            "An :class:`UpsertResult`: ``\"created\"``, ``\"updated\"`` or ``\"unchanged\"``, "
            "the profile's ARN, what changed, and the write's clientToken and attempts."
        ),
        invalid="Invalid input",
        refused=("AppflowTypedError: The profile exists for another connector type or label.",),
    ),
    Upsert(
        method="register_or_update_connector",
        operation="RegisterConnector",
        plan="registration_plan",
        required=("connectorLabel",),  # the upsert finds the registration by it
        options=(),
        doc=(
            "Register the custom connector, or update its registration to match.\n\n"
            "Takes what :meth:`register_connector` takes (``connector_label`` is required). "
            "Describes the connector by label: absent, it is registered; present, its "
            "description and provisioning configuration are compared with the request (each "
            "only when given: an update leaves what it omits), and the registration is updated "
            "when they differ.\n\n"
            "A registration that finds the label taken meanwhile (``ConflictError``) updates "
            "it; an update that finds it unregistered meanwhile (``ResourceNotFoundError``) "
            "registers it. Each write keeps the token safety of the method it calls; a "
            "``client_token`` given goes on the write that is made."
        ),
        options_doc=(),
        returns=(
            "An :class:`UpsertResult`: ``\"created\"`` (registered), ``\"updated\"`` or "
            "``\"unchanged\"``, the connector's ARN, what changed, and the write's clientToken "
            "and attempts."
        ),
        invalid="Invalid input, or no ``connector_label``",
    ),
    Upsert(
        method="create_or_update_flow",
        operation="CreateFlow",
        plan="flow_plan",
        required=(),
        options=(),
        doc=(
            "Create the flow, or update it (and its tags) to match: re-runnable deploys.\n\n"
            "Takes what :meth:`create_flow` takes. Describes the flow by name: absent, it is "
            "created; present, what UpdateFlow sets (trigger, source, destination, tasks; the "
            "description and metadata catalog settings when given) is compared with what "
            "DescribeFlow returns, member by member, and the flow is updated when they differ "
            "(a member the request leaves out is not compared: the service fills defaults "
            "there). Given ``tags`` are the flow's whole tag set: UpdateFlow cannot carry "
            "them, so they are set with TagResource and removed with UntagResource. "
            "UpdateFlow cannot change ``kmsArn`` either: a flow with another one is not "
            "touched (``ReplacementRequiredError``).\n\n"
            "A create that finds the flow created meanwhile (``ConflictError``) describes it "
            "again and updates what differs; an update that finds it deleted meanwhile "
            "(``ResourceNotFoundError``) creates it. Each write keeps the token safety of the "
            "method it calls: one clientToken, reused by its retries; a ``client_token`` given "
            "goes on the write that is made."
        ),
        options_doc=(),
        returns=(
            "An :class:`UpsertResult`: ``\"created\"``, ``\"updated\"`` or ``\"unchanged\"``, "
            "the flow's ARN, the API paths that changed (e.g. ``tasks[0].sourceFields``, "
            "``tags``), and the CreateFlow or UpdateFlow clientToken and attempts."
        ),
        invalid="Invalid input",
        refused=(
            "ReplacementRequiredError: The flow has another ``kmsArn``; nothing was written.",
        ),
    ),
)


@dataclass(frozen=True)
class Flavour:
    """How one facade spells the same surface: its def, await, iteration and iterator type."""

    module: str
    class_name: str
    adjective: str
    define: str
    await_: str
    for_: str
    iterator: str
    yield_all: str
    """How a page's items are yielded, from ``{items}`` (an async generator has no
    ``yield from``)."""


SYNC = Flavour(
    module="sync_surface",
    class_name="SyncOperations",
    adjective="synchronous",
    define="def",
    await_="",
    for_="for",
    iterator="Iterator",
    yield_all="yield from {items}",
)

ASYNC = Flavour(
    module="async_surface",
    class_name="AsyncOperations",
    adjective="asynchronous",
    define="async def",
    await_="await ",
    for_="async for",
    iterator="AsyncIterator",
    yield_all="for item in {items}:\n                yield item",
)
"""The surface of the async facade (``AsyncAppFlowClient``): the same template, awaited."""


def constant_name(operation: str) -> str:
    """The table's name for an operation: ``RegisterConnector`` -> ``REGISTER_CONNECTOR``."""
    return xform_name(operation).upper()


def first_sentence(text: str) -> str:
    """The first sentence of a (plain) documentation string."""
    cut = text.find(". ")
    sentence = text if cut < 0 else text[: cut + 1]
    return sentence.rstrip(".").strip()


def wrap(text: str, indent: str, hang: str = "", width: int = 92) -> list[str]:
    """``text`` wrapped to ``width`` columns: lines start with ``indent``, and every line
    after the first with ``hang`` too (a Google-style docstring entry's continuation)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        prefix = indent + (hang if lines else "")
        if current and len(prefix) + len(current) + 1 + len(word) > width:
            lines.append(prefix + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(indent + (hang if lines else "") + current)
    return lines


class OperationsRenderer:
    """Renders the operation layer's generated modules from a model :class:`Renderer`."""

    def __init__(self, renderer: Renderer) -> None:
        from tools.generate_models import CONNECTOR_GENERIC, py_name, short_doc

        self.connector_generic = CONNECTOR_GENERIC
        self.r = renderer
        self.m = renderer.m
        self.py_name = py_name
        self.short_doc = short_doc
        known = set(self.m.operations)
        for table in (
            READ_ONLY,
            GONE_MEANS_DONE,
            IDEMPOTENT,
            PAGED_ITEMS,
            ITERATORS,
            {u.operation for u in UPSERTS},
        ):
            stray = set(table) - known
            if stray:
                raise SystemExit(f"operation tables name operations not covered: {sorted(stray)}")

    # ---- facts

    def spec(self, op: str) -> dict[str, Any]:
        spec: dict[str, Any] = self.m.raw["operations"][op]
        return spec

    def members(self, shape: str) -> dict[str, dict[str, Any]]:
        members: dict[str, dict[str, Any]] = self.m.shapes[shape]["members"]
        return members

    def request(self, op: str) -> str:
        name: str = self.spec(op)["input"]["shape"]
        return name

    def response(self, op: str) -> str:
        name: str = self.spec(op)["output"]["shape"]
        return name

    def token(self, op: str) -> str | None:
        found = [m for m, s in self.members(self.request(op)).items() if s.get("idempotencyToken")]
        if len(found) > 1:
            raise SystemExit(f"{op}: more than one idempotencyToken member: {found}")
        return found[0] if found else None

    def paging(self, op: str) -> dict[str, str] | None:
        """The paging members, when both request and response have ``nextToken``."""
        inputs, outputs = self.members(self.request(op)), self.members(self.response(op))
        if "nextToken" not in inputs or "nextToken" not in outputs:
            return None
        containers = [
            m
            for m, s in outputs.items()
            if self.m.shapes[s["shape"]]["type"] in ("list", "map") and m != "nextToken"
        ]
        items = PAGED_ITEMS.get(op)
        if items is None:
            if len(containers) != 1:
                raise SystemExit(f"{op}: which member holds the items? {containers} (PAGED_ITEMS)")
            items = containers[0]
        if op not in ITERATORS:
            raise SystemExit(f"{op} pages: name its iterator method in ITERATORS")
        return {
            "input_token": "nextToken",
            "page_size": "maxResults" if "maxResults" in inputs else "",
            "output_token": "nextToken",
            "items": items,
            "items_kind": self.m.shapes[outputs[items]["shape"]]["type"],
        }

    def retry(self, op: str) -> str:
        if self.token(op) is not None:
            return "client-token"
        if op in READ_ONLY:
            return "read-only"
        if op in GONE_MEANS_DONE:
            return "delete"
        if op in IDEMPOTENT:
            return "idempotent"
        return "none"

    def request_type(self, op: str) -> str:
        name = self.request(op)
        return f"{name}[Any]" if name in self.connector_generic else name

    def returns(self, op: str) -> str:
        response = self.response(op)
        return f"Result[{response}]" if self.token(op) else response

    def item_type(self, op: str, paging: dict[str, str]) -> str:
        response = self.response(op)
        shape = self.m.shapes[self.members(response)[paging["items"]]["shape"]]
        if shape["type"] == "list":
            return self.r.type_of(shape["member"]["shape"], strict=False, owner=response)
        value_shape = self.m.shapes[shape["value"]["shape"]]
        if value_shape["type"] == "list":  # a map of lists: one pair per item (see iterator)
            item = self.r.type_of(value_shape["member"]["shape"], strict=False, owner=response)
            return f"tuple[str, {item}]"
        value = self.r.type_of(shape["value"]["shape"], strict=False, owner=response)
        return f"tuple[str, {value}]"

    # ---- the operation table

    def member(self, wire: str) -> str:
        return f"Member({wire!r}, {self.py_name(wire)!r})"

    def operations_module(self) -> str:
        body: list[str] = []
        for op in self.m.operations:
            http = self.spec(op)["http"]
            token = self.token(op)
            paging = self.paging(op)
            request, response = self.request(op), self.response(op)
            body += [
                "",
                f"{constant_name(op)}: Final[Operation[{self.request_type(op)}, {response}]] = Operation(",
                f"        name={op!r},",
                f"        method={xform_name(op)!r},",
                f"        request_name={request!r},",
                f"        response_name={response!r},",
                f"        http_method={http['method']!r},",
                f"        request_uri={http['requestUri']!r},",
                f"        token={self.member(token) if token else None},",
            ]
            if paging is None:
                body.append("        paging=None,")
            else:
                size = self.member(paging["page_size"]) if paging["page_size"] else None
                body += [
                    "        paging=Paging(",
                    f"            input_token={self.member(paging['input_token'])},",
                    f"            page_size={size},",
                    f"            output_token={self.member(paging['output_token'])},",
                    f"            items={self.member(paging['items'])},",
                    f"            items_kind={paging['items_kind']!r},",
                    "        ),",
                ]
            body += [f"        retry={self.retry(op)!r},", ")"]
            summary = first_sentence(self.short_doc(self.spec(op).get("documentation")))
            body.append(f'"""{summary}."""')
        body += [
            "",
            "OPERATIONS: Final[Mapping[str, Operation[Any, Any]]] = {",
            *(f"    {op!r}: {constant_name(op)}," for op in self.m.operations),
            "}",
            '"""Every covered operation, by its AWS name, in the order of ``OPERATION_GROUPS``."""',
        ]
        classes = sorted({c for op in self.m.operations for c in (self.request(op), self.response(op))})
        lines = [
            self.r.header,
            '"""The covered AppFlow operations: one :class:`Operation` each, and all of them by name.',
            "",
            "The client's pipeline sends them, the retry decision reads their ``retry`` semantics,",
            "and the local endpoint routes with ``http_method`` and ``request_uri``.",
            '"""',
            "",
            "from __future__ import annotations",
            "",
            "from collections.abc import Mapping",
            "from typing import TYPE_CHECKING, Any, Final",
            "",
            "from appflow_typed._operation import Member, Operation, Paging",
            "",
            "if TYPE_CHECKING:  # the models are resolved by name, on first use of each group",
            "    from appflow_typed.models import (",
            *(f"        {c}," for c in classes),
            "    )",
            "",
            "__all__ = [",
            '    "OPERATIONS",',
            *(f'    "{constant_name(op)}",' for op in self.m.operations),
            "]",
        ]
        return "\n".join(lines + body) + "\n"

    # ---- the typed client surface

    def raises(self, op: str, indent: str) -> list[str]:
        lines = [
            "Raises:",
            "    ValidationError: Invalid input; nothing was sent.",
        ]
        if self.token(op):
            lines.append(
                "    ClientTokenExpiredError: The clientToken is older than 8 hours; nothing was sent."
            )
        lines += [
            "    ServiceError: The service refused the call (a subclass per error code).",
            "    TransportError: No answer within the retry budget.",
        ]
        return [indent + line for line in lines]

    def method(self, op: str, flavour: Flavour) -> list[str]:
        name, request, returns = xform_name(op), self.request(op), self.returns(op)
        request_type = self.request_type(op)
        define, indent = flavour.define, "        "
        params = self.r.params(request)
        summary = first_sentence(self.short_doc(self.spec(op).get("documentation")))
        doc = [*wrap(f'"""{summary} (``{op}``).', indent), ""]
        if self.token(op):
            doc += wrap(
                "Every attempt carries one clientToken: the one given, or one minted once for "
                "the call, so retries apply the call once.",
                indent,
            )
            doc.append("")
        if self.retry(op) == "delete":
            doc += wrap(
                "The operation takes no clientToken. When an attempt's outcome is unknown (its "
                "connection closed without an answer, or a 5xx) and a retry then finds the "
                "resource gone, the earlier attempt deleted it: the call succeeds. "
                "ResourceNotFound on the first attempt is an error. An attempt that timed out "
                "is not re-sent, since it may still delete later: ``TransportError`` with "
                "``outcome_unknown``.",
                indent,
            )
            doc.append("")
        if self.retry(op) == "idempotent":
            doc += wrap(
                "The operation takes no clientToken. An attempt that timed out is not re-sent, "
                "since it may still be applied later, over a later call: ``TransportError`` "
                "with ``outcome_unknown``.",
                indent,
            )
            doc.append("")
        if op in ITERATORS:
            doc += wrap(f"One page; :meth:`{ITERATORS[op]}` walks every page.", indent)
            doc.append("")
        doc += [*self.request_args(request, indent), "", f"{indent}Returns:"]
        response = self.response(op)
        if self.token(op):
            doc += wrap(
                f"A :class:`Result`: the :class:`{response}`, the clientToken and the attempt "
                "count.",
                indent + "    ",
            )
        else:
            doc.append(f"{indent}    The :class:`{response}`.")
        doc += ["", *self.raises(op, indent), f'{indent}"""']
        pipeline = "_token_call" if self.token(op) else "_call"
        lines = [
            "    @overload",
            f"    {define} {name}(self, request: {request_type}, /) -> {returns}: ...",
            "    @overload",
            f"    {define} {name}(self, /, *, {', '.join(params)}) -> {returns}: ...",
            f"    {define} {name}(",
            f"        self, request: {request_type} | None = None, /, **fields: Any",
            f"    ) -> {returns}:",
            *doc,
            f"        return {flavour.await_}self.{pipeline}({constant_name(op)}, request, fields)",
        ]
        return lines

    def iterator(self, op: str, flavour: Flavour) -> list[str]:
        paging = self.paging(op)
        assert paging is not None
        request = self.request(op)
        items_wire = paging["items"]
        items = self.py_name(items_wire)
        indent = "        "
        doc = [
            *wrap(f'"""Every item of ``{items_wire}`` that ``{op}`` returns, page by page.', indent),
            "",
            *wrap(
                "Pages are fetched lazily, following ``nextToken``; each page is its own call, "
                "with its own retries.",
                indent,
            ),
            "",
            f"{indent}Args:",
        ]
        for wire, spec in self.members(request).items():
            text = first_sentence(self.short_doc(spec.get("documentation"))) or wire
            doc += wrap(f"{self.py_name(wire)}: {text}.", indent + "    ", "    ")
        doc += ["", f"{indent}Yields:"]
        response = self.response(op)
        items_shape = self.m.shapes[self.members(response)[items_wire]["shape"]]
        if paging["items_kind"] == "map" and self.m.shapes[items_shape["value"]["shape"]]["type"] == "list":
            # ListConnectorEntities: entities grouped by a key (e.g. "Objects"); a group may
            # go on over several pages, so each entity is yielded with its group's key
            doc += wrap(
                f"``(key, item)`` pairs: each item of each list of each page's ``{items_wire}`` "
                "map, with the key of its list (a list may go on over several pages).",
                indent + "    ",
            )
            source = f"((k, x) for k, xs in (page.{items} or {{}}).items() for x in xs)"
        elif paging["items_kind"] == "map":
            doc += wrap(
                f"``(key, value)`` pairs of each page's ``{items_wire}`` map.", indent + "    "
            )
            source = f"(page.{items} or {{}}).items()"
        else:
            doc.append(f"{indent}    Each item of each page's ``{items_wire}``.")
            source = f"page.{items} or ()"
        doc += [
            "",
            f"{indent}Raises:",
            f"{indent}    ValidationError: Invalid arguments; nothing was sent.",
            f"{indent}    ServiceError: A page request failed.",
            f"{indent}    TransportError: No answer for a page within the retry budget.",
            f'{indent}"""',
        ]
        fields = ", ".join(f"{self.py_name(m)}={self.py_name(m)}" for m in self.members(request))
        return [
            f"    {flavour.define} {ITERATORS[op]}(",
            f"        self, *, {', '.join(self.r.params(request))}",
            f"    ) -> {flavour.iterator}[{self.item_type(op, paging)}]:",
            *doc,
            f"        first = {constant_name(op)}.request_cls({fields})",
            f"        {flavour.for_} page in self._pages({constant_name(op)}, first):",
            f"            {flavour.yield_all.format(items=source)}",
        ]

    def request_args(self, request: str, indent: str, options: tuple[str, ...] = ()) -> list[str]:
        """The ``Args`` of a method that takes ``request`` or its fields, and ``options``."""
        lines = [
            f"{indent}Args:",
            *wrap(
                f"request: A ready :class:`{request}`; or pass its fields as keyword arguments "
                "instead.",
                indent + "    ",
                "    ",
            ),
        ]
        for text in options:
            lines += wrap(text, indent + "    ", "    ")
        return [*lines, f"{indent}    **fields: The fields of :class:`{request}`."]

    def upsert(self, upsert: Upsert, flavour: Flavour) -> list[str]:
        request, request_type = self.request(upsert.operation), self.request_type(upsert.operation)
        params = self.r.params(request)
        for wire in upsert.required:
            at = [i for i, p in enumerate(params) if p.startswith(f"{self.py_name(wire)}: ")]
            if len(at) != 1 or not params[at[0]].endswith(" | None = None"):
                raise SystemExit(f"{upsert.method}: {wire} is not an optional member to require")
            params[at[0]] = params[at[0]].removesuffix(" | None = None")
        indent = "        "
        summary, *paragraphs = upsert.doc.split("\n\n")
        doc = wrap(f'"""{summary}', indent)
        for paragraph in paragraphs:
            doc += ["", *wrap(paragraph, indent)]
        doc += [
            "",
            *self.request_args(request, indent, upsert.options_doc),
            "",
            f"{indent}Returns:",
            *wrap(upsert.returns, indent + "    "),
            "",
            f"{indent}Raises:",
            f"{indent}    ValidationError: {upsert.invalid}; nothing was sent.",
            *(f"{indent}    {line}" for line in upsert.refused),
            f"{indent}    ServiceError: The service refused a call (a subclass per error code).",
            f"{indent}    TransportError: No answer within the retry budget.",
            f'{indent}"""',
        ]
        options = [o.split(":")[0] for o in upsert.options]
        given = "".join(f", {o}={o}" for o in options)
        define, name = flavour.define, upsert.method
        tail = "".join(f", {o}" for o in upsert.options)
        return [
            "    @overload",
            f"    {define} {name}(",
            f"        self, request: {request_type}, /{', *' + tail if tail else ''}",
            "    ) -> UpsertResult: ...",
            "    @overload",
            f"    {define} {name}(self, /, *, {', '.join([*params, *upsert.options])}) -> UpsertResult: ...",
            f"    {define} {name}(",
            f"        self, request: {request_type} | None = None, /{', *' + tail if tail else ''}, **fields: Any",
            "    ) -> UpsertResult:",
            *doc,
            f"        desired = build_request({constant_name(upsert.operation)}.request_cls, request, fields)",
            f"        return {flavour.await_}self._upsert({upsert.plan}(desired{given}))",
        ]

    def surface_module(self, flavour: Flavour) -> str:
        body: list[str] = []
        for op in self.m.operations:
            body += ["", *self.method(op, flavour)]
            if op in ITERATORS:
                body += ["", *self.iterator(op, flavour)]
        body += ["", "    # --- create or update: the plans of appflow_typed._upsert"]
        for upsert in UPSERTS:
            body += ["", *self.upsert(upsert, flavour)]
        call_def = flavour.define
        pipeline = [
            "    if TYPE_CHECKING:  # the pipeline: the facade that inherits this surface defines it",
            "",
            f"        {call_def} _call(",
            "            self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]",
            "        ) -> _Resp: ...",
            f"        {call_def} _token_call(",
            "            self, op: Operation[Any, _Resp], request: object, fields: Mapping[str, Any]",
            "        ) -> Result[_Resp]: ...",
            "        def _pages(",
            "            self, op: Operation[_Req, _Resp], first: _Req",
            f"        ) -> {flavour.iterator}[_Resp]: ...",
            f"        {call_def} _upsert(self, plan: Plan) -> UpsertResult: ...",
        ]
        text = "\n".join(pipeline + body)
        model_names = [*self.m.enums(), *self.m.structures(), "ConnectorT"]
        used = sorted(n for n in model_names if re.search(rf"\b{n}\b", text))
        lines = [
            self.r.header,
            f'"""The typed AppFlow client surface, {flavour.adjective}: one method per operation.',
            "",
            "Each method has a request-object overload and a keyword overload (exactly the request",
            "model's fields), and hands its operation's table entry to the facade's pipeline.",
            "Each paged operation also has an iterator over every page's items; the create-or-update",
            "methods hand a plan of ``appflow_typed._upsert`` to the facade.",
            '"""',
            "",
            "from __future__ import annotations",
            "",
            f"from collections.abc import {flavour.iterator}, Mapping",
            "from typing import TYPE_CHECKING, Any, TypeVar",
            "",
            "from typing_extensions import overload",
            "",
            "from appflow_typed._generated.operations import (",
            *(f"    {constant_name(op)}," for op in self.m.operations),
            ")",
            "from appflow_typed._operation import Operation, Result",
            "from appflow_typed._pipeline import build_request",
            f"from appflow_typed._upsert import {', '.join(sorted(u.plan for u in UPSERTS))}",
            "",
            "if TYPE_CHECKING:  # annotations only: a method loads no models",
            "    from appflow_typed._upsert import Plan, UpsertResult",
            "    from appflow_typed.models import (",
            *(f"        {n}," for n in used),
            "    )",
            "",
            f'__all__ = ["{flavour.class_name}"]',
            "",
            '_Req = TypeVar("_Req")',
            '_Resp = TypeVar("_Resp")',
            "",
            "",
            f"class {flavour.class_name}:",
            f'    """The {flavour.adjective} client methods of every covered operation."""',
            "",
            "    __slots__ = ()",
            "",
        ]
        return "\n".join(lines) + text + "\n"

    # ---- secrets

    def secrets_module(self) -> str:
        names = self.m.secret_wire_names()  # the generator's one definition
        lines = [
            self.r.header,
            '"""The wire names whose values are credentials, in the whole appflow service model.',
            "",
            "Every structure member whose shape is marked ``sensitive`` (or is a list or map of",
            "sensitive shapes), plus the secrets the model does not mark. The redacting filter reads",
            "this set; nothing loads botocore's model at run time for it.",
            '"""',
            "",
            "from typing import Final",
            "",
            "CREDENTIAL_MEMBERS: Final = frozenset({",
            *(f"    {json.dumps(n)}," for n in sorted(names)),
            "})",
        ]
        return "\n".join(lines) + "\n"

    def package_init(self) -> str:
        return (
            self.r.header
            + '"""Modules generated from the service model: the operation layer and its facts."""\n'
        )

    def package_exports(self) -> str:
        """``appflow_typed/__init__.py`` with its lists of the operations' request and response
        classes (the type checkers' imports, the lazy table, ``__all__``) written from the
        model; the rest of the file is hand-written and kept as it is."""
        path = ROOT / "appflow_typed" / "__init__.py"
        text = path.read_text()
        names = sorted(
            self.m.raw["operations"][op][role]["shape"]
            for op in self.m.operations
            for role in ("input", "output")
        )
        previous = set(re.findall(r'^    "(\w+)": "appflow_typed\.models",$', text, re.M))
        text = re.sub(
            r"(    from appflow_typed\.models import \(\n).*?(\n    \))",
            lambda m: m[1] + "\n".join(f"        {n}," for n in names) + m[2],
            text,
            count=1,
            flags=re.S,
        )
        lazy = "".join(f'    "{n}": "appflow_typed.models",\n' for n in names)
        text = re.sub(r'(^    "\w+": "appflow_typed\.models",\n)+', lambda _: lazy, text, count=1, flags=re.M)
        listed = re.search(r"^__all__ = \[\n(.*?)\n\]", text, re.M | re.S)
        assert listed is not None, "appflow_typed/__init__.py has no __all__ list"
        kept = [n for n in re.findall(r'"(\w+)"', listed[1]) if n not in previous]
        exported = "\n".join(f'    "{n}",' for n in sorted({*kept, *names}))
        return text[: listed.start(1)] + exported + text[listed.end(1) :]

    def files(self) -> dict[Path, str]:
        return {
            ROOT / "appflow_typed" / "__init__.py": self.package_exports(),
            GENERATED / "__init__.py": self.package_init(),
            GENERATED / "operations.py": self.operations_module(),
            GENERATED / f"{SYNC.module}.py": self.surface_module(SYNC),
            GENERATED / f"{ASYNC.module}.py": self.surface_module(ASYNC),
            GENERATED / "secrets.py": self.secrets_module(),
        }


def render(renderer: Renderer) -> dict[Path, str]:
    """Every generated module of the operation layer, by path."""
    return OperationsRenderer(renderer).files()
