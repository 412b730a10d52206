"""Editions: the fixture site's Ukrainian edition has the explainer translated into Ukrainian, in a
Ukrainian interface with Ukrainian dates, linked both ways; the untranslated one stays out."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from tests.conftest import SITE_URL
from tests.pages import read

BRIDGE = "explainers/who-says-the-bridge-fell/index.html"
FERRY = "explainers/who-says-the-ferry-sank/index.html"


def hreflang(page) -> dict[str, str]:
    return {link.attrs["hreflang"]: link.attrs["href"] for link in page.find_all("link") if "hreflang" in link.attrs
            and "alternate" in (link.attrs.get("rel") or "").split()}


def selector(page, path: str) -> dict[str, str]:
    """The language selector's links on the page at `path`, resolved."""
    return {a.attrs["hreflang"]: urljoin(SITE_URL + path, a.attrs["href"]) for a in page.find_all("a")
            if "md-select__link" in (a.attrs.get("class") or "")}


def test_a_translated_explainer_is_in_its_edition_with_the_interface_in_its_language(fixture_site: Path):
    page = read(fixture_site / "uk" / BRIDGE)
    assert page.find("html").attrs["lang"] == "uk"
    assert page.find("h1").text.rstrip("¶") == "Хто каже, що міст упав?"
    assert page.find("span", **{"class": "status status--contested"}).text == "Спірно"
    assert page.find("span", **{"class": "answer__asof"}).text == "станом на 3 грудня 2025"
    assert "Хто каже, що міст упав?" in page.find("title").text
    (review,) = [json.loads(s.text) for s in page.find_all("script", type="application/ld+json")]
    assert (review["inLanguage"], review["reviewRating"]["alternateName"]) == ("uk", "Спірно")
    assert review["url"] == SITE_URL + "uk/explainers/who-says-the-bridge-fell/"


def test_a_translated_explainer_links_its_editions_both_ways(fixture_site: Path):
    english, ukrainian = read(fixture_site / BRIDGE), read(fixture_site / "uk" / BRIDGE)
    both = {"x-default": SITE_URL + BRIDGE.removesuffix("index.html"), "en": SITE_URL + BRIDGE.removesuffix("index.html"),
            "uk": SITE_URL + "uk/" + BRIDGE.removesuffix("index.html")}
    assert hreflang(english) == hreflang(ukrainian) == both
    assert selector(ukrainian, "uk/" + BRIDGE)["en"] == both["en"] and selector(english, BRIDGE)["uk"] == both["uk"]
    assert selector(english, BRIDGE)["ru"] == SITE_URL + "ru/"  # not in Russian: that edition's front page


def test_an_untranslated_explainer_is_not_in_the_edition(fixture_site: Path):
    assert (fixture_site / FERRY).is_file() and not (fixture_site / "uk" / FERRY).exists()
    ferry = read(fixture_site / FERRY)
    assert set(hreflang(ferry)) == {"x-default", "en"}
    assert selector(ferry, FERRY) == {"en": SITE_URL + FERRY.removesuffix("index.html"), "uk": SITE_URL + "uk/", "ru": SITE_URL + "ru/"}
    home = read(fixture_site / "uk/index.html")
    assert {a.text for a in home.find_all("a") if "explainers/who-says-" in (a.attrs.get("href") or "")} == {
        "Хто каже, що міст упав?"
    }
    feed = (fixture_site / "uk/feed.xml").read_text()
    assert "who-says-the-bridge-fell" in feed and "who-says-the-ferry-sank" not in feed


def test_each_edition_is_searched_on_its_own(fixture_site: Path):
    """Each language has its index, of the pages in that language: a hand-written page an edition
    shows untranslated is marked as the language it is in, and left out of the edition's search
    and of the translations its other editions point to. (The fixture's Russian edition has no
    page in Russian, so no index of its own: its readers search the first one.)"""
    entry = json.loads((fixture_site / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"en", "uk"}
    assert entry["languages"]["uk"]["page_count"] < entry["languages"]["en"]["page_count"]
    fallback = (fixture_site / "uk/editor-guide/index.html").read_text(encoding="utf-8")
    assert '<div lang="en">' in fallback and '<p class="untranslated" lang="uk">' in fallback
    assert 'hreflang="uk"' not in (fixture_site / "editor-guide/index.html").read_text().split("<body")[0]
    # It is the first edition's page: not for search engines under the edition's address.
    assert '<meta name="robots" content="noindex">' in fallback
    assert "editor-guide" not in (fixture_site / "uk/sitemap.xml").read_text() and "editor-guide" in (fixture_site / "sitemap.xml").read_text()


def test_the_sitemap_lists_each_page_with_its_alternates(fixture_site: Path):
    sitemap = (fixture_site / "uk/sitemap.xml").read_text()
    url = SITE_URL + "uk/explainers/who-says-the-bridge-fell/"
    entry = sitemap.split(f"<loc>{url}</loc>")[1].split("</url>")[0]
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}explainers/who-says-the-bridge-fell/"/>' in entry
    robots = (fixture_site / "robots.txt").read_text()
    assert f"Sitemap: {SITE_URL}uk/sitemap.xml" in robots


def test_check_names_what_an_edition_lacks(problems):
    from tests.conftest import MINIMAL

    explainer = MINIMAL["explainers/who-says-x.yml"]
    partly = explainer.replace("question: Who says X?", "question: {en: Who says X?, uk: Хто каже X?}")
    assert [p for p in problems({"explainers/who-says-x.yml": partly}) if "edition" in p] == [
        "content/explainers/who-says-x.yml:1:11: warning: explainer 'who-says-x' is not published in the 'uk' edition:"
        " it has no 'uk' text for claim, summary [edition-missing-text]"
    ]
    whole = explainer.replace("question: Who says X?", "question: {en: Who says X?, uk: Хто каже X?}").replace(
        "claim: X happened.", "claim: {en: X happened., uk: X сталося.}").replace(
        "summary: Some say it did, some say it did not.", "summary: {en: Some say., uk: Дехто каже.}")
    assert [p for p in problems({"explainers/who-says-x.yml": whole}) if "edition" in p] == [
        "content/explainers/who-says-x.yml:1:11: warning: explainer 'who-says-x' is published in the 'uk' edition with"
        " text not yet translated: statements[2].said [edition-untranslated]"
    ]


def test_what_material_writes_in_english_is_in_the_editions_language(fixture_site: Path):
    """The headings' permalink title, the 404 page's heading and the footer's words come from the catalogs."""
    assert "<h1>404 – сторінку не знайдено</h1>" in (fixture_site / "uk/404.html").read_text(encoding="utf-8")
    assert "<h1>404 – page not found</h1>" in (fixture_site / "404.html").read_text(encoding="utf-8")
    about = (fixture_site / "uk/about/index.html").read_text(encoding="utf-8")
    assert 'title="Постійне посилання"' in about and 'title="Permanent link"' not in about
    assert "Зроблено за допомогою" in about and "Made with" not in about
    # The site's description, as site_config.yml gives it for the edition.
    assert '<meta name="description" content="Хто що каже про спірні твердження, з джерелом для кожної заяви.">' in about
