"""The actors page: everyone whose statements the explainers record, by affiliation."""

from __future__ import annotations

from collections.abc import Iterator

from generator import urls
from generator.i18n import Interface, sort_key
from generator.link import Site
from generator.model import Actor
from generator.pages.base import Page


def pages(site: Site) -> Iterator[Page]:
    lang = site.settings.edition.lang

    def shown(actor: Actor) -> tuple:  # by the name the edition shows
        return sort_key(Interface(site.settings).pick(actor.name)[0], lang)

    groups = tuple(
        (affiliation, members)
        for affiliation in site.settings.affiliations
        for members in (
            tuple((a, len(site.statements_by_actor[a.id])) for a in sorted(site.actors.values(), key=shown) if a.affiliation == affiliation),
        )
        if members
    )
    yield Page(urls.ACTORS, urls.ACTORS, "actors.md", {"groups": groups})
