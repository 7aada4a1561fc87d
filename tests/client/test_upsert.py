"""create_or_update_connector_profile and register_or_update_connector against the local
endpoint: created, unchanged, updated, credentials, races with another writer, lost responses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from appflow_typed import testing
from appflow_typed._client import AppFlowClient
from appflow_typed._retry import Attempt
from appflow_typed._upsert import CREDENTIALS, UpsertResult
from appflow_typed.errors import AppflowTypedError, ConflictError, ValidationError
from appflow_typed.models import (
    ConnectorProfileConfig,
    ConnectorProfileProperties,
    CreateConnectorProfileRequest,
    CustomConnectorProfileProperties,
    RegisterConnectorRequest,
)
from tests.client._helpers import (
    LAMBDA_ARN,
    CustomConnector,
    fast_policy,
    lambda_config,
    own_client,
    profile_request,
    register_request,
)

OTHER_LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-connector-v2"
PROPERTIES_PATH = "connectorProfileConfig.connectorProfileProperties"


@pytest.fixture
def endpoint(appflow_endpoint: testing.LocalAppFlow) -> testing.LocalAppFlow:
    return appflow_endpoint


@pytest.fixture
def client(endpoint: testing.LocalAppFlow) -> Iterator[AppFlowClient]:
    with own_client(endpoint) as appflow:
        yield appflow


def writes(endpoint: testing.LocalAppFlow) -> list[str]:
    """The operations of the committed state changes, in order."""
    return [e.operation for e in endpoint.effects]


def sent(endpoint: testing.LocalAppFlow, operation: str) -> list[testing.ReceivedRequest]:
    return [r for r in endpoint.requests if r.operation == operation]


def without_credentials(
    request: CreateConnectorProfileRequest[CustomConnector],
) -> CreateConnectorProfileRequest[CustomConnector]:
    config = request.connector_profile_config
    return attrs.evolve(
        request,
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=config.connector_profile_properties
        ),
    )


def with_region(
    request: CreateConnectorProfileRequest[CustomConnector], region: str
) -> CreateConnectorProfileRequest[CustomConnector]:
    config = request.connector_profile_config
    return attrs.evolve(
        request,
        connector_profile_config=ConnectorProfileConfig(
            connector_profile_properties=ConnectorProfileProperties(
                custom_connector=CustomConnectorProfileProperties(
                    profile_properties={"region": region}
                )
            ),
            connector_profile_credentials=config.connector_profile_credentials,
        ),
    )


def after(operation: str, action: Callable[[], object]) -> Callable[[Attempt], None]:
    """An ``on_attempt`` hook: run ``action`` (another writer) once, after ``operation``."""
    done: list[bool] = []

    def hook(attempt: Attempt) -> None:
        if attempt.operation == operation and not done:
            done.append(True)
            action()

    return hook


def racing_client(client: AppFlowClient, hook: Callable[[Attempt], None]) -> AppFlowClient:
    return client.with_options(retry=attrs.evolve(fast_policy(), on_attempt=hook))


# --- connector profiles ---------------------------------------------------------------------


@pytest.fixture
def registered(client: AppFlowClient) -> None:
    client.register_connector(register_request("conn_a"))


@pytest.mark.usefixtures("registered")
def test_an_absent_profile_is_created(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    outcome = client.create_or_update_connector_profile(profile_request("profile_a", "conn_a"))

    assert outcome.action == "created"
    assert outcome.arn == endpoint.profiles["profile_a"].arn
    assert outcome.changed == ()
    assert outcome.attempts == 1
    assert not outcome.fell_back
    [create] = [e for e in endpoint.effects if e.operation == "CreateConnectorProfile"]
    assert create.client_token == outcome.client_token


@pytest.mark.usefixtures("registered")
def test_the_same_profile_without_credentials_is_unchanged(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = without_credentials(profile_request("profile_a", "conn_a"))
    client.create_or_update_connector_profile(desired)
    effects = len(endpoint.effects)

    outcome = client.create_or_update_connector_profile(desired)

    assert outcome == UpsertResult(action="unchanged", arn=endpoint.profiles["profile_a"].arn)
    assert len(endpoint.effects) == effects
    assert sent(endpoint, "UpdateConnectorProfile") == []


@pytest.mark.usefixtures("registered")
def test_given_credentials_always_update_an_existing_profile(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = profile_request("profile_a", "conn_a")
    client.create_or_update_connector_profile(desired)

    outcome = client.create_or_update_connector_profile(desired)

    assert outcome.action == "updated"
    assert outcome.changed == (CREDENTIALS,)
    assert writes(endpoint)[-1] == "UpdateConnectorProfile"
    assert endpoint.effects[-1].client_token == outcome.client_token


@pytest.mark.usefixtures("registered")
def test_credentials_can_be_left_to_the_create(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = profile_request("profile_a", "conn_a")
    client.create_or_update_connector_profile(desired)
    stored = endpoint.profiles["profile_a"].credentials

    same = client.create_or_update_connector_profile(desired, update_credentials=False)
    changed = client.create_or_update_connector_profile(
        with_region(desired, "us"), update_credentials=False
    )

    assert same.action == "unchanged"
    assert changed.action == "updated"
    assert changed.changed == (PROPERTIES_PATH,)
    [update] = sent(endpoint, "UpdateConnectorProfile")
    assert "connectorProfileCredentials" not in update.body["connectorProfileConfig"]
    assert endpoint.profiles["profile_a"].credentials == stored


@pytest.mark.usefixtures("registered")
def test_changed_properties_and_mode_update_the_profile(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = without_credentials(profile_request("profile_a", "conn_a"))
    client.create_or_update_connector_profile(desired)

    outcome = client.create_or_update_connector_profile(
        attrs.evolve(with_region(desired, "us"), connection_mode="Private")
    )

    assert outcome.action == "updated"
    assert outcome.changed == ("connectionMode", PROPERTIES_PATH)
    stored = endpoint.profiles["profile_a"]
    assert stored.connection_mode == "Private"
    assert stored.properties == {"CustomConnector": {"profileProperties": {"region": "us"}}}


@pytest.mark.usefixtures("registered")
def test_a_profile_of_another_connector_is_not_overwritten(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.register_connector(register_request("conn_b"))
    client.create_or_update_connector_profile(profile_request("profile_a", "conn_a"))
    effects = len(endpoint.effects)

    with pytest.raises(AppflowTypedError, match=r"conn_a.*cannot change"):
        client.create_or_update_connector_profile(profile_request("profile_a", "conn_b"))
    assert len(endpoint.effects) == effects


@pytest.mark.usefixtures("registered")
def test_a_profile_created_meanwhile_is_updated(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    other = endpoint.client()
    desired = with_region(profile_request("profile_a", "conn_a"), "us")
    create_first = after(
        "DescribeConnectorProfiles",
        lambda: other.create_connector_profile(
            connectorProfileName="profile_a",
            connectorType="CustomConnector",
            connectorLabel="conn_a",
            connectionMode="Public",
            connectorProfileConfig={
                "connectorProfileProperties": {"CustomConnector": {"profileProperties": {}}}
            },
        ),
    )

    outcome = racing_client(client, create_first).create_or_update_connector_profile(desired)

    assert outcome.action == "updated"
    assert outcome.fell_back
    assert outcome.changed == (CREDENTIALS,)
    assert [r.status for r in sent(endpoint, "CreateConnectorProfile")] == [200, 409]
    assert writes(endpoint)[-2:] == ["CreateConnectorProfile", "UpdateConnectorProfile"]
    assert endpoint.effects[-1].client_token == outcome.client_token
    assert endpoint.profiles["profile_a"].properties == {
        "CustomConnector": {"profileProperties": {"region": "us"}}
    }


@pytest.mark.usefixtures("registered")
def test_a_profile_deleted_meanwhile_is_created(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = profile_request("profile_a", "conn_a")
    client.create_or_update_connector_profile(desired)
    other = endpoint.client()
    delete_first = after(
        "DescribeConnectorProfiles",
        lambda: other.delete_connector_profile(connectorProfileName="profile_a"),
    )

    outcome = racing_client(client, delete_first).create_or_update_connector_profile(desired)

    assert outcome.action == "created"
    assert outcome.fell_back
    assert [r.status for r in sent(endpoint, "UpdateConnectorProfile")] == [404]
    assert writes(endpoint)[-2:] == ["DeleteConnectorProfile", "CreateConnectorProfile"]
    assert outcome.arn == endpoint.profiles["profile_a"].arn


@pytest.mark.usefixtures("registered")
def test_a_conflict_that_is_no_race_is_raised(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    """A ConflictException on the create, yet no profile to update: the update's
    ResourceNotFound goes up; one fallback at most."""
    endpoint.inject(
        testing.ServiceErrorFault(code="ConflictException", status=409, message="busy"),
        operation="CreateConnectorProfile",
    )

    with pytest.raises(AppflowTypedError) as raised:
        client.create_or_update_connector_profile(profile_request("profile_a", "conn_a"))

    assert type(raised.value).__name__ == "ResourceNotFoundError"
    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None
    assert "profile_a" not in endpoint.profiles


@pytest.mark.parametrize("operation", ["CreateConnectorProfile", "UpdateConnectorProfile"])
@pytest.mark.usefixtures("registered")
def test_a_lost_write_response_is_applied_once(
    endpoint: testing.LocalAppFlow, client: AppFlowClient, operation: str
) -> None:
    desired = profile_request("profile_a", "conn_a")
    if operation == "UpdateConnectorProfile":
        client.create_or_update_connector_profile(desired)
    endpoint.inject(testing.DropResponse(), operation=operation)

    outcome = client.create_or_update_connector_profile(desired)

    assert outcome.attempts == 2
    attempts = sent(endpoint, operation)
    assert [r.client_token for r in attempts] == [outcome.client_token] * 2
    assert writes(endpoint).count(operation) == 1


@pytest.mark.usefixtures("registered")
def test_a_given_token_goes_on_the_write_made(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    create = client.create_or_update_connector_profile(
        attrs.evolve(profile_request("profile_a", "conn_a"), client_token="deploy-42-a")
    )
    update = client.create_or_update_connector_profile(
        attrs.evolve(profile_request("profile_a", "conn_a"), client_token="deploy-42-b")
    )

    assert (create.client_token, update.client_token) == ("deploy-42-a", "deploy-42-b")
    assert [e.client_token for e in endpoint.effects[-2:]] == ["deploy-42-a", "deploy-42-b"]


@pytest.mark.usefixtures("registered")
def test_keyword_arguments_work_like_the_create(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = profile_request("profile_a", "conn_a")
    outcome = client.create_or_update_connector_profile(
        connector_profile_name="profile_a",
        connector_type="CustomConnector",
        connector_label="conn_a",
        connection_mode="Public",
        connector_profile_config=desired.connector_profile_config,
        update_credentials=False,
    )
    assert outcome.action == "created"
    with pytest.raises(TypeError, match="not both"):
        client.create_or_update_connector_profile(desired, connection_mode="Public")  # type: ignore[call-overload]


# --- connector registrations ----------------------------------------------------------------


def test_an_absent_connector_is_registered(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    outcome = client.register_or_update_connector(register_request("conn_a"))

    assert outcome.action == "created"
    assert outcome.arn == endpoint.connectors["conn_a"].arn
    assert writes(endpoint) == ["RegisterConnector"]
    assert endpoint.effects[0].client_token == outcome.client_token


def test_the_same_registration_is_unchanged(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = attrs.evolve(register_request("conn_a"), description="v1")
    client.register_or_update_connector(desired)

    outcome = client.register_or_update_connector(desired)
    without_description = client.register_or_update_connector(register_request("conn_a"))

    assert outcome == UpsertResult(action="unchanged", arn=endpoint.connectors["conn_a"].arn)
    assert without_description.action == "unchanged"
    assert writes(endpoint) == ["RegisterConnector"]


@pytest.mark.parametrize(
    ("change", "changed"),
    [
        ({"description": "v2"}, ("description",)),
        (
            {"connector_provisioning_config": lambda_config(OTHER_LAMBDA_ARN)},
            ("connectorProvisioningConfig",),
        ),
    ],
)
def test_a_changed_registration_is_updated(
    endpoint: testing.LocalAppFlow,
    client: AppFlowClient,
    change: dict[str, Any],
    changed: tuple[str, ...],
) -> None:
    desired = attrs.evolve(register_request("conn_a"), description="v1")
    client.register_or_update_connector(desired)

    outcome = client.register_or_update_connector(attrs.evolve(desired, **change))

    assert outcome.action == "updated"
    assert outcome.changed == changed
    assert writes(endpoint) == ["RegisterConnector", "UpdateConnectorRegistration"]
    assert endpoint.effects[-1].client_token == outcome.client_token
    stored = endpoint.connectors["conn_a"]
    assert stored.description == change.get("description", "v1")


def test_a_connector_registered_meanwhile_is_updated(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    other = endpoint.client()
    register_first = after(
        "DescribeConnector",
        lambda: other.register_connector(
            connectorLabel="conn_a",
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
        ),
    )
    desired = attrs.evolve(register_request("conn_a"), description="mine")

    outcome = racing_client(client, register_first).register_or_update_connector(desired)

    assert (outcome.action, outcome.fell_back) == ("updated", True)
    assert [r.status for r in sent(endpoint, "RegisterConnector")] == [200, 409]
    assert endpoint.connectors["conn_a"].description == "mine"


def test_a_connector_unregistered_meanwhile_is_registered(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    client.register_or_update_connector(register_request("conn_a"))
    other = endpoint.client()
    unregister_first = after(
        "DescribeConnector", lambda: other.unregister_connector(connectorLabel="conn_a")
    )
    desired = attrs.evolve(register_request("conn_a"), description="mine")

    outcome = racing_client(client, unregister_first).register_or_update_connector(desired)

    assert (outcome.action, outcome.fell_back) == ("created", True)
    assert writes(endpoint) == ["RegisterConnector", "UnregisterConnector", "RegisterConnector"]
    assert endpoint.connectors["conn_a"].description == "mine"


def test_a_lost_registration_response_is_applied_once(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")

    outcome = client.register_or_update_connector(register_request("conn_a"))

    assert (outcome.action, outcome.attempts) == ("created", 2)
    assert writes(endpoint) == ["RegisterConnector"]


def test_a_registration_needs_a_label(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    desired = RegisterConnectorRequest(
        connector_provisioning_type="LAMBDA", connector_provisioning_config=lambda_config()
    )
    with pytest.raises(ValidationError, match="connectorLabel"):
        client.register_or_update_connector(desired)
    assert endpoint.requests == []


def test_errors_other_than_a_race_go_up(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    endpoint.inject(
        testing.ServiceErrorFault(code="AccessDeniedException", status=403, message="no"),
        operation="DescribeConnector",
    )
    with pytest.raises(AppflowTypedError) as raised:
        client.register_or_update_connector(register_request("conn_a"))
    assert not isinstance(raised.value, ConflictError)
    assert type(raised.value).__name__ == "AccessDeniedError"
    assert endpoint.effects == []
