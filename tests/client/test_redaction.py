"""RedactingFilter: credentials out of botocore's debug logs."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from appflow_typed import testing
from appflow_typed._client import AppFlowClient
from appflow_typed._redaction import (
    REDACTED,
    RedactingFilter,
    credential_member_names,
    install_redacting_filter,
    redact_text,
    redact_value,
)
from tests.client._helpers import SECRETS, fast_policy, profile_request, register_request

BODY = {
    "connectorProfileName": "p",
    "connectorProfileConfig": {
        "connectorProfileCredentials": {
            "Salesforce": {"accessToken": "SENTINEL-at", "refreshToken": "SENTINEL-rt"},
            "CustomConnector": {
                "custom": {"credentialsMap": {"SENTINELk": "SENTINEL-v"}},
                "apiKey": {"apiKey": "SENTINEL-ak", "apiSecretKey": "SENTINEL-sk"},
                "basic": {"username": "alice", "password": "SENTINEL-pw"},
            },
        }
    },
}


def assert_clean(text: str) -> None:
    assert "SENTINEL" not in text, text


def test_the_credential_names_come_from_the_model_plus_extras() -> None:
    names = credential_member_names()
    for name in ("password", "accessToken", "clientSecret", "apiSecretKey", "secretKey",
                 "privateKey", "jwtToken", "credentialsMap", "refreshToken", "authCode",
                 "applicationKey", "apiToken", "secretAccessKey", "datakey"):
        assert name in names
    assert "username" not in names
    assert "connectorLabel" not in names


def test_dicts_are_copied_with_credentials_redacted() -> None:
    redacted = redact_value(BODY)
    assert_clean(repr(redacted))
    assert "alice" in repr(redacted)
    assert "SENTINEL" in repr(BODY)  # the caller's object is untouched


@pytest.mark.parametrize("encode", [True, False])
def test_json_bodies_are_redacted(encode: bool) -> None:
    text_body = json.dumps(BODY)
    body: str | bytes = text_body.encode() if encode else text_body
    redacted = redact_value(body)
    assert type(redacted) is type(body)
    text = redacted.decode() if isinstance(redacted, bytes) else str(redacted)
    assert_clean(text)
    assert json.loads(text)["connectorProfileConfig"]["connectorProfileCredentials"]["Salesforce"][
        "accessToken"
    ] == REDACTED


def test_formatted_text_is_redacted() -> None:
    params = {"body": json.dumps(BODY).encode(), "headers": {"X-Amz-Security-Token": "SENTINEL-st"}}
    text = f"Making request for OperationModel(name=CreateConnectorProfile) with params: {params}"
    assert_clean(redact_text(text))
    auth = "AWS4-HMAC-SHA256 Credential=SENTINELAKID/20240101/us-east-1/appflow/aws4_request, Signature=SENTINEL00"
    assert_clean(redact_text(auth))


def test_the_filter_rewrites_records_with_args() -> None:
    record = logging.LogRecord(
        "botocore.endpoint", logging.DEBUG, __file__, 1,
        "Making request for %s with params: %s",
        ("OperationModel(name=CreateConnectorProfile)", {"body": json.dumps(BODY).encode()}),
        None,
    )
    assert RedactingFilter().filter(record) is True
    assert_clean(record.getMessage())
    assert "CreateConnectorProfile" in record.getMessage()


def test_the_filter_handles_dict_messages_and_mapping_args() -> None:
    record = logging.LogRecord("botocore", logging.DEBUG, __file__, 1, BODY, None, None)
    RedactingFilter().filter(record)
    assert_clean(record.getMessage())
    record = logging.LogRecord(
        "botocore", logging.DEBUG, __file__, 1, "token %(t)s", ({"t": '"password": "SENTINEL"'},), None
    )
    RedactingFilter().filter(record)
    assert_clean(record.getMessage())


@pytest.fixture
def botocore_debug() -> Iterator[tuple[io.StringIO, logging.Handler]]:
    """Capture every botocore DEBUG record as text, the way a user's handler would."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    logger = logging.getLogger("botocore")
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield stream, handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def create_profile(endpoint: testing.LocalAppFlow) -> None:
    client = AppFlowClient(client=endpoint.client(), retry=fast_policy())
    client.register_connector(register_request("redact_conn"))
    client.create_connector_profile(profile_request("redact_profile", "redact_conn"))


def test_botocore_debug_logs_leak_without_the_filter(
    appflow_endpoint: testing.LocalAppFlow, botocore_debug: tuple[io.StringIO, logging.Handler]
) -> None:
    """The premise: botocore does print request bodies at DEBUG."""
    stream, _ = botocore_debug
    create_profile(appflow_endpoint)
    assert any(secret in stream.getvalue() for secret in SECRETS)


def test_botocore_debug_logs_are_clean_with_the_filter_on_the_handler(
    appflow_endpoint: testing.LocalAppFlow, botocore_debug: tuple[io.StringIO, logging.Handler]
) -> None:
    stream, handler = botocore_debug
    handler.addFilter(RedactingFilter())
    create_profile(appflow_endpoint)
    text = stream.getvalue()
    assert "Making request for OperationModel(name=CreateConnectorProfile)" in text
    assert REDACTED in text
    for secret in SECRETS:
        assert secret not in text


def test_install_redacting_filter_covers_botocore_loggers(
    appflow_endpoint: testing.LocalAppFlow, botocore_debug: tuple[io.StringIO, logging.Handler]
) -> None:
    stream, handler = botocore_debug
    flt = install_redacting_filter()
    try:
        assert flt in handler.filters
        assert install_redacting_filter() is flt  # a second call adds nothing
        assert sum(isinstance(f, RedactingFilter) for f in handler.filters) == 1
        create_profile(appflow_endpoint)
        text = stream.getvalue()
        assert "CreateConnectorProfile" in text
        for secret in SECRETS:
            assert secret not in text
    finally:
        for name in ["botocore", "boto3", "urllib3", *logging.Logger.manager.loggerDict]:
            logger = logging.getLogger(name)
            for target in [logger, *logger.handlers]:
                for f in list(target.filters):
                    if isinstance(f, RedactingFilter):
                        target.removeFilter(f)


def test_the_filter_never_loads_the_service_model(
    botocore_debug: tuple[io.StringIO, logging.Handler], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The credential names are generated: redacting loads nothing from botocore."""
    import botocore.loaders

    from appflow_typed import _redaction

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("botocore's model loaded at run time")

    monkeypatch.setattr(botocore.loaders.Loader, "load_service_model", refuse)
    monkeypatch.setattr(botocore.loaders.Loader, "load_data", refuse)
    _redaction._lowered_names.cache_clear()
    _redaction._text_pattern.cache_clear()
    stream, handler = botocore_debug
    handler.addFilter(RedactingFilter())
    logging.getLogger("botocore.endpoint").debug("params: %s", {"password": "SENTINEL-x"})
    assert "params: {'password': '<redacted>'}" in stream.getvalue()


def test_the_names_cover_sensitive_members_outside_the_covered_shapes() -> None:
    """Every sensitive member of the whole service model, not only the connector shapes."""
    import botocore.session
    from botocore.model import StructureShape

    model = botocore.session.get_session().get_service_model("appflow")
    sensitive = {
        name
        for shape_name in model.shape_names
        if isinstance(shape := model.shape_for(shape_name), StructureShape)
        for name, member in shape.members.items()
        if member.metadata.get("sensitive")
    }
    assert sensitive, "the model marks some members sensitive"
    assert sensitive <= credential_member_names()
