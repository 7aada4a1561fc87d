"""Create-or-update: one call that makes a connector profile or registration as described.

``AppFlowClient`` and ``AsyncAppFlowClient`` share everything here; they differ only in how a
step is sent (called or awaited). A create-or-update is a short plan, written once as a
generator (:func:`profile_plan`, :func:`registration_plan`) that yields each call to make as a
:class:`Step` and is sent back the typed response, or has the call's error thrown in:

1. describe what exists (by profile name; by connector label);
2. decide (:func:`profile_changes`, :func:`registration_changes`): absent -> create; present
   and different -> update, built from the create request
   (:func:`profile_update_request`, :func:`registration_update_request`); present and the
   same -> nothing is sent;
3. the write, through the generated method, so it keeps that method's token safety: one
   clientToken per logical call, reused by every retry;
4. races: a create that meets ``ConflictError`` (created meanwhile) becomes an update; an
   update that meets ``ResourceNotFoundError`` (deleted meanwhile) becomes a create. One
   fallback at most; a second surprise goes up to the caller.

A clientToken the caller gives goes on the write that happens (the fallback too: AppFlow
scopes a token to its operation). Without one, each write mints its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Any, Literal

import attrs

from appflow_typed import models
from appflow_typed._converter import to_boto
from appflow_typed._operation import Result
from appflow_typed.errors import (
    AppflowTypedError,
    ConflictError,
    ResourceNotFoundError,
    ValidationError,
    Violation,
)

if TYPE_CHECKING:
    from appflow_typed.models import (
        ConnectorConfiguration,
        ConnectorProfile,
        ConnectorProfileConfig,
        CreateConnectorProfileRequest,
        DescribeConnectorProfilesResponse,
        DescribeConnectorResponse,
        RegisterConnectorRequest,
        UpdateConnectorProfileRequest,
        UpdateConnectorRegistrationRequest,
    )

__all__ = [
    "CREDENTIALS",
    "Plan",
    "Step",
    "UpsertResult",
    "profile_changes",
    "profile_plan",
    "profile_update_request",
    "registration_changes",
    "registration_plan",
    "registration_update_request",
    "run_plan",
    "run_plan_async",
]

CREDENTIALS = "connectorProfileConfig.connectorProfileCredentials"
"""What :attr:`UpsertResult.changed` names when given credentials made the update: Describe
never returns credentials, so given credentials cannot be compared."""

_CUSTOM_CONNECTOR = "CustomConnector"
"""The connector type of a registered (custom) connector."""


@attrs.frozen(kw_only=True)
class UpsertResult:
    """What a create-or-update call did.

    Attributes:
        action: ``"created"``, ``"updated"`` or ``"unchanged"`` (nothing was written).
        arn: The ARN of the connector profile or registered connector.
        changed: Why it was updated: the API paths that differed from what Describe returned
            (e.g. ``"connectionMode"``,
            ``"connectorProfileConfig.connectorProfileProperties"``, ``"description"``), and
            ``"connectorProfileConfig.connectorProfileCredentials"`` when credentials were
            given (they can never be compared). Empty when created or unchanged.
        client_token: The clientToken of the write that was made (yours, or the one minted
            for it); ``None`` when unchanged.
        attempts: The attempts of that write (0 when unchanged).
        request_id: The AWS request id of that write, when known.
        fell_back: Whether the first write met a concurrent change (a create found the
            resource created meanwhile, or an update found it deleted) and the other write
            was made instead.
    """

    action: Literal["created", "updated", "unchanged"]
    arn: str | None
    changed: tuple[str, ...] = ()
    client_token: str | None = None
    attempts: int = 0
    request_id: str | None = None
    fell_back: bool = False


@attrs.frozen
class Step:
    """One call of a plan: the facade's method name and its request object."""

    method: Literal[
        "describe_connector_profiles",
        "create_connector_profile",
        "update_connector_profile",
        "describe_connector",
        "register_connector",
        "update_connector_registration",
    ]
    request: Any = None
    fields: dict[str, Any] = attrs.field(factory=dict)
    """Keyword arguments, when ``request`` is ``None``."""


Plan = Generator[Step, Any, UpsertResult]
"""A create-or-update plan: yields steps, is sent their responses, returns the outcome."""


# --- connector profiles -------------------------------------------------------------------


