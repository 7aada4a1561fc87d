"""The ``appflow-typed`` command (also ``python -m appflow_typed``).

``appflow-typed validate --operation OP [--format text|json] FILE...`` checks AWS-shaped
request files (``--cli-input-json`` files, boto3 keyword arguments saved as JSON, YAML with
the ``yaml`` extra) against the operation's request model, as ``from_boto`` does, and
prints every violation with its API path. File contents are never printed: only paths,
member names and what was expected, so no credential value is shown.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, Literal, TextIO

import attrs

from appflow_typed import __version__
from appflow_typed._lint import AppFlowConfigWarning, find_warnings
from appflow_typed.errors import ValidationError, Violation

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_STDIN = "-"
_YAML_SUFFIXES = (".yaml", ".yml")

_EPILOG = """\
exit status: 0 every file is valid, 1 some file is invalid (or, with --strict, draws a
warning), 2 usage error (unknown operation or option, a file that cannot be read or is not
JSON/YAML). Warnings (docs/rules.md) are printed as FILE: warning: path: message [rule].

FILE is JSON with the operation's AWS member names, as for `aws appflow ...
--cli-input-json` or boto3's keyword arguments; `-` reads JSON from standard input;
.yaml/.yml files need PyYAML (pip install "appflow-typed[yaml]")."""


class _UsageError(Exception):
    """A file that cannot be checked at all: unreadable, or neither JSON nor YAML."""


@attrs.frozen
class _FileResult:
    file: str
    violations: tuple[Violation, ...] = ()
    error: str | None = None
    warnings: tuple[AppFlowConfigWarning, ...] = ()

    @property
    def status(self) -> Literal["valid", "invalid", "error"]:
        if self.error is not None:
            return "error"
        return "invalid" if self.violations else "valid"

    def as_json(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"file": self.file, "status": self.status}
        if self.error is not None:
            shown["error"] = self.error
        shown["violations"] = [{"path": v.path, "message": v.message} for v in self.violations]
        shown["warnings"] = [
            {"path": w.path, "message": w.message, "rule": w.rule, "source": w.source}
            for w in self.warnings
        ]
        return shown


def _operations() -> dict[str, str]:
    """Every accepted spelling of each modeled operation -> its AWS name."""
    from botocore import xform_name  # botocore's own naming rule; its package init is light

    from appflow_typed._guard import _request_shapes

    names: dict[str, str] = {}
    for operation in _request_shapes():
        for spelling in (operation, xform_name(operation), xform_name(operation, "-")):
            names[spelling] = operation
    return names


def _unknown_operation(name: str) -> str:
    import botocore.session

    known = sorted(set(_operations().values()))
    service = botocore.session.get_session().get_service_model("appflow")
    if name in service.operation_names:
        why = f"operation {name!r} has no model yet"
    else:
        why = f"unknown operation {name!r}"
    return f"{why}; one of: {', '.join(known)} (or their boto3 or CLI names)"


def _read(file: str, stdin: TextIO) -> Any:
    try:
        if file == _STDIN:
            text = stdin.read()
        else:
            with open(file, encoding="utf-8") as f:
                text = f.read()
    except OSError as exc:
        raise _UsageError(f"cannot read: {exc.strerror or type(exc).__name__}") from None
    except UnicodeDecodeError:
        raise _UsageError("cannot read: not UTF-8 text") from None
    if file.lower().endswith(_YAML_SUFFIXES):
        return _parse_yaml(text)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        # the message is the parser's own ("Expecting ',' delimiter"): no file content
        raise _UsageError(
            f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise _UsageError("not JSON this program can read: nested too deeply") from None


def _parse_yaml(text: str) -> Any:
    try:
        import yaml
    except ImportError:
        raise _UsageError(
            'reading YAML needs PyYAML: pip install "appflow-typed[yaml]"'
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        # only where: the parser's problem text may quote the document
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise _UsageError(f"not YAML{where}") from None
    except (yaml.YAMLError, RecursionError):
        raise _UsageError("not YAML") from None


def _check(file: str, request_class: type[Any], stdin: TextIO) -> _FileResult:
    from appflow_typed._converter import from_boto

    shown = "<stdin>" if file == _STDIN else file
    try:
        data = _read(file, stdin)
    except _UsageError as exc:
        return _FileResult(shown, error=str(exc))
    try:
        request = from_boto(request_class, data)
    except ValidationError as exc:
        return _FileResult(shown, exc.violations)
    return _FileResult(shown, warnings=find_warnings(request))


def _summary(results: Sequence[_FileResult], model: str) -> str:
    counts = dict.fromkeys(("valid", "invalid", "error"), 0)
    for result in results:
        counts[result.status] += 1
    violations = sum(len(r.violations) for r in results)
    n = len(results)
    text = (
        f"{n} file{'s' if n != 1 else ''} checked against {model}: "
        f"{counts['valid']} valid, {counts['invalid']} invalid"
    )
    if violations:
        text += f" ({violations} violation{'s' if violations != 1 else ''})"
    if counts["error"]:
        text += f", {counts['error']} could not be checked"
    warned = sum(len(r.warnings) for r in results)
    if warned:
        text += f", {warned} warning{'s' if warned != 1 else ''}"
    return text


def _validate(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    from appflow_typed._guard import _request_class

    operation = _operations().get(args.operation)
    request_class = None if operation is None else _request_class(operation)
    if operation is None or request_class is None:
        print(f"{args.prog} validate: error: {_unknown_operation(args.operation)}", file=stderr)
        return EXIT_USAGE
    results = [_check(file, request_class, stdin) for file in args.files]
    statuses = {r.status for r in results}
    code = (
        EXIT_USAGE if "error" in statuses else EXIT_INVALID if "invalid" in statuses else EXIT_VALID
    )
    if code == EXIT_VALID and args.strict and any(r.warnings for r in results):
        code = EXIT_INVALID
    model = request_class.__name__
    if args.format == "json":
        document = {
            "operation": operation,
            "model": model,
            "valid": code == EXIT_VALID,
            "files": [r.as_json() for r in results],
        }
        print(json.dumps(document, indent=2), file=stdout)
        return code
    for result in results:
        if result.error is not None:
            print(f"{result.file}: error: {result.error}", file=stderr)
        for violation in result.violations:
            print(f"{result.file}: {violation}", file=stdout)
        for warning in result.warnings:
            print(f"{result.file}: warning: {warning}", file=stdout)
    print(_summary(results, model), file=stderr)
    return code


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Tools for Amazon AppFlow requests, from appflow-typed.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check request files against an operation's request model",
        description="Check AWS-shaped request files against an operation's request model: "
        "every violation is printed as FILE: path: message.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "--operation",
        "-o",
        required=True,
        metavar="OP",
        help="the operation: CreateConnectorProfile, create_connector_profile or "
        "create-connector-profile",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line per violation (default); json: one document with every file's result",
    )
    validate.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 when a file draws a warning (default: warnings alone exit 0)",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a request file, or - for stdin")
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str = "appflow-typed") -> int:
    """Run the ``appflow-typed`` command.

    Args:
        argv: The arguments, without the program name (default: ``sys.argv[1:]``).
        prog: The program name shown in usage and error messages.

    Returns:
        The exit status: 0 every file is valid, 1 some file is invalid (or draws a warning,
        with ``--strict``), 2 a usage error.
    """
    args = _parser(prog).parse_args(argv)  # usage errors exit with status 2
    args.prog = prog
    return _validate(args, sys.stdin, sys.stdout, sys.stderr)
