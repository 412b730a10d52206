"""A hostile corpus: each case is what an attacker or a careless editor might commit, and what happens.

Either the file is refused with a located error, or its text is shown verbatim with nothing
executable. Page-level cases render the generated Markdown with the site's own Markdown
extensions (the full MkDocs build is in test_build.py).
"""

from __future__ import annotations

import json
import resource
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, html_of, site_markdown, visible
from tests.pages import parse

A = "content/actors/kremlin.yml"
ACTOR = "name: Kremlin\nkind: government\naffiliation: russia\n"

# (case, file content for actors/kremlin.yml, the diagnostics expected for that file)
REFUSED = [
    ("duplicate key", ACTOR + "name: Again\n", [f"{A}:4:1: error: duplicate key 'name' (first defined on line 1) [duplicate-key]"]),
    ("nested duplicate key", "name: {en: A, en: B}\nkind: government\naffiliation: russia\n",
     [f"{A}:1:15: error: duplicate key 'en' (first defined on line 1) [duplicate-key]"]),
    ("self-referencing alias", "a: &a [*a]\n",
     [f"{A}:1:4: error: anchors are not allowed ('&a'); write the value out [yaml-anchor]",
      f"{A}:1:8: error: aliases are not allowed ('*a'); write the value out [yaml-alias]"]),
    ("merge key", ACTOR + "x:\n  <<: {a: 1}\n", [f"{A}:5:3: error: merge keys ('<<') are not allowed; write the keys out [yaml-merge-key]",
                                                 f"{A}:4:1: error: unknown key 'x' in actor [unknown-key]"]),
    ("python tag", "name: !!python/object/apply:os.system ['touch /tmp/pwned']\nkind: government\naffiliation: russia\n",
     [f"{A}:1:7: error: tags are not allowed ('!!python/object/apply:os.system'); remove it [yaml-tag]",
      f"{A}:1:7: error: 'name' must be text or a mapping of languages to text, not a list [wrong-type]"]),
    ("tabs", "name: Kremlin\n\tkind: government\n",
     [f"{A}:2:1: error: invalid YAML: a tab character in the indentation [yaml-syntax]"]),
    ("several documents", ACTOR + "---\n" + ACTOR,
     [f"{A}:4:1: error: a record file holds one YAML document; remove the '---' and what follows or move it to its own file [several-documents]"]),
    ("empty file", "", [f"{A}:1:1: error: file is empty; a record is a mapping of keys to values [empty-file]"]),
    ("comment only", "# nothing\n", [f"{A}:1:1: error: file is empty; a record is a mapping of keys to values [empty-file]"]),
    ("top-level list", "- a\n", [f"{A}:1:1: error: a record must be a mapping of keys to values, not a list [not-a-mapping]"]),
    ("top-level text", "just text\n", [f"{A}:1:1: error: a record must be a mapping of keys to values, not text [not-a-mapping]"]),
    ("Latin-1 bytes", "name: Kreml\xefn\nkind: government\naffiliation: russia\n".encode("latin-1"),
     [f"{A}:1:12: error: invalid UTF-8 byte 0xef; save the file as UTF-8 [not-utf8]"]),
    ("UTF-16", ACTOR.encode("utf-16"), [f"{A}:1:1: error: file is UTF-16; save it as UTF-8 [not-utf8]"]),
    ("NUL", "name: Krem\x00lin\nkind: government\naffiliation: russia\n",
     [f"{A}:1:11: error: invalid YAML: control characters are not allowed [yaml-syntax]"]),
    ("nesting thousands deep", "name: " + "[" * 3000 + "]" * 3000 + "\n",
     [f"{A}:1:1006: error: invalid YAML: exceeded maximum nesting depth (while increasing flow level) [yaml-syntax]"]),
    ("YAML 1.1 boolean in a bool field", ACTOR + "anonymous: yes\n", [f"{A}:4:12: error: 'anonymous' must be true or false, not 'yes' [wrong-type]"]),
    ("quoted boolean", ACTOR + 'anonymous: "true"\n', [f"{A}:4:12: error: 'anonymous' must be true or false, not 'true' [wrong-type]"]),
]


@pytest.mark.parametrize("case, text, expected", REFUSED, ids=[c[0] for c in REFUSED])
def test_refused_with_a_located_error(problems, case, text, expected):
    found = [p for p in problems({"actors/kremlin.yml": text}) if p.startswith(A)]
    assert sorted(found) == sorted(expected)


