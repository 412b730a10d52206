"""Stage 3: resolve references between records and check what spans more than one record.

The result is a `Site`: the records by id plus the indexes every page needs (an actor's
statements, a source's citations, a tag's explainers), computed once here.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from generator.diagnostics import Diagnostic, Location, error, warning
from generator.model import Actor, Explainer, Settings, Source, Statement
from generator.validate import Records, suggest


@dataclass(frozen=True)
class Citation:
    """One statement in context: the explainer it belongs to and its position there."""

    explainer: Explainer
    statement: Statement
    number: int  # 1-based position among the explainer's statements


@dataclass(frozen=True)
class Site:
    settings: Settings
    explainers: Mapping[str, Explainer]
    actors: Mapping[str, Actor]
    sources: Mapping[str, Source]
    statements_by_actor: Mapping[str, tuple[Citation, ...]]
    citations_by_source: Mapping[str, tuple[Citation, ...]]
    explainers_by_tag: Mapping[str, tuple[Explainer, ...]]
    pages: Mapping[str, bytes] = field(default_factory=dict)  # hand-written pages by file name
    digests: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> sha256 of its file
    history: Any = None  # generator.history.History: every explainer's published versions, from git


def _frozen(d: dict) -> Mapping:
    return MappingProxyType(dict(sorted(d.items())))


STALE_AFTER_DAYS = 30
"""An unsettled claim (contested, unverified) not updated for this long gets a warning."""


def _readable(record: Any, *fields: str) -> bool:
    """Whether each field has a value or was not written (a partial record leaves out what it
    could not read, but its `where` still has it)."""
    return all(getattr(record, name) is not None or name not in record.where for name in fields)


def link(  # noqa: C901 (one pass over the records, each cross-record rule a few lines)
    records: Records, settings: Settings, today: datetime.date, complete: bool = True
) -> tuple[Site, list[Diagnostic]]:
    """Resolve references. `complete` is False when some records failed validation: then
    nothing can be called unused, since the reference may be in a record that did not load.

    What could be read of the records that failed (`records.partial`) is checked too, so one
    run reports their unknown references as well; only the valid records make the site."""
    diagnostics: list[Diagnostic] = []
    explainers = {e.id: e for e in records.explainers}
    actors = {a.id: a for a in records.actors}
    sources = {s.id: s for s in records.sources}
    referenced: set[tuple[str, str]] = set()

    def resolve(kind: str, value: str | None, table: Mapping, where: Mapping[str, Location], field: str) -> bool:
        """Whether `value` names a record in `table`; the value was written at `where[field]`."""
        if value is None:
            return False
        referenced.add((kind, value))
        if value in table:
            return True
        if (kind, value) in records.failed:
            return False  # the record exists; its own errors are already reported
        loc = where[field] if field in where else where[""]
        diagnostics.append(error(loc, f"unknown {kind} '{value}'{suggest(value, table)}", "unknown-reference"))
        return False

    by_actor: dict[str, list[Citation]] = {a: [] for a in actors}
    by_source: dict[str, list[Citation]] = {s: [] for s in sources}
    by_tag: dict[str, list[Explainer]] = {}
    partial = records.partial
    # (record, listed): only valid records are listed in the indexes that make pages.
    every_explainer = [(e, True) for e in records.explainers] + [(e, False) for e in partial if isinstance(e, Explainer)]

    for explainer, listed in every_explainer:
        where = explainer.where
        for number, statement in enumerate(explainer.statements or (), 1):  # None: a partial explainer's invalid list
            citation = Citation(explainer, statement, number)
            if resolve("actor", statement.by, actors, statement.where, "by") and listed:
                by_actor[statement.by].append(citation)
            if resolve("source", statement.source, sources, statement.where, "source"):
                if listed:
                    by_source[statement.source].append(citation)
                check_against_source(statement, sources[statement.source], settings, diagnostics)
        for event in explainer.timeline:
            resolve("source", event.source, sources, event.where, "source")
        for i, related in enumerate(explainer.related, 1):
            if related == explainer.id:
                diagnostics.append(error(where[f"related[{i}]"], "an explainer cannot be related to itself", "related-to-itself"))
            else:
                resolve("explainer", related, explainers, where, f"related[{i}]")
        for tag in dict.fromkeys(explainer.tags) if listed else ():
            by_tag.setdefault(tag, []).append(explainer)
        check_history(explainer, today, diagnostics)

    for actor in [*records.actors, *(a for a in partial if isinstance(a, Actor))]:
        check_affiliation(actor, settings, diagnostics)
    by_url: dict[str, Source] = {}
    every_source = [*records.sources, *(s for s in partial if isinstance(s, Source))]
    for source in sorted(every_source, key=lambda s: s.path):  # the first of two with one url is named by the second
        resolve("actor", source.publisher, actors, source.where, "publisher")
        check_source(source, by_url, diagnostics)
    if complete:
        diagnostics += unused(records, referenced)

    site = Site(
        settings=settings,
        explainers=_frozen(explainers),
        actors=_frozen(actors),
        sources=_frozen(sources),
        statements_by_actor=_frozen({k: tuple(v) for k, v in by_actor.items()}),
        citations_by_source=_frozen({k: tuple(v) for k, v in by_source.items()}),
        explainers_by_tag=_frozen({k: tuple(v) for k, v in by_tag.items()}),
    )
    return site, diagnostics


def check_against_source(statement: Statement, source: Source, settings: Settings, diagnostics: list[Diagnostic]) -> None:
    """A statement's date and translation, given the source that documents it."""
    if statement.date is not None and statement.date.first > source.published.last:
        diagnostics.append(
            error(
                statement.where["date"],
                f"statement dated {statement.date.iso} is after its source '{statement.source}'"
                f" was published ({source.published.iso})",
                "statement-after-source",
            )
        )
    if statement.quote is None or statement.translation is None or not _readable(statement, "quote_lang"):
        return
    language = statement.quote_lang or source.language or settings.default_language
    if language in dict(statement.translation.values):
        diagnostics.append(
            warning(
                statement.where["translation"],
                f"translation into '{language}' of a quote already in '{language}' is never shown;"
                " remove it, or set 'quote_lang' if the quote is in another language",
                "translation-same-language",
            )
        )


