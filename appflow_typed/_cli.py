"""The ``appflow-typed`` command (also ``python -m appflow_typed``).

``appflow-typed validate [--operation OP] [--format text|json|sarif] [--strict] FILE...``
checks, per file, whichever it is:

- a CloudFormation template (JSON or YAML, CDK's ``cdk.out/*.template.json``): every
  ``AWS::AppFlow::Flow``, ``::ConnectorProfile`` and ``::Connector`` resource;
- a Terraform plan in JSON (``terraform show -json PLAN``): every ``aws_appflow_*`` and
  ``awscc_appflow_*`` resource to be created or updated;
- an AWS-shaped request file (``--cli-input-json`` files, boto3 keyword arguments saved as
  JSON or YAML): against ``--operation``, or the one operation its members fit.

Each resource is translated to the API request its deployment sends
(:mod:`appflow_typed._infra`) and checked by the request model, as ``from_boto`` does.
Directories are walked for templates and plans. Every problem is reported with its file,
line and column, its path in the file's own terms, its API path, its level and the source of
its rule. File contents are never printed: only paths, member names and what was expected,
so no credential value is shown, and no member name under credentials either.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
from collections.abc import Iterator, Sequence
from typing import Any, Literal, TextIO

import attrs

from appflow_typed import __version__
from appflow_typed.errors import ValidationError

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

Level = Literal["error", "warning"]

_STDIN = "-"
_WALKED_SUFFIXES = (".json", ".yaml", ".yml", ".template")
_SKIPPED_DIRS = ("node_modules",)

RULE_SOURCES: dict[str, str] = {
    "model": "the request model of appflow-typed: the constraints of botocore's AppFlow "
    "service model and the rules its documentation states (appflow_typed.models)",
    "iac-mapping": "the translation of the resource to its API request "
    "(appflow_typed/_infra_tables.py: the CloudFormation resource schemas and the Terraform "
    "AWS provider's schema)",
}
"""Rule source id -> what the rules of that source are, for reports; a warning's source is
its rule's id, described by the rule catalogue (:func:`_rule_source`)."""


def _rule_source(source: str) -> str:
    """What a rule source is: :data:`RULE_SOURCES`, or a rule of the catalogue and its own
    source (an AWS text or a public report of the service's refusal)."""
    from appflow_typed._rulebook import RULES

    if source in RULE_SOURCES:
        return RULE_SOURCES[source]
    rule = RULES.get(source)
    return rule.source if rule is not None else source


_EPILOG = """\
exit status: 0 every file is valid, 1 some file has an error (or, with --strict, a warning),
2 usage error (unknown operation or option, a file that cannot be read or is not JSON/YAML,
a request file whose operation cannot be told).

FILE is a CloudFormation template (JSON or YAML; CDK's cdk.out/*.template.json), a Terraform
plan in JSON (terraform show -json PLANFILE > plan.json), or a request file in the
operation's AWS member names (aws appflow ... --cli-input-json, boto3's keyword arguments);
a directory is walked for templates and plans that mention AppFlow resources; `-` reads JSON
from standard input. YAML needs PyYAML (pip install "appflow-typed[yaml]")."""


@attrs.frozen
class Problem:
    """One problem of one request, with where it is."""

    level: Level
    message: str
    api_path: str
    """Where, as the API names it from the request root (``tasks[1].connectorOperator``)."""
    source: str
    """The source of the rule: a key of :data:`RULE_SOURCES`."""
    operation: str = ""
    resource: str | None = None
    resource_type: str | None = None
    path: str = ""
    """Where, as the file names it (``Resources.MyFlow.Properties.Tasks[1]``)."""
    line: int | None = None
    column: int | None = None


