"""An actor's page: who they are, their track record and every statement they made; above
STATEMENTS_PER_PAGE statements, the statements are on a page per year."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator import urls
from generator.link import Citation, Site
from generator.model import Actor, Settings
from generator.pages.base import Page
from generator.trackrecord import track_record

STATEMENTS_PER_PAGE = 200
"""At 10,000 explainers the most active actor's page, with 1,500 statements, was 3.8 MB of HTML."""


def pages(site: Site) -> Iterator[Page]:
    for actor in site.actors.values():
        citations = site.statements_by_actor[actor.id]
        path = urls.actor(actor.id)
        # The language of each cited source: a quote is in it unless the statement says otherwise.
        languages = {c.statement.source: site.sources[c.statement.source].language for c in citations if c.statement.source in site.sources}
        if len(citations) <= STATEMENTS_PER_PAGE:
            yield Page(path, urls.ACTOR, "actor.md", {"actor": actor, "citations": citations, "years": (), "languages": languages}, derive, True)
            continue
        by_year: dict[int, list[Citation]] = {}
        for citation in citations:
            by_year.setdefault(citation.statement.date.year, []).append(citation)
        years = tuple((year, len(by_year[year])) for year in sorted(by_year, reverse=True))
        yield Page(path, urls.ACTOR, "actor.md", {"actor": actor, "citations": citations, "years": years, "languages": languages}, derive, True)
        for year, then in by_year.items():
            yield Page(
                urls.actor_year(actor.id, year), urls.ACTOR_YEAR, "actor_year.md",
                {"actor": actor, "year": year, "citations": tuple(then), "languages": languages}, derive_year,
            )


def by_explainer(citations: tuple[Citation, ...]) -> dict[str, list[Citation]]:
    groups: dict[str, list[Citation]] = {}
    for citation in citations:
        groups.setdefault(citation.explainer.id, []).append(citation)
    return groups


def derive(settings: Settings, actor: Actor, citations: tuple[Citation, ...], years: tuple, languages: Any) -> dict[str, Any]:
    return {"groups": {} if years else by_explainer(citations), "record": track_record(citations)}


def derive_year(settings: Settings, actor: Actor, year: int, citations: tuple[Citation, ...], languages: Any) -> dict[str, Any]:
    return {"groups": by_explainer(citations)}
