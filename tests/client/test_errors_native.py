"""Errors that boto3 code already handles: ClientError, modeled classes, botocore's own.

Service errors are botocore ``ClientError``s with botocore's ``response`` shape; an error of
a modeled code is also the boto3 client's modeled class; botocore's own exceptions raised
during a call (credentials, region, parameter validation) are mapped into the tree; none is
chained to botocore's exception.
"""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.exceptions
import botocore.parsers
import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.validate import ParamValidator

from appflow_typed import testing, to_boto
from appflow_typed._client import AppFlowClient
from appflow_typed._errors_map import map_botocore_error, map_client_error
from appflow_typed.errors import (
    AppflowTypedError,
    ConfigurationError,
    ConflictError,
    CredentialsError,
    InternalServerError,
    ResourceNotFoundError,
    SdkError,
    ServiceError,
    ServiceValidationError,
    ThrottlingError,
    UnmodeledServiceError,
    ValidationError,
)
from tests.client._helpers import (
    SECRET_API_KEY,
    SECRETS,
    fast_policy,
    own_client,
    profile_request,
    register_request,
)


@pytest.fixture
def endpoint(appflow_endpoint: testing.LocalAppFlow) -> testing.LocalAppFlow:
    return appflow_endpoint


@pytest.fixture
def client(endpoint: testing.LocalAppFlow) -> Iterator[AppFlowClient]:
    with own_client(endpoint, retry=fast_policy(max_attempts=2)) as c:
        yield c


def conflict(client: AppFlowClient) -> ConflictError:
    client.register_connector(register_request("conn_a"))
    with pytest.raises(ConflictError) as caught:
        client.register_connector(register_request("conn_a"))
    return caught.value


# --- ClientError compatibility ----------------------------------------------------------


def test_existing_client_error_handlers_catch_a_service_error(client: AppFlowClient) -> None:
    client.register_connector(register_request("conn_a"))
    caught: list[ClientError] = []
    try:
        client.register_connector(register_request("conn_a"))
    except ClientError as e:  # the way boto3 code handles errors
        caught.append(e)
    (error,) = caught
    assert error.response["Error"]["Code"] == "ConflictException"
    assert error.response["Error"]["Message"]
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 409
    assert error.operation_name == "RegisterConnector"
    assert isinstance(error, ConflictError)
    assert error.request_id
    assert error.response["ResponseMetadata"]["RequestId"] == error.request_id


def test_the_boto3_clients_modeled_class_catches_it(client: AppFlowClient) -> None:
    client.register_connector(register_request("conn_a"))
    with pytest.raises(client.boto3_client.exceptions.ConflictException) as caught:
        client.register_connector(register_request("conn_a"))
    error = caught.value
    assert isinstance(error, ConflictError)
    assert isinstance(error, ServiceError)
    assert isinstance(error, AppflowTypedError)
    assert type(error).__name__ == "ConflictError"
    assert f"{type(error).__module__}.{type(error).__qualname__}" == "appflow_typed.errors.ConflictError"
    # another code's modeled class does not catch it
    assert not isinstance(error, client.boto3_client.exceptions.ResourceNotFoundException)


def test_a_given_boto3_clients_modeled_class_catches_it(endpoint: testing.LocalAppFlow) -> None:
    boto = endpoint.client()
    client = AppFlowClient(client=boto, retry=fast_policy(max_attempts=1))
    with pytest.raises(boto.exceptions.ResourceNotFoundException) as caught:
        client.describe_connector(connector_label="missing", connector_type="CustomConnector")
    assert isinstance(caught.value, ResourceNotFoundError)
    endpoint.inject(testing.Throttle(), operation="ListConnectors")
    with pytest.raises(boto.exceptions.ThrottlingException) as throttled:
        client.list_connectors()
    assert isinstance(throttled.value, ThrottlingError)


def test_the_made_class_is_made_once_per_modeled_class(client: AppFlowClient) -> None:
    first = conflict(client)
    with pytest.raises(ConflictError) as caught:
        client.register_connector(register_request("conn_a"))
    assert type(caught.value) is type(first)


