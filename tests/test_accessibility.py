"""Accessibility and weight, in Debian's Chromium: axe-core (WCAG 2.1 AA) on every kind of page in light
and dark, keyboard reach, reading with JavaScript off, and what a first visit transfers."""

from __future__ import annotations

from importlib import resources

import pytest
from playwright.sync_api import Browser

from tests.test_browser import EXPLAINER, OUTPUT, browser, server  # noqa: F401  (fixtures)

AXE = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
PAGES = {
    "home": "",
    "explainer": EXPLAINER,
    "explainers": "explainers/",
    "actor": "actors/isw/",
    "actors": "actors/",
    "sources": "sources/",
    "tags": "tags/",
    "tag": "tags/pokrovsk/",
    "data": "data/",
    "about": "about/",
    "editor-guide": "editor-guide/",
    "search": "search/",
    "search dialog": EXPLAINER,
}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGES)
def test_no_axe_violations(browser: Browser, server: str, kind: str, scheme: str):
    # axe is injected through the DevTools protocol; the pages' own policy stays as it is otherwise.
    context = browser.new_context(color_scheme=scheme, bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + PAGES[kind])
    if kind == "search":  # with results on screen
        page.locator("input.pagefind-ui__search-input").fill("Pokrovsk")
        page.locator("a.pagefind-ui__result-link").first.wait_for()
    if kind == "search dialog":  # the header's search, open, with results
        page.keyboard.press("/")
        page.get_by_role("dialog").get_by_role("searchbox").fill("Pokrovsk")
        page.locator("a.pf-result-link").first.wait_for()
    page.evaluate(AXE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in result["violations"]
    ]
    context.close()
    assert violations == []


def test_keyboard_reaches_every_link_of_the_explainer(browser: Browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + EXPLAINER)
    # An SVG link's href is an SVGAnimatedString: resolve both kinds to absolute URLs.
    url = "a => typeof a.href === 'string' ? a.href : new URL(a.href.baseVal, location).href"
    wanted = set(page.evaluate(
        f"() => [...document.querySelectorAll('article a[href]')].filter(a => a.getClientRects().length).map({url})"
    ))
    reached = set()
    for _ in range(len(wanted) * 2 + 200):
        page.keyboard.press("Tab")
        href = page.evaluate(f"() => {{ const a = document.activeElement; return a && a.href ? ({url})(a) : null }}")
        if href:
            reached.add(href)
        if wanted <= reached:
            break
    context.close()
    assert sorted(wanted - reached) == []


def test_the_explainer_reads_completely_without_javascript(browser: Browser, server: str):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(server + EXPLAINER)
    page.screenshot(path=OUTPUT / "explainer-360-no-js.png")
    text = page.locator("article").inner_text()
    for part in ("Who says Pokrovsk fell?", "Likely", "The claim:", "Who says what", "Timeline", "Our assessment",
                 "Status history", "Updates and corrections", "Sources"):
        assert part in text, part
    assert page.locator("figure.chart svg.chart__svg").is_visible()
    context.close()


def test_a_first_visit_to_the_explainer_stays_light(browser: Browser, server: str, capsys):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda request: sizes.__setitem__(request.url, request.sizes()["responseBodySize"]))
    page.goto(server + EXPLAINER, wait_until="networkidle")
    html = sizes[server + EXPLAINER]
    context.close()
    with capsys.disabled():
        print(f"\nfirst visit to the explainer: {len(sizes)} requests, {sum(sizes.values()):,} bytes"
              f" (HTML {html:,} bytes)")
    assert html < 200_000  # the page itself: no sidebar listing every record
    assert all(url.startswith(server) for url in sizes)
    # Material fetches the sitemap beside any link[rel=alternate] (a translation, to its mind): not the feed's.
    assert not [url for url in sizes if "sitemap" in url]
