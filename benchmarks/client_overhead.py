"""Where the time of a call through AppFlowClient goes beyond the boto3 call it makes (the
overhead that the ``client`` and ``load`` sections of ``benchmarks/run.py`` measure).

1. In process, without network: AppFlowClient over a boto3 client whose operation methods
   return answers recorded from the local endpoint. For each operation, the best of rounds of
   the whole call and of the parts that are model work (building the request, ``to_boto``,
   ``from_boto`` of the answer); what remains is the client's own work (token, retry loop,
   bookkeeping).
2. Over loopback, with the local endpoint in a child process as in ``run.py``: the raw boto3
   call, the call through AppFlowClient, and that call with ``from_boto`` replaced by a function
   that returns the answer as it is. Interleaved rounds; medians of the per-round differences
   from the raw call, in this thread's CPU time (what row 5's threads compete for) and in wall
   time. On a busy machine these move by tens of µs; the in-process numbers are steadier.

Run: ``python benchmarks/client_overhead.py [--rounds N]``. Reports only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
import timeit
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import LABEL, LAMBDA_ARN, Endpoint, local_endpoint

from appflow_typed import AppFlowClient, from_boto, to_boto
from appflow_typed import _client as client_module
from appflow_typed.models import (
    ConnectorProvisioningConfig,
    DescribeConnectorRequest,
    DescribeConnectorResponse,
    LambdaConnectorProvisioningConfig,
    ListConnectorsRequest,
    ListConnectorsResponse,
    RegisterConnectorRequest,
    RegisterConnectorResponse,
    UnregisterConnectorRequest,
    UnregisterConnectorResponse,
)

_T = TypeVar("_T")

PROVISIONING = ConnectorProvisioningConfig(
    lambda_=LambdaConnectorProvisioningConfig(lambda_arn=LAMBDA_ARN)
)


@attrs.frozen
class Case:
    """One row: the same work through AppFlowClient and on the raw boto3 client."""

    title: str
    typed: Callable[[AppFlowClient], object]
    raw: Callable[[Any], object]
    # (boto3 method, request model, its fields, response model) of each call the case makes
    calls: tuple[tuple[str, type[Any], Mapping[str, Any], type[Any]], ...]


def _typed_pair(client: AppFlowClient) -> None:
    client.register_connector(
        connector_label="overhead_typed",
        connector_provisioning_type="LAMBDA",
        connector_provisioning_config=PROVISIONING,
    )
    client.unregister_connector(connector_label="overhead_typed")


def _raw_pair(boto: Any) -> None:
    boto.register_connector(
        connectorLabel="overhead_raw",
        connectorProvisioningType="LAMBDA",
        connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
    )
    boto.unregister_connector(connectorLabel="overhead_raw")


_DESCRIBE = {"connector_type": "CustomConnector", "connector_label": LABEL}
_REGISTER = {
    "connector_label": "overhead_typed",
    "connector_provisioning_type": "LAMBDA",
    "connector_provisioning_config": PROVISIONING,
}
CASES = (
    Case(
        "DescribeConnector",
        lambda c: c.describe_connector(connector_type="CustomConnector", connector_label=LABEL),
        lambda b: b.describe_connector(connectorType="CustomConnector", connectorLabel=LABEL),
        (("describe_connector", DescribeConnectorRequest, _DESCRIBE, DescribeConnectorResponse),),
    ),
    Case(
        "ListConnectors",
        lambda c: c.list_connectors(),
        lambda b: b.list_connectors(),
        (("list_connectors", ListConnectorsRequest, {}, ListConnectorsResponse),),
    ),
    Case(
        "RegisterConnector + UnregisterConnector",
        _typed_pair,
        _raw_pair,
        (
            ("register_connector", RegisterConnectorRequest, _REGISTER, RegisterConnectorResponse),
            (
                "unregister_connector",
                UnregisterConnectorRequest,
                {"connector_label": "overhead_typed"},
                UnregisterConnectorResponse,
            ),
        ),
    ),
)


def _build_and_unstructure(cls: type[Any], fields: Mapping[str, Any]) -> object:
    return to_boto(cls(**fields))


def best_us(fn: Callable[[], object], number: int = 2000, repeat: int = 7) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def in_process(endpoint: Endpoint) -> None:
    print("In process (canned answers; best of rounds, µs per case):\n")
    print("| operation | whole call | request + to_boto | from_boto | client itself |")
    print("|---|---:|---:|---:|---:|")
    recorder = endpoint.raw_client()
    for case in CASES:
        client = AppFlowClient(client=endpoint.raw_client())
        # The boto3 client its calls go through (a sibling of the one given), canned.
        boto = client._sender
        model_work: list[Callable[[], object]] = []
        for method, request_cls, fields, response_cls in case.calls:
            answer = getattr(recorder, method)(**to_boto(request_cls(**fields)))
            body = {k: v for k, v in answer.items() if k != "ResponseMetadata"}
            setattr(boto, method, lambda _answer=answer, **_: dict(_answer))
            model_work.append(functools.partial(_build_and_unstructure, request_cls, fields))
            model_work.append(functools.partial(from_boto, response_cls, body))
        whole = best_us(functools.partial(case.typed, client))
        canned = best_us(functools.partial(case.raw, boto))
        request_part = sum(best_us(fn) for fn in model_work[0::2])
        response_part = sum(best_us(fn) for fn in model_work[1::2])
        own = whole - canned - request_part - response_part
        print(
            f"| {case.title} | {whole:.1f} | {request_part:.1f} | {response_part:.1f} | {own:.1f} |"
        )


def _identity(cls: type[_T], data: Mapping[str, Any]) -> _T:
    result: _T = data  # type: ignore[assignment]  # the answer as it is, for comparison only
    return result


@contextmanager
def _without_from_boto() -> Iterator[None]:
    setattr(client_module, "from_boto", _identity)  # noqa: B010
    try:
        yield
    finally:
        setattr(client_module, "from_boto", from_boto)  # noqa: B010


def over_loopback(endpoint: Endpoint, rounds: int, calls: int) -> None:
    print(
        f"\nOver loopback ({rounds} interleaved rounds of {calls} calls; medians, µs per case):\n"
    )
    print(
        "| operation | raw boto3 (CPU / wall) | AppFlowClient: + CPU / + wall "
        "| without from_boto: + CPU / + wall |"
    )
    print("|---|---:|---:|---:|")
    raw = endpoint.raw_client()
    typed = AppFlowClient(client=endpoint.raw_client())
    for case in CASES:

        def without_conversion(case: Case = case) -> None:
            with _without_from_boto():
                case.typed(typed)

        sides: list[Callable[[], object]] = [
            functools.partial(case.raw, raw),
            functools.partial(case.typed, typed),
            without_conversion,
        ]
        for side in sides:
            for _ in range(10):
                side()
        cpu: list[list[float]] = [[] for _ in sides]
        wall: list[list[float]] = [[] for _ in sides]
        for round_ in range(rounds):
            order = range(len(sides)) if round_ % 2 == 0 else reversed(range(len(sides)))
            for i in order:
                c, w = time.thread_time_ns(), time.perf_counter_ns()
                for _ in range(calls):
                    sides[i]()
                cpu[i].append((time.thread_time_ns() - c) / calls / 1000)
                wall[i].append((time.perf_counter_ns() - w) / calls / 1000)

        extra = [
            f"{_paired_median(cpu[i], cpu[0]):+.0f} / {_paired_median(wall[i], wall[0]):+.0f}"
            for i in (1, 2)
        ]
        base = f"{statistics.median(cpu[0]):.0f} / {statistics.median(wall[0]):.0f}"
        print(f"| {case.title} | {base} | {extra[0]} | {extra[1]} |")


def _paired_median(side: list[float], raw: list[float]) -> float:
    """The median over rounds of ``side`` minus ``raw`` measured in the same round."""
    return statistics.median(a - b for a, b in zip(side, raw, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=31)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    with local_endpoint() as endpoint:
        endpoint.raw_client().register_connector(
            connectorLabel=LABEL,
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
        )
        in_process(endpoint)
        over_loopback(endpoint, args.rounds, args.calls)


if __name__ == "__main__":
    main()
