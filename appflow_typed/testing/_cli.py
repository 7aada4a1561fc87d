"""``python -m appflow_typed.testing serve``: the local endpoint as a standalone server.

Prints the endpoint's URL (``http://HOST:PORT``) as its first line, serves until SIGINT or
SIGTERM, then stops cleanly and exits 0. With ``--state FILE`` the state is loaded from
``FILE`` at start (when it exists) and saved there at exit: a file that cannot be loaded, or
a place where the state could not be saved, is refused at start (exit 2, nothing served); a
save that fails at exit all the same (the directory removed meanwhile, a full disk) is
reported on stderr and exits 1.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from appflow_typed.testing._endpoint import LocalAppFlow
from appflow_typed.testing._persistence import check_writable

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m appflow_typed.testing",
        description="A local AppFlow endpoint (all 25 AppFlow operations).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve",
        help="serve until SIGINT/SIGTERM",
        description="Serve the local AppFlow endpoint until SIGINT or SIGTERM. The first "
        "line printed is its URL.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=0, help="port to listen on (0: a free one)")
    serve.add_argument(
        "--state",
        metavar="FILE",
        help="JSON file the state is loaded from at start (if it exists) and saved to at exit",
    )
    serve.add_argument("--region", default="us-east-1", help="region in ARNs (us-east-1)")
    serve.add_argument(
        "--account-id", default="123456789012", help="12-digit account in ARNs (123456789012)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (``sys.argv[1:]`` when ``None``).

    Returns:
        The exit status: 0 after a clean stop, 2 for bad arguments or a state file that cannot
        be loaded or saved, 1 when saving the state failed at exit.
    """
    args = _parser().parse_args(argv)
    try:
        endpoint = LocalAppFlow(
            region=args.region, account_id=args.account_id, host=args.host, port=args.port
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.state is not None:
        try:
            check_writable(args.state)
        except OSError as error:
            print(f"error: cannot save the state to {args.state}: {error}", file=sys.stderr)
            return 2
        try:
            if os.path.lexists(args.state):
                endpoint.load_state(args.state)
        except (ValueError, OSError) as error:
            print(f"error: cannot load the state from {args.state}: {error}", file=sys.stderr)
            return 2

    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    try:
        endpoint.start()
    except OSError as error:
        print(f"error: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 2
    try:
        print(endpoint.url, flush=True)
        while not stop.wait(1.0):
            pass
    finally:
        endpoint.stop()
    if args.state is not None:
        try:
            endpoint.save_state(args.state)
        except OSError as error:
            print(f"error: cannot save the state to {args.state}: {error}", file=sys.stderr)
            return 1
    return 0
