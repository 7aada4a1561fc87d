"""guard(client): every call of a plain boto3 client is checked by the models before it is sent."""

from __future__ import annotations

import pickle
import traceback
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from mypy_boto3_appflow import AppflowClient

import appflow_typed
from appflow_typed import ValidationError, guard
from appflow_typed.testing import LocalAppFlow

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:my-connector"
SECRET = "SENTINEL-guard-password-" + "x" * 600  # longer than Password's 512


def register_params(label: str = "acme_crm") -> dict[str, Any]:
    return {
        "connectorLabel": label,
        "connectorProvisioningType": "LAMBDA",
        "connectorProvisioningConfig": {"lambda": {"lambdaArn": LAMBDA_ARN}},
    }


def snowflake_profile(password: str) -> dict[str, Any]:
    return {
        "connectorProfileName": "snowflake-analytics",
        "connectorType": "Snowflake",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {
                "Snowflake": {
                    "warehouse": "ANALYTICS_WH",
                    "stage": "APPFLOW.PUBLIC.STAGE",
                    "bucketName": "example-appflow-staging",
                }
            },
            "connectorProfileCredentials": {
                "Snowflake": {"username": "APPFLOW_USER", "password": password}
            },
        },
    }


def test_returns_the_same_client(appflow_client: AppflowClient) -> None:
    assert guard(appflow_client) is appflow_client


def test_is_exported_lazily() -> None:
    assert appflow_typed.guard is guard
    assert "guard" in appflow_typed.__all__


def test_invalid_call_raises_every_violation_and_sends_nothing(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = guard(appflow_client)
    params = register_params("not a label!")
    params["connectorProvisioningType"] = "DOCKER"
    params["connectorProvisioningConfig"]["lambda"]["lambdaArm"] = LAMBDA_ARN

    with pytest.raises(ValidationError) as caught:
        client.register_connector(**params)

    assert caught.value.model == "RegisterConnectorRequest"
    assert {v.path for v in caught.value.violations} == {
        "connectorLabel",
        "connectorProvisioningType",
        "connectorProvisioningConfig.lambda.lambdaArm",
    }
    assert appflow_endpoint.requests == []


def test_a_violation_botocore_would_miss_is_caught_before_sending(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    # botocore checks types and minimum lengths only: this label would reach the service
    client = guard(appflow_client)
    with pytest.raises(ValidationError) as caught:
        client.unregister_connector(connectorLabel="x" * 300)
    assert [v.path for v in caught.value.violations] == ["connectorLabel"]
    assert appflow_endpoint.requests == []


def test_valid_call_goes_out_unchanged_and_botocore_fills_the_token(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = guard(appflow_client)
    params = register_params()

    response = client.register_connector(**params)

    assert response["connectorArn"].endswith("acme_crm")
    (received,) = appflow_endpoint.requests
    assert received.operation == "RegisterConnector"
    assert received.status == 200
    assert received.client_token  # filled by botocore, after the check
    assert {k: v for k, v in received.body.items() if k != "clientToken"} == params
    assert params == register_params()  # the caller's arguments are untouched
    assert "acme_crm" in appflow_endpoint.connectors


def test_guarding_twice_is_harmless(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = guard(guard(appflow_client))

    client.register_connector(**register_params())
    with pytest.raises(ValidationError) as caught:
        client.unregister_connector(connectorLabel="x" * 300)

    assert len(caught.value.violations) == 1
    assert [r.operation for r in appflow_endpoint.requests] == ["RegisterConnector"]


def test_the_check_runs_once_per_call_when_guarded_twice(
    appflow_client: AppflowClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from appflow_typed import _guard

    seen: list[str] = []
    real = appflow_typed.from_boto

    def counting(cls: type[Any], data: Any) -> Any:
        seen.append(cls.__name__)
        return real(cls, data)

    monkeypatch.setattr(_guard, "from_boto", counting)
    client = guard(guard(appflow_client))
    client.list_connectors()
    assert seen == ["ListConnectorsRequest"]


def test_operations_without_a_model_pass_through(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = guard(appflow_client)
    # ListFlows has no model yet: it is sent as it is
    assert client.list_flows(maxResults=1)["flows"] == []
    assert [r.operation for r in appflow_endpoint.requests] == ["ListFlows"]


def test_other_clients_are_not_guarded(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    guard(appflow_client)
    other = appflow_endpoint.client()
    try:
        with pytest.raises(ClientError) as caught:  # the endpoint's own check, not ours
            other.unregister_connector(connectorLabel="x" * 300)
    finally:
        other.close()
    assert caught.value.response["Error"]["Code"] == "ValidationException"
    assert len(appflow_endpoint.requests) == 1


def test_a_secret_never_appears_in_the_error(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = guard(appflow_client)
    with pytest.raises(ValidationError) as caught:
        client.create_connector_profile(**snowflake_profile(SECRET))

    error = caught.value
    assert [v.path for v in error.violations] == [
        "connectorProfileConfig.connectorProfileCredentials.Snowflake.password"
    ]
    shown = [
        str(error),
        repr(error),
        repr(error.args),
        repr(error.violations),
        "".join(traceback.format_exception(error)),
        repr(pickle.loads(pickle.dumps(error)).violations),
    ]
    for text in shown:
        assert "SENTINEL" not in text
    assert appflow_endpoint.requests == []


def test_a_valid_profile_with_a_secret_is_sent(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = guard(appflow_client)
    client.create_connector_profile(**snowflake_profile("example-password-not-real"))
    assert "snowflake-analytics" in appflow_endpoint.profiles


def test_a_client_of_another_service_is_a_type_error() -> None:
    s3 = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    ).client("s3")
    try:
        with pytest.raises(TypeError, match="'s3' client"):
            guard(s3)
    finally:
        s3.close()


@pytest.mark.parametrize("value", [None, "appflow", object()])
def test_something_else_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="expects a boto3 'appflow' client"):
        guard(value)  # type: ignore[arg-type]


def _make_label_invalid(params: dict[str, Any], **_: Any) -> None:
    if "connectorLabel" in params:
        params["connectorLabel"] = "bad label!"


@pytest.mark.parametrize("register", ["register", "register_last"])
def test_the_check_sees_what_handlers_registered_later_made_of_the_parameters(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient, register: str
) -> None:
    client = guard(appflow_client)
    getattr(client.meta.events, register)(
        "before-parameter-build.appflow", _make_label_invalid
    )
    with pytest.raises(ValidationError) as caught:
        client.unregister_connector(connectorLabel="acme_crm")
    assert [v.path for v in caught.value.violations] == ["connectorLabel"]
    assert appflow_endpoint.requests == []


def test_the_check_sees_parameters_a_handler_provided(
    appflow_endpoint: LocalAppFlow, appflow_client: AppflowClient
) -> None:
    client = guard(appflow_client)

    def provide(params: dict[str, Any], **_: Any) -> dict[str, Any]:
        return {**params, "connectorLabel": "bad label!"}

    # botocore uses the first handler's return value as the parameters (the stubs type
    # handlers as returning None)
    client.meta.events.register("provide-client-params.appflow", provide)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        client.unregister_connector(connectorLabel="acme_crm")
    assert appflow_endpoint.requests == []
