"""Stage 4: turn the linked site into files: Markdown pages, the Atom feed and the data export.

`render` is pure: it returns a mapping of relative path to bytes and writes nothing. The
Markdown comes from Jinja templates in `theme/markdown/`, rendered with an escape-by-default
rule: every value a template prints goes through `markup.text` unless a helper here marked it
as already safe (rendered prose, links it built).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable
from xml.etree import ElementTree

import jinja2
from markupsafe import Markup

from generator import markup
from generator.cache import Cache, fingerprint, key
from generator.chart import chart
from generator.jsonschema import export_schemas
from generator.load import ID_PATTERN
from generator.parallel import map_items
from generator.link import Citation, Site
from generator.model import RATING, STANCES, STATUS_LABELS, STATUSES, Actor, Date, Event, Explainer, Localized, Source, Statement

THEME = Path(__file__).resolve().parent.parent / "theme"
STANCE_LABELS = {
    "supports": "Supports the claim",
    "disputes": "Disputes the claim",
    "qualifies": "Qualifies the claim",
    "reports": "Reports the claim",
}


def _finalize(value: Any) -> str:
    """Every value a template prints: Markup (built by a helper here) as it is, the rest escaped."""
    if type(value) is str:
        return markup.text(value)
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value.__html__()
    return markup.text(str(value))


def prose(value: Localized | None) -> Markup:
    return Markup(markup.prose(value.default)) if value else Markup("")


def external(url: str | None, label: str) -> Markup:
    """A link to another site (validated http(s) URL), with escaped text."""
    if not url:
        return Markup(markup.text(label))
    return Markup(f'<a href="{markup.attribute(url)}">{markup.text(label)}</a>')


def anchor(id: str) -> Markup:
    """A heading's `{ #id }` from a record id or configuration key (a checked slug), printed as it is:
    escaped, its `-` would be `&#45;` and Python-Markdown's toc would link to a placeholder."""
    if not ID_PATTERN.match(id):
        raise ValueError(f"not an id: {id!r}")
    return Markup(id)


def page_of(kind: str, id: str) -> str:
    return f"{kind}/{id}.md"


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


def environment(theme: Path = THEME, cache: Cache | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme / "markdown"),
        bytecode_cache=_CompiledTemplates(cache, theme) if cache is not None else None,
        # Escaping is `_finalize`'s job alone (autoescape would escape everything a second time).
        autoescape=False,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        prose=prose,
        external=external,
        anchor=anchor,
        page_of=page_of,
        STATUS_LABELS=STATUS_LABELS,
        STATUSES=STATUSES,
        STANCES=STANCES,
        STANCE_LABELS=STANCE_LABELS,
    )
    return env


def claim_review(explainer: Explainer, site: Site) -> dict:
    """schema.org ClaimReview for an explainer, mapped as in record-format.md."""
    url = f"{site.settings.site_url}explainers/{explainer.id}/"
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": STATUS_LABELS[explainer.status]}
    if explainer.status in RATING:
        rating.update(ratingValue=RATING[explainer.status], bestRating=5, worstRating=1)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": explainer.claim.default,
        "datePublished": explainer.published.iso,
        "dateModified": explainer.last_updated.iso,
        "author": {"@type": "Organization", "name": site.settings.site_name, "url": site.settings.site_url},
        "reviewRating": rating,
    }
    supporting = sorted(
        (s for s in explainer.statements if s.stance == "supports"), key=lambda s: s.date.sort_key()
    )
    if supporting:
        first = supporting[0]
        actor = site.actors[first.by]
        source = site.sources[first.source]
        claim: dict[str, Any] = {
            "@type": "Claim",
            "author": {"@type": "Organization" if actor.kind != "person" else "Person", "name": actor.name.default},
            "datePublished": first.date.iso,
            "appearance": {"@type": "CreativeWork", "headline": source.title, "datePublished": source.published.iso},
        }
        if source.url:
            claim["appearance"]["url"] = source.url
        review["itemReviewed"] = claim
    return review


