"""The Atom feed: one entry per explainer, newest update first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


def feed(entries: tuple[Entry, ...], settings: Settings) -> bytes:
    """The feed of an edition's `entries` (newest first), its status labels in the edition's language."""
    _ = translations(settings.edition.interface).gettext
    ElementTree.register_namespace("", ATOM)

    def sub(parent: ElementTree.Element, tag: str, text: str | None = None, **attrs: str) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    root = ElementTree.Element(f"{{{ATOM}}}feed")
    root.set("{http://www.w3.org/XML/1998/namespace}lang", settings.edition.lang)
    sub(root, "title", settings.site_name)
    sub(root, "id", settings.edition_url)
    sub(root, "link", href=urls.absolute(settings.edition_url, urls.FEED), rel="self")
    sub(root, "link", href=settings.edition_url)
    sub(root, "updated", _stamp(entries[0].updated) if entries else "1970-01-01T00:00:00Z")
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
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="utf-8") + b"\n"
