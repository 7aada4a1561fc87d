"""AppFlow's service model as botocore ships it, loaded once per process.

botocore is imported on first use only, so importing :mod:`appflow_typed.testing` (and the
pytest plugin) stays cheap.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import boto3.session
    import botocore.session

SERVICE = "appflow"

IMPLEMENTED = frozenset(
    {
        "CreateConnectorProfile",
        "DeleteConnectorProfile",
        "DescribeConnector",
        "DescribeConnectorProfiles",
        "DescribeConnectors",
        "ListConnectors",
        "RegisterConnector",
        "UnregisterConnector",
        "UpdateConnectorProfile",
        "UpdateConnectorRegistration",
    }
)
"""The operations the local endpoint answers."""

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


@attrs.frozen
class _Route:
    method: str
    pattern: re.Pattern[str]
    operation: str


def _route_pattern(uri: str) -> re.Pattern[str]:
    path = uri.split("?", 1)[0]
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
        self._exact: dict[tuple[str, str], str] = {}
        self._templated: list[_Route] = []
        for name, op in self.operations.items():
            method, uri = op["http"]["method"], op["http"]["requestUri"]
            if "{" in uri:
                self._templated.append(_Route(method, _route_pattern(uri), name))
            else:
                self._exact[(method, uri.split("?", 1)[0])] = name

    def route(self, method: str, path: str) -> str | None:
        """The operation answering ``method path``, or ``None``."""
        found = self._exact.get((method, path))
        if found is not None:
            return found
        for route in self._templated:
            if route.method == method and route.pattern.fullmatch(path):
                return route.operation
        return None

    def input_shape(self, operation: str) -> str | None:
        """The name of ``operation``'s input shape."""
        ref = self.operations[operation].get("input")
        return None if ref is None else str(ref["shape"])

    def errors(self, operation: str) -> tuple[str, ...]:
        """The error codes modeled for ``operation``, in model order."""
        return tuple(str(e["shape"]) for e in self.operations[operation].get("errors", ()))

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
