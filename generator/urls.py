"""Every page's address, in one place: the page kinds, the templates (as `urls`), the feed, the
ClaimReview and the search index selection all take paths from here.

A path is the generated Markdown file relative to the Markdown directory (`actors/kremlin.md`);
`url` turns it into the address MkDocs publishes it at (`actors/kremlin/`, directory URLs).
A route is a path with `{placeholders}`; `glob` turns it into a pattern over the built site.
"""

from __future__ import annotations

import re

HOME = "index.md"
EXPLAINER = "explainers/{id}.md"
EXPLAINER_HISTORY = "explainers/{id}/history.md"
EXPLAINERS = "explainers/index.md"
EXPLAINERS_MONTH = "explainers/updated/{month}.md"
ACTOR = "actors/{id}.md"
ACTOR_YEAR = "actors/{id}/{year}.md"
ACTORS = "actors/index.md"
SOURCES = "sources/index.md"
PUBLISHER = "sources/{id}.md"
PUBLISHER_YEAR = "sources/{id}/{year}.md"
TAGS = "tags/index.md"
TAG = "tags/{tag}.md"
DATA = "data.md"
SEARCH = "search.md"
ABOUT = "about.md"
CHANGES = "changes.md"
FEED = "feed.xml"
CHANGES_FEED = "changes.xml"
EXPORT = "data/explainers.json"
EXPORT_SCHEMA = "data/explainers.schema.json"
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"


def explainer(id: str) -> str:
    return EXPLAINER.format(id=id)


def explainer_history(id: str) -> str:
    return EXPLAINER_HISTORY.format(id=id)


def explainers_month(month: str) -> str:
    return EXPLAINERS_MONTH.format(month=month)


def actor(id: str) -> str:
    return ACTOR.format(id=id)


def actor_year(id: str, year: int | str) -> str:
    return ACTOR_YEAR.format(id=id, year=year)


def publisher(id: str) -> str:
    return PUBLISHER.format(id=id)


def publisher_year(id: str, year: int | str) -> str:
    return PUBLISHER_YEAR.format(id=id, year=year)


def tag(tag: str) -> str:
    return TAG.format(tag=tag)


def url(path: str) -> str:
    """The address a generated file is published at, relative to the site's root."""
    if not path.endswith(".md"):
        return path
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def absolute(site_url: str, path: str) -> str:
    return site_url + url(path)


def glob(route: str) -> str:
    """The built pages of a route, as a pattern over the built site (for the search index)."""
    return re.sub(r"\{[^}]*\}", "*", url(route)) + "index.html"
