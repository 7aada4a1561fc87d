"""Server-side validation of request bodies, derived from botocore's service model.

Independent of :mod:`appflow_typed.models` on purpose: the endpoint is a second opinion on what
the models send. Every shape's checker is built once per process and cached.

Messages follow the service's wording (``1 validation error detected: Value at 'x' failed to
satisfy constraint: ...``) but never contain the value of a member with the model's
``sensitive`` trait or of any member inside ``connectorProfileCredentials``; map keys in such
members are not shown either.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from typing import Any

from appflow_typed._java_regex import compile_java_regex

__all__ = ["Validator", "service_refusal"]

Check = Callable[[Any, str, list[str]], None]

# Members whose whole subtree is a credential, whatever the model's traits say.
_SECRET_MEMBERS = frozenset({"connectorProfileCredentials"})

_SHOWN_CHARS = 64


def _join(path: str, member: str) -> str:
    return f"{path}.{member}" if path else member


def _shown(value: object, secret: bool) -> str:
    if secret:
        return "Value"
    text = str(value)
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "..."
    return f"Value '{text}'"


def _fail(errors: list[str], value: object, path: str, secret: bool, constraint: str) -> None:
    errors.append(
        f"{_shown(value, secret)} at '{path}' failed to satisfy constraint: {constraint}"
    )


def _type_error(errors: list[str], path: str, expected: str) -> None:
    errors.append(f"Value at '{path}' failed to satisfy constraint: Member must be {expected}")


class Validator:
    """Checks request bodies against the model's input shapes."""

    def __init__(self, shapes: Mapping[str, Mapping[str, Any]]) -> None:
        self._shapes = shapes
        self._memo: dict[tuple[str, bool], Check] = {}  # built, or being built (under _lock)
        self._ready: dict[tuple[str, bool], Check] = {}  # built completely
        self._lock = threading.Lock()

    def validate(self, shape: str, body: Mapping[str, Any]) -> list[str]:
        """Every violation in ``body`` (an instance of ``shape``), in the order found."""
        errors: list[str] = []
        self.checker(shape)(body, "", errors)
        return errors

    def checker(self, shape: str, secret: bool = False) -> Check:
        """The (cached) checker of ``shape``."""
        key = (shape, secret)
        found = self._ready.get(key)
        if found is None:
            with self._lock:
                found = self._build(shape, secret)
                self._ready[key] = found
        return found

    def _build(self, name: str, secret: bool) -> Check:
        key = (name, secret)
        if key in self._memo:
            return self._memo[key]
        memo = self._memo

        # A stand-in while the shape is built, so recursive shapes terminate.
        def forward(value: Any, path: str, errors: list[str]) -> None:
            memo[key](value, path, errors)

        memo[key] = forward
        shape = self._shapes[name]
        secret = secret or bool(shape.get("sensitive"))
        kind = shape["type"]
        builders: dict[str, Callable[[str, Mapping[str, Any], bool], Check]] = {
            "structure": self._structure,
            "list": self._list,
            "map": self._map,
            "string": self._string,
            "integer": self._integer,
            "long": self._integer,
            "boolean": self._boolean,
            "timestamp": self._timestamp,
            "double": self._number,
            "float": self._number,
            "blob": self._blob,
        }
        check = builders[kind](name, shape, secret)
        memo[key] = check
        return check

    def _member_secret(self, member: str, ref: Mapping[str, Any], secret: bool) -> bool:
        target = self._shapes[ref["shape"]]
        return secret or member in _SECRET_MEMBERS or bool(target.get("sensitive"))

    def _structure(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        members: dict[str, Check] = {
            member: self._build(ref["shape"], self._member_secret(member, ref, secret))
            for member, ref in shape.get("members", {}).items()
        }
        required = tuple(shape.get("required", ()))

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                _type_error(errors, path, "a structure (JSON object)")
                return
            for member in required:
                if value.get(member) is None:
                    errors.append(
                        f"Value null at '{_join(path, member)}' failed to satisfy constraint: "
                        "Member must not be null"
                    )
            for member, item in value.items():
                member_check = members.get(member)
                if member_check is None:
                    shown = member if len(member) <= _SHOWN_CHARS else member[:_SHOWN_CHARS] + "..."
                    errors.append(
                        f"Value at '{_join(path, shown)}' failed to satisfy constraint: "
                        f"Member is not part of the {name} shape"
                    )
                elif item is not None:
                    member_check(item, _join(path, member), errors)

        return check

    def _list(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        item_check = self._build(shape["member"]["shape"], secret)
        low, high = shape.get("min"), shape.get("max")

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, list):
                _type_error(errors, path, "a list (JSON array)")
                return
            _check_size(errors, len(value), path, low, high)
            for i, item in enumerate(value):
                if item is None:
                    errors.append(
                        f"Value null at '{path}[{i}]' failed to satisfy constraint: "
                        "Member must not be null"
                    )
                else:
                    item_check(item, f"{path}[{i}]", errors)

        return check

    def _map(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        key_shape = self._shapes[shape["key"]["shape"]]
        keys_secret = secret or bool(key_shape.get("sensitive"))
        key_check = self._build(shape["key"]["shape"], keys_secret)
        value_check = self._build(shape["value"]["shape"], secret)
        low, high = shape.get("min"), shape.get("max")

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                _type_error(errors, path, "a map (JSON object)")
                return
            _check_size(errors, len(value), path, low, high)
            for i, (key, item) in enumerate(value.items()):
                where = f"{path}[#{i}]" if keys_secret else f"{path}[{key}]"
                key_check(key, where, errors)
                if item is None:
                    errors.append(
                        f"Value null at '{where}' failed to satisfy constraint: "
                        "Member must not be null"
                    )
                else:
                    value_check(item, where, errors)

        return check

    def _string(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        low, high = shape.get("min"), shape.get("max")
        raw_pattern = shape.get("pattern")
        pattern = None if raw_pattern is None else compile_java_regex(raw_pattern)
        enum = shape.get("enum")
        allowed = None if enum is None else frozenset(enum)
        enum_text = None if enum is None else "[" + ", ".join(enum) + "]"

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, str):
                _type_error(errors, path, "a string")
                return
            # Type and length first: a pattern never runs on an over-long value, where
            # backtracking could hold the GIL for seconds (a 3 kB ARN-like value: ~15 s).
            if low is not None and len(value) < low:
                _fail(errors, value, path, secret,
                      f"Member must have length greater than or equal to {low}")
            if high is not None and len(value) > high:
                _fail(errors, value, path, secret,
                      f"Member must have length less than or equal to {high}")
                return
            if pattern is not None and pattern.fullmatch(value) is None:
                _fail(errors, value, path, secret,
                      f"Member must satisfy regular expression pattern: {raw_pattern}")
            if allowed is not None and value not in allowed:
                _fail(errors, value, path, secret,
                      f"Member must satisfy enum value set: {enum_text}")

        return check

    def _integer(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        low, high = shape.get("min"), shape.get("max")

        def check(value: Any, path: str, errors: list[str]) -> None:
            if isinstance(value, bool) or not isinstance(value, int):
                _type_error(errors, path, "an integer")
                return
            if low is not None and value < low:
                _fail(errors, value, path, secret,
                      f"Member must have value greater than or equal to {low}")
            if high is not None and value > high:
                _fail(errors, value, path, secret,
                      f"Member must have value less than or equal to {high}")

        return check

    def _boolean(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, bool):
                _type_error(errors, path, "a boolean")

        return check

    def _timestamp(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        def check(value: Any, path: str, errors: list[str]) -> None:
            if isinstance(value, bool) or not isinstance(value, (int, float, str)):
                _type_error(errors, path, "a timestamp")

        return check

    def _number(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        def check(value: Any, path: str, errors: list[str]) -> None:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                _type_error(errors, path, "a number")

        return check

    def _blob(self, name: str, shape: Mapping[str, Any], secret: bool) -> Check:
        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, str):
                _type_error(errors, path, "a base64 string")

        return check


def _check_size(
    errors: list[str], size: int, path: str, low: int | None, high: int | None
) -> None:
    if low is not None and size < low:
        errors.append(
            f"Value at '{path}' failed to satisfy constraint: "
            f"Member must have length greater than or equal to {low}"
        )
    if high is not None and size > high:
        errors.append(
            f"Value at '{path}' failed to satisfy constraint: "
            f"Member must have length less than or equal to {high}"
        )


def render(errors: list[str]) -> str:
    """The service's message for a list of violations."""
    n = len(errors)
    return f"{n} validation error{'s' if n != 1 else ''} detected: " + "; ".join(errors)


# ----------------------------------------------------------------------------- service rules
# Refusals the service makes beyond the model's constraints (docs/rules.md lists each with its
# source), judged on the raw body, independently of appflow_typed.models. Each answers with the
# service's error code and, where a public report quotes it, the service's exact message.

Refusal = tuple[str, str]
"""An error code and its message."""


def _one_member(union: Any) -> tuple[str, Any] | None:
    if isinstance(union, dict) and len(union) == 1:
        ((name, value),) = union.items()
        return name, value
    return None


def _flow_refusal(operation: str, body: Mapping[str, Any]) -> Refusal | None:
    request = "Create Flow" if operation == "CreateFlow" else "Update Flow"
    tasks = body.get("tasks") or []
    projected = False
    for task in tasks:
        operator = _one_member(task.get("connectorOperator"))
        value = None if operator is None else operator[1]
        kind = task.get("taskType")
        # aws/aws-cdk#17748 (2024-05-02): "Task Validation Error: The operator NO_OP is not
        # valid for filtering tasks.  The task sourceConnectorType is FILTERING and the task
        # operator is NO_OP"
        if kind == "Filter" and value == "NO_OP":
            return "ValidationException", (
                f"{request} request failed: [Task Validation Error: The operator NO_OP is not "
                "valid for filtering tasks.  The task sourceConnectorType is FILTERING and the "
                "task operator is NO_OP]"
            )
        if kind == "Map_all" or (kind == "Filter" and value == "PROJECTION"):
            projected = True
    # hashicorp/terraform-provider-aws#34482, hashicorp/terraform-provider-awscc#338: "Create
    # Flow request failed: [Task Validation Error: You must specify a projection task or a
    # MAP_ALL task]" (Salesforce and custom-connector sources; an S3 source's Map-only flow was
    # created: hashicorp/terraform-provider-aws#29879)
    source_type = (body.get("sourceFlowConfig") or {}).get("connectorType")
    if not projected and source_type != "S3":
        return "ValidationException", (
            f"{request} request failed: [Task Validation Error: You must specify a projection "
            "task or a MAP_ALL task]"
        )
    trigger = body.get("triggerConfig") or {}
    # cdklabs/cdk-appflow#129: "Update Flow request failed due to:[TriggerProps is required
    # for Scheduled Trigger Type.]"
    if trigger.get("triggerType") == "Scheduled" and not (
        (trigger.get("triggerProperties") or {}).get("Scheduled")
    ):
        return "ValidationException", (
            f"{request} request failed due to:[TriggerProps is required for Scheduled Trigger "
            "Type.]"
        )
    # User guide, "Flow triggers": event-triggered flows are "available only for SaaS
    # applications that provide change events". No message is on record: ours.
    source = _one_member((body.get("sourceFlowConfig") or {}).get("sourceConnectorProperties"))
    if trigger.get("triggerType") == "Event" and source is not None and source[0] == "S3":
        return "ValidationException", (
            f"{request} request failed: [Event triggered flows are not supported for the "
            "source connector S3]"
        )
    for destination in body.get("destinationFlowConfigList") or []:
        target = _one_member(destination.get("destinationConnectorProperties"))
        if target is None or not isinstance(target[1], dict):
            continue
        name, properties = target
        # cdklabs/cdk-appflow#546: "Atleast one field must be specified in idFieldNames for
        # the UPDATE Operation."
        if (
            name == "CustomConnector"
            and properties.get("writeOperationType") == "UPDATE"
            and not properties.get("idFieldNames")
        ):
            return "ValidationException", (
                "Atleast one field must be specified in idFieldNames for the UPDATE Operation."
            )
    return None


def _profile_refusal(body: Mapping[str, Any]) -> Refusal | None:
    config = body.get("connectorProfileConfig") or {}
    properties = config.get("connectorProfileProperties") or {}
    credentials = config.get("connectorProfileCredentials") or {}
    # crossplane-contrib/provider-upjet-aws#208: "ConnectorServerException: Error while
    # communicating to connector: Failed to validate Connection while attempting \"select
    # distinct(table_schema) from information_schema.tables limit 1\" with connector failure
    # dataApiRoleArn cannot be null or empty"
    redshift = properties.get("Redshift")
    if isinstance(redshift, dict) and not redshift.get("dataApiRoleArn"):
        return "ConnectorServerException", (
            "Error while communicating to connector: Failed to validate Connection while "
            'attempting "select distinct(table_schema) from information_schema.tables limit 1" '
            "with connector failure dataApiRoleArn cannot be null or empty"
        )
    salesforce = credentials.get("Salesforce")
    # hashicorp/terraform-provider-aws#43998: a CLIENT_CREDENTIALS grant is refused with
    # "Validation exception: AuthCode cannot be blank for connector: SALESFORCE"
    if isinstance(salesforce, dict) and salesforce.get("oAuth2GrantType") == "CLIENT_CREDENTIALS":
        return "ValidationException", (
            "Validation exception: AuthCode cannot be blank for connector: SALESFORCE"
        )
    # API reference, SnowflakeConnectorProfileCredentials.privateKey: "Provide this instead of
    # a password". No message is on record: ours (no credential value in it).
    snowflake = credentials.get("Snowflake")
    if isinstance(snowflake, dict) and not snowflake.get("password") and not (
        snowflake.get("privateKey")
    ):
        return "ValidationException", (
            "Validation exception: a password or a privateKey is required for connector: "
            "SNOWFLAKE"
        )
    return None


def service_refusal(operation: str, body: Mapping[str, Any]) -> Refusal | None:
    """The service's refusal of a body that meets the model's constraints, if it has one."""
    if operation in ("CreateFlow", "UpdateFlow"):
        return _flow_refusal(operation, body)
    if operation in ("CreateConnectorProfile", "UpdateConnectorProfile"):
        return _profile_refusal(body)
    return None
