"""Guard an existing boto3 client: its calls are checked by the models before anything is sent.

Code that already calls boto3's ``appflow`` client keeps doing so; ``appflow_typed.guard``
adds the models' checks to that client. An invalid registration is refused locally, with
every problem and its API path, and never reaches the service; a valid one goes out as it is.

Runs against the local AppFlow endpoint embedded in appflow-typed: no AWS account, no
network, dummy credentials.

Run: python examples/guard_existing_client.py
"""

from __future__ import annotations

import appflow_typed
from appflow_typed.testing import LocalAppFlow

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:acme-crm-connector"


def main() -> None:
    with LocalAppFlow() as endpoint:
        client = appflow_typed.guard(endpoint.client())  # the same boto3 client, now guarded

        try:
            client.register_connector(
                connectorLabel="acme crm",  # a space is not allowed in a label
                connectorProvisioningType="LAMBDA",
                connectorProvisioningConfig={"lambda": {"lambdaArn": "my-function"}},
            )
        except appflow_typed.ValidationError as error:
            print(f"refused locally:\n{error}")
        print(f"requests the endpoint received: {len(endpoint.requests)}")

        response = client.register_connector(
            connectorLabel="acme_crm",
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
        )
        print(f"registered: {response['connectorArn']}")
        client.unregister_connector(connectorLabel="acme_crm")
        print(f"requests the endpoint received: {len(endpoint.requests)}")


if __name__ == "__main__":
    main()
