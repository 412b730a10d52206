"""What the cheapest render fixes would buy, measured before anyone writes them.

    python -m bench.whatif [--patch text,prose,relpath,months] generate --content DIR --out DIR --config FILE --today 2026-11-24

Runs the real `python -m generator` command line (with bench.stages' stopwatch) after
replacing a few hot helpers, in this process only, with versions meant to give byte-identical
output:

* text:    `markup.text` with one `str.translate` table instead of a Python call per
           character (unicodedata.category), memoised per string;
* prose:   `markup.prose` with one Markdown instance (reset between documents) instead of a new
           one per call, memoised per string (a summary is rendered three times: page, page
           description, feed);
* relpath: `posixpath.relpath` memoised (it calls os.getcwd() every time; the templates' link()
           calls it for every link);
* months:  `calendar.month_name` as a plain tuple (the default one calls strftime per lookup).

Compare the output directory with the one of an unpatched run (`diff -r`) before trusting the
figures. Nothing under generator/ is changed; this is evidence for the optimisation, not the
optimisation.
"""

from __future__ import annotations

import calendar
import functools
import posixpath
import sys

import generator.markup as markup

PATCHES = ("text", "prose", "relpath", "months")


def patch_text() -> None:
    table: dict[int, str] = {ord(c): f"&#{ord(c)};" for c in markup._ESCAPED}
    for code in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):  # category Cc is exactly these
        if chr(code) != "\t":
            table.setdefault(code, "&#xFFFD;")
    for c in markup._LINE_BREAKS:
        table[ord(c)] = "<br>"
    svg_table = {**table, **{ord(c): " " for c in markup._LINE_BREAKS}}
    bidi = markup._BIDI_CONTROLS

    @functools.lru_cache(maxsize=None)
    def text(value: str, svg: bool = False) -> str:
        value = value.replace("\r\n", "\n")
        if svg:
            return value.translate(svg_table)
        escaped = value.translate(table)
        if bidi.intersection(value):
            escaped = f"<bdi>{escaped}</bdi>"
        return escaped

    markup.text = text


def patch_prose() -> None:
    import markdown
    import nh3

    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")

    @functools.lru_cache(maxsize=None)
    def prose(source: str) -> str:
        rendered = md.reset().convert(source)
        clean = nh3.clean(
            rendered,
            tags=markup._ALLOWED_TAGS,
            attributes={"a": {"href"}},
            url_schemes={"http", "https"},
            attribute_filter=markup._only_web_links,
            link_rel="noopener noreferrer nofollow",
            strip_comments=True,
        )
        return "\n".join(line for line in clean.splitlines() if line.strip())

    markup.prose = prose


def patch_relpath() -> None:
    posixpath.relpath = functools.lru_cache(maxsize=None)(posixpath.relpath)


def patch_months() -> None:
    calendar.month_name = tuple(calendar.month_name)


def main() -> int:
    argv = sys.argv[1:]
    chosen = PATCHES
    if argv[:1] == ["--patch"]:
        chosen = tuple(p for p in argv[1].split(",") if p)
        argv = argv[2:]
    for name in chosen:
        globals()[f"patch_{name}"]()
    print(f"patched: {', '.join(chosen) or 'nothing'}", file=sys.stderr)
    from bench import stages

    return stages.main(argv)


if __name__ == "__main__":
    sys.exit(main())
