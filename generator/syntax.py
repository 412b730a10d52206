"""YAML syntax errors in plain words: libyaml says what it could not parse, this says what the
editor most likely wrote and how to fix it (the `help` of the diagnostic)."""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

import yaml

from generator.diagnostics import Diagnostic, Location, error

# A line that holds a key: indentation, list dashes, the key, ':' then a space or the line's end.
KEY_LINE = re.compile(r"( *(?:- +)*)([^\s#:'\"\[\]{},&*!|>%@`-][^#]*?|-[^\s#:][^#]*?):(?: +(.*))?$")


class Position(NamedTuple):
    """A 0-based place in the file, as libyaml's marks give it."""

    line: int
    column: int


def _key(line: str) -> tuple[str, int, str] | None:
    """(key, 1-based column, value) of a line that holds a key, else None."""
    match = KEY_LINE.match(line)
    return (match[2], len(match[1]) + 1, match[3] or "") if match else None


def _keys_above(lines: list[str], index: int) -> Iterator[tuple[str, int, int]]:
    """(key, 1-based line, 1-based column) of the lines above `index` that hold a key, nearest first."""
    for number in range(min(index, len(lines)) - 1, -1, -1):
        found = _key(lines[number])
        if found:
            yield found[0], number + 1, found[1]


def _like(lines: list[str], index: int, column: int) -> str:
    """'column 5, like 'by' on line 2': the nearest key above that starts at `column`."""
    for name, number, at in _keys_above(lines, index):
        if at == column:
            return f"column {column}, like '{name}' on line {number}"
    return f"column {column}"


def _double_quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _quote_the_value(line: str) -> str:
    """The advice to quote the value on `line`, with the line as it would be."""
    found = KEY_LINE.match(line)
    if not found or not found[3]:
        return "put the text in quotes"
    value = found[3].rstrip()
    quoted = _single_quoted(value) if value.startswith('"') else _double_quoted(value)
    key = f"{found[1].strip()} {found[2]}".lstrip()
    return f"put the text in quotes: `{key}: {quoted}`"


def _advice(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[yaml.Mark | Position, str, str] | None:
    """(where, message, help) for the mistakes editors make most, or None."""
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    line = lines[mark.line] if mark.line < len(lines) else ""
    here = _key(line)
    name = here[0] if here else line.strip()
    column = len(line) - len(line.lstrip(" -")) + 1 if line.strip() else mark.column + 1
    key_start = Position(mark.line, column - 1)  # where the key starts, rather than its ':'

    if "tab" in problem:
        return mark, "a tab character in the indentation", "indent with spaces, not tabs"

    if problem.startswith("mapping values are not allowed"):
        if here and ": " in line[: mark.column]:
            return mark, "a ': ' inside unquoted text starts a new key", _quote_the_value(line)
        before = next((lines[n] for n in range(mark.line - 1, -1, -1) if lines[n].strip()), "")
        glued = re.match(r" *(?:- +)*([\w-]+):(\S.*)$", before)
        if glued and not _key(before):
            return (
                mark,
                f"'{glued[1]}:' on the line above needs a space after the ':'",
                f"write `{glued[1]}: {glued[2]}`",
            )
        for above, number, at in _keys_above(lines, mark.line):
            if at < column:
                return (
                    key_start,
                    f"'{name}' is indented more than '{above}' above it, so it reads as part of its text",
                    f"start '{name}' at column {at}, like '{above}' on line {number}",
                )
        return None

    if problem == "did not find expected '-' indicator" and start is not None:
        dash = start.column + 1
        item = re.match(r" *- +", lines[start.line])
        inner = len(item[0]) + 1 if item else dash + 2
        if column == dash:
            return (
                mark,
                f"'{name}' is at the column of the list's '-' without one",
                f"to start a new list item, write `- {line.strip()}`; to continue the item above, start it at"
                f" {_like(lines, mark.line, inner)}",
            )
        return (
            mark,
            f"'{name}' is not indented like the keys of the list item above",
            f"start it at {_like(lines, mark.line, inner)}",
        )

    if problem == "did not find expected key":
        before = line[: mark.column].rstrip()
        if before.endswith(('"', "'")):
            return mark, "text after the closing quote", _quote_the_value(line)
        if before.endswith(("]", "}")):
            return mark, f"text after the closing '{before[-1]}'", _quote_the_value(line)
        if line[mark.column :].startswith("- "):
            return (
                mark,
                "a list item where a key is expected",
                "a list goes under a key that has no value on its own line, indented below it",
            )
        if not here:
            return mark, "this line is indented less than the text above it", "indent every line of a text alike, deeper than its key"
        places = []
        for above, number, at in _keys_above(lines, mark.line):
            if at != column and all(at != p[2] for p in places):
                places.append((above, number, at))
            if at < column:
                break
        where = ", or at ".join(f"column {at}, like '{above}' on line {number}" for above, number, at in places[-2:])
        return mark, f"'{name}' is not indented like any key above it", f"start it at {where}" if where else ""

    if problem == "could not find expected ':'" and start is not None:
        text = lines[start.line].strip()
        return (
            start,
            f"'{text}' is neither a key nor a list item",
            f"write `- {text}` to make it an item of the list above, or `{text}: ...` to make it a key",
        )

    if problem == "found character that cannot start any token" or context.startswith(
        ("while scanning an alias", "while scanning an anchor")
    ):
        at = start if context.startswith(("while scanning an alias", "while scanning an anchor")) and start else mark
        text = lines[at.line] if at.line < len(lines) else ""
        character = text[at.column : at.column + 1]
        return at, f"text cannot start with '{character}' unless it is quoted", _quote_the_value(text)

    if context == "while scanning a quoted scalar" and problem == "found unexpected end of stream" and start is not None:
        quote = lines[start.line][start.column]
        return start, "the quote opened here is never closed", f"end the text with {quote}"

    if problem == "found unknown escape character":
        escape = line[mark.column : mark.column + 2]
        return (
            mark,
            f"unknown escape '{escape}' in double-quoted text",
            "write '\\\\' for a backslash, or put the text in single quotes",
        )

    if context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")) and start is not None:
        bracket = lines[start.line][start.column]
        closing = {"[": "]", "{": "}"}.get(bracket, "")
        return (
            start,
            f"the '{bracket}' opened here is not closed where expected",
            f"close it with '{closing}'; put an item that contains ',', ':', '[' or '{{' in quotes",
        )

    if context == "while scanning a block scalar" and start is not None:
        return (
            start,
            "text on the same line as '|' or '>'",
            "start the text on the next line, indented; or remove the '|' or '>' and put the text in quotes",
        )
    return None


def syntax_error(exc: yaml.MarkedYAMLError, lines: list[str], path: str) -> Diagnostic:
    """A libyaml error on the file of `lines` as a diagnostic with advice where there is some."""
    found = _advice(exc, lines)
    if found:
        mark, message, help = found
    else:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or "invalid YAML") + (f" ({exc.context})" if exc.context else "")
        help = ""
    loc = Location(path) if mark is None else Location(path, mark.line + 1, mark.column + 1)
    return error(loc, f"invalid YAML: {message}", "yaml-syntax", help)
