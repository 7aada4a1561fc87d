"""AppFlowClient against the local endpoint: exactly-once effects, one token per logical call,
one retry owner, typed errors, pagination and thread safety."""

from __future__ import annotations

import inspect
import sys
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any, Literal

import attrs
import botocore.endpoint
import botocore.session
import pytest
from botocore import xform_name
from botocore.config import Config
from typing_extensions import assert_type, get_overloads, get_type_hints

from appflow_typed import models, testing
from appflow_typed._client import AppFlowClient, Result
from appflow_typed._generated.operations import OPERATIONS
from appflow_typed._operation import Operation
from appflow_typed._retry import Attempt, RetryPolicy
from appflow_typed.errors import (
    AccessDeniedError,
    ClientTokenExpiredError,
    ConflictError,
    ConnectorAuthenticationError,
    ConnectorServerError,
    ResourceNotFoundError,
    ServiceError,
    ServiceQuotaExceededError,
    ServiceValidationError,
    ThrottlingError,
    TransportError,
    UnmodeledServiceError,
    ValidationError,
)
from appflow_typed.models import (
    ConnectorProfile,
    ConnectorType_VALUES,
    CreateConnectorProfileResponse,
    DeleteConnectorProfileResponse,
    ListConnectorsResponse,
    RegisterConnectorResponse,
    UpdateConnectorProfileResponse,
    UpdateConnectorRegistrationResponse,
    is_known,
)
from tests.client._helpers import (
    custom_profile_config,
    fast_policy,
    lambda_config,
    own_client,
    profile_request,
    register_request,
)
from tools.generate_models import SOURCE_TIED, py_name

EIGHT_HOURS = 8 * 60 * 60


@pytest.fixture
def endpoint(appflow_endpoint: testing.LocalAppFlow) -> testing.LocalAppFlow:
    return appflow_endpoint


@pytest.fixture
def client(endpoint: testing.LocalAppFlow) -> Iterator[AppFlowClient]:
    with own_client(endpoint) as appflow:
        yield appflow


@pytest.fixture
def no_botocore_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's own backoff (only ever used by direct boto3 calls here) returns at once."""
    monkeypatch.setattr(botocore.endpoint, "time", types.SimpleNamespace(sleep=lambda _: None))


def requests_of(endpoint: testing.LocalAppFlow, operation: str) -> list[testing.ReceivedRequest]:
    return [r for r in endpoint.requests if r.operation == operation]


def effects_of(endpoint: testing.LocalAppFlow, operation: str) -> list[testing.Effect]:
    return [e for e in endpoint.effects if e.operation == operation]


# --- the four operations with a clientToken -------------------------------------------

TokenCall = Callable[[AppFlowClient], Result[Any]]


def _register(c: AppFlowClient) -> Result[RegisterConnectorResponse]:
    return c.register_connector(register_request("conn_a"))


def _update_registration(c: AppFlowClient) -> Result[UpdateConnectorRegistrationResponse]:
    return c.update_connector_registration(
        connector_label="conn_a", description="second version", connector_provisioning_config=lambda_config()
    )


def _create_profile(c: AppFlowClient) -> Result[CreateConnectorProfileResponse]:
    return c.create_connector_profile(profile_request("profile_a", "conn_a"))


def _update_profile(c: AppFlowClient) -> Result[UpdateConnectorProfileResponse]:
    return c.update_connector_profile(
        connector_profile_name="profile_a",
        connection_mode="Public",
        connector_profile_config=custom_profile_config(),
    )


TOKEN_OPERATIONS: dict[str, tuple[TokenCall, list[TokenCall]]] = {
    "RegisterConnector": (_register, []),
    "UpdateConnectorRegistration": (_update_registration, [_register]),
    "CreateConnectorProfile": (_create_profile, [_register]),
    "UpdateConnectorProfile": (_update_profile, [_register, _create_profile]),
}

FAULTS = [
    testing.DropResponse(),
    testing.ResetConnection(),
    testing.Throttle(),
    testing.InternalError(),
    testing.ServiceUnavailable(),
]


