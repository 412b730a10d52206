"""Editions: the same records for the readers of each language the site is published in.

An explainer is in an edition when its question, claim and summary are written in that
edition's language; the edition's listings, actor and source pages, tags, feed and data follow
from the explainers it has. `edition_site` makes that edition's `Site`, over which the page
kinds run unchanged; `check` reports explainers translated in part.
"""

from __future__ import annotations

import copy
import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, warning
from generator.i18n import translations
from generator.link import Citation, Site
from generator.model import N_, Edition, Explainer, Localized, Settings, Where

REQUIRED = ("question", "claim", "summary")
"""What an explainer needs in a language to be published in that language's edition."""


def published_in(explainer: Explainer, lang: str) -> bool:
    return all(getattr(explainer, name).get(lang) is not None for name in REQUIRED)


def edition_site(site: Site, edition: Edition) -> Site:
    """The site as one edition publishes it (the first edition publishes every record)."""
    settings = dataclasses.replace(site.settings, edition=edition)
    if edition == site.settings.editions[0]:
        return dataclasses.replace(site, settings=settings)
    explainers = {id: e for id, e in site.explainers.items() if published_in(e, edition.lang)}

    def kept(citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        return tuple(c for c in citations if c.explainer.id in explainers)

    sources = {
        id for e in explainers.values() for id in (*(s.source for s in e.statements), *(t.source for t in e.timeline if t.source))
    }
    actors = {s.by for e in explainers.values() for s in e.statements} | {site.sources[id].publisher for id in sources}
    by_tag = {tag: tuple(e for e in tagged if e.id in explainers) for tag, tagged in site.explainers_by_tag.items()}
    return dataclasses.replace(
        site,
        settings=settings,
        explainers=MappingProxyType(explainers),
        actors=MappingProxyType({id: a for id, a in site.actors.items() if id in actors}),
        sources=MappingProxyType({id: s for id, s in site.sources.items() if id in sources}),
        statements_by_actor=MappingProxyType({id: kept(c) for id, c in site.statements_by_actor.items() if id in actors}),
        citations_by_source=MappingProxyType({id: kept(c) for id, c in site.citations_by_source.items() if id in sources}),
        explainers_by_tag=MappingProxyType({tag: tagged for tag, tagged in by_tag.items() if tagged}),
    )


def _texts(value: Any, path: str, where: Where) -> Iterator[tuple[str, Localized, Any]]:
    """Every Localized value in a record, with its field path and where it was written."""
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        if isinstance(item, Localized):
            yield f"{path}{field.name}", item, where[field.name] if field.name in where else where[""]
        elif dataclasses.is_dataclass(item):
            yield from _texts(item, f"{path}{field.name}.", getattr(item, "where", where))
        elif isinstance(item, tuple):
            for i, element in enumerate(item, 1):
                if dataclasses.is_dataclass(element):
                    yield from _texts(element, f"{path}{field.name}[{i}].", getattr(element, "where", where))


def check(site: Site) -> list[Diagnostic]:
    """Explainers translated in part: a warning that names what is missing. (Text in a language
    that is no edition's is refused by `validate`.)"""
    editions = [e.lang for e in site.settings.editions]
    diagnostics: list[Diagnostic] = []
    for explainer in site.explainers.values():
        translated = {lang for name in REQUIRED for lang, _ in getattr(explainer, name).values} & set(editions[1:])
        if not translated:
            continue  # in the first edition only, deliberately: nothing to walk
        texts = list(_texts(explainer, "", explainer.where))
        for lang in editions[1:]:
            given = [name for name in REQUIRED if getattr(explainer, name).get(lang) is not None]
            if not given:
                continue  # not in that edition, deliberately
            loc = explainer.where["question"]
            if len(given) < len(REQUIRED):
                missing = ", ".join(name for name in REQUIRED if name not in given)
                diagnostics.append(warning(loc, f"explainer '{explainer.id}' is not published in the '{lang}' edition:"
                                                f" it has no '{lang}' text for {missing}", "edition-missing-text"))
                continue
            untranslated = [path for path, text, _ in texts if text.get(lang) is None and not path.endswith("translation")]
            if untranslated:
                diagnostics.append(warning(loc, f"explainer '{explainer.id}' is published in the '{lang}' edition with"
                                                f" text not yet translated: {', '.join(untranslated)}", "edition-untranslated"))
    return diagnostics


CONFIG_LABELS = (
    N_("Home"), N_("Search"), N_("Explainers"), N_("Actors"), N_("Sources"), N_("Tags"), N_("Changes"), N_("Data"), N_("About"),
    N_("Editor's guide"), N_("Switch to dark mode"), N_("Switch to light mode"), N_("Permanent link"),
    N_("404 – page not found"), N_("Made with"),
)
"""The labels site_config.yml gives (navigation, palette toggles), the headings' permalink title,
the 404 page's heading and the footer's words (Material writes them in English), for the
catalogs: each edition's configuration has them translated."""

def config_path(config: Path, edition: Edition) -> Path:
    """An edition's renderer configuration: beside site_config.yml (Zensical wants its site_dir
    within the configuration's folder), hidden, and ignored by git."""
    return config.parent / f".{config.stem}.{edition.lang}.yml"


def renderer_configs(config: Path, settings: Settings, docs: Path) -> dict[Path, bytes]:
    """Each edition's renderer configuration: site_config.yml with the edition's Markdown folder,
    address, interface language, navigation and site folder, and its language selector. The
    first edition leaves the other editions' folders out."""
    base = yaml.safe_load(config.read_text(encoding="utf-8"))  # checked already by `config.read_settings`
    made = {}
    for edition in settings.editions:
        translate = translations(edition.interface).gettext
        data = copy.deepcopy(base)
        # Relative to the configuration's folder (Zensical wants both within it, and no "site/").
        data["docs_dir"] = os.path.relpath(docs / edition.prefix, config.parent.resolve())
        data["site_dir"] = f"site/{edition.prefix}".rstrip("/")  # for Zensical, which has no -d
        data["site_url"] = settings.site_url + edition.prefix
        theme = data.setdefault("theme", {})
        theme["language"] = edition.interface
        if edition.description:
            data["site_description"] = edition.description
        data["nav"] = [{translate(label): page} for entry in data.get("nav", []) for label, page in entry.items()]
        for palette in theme.get("palette", []):
            if "toggle" in palette:
                palette["toggle"]["name"] = translate(palette["toggle"]["name"])
        if edition.prefix == "":
            data["exclude_docs"] = "".join(f"/{other.prefix}\n" for other in settings.editions[1:])
        # The root of the whole site from the edition's (where the search index is, for every edition).
        data.setdefault("extra", {})["site_root"] = "../" * edition.prefix.count("/")
        data["extra"]["changes_title"] = translate("Changes")  # the feed of changes, as theme/main.html names it
        data["extra"]["not_found"] = translate("404 – page not found")  # theme/404.html
        data["extra"]["made_with"] = translate("Made with")  # theme/partials/copyright.html
        for extension in data.get("markdown_extensions", []):
            if isinstance(extension, dict) and isinstance(extension.get("toc"), dict):
                extension["toc"]["permalink_title"] = translate("Permanent link")
        if len(settings.editions) > 1:
            # Truthy, so Material's header shows the language selector (theme/partials/alternate.html,
            # which links each page's own alternates); not a list, so base.html adds no hreflang
            # links of its own to the editions' front pages (theme/main.html adds each page's).
            data.setdefault("extra", {})["alternate"] = True
        made[config_path(config, edition)] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    return made
