"""AppFlow's service model as botocore ships it, loaded once per process.

botocore is imported on first use only, so importing :mod:`appflow_typed.testing` (and the
pytest plugin) stays cheap.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from appflow_typed.testing._state import HANDLERS

if TYPE_CHECKING:
    import boto3.session
    import botocore.session

SERVICE = "appflow"

IMPLEMENTED = frozenset(HANDLERS)
"""The operations the local endpoint answers: those its store has a handler for."""

_lock = threading.Lock()
_session: boto3.session.Session | None = None
_core: botocore.session.Session | None = None
_model: ServiceModel | None = None

# Configuration that botocore would otherwise read from the environment or ~/.aws and that
# changes how a client behaves; the endpoint's clients pin it so tests behave alike everywhere.
_PINNED_CONFIG: Mapping[str, object] = {
    "profile": None,
    "retry_mode": None,
    "max_attempts": None,
    "defaults_mode": "legacy",
    "use_fips_endpoint": False,
    "use_dualstack_endpoint": False,
    "ignore_configured_endpoint_urls": True,
}


def boto3_session() -> boto3.session.Session:
    """One boto3 session per process, isolated from the environment's profiles and files.

    Clients made from it never read credentials or configuration from environment variables
    or ``~/.aws``: callers pass the credentials, region and endpoint explicitly.
    """
    global _session, _core
    with _lock:
        if _session is None:
            import boto3.session
            import botocore.session
            from botocore.configprovider import ConstantProvider

            core = botocore.session.Session()
            core.set_config_variable("config_file", os.devnull)
            core.set_config_variable("credentials_file", os.devnull)
            store = core.get_component("config_store")
            for name, value in _PINNED_CONFIG.items():
                store.set_config_provider(name, ConstantProvider(value))
            _core = core
            _session = boto3.session.Session(botocore_session=core)
        return _session


def route(method: str, path: str) -> str | None:
    """The operation that answers ``method path`` (``path`` without its query), or ``None``:
    the endpoint's one routing decision, read from :func:`_http_bindings`."""
    exact, templated = _routes()
    found = exact.get((method, path))
    if found is not None:
        return found
    for route_method, pattern, operation in templated:
        if route_method == method and pattern.fullmatch(path):
            return operation
    return None


def _http_bindings() -> Iterator[tuple[str, str, str]]:
    """Each operation's name, HTTP method and request URI: the generated operation table's,
    then botocore's for any operation the table does not cover yet, so that a request for
    one is named in its ``UnsupportedOperationException``."""
    from appflow_typed._generated.operations import OPERATIONS

    for name, operation in OPERATIONS.items():
        yield name, operation.http_method, operation.request_uri
    for name, spec in service_model().operations.items():
        if name not in OPERATIONS:
            yield name, spec["http"]["method"], spec["http"]["requestUri"]


@functools.cache
def _routes() -> tuple[dict[tuple[str, str], str], tuple[tuple[str, re.Pattern[str], str], ...]]:
    exact: dict[tuple[str, str], str] = {}
    templated: list[tuple[str, re.Pattern[str], str]] = []
    for operation, method, uri in _http_bindings():
        path = uri.split("?", 1)[0]
        if "{" in path:
            templated.append((method, _route_pattern(path), operation))
        else:
            exact[(method, path)] = operation
    return exact, tuple(templated)


def _route_pattern(path: str) -> re.Pattern[str]:
    out: list[str] = []
    for part in re.split(r"(\{[^}]+\})", path):
        if part.startswith("{") and part.endswith("}"):
            out.append(".+" if part.endswith("+}") else "[^/]+")
        elif part:
            out.append(re.escape(part))
    return re.compile("".join(out))


class ServiceModel:
    """The parts of the AppFlow model the endpoint uses, as plain data."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.shapes: Mapping[str, Mapping[str, Any]] = raw["shapes"]
        self.operations: Mapping[str, Mapping[str, Any]] = raw["operations"]
        self.error_status: dict[str, int] = {
            name: shape["error"]["httpStatusCode"]
            for name, shape in self.shapes.items()
            if shape.get("exception") and "error" in shape
        }
        self._tokens: dict[str, tuple[str, ...]] = {}

    def input_shape(self, operation: str) -> str | None:
        """The name of ``operation``'s input shape."""
        ref = self.operations[operation].get("input")
        return None if ref is None else str(ref["shape"])

    def errors(self, operation: str) -> tuple[str, ...]:
        """The error codes modeled for ``operation``, in model order."""
        return tuple(str(e["shape"]) for e in self.operations[operation].get("errors", ()))

    def bound_members(self, operation: str, path: str, query: str) -> dict[str, Any]:
        """The input members the request carries outside its body: ``uri`` members read from
        ``path`` (percent-decoded) and ``querystring`` members from ``query`` (lists repeat
        their key), under their member names."""
        name = self.input_shape(operation)
        members = {} if name is None else self.shapes[name].get("members", {})
        uri = self.operations[operation]["http"]["requestUri"].split("?", 1)[0]
        found: dict[str, Any] = {}
        labels: list[str] = []
        pattern: list[str] = []
        for part in re.split(r"(\{[^}]+\})", uri):
            if part.startswith("{") and part.endswith("}"):
                labels.append(part[1:-1].rstrip("+"))
                pattern.append("(.+)" if part.endswith("+}") else "([^/]+)")
            elif part:
                pattern.append(re.escape(part))
        match = re.fullmatch("".join(pattern), path)
        values = dict(zip(labels, match.groups(), strict=True)) if match else {}
        arguments = urllib.parse.parse_qs(query, keep_blank_values=True)
        for member, ref in members.items():
            where = ref.get("location")
            wire = ref.get("locationName", member)
            if where == "uri" and wire in values:
                found[member] = urllib.parse.unquote(values[wire])
            elif where == "querystring" and wire in arguments:
                kind = self.shapes[ref["shape"]]["type"]
                found[member] = arguments[wire] if kind == "list" else arguments[wire][-1]
        return found

    def idempotency_members(self, operation: str) -> tuple[str, ...]:
        """The input members carrying the ``idempotencyToken`` trait."""
        found = self._tokens.get(operation)
        if found is None:
            name = self.input_shape(operation)
            members = {} if name is None else self.shapes[name].get("members", {})
            found = tuple(m for m, ref in members.items() if ref.get("idempotencyToken"))
            self._tokens[operation] = found
        return found


def service_model() -> ServiceModel:
    """The AppFlow model from botocore's data files, loaded once per process."""
    global _model
    if _model is None:
        boto3_session()
        with _lock:
            if _model is None:
                assert _core is not None
                loader = _core.get_component("data_loader")
                _model = ServiceModel(loader.load_service_model(SERVICE, "service-2"))
    return _model