def check_history(explainer: Explainer, today: datetime.date, diagnostics: list[Diagnostic]) -> None:
    """An explainer's dates and status against its update log; a partial explainer only where
    the values involved could be read."""
    where = explainer.where
    if explainer.updated and explainer.published and explainer.updated.first < explainer.published.first:
        diagnostics.append(
            error(
                where["updated"],
                f"'updated' ({explainer.updated.iso}) is before 'published' ({explainer.published.iso})",
                "updated-before-published",
            )
        )
    dated = [update for update in explainer.updates if update.date is not None]
    for previous, update in itertools.pairwise(dated):
        if update.date.first < previous.date.first:
            diagnostics.append(
                error(
                    update.where["date"],
                    f"updates must be in date order: {update.date.iso} comes after {previous.date.iso}",
                    "updates-order",
                )
            )
    if explainer.status is None:
        return
    if explainer.published and _readable(explainer, "updated") and len(dated) == len(explainer.updates):
        last_update = max([explainer.last_updated.first] + [u.date.first for u in dated])
        age = (today - last_update).days
        if explainer.status in ("contested", "unverified") and age > STALE_AFTER_DAYS:
            diagnostics.append(
                warning(
                    where["status"],
                    f"explainer '{explainer.id}' is {explainer.status} and was last updated on"
                    f" {last_update.isoformat()}, {age} days before {today.isoformat()}; review it and add an update",
                    "stale-claim",
                )
            )
    statuses = [u for u in explainer.updates if "status" in u.where]
    last = statuses[-1] if statuses else None
    if last and last.status and last.date and last.status != explainer.status:
        diagnostics.append(
            error(
                where["status"],
                f"status '{explainer.status}' differs from the latest status in updates"
                f" ('{last.status}' on {last.date.iso}, line {last.where['status'].line})",
                "status-mismatch",
            )
        )


def check_affiliation(actor: Actor, settings: Settings, diagnostics: list[Diagnostic]) -> None:
    if actor.affiliation is not None and actor.affiliation not in settings.affiliations:
        diagnostics.append(
            error(
                actor.where["affiliation"],
                f"unknown affiliation '{actor.affiliation}'{suggest(actor.affiliation, settings.affiliations)};"
                " affiliations are listed in site_config.yml under extra.affiliations",
                "unknown-affiliation",
            )
        )


def check_source(source: Source, by_url: dict[str, Source], diagnostics: list[Diagnostic]) -> None:
    """A source's archive link, and its url against those of the sources checked before it."""
    if source.archive is None and "archive" not in source.where:
        diagnostics.append(warning(source.where[""], f"source '{source.id}' has no 'archive' link", "missing-archive"))
    if source.url is None:
        return
    first = by_url.setdefault(source.url, source)
    if first is not source:
        diagnostics.append(
            error(
                source.where["url"],
                f"source '{source.id}' has the same url as source '{first.id}' ({first.where['url']});"
                " keep one record per document",
                "duplicate-url",
            )
        )


def unused(records: Records, referenced: set[tuple[str, str]]) -> list[Diagnostic]:
    """Actors and sources nothing refers to (meaningful only when every record could be read)."""
    found = [
        warning(actor.where[""], f"actor '{actor.id}' is not referenced by any statement or source", "unused-record")
        for actor in records.actors
        if ("actor", actor.id) not in referenced
    ]
    return found + [
        warning(source.where[""], f"source '{source.id}' is not cited by any statement or event", "unused-record")
        for source in records.sources
        if ("source", source.id) not in referenced
    ]
