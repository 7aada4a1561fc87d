"""What the client knows about an operation, as data, and the result of a token call.

The generator (``tools/render_operations.py``) writes one :class:`Operation` per covered
AppFlow operation into :mod:`appflow_typed._generated.operations`, from botocore's service
model plus a few tables of facts the model lacks. An operation names its request and response
models and resolves them on first use, so the table loads no models. The client's pipeline, the retry-safety
decision and the local endpoint read these values; nothing else describes an operation.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

import attrs

# The models package loads each operation group's module on first use of one of its names
# (PEP 562): an operation resolves its classes by name, so that the table loads none of them.
from appflow_typed import models as _models

__all__ = ["Member", "Operation", "Paging", "Result", "RetrySemantics"]

_T = TypeVar("_T")
_Req = TypeVar("_Req")
_Resp = TypeVar("_Resp")

RetrySemantics = Literal["client-token", "read-only", "delete", "idempotent", "none"]
"""What makes re-sending an operation after an unknown outcome safe:

* ``client-token``: the request carries an idempotency token (the model's
  ``idempotencyToken`` trait); the service applies one token's call once.
* ``read-only``: the operation changes nothing.
* ``delete``: re-sending can only find the resource gone, which then counts as done.
* ``idempotent``: re-sending leaves the resource as one sending does (setting or removing
  the same tags, resetting a cache).
* ``none``: nothing does; a request that may have been applied is not re-sent.

``delete`` and ``idempotent`` hold only once the earlier request is over (answered, or its
connection closed). After a read timeout the request may still be applied later, after a
re-sent one and after the call has returned: a late delete would remove the resource the
caller re-created, late tags would overwrite a later call's. So a call without a clientToken
that changes something is not re-sent after a read timeout; it raises ``TransportError``
with ``outcome_unknown`` (see :func:`appflow_typed._errors_map.may_still_arrive`).
"""


@attrs.frozen
class Member:
    """A structure member, by its wire name and its attribute name on the model class."""

    wire: str
    """The AWS member name, e.g. ``nextToken``."""
    attr: str
    """The model attribute, e.g. ``next_token``."""


@attrs.frozen(kw_only=True)
class Paging:
    """How an operation pages (botocore has no paginators for AppFlow: derived from members)."""

    input_token: Member
    """The request member that asks for a page."""
    page_size: Member | None
    """The request member that bounds a page's size."""
    output_token: Member
    """The response member that names the next page; absent or empty on the last one."""
    items: Member
    """The response member holding the page's items."""
    items_kind: Literal["list", "map"]
    """Whether the items are a list, or a map whose entries are the items."""


@attrs.frozen(kw_only=True)
class Operation(Generic[_Req, _Resp]):
    """One AppFlow operation, as the client sends it and the endpoint routes it."""

    name: str
    """The AWS operation name, e.g. ``RegisterConnector``."""
    method: str
    """The boto3 client method, e.g. ``register_connector``."""
    request_name: str
    """The request model's name in :mod:`appflow_typed.models` (the shape's name)."""
    response_name: str
    """The response model's name in :mod:`appflow_typed.models`."""
    http_method: str
    """The HTTP method of the REST-JSON request."""
    request_uri: str
    """The request URI template, e.g. ``/register-connector``."""
    token: Member | None
    """The member with the model's ``idempotencyToken`` trait, when there is one."""
    paging: Paging | None
    """How the operation pages, when it does."""
    retry: RetrySemantics
    """What makes re-sending it after an unknown outcome safe."""

    @property
    def request_cls(self) -> type[_Req]:
        """The request model; the first use loads its operation group's models only."""
        cls: type[_Req] = getattr(_models, self.request_name)
        return cls

    @property
    def response_cls(self) -> type[_Resp]:
        """The response model; the first use loads its operation group's models only."""
        cls: type[_Resp] = getattr(_models, self.response_name)
        return cls

    @property
    def idempotent(self) -> bool:
        """Whether re-sending a request that may have been applied cannot apply it twice."""
        return self.retry != "none"


@attrs.frozen(kw_only=True)
class Result(Generic[_T]):
    """The outcome of an operation that carries a clientToken.

    Operations with the model's ``idempotencyToken`` trait (e.g. ``register_connector``)
    return one; every other operation returns its response model directly.

    Attributes:
        value: The typed response.
        client_token: The clientToken every attempt carried (yours, or the one minted for
            the call). Store it if you may need to re-issue the same call.
        attempts: How many attempts the call took (1 when no retry was needed).
        request_id: The AWS request id of the successful attempt, when known.
    """

    value: _T
    client_token: str
    attempts: int
    request_id: str | None = None
