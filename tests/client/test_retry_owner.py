"""One retry owner without side effects: a boto3 client given to AppFlowClient is left alone.

AppFlowClient sends through a sibling of the given client whose botocore retries are off by
configuration. These tests pin what that promises: the given client's retry quota and
adaptive rate limiter are never spent by the facade's calls, no handler is registered on it,
its direct calls keep their own retries, and the sibling shares its credentials object and
configuration. A ``config=`` with ``retries`` is refused rather than silently replaced.
"""

from __future__ import annotations

import types
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import botocore.endpoint
import botocore.exceptions
import botocore.retries.bucket
import botocore.session
import pytest
from botocore.config import Config
from botocore.credentials import Credentials, ReadOnlyCredentials

from appflow_typed import testing
from appflow_typed._client import AppFlowClient
from appflow_typed.errors import ThrottlingError, TransportError
from tests.client._helpers import fast_policy, own_client


@pytest.fixture
def endpoint(appflow_endpoint: testing.LocalAppFlow) -> testing.LocalAppFlow:
    return appflow_endpoint


@pytest.fixture(autouse=True)
def no_botocore_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's own backoff (used by the given clients' direct calls) returns at once."""
    monkeypatch.setattr(botocore.endpoint, "time", types.SimpleNamespace(sleep=lambda _: None))


@pytest.fixture
def rate_limited(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every acquisition of an adaptive-mode rate limiter's token, recorded (never waits)."""
    acquired: list[object] = []

    def acquire(self: object, amount: int = 1, block: bool = True) -> bool:
        acquired.append(self)
        return True

    monkeypatch.setattr(botocore.retries.bucket.TokenBucket, "acquire", acquire)
    return acquired


def list_requests(endpoint: testing.LocalAppFlow) -> list[testing.ReceivedRequest]:
    return [r for r in endpoint.requests if r.operation == "ListConnectors"]


def test_facade_calls_do_not_spend_a_given_clients_retry_quota(
    endpoint: testing.LocalAppFlow,
) -> None:
    # botocore's standard mode: a quota of 500, 5 per retry of a throttle. 102 failed
    # attempts would spend it all if botocore's retry handler saw them.
    boto = endpoint.client(config=Config(retries={"mode": "standard", "total_max_attempts": 3}))
    client = AppFlowClient(client=boto, retry=fast_policy(max_attempts=51))
    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=102)
    for _ in range(2):
        with pytest.raises(ThrottlingError):
            client.list_connectors()
    assert len(list_requests(endpoint)) == 102

    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=2)
    boto.list_connectors()  # retried by botocore as configured: throttled twice, then answered
    direct = list_requests(endpoint)[102:]
    assert [(r.attempt, r.status) for r in direct] == [(1, 429), (2, 429), (3, 200)]
    assert {r.max_attempts for r in direct[1:]} == {3}  # botocore's own numbers


def test_facade_calls_never_engage_a_given_clients_rate_limiter(
    endpoint: testing.LocalAppFlow, rate_limited: list[object]
) -> None:
    boto = endpoint.client(config=Config(retries={"mode": "adaptive", "total_max_attempts": 3}))
    client = AppFlowClient(client=boto, retry=fast_policy(max_attempts=4))
    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=8)
    for _ in range(2):
        with pytest.raises(ThrottlingError):
            client.list_connectors()
    client.list_connectors()
    assert len(list_requests(endpoint)) == 9
    assert rate_limited == []  # no attempt of the facade waited for a token

    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=2)
    boto.list_connectors()  # the user's adaptive retries, rate limiter included, still work
    assert [r.status for r in list_requests(endpoint)[9:]] == [429, 429, 200]
    assert rate_limited  # its limiter started at its own first throttle


def _handlers(boto: Any, event: str) -> list[object]:
    return list(boto.meta.events._emitter._handlers.prefix_search(event))


def test_no_handler_is_registered_on_a_given_client(endpoint: testing.LocalAppFlow) -> None:
    boto = endpoint.client()
    events = ("needs-retry.appflow.ListConnectors", "request-created.appflow.ListConnectors")
    before = {event: _handlers(boto, event) for event in events}
    config_before = boto.meta.config.retries  # type: ignore[attr-defined]

    client = AppFlowClient(client=boto, retry=fast_policy())
    endpoint.inject(testing.Throttle(), operation="ListConnectors")
    client.list_connectors()

    assert {event: _handlers(boto, event) for event in events} == before
    assert boto.meta.config.retries == config_before  # type: ignore[attr-defined]
    assert client.boto3_client is boto


def test_the_facade_stamps_its_own_attempt_numbers(endpoint: testing.LocalAppFlow) -> None:
    boto = endpoint.client(config=Config(retries={"mode": "standard", "total_max_attempts": 7}))
    client = AppFlowClient(client=boto, retry=fast_policy(max_attempts=4))
    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=2)
    client.list_connectors()
    assert [(r.attempt, r.max_attempts) for r in list_requests(endpoint)] == [
        (1, 4),
        (2, 4),
        (3, 4),
    ]
    endpoint.inject(testing.Throttle(), operation="ListConnectors")
    boto.list_connectors()  # the given client's own numbers: max is its own setting
    assert (list_requests(endpoint)[-1].attempt, list_requests(endpoint)[-1].max_attempts) == (
        2,
        7,
    )


