"""The page kinds: one module each, each a `pages(site)` function yielding the pages it makes.

Adding a kind of page is a module here, a template in theme/markdown/, a route in `urls` and,
if readers should find it from the navigation, a line in site_config.yml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from generator.link import Site
from generator.pages import actor, actors, explainer, explainers, history, home, sources, static, tags
from generator.pages.base import Page

KINDS: tuple[Callable[[Site], Iterable[Page]], ...] = (
    home.pages, explainers.pages, explainer.pages, history.pages, actors.pages, actor.pages, sources.pages, tags.pages,
    static.pages,
)


def every_page(site: Site) -> Iterator[Page]:
    for kind in KINDS:
        yield from kind(site)


__all__ = ["KINDS", "Page", "every_page"]
