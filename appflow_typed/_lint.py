"""Warnings: combinations AWS's own words make meaningless or contradictory, which the service
is not documented to refuse.

They never block. Each is an :class:`AppFlowConfigWarning` carrying the API path, the rule's id
and its source (:data:`appflow_typed.RULES`). The clients and :func:`~appflow_typed.guard`
emit them with :func:`warnings.warn` when a request is checked for sending; :func:`lint`
returns them, with the request's violations, without raising.

The checks are plain functions over validated model objects, looked up by shape name while the
request's tree is walked (attrs fields, named on the wire by
:data:`~appflow_typed.models._schema.WIRE_NAMES`), so they depend on no generated code.
"""

from __future__ import annotations

import datetime
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from appflow_typed._rulebook import RULES
from appflow_typed.errors import ValidationError, Violation
from appflow_typed.models._interpret import held_structures, structures_under
from appflow_typed.models._schema import STRUCTURES, WIRE_NAMES

__all__ = ["AppFlowConfigWarning", "LintResult", "emit_warnings", "find_warnings", "lint"]


class AppFlowConfigWarning(UserWarning):
    """A request whose configuration AWS's own documentation makes meaningless or
    contradictory, although the service is not documented to refuse it.

    Emitted with :func:`warnings.warn` when a request is checked for sending (filter it as
    usual, e.g. ``warnings.simplefilter("ignore", AppFlowConfigWarning)``), and returned by
    :func:`~appflow_typed.lint`. Its text is ``"<path>: <message> [<rule>]"``.

    Attributes:
        path: Where, as the API names it from the request root (empty for the root).
        rule: The rule's id in :data:`~appflow_typed.RULES`.
        message: What the rule says about this request.
        source: Where the rule comes from (AWS's words, or a public report).
    """

    path: str
    rule: str
    message: str
    source: str

    def __init__(self, path: str, rule: str) -> None:
        found = RULES[rule]
        self.path = path
        self.rule = rule
        self.message = found.message
        self.source = found.source
        super().__init__(f"{path or '<root>'}: {self.message} [{rule}]")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.rule))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AppFlowConfigWarning):
            return NotImplemented
        return (self.path, self.rule) == (other.path, other.rule)

    def __hash__(self) -> int:
        return hash((self.path, self.rule))


