"""Flows: CreateFlow, UpdateFlow, DeleteFlow, DescribeFlow, ListFlows, StartFlow, StopFlow."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from appflow_typed.testing._resources._common import (
    PROFILELESS,
    ApiError,
    Body,
    Context,
    Family,
    Json,
    connector_type_of,
    copy_json,
    single_connector,
)
from appflow_typed.testing._resources._paging import Pages
from appflow_typed.testing._resources.connectors import Connectors
from appflow_typed.testing._resources.profiles import Profiles
from appflow_typed.testing._resources.runs import Runs
from appflow_typed.testing._resources.tags import Tags

__all__ = ["Flows", "StoredFlow"]


@attrs.frozen(kw_only=True)
class StoredFlow:
    """A flow, as the endpoint stores it (configurations in wire names, as sent)."""

    name: str
    """The flow name (its key)."""

    arn: str
    """``arn:aws:appflow:<region>:<account>:flow/<name>``."""

    description: str | None
    """The flow's description."""

    kms_arn: str | None
    """The KMS key ARN given at creation."""

    status: str
    """The ``FlowStatus``: ``Active``, ``Draft`` or ``Suspended`` through the operations;
    any other (``Errored``, ``Deprecated``...) through :meth:`LocalAppFlow.set_flow_status`."""

    trigger_config: Mapping[str, Any]
    """``triggerConfig``."""

    source_flow_config: Mapping[str, Any]
    """``sourceFlowConfig``."""

    destination_flow_config_list: list[Mapping[str, Any]]
    """``destinationFlowConfigList`` (one destination)."""

    tasks: list[Mapping[str, Any]]
    """``tasks``."""

    metadata_catalog_config: Mapping[str, Any] | None
    """``metadataCatalogConfig``, if given."""

    created_at: float
    """The endpoint's clock at creation."""

    last_updated_at: float
    """The endpoint's clock at the last update (or activation, deactivation)."""

    @property
    def trigger_type(self) -> str:
        """``OnDemand``, ``Scheduled`` or ``Event``."""
        return str(self.trigger_config["triggerType"])

    @property
    def profile_names(self) -> list[str]:
        """The connector profiles the flow's source and destination use."""
        configs = [self.source_flow_config, *self.destination_flow_config_list]
        return [c["connectorProfileName"] for c in configs if c.get("connectorProfileName")]


_UNSTARTABLE = frozenset({"Deprecated", "Deleted"})
"""Flow statuses StartFlow refuses (``ConflictException``, the error StartFlow models for a
request that conflicts with the resource's state). No public report quotes the service's
words for this case: the message is the endpoint's."""


def _destination_object(config: Mapping[str, Any]) -> tuple[str, Any] | None:
    """The connector member and ``object`` of a destination, or ``None`` without one."""
    for member, properties in config["destinationConnectorProperties"].items():
        if isinstance(properties, Mapping) and "object" in properties:
            return member, properties["object"]
    return None


def _new_status(trigger_type: str) -> str:
    """An on-demand flow is ``Active`` from its creation (StartFlow runs it); a scheduled
    or event-triggered one is ``Draft`` until StartFlow "activates the flow" ("Scheduled flows
    are created in Draft Status instead of Active":
    https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1214, and
    https://github.com/hashicorp/terraform-provider-aws/issues/34574)."""
    return "Active" if trigger_type == "OnDemand" else "Draft"