def script_json(data: Any) -> str:
    """JSON that cannot end a <script> element or open a comment, whatever text it holds."""
    encoded = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def front_matter(**fields: Any) -> str:
    # Every value is a JSON string of printable ASCII, which is also a valid YAML scalar.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=True)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


@dataclass(frozen=True)
class Row:
    """One line of an explainer's timeline: a statement (with its number) or an event."""

    date: Date
    source: Source | None
    statement: Statement | None = None
    number: int = 0
    event: Event | None = None


def timeline(explainer: Explainer, site: Site) -> list[Row]:
    """Statements and events together, oldest first."""
    rows = [Row(s.date, site.sources[s.source], statement=s, number=n) for n, s in enumerate(explainer.statements, 1)]
    rows += [Row(e.date, site.sources.get(e.source or ""), event=e) for e in explainer.timeline]
    return sorted(rows, key=lambda r: (r.date.sort_key(), r.statement is not None, r.number))


def by_stance(explainer: Explainer, site: Site) -> list[tuple[str, list[tuple[int, Statement, Actor, Source]]]]:
    """The statements grouped by stance (in STANCES order, empty groups left out), each with its
    number on the page, its actor and its source."""
    groups: dict[str, list] = {stance: [] for stance in STANCES}
    for number, statement in enumerate(explainer.statements, 1):
        groups[statement.stance].append((number, statement, site.actors[statement.by], site.sources[statement.source]))
    return [(stance, group) for stance, group in groups.items() if group]


def cited_sources(explainer: Explainer, site: Site) -> list[Source]:
    ids = [s.source for s in explainer.statements] + [e.source for e in explainer.timeline if e.source]
    return sorted((site.sources[i] for i in dict.fromkeys(ids)), key=lambda s: (s.published.sort_key(), s.id))


HOME_LATEST = 10
"""Explainers the front page lists per status, most recently updated first: it stays a page a
phone loads quickly (at 10,000 explainers the full list was 1.6 MB of HTML); the rest are in
explainers/index.md."""

EXPLAINERS_PER_PAGE = 200
"""Above this many explainers, /explainers/ lists the latest ones and links a page per month of
last update (explainers/updated/<YYYY-MM>.md) that lists them all: at 10,000 explainers the
single list was 1.7 MB of HTML."""

ACTOR_STATEMENTS_PER_PAGE = 200
"""Above this many statements, an actor's page lists them by year, each year on a page of its
own (actors/<id>/<year>.md): at 10,000 explainers the most active actor's page, with 1,500
statements, was 3.8 MB of HTML."""

SOURCES_PER_PAGE = 200
"""Above this many sources, /sources/ lists the publishers and each publisher's sources get a
page of their own (sources/<publisher>.md), and a publisher with more than this many gets a page
per year of publication (sources/<publisher>/<year>.md): at 10,000 explainers the single page
was 24 MB of HTML. A small site keeps every source on one page."""

HELD = ("confirmed", "likely")
FAILED = ("unlikely", "false")


@dataclass(frozen=True)
class Position:
    """An actor's latest statement on one claim that the editors now consider settled."""

    explainer: Explainer
    citation: Citation


@dataclass(frozen=True)
class TrackRecord:
    held: tuple[Position, ...]  # claims now assessed confirmed or likely
    failed: tuple[Position, ...]  # claims now assessed unlikely or false
    unsettled: int  # claims still contested or unverified

    @staticmethod
    def count(positions: tuple[Position, ...], *stances: str) -> int:
        return sum(p.citation.statement.stance in stances for p in positions)


