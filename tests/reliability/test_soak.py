"""Exactly-once under random faults: the soak of :mod:`tests.reliability.soak`.

The default run makes a few hundred calls; ``-m slow`` runs the full size (2,000 calls per
seed). Each run prints its figures in the terminal summary.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from tests.reliability.conftest import FIGURES
from tests.reliability.soak import Figures, run_soak

SLOW = pytest.mark.slow
RecordProperty = Callable[[str, object], None]


def assert_exactly_once(figures: Figures, calls: int) -> None:
    """The invariants every soak run must meet."""
    assert figures.unexpected_errors == []
    assert figures.calls == calls
    assert figures.duplicates == 0
    assert figures.lost_updates == 0
    assert figures.phantom_effects == 0
    assert figures.exhausted_completed == figures.exhausted
    # one retry owner: every attempt the client made reached the endpoint, and no other
    assert figures.attempts == figures.attempts_seen_by_client
    assert figures.most_attempts <= figures.max_attempts
    # every logical call committed exactly one effect
    assert figures.effects == figures.calls


@pytest.mark.parametrize(
    ("calls", "seed", "rate", "max_attempts"),
    [
        pytest.param(250, 1, 0.35, 4, id="250-calls"),
        pytest.param(2000, 1, 0.35, 4, id="2000-calls-seed1", marks=SLOW),
        pytest.param(2000, 2, 0.5, 4, id="2000-calls-seed2-rate0.5", marks=SLOW),
        pytest.param(2000, 3, 0.35, 6, id="2000-calls-seed3-6-attempts", marks=SLOW),
    ],
)
def test_soak_applies_every_call_exactly_once(
    calls: int, seed: int, rate: float, max_attempts: int,
    record_property: RecordProperty,
) -> None:
    figures = run_soak(calls=calls, seed=seed, rate=rate, max_attempts=max_attempts)
    print(figures.table())
    record_property(FIGURES, figures.line())
    assert_exactly_once(figures, calls)
    # the faults were really there, at the rate asked for, of every kind
    assert sum(figures.faults.values()) >= 0.3 * figures.attempts
    assert set(figures.faults) == {
        "DropResponse", "Throttle", "InternalError", "ResetConnection", "Latency"
    }
    assert figures.attempts > figures.calls
    # the flow operations are in the mix, not only the connector ones
    assert {"CreateFlow", "UpdateFlow", "StartFlow"} <= set(figures.calls_by_operation)


@pytest.mark.parametrize(
    "calls",
    [pytest.param(150, id="150-calls"), pytest.param(2000, id="2000-calls", marks=SLOW)],
)
def test_exhausted_calls_complete_once_when_reissued_with_their_token(
    calls: int, record_property: RecordProperty
) -> None:
    """A harsh plan (60% faults, 2 attempts) so that many calls run out of budget, some of
    them after a dropped response had already applied the change."""
    figures = run_soak(calls=calls, seed=11, rate=0.6, max_attempts=2)
    print(figures.table())
    record_property(FIGURES, figures.line())
    assert_exactly_once(figures, calls)
    assert figures.exhausted >= calls // 10
    assert figures.exhausted_by_error["TransportError"] > 0
    assert sum(n for k, n in figures.exhausted_by_error.items() if k != "TransportError") > 0
    assert figures.exhausted_applied_before_reissue > 0
    # flow calls too ran out of budget and completed once when re-issued with their token
    assert {"CreateFlow", "UpdateFlow", "StartFlow"} & set(figures.exhausted_by_operation)


def test_a_run_is_a_function_of_its_seed() -> None:
    first, second, other = (run_soak(calls=80, seed=s, rate=0.4) for s in (5, 5, 6))
    first, second, other = (dataclasses.replace(f, seconds=0.0) for f in (first, second, other))
    assert first == second
    assert first != other
