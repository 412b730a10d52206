"""Stage 2: check each record's nodes against `schema` and build the typed records.

Every problem becomes a diagnostic; a record with errors is still checked to the end so that
one run reports everything. References between records are checked later, by `link`.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from generator import model, schema
from generator.diagnostics import Diagnostic, Location, error
from generator.load import Mapping, Node, RecordFile, Scalar, Sequence

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
NUMBER_PATTERN = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")
INVALID: Any = object()
PLACEHOLDER = "TODO"
"""`python -m generator new` fills required values with this; check refuses them until replaced."""


def suggest(value: str, candidates) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    match = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


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
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def fail(self, loc: Location, message: str) -> Any:
        self.diagnostics.append(error(loc, message))
        return INVALID


def _scalar(node: Node, name: str, expected: str, ctx: Context) -> str:
    if not isinstance(node, Scalar):
        return ctx.fail(node.loc, f"'{name}' must be {expected}, not {describe(node)}")
    if node.plain and node.value == "":
        return ctx.fail(node.loc, f"'{name}' is empty; give it a value or remove the key")
    if node.value.startswith(PLACEHOLDER):
        return ctx.fail(node.loc, f"'{name}' still holds the template's placeholder {quoted(node.value)}; replace it")
    return node.value


def check_date(node: Node, name: str, ctx: Context, day: bool) -> model.Date:
    text = _scalar(node, name, "a date", ctx)
    if text is INVALID:
        return INVALID
    match = DATE_PATTERN.match(text)
    if not match:
        shape = "YYYY-MM-DD" if day else "YYYY, YYYY-MM or YYYY-MM-DD"
        return ctx.fail(node.loc, f"invalid date {quoted(text)} in '{name}'; write it as {shape}")
    year, month, dom = (int(g) if g else None for g in match.groups())
    if day and dom is None:
        return ctx.fail(node.loc, f"'{name}' needs a full date (YYYY-MM-DD), not {quoted(text)}")
    if month is not None and not 1 <= month <= 12 or (
        dom is not None and not 1 <= dom <= calendar.monthrange(year, month)[1]
    ):
        return ctx.fail(node.loc, f"no such date {quoted(text)} in '{name}'")
    date = model.Date(year, month, dom)
    if date.first > ctx.today:
        return ctx.fail(node.loc, f"date {quoted(text)} in '{name}' is in the future (today is {ctx.today.isoformat()})")
    return date


def check_url(node: Node, name: str, ctx: Context) -> str:
    text = _scalar(node, name, "a URL", ctx)
    if text is INVALID:
        return INVALID
    parts = urlsplit(text) if text.isprintable() and " " not in text else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return ctx.fail(node.loc, f"'{name}' must be an absolute http or https URL, not {quoted(text)}")
    return text


def check_lang(node: Node, name: str, ctx: Context) -> str:
    text = _scalar(node, name, "a language tag", ctx)
    if text is INVALID:
        return INVALID
    if text not in ctx.languages:
        known = ", ".join(sorted(ctx.languages))
        return ctx.fail(
            node.loc,
            f"unknown language {quoted(text)} in '{name}'; expected one of {known}{suggest(text, ctx.languages)}"
            " (add it to extra.languages in site_config.yml)",
        )
    return text


def check_localized(node: Node, name: str, ctx: Context, default_required: bool = True) -> model.Localized:
    if isinstance(node, Scalar):
        text = _scalar(node, name, "text", ctx)
        return INVALID if text is INVALID else model.Localized(((ctx.default_language, text),))
    if isinstance(node, Sequence):
        return ctx.fail(node.loc, f"'{name}' must be text or a mapping of languages to text, not a list")
    if not node.entries:
        return ctx.fail(node.loc, f"'{name}' is empty; give it a value or remove the key")
    values: dict[str, str] = {}
    for key, value in node.entries:
        lang = check_lang(key, f"{name}", ctx)
        text = _scalar(value, f"{name}.{key.value}", "text", ctx)
        if lang is not INVALID and text is not INVALID:
            values[lang] = text
    if default_required and ctx.default_language not in node.keys():
        return ctx.fail(node.loc, f"'{name}' has no '{ctx.default_language}' text; the site's default language is required")
    if len(values) != len(node.entries):
        return INVALID
    default = [(ctx.default_language, values.pop(ctx.default_language))] if ctx.default_language in values else []
    return model.Localized(tuple(default + sorted(values.items())))


def check(kind: schema.Type, node: Node, name: str, ctx: Context, where: dict[str, Location]) -> Any:
    """Check one value against its type; returns the typed value or INVALID."""
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
        if text is INVALID:
            return INVALID
        if not (isinstance(node, Scalar) and node.plain and text in ("true", "false")):
            return ctx.fail(node.loc, f"'{name}' must be true or false, not {quoted(text)}")
        return text == "true"
    if isinstance(kind, schema.Number):
        text = _scalar(node, name, "a number", ctx)
        if text is INVALID:
            return INVALID
        number = float(text) if NUMBER_PATTERN.match(text) and node.plain else math.nan
        if not kind.minimum <= number <= kind.maximum:
            return ctx.fail(
                node.loc, f"'{name}' must be a number from {kind.minimum:g} to {kind.maximum:g}, not {quoted(text)}"
            )
        return number
    if isinstance(kind, schema.Enum):
        text = _scalar(node, name, f"a {kind.name}", ctx)
        if text is INVALID or text in kind.values:
            return text
        return ctx.fail(
            node.loc,
            f"unknown {kind.name} {quoted(text)}; expected one of {', '.join(kind.values)}{suggest(text, kind.values)}",
        )
    if isinstance(kind, (schema.Ref, schema.Slug)):
        text = _scalar(node, name, "an id", ctx)
        if text is INVALID or schema.ID_PATTERN.match(text):
            return text
        what = kind.kind if isinstance(kind, schema.Ref) else kind.name
        return ctx.fail(
            node.loc, f"invalid {what} id {quoted(text)}; ids are lowercase words joined by hyphens, like 'donetsk-oblast'"
        )
    if isinstance(kind, schema.List):
        if not isinstance(node, Sequence):
            return ctx.fail(node.loc, f"'{name}' must be a list, not {describe(node)}")
        if len(node.items) < kind.min_items:
            return ctx.fail(node.loc, f"'{name}' needs at least {kind.min_items} item")
        items = [check(kind.item, item, f"{name}[{i}]", ctx, where) for i, item in enumerate(node.items, 1)]
        return INVALID if INVALID in items else tuple(items)
    if isinstance(kind, schema.Record):
        return check_record(kind, node, name, ctx)
    raise TypeError(f"no check for {kind!r}")  # a bug in schema, not a content problem


def check_record(record: schema.Record, node: Node, name: str, ctx: Context, **given: Any) -> Any:
    """Check a mapping against a record's fields and build the record."""
    if not isinstance(node, Mapping):
        return ctx.fail(node.loc, f"'{name}' must be a mapping of keys to values, not {describe(node)}")
    where: dict[str, Location] = {"": node.loc}
    values: dict[str, Any] = dict(given)
    names = [f.name for f in record.fields]
    for key, value in node.entries:
        spec = record.field(key.value)
        if spec is None:
            ctx.fail(key.loc, f"unknown key '{key.value}' in {record.name}{suggest(key.value, names)}")
            continue
        values[spec.name] = check(spec.type, value, spec.name, ctx, where)
    for spec in record.fields:
        if spec.required and spec.name not in values:
            ctx.fail(node.loc, f"missing required key '{spec.name}' in {record.name}")
    if record is schema.STATEMENT:
        check_statement(values, node, ctx)
    if any(v is INVALID for v in values.values()) or any(f.required and f.name not in values for f in record.fields):
        return INVALID
    return record.cls(**values, where=model.Where(node.loc.path, {name: loc[1:] for name, loc in where.items()}))