def profile_changes(
    desired: CreateConnectorProfileRequest[Any],
    described: ConnectorProfile,
    *,
    update_credentials: bool,
) -> tuple[str, ...]:
    """What an update of ``described`` would change to make it ``desired`` (empty: nothing).

    Compared: the connection mode and the connector profile properties (in their wire form,
    exactly). Credentials are never returned by Describe: when given (and
    ``update_credentials``), they are named as a change. ``kmsArn`` is neither returned nor
    updatable: it applies on create only.

    Raises:
        AppflowTypedError: The existing profile is of another connector type or label, which
            an update cannot change.
    """
    label = desired.connector_label if desired.connector_type == _CUSTOM_CONNECTOR else None
    described_label = (
        described.connector_label if described.connector_type == _CUSTOM_CONNECTOR else None
    )
    if described.connector_type != desired.connector_type or described_label != label:
        raise AppflowTypedError(
            f"connector profile {desired.connector_profile_name!r} exists for connector "
            f"{described.connector_type!r} (label {described.connector_label!r}), not "
            f"{desired.connector_type!r} (label {desired.connector_label!r}); an update "
            "cannot change that: delete the profile first, or choose another name"
        )
    changes: list[str] = []
    if described.connection_mode != desired.connection_mode:
        changes.append("connectionMode")
    config = desired.connector_profile_config
    wanted = to_boto(config.connector_profile_properties)
    found = (
        {}
        if described.connector_profile_properties is None
        else to_boto(described.connector_profile_properties)
    )
    if wanted != found:
        changes.append("connectorProfileConfig.connectorProfileProperties")
    if update_credentials and config.connector_profile_credentials is not None:
        changes.append(CREDENTIALS)
    return tuple(changes)


def profile_update_request(
    desired: CreateConnectorProfileRequest[Any], *, update_credentials: bool
) -> UpdateConnectorProfileRequest:
    """The UpdateConnectorProfile request that makes the profile ``desired``.

    Without ``update_credentials``, the credentials are left out: the service keeps the
    profile's current ones.
    """
    config: ConnectorProfileConfig[Any] = desired.connector_profile_config
    if not update_credentials and config.connector_profile_credentials is not None:
        config = models.ConnectorProfileConfig(
            connector_profile_properties=config.connector_profile_properties
        )
    return models.UpdateConnectorProfileRequest(
        connector_profile_name=desired.connector_profile_name,
        connection_mode=desired.connection_mode,
        connector_profile_config=config,
        client_token=desired.client_token,
    )


def profile_plan(desired: CreateConnectorProfileRequest[Any], *, update_credentials: bool) -> Plan:
    """Create the connector profile ``desired`` describes, or update it to match."""
    name = desired.connector_profile_name
    page: DescribeConnectorProfilesResponse = yield Step(
        "describe_connector_profiles", fields={"connector_profile_names": [name]}
    )
    described = next(
        (p for p in page.connector_profile_details or () if p.connector_profile_name == name),
        None,
    )
    create = Step("create_connector_profile", desired)
    update = Step(
        "update_connector_profile",
        profile_update_request(desired, update_credentials=update_credentials),
    )
    if described is None:
        credentials = desired.connector_profile_config.connector_profile_credentials
        # after a lost race, what the update changes is unknown, except given credentials
        raced = (CREDENTIALS,) if update_credentials and credentials is not None else ()
        return (yield from _create_first(create, update, raced))
    changed = profile_changes(desired, described, update_credentials=update_credentials)
    if not changed:
        return UpsertResult(action="unchanged", arn=described.connector_profile_arn)
    return (yield from _update_first(update, changed, create))


# --- connector registrations ----------------------------------------------------------------


def registration_changes(
    desired: RegisterConnectorRequest, described: ConnectorConfiguration
) -> tuple[str, ...]:
    """What an update of ``described`` would change to make it ``desired`` (empty: nothing).

    Compared: the description and the provisioning configuration (in its wire form,
    exactly), each only when ``desired`` gives it: an update leaves what it omits as it is.
    The provisioning type cannot be updated and is not compared.
    """
    changes: list[str] = []
    if desired.description is not None and desired.description != described.connector_description:
        changes.append("description")
    config = desired.connector_provisioning_config
    if config is not None:
        found = described.connector_provisioning_config
        if found is None or to_boto(found) != to_boto(config):
            changes.append("connectorProvisioningConfig")
    return tuple(changes)


