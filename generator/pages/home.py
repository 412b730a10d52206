"""The front page: the explainers by status, the latest few of each."""

from __future__ import annotations

from collections.abc import Iterator

from generator import urls
from generator.feed import by_recency
from generator.link import Site
from generator.model import STATUSES
from generator.pages.base import Page

LATEST = 10
"""Explainers the front page lists per status, most recently updated first: it stays a page a
phone loads quickly (at 10,000 explainers the full list was 1.6 MB of HTML); the rest are on
the explainers page."""


def pages(site: Site) -> Iterator[Page]:
    recent = by_recency(site.explainers.values())
    groups = tuple(
        (status, len(group), tuple(group[:LATEST]))
        for status in STATUSES
        for group in ([e for e in recent if e.status == status],)
    )
    yield Page(urls.HOME, urls.HOME, "home.md", {"groups": groups})
