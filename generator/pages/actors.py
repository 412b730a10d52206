"""The actors page: everyone whose statements the explainers record, by affiliation."""

from __future__ import annotations

from collections.abc import Iterator

from generator import urls
from generator.link import Site
from generator.pages.base import Page


def pages(site: Site) -> Iterator[Page]:
    groups = tuple(
        (affiliation, members)
        for affiliation in site.settings.affiliations
        for members in (
            tuple((a, len(site.statements_by_actor[a.id])) for a in site.actors.values() if a.affiliation == affiliation),
        )
        if members
    )
    yield Page(urls.ACTORS, urls.ACTORS, "actors.md", {"groups": groups})
