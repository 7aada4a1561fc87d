"""Where the model work of ``benchmarks/run.py`` (its ``model`` and ``pydantic`` sections)
goes, request by request.

For each representative request it prints:

- the time of ``from_boto``, of construction and of ``to_boto`` (best of rounds, no profiler);
- each model class's own construction time (rebuilding that one object from its members,
  the nested objects already built) and, of that, its cross-field rule;
- the functions ``cProfile`` finds most time in during ``from_boto`` (``tottime``; the
  profiler inflates Python calls relative to C, so read it for shares, not for absolutes).

Run: ``python benchmarks/profile_models.py``. Reports only; it asserts nothing.
"""

from __future__ import annotations

import cProfile
import gc
import io
import pstats
import sys
import timeit
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import CASES

from appflow_typed import from_boto, to_boto
from appflow_typed.models import _rules


def best_us(fn: Callable[[], object], number: int = 5000, repeat: int = 7) -> float:
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number * 1e6


def nested(obj: Any) -> Iterator[Any]:
    """``obj`` and every model instance under it, innermost first."""
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        children = value if isinstance(value, list) else [value]
        for child in children:
            if attrs.has(type(child)):
                yield from nested(child)
    yield obj


def own_cost(obj: Any) -> tuple[float, float | None]:
    """Construction of this one object from its members, and its rule's share."""
    cls = type(obj)
    # the members that are set, as a caller passes them
    members = {f.name: getattr(obj, f.name) for f in attrs.fields(cls)}
    members = {name: value for name, value in members.items() if value is not None}
    total = best_us(lambda: cls(**members))
    rule = getattr(_rules, f"check_{cls.__name__}", None)
    # a valid object: no member is invalid
    return total, (best_us(lambda: rule(obj, ())) if rule is not None else None)


def top_functions(fn: Callable[[], object], calls: int = 2000, limit: int = 10) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        fn()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(limit)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    return "\n".join(lines[start : start + limit + 1])


def main() -> None:
    gc.disable()
    for case in CASES:
        obj = case.build()
        print(f"## {case.title}\n")
        print(
            f"from_boto {best_us(lambda: from_boto(case.model, case.wire)):.1f} µs, "  # noqa: B023
            f"construction {best_us(case.build):.1f} µs, "
            f"to_boto {best_us(lambda: to_boto(obj)):.1f} µs\n"  # noqa: B023
        )
        print("| class (innermost first) | own construction | of which the rule |")
        print("|---|---:|---:|")
        total = 0.0
        for part in nested(obj):
            cost, rule = own_cost(part)
            total += cost
            shown = f"{rule:.2f} µs" if rule is not None else "—"
            print(f"| {type(part).__name__} | {cost:.2f} µs | {shown} |")
        print(f"| (sum) | {total:.2f} µs | |\n")
        print("cProfile of from_boto, by own time:\n")
        print("```text")
        print(top_functions(lambda: from_boto(case.model, case.wire)))  # noqa: B023
        print("```\n")


if __name__ == "__main__":
    main()
