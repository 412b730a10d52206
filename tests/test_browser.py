"""What a reader does, in Debian's Chromium driven by Playwright: read on a phone, follow links, search."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import EXPLAINER, OUTPUT


@pytest.mark.parametrize(
    "edition, status, as_of",
    [("", "Likely", "as of 28 February 2026"), ("uk/", "Імовірно", "станом на 28 лютого 2026"),
     ("ru/", "Вероятно", "по состоянию на 28 февраля 2026")],
    ids=["en", "uk", "ru"],
)
def test_the_explainer_reads_on_a_phone_answer_first(page: Page, server: str, edition: str, status: str, as_of: str):
    page.goto(server + edition + EXPLAINER)
    OUTPUT.mkdir(exist_ok=True)
    shot = "explainer-" + (edition.strip("/") + "-" if edition else "") + "360"
    page.screenshot(path=OUTPUT / f"{shot}.png")
    page.screenshot(path=OUTPUT / f"{shot}-full.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    label = page.locator(".answer .status")
    assert label.inner_text() == status
    assert label.bounding_box()["y"] + label.bounding_box()["height"] < 740, "the status is in the first screen"
    expect(page.locator(".answer__asof")).to_have_text(as_of)
    # The chart's words read on a phone: no label or axis date under 11 pixels.
    sizes = page.evaluate(
        "[...document.querySelectorAll('.chart text')].map(t => parseFloat(getComputedStyle(t).fontSize)"
        " * t.ownerSVGElement.getScreenCTM().a)"
    )
    assert sizes and min(sizes) >= 11, sizes
    assert page.locator(".answer").bounding_box()["y"] < page.locator("#who-says-what").bounding_box()["y"]


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


# Editions: a reader moves between languages on the same page, and each edition reads and searches
# in its own.
UK_EXPLAINER = "uk/" + EXPLAINER


def test_switch_from_the_english_explainer_to_the_ukrainian_one_and_back(page: Page, server: str):
    page.goto(server + EXPLAINER)
    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang=uk]").click()
    page.wait_for_url(f"**/{UK_EXPLAINER}")
    assert page.locator("html").get_attribute("lang") == "uk"
    expect(page.locator("h1")).to_have_text(re.compile(r"^Хто стверджує, що Покровськ упав\?"))  # and its ¶
    page.locator(".md-header .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(f"**/{EXPLAINER}")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Who says Pokrovsk fell\?"))


@pytest.mark.parametrize("query", ["Покровськ", "Красноармійськ"])
def test_search_in_the_ukrainian_edition_finds_the_ukrainian_explainer(page: Page, server: str, query: str):
    page.goto(server + "uk/actors/isw/", wait_until="networkidle")
    page.locator("[data-search-open]").click()
    box = page.get_by_role("dialog").get_by_role("searchbox")
    box.fill(query)
    result = page.get_by_role("dialog").locator("a.pf-result-link").first
    expect(result).to_have_text("Хто стверджує, що Покровськ упав?")
    result.click()
    page.wait_for_url(f"**/{UK_EXPLAINER}")


def test_the_history_of_an_explainer_is_one_link_away(page: Page, server: str):
    page.goto(server + EXPLAINER)
    page.get_by_role("link", name="Every change to this explainer, from its public history").click()
    page.wait_for_url(f"**/{EXPLAINER}history/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^History: Who says Pokrovsk fell\?"))
    # The record was published months before it came into this repository.
    expect(page.locator("article li").last).to_have_text("The oldest version the repository holds: what came before is not known.")
    page.set_viewport_size({"width": 1100, "height": 900})
    page.screenshot(path=OUTPUT / "history.png")


@pytest.mark.parametrize("where", ["header", "page"])
def test_a_ukrainian_count_of_results_is_right_for_every_number(page: Page, server: str, where: str):
    """Pagefind's own strings say "3 результатів"; the editions say the count after a label."""
    if where == "header":
        page.goto(server + "uk/actors/isw/", wait_until="networkidle")
        page.locator("[data-search-open]").click()
        page.get_by_role("dialog").get_by_role("searchbox").fill("Покровськ")
        summary = page.get_by_role("dialog").locator(".pf-summary")
    else:
        page.goto(server + "uk/search/")
        page.locator("input.pagefind-ui__search-input").fill("Покровськ")
        summary = page.locator(".pagefind-ui__message")
    expect(summary.filter(has_text="Результати на запит «Покровськ»:").first).to_be_attached()
