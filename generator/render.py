"""Stage 4: turn the linked site into files: for every edition, the pages of every page kind, the
feeds of explainers and of changes, the data export and its schema; and robots.txt.

`plan` does no rendering: it returns every file as bytes, a job that makes them, or None where
the cache vouches for the file already written. A page is rendered from its template in
`theme/markdown/` and its context alone (see `pages.Page`), with an escape-by-default rule: every
value a template prints goes through `markup.text` unless a helper here marked it as already
safe (rendered prose, links it built).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import io
import json
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator import markup, urls
from generator.cache import Cache, fingerprint, key
from generator.chart import chart
from generator.editions import edition_site
from generator.export import export
from generator.feed import Change as ChangeEntry
from generator.feed import Entry, by_recency, changes_feed, feed
from generator.i18n import Formats, Interface
from generator.jsonschema import export_schemas
from generator.link import Citation, Site
from generator.load import ID_PATTERN
from generator.model import (
    ACTOR_KIND_LABELS,
    SOURCE_KIND_LABELS,
    STANCE_LABELS,
    STANCE_POSITIONS,
    STANCE_VERBS,
    STANCES,
    STATUS_LABELS,
    STATUSES,
    Actor,
    Edition,
    Explainer,
    Settings,
    Source,
)
from generator.pages import Page, every_page
from generator.pages.history import shown

THEME = Path(__file__).resolve().parent.parent / "theme"


def _finalize(value: Any) -> str:
    """Every value a template prints: Markup (built by a helper here) as it is, the rest escaped."""
    if type(value) is str:
        return markup.text(value)
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return markup.text(str(value))


def external(url: str | None, label: str) -> Markup:
    """A link to another site (validated http(s) URL), with escaped text."""
    if not url:
        return Markup(markup.text(label))
    return Markup(f'<a href="{markup.attribute(url)}">{markup.text(label)}</a>')


def anchor(value: str) -> Markup:
    """An id for a heading's `{ #id }`: ids are validated slugs, printed as they are (a character
    reference there would make the table of contents link to Python-Markdown's placeholder)."""
    if not ID_PATTERN.match(value):
        raise ValueError(f"not an id: {value!r}")
    return Markup(value)


def front_matter(**fields: Any) -> Markup:
    # Every value is a JSON string of printable ASCII, which is also a valid YAML scalar.
    lines = [f"{name}: {json.dumps(value, ensure_ascii=True)}" for name, value in fields.items()]
    return Markup("---\n" + "\n".join(lines) + "\n---\n\n")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by an earlier run, kept in the generator's cache (Jinja checks that the
    source and the Python version still match)."""

    def __init__(self, cache: Cache, theme: Path) -> None:
        self.cache = cache
        self.salt = fingerprint(theme)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.cache.get(key("template", self.salt, bucket.key, bucket.checksum))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.cache.put(key("template", self.salt, bucket.key, bucket.checksum), bucket.bytecode_to_string())


def environment(settings: Settings, theme: Path = THEME, cache: Cache | None = None) -> jinja2.Environment:
    """Templates see their page's context, these helpers and labels, the settings and the
    edition's interface (messages through `_`/`ngettext`, dates through `date`, record text through
    `local` and `prose`): nothing of the site beyond their page's context."""
    ui = Interface(settings)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme / "markdown"),
        bytecode_cache=_CompiledTemplates(cache, theme) if cache is not None else None,
        extensions=["jinja2.ext.i18n"],
        # Escaping is `_finalize`'s job alone (autoescape would escape everything a second time).
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(ui.translations, newstyle=True)  # type: ignore[attr-defined]
    # `local`: record text for the page, marked where untranslated; `text`: the same text bare, to
    # go into a message (escaped with it).
    env.filters.update(anchor=anchor, date=ui.date, day=ui.day, local=ui.local, text=lambda value: ui.pick(value)[0])
    env.globals.update(
        settings=settings,
        urls=urls,
        prose=ui.prose,
        external=external,
        front_matter=front_matter,
        chart=lambda explainer, actors: Markup(chart(explainer, actors, ui)),
        language=ui.formats.language,
        other_names=ui.other_names,
        field_name=ui.field_name,
        marked=ui.marked,
        affiliation=lambda id: ui.local(settings.affiliations[id]),
        tag_name=lambda tag: ui.local(settings.tags[tag]) if tag in settings.tags else Markup(markup.text(tag)),
        STATUS_LABELS=STATUS_LABELS,
        STATUSES=STATUSES,
        STANCES=STANCES,
        STANCE_LABELS=STANCE_LABELS,
        STANCE_VERBS=STANCE_VERBS,
        STANCE_POSITIONS=STANCE_POSITIONS,
        ACTOR_KIND_LABELS=ACTOR_KIND_LABELS,
        SOURCE_KIND_LABELS=SOURCE_KIND_LABELS,
    )
    return env


