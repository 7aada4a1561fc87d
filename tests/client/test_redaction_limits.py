"""RedactingFilter's limits: the signing log of temporary credentials, deep and hostile input.

With a session token (roles, SSO, Lambda: the usual case), botocore's DEBUG logs carry the
token, the SigV4 signature, the string to sign and the canonical request with its signed
header values. None of it may pass the filter. And the filter runs inside every logging call:
it must never raise there, whatever the record holds, and must stay linear in its size.
"""

from __future__ import annotations

import base64
import contextvars
import html
import io
import json
import logging
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import Any

import boto3
import botocore.auth
import botocore.exceptions
import pytest
from botocore.config import Config

from appflow_typed import CreateConnectorProfileRequest, from_boto, testing
from appflow_typed._client import AppFlowClient
from appflow_typed._redaction import (
    NO_SECRETS,
    REDACTED,
    RedactingFilter,
    RequestParams,
    install_redacting_filter,
    redact_text,
    redact_value,
    request_secrets,
)
from appflow_typed.errors import ConnectorAuthenticationError
from tests.client._helpers import fast_policy

ACCESS_KEY = "ASIASENTINELACCESSKEY"
SECRET_KEY = "SENTINEL-secret-access-key-5d1e"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjSENTINEL/session+token=="

LOGGERS = ("botocore", "urllib3")


@pytest.fixture
def debug_log() -> Iterator[tuple[io.StringIO, logging.Handler]]:
    """Every DEBUG record of botocore and urllib3, as a user's handler would write it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    saved = []
    for name in LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    try:
        yield stream, handler
    finally:
        for logger, level in saved:
            logger.removeHandler(handler)
            logger.setLevel(level)


@pytest.fixture
def signing(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What SigV4 computed for each request: canonical requests, strings to sign, signatures."""
    seen: dict[str, list[str]] = {"canonical": [], "string_to_sign": [], "signature": []}
    auth = botocore.auth.SigV4Auth

    def wrap(name: str, key: str) -> None:
        original = getattr(auth, name)

        def recording(self: Any, *args: Any, **kwargs: Any) -> str:
            value: str = original(self, *args, **kwargs)
            seen[key].append(value)
            return value

        monkeypatch.setattr(auth, name, recording)

    wrap("canonical_request", "canonical")
    wrap("string_to_sign", "string_to_sign")
    wrap("signature", "signature")
    return seen


def remove_redacting_filters(handler: logging.Handler) -> None:
    """Undo install_redacting_filter: it also filters the loggers themselves."""
    for name in ["botocore", "boto3", "urllib3", *logging.Logger.manager.loggerDict]:
        logger = logging.getLogger(name)
        for target in [logger, *logger.handlers, handler]:
            for flt in list(target.filters):
                if isinstance(flt, RedactingFilter):
                    target.removeFilter(flt)


def temporary_credentials_client(endpoint: testing.LocalAppFlow) -> Any:
    return boto3.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=SESSION_TOKEN,
        region_name=endpoint.region,
    ).client(
        "appflow",
        endpoint_url=endpoint.url,
        config=Config(proxies={}, retries={"total_max_attempts": 2, "mode": "standard"}),
    )


def secrets_of(signing: dict[str, list[str]]) -> list[str]:
    """The values that must not be logged: credentials, signatures, strings to sign, and
    the signed header values of every canonical request."""
    found = [SECRET_KEY, SESSION_TOKEN, *signing["signature"], *signing["string_to_sign"]]
    for canonical in signing["canonical"]:
        lines = canonical.split("\n")
        headers = lines[3 : lines.index("", 3)]
        found.extend(line for line in headers if line.startswith(("x-amz-", "authorization")))
        found.append(lines[-1])  # the payload hash
    return found


def test_the_signing_log_of_temporary_credentials_is_clean_with_the_filter(
    appflow_endpoint: testing.LocalAppFlow,
    debug_log: tuple[io.StringIO, logging.Handler],
    signing: dict[str, list[str]],
) -> None:
    stream, handler = debug_log
    install_redacting_filter(handler)
    try:
        boto = temporary_credentials_client(appflow_endpoint)
        appflow_endpoint.inject(testing.Throttle(), operation="ListConnectors")
        AppFlowClient(client=boto, retry=fast_policy()).list_connectors()
        boto.list_connectors()
    finally:
        remove_redacting_filters(handler)
    text = stream.getvalue()
    assert len(signing["signature"]) == 3
    for logger in ("botocore.auth", "botocore.endpoint", "botocore.hooks", "botocore.parsers"):
        assert logger in text  # the records were written, redacted
    assert "CanonicalRequest:\nPOST\n/list-connectors" in text  # their shape stays readable
    assert "x-amz-security-token:" + REDACTED in text
    leaked = [secret for secret in secrets_of(signing) if secret in text]
    assert leaked == []
    assert ACCESS_KEY not in text


