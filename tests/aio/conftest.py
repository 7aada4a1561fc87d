"""Fixtures of the async client's tests: anyio's pytest plugin, on asyncio.

anyio rather than pytest-asyncio: aiobotocore runs on asyncio only, and anyio's plugin (a
dependency the async stack already uses) needs no configuration, no event-loop fixture and
no mode setting, and warns about nothing under ``filterwarnings = error``. Each test marked
``anyio`` runs in its own event loop.

Without aiobotocore (the main development environment) these tests are skipped; with
``APPFLOW_TYPED_ASYNC_TESTS=required`` (CI's async job) its absence is an error.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest

try:
    import aiobotocore  # noqa: F401
except ImportError:
    if os.environ.get("APPFLOW_TYPED_ASYNC_TESTS") == "required":
        raise
    collect_ignore_glob = ["test_*.py"]
    HAVE_AIOBOTOCORE = False
else:
    HAVE_AIOBOTOCORE = True


@pytest.fixture(autouse=True)
def dummy_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Dummy credentials and region in the environment, no config files: never real AWS."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)


@pytest.fixture
def anyio_backend() -> str:
    """aiobotocore (aiohttp) runs on asyncio."""
    return "asyncio"


if HAVE_AIOBOTOCORE:
    from botocore.config import Config

    from appflow_typed import AsyncAppFlowClient, RetryPolicy
    from appflow_typed.testing import LocalAppFlow

    @pytest.fixture
    def sleeps() -> list[float]:
        """The backoffs the ``async_client`` fixture awaited (none really slept)."""
        return []

    @pytest.fixture
    async def async_client(
        appflow_endpoint: LocalAppFlow, sleeps: list[float]
    ) -> AsyncIterator[AsyncAppFlowClient]:
        """An AsyncAppFlowClient for the test's local endpoint, 4 attempts, no real sleeping."""

        async def record(seconds: float) -> None:
            sleeps.append(seconds)

        async with AsyncAppFlowClient(
            region_name="us-east-1",
            endpoint_url=appflow_endpoint.url,
            config=Config(proxies={}),
            retry=RetryPolicy(max_attempts=4),
            sleep=record,
        ) as client:
            yield client
