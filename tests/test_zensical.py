"""A second renderer, proven: Zensical renders the same `site_config.yml` as MkDocs.

For the bundled content, the fixture site and the hostile site of test_build, the generator
writes the Markdown once; MkDocs (through `generator.build`) and Zensical
(`zensical build -f .site_config.<lang>.yml` for each edition, the configurations the
generator derives from the same site_config.yml) each render it. Every
page MkDocs built, every explainer, actor and index page among them, must exist in Zensical's
output with the same <title>, the same JSON-LD and the same article: the same elements with the
same attributes and the same text. The differences that remain are pinned in
`test_what_differs_is_known` and described in docs/ci.md.

Zensical lives in its own venv (build/zensical-venv, from requirements-zensical.txt), which
`make test` sets up; ZENSICAL= points elsewhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest

from generator import build, editions
from tests.conftest import ROOT, TODAY
from tests.golden import FIXTURE

ZENSICAL = Path(os.environ.get("ZENSICAL") or ROOT / "build" / "zensical-venv" / "bin" / "zensical")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Rendered:
    title: str = ""
    json_ld: list[str] = field(default_factory=list)
    article: list[tuple[str, tuple[tuple[str, str | None], ...]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def article_text(self) -> str:
        return " ".join("".join(self.text).split())


class _Reader(HTMLParser):
    """The parts of a Material page that the generator decides: title, JSON-LD, the article."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.page = Rendered()
        self.depth = 0  # inside <article class="md-content__inner ...">
        self.into: str | None = None  # 'title' or 'ld'

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "title" and not self.depth:
            self.into = "title"
        if tag == "script" and found.get("type") == "application/ld+json":
            self.into = "ld"
            self.page.json_ld.append("")
        if not self.depth:
            if tag == "article" and "md-content__inner" in (found.get("class") or "").split():
                self.depth = 1
            return
        if tag not in VOID:
            self.depth += 1
        # Zensical adds a target for its skip link at the top of the article: chrome, not content.
        if not (tag == "a" and found.get("id") == "__skip"):
            # Links compare by where they lead: 'explainers.json' and '../data/explainers.json'
            # on /data/ are the same link.
            resolved = [(k, urljoin(self.url, v) if k in ("href", "src") and v is not None else v) for k, v in attrs]
            # Zensical honours data-search-exclude, then drops it (test_what_differs_is_known).
            resolved = [(k, v) for k, v in resolved if k != "data-search-exclude"]
            self.page.article.append((tag, tuple(sorted(resolved))))

    def handle_endtag(self, tag):
        if tag in ("title", "script"):
            self.into = None
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.into == "title":
            self.page.title += data
        elif self.into == "ld":
            self.page.json_ld[-1] += data
        if self.depth:
            self.page.text.append(data)


def read(root: Path, page: str) -> Rendered:
    """`page` ('actors/x/index.html') of the site in `root`."""
    path = root / page
    reader = _Reader(urljoin("http://site.invalid/", page))
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


@dataclass(frozen=True)
class Pair:
    mkdocs: Path
    zensical: Path
    site: object  # generator.link.Site


def zensical_available() -> None:
    if not ZENSICAL.is_file():
        pytest.fail(f"{ZENSICAL} is missing: `make test` installs Zensical from requirements-zensical.txt")


