"""Each operation's happy path and the service's semantics, through a real boto3 client."""

from __future__ import annotations

import datetime

import pytest
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import DEFAULT_MAX_RESULTS, LocalAppFlow, ManualClock
from tests.endpoint.conftest import (
    LAMBDA_ARN,
    SECRET,
    create_profile,
    custom_config,
    register,
    salesforce_config,
)

ACCOUNT = "123456789012"


def test_register_describe_list_update_unregister(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    arn = register(client, "my-connector", description="First version")
    assert arn == f"arn:aws:appflow:us-east-1:{ACCOUNT}:connector/my-connector"

    described = client.describe_connector(
        connectorType="CustomConnector", connectorLabel="my-connector"
    )["connectorConfiguration"]
    assert described["connectorLabel"] == "my-connector"
    assert described["connectorType"] == "CustomConnector"
    assert described["connectorArn"] == arn
    assert described["connectorDescription"] == "First version"
    assert described["connectorProvisioningType"] == "LAMBDA"
    assert described["connectorProvisioningConfig"] == {"lambda": {"lambdaArn": LAMBDA_ARN}}
    assert isinstance(described["registeredAt"], datetime.datetime)

    listed = client.list_connectors()["connectors"]
    assert [c["connectorLabel"] for c in listed] == ["my-connector"]
    assert listed[0]["connectorType"] == "CustomConnector"

    new_lambda = LAMBDA_ARN + "-v2"
    updated = client.update_connector_registration(
        connectorLabel="my-connector",
        description="Second version",
        connectorProvisioningConfig={"lambda": {"lambdaArn": new_lambda}},
    )
    assert updated["connectorArn"] == arn
    stored = endpoint.connectors["my-connector"]
    assert stored.description == "Second version"
    assert stored.provisioning_config == {"lambda": {"lambdaArn": new_lambda}}

    client.unregister_connector(connectorLabel="my-connector")
    assert client.list_connectors()["connectors"] == []
    assert [(e.operation, e.resource) for e in endpoint.effects] == [
        ("RegisterConnector", "my-connector"),
        ("UpdateConnectorRegistration", "my-connector"),
        ("UnregisterConnector", "my-connector"),
    ]


def test_timestamps_come_from_the_clock() -> None:
    clock = ManualClock(start=1_700_000_000.0)
    with LocalAppFlow(clock=clock) as endpoint:
        client = endpoint.client()
        register(client, "timed")
        clock.advance(60)
        create_profile(client, "timed-profile", connector_label="timed")
        clock.advance(60)
        client.update_connector_profile(
            connectorProfileName="timed-profile",
            connectionMode="Private",
            connectorProfileConfig=custom_config(),
        )
        detail = client.describe_connector_profiles()["connectorProfileDetails"][0]
        registered = client.list_connectors()["connectors"][0]["registeredAt"]
        client.close()
    assert registered.timestamp() == 1_700_000_000.0
    assert detail["createdAt"].timestamp() == 1_700_000_060.0
    assert detail["lastUpdatedAt"].timestamp() == 1_700_000_120.0
    assert detail["connectionMode"] == "Private"
    assert [e.time for e in endpoint.effects] == [1_700_000_000.0, 1_700_000_060.0,
                                                  1_700_000_120.0]


def test_register_existing_label_conflicts(client: AppflowClient) -> None:
    register(client, "dup")
    with pytest.raises(client.exceptions.ConflictException):
        register(client, "dup")


def test_register_lambda_without_lambda_config_is_invalid(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="lambda"):
        client.register_connector(
            connectorLabel="nolambda", connectorProvisioningType="LAMBDA"
        )
    with pytest.raises(client.exceptions.ValidationException, match="lambda"):
        client.register_connector(
            connectorLabel="nolambda",
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={},
        )
    assert endpoint.effects == []


def test_missing_connector_is_not_found(client: AppflowClient) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.update_connector_registration(connectorLabel="ghost", description="x")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_connector(connectorType="CustomConnector", connectorLabel="ghost")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.unregister_connector(connectorLabel="ghost")


def test_unregister_in_use_conflicts_unless_forced(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    register(client, "used")
    create_profile(client, "uses-it", connector_label="used")
    with pytest.raises(client.exceptions.ConflictException, match="uses-it"):
        client.unregister_connector(connectorLabel="used")
    assert "used" in endpoint.connectors
    client.unregister_connector(connectorLabel="used", forceDelete=True)
    assert "used" not in endpoint.connectors


def test_profile_lifecycle(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    arn = create_profile(client, "sf")
    assert arn == f"arn:aws:appflow:us-east-1:{ACCOUNT}:connectorprofile/sf"
    with pytest.raises(client.exceptions.ConflictException):
        create_profile(client, "sf")

    client.update_connector_profile(
        connectorProfileName="sf",
        connectionMode="Public",
        connectorProfileConfig={
            "connectorProfileProperties": {
                "Salesforce": {"instanceUrl": "https://other.my.salesforce.com"}
            }
        },
    )
    stored = endpoint.profiles["sf"]
    assert stored.properties == {"Salesforce": {"instanceUrl": "https://other.my.salesforce.com"}}
    # Credentials are kept when an update does not send any.
    assert stored.credentials == salesforce_config()["connectorProfileCredentials"]
    assert SECRET not in repr(stored)
    assert stored.credentials_arn.startswith(f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:")

    client.delete_connector_profile(connectorProfileName="sf")
    assert endpoint.profiles == {}
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_connector_profile(connectorProfileName="sf")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.update_connector_profile(
            connectorProfileName="sf",
            connectionMode="Public",
            connectorProfileConfig=salesforce_config(),
        )


def test_describe_never_returns_credentials(client: AppflowClient) -> None:
    register(client, "cc")
    create_profile(client, "with-secret", connector_label="cc")
    create_profile(client, "sf")
    response = client.describe_connector_profiles()
    details = response["connectorProfileDetails"]
    assert [d["connectorProfileName"] for d in details] == ["with-secret", "sf"]
    for detail in details:
        assert "connectorProfileCredentials" not in detail
        assert detail["connectorProfileProperties"]
        assert detail["credentialsArn"].startswith("arn:aws:secretsmanager:")
    assert details[0]["connectorLabel"] == "cc"
    assert SECRET not in repr(response)


def test_describe_connector_profiles_filters(client: AppflowClient) -> None:
    register(client, "cc")
    create_profile(client, "custom-1", connector_label="cc")
    create_profile(client, "sf-1")

    def names(**filters: str | list[str]) -> list[str]:
        found = client.describe_connector_profiles(**filters)  # type: ignore[arg-type]
        return [d["connectorProfileName"] for d in found["connectorProfileDetails"]]

    assert names(connectorType="Salesforce") == ["sf-1"]
    assert names(connectorLabel="cc") == ["custom-1"]
    assert names(connectorProfileNames=["sf-1", "missing"]) == ["sf-1"]


@pytest.mark.parametrize(
    ("properties", "credentials", "fragment"),
    [
        ({"Slack": {"instanceUrl": "https://x.slack.com"}}, None, "does not match connectorType"),
        ({}, None, "exactly one connector"),
        (
            {
                "Salesforce": {"instanceUrl": "https://a"},
                "Slack": {"instanceUrl": "https://b"},
            },
            None,
            "exactly one connector",
        ),
        (
            {"Salesforce": {"instanceUrl": "https://a"}},
            {"Slack": {"clientId": "id", "clientSecret": SECRET}},
            "connectorProfileCredentials names Slack",
        ),
    ],
)
def test_profile_connector_must_match(
    endpoint: LocalAppFlow,
    client: AppflowClient,
    properties: dict[str, object],
    credentials: dict[str, object] | None,
    fragment: str,
) -> None:
    config: dict[str, object] = {"connectorProfileProperties": properties}
    if credentials is not None:
        config["connectorProfileCredentials"] = credentials
    with pytest.raises(client.exceptions.ValidationException, match=fragment) as caught:
        client.create_connector_profile(
            connectorProfileName="mismatch",
            connectorType="Salesforce",
            connectionMode="Public",
            connectorProfileConfig=config,  # type: ignore[arg-type]
        )
    assert SECRET not in str(caught.value)
    assert endpoint.profiles == {}


@pytest.mark.parametrize(
    ("member", "connector_type"),
    [("GoogleAnalytics", "Googleanalytics"), ("ServiceNow", "Servicenow"),
     ("InforNexus", "Infornexus")],
)
def test_irregular_connector_type_names(
    client: AppflowClient, member: str, connector_type: str
) -> None:
    properties = {} if member == "GoogleAnalytics" else {"instanceUrl": "https://x.example"}
    client.create_connector_profile(
        connectorProfileName=f"p-{member}",
        connectorType=connector_type,  # type: ignore[arg-type]
        connectionMode="Public",
        connectorProfileConfig={"connectorProfileProperties": {member: properties}},  # type: ignore[typeddict-item]
    )


def test_custom_connector_profile_needs_a_registered_label(
    endpoint: LocalAppFlow, client: AppflowClient
) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="connectorLabel is required"):
        client.create_connector_profile(
            connectorProfileName="p",
            connectorType="CustomConnector",
            connectionMode="Public",
            connectorProfileConfig=custom_config(),
        )
    with pytest.raises(client.exceptions.ResourceNotFoundException, match="not registered"):
        create_profile(client, "p", connector_label="not-registered")
    with pytest.raises(client.exceptions.ValidationException, match="only valid"):
        client.create_connector_profile(
            connectorProfileName="p",
            connectorType="Salesforce",
            connectorLabel="not-registered",
            connectionMode="Public",
            connectorProfileConfig=salesforce_config(),
        )
    assert endpoint.profiles == {}


def test_describe_builtin_connector(client: AppflowClient) -> None:
    config = client.describe_connector(connectorType="Salesforce")["connectorConfiguration"]
    assert config["connectorType"] == "Salesforce"
    assert config["canUseAsSource"] is True
    with pytest.raises(client.exceptions.ValidationException, match="connectorLabel"):
        client.describe_connector(connectorType="CustomConnector")


def test_describe_connectors(client: AppflowClient) -> None:
    register(client, "cc")
    response = client.describe_connectors(connectorTypes=["S3", "CustomConnector"])
    assert set(response["connectorConfigurations"]) == {"S3"}
    assert [c["connectorLabel"] for c in response["connectors"]] == ["cc"]
    everything = client.describe_connectors(maxResults=100)
    assert "Salesforce" in everything["connectorConfigurations"]
    assert "CustomConnector" not in everything["connectorConfigurations"]
    assert [c["connectorLabel"] for c in everything["connectors"]] == ["cc"]


def test_list_connectors_paginates(client: AppflowClient) -> None:
    labels = [f"conn-{i:02d}" for i in range(DEFAULT_MAX_RESULTS + 5)]
    for label in labels:
        register(client, label)
    first = client.list_connectors()
    assert len(first["connectors"]) == DEFAULT_MAX_RESULTS
    second = client.list_connectors(nextToken=first["nextToken"])
    assert "nextToken" not in second
    assert [c["connectorLabel"] for c in first["connectors"] + second["connectors"]] == labels

    seen: list[str] = []
    token: str | None = None
    while True:
        page = (client.list_connectors(maxResults=7, nextToken=token) if token
                else client.list_connectors(maxResults=7))
        assert len(page["connectors"]) <= 7
        seen.extend(c["connectorLabel"] for c in page["connectors"])
        token = page.get("nextToken")
        if token is None:
            break
    assert seen == labels


def test_describe_connector_profiles_paginates(client: AppflowClient) -> None:
    names = [f"sf-{i}" for i in range(5)]
    for name in names:
        create_profile(client, name)
    first = client.describe_connector_profiles(maxResults=2)
    second = client.describe_connector_profiles(maxResults=2, nextToken=first["nextToken"])
    third = client.describe_connector_profiles(maxResults=2, nextToken=second["nextToken"])
    assert "nextToken" not in third
    pages = [first, second, third]
    assert [d["connectorProfileName"] for p in pages for d in p["connectorProfileDetails"]] == names


def test_describe_connectors_paginates(client: AppflowClient) -> None:
    register(client, "a1")
    register(client, "a2")
    first = client.describe_connectors(connectorTypes=["S3", "CustomConnector"], maxResults=2)
    assert set(first["connectorConfigurations"]) == {"S3"}
    assert [c["connectorLabel"] for c in first["connectors"]] == ["a1"]
    second = client.describe_connectors(
        connectorTypes=["S3", "CustomConnector"], maxResults=2, nextToken=first["nextToken"]
    )
    assert second["connectorConfigurations"] == {}
    assert [c["connectorLabel"] for c in second["connectors"]] == ["a2"]
    assert "nextToken" not in second


@pytest.mark.parametrize("token", ["garbage", "eyJvIjogMiwgInMiOiAiMDAwIn0="])
def test_invalid_next_token(client: AppflowClient, token: str) -> None:
    with pytest.raises(client.exceptions.ValidationException, match="nextToken"):
        client.list_connectors(nextToken=token)
    with pytest.raises(client.exceptions.ValidationException, match="nextToken"):
        client.describe_connector_profiles(nextToken=token)


def test_next_token_of_another_operation_is_invalid(client: AppflowClient) -> None:
    for i in range(3):
        register(client, f"c{i}")
    token = client.list_connectors(maxResults=1)["nextToken"]
    with pytest.raises(client.exceptions.ValidationException, match="nextToken"):
        client.describe_connector_profiles(nextToken=token)


def test_arns_use_region_and_account() -> None:
    with LocalAppFlow(region="eu-west-3", account_id="999999999999") as endpoint:
        client = endpoint.client()
        arn = register(client, "where")
        client.close()
    assert arn == "arn:aws:appflow:eu-west-3:999999999999:connector/where"
    assert endpoint.region == "eu-west-3"
    assert endpoint.account_id == "999999999999"


def test_reset_clears_everything(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    register(client, "gone")
    endpoint.reset()
    assert endpoint.connectors == {}
    assert endpoint.effects == []
    assert endpoint.requests == []
    register(client, "gone")
    assert len(endpoint.effects) == 1
