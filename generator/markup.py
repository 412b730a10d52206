"""Third-party text and editor prose, made safe to place in the generated Markdown.

Two kinds of text reach a page:

* Text (quotes, titles, names) is shown exactly as written. `text()` writes as a numeric
  character reference every character that can open HTML (`<`, `&`) or any inline Markdown
  syntax of the extensions we use (emphasis, code, links and images, escapes, `{ attr }`,
  table cells, a heading's closing `#`), so that neither sees it, and the result reads the same
  in a raw HTML block, a heading or a paragraph. The pages place record text at the start of a
  Markdown line nowhere (line breaks become `<br>`), so block syntax (`- `, `1. `, `---`)
  needs no escaping; ordinary punctuation (`.,:;-()'"?/`) stays as it is, which keeps
  Python-Markdown's inline pass over a page short.
* Markdown (summaries, notes) is rendered here, not by MkDocs, as CommonMark by comrak (Rust)
  with raw HTML shown as text, and then passes an allowlist sanitizer (nh3): only http(s) links
  survive, and no images (they would make readers' browsers call third parties). It is placed in
  the page as a raw HTML block.
"""

from __future__ import annotations

import functools
import html
import re

import comrak
import nh3

_ESCAPED = frozenset("&<>\\`*_[]{}!#|~^=$")
_LINE_BREAKS = "\n\r\x85\u2028\u2029"
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CONTROLS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) != "\t"]

# One translation table does all the escaping in C: punctuation becomes a numeric character
# reference, a line break becomes <br>, and a control character (which has no visible form)
# becomes U+FFFD, so that one can see one was there.
_TABLE = {ord(c): f"&#{ord(c)};" for c in _ESCAPED}
_TABLE.update({ord(c): "&#xFFFD;" for c in _CONTROLS})
_TABLE.update({ord(c): "<br>" for c in _LINE_BREAKS})
_SVG_TABLE = {**_TABLE, **{ord(c): " " for c in _LINE_BREAKS}}


@functools.lru_cache(maxsize=1 << 16)  # names, titles and dates recur on every page that cites them
def text(value: str, svg: bool = False) -> str:
    """Plain text for any place in a generated page: shown verbatim, never interpreted.

    Inside SVG (`svg=True`) there are no line breaks or <bdi>: lines are joined with spaces,
    and each SVG text element already keeps its direction overrides to itself.
    """
    value = value.replace("\r\n", "\n")
    if svg:
        return value.translate(_SVG_TABLE)
    escaped = value.translate(_TABLE)
    if not _BIDI_CONTROLS.isdisjoint(value):
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


def _render_options() -> comrak.RenderOptions:
    options = comrak.RenderOptions()
    options.escape = True  # raw HTML is shown as text, never passed through or dropped
    return options


_RENDER_OPTIONS = _render_options()


# Prose with no Markdown syntax at all: words and ordinary punctuation, each line starting with a
# letter, no trailing double space (a line break in Markdown). Most notes and summaries are like
# this; they become paragraphs directly, exactly as Markdown would render them.
_PLAIN_LINE = re.compile(r"[^\W\d_][\w ,.;:'\"?!()/%\-–—…“”‘’«»]*")


def _is_plain(source: str) -> bool:
    return all(
        not line or _PLAIN_LINE.fullmatch(line) and not line.endswith("  ") for line in source.split("\n")
    )


@functools.lru_cache(maxsize=4096)
def prose(source: str) -> str:
    """Editor Markdown as sanitized HTML, on as few lines as possible, without blank lines."""
    if _is_plain(source):
        paragraphs = (p.strip("\n") for p in re.split(r"\n\n+", source.strip("\n")))
        return "\n".join(f"<p>{p}</p>" for p in paragraphs if p)
    return _convert(source)


def _convert(source: str) -> str:
    clean = nh3.clean(
        comrak.render_markdown(source, render_options=_RENDER_OPTIONS),
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
