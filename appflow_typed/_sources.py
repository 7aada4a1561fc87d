"""Reading the validate command's files: bounded, and with the position of every value.

A file is read whole up to :data:`MAX_FILE_BYTES` (a larger one, or a device such as
``/dev/zero``, is refused, never read to its end), decoded as UTF-8 and parsed as JSON or
YAML. Both parsers refuse what would make them slow or crash rather than the file's owner
find out: number literals longer than :data:`MAX_NUMBER_CHARS`, nesting deeper than
:data:`MAX_DEPTH`, YAML aliases that expand to more nodes than the file has characters (the
"billion laughs"), impossible YAML dates. A refusal says what and where (line, column),
never the file's text: files hold credentials.

YAML is read with CloudFormation's short-form intrinsic functions (``!Ref X`` becomes
``{"Ref": "X"}``, ``!Sub s`` becomes ``{"Fn::Sub": "s"}``), as CloudFormation reads it.

Positions: :meth:`Source.position` gives ``(line, column)``, both from 1, of the value at a
path of keys and indexes (of the key, for a member of a mapping). JSON positions are found
by a second, lazy scan of the text, only when a problem is to be reported.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Hashable
from typing import Any, TextIO

import attrs

MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest file read (32 MiB): far above CloudFormation's 1 MB template limit
(CloudFormation User Guide, "CloudFormation quotas": template body size in an S3 object,
1 MB) and a plan of thousands of resources."""

MAX_NUMBER_CHARS = 1000
"""The longest number literal read. The API's longest numbers are 64-bit (19 digits);
Python refuses to convert integers of more than 4300 digits (``sys.int_info``), and before
3.11 converts them in quadratic time."""

MAX_DEPTH = 200
"""The deepest nesting of YAML containers read (the API's requests nest 8 levels); JSON's
parser stops at the interpreter's recursion limit."""

STDIN = "-"
YAML_SUFFIXES = (".yaml", ".yml", ".template")

Path = tuple[Hashable, ...]
"""Keys (mapping members) and indexes (list items) from the document's root."""


class SourceError(Exception):
    """A file that cannot be checked: unreadable, too large, or not JSON/YAML we can read.

    The message says what and where, never the file's text.
    """


@attrs.define
class Source:
    """A parsed file: its data, and where in its text each value is."""

    name: str
    data: Any
    text: str = attrs.field(repr=False)
    yaml: bool
    _positions: dict[Path, tuple[int, int]] | None = attrs.field(default=None, repr=False)

    def position(self, path: Path) -> tuple[int, int] | None:
        """``(line, column)`` of the value at ``path`` (of its key, for a mapping member),
        or of the nearest enclosing value that has one; ``None`` if none does."""
        if self._positions is None:
            self._positions = _json_positions(self.text)
        path = tuple(path)
        while path:
            found = self._positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self._positions.get(())


def read_text(file: str, stdin: TextIO) -> str:
    """The text of one file (``-``: standard input), at most :data:`MAX_FILE_BYTES`.

    Raises:
        SourceError: The file cannot be read, is larger, or is not UTF-8.
    """
    try:
        if file == STDIN:
            text = stdin.read(MAX_FILE_BYTES + 1)
            if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "replace")) > MAX_FILE_BYTES:
                raise SourceError(_too_large())
        else:
            with open(file, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                raise SourceError(_too_large())
            text = raw.decode("utf-8")
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or type(exc).__name__}") from None
    except UnicodeDecodeError:
        raise SourceError("cannot read: not UTF-8 text") from None
    return text[1:] if text.startswith("\ufeff") else text  # a byte order mark


def parse(file: str, text: str) -> Source:
    """Parse a file's text: YAML if its name ends in .yaml, .yml or .template, else JSON.

    Raises:
        SourceError: The text is not JSON/YAML this program reads.
    """
    shown = "<stdin>" if file == STDIN else file
    if file != STDIN and file.lower().endswith(YAML_SUFFIXES):
        data, positions = _parse_yaml(text)
        return Source(shown, data, text, yaml=True, positions=positions)
    return Source(shown, _parse_json(text), text, yaml=False)


def read(file: str, stdin: TextIO) -> Source:
    """Read and parse one file (:func:`read_text`, then :func:`parse`)."""
    return parse(file, read_text(file, stdin))


def _too_large() -> str:
    return f"cannot read: larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"


# --- JSON ----------------------------------------------------------------------------------