def test_the_signing_log_leaks_without_the_filter(
    appflow_endpoint: testing.LocalAppFlow,
    debug_log: tuple[io.StringIO, logging.Handler],
    signing: dict[str, list[str]],
) -> None:
    """The premise: botocore logs all of it at DEBUG."""
    stream, _ = debug_log
    temporary_credentials_client(appflow_endpoint).list_connectors()
    text = stream.getvalue()
    assert SESSION_TOKEN in text
    assert all(secret in text for secret in signing["signature"])


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("x-amz-security-token:TOKENVALUE\nhost:h", "TOKENVALUE"),
        ("https://h/p?X-Amz-Security-Token=TOK%2FEN&X-Amz-Signature=abc123", "TOK%2FEN"),
        ("https://h/p?X-Amz-Signature=abc123def&x=1", "abc123def"),
        ("{'X-Amz-Security-Token': b'TOKENVALUE', 'Host': b'h'}", "TOKENVALUE"),
        ('{"X-Amz-Security-Token": "TOKENVALUE"}', "TOKENVALUE"),
    ],
)
def test_tokens_and_signatures_in_text(text: str, hidden: str) -> None:
    assert hidden not in redact_text(text)


# --- never raises, no recursion, linear -------------------------------------------------


def record_of(msg: object, *args: object) -> logging.LogRecord:
    return logging.LogRecord("botocore.endpoint", logging.DEBUG, __file__, 1, msg, args, None)


def nested(depth: int, leaf: object) -> object:
    value = leaf
    for i in range(depth):
        value = {"apiKey": "SENTINEL-deep", "next": [value]} if i % 2 else [value]
    return value


@pytest.mark.parametrize("depth", [500, 5_000, 100_000])
def test_data_nested_deep_is_redacted_without_recursion(depth: int) -> None:
    value = nested(depth, {"password": "SENTINEL-pw"})
    redacted = redact_value(value)
    # Walk the copy iteratively: every credential is gone, the shape is kept.
    stack, seen = [redacted], 0
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            assert item.get("apiKey", REDACTED) == REDACTED
            assert item.get("password", REDACTED) == REDACTED
            stack.extend(item.values())
        elif isinstance(item, list):
            seen += 1
            stack.extend(item)
    assert seen >= depth // 2


@pytest.mark.parametrize("depth", [500, 5_000, 100_000])
def test_text_nested_deep_never_raises_into_logging(
    depth: int, debug_log: tuple[io.StringIO, logging.Handler]
) -> None:
    stream, handler = debug_log
    handler.addFilter(RedactingFilter())
    body = '{"a":' * depth + '{"password":"SENTINEL-pw"}' + "}" * depth
    logger = logging.getLogger("botocore.endpoint")
    logger.debug("body: %s", body)
    logger.debug("body: %s", body.encode())
    logger.debug("params: %s", nested(depth, {"password": "SENTINEL-pw"}))
    logger.debug(nested(depth, {"password": "SENTINEL-pw"}))
    text = stream.getvalue()
    assert "SENTINEL" not in text
    assert text.count("botocore.endpoint DEBUG") == 4


def test_a_cycle_is_redacted_and_ends() -> None:
    looped: list[object] = [{"password": "SENTINEL-pw"}]
    looped.append(looped)
    redacted = redact_value(looped)
    assert isinstance(redacted, list)
    assert redacted[0] == {"password": REDACTED}
    assert "SENTINEL" not in str(redacted)


class Exploding:
    def __str__(self) -> str:
        raise RuntimeError("SENTINEL-in-exception")

    __repr__ = __str__


class Secretive:
    def __str__(self) -> str:
        return '{"password": "SENTINEL-pw"}'