def track_record(citations: Iterable[Citation]) -> TrackRecord:
    latest: dict[str, Citation] = {}
    for citation in citations:  # in explainer order, then statement order
        current = latest.get(citation.explainer.id)
        if current is None or citation.statement.date.sort_key() >= current.statement.date.sort_key():
            latest[citation.explainer.id] = citation
    positions = [Position(c.explainer, c) for c in latest.values()]
    return TrackRecord(
        held=tuple(p for p in positions if p.explainer.status in HELD),
        failed=tuple(p for p in positions if p.explainer.status in FAILED),
        unsettled=sum(p.explainer.status not in HELD + FAILED for p in positions),
    )


def by_recency(explainers: Iterable[Explainer]) -> list[Explainer]:
    return sorted(explainers, key=lambda e: (e.last_updated.sort_key(), e.id), reverse=True)


def feed(site: Site) -> bytes:
    """An Atom feed with one entry per explainer, newest update first."""
    atom = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", atom)

    def sub(parent, tag, text=None, **attrs):
        element = ElementTree.SubElement(parent, f"{{{atom}}}{tag}", attrs)
        element.text = text
        return element

    def stamp(date: Date) -> str:
        return f"{date.last.isoformat()}T00:00:00Z"

    explainers = by_recency(site.explainers.values())
    root = ElementTree.Element(f"{{{atom}}}feed")
    sub(root, "title", site.settings.site_name)
    sub(root, "id", site.settings.site_url)
    sub(root, "link", href=f"{site.settings.site_url}feed.xml", rel="self")
    sub(root, "link", href=site.settings.site_url)
    sub(root, "updated", stamp(explainers[0].last_updated) if explainers else "1970-01-01T00:00:00Z")
    for explainer in explainers:
        url = f"{site.settings.site_url}explainers/{explainer.id}/"
        entry = sub(root, "entry")
        sub(entry, "title", explainer.question.default)
        sub(entry, "id", url)
        sub(entry, "link", href=url)
        sub(entry, "published", stamp(explainer.published))
        sub(entry, "updated", stamp(explainer.last_updated))
        sub(sub(entry, "author"), "name", site.settings.site_name)
        sub(entry, "category", term=explainer.status, label=STATUS_LABELS[explainer.status])
        sub(entry, "summary", markup.prose(explainer.summary.default), type="html")
    ElementTree.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="utf-8") + b"\n"


def _plain(value: Any) -> Any:
    """Records as JSON-ready data: dates as written, localized text as {lang: text}."""
    if isinstance(value, Date):
        return value.iso
    if isinstance(value, Localized):
        return dict(value.values)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            name: _plain(getattr(value, name))
            for name in value.__dataclass_fields__
            if name not in ("where", "path") and getattr(value, name) not in (None, (), False)
        }
    return value


def data(site: Site, cache: Cache | None = None) -> bytes:
    prefix = key("data", fingerprint(THEME)) if cache is not None else ""

    def encode(value: Any) -> bytes:
        # No indent: json's C encoder only runs without one (ten times faster on a large site).
        return json.dumps(value, ensure_ascii=False, sort_keys=True).encode()

    def record(kind: str, record: Any) -> bytes:
        """One record's JSON (as UTF-8: the cache loads bytes without decoding them), from the
        cache when its file is unchanged."""
        if cache is None:
            return encode(_plain(record))
        name = f"{prefix}:{kind}:{record.id}:{site.digests.get((kind, record.id), '')}"
        value = cache.get(name)
        if value is None:
            value = encode(_plain(record))
            cache.put(name, value)
        return value

    def array(kind: str, records: Iterable[Any]) -> bytes:
        return b"[" + b", ".join(record(kind, r) for r in records) + b"]"

    # What json.dumps(export, sort_keys=True) writes, assembled from the records' own JSON.
    return b"".join([
        b'{"actors": ', array("actor", site.actors.values()),
        b', "explainers": ', array("explainer", site.explainers.values()),
        b', "site": ', encode(site.settings.site_url),
        b', "sources": ', array("source", site.sources.values()), b"}\n",
    ])


Job = Callable[[], bytes]


