"""An explainer's page: the answer first, then who says what, the timeline and the sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator import markup, urls
from generator.claimreview import claim_review, script_json
from generator.link import Site
from generator.model import STANCES, Actor, Date, Event, Explainer, Settings, Source, Statement
from generator.pages.base import Page


def pages(site: Site) -> Iterator[Page]:
    naming: dict[str, list[str]] = {}  # explainer -> the explainers that name it as related
    for explainer in site.explainers.values():
        for id in explainer.related:
            naming.setdefault(id, []).append(explainer.id)
    for explainer in site.explainers.values():
        cited = [s.source for s in explainer.statements] + [e.source for e in explainer.timeline if e.source]
        sources = {id: site.sources[id] for id in dict.fromkeys(cited)}
        people = [s.by for s in explainer.statements] + [s.publisher for s in sources.values()]
        related = [id for id in dict.fromkeys([*explainer.related, *naming.get(explainer.id, ())]) if id in site.explainers]
        context = {
            "explainer": explainer,
            "actors": {id: site.actors[id] for id in dict.fromkeys(people)},
            "sources": sources,
            "related": tuple(site.explainers[id] for id in related),
        }
        yield Page(urls.explainer(explainer.id), urls.EXPLAINER, "explainer.md", context, derive, searched=True)


@dataclass(frozen=True)
class Row:
    """One line of an explainer's timeline: a statement (with its number) or an event."""

    date: Date
    source: Source | None
    statement: Statement | None = None
    number: int = 0
    event: Event | None = None


def derive(
    settings: Settings, explainer: Explainer, actors: Mapping[str, Actor], sources: Mapping[str, Source],
    related: tuple[Explainer, ...],
) -> dict[str, Any]:
    groups: dict[str, list[tuple[int, Statement, Actor, Source]]] = {stance: [] for stance in STANCES}
    for number, statement in enumerate(explainer.statements, 1):
        groups[statement.stance].append((number, statement, actors[statement.by], sources[statement.source]))
    rows = [Row(s.date, sources[s.source], statement=s, number=n) for n, s in enumerate(explainer.statements, 1)]
    rows += [Row(e.date, sources.get(e.source or ""), event=e) for e in explainer.timeline]
    return {
        "stances": [(stance, group) for stance, group in groups.items() if group],
        "timeline": sorted(rows, key=lambda r: (r.date.sort_key(), r.statement is not None, r.number)),
        "cited": sorted(sources.values(), key=lambda s: (s.published.sort_key(), s.id)),
        "meta": {
            "description": markup.attribute(markup.plain(explainer.summary.get(settings.edition.lang) or explainer.summary.default)),
            "search": {"boost": 3},  # an explainer ranks above the actor pages that mention its place
            "claim_review": script_json(claim_review(explainer, actors, sources, settings)),
            # The page's latest date, for its sitemap <lastmod> (theme/sitemap.xml).
            "updated": max([explainer.last_updated, *(u.date for u in explainer.updates)], key=lambda d: d.first).iso,
        },
    }
