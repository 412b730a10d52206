"""What a reader does, in Debian's Chromium driven by Playwright: read on a phone, follow links, search."""

from __future__ import annotations

import functools
import os
import re
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import ROOT

# Debian's chromium here; CI runners set CHROMIUM to the Chrome they ship. Never a downloaded browser.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]
OUTPUT = ROOT / "tests" / "output"
EXPLAINER = "explainers/who-says-pokrovsk-fell/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(bundled_site: Path):
    """The bundled content, built and served on 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(bundled_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "browser tests need Debian's chromium: `make test` installs it"
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh, temporary profile.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page that records every request and console error; each test checks them at the end."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    foreign = [url for url in page.requests if not url.startswith(server) and not url.startswith("data:")]
    assert foreign == [], "requests left the local server"
    assert page.errors == []
    context.close()


def test_explainer_reads_on_a_phone_answer_first(page: Page, server: str):
    page.goto(server + EXPLAINER)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "explainer-360.png")
    page.screenshot(path=OUTPUT / "explainer-360-full.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    status = page.locator(".answer .status")
    assert status.inner_text() == "Likely"
    assert status.bounding_box()["y"] + status.bounding_box()["height"] < 740, "the status is in the first screen"
    answer_top = page.locator(".answer").bounding_box()["y"]
    first_statement = page.locator("#who-says-what").bounding_box()["y"]
    assert answer_top < first_statement


def test_follow_a_statement_to_its_actor_and_back(page: Page, server: str):
    page.goto(server + EXPLAINER)
    page.locator("#statement-7 a").first.click()
    page.wait_for_url("**/actors/general-staff-ukraine/")
    assert page.locator("h1").inner_text().startswith("General Staff")
    page.get_by_text("See the statement").first.click()
    page.wait_for_url(f"**/{EXPLAINER}#statement-7")
    assert page.locator("#statement-7").is_visible()


# A place's other names (Soviet-era, Ukrainian) and a word of a Russian quote find the explainer
# first; an actor's alias finds the actor's page first and the explainer among the results.
@pytest.mark.parametrize(
    "query, first", [("Krasnoarmeysk", True), ("Покровськ", True), ("Волчанск", True), ("Сирський", False)]
)
def test_search_finds_the_explainer_under_another_name(page: Page, server: str, query: str, first: bool):
    page.set_viewport_size({"width": 1280, "height": 800})  # wide enough for Material's tabs
    page.goto(server)
    page.locator(".md-tabs__link", has_text="Search").click()
    page.wait_for_url("**/search/")
    box = page.locator("input.pagefind-ui__search-input")
    box.fill(query)
    wanted = re.compile(r"/explainers/who-says-pokrovsk-fell/$")
    results = page.locator("a.pagefind-ui__result-link")
    result = results.first if first else results.filter(has_text="Who says Pokrovsk fell?").first
    expect(result).to_have_attribute("href", wanted)
    result.click()
    page.wait_for_url(f"**/{EXPLAINER}**")


def test_no_page_downloads_a_search_index_until_someone_searches(page: Page, server: str):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + EXPLAINER)
    page.goto(server)
    page.wait_for_load_state("networkidle")
    # The header's search is a small script of ours; Pagefind's script, stylesheet and index wait.
    assert not [url for url in requested if "pagefind" in url or "search_index" in url]
    page.goto(server + "search/")
    page.locator("input.pagefind-ui__search-input").fill("Pokrovsk")
    expect(page.locator("a.pagefind-ui__result-link").first).to_be_visible()
    loaded = [url for url in requested if "/pagefind/" in url]
    assert any(url.endswith(".pf_meta") for url in loaded) and any("/index/" in url for url in loaded)


# Search from the header of any page: Pagefind's Component UI in a dialog, loaded on the first opening.
@pytest.mark.parametrize(
    "start, query, first",
    [(EXPLAINER, "Красноармейск", True), ("actors/isw/", "Красноармейск", True), ("actors/isw/", "Сирський", False)],
)
def test_search_from_the_header_finds_the_explainer(page: Page, server: str, start: str, query: str, first: bool):
    page.goto(server + start, wait_until="networkidle")
    assert [url for url in page.requests if "/pagefind/" in url] == []  # nothing of search until it opens
    page.get_by_role("button", name="Search").click()
    dialog = page.get_by_role("dialog")
    box = dialog.get_by_role("searchbox")
    expect(box).to_be_focused()
    box.fill(query)
    results = dialog.locator("a.pf-result-link")
    result = results.first if first else results.filter(has_text="Who says Pokrovsk fell?").first
    expect(result).to_have_text("Who says Pokrovsk fell?")  # the title, no ¶
    assert "¶" not in dialog.inner_text()
    result.click()
    page.wait_for_url(f"**/{EXPLAINER}")


def test_search_opens_from_the_keyboard_and_gives_focus_back(page: Page, server: str):
    page.goto(server + "actors/isw/")
    opener = page.get_by_role("button", name="Search")
    for key in ("/", "s"):
        page.keyboard.press(key)
        box = page.get_by_role("dialog").get_by_role("searchbox")
        expect(box).to_be_focused()
        expect(opener).to_have_attribute("aria-expanded", "true")
        page.keyboard.press("Tab")  # focus stays in the dialog (a modal <dialog>)
        assert page.evaluate("document.activeElement.closest('dialog') !== null")
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog")).to_be_hidden()
        expect(opener).to_be_focused()
        expect(opener).to_have_attribute("aria-expanded", "false")


def test_search_falls_back_to_the_search_page(page: Page, server: str):
    page.route("**/pagefind/pagefind-component-ui.js", lambda route: route.abort())
    page.goto(server + "actors/isw/")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/")
    page.locator("input.pagefind-ui__search-input").fill("Красноармейск")
    expect(page.locator("a.pagefind-ui__result-link").first).to_have_text("Who says Pokrovsk fell?")
    assert [e for e in page.errors if "ERR_FAILED" not in e] == []  # only the refused script
    page.errors.clear()