def _problems(operation: str, request: Any) -> list[Problem]:
    """Every problem of one request: each violation the request model finds, as an error, or,
    for a valid request, each warning of the rules (docs/rules.md), with its rule as source.

    The one place where a request's problems are found: each file kind's requests come here.
    """
    from appflow_typed._converter import from_boto
    from appflow_typed._guard import _request_class
    from appflow_typed._lint import find_warnings

    try:
        model = from_boto(_request_class(operation), request)  # type: ignore[arg-type]
    except ValidationError as exc:
        return [Problem("error", v.message, v.path, "model", operation) for v in exc.violations]
    return [
        Problem("warning", warning.message, warning.path, warning.rule, operation)
        for warning in find_warnings(model)
    ]


# --- files ----------------------------------------------------------------------------------


@attrs.frozen
class _FileResult:
    file: str
    kind: str | None = None
    problems: tuple[Problem, ...] = ()
    resources: tuple[tuple[str, str, str], ...] = ()  # (resource, type, operation)
    error: str | None = None

    def status(self, strict: bool) -> Literal["valid", "invalid", "error"]:
        if self.error is not None:
            return "error"
        failing = ("error", "warning") if strict else ("error",)
        return "invalid" if any(p.level in failing for p in self.problems) else "valid"


def _files(args: Sequence[str], infra_only: bool) -> Iterator[tuple[str, bool]]:
    """Each file to check, and whether it is to be skipped unless it is a template or plan
    with AppFlow resources (it was found by walking a directory, or ``--infra-only``)."""
    for arg in args:
        if arg != _STDIN and os.path.isdir(arg):
            for root, dirs, names in os.walk(arg):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS
                )
                for name in sorted(names):
                    if name.lower().endswith(_WALKED_SUFFIXES):
                        yield os.path.join(root, name), True
        else:
            yield arg, infra_only


def _check(file: str, walked: bool, operation: str | None, stdin: TextIO) -> _FileResult | None:
    """One file's result; ``None`` for a file found in a directory that is no template or
    plan with AppFlow resources."""
    try:
        return _check_file(file, walked, operation, stdin)
    except Exception as exc:  # a file this program fails on is that file's error, not a crash
        # its type only: an exception's text may quote the file (a credential)
        shown = "<stdin>" if file == _STDIN else file
        return _FileResult(shown, error=f"cannot be checked: {type(exc).__name__} (a bug)")


def _check_file(
    file: str, walked: bool, operation: str | None, stdin: TextIO
) -> _FileResult | None:
    from appflow_typed._infra import kind_of, mentions_appflow, subjects
    from appflow_typed._sources import SourceError, parse, read_text

    shown = "<stdin>" if file == _STDIN else file
    try:
        text = read_text(file, stdin)
        if walked and not mentions_appflow(text):
            return None
        source = parse(file, text)
        kind = kind_of(source.data)
        if walked and kind == "request":
            return None
        found = subjects(source, kind, operation)
    except SourceError as exc:
        return _FileResult(shown, error=str(exc))
    problems: list[Problem] = []
    for subject in found:
        for mapping in subject.problems:
            line_col = source.position(mapping.origin.doc_path)
            problems.append(
                Problem(
                    "error",
                    mapping.message,
                    mapping.api_path,
                    "iac-mapping",
                    subject.operation,
                    subject.resource,
                    subject.resource_type,
                    mapping.origin.shown,
                    *(line_col or (None, None)),
                )
            )
        for problem in _problems(subject.operation, subject.request):
            if subject.is_unknown(problem.api_path):
                continue  # the value is known only at deployment
            origin = subject.locate(problem.api_path)
            line_col = source.position(origin.doc_path)
            problems.append(
                attrs.evolve(
                    problem,
                    resource=subject.resource,
                    resource_type=subject.resource_type,
                    path=origin.shown if not subject.request_file else problem.api_path,
                    line=line_col[0] if line_col else None,
                    column=line_col[1] if line_col else None,
                )
            )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    resources = tuple(
        (s.resource, s.resource_type or "", s.operation) for s in found if s.resource is not None
    )
    return _FileResult(shown, kind, tuple(problems), resources)


# --- output ---------------------------------------------------------------------------------