class CountingCredentials(Credentials):
    """Credentials that count how often a request is signed with them."""

    def __init__(self) -> None:
        super().__init__("AKIDCOUNTING", "counting-secret", "counting-session-token")
        self.signed = 0

    def get_frozen_credentials(self) -> ReadOnlyCredentials:
        self.signed += 1
        return super().get_frozen_credentials()


class _Provider:
    def __init__(self, credentials: Credentials) -> None:
        self._credentials = credentials

    def load_credentials(self) -> Credentials:
        return self._credentials


def test_the_sibling_signs_with_the_given_clients_credentials_object(
    endpoint: testing.LocalAppFlow,
) -> None:
    credentials = CountingCredentials()
    core = botocore.session.Session()
    core.register_component("credential_provider", _Provider(credentials))
    boto = boto3.Session(botocore_session=core).client(
        "appflow",
        region_name="eu-west-1",
        endpoint_url=endpoint.url,
        config=Config(proxies={}, retries={"total_max_attempts": 1}),
    )
    client = AppFlowClient(client=boto, retry=fast_policy())
    client.list_connectors()
    client.list_connectors()
    assert credentials.signed == 2  # the same object: a refresh is seen by both clients
    assert len(list_requests(endpoint)) == 2


def test_siblings_made_in_parallel_each_sign_with_their_own_credentials(
    endpoint: testing.LocalAppFlow,
) -> None:
    def counted_client(credentials: CountingCredentials) -> Any:
        core = botocore.session.Session()
        core.register_component("credential_provider", _Provider(credentials))
        return boto3.Session(botocore_session=core).client(
            "appflow", region_name="eu-west-1", endpoint_url=endpoint.url, config=Config(proxies={})
        )

    credentials = [CountingCredentials() for _ in range(8)]
    boto_clients = [counted_client(c) for c in credentials]
    with ThreadPoolExecutor(max_workers=8) as pool:
        facades = list(pool.map(lambda b: AppFlowClient(client=b, retry=fast_policy()), boto_clients))
    for number, facade in enumerate(facades, start=1):
        for _ in range(number):
            facade.list_connectors()
    assert [c.signed for c in credentials] == list(range(1, 9))


def test_the_sibling_keeps_the_given_clients_timeouts(endpoint: testing.LocalAppFlow) -> None:
    boto = endpoint.client(config=Config(read_timeout=0.2, connect_timeout=1))
    client = AppFlowClient(client=boto, retry=fast_policy(max_attempts=2))
    endpoint.inject(testing.Latency(seconds=1.0), operation="ListConnectors", times=2)
    with pytest.raises(TransportError) as caught:
        client.list_connectors()
    assert caught.value.botocore_error == "ReadTimeoutError"
    assert caught.value.attempts == 2


def test_with_options_shares_the_sibling(
    endpoint: testing.LocalAppFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = AppFlowClient(client=endpoint.client(), retry=fast_policy())
    created: list[str] = []
    original = botocore.session.Session.create_client

    def counting(self: botocore.session.Session, *args: Any, **kwargs: Any) -> Any:
        created.append(str(args[0] if args else kwargs.get("service_name")))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(botocore.session.Session, "create_client", counting)
    strict = client.with_options(retry=fast_policy(max_attempts=1))
    endpoint.inject(testing.Throttle(), operation="ListConnectors")
    with pytest.raises(ThrottlingError):
        strict.list_connectors()
    strict.close()  # closes nothing it shares
    client.list_connectors()
    assert created == []
    assert strict.boto3_client is client.boto3_client
    assert len(list_requests(endpoint)) == 2


@pytest.mark.parametrize(
    "retries",
    [{"max_attempts": 9}, {"mode": "adaptive"}, {"total_max_attempts": 1, "mode": "standard"}],
)
def test_a_config_with_retries_is_refused_naming_the_retry_policy(
    endpoint: testing.LocalAppFlow, retries: Any
) -> None:
    with pytest.raises(TypeError, match="RetryPolicy"):
        own_client(endpoint, config=Config(retries=retries))


@pytest.fixture
def own(endpoint: testing.LocalAppFlow) -> Iterator[AppFlowClient]:
    with own_client(endpoint, config=Config(read_timeout=30)) as client:
        yield client


def test_an_own_clients_boto3_client_makes_one_attempt(
    endpoint: testing.LocalAppFlow, own: AppFlowClient
) -> None:
    endpoint.inject(testing.Throttle(), operation="ListConnectors")
    with pytest.raises(botocore.exceptions.ClientError):
        own.boto3_client.list_connectors()
    assert [r.attempt for r in list_requests(endpoint)] == [1]
    # botocore sends max= on a first attempt since 1.44.0 (and then it is this client's 1).
    assert list_requests(endpoint)[0].max_attempts in (1, None)
    assert own.boto3_client.meta.config.read_timeout == 30  # type: ignore[attr-defined]
