"""How long the first async call holds the event loop: AsyncAppFlowClient against aiobotocore.

Each sample is a fresh interpreter (the first call of a process is the one that loads
things), with its bytecode cached: one unmeasured run of each side comes first. In it, a
probe task ticks every millisecond (``await asyncio.sleep(0.001)``) and records the longest
gap between two of its ticks while the first call runs; that gap is how long the loop was
held by synchronous work. "ours" is ``AsyncAppFlowClient(...)`` and its first
``list_connectors()`` (the aiobotocore client opens on that call); "aiobotocore" is
``get_session()``, ``create_client(...)`` entered, and its first ``list_connectors()``. Both
talk to one local AppFlow endpoint on 127.0.0.1 that runs in a child process. Samples of the
two sides alternate; each side shows its median, and the ratio is the median of the
samples' own ratios. Dummy credentials; no other network.

Needs the async extra: ``pip install -c constraints-async.txt -e ".[async,dev]"``.
Run: ``python benchmarks/first_call_loop_lag.py`` (``--samples N``, default 7). Prints a
markdown table; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import time

SIDES = ("ours", "aiobotocore")


async def _first_call(side: str, url: str) -> float:
    """The longest gap between the probe's ticks during the first call, in milliseconds."""
    from botocore.config import Config

    ticks: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        while not done.is_set():
            ticks.append(time.perf_counter())
            await asyncio.sleep(0.001)

    config = Config(proxies={})
    if side == "ours":
        from appflow_typed import AsyncAppFlowClient

        running = asyncio.ensure_future(probe())
        await asyncio.sleep(0.01)
        start = time.perf_counter()
        client = AsyncAppFlowClient(region_name="us-east-1", endpoint_url=url, config=config)
        await client.list_connectors()
        end = time.perf_counter()
        await client.close()
    else:
        from aiobotocore.config import AioConfig
        from aiobotocore.session import get_session

        running = asyncio.ensure_future(probe())
        await asyncio.sleep(0.01)
        start = time.perf_counter()
        session = get_session()
        async with session.create_client(
            "appflow", region_name="us-east-1", endpoint_url=url, config=AioConfig(proxies={})
        ) as raw:
            await raw.list_connectors()
        end = time.perf_counter()
    ticks.append(time.perf_counter())
    done.set()
    await running
    during = [t for t in ticks if start <= t] or [end]
    before = max((t for t in ticks if t < start), default=start)
    marks = [before, *during]
    return 1000 * max(b - a for a, b in itertools.pairwise(marks))


def _sample(side: str, url: str) -> float:
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    }
    env.pop("AWS_SESSION_TOKEN", None)
    env.pop("AWS_PROFILE", None)
    done = subprocess.run(
        [sys.executable, __file__, "--one", side, url],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("--one", nargs=2, metavar=("SIDE", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        side, url = args.one
        print(f"{asyncio.run(_first_call(side, url)):.1f}")
        return
    child = subprocess.Popen(
        [sys.executable, "-m", "appflow_typed.testing", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        url = child.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise SystemExit(f"the local endpoint did not start: {url!r}")
        for side in SIDES:  # bytecode cached, the endpoint warm
            _sample(side, url)
        lags: dict[str, list[float]] = {side: [] for side in SIDES}
        for number in range(args.samples):
            order = SIDES if number % 2 == 0 else SIDES[::-1]
            for side in order:
                lags[side].append(_sample(side, url))
    finally:
        child.terminate()
        child.wait()
    ratios = [o / a for o, a in zip(lags["ours"], lags["aiobotocore"], strict=True) if a > 0]
    print("| first call's longest event-loop hold | median (ms) | samples (ms) |")
    print("|---|---|---|")
    for side in SIDES:
        samples = ", ".join(f"{v:.0f}" for v in lags[side])
        print(f"| {side} | {statistics.median(lags[side]):.0f} | {samples} |")
    print(f"\nratio ours / aiobotocore (median of per-sample ratios): {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
