"""What mapping a botocore exception to the typed error costs, in process.

The failure path of a call: botocore's exception (a boto3 client's modeled
``ConflictException``, with the response botocore parses) becomes a ``ConflictError`` that is
also that modeled class, with a scrubbed copy of the response and a note. Also the scrubbing
of one short message, and of one quoting a credential in three styles.

Run: ``python benchmarks/error_mapping.py``. Prints one line per measurement (the median of
rounds); asserts nothing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import boto3

from appflow_typed._errors_map import map_client_error, scrub_message

ROUNDS = 15
BATCH = 2000
PLAIN = "Connector label acme_crm already exists"
QUOTING = (
    "Value 'hunter2' at 'connectorProfileConfig.connectorProfileCredentials.Snowflake.password' "
    "failed; password=hunter2, username=u; Creds(username=u, password=hunter2, role=r)"
)


def _per_call_us(fn: Callable[[], object]) -> float:
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter_ns()
        for _ in range(BATCH):
            fn()
        rounds.append((time.perf_counter_ns() - start) / BATCH / 1000)
    return statistics.median(rounds)


def main() -> None:
    """Print the cost of each measurement."""
    client = boto3.client(
        "appflow", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    response: Any = {
        "Error": {"Code": "ConflictException", "Message": PLAIN},
        "message": PLAIN,
        "ResponseMetadata": {
            "RequestId": "5d0f3b8e-0000-4000-8000-000000000000",
            "HTTPStatusCode": 409,
            "HTTPHeaders": {
                "x-amzn-requestid": "5d0f3b8e-0000-4000-8000-000000000000",
                "content-type": "application/json",
                "x-amzn-errortype": "ConflictException",
            },
            "RetryAttempts": 0,
        },
    }
    exc = client.exceptions.ConflictException(response, "RegisterConnector")
    rows = {
        "map_client_error, modeled class": lambda: map_client_error(
            exc, operation="RegisterConnector", client_token="t", attempts=1
        ),
        "scrub_message, plain message": lambda: scrub_message(PLAIN),
        "scrub_message, 3 quoted credentials": lambda: scrub_message(QUOTING),
    }
    for name, fn in rows.items():
        print(f"{name:40} {_per_call_us(fn):7.1f} us")


if __name__ == "__main__":
    main()
