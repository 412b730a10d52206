"""Stage 2: check each record's nodes against `schema` and build the typed records.

Every problem becomes a diagnostic; a record with errors is still checked to the end so that
one run reports everything, and what could be read of it (its valid values) goes on to `link`,
which checks its references too. References between records are checked there.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from generator import model, schema
from generator.diagnostics import Diagnostic, Location, error, has_errors, warning
from generator.load import Mapping, Node, RecordFile, Scalar, Sequence

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
NUMBER_PATTERN = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")
_INVALID: Any = object()  # a value that failed its check; never leaves this module
PLACEHOLDER = "TODO"
"""`python -m generator new` fills required values with this; check refuses them until replaced."""


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`."""
    previous, current = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1]))
            if before and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def suggest(value: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''. Near is at most one edit per four
    characters and three in all: `who-says-kupiansk-fell` is not a misspelt `who-says-pokrovsk-fell`."""
    limit = min(3, max(1, len(value) // 4))
    for match in difflib.get_close_matches(value, list(candidates), n=5, cutoff=0.6):  # a cheap first sieve
        if distance(value, match) <= limit:
            return f" (did you mean '{match}'?)"
    return ""


def quoted(value: str) -> str:
    """A value as shown in a message: quoted, on one line, not too long."""
    lines = value.splitlines() or [""]
    line = lines[0]
    if len(line) > 60:
        line = line[:59] + "…"
    elif len(lines) > 1:
        line += " …"
    return f"'{line}'"


def describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return quoted(node.value)


@dataclass
class Context:
    """What checking one file needs: the site's languages, today's date, and a place for problems."""

    languages: tuple[str, ...]
    default_language: str
    today: datetime.date
    editions: tuple[str, ...] = ()  # the languages text may be written in (none given: any of `languages`)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def fail(self, loc: Location, message: str, rule: str) -> Any:
        self.diagnostics.append(error(loc, message, rule))
        return _INVALID


def _scalar(node: Node, name: str, expected: str, ctx: Context) -> Any:  # the text, or _INVALID
    if not isinstance(node, Scalar):
        return ctx.fail(node.loc, f"'{name}' must be {expected}, not {describe(node)}", "wrong-type")
    if node.plain and node.value == "":
        return ctx.fail(node.loc, f"'{name}' is empty; give it a value or remove the key", "empty-value")
    if node.value.startswith(PLACEHOLDER):
        return ctx.fail(
            node.loc, f"'{name}' still holds the template's placeholder {quoted(node.value)}; replace it", "placeholder"
        )
    return node.value


def check_date(node: Node, name: str, ctx: Context, day: bool) -> model.Date:
    text = _scalar(node, name, "a date", ctx)
    if text is _INVALID:
        return _INVALID
    match = DATE_PATTERN.match(text)
    if not match:
        shape = "YYYY-MM-DD" if day else "YYYY, YYYY-MM or YYYY-MM-DD"
        return ctx.fail(node.loc, f"invalid date {quoted(text)} in '{name}'; write it as {shape}", "invalid-date")
    year = int(match.group(1))
    month, dom = (int(g) if g else None for g in match.groups()[1:])
    if day and dom is None:
        return ctx.fail(node.loc, f"'{name}' needs a full date (YYYY-MM-DD), not {quoted(text)}", "invalid-date")
    if month is not None and not 1 <= month <= 12 or (
        month is not None and dom is not None and not 1 <= dom <= calendar.monthrange(year, month)[1]
    ):
        return ctx.fail(node.loc, f"no such date {quoted(text)} in '{name}'", "invalid-date")
    date = model.Date(year, month, dom)
    if date.first > ctx.today:
        return ctx.fail(
            node.loc,
            f"date {quoted(text)} in '{name}' is in the future (today is {ctx.today.isoformat()})",
            "future-date",
        )
    return date


def check_url(node: Node, name: str, ctx: Context) -> str:
    text = _scalar(node, name, "a URL", ctx)
    if text is _INVALID:
        return _INVALID
    parts = urlsplit(text) if text.isprintable() and " " not in text else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return ctx.fail(node.loc, f"'{name}' must be an absolute http or https URL, not {quoted(text)}", "invalid-url")
    return text


def check_lang(node: Node, name: str, ctx: Context) -> str:
    text = _scalar(node, name, "a language tag", ctx)
    if text is _INVALID:
        return _INVALID
    if text not in ctx.languages:
        known = ", ".join(sorted(ctx.languages))
        return ctx.fail(
            node.loc,
            f"unknown language {quoted(text)} in '{name}'; expected one of {known}{suggest(text, ctx.languages)}"
            " (add it to extra.languages in site_config.yml)",
            "unknown-language",
        )
    return text


def check_localized(node: Node, name: str, ctx: Context, default_required: bool = True) -> model.Localized:
    if isinstance(node, Scalar):
        text = _scalar(node, name, "text", ctx)
        return _INVALID if text is _INVALID else model.Localized(((ctx.default_language, text),))
    if isinstance(node, Sequence):
        return ctx.fail(node.loc, f"'{name}' must be text or a mapping of languages to text, not a list", "wrong-type")
    if not node.entries:
        return ctx.fail(node.loc, f"'{name}' is empty; give it a value or remove the key", "empty-value")
    values: dict[str, str] = {}
    for key, value in node.entries:
        lang = check_lang(key, f"{name}", ctx)
        if lang is not _INVALID and ctx.editions and lang not in ctx.editions:
            lang = ctx.fail(
                key.loc,
                f"'{name}' has text in '{lang}', which is not an edition's language; editions: {', '.join(ctx.editions)}"
                " (extra.editions in site_config.yml)",
                "unknown-edition-language",
            )
        text = _scalar(value, f"{name}.{key.value}", "text", ctx)
        if lang is not _INVALID and text is not _INVALID:
            values[lang] = text
    if default_required and ctx.default_language not in node.keys():
        return ctx.fail(
            node.loc,
            f"'{name}' has no '{ctx.default_language}' text; the site's default language is required",
            "missing-default-language",
        )
    if len(values) != len(node.entries):
        return _INVALID
    default = [(ctx.default_language, values.pop(ctx.default_language))] if ctx.default_language in values else []
    return model.Localized(tuple(default + sorted(values.items())))


def check(kind: schema.Type, node: Node, name: str, ctx: Context, where: dict[str, Location]) -> Any:  # noqa: C901 (one branch per value type)
    """Check one value against its type; returns the typed value, or _INVALID after reporting why.
    A list keeps its valid items and a record what could be read of it (see `check_record`)."""
    where[name] = node.loc
    if isinstance(kind, (schema.Text, schema.Markdown)):
        return _scalar(node, name, "text", ctx)
    if isinstance(kind, schema.Localized):
        return check_localized(node, name, ctx, kind.default_required)
    if isinstance(kind, schema.Date):
        return check_date(node, name, ctx, kind.day)
    if isinstance(kind, schema.Url):
        return check_url(node, name, ctx)
    if isinstance(kind, schema.Lang):
        return check_lang(node, name, ctx)
    if isinstance(kind, schema.Bool):
        text = _scalar(node, name, "true or false", ctx)
        if text is _INVALID:
            return _INVALID
        if not (isinstance(node, Scalar) and node.plain and text in ("true", "false")):
            return ctx.fail(node.loc, f"'{name}' must be true or false, not {quoted(text)}", "wrong-type")
        return text == "true"
    if isinstance(kind, schema.Number):
        text = _scalar(node, name, "a number", ctx)
        if text is _INVALID:
            return _INVALID
        number = float(text) if NUMBER_PATTERN.match(text) and isinstance(node, Scalar) and node.plain else math.nan
        if not kind.minimum <= number <= kind.maximum:
            return ctx.fail(
                node.loc,
                f"'{name}' must be a number from {kind.minimum:g} to {kind.maximum:g}, not {quoted(text)}",
                "invalid-number",
            )
        return number
    if isinstance(kind, schema.Enum):
        text = _scalar(node, name, f"a {kind.name}", ctx)
        if text is _INVALID or text in kind.values:
            return text
        return ctx.fail(
            node.loc,
            f"unknown {kind.name} {quoted(text)}; expected one of {', '.join(kind.values)}{suggest(text, kind.values)}",
            "unknown-value",
        )
    if isinstance(kind, (schema.Ref, schema.Slug)):
        text = _scalar(node, name, "an id", ctx)
        if text is _INVALID or schema.ID_PATTERN.match(text):
            return text
        what = kind.kind if isinstance(kind, schema.Ref) else kind.name
        return ctx.fail(
            node.loc,
            f"invalid {what} id {quoted(text)}; ids are lowercase words joined by hyphens, like 'donetsk-oblast'",
            "invalid-id",
        )
    if isinstance(kind, schema.List):
        if not isinstance(node, Sequence):
            return ctx.fail(node.loc, f"'{name}' must be a list, not {describe(node)}", "wrong-type")
        if len(node.items) < kind.min_items:
            return ctx.fail(node.loc, f"'{name}' needs at least {kind.min_items} item", "too-few-items")
        items = [check(kind.item, item, f"{name}[{i}]", ctx, where) for i, item in enumerate(node.items, 1)]
        return tuple(item for item in items if item is not _INVALID)
    if isinstance(kind, schema.Record):
        return check_record(kind, node, name, ctx)
    raise TypeError(f"no check for {kind!r}")  # a bug in schema, not a content problem


def check_record(record: schema.Record, node: Node, name: str, ctx: Context, **given: Any) -> Any:
    """Check a mapping against a record's fields and build the record. A record with errors is
    built from what could be read: an invalid value is left out (None where the field is
    required: only `link` sees such a record), and `where` still says where it was written."""
    if not isinstance(node, Mapping):
        return ctx.fail(node.loc, f"'{name}' must be a mapping of keys to values, not {describe(node)}", "wrong-type")
    where: dict[str, Location] = {"": node.loc}
    values: dict[str, Any] = dict(given)
    names = [f.name for f in record.fields]
    for key, value in node.entries:
        spec = record.field(key.value)
        if spec is None:
            ctx.fail(key.loc, f"unknown key '{key.value}' in {record.name}{suggest(key.value, names)}", "unknown-key")
            continue
        values[spec.name] = check(spec.type, value, spec.name, ctx, where)
        if not isinstance(value, Sequence):  # only text (or texts by language) can swallow a key
            check_swallowed_keys(record, node, key, value, ctx)
    for spec in record.fields:
        if spec.required and spec.name not in values:
            ctx.fail(node.loc, f"missing required key '{spec.name}' in {record.name}", "missing-key")
    if record is schema.STATEMENT:
        check_statement(node, ctx)
    read = {name: value for name, value in values.items() if value is not _INVALID}
    missing = {spec.name: None for spec in record.fields if spec.required and spec.name not in read}
    return record.cls(**read, **missing, where=model.Where(node.loc.path, {name: loc[1:] for name, loc in where.items()}))


def check_swallowed_keys(record: schema.Record, node: Mapping, key: Scalar, value: Node, ctx: Context) -> None:
    """Warn about a line of a multi-line text that starts with a field name the record lacks:
    most likely a key indented too far, which the text swallowed."""
    scalars = [value] if isinstance(value, Scalar) else [v for _, v in value.entries] if isinstance(value, Mapping) else []
    for scalar in scalars:
        for word, loc in scalar.keys if isinstance(scalar, Scalar) else ():
            if record.field(word) and word not in node.keys():
                ctx.diagnostics.append(
                    warning(
                        loc,
                        f"'{word}:' is read as text of '{key.value}', not as a key; to make it a key,"
                        f" de-indent it to column {key.loc.column}, like '{key.value}'",
                        "key-in-text",
                    )
                )


def check_statement(node: Mapping, ctx: Context) -> None:
    keys = {key.value: key.loc for key, _ in node.entries}
    if "quote" in keys and "said" in keys:
        ctx.fail(keys["said"], "a statement has either 'quote' (exact words) or 'said' (a paraphrase), not both", "quote-or-said")
    elif not keys.keys() & {"quote", "said"}:
        ctx.fail(node.loc, "a statement needs 'quote' (exact words) or 'said' (a paraphrase)", "quote-or-said")
    for key in ("translation", "quote_lang"):
        if key in keys and "quote" not in keys:
            ctx.fail(keys[key], f"'{key}' belongs to a 'quote', and this statement has none", "translation-without-quote")


def check_id(file: RecordFile, ctx: Context) -> None:
    singular = schema.RECORDS[file.kind].name
    if not schema.ID_PATTERN.match(file.id):
        ctx.fail(
            Location(file.path),
            f"invalid {singular} id '{file.id}'; a file name is lowercase words joined by hyphens, like 'who-says-pokrovsk-fell.yml'",
            "invalid-file-name",
        )
    elif file.id in schema.RESERVED_IDS:
        ctx.fail(Location(file.path), f"'{file.id}' is reserved; choose another {singular} id", "reserved-id")


Record = model.Explainer | model.Actor | model.Source


@dataclass(frozen=True)
class Validated:
    """One record file, checked: its record if it has no error; otherwise `partial`, what could be
    read of it (for `link` to check its references), or nothing when the file could not be read."""

    kind: str  # the folder: 'explainers', 'actors' or 'sources'
    id: str
    record: Record | None
    partial: Record | None = None


@dataclass(frozen=True)
class Records:
    explainers: tuple[model.Explainer, ...] = ()
    actors: tuple[model.Actor, ...] = ()
    sources: tuple[model.Source, ...] = ()
    failed: frozenset[tuple[str, str]] = frozenset()  # (kind, id) of records present but invalid
    partial: tuple[Record, ...] = ()  # what could be read of the failed ones


def validate_file(file: RecordFile, ctx: Context) -> tuple[Validated, list[Diagnostic]]:
    """One record file checked, and its problems. Only a file that could not be read or parsed
    (no tree) is not checked at all."""
    ctx = dataclasses.replace(ctx, diagnostics=[])
    check_id(file, ctx)
    record = None
    if file.root is not None:
        spec = schema.RECORDS[file.kind]
        record = check_record(spec, file.root, spec.name, ctx, id=file.id, path=file.path)
    if record is None or has_errors(ctx.diagnostics):
        return Validated(file.kind, file.id, None, record), ctx.diagnostics
    return Validated(file.kind, file.id, record), ctx.diagnostics


def context(settings: model.Settings, today: datetime.date) -> Context:
    return Context(tuple(settings.languages), settings.default_language, today, tuple(e.lang for e in settings.editions))


def collect(results: Iterable[Validated]) -> Records:
    """Records from each file's result, in file order; the invalid ones are named as failed."""
    built: dict[str, list] = {kind: [] for kind in schema.RECORDS}
    failed: set[tuple[str, str]] = set()
    partial = []
    for result in results:
        if result.record is not None:
            built[result.kind].append(result.record)
            continue
        failed.add((schema.RECORDS[result.kind].name, result.id))
        if result.partial is not None:
            partial.append(result.partial)
    return Records(
        tuple(built["explainers"]), tuple(built["actors"]), tuple(built["sources"]), frozenset(failed), tuple(partial)
    )
