"""The built site: pages at the contract's paths, parsed HTML, hostile text kept inert, safe publishing."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest

from generator import build
from tests.conftest import HOSTILE, SITE_URL, TODAY, hostile_content, tree_digest, write_config
from tests.golden import FIXTURE
from tests.pages import read


def run_build(tmp: Path, content: Path, out: Path) -> build.Generated:
    config = write_config(tmp)
    return build.build(content, config, out, TODAY)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    result = run_build(tmp, hostile_content(tmp), tmp / "site")
    assert result.site is not None, result.diagnostics
    return tmp / "site"


def test_pages_at_the_contract_paths(fixture_site: Path):
    for path in (
        "index.html",
        "explainers/index.html",
        "explainers/who-says-the-bridge-fell/index.html",
        "actors/ministry/index.html",
        "sources/index.html",
        "tags/bridges/index.html",
        "about/index.html",
        "feed.xml",
        "data/explainers.json",
        "sitemap.xml",
    ):
        assert (fixture_site / path).is_file(), path
    assert not (fixture_site / "markdown").exists(), "the Markdown templates must not be published"


def test_explainer_puts_the_answer_first(fixture_site: Path):
    page = read(fixture_site / "explainers/who-says-the-bridge-fell/index.html")
    text = page.visible_text
    h1 = page.find("h1")
    assert h1.text.strip().startswith("Who says the bridge fell?")
    start = text.index("Contested as of 3 December 2025")  # the sidebar's contents list comes before the article
    order = [
        text.index(part, start)
        for part in ("Contested", "Officials say it collapsed", "The claim: The river bridge", "Who says what", "Timeline")
    ]
    assert order == sorted(order)
    assert "Міст обвалився." in text and "Translation: The bridge has collapsed." in text
    assert "Bridge Operator, December 2025" in text  # month precision kept, never "1 December"
    assert page.find("blockquote", lang="uk")
    assert page.find("h4", id="statement-2")
    links = {a.attrs.get("href") for a in page.find_all("a")}
    assert {"../../actors/ministry/", "../../tags/bridges/", "../who-says-the-ferry-sank/"} <= links
    assert "https://archive.example/ministry-statement" in links
    assert "https://ministry.example/statement?id=1&lang=uk" in links


def test_explainer_has_one_claim_review_in_head(fixture_site: Path):
    html = (fixture_site / "explainers/who-says-the-bridge-fell/index.html").read_text()
    head = html[: html.index("</head>")]
    assert head.count('<script type="application/ld+json">') == 1 == html.count("application/ld+json")
    block = head.split('<script type="application/ld+json">')[1].split("</script>")[0]
    review = json.loads(block)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The river bridge at Example has collapsed."
    assert review["reviewRating"] == {
        "@type": "Rating", "alternateName": "Contested", "ratingValue": 3, "bestRating": 5, "worstRating": 1,
    }
    assert review["itemReviewed"]["author"]["name"] == "Ministry of Bridges"
    assert review["itemReviewed"]["appearance"]["url"] == "https://ministry.example/statement?id=1&lang=uk"


def test_actor_page_lists_statements_across_explainers(fixture_site: Path):
    page = read(fixture_site / "actors/operator/index.html")
    assert "Who says the bridge fell?" in page.visible_text and "Who says the ferry sank?" in page.visible_text
    hrefs = [a.attrs.get("href") for a in page.find_all("a")]
    assert "../../explainers/who-says-the-bridge-fell/#statement-2" in hrefs


def test_feed_and_data(fixture_site: Path):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(fixture_site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == ["Who says the bridge fell?", "Who says the ferry sank?"]
    assert entries[0].findtext(f"{atom}updated") == "2025-12-03T00:00:00Z"
    data = json.loads((fixture_site / "data/explainers.json").read_text())
    bridge = next(e for e in data["explainers"] if e["id"] == "who-says-the-bridge-fell")
    assert bridge["statements"][1]["date"] == "2025-12"
    assert {s["id"]: s.get("archive") for s in data["sources"]}["ministry-statement"] == "https://archive.example/ministry-statement"


def test_no_third_party_assets(fixture_site: Path):
    for page in fixture_site.rglob("*.html"):
        html = page.read_text()
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page


def _inline_scripts(page) -> list[str]:
    return [
        e.text for e in page.find_all("script")
        if "src" not in e.attrs and e.attrs.get("type") != "application/ld+json"
    ]


def test_hostile_text_is_shown_verbatim_and_never_runs(hostile_site: Path, fixture_site: Path):
    expected = " ".join(HOSTILE.split())
    clean = read(fixture_site / "explainers/who-says-the-bridge-fell/index.html")
    allowed_scripts = [s.replace("who-says-the-bridge-fell", "hostile") for s in _inline_scripts(clean)]
    for path in sorted(hostile_site.rglob("*.html")):
        page = read(path)
        for element in page.elements:
            assert element.tag not in ("iframe", "object", "embed", "base", "svg") or element.tag == "svg" and (
                "onload" not in element.attrs
            ), (path, element)
            assert not [a for a in element.attrs if a.startswith("on")], (path, element)
            for attr in ("href", "src", "action"):
                value = (element.attrs.get(attr) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, element)
            if element.tag == "meta" and "http-equiv" in element.attrs:
                assert element.attrs["http-equiv"] == "Content-Security-Policy", (path, element)
            if element.tag == "img":
                assert "tracker.example" not in (element.attrs.get("src") or ""), path
        assert len(_inline_scripts(page)) == len(allowed_scripts), path
    explainer = read(hostile_site / "explainers/hostile/index.html")
    assert _inline_scripts(explainer) == allowed_scripts
    # Every Text field shows the payload exactly: question, claim, place, quote, translation, locator, said,
    # event, update note, and the source title.
    assert explainer.visible_text.count(expected) >= 10
    assert read(hostile_site / "actors/villain/index.html").visible_text.count(expected) >= 2
    html = (hostile_site / "explainers/hostile/index.html").read_text()
    review = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert review["claimReviewed"] == HOSTILE
    title = html.split("<title>")[1].split("</title>")[0]
    assert "<" not in title


def test_a_failed_build_leaves_the_site_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "site"
    assert run_build(tmp_path, FIXTURE, out).site is not None
    before = tree_digest(out)
    # A content error: nothing is written.
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE, broken)
    path = broken / "explainers/who-says-the-ferry-sank.yml"
    path.write_text(path.read_text().replace("by: operator", "by: operater"))
    result = run_build(tmp_path, broken, out)
    assert result.site is None
    assert [str(d) for d in result.diagnostics if d.severity == "error"] == [
        "broken/explainers/who-says-the-ferry-sank.yml:7:9: error: unknown actor 'operater' (did you mean 'operator'?) [unknown-reference]"
    ]
    assert tree_digest(out) == before
    # A renderer failure (a navigation entry to a missing page fails the strict build): the same.
    config = write_config(tmp_path)
    config.write_text(config.read_text().replace("- About: about.md", "- About: missing.md"))
    with pytest.raises(build.RendererFailed):
        build.build(FIXTURE, config, out, TODAY)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")) == []  # no staging left


def test_two_builds_are_byte_identical(tmp_path: Path, fixture_site: Path):
    again = tmp_path / "again"
    assert run_build(tmp_path, FIXTURE, again).site is not None
    assert tree_digest(again) == tree_digest(fixture_site)


def test_explainer_shows_the_chart_above_the_details(fixture_site: Path):
    page = read(fixture_site / "explainers/who-says-the-bridge-fell/index.html")
    svg = page.find("svg", **{"class": "chart__svg"})
    assert svg.attrs["role"] == "group"
    caption = page.find("figcaption").text
    assert caption.startswith("3 statements by 2 actors between 1 December 2025 and ")
    text = page.visible_text
    start = text.index("Contested as of")
    assert text.index(caption, start) < text.index("Supports the claim", start)


def test_front_page_counts_explainers_by_status(fixture_site: Path):
    items = read(fixture_site / "index.html").find("ul", **{"class": "status-counts"})
    assert " ".join(items.text.split()) == "Confirmed 0 Likely 0 Contested 1 Unverified 0 Unlikely 0 False 1"


def test_actor_track_record(fixture_site: Path):
    operator = read(fixture_site / "actors/operator/index.html").visible_text
    assert "Unlikely or false (1) 0 1 0" in operator
    assert "Who says the ferry sank?: now False; this actor disputed it (1 November 2025)" in operator
    assert "Not counted: 1 claim still contested or unverified." in operator
    ministry = read(fixture_site / "actors/ministry/index.html").visible_text
    assert "None of the claims this actor has spoken about is settled yet." in ministry


def test_link_previews_and_description(fixture_site: Path):
    page = read(fixture_site / "explainers/who-says-the-bridge-fell/index.html")
    meta = {e.attrs.get("property") or e.attrs.get("name"): e.attrs.get("content") for e in page.find_all("meta")}
    summary = "Officials say it collapsed; the operator denies it. See the operator."
    assert meta["description"] == meta["og:description"] == meta["twitter:description"] == summary
    assert meta["og:title"] == "Who says the bridge fell?" and meta["og:type"] == "article"
    assert meta["og:url"] == "https://who-says-what.example/explainers/who-says-the-bridge-fell/"
    assert page.find("link", rel="canonical").attrs["href"] == meta["og:url"]
    sitemap = (fixture_site / "sitemap.xml").read_text()
    assert "<loc>https://who-says-what.example/explainers/who-says-the-bridge-fell/</loc>" in sitemap


def test_data_page_and_schema(fixture_site: Path):
    page = read(fixture_site / "data/index.html")
    hrefs = {a.attrs.get("href") for a in page.find_all("a")}
    assert {"explainers.json", "explainers.schema.json"} <= hrefs
    schema = json.loads((fixture_site / "data/explainers.schema.json").read_text())
    data = json.loads((fixture_site / "data/explainers.json").read_text())
    assert set(schema["required"]) == set(data)
    explainer_fields = set(schema["properties"]["explainers"]["items"]["properties"])
    assert all(set(e) <= explainer_fields for e in data["explainers"])


def test_search_is_a_chunked_index_of_the_pages_worth_finding(fixture_site: Path):
    """Pagefind indexes explainers, actors and hand-written pages (not the listings, which repeat
    them); no page but the Search page loads anything for search, and no single-file index exists
    (Material's is downloaded with every first page view)."""
    entry = json.loads((fixture_site / "pagefind/pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2 + 2 + 2  # explainers, actors, about and editor's guide
    assert not (fixture_site / "search/search_index.json").exists()
    assert list((fixture_site / "pagefind/index").iterdir()) and list((fixture_site / "pagefind/fragment").iterdir())
    search = read(fixture_site / "search/index.html")
    scripts = [s.attrs.get("src") for s in search.find_all("script") if s.attrs.get("src")]
    assert scripts[-2:] == ["../pagefind/pagefind-ui.js", "../assets/javascripts/search.js"]
    assert "../pagefind/pagefind-ui.css" in {link.attrs.get("href") for link in search.find_all("link")}
    explainer = read(fixture_site / "explainers/who-says-the-bridge-fell/index.html")
    loaded = [e.attrs.get("src") or e.attrs.get("href") or "" for e in explainer.elements if e.tag in ("script", "link")]
    assert [url for url in loaded if "pagefind" in url or "search_index" in url] == []


def test_search_results_show_no_permalink_signs(fixture_site: Path):
    """Titles, sub-result headings and excerpts come without the headings' ¶ permalinks."""
    texts = []
    for path in (fixture_site / "pagefind/fragment").iterdir():
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        texts += [fragment["meta"]["title"], fragment["content"], *(a["text"] for a in fragment["anchors"])]
    assert "Who says the bridge fell?" in texts and "Sources" not in texts  # the sources are left out
    assert [text for text in texts if "¶" in text] == []


def test_every_page_advertises_its_edition_s_feeds(fixture_site: Path):
    for path in sorted(fixture_site.rglob("*.html")):
        page = path.relative_to(fixture_site).as_posix()
        edition = page.split("/")[0] + "/" if page.startswith(("uk/", "ru/")) else ""
        feeds = [link for link in read(path).find_all("link", type="application/atom+xml")
                 if "alternate" in link.attrs["rel"].split()]
        assert [urljoin(SITE_URL + page, link.attrs["href"]) for link in feeds] == [
            SITE_URL + edition + "feed.xml", SITE_URL + edition + "changes.xml"
        ], path
    assert all((fixture_site / edition / name).is_file() for edition in ("", "uk", "ru") for name in ("feed.xml", "changes.xml"))


def test_robots_txt_names_the_sitemap(fixture_site: Path):
    robots = (fixture_site / "robots.txt").read_text()
    assert robots == (
        f"User-agent: *\nDisallow:\n\nSitemap: {SITE_URL}sitemap.xml\nSitemap: {SITE_URL}uk/sitemap.xml\n"
        f"Sitemap: {SITE_URL}ru/sitemap.xml\n"
    )
    assert (fixture_site / "sitemap.xml").is_file()


def test_each_explainer_has_its_own_date_in_the_sitemap(fixture_site: Path):
    """An explainer's <lastmod> is its latest date (the other pages show the whole site: the latest date
    in the content, from SOURCE_DATE_EPOCH)."""
    urlset = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ElementTree.parse(fixture_site / "sitemap.xml").getroot()
    lastmod = {url.findtext(f"{urlset}loc"): url.findtext(f"{urlset}lastmod") for url in root}
    assert lastmod[SITE_URL + "explainers/who-says-the-bridge-fell/"] == "2025-12-03"
    assert lastmod[SITE_URL + "explainers/who-says-the-ferry-sank/"] == "2025-11-01"
    assert lastmod[SITE_URL] == lastmod[SITE_URL + "actors/operator/"] == "2025-12-03"


def test_the_data_schema_id_is_where_the_site_publishes_it(fixture_site: Path):
    schema = json.loads((fixture_site / "data/explainers.schema.json").read_text())
    assert schema["$id"] == SITE_URL + "data/explainers.schema.json"


def test_every_page_starts_with_its_content_security_policy(fixture_site: Path):
    for path in sorted(fixture_site.rglob("*.html")):
        html = path.read_text()
        head = html[html.index("<head>") + 6 :].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src'), path
        assert "'unsafe-inline'" not in head.split(">")[0]


def split_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limits: dict[str, int], content: Path = FIXTURE) -> Path:
    """The site built with the page kinds' limits lowered, so its lists split as on a large site."""
    for name, value in limits.items():
        module, attribute = name.split(".")
        monkeypatch.setattr(f"generator.pages.{module}.{attribute}", value)
    result = run_build(tmp_path, content, tmp_path / "site")
    assert result.site is not None, result.diagnostics
    return tmp_path / "site"


def links(page, href: str) -> dict[str, str]:
    """Text and target of the page's links whose target matches the pattern `href` whole."""
    return {a.text: a.attrs["href"] for a in page.find_all("a") if re.fullmatch(href, a.attrs.get("href") or "")}


def title(page) -> str:
    return page.find("h1").text.rstrip("¶")  # without Material's permalink mark


def test_many_sources_get_a_page_per_publisher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Above pages.sources.PER_PAGE sources, /sources/ lists the publishers and each publisher's
    sources are on a page of their own: every source on exactly one page, every link resolving
    (the build is strict)."""
    site = split_site(tmp_path, monkeypatch, {"sources.PER_PAGE": 1})
    index = read(site / "sources/index.html")
    assert "2 sources from 2 publishers" in index.visible_text
    rows = links(index, r"[a-z0-9-]+/")
    assert rows == {"Bridge Operator": "operator/", "Ministry of Bridges": "ministry/"}
    shown = {}
    for name, href in rows.items():
        page = read(site / "sources" / href / "index.html")
        assert title(page) == f"Sources published by {name}"
        shown |= {h.attrs["id"]: name for h in page.find_all("h2")}
    assert shown == {"operator-post": "Bridge Operator", "ministry-statement": "Ministry of Bridges"}
    cited = read(site / "sources/ministry/index.html").find("a", href="../../explainers/who-says-the-bridge-fell/#statement-1")
    assert cited.text == "Who says the bridge fell?"


def test_a_publisher_with_many_sources_gets_a_page_per_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Above pages.sources.PER_PAGE sources from one publisher, its page lists the years of
    publication and each year's sources are on a page of their own."""
    site = split_site(tmp_path, monkeypatch, {"sources.PER_PAGE": 0})
    operator = read(site / "sources/operator/index.html")
    assert "1 of the documents statements and events are taken from, on a page for each year" in operator.visible_text
    assert links(operator, r"\d{4}/") == {"2025": "2025/"}
    year = read(site / "sources/operator/2025/index.html")
    assert title(year) == "Sources published by Bridge Operator in 2025"
    assert [h.attrs["id"] for h in year.find_all("h2")] == ["operator-post"]
    assert {("All years", "../"), ("All publishers", "../../")} <= {(a.text, a.attrs.get("href")) for a in year.find_all("a")}


def test_many_explainers_get_a_page_per_month(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Above pages.explainers.PER_PAGE explainers, /explainers/ lists the latest and links a page
    per month of last update; every explainer is on exactly one month's page."""
    site = split_site(tmp_path, monkeypatch, {"explainers.PER_PAGE": 1})

    def questions(page) -> list[str]:
        return list(links(page, r"(\.\./)*who-says-[a-z-]+/"))

    index = read(site / "explainers/index.html")
    assert questions(index) == ["Who says the bridge fell?"]
    assert links(index, r"updated/\d{4}-\d{2}/") == {"December 2025": "updated/2025-12/", "November 2025": "updated/2025-11/"}
    november = read(site / "explainers/updated/2025-11/index.html")
    assert title(november) == "Explainers updated in November 2025"
    assert questions(november) == ["Who says the ferry sank?"]
    assert questions(read(site / "explainers/updated/2025-12/index.html")) == ["Who says the bridge fell?"]


def test_an_actor_with_many_statements_gets_a_page_per_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Above pages.actor.STATEMENTS_PER_PAGE statements, an actor's page keeps its track record
    and lists its statements by year, each year on a page of its own."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    ferry = content / "explainers/who-says-the-ferry-sank.yml"
    ferry.write_text(ferry.read_text().replace("date: 2025-11-01", "date: 2024-11-01", 1))
    site = split_site(tmp_path, monkeypatch, {"actor.STATEMENTS_PER_PAGE": 1}, content)
    operator = read(site / "actors/operator/index.html")
    assert "Track record" in operator.visible_text and "2 statements here, on a page for each year" in operator.visible_text
    assert links(operator, r"\d{4}/") == {"2025": "2025/", "2024": "2024/"}
    for year, question in (("2025", "Who says the bridge fell?"), ("2024", "Who says the ferry sank?")):
        page = read(site / "actors/operator" / year / "index.html")
        assert title(page) == f"Bridge Operator: statements in {year}"
        assert [h.text.rstrip("¶") for h in page.find_all("h3")] == [question]
        assert "Track record" not in page.visible_text