@attrs.frozen(kw_only=True)
class LintResult:
    """What :func:`~appflow_typed.lint` found in one request.

    Attributes:
        model: The name of the request's model, e.g. ``CreateFlowRequest``.
        errors: Every violation (the request would raise
            :class:`~appflow_typed.ValidationError`); empty when the request is valid.
        warnings: Every warning; only looked for in a valid request.
    """

    model: str
    errors: tuple[Violation, ...] = ()
    warnings: tuple[AppFlowConfigWarning, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the request is valid and draws no warning."""
        return not self.errors and not self.warnings


# ----------------------------------------------------------------------------- the checks

Found = Iterator[tuple[str, str]]
"""What a check yields: (path relative to the checked object, rule id)."""


def _schedule(obj: Any) -> Found:
    # API reference, ScheduledTriggerProperties: scheduleStartTime "The time at which the
    # scheduled flow starts", scheduleEndTime "The time at which the scheduled flow ends".
    start, end = _instant(obj.schedule_start_time), _instant(obj.schedule_end_time)
    if start is not None and end is not None and end <= start:
        yield "scheduleEndTime", "schedule-ends-before-start"


def _instant(value: object) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=datetime.timezone.utc)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    return None


def _preserve_typing(obj: Any) -> Found:
    # API reference, S3OutputFormatConfig.preserveSourceDataTyping: "If your file output
    # format is Parquet, use this parameter to set whether Amazon AppFlow preserves the data
    # types in your source data".
    if obj.preserve_source_data_typing is True and obj.file_type in ("CSV", "JSON"):
        yield "preserveSourceDataTyping", "preserve-typing-not-parquet"


def _write_ids(obj: Any) -> Found:
    # API reference, *DestinationProperties.idFieldNames: "The name of the field that Amazon
    # AppFlow uses as an ID when performing a write operation such as update or delete."
    # (The refused cases, Salesforce UPSERT and CustomConnector UPDATE, are errors.)
    if obj.write_operation_type in ("UPDATE", "UPSERT", "DELETE") and not obj.id_field_names:
        yield "idFieldNames", "write-without-id-fields"


# User guide, "Flow triggers": event-triggered flows are "available only for SaaS applications
# that provide change events"; AppFlow documents change events for these sources (S3 is refused
# as an error by the models).
_EVENT_SOURCES = frozenset({"Salesforce", "SAPOData", "CustomConnector", "S3"})


def _flow(obj: Any) -> Found:
    trigger = obj.trigger_config
    scheduled = trigger.trigger_properties if trigger is not None else None
    # API reference, TriggerConfig.triggerProperties: "Currently, these settings only apply to
    # the Scheduled trigger type."
    if trigger is not None and trigger.trigger_type != "Scheduled" and scheduled is not None:
        yield "triggerConfig.triggerProperties", "trigger-properties-unused"
    source = obj.source_flow_config
    # API reference, SourceFlowConfig.incrementalPullConfig: "Defines the configuration for a
    # scheduled incremental data pull."
    if source is not None and source.incremental_pull_config is not None and trigger is not None:
        mode = (
            None
            if scheduled is None or scheduled.scheduled is None
            else (scheduled.scheduled.data_pull_mode)
        )
        if trigger.trigger_type != "Scheduled" or mode == "Complete":
            yield "sourceFlowConfig.incrementalPullConfig", "incremental-pull-unused"
    properties = None if source is None else source.source_connector_properties
    members = {} if properties is None else vars(properties)
    if trigger is not None and trigger.trigger_type == "Event" and len(members) == 1:
        (name,) = members
        if WIRE_NAMES["SourceConnectorProperties"][name] not in _EVENT_SOURCES:
            yield "triggerConfig.triggerType", "event-trigger-source-unverified"


def _s3_tasks_projected(obj: Any) -> Found:
    # hashicorp/terraform-provider-aws#29879: an S3 source's flow with only Map tasks was
    # created; from other sources the service refuses it (the error flow-projection-task).
    source = obj.source_flow_config
    if source is None or source.connector_type != "S3" or not obj.tasks:
        return
    for task in obj.tasks:
        operator = task.connector_operator
        operators = () if operator is None else vars(operator).values()
        if task.task_type == "Map_all" or (
            task.task_type == "Filter" and "PROJECTION" in operators
        ):
            return
    yield "tasks", "flow-projection-task-s3"


def _redshift_target(obj: Any) -> Found:
    # API reference, RedshiftConnectorProfileProperties: the Data API (dataApiRoleArn) reaches
    # a cluster (clusterIdentifier) or a Serverless workgroup (workgroupName, with
    # isRedshiftServerless) and a database (databaseName).
    if obj.is_redshift_serverless:
        if obj.workgroup_name is None:
            yield "workgroupName", "redshift-data-api-target"
    elif obj.cluster_identifier is None:
        yield "clusterIdentifier", "redshift-data-api-target"
    if obj.database_name is None:
        yield "databaseName", "redshift-data-api-target"


def _profile(obj: Any) -> Found:
    # API reference, SAPODataConnectorProfileProperties.disableSSO: "if your profile uses OAuth
    # credentials, this parameter has no affect."
    properties, credentials = obj.connector_profile_properties, obj.connector_profile_credentials
    sap = None if properties is None else properties.sapo_data
    sap_credentials = None if credentials is None else credentials.sapo_data
    if (
        sap is not None
        and sap.disable_sso is True
        and sap_credentials is not None
        and sap_credentials.o_auth_credentials is not None
        and sap_credentials.basic_auth_credentials is None
    ):
        yield "connectorProfileProperties.SAPOData.disableSSO", "sapodata-disable-sso-oauth"


def _sapodata_credentials(obj: Any) -> Found:
    # API reference, SAPODataConnectorProfileCredentials: basicAuthCredentials or
    # oAuthCredentials, the credentials to authenticate with.
    if obj.basic_auth_credentials is None and obj.o_auth_credentials is None:
        yield "", "credentials-missing"


def _user_and_password(obj: Any) -> Found:
    # API reference, password: "The password that corresponds to the user name."
    if (obj.username is None) != (obj.password is None):
        yield ("username" if obj.username is None else "password"), "password-without-username"


def _service_now_credentials(obj: Any) -> Found:
    # API reference, ServiceNowConnectorProfileCredentials: username and password, or
    # oAuth2Credentials "The OAuth 2.0 credentials required to authenticate the user".
    if obj.username is None and obj.password is None and obj.o_auth2_credentials is None:
        yield "", "credentials-missing"
    else:
        yield from _user_and_password(obj)


def _oauth_token(obj: Any) -> Found:
    # API reference, accessToken "The credentials used to access protected ... resources",
    # oAuthRequest "The OAuth requirement needed to request security tokens"; reported refusal
    # "AuthCode cannot be blank for connector: SALESFORCE" (terraform-provider-aws#26396).
    if obj.access_token is None and obj.o_auth_request is None:
        if getattr(obj, "o_auth2_grant_type", None) == "JWT_BEARER":
            return
        yield "accessToken", "oauth-without-token"


def _google_refresh_token(obj: Any) -> Found:
    # API reference, GoogleAnalyticsConnectorProfileCredentials.refreshToken: "This is required
    # only for OAuth2 access tokens" — and Google Analytics' are OAuth 2.0 tokens.
    if obj.access_token is not None and obj.refresh_token is None:
        yield "refreshToken", "oauth2-refresh-token"


def _jwt_unused(obj: Any) -> Found:
    # API reference, oAuth2GrantType: JWT_BEARER "Amazon AppFlow passes a JSON web token (JWT)
    # when it requests the access token from Salesforce."
    if obj.jwt_token is not None and obj.o_auth2_grant_type != "JWT_BEARER":
        yield "jwtToken", "jwt-token-unused"


_CHECKS: Mapping[str, tuple[Callable[[Any], Found], ...]] = {
    "CreateFlowRequest": (_flow, _s3_tasks_projected),
    "UpdateFlowRequest": (_flow, _s3_tasks_projected),
    "ScheduledTriggerProperties": (_schedule,),
    "S3OutputFormatConfig": (_preserve_typing,),
    "SalesforceDestinationProperties": (_write_ids,),
    "CustomConnectorDestinationProperties": (_write_ids,),
    "SAPODataDestinationProperties": (_write_ids,),
    "ZendeskDestinationProperties": (_write_ids,),
    "ConnectorProfileConfig": (_profile,),
    "RedshiftConnectorProfileProperties": (_redshift_target,),
    "SAPODataConnectorProfileCredentials": (_sapodata_credentials,),
    "ServiceNowConnectorProfileCredentials": (_service_now_credentials,),
    "RedshiftConnectorProfileCredentials": (_user_and_password,),
    "SalesforceConnectorProfileCredentials": (_oauth_token, _jwt_unused),
    "PardotConnectorProfileCredentials": (_oauth_token,),
    "GoogleAnalyticsConnectorProfileCredentials": (_oauth_token, _google_refresh_token),
    "SlackConnectorProfileCredentials": (_oauth_token,),
    "ZendeskConnectorProfileCredentials": (_oauth_token,),
}


@functools.cache
def _paths(name: str) -> tuple[tuple[str, str], ...]:
    """The members (attribute, wire name) of structure ``name`` worth walking into: those
    under which a structure with warnings to look for may be (so that a 1,000-task flow's
    tasks, which have none, are not walked)."""
    return tuple(
        (attr, wire)
        for attr, wire, shape, _ in STRUCTURES[name]
        if any(not _CHECKS.keys().isdisjoint(structures_under(s)) for s in held_structures(shape))
    )


def _walk(obj: Any, path: str) -> Iterator[tuple[Any, str]]:
    """Every model object in the tree under ``obj`` (itself first) that has, or may hold one
    that has, warnings to look for, with its API path."""
    yield obj, path
    for name, wire in _paths(type(obj).__name__):
        value = getattr(obj, name, None)
        where = f"{path}.{wire}" if path else wire
        if type(value).__name__ in WIRE_NAMES:
            yield from _walk(value, where)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                if type(item).__name__ in WIRE_NAMES:
                    yield from _walk(item, f"{where}[{i}]")


def find_warnings(request: Any) -> tuple[AppFlowConfigWarning, ...]:
    """Every warning for a valid request (or any model object), in tree order."""
    if type(request).__name__ not in WIRE_NAMES:
        return ()
    found: list[AppFlowConfigWarning] = []
    for obj, path in _walk(request, ""):
        for check in _CHECKS.get(type(obj).__name__, ()):
            for relative, rule in check(obj):
                where = f"{path}.{relative}" if path and relative else path or relative
                found.append(AppFlowConfigWarning(where, rule))
    return tuple(found)


@functools.cache
def _internal_prefixes() -> tuple[str, ...]:
    """Source directories whose frames a warning skips to point at the caller's line."""
    names = ("appflow_typed", "botocore", "boto3", "aiobotocore")
    found = []
    for name in names:
        module = sys.modules.get(name)
        file = getattr(module, "__file__", None)
        if file:
            found.append(os.path.dirname(file) + os.sep)
    return tuple(found)


def emit_warnings(request: Any) -> None:
    """Emit each warning for ``request`` with :func:`warnings.warn`, attributed to the first
    caller outside this package, botocore and boto3."""
    found = find_warnings(request)
    if not found:
        return
    prefixes = _internal_prefixes()
    frame: Any = sys._getframe()
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(prefixes):
        frame = frame.f_back
        level += 1
    for warning in found:
        warnings.warn(warning, stacklevel=level)


# ----------------------------------------------------------------------------- lint()


def _request_class(operation: str) -> type[Any]:
    from botocore import xform_name

    from appflow_typed._guard import _request_class as request_class
    from appflow_typed._guard import _request_shapes

    for name in _request_shapes():
        if operation in (name, xform_name(name), xform_name(name, "-")):
            found = request_class(name)
            if found is not None:
                return found
    raise ValueError(f"unknown operation {operation!r} (or one without a model)")


def lint(request: object, *, operation: str | None = None) -> LintResult:
    """Check a request and report its errors and warnings, without raising or warning.

    Examples:
        >>> result = appflow_typed.lint(data, operation="CreateFlow")  # doctest: +SKIP
        >>> [(w.path, w.rule) for w in result.warnings]  # doctest: +SKIP
        [('triggerConfig.triggerProperties', 'trigger-properties-unused')]

    Args:
        request: A request model object (valid by construction), or AWS-shaped data (a
            mapping with the operation's AWS member names, as boto3 takes them).
        operation: The operation, needed for data: ``CreateFlow``, ``create_flow`` or
            ``create-flow``.

    Returns:
        The violations (for data that breaks the model) and the warnings (for a valid one).

    Raises:
        ValueError: ``request`` is data and ``operation`` is missing or unknown.
        TypeError: ``request`` is neither a request model nor a mapping.
    """
    if isinstance(request, Mapping):
        if operation is None:
            raise ValueError("lint() needs operation= to read AWS-shaped data")
        cls = _request_class(operation)
        from appflow_typed._converter import from_boto

        try:
            built = from_boto(cls, dict(request))
        except ValidationError as exc:
            return LintResult(model=cls.__name__, errors=exc.violations)
        return LintResult(model=cls.__name__, warnings=find_warnings(built))
    name = type(request).__name__
    if name not in WIRE_NAMES:
        raise TypeError(f"lint() expects a request model or a mapping, got {name}")
    return LintResult(model=name, warnings=find_warnings(request))
