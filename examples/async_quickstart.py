"""AsyncAppFlowClient in an asyncio program: concurrent registrations, exactly once each.

Needs the async extra (``pip install "appflow-typed[async]"``); without it this prints how to
install it and exits 0 (the examples also run where only the sync client is installed).

By default this runs against the local AppFlow endpoint of ``appflow_typed.testing``: no AWS
account, no network beyond 127.0.0.1, dummy credentials. It registers eight Lambda-backed
connectors concurrently while the endpoint loses the first response and throttles the next
request; every call retries with its own clientToken, backing off without blocking the event
loop, and each connector is registered once. Then it lists them (an async iterator) and
unregisters them.

Against real AWS (it registers, then unregisters, connectors in your account)::

    APPFLOW_TYPED_REAL_AWS=1 APPFLOW_TYPED_LAMBDA_ARN=arn:aws:lambda:...:function:my-connector \\
        python examples/async_quickstart.py

uses your usual AWS credentials and region, read from the environment as boto3 does.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from appflow_typed import RetryPolicy
from appflow_typed.models import ConnectorProvisioningConfig, LambdaConnectorProvisioningConfig
from appflow_typed.testing import DropResponse, LocalAppFlow, Throttle

if importlib.util.find_spec("aiobotocore") is None:
    print('skipped: AsyncAppFlowClient needs the async extra: pip install "appflow-typed[async]"')
    sys.exit(0)

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession

from appflow_typed import AsyncAppFlowClient

LABELS = [f"async_demo_{i}" for i in range(8)]
LOCAL_LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:async-demo"
POLICY = RetryPolicy(max_attempts=5, base_delay=0.05, max_delay=1.0)


@asynccontextmanager
async def appflow() -> AsyncIterator[tuple[AsyncAppFlowClient, str, LocalAppFlow | None]]:
    """The client, the Lambda ARN to register, and the local endpoint (``None`` on AWS)."""
    if os.environ.get("APPFLOW_TYPED_REAL_AWS") == "1":
        arn = os.environ.get("APPFLOW_TYPED_LAMBDA_ARN")
        if not arn:
            sys.exit("set APPFLOW_TYPED_LAMBDA_ARN to the ARN of your connector's Lambda")
        async with AsyncAppFlowClient(retry=POLICY) as client:
            yield client, arn, None
        return
    with LocalAppFlow() as endpoint:
        session = AioSession()
        session.set_credentials("local-dummy", "local-dummy")
        async with AsyncAppFlowClient(
            session=session,
            region_name=endpoint.region,
            endpoint_url=endpoint.url,
            config=AioConfig(proxies={}),  # keep loopback traffic away from any HTTP_PROXY
            retry=POLICY,
        ) as client:
            yield client, LOCAL_LAMBDA_ARN, endpoint


async def main() -> int:
    """Register concurrently, report, list, clean up."""
    async with appflow() as (client, lambda_arn, endpoint):
        if endpoint is not None:
            endpoint.inject(DropResponse(), operation="RegisterConnector")
            endpoint.inject(Throttle(), operation="RegisterConnector")
            print("injected: a lost response, then a throttle, into RegisterConnector")

        config = ConnectorProvisioningConfig(
            lambda_=LambdaConnectorProvisioningConfig(lambda_arn=lambda_arn)
        )
        results = await asyncio.gather(
            *(
                client.register_connector(
                    connector_label=label,
                    connector_provisioning_type="LAMBDA",
                    connector_provisioning_config=config,
                )
                for label in LABELS
            )
        )
        for label, result in zip(LABELS, results, strict=True):
            print(f"registered {label}: {result.attempts} attempt(s), token {result.client_token}")

        listed = [c.connector_label async for c in client.iter_connectors(max_results=3)]
        print(f"listed {len(listed)} connectors, three per page")

        if endpoint is not None:
            applied = [e for e in endpoint.effects if e.operation == "RegisterConnector"]
            if sorted(e.resource for e in applied) != sorted(LABELS):
                print("unexpected: a registration was not applied exactly once")
                return 1
            print(f"the endpoint applied {len(applied)} registrations for {len(LABELS)} calls")

        await asyncio.gather(*(client.unregister_connector(connector_label=lb) for lb in LABELS))
        print(f"unregistered {len(LABELS)} connectors")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
