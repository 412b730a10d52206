"""Rendering: golden Markdown for the fixture site, and the escaping rules that keep text inert."""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import markup, urls
from generator.build import generate
from generator.pages import home
from tests.conftest import ROOT, TODAY, generated
from tests.golden import FIXTURE, GOLDEN, generate_fixture


def test_fixture_site_matches_golden_markdown(tmp_path: Path):
    result = generate_fixture(tmp_path)
    assert result.site is not None, result.diagnostics
    produced = {
        p.relative_to(tmp_path).as_posix(): p.read_bytes()
        for p in tmp_path.rglob("*")
        if p.is_file() and not p.relative_to(tmp_path).as_posix().startswith(".cache/")
    }
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(produced) == sorted(expected)
    for name in expected:
        assert produced[name].decode() == expected[name].decode(), f"{name} differs; run `make golden` and review"


def test_generate_rewrites_only_what_changed(tmp_path: Path):
    first = generate(FIXTURE, ROOT / "site_config.yml", tmp_path, TODAY)
    assert "explainers/who-says-the-bridge-fell/index.md" in first.changed
    (tmp_path / "stale.md").write_text("left over from a deleted record")
    again = generate(FIXTURE, ROOT / "site_config.yml", tmp_path, TODAY)
    assert again.changed == ("stale.md",)
    assert not (tmp_path / "stale.md").exists()


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{ onclick=alert(1) }",
        "[m]: https://evil.example",
        '--8<-- ".git/config"',
        "| a | b |",
        "# heading",
        "`code` **bold** _em_",
        "---",
        "1. list",
        "&amp; &lt;",
        "\\*not emphasis\\*",
    ],
)
def test_text_escapes_every_markup_character(hostile: str):
    escaped = markup.text(hostile)
    bare = re.sub(r"&#\d+;", "", escaped)
    # What opens HTML or inline Markdown; line-start syntax (`- `, `1. `, `---`) needs none: record
    # text never starts a Markdown line (tests/test_properties.py renders arbitrary text everywhere).
    assert not set(bare) & set("<>[]{}|#`*_=&!\\")
    assert html.unescape(escaped) == hostile


def test_text_keeps_line_breaks_and_isolates_bidi():
    assert markup.text("a\nb") == "a<br>b"
    assert markup.text("abc\u202edef") == "<bdi>abc\u202edef</bdi>"
    assert markup.text("a\x01b") == "a&#xFFFD;b"


def test_prose_drops_raw_html_and_unsafe_links():
    rendered = markup.prose(
        "Hi <script>alert(1)</script> [x](javascript:alert(1)) [y](https://ok.example) ![i](https://t.example/p.png)"
    )
    assert rendered == (
        '<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; <a rel="noopener noreferrer nofollow">x</a>'
        ' <a href="https://ok.example" rel="noopener noreferrer nofollow">y</a> </p>'
    )


def test_claim_review_cannot_close_its_script(tmp_path: Path):
    from generator.claimreview import script_json

    encoded = script_json({"claimReviewed": "</script><script>alert(1)</script><!--"})
    assert "<" not in encoded and ">" not in encoded
    assert json.loads(encoded) == {"claimReviewed": "</script><script>alert(1)</script><!--"}


def test_the_front_page_lists_the_latest_explainers_of_each_status(tmp_path: Path, monkeypatch):
    """A newsroom's archive grows; the front page keeps the latest few per status and links the rest."""
    monkeypatch.setattr(home, "LATEST", 1)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    bridge = (content / "explainers/who-says-the-bridge-fell.yml").read_text()
    (content / "explainers/who-says-the-road-fell.yml").write_text(
        bridge.replace("question: Who says the bridge fell?", "question: Who says the road fell?").replace("related: [who-says-the-ferry-sank]\n", "")
    )
    front = generated(content, tmp_path / "docs")["index.md"].decode()
    contested = front.split("## Contested (2)")[1].split("##")[0]
    assert contested.count('<li><a href="explainers/who-says-the-') == 1
    assert '<li>1 more, in <a href="explainers/">all explainers</a></li>' in contested
    assert "more, in" not in front.split("## False (1)")[1]


def test_a_quote_shows_only_its_translation_into_the_default_language(tmp_path: Path):
    """A translation without English text (allowed for an English quote) never stands in for one."""
    from tests.conftest import MINIMAL, write_content

    explainer = textwrap.dedent(MINIMAL["explainers/who-says-x.yml"])
    shown = []
    for number, lines in enumerate((
        "    quote_lang: ru\n    translation: {uk: Це сталося}",
        "    translation: {uk: Це сталося, ru: Это случилось}",
        "    quote_lang: ru\n    translation: {en: It happened, uk: Це сталося}",
    )):
        quoted = explainer.replace("quote: X happened.", "quote: X happened.\n" + lines, 1)
        content = write_content(tmp_path / str(number), {**MINIMAL, "explainers/who-says-x.yml": quoted})
        page = generated(content, tmp_path / f"docs{number}")["explainers/who-says-x/index.md"].decode()
        shown.append([html.unescape(line) for line in page.splitlines() if "Quote in" in line or "Це" in line or "Это" in line])
    assert shown == [["<p><em>Quote in Russian.</em></p>"], [], ["<p><em>Quote in Russian.</em> Translation: It happened</p>"]]


