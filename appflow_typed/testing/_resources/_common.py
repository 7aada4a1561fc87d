"""What every resource family shares: JSON helpers, the error answer, the effect log and the
account the endpoint serves."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

import attrs

from appflow_typed.models._no_profile import CONNECTORS_WITHOUT_PROFILE
from appflow_typed.models._schema import CONNECTOR_TYPE_OF_MEMBER

__all__ = [
    "CUSTOM",
    "PROFILELESS",
    "RUNNING",
    "ApiError",
    "Body",
    "Context",
    "Effect",
    "Family",
    "Handler",
    "Json",
    "connector_type_of",
    "copy_json",
    "single_connector",
]

Body = Mapping[str, Any]
Json = dict[str, Any]
Handler = Callable[[Body, "str | None"], Json]
"""An operation's handler: the validated request body and its clientToken (``None`` for
operations without one) to the response."""

CUSTOM = "CustomConnector"

PROFILELESS = CONNECTORS_WITHOUT_PROFILE
"""Connector types used without a connector profile: the models' one table."""

RUNNING = frozenset({"InProgress", "CancelStarted"})
"""Execution statuses of a run that has not ended."""


def copy_json(value: Any) -> Any:
    """A deep copy of JSON data (much faster than ``copy.deepcopy``)."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


def connector_type_of(member: str) -> str:
    """The ``ConnectorType`` value of a connector-keyed member name (the member itself for
    one the generated models do not know yet)."""
    return CONNECTOR_TYPE_OF_MEMBER.get(member, member)


class ApiError(Exception):
    """An AWS error answer: a modeled error code and its message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def single_connector(mapping: Mapping[str, Any], what: str) -> str:
    """The one connector member set in a connector-keyed union ``mapping``.

    Raises:
        ApiError: ``ValidationException`` when none or several are set.
    """
    present = [k for k, v in mapping.items() if v is not None]
    if len(present) != 1:
        raise ApiError(
            "ValidationException",
            f"{what} must name exactly one connector; it names {len(present)}.",
        )
    return present[0]


@attrs.frozen(kw_only=True)
class Effect:
    """One committed state change."""

    operation: str
    """The operation that made it, e.g. ``RegisterConnector``."""

    resource: str
    """What changed: the connector label, connector profile name or flow name; the ARN for
    TagResource and UntagResource; for ResetConnectorMetadataCache, the profile name (or
    the connector type when no profile is named)."""

    client_token: str | None
    """The request's clientToken (``None`` for operations without one)."""

    time: float
    """The endpoint's clock when the change was committed."""


class Context:
    """The account the endpoint serves, its clock and the log of effects: what every family
    reads and writes besides its own records."""

    def __init__(self, *, region: str, account_id: str, clock: Callable[[], float]) -> None:
        self.region = region
        self.account = account_id
        self.clock = clock
        self.effects: list[Effect] = []

    def arn(self, kind: str, name: str) -> str:
        """``arn:aws:appflow:<region>:<account>:<kind>/<name>``."""
        return f"arn:aws:appflow:{self.region}:{self.account}:{kind}/{name}"

    def caller(self) -> str:
        """The principal shown as ``createdBy`` and ``lastUpdatedBy``."""
        return f"arn:aws:iam::{self.account}:root"

    def effect(self, operation: str, resource: str, token: str | None) -> None:
        """Record a committed state change."""
        self.effects.append(
            Effect(operation=operation, resource=resource, client_token=token, time=self.clock())
        )


class Family:
    """A resource family: its operations, each answered by one of its methods."""

    OPERATIONS: ClassVar[Mapping[str, str]] = {}
    """The operations the family answers, each with the name of its handler method."""

    def handlers(self) -> dict[str, Handler]:
        """The family's operations with their bound handlers."""
        return {operation: getattr(self, name) for operation, name in self.OPERATIONS.items()}