def test_an_unknown_code_is_a_client_error_but_no_modeled_class(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    endpoint.inject(
        testing.ServiceErrorFault(code="SomethingNewException", status=400, message="new"),
        operation="ListConnectors",
    )
    with pytest.raises(ClientError) as caught:
        client.list_connectors()
    assert type(caught.value) is UnmodeledServiceError
    assert caught.value.response["Error"] == {"Code": "SomethingNewException", "Message": "new"}


def test_pickling_keeps_the_facts_and_gives_the_public_class(client: AppFlowClient) -> None:
    error = conflict(client)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is ConflictError
    assert str(copy) == str(error)
    assert copy.response == error.response
    assert (copy.operation_name, copy.code, copy.request_id, copy.client_token) == (
        error.operation_name,
        error.code,
        error.request_id,
        error.client_token,
    )
    assert getattr(copy, "__notes__", None) == getattr(error, "__notes__", ())
    assert isinstance(copy, ClientError)


def test_str_keeps_its_form(client: AppFlowClient) -> None:
    error = conflict(client)
    assert str(error).startswith("RegisterConnector failed with ConflictException (HTTP 409) after 1 attempt: ")


def test_an_error_built_directly_is_a_client_error_too() -> None:
    error = InternalServerError(
        operation="ListConnectors", code="InternalServerException", message="oops",
        status_code=500, request_id="r-1",
    )
    assert isinstance(error, ClientError)
    assert error.response == {
        "Error": {"Code": "InternalServerException", "Message": "oops"},
        "ResponseMetadata": {"HTTPStatusCode": 500, "RequestId": "r-1"},
    }
    assert error.operation_name == "ListConnectors"
    assert pickle.loads(pickle.dumps(error)).response == error.response


# --- no chain to botocore's exception ---------------------------------------------------


def test_a_service_error_is_not_chained_and_says_what_botocore_raised(client: AppFlowClient) -> None:
    error = conflict(client)
    assert error.__cause__ is None
    assert error.__context__ is None
    text = "".join(traceback.format_exception(error))
    assert "botocore/client.py" not in text
    assert "The above exception" not in text
    assert "During handling" not in text
    assert "botocore raised botocore.errorfactory.ConflictException" in text  # the note
    assert "api_params" not in text


def test_a_transport_error_is_not_chained(endpoint: testing.LocalAppFlow) -> None:
    client = own_client(endpoint, retry=fast_policy(max_attempts=1))
    endpoint.inject(testing.DropResponse(), operation="RegisterConnector")
    with pytest.raises(AppflowTypedError) as caught:
        client.register_connector(register_request("conn_a"))
    error = caught.value
    assert error.__cause__ is None
    assert error.__context__ is None
    assert getattr(error, "botocore_error", None) == "ConnectionClosedError"
    assert any("ConnectionClosedError" in note for note in getattr(error, "__notes__", ()))


# --- botocore's own exceptions ----------------------------------------------------------


@pytest.fixture
def no_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """No credentials, region or profile from the environment, files or instance metadata."""
    for name in (
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_DEFAULT_REGION", "AWS_REGION",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.mark.usefixtures("no_aws_environment")
def test_no_credentials_is_a_credentials_error(endpoint: testing.LocalAppFlow) -> None:
    client = AppFlowClient(
        session=boto3.Session(region_name="us-east-1"), endpoint_url=endpoint.url,
        retry=fast_policy(),
    )
    with pytest.raises(CredentialsError) as caught:
        client.list_connectors()
    error = caught.value
    assert (error.botocore_error, error.operation) == ("NoCredentialsError", "ListConnectors")
    assert error.message == "Unable to locate credentials"
    assert error.__cause__ is None
    assert error.__context__ is None
    assert endpoint.requests == []


@pytest.mark.usefixtures("no_aws_environment")
def test_partial_credentials_is_a_credentials_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
    with pytest.raises(CredentialsError) as caught:
        AppFlowClient(region_name="us-east-1")
    error = caught.value
    assert error.botocore_error == "PartialCredentialsError"
    assert error.message == "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"
    assert error.operation is None
    assert error.__context__ is None


@pytest.mark.usefixtures("no_aws_environment")
def test_no_region_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError) as caught:
        AppFlowClient(session=boto3.Session(aws_access_key_id="a", aws_secret_access_key="b"))
    assert caught.value.botocore_error == "NoRegionError"
    assert caught.value.message == "You must specify a region."
    assert not isinstance(caught.value, CredentialsError)


def _corrupt(params: dict[str, Any], **_: Any) -> None:
    """Make two members invalid for botocore: a credential that is not a string, and a label
    that is a number."""
    custom = params["connectorProfileConfig"]["connectorProfileCredentials"]["CustomConnector"]
    custom["custom"]["credentialsMap"]["apiKey"] = [SECRET_API_KEY]  # not a string
    params["connectorLabel"] = 7


def test_botocores_parameter_validation_is_a_validation_error_without_values() -> None:
    # The facades' sender skips botocore's validation (the models did it); a
    # ParamValidationError, should botocore raise one, is still mapped without values.
    params = to_boto(profile_request("profile_a", "conn_a"))
    _corrupt(params)
    service = botocore.session.get_session().get_service_model("appflow")
    input_shape = service.operation_model("CreateConnectorProfile").input_shape
    assert input_shape is not None
    report = ParamValidator().validate(params, input_shape)
    exc = botocore.exceptions.ParamValidationError(report=report.generate_report())
    error = map_botocore_error(exc, operation="CreateConnectorProfile")
    assert isinstance(error, ValidationError)
    assert error.model == "CreateConnectorProfileRequest"
    paths = {v.path for v in error.violations}
    assert paths == {
        "connectorProfileConfig.connectorProfileCredentials.CustomConnector.custom.credentialsMap.apiKey",
        "connectorLabel",
    }
    assert all(v.message.startswith("invalid type; valid types:") for v in error.violations)
    text = "".join(traceback.format_exception(error))
    assert "ParamValidationError" in text  # the note
    for secret in SECRETS:
        assert secret not in text


def test_parameters_corrupted_after_validation_are_refused_by_the_service(
    endpoint: testing.LocalAppFlow, client: AppFlowClient
) -> None:
    # Validated once: botocore does not check the request again, so a handler that breaks
    # the parameters after the models validated them is caught by the service (here the local
    # endpoint, which validates on its own), its error showing no credential.
    client.register_connector(register_request("conn_a"))
    client.boto3_client.meta.events.register("before-parameter-build.appflow", _corrupt)
    with pytest.raises(ServiceValidationError) as caught:
        client.create_connector_profile(profile_request("profile_a", "conn_a"))
    text = "".join(traceback.format_exception(caught.value))
    assert "connectorLabel" in text
    for secret in SECRETS:
        assert secret not in text
    assert not endpoint.profiles


@pytest.mark.parametrize(
    ("exc", "cls", "message"),
    [
        (botocore.exceptions.NoCredentialsError(), CredentialsError, "Unable to locate credentials"),
        (
            botocore.exceptions.PartialCredentialsError(provider="env", cred_var="AWS_SECRET_ACCESS_KEY"),
            CredentialsError,
            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY",
        ),
        (
            botocore.exceptions.CredentialRetrievalError(provider="process", error_msg="SENTINEL-x"),
            CredentialsError,
            "Error when retrieving credentials from process: <not shown: it may hold a credential>",
        ),
        (
            botocore.exceptions.TokenRetrievalError(provider="sso", error_msg="SENTINEL-x"),
            CredentialsError,
            "Error when retrieving token from sso: <not shown: it may hold a credential>",
        ),
        (botocore.exceptions.UnauthorizedSSOTokenError(), CredentialsError, None),
        (botocore.exceptions.NoRegionError(), ConfigurationError, "You must specify a region."),
        (
            botocore.exceptions.UnknownServiceError(service_name="appflow", known_service_names="s3"),
            ConfigurationError,
            "Unknown service: 'appflow'. Valid service names are: s3",
        ),
        (
            botocore.exceptions.ProfileNotFound(profile="prod"),
            ConfigurationError,
            "The config profile (prod) could not be found",
        ),
        (
            botocore.exceptions.InvalidRegionError(region_name="x y"),
            ConfigurationError,
            "Provided region_name 'x y' doesn't match a supported format.",
        ),
        (
            botocore.exceptions.EndpointResolutionError(msg="https://u:SENTINEL-pw@host bad"),
            ConfigurationError,
            "https://<redacted>@host bad",
        ),
        (
            botocore.parsers.ResponseParserError("password=SENTINEL-y, rest"),
            SdkError,
            None,
        ),
    ],
)
def test_each_mapped_botocore_exception(
    exc: Exception, cls: type[SdkError], message: str | None
) -> None:
    error = map_botocore_error(exc, operation="ListConnectors")
    assert type(error) is cls
    assert isinstance(error, SdkError)
    assert error.botocore_error == type(exc).__name__
    if message is not None:
        assert error.message == message
    assert "SENTINEL" not in str(error)
    assert "SENTINEL" not in repr(pickle.loads(pickle.dumps(error)).__dict__)
    assert pickle.loads(pickle.dumps(error)).message == error.message


# --- messages in other styles -----------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "1 validation error detected: Value 'SENTINEL-a' at "
        "'connectorProfileConfig.connectorProfileCredentials.Snowflake.password' failed",
        "Invalid credentials: password=SENTINEL-a, username=bob",
        "Login failed for SnowflakeCredentials(username=bob, password=SENTINEL-a b,c, role=x)",
        "Rejected: {clientSecret=SENTINEL-a, clientId=abc}",
        'bad body {"accessToken": "SENTINEL-a"}',
        "Token refused (apiKey: SENTINEL-a)",
        "credentialsMap={k=SENTINEL-a, other=SENTINEL-b} was refused",
        "secretKey='SENTINEL-a' refused",
    ],
)
def test_a_quoted_secret_is_scrubbed_from_response_message_and_traceback(raw: str) -> None:
    response: Any = {
        "Error": {"Code": "ValidationException", "Message": raw},
        "message": raw,
        "ResponseMetadata": {"HTTPStatusCode": 400, "RequestId": "r-1"},
    }
    error = map_client_error(
        ClientError(response, "CreateConnectorProfile"),
        operation="CreateConnectorProfile", client_token=None, attempts=1,
    )
    texts = [
        str(error), error.message, repr(error.response),
        "".join(traceback.format_exception(error)), repr(pickle.loads(pickle.dumps(error)).response),
    ]
    for text in texts:
        assert "SENTINEL" not in text
    assert "<redacted>" in error.message


def test_messages_without_secrets_are_kept() -> None:
    raw = "Connector label my_connector=taken, try another (status: pending)"
    response: Any = {"Error": {"Code": "ConflictException", "Message": raw}}
    error = map_client_error(
        ClientError(response, "RegisterConnector"), operation="RegisterConnector",
        client_token=None, attempts=1,
    )
    assert error.message == raw
