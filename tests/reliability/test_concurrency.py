"""One AppFlowClient shared by 16 threads, under random faults.

Each thread registers, updates, profiles and re-profiles its own connectors. Checked: no
clientToken serves two logical calls, every result belongs to its own call (the ARN names
the thread's own label or profile), and each token's change was applied exactly once.
"""

from __future__ import annotations

import collections
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from appflow_typed import (
    AppFlowClient,
    CreateConnectorProfileRequest,
    RegisterConnectorRequest,
    Result,
    RetryPolicy,
    ServiceError,
    TransportError,
    UpdateConnectorProfileRequest,
    UpdateConnectorRegistrationRequest,
)
from appflow_typed.testing import (
    DropResponse,
    InternalError,
    LocalAppFlow,
    ResetConnection,
    Throttle,
)
from tests.reliability import _requests as rq

THREADS = 16


def send(client: AppFlowClient, request: Any) -> Result[Any]:
    """Make the call ``request`` is for."""
    if isinstance(request, RegisterConnectorRequest):
        return client.register_connector(request)
    if isinstance(request, UpdateConnectorRegistrationRequest):
        return client.update_connector_registration(request)
    if isinstance(request, CreateConnectorProfileRequest):
        return client.create_connector_profile(request)
    assert isinstance(request, UpdateConnectorProfileRequest)
    return client.update_connector_profile(request)


@pytest.mark.parametrize(
    "rounds", [pytest.param(3, id="3-rounds"), pytest.param(40, id="40-rounds",
                                                         marks=pytest.mark.slow)]
)
def test_sixteen_threads_share_one_client(appflow_endpoint: LocalAppFlow, rounds: int) -> None:
    endpoint = appflow_endpoint
    # 20 attempts: with a fault on 30% of requests, a call of 10 attempts gives up with
    # probability 0.3**10 (6e-6), about 2% over the full-size run's thousands of calls (seen
    # in CI); at 20 attempts, 3.5e-11 per call. What is asserted (exactly-once effects, no
    # call giving up) is unchanged.
    client = AppFlowClient(
        client=endpoint.client(), retry=RetryPolicy(max_attempts=20, sleep=lambda _: None)
    )
    endpoint.inject_randomly(
        rate=0.3, seed=7,
        faults=[DropResponse(), Throttle(), InternalError(), ResetConnection()],
    )
    # (thread, operation, resource, token, arn) of every completed logical call
    done: list[tuple[int, str, str, str, str]] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker(t: int) -> None:
        start.wait()
        for r in range(rounds):
            label, name = f"t{t}_c{r}", f"t{t}_p{r}"
            calls: list[tuple[str, str, Any]] = [
                ("RegisterConnector", label, rq.register(label, f"thread {t}")),
                ("UpdateConnectorRegistration", label,
                 rq.update_registration(label, f"thread {t} round {r}")),
                ("CreateConnectorProfile", name, rq.create_profile(name, label, f"t{t}r{r}")),
                ("UpdateConnectorProfile", name, rq.update_profile(name, f"t{t}r{r}u")),
            ]
            for operation, resource, request in calls:
                try:
                    result = send(client, request)
                except (TransportError, ServiceError) as error:
                    pytest.fail(f"thread {t} {operation} {resource} gave up: {error!r}")
                arn = getattr(result.value, "connector_arn", None) or getattr(
                    result.value, "connector_profile_arn", None)
                assert arn is not None
                with lock:
                    done.append((t, operation, resource, result.client_token, arn))

    with ThreadPoolExecutor(THREADS) as pool:
        for future in [pool.submit(worker, t) for t in range(THREADS)]:
            future.result()
    endpoint.stop_random_faults()

    assert len(done) == THREADS * rounds * 4
    tokens = [token for *_, token, _ in done]
    assert len(set(tokens)) == len(tokens), "a clientToken served two logical calls"
    for t, operation, resource, _, arn in done:
        assert resource.startswith(f"t{t}_")
        kind = "connector" if "Connector" in operation and "Profile" not in operation else (
            "connectorprofile")
        assert arn.endswith(f":{kind}/{resource}"), (t, operation, resource, arn)
    per_token = collections.Counter(e.client_token for e in endpoint.effects)
    assert {token: per_token[token] for token in tokens} == dict.fromkeys(tokens, 1)
    assert sum(per_token.values()) == len(tokens)
    # the faults were real and retried: more requests than calls, some dropped after commit
    faults = collections.Counter(type(r.fault).__name__ for r in endpoint.requests if r.fault)
    assert faults["DropResponse"] > 0
    assert len(endpoint.requests) > len(done)
    # the final state is each thread's own last update
    for t in range(THREADS):
        for r in range(rounds):
            assert endpoint.connectors[f"t{t}_c{r}"].description == f"thread {t} round {r}"
            props = endpoint.profiles[f"t{t}_p{r}"].properties
            assert props["CustomConnector"]["profileProperties"]["version"] == f"t{t}r{r}u"
