"""The tags page and a page per tag listing its explainers, newest update first."""

from __future__ import annotations

from collections.abc import Iterator

from generator import urls
from generator.feed import by_recency
from generator.link import Site
from generator.pages.base import Page


def pages(site: Site) -> Iterator[Page]:
    tags = tuple((tag, len(tagged)) for tag, tagged in site.explainers_by_tag.items())
    yield Page(urls.TAGS, urls.TAGS, "tags.md", {"tags": tags})
    for tag, tagged in site.explainers_by_tag.items():
        yield Page(urls.tag(tag), urls.TAG, "tag.md", {"tag": tag, "explainers": tuple(by_recency(tagged))})
