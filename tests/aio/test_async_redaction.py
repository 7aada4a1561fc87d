"""No credential value in the async client's errors or logs, nor aiobotocore's with the filter:
also when the service echoes one in a style no pattern knows (removed by value), and in no
local of the library's frames on any error path."""

from __future__ import annotations

import io
import logging
import pickle
import traceback
from collections.abc import Awaitable, Iterator

import pytest
from botocore.config import Config

from appflow_typed import AsyncAppFlowClient, RedactingFilter, RetryPolicy
from appflow_typed.errors import ConflictError, ServiceError
from appflow_typed.testing import LocalAppFlow, ResetConnection, ServiceErrorFault, Throttle
from tests.client._helpers import SECRETS, profile_request, register_request
from tests.reliability._leaks import ECHO_STYLES, assert_locals_clean, echoing_message

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


# --------------------------------------------------------------------------- secrets by value


async def _echoed_error(client: AsyncAppFlowClient, endpoint: LocalAppFlow) -> ServiceError:
    await client.register_connector(register_request("echo_conn"))
    endpoint.inject(
        ServiceErrorFault(
            code="ConnectorAuthenticationException", status=401, message=echoing_message(SECRETS)
        ),
        operation="CreateConnectorProfile",
    )
    with pytest.raises(ServiceError) as caught:
        await client.create_connector_profile(profile_request("echo_profile", "echo_conn"))
    return caught.value


async def test_a_credential_echoed_in_any_style_is_removed_by_value(
    async_client: AsyncAppFlowClient, appflow_endpoint: LocalAppFlow
) -> None:
    error = await _echoed_error(async_client, appflow_endpoint)
    assert "Session '<redacted>' expired" in error.message
    assert error.message.count("<redacted>") >= len(ECHO_STYLES) * len(SECRETS)
    seen = [
        error.message,
        str(error),
        repr(error),
        repr(error.args),
        repr(error.response),
        repr(vars(error)),
        "".join(traceback.format_exception(error)),
        pickle.dumps(error).decode("latin-1"),
    ]
    for text in seen:
        for secret in SECRETS:
            assert secret not in text


async def test_the_filter_removes_an_echoed_credential_from_the_response_body(
    async_client: AsyncAppFlowClient,
    appflow_endpoint: LocalAppFlow,
    debug_logs: tuple[io.StringIO, logging.Handler],
) -> None:
    stream, handler = debug_logs
    handler.addFilter(RedactingFilter())
    await _echoed_error(async_client, appflow_endpoint)
    text = stream.getvalue()
    assert "Response body" in text
    assert "<accessToken><redacted></accessToken>" in text
    for secret in SECRETS:
        assert secret not in text


# --------------------------------------------------------------------------- frame locals


class _Interrupted(Exception):
    """Raised by a hook: the call is interrupted after an attempt was sent."""


async def _raise_from(call: Awaitable[object]) -> BaseException:
    try:
        await call
    except BaseException as exc:
        return exc
    raise AssertionError("the call did not fail")


async def test_no_library_frame_local_shows_a_credential(
    async_client: AsyncAppFlowClient,
    appflow_endpoint: LocalAppFlow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    client, endpoint = async_client, appflow_endpoint
    await client.register_connector(register_request("locals_conn"))
    request = profile_request("locals_profile", "locals_conn")
    echoed = echoing_message(SECRETS)
    errors: dict[str, BaseException] = {}

    endpoint.inject(ServiceErrorFault(code="ValidationException", status=400, message=echoed))
    errors["service error"] = await _raise_from(client.create_connector_profile(request))
    endpoint.inject(Throttle(message=echoed), times=4)
    errors["retries spent"] = await _raise_from(client.create_connector_profile(request))
    endpoint.inject(ResetConnection(), times=4)
    errors["no answer"] = await _raise_from(client.create_connector_profile(request))
    errors["invalid request"] = await _raise_from(
        client.create_connector_profile(
            connector_profile_name="not a valid name",
            connector_type="CustomConnector",
            connector_label="locals_conn",
            connection_mode="Public",
            connector_profile_config=request.connector_profile_config,
        )
    )

    def interrupt(_: object) -> None:
        raise _Interrupted

    async with AsyncAppFlowClient(
        region_name="us-east-1",
        endpoint_url=endpoint.url,
        config=Config(proxies={}),
        retry=RetryPolicy(max_attempts=1, on_attempt=interrupt),
    ) as hooked:
        errors["interrupted"] = await _raise_from(hooked.create_connector_profile(request))

    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    async with AsyncAppFlowClient(
        region_name="us-east-1", endpoint_url=endpoint.url, config=Config(proxies={})
    ) as anonymous:
        errors["no credentials"] = await _raise_from(anonymous.create_connector_profile(request))

    assert {name: type(error).__name__ for name, error in errors.items()} == {
        "service error": "ServiceValidationError",
        "retries spent": "ThrottlingError",
        "no answer": "TransportError",
        "invalid request": "ValidationError",
        "interrupted": "_Interrupted",
        "no credentials": "CredentialsError",
    }
    for name, error in errors.items():
        try:
            assert_locals_clean(error, SECRETS)
        except AssertionError as failure:
            raise AssertionError(f"{name}: {failure}") from None
