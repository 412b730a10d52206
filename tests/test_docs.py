"""The repository documents itself: docs/format.md and docs/contract.md follow the code."""

from __future__ import annotations

import re

from generator import fields, model, schema, urls
from tests.conftest import ROOT

FORMAT = (ROOT / "docs/format.md").read_text(encoding="utf-8")
CONTRACT = (ROOT / "docs/contract.md").read_text(encoding="utf-8")


def label(kind: fields.Type) -> str:
    """A value type as docs/format.md writes it."""
    if isinstance(kind, fields.Localized):
        return f"Localized {label(kind.inner)}"
    if isinstance(kind, fields.Date):
        return "Date (day)" if kind.day else "Date"
    if isinstance(kind, fields.Number):
        return f"number from {kind.minimum:g} to {kind.maximum:g}"
    if isinstance(kind, fields.Enum):
        return "a status" if kind is model.STATUS else ", ".join(f"`{v}`" for v in kind.values)
    if isinstance(kind, fields.Ref):
        return f"Ref({kind.kind})"
    if isinstance(kind, fields.Slug):
        return f"{kind.name} id"
    if isinstance(kind, fields.List):
        return f"list of {label(kind.item)}" + (", at least one" if kind.min_items else "")
    if isinstance(kind, fields.Record):
        return f"{kind.name} (below)"
    return {fields.Text: "Text", fields.Markdown: "Markdown", fields.Url: "URL", fields.Lang: "Lang", fields.Bool: "bool"}[type(kind)]


def documented() -> dict[str, list[tuple[str, str, str]]]:
    """Each record's table in docs/format.md: (field, type, required) by record name."""
    tables: dict[str, list[tuple[str, str, str]]] = {}
    for heading, body in re.findall(r"^#{2,3} (.+?)\n(.*?)(?=^#{2,3} |\Z)", FORMAT, flags=re.M | re.S):
        name = heading.split(" — ")[0].lower()
        if "| field | type | required | meaning |" not in body:
            continue
        rows = re.findall(r"^\| `([a-z_]+)` \| (.+?) \| (yes|no)[^|]* \|", body, flags=re.M)
        if rows:
            tables[name] = rows
    return tables


def records() -> dict[str, fields.Record]:
    found = {}

    def walk(record: fields.Record) -> None:
        found[record.name] = record
        for field in record.fields:
            inner = field.type.item if isinstance(field.type, fields.List) else field.type
            if isinstance(inner, fields.Record):
                walk(inner)

    for kind in schema.KINDS:
        walk(kind.record)
    return found


def test_every_record_field_and_type_is_documented_as_declared():
    declared = {
        name: [(f.name, label(f.type), "yes" if f.required else "no") for f in record.fields]
        for name, record in records().items()
    }
    assert documented() == declared


def test_statuses_stances_and_ratings_are_documented():
    section = FORMAT.split("### Statuses")[1].split("\n## ")[0]
    rows = re.findall(r"^\| `([a-z]+)` \| (\w+) \| [^|]+ \| ([^|]+) \|$", section, flags=re.M)
    assert [(status, label) for status, label, _ in rows] == list(model.STATUS_LABELS.items())
    assert {status: rating.strip() for status, _, rating in rows} == {
        status: str(model.RATING.get(status, "none (only `alternateName`)")) for status in model.STATUSES
    }
    stances = re.search(r"^Stances: (.+?)\n\n", FORMAT, flags=re.M | re.S).group(1)
    assert re.findall(r"`([a-z]+)` (?:asserts|denies|neither|relays)", " ".join(stances.split())) == list(model.STANCES)


def test_every_route_is_in_the_contract():
    routes = [value for name, value in vars(urls).items() if name.isupper() and isinstance(value, str)]
    missing = []
    for route in routes:
        shown = "/" + re.sub(r"\{(\w+)\}", r"<\1>", urls.url(route))
        if f"`{shown}`" not in CONTRACT and not (shown == "/about/" and "`/about/`" in CONTRACT):
            missing.append(shown)
    assert missing == []


def test_the_readme_and_docs_link_nothing_outside_the_repository():
    for path in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))):
        assert "../shared" not in path.read_text(encoding="utf-8"), path.name
