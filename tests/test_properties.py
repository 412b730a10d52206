"""Properties over arbitrary text (Hypothesis): whatever a record says, the page shows it and gains nothing."""

from __future__ import annotations

import collections
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import markup
from tests.conftest import html_of, site_markdown, visible
from tests.pages import parse

PAGES = ("explainers/who-says-x/index.md", "actors/kremlin/index.md", "sources/index.md", "index.md", "explainers/index.md")
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80).filter(lambda t: t.strip())


def shape(html: str) -> tuple[collections.Counter, set[str]]:
    """The elements and attribute names of a page, and its links (not anchors within it)."""
    page = parse(html)
    elements = collections.Counter(
        (e.tag, tuple(sorted(e.attrs))) for e in page.elements if e.tag not in ("br", "bdi")
    )
    links = {e.attrs["href"] for e in page.elements if e.attrs.get("href") and not e.attrs["href"].startswith("#")}
    return elements, links


def pages_for(text: str) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        rendered = site_markdown(Path(tmp), text)
    return {name: html_of(rendered[name]) for name in PAGES}


BASELINE = None


def baseline() -> dict[str, tuple]:
    global BASELINE
    if BASELINE is None:
        BASELINE = {name: shape(html) for name, html in pages_for("plain").items()}
    return BASELINE


@settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_appears_verbatim_and_adds_no_element_attribute_or_link(text: str):
    for name, html in pages_for(text).items():
        assert shape(html) == baseline()[name], name
        if name in PAGES[:3]:
            assert visible(text) in parse(html).visible_text, name


TOKENS = list("<>[]()!*_`#|{}:=/\"' \n-ab") + [
    "javascript:", "https://x.example", "<img src=x>", "<a href=", "onerror=", "<script>", "data:", "](", "![",
]
MARKDOWN = st.lists(st.sampled_from(TOKENS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(MARKDOWN)
def test_editor_markdown_keeps_only_safe_elements_and_web_links(source: str):
    page = parse(markup.prose(source))
    for element in page.elements:
        assert element.tag in {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}, element
        allowed = {"href", "rel"} if element.tag == "a" else set()
        assert set(element.attrs) <= allowed, element
        if "href" in element.attrs:
            assert element.attrs["href"].startswith(("https://", "http://")), element


PLAIN_WORDS = st.lists(
    st.sampled_from(["word", "Слово", "x", "42", " ", "  ", ",", ".", ";", ":", "'", '"', "?", "!", "(", ")", "-", "/",
                     "%", "\n", "\n\n", "1.", "- ", "* ", "a  \n", "–", "—", "…", "“", "”", "‘", "’", "«", "»"]),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(PLAIN_WORDS)
def test_the_fast_path_for_plain_prose_renders_what_markdown_renders(source: str):
    fast = markup.prose(source)
    assert fast == markup._convert(source)
