"""Exactly-once soak: many mutating calls through one AppFlowClient under random faults.

Run it on its own to print the figures table::

    python -m tests.reliability.soak --calls 2000 --seed 1

The workload is a seeded random mix of RegisterConnector, UpdateConnectorRegistration,
CreateConnectorProfile, UpdateConnectorProfile, DeleteConnectorProfile, UnregisterConnector,
CreateFlow, UpdateFlow and StartFlow (on-demand flows from the soak's custom connectors to S3)
against a :class:`~appflow_typed.testing.LocalAppFlow` that gives a share of all requests a
fault (a response dropped after the change was committed, throttling, a 500, a reset
connection, a little latency). The client retries with an injected ``sleep`` (no waiting) and
mints deterministic clientTokens, so a run is a function of its seed.

A call whose retry budget runs out must raise a typed error carrying its clientToken; it is
then re-issued with that token, faults off, and must complete. At the end the endpoint's
effects, state and flow runs are compared with what the calls reported.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import attrs

from appflow_typed import AppFlowClient, Attempt, RetryPolicy, ServiceError, TransportError
from appflow_typed._generated.operations import OPERATIONS
from appflow_typed.errors import ResourceNotFoundError
from appflow_typed.testing import (
    DropResponse,
    Fault,
    InternalError,
    Latency,
    LocalAppFlow,
    ResetConnection,
    Throttle,
)
from tests.reliability import _requests as rq

TOKEN_OPERATIONS = frozenset(name for name, op in OPERATIONS.items() if op.token is not None)
"""The operations whose requests carry a clientToken, as the generated table says."""

FAULTS: tuple[Fault, ...] = (
    DropResponse(),
    Throttle(),
    InternalError(),
    ResetConnection(),
    Latency(seconds=0.001),
)
"""Drawn uniformly: four of the five make an attempt fail."""

DEFAULT_RATE = 0.35
DEFAULT_MAX_ATTEMPTS = 4


@dataclass
class Figures:
    """What one soak run did and found."""

    seed: int
    rate: float
    max_attempts: int
    calls: int = 0
    calls_by_operation: collections.Counter[str] = field(default_factory=collections.Counter)
    attempts: int = 0
    attempts_seen_by_client: int = 0
    faults: collections.Counter[str] = field(default_factory=collections.Counter)
    effects: int = 0
    duplicates: int = 0
    lost_updates: int = 0
    phantom_effects: int = 0
    unexpected_errors: list[str] = field(default_factory=list)
    exhausted: int = 0
    exhausted_by_error: collections.Counter[str] = field(default_factory=collections.Counter)
    exhausted_by_operation: collections.Counter[str] = field(default_factory=collections.Counter)
    exhausted_completed: int = 0
    exhausted_applied_before_reissue: int = 0
    most_attempts: int = 0
    seconds: float = 0.0

    @property
    def fault_share(self) -> float:
        """Faults injected per attempt."""
        return sum(self.faults.values()) / self.attempts if self.attempts else 0.0

    def line(self) -> str:
        """The one-line summary."""
        faults = ", ".join(f"{k}={v}" for k, v in sorted(self.faults.items()))
        return (
            f"soak seed={self.seed}: calls={self.calls} attempts={self.attempts} "
            f"faults={sum(self.faults.values())} ({self.fault_share:.0%}: {faults}) "
            f"duplicates={self.duplicates} lost_updates={self.lost_updates} "
            f"exhausted={self.exhausted} exhausted_completed={self.exhausted_completed} "
            f"unexpected_errors={len(self.unexpected_errors)} in {self.seconds:.1f} s"
        )

    def table(self) -> str:
        """The figures as a Markdown table."""
        rows: list[tuple[str, object]] = [
            ("seed", self.seed),
            ("fault rate (per attempt)", f"{self.rate:.2f}"),
            ("max attempts per call", self.max_attempts),
            ("logical mutating calls", self.calls),
            *((f"  {op}", n) for op, n in sorted(self.calls_by_operation.items())),
            ("attempts (requests received)", self.attempts),
            ("attempts (counted by the client)", self.attempts_seen_by_client),
            ("faults injected", f"{sum(self.faults.values())} ({self.fault_share:.1%})"),
            *((f"  {kind}", n) for kind, n in sorted(self.faults.items())),
            ("effects committed", self.effects),
            ("duplicates", self.duplicates),
            ("lost updates", self.lost_updates),
            ("effects of no call", self.phantom_effects),
            ("unexpected errors", len(self.unexpected_errors)),
            ("calls that exhausted their budget", self.exhausted),
            *((f"  {kind}", n) for kind, n in sorted(self.exhausted_by_error.items())),
            ("  of which applied before the re-issue", self.exhausted_applied_before_reissue),
            ("  re-issued with their token and completed once", self.exhausted_completed),
            ("most attempts by one call", self.most_attempts),
            ("wall time (s)", f"{self.seconds:.1f}"),
        ]
        width = max(len(name) for name, _ in rows)
        lines = [f"| {'figure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
        lines.extend(f"| {name.ljust(width)} | {value} |" for name, value in rows)
        return "\n".join(lines)


@dataclass
class _Call:
    operation: str
    resource: str
    request: Any
    token: str | None = None
    """The clientToken the call completed with (operations that take one)."""


@dataclass
class _Model:
    """What the calls say the state is."""

    connectors: dict[str, str] = field(default_factory=dict)  # label -> description
    profiles: dict[str, str] = field(default_factory=dict)  # name -> version property
    hosting: set[str] = field(default_factory=set)  # labels that have (had) profiles
    last_token: dict[str, str] = field(default_factory=dict)  # resource -> last token
    removed: list[str] = field(default_factory=list)
    flows: dict[str, str] = field(default_factory=dict)  # name -> description
    flow_profile: dict[str, str] = field(default_factory=dict)  # flow name -> profile it reads
    runs: collections.Counter[str] = field(default_factory=collections.Counter)  # flow -> starts


def _plan(rng: random.Random, model: _Model, n: int) -> _Call:
    """The next logical call: a weighted choice among what the current state allows."""
    free = sorted(set(model.connectors) - model.hosting)
    options: list[tuple[str, float]] = [("RegisterConnector", 0.15 if model.connectors else 1.0)]
    if model.connectors:
        options += [("UpdateConnectorRegistration", 0.25), ("CreateConnectorProfile", 0.15)]
    deletable = sorted(set(model.profiles) - set(model.flow_profile.values()))
    if model.profiles:
        options += [("UpdateConnectorProfile", 0.3), ("CreateFlow", 0.06)]
    if deletable:
        options.append(("DeleteConnectorProfile", 0.04))
    if model.flows:
        options += [("UpdateFlow", 0.12), ("StartFlow", 0.12)]
    if free:
        options.append(("UnregisterConnector", 0.04))
    names, weights = zip(*options, strict=True)
    operation = rng.choices(names, weights)[0]
    if operation == "RegisterConnector":
        label = f"soak_c{n}"
        return _Call(operation, label, rq.register(label, f"registered by call {n}"))
    if operation == "UpdateConnectorRegistration":
        label = rng.choice(sorted(model.connectors))
        return _Call(operation, label, rq.update_registration(label, f"updated by call {n}"))
    if operation == "CreateConnectorProfile":
        label = rng.choice(sorted(model.connectors))
        name = f"soak_p{n}"
        return _Call(operation, name, rq.create_profile(name, label, f"v{n}"))
    if operation == "UpdateConnectorProfile":
        name = rng.choice(sorted(model.profiles))
        return _Call(operation, name, rq.update_profile(name, f"v{n}"))
    if operation == "DeleteConnectorProfile":
        name = rng.choice(deletable)
        return _Call(operation, name, {"connector_profile_name": name})
    if operation == "CreateFlow":
        profile, name = rng.choice(sorted(model.profiles)), f"soak_f{n}"
        return _Call(operation, name, rq.create_flow(name, profile, f"created by call {n}"))
    if operation == "UpdateFlow":
        name = rng.choice(sorted(model.flows))
        request = rq.update_flow(name, model.flow_profile[name], f"updated by call {n}")
        return _Call(operation, name, request)
    if operation == "StartFlow":
        name = rng.choice(sorted(model.flows))
        return _Call(operation, name, rq.start_flow(name))
    label = rng.choice(free)
    return _Call(operation, label, {"connector_label": label})


def _send(client: AppFlowClient, call: _Call) -> None:
    """Make the call; record the clientToken it completed with."""
    request = call.request
    if call.operation == "RegisterConnector":
        call.token = client.register_connector(request).client_token
    elif call.operation == "UpdateConnectorRegistration":
        call.token = client.update_connector_registration(request).client_token
    elif call.operation == "CreateConnectorProfile":
        call.token = client.create_connector_profile(request).client_token
    elif call.operation == "UpdateConnectorProfile":
        call.token = client.update_connector_profile(request).client_token
    elif call.operation == "CreateFlow":
        call.token = client.create_flow(request).client_token
    elif call.operation == "UpdateFlow":
        call.token = client.update_flow(request).client_token
    elif call.operation == "StartFlow":
        call.token = client.start_flow(request).client_token
    elif call.operation == "DeleteConnectorProfile":
        client.delete_connector_profile(**request)
    else:
        client.unregister_connector(**request)


def _apply(model: _Model, call: _Call) -> None:
    """Record a successful call in the model."""
    request = call.request
    if call.operation in ("RegisterConnector", "UpdateConnectorRegistration"):
        model.connectors[call.resource] = request.description
    elif call.operation in ("CreateConnectorProfile", "UpdateConnectorProfile"):
        props = request.connector_profile_config.connector_profile_properties
        model.profiles[call.resource] = props.custom_connector.profile_properties["version"]
        if call.operation == "CreateConnectorProfile":
            model.hosting.add(request.connector_label)
    elif call.operation in ("CreateFlow", "UpdateFlow"):
        model.flows[call.resource] = request.description
        if call.operation == "CreateFlow":
            model.flow_profile[call.resource] = request.source_flow_config.connector_profile_name
    elif call.operation == "StartFlow":
        model.runs[call.resource] += 1
    elif call.operation == "DeleteConnectorProfile":
        del model.profiles[call.resource]
        model.removed.append(call.resource)
    else:
        del model.connectors[call.resource]
        model.removed.append(call.resource)
    if call.token is not None:
        model.last_token[call.resource] = call.token


def _reissue(
    client: AppFlowClient, endpoint: LocalAppFlow, call: _Call, error: BaseException
) -> None:
    """Re-issue an exhausted call, faults off: with its clientToken if it has one."""
    if call.operation in TOKEN_OPERATIONS:
        token = getattr(error, "client_token", None)
        if token is None:
            raise AssertionError(f"{call.operation} gave up without its clientToken: {error!r}")
        call.request = attrs.evolve(call.request, client_token=token)
        _send(client, call)
        if call.token != token:
            raise AssertionError(f"re-issue used {call.token}, not the call's token {token}")
        return
    try:
        _send(client, call)
    except ResourceNotFoundError:
        # the exhausted call had deleted it already; that must show in the effects
        removals = [e for e in endpoint.effects if e.resource == call.resource
                    and e.operation == call.operation]
        if len(removals) != 1:
            raise


def run_soak(
    *,
    calls: int,
    seed: int,
    rate: float = DEFAULT_RATE,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    faults: Sequence[Fault] = FAULTS,
    progress: Callable[[int], object] | None = None,
) -> Figures:
    """Run the soak and check it.

    Args:
        calls: Logical mutating calls to make.
        seed: Seeds the workload, the fault plan and the retry jitter.
        rate: The probability that an attempt gets a fault.
        max_attempts: The retry policy's attempt budget.
        faults: The faults to draw from.
        progress: Called with the number of calls made, every 500 calls.

    Returns:
        The figures; the caller asserts on them.
    """
    figures = Figures(seed=seed, rate=rate, max_attempts=max_attempts)
    rng = random.Random(seed)
    jitter = random.Random(seed + 1)
    counter = itertools.count()
    attempts_per_call: list[int] = [0]

    def on_attempt(attempt: Attempt) -> None:
        figures.attempts_seen_by_client += 1
        attempts_per_call[0] = max(attempts_per_call[0], attempt.number)

    policy = RetryPolicy(
        max_attempts=max_attempts,
        base_delay=0.05,
        max_delay=1.0,
        sleep=lambda _: None,
        random=jitter.random,
        on_attempt=on_attempt,
    )
    model = _Model()
    done: list[_Call] = []
    started = time.perf_counter()
    with LocalAppFlow() as endpoint:
        boto = endpoint.client()
        client = AppFlowClient(
            client=boto,
            retry=policy,
            token_factory=lambda: f"soak.{seed}.{next(counter):06d}",
        )
        endpoint.inject_randomly(rate=rate, faults=faults, seed=seed)
        for n in range(calls):
            call = _plan(rng, model, n)
            attempts_per_call[0] = 0
            try:
                _send(client, call)
            except (TransportError, ServiceError) as error:
                if isinstance(error, ServiceError) and not error.retry_safe:
                    figures.unexpected_errors.append(f"call {n} {call.operation}: {error!r}")
                    continue
                figures.exhausted += 1
                figures.exhausted_by_error[type(error).__name__] += 1
                figures.exhausted_by_operation[call.operation] += 1
                token = getattr(error, "client_token", None)
                if token is not None and any(e.client_token == token for e in endpoint.effects):
                    figures.exhausted_applied_before_reissue += 1
                endpoint.stop_random_faults()
                try:
                    _reissue(client, endpoint, call, error)
                except (TransportError, ServiceError) as again:
                    figures.unexpected_errors.append(f"re-issue of call {n}: {again!r}")
                    continue
                finally:
                    endpoint.inject_randomly(rate=rate, faults=faults, seed=seed * 7919 + n)
                figures.exhausted_completed += 1
            figures.most_attempts = max(figures.most_attempts, attempts_per_call[0])
            figures.calls += 1
            figures.calls_by_operation[call.operation] += 1
            _apply(model, call)
            done.append(call)
            if progress is not None and (n + 1) % 500 == 0:
                progress(n + 1)
        endpoint.stop_random_faults()
        _check(figures, endpoint, model, done)
        boto.close()
    figures.seconds = time.perf_counter() - started
    return figures


def _check(figures: Figures, endpoint: LocalAppFlow, model: _Model, done: list[_Call]) -> None:
    """Compare the endpoint's effects and state with what the calls reported."""
    requests = endpoint.requests
    effects = endpoint.effects
    figures.attempts = len(requests)
    figures.faults.update(type(r.fault).__name__ for r in requests if r.fault is not None)
    figures.effects = len(effects)

    per_token = collections.Counter(e.client_token for e in effects if e.client_token is not None)
    tokens = {c.token for c in done if c.token is not None}
    figures.duplicates = sum(n - 1 for n in per_token.values() if n > 1)
    lost = sum(1 for token in tokens if per_token[token] == 0)
    figures.phantom_effects = sum(1 for token in per_token if token not in tokens)

    removals = collections.Counter(
        e.resource for e in effects
        if e.operation in ("DeleteConnectorProfile", "UnregisterConnector")
    )
    figures.duplicates += sum(n - 1 for n in removals.values() if n > 1)
    lost += sum(1 for resource in model.removed if removals[resource] == 0)

    # the final state is what the last successful call on each resource made it
    connectors, profiles = endpoint.connectors, endpoint.profiles
    lost += len(set(model.connectors) ^ set(connectors)) + len(set(model.profiles) ^ set(profiles))
    for label, description in model.connectors.items():
        stored = connectors.get(label)
        if stored is not None and stored.description != description:
            lost += 1
    for name, version in model.profiles.items():
        stored_profile = profiles.get(name)
        if stored_profile is not None:
            got = stored_profile.properties["CustomConnector"]["profileProperties"]["version"]
            lost += got != version
    flows = endpoint.flows
    lost += len(set(model.flows) ^ set(flows))
    for name, flow_description in model.flows.items():
        stored_flow = flows.get(name)
        if stored_flow is not None and stored_flow.description != flow_description:
            lost += 1
    # every StartFlow ran its flow once: one run per call, no more, no fewer
    runs = collections.Counter(e.flow_name for e in endpoint.executions)
    figures.duplicates += sum(max(0, runs[f] - model.runs[f]) for f in runs | model.runs)
    lost += sum(max(0, model.runs[f] - runs[f]) for f in runs | model.runs)
    last_effect: dict[str, str | None] = {}
    for effect in effects:
        last_effect[effect.resource] = effect.client_token
    for resource, token in model.last_token.items():
        if resource not in model.removed and last_effect.get(resource) != token:
            lost += 1
    figures.lost_updates = lost


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the soak, print the figures table, exit 1 if a check failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=DEFAULT_RATE)
    parser.add_argument("--max-attempts", type=int, default=DEFAULT_MAX_ATTEMPTS)
    args = parser.parse_args(argv)
    figures = run_soak(
        calls=args.calls,
        seed=args.seed,
        rate=args.rate,
        max_attempts=args.max_attempts,
        progress=lambda n: print(f"... {n} calls", flush=True),
    )
    print(figures.table())
    print(figures.line())
    for problem in figures.unexpected_errors:
        print("unexpected:", problem)
    ok = (
        figures.duplicates == 0
        and figures.lost_updates == 0
        and figures.phantom_effects == 0
        and not figures.unexpected_errors
        and figures.exhausted_completed == figures.exhausted
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
