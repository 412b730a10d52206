"""YAML syntax errors in plain words: libyaml says what it could not parse, this says what the
editor most likely wrote and how to fix it (the `help` of the diagnostic)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

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


Advice = tuple["yaml.Mark | Position", str, str]  # where, message, help


@dataclass(frozen=True)
class Failure:
    """What libyaml reported, with the line it points at and the key on that line (if any)."""

    problem: str
    context: str
    mark: yaml.Mark
    start: yaml.Mark | None  # where the construct being parsed began
    lines: list[str]

    @property
    def line(self) -> str:
        return self.lines[self.mark.line] if self.mark.line < len(self.lines) else ""

    @property
    def name(self) -> str:
        """The key on the line, else its text."""
        here = _key(self.line)
        return here[0] if here else self.line.strip()

    @property
    def column(self) -> int:
        """The 1-based column where the line's key or text starts."""
        line = self.line
        return len(line) - len(line.lstrip(" -")) + 1 if line.strip() else self.mark.column + 1


def _colon_in_text(f: Failure) -> Advice | None:
    """'mapping values are not allowed': a ': ' in unquoted text, a key indented too far (read as
    more of the text above), or a key with no space after its ':' on the line above."""
    if _key(f.line) and ": " in f.line[: f.mark.column]:
        return f.mark, "a ': ' inside unquoted text starts a new key", _quote_the_value(f.line)
    before = next((f.lines[n] for n in range(f.mark.line - 1, -1, -1) if f.lines[n].strip()), "")
    glued = re.match(r" *(?:- +)*([\w-]+):(\S.*)$", before)
    if glued and not _key(before):
        return f.mark, f"'{glued[1]}:' on the line above needs a space after the ':'", f"write `{glued[1]}: {glued[2]}`"
    for above, number, at in _keys_above(f.lines, f.mark.line):
        if at < f.column:
            return (
                Position(f.mark.line, f.column - 1),  # the key, rather than its ':'
                f"'{f.name}' is indented more than '{above}' above it, so it reads as part of its text",
                f"start '{f.name}' at column {at}, like '{above}' on line {number}",
            )
    return None


def _list_item_indentation(f: Failure) -> Advice | None:
    """'did not find expected '-' indicator': a key of a list item out of line, or a '-' missing."""
    if f.start is None:
        return None
    dash = f.start.column + 1
    item = re.match(r" *- +", f.lines[f.start.line])
    inner = _like(f.lines, f.mark.line, len(item[0]) + 1 if item else dash + 2)
    if f.column == dash:
        return (
            f.mark,
            f"'{f.name}' is at the column of the list's '-' without one",
            f"to start a new list item, write `- {f.line.strip()}`; to continue the item above, start it at {inner}",
        )
    return f.mark, f"'{f.name}' is not indented like the keys of the list item above", f"start it at {inner}"


def _no_key(f: Failure) -> Advice | None:
    """'did not find expected key': text after a closing quote or bracket, a list item in a
    mapping, or a line indented like nothing above it."""
    before = f.line[: f.mark.column].rstrip()
    if before.endswith(('"', "'")):
        return f.mark, "text after the closing quote", _quote_the_value(f.line)
    if before.endswith(("]", "}")):
        return f.mark, f"text after the closing '{before[-1]}'", _quote_the_value(f.line)
    if f.line[f.mark.column :].startswith("- "):
        return f.mark, "a list item where a key is expected", "a list goes under a key that has no value on its own line, indented below it"
    if not _key(f.line):
        return f.mark, "this line is indented less than the text above it", "indent every line of a text alike, deeper than its key"
    places: list[tuple[str, int, int]] = []
    for above, number, at in _keys_above(f.lines, f.mark.line):
        if at != f.column and all(at != place[2] for place in places):
            places.append((above, number, at))
        if at < f.column:
            break
    where = ", or at ".join(f"column {at}, like '{above}' on line {number}" for above, number, at in places[-2:])
    return f.mark, f"'{f.name}' is not indented like any key above it", f"start it at {where}" if where else ""


