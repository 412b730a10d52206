"""An explainer's history page (every published version of its record, newest first, and what
changed in each) and the site-wide list of changes, from the content's git history."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from generator import urls
from generator.link import Site
from generator.model import Settings
from generator.pages.base import Page

CHANGES_LISTED = 200
"""The latest changes /changes/ lists (each explainer's own page lists all of its versions)."""


def known(site: Site) -> tuple[bool, str | None, Any]:
    """How much of the history is known: complete, why not, and since when."""
    history = site.history
    return (history.complete, history.reason, history.earliest) if history else (False, None, None)


def pages(site: Site) -> Iterator[Page]:
    history = site.history
    versions = history.explainers if history else {}
    for explainer in site.explainers.values():
        shown = versions.get(explainer.id, ())
        yield Page(
            urls.explainer_history(explainer.id), urls.EXPLAINER_HISTORY, "history.md",
            {"explainer": explainer, "versions": shown, "known": known(site), "actors": named(site, shown)}, derive,
        )
    changes = tuple(c for c in (history.changes if history else ()) if c.explainer in site.explainers)[:CHANGES_LISTED]
    yield Page(
        urls.CHANGES, urls.CHANGES, "changes.md",
        {"changes": changes, "explainers": {c.explainer: site.explainers[c.explainer] for c in changes}, "known": known(site),
         "actors": named(site, tuple(c.version for c in changes))}, derive,
    )


def named(site: Site, versions: tuple[Any, ...]) -> dict[str, Any]:
    """The actors the changes of `versions` name, as the site knows them now."""
    ids: set[str] = set()
    for version in versions:
        for change in version.changes:
            statement = getattr(change, "statement", None)
            ids.add(statement.by if statement is not None else getattr(change, "by", ""))
    return {id: site.actors[id] for id in sorted(ids) if id in site.actors}


def in_edition(change: Any, settings: Settings) -> bool:
    """Whether an edition shows a change: edits of text in another edition's language are that
    edition's business (its own history page shows them)."""
    field = getattr(change, "field", "")
    lang = field.partition(".")[2] if change.kind in ("text", "words", "cited") else ""
    if change.kind in ("text", "words"):
        lang = lang or settings.default_language
    return not lang or lang == settings.edition.lang


def shown(changes: tuple[Any, ...], settings: Settings) -> list[Any]:
    """A version's changes as an edition shows them; an entry of the update log removed and one
    added with the same date are one entry edited."""
    kept = [c for c in changes if in_edition(c, settings)]
    added = {c.update.date: c for c in kept if c.kind == "update-added"}
    removed = {c.update.date: c for c in kept if c.kind == "update-removed" and c.update.date in added}

    def same(old: Any, new: Any) -> bool:  # as this edition reads them
        lang = settings.edition.lang
        return (old.note.get(lang), old.correction, old.status) == (new.note.get(lang), new.correction, new.status)

    unchanged = {date for date, c in removed.items() if same(c.update, added[date].update)}
    return [
        dataclasses.replace(c, edited=True) if c.kind == "update-added" and c.update.date in removed else c
        for c in kept
        if not (c.kind in ("update-added", "update-removed") and c.update.date in unchanged)
        and not (c.kind == "update-removed" and c.update.date in removed)
    ]


def derive(settings: Settings, **context: Any) -> dict[str, Any]:
    """Each version's changes as the edition shows them."""
    versions = [c.version for c in context["changes"]] if "changes" in context else context["versions"]
    return {"shown": {v.commit: shown(v.changes, settings) for v in versions}}
