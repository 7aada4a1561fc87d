"""A local AppFlow endpoint for tests: real boto3 clients talk to it over loopback.

No emulator covers AppFlow, so :class:`LocalAppFlow` serves all 25 AppFlow operations
(connectors, connector profiles, flows and their runs, tags, connector entities) on
``127.0.0.1`` with the service's wire format (rest-json, SigV4-signed requests accepted as
they come), validation derived from botocore's service model, the
service's semantics (conflicts, not-found, 8-hour clientToken idempotency) and injectable
faults (throttling, 5xx, lost responses, connection resets, latency). The whole boto3 stack is
exercised: signing, HTTP, serialization, error parsing and botocore's own retries.

Examples:
    >>> from appflow_typed.testing import LocalAppFlow, Throttle
    >>> with LocalAppFlow() as endpoint:  # doctest: +SKIP
    ...     endpoint.inject(Throttle(), operation="ListConnectors")
    ...     endpoint.client().list_connectors()["connectors"]   # botocore retried the 429
    []

With pytest, the ``appflow_endpoint`` and ``appflow_client`` fixtures are available once the
package is installed. ``python -m appflow_typed.testing serve`` runs the endpoint as a
standalone server (for the AWS CLI, Terraform or other languages): it prints its URL, serves
until SIGINT/SIGTERM and can keep its state in a JSON file (``--state FILE``).
"""

from appflow_typed._window import IDEMPOTENCY_WINDOW_SECONDS
from appflow_typed.testing._catalog import CatalogEntity, CatalogField
from appflow_typed.testing._endpoint import LocalAppFlow, ManualClock, ReceivedRequest
from appflow_typed.testing._faults import (
    DropResponse,
    Fault,
    InternalError,
    Latency,
    ResetConnection,
    ServiceErrorFault,
    ServiceUnavailable,
    Throttle,
)
from appflow_typed.testing._state import (
    DEFAULT_MAX_RESULTS,
    Effect,
    StoredConnector,
    StoredCredentials,
    StoredExecution,
    StoredFlow,
    StoredProfile,
)

__all__ = [
    "CatalogEntity",
    "CatalogField",
    "DEFAULT_MAX_RESULTS",
    "DropResponse",
    "Effect",
    "Fault",
    "IDEMPOTENCY_WINDOW_SECONDS",
    "InternalError",
    "Latency",
    "LocalAppFlow",
    "ManualClock",
    "ReceivedRequest",
    "ResetConnection",
    "ServiceErrorFault",
    "ServiceUnavailable",
    "StoredConnector",
    "StoredCredentials",
    "StoredExecution",
    "StoredFlow",
    "StoredProfile",
    "Throttle",
]
