"""Injected faults, seen raw (one attempt) and through botocore's own retries."""

from __future__ import annotations

import contextlib
import time

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import (
    DropResponse,
    Fault,
    InternalError,
    Latency,
    LocalAppFlow,
    ResetConnection,
    ServiceUnavailable,
    Throttle,
)
from tests.endpoint.conftest import create_profile, register


def test_throttle(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(Throttle(), operation="RegisterConnector", times=2)
    once.list_connectors()  # other operations are not affected
    for _ in range(2):
        with pytest.raises(once.exceptions.ThrottlingException) as caught:
            register(once, "tt")
        assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    register(once, "tt")
    assert [r.status for r in endpoint.requests] == [200, 429, 429, 200]
    assert [r.fault for r in endpoint.requests] == [None, Throttle(), Throttle(), None]
    assert len(endpoint.effects) == 1


def test_internal_error(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(InternalError())
    with pytest.raises(once.exceptions.InternalServerException) as caught:
        once.list_connectors()
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    once.list_connectors()  # times defaults to 1


def test_service_unavailable(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(ServiceUnavailable())
    with pytest.raises(ClientError) as caught:
        once.list_connectors()
    assert caught.value.response["Error"]["Code"] == "ServiceUnavailableException"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503


def test_drop_response_applies_the_change(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(DropResponse(), operation="RegisterConnector")
    with pytest.raises(ConnectionClosedError):
        register(once, "dropped")
    assert "dropped" in endpoint.connectors
    assert endpoint.requests[-1].status is None
    assert endpoint.requests[-1].fault == DropResponse()


def test_reset_applies_nothing(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(ResetConnection(), operation="RegisterConnector")
    with pytest.raises(ConnectionClosedError):
        register(once, "reset")
    assert endpoint.connectors == {}
    assert endpoint.effects == []
    assert endpoint.requests[-1].status is None


def test_latency(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(Latency(seconds=0.05), times=3)
    started = time.monotonic()
    for _ in range(3):
        once.list_connectors()
    assert time.monotonic() - started >= 0.15
    assert [r.fault for r in endpoint.requests] == [Latency(seconds=0.05)] * 3
    assert [r.status for r in endpoint.requests] == [200] * 3


def test_botocore_retries_a_dropped_response_with_the_same_token(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    endpoint.inject(DropResponse(), operation="CreateConnectorProfile")
    endpoint.inject(Throttle(), operation="CreateConnectorProfile")
    register(client, "cc")
    arn = create_profile(client, "retried", connector_label="cc")
    attempts = [r for r in endpoint.requests if r.operation == "CreateConnectorProfile"]
    assert [r.attempt for r in attempts] == [1, 2, 3]
    assert [r.status for r in attempts] == [None, 429, 200]
    assert len({r.client_token for r in attempts}) == 1
    assert [e.operation for e in endpoint.effects] == ["RegisterConnector",
                                                       "CreateConnectorProfile"]
    assert arn.endswith("connectorprofile/retried")


def test_botocore_retries_throttling_and_records_attempts(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    endpoint.inject(Throttle(), operation="ListConnectors", times=2)
    client.list_connectors()
    assert [(r.attempt, r.status) for r in endpoint.requests] == [(1, 429), (2, 429), (3, 200)]
    assert {r.max_attempts for r in endpoint.requests} == {3}


def test_retry_budget_runs_out(endpoint: LocalAppFlow) -> None:
    client = endpoint.client(config=Config(retries={"mode": "standard", "total_max_attempts": 2}))
    endpoint.inject(InternalError(), times=5)
    with pytest.raises(client.exceptions.InternalServerException):
        client.list_connectors()
    assert [r.attempt for r in endpoint.requests] == [1, 2]
    assert [r.max_attempts for r in endpoint.requests] == [2, 2]
    client.close()


def test_injected_faults_come_in_order(endpoint: LocalAppFlow, once: AppflowClient) -> None:
    endpoint.inject(Throttle())
    endpoint.inject(InternalError())
    for expected in (once.exceptions.ThrottlingException,
                     once.exceptions.InternalServerException):
        with pytest.raises(expected):
            once.list_connectors()


def test_operation_filter_is_checked(endpoint: LocalAppFlow) -> None:
    with pytest.raises(ValueError, match="NoSuchOperation"):
        endpoint.inject(Throttle(), operation="NoSuchOperation")
    with pytest.raises(ValueError, match="times"):
        endpoint.inject(Throttle(), times=0)
    with pytest.raises(TypeError):
        endpoint.inject("throttle")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="rate"):
        endpoint.inject_randomly(rate=1.5, faults=[Throttle()])
    with pytest.raises(ValueError, match="seconds"):
        Latency(seconds=-1)


RANDOM_FAULTS: list[Fault] = [DropResponse(), Throttle(), InternalError(), ResetConnection(),
                              Latency(seconds=0.001)]


def random_run(seed: int) -> list[Fault | None]:
    with LocalAppFlow() as endpoint:
        client = endpoint.client(config=Config(retries={"total_max_attempts": 1}))
        endpoint.inject_randomly(rate=0.3, faults=RANDOM_FAULTS, seed=seed)
        for _ in range(40):
            with contextlib.suppress(ClientError, ConnectionClosedError):
                client.list_connectors()
        client.close()
        return [r.fault for r in endpoint.requests]


def test_random_faults_are_deterministic_given_a_seed() -> None:
    first, second, other = random_run(1234), random_run(1234), random_run(99)
    assert first == second
    assert first != other
    hits = sum(f is not None for f in first)
    assert 3 <= hits <= 25


def test_random_faults_respect_operations_and_stop(
    endpoint: LocalAppFlow, once: AppflowClient
) -> None:
    endpoint.inject_randomly(rate=1.0, faults=[Throttle()], seed=1,
                             operations=["RegisterConnector"])
    once.list_connectors()
    with pytest.raises(once.exceptions.ThrottlingException):
        register(once, "rr")
    endpoint.stop_random_faults()
    register(once, "rr")


def test_random_drops_with_retries_apply_each_change_once(endpoint: LocalAppFlow) -> None:
    client = endpoint.client(config=Config(retries={"mode": "standard",
                                                    "total_max_attempts": 10}))
    endpoint.inject_randomly(rate=0.3, faults=RANDOM_FAULTS, seed=7,
                             operations=["RegisterConnector"])
    for i in range(15):
        register(client, f"c{i}")
    client.close()
    assert sorted(e.resource for e in endpoint.effects) == sorted(f"c{i}" for i in range(15))
    assert any(r.fault == DropResponse() for r in endpoint.requests)
