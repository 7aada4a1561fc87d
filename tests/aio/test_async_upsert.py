"""AsyncAppFlowClient's create-or-update: the sync client's outcomes, races and faults, awaited."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import attrs
import pytest
from botocore.config import Config

from appflow_typed import AsyncAppFlowClient, RetryPolicy, UpsertResult
from appflow_typed._retry import Attempt
from appflow_typed._upsert import CREDENTIALS
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileProperties,
    CustomConnectorProfileProperties,
)
from appflow_typed.testing import DropResponse, LocalAppFlow
from tests.client._helpers import LAMBDA_ARN, profile_request, register_request

pytestmark = pytest.mark.anyio

PROPERTIES_PATH = "connectorProfileConfig.connectorProfileProperties"


async def _no_sleep(_: float) -> None:
    pass


def after(operation: str, action: Callable[[], object]) -> Callable[[Attempt], None]:
    """An ``on_attempt`` hook: run ``action`` (another writer) once, after ``operation``."""
    done: list[bool] = []

    def hook(attempt: Attempt) -> None:
        if attempt.operation == operation and not done:
            done.append(True)
            action()

    return hook


@pytest.fixture
def hooks() -> list[Callable[[Attempt], None]]:
    """``on_attempt`` hooks of the ``client`` fixture (tests append to it)."""
    return []


@pytest.fixture
async def client(
    appflow_endpoint: LocalAppFlow, hooks: list[Callable[[Attempt], None]]
) -> AsyncIterator[AsyncAppFlowClient]:
    def on_attempt(attempt: Attempt) -> None:
        for hook in hooks:
            hook(attempt)

    async with AsyncAppFlowClient(
        region_name="us-east-1",
        endpoint_url=appflow_endpoint.url,
        config=Config(proxies={}),
        retry=RetryPolicy(max_attempts=4, on_attempt=on_attempt),
        sleep=_no_sleep,
    ) as appflow:
        await appflow.register_connector(register_request("conn_a"))
        yield appflow


async def test_created_then_unchanged_then_updated(
    client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    with_credentials = profile_request("profile_a", "conn_a")
    desired = attrs.evolve(
        with_credentials,
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=(
                with_credentials.connector_profile_config.connector_profile_properties
            )
        ),
    )

    created = await client.create_or_update_connector_profile(desired)
    unchanged = await client.create_or_update_connector_profile(desired)
    credentials = await client.create_or_update_connector_profile(with_credentials)
    properties = await client.create_or_update_connector_profile(
        connector_profile_name="profile_a",
        connector_type="CustomConnector",
        connector_label="conn_a",
        connection_mode="Public",
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                custom_connector=CustomConnectorProfileProperties(
                    profile_properties={"region": "us"}
                )
            )
        ),
    )

    arn = appflow_endpoint.profiles["profile_a"].arn
    assert (created.action, created.arn, created.attempts) == ("created", arn, 1)
    assert unchanged == UpsertResult(action="unchanged", arn=arn)
    assert (credentials.action, credentials.changed) == ("updated", (CREDENTIALS,))
    assert (properties.action, properties.changed) == ("updated", (PROPERTIES_PATH,))
    profile_writes = [e for e in appflow_endpoint.effects if e.resource == "profile_a"]
    assert [e.operation for e in profile_writes] == [
        "CreateConnectorProfile",
        "UpdateConnectorProfile",
        "UpdateConnectorProfile",
    ]
    assert [e.client_token for e in profile_writes] == [
        created.client_token,
        credentials.client_token,
        properties.client_token,
    ]


async def test_a_profile_created_meanwhile_is_updated(
    client: AsyncAppFlowClient,
    appflow_endpoint: LocalAppFlow,
    hooks: list[Callable[[Attempt], None]],
) -> None:
    other = appflow_endpoint.client()
    hooks.append(
        after(
            "DescribeConnectorProfiles",
            lambda: other.create_connector_profile(
                connectorProfileName="profile_a",
                connectorType="CustomConnector",
                connectorLabel="conn_a",
                connectionMode="Public",
                connectorProfileConfig={
                    "connectorProfileProperties": {"CustomConnector": {"profileProperties": {}}}
                },
            ),
        )
    )

    outcome = await client.create_or_update_connector_profile(
        profile_request("profile_a", "conn_a")
    )

    assert (outcome.action, outcome.fell_back) == ("updated", True)
    assert appflow_endpoint.effects[-1].operation == "UpdateConnectorProfile"
    assert appflow_endpoint.profiles["profile_a"].properties == {
        "CustomConnector": {"profileProperties": {"region": "eu"}}
    }


async def test_a_connector_unregistered_meanwhile_is_registered(
    client: AsyncAppFlowClient,
    appflow_endpoint: LocalAppFlow,
    hooks: list[Callable[[Attempt], None]],
) -> None:
    other = appflow_endpoint.client()
    hooks.append(
        after("DescribeConnector", lambda: other.unregister_connector(connectorLabel="conn_a"))
    )

    outcome = await client.register_or_update_connector(
        attrs.evolve(register_request("conn_a"), description="mine")
    )

    assert (outcome.action, outcome.fell_back) == ("created", True)
    assert appflow_endpoint.connectors["conn_a"].description == "mine"


async def test_a_registration_registered_meanwhile_is_updated(
    client: AsyncAppFlowClient,
    appflow_endpoint: LocalAppFlow,
    hooks: list[Callable[[Attempt], None]],
) -> None:
    other = appflow_endpoint.client()
    hooks.append(
        after(
            "DescribeConnector",
            lambda: other.register_connector(
                connectorLabel="conn_b",
                connectorProvisioningType="LAMBDA",
                connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
            ),
        )
    )

    outcome = await client.register_or_update_connector(
        attrs.evolve(register_request("conn_b"), description="mine")
    )

    assert (outcome.action, outcome.fell_back) == ("updated", True)
    assert appflow_endpoint.connectors["conn_b"].description == "mine"


async def test_a_lost_write_response_is_applied_once(
    client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    appflow_endpoint.inject(DropResponse(), operation="UpdateConnectorRegistration")

    outcome = await client.register_or_update_connector(
        attrs.evolve(register_request("conn_a"), description="v2")
    )

    assert (outcome.action, outcome.attempts) == ("updated", 2)
    updates = [e for e in appflow_endpoint.effects if e.operation == "UpdateConnectorRegistration"]
    assert [e.client_token for e in updates] == [outcome.client_token]
