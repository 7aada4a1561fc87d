"""Rows 1 and 2 of ``benchmarks/run.py`` in CPU instructions executed, which do not move with
the machine's load the way timings do.

The script runs itself again under valgrind's callgrind (``PYTHONHASHSEED=0``). There, for
each measured function: warm-up calls first (caches, hooks, lazily compiled code,
connections), then ``callgrind_control`` dumps the counters, the function runs N times in a
plain loop, and a second dump holds the instructions (Ir) of those N calls. N calls of an
empty function are counted the same way and subtracted, so the loop and the dumps cancel.
Rows:

1. model work (``from_boto`` + ``to_boto``; direct construction + ``to_boto``) against
   botocore's own parameter validation + rest-json serialization of the same request
   (``run.py``'s functions; the garbage collector off on both sides);
2. a call through ``AppFlowClient`` against the same call on the raw boto3 client, over
   loopback to the local endpoint (``client_overhead.py``'s cases); and against a boto3
   client whose configuration names its user agent, as that of ``AppFlowClient``'s sender
   does (botocore then skips assembling a user agent per request): the pipeline's own cost. The endpoint runs in a
   child process outside valgrind, so only the client's own instructions are counted: not
   the endpoint's work, nor the kernel's. The ratio is therefore stricter than ``run.py``'s
   wall-clock one, whose baseline includes the endpoint.

An instruction count is not a time: a cache miss costs one instruction like any other, and
the kernel's work in a system call none. It is a steady measure of how much work a call does
(from run to run within about 1%), for comparing two ways of doing the same thing and for
seeing a change of a few percent that timings on a busy machine hide.

Run: ``python benchmarks/instructions.py`` (about 2½ minutes; needs valgrind) or ``python
benchmarks/instructions.py --quick`` (fewer calls, about 75 s, for a smoke run). Prints a
markdown table. Reports only; it asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from client_overhead import CASES as CALLS
from run import (
    CASES,
    LABEL,
    LAMBDA_ARN,
    Row,
    _gc_off,
    check_cases,
    header,
    local_endpoint,
    model_work,
    table,
    target_row,
)

from appflow_typed import AppFlowClient


@attrs.frozen
class Settings:
    model_calls: int  # N for row 1
    network_calls: int  # N for row 2
    warmup: int


FULL = Settings(model_calls=1000, network_calls=100, warmup=50)
QUICK = Settings(model_calls=200, network_calls=20, warmup=20)

MODEL_SIDES = {"parse": "from_boto + to_boto", "build": "construction + to_boto"}

# Dump labels: callgrind cuts a label at a space or a "|".


def _noop_label(calls: int) -> str:
    return f"noop__{calls}"


def _model_label(case: int, side: str) -> str:
    return f"model{case}__{side}"


def _call_label(case: int, side: str) -> str:
    return f"call{case}__{side}"


# --- under callgrind -----------------------------------------------------------------------


def _dump(label: str) -> None:
    subprocess.run(
        ["callgrind_control", f"--dump={label}", str(os.getpid())],
        check=True,
        capture_output=True,
    )


def count(label: str, fn: Callable[[], object], calls: int, warmup: int) -> None:
    """Leave the instructions of ``calls`` calls of ``fn`` in a dump named ``label``."""
    for _ in range(warmup):
        fn()
    _dump("skip")
    for _ in range(calls):
        fn()
    _dump(label)


def _check_children_untraced() -> None:
    """The local endpoint must run as the plain interpreter, its work not counted."""
    interpreter = Path(sys.executable).resolve()
    for children in Path("/proc/self/task").glob("*/children"):
        for pid in children.read_text().split():
            exe = Path(f"/proc/{pid}/exe").resolve()
            if exe != interpreter:
                raise SystemExit(f"the local endpoint (pid {pid}) runs as {exe}, not {interpreter}")


def measure(settings: Settings) -> None:
    """Run under callgrind (``--measure``): leave one dump per label for ``read_dumps``."""
    for calls in (settings.model_calls, settings.network_calls):
        count(_noop_label(calls), lambda: None, calls, settings.warmup)

    for i, case in enumerate(CASES):
        work = model_work(case)
        for side in (*MODEL_SIDES, "botocore"):
            with _gc_off(True):
                count(_model_label(i, side), work[side], settings.model_calls, settings.warmup)

    with local_endpoint() as endpoint:
        _check_children_untraced()
        endpoint.raw_client().register_connector(
            connectorLabel=LABEL,
            connectorProvisioningType="LAMBDA",
            connectorProvisioningConfig={"lambda": {"lambdaArn": LAMBDA_ARN}},
        )
        raw = endpoint.raw_client()
        fixed = endpoint.raw_client(fixed_user_agent=True)
        typed = AppFlowClient(client=endpoint.raw_client())
        for i, call in enumerate(CALLS):
            sides = {
                "typed": functools.partial(call.typed, typed),
                "raw": functools.partial(call.raw, raw),
                "fixed": functools.partial(call.raw, fixed),
            }
            for side, fn in sides.items():
                count(_call_label(i, side), fn, settings.network_calls, settings.warmup)


# --- the report ----------------------------------------------------------------------------


def run_callgrind(quick: bool, directory: Path) -> None:
    """This script with ``--measure`` under callgrind; its dumps are left in ``directory``."""
    child = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={directory / 'callgrind.out'}",
            sys.executable,
            __file__,
            "--measure",
            *(["--quick"] if quick else []),
        ],
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        sys.stderr.write(child.stdout + child.stderr)
        raise SystemExit(f"the run under callgrind failed (exit status {child.returncode})")


def read_dumps(directory: Path) -> dict[str, int]:
    """Instructions (Ir) of each labelled dump, from the header of its file."""
    counts: dict[str, int] = {}
    for path in directory.iterdir():
        trigger, total = "", None
        with path.open() as lines:
            for line in lines:
                if line.startswith("desc: Trigger: "):
                    trigger = line.removeprefix("desc: Trigger: ").strip()
                elif line.startswith(("summary:", "totals:")):
                    total = int(line.split()[1])
                    break
        if trigger.startswith("dump ") and total is not None:
            counts[trigger.removeprefix("dump ")] = total
    return counts


def ir_row(what: str, ours: float, base: float, target: float, baseline_name: str) -> Row:
    return target_row(what, f"{ours:,.0f}", f"{base:,.0f} ({baseline_name})", ours / base, target)


def rows(settings: Settings, counts: dict[str, int]) -> list[tuple[str, list[Row]]]:
    def per_call(label: str, calls: int) -> float:
        return (counts[label] - counts[_noop_label(calls)]) / calls

    vs_botocore: list[Row] = []
    for i, case in enumerate(CASES):
        base = per_call(_model_label(i, "botocore"), settings.model_calls)
        for side, what in MODEL_SIDES.items():
            ours = per_call(_model_label(i, side), settings.model_calls)
            vs_botocore.append(ir_row(f"{case.title}: {what}", ours, base, 0.25, "botocore"))
    e2e = [
        ir_row(
            f"{call.title} through AppFlowClient",
            per_call(_call_label(i, "typed"), settings.network_calls),
            per_call(_call_label(i, "raw"), settings.network_calls),
            1.03,
            "boto3",
        )
        for i, call in enumerate(CALLS)
    ]
    # AppFlowClient sends through a sibling of the user's client whose configuration names
    # the user agent string (Endpoint.raw_client says why that is cheaper): against a boto3
    # client configured the same way, what remains is the pipeline's own work.
    e2e += [
        ir_row(
            f"{call.title} through AppFlowClient, vs boto3 with a fixed user agent",
            per_call(_call_label(i, "typed"), settings.network_calls),
            per_call(_call_label(i, "fixed"), settings.network_calls),
            1.03,
            "boto3, fixed UA",
        )
        for i, call in enumerate(CALLS)
    ]
    return [("model work vs botocore", vs_botocore), ("end to end", e2e)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer calls per row")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    settings = QUICK if args.quick else FULL
    if args.measure:
        measure(settings)
        return
    missing = [tool for tool in ("valgrind", "callgrind_control") if shutil.which(tool) is None]
    if missing:
        print(f"{' and '.join(missing)} not found: counting instructions needs valgrind.")
        return
    check_cases()
    started = time.monotonic()
    version = subprocess.run(
        ["valgrind", "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="appflow-typed-bench-callgrind-") as directory:
        run_callgrind(args.quick, Path(directory))
        counts = read_dumps(Path(directory))
    report = table(rows(settings, counts))
    # run.py's table, its columns counted in instructions
    report[0] = "| # | what | ours (Ir/call) | baseline (Ir/call) | ratio | target | met? |"
    lines = [
        *header(args.quick),
        f"Counted by {version} (callgrind): instructions executed per call (Ir), less an empty "
        f"call's; {settings.model_calls} calls per model row, {settings.network_calls} per call "
        "over loopback.",
        "",
        *report,
        "",
        f"({time.monotonic() - started:.0f} s)",
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
