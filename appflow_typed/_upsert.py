"""Create-or-update: one call that makes a connector profile, registration or flow as described.

``AppFlowClient`` and ``AsyncAppFlowClient`` share everything here; they differ only in how a
step is sent (called or awaited). A create-or-update is a short plan, written once as a
generator (:func:`profile_plan`, :func:`registration_plan`, :func:`flow_plan`) that yields
each call to make as a :class:`Step` and is sent back the typed response, or has the call's
error thrown in:

1. describe what exists (by profile name; by connector label; by flow name);
2. decide (:func:`profile_changes`, :func:`registration_changes`, :func:`flow_changes`):
   absent -> create; present and different -> update, built from the create request
   (:func:`profile_update_request`, :func:`registration_update_request`,
   :func:`flow_update_request`); present and the same -> nothing is sent;
3. the write, through the generated method, so it keeps that method's token safety: one
   clientToken per logical call, reused by every retry;
4. races: a create that meets ``ConflictError`` (created meanwhile) becomes an update; an
   update that meets ``ResourceNotFoundError`` (deleted meanwhile) becomes a create. One
   fallback at most; a second surprise goes up to the caller.

A clientToken the caller gives goes on the write that happens (the fallback too: AppFlow
scopes a token to its operation). Without one, each write mints its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable, Generator, Mapping
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs
from botocore.utils import parse_to_aware_datetime

from appflow_typed import models
from appflow_typed._converter import to_boto
from appflow_typed._operation import Result
from appflow_typed.errors import (
    AppflowTypedError,
    ConflictError,
    ReplacementRequiredError,
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
        CreateFlowRequest,
        CreateFlowResponse,
        DescribeConnectorProfilesResponse,
        DescribeConnectorResponse,
        DescribeFlowResponse,
        RegisterConnectorRequest,
        UpdateConnectorProfileRequest,
        UpdateConnectorRegistrationRequest,
        UpdateFlowRequest,
        UpdateFlowResponse,
    )

__all__ = [
    "CREDENTIALS",
    "Plan",
    "Step",
    "UpsertResult",
    "flow_changes",
    "flow_plan",
    "flow_update_request",
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
        arn: The ARN of the connector profile, registered connector or flow.
        changed: Why it was updated: the API paths that differed from what Describe returned
            (e.g. ``"connectionMode"``,
            ``"connectorProfileConfig.connectorProfileProperties"``, ``"description"``,
            ``"tasks[1].sourceFields"``, ``"tags"``), and
            ``"connectorProfileConfig.connectorProfileCredentials"`` when credentials were
            given (they can never be compared). Empty when created or unchanged.
        client_token: The clientToken of the write that was made (yours, or the one minted
            for it); ``None`` when unchanged, or when a flow's tags were all that changed
            (TagResource and UntagResource take no token).
        attempts: The attempts of that write (0 when unchanged, or when a flow's tags were
            all that changed).
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
        "describe_flow",
        "create_flow",
        "update_flow",
        "tag_resource",
        "untag_resource",
        "describe_flow_execution_records",
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


# --- flows ----------------------------------------------------------------------------------

_FLOW_UPDATABLE = (
    "description",
    "triggerConfig",
    "sourceFlowConfig",
    "destinationFlowConfigList",
    "tasks",
    "metadataCatalogConfig",
)
"""What UpdateFlow sets, beside its key (``flowName``) and ``clientToken``: the members of
botocore's UpdateFlowRequest. CreateFlowRequest has two more, which UpdateFlow cannot carry:
``kmsArn`` (never changeable: the Terraform AWS provider's ``aws_appflow_flow`` marks
``kms_arn`` ForceNew) and ``tags`` (TagResource and UntagResource change those)."""

_RESERVED_TAG_PREFIX = "aws:"
"""Tag keys a caller can neither set nor remove: the AppFlow model's TagKey pattern is
``^(?!aws:)[a-zA-Z+-=._:/]+$`` (AWS sets such tags, e.g. CloudFormation's stack tags)."""


def _is_empty(value: object) -> bool:
    return value is None or value == {} or value == []


def _same_time(wanted: object, found: datetime.datetime) -> bool:
    """A request timestamp (a datetime, epoch seconds or ISO 8601 text: what botocore takes)
    against a described one."""
    # botocore's function takes what its serializer takes (the stubs type it for str only)
    parse = cast("Callable[[object], datetime.datetime]", parse_to_aware_datetime)
    try:
        return parse(wanted) == parse(found)
    except (TypeError, ValueError):
        return False


def _differences(wanted: object, found: object, path: str) -> list[str]:
    """The paths at which ``found`` (described, wire form) is not what ``wanted`` says.

    A member ``wanted`` leaves out (or leaves empty) is not compared: the service fills
    defaults there (DescribeFlow returns e.g. an S3 destination's aggregation and prefix
    settings though the request omitted them; the Terraform AWS provider marks those
    ``Computed``). A list is compared item by item, and named whole when its length differs.
    """
    if isinstance(wanted, Mapping):
        if not isinstance(found, Mapping):
            return [path]
        paths: list[str] = []
        for key, value in wanted.items():
            inner = f"{path}.{key}" if path else str(key)
            if _is_empty(value) and _is_empty(found.get(key)):
                continue
            if key not in found:
                paths.append(inner)
            else:
                paths += _differences(value, found[key], inner)
        return paths
    if isinstance(wanted, list):
        if not isinstance(found, list) or len(found) != len(wanted):
            return [path]
        return [
            p for i, item in enumerate(wanted) for p in _differences(item, found[i], f"{path}[{i}]")
        ]
    if isinstance(found, datetime.datetime):
        return [] if _same_time(wanted, found) else [path]
    return [] if wanted == found else [path]


def flow_update_request(desired: CreateFlowRequest) -> UpdateFlowRequest:
    """The UpdateFlow request that makes the flow ``desired`` (what UpdateFlow can carry)."""
    return models.UpdateFlowRequest(
        flow_name=desired.flow_name,
        description=desired.description,
        trigger_config=desired.trigger_config,
        source_flow_config=desired.source_flow_config,
        destination_flow_config_list=desired.destination_flow_config_list,
        tasks=desired.tasks,
        metadata_catalog_config=desired.metadata_catalog_config,
        client_token=desired.client_token,
    )


def _tag_changes(
    desired: CreateFlowRequest, described: DescribeFlowResponse
) -> tuple[dict[str, str], list[str]]:
    """The tags to set and the tag keys to remove, so that the flow's tags are the request's
    (when it gives tags; tags AWS reserved, ``aws:...``, are left)."""
    if desired.tags is None:
        return {}, []
    found = described.tags or {}
    to_set = {k: v for k, v in desired.tags.items() if found.get(k) != v}
    to_remove = sorted(
        k for k in found if k not in desired.tags and not k.startswith(_RESERVED_TAG_PREFIX)
    )
    return to_set, to_remove


def flow_changes(desired: CreateFlowRequest, described: DescribeFlowResponse) -> tuple[str, ...]:
    """What an update of ``described`` would change to make it ``desired`` (empty: nothing).

    Compared, in wire form: what UpdateFlow sets (the trigger, source, destination and tasks
    always; the description and the metadata catalog settings when given: an update leaves
    what it omits), member by member, a member the request leaves out not compared (the
    service fills defaults there); and the tags, when given, which name the flow's whole
    tag set (``"tags"``).

    Raises:
        ReplacementRequiredError: The flow has another ``kmsArn`` than the one given: no
            update can change it.
    """
    if desired.kms_arn is not None and described.kms_arn != desired.kms_arn:
        raise ReplacementRequiredError(
            desired.flow_name,
            ("kmsArn",),
            f"flow {desired.flow_name!r} exists with kmsArn {described.kms_arn!r}, not "
            f"{desired.kms_arn!r}; UpdateFlow cannot change kmsArn: delete the flow and "
            "create it again, or leave kmsArn out",
        )
    wanted = to_boto(flow_update_request(desired))
    found = to_boto(described)
    changes = _differences({k: wanted[k] for k in _FLOW_UPDATABLE if k in wanted}, found, "")
    to_set, to_remove = _tag_changes(desired, described)
    if to_set or to_remove:
        changes.append("tags")
    return tuple(changes)


def _describe_flow(name: str) -> Generator[Step, Any, DescribeFlowResponse | None]:
    try:
        described: DescribeFlowResponse = yield Step("describe_flow", fields={"flow_name": name})
    except ResourceNotFoundError:
        return None
    return described


def flow_plan(desired: CreateFlowRequest) -> Plan:
    """Create the flow ``desired`` describes, or update it (and its tags) to match.

    A create that meets ``ConflictError`` (created meanwhile) describes the flow again and
    updates what differs; an update (or a tag change) that meets ``ResourceNotFoundError``
    (deleted meanwhile) creates the flow. One fallback at most.
    """
    name = desired.flow_name
    create = Step("create_flow", desired)
    described = yield from _describe_flow(name)
    fell_back = False
    if described is None:
        conflict: ConflictError | None = None
        try:
            created: Result[CreateFlowResponse] = yield create
        except ConflictError as exc:
            conflict = exc
        if conflict is None:
            return _flow_outcome("created", created, created.value.flow_arn, ())
        described = yield from _describe_flow(name)
        if described is None:
            raise conflict  # neither there nor creatable: not a race this plan can settle
        fell_back = True
    changed = flow_changes(desired, described)  # raises before any write
    if not changed:
        return UpsertResult(action="unchanged", arn=described.flow_arn)
    to_set, to_remove = _tag_changes(desired, described)
    updated: Result[UpdateFlowResponse] | None = None
    try:
        if changed != ("tags",):
            updated = yield Step("update_flow", flow_update_request(desired))
        if to_set:
            yield Step("tag_resource", fields={"resource_arn": described.flow_arn, "tags": to_set})
        if to_remove:
            yield Step(
                "untag_resource",
                fields={"resource_arn": described.flow_arn, "tag_keys": to_remove},
            )
    except ResourceNotFoundError:
        if fell_back:
            raise
        fell_back = True
        created = yield create
        return _flow_outcome("created", created, created.value.flow_arn, (), fell_back=True)
    if updated is None:
        return UpsertResult(
            action="updated", arn=described.flow_arn, changed=changed, fell_back=fell_back
        )
    return _flow_outcome("updated", updated, described.flow_arn, changed, fell_back=fell_back)


def _flow_outcome(
    action: Literal["created", "updated"],
    result: Result[Any],
    arn: str | None,
    changed: tuple[str, ...],
    *,
    fell_back: bool = False,
) -> UpsertResult:
    return UpsertResult(
        action=action,
        arn=arn,
        changed=changed,
        client_token=result.client_token,
        attempts=result.attempts,
        request_id=result.request_id,
        fell_back=fell_back,
    )


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
