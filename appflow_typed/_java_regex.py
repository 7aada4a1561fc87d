"""The service model's patterns (Java regular expressions) in Python ``re`` syntax.

One translation serves the model generator (``tools/generate_models.py`` writes its output
into the generated models) and the local endpoint's validator (``appflow_typed.testing``).
Standard library only.

Where the two dialects differ for the constructs the model uses:

- ``\\w``, ``\\d``, ``\\s`` are ASCII-only in Java: compile with ``re.ASCII``.
- Java's ``.`` matches any character but the line terminators ``\\n``, ``\\r``, ``\\u0085``,
  ``\\u2028`` and ``\\u2029``; Python's only excludes ``\\n``, so ``.`` outside a character
  class is spelled out.
- Java reads a UTF-16 surrogate pair of escapes (``\\uD800\\uDC00``) as one supplementary code
  point; Python would read two lone surrogates (and reject the range
  ``\\uD800\\uDC00-\\uDBFF\\uDFFF``), so the pair becomes one ``\\U`` escape.
- Inside a class, Java reads a doubled ``~`` or ``|`` literally where Python may one day read
  a set operation (it warns today): the second one is escaped. Java's own set operations
  (``&&``, a nested ``[...]``) have no Python spelling and are refused.

The service matches whole strings: use ``fullmatch``. A ``.*`` or ``.+`` that is not the last
item is made lazy, which matches the same whole strings with less backtracking.
"""

from __future__ import annotations

import re

__all__ = ["compile_java_regex", "java_regex_to_python"]

_JAVA_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]"

_SURROGATE_PAIR = re.compile(r"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", re.IGNORECASE)


def java_regex_to_python(pattern: str) -> str:
    """Translate a Java regular expression of the service model into Python ``re`` syntax.

    Args:
        pattern: The model's ``pattern`` trait.

    Returns:
        The same language in Python syntax, to compile with ``re.ASCII`` and match with
        ``fullmatch``.

    Raises:
        ValueError: The pattern uses a Java class set operation (``&&`` or a nested class),
            which has no Python spelling.
    """
    out: list[str] = []
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        pair = _SURROGATE_PAIR.match(pattern, i) if ch == "\\" else None
        if pair is not None:
            high, low = int(pair.group(1), 16), int(pair.group(2), 16)
            out.append(f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}")
            i = pair.end()
            continue
        if ch == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch == "[" or pattern.startswith("&&", i):
                raise ValueError(f"Java class set operations are not supported: {pattern!r}")
            elif ch in "~|" and pattern[i - 1] == ch and out[-1] == ch:
                ch = "\\" + ch
            out.append(ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
            # a leading ']' or '^]' is literal inside a class
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                out.append("\\]")
                i += 1
        elif ch == ".":
            out.append(_JAVA_DOT)
            quantifier = pattern[i + 1 : i + 2]
            if quantifier in ("*", "+") and pattern[i + 2 : i + 3] not in ("?", "+") and i + 2 < n:
                # Lazy, which matches the same whole strings: in "arn:aws:.*:.*:[0-9]+:.*"
                # a greedy ".*" runs to the end and backs off to each ':', 4x slower.
                out.append(quantifier + "?")
                i += 1
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def compile_java_regex(pattern: str) -> re.Pattern[str]:
    """Compile a Java regular expression of the service model (see
    :func:`java_regex_to_python`) with ``re.ASCII``; match it with ``fullmatch``.

    Args:
        pattern: The model's ``pattern`` trait.

    Returns:
        The compiled pattern.

    Raises:
        ValueError: The pattern cannot be translated (see :func:`java_regex_to_python`).
    """
    return re.compile(java_regex_to_python(pattern), re.ASCII)