def render_page(env: jinja2.Environment, page: Page, settings: Settings) -> bytes:
    """A page's Markdown: its front matter (what `derive` gives as `meta`, the other editions'
    addresses, and for a page not searched the exclusion Zensical's own search honours), then
    its template's text."""
    context = dict(page.context)
    if page.derive is not None:
        context.update(page.derive(settings, **page.context))
    meta = dict(context.get("meta", {}))
    if not page.searched:
        meta["search"] = {"exclude": True}
    if page.lang:
        meta["lang"] = page.lang
    meta["alternates"] = page.alternates
    up = "../" * urls.url(page.path).count("/")  # back to the edition's root from the page's address
    root = Markup(up + "../" * settings.edition.prefix.count("/"))  # and to the whole site's (the first edition's)
    body = env.get_template(page.template).render(context, link=lambda path: Markup(urls.relative(path, page.path)), site_root=root)
    # Templates may leave runs of blank lines; one blank line keeps every block apart.
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    return (str(front_matter(**meta)) + body.strip() + "\n").encode()


def alternates(path: str, pages: dict[Edition, set[str]], settings: Settings) -> tuple[dict[str, Any], ...]:
    """The page in every edition: its address there (`same`), or that edition's front page where
    the edition has no such page (the first entry, x-default, is the first edition's); `href` in
    full, `link` from this page (so that the language selector works wherever the site is served)."""
    here = settings.edition.prefix + urls.url(path)
    found: list[dict[str, Any]] = []
    for edition in settings.editions:
        same = path in pages[edition]
        there = edition.prefix + urls.url(path if same else urls.HOME)
        found.append({"lang": edition.lang, "name": Formats.own_name(edition.lang), "same": same,
                      "href": settings.site_url + there, "link": "../" * here.count("/") + there or "./"})
    return ({**found[0], "lang": "x-default"}, *found)


_KINDS = {Explainer: "explainer", Actor: "actor", Source: "source"}


class _KeyPickler(pickle.Pickler):
    """Pickles a page's context with each record (and each citation of one) replaced by its
    file's digest: equal keys, equal pages, without pickling the records themselves."""

    def __init__(self, file: io.BytesIO, digests: Any) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True  # no memo: the bytes depend on the values only
        self.digests = digests

    def persistent_id(self, obj: Any) -> Any:
        kind = _KINDS.get(type(obj))
        if kind is not None:
            digest = self.digests.get((kind, obj.id))
            return None if digest is None else (kind, obj.id, digest)
        if type(obj) is Citation:
            explainer = self.persistent_id(obj.explainer)
            return None if explainer is None else (explainer, obj.number)
        return None


def page_key(salt: Any, page: Page, digests: Any) -> str:
    buffer = io.BytesIO()
    _KeyPickler(buffer, digests).dump((salt, page.path, page.template, page.derive, page.searched, page.alternates, page.context))
    return hashlib.sha256(buffer.getvalue()).hexdigest()


Job = Callable[[], bytes]


@dataclass(frozen=True)
class Plan:
    """Every generated file, by path relative to the Markdown directory, before the work is done:
    bytes, a job that makes them (pages are independent of each other, so any process can run
    it), or None for a page whose file the cache vouches for. `whole_site` makes the files that
    read every record (feed and data), in the process that holds the cache. `searched` are the
    patterns of the built pages the search index covers."""

    files: dict[str, bytes | Job | None]
    whole_site: Callable[[], dict[str, bytes | None]]
    searched: tuple[str, ...]


