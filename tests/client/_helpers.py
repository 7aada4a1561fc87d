"""Builders and fakes shared by the client tests."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Literal

import boto3
import botocore.session
from botocore.config import Config

from appflow_typed import testing
from appflow_typed._client import AppFlowClient
from appflow_typed._retry import RetryPolicy
from appflow_typed.models import (
    ConnectorOperator,
    ConnectorProfileConfig,
    ConnectorProfileCredentials,
    ConnectorProfileProperties,
    ConnectorProvisioningConfig,
    CreateConnectorProfileRequest,
    CreateFlowRequest,
    CustomAuthCredentials,
    CustomConnectorProfileCredentials,
    CustomConnectorProfileProperties,
    DestinationConnectorProperties,
    DestinationFlowConfig,
    LambdaConnectorProvisioningConfig,
    RegisterConnectorRequest,
    S3DestinationProperties,
    S3SourceProperties,
    ScheduledTriggerProperties,
    SourceConnectorProperties,
    SourceFlowConfig,
    Task,
    TriggerConfig,
    TriggerProperties,
)

CustomConnector = Literal["CustomConnector"]

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-connector"

SECRET_API_KEY = "SENTINEL-apikey-7f3a"
SECRET_MAP_KEY = "SENTINELmapkey"
SECRET_MAP_VALUE = "SENTINEL-mapvalue-91c2"
SECRETS = (SECRET_API_KEY, SECRET_MAP_KEY, SECRET_MAP_VALUE)
"""Credential values that must never appear in a log line, repr or message."""


def lambda_config(arn: str = LAMBDA_ARN) -> ConnectorProvisioningConfig:
    """The provisioning config of a Lambda-backed connector."""
    return ConnectorProvisioningConfig(lambda_=LambdaConnectorProvisioningConfig(lambda_arn=arn))


def register_request(label: str, client_token: str | None = None) -> RegisterConnectorRequest:
    """A valid RegisterConnector request."""
    return RegisterConnectorRequest(
        connector_label=label,
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=lambda_config(),
        client_token=client_token,
    )


def custom_profile_config() -> ConnectorProfileConfig[CustomConnector]:
    """A custom connector profile config whose credentials are the SECRET_* sentinels."""
    return ConnectorProfileConfig(
        connector_profile_properties=ConnectorProfileProperties(
            custom_connector=CustomConnectorProfileProperties(profile_properties={"region": "eu"})
        ),
        connector_profile_credentials=ConnectorProfileCredentials(
            custom_connector=CustomConnectorProfileCredentials(
                authentication_type="CUSTOM",
                custom=CustomAuthCredentials(
                    custom_authentication_type="apikey",
                    credentials_map={SECRET_MAP_KEY: SECRET_MAP_VALUE, "apiKey": SECRET_API_KEY},
                ),
            )
        ),
    )


def profile_request(name: str, label: str) -> CreateConnectorProfileRequest[CustomConnector]:
    """A valid CreateConnectorProfile request for the custom connector ``label``."""
    return CreateConnectorProfileRequest(
        connector_profile_name=name,
        connector_type="CustomConnector",
        connector_label=label,
        connection_mode="Public",
        connector_profile_config=custom_profile_config(),
    )


SCHEDULE_START = datetime.datetime(2030, 3, 17, 17, 46, 40, tzinfo=datetime.timezone.utc)
"""When the scheduled flows of :func:`flow_request` start."""


def flow_request(
    name: str,
    *,
    fields: tuple[str, ...] = ("Id", "Amount"),
    scheduled: bool = False,
    tags: dict[str, str] | None = None,
) -> CreateFlowRequest:
    """A valid CreateFlow request: S3 to S3 (no connector profile needed), on demand or
    hourly from 2030."""
    trigger = (
        TriggerConfig(
            trigger_type="Scheduled",
            trigger_properties=TriggerProperties(
                scheduled=ScheduledTriggerProperties(
                    schedule_expression="rate(1hours)", schedule_start_time=SCHEDULE_START
                )
            ),
        )
        if scheduled
        else TriggerConfig(trigger_type="OnDemand")
    )
    return CreateFlowRequest(
        flow_name=name,
        trigger_config=trigger,
        source_flow_config=SourceFlowConfig(
            connector_type="S3",
            source_connector_properties=SourceConnectorProperties(
                s3=S3SourceProperties(bucket_name="orders-in", bucket_prefix="orders")
            ),
        ),
        destination_flow_config_list=[
            DestinationFlowConfig(
                connector_type="S3",
                destination_connector_properties=DestinationConnectorProperties(
                    s3=S3DestinationProperties(bucket_name="orders-out")
                ),
            )
        ],
        tasks=[
            Task(
                source_fields=list(fields),
                connector_operator=ConnectorOperator(s3="PROJECTION"),
                task_type="Filter",
            )
        ],
        tags=tags,
    )


class Sleeps:
    """A fake ``sleep`` that records the delays instead of sleeping."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@functools.cache
def _shared_botocore_session() -> botocore.session.Session:
    """One botocore session for every test client: loading the service model once keeps
    the tests fast. It reads no credentials or config files (they are given)."""
    return botocore.session.Session()


def no_sleep(_: float) -> None:
    """A ``sleep`` that returns at once."""


def fast_policy(max_attempts: int = 5) -> RetryPolicy:
    """A policy that never really sleeps."""
    return RetryPolicy(max_attempts=max_attempts, sleep=no_sleep)


def own_client(
    endpoint: testing.LocalAppFlow,
    *,
    retry: RetryPolicy | None = None,
    clock: Callable[[], float] | None = None,
    config: Config | None = None,
) -> AppFlowClient:
    """An AppFlowClient that builds its own boto3 client for ``endpoint``."""
    session = boto3.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name=endpoint.region,
        botocore_session=_shared_botocore_session(),
    )
    base = Config(proxies={})
    client = AppFlowClient(
        session=session,
        endpoint_url=endpoint.url,
        config=base if config is None else base.merge(config),
        retry=retry or fast_policy(),
    )
    return client if clock is None else client.with_options(clock=clock)
