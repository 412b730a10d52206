"""Third-party text and editor prose, made safe to place in the generated Markdown.

Two kinds of text reach a page:

* Text (quotes, titles, names) is shown exactly as written. `text()` writes every ASCII
  punctuation character as a numeric character reference, so neither Markdown, nor HTML, nor
  any pymdownx syntax (`--8<--`, `{ attr }`, `[ref]: url`, `|`) can see it, and the result reads
  the same in a Markdown paragraph, a table cell, a heading or a raw HTML block.
* Markdown (summaries, notes) is rendered here, not by MkDocs, with raw HTML switched off, and
  then passes an allowlist sanitizer (nh3): only http(s) links survive, and no images (they
  would make readers' browsers call third parties). It is placed in the page as a raw HTML block.
"""

from __future__ import annotations

import html
import string
import unicodedata

import markdown
import nh3

_ESCAPED = frozenset(string.punctuation) - frozenset(",;?'\"")
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _char(c: str) -> str:
    if c in _ESCAPED:
        return f"&#{ord(c)};"
    if c in _LINE_BREAKS:
        return "<br>"
    if unicodedata.category(c) == "Cc" and c != "\t":
        return "&#xFFFD;"  # a control character has no visible form; show that one was there
    return c


def text(value: str, svg: bool = False) -> str:
    """Plain text for any place in a generated page: shown verbatim, never interpreted.

    Inside SVG (`svg=True`) there are no line breaks or <bdi>: lines are joined with spaces,
    and each SVG text element already keeps its direction overrides to itself.
    """
    value = value.replace("\r\n", "\n")
    if svg:
        return "".join(" " if c in _LINE_BREAKS else _char(c) for c in value)
    escaped = "".join(map(_char, value))
    if _BIDI_CONTROLS.intersection(value):
        # Keep direction overrides from spilling into the text around them.
        escaped = f"<bdi>{escaped}</bdi>"
    return escaped


def attribute(value: str) -> str:
    """A value for a double-quoted HTML attribute (URLs the validator has already checked)."""
    return html.escape(value, quote=True)


_ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr"}


def _only_web_links(tag: str, attr: str, value: str) -> str | None:
    if tag == "a" and attr == "href":
        return value if value.lower().startswith(("https://", "http://")) else None
    return value


def prose(source: str) -> str:
    """Editor Markdown as sanitized HTML, on as few lines as possible, without blank lines."""
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    rendered = md.convert(source)
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        attribute_filter=_only_web_links,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # A blank line would end the raw HTML block in the Markdown page.
    return "\n".join(line for line in clean.splitlines() if line.strip())


def plain(source: str) -> str:
    """Editor Markdown reduced to its text, for descriptions and feed summaries."""
    return html.unescape(" ".join(nh3.clean(prose(source), tags=set()).split()))