@pytest.mark.parametrize(
    "record",
    [
        record_of("value: %s", Exploding()),
        record_of(Exploding()),
        record_of("two values %s %s", "SENTINEL-only-one"),  # malformed: too few arguments
        record_of("%(password)s", {"password": "SENTINEL-pw"}),
        record_of("value: %s", Secretive()),
    ],
    ids=["str-raises", "msg-str-raises", "malformed", "mapping-args", "str-has-secret"],
)
def test_the_filter_never_raises_and_lets_no_raw_text_through(record: logging.LogRecord) -> None:
    assert RedactingFilter().filter(record) is True
    rendered = record.getMessage()  # renders now, whatever it held
    assert "SENTINEL" not in rendered


def test_a_failure_inside_the_filter_leaves_a_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    from appflow_typed import _redaction

    def broken(value: object) -> object:
        raise MemoryError

    monkeypatch.setattr(_redaction, "redact_value", broken)
    monkeypatch.setattr(_redaction, "_redact", broken)  # the filter's own pass
    record = record_of("params: %s", {"password": "SENTINEL-pw"})
    assert RedactingFilter().filter(record) is True
    assert "SENTINEL" not in record.getMessage()
    assert "withheld" in record.getMessage()


def test_a_logged_exception_is_redacted(debug_log: tuple[io.StringIO, logging.Handler]) -> None:
    stream, handler = debug_log
    handler.addFilter(RedactingFilter())
    try:
        raise ValueError('bad body {"apiKey": "SENTINEL-ak", "x-amz-security-token:SENTINEL"}')
    except ValueError:
        logging.getLogger("botocore.endpoint").debug("failed", exc_info=True)
    text = stream.getvalue()
    assert "ValueError: bad body" in text
    assert "SENTINEL" not in text


# Inputs built to make a backtracking or rescanning redactor quadratic: credential keys whose
# values never end or end in another quote style, unbalanced braces and brackets, runs of
# quotes and backslashes, JSON nested far deeper than a recursive walk survives.
HOSTILE = [
    '"apiKey":"' * 20_000,
    '\\"apiKey\\": \\"' * 20_000,
    "'password': '" * 20_000,
    "'apiKey': \"" + "'apiKey': x " * 20_000,
    '"apiKey": {' * 20_000,
    '"apiKey": [' * 20_000,
    '"' * 200_000,
    "\\" * 200_000,
    "[" * 200_000,
    '{"a":' * 100_000,
    '{"apiKey":' * 20_000,
    "x-amz-security-token:" * 20_000,
    "Signature=" * 30_000,
]

_LINEAR_RUN = """
import json, logging, sys
from appflow_typed._redaction import RedactingFilter, redact_text, redact_value
flt = RedactingFilter()
for text in json.load(sys.stdin):
    redact_text(text)
    redact_value(text)
    record = logging.LogRecord("botocore.endpoint", logging.DEBUG, "f", 1, "%s", (text,), None)
    flt.filter(record)
    record.getMessage()
print("done")
"""


def test_worst_case_inputs_stay_linear() -> None:
    """Each input is 0.2-0.5 MB: a linear redactor takes well under a second for all of
    them on a loaded machine, a quadratic one hours. The generous budget (60 s, in a child
    process that is killed when it runs out) only tells those two apart."""
    done = subprocess.run(
        [sys.executable, "-c", _LINEAR_RUN],
        input=json.dumps(HOSTILE),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "done"


def test_a_long_secret_is_redacted_whole() -> None:
    secret = "SENTINEL" + "x" * 1_000_000
    for text in (json.dumps({"apiKey": secret}), f"{{'apiKey': '{secret}'}}"):
        out = redact_text(text)
        assert "SENTINEL" not in out
        assert len(out) < 100
    assert re.fullmatch(r"\{'apiKey': '<redacted>'\}", redact_text(f"{{'apiKey': '{secret}'}}"))


# --------------------------------------------------------------------------- secrets by value

ODD = "SENTINEL-p@ss'w/rd\"+\u00e9&=:\\x"
"""A secret (a valid access token: no spaces) whose every encoding differs from it: both
quotes, a backslash, non-ASCII."""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "form",
    [
        ODD,
        json.dumps(ODD)[1:-1],
        json.dumps(ODD, ensure_ascii=False)[1:-1],
        repr(ODD)[1:-1],
        repr(ODD.encode())[2:-1],
        repr(json.dumps(ODD))[2:-2],  # JSON inside a Python repr
        urllib.parse.quote(ODD, safe=""),
        urllib.parse.quote_plus(ODD),
        html.escape(ODD),
        _b64(ODD),
        _b64(ODD).rstrip("="),
        base64.urlsafe_b64encode(ODD.encode()).decode(),
    ],
    ids=[
        "as-is",
        "json",
        "json-unicode",
        "repr",
        "bytes-repr",
        "json-in-repr",
        "url",
        "form",
        "xml",
        "base64",
        "base64-unpadded",
        "base64-urlsafe",
    ],
)
def test_a_secret_is_removed_by_value_in_every_encoding(form: str) -> None:
    secrets = request_secrets({"credentials": {"password": ODD}})
    assert secrets.scrub(f"before [{form}] after") == f"before [{REDACTED}] after"


