"""Pages that show no record: the data page, the search page and the hand-written pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from markupsafe import Markup

from generator import schema, urls
from generator.link import Site
from generator.model import Settings
from generator.pages.base import Page


def pages(site: Site) -> Iterator[Page]:
    yield Page(urls.DATA, urls.DATA, "data.md", derive=derive_data)
    yield Page(urls.SEARCH, urls.SEARCH, "search.md")
    edition = site.settings.edition
    for name, body in site.pages.items():
        if "/" in name:
            continue  # a translation (content/pages/<lang>/<name>.md), published in its edition
        translated = site.pages.get(f"{edition.lang}/{name}") if edition.prefix else body
        text = (translated or body).decode()
        yield Page(name, name, "page.md", {"body": Markup(text), "untranslated": translated is None}, searched=translated is not None,
                   lang=None if translated is not None else site.settings.default_language)


def derive_data(settings: Settings) -> dict[str, Any]:
    """The export's structure, from the format's declaration: each kind's key and its fields."""
    return {"kinds": tuple((kind.folder, kind.record.name, ("id", *kind.record.names)) for kind in schema.KINDS)}