@dataclass(frozen=True)
class Plan:
    """Every generated file, by path relative to the Markdown directory, before the work is done:
    bytes, a job that makes them (pages are independent of each other, so any process can run
    it), or None for a page whose file the cache vouches for. `whole_site` makes the files that
    read every record (feed and data), in the process that holds the cache."""

    files: dict[str, bytes | Job | None]
    whole_site: Callable[[], dict[str, bytes | None]]


def explainer_deps(explainer: Explainer, site: Site) -> list[tuple[str, str]]:
    """The records an explainer's page shows: its own, its actors, sources and their publishers
    (of the explainers it links to it shows only the questions)."""
    sources = {s.source for s in explainer.statements} | {e.source for e in explainer.timeline if e.source}
    return [
        ("explainer", explainer.id),
        *(("actor", s.by) for s in explainer.statements),
        *(("source", id) for id in sources),
        *(("actor", site.sources[id].publisher) for id in sources),
    ]


def plan(site: Site, theme: Path = THEME, cache: Cache | None = None) -> Plan:
    """What the site is made of (see `Plan`). With a cache, a page whose inputs (records by their
    files' hashes, or the fields it shows), templates and settings are unchanged since an earlier
    run is not rendered again: its value is None, which tells `write_tree` to keep the file."""
    env = environment(theme, cache)
    salt = (fingerprint(theme), repr(site.settings)) if cache is not None else None
    files: dict[str, bytes | Job | None] = {}

    def page(
        path: str, template: str, head: Callable[[], str] = str, deps: Iterable[tuple[str, str]] = (),
        view: Any = None, more: Callable[[], dict[str, Any]] = dict, **context: Any,
    ) -> None:
        """`deps` are the records the page shows (by their files' hashes); a page that shows a few
        fields of many records gives those fields as `view` instead, so that an edit elsewhere in
        those records does not render it again. `more` makes the rest of the template's context,
        only if the page is rendered (and on whichever process renders it)."""
        if cache is not None:
            name = key("page", salt, path, sorted((d, site.digests.get(d, "")) for d in set(deps)), view)
            if cache.page(name, path):
                files[path] = None
                return
            cache.put_page(name, path)

        def job() -> bytes:
            up = "../" * path.count("/")  # back to the root from the page's folder
            body = env.get_template(template).render(
                site=site, path=path, chart=lambda e: Markup(chart(e, site)), link=lambda t: Markup(up + t), **context,
                **more(),
            )
            # Templates may leave runs of blank lines; one blank line keeps every block apart.
            while "\n\n\n" in body:
                body = body.replace("\n\n\n", "\n\n")
            return (head() + body.strip() + "\n").encode()

        files[path] = job

    def explainer_head(explainer: Explainer) -> Callable[[], str]:
        return lambda: front_matter(
            description=markup.attribute(markup.plain(explainer.summary.default)),
            search={"boost": 3},  # an explainer ranks above actor and source pages that mention its place
            claim_review=script_json(claim_review(explainer, site)),
            # The page's latest date, for its sitemap <lastmod> (theme/sitemap.xml). Interim: the
            # page-kinds refactoring is to write `updated` for every kind of page.
            updated=max([explainer.last_updated, *(u.date for u in explainer.updates)], key=lambda d: d.first).iso,
        )

    def unsearched() -> str:
        # Listing pages only repeat what the explainer and actor pages say: left out of the
        # search index, which every reader downloads at their first search.
        return front_matter(search={"exclude": True})

    def listed(explainers: list[Explainer]) -> tuple:
        """What a list of explainers shows of each."""
        return tuple((e.id, e.question.values, e.status, e.last_updated.iso) for e in explainers)

    explainers = list(site.explainers.values())
    recent = by_recency(explainers)
    counts = {status: sum(e.status == status for e in explainers) for status in STATUSES}
    everything = listed(recent)
    page("index.md", "home.md", view=everything, explainers=recent, counts=counts, latest=HOME_LATEST)
    if len(recent) <= EXPLAINERS_PER_PAGE:
        page("explainers/index.md", "explainers.md", unsearched, view=everything, explainers=recent, months=(), month=None)
    else:
        by_month: dict[Date, list[Explainer]] = {}
        for explainer in recent:
            updated = explainer.last_updated
            by_month.setdefault(Date(updated.year, updated.month), []).append(explainer)
        months = tuple((month.iso, month.label, len(listed_then)) for month, listed_then in by_month.items())
        latest = recent[:EXPLAINERS_PER_PAGE]
        page(
            "explainers/index.md", "explainers.md", unsearched, view=(listed(latest), months), explainers=latest,
            months=months, month=None,
        )
        for month, listed_then in by_month.items():
            page(
                f"explainers/updated/{month.iso}.md", "explainers.md", unsearched, view=listed(listed_then),
                explainers=listed_then, months=(), month=month,
            )
    for explainer in explainers:
        page(
            page_of("explainers", explainer.id),
            "explainer.md",
            explainer_head(explainer),
            deps=explainer_deps(explainer, site),
            view=tuple((id, site.explainers[id].question.values) for id in explainer.related),
            explainer=explainer,
            more=lambda explainer=explainer: dict(
                stances=by_stance(explainer, site), timeline=timeline(explainer, site), sources=cited_sources(explainer, site)
            ),
        )
    actors = tuple(
        (a.id, a.name.values, a.kind, a.affiliation, len(site.statements_by_actor[a.id])) for a in site.actors.values()
    )
    page("actors/index.md", "actors.md", unsearched, view=actors)

    def by_explainer(citations: list[Citation]) -> dict[str, list[Citation]]:
        groups: dict[str, list[Citation]] = {}
        for citation in citations:
            groups.setdefault(citation.explainer.id, []).append(citation)
        return groups

    def said(citations: list[Citation]) -> tuple:
        """What a list of an actor's statements shows of each."""
        return tuple(
            (c.explainer.id, c.explainer.question.values, c.explainer.status, c.number, s.stance, s.date.iso, s.quote,
             s.said and s.said.values)
            for c in citations
            for s in (c.statement,)
        )

    for actor in site.actors.values():
        citations = site.statements_by_actor[actor.id]
        path = page_of("actors", actor.id)
        if len(citations) <= ACTOR_STATEMENTS_PER_PAGE:
            page(
                path, "actor.md", deps=[("actor", actor.id)], view=said(citations), actor=actor, years=(), year=None,
                more=lambda citations=citations: dict(groups=by_explainer(citations), record=track_record(citations)),
            )
            continue
        by_year: dict[int, list[Citation]] = {}
        for citation in citations:
            by_year.setdefault(citation.statement.date.year, []).append(citation)
        years = tuple((str(year), len(by_year[year])) for year in sorted(by_year, reverse=True))
        page(
            path, "actor.md", deps=[("actor", actor.id)], view=said(citations), actor=actor, years=years, year=None,
            more=lambda citations=citations: dict(groups={}, record=track_record(citations)),
        )
        for year, then in by_year.items():
            page(
                f"actors/{actor.id}/{year}.md", "actor.md", unsearched, deps=[("actor", actor.id)], view=said(then),
                actor=actor, years=(), year=str(year), more=lambda then=then: dict(groups=by_explainer(then), record=None),
            )

    def cited(sources: list[Source]) -> tuple:
        """What a list of sources shows: each source and what cites it."""
        return tuple(
            (site.digests.get(("source", s.id)), site.actors[s.publisher].name.values, tuple(
                (c.explainer.id, c.explainer.question.values, c.number, site.actors[c.statement.by].name.values,
                 c.statement.date.iso)
                for c in site.citations_by_source[s.id]
            ))
            for s in sources
        )

    everything_cited = list(site.sources.values())
    if len(everything_cited) <= SOURCES_PER_PAGE:
        page(
            "sources/index.md", "sources.md", unsearched, view=cited(everything_cited), sources=everything_cited,
            publisher=None, years=(), year=None,
        )
    else:
        by_publisher: dict[str, list[Source]] = {}
        for source in everything_cited:
            by_publisher.setdefault(source.publisher, []).append(source)
        publishers = sorted(
            ((site.actors[id], len(published)) for id, published in by_publisher.items()),
            key=lambda pair: (pair[0].name.default.casefold(), pair[0].id),
        )
        page(
            "sources/index.md", "publishers.md", unsearched,
            view=tuple((a.id, a.name.values, count) for a, count in publishers), publishers=publishers,
        )
        for id, published in by_publisher.items():
            if len(published) <= SOURCES_PER_PAGE:
                page(
                    f"sources/{id}.md", "sources.md", unsearched, view=cited(published), sources=published,
                    publisher=site.actors[id], years=(), year=None,
                )
                continue
            by_year: dict[int, list[Source]] = {}  # a large publisher's sources: a page per year
            for source in published:
                by_year.setdefault(source.published.year, []).append(source)
            years = tuple((str(year), len(by_year[year])) for year in sorted(by_year, reverse=True))
            page(
                f"sources/{id}.md", "sources.md", unsearched, view=years, sources=[], publisher=site.actors[id],
                years=years, year=None,
            )
            for year, then in by_year.items():
                page(
                    f"sources/{id}/{year}.md", "sources.md", unsearched, view=cited(then), sources=then,
                    publisher=site.actors[id], years=(), year=str(year),
                )
    tags = tuple((tag, len(tagged)) for tag, tagged in site.explainers_by_tag.items())
    page("tags/index.md", "tags.md", unsearched, view=tags)
    for tag, tagged in site.explainers_by_tag.items():
        newest = by_recency(tagged)
        page(page_of("tags", tag), "tag.md", unsearched, view=listed(newest), tag=tag, explainers=newest)
    page("data.md", "data.md")
    page("search.md", "search.md")

    for name, text in export_schemas(site.settings).items():
        files[f"data/{name}"] = text.encode()
    files["robots.txt"] = f"User-agent: *\nDisallow:\n\nSitemap: {site.settings.site_url}sitemap.xml\n".encode()
    for name, body in site.pages.items():
        files.setdefault(name, body)

    def whole_site() -> dict[str, bytes | None]:
        made = {"data/explainers.json": data(site, cache)}
        if cache is not None:
            shown = tuple(
                (e.id, e.question.values, e.status, e.published.iso, e.last_updated.iso, e.summary.values) for e in recent
            )
            name = key("page", salt, "feed.xml", shown)
            if cache.page(name, "feed.xml"):
                return {**made, "feed.xml": None}
            cache.put_page(name, "feed.xml")
        return {**made, "feed.xml": feed(site)}

    return Plan(files, whole_site)


def render(site: Site, theme: Path = THEME, workers: int = 1, cache: Cache | None = None) -> dict[str, bytes | None]:
    """Every generated file, made in memory (on `workers` processes for a large site): the
    value is None for a page whose file the cache vouches for."""
    planned = plan(site, theme, cache)
    out: dict[str, bytes | None] = {}
    names = list(planned.files)
    made = map_items(
        lambda name: run(planned.files[name]), names, workers, meanwhile=lambda: out.update(planned.whole_site())
    )
    out.update(zip(names, made))
    return out


def run(value: bytes | Job | None) -> bytes | None:
    """A planned file's bytes (None: keep the file)."""
    return value() if callable(value) else value


def source_epoch(site: Site) -> int:
    """SOURCE_DATE_EPOCH from the content: the end of the latest day any record mentions."""
    dates = [e.last_updated for e in site.explainers.values()]
    dates += [u.date for e in site.explainers.values() for u in e.updates]
    latest = max((d.first for d in dates), default=datetime.date(1970, 1, 1))
    return int(datetime.datetime(latest.year, latest.month, latest.day, tzinfo=datetime.timezone.utc).timestamp())
