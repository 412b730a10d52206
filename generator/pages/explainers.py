"""The explainers page: every explainer, newest update first; on a large site the latest ones and
a page per month of last update."""

from __future__ import annotations

from collections.abc import Iterator

from generator import urls
from generator.feed import by_recency
from generator.link import Site
from generator.model import Date, Explainer
from generator.pages.base import Page

PER_PAGE = 200
"""Above this many explainers, /explainers/ lists the latest ones and links a page per month of
last update that lists them all: at 10,000 explainers the single list was 1.7 MB of HTML."""


def pages(site: Site) -> Iterator[Page]:
    recent = by_recency(site.explainers.values())
    if len(recent) <= PER_PAGE:
        yield Page(urls.EXPLAINERS, urls.EXPLAINERS, "explainers.md", {"explainers": tuple(recent), "months": ()})
        return
    by_month: dict[Date, list[Explainer]] = {}
    for explainer in recent:
        updated = explainer.last_updated
        by_month.setdefault(Date(updated.year, updated.month), []).append(explainer)
    months = tuple((month, len(listed)) for month, listed in by_month.items())
    yield Page(urls.EXPLAINERS, urls.EXPLAINERS, "explainers.md", {"explainers": tuple(recent[:PER_PAGE]), "months": months})
    for month, listed in by_month.items():
        yield Page(
            urls.explainers_month(month.iso), urls.EXPLAINERS_MONTH, "explainers_month.md",
            {"month": month, "explainers": tuple(listed)},
        )
