"""No credential value in the async client's errors or logs, nor aiobotocore's with the filter."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from appflow_typed import AsyncAppFlowClient, RedactingFilter
from appflow_typed.errors import ConflictError
from appflow_typed.testing import LocalAppFlow
from tests.client._helpers import SECRETS, profile_request, register_request

pytestmark = pytest.mark.anyio


@pytest.fixture
def debug_logs() -> Iterator[tuple[io.StringIO, logging.Handler]]:
    """Every DEBUG record of botocore, aiobotocore and appflow_typed, as a handler writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    loggers = [logging.getLogger(n) for n in ("botocore", "aiobotocore", "appflow_typed")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    try:
        yield stream, handler
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


async def _create_profile_twice(client: AsyncAppFlowClient) -> ConflictError:
    await client.register_connector(register_request("redact_conn"))
    await client.create_connector_profile(profile_request("redact_profile", "redact_conn"))
    with pytest.raises(ConflictError) as caught:
        await client.create_connector_profile(profile_request("redact_profile", "redact_conn"))
    return caught.value


async def test_logs_leak_without_the_filter(
    async_client: AsyncAppFlowClient, debug_logs: tuple[io.StringIO, logging.Handler]
) -> None:
    """The premise: the botocore stack under aiobotocore prints request bodies at DEBUG."""
    stream, _ = debug_logs
    await _create_profile_twice(async_client)
    assert any(secret in stream.getvalue() for secret in SECRETS)


async def test_errors_and_filtered_logs_hold_no_credential(
    async_client: AsyncAppFlowClient,
    appflow_endpoint: LocalAppFlow,
    debug_logs: tuple[io.StringIO, logging.Handler],
) -> None:
    stream, handler = debug_logs
    handler.addFilter(RedactingFilter())
    error = await _create_profile_twice(async_client)
    seen = [stream.getvalue(), str(error), repr(error), repr(error.args), repr(vars(error))]
    assert "CreateConnectorProfile" in seen[0]
    for text in seen:
        for secret in SECRETS:
            assert secret not in text