def _printable(text: str) -> str:
    """``text`` with every control or format character escaped (newlines, CR, ANSI escapes,
    bidirectional overrides): a member name from a file cannot forge a line of output."""
    if text.isprintable():
        return text
    # repr escapes exactly the characters str.isprintable() refuses: \n, \x1b, \u202e, ...
    out = [char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text]
    return "".join(out)


def _text_line(result: _FileResult, problem: Problem) -> str:
    where = result.file
    if problem.line is not None:
        where += f":{problem.line}:{problem.column}"
    line = f"{where}: {problem.level}: {problem.path or '<root>'}: {problem.message}"
    if result.kind != "request":
        line += f" (API: {problem.operation} {problem.api_path or '<root>'})"
    return _printable(line + f" [{problem.source}]")


def _summary(results: Sequence[_FileResult], strict: bool) -> str:
    counts = dict.fromkeys(("valid", "invalid", "error"), 0)
    for result in results:
        counts[result.status(strict)] += 1
    levels = [p.level for r in results for p in r.problems]
    resources = sum(len(r.resources) for r in results)
    n = len(results)
    text = f"{n} file{'s' if n != 1 else ''} checked"
    if resources:
        text += f" ({resources} resource{'s' if resources != 1 else ''})"
    text += f": {counts['valid']} valid, {counts['invalid']} invalid"
    found = [
        f"{levels.count(level)} {level}{'s' if levels.count(level) != 1 else ''}"
        for level in ("error", "warning")
        if level in levels
    ]
    if found:
        text += f" ({', '.join(found)})"
    if counts["error"]:
        text += f", {counts['error']} could not be checked"
    return text


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "level": problem.level,
        "message": problem.message,
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "resource": problem.resource,
        "resource_type": problem.resource_type,
        "operation": problem.operation,
        "api_path": problem.api_path,
        "source": problem.source,
    }


def _json_document(
    results: Sequence[_FileResult], operation: str | None, strict: bool, code: int
) -> dict[str, Any]:
    files = []
    for result in results:
        shown: dict[str, Any] = {
            "file": result.file,
            "kind": result.kind,
            "status": result.status(strict),
        }
        if result.error is not None:
            shown["error"] = result.error
        shown["resources"] = [
            {"resource": r, "type": t, "operation": o} for r, t, o in result.resources
        ]
        shown["problems"] = [_problem_json(p) for p in result.problems]
        # The warnings again, each with its rule and the rule's source (docs/rules.md).
        shown["warnings"] = [
            {
                "path": p.path,
                "api_path": p.api_path,
                "message": p.message,
                "rule": p.source,
                "source": _rule_source(p.source),
            }
            for p in result.problems
            if p.level == "warning"
        ]
        files.append(shown)
    return {
        "valid": code == EXIT_VALID,
        "strict": strict,
        "operation": operation,
        "rule_sources": {
            source: _rule_source(source)
            for source in dict.fromkeys(
                [*RULE_SOURCES, *(p.source for r in results for p in r.problems)]
            )
        },
        "files": files,
    }


def _uri(file: str) -> str:
    return urllib.parse.quote(file.replace(os.sep, "/"), safe="/:")


