"""What a boto3 call against the local AppFlow endpoint costs, compared with the same call
against a trivial loopback server that answers every request with a constant ``{}``.

Both servers are threaded HTTP/1.1 with keep-alive on 127.0.0.1; the clients are identical
boto3 clients (one attempt, no retries). Rounds alternate between the two servers so drift on
a noisy machine hits both alike; the table shows the median per-call time over rounds.

Run: ``python benchmarks/endpoint_overhead.py [--rounds N] [--calls N]``. Reports only; it
asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import socket
import statistics
import threading
import time
import uuid
from collections.abc import Callable, Iterator

import boto3
import botocore
from botocore.config import Config
from mypy_boto3_appflow import AppflowClient

from appflow_typed.testing import LocalAppFlow
from appflow_typed.testing._model import boto3_session

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:bench"
ONE_ATTEMPT = Config(retries={"total_max_attempts": 1})


class ConstantServer:
    """The baseline: parses each request just enough to find its end, answers ``{}``."""

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._threads: list[threading.Thread] = []
        self._connections: list[socket.socket] = []
        self._accept = threading.Thread(target=self._accept_loop, daemon=True)
        self._accept.start()

    def _accept_loop(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._connections.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with contextlib.suppress(OSError), conn, conn.makefile("rb") as rfile:
            while True:
                if not rfile.readline():
                    return
                length = 0
                while (line := rfile.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                rfile.read(length)
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nx-amzn-RequestId: "
                    + str(uuid.uuid4()).encode()
                    + b"\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                )

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for conn in self._connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        self._accept.join()
        for thread in self._threads:
            thread.join()


def list_connectors(client: AppflowClient, i: int) -> None:
    client.list_connectors()


def describe_profiles(client: AppflowClient, i: int) -> None:
    client.describe_connector_profiles()


def register_unregister(client: AppflowClient, i: int) -> None:
    label = f"bench-{i}"
    client.register_connector(
        connectorLabel=label,
        connectorProvisioningType="LAMBDA",
        connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
    )
    client.unregister_connector(connectorLabel=label)


CASES: list[tuple[str, Callable[[AppflowClient, int], None], int]] = [
    ("ListConnectors", list_connectors, 1),
    ("DescribeConnectorProfiles", describe_profiles, 1),
    ("RegisterConnector + UnregisterConnector", register_unregister, 2),
]


def per_call(client: AppflowClient, call: Callable[[AppflowClient, int], None],
             calls: int, api_calls: int) -> float:
    started = time.perf_counter()
    for i in range(calls):
        call(client, i)
    return (time.perf_counter() - started) / (calls * api_calls)


@contextlib.contextmanager
def timed(label: str, sink: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    sink[label] = time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()

    setup: dict[str, float] = {}
    with timed("first client (loads botocore data)", setup):
        warm = LocalAppFlow().start()
        warm.client().close()
        warm.stop()
    starts = []
    for _ in range(20):
        endpoint = LocalAppFlow()
        started = time.perf_counter()
        endpoint.start()
        starts.append(time.perf_counter() - started)
        endpoint.stop()
    clients = []
    with LocalAppFlow() as endpoint:
        for _ in range(20):
            started = time.perf_counter()
            endpoint.client().close()
            clients.append(time.perf_counter() - started)

    endpoint = LocalAppFlow().start()
    baseline = ConstantServer()
    local_client = endpoint.client(config=ONE_ATTEMPT)
    base_client = boto3_session().client(
        "appflow", region_name="us-east-1", endpoint_url=baseline.url,
        aws_access_key_id="testing", aws_secret_access_key="testing",
        config=Config(proxies={}).merge(ONE_ATTEMPT),
    )
    rows = []
    try:
        for name, call, api_calls in CASES:
            per_call(local_client, call, 20, api_calls)  # warm both connection pools
            per_call(base_client, call, 20, api_calls)
            local, base = [], []
            for _ in range(args.rounds):
                local.append(per_call(local_client, call, args.calls, api_calls))
                base.append(per_call(base_client, call, args.calls, api_calls))
            rows.append((name, statistics.median(local), statistics.median(base)))
            endpoint.reset()
    finally:
        local_client.close()
        base_client.close()
        endpoint.stop()
        baseline.close()

    print(f"Python {platform.python_version()} ({platform.python_implementation()}), "
          f"boto3 {boto3.__version__}, botocore {botocore.__version__}, {platform.machine()}")
    print(f"{args.rounds} alternating rounds x {args.calls} calls; median per API call\n")
    print(f"{'operation':<42}{'LocalAppFlow':>14}{'constant {}':>14}{'ratio':>8}")
    for name, local_t, base_t in rows:
        print(f"{name:<42}{local_t * 1e3:>11.3f} ms{base_t * 1e3:>11.3f} ms"
              f"{local_t / base_t:>8.2f}")
    print()
    print(f"LocalAppFlow.start(): median {statistics.median(starts) * 1e3:.2f} ms, "
          f"max {max(starts) * 1e3:.2f} ms (20 starts)")
    print(f"endpoint.client():    median {statistics.median(clients) * 1e3:.2f} ms, "
          f"max {max(clients) * 1e3:.2f} ms (20 clients, after the first)")
    for label, seconds in setup.items():
        print(f"{label}: {seconds * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