class Flows(Family):
    """The flows, by name, in creation order."""

    OPERATIONS: ClassVar[Mapping[str, str]] = {
        "CreateFlow": "_create",
        "UpdateFlow": "_update",
        "DeleteFlow": "_delete",
        "DescribeFlow": "_describe",
        "ListFlows": "_list",
        "StartFlow": "_start",
        "StopFlow": "_stop",
    }

    def __init__(
        self,
        context: Context,
        pages: Pages,
        tags: Tags,
        connectors: Connectors,
        profiles: Profiles,
        runs: Runs,
    ) -> None:
        self._context = context
        self._pages = pages
        self._tags = tags
        self._connectors = connectors
        self._profiles = profiles
        self._runs = runs
        self.records: dict[str, StoredFlow] = {}

    def get(self, name: str) -> StoredFlow:
        """The flow ``name``.

        Raises:
            ApiError: ``ResourceNotFoundException``.
        """
        found = self.records.get(name)
        if found is None:
            raise ApiError("ResourceNotFoundException", f"Flow {name} does not exist.")
        return found

    def set_status(self, name: str, status: str) -> StoredFlow:
        """Put the flow ``name`` in ``status``, as the service does on its own.

        Raises:
            ValueError: No such flow, or not a ``FlowStatus``.
        """
        from appflow_typed.testing._model import service_model

        statuses = service_model().shapes["FlowStatus"]["enum"]
        if status not in statuses:
            raise ValueError(f"not a flow status: {status!r}; expected one of {statuses}")
        flow = self.records.get(name)
        if flow is None:
            raise ValueError(f"no flow is named {name!r}")
        changed = attrs.evolve(flow, status=status, last_updated_at=self._context.clock())
        self.records[name] = changed
        return changed

    def using_profile(self, profile_name: str) -> list[str]:
        """The names of the flows that use the profile ``profile_name``, sorted."""
        return sorted(f.name for f in self.records.values() if profile_name in f.profile_names)

    # -- checks ----------------------------------------------------------------------------

    def _check_side(self, config: Mapping[str, Any], side: str, properties: str) -> None:
        """A source or destination: its properties name its connector type, and its profile
        exists, is of that type and (for ``CustomConnector``) names a registered connector.
        AWS: "You must create a connector profile before calling this API". A profile that
        does not exist is answered with the service's words: "ResourceNotFoundException:
        Connector Profile with name poc-google-analytics-connection does not exist."
        (https://github.com/hashicorp/terraform-provider-aws/issues/27707)."""
        connector_type = config["connectorType"]
        member = single_connector(config[properties], f"{side}.{properties}")
        if connector_type_of(member) != connector_type:
            raise ApiError(
                "ValidationException",
                f"{side}.{properties} names {member}, which does not match connectorType "
                f"{connector_type}.",
            )
        name = config.get("connectorProfileName")
        if name is None:
            if connector_type in PROFILELESS:
                return
            raise ApiError(
                "ValidationException",
                f"{side}.connectorProfileName is required for a {connector_type} connector. "
                "You must create a connector profile before calling this API.",
            )
        profile = self._profiles.records.get(name)
        if profile is None:
            raise ApiError(
                "ResourceNotFoundException",
                f"Connector Profile with name {name} does not exist.",
            )
        if profile.connector_type != connector_type:
            raise ApiError(
                "ValidationException",
                f"{side}: connector profile {name} is of connectorType "
                f"{profile.connector_type}, not {connector_type}.",
            )
        if profile.connector_label is not None:
            self._connectors.get(profile.connector_label)

    def _check(self, body: Body) -> None:
        trigger = body["triggerConfig"]
        if trigger["triggerType"] == "Scheduled" and not (
            trigger.get("triggerProperties") or {}
        ).get("Scheduled"):
            raise ApiError(
                "ValidationException",
                "triggerConfig.triggerProperties.Scheduled is required when triggerType is "
                "Scheduled.",
            )
        destinations = body["destinationFlowConfigList"]
        if len(destinations) != 1:
            raise ApiError(
                "ValidationException",
                f"destinationFlowConfigList has {len(destinations)} destinations: Amazon "
                "AppFlow does not currently support flows to multiple destinations at once.",
            )
        self._check_side(body["sourceFlowConfig"], "sourceFlowConfig", "sourceConnectorProperties")
        self._check_side(
            destinations[0], "destinationFlowConfigList[0]", "destinationConnectorProperties"
        )

    # -- operations ------------------------------------------------------------------------

    def _create(self, body: Body, token: str | None) -> Json:
        """AWS: "You must create a connector profile before calling this API"; a flow name
        already used is a ``ConflictException`` ("a flow with the given name already exists
        within the account"), in the service's words "Flow with name <flowname> already
        exists. (Service: Appflow, Status Code: 409 ...)"
        (https://github.com/hashicorp/terraform-provider-awscc/issues/338). ``tags`` are the
        flow ARN's tags."""
        name = body["flowName"]
        self._check(body)
        if name in self.records:
            raise ApiError("ConflictException", f"Flow with name {name} already exists.")
        now = self._context.clock()
        flow = StoredFlow(
            name=name,
            arn=self._context.arn("flow", name),
            description=body.get("description"),
            kms_arn=body.get("kmsArn"),
            status=_new_status(body["triggerConfig"]["triggerType"]),
            trigger_config=copy_json(dict(body["triggerConfig"])),
            source_flow_config=copy_json(dict(body["sourceFlowConfig"])),
            destination_flow_config_list=copy_json(list(body["destinationFlowConfigList"])),
            tasks=copy_json(list(body["tasks"])),
            metadata_catalog_config=copy_json(body.get("metadataCatalogConfig")),
            created_at=now,
            last_updated_at=now,
        )
        self.records[name] = flow
        self._tags.set(flow.arn, body.get("tags") or {})
        self._context.effect("CreateFlow", name, token)
        return {"flowArn": flow.arn, "flowStatus": flow.status}

    def _update(self, body: Body, token: str | None) -> Json:
        """The configurations are replaced; ``description`` and ``metadataCatalogConfig`` are
        kept when absent. The status is kept while the trigger type is; a new trigger type
        gives the status a new flow of that type has.

        The destination's ``object`` cannot change: the service answers "ValidationException:
        Update Flow request failed due to:[Destination object for the destination connector
        can not be updated]" (https://github.com/hashicorp/terraform-provider-aws/issues/42482,
        https://github.com/aws/aws-cdk/issues/14452). Only the member named ``object``
        (Redshift, Salesforce, Snowflake, EventBridge, Honeycode, Zendesk, Marketo) is
        compared: the reports do not say which members of other destinations count."""
        flow = self.get(body["flowName"])
        self._check(body)
        before = _destination_object(flow.destination_flow_config_list[0])
        after = _destination_object(body["destinationFlowConfigList"][0])
        if before is not None and after is not None and before != after:
            raise ApiError(
                "ValidationException",
                "Update Flow request failed due to:[Destination object for the destination "
                "connector can not be updated]",
            )
        trigger_type = body["triggerConfig"]["triggerType"]
        status = flow.status if trigger_type == flow.trigger_type else _new_status(trigger_type)
        self.records[flow.name] = attrs.evolve(
            flow,
            description=body.get("description", flow.description),
            status=status,
            trigger_config=copy_json(dict(body["triggerConfig"])),
            source_flow_config=copy_json(dict(body["sourceFlowConfig"])),
            destination_flow_config_list=copy_json(list(body["destinationFlowConfigList"])),
            tasks=copy_json(list(body["tasks"])),
            metadata_catalog_config=copy_json(
                body.get("metadataCatalogConfig", flow.metadata_catalog_config)
            ),
            last_updated_at=self._context.clock(),
        )
        self._context.effect("UpdateFlow", flow.name, token)
        return {"flowStatus": status}

    def _delete(self, body: Body, token: str | None) -> Json:
        """AWS: "Before deleting the flow, Amazon AppFlow validates the request by checking the
        flow configuration and status"; ``forceDelete`` deletes it "even if it is currently in
        use". A flow with a run that has not ended is in use: ``ConflictException`` without
        ``forceDelete``. Its runs and tags go with it."""
        flow = self.get(body["flowName"])
        running = [e.execution_id for e in self._runs.running(flow.name)]
        if running and not body.get("forceDelete", False):
            raise ApiError(
                "ConflictException",
                f"Flow {flow.name} has runs in progress ({', '.join(running)}); delete with "
                "forceDelete to proceed.",
            )
        del self.records[flow.name]
        self._runs.forget(flow.name)
        self._tags.drop(flow.arn)
        self._context.effect("DeleteFlow", flow.name, token)
        return {}

    def _definition(self, flow: StoredFlow) -> Json:
        """A ``FlowDefinition`` (ListFlows)."""
        source = flow.source_flow_config
        destination = flow.destination_flow_config_list[0]
        shape: Json = {
            "flowArn": flow.arn,
            "flowName": flow.name,
            "flowStatus": flow.status,
            "sourceConnectorType": source["connectorType"],
            "destinationConnectorType": destination["connectorType"],
            "triggerType": flow.trigger_type,
            "createdAt": flow.created_at,
            "lastUpdatedAt": flow.last_updated_at,
            "createdBy": self._context.caller(),
            "lastUpdatedBy": self._context.caller(),
            "tags": self._tags.of(flow.arn),
        }
        for key, config in (("sourceConnectorLabel", source),
                            ("destinationConnectorLabel", destination)):
            profile = self._profiles.records.get(config.get("connectorProfileName") or "")
            if profile is not None and profile.connector_label is not None:
                shape[key] = profile.connector_label
        if flow.description is not None:
            shape["description"] = flow.description
        details = self._runs.last_details(flow.name)
        if details is not None:
            shape["lastRunExecutionDetails"] = details
        return shape

    def _describe(self, body: Body, token: str | None) -> Json:
        flow = self.get(body["flowName"])
        result: Json = {
            "flowArn": flow.arn,
            "flowName": flow.name,
            "flowStatus": flow.status,
            "triggerConfig": copy_json(dict(flow.trigger_config)),
            "sourceFlowConfig": copy_json(dict(flow.source_flow_config)),
            "destinationFlowConfigList": copy_json(list(flow.destination_flow_config_list)),
            "tasks": copy_json(list(flow.tasks)),
            "createdAt": flow.created_at,
            "lastUpdatedAt": flow.last_updated_at,
            "createdBy": self._context.caller(),
            "lastUpdatedBy": self._context.caller(),
            "tags": self._tags.of(flow.arn),
        }
        for key, value in (("description", flow.description), ("kmsArn", flow.kms_arn),
                           ("metadataCatalogConfig", copy_json(flow.metadata_catalog_config)),
                           ("lastRunExecutionDetails", self._runs.last_details(flow.name))):
            if value is not None:
                result[key] = value
        return result

    def _list(self, body: Body, token: str | None) -> Json:
        """Flows in creation order."""
        return self._pages.answer(
            "ListFlows", "flows", list(self.records.values()), body, self._definition
        )

    def _start(self, body: Body, token: str | None) -> Json:
        """AWS: "For on-demand flows, this operation runs the flow immediately. For schedule
        and event-triggered flows, this operation activates the flow." The ``executionId`` is
        "of an on-demand flow when the flow is started. For scheduled or event-triggered flows,
        this value is null." Starting an on-demand flow with a run in progress, or activating a
        flow already ``Active``, is a ``ConflictException``, as is starting a ``Deprecated``
        flow (see :data:`_UNSTARTABLE`); a ``Draft``, ``Suspended`` or ``Errored`` scheduled or
        event-triggered flow is activated ("Contains an error message if the flow status is in
        a suspended or error state. This applies only to scheduled or event-triggered flows":
        DescribeFlow's ``flowStatusMessage``). A flow whose profile or custom connector is gone
        cannot start (``ResourceNotFoundException``)."""
        flow = self.get(body["flowName"])
        if flow.status in _UNSTARTABLE:
            raise ApiError(
                "ConflictException",
                f"Flow {flow.name} is {flow.status} and cannot be started.",
            )
        for name in flow.profile_names:
            profile = self._profiles.get(name)
            if profile.connector_label is not None:
                self._connectors.get(profile.connector_label)
        result: Json = {"flowArn": flow.arn, "flowStatus": "Active"}
        if flow.trigger_type == "OnDemand":
            running = self._runs.running(flow.name)
            if running:
                raise ApiError(
                    "ConflictException",
                    f"Flow {flow.name} already has a run in progress "
                    f"({running[0].execution_id}).",
                )
            result["executionId"] = self._runs.start(flow).execution_id
        else:
            if flow.status == "Active":
                raise ApiError("ConflictException", f"Flow {flow.name} is already active.")
            self.records[flow.name] = attrs.evolve(
                flow, status="Active", last_updated_at=self._context.clock()
            )
        self._context.effect("StartFlow", flow.name, token)
        return result

    def _stop(self, body: Body, token: str | None) -> Json:
        """AWS: "For on-demand flows, this operation returns an unsupportedOperationException
        error message. For schedule and event-triggered flows, this operation deactivates the
        flow": ``Active`` becomes ``Suspended``; a flow not active is a
        ``ConflictException``."""
        flow = self.get(body["flowName"])
        if flow.trigger_type == "OnDemand":
            raise ApiError(
                "UnsupportedOperationException",
                f"Flow {flow.name} is an on-demand flow; StopFlow deactivates only scheduled "
                "and event-triggered flows.",
            )
        if flow.status != "Active":
            raise ApiError(
                "ConflictException", f"Flow {flow.name} is not active (it is {flow.status})."
            )
        self.records[flow.name] = attrs.evolve(
            flow, status="Suspended", last_updated_at=self._context.clock()
        )
        self._context.effect("StopFlow", flow.name, token)
        return {"flowArn": flow.arn, "flowStatus": "Suspended"}
