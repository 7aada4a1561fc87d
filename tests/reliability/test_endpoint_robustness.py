"""The local endpoint against bad peers, over raw loopback sockets.

Complements tests/endpoint/test_server.py (garbage request lines, bad Content-Length, long
headers, bad JSON, oversized bodies, disconnects mid-headers and mid-body): here, requests
with a body but no Content-Length, pipelining, bad versions and header names, too many
headers, chunked bodies that lie or break off, deeply nested JSON, JSON that is valid but
of the wrong types, a crowd of concurrent half-sent requests, and a clean stop with all of
them still open. Every answer that can be given must be AWS-style (status,
``x-amzn-ErrorType``, a JSON ``message``), and a boto3 call must still work afterwards.
"""

from __future__ import annotations

import json
import socket
import threading

import pytest

from appflow_typed.testing import LocalAppFlow


def port_of(endpoint: LocalAppFlow) -> int:
    return int(endpoint.url.rsplit(":", 1)[1])


def exchange(endpoint: LocalAppFlow, payload: bytes) -> bytes:
    """Send ``payload``, half-close, and read everything the endpoint answers."""
    with socket.create_connection(("127.0.0.1", port_of(endpoint)), timeout=10) as sock:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def responses(raw: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """Split a byte stream of HTTP responses (each with a Content-Length)."""
    out = []
    while raw:
        head, _, rest = raw.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        length = int(headers["content-length"])
        out.append((status, headers, rest[:length]))
        raw = rest[length:]
    return out


def assert_aws_error(answer: tuple[int, dict[str, str], bytes], status: int, code: str) -> None:
    got_status, headers, body = answer
    assert (got_status, headers.get("x-amzn-errortype")) == (status, code), body
    assert headers["x-amzn-requestid"]
    assert isinstance(json.loads(body)["message"], str)


def post(path: bytes, body: bytes) -> bytes:
    return (b"POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n%s" % (path, len(body), body))


def still_serves(endpoint: LocalAppFlow) -> None:
    client = endpoint.client()
    try:
        client.register_connector(
            connectorLabel="still_serving",
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={
                "lambda": {"lambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f"}
            },
        )
        assert [c["connectorLabel"] for c in client.list_connectors()["connectors"]] == [
            "still_serving"
        ]
    finally:
        client.close()


@pytest.mark.parametrize(
    ("payload", "answers"),
    [
        # no Content-Length: the body is not read as one; the leftover is a bad request line
        (b"POST /list-connectors HTTP/1.1\r\nHost: x\r\n\r\n{\"maxResults\": 5}",
         [(200, None), (400, "SerializationException")]),
        (b"GET /connectors HTTP/2.0\r\n\r\n", [(400, "SerializationException")]),
        (b"\x00\xff\xfe\r\n\r\n", [(400, "SerializationException")]),
        (b"POST /list-connectors HTTP/1.1\r\nHost : x\r\n\r\n", [(400, "SerializationException")]),
        (b"POST /list-connectors HTTP/1.1\r\n: empty name\r\n\r\n",
         [(400, "SerializationException")]),
        (b"POST /list-connectors HTTP/1.1\r\n" + b"X-A: b\r\n" * 101 + b"\r\n",
         [(400, "SerializationException")]),
        (b"POST /list-connectors HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
         [(400, "SerializationException")]),
        (b"POST /list-connectors HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
         b"FFFFFFFF\r\nabc", [(413, "RequestEntityTooLargeException")]),
        (b"POST /list-connectors HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
         b"2\r\n{}\r\nzz\r\n", [(400, "SerializationException")]),
        (b"GET /no/such/path HTTP/1.1\r\n\r\n", [(404, "UnknownOperationException")]),
        (post(b"/list-connectors", b'{"maxResults": "5"}'), [(400, "ValidationException")]),
        (post(b"/list-connectors", b'{"maxResults": 1e400}'), [(400, "ValidationException")]),
        (post(b"/list-connectors", b'{"maxResults": NaN}'), [(400, "ValidationException")]),
        (post(b"/list-connectors", b'{"maxResults": 1' + b"0" * 5000 + b"}"),
         [(400, "SerializationException")]),
        (post(b"/register-connector", b'{"connectorLabel": "\\ud800"}'),
         [(400, "ValidationException")]),
        (post(b"/create-connector-profile", b'{"connectorProfileConfig": []}'),
         [(400, "ValidationException")]),
        # two requests in one write: both answered, in order
        (post(b"/list-connectors", b"{}") + post(b"/list-connectors", b"[]"),
         [(200, None), (400, "SerializationException")]),
    ],
    ids=[
        "body-without-content-length", "http-2-version", "binary-request-line",
        "space-before-colon", "empty-header-name", "101-headers", "two-content-lengths",
        "chunk-too-large", "chunk-size-garbage", "unknown-path", "wrong-json-type",
        "number-overflow", "nan", "5000-digit-number", "lone-surrogate", "list-for-object",
        "pipelined",
    ],
)
def test_bad_requests_get_aws_style_answers(
    appflow_endpoint: LocalAppFlow, payload: bytes, answers: list[tuple[int, str | None]]
) -> None:
    got = responses(exchange(appflow_endpoint, payload))
    assert len(got) == len(answers)
    for answer, (status, code) in zip(got, answers, strict=True):
        if code is None:
            assert answer[0] == status
        else:
            assert_aws_error(answer, status, code)
    still_serves(appflow_endpoint)


@pytest.mark.parametrize("body", [b"[" * 100_000, b'{"a":' * 50_000], ids=["array", "object"])
def test_deeply_nested_json_gets_a_400(appflow_endpoint: LocalAppFlow, body: bytes) -> None:
    got = responses(exchange(appflow_endpoint, post(b"/list-connectors", body)))
    assert len(got) == 1
    assert_aws_error(got[0], 400, "SerializationException")


def test_negative_chunk_size_gets_a_400(appflow_endpoint: LocalAppFlow) -> None:
    payload = (b"POST /list-connectors HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
               b"-1\r\n{}\r\n0\r\n\r\n")
    got = responses(exchange(appflow_endpoint, payload))
    assert len(got) == 1
    assert_aws_error(got[0], 400, "SerializationException")


@pytest.mark.parametrize(
    "payload",
    [
        b"POST /list-connectors HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc",
        b"POST /list-connectors HTTP/1.1\r\nHost: x",
    ],
    ids=["mid-chunk", "mid-header-line"],
)
def test_disconnects_mid_chunked_body_get_no_answer_and_harm_nothing(
    appflow_endpoint: LocalAppFlow, payload: bytes
) -> None:
    assert exchange(appflow_endpoint, payload) == b""
    assert appflow_endpoint.requests == []
    still_serves(appflow_endpoint)


def endpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("appflow-local:")]