@pytest.mark.parametrize("operation", sorted(TOKEN_OPERATIONS))
@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: type(f).__name__)
def test_a_faulted_call_is_applied_exactly_once_with_one_token(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    operation: str,
    fault: testing.Fault,
) -> None:
    call, setup = TOKEN_OPERATIONS[operation]
    for step in setup:
        step(client)
    endpoint.inject(fault, operation=operation, times=2)

    result = call(client)

    sent = requests_of(endpoint, operation)
    assert [r.attempt for r in sent] == [1, 2, 3]
    assert {r.client_token for r in sent} == {result.client_token}
    assert {r.max_attempts for r in sent} == {5}
    assert len(effects_of(endpoint, operation)) == 1
    assert effects_of(endpoint, operation)[0].client_token == result.client_token
    assert result.attempts == 3
    assert result.request_id == sent[-1].request_id


def test_many_lost_responses_still_apply_once(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector", times=4)
    result = client.register_connector(register_request("conn_a"))
    assert result.attempts == 5
    assert len(effects_of(endpoint, "RegisterConnector")) == 1
    assert result.value.connector_arn is not None
    assert result.value.connector_arn.endswith("connector/conn_a")


# --- what is not retried --------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "status", "cls"),
    [
        ("ValidationException", 400, ServiceValidationError),
        ("ConflictException", 409, ConflictError),
        ("AccessDeniedException", 403, AccessDeniedError),
        ("ResourceNotFoundException", 404, ResourceNotFoundError),
        ("ServiceQuotaExceededException", 402, ServiceQuotaExceededError),
        ("ConnectorAuthenticationException", 401, ConnectorAuthenticationError),
        ("ConnectorServerException", 400, ConnectorServerError),
        ("SomethingNewException", 400, UnmodeledServiceError),
    ],
)
def test_non_retryable_errors_are_sent_once(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    code: str,
    status: int,
    cls: type[ServiceError],
) -> None:
    endpoint.inject(
        testing.ServiceErrorFault(code=code, status=status, message="no"),
        operation="RegisterConnector",
    )
    with pytest.raises(cls) as caught:
        client.register_connector(register_request("conn_a"))
    (sent,) = requests_of(endpoint, "RegisterConnector")
    error = caught.value
    assert isinstance(error, cls)
    assert type(error).__name__ == cls.__name__  # a subclass only to add the modeled class
    assert (error.operation, error.code, error.status_code) == ("RegisterConnector", code, status)
    assert error.attempts == 1
    assert error.client_token == sent.client_token
    assert error.request_id == sent.request_id
    assert error.__cause__ is None  # botocore's exception is not chained
    assert error.__context__ is None
    assert error.response["Error"]["Code"] == code
    assert effects_of(endpoint, "RegisterConnector") == []


def test_a_real_conflict_is_not_retried(endpoint: testing.LocalAppFlow, client: AppFlowClient) -> None:
    client.register_connector(register_request("conn_a"))
    with pytest.raises(ConflictError):
        client.register_connector(register_request("conn_a"))
    assert len(requests_of(endpoint, "RegisterConnector")) == 2


def test_invalid_input_sends_nothing(endpoint: testing.LocalAppFlow, client: AppFlowClient) -> None:
    with pytest.raises(ValidationError) as caught:
        client.register_connector(connector_label="not a label!", client_token="\x00")
    assert {v.path for v in caught.value.violations} == {"connectorLabel", "clientToken"}
    with pytest.raises(TypeError, match="not both"):
        client.register_connector(register_request("conn_a"), description="x")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="expected a RegisterConnectorRequest"):
        client.register_connector(object())  # type: ignore[call-overload]
    assert endpoint.requests == []


# --- budget exhaustion and resuming with the token ------------------------------------


def test_lost_responses_past_the_budget_then_resume_with_the_token(
    endpoint: testing.LocalAppFlow,
) -> None:
    client = own_client(endpoint, retry=fast_policy(max_attempts=3))
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector", times=3)

    with pytest.raises(TransportError) as caught:
        client.register_connector(register_request("conn_a"))

    error = caught.value
    assert error.outcome_unknown is True
    assert error.attempts == 3
    assert error.retry_safe
    assert error.client_token is not None
    assert error.botocore_error == "ConnectionClosedError"
    assert len(effects_of(endpoint, "RegisterConnector")) == 1  # applied, answer lost

    resumed = client.register_connector(register_request("conn_a", client_token=error.client_token))

    assert resumed.client_token == error.client_token
    assert resumed.attempts == 1
    assert len(effects_of(endpoint, "RegisterConnector")) == 1
    assert {r.client_token for r in requests_of(endpoint, "RegisterConnector")} == {error.client_token}


