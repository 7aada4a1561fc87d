"""The async client under faults, concurrency and cancellation, over loopback."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable

import pytest
from botocore.config import Config

from appflow_typed import AsyncAppFlowClient, RetryPolicy
from appflow_typed.errors import ServiceError, TransportError
from appflow_typed.testing import (
    DropResponse,
    InternalError,
    Latency,
    LocalAppFlow,
    ResetConnection,
    Throttle,
)
from tests.client._helpers import register_request

pytestmark = pytest.mark.anyio


async def _no_sleep(_: float) -> None:
    await asyncio.sleep(0)


def _client(
    endpoint: LocalAppFlow,
    *,
    attempts: int = 4,
    sleep: Callable[[float], Awaitable[object]] = _no_sleep,
    policy: RetryPolicy | None = None,
) -> AsyncAppFlowClient:
    return AsyncAppFlowClient(
        region_name="us-east-1",
        endpoint_url=endpoint.url,
        config=Config(proxies={}, max_pool_connections=128),
        retry=policy or RetryPolicy(max_attempts=attempts),
        sleep=sleep,
    )


async def _soak(endpoint: LocalAppFlow, calls: int, in_flight: int, seed: int) -> None:
    """``calls`` registrations then as many unregistrations, ``in_flight`` at a time, with
    40% of attempts faulted (at least 30% asserted); calls that use up their budget are re-issued with their token.
    Every change is applied exactly once and the endpoint saw what the client reported."""
    endpoint.inject_randomly(
        rate=0.4,
        faults=[DropResponse(), InternalError(), Throttle(), ResetConnection()],
        seed=seed,
    )
    limit = asyncio.Semaphore(in_flight)
    high_water = 0
    active = 0
    attempts_reported = 0
    exhausted: list[tuple[str, str | None]] = []

    async with _client(endpoint) as client:

        async def register(label: str) -> None:
            nonlocal active, high_water, attempts_reported
            async with limit:
                active += 1
                high_water = max(high_water, active)
                try:
                    result = await client.register_connector(register_request(label))
                    attempts_reported += result.attempts
                except (ServiceError, TransportError) as exc:
                    attempts_reported += exc.attempts
                    exhausted.append((label, exc.client_token))
                finally:
                    active -= 1

        labels = [f"soak_{i}" for i in range(calls)]
        await asyncio.gather(*(register(label) for label in labels))
        faulted = sum(1 for r in endpoint.requests if r.fault is not None)
        assert attempts_reported == len(endpoint.requests)  # at most max_attempts each
        assert faulted >= 0.3 * len(endpoint.requests)
        assert high_water == in_flight
        endpoint.stop_random_faults()
        for label, token in exhausted:  # finish them with the token their error carries
            assert token is not None
            await client.register_connector(register_request(label, client_token=token))
        registered = Counter(
            e.resource for e in endpoint.effects if e.operation == "RegisterConnector"
        )
        assert registered == Counter(labels)  # no duplicate, none lost

        endpoint.inject_randomly(
            rate=0.4, faults=[DropResponse(), InternalError(), Throttle()], seed=seed + 1
        )
        gone: list[str] = []

        async def unregister(label: str) -> None:
            async with limit:
                try:
                    await client.unregister_connector(connector_label=label)
                except (ServiceError, TransportError):
                    gone.append(label)

        await asyncio.gather(*(unregister(label) for label in labels))
        endpoint.stop_random_faults()
        for label in gone:  # a budget used up: the connector may or may not be there
            if label in endpoint.connectors:
                await client.unregister_connector(connector_label=label)
        removed = Counter(
            e.resource for e in endpoint.effects if e.operation == "UnregisterConnector"
        )
        assert removed == Counter(labels)
        assert endpoint.connectors == {}


async def test_exactly_once_with_64_calls_in_flight_under_faults(
    appflow_endpoint: LocalAppFlow,
) -> None:
    await _soak(appflow_endpoint, calls=192, in_flight=64, seed=1)


@pytest.mark.slow
async def test_exactly_once_soak_full_size(appflow_endpoint: LocalAppFlow) -> None:
    await _soak(appflow_endpoint, calls=1024, in_flight=96, seed=7)


async def test_a_cancelled_call_names_its_token_and_can_be_finished(
    appflow_endpoint: LocalAppFlow,
) -> None:
    appflow_endpoint.inject(Latency(seconds=1.5), operation="RegisterConnector")
    async with _client(appflow_endpoint) as client:
        task = asyncio.ensure_future(client.register_connector(register_request("conn_a")))
        await asyncio.sleep(0.3)  # the attempt is sent; the endpoint holds it 1.5 s
        assert not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError) as caught:
            await task
        notes = getattr(caught.value, "__notes__", None) or getattr(
            caught.value.__context__, "__notes__", []
        )
        note = next(n for n in notes if "clientToken=" in n)
        token = note.split("clientToken=")[1].split()[0]
        while not appflow_endpoint.effects:  # the endpoint applies the cancelled attempt
            await asyncio.sleep(0.05)
        result = await client.register_connector(register_request("conn_a", client_token=token))
        assert result.client_token == token
    registered = [e for e in appflow_endpoint.effects if e.operation == "RegisterConnector"]
    assert len(registered) == 1


async def _longest_gap_during_backoff(
    endpoint: LocalAppFlow, sleep: Callable[[float], Awaitable[object]], calls: int
) -> float:
    """Run a heartbeat task while ``calls`` calls back off 1.5 s each; return its longest gap."""
    policy = RetryPolicy(max_attempts=3, base_delay=1.5, random=lambda: 0.999999)
    longest = 0.0
    stop = asyncio.Event()

    async def heartbeat() -> None:
        nonlocal longest
        last = time.monotonic()
        while not stop.is_set():
            await asyncio.sleep(0.01)
            now = time.monotonic()
            longest = max(longest, now - last)
            last = now

    beat = asyncio.ensure_future(heartbeat())
    endpoint.inject(Throttle(), operation="RegisterConnector", times=calls)
    async with _client(endpoint, sleep=sleep, policy=policy) as client:
        await asyncio.gather(
            *(client.register_connector(register_request(f"conn_{i}")) for i in range(calls))
        )
    stop.set()
    await beat
    return longest


async def test_backoff_never_blocks_the_event_loop(appflow_endpoint: LocalAppFlow) -> None:
    longest = await _longest_gap_during_backoff(appflow_endpoint, asyncio.sleep, calls=8)
    assert longest < 1.0  # each backoff lasts 1.5 s: a blocking one would show here


async def test_the_heartbeat_sees_a_blocking_sleep(appflow_endpoint: LocalAppFlow) -> None:
    async def blocking(seconds: float) -> None:
        time.sleep(seconds)

    # one call: blocked, concurrent calls would take each other's throttles in turn
    longest = await _longest_gap_during_backoff(appflow_endpoint, blocking, calls=1)
    assert longest >= 1.5


async def test_close_during_a_call_stops_it_and_counts_the_one_attempt_sent(
    appflow_endpoint: LocalAppFlow,
) -> None:
    appflow_endpoint.inject(Latency(seconds=1.0), operation="ListConnectors")
    client = _client(appflow_endpoint, attempts=4)
    sent = asyncio.Event()
    await client.__aenter__()
    client.aiobotocore_client.meta.events.register(
        "before-send.appflow.ListConnectors", lambda **_: sent.set()
    )
    task = asyncio.ensure_future(client.list_connectors())
    await sent.wait()
    await asyncio.sleep(0.1)  # the request is on the wire; the endpoint holds it 1 s
    await client.close()
    with pytest.raises(TransportError) as caught:
        await task
    assert caught.value.attempts == 1
    notes: list[str] = getattr(caught.value, "__notes__", [])
    assert any("closed during ListConnectors" in n for n in notes)


async def test_close_during_the_backoff_makes_no_further_attempt(
    appflow_endpoint: LocalAppFlow,
) -> None:
    appflow_endpoint.inject(Throttle(), operation="ListConnectors")
    holder: list[AsyncAppFlowClient] = []

    async def close_while_sleeping(_: float) -> None:
        await holder[0].close()

    client = _client(appflow_endpoint, attempts=4, sleep=close_while_sleeping)
    holder.append(client)
    async with client:
        with pytest.raises(RuntimeError, match="closed during ListConnectors") as caught:
            await client.list_connectors()
    notes: list[str] = getattr(caught.value, "__notes__", [])
    assert any("after attempt 1" in n for n in notes)
    assert [r.operation for r in appflow_endpoint.requests] == ["ListConnectors"]