def check_statement(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    keys = {key.value: key.loc for key, _ in node.entries}
    if "quote" in keys and "said" in keys:
        ctx.fail(keys["said"], "a statement has either 'quote' (exact words) or 'said' (a paraphrase), not both")
    elif not keys.keys() & {"quote", "said"}:
        ctx.fail(node.loc, "a statement needs 'quote' (exact words) or 'said' (a paraphrase)")
    for key in ("translation", "quote_lang"):
        if key in keys and "quote" not in keys:
            ctx.fail(keys[key], f"'{key}' belongs to a 'quote', and this statement has none")


def check_id(file: RecordFile, ctx: Context) -> bool:
    singular = schema.RECORDS[file.kind].name
    if not schema.ID_PATTERN.match(file.id):
        ctx.fail(
            Location(file.path),
            f"invalid {singular} id '{file.id}'; a file name is lowercase words joined by hyphens, like 'who-says-pokrovsk-fell.yml'",
        )
        return False
    if file.id in schema.RESERVED_IDS:
        ctx.fail(Location(file.path), f"'{file.id}' is reserved; choose another {singular} id")
        return False
    return True


@dataclass(frozen=True)
class Records:
    explainers: tuple[model.Explainer, ...] = ()
    actors: tuple[model.Actor, ...] = ()
    sources: tuple[model.Source, ...] = ()
    failed: frozenset[tuple[str, str]] = frozenset()  # (kind, id) of records present but invalid


def validate_file(file: RecordFile, ctx: Context) -> Any:
    """One record file's typed record, or INVALID; its problems go to `ctx`."""
    if not check_id(file, ctx) or file.root is None:
        return INVALID
    record = schema.RECORDS[file.kind]
    return check_record(record, file.root, record.name, ctx, id=file.id, path=file.path)


def context(settings: model.Settings, today: datetime.date) -> Context:
    return Context(tuple(settings.languages), settings.default_language, today)


def collect(results: list[tuple[RecordFile, Any]]) -> Records:
    """Records from each file's result, in file order; INVALID ones are remembered as failed."""
    built: dict[str, list] = {kind: [] for kind in schema.RECORDS}
    failed: set[tuple[str, str]] = set()
    for file, value in results:
        if value is INVALID:
            failed.add((schema.RECORDS[file.kind].name, file.id))
        else:
            built[file.kind].append(value)
    return Records(*(tuple(built[kind]) for kind in schema.RECORDS), failed=frozenset(failed))


def validate(
    files: tuple[RecordFile, ...], settings: model.Settings, today: datetime.date
) -> tuple[Records, list[Diagnostic]]:
    """Check every loaded record; returns the valid ones and every problem found."""
    ctx = context(settings, today)
    results = [(file, validate_file(file, ctx)) for file in files]
    return collect(results), ctx.diagnostics