def test_throttled_past_the_budget_then_resume_with_the_token(endpoint: testing.LocalAppFlow) -> None:
    client = own_client(endpoint, retry=fast_policy(max_attempts=2))
    endpoint.inject(testing.Throttle(), operation="CreateConnectorProfile", times=2)
    client.register_connector(register_request("conn_a"))

    with pytest.raises(ThrottlingError) as caught:
        client.create_connector_profile(profile_request("profile_a", "conn_a"))
    assert caught.value.attempts == 2
    assert caught.value.client_token is not None
    assert effects_of(endpoint, "CreateConnectorProfile") == []

    request = attrs.evolve(profile_request("profile_a", "conn_a"), client_token=caught.value.client_token)
    result = client.create_connector_profile(request)
    assert result.client_token == caught.value.client_token
    assert len(effects_of(endpoint, "CreateConnectorProfile")) == 1


def test_a_failure_to_connect_is_a_known_outcome() -> None:
    with testing.LocalAppFlow() as endpoint:
        client = own_client(endpoint, retry=fast_policy(max_attempts=2))
    # The endpoint is stopped: nothing listens on its port any more.
    with pytest.raises(TransportError) as caught:
        client.register_connector(register_request("conn_a"))
    assert caught.value.outcome_unknown is False
    assert caught.value.attempts == 2
    assert caught.value.botocore_error == "EndpointConnectionError"


def test_an_unknown_outcome_is_remembered_across_later_connect_failures() -> None:
    endpoint = testing.LocalAppFlow().start()

    def stop_after_first(attempt: Attempt) -> None:
        if attempt.number == 1:
            endpoint.stop()  # later attempts find nothing listening

    client = own_client(
        endpoint, retry=RetryPolicy(max_attempts=3, sleep=lambda _: None, on_attempt=stop_after_first)
    )
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")
    with pytest.raises(TransportError) as caught:
        client.register_connector(register_request("conn_a"))
    assert caught.value.botocore_error == "EndpointConnectionError"
    assert caught.value.outcome_unknown is True  # attempt 1 was applied, its answer lost
    assert caught.value.attempts == 3
    assert len(effects_of(endpoint, "RegisterConnector")) == 1


# --- one retry owner ------------------------------------------------------------------


def test_every_attempt_of_a_call_carries_one_invocation_id(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    sent: list[tuple[str, str]] = []

    def record(request: Any, **_: Any) -> None:
        headers = request.headers  # prepared: the values are bytes
        sent.append(
            (
                headers["amz-sdk-invocation-id"].decode(),
                headers["amz-sdk-request"].decode(),
            )
        )

    client.boto3_client.meta.events.register("before-send.appflow", record)
    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=2)
    client.list_connectors()
    client.list_connectors()

    assert [header for _, header in sent] == [f"attempt={n}; max=5" for n in (1, 2, 3, 1)]
    first_call, second_call = {i for i, _ in sent[:3]}, {i for i, _ in sent[3:]}
    assert len(first_call) == 1
    assert len(second_call) == 1
    assert first_call != second_call


@pytest.mark.usefixtures("no_botocore_sleep")
@pytest.mark.parametrize("mode", ["standard", "legacy", "adaptive"])
def test_a_given_boto3_client_does_not_add_its_own_retries(
    endpoint: testing.LocalAppFlow, mode: Literal["standard", "legacy", "adaptive"]
) -> None:
    boto = endpoint.client(config=Config(retries={"mode": mode, "total_max_attempts": 10}))
    attempts = 3
    client = AppFlowClient(client=boto, retry=fast_policy(max_attempts=attempts))
    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=100)

    with pytest.raises(ThrottlingError) as caught:
        client.list_connectors()

    assert caught.value.attempts == attempts
    assert len(requests_of(endpoint, "ListConnectors")) == attempts

    if mode != "adaptive":  # its rate limiter sleeps for real: see test_retry_owner.py
        # The same boto3 client, called directly, keeps botocore's retries (10 attempts).
        with pytest.raises(botocore.exceptions.ClientError):
            boto.list_connectors()
        assert len(requests_of(endpoint, "ListConnectors")) == 3 + 10