def render_both(tmp: Path, content: Path) -> Pair:
    """The site_config.yml copied as it is, theme/ beside it: both renderers read the same file."""
    zensical_available()
    shutil.copyfile(ROOT / "site_config.yml", tmp / "site_config.yml")
    (tmp / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
    result = build.build(content, tmp / "site_config.yml", tmp / "mkdocs-site", TODAY)
    assert result.site is not None, result.diagnostics
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764633600", NO_COLOR="1")
    for edition in result.site.settings.editions:  # the first edition first: it renders into site/ itself
        done = subprocess.run(
            [str(ZENSICAL), "build", "-f", editions.config_path(tmp / "site_config.yml", edition).name], cwd=tmp, env=env,
            capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "No issues found" in done.stdout + done.stderr  # strict: true in site_config.yml holds for Zensical too
    return Pair(tmp / "mkdocs-site", tmp / "site", result.site)


def hostile(root: Path) -> Path:
    from tests.test_build import hostile_content

    return hostile_content(root)


SITES = {
    "bundled": lambda tmp: ROOT / "content",
    "fixture": lambda tmp: FIXTURE,
    "hostile": hostile,
}


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    """Each site rendered both ways once per module."""
    cache: dict[str, Pair] = {}

    def get(name: str) -> Pair:
        if name not in cache:
            tmp = tmp_path_factory.mktemp(f"zensical-{name}")
            cache[name] = render_both(tmp, SITES[name](tmp))
        return cache[name]

    return get


@pytest.fixture(params=sorted(SITES))
def pair(request, renders) -> Pair:
    return renders(request.param)


@pytest.fixture
def bundled(renders) -> Pair:
    return renders("bundled")


def required_pages(site) -> set[str]:
    """Every explainer, actor and index page: the pages the switch must not lose."""
    pages = {"index.html", "explainers/index.html", "actors/index.html", "sources/index.html", "tags/index.html"}
    pages |= {f"explainers/{id}/index.html" for id in site.explainers}
    pages |= {f"actors/{id}/index.html" for id in site.actors}
    pages |= {f"tags/{tag}/index.html" for tag in site.explainers_by_tag}
    return pages


def test_every_page_exists_with_the_same_content_and_json_ld(pair: Pair):
    built = {p.relative_to(pair.mkdocs).as_posix() for p in pair.mkdocs.rglob("*.html") if p.name != "404.html"}
    homes = {f"{edition.prefix}index.html" for edition in pair.site.settings.editions}
    assert required_pages(pair.site) <= built
    for page in sorted(built):
        assert (pair.zensical / page).is_file(), f"Zensical did not build {page}"
        mkdocs, zensical = read(pair.mkdocs, page), read(pair.zensical, page)
        if page not in homes:  # the front pages' titles differ: test_what_differs_is_known
            assert zensical.title == mkdocs.title, page
        assert zensical.json_ld == mkdocs.json_ld, page
        assert zensical.article, page
        assert zensical.article_text == mkdocs.article_text, page
        assert zensical.article == mkdocs.article, page
    for id in pair.site.explainers:
        (review,) = read(pair.zensical, f"explainers/{id}/index.html").json_ld
        assert json.loads(review)["@type"] == "ClaimReview"


def test_the_feed_and_the_data_are_the_same_files(pair: Pair):
    for name in ("feed.xml", "data/explainers.json"):
        assert (pair.zensical / name).read_bytes() == (pair.mkdocs / name).read_bytes(), name


def test_the_theme_override_holds_in_zensical(pair: Pair):
    """theme/main.html's blocks: the escaped <title> and the ClaimReview in <head>."""
    for id in pair.site.explainers:
        html = (pair.zensical / f"explainers/{id}/index.html").read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        assert head.count('<script type="application/ld+json">') == 1
        title = head.split("<title>")[1].split("</title>")[0]
        assert "<" not in title


def _sitemap(path: Path) -> dict[str, str | None]:
    """Each URL of a sitemap with its <lastmod> (None without)."""
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    return {url.findtext(f"{ns}loc"): url.findtext(f"{ns}lastmod") for url in ElementTree.parse(path).getroot()}


def test_what_differs_is_known(bundled: Pair):
    """What Zensical 0.0.73 does otherwise (docs/ci.md). A new release that changes any of these
    fails here, so the list in docs/ci.md is kept true."""
    m, z = bundled.mkdocs, bundled.zensical
    # Search: MkDocs writes no index (`plugins: []`: `generator build` indexes the built site with
    # Pagefind), Zensical still writes its own single-file index, leaving out what our pages mark.
    assert not (m / "search/search_index.json").exists()
    zensical_index = json.loads((z / "search.json").read_text())
    assert zensical_index["config"]["lang"] == ["en"]
    indexed = {d["location"].split("#")[0] for d in zensical_index["items"]}
    assert "explainers/who-says-pokrovsk-fell/" in indexed
    assert {"explainers/", "actors/", "sources/", "tags/"}.isdisjoint(indexed)
    assert not any(d["location"].endswith("#sources") for d in zensical_index["items"])
    # It drops `data-search-exclude` from the elements that carry it.
    heading = '<h2 data-search-exclude id="statements">'
    assert heading in (m / "actors/isw/index.html").read_text()
    assert heading not in (z / "actors/isw/index.html").read_text()
    assert '<h2 id="statements">' in (z / "actors/isw/index.html").read_text()
    explainer = "explainers/who-says-pokrovsk-fell/index.html"
    assert '<figure class="chart" data-search-exclude>' in (m / explainer).read_text()
    assert '<figure class="chart">' in (z / explainer).read_text()
    # The sitemap (theme/sitemap.xml) lists the same pages, with a <lastmod> only for those that give their
    # own date (explainers): Zensical has no build date for the others. There is no sitemap.xml.gz.
    mkdocs_sitemap, zensical_sitemap = _sitemap(m / "sitemap.xml"), _sitemap(z / "sitemap.xml")
    assert set(zensical_sitemap) == set(mkdocs_sitemap) and all(mkdocs_sitemap.values())
    assert {url: date for url, date in zensical_sitemap.items() if date} == {
        url: date for url, date in mkdocs_sitemap.items() if re.search(r"/explainers/[a-z0-9-]+/$", url)
    }
    assert (m / "sitemap.xml.gz").exists() and not (z / "sitemap.xml.gz").exists()
    # The Markdown templates in theme/markdown/ are published as static files (MkDocs skips them).
    assert not (m / "markdown").exists()
    assert sorted(p.name for p in (z / "markdown").iterdir()) == sorted(p.name for p in (ROOT / "theme/markdown").iterdir())
    # The home page's <title> gets the nav title too: page.is_homepage is false there in Zensical,
    # so theme/main.html (and Material's own base.html) take the "title - site name" branch.
    assert read(m, "index.html").title == "Who Says What"
    assert read(z, "index.html").title == "Home - Who Says What"
    # Its own theme build ('modern' variant, new icons), and the generator meta tag says so.
    home = (z / "index.html").read_text()
    assert '<meta name="generator" content="zensical-0.0.73">' in home
    assert "assets/stylesheets/modern/main." in home and "assets/stylesheets/explainer.css" in home
    # No third-party requests either: no Google Fonts (font: false is honoured).
    assert not [p for p in z.rglob("*.html") if "fonts.googleapis" in p.read_text() or "fonts.gstatic" in p.read_text()]