def _neither_key_nor_item(f: Failure) -> Advice | None:
    if f.start is None:
        return None
    text = f.lines[f.start.line].strip()
    return (
        f.start,
        f"'{text}' is neither a key nor a list item",
        f"write `- {text}` to make it an item of the list above, or `{text}: ...` to make it a key",
    )


def _special_first_character(f: Failure) -> Advice | None:
    """Text that starts with '@', '`', '%' (no token) or '*', '&' (an alias or anchor)."""
    at = f.start if f.context.startswith(("while scanning an alias", "while scanning an anchor")) and f.start else f.mark
    text = f.lines[at.line] if at.line < len(f.lines) else ""
    return at, f"text cannot start with '{text[at.column : at.column + 1]}' unless it is quoted", _quote_the_value(text)


def _unclosed_quote(f: Failure) -> Advice | None:
    if f.start is None:
        return None
    return f.start, "the quote opened here is never closed", f"end the text with {f.lines[f.start.line][f.start.column]}"


def _unknown_escape(f: Failure) -> Advice | None:
    escape = f.line[f.mark.column : f.mark.column + 2]
    return (
        f.mark,
        f"unknown escape '{escape}' in double-quoted text",
        "write '\\\\' for a backslash, or put the text in single quotes",
    )


def _unclosed_bracket(f: Failure) -> Advice | None:
    if f.start is None:
        return None
    bracket = f.lines[f.start.line][f.start.column]
    closing = "]" if bracket == "[" else "}"
    return (
        f.start,
        f"the '{bracket}' opened here is not closed where expected",
        f"close it with '{closing}'; put an item that contains ',', ':', '[' or '{{' in quotes",
    )


def _text_after_indicator(f: Failure) -> Advice | None:
    if f.start is None:
        return None
    return (
        f.start,
        "text on the same line as '|' or '>'",
        "start the text on the next line, indented; or remove the '|' or '>' and put the text in quotes",
    )


# (libyaml's problem, or its context, as it starts; what to say about it), the first that matches.
ADVICE = (
    (lambda f: "tab" in f.problem, lambda f: (f.mark, "a tab character in the indentation", "indent with spaces, not tabs")),
    (lambda f: f.problem.startswith("mapping values are not allowed"), _colon_in_text),
    (lambda f: f.problem == "did not find expected '-' indicator", _list_item_indentation),
    (lambda f: f.problem == "did not find expected key", _no_key),
    (lambda f: f.problem == "could not find expected ':'", _neither_key_nor_item),
    (lambda f: f.problem == "found character that cannot start any token"
     or f.context.startswith(("while scanning an alias", "while scanning an anchor")), _special_first_character),
    (lambda f: f.context == "while scanning a quoted scalar" and f.problem == "found unexpected end of stream", _unclosed_quote),
    (lambda f: f.problem == "found unknown escape character", _unknown_escape),
    (lambda f: f.context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")), _unclosed_bracket),
    (lambda f: f.context == "while scanning a block scalar", _text_after_indicator),
)


def _advice(exc: yaml.MarkedYAMLError, lines: list[str]) -> Advice | None:
    """(where, message, help) for the mistakes editors make most, or None."""
    if exc.problem_mark is None:
        return None
    failure = Failure(exc.problem or "", exc.context or "", exc.problem_mark, exc.context_mark, lines)
    for applies, advise in ADVICE:
        if applies(failure):
            return advise(failure)
    return None


def syntax_error(exc: yaml.MarkedYAMLError, lines: list[str], path: str) -> Diagnostic:
    """A libyaml error on the file of `lines` as a diagnostic with advice where there is some."""
    found = _advice(exc, lines)
    mark: yaml.Mark | Position | None
    if found:
        mark, message, help = found
    else:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or "invalid YAML") + (f" ({exc.context})" if exc.context else "")
        help = ""
    loc = Location(path) if mark is None else Location(path, mark.line + 1, mark.column + 1)
    return error(loc, f"invalid YAML: {message}", "yaml-syntax", help)
