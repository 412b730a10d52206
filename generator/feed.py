"""The Atom feed: one entry per explainer, newest update first."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from generator import markup, urls
from generator.i18n import translations
from generator.model import STATUS_LABELS, Date, Explainer, Settings

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    """What the feed shows of an explainer (and all it may show: the cache keys the feed on these)."""

    id: str
    question: str
    status: str
    published: Date
    updated: Date
    summary: str

    @staticmethod
    def of(explainer: Explainer, lang: str) -> Entry:
        """The entry in an edition's language (the explainer is in that edition: it has these texts)."""
        return Entry(
            explainer.id, explainer.question.get(lang) or explainer.question.default, explainer.status, explainer.published,
            explainer.last_updated, explainer.summary.get(lang) or explainer.summary.default,
        )


def by_recency(explainers: Iterable[Explainer]) -> list[Explainer]:
    return sorted(explainers, key=lambda e: (e.last_updated.sort_key(), e.id), reverse=True)


def _stamp(date: Date) -> str:
    return f"{date.last.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class Change:
    """What the feed of changes shows of one version of an explainer."""

    id: str
    question: str
    commit: str
    date: datetime.date
    changes: int
    problem: str | None = None  # why the version did not pass the checks


def changes_feed(entries: tuple[Change, ...], settings: Settings) -> bytes:
    """The feed of an edition's changes (newest first), each linking the explainer's history."""
    ui = translations(settings.edition.interface)
    ngettext = ui.ngettext
    root, sub = _root(settings, urls.CHANGES_FEED, entries[0].date.isoformat() + "T00:00:00Z" if entries else None,
                      title=f"{settings.site_name}: {ui.gettext('Changes')}")  # as the pages' feed link names it
    for entry in entries:
        url = urls.absolute(settings.edition_url, urls.explainer_history(entry.id)) + f"#v-{entry.commit[:10]}"
        element = sub(root, "entry")
        sub(element, "title", entry.question)
        sub(element, "id", url)
        sub(element, "link", href=url)
        sub(element, "updated", entry.date.isoformat() + "T00:00:00Z")
        sub(sub(element, "author"), "name", settings.site_name)
        if entry.problem:
            summary = f"{ui.gettext('This version did not pass the checks and was not published as it was:')} {entry.problem}"
        else:
            summary = ngettext("%(num)d change", "%(num)d changes", entry.changes) % {"num": entry.changes}
        sub(element, "summary", summary)
    return _bytes(root)


def _root(settings: Settings, path: str, updated: str | None, id: str | None = None, title: str | None = None) -> tuple[ElementTree.Element, Any]:
    """An edition's feed element, with its title, addresses and date, and a maker of its children."""
    ElementTree.register_namespace("", ATOM)

    def sub(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    root = ElementTree.Element(f"{{{ATOM}}}feed")
    root.set("{http://www.w3.org/XML/1998/namespace}lang", settings.edition.lang)
    sub(root, "title", title or settings.site_name)
    sub(root, "id", id or urls.absolute(settings.edition_url, path))
    sub(root, "link", href=urls.absolute(settings.edition_url, path), rel="self")
    sub(root, "link", href=settings.edition_url)
    sub(root, "updated", updated or "1970-01-01T00:00:00Z")
    return root, sub


def _bytes(root: ElementTree.Element) -> bytes:
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="utf-8") + b"\n"


def feed(entries: tuple[Entry, ...], settings: Settings) -> bytes:
    """The feed of an edition's `entries` (newest first), its status labels in the edition's language."""
    _ = translations(settings.edition.interface).gettext
    root, sub = _root(settings, urls.FEED, _stamp(entries[0].updated) if entries else None, settings.edition_url)
    for entry in entries:
        url = urls.absolute(settings.edition_url, urls.explainer(entry.id))
        element = sub(root, "entry")
        sub(element, "title", entry.question)
        sub(element, "id", url)
        sub(element, "link", href=url)
        sub(element, "published", _stamp(entry.published))
        sub(element, "updated", _stamp(entry.updated))
        sub(sub(element, "author"), "name", settings.site_name)
        sub(element, "category", term=entry.status, label=_(STATUS_LABELS[entry.status]))
        sub(element, "summary", markup.prose(entry.summary), type="html")
    return _bytes(root)