@pytest.mark.parametrize("mode", ["legacy", "adaptive"])
def test_an_own_client_ignores_retry_settings_from_the_environment(
    endpoint: testing.LocalAppFlow, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "10")
    monkeypatch.setenv("AWS_RETRY_MODE", mode)
    client = own_client(endpoint, retry=fast_policy(max_attempts=2))
    endpoint.inject(testing.InternalError(), operation="ListConnectors", times=100)
    with pytest.raises(ServiceError):
        client.list_connectors()
    assert len(requests_of(endpoint, "ListConnectors")) == 2


def test_a_client_for_another_service_is_refused() -> None:
    import boto3

    s3 = boto3.Session(aws_access_key_id="x", aws_secret_access_key="y", region_name="us-east-1").client("s3")
    with pytest.raises(TypeError, match="appflow"):
        AppFlowClient(client=s3)
    with pytest.raises(TypeError, match="region_name"):
        AppFlowClient(client=s3, region_name="eu-west-1")


# --- clientToken age --------------------------------------------------------------------


def test_a_token_older_than_eight_hours_is_refused_locally(endpoint: testing.LocalAppFlow) -> None:
    clock = testing.ManualClock(1_700_000_000.0)
    client = own_client(endpoint, clock=clock)
    result = client.register_connector(register_request("conn_a"))
    assert result.client_token.startswith("aft1.1700000000000.")

    clock.advance(EIGHT_HOURS - 60)
    again = client.register_connector(register_request("conn_a", client_token=result.client_token))
    assert again.client_token == result.client_token

    clock.advance(120)
    sent_before = len(endpoint.requests)
    with pytest.raises(ClientTokenExpiredError) as caught:
        client.register_connector(register_request("conn_a", client_token=result.client_token))
    assert caught.value.client_token == result.client_token
    assert caught.value.age_seconds == pytest.approx(EIGHT_HOURS + 60)
    assert len(endpoint.requests) == sent_before
    assert len(effects_of(endpoint, "RegisterConnector")) == 1


def test_foreign_tokens_are_sent_as_they_are(endpoint: testing.LocalAppFlow) -> None:
    clock = testing.ManualClock(1_700_000_000.0)
    client = own_client(endpoint, clock=clock)
    clock.advance(10 * EIGHT_HOURS)
    result = client.register_connector(register_request("conn_a", client_token="order-42/registration"))
    assert result.client_token == "order-42/registration"
    assert requests_of(endpoint, "RegisterConnector")[0].client_token == "order-42/registration"


def test_a_custom_token_factory_is_called_once_per_logical_call(endpoint: testing.LocalAppFlow) -> None:
    minted: list[str] = []

    def factory() -> str:
        minted.append(f"tok-{len(minted)}")
        return minted[-1]

    client = AppFlowClient(client=endpoint.client(), retry=fast_policy(), token_factory=factory)
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector", times=2)
    result = client.register_connector(register_request("conn_a"))
    assert minted == ["tok-0"]
    assert result.client_token == "tok-0"
    assert {r.client_token for r in requests_of(endpoint, "RegisterConnector")} == {"tok-0"}


def test_a_token_from_the_factory_is_checked_before_anything_is_sent(
    endpoint: testing.LocalAppFlow,
) -> None:
    client = AppFlowClient(client=endpoint.client(), retry=fast_policy(), token_factory=lambda: "")
    with pytest.raises(ValidationError, match="clientToken"):
        client.register_connector(register_request("conn_a"))
    assert requests_of(endpoint, "RegisterConnector") == []


# --- deletes: no token ------------------------------------------------------------------


@pytest.fixture
def profile(client: AppFlowClient) -> str:
    client.register_connector(register_request("conn_a"))
    client.create_connector_profile(profile_request("profile_a", "conn_a"))
    return "profile_a"


def test_a_delete_whose_answer_was_lost_succeeds(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, profile: str
) -> None:
    endpoint.inject(testing.DropResponse(), operation="DeleteConnectorProfile")
    response = client.delete_connector_profile(connector_profile_name=profile)
    assert_type(response, DeleteConnectorProfileResponse)
    # Applied, answer lost; the retry finds the profile gone: that is the success.
    assert [r.status for r in requests_of(endpoint, "DeleteConnectorProfile")] == [None, 404]
    assert len(effects_of(endpoint, "DeleteConnectorProfile")) == 1
    assert profile not in endpoint.profiles