def robots(settings: Settings) -> bytes:
    """Everything may be crawled; each edition's sitemap is named."""
    sitemaps = "".join(f"Sitemap: {urls.absolute(settings.site_url + e.prefix, urls.SITEMAP)}\n" for e in settings.editions)
    return f"User-agent: *\nDisallow:\n\n{sitemaps}".encode()


def plan(site: Site, cache: Cache, theme: Path | None = None) -> Plan:
    """What the site is made of (see `Plan`), every edition's files under its prefix. A page
    whose key (its template, path and context, records by their files' digests; the generator's
    code and templates; the settings) is the one an earlier run wrote its file under is not
    rendered again."""
    theme = theme or THEME
    code = fingerprint(theme)
    editions = {edition: edition_site(site, edition) for edition in site.settings.editions}
    pages = {edition: list(every_page(each)) for edition, each in editions.items()}
    # A page in another language than its edition's (a fallback) is no translation to point to.
    paths = {edition: {page.path for page in made if not page.lang} for edition, made in pages.items()}
    files: dict[str, bytes | Job | None] = {urls.ROBOTS: robots(site.settings)}
    searched: set[str] = set()
    for edition, each in editions.items():
        settings = each.settings
        env = environment(settings, theme, cache)
        salt = (code, repr(settings))
        for page in pages[edition]:
            page = dataclasses.replace(page, alternates=alternates(page.path, paths, settings))
            path = edition.prefix + page.path
            if page.searched:
                searched.add(edition.prefix + urls.glob(page.route))
            name = page_key(salt, page, site.digests)
            if cache.page(name, path):
                files[path] = None
                continue
            cache.put_page(name, path)
            files[path] = functools.partial(render_page, env, page, settings)
        files[edition.prefix + urls.CHANGES_FEED] = changes_feed(changed(each, edition), settings)
        for name, text in export_schemas(settings).items():
            files[edition.prefix + urls.EXPORT_SCHEMA.replace("explainers.schema.json", name)] = text.encode()

    def whole_site() -> dict[str, bytes | None]:
        made: dict[str, bytes | None] = {}
        for edition, each in editions.items():
            made[edition.prefix + urls.EXPORT] = export(each, cache, code)
            entries = tuple(Entry.of(e, edition.lang) for e in by_recency(each.explainers.values()))
            path = edition.prefix + urls.FEED
            name = key("page", code, repr(each.settings), path, entries)
            if cache.page(name, path):
                made[path] = None
                continue
            cache.put_page(name, path)
            made[path] = feed(entries, each.settings)
        return made

    return Plan(files, whole_site, tuple(sorted(searched)))


CHANGES_IN_FEED = 100


def changed(site: Site, edition: Edition) -> tuple[ChangeEntry, ...]:
    """The latest changes of an edition's explainers, for its feed of changes."""
    found = site.history.changes if site.history else ()
    return tuple(
        ChangeEntry(c.explainer, site.explainers[c.explainer].question.get(edition.lang) or "", c.version.commit,
                    c.version.date, lines(c.version.changes, site.settings), c.version.problem and c.version.problem.message)
        for c in found if c.explainer in site.explainers
    )[:CHANGES_IN_FEED]


def lines(changes: tuple[Any, ...], settings: Settings) -> int:
    """How many lines the edition's pages show for a version's changes."""
    kept, elsewhere = shown(changes, settings)
    return len(kept) + elsewhere


def source_epoch(site: Site) -> int:
    """SOURCE_DATE_EPOCH from the content: the end of the latest day any record mentions."""
    dates = [e.last_updated for e in site.explainers.values()]
    dates += [u.date for e in site.explainers.values() for u in e.updates]
    latest = max((d.first for d in dates), default=datetime.date(1970, 1, 1))
    return int(datetime.datetime(latest.year, latest.month, latest.day, tzinfo=datetime.UTC).timestamp())
