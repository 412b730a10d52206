"""The sources: every document a statement or event is taken from, with what cites it.

A small site has them all on /sources/. Above PER_PAGE sources, /sources/ lists the publishers
and each publisher's sources get a page; a publisher with more than PER_PAGE gets a page per
year of publication.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from generator import urls
from generator.link import Site
from generator.model import Actor, Source
from generator.pages.base import Page

PER_PAGE = 200
"""At 10,000 explainers the single page was 24 MB of HTML."""


def rows(site: Site, sources: Iterable[Source]) -> tuple:
    """Each source with its publisher and what cites it (each citation with its actor)."""
    return tuple(
        (s, site.actors[s.publisher], tuple((c, site.actors[c.statement.by]) for c in site.citations_by_source[s.id]))
        for s in sources
    )


def pages(site: Site) -> Iterator[Page]:
    everything = list(site.sources.values())
    if len(everything) <= PER_PAGE:
        yield Page(urls.SOURCES, urls.SOURCES, "sources.md", {"rows": rows(site, everything), "publisher": None, "year": None})
        return
    by_publisher: dict[str, list[Source]] = {}
    for source in everything:
        by_publisher.setdefault(source.publisher, []).append(source)
    publishers = sorted(
        ((site.actors[id], len(published)) for id, published in by_publisher.items()),
        key=lambda pair: (pair[0].name.default.casefold(), pair[0].id),
    )
    yield Page(urls.SOURCES, urls.SOURCES, "publishers.md", {"publishers": tuple(publishers), "total": len(everything)})
    for id, published in by_publisher.items():
        yield from publisher_pages(site, site.actors[id], published)


def publisher_pages(site: Site, publisher: Actor, published: list[Source]) -> Iterator[Page]:
    path = urls.publisher(publisher.id)
    if len(published) <= PER_PAGE:
        yield Page(path, urls.PUBLISHER, "sources.md", {"rows": rows(site, published), "publisher": publisher, "year": None})
        return
    by_year: dict[int, list[Source]] = {}
    for source in published:
        by_year.setdefault(source.published.year, []).append(source)
    years = tuple((year, len(by_year[year])) for year in sorted(by_year, reverse=True))
    yield Page(path, urls.PUBLISHER, "publisher_years.md", {"publisher": publisher, "years": years})
    for year, then in by_year.items():
        yield Page(
            urls.publisher_year(publisher.id, year), urls.PUBLISHER_YEAR, "sources.md",
            {"rows": rows(site, then), "publisher": publisher, "year": year},
        )
