"""AsyncAppFlowClient against the local endpoint over loopback: the sync client's guarantees."""

from __future__ import annotations

import asyncio
from typing import Any

import aiobotocore.session
import pytest
from aiobotocore.config import AioConfig
from botocore.validate import ParamValidator

from appflow_typed import (
    AppFlowConfigWarning,
    AsyncAppFlowClient,
    CreateConnectorProfileRequest,
    Result,
    RetryPolicy,
    ValidationError,
    from_boto,
    models,
)
from appflow_typed.errors import InternalServerError, ResourceNotFoundError
from appflow_typed.models import RegisterConnectorResponse
from appflow_typed.testing import DropResponse, InternalError, LocalAppFlow, Throttle
from tests.client._helpers import lambda_config, register_request
from tests.endpoint.conftest import create_profile
from tests.endpoint.test_flows import S3_DESTINATION, TASKS, salesforce_source

pytestmark = pytest.mark.anyio


async def test_register_describe_and_page(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    result = await async_client.register_connector(
        connector_label="conn_a",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=lambda_config(),
    )
    assert isinstance(result, Result)
    assert isinstance(result.value, RegisterConnectorResponse)
    assert result.client_token.startswith("aft1.")
    assert result.attempts == 1
    await async_client.register_connector(register_request("conn_b"))
    described = await async_client.describe_connector(
        connector_type="CustomConnector", connector_label="conn_a"
    )
    assert described.connector_configuration is not None
    labels = [c.connector_label async for c in async_client.iter_connectors(max_results=1)]
    assert labels == ["conn_a", "conn_b"]
    assert len(appflow_endpoint.requests) == 2 + 1 + 2  # one page per connector


async def test_every_attempt_carries_one_token_and_backoff_is_awaited(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow, sleeps: list[float]
) -> None:
    appflow_endpoint.inject(DropResponse(), operation="RegisterConnector")
    appflow_endpoint.inject(Throttle(), operation="RegisterConnector")
    result = await async_client.register_connector(register_request("conn_a"))
    tokens = [r.client_token for r in appflow_endpoint.requests]
    assert tokens == [result.client_token] * 3
    assert result.attempts == 3
    assert len(sleeps) == 2
    assert [e.operation for e in appflow_endpoint.effects] == ["RegisterConnector"]


async def test_at_most_max_attempts_then_a_typed_error_with_the_token(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    appflow_endpoint.inject(InternalError(), operation="RegisterConnector", times=10)
    token = async_client.new_client_token()
    with pytest.raises(InternalServerError) as caught:
        await async_client.register_connector(register_request("conn_a", client_token=token))
    assert caught.value.client_token == token
    assert caught.value.attempts == 4
    assert caught.value.outcome_unknown
    assert len(appflow_endpoint.requests) == 4  # botocore retried none of them


async def test_invalid_input_sends_nothing(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    with pytest.raises(ValidationError):
        await async_client.register_connector(
            connector_label="bad label",
            connector_provisioning_type="LAMBDA",
            connector_provisioning_config=lambda_config(),
        )
    assert appflow_endpoint.requests == []


async def test_a_delete_found_gone_after_a_lost_answer_is_done(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    await async_client.register_connector(register_request("conn_a"))
    appflow_endpoint.inject(DropResponse(), operation="UnregisterConnector")
    await async_client.unregister_connector(connector_label="conn_a")
    assert "conn_a" not in appflow_endpoint.connectors
    with pytest.raises(ResourceNotFoundError):
        await async_client.unregister_connector(connector_label="conn_a")


async def test_a_given_aiobotocore_client_is_used_through_a_one_attempt_sibling(
    appflow_endpoint: LocalAppFlow,
) -> None:
    session = aiobotocore.session.get_session()
    async with session.create_client(
        "appflow",
        region_name="us-east-1",
        endpoint_url=appflow_endpoint.url,
        config=AioConfig(proxies={}, retries={"total_max_attempts": 3}),
    ) as theirs:
        client = AsyncAppFlowClient(client=theirs, retry=RetryPolicy(max_attempts=1))
        async with client:
            appflow_endpoint.inject(Throttle(), operation="ListConnectors")
            with pytest.raises(Exception, match="Throttl"):
                await client.list_connectors()
            assert len(appflow_endpoint.requests) == 1  # no botocore retry under ours
        # theirs is unchanged and still open: botocore retries its own calls
        appflow_endpoint.inject(Throttle(), operation="ListConnectors")
        await theirs.list_connectors()
        assert len(appflow_endpoint.requests) == 3


def test_client_and_its_settings_are_exclusive() -> None:
    with pytest.raises(TypeError, match="region_name"):
        AsyncAppFlowClient(client=object(), region_name="eu-west-1")  # type: ignore[arg-type]


async def test_concurrent_calls_have_their_own_tokens(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    results = await asyncio.gather(
        *(async_client.register_connector(register_request(f"conn_{i}")) for i in range(32))
    )
    assert len({r.client_token for r in results}) == 32
    assert len(appflow_endpoint.connectors) == 32


async def test_credentials_and_region_come_from_the_environment_or_a_session(
    appflow_endpoint: LocalAppFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    config = AioConfig(proxies={})
    async with AsyncAppFlowClient(endpoint_url=appflow_endpoint.url, config=config) as client:
        await client.register_connector(register_request("from_env"))
        assert client.aiobotocore_client.meta.region_name == "eu-west-1"
    session = aiobotocore.session.AioSession()
    session.set_credentials("session-key", "session-secret")
    async with AsyncAppFlowClient(
        session=session, region_name="us-east-1", endpoint_url=appflow_endpoint.url, config=config
    ) as client:
        await client.list_connectors()
        credentials = client.aiobotocore_client._get_credentials()  # type: ignore[attr-defined]
    assert credentials.access_key == "session-key"
    assert list(appflow_endpoint.connectors) == ["from_env"]
    assert len(appflow_endpoint.requests) == 2


async def test_a_warning_is_emitted_and_the_request_sent(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    # docs/rules.md, password-without-username: a password without its user name
    request = from_boto(CreateConnectorProfileRequest, {
        "connectorProfileName": "servicenow",
        "connectorType": "Servicenow",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {
                "ServiceNow": {"instanceUrl": "https://example.service-now.com"}
            },
            "connectorProfileCredentials": {"ServiceNow": {"password": "example-not-real"}},
        },
    })
    with pytest.warns(AppFlowConfigWarning, match="password-without-username") as caught:
        created = await async_client.create_connector_profile(request)
    assert created.value.connector_profile_arn
    [record] = caught
    assert record.filename == __file__
async def test_a_schedule_with_timestamps_boto3_takes_is_sent(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    """Epoch seconds as text, RFC 822 and "2024/01/01": botocore's parse_to_aware_datetime
    takes them, and so do the models the async client sends."""
    direct = appflow_endpoint.client()
    create_profile(direct, "sf")
    direct.close()
    for number, start in enumerate(["1704067200", "Mon, 01 Jan 2024 00:00:00 GMT", "2024/01/01"]):
        request = from_boto(
            models.CreateFlowRequest,
            {
                "flowName": f"flow_{number}",
                "triggerConfig": {
                    "triggerType": "Scheduled",
                    "triggerProperties": {
                        "Scheduled": {
                            "scheduleExpression": "rate(1hours)",
                            "scheduleStartTime": start,
                        }
                    },
                },
                "sourceFlowConfig": salesforce_source(),
                "destinationFlowConfigList": [S3_DESTINATION],
                "tasks": TASKS,
            },
        )
        await async_client.create_flow(request)
    assert len(appflow_endpoint.flows) == 3
async def test_requests_skip_botocore_s_validation_and_a_given_client_keeps_it(
    appflow_endpoint: LocalAppFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validated once: the models checked the request, botocore's ParamValidator does not
    again; the caller's own client keeps botocore's validation for its direct calls."""
    checked: list[frozenset[str]] = []
    original = ParamValidator.validate

    def validate(self: ParamValidator, params: Any, shape: Any) -> Any:
        checked.append(frozenset(params))
        return original(self, params, shape)

    monkeypatch.setattr(ParamValidator, "validate", validate)
    session = aiobotocore.session.AioSession()
    session.set_credentials("testing", "testing")
    async with (
        session.create_client(
            "appflow",
            region_name="us-east-1",
            endpoint_url=appflow_endpoint.url,
            config=AioConfig(proxies={}),
        ) as own,
        AsyncAppFlowClient(client=own) as client,
    ):
        await client.list_connectors(max_results=5)
        assert checked == []
        await own.list_connectors(maxResults=5)
        assert checked == [frozenset({"maxResults"})]
