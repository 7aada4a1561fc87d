"""Throughput of 64 concurrent calls: AsyncAppFlowClient against raw aiobotocore.

Each round runs 64 concurrent calls through one ``AsyncAppFlowClient`` and 64 through one
raw aiobotocore ``appflow`` client (alternately, the order flipping every round, warm-up
first), both to one local AppFlow endpoint on 127.0.0.1 that runs in a child process
(``python -m appflow_typed.testing serve``) so its work does not compete with the clients
for this interpreter's GIL. Each side shows its median throughput; the ratio is the median
of the rounds' own ratios, so that load from elsewhere on a shared machine slows both sides
of a round alike. Dummy credentials; no other network.

Needs the async extra: ``pip install -c constraints-async.txt -e ".[async,dev]"``.
Run: ``python benchmarks/async_throughput.py`` (about a minute) or ``--quick``. Prints a
markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

CONCURRENCY = 64
TARGET = 0.95
LABEL = "bench_connector"
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:bench"


def _start_endpoint() -> tuple[subprocess.Popen[str], str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "appflow_typed.testing", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    url = child.stdout.readline().strip()
    if not url.startswith("http://127.0.0.1:"):
        child.kill()
        raise SystemExit(f"the local endpoint did not start: {url!r}")
    return child, url


async def _timed(calls: Callable[[], Awaitable[Any]]) -> float:
    """Calls per second of CONCURRENCY concurrent calls."""
    start = time.perf_counter()
    await asyncio.gather(*(calls() for _ in range(CONCURRENCY)))
    return CONCURRENCY / (time.perf_counter() - start)


async def _measure(url: str, rounds: int) -> list[tuple[str, float, float, float]]:
    from aiobotocore.config import AioConfig
    from aiobotocore.session import get_session

    from appflow_typed import AsyncAppFlowClient

    config = AioConfig(proxies={}, max_pool_connections=CONCURRENCY)
    session = get_session()
    rows = []
    async with (
        AsyncAppFlowClient(
            session=session, region_name="us-east-1", endpoint_url=url, config=config
        ) as ours,
        session.create_client(
            "appflow", region_name="us-east-1", endpoint_url=url, config=config
        ) as raw,
    ):
        await raw.register_connector(
            connectorLabel=LABEL,
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
        )
        cases: list[tuple[str, Callable[[], Awaitable[Any]], Callable[[], Awaitable[Any]]]] = [
            (
                "DescribeConnector",
                lambda: ours.describe_connector(
                    connector_type="CustomConnector", connector_label=LABEL
                ),
                lambda: raw.describe_connector(
                    connectorType="CustomConnector", connectorLabel=LABEL
                ),
            ),
            (
                "ListConnectors",
                lambda: ours.list_connectors(),
                lambda: raw.list_connectors(),
            ),
        ]
        for name, ours_call, raw_call in cases:
            for _ in range(3):  # warm-up: connections opened, code paths loaded
                await _timed(ours_call)
                await _timed(raw_call)
            ours_rates, raw_rates, ratios = [], [], []
            for index in range(rounds):
                if index % 2:
                    raw_rate = await _timed(raw_call)
                    ours_rate = await _timed(ours_call)
                else:
                    ours_rate = await _timed(ours_call)
                    raw_rate = await _timed(raw_call)
                ours_rates.append(ours_rate)
                raw_rates.append(raw_rate)
                ratios.append(ours_rate / raw_rate)
            rows.append(
                (
                    name,
                    statistics.median(ours_rates),
                    statistics.median(raw_rates),
                    statistics.median(ratios),
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: few rounds")
    args = parser.parse_args()
    os.environ.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
    )
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)
    import aiobotocore
    import botocore

    child, url = _start_endpoint()
    try:
        rows = asyncio.run(_measure(url, rounds=6 if args.quick else 120))
    finally:
        child.terminate()
        child.wait(timeout=10)
    print(
        f"Python {platform.python_version()}; aiobotocore {aiobotocore.__version__}, "
        f"botocore {botocore.__version__}; {os.cpu_count()} cores"
    )
    print()
    print("| what | ours | baseline | ratio | target | met? |")
    print("|---|---:|---:|---:|---|---|")
    for name, ours, raw, ratio in rows:
        met = "yes" if ratio >= TARGET else "**no**"
        print(
            f"| {CONCURRENCY} concurrent {name} through AsyncAppFlowClient | {ours:.0f} calls/s "
            f"| {raw:.0f} calls/s (aiobotocore) | {ratio:.2f}x | ≥ {TARGET}x | {met} |"
        )


if __name__ == "__main__":
    main()
