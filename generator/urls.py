"""Every page's address, in one place: the page kinds, the templates (as `urls`), the feed, the
ClaimReview and the search index selection all take paths from here.

A path is the generated Markdown file relative to the Markdown directory
(`actors/kremlin/index.md`); `url` turns it into the address it is published at (`actors/kremlin/`,
directory URLs). Every generated page is an `index.md` in the folder of its address, so that a
relative link in the page's HTML means the same whether a renderer reads it from the page's file
(Zensical) or from its address (MkDocs).
A route is a path with `{placeholders}`; `glob` turns it into a pattern over the built site.
"""

from __future__ import annotations

import re

HOME = "index.md"
EXPLAINER = "explainers/{id}/index.md"
EXPLAINER_HISTORY = "explainers/{id}/history/index.md"
EXPLAINERS = "explainers/index.md"
EXPLAINERS_MONTH = "explainers/updated/{month}/index.md"
ACTOR = "actors/{id}/index.md"
ACTOR_YEAR = "actors/{id}/{year}/index.md"
ACTORS = "actors/index.md"
SOURCES = "sources/index.md"
PUBLISHER = "sources/{id}/index.md"
PUBLISHER_YEAR = "sources/{id}/{year}/index.md"
TAGS = "tags/index.md"
TAG = "tags/{tag}/index.md"
DATA = "data/index.md"
SEARCH = "search/index.md"
ABOUT = "about.md"
CHANGES = "changes/index.md"
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


def relative(path: str, page: str) -> str:
    """The address of `path` relative to the page at `page`, as short as it gets
    (`../other/` from one explainer to another)."""
    target = url(path)
    to = [part for part in target.split("/") if part]
    here = [part for part in url(page).split("/") if part]  # a page's address is a folder
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    found = "/".join([".."] * (len(here) - common) + to[common:]) or "."  # posixpath.relpath, without its os.getcwd()
    if found == ".":
        return "./"
    return found + "/" if target.endswith("/") or not target else found


def absolute(site_url: str, path: str) -> str:
    return site_url + url(path)


def glob(route: str) -> str:
    """The built pages of a route, as a pattern over the built site (for the search index)."""
    return re.sub(r"\{[^}]*\}", "*", url(route)) + "index.html"
