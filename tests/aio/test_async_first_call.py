"""The first async call leaves the event loop free: what it loads is loaded in a worker thread.

A first call loads things synchronously: the operation's model modules (whose attrs classes
are built on import) and their serializers, and the botocore data files aiobotocore's
``create_client`` reads (JSON of up to a few hundred KB). Done on the event loop's thread,
they held it for about twice as long as a plain aiobotocore client's first call
(``benchmarks/first_call_loop_lag.py`` measures it). This checks where they happen, not how
long they take: in a fresh interpreter (nothing loaded yet), an audit hook records each
import of a model module and each botocore data file opened during the first call, and the
thread it happened on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from appflow_typed.testing import LocalAppFlow

_FIRST_CALL = r"""
import asyncio, json, sys, threading

from appflow_typed import AsyncAppFlowClient  # imported before the call, as an application does
from botocore.config import Config

events = []
recording = False
loop_thread = None


def hook(event, args):
    if not recording:
        return
    if event == "import" and str(args[0]).startswith("appflow_typed.models."):
        what = args[0]
    elif event == "open" and "botocore" in str(args[0]) and "data" in str(args[0]):
        what = str(args[0]).rsplit("botocore", 1)[-1]
    else:
        return
    events.append([what, threading.get_ident() == loop_thread])


sys.addaudithook(hook)


async def main():
    global recording, loop_thread
    loop_thread = threading.get_ident()
    recording = True
    client = AsyncAppFlowClient(
        region_name="us-east-1", endpoint_url=sys.argv[1], config=Config(proxies={})
    )
    await client.list_connectors()
    recording = False
    await client.close()


asyncio.run(main())
print(json.dumps(events))
"""


def test_the_first_call_loads_its_models_and_botocore_data_off_the_event_loop(
    appflow_endpoint: LocalAppFlow,
) -> None:
    env = {**os.environ, "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_CALL, appflow_endpoint.url],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )
    events: list[tuple[str, bool]] = [tuple(e) for e in json.loads(done.stdout.splitlines()[-1])]
    loaded = {what for what, _ in events}
    assert any(what.startswith("appflow_typed.models._") for what in loaded)  # its models
    assert any("service-2" in what for what in loaded)  # the service model's file
    assert [what for what, on_the_loop in events if on_the_loop] == []