def test_http_basic_pairs_are_removed() -> None:
    request = {
        "basic": {"username": "alice", "password": "pw-SENTINEL"},
        "oAuth2": {"clientId": "my app", "clientSecret": "s&cret-SENTINEL"},
    }
    secrets = request_secrets(request)
    alice = f"Authorization: Basic {_b64('alice:pw-SENTINEL')}"
    client = f"Authorization: Basic {_b64('my+app:s%26cret-SENTINEL')}"  # RFC 6749 2.3.1
    assert secrets.scrub(alice) == f"Authorization: Basic {REDACTED}"
    assert secrets.scrub(client) == f"Authorization: Basic {REDACTED}"
    assert secrets.scrub("user alice, app my app") == "user alice, app my app"  # not secrets


def test_only_credential_values_are_secrets() -> None:
    request = {
        "connectorProfileName": "SENTINELname",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"CustomConnector": {"profileProperties": {"k": "v"}}},
            "connectorProfileCredentials": {
                "CustomConnector": {
                    "authenticationType": "CUSTOM",
                    "custom": {
                        "customAuthenticationType": "apikey",
                        "credentialsMap": {"SENTINELkey": "SENTINEL-value", "apiKey": "k-SENTINEL"},
                    },
                }
            },
        },
    }
    secrets = request_secrets(request)
    text = "name SENTINELname; SENTINELkey=SENTINEL-value; key k-SENTINEL; type apikey"
    # a credential map's keys and values are secrets (both shapes are sensitive); the rest not
    assert secrets.scrub(text) == f"name SENTINELname; {REDACTED}={REDACTED}; key {REDACTED}; type apikey"
    assert not request_secrets({"connectorProfileName": "x", "tags": {"password": 1}})


def test_a_short_secret_is_removed_only_where_it_stands_alone() -> None:
    secrets = request_secrets({"apiKey": "abc"})
    text = "Session 'abc' expired (abc) for abcdef and xabc"
    assert secrets.scrub(text) == f"Session '{REDACTED}' expired ({REDACTED}) for abcdef and xabc"


def test_secrets_and_request_parameters_never_show() -> None:
    params = RequestParams({"connectorLabel": "c", "credentials": {"accessToken": "SENTINEL-at"}})
    secrets = params.secrets
    assert secrets
    for text in (repr(secrets), str(secrets), repr(params), str(params), repr([params])):
        assert "SENTINEL" not in text
    assert "connectorLabel" in repr(params)
    assert not isinstance(params, Mapping)  # error trackers walk mappings item by item
    assert repr(NO_SECRETS) == "Secrets()"
    assert NO_SECRETS.scrub("anything") == "anything"


def test_hostile_requests_are_bounded() -> None:
    cyclic: dict[str, Any] = {"SENTINEL-k": "SENTINEL-v"}
    cyclic["self"] = cyclic
    wide = {f"m{i}": f"value {i}" for i in range(20_000)} | {"password": "SENTINEL-pw"}
    surrogate = "SENTINEL-\ud800-lone"
    secrets = request_secrets(
        {"credentialsMap": cyclic, "wide": wide, "other": {"apiKey": surrogate}, "loop": [cyclic]}
    )
    text = f"SENTINEL-v SENTINEL-k SENTINEL-pw {surrogate} value 7"
    assert secrets.scrub(text) == f"{REDACTED} {REDACTED} {REDACTED} {REDACTED} value 7"


# --------------------------------------------------------------------------- the filter, by value