def _sarif_document(results: Sequence[_FileResult], code: int) -> dict[str, Any]:
    """The results as SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the
    format code-scanning services read: one result per problem, one tool execution
    notification per file that could not be checked."""
    sarif_results = []
    notifications = []
    # every rule source's id, those of RULE_SOURCES first (a source not listed there is
    # described by its id)
    rule_ids = list(RULE_SOURCES)
    rule_ids += sorted({p.source for r in results for p in r.problems} - set(rule_ids))
    for result in results:
        if result.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": result.error},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": _uri(result.file)}}}
                    ],
                }
            )
        for problem in result.problems:
            physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(result.file)}}
            if problem.line is not None:
                physical["region"] = {
                    "startLine": problem.line,
                    "startColumn": problem.column,
                }
            text = f"{problem.path or '<root>'}: {problem.message}"
            if result.kind != "request":
                text += f" (API: {problem.operation} {problem.api_path or '<root>'})"
            sarif_results.append(
                {
                    "ruleId": problem.source,
                    "ruleIndex": rule_ids.index(problem.source),
                    "level": problem.level,
                    "message": {"text": text},
                    "locations": [
                        {
                            "physicalLocation": physical,
                            "logicalLocations": [
                                {"fullyQualifiedName": problem.path or "<root>", "kind": "member"}
                            ],
                        }
                    ],
                    "properties": {
                        "operation": problem.operation,
                        "apiPath": problem.api_path,
                        "resource": problem.resource,
                        "resourceType": problem.resource_type,
                    },
                }
            )
    rules = [
        {"id": rule_id, "shortDescription": {"text": _rule_source(rule_id)}} for rule_id in rule_ids
    ]
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "appflow-typed", "version": __version__, "rules": rules}
                },
                "invocations": [
                    {
                        "executionSuccessful": code != EXIT_USAGE,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": sarif_results,
            }
        ],
    }


# --- the command ----------------------------------------------------------------------------


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


def _validate(args: argparse.Namespace, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    operation = None
    if args.operation is not None:
        from appflow_typed._guard import _request_class

        operation = _operations().get(args.operation)
        if operation is None or _request_class(operation) is None:
            message = _unknown_operation(args.operation)
            print(f"{args.prog} validate: error: {message}", file=stderr)
            return EXIT_USAGE
    results = [
        result
        for file, walked in _files(args.files, args.infra_only)
        if (result := _check(file, walked, operation, stdin)) is not None
    ]
    statuses = {r.status(args.strict) for r in results}
    code = (
        EXIT_USAGE if "error" in statuses else EXIT_INVALID if "invalid" in statuses else EXIT_VALID
    )
    if args.format == "json":
        document = _json_document(results, operation, args.strict, code)
        print(json.dumps(document, indent=2), file=stdout)
    elif args.format == "sarif":
        print(json.dumps(_sarif_document(results, code), indent=2), file=stdout)
    else:
        for result in results:
            if result.error is not None:
                print(_printable(f"{result.file}: error: {result.error}"), file=stderr)
            for problem in result.problems:
                print(_text_line(result, problem), file=stdout)
    print(_printable(_summary(results, args.strict)), file=stderr)
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
        help="check CloudFormation templates, Terraform plans and request files",
        description="Check the AppFlow resources of CloudFormation templates and Terraform "
        "plans, and AWS-shaped request files, against the API's request models: every "
        "problem is printed as FILE:LINE:COLUMN: LEVEL: PATH: MESSAGE.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument(
        "--operation",
        "-o",
        metavar="OP",
        help="the operation of request files: CreateConnectorProfile, create_connector_profile "
        "or create-connector-profile (default: the one operation whose members a file fits)",
    )
    validate.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="text: one line per problem (default); json: one document with every file's "
        "result; sarif: SARIF 2.1.0 for code-scanning services",
    )
    validate.add_argument(
        "--strict", action="store_true", help="warnings fail the check too (exit status 1)"
    )
    validate.add_argument(
        "--infra-only",
        action="store_true",
        help="check only CloudFormation templates and Terraform plans that mention AppFlow "
        "resources, and skip every other file, as in a directory (for pre-commit, which "
        "passes every changed JSON and YAML file)",
    )
    validate.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a template, plan or request file, a directory, or - for stdin",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str = "appflow-typed") -> int:
    """Run the ``appflow-typed`` command.

    Args:
        argv: The arguments, without the program name (default: ``sys.argv[1:]``).
        prog: The program name shown in usage and error messages.

    Returns:
        The exit status: 0 every file is valid, 1 some file has an error (or, with
        ``--strict``, a warning), 2 a usage error.
    """
    args = _parser(prog).parse_args(argv)  # usage errors exit with status 2
    args.prog = prog
    return _validate(args, sys.stdin, sys.stdout, sys.stderr)
