"""What ``appflow_typed.guard`` adds to a boto3 call, in process, without the network.

The ``guard`` section of ``benchmarks/run.py`` compares whole calls over loopback, where the
guard's share is smaller than the host's noise. This measures the guard's own work: botocore
emitting ``before-parameter-build`` for an operation on a guarded client against the same event on
an unguarded one (same session, same parameters), in alternating rounds; the difference is
the guard's handler, i.e. building the request model.

Run: ``python benchmarks/guard_overhead.py``. Prints one line per operation; asserts nothing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import boto3

from appflow_typed import guard

LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:acme-crm-connector"
CALLS: dict[str, dict[str, Any]] = {
    "RegisterConnector": {
        "connectorLabel": "acme_crm",
        "connectorProvisioningType": "LAMBDA",
        "connectorProvisioningConfig": {"lambda": {"lambdaArn": LAMBDA_ARN}},
    },
    "UnregisterConnector": {"connectorLabel": "acme_crm"},
    "DescribeConnector": {"connectorType": "CustomConnector", "connectorLabel": "acme_crm"},
}
ROUNDS = 15
BATCH = 2000


def _per_call_ns(fn: Callable[[], object]) -> float:
    start = time.perf_counter_ns()
    for _ in range(BATCH):
        fn()
    return (time.perf_counter_ns() - start) / BATCH


def main() -> None:
    session = boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    raw = session.client("appflow")
    guarded = guard(session.client("appflow"))
    for operation, params in CALLS.items():
        model = raw.meta.service_model.operation_model(operation)
        event = f"before-parameter-build.appflow.{operation}"

        def emit(client: Any) -> Callable[[], object]:
            return lambda: client.meta.events.emit(event, params=params, model=model, context={})  # noqa: B023

        ours, base = emit(guarded), emit(raw)
        _per_call_ns(ours), _per_call_ns(base)  # warm-up
        added = []
        for round_ in range(ROUNDS):
            pair = (ours, base) if round_ % 2 == 0 else (base, ours)
            times = {fn: _per_call_ns(fn) for fn in pair}
            added.append(times[ours] - times[base])
        print(f"{operation}: guard adds {statistics.median(added) / 1000:.1f} µs per call")


if __name__ == "__main__":
    main()