def test_an_actor_s_other_names_are_each_listed_once(tmp_path: Path):
    """An outlet's name is the same in every language, and aliases repeat translated names for search."""
    from tests.conftest import MINIMAL, write_content

    kremlin = "name: {en: Kremlin, uk: Кремль, ru: Кремль}\nkind: government\naffiliation: russia\naliases: [Kremlin, Кремль, Kreml]\n"
    content = write_content(tmp_path, {**MINIMAL, "actors/kremlin.yml": kremlin, "actors/general-staff.yml": MINIMAL[
        "actors/general-staff.yml"].replace("name: General Staff", "name: {en: General Staff, uk: General Staff}")})
    pages = generated(content, tmp_path / "docs")
    known = [html.unescape(line) for line in pages["actors/kremlin/index.md"].decode().splitlines() if "Also known as" in line]
    assert known == ["<p><strong>Also known as:</strong> Кремль, Kreml</p>"]
    assert "Also known as" not in pages["actors/general-staff/index.md"].decode()


def test_related_explainers_are_listed_both_ways(tmp_path: Path):
    """An explainer lists the explainers that name it as related, as well as those it names."""
    from tests.conftest import MINIMAL, write_content

    other = MINIMAL["explainers/who-says-x.yml"].replace("question: Who says X?", "question: Who says Y?").rstrip(" ") + (
        "        related: [who-says-x]\n"
    )
    content = write_content(tmp_path, {**MINIMAL, "explainers/who-says-y.yml": other})
    pages = generated(content, tmp_path / "docs")
    assert '<li><a href="../who-says-y/">Who says Y?</a></li>' in pages["explainers/who-says-x/index.md"].decode()
    assert '<li><a href="../who-says-x/">Who says X?</a></li>' in pages["explainers/who-says-y/index.md"].decode()


def test_claim_review_types_people_as_people_and_links_the_methodology(tmp_path: Path):
    """ClaimReview's claim author is a Person for an actor who is one individual (`person: true`,
    or kind person), else an Organization; every explainer links the statuses' explanation."""
    from tests.conftest import MINIMAL, write_content

    def author(actor: str) -> str:
        content = write_content(tmp_path / actor[:8], {**MINIMAL, "actors/kremlin.yml": actor})
        page = generated(content, tmp_path / actor[:8] / "docs")["explainers/who-says-x/index.md"].decode()
        assert '<a href="../../about/#methodology">What the statuses mean</a>' in page
        review = json.loads(json.loads(re.search(r"^claim_review: (.*)$", page, re.M).group(1)))
        return review["itemReviewed"]["author"]["@type"]

    assert author("name: Kremlin\nkind: government\naffiliation: russia\n") == "Organization"
    assert author("name: Putin\nkind: official\naffiliation: russia\nperson: true\n") == "Person"
    assert author("name: Someone\nkind: person\naffiliation: russia\n") == "Person"


@given(st.lists(st.sampled_from(["a", "b", "index.md", "x.md", "c"]), min_size=1, max_size=4),
       st.lists(st.sampled_from(["a", "b", "index.md", "y.md", "c"]), min_size=1, max_size=4))
def test_a_link_between_two_pages_is_the_shortest_relative_address(path: list[str], page: list[str]):
    """`urls.relative` is posixpath.relpath between the two addresses (a page's is a folder), as short
    as it gets; computed without it (relpath asks for the working directory on every call)."""
    path_, page_ = "/".join(path), "/".join(page)
    target, here = urls.url(path_), urls.url(page_)
    expected = posixpath.relpath(target or ".", here.rstrip("/") or ".")
    expected = "./" if expected == "." else expected + "/" if target.endswith("/") or not target else expected
    assert urls.relative(path_, page_) == expected
    assert urls.relative("explainers/x/index.md", "explainers/y/index.md") == "../x/"


def test_a_name_shown_is_not_repeated_among_its_other_names():
    """An actor's or a place's other names: its names in the other languages and its aliases,
    each once, never the name the page shows."""
    uk = (GOLDEN / "uk/explainers/who-says-the-bridge-fell/index.md").read_text(encoding="utf-8")
    assert "<p>Україна · уряд · інакше Ministry of Bridges, MoB</p>" in uk
    en = (GOLDEN / "explainers/who-says-the-bridge-fell/index.md").read_text(encoding="utf-8")
    assert "<p>Ukraine · government · also known as Міністерство мостів, MoB</p>" in en


def test_an_actors_page_quotes_in_the_quotes_language_and_never_twice(tmp_path: Path):
    """A quote that carries its own quotation marks («…») is not quoted again; each quote is marked
    with its language (the statement's, else its source's)."""
    from tests.conftest import MINIMAL, write_content

    explainer = textwrap.dedent(MINIMAL["explainers/who-says-x.yml"]).replace("quote: X happened.", "quote: «Х сталося.»\n    quote_lang: ru")
    content = write_content(tmp_path, {**MINIMAL, "explainers/who-says-x.yml": explainer})
    page = generated(content, tmp_path / "docs")["actors/kremlin/index.md"].decode()
    assert '<span lang="ru">«Х сталося.»</span>' in page and "“«" not in page


def test_a_tag_shows_its_name_where_site_config_gives_one(tmp_path: Path):
    from tests.conftest import MINIMAL, write_content

    explainer = textwrap.dedent(MINIMAL["explainers/who-says-x.yml"]) + "tags: [donetsk-oblast, unnamed-tag]\n"
    content = write_content(tmp_path, {**MINIMAL, "explainers/who-says-x.yml": explainer})
    pages = {name: page.decode() for name, page in generated(content, tmp_path / "docs").items() if name.endswith(".md")}
    assert '<a href="../../tags/donetsk-oblast/">Donetsk Oblast</a>, <a href="../../tags/unnamed-tag/">unnamed-tag</a>' in pages[
        "explainers/who-says-x/index.md"]
    assert pages["tags/donetsk-oblast/index.md"].split("---\n")[2].lstrip().startswith("# Tag: Donetsk Oblast\n")
