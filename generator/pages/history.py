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


def shown(changes: tuple[Any, ...], settings: Settings) -> tuple[list[Any], bool]:
    """A version's changes as an edition shows them, and whether it leaves out edits of text in
    other languages. Entries of the update log (by date) and events of the timeline (by date and
    source) removed and added under the same key are paired one to one: first those that read
    the same in this edition's language (no change here: the edit is in another language), then
    the others in order, each one entry edited."""
    kept = [c for c in changes if in_edition(c, settings)]
    elsewhere = len(kept) < len(changes)
    lang = settings.edition.lang
    for entry, key, reads in (
        ("update", lambda u: u.date, lambda u: (u.note.get(lang), u.correction, u.status)),
        ("event", lambda e: (e.date, e.source), lambda e: (e.event.get(lang), e.source)),
    ):
        added: dict[Any, list[Any]] = {}
        removed: dict[Any, list[Any]] = {}
        for c in kept:
            if c.kind in (f"{entry}-added", f"{entry}-removed"):
                (added if c.kind.endswith("added") else removed).setdefault(key(getattr(c, entry)), []).append(c)
        dropped, edited = set(), set()
        for k, gone in removed.items():
            new = list(added.get(k, ()))
            for old in list(gone):
                same = next((c for c in new if reads(getattr(c, entry)) == reads(getattr(old, entry))), None)
                if same is not None:
                    dropped |= {id(old), id(same)}
                    gone = [c for c in gone if c is not old]
                    new.remove(same)
                    elsewhere = True
            for old, now in zip(gone, new, strict=False):
                dropped.add(id(old))
                edited.add(id(now))
        kept = [dataclasses.replace(c, edited=True) if id(c) in edited else c for c in kept if id(c) not in dropped]
    return kept, elsewhere


def derive(settings: Settings, **context: Any) -> dict[str, Any]:
    """Each version's changes as the edition shows them, and whether it edited text in other languages."""
    versions = [c.version for c in context["changes"]] if "changes" in context else context["versions"]
    found = {v.commit: shown(v.changes, settings) for v in versions}
    return {"shown": {commit: changes for commit, (changes, _) in found.items()},
            "elsewhere": {commit: elsewhere for commit, (_, elsewhere) in found.items()}}
