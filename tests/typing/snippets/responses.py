# pyright: strict
"""Response enumerations: the known values or any str; narrowed, they go into a request."""

from typing import Literal

from typing_extensions import assert_type

from appflow_typed import AppFlowClient, CreateConnectorProfileRequest, DescribeConnectorResponse
from appflow_typed.models import (
    ConnectionMode,
    ConnectionMode_VALUES,
    ConnectorConfiguration,
    ConnectorDetail,
    ConnectorProfile,
    ConnectorProfileConfig,
    ConnectorType,
    ConnectorType_VALUES,
    ScheduleFrequencyType,
    ScheduleFrequencyType_VALUES,
    is_known,
)


def copy_of(profile: ConnectorProfile, config: ConnectorProfileConfig) -> object:
    kind, mode = profile.connector_type, profile.connection_mode
    assert_type(kind, ConnectorType | str | None)  # a value added later is kept
    if is_known(kind, ConnectorType_VALUES) and is_known(mode, ConnectionMode_VALUES):
        assert_type(kind, ConnectorType)
        return CreateConnectorProfileRequest(
            connector_profile_name="copy",
            connector_type=kind,
            connection_mode=mode,
            connector_profile_config=config,
        )
    return None


def describe_each(client: AppFlowClient) -> list[DescribeConnectorResponse]:
    described: list[DescribeConnectorResponse] = []
    for detail in client.iter_connectors():
        if is_known(detail.connector_type, ConnectorType_VALUES):
            described.append(
                client.describe_connector(
                    connector_type=detail.connector_type, connector_label=detail.connector_label
                )
            )
    return described


def frequencies(detail: ConnectorConfiguration) -> list[ScheduleFrequencyType]:
    offered = detail.supported_scheduling_frequencies or []
    return [f for f in offered if is_known(f, ScheduleFrequencyType_VALUES)]


def mode_of(profile: ConnectorProfile) -> ConnectionMode:
    match profile.connection_mode:  # a literal pattern narrows too
        case "Public" | "Private" as mode:
            return mode
        case _:
            return "Public"


only_salesforce: frozenset[Literal["Salesforce"]] = frozenset(("Salesforce",))


def is_salesforce(detail: ConnectorDetail) -> bool:
    if is_known(detail.connector_type, only_salesforce):  # a subset narrows to itself
        assert_type(detail.connector_type, Literal["Salesforce"])
        return True
    return False