def _bounded(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(literal: str) -> Any:
        if len(literal) > MAX_NUMBER_CHARS:
            raise _NumberTooLong
        return convert(literal)

    return parse


class _NumberTooLong(Exception):
    pass


def _parse_json(text: str) -> Any:
    try:
        data = json.loads(text, parse_int=_bounded(int), parse_float=_bounded(float))
    except json.JSONDecodeError as exc:
        # the message is the parser's own ("Expecting ',' delimiter"): no file content
        raise SourceError(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except _NumberTooLong:
        raise SourceError(
            f"not JSON this program reads: a number of more than {MAX_NUMBER_CHARS} characters"
        ) from None
    except (RecursionError, ValueError):
        # json's C scanner stops at the interpreter's recursion limit (about 1000 levels);
        # nothing after it recurses into a document deeper than the API's shapes
        raise SourceError("not JSON this program reads: nested too deeply") from None
    return data


_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def _json_positions(text: str) -> dict[Path, tuple[int, int]]:
    """The position of every value of a JSON text that :func:`json.loads` accepted (of its
    key, for an object member). One pass, no recursion."""
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def at(index: int) -> tuple[int, int]:
        line = bisect.bisect_right(line_starts, index) - 1
        return line + 1, index - line_starts[line] + 1

    positions: dict[Path, tuple[int, int]] = {}
    # each frame: [path, is_object, next index of an array item]
    stack: list[list[Any]] = []
    i = _WS.match(text, 0).end()  # type: ignore[union-attr]
    path: Path = ()
    positions[path] = at(i)
    try:
        while True:
            # a value starts at i, at `path`
            char = text[i]
            if char == "{" or char == "[":
                stack.append([path, char == "{", 0])
                i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
                if text[i] in "}]":
                    i += 1
                    stack.pop()
                else:
                    path = _next_child(text, i, stack, positions, at)
                    i = _after_key(text, i, stack)
                    continue
            elif char == '"':
                _, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
            else:
                match = _SCALAR.match(text, i)
                if match is None:
                    return positions
                i = match.end()
            # after a value: close containers, or move to the next member or item
            while True:
                i = _WS.match(text, i).end()  # type: ignore[union-attr]
                if not stack:
                    return positions
                if text[i] == ",":
                    i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
                    path = _next_child(text, i, stack, positions, at)
                    i = _after_key(text, i, stack)
                    break
                i += 1  # } or ]
                stack.pop()
    except (IndexError, ValueError):
        return positions  # not reached for text json.loads accepted


def _next_child(
    text: str,
    i: int,
    stack: list[list[Any]],
    positions: dict[Path, tuple[int, int]],
    at: Callable[[int], tuple[int, int]],
) -> Path:
    frame = stack[-1]
    if frame[1]:
        key, _ = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
        path: Path = (*frame[0], key)
    else:
        path = (*frame[0], frame[2])
        frame[2] += 1
    positions.setdefault(path, at(i))
    return path


def _after_key(text: str, i: int, stack: list[list[Any]]) -> int:
    """Where the value starts: after the key and colon of an object member, or at ``i``."""
    if not stack[-1][1]:
        return i
    _, i = json.decoder.scanstring(text, i + 1)  # type: ignore[attr-defined]
    i = _WS.match(text, i).end()  # type: ignore[union-attr]
    return _WS.match(text, i + 1).end()  # type: ignore[union-attr]


# --- YAML ----------------------------------------------------------------------------------


def _parse_yaml(text: str) -> tuple[Any, dict[Path, tuple[int, int]]]:
    try:
        import yaml
    except ImportError:
        raise SourceError('reading YAML needs PyYAML: pip install "appflow-typed[yaml]"') from None
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # only where: the parser's problem text may quote the document
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise SourceError(f"not YAML{where}") from None
    except (yaml.YAMLError, RecursionError):
        raise SourceError("not YAML") from None
    finally:
        loader.dispose()
    builder = _YamlBuilder(yaml, budget=len(text) + 10_000)
    if node is None:
        return None, {(): (1, 1)}
    data = builder.build(node, (), 0)
    return data, builder.positions


_CFN_SHORT_FORMS = {"!Ref": "Ref", "!Condition": "Condition"}


class _YamlBuilder:
    """Python values from a composed YAML node graph, as ``yaml.safe_load`` makes them, with
    the position of every value, CloudFormation's short-form tags, and a budget of nodes that
    alias expansion cannot exceed."""

    def __init__(self, yaml: Any, budget: int) -> None:
        self.yaml = yaml
        self.budget = budget
        self.constructor = yaml.constructor.SafeConstructor()
        self.positions: dict[Path, tuple[int, int]] = {}

    def build(self, node: Any, path: Path, depth: int, key_node: Any = None) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise SourceError("not YAML this program reads: its aliases expand too far")
        if depth > MAX_DEPTH:
            raise SourceError(f"not YAML this program reads: nested more than {MAX_DEPTH} deep")
        mark = (key_node or node).start_mark
        self.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        tag = node.tag or ""
        yaml = self.yaml
        if isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        else:
            value = self._mapping(node, path, depth)
        if tag.startswith("!") and not tag.startswith("!!"):
            # CloudFormation's short form: !Ref X is {"Ref": X}, !GetAtt a.b is
            # {"Fn::GetAtt": "a.b"} (CloudFormation User Guide, "Intrinsic function reference")
            name = _CFN_SHORT_FORMS.get(tag, "Fn::" + tag[1:])
            return {name: value}
        return value

    def _scalar(self, node: Any) -> Any:
        if node.tag.startswith("!") and not node.tag.startswith("!!"):
            return node.value  # a short-form function's argument: its text
        if len(node.value) > MAX_NUMBER_CHARS and node.tag.endswith((":int", ":float")):
            raise SourceError(
                f"not YAML this program reads: a number of more than {MAX_NUMBER_CHARS} "
                f"characters (line {node.start_mark.line + 1})"
            )
        try:
            return self.constructor.construct_object(node)
        except (ValueError, OverflowError, self.yaml.YAMLError):
            # a date such as 2024-02-30, a number Python will not convert
            raise SourceError(
                "not YAML this program reads: an impossible value "
                f"(line {node.start_mark.line + 1}, column {node.start_mark.column + 1})"
            ) from None

    def _mapping(self, node: Any, path: Path, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        merged: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                # <<: *base (or a list of them): the base's members, unless given here
                sources = (
                    value_node.value
                    if isinstance(value_node, self.yaml.SequenceNode)
                    else [value_node]
                )
                for source in sources:
                    base = self.build(source, path, depth + 1)
                    if isinstance(base, dict):
                        merged.append(base)
                continue
            if not isinstance(key_node, self.yaml.ScalarNode):
                raise SourceError(
                    "not YAML this program reads: a key that is not a scalar "
                    f"(line {key_node.start_mark.line + 1})"
                )
            key = self._scalar(key_node)
            if not isinstance(key, Hashable):
                key = str(key)
            out[key] = self.build(value_node, (*path, key), depth + 1, key_node)
        for base in merged:
            for key, value in base.items():
                out.setdefault(key, value)
        return out
