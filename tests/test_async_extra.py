"""The async client is an optional extra: importing the package never imports aiobotocore."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_importing_the_package_and_its_sync_client_does_not_import_aiobotocore() -> None:
    done = _run(
        "import sys, appflow_typed\n"
        "appflow_typed.AppFlowClient, appflow_typed.RetryPolicy, appflow_typed.guard\n"
        "assert 'aiobotocore' not in sys.modules and 'aiohttp' not in sys.modules\n"
    )
    assert done.returncode == 0, done.stderr


def test_without_the_extra_the_async_client_says_how_to_install_it() -> None:
    done = _run(
        "import sys\n"
        "sys.modules['aiobotocore'] = None  # as if not installed\n"
        "import appflow_typed\n"
        "try:\n"
        "    appflow_typed.AsyncAppFlowClient\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    assert done.returncode == 0, done.stderr
    assert 'pip install "appflow-typed[async]"' in done.stdout
