"""What a page kind makes: a page, as a path, a template and everything the template may read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One generated page.

    The page is a function of its `context` alone: the template sees nothing else (besides the
    site's settings and the generator's own code), and `derive`, a module-level function of the
    context, computes what is costly to compute only when the page is rendered. So the context
    is the page's cache key (records by their files' digests): what a template reads is in the
    key by construction, and no key is kept in step with a template by hand.
    """

    path: str  # the Markdown file, from `urls`
    route: str  # the `urls` route it is an instance of
    template: str  # in theme/markdown/
    context: Mapping[str, Any] = field(default_factory=dict)
    derive: Callable[..., Mapping[str, Any]] | None = None  # its result's `meta` is the page's front matter
    searched: bool = False  # in the search index
    lang: str | None = None  # the language of its text where the edition has no translation of it (then not searched)
    alternates: tuple[Mapping[str, Any], ...] = ()  # the page in every edition (set by `render.plan`)