@pytest.mark.parametrize(
    "crowd", [pytest.param(64, id="64-sockets"), pytest.param(400, id="400-sockets",
                                                               marks=pytest.mark.slow)]
)
def test_a_crowd_of_half_sent_requests_then_a_clean_stop(crowd: int) -> None:
    before = set(threading.enumerate())
    endpoint = LocalAppFlow().start()
    port = port_of(endpoint)
    partial = [
        b"",
        b"POST /list-connectors HTTP/1.1\r\n",
        b"POST /list-connectors HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"ma",
        b"POST /list-connectors HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab",
    ]
    sockets = []
    try:
        for i in range(crowd):
            sock = socket.create_connection(("127.0.0.1", port), timeout=10)
            sock.sendall(partial[i % len(partial)])
            sockets.append(sock)
        still_serves(endpoint)
        # a few complete their request: answered normally despite the crowd
        for sock in sockets[1::len(partial)][:8]:
            sock.sendall(b"\r\n")
        for sock in sockets[1::len(partial)][:8]:
            sock.shutdown(socket.SHUT_WR)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
            assert responses(answer)[0][0] == 200
        assert endpoint_threads()
    finally:
        endpoint.stop()
        for sock in sockets:
            sock.close()
    assert endpoint_threads() == []
    assert set(threading.enumerate()) <= before
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5).close()


def test_an_over_long_arn_is_refused_on_its_length_before_any_pattern(
    appflow_endpoint: LocalAppFlow,
) -> None:
    # 3 kB that the ARN pattern would backtrack over cubically (about 15 s of regex, holding
    # the GIL): the answer must come from the length check alone. The socket timeout bounds
    # the test.
    arn = "arn:aws:" + ":1" * 1500 + "\n"
    body = json.dumps({
        "connectorLabel": "long_arn", "connectorProvisioningType": "LAMBDA",
        "connectorProvisioningConfig": {"lambda": {"lambdaArn": arn}},
    }).encode()
    (answer,) = responses(exchange(appflow_endpoint, post(b"/register-connector", body)))
    assert_aws_error(answer, 400, "ValidationException")
    message = json.loads(answer[2])["message"]
    assert "length less than or equal to 512" in message
    assert "regular expression" not in message
    still_serves(appflow_endpoint)


@pytest.mark.parametrize(
    "header",
    [
        b"attempt=1" + b"0" * 5000 + b"; max=3",
        b"attempt=3; max=9" + b"9" * 5000,
        b"attempt=12345678901; max=3",
        b"attempt=-1; max=3",
        b"attempt=\xd9\xa1; max=3",  # an Arabic-Indic digit, not an ASCII one
        b"attempt=; max=",
    ],
    ids=["huge-attempt", "huge-max", "eleven-digits", "negative", "non-ascii-digit", "empty"],
)
def test_a_huge_or_malformed_attempt_number_is_served_and_recorded_as_unknown(
    appflow_endpoint: LocalAppFlow, header: bytes
) -> None:
    payload = (b"POST /list-connectors HTTP/1.1\r\nHost: x\r\namz-sdk-request: %s\r\n"
               b"Content-Length: 2\r\n\r\n{}" % header)
    (answer,) = responses(exchange(appflow_endpoint, payload))
    assert answer[0] == 200
    (record,) = appflow_endpoint.requests
    assert record.status == 200
    assert record.attempt is None or header.startswith(b"attempt=3;")
    assert record.max_attempts is None


def test_a_well_formed_attempt_number_is_recorded(appflow_endpoint: LocalAppFlow) -> None:
    payload = (b"POST /list-connectors HTTP/1.1\r\nHost: x\r\namz-sdk-request: attempt=2; max=5"
               b"\r\nContent-Length: 2\r\n\r\n{}")
    (answer,) = responses(exchange(appflow_endpoint, payload))
    assert answer[0] == 200
    (record,) = appflow_endpoint.requests
    assert (record.attempt, record.max_attempts) == (2, 5)
