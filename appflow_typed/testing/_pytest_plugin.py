"""pytest plugin: fixtures for the local AppFlow endpoint.

Registered through the ``pytest11`` entry point. Importing it is cheap: the endpoint (and
boto3) are imported when a fixture is first used.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mypy_boto3_appflow import AppflowClient

    from appflow_typed import AppFlowClient, AsyncAppFlowClient
    from appflow_typed.testing import LocalAppFlow


@pytest.fixture
def appflow_endpoint() -> Iterator[LocalAppFlow]:
    """A running :class:`~appflow_typed.testing.LocalAppFlow`, fresh for each test and stopped
    after it (region ``us-east-1``, account ``123456789012``, real-time clock)."""
    from appflow_typed.testing import LocalAppFlow

    with LocalAppFlow() as endpoint:
        yield endpoint


@pytest.fixture
def appflow_client(appflow_endpoint: LocalAppFlow) -> Iterator[AppflowClient]:
    """A boto3 ``appflow`` client talking to the ``appflow_endpoint`` fixture, with dummy
    credentials and botocore's default retries; closed after the test."""
    client = appflow_endpoint.client()
    yield client
    client.close()


@pytest.fixture
def appflow_typed_client(appflow_endpoint: LocalAppFlow) -> Iterator[AppFlowClient]:
    """An :class:`~appflow_typed.AppFlowClient` for the ``appflow_endpoint`` fixture (dummy
    credentials, the default retry policy); closed after the test."""
    from appflow_typed import AppFlowClient

    with AppFlowClient(client=appflow_endpoint.client()) as client:
        yield client


@pytest.fixture
async def appflow_async_client(
    appflow_endpoint: LocalAppFlow,
) -> AsyncIterator[AsyncAppFlowClient]:
    """An :class:`~appflow_typed.AsyncAppFlowClient` for the ``appflow_endpoint`` fixture
    (dummy credentials, the default retry policy), opened in the test's event loop and closed
    after it. Needs the ``async`` extra and an async test runner: anyio's pytest plugin
    (``@pytest.mark.anyio``) or pytest-asyncio."""
    from aiobotocore.config import AioConfig
    from aiobotocore.session import get_session

    from appflow_typed import AsyncAppFlowClient

    session = get_session()
    # Dummy credentials and no proxies, as LocalAppFlow.client(): nothing from the
    # environment or ~/.aws reaches a test.
    session.set_credentials("testing", "testing")
    async with AsyncAppFlowClient(
        session=session,
        region_name=appflow_endpoint.region,
        endpoint_url=appflow_endpoint.url,
        config=AioConfig(proxies={}),
    ) as client:
        yield client