def test_a_50_mb_file_is_refused_before_parsing(problems):
    assert problems({"actors/kremlin.yml": b"name: " + b"x" * 50_000_000 + b"\n"}) == [
        f"{A}:1:1: error: file is 50,000,007 bytes; records are limited to 1,000,000 bytes [file-too-large]"
    ]


def test_alias_bomb_is_refused_without_expanding(problems):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found = problems({"actors/kremlin.yml": "\n".join(lines) + "\n"})
    assert found[0] == f"{A}:1:5: error: anchors are not allowed ('&a0'); write the value out [yaml-anchor]"
    assert len(found) == 12 + 11 * 9  # every anchor and alias, each once: nothing was expanded
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KB; 9**11 nodes would be terabytes


@pytest.mark.parametrize(
    "ref, message",
    [
        ("../../etc/passwd", "invalid actor id '../../etc/passwd'; ids are lowercase words joined by hyphens, like 'donetsk-oblast'"),
        ("Kremlin", "invalid actor id 'Kremlin'; ids are lowercase words joined by hyphens, like 'donetsk-oblast'"),
        ("kremlin/../x", "invalid actor id 'kremlin/../x'; ids are lowercase words joined by hyphens, like 'donetsk-oblast'"),
    ],
)
def test_references_cannot_escape(problems, ref, message):
    text = MINIMAL["explainers/who-says-x.yml"].replace("by: kremlin", f"by: {json.dumps(ref)}")
    assert problems({"explainers/who-says-x.yml": text}) == [f"content/explainers/who-says-x.yml:7:9: error: {message} [invalid-id]"]


def test_file_names_that_clash_by_case_or_are_reserved(problems):
    assert problems({"actors/KREMLIN.yml": ACTOR, "explainers/index.yml": MINIMAL["explainers/who-says-x.yml"]}) == [
        "content/actors/KREMLIN.yml:1:1: error: invalid actor id 'KREMLIN'; a file name is lowercase words joined by"
        " hyphens, like 'who-says-pokrovsk-fell.yml' [invalid-file-name]",
        "content/explainers/index.yml:1:1: error: 'index' is reserved; choose another explainer id [reserved-id]",
    ]


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)",
            "//evil.example/x", "https:evil.example", " https://evil.example", "https://evil.example/\u202e"],
)
def test_only_absolute_web_urls(problems, url):
    text = MINIMAL["sources/kremlin-statement.yml"].replace("https://example.org/statement", json.dumps(url))
    found = problems({"sources/kremlin-statement.yml": text})
    assert found == [f"content/sources/kremlin-statement.yml:5:6: error: 'url' must be an absolute http or https URL, not '{url}' [invalid-url]"]


# Text that must come out as text, in any Text field.
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "{ onclick=alert(1) }",
    "x{: onclick=alert(1) }",
    "[m]: https://evil.example",
    "[click][m]",
    '--8<-- ".git/config"',
    "--8<-- \".env\"",
    "| a | b |",
    "# not a heading",
    "> not a quote",
    "---",
    "`code` and ``` fences",
    "</script><script>alert(1)</script>",
    "NO on 12:30 0777 0x1F 2025-12-01",
    "a\u0085b\u2028c\x7fd",
    "abc\u202edef",
    "*not emphasis* _nor this_ ~~nor~~ ==this== ^^that^^",
    "<!-- comment --> &amp; &lt;",
    "https://autolink.example <https://evil.example>",
]




@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_fields_show_payloads_verbatim_and_inert(tmp_path: Path, payload: str):
    pages = site_markdown(tmp_path, payload)
    for name in ("explainers/who-says-x/index.md", "actors/kremlin/index.md", "sources/index.md"):
        page = parse(html_of(pages[name]))
        for element in page.elements:
            assert element.tag not in ("script", "img", "iframe", "style", "meta", "object", "embed"), (name, element)
            assert not [a for a in element.attrs if a.startswith("on") or a in ("style",)], (name, element)
            href = element.attrs.get("href") or ""
            assert "evil.example" not in href, (name, element)
        assert visible(payload) in page.visible_text, name
    explainer = parse(html_of(pages["explainers/who-says-x/index.md"]))
    assert explainer.visible_text.count(visible(payload)) >= 8
    assert visible(explainer.find("h1").text) == visible(payload)