def registration_update_request(
    desired: RegisterConnectorRequest,
) -> UpdateConnectorRegistrationRequest:
    """The UpdateConnectorRegistration request that makes the registration ``desired``."""
    label = _label(desired)
    return models.UpdateConnectorRegistrationRequest(
        connector_label=label,
        description=desired.description,
        connector_provisioning_config=desired.connector_provisioning_config,
        client_token=desired.client_token,
    )


def _label(desired: RegisterConnectorRequest) -> str:
    if desired.connector_label is None:
        raise ValidationError(
            "RegisterConnectorRequest",
            [Violation("connectorLabel", "is required to register or update a connector")],
        )
    return desired.connector_label


def registration_plan(desired: RegisterConnectorRequest) -> Plan:
    """Register the connector ``desired`` describes, or update its registration to match."""
    label = _label(desired)
    described: ConnectorConfiguration | None = None
    try:
        found: DescribeConnectorResponse = yield Step(
            "describe_connector",
            fields={"connector_type": _CUSTOM_CONNECTOR, "connector_label": label},
        )
        described = found.connector_configuration
    except ResourceNotFoundError:
        described = None
    register = Step("register_connector", desired)
    update = Step("update_connector_registration", registration_update_request(desired))
    if described is None:
        return (yield from _create_first(register, update, ()))
    changed = registration_changes(desired, described)
    if not changed:
        return UpsertResult(action="unchanged", arn=described.connector_arn)
    return (yield from _update_first(update, changed, register))


# --- the writes and their fallbacks ---------------------------------------------------------


def _create_first(create: Step, update: Step, raced: tuple[str, ...]) -> Plan:
    """Create; when it meets ``ConflictError`` (created meanwhile), update instead.

    ``raced`` is what :attr:`UpsertResult.changed` says after such an update.
    """
    result: Result[Any] | None = None
    try:
        result = yield create
    except ConflictError:
        result = None
    if result is not None:
        return _outcome("created", result, ())
    result = yield update
    return _outcome("updated", result, raced, fell_back=True)


def _update_first(update: Step, changed: tuple[str, ...], create: Step) -> Plan:
    """Update; when it meets ``ResourceNotFoundError`` (deleted meanwhile), create instead."""
    result: Result[Any] | None = None
    try:
        result = yield update
    except ResourceNotFoundError:
        result = None
    if result is not None:
        return _outcome("updated", result, changed)
    result = yield create
    return _outcome("created", result, (), fell_back=True)


def _outcome(
    action: Literal["created", "updated"],
    result: Result[Any],
    changed: tuple[str, ...],
    *,
    fell_back: bool = False,
) -> UpsertResult:
    arn = getattr(result.value, "connector_profile_arn", None) or getattr(
        result.value, "connector_arn", None
    )
    return UpsertResult(
        action=action,
        arn=arn,
        changed=changed,
        client_token=result.client_token,
        attempts=result.attempts,
        request_id=result.request_id,
        fell_back=fell_back,
    )


# --- running a plan: the one difference between the facades ---------------------------------

_FALLBACK_ERRORS = (ConflictError, ResourceNotFoundError)
"""The errors a plan may handle (it re-raises them when it does not)."""


def run_plan(plan: Plan, send: Callable[[Step], Any]) -> UpsertResult:
    """Run ``plan``, making each step with ``send`` (a sync facade's method call)."""
    reply: Any = None
    error: AppflowTypedError | None = None
    while True:
        try:
            step = plan.send(reply) if error is None else plan.throw(error)
        except StopIteration as done:
            outcome: UpsertResult = done.value
            return outcome
        reply = error = None
        try:
            reply = send(step)
        except _FALLBACK_ERRORS as exc:
            error = exc  # thrown in outside this handler: nothing is chained to it


async def run_plan_async(plan: Plan, send: Callable[[Step], Awaitable[Any]]) -> UpsertResult:
    """Run ``plan``, making each step with ``send`` awaited (the async facade's method)."""
    reply: Any = None
    error: AppflowTypedError | None = None
    while True:
        try:
            step = plan.send(reply) if error is None else plan.throw(error)
        except StopIteration as done:
            outcome: UpsertResult = done.value
            return outcome
        reply = error = None
        try:
            reply = await send(step)
        except _FALLBACK_ERRORS as exc:
            error = exc
