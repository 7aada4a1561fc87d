"""Register a Lambda-backed custom connector exactly once, through lost responses and throttling.

By default this runs against the local AppFlow endpoint of ``appflow_typed.testing``: no AWS
account, no network beyond 127.0.0.1, dummy credentials set below. The endpoint loses the
response of the first attempt (the registration *is* applied) and throttles the second; the
client retries with the same clientToken, so the service applies the registration once and
answers the retries with the original response.

Against real AWS (it registers, then unregisters, a connector in your account)::

    APPFLOW_TYPED_REAL_AWS=1 APPFLOW_TYPED_LAMBDA_ARN=arn:aws:lambda:...:function:my-connector \\
        python examples/retry_safe_registration.py

uses your usual AWS credentials and region. Faults cannot be injected there; the attempts you
see are the real ones.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import boto3
from botocore.config import Config

from appflow_typed import AppFlowClient, Attempt, RetryPolicy
from appflow_typed.models import ConnectorProvisioningConfig, LambdaConnectorProvisioningConfig
from appflow_typed.testing import DropResponse, LocalAppFlow, Throttle

LABEL = "retry_safe_demo"
LOCAL_LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:retry-safe-demo"


def show(attempt: Attempt) -> None:
    """Print one attempt: the RetryPolicy's ``on_attempt`` hook."""
    outcome = attempt.outcome
    if attempt.retrying:
        outcome += f" -> retry in {attempt.delay:.2f} s"
    print(
        f"  {attempt.operation} attempt {attempt.number}/{attempt.max_attempts}  "
        f"token={attempt.client_token or '(none: no clientToken)'}  {outcome}"
    )


POLICY = RetryPolicy(max_attempts=5, base_delay=0.05, max_delay=1.0, on_attempt=show)


@contextmanager
def appflow() -> Iterator[tuple[AppFlowClient, str, LocalAppFlow | None]]:
    """The client, the Lambda ARN to register, and the local endpoint (``None`` on AWS)."""
    if os.environ.get("APPFLOW_TYPED_REAL_AWS") == "1":
        arn = os.environ.get("APPFLOW_TYPED_LAMBDA_ARN")
        if not arn:
            sys.exit("set APPFLOW_TYPED_LAMBDA_ARN to the ARN of your connector's Lambda")
        with AppFlowClient(retry=POLICY) as client:
            yield client, arn, None
        return
    with LocalAppFlow() as endpoint:
        session = boto3.Session(
            aws_access_key_id="local-dummy",
            aws_secret_access_key="local-dummy",
            region_name=endpoint.region,
        )
        with AppFlowClient(
            session=session,
            endpoint_url=endpoint.url,
            config=Config(proxies={}),  # keep loopback traffic away from any HTTP_PROXY
            retry=POLICY,
        ) as client:
            yield client, LOCAL_LAMBDA_ARN, endpoint


def main() -> int:
    """Register, report, clean up."""
    with appflow() as (client, lambda_arn, endpoint):
        if endpoint is not None:
            endpoint.inject(DropResponse(), operation="RegisterConnector")
            endpoint.inject(Throttle(), operation="RegisterConnector")
            print("injected: a lost response, then a throttle, into RegisterConnector")

        print("registering:")
        result = client.register_connector(
            connector_label=LABEL,
            description="Registered once however many attempts it takes",
            connector_provisioning_type="LAMBDA",
            connector_provisioning_config=ConnectorProvisioningConfig(
                lambda_=LambdaConnectorProvisioningConfig(lambda_arn=lambda_arn)
            ),
        )
        print(f"registered:  {result.value.connector_arn}")
        print(f"clientToken: {result.client_token} (the one token of all {result.attempts} attempts)")

        if endpoint is not None:
            sent = [r for r in endpoint.requests if r.operation == "RegisterConnector"]
            applied = [e for e in endpoint.effects if e.operation == "RegisterConnector"]
            tokens = {r.client_token for r in sent}
            print(f"the endpoint saw {len(sent)} requests carrying {len(tokens)} token(s), "
                  f"and applied the registration {len(applied)} time(s)")
            if tokens != {result.client_token} or len(applied) != 1:
                print("unexpected: the registration was not applied exactly once")
                return 1

        print("cleaning up:")
        client.unregister_connector(connector_label=LABEL)
        print(f"unregistered {LABEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