def test_a_delete_after_a_5xx_and_then_not_found_succeeds(
    endpoint: testing.LocalAppFlow, profile: str
) -> None:
    """A 5xx does not promise that nothing was applied: a following 404 means it is gone."""
    direct = endpoint.client()

    def vanish(attempt: Attempt) -> None:
        if attempt.retrying:  # stands in for the 5xx attempt having deleted it after all
            direct.delete_connector_profile(connectorProfileName=profile)

    client = own_client(endpoint, retry=RetryPolicy(sleep=lambda _: None, on_attempt=vanish))
    endpoint.inject(testing.InternalError(), operation="DeleteConnectorProfile")
    client.delete_connector_profile(connector_profile_name=profile)
    assert [r.status for r in requests_of(endpoint, "DeleteConnectorProfile")] == [500, 200, 404]


def test_not_found_on_the_first_attempt_is_an_error(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    with pytest.raises(ResourceNotFoundError) as caught:
        client.delete_connector_profile(connector_profile_name="never_created")
    assert caught.value.attempts == 1
    assert caught.value.client_token is None


def test_not_found_after_a_throttle_is_an_error(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    """A 429 applied nothing, so the retry's 404 is the real answer."""
    endpoint.inject(testing.Throttle(), operation="UnregisterConnector")
    with pytest.raises(ResourceNotFoundError) as caught:
        client.unregister_connector(connector_label="never_registered")
    assert caught.value.attempts == 2


def test_an_unregister_whose_answer_was_lost_succeeds(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.register_connector(register_request("conn_a"))
    endpoint.inject(testing.DropResponse(), operation="UnregisterConnector")
    client.unregister_connector(connector_label="conn_a")
    assert [r.status for r in requests_of(endpoint, "UnregisterConnector")] == [None, 404]
    assert len(effects_of(endpoint, "UnregisterConnector")) == 1


# --- pagination -------------------------------------------------------------------------


def test_iter_connectors_follows_next_token_with_retries_per_page(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    labels = {f"conn_{i}" for i in range(7)}
    for label in labels:
        client.register_connector(register_request(label))
    before = len(requests_of(endpoint, "ListConnectors"))
    endpoint.inject(testing.Throttle(), operation="ListConnectors")

    found = {c.connector_label for c in client.iter_connectors(max_results=2)}

    assert found == labels
    pages = requests_of(endpoint, "ListConnectors")[before:]
    assert len(pages) == 4 + 1  # four pages, one of them retried once
    assert [r.body.get("maxResults") for r in pages] == [2] * 5


def test_a_listed_connector_type_narrowed_by_is_known_describes_it(client: AppFlowClient) -> None:
    # README, "A tour of the models": the list -> narrow -> describe loop, run for real.
    for label in ("conn_a", "conn_b"):
        client.register_connector(register_request(label))
    described = []
    for detail in client.iter_connectors():
        if is_known(detail.connector_type, ConnectorType_VALUES):
            described.append(
                client.describe_connector(
                    connector_type=detail.connector_type, connector_label=detail.connector_label
                )
            )
    labels = {d.connector_configuration.connector_label for d in described if d.connector_configuration}
    assert labels == {"conn_a", "conn_b"}


def test_iter_connector_profiles_walks_every_page(client: AppFlowClient) -> None:
    client.register_connector(register_request("conn_a"))
    names = {f"profile_{i}" for i in range(5)}
    for name in names:
        client.create_connector_profile(profile_request(name, "conn_a"))
    profiles = list(client.iter_connector_profiles(max_results=2))
    assert_type(profiles[0], ConnectorProfile)
    assert {p.connector_profile_name for p in profiles} == names


def test_iter_connector_configurations_walks_every_page(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    items = list(client.iter_connector_configurations(connector_types=["Salesforce", "Slack", "S3"], max_results=1))
    assert [key for key, _ in items] == ["Salesforce", "Slack", "S3"]
    assert len(requests_of(endpoint, "DescribeConnectors")) == 3


def test_describe_and_list_return_typed_pages(client: AppFlowClient) -> None:
    client.register_connector(register_request("conn_a"))
    page = client.list_connectors(max_results=1)
    assert_type(page, ListConnectorsResponse)
    assert page.connectors is not None
    assert [c.connector_label for c in page.connectors] == ["conn_a"]
    described = client.describe_connector(connector_type="CustomConnector", connector_label="conn_a")
    assert described.connector_configuration is not None
    assert described.connector_configuration.connector_label == "conn_a"


# --- threads ----------------------------------------------------------------------------


def test_sixteen_threads_share_one_client_without_cross_talk(endpoint: testing.LocalAppFlow) -> None:
    client = own_client(endpoint, retry=fast_policy(max_attempts=12))
    endpoint.inject_randomly(
        rate=0.3,
        faults=[testing.Throttle(), testing.DropResponse(), testing.InternalError()],
        seed=1234,
        operations=["RegisterConnector"],
    )
    results: dict[str, Result[RegisterConnectorResponse]] = {}
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work(thread: int) -> None:
        try:
            for i in range(20):
                label = f"t{thread}_c{i}"
                result = client.register_connector(register_request(label))
                with lock:
                    results[label] = result
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    endpoint.stop_random_faults()

    assert errors == []
    assert len(results) == 320
    assert len({r.client_token for r in results.values()}) == 320
    for label, result in results.items():
        assert result.value.connector_arn is not None
        assert result.value.connector_arn.endswith(f"connector/{label}")
    effects = effects_of(endpoint, "RegisterConnector")
    assert sorted(e.resource for e in effects) == sorted(results)
    for effect in effects:
        assert effect.client_token == results[effect.resource].client_token
    for request in requests_of(endpoint, "RegisterConnector"):
        label = request.body["connectorLabel"]
        assert request.client_token == results[label].client_token
        assert request.attempt is not None
        assert request.attempt <= 12
    assert any(r.fault is not None for r in endpoint.requests)


# --- the typed surface ------------------------------------------------------------------


def test_request_objects_and_keywords_are_equivalent(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    by_object = client.register_connector(register_request("conn_a", client_token="tok-a"))
    by_keywords = client.register_connector(
        connector_label="conn_b",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=lambda_config(),
        client_token="tok-b",
    )
    assert_type(by_object, Result[RegisterConnectorResponse])
    assert_type(by_keywords, Result[RegisterConnectorResponse])
    bodies = [r.body for r in requests_of(endpoint, "RegisterConnector")]
    assert {k: v for k, v in bodies[0].items() if k not in ("connectorLabel", "clientToken")} == {
        k: v for k, v in bodies[1].items() if k not in ("connectorLabel", "clientToken")
    }


def test_the_client_has_a_method_per_operation_and_an_iterator_per_paged_one() -> None:
    # The public surface, as README names it: every operation of the service, named as boto3
    # names it; the generated table must produce all of it.
    boto_methods = {
        xform_name(name)
        for name in botocore.session.get_session().get_service_model("appflow").operation_names
    }
    assert len(boto_methods) == 25
    assert {op.method for op in OPERATIONS.values()} == boto_methods
    for method in boto_methods:
        assert callable(getattr(AppFlowClient, method))
    for name in (
        "iter_connector_profiles",
        "iter_connectors",
        "iter_connector_configurations",
        "iter_flows",
        "iter_flow_execution_records",
        "iter_connector_entities",
    ):
        assert callable(getattr(AppFlowClient, name))


@pytest.mark.parametrize("op", list(OPERATIONS.values()), ids=lambda op: op.name)
def test_keyword_arguments_are_exactly_the_request_fields(op: Operation[Any, Any]) -> None:
    positional, keywords = get_overloads(getattr(AppFlowClient, op.method))
    assert list(inspect.signature(positional).parameters) == ["self", "request"]
    # the surface imports the models for its annotations only (a method loads no models)
    namespace = {
        **{name: getattr(models, name) for name in models.__all__},
        **vars(sys.modules[keywords.__module__]),
    }
    hints = get_type_hints(keywords, namespace)
    hints.pop("return")
    fields = attrs.fields(op.request_cls)
    assert list(hints) == [f.name for f in fields]
    # a flow's source and tasks are one connector's in a call: the attributes, any connector's
    # (hints compared as objects: Python 3.10 reads a None default as Optional[...], whose
    # repr differs from `X | None`'s, not its value)
    tied = {py_name(m) for m in SOURCE_TIED.get(op.request_cls.__name__, ())}
    declared = get_type_hints(op.request_cls)
    assert {name: hint for name, hint in hints.items() if name not in tied} == {
        name: hint for name, hint in declared.items() if name not in tied
    }
    assert {name: repr(hints[name]) for name in tied} == {
        name: repr(declared[name]).replace("typing.Any", "~ConnectorT") for name in tied
    }
    signature = inspect.signature(keywords)
    for field in fields:
        param = signature.parameters[field.name]
        assert param.kind is inspect.Parameter.KEYWORD_ONLY
        want = inspect.Parameter.empty if field.default is attrs.NOTHING else field.default
        assert param.default == want, field.name


@pytest.mark.parametrize("op", list(OPERATIONS.values()), ids=lambda op: op.name)
def test_a_keyword_that_is_not_a_request_field_sends_nothing(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, op: Operation[Any, Any]
) -> None:
    with pytest.raises((TypeError, ValidationError)):
        getattr(client, op.method)(not_a_field="x")
    assert endpoint.requests == []


@pytest.mark.parametrize("op", [op for op in OPERATIONS.values() if op.paging], ids=lambda op: op.name)
def test_a_request_object_and_keywords_together_are_refused(
    client: AppFlowClient, op: Operation[Any, Any]
) -> None:
    required = {
        f.name: "flow-1"  # the one required member of a paged request (flowName)
        for f in attrs.fields(op.request_cls)
        if f.default is attrs.NOTHING
    }
    with pytest.raises(TypeError, match="not both"):
        getattr(client, op.method)(op.request_cls(**required), max_results=5)


# --- logs and messages stay free of secrets ---------------------------------------------


def test_log_lines_name_operation_attempt_token_and_code_but_no_secret(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.client._helpers import SECRETS

    caplog.set_level("DEBUG", logger="appflow_typed")
    client.register_connector(register_request("conn_a"))
    endpoint.inject(testing.Throttle(), operation="CreateConnectorProfile")
    endpoint.inject(testing.ServiceErrorFault(code="ConflictException", status=409), operation="UpdateConnectorProfile")
    result = client.create_connector_profile(profile_request("profile_a", "conn_a"))
    with pytest.raises(ConflictError) as caught:
        client.update_connector_profile(
            connector_profile_name="profile_a", connection_mode="Public", connector_profile_config=custom_profile_config()
        )

    ours = [r.getMessage() for r in caplog.records if r.name == "appflow_typed"]
    token = result.client_token
    assert f"CreateConnectorProfile attempt 1/5 (clientToken={token})" in ours
    assert any(
        m.startswith("CreateConnectorProfile attempt 1/5 failed with ThrottlingException; retrying in ")
        and m.endswith(f"(clientToken={token})")
        for m in ours
    )
    assert "UpdateConnectorProfile: ConflictException is not retryable" in ours
    texts = [*ours, str(caught.value), repr(caught.value), repr(result), repr(client)]
    texts += [repr(profile_request("pp", "cc"))]
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def test_the_policy_hook_reports_each_attempt(endpoint: testing.LocalAppFlow) -> None:
    seen: list[Attempt] = []
    client = own_client(
        endpoint, retry=RetryPolicy(sleep=lambda _: None, random=lambda: 0.0, on_attempt=seen.append)
    )
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")
    result = client.register_connector(register_request("conn_a"))
    assert [(a.number, a.outcome, a.retrying) for a in seen] == [
        (1, "ConnectionClosedError", True),
        (2, "ok", False),
    ]
    assert {a.client_token for a in seen} == {result.client_token}


def test_exact_backoff_delays_against_the_endpoint(endpoint: testing.LocalAppFlow) -> None:
    delays: list[float] = []
    client = own_client(
        endpoint,
        retry=RetryPolicy(base_delay=0.2, max_delay=1.0, sleep=delays.append, random=lambda: 0.5),
    )
    endpoint.inject(testing.Throttle(), operation="ListConnectors", times=4)
    client.list_connectors()
    assert delays == [0.1, 0.2, 0.4, 0.5]


def test_with_options_shares_the_boto3_client(endpoint: testing.LocalAppFlow) -> None:
    client = own_client(endpoint)
    strict = client.with_options(retry=RetryPolicy(max_attempts=1))
    assert strict.boto3_client is client.boto3_client
    assert strict.retry_policy.max_attempts == 1
    endpoint.inject(testing.Throttle(), operation="ListConnectors")
    with pytest.raises(ThrottlingError):
        strict.list_connectors()
    assert len(requests_of(endpoint, "ListConnectors")) == 1
    assert isinstance(client.new_client_token(), str)



# --- interrupted calls and late failures --------------------------------------------------


class Interrupted(Exception):
    """Raised by a test's hook to stop a call between attempts."""


def _notes(exc: BaseException) -> list[str]:
    return list(getattr(exc, "__notes__", []))


def test_a_call_stopped_by_the_attempt_hook_keeps_its_token_reachable(
    endpoint: testing.LocalAppFlow,
) -> None:
    def hook(attempt: Attempt) -> None:
        if attempt.retrying:
            raise Interrupted

    policy = RetryPolicy(max_attempts=3, sleep=lambda _: None, on_attempt=hook)
    client = own_client(endpoint, retry=policy)
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")
    with pytest.raises(Interrupted) as raised:
        client.register_connector(register_request("conn_a"))
    token = requests_of(endpoint, "RegisterConnector")[0].client_token
    assert token is not None
    assert any(token in note and "may have been applied" in note for note in _notes(raised.value))


def test_a_call_interrupted_in_its_backoff_keeps_its_token_reachable(
    endpoint: testing.LocalAppFlow,
) -> None:
    def sleep(_: float) -> None:
        raise KeyboardInterrupt

    client = own_client(endpoint, retry=RetryPolicy(max_attempts=3, sleep=sleep))
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")
    with pytest.raises(KeyboardInterrupt) as raised:
        client.register_connector(register_request("conn_a", client_token="tok-kept"))
    assert any("tok-kept" in note for note in _notes(raised.value))


def test_a_call_interrupted_before_any_attempt_gets_no_note(endpoint: testing.LocalAppFlow) -> None:
    def factory() -> str:
        raise Interrupted

    client = AppFlowClient(client=endpoint.client(), retry=fast_policy(), token_factory=factory)
    with pytest.raises(Interrupted) as raised:
        client.register_connector(register_request("conn_a"))
    assert _notes(raised.value) == []


def test_an_error_after_a_lost_answer_says_an_attempt_may_have_been_applied(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")
    endpoint.inject(
        testing.ServiceErrorFault(code="AccessDeniedException", status=403, message="denied"),
        operation="RegisterConnector",
    )
    with pytest.raises(AccessDeniedError) as raised:
        client.register_connector(register_request("conn_a"))
    assert raised.value.outcome_unknown
    assert not raised.value.retry_safe
    assert "outcome is unknown" in str(raised.value)
    assert raised.value.attempts == 2


def test_the_token_age_is_checked_after_the_backoff(endpoint: testing.LocalAppFlow) -> None:
    clock = testing.ManualClock(1_700_000_000.0)

    def sleep(_: float) -> None:
        clock.advance(EIGHT_HOURS + 1)  # the process was suspended while it slept

    client = own_client(endpoint, retry=RetryPolicy(max_attempts=3, sleep=sleep), clock=clock)
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")
    with pytest.raises(ClientTokenExpiredError):
        client.register_connector(register_request("conn_a"))
    assert len(requests_of(endpoint, "RegisterConnector")) == 1


# --- the public converter is on the call path -------------------------------------------


def test_a_hook_on_the_public_converter_applies_to_what_the_client_sends_and_returns(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    import appflow_typed
    from appflow_typed.models import RegisterConnectorRequest

    converter = appflow_typed.converter
    ours_out = converter.get_unstructure_hook(RegisterConnectorRequest)
    ours_in = converter.get_structure_hook(RegisterConnectorResponse)

    def described(request: RegisterConnectorRequest) -> dict[str, Any]:
        return {**ours_out(request), "description": "sent through the converter"}

    def tagged(data: Any, cls: Any) -> RegisterConnectorResponse:
        parsed: RegisterConnectorResponse = ours_in(data, cls)
        return attrs.evolve(parsed, connector_arn=f"{parsed.connector_arn}#seen")

    converter.register_unstructure_hook(RegisterConnectorRequest, described)
    converter.register_structure_hook(RegisterConnectorResponse, tagged)
    try:
        result = client.register_connector(register_request("conn_hooked"))
    finally:
        converter.register_unstructure_hook(RegisterConnectorRequest, ours_out)
        converter.register_structure_hook(RegisterConnectorResponse, ours_in)
    [sent] = requests_of(endpoint, "RegisterConnector")
    assert sent.body["description"] == "sent through the converter"
    assert result.value.connector_arn is not None
    assert result.value.connector_arn.endswith("#seen")
    # restored: the next call is ours again
    again = client.register_connector(register_request("conn_plain"))
    assert again.value.connector_arn is not None
    assert not again.value.connector_arn.endswith("#seen")
    assert "description" not in requests_of(endpoint, "RegisterConnector")[-1].body