@pytest.fixture
def response_log() -> Iterator[tuple[io.StringIO, logging.Handler, list[logging.Logger]]]:
    """A handler on botocore's loggers, with the levels each test sets (restored after)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    loggers = [logging.getLogger(name) for name in ("botocore", "botocore.endpoint")]
    levels = [logger.level for logger in loggers]
    loggers[0].addHandler(handler)
    try:
        yield stream, handler, loggers
    finally:
        loggers[0].removeHandler(handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
        remove_redacting_filters(handler)


def _echo(endpoint: testing.LocalAppFlow, secret: str) -> None:
    endpoint.inject(
        testing.ServiceErrorFault(
            code="ConnectorAuthenticationException",
            status=401,
            message=f"grant_type=refresh_token&refresh_token={urllib.parse.quote_plus(secret)}; "
            f"<accessToken>{html.escape(secret)}</accessToken>; Session '{secret}' expired",
        ),
        operation="CreateConnectorProfile",
    )


def _profile(secret: str) -> dict[str, Any]:
    return {
        "connectorProfileName": "echoed",
        "connectorType": "Salesforce",
        "connectionMode": "Public",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"Salesforce": {}},
            "connectorProfileCredentials": {"Salesforce": {"accessToken": secret}},
        },
    }


def test_the_filter_removes_by_value_what_the_service_echoes_of_a_request_in_flight(
    appflow_endpoint: testing.LocalAppFlow,
    response_log: tuple[io.StringIO, logging.Handler, list[logging.Logger]],
) -> None:
    """Only the response body is logged (botocore.endpoint at INFO): the filter knows the
    secrets from the request the client is sending."""
    stream, handler, (botocore_logger, endpoint_logger) = response_log
    botocore_logger.setLevel(logging.DEBUG)
    endpoint_logger.setLevel(logging.INFO)
    install_redacting_filter(handler)
    client = AppFlowClient(client=appflow_endpoint.client(), retry=fast_policy(1))
    _echo(appflow_endpoint, ODD)
    with pytest.raises(ConnectorAuthenticationError):
        client.create_connector_profile(from_boto(CreateConnectorProfileRequest, _profile(ODD)))
    text = stream.getvalue()
    assert "Response body" in text
    assert "Making request" not in text
    assert f"<accessToken>{REDACTED}</accessToken>" in text
    assert "SENTINEL" not in text

    # The limit: a plain boto3 call whose request body the filter did not see.
    _echo(appflow_endpoint, "SENTINEL-plain-boto3")
    with pytest.raises(botocore.exceptions.ClientError):
        appflow_endpoint.client().create_connector_profile(**_profile("SENTINEL-plain-boto3"))
    assert "SENTINEL-plain-boto3" in stream.getvalue()


def test_the_filter_learns_the_secrets_of_a_logged_request_body(
    appflow_endpoint: testing.LocalAppFlow,
    response_log: tuple[io.StringIO, logging.Handler, list[logging.Logger]],
) -> None:
    """A plain boto3 client, every DEBUG record: the request body the filter redacted tells
    it the values to remove from the response body that follows."""
    stream, handler, (botocore_logger, _) = response_log
    botocore_logger.setLevel(logging.DEBUG)
    install_redacting_filter(handler)
    _echo(appflow_endpoint, ODD)
    with pytest.raises(botocore.exceptions.ClientError):
        appflow_endpoint.client().create_connector_profile(**_profile(ODD))
    text = stream.getvalue()
    assert "Making request" in text
    assert "Response body" in text
    assert f"<accessToken>{REDACTED}</accessToken>" in text
    assert "SENTINEL" not in text


def test_what_the_filter_learns_from_a_hostile_record_is_bounded() -> None:
    """Thousands of credential members in one record: the filter learns a bounded number of
    values (each later record of the thread is checked against what it learned), and still
    removes them from the record itself by name."""
    from appflow_typed import _redaction

    body = [{"password": f"SENTINEL-{i:05}", "m0": "v0", "m1": "v1"} for i in range(3000)]
    record = record_of("Making request with params: %r", {"body": json.dumps(body).encode()})

    def run() -> tuple[str, Any]:
        RedactingFilter().filter(record)
        return record.getMessage(), _redaction._LEARNED.get()

    message, learned = contextvars.copy_context().run(run)
    assert "SENTINEL" not in message
    assert learned
    assert len(learned._long) < len(body)  # not one form (let alone eight) per value


def test_text_shown_as_it_is_is_printable_ascii_without_quotes_or_backslashes() -> None:
    from appflow_typed._redaction import _UNESCAPED

    taken = {chr(c) for c in [*range(0x300), 0xFFFD, 0x10FFFF] if _UNESCAPED.fullmatch(chr(c))}
    assert taken == {chr(c) for c in range(0x20, 0x7F)} - {'"', "'", "\\"}
