"""The search index in parts (generator/search.py): a large site is indexed by several Pagefind
runs, one language each, that the search merges; the readers find the same pages."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator.search import index_search
from tests.conftest import EXPLAINER, QuietHandler


def indexed(bundle: Path) -> dict[str, str]:
    """Every page a bundle's parts hold: its URL, and the language of the part."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    pages: dict[str, str] = {}
    for language, parts in entry.get("bundles", {"": [""]}).items():
        for part in parts:
            for path in (bundle / part / "fragment").iterdir():
                url = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
                assert url not in pages, f"{url} is in two parts"
                pages[url] = language
    return pages


def pages_of(site: Path) -> tuple[str, ...]:
    """The built site's searched pages, as the paths of their files."""
    return tuple(sorted(url.lstrip("/") + "index.html" for url in indexed(site / "pagefind")))


def reindexed(built: Path, tmp: Path, limit: int) -> Path:
    """A copy of a built site, its search index made again with `limit` pages at most in each part."""
    site = tmp / "site"
    shutil.copytree(built, site, ignore=shutil.ignore_patterns("pagefind"))
    index_search(site, pages_of(built), limit)
    return site


def tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_a_site_within_the_limit_has_one_index_as_pagefind_makes_it(fixture_site: Path, tmp_path: Path):
    site = reindexed(fixture_site, tmp_path, limit=len(pages_of(fixture_site)))
    assert "bundles" not in json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert tree(site / "pagefind") == tree(fixture_site / "pagefind")


def test_a_larger_site_is_indexed_in_parts_of_one_language_each(fixture_site: Path, tmp_path: Path):
    site = reindexed(fixture_site, tmp_path / "a", limit=4)
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    # The fixture's Russian edition has no page in Russian: it is searched in the first bundle.
    assert entry["bundles"] == {"en": ["", "en-2/"], "uk": ["uk-1/"]}
    for language, parts in entry["bundles"].items():
        for part in parts:
            languages = json.loads((site / "pagefind" / part / "pagefind-entry.json").read_text())["languages"]
            assert list(languages) == [language] and languages[language]["page_count"] <= 4
    # The same pages, each once, and the Ukrainian ones in the Ukrainian part.
    found = indexed(site / "pagefind")
    assert sorted(found) == sorted(indexed(fixture_site / "pagefind"))
    assert {url for url, language in found.items() if language == "uk"} == {url for url in found if url.startswith("/uk/")}
    # Byte for byte the same from the same site.
    assert tree(reindexed(fixture_site, tmp_path / "b", limit=4) / "pagefind") == tree(site / "pagefind")


@pytest.fixture(scope="module")
def server(bundled_site: Path, tmp_path_factory):
    """The bundled content, built, its index in parts of at most 2 pages, served on 127.0.0.1."""
    site = reindexed(bundled_site, tmp_path_factory.mktemp("parts"), limit=2)
    assert len(json.loads((site / "pagefind/pagefind-entry.json").read_text())["bundles"]["en"]) > 2
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize(
    "start, query, title",
    [("actors/isw/", "Красноармейск", "Who says Pokrovsk fell?"), ("actors/isw/", "Сирський", "Who says Pokrovsk fell?"),
     ("uk/actors/isw/", "Красноармійськ", "Хто стверджує, що Покровськ упав?")],
)
def test_the_header_s_search_finds_pages_in_every_part(page: Page, server: str, start: str, query: str, title: str):  # noqa: F811
    page.goto(server + start, wait_until="networkidle")
    page.locator("[data-search-open]").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("searchbox").fill(query)
    result = dialog.locator("a.pf-result-link").filter(has_text=title).first
    expect(result).to_be_visible()
    parts = {url.split("/pagefind/")[1].split("/")[0] for url in page.requests if "/pagefind/" in url and ".pf_meta" in url}
    # Every part of the reader's language (the root bundle's meta is at the top), and no other.
    assert len(parts) > 2
    assert all(part.startswith("uk-") for part in parts) if start.startswith("uk/") else all(
        part.startswith(("en-", "pagefind.en_")) for part in parts
    )
    result.click()
    page.wait_for_url(f"**/{'uk/' if start.startswith('uk/') else ''}{EXPLAINER}**")


def test_the_search_page_finds_pages_in_every_part(page: Page, server: str):  # noqa: F811
    page.goto(server + "search/")
    page.locator("input.pagefind-ui__search-input").fill("Сирський")
    expect(page.locator("a.pagefind-ui__result-link").filter(has_text="Who says Pokrovsk fell?").first).to_be_visible()
