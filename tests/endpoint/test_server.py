"""The server itself: lifecycle, isolation, concurrency, and robustness against bad peers."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from mypy_boto3_appflow import AppflowClient

import appflow_typed.testing as testing
from appflow_typed.testing import LocalAppFlow
from appflow_typed.testing._server import HttpRequest
from tests.endpoint.conftest import post, register


def open_fds() -> set[str]:
    return set(os.listdir(f"/proc/{os.getpid()}/fd"))


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")


def endpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("appflow-local:")]


@needs_proc
def test_stop_leaves_no_thread_or_socket() -> None:
    threads_before = set(threading.enumerate())
    fds_before = open_fds()
    endpoint = LocalAppFlow().start()
    client = endpoint.client()
    register(client, "abc")
    idle = socket.create_connection(("127.0.0.1", int(endpoint.url.rsplit(":", 1)[1])))
    assert endpoint_threads()
    endpoint.stop()
    endpoint.stop()  # idempotent
    client.close()
    idle.close()
    assert set(threading.enumerate()) == threads_before
    assert endpoint_threads() == []
    assert open_fds() <= fds_before
    assert not endpoint.running
    with pytest.raises(RuntimeError):
        _ = endpoint.url


def test_stop_closes_the_port() -> None:
    with LocalAppFlow() as endpoint:
        port = int(endpoint.url.rsplit(":", 1)[1])
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_stop_interrupts_latency() -> None:
    endpoint = LocalAppFlow().start()
    endpoint.inject(testing.Latency(seconds=30))
    sock = socket.create_connection(("127.0.0.1", int(endpoint.url.rsplit(":", 1)[1])))
    sock.sendall(b"POST /list-connectors HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
    endpoint.stop()
    sock.close()
    assert endpoint_threads() == []


def test_binds_loopback_on_an_ephemeral_port(endpoint: LocalAppFlow) -> None:
    assert endpoint.url.startswith("http://127.0.0.1:")
    assert int(endpoint.url.rsplit(":", 1)[1]) > 0


def test_start_twice_is_refused(endpoint: LocalAppFlow) -> None:
    with pytest.raises(RuntimeError, match="already running"):
        endpoint.start()


def test_restart_keeps_state() -> None:
    endpoint = LocalAppFlow()
    with endpoint:
        client = endpoint.client()
        register(client, "kept")
        client.close()
    with endpoint:
        client = endpoint.client()
        assert [c["connectorLabel"] for c in client.list_connectors()["connectors"]] == ["kept"]
        client.close()


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="12 digits"):
        LocalAppFlow(account_id="123")
    with pytest.raises(ValueError, match="region"):
        LocalAppFlow(region="US East")


def test_many_instances_are_independent() -> None:
    endpoints = [LocalAppFlow().start() for _ in range(6)]
    try:
        assert len({e.url for e in endpoints}) == 6
        for i, endpoint in enumerate(endpoints):
            client = endpoint.client()
            register(client, f"only-{i}")
            client.close()
        for i, endpoint in enumerate(endpoints):
            assert list(endpoint.connectors) == [f"only-{i}"]
    finally:
        for endpoint in endpoints:
            endpoint.stop()


def test_eight_threads_hammering_one_endpoint(endpoint: LocalAppFlow) -> None:
    per_thread = 15

    def work(worker: int) -> None:
        client = endpoint.client()
        for i in range(per_thread):
            label = f"w{worker}-{i}"
            register(client, label)
            client.list_connectors(maxResults=5)
            client.describe_connector(connectorType="CustomConnector", connectorLabel=label)
            if i % 2:
                client.unregister_connector(connectorLabel=label)
        client.close()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(8)))
    expected = {f"w{w}-{i}" for w in range(8) for i in range(per_thread) if not i % 2}
    assert set(endpoint.connectors) == expected
    assert len(endpoint.requests) == 8 * per_thread * 3 + 8 * (per_thread // 2)
    assert all(r.status == 200 for r in endpoint.requests)
    assert len(endpoint.effects) == 8 * per_thread + 8 * (per_thread // 2)


def test_concurrent_same_token_applies_once(endpoint: LocalAppFlow) -> None:
    body = {"connectorLabel": "race", "connectorProvisioningType": "LAMBDA",
            "connectorProvisioningConfig": {"lambda": {
                "lambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f"}},
            "clientToken": "same"}
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: post(endpoint, "/register-connector", body), range(16)))
    assert {r[0] for r in results} == {200}
    assert len(endpoint.effects) == 1


def raw_exchange(endpoint: LocalAppFlow, payload: bytes) -> bytes:
    port = int(endpoint.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


@pytest.mark.parametrize(
    "payload",
    [
        b"GARBAGE\r\n\r\n",
        b"POST /list-connectors\r\n\r\n",
        b"POST /list-connectors HTTP/1.1\r\nno colon here\r\n\r\n",
        b"POST /list-connectors HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        b"POST /list-connectors HTTP/1.1\r\n" + b"X: " + b"a" * 70000 + b"\r\n\r\n",
        b"POST /list-connectors HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ],
)
def test_malformed_http_gets_an_aws_style_400(endpoint: LocalAppFlow, payload: bytes) -> None:
    response = raw_exchange(endpoint, payload)
    assert status_of(response) == 400
    assert b"x-amzn-ErrorType: SerializationException" in response
    assert b"x-amzn-RequestId: " in response
    assert post(endpoint, "/list-connectors", {})[0] == 200


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe", b'"text"'])
def test_bad_json(endpoint: LocalAppFlow, body: bytes) -> None:
    status, headers, payload = post(endpoint, "/list-connectors", body)
    assert status == 400
    assert headers["x-amzn-errortype"] == "SerializationException"
    assert payload["message"]
    assert endpoint.requests[-1].status == 400
    assert post(endpoint, "/list-connectors", {})[0] == 200


def test_empty_body_is_an_empty_object(endpoint: LocalAppFlow) -> None:
    assert post(endpoint, "/list-connectors", b"")[0] == 200


def test_oversized_body_is_413(endpoint: LocalAppFlow) -> None:
    head = b"POST /register-connector HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
    response = raw_exchange(endpoint, head % (5 * 1024 * 1024))
    assert status_of(response) == 413
    assert b"RequestEntityTooLargeException" in response
    big = json.dumps({"connectorLabel": "x" * (2 * 1024 * 1024)}).encode()
    status, headers, _ = post(endpoint, "/register-connector", big)
    assert status == 413
    assert headers["x-amzn-errortype"] == "RequestEntityTooLargeException"
    assert post(endpoint, "/list-connectors", {})[0] == 200


def test_chunked_body(endpoint: LocalAppFlow) -> None:
    body = b'{"maxResults": 5}'
    payload = (b"POST /list-connectors HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
               b"Connection: close\r\n\r\n" + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n")
    response = raw_exchange(endpoint, payload)
    assert status_of(response) == 200
    assert response.endswith(b'{"connectors":[]}')


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"POST /list-connectors HTTP/1.1\r\n",
        b"POST /list-connectors HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"max",
    ],
)
def test_abrupt_disconnects(endpoint: LocalAppFlow, payload: bytes) -> None:
    port = int(endpoint.url.rsplit(":", 1)[1])
    for linger in (False, True):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(payload)
        if linger:  # a reset rather than an orderly close
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        sock.close()
    assert post(endpoint, "/list-connectors", {})[0] == 200


def test_keep_alive_serves_many_requests_on_one_connection(endpoint: LocalAppFlow) -> None:
    request = b"POST /list-connectors HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
    port = int(endpoint.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request * 3)
        received = b""
        while received.count(b"HTTP/1.1 200") < 3:
            chunk = sock.recv(65536)
            assert chunk
            received += chunk
    assert len(endpoint.requests) == 3


def test_absolute_form_target(endpoint: LocalAppFlow) -> None:
    payload = (b"POST " + endpoint.url.encode() + b"/list-connectors HTTP/1.1\r\nHost: x\r\n"
               b"Content-Length: 2\r\nConnection: close\r\n\r\n{}")
    assert status_of(raw_exchange(endpoint, payload)) == 200


def test_request_records(endpoint: LocalAppFlow, client: AppflowClient) -> None:
    register(client, "rec", clientToken="tok-1")
    post(endpoint, "/list-connectors", {})
    signed, raw = endpoint.requests
    assert (signed.operation, signed.client_token, signed.attempt, signed.status) == (
        "RegisterConnector", "tok-1", 1, 200)
    assert signed.body["connectorLabel"] == "rec"
    assert (raw.attempt, raw.max_attempts, raw.client_token) == (None, None, None)
    assert "body" not in repr(signed)


def test_public_names() -> None:
    public = sorted(name for name in vars(testing) if not name.startswith(("_", "@"))
                    and name not in {"annotations"})
    assert testing.__all__ == sorted(testing.__all__)
    assert set(testing.__all__) == set(public)
    for name in testing.__all__:
        assert getattr(testing, name).__doc__, name


def test_plugin_and_testing_import_without_boto3() -> None:
    # The parent package is replaced by an empty one: what is measured is what the plugin and
    # appflow_typed.testing themselves import.
    package_dir = os.path.dirname(os.path.dirname(testing.__file__))
    code = (
        "import sys, types\n"
        "parent = types.ModuleType('appflow_typed')\n"
        f"parent.__path__ = [{package_dir!r}]\n"
        "sys.modules['appflow_typed'] = parent\n"
        "import appflow_typed.testing._pytest_plugin, appflow_typed.testing\n"
        "print(sorted(m for m in ('boto3', 'botocore') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_a_request_handled_while_stopping_does_not_wait_out_its_latency() -> None:
    # A request can reach the handler just as stop() runs; its injected Latency must end
    # with the stop, or stop() gives up joining its thread and leaves it behind.
    endpoint = LocalAppFlow().start()
    endpoint.inject(testing.Latency(seconds=30))
    endpoint.stop()
    request = HttpRequest(
        method="POST", path="/list-connectors", headers={}, body=b"{}"
    )
    started = time.monotonic()
    endpoint._handle(request)
    assert time.monotonic() - started < 5


REGISTER = json.dumps({
    "connectorLabel": "wire", "connectorProvisioningType": "LAMBDA",
    "connectorProvisioningConfig": {"lambda": {
        "lambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f"}},
}).encode()


def send_register(endpoint: LocalAppFlow) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", int(endpoint.url.rsplit(":", 1)[1])), timeout=5)
    sock.sendall(b"POST /register-connector HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s"
                 % (len(REGISTER), REGISTER))
    return sock


def test_reset_connection_is_a_tcp_reset_before_applying(endpoint: LocalAppFlow) -> None:
    endpoint.inject(testing.ResetConnection())
    with send_register(endpoint) as sock, pytest.raises(ConnectionResetError):
        sock.recv(65536)  # an RST, not an orderly end of stream
    assert endpoint.effects == []


def test_drop_response_closes_without_an_answer_after_applying(endpoint: LocalAppFlow) -> None:
    endpoint.inject(testing.DropResponse())
    with send_register(endpoint) as sock:
        assert sock.recv(65536) == b""  # end of stream, no byte of an answer
    assert [e.operation for e in endpoint.effects] == ["RegisterConnector"]


def test_every_operation_of_the_model_is_routed_to_itself() -> None:
    from appflow_typed.testing._model import route, service_model

    for name, operation in service_model().operations.items():
        method, uri = operation["http"]["method"], operation["http"]["requestUri"]
        path = re.sub(r"\{[^}]+\}", "x", uri.split("?", 1)[0])
        assert route(method, path) == name
    assert route("POST", "/no-such-operation") is None
    assert route("GET", "/register-connector") is None


def test_expect_100_continue_is_answered_before_the_body(endpoint: LocalAppFlow) -> None:
    port = int(endpoint.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"POST /list-connectors HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                     b"Content-Length: 2\r\n\r\n")
        assert sock.recv(65536) == b"HTTP/1.1 100 Continue\r\n\r\n"  # within the timeout
        sock.sendall(b"{}")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200 OK\r\n")
