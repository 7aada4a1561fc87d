"""Runs ``python -m appflow_typed.testing serve`` as a child process, for the standalone
server's tests."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import boto3
from mypy_boto3_appflow import AppflowClient

START_SECONDS = 60.0
STOP_SECONDS = 30.0


@contextlib.contextmanager
def serving(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """The running server and its URL (its first line). Killed if still running at exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "appflow_typed.testing", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # A server that never prints its line must not hang the test.
    watchdog = threading.Timer(START_SECONDS, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        watchdog.cancel()
        assert url.startswith("http://"), (url, process.stderr.read() if process.stderr else "")
        yield process, url
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=STOP_SECONDS)


def stop(process: subprocess.Popen[str], signum: int = signal.SIGTERM) -> int:
    """Send ``signum`` and return the exit status."""
    process.send_signal(signum)
    return process.wait(timeout=STOP_SECONDS)


def client(url: str) -> AppflowClient:
    """A boto3 client for ``url`` with dummy credentials and no retries."""
    from botocore.config import Config

    return boto3.session.Session().client(
        "appflow",
        region_name="us-east-1",
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}, proxies={}),
    )
