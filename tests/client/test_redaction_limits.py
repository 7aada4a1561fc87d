"""RedactingFilter's limits: the signing log of temporary credentials, deep and hostile input.

With a session token (roles, SSO, Lambda: the usual case), botocore's DEBUG logs carry the
token, the SigV4 signature, the string to sign and the canonical request with its signed
header values. None of it may pass the filter. And the filter runs inside every logging call:
it must never raise there, whatever the record holds, and must stay linear in its size.
"""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.auth
import pytest
from botocore.config import Config

from appflow_typed import testing
from appflow_typed._client import AppFlowClient
from appflow_typed._redaction import (
    REDACTED,
    RedactingFilter,
    install_redacting_filter,
    redact_text,
    redact_value,
)
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
    record = record_of("params: %s", {"password": "SENTINEL-pw"})
    assert RedactingFilter().filter(record) is True
    assert "SENTINEL" not in record.getMessage()
    assert "redact" in record.getMessage()


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
