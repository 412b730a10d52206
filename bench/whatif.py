"""What the cheapest render fixes would buy, measured before anyone writes them.

    python -m bench.whatif compare --size 2000 [--rounds 3] [--code DIR]
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
* months:  `calendar.month_name` as a plain tuple (the default one calls strftime per lookup);
* translate, reuse: `text` and `prose` as above without the memo (synthetic text repeats more
           than real text does, so the memo's gain there is an upper bound).

`compare` runs unpatched and patched cold generates in interleaved rounds (median and min, since
the machine is shared) and checks that every patched output is byte-identical to the unpatched
one. Nothing under generator/ is changed; this is evidence for the optimisation, not the
optimisation. The patches replace helpers of the generator as it was at commit 818d825, before
the optimisations of b91b3a6 (which made `text` a translate table and `prose` one Markdown
instance); on later code some of what they replace is gone: use `--code` with an export of
818d825 (`git archive 818d825 | tar -x -C DIR`).
"""

from __future__ import annotations

import calendar
import functools
import posixpath
import sys

import generator.markup as markup

PATCHES = ("text", "prose", "relpath", "months")
MEMO = functools.lru_cache(maxsize=None)


def patch_text(memo=MEMO) -> None:
    table: dict[int, str] = {ord(c): f"&#{ord(c)};" for c in markup._ESCAPED}
    for code in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):  # category Cc is exactly these
        if chr(code) != "\t":
            table.setdefault(code, "&#xFFFD;")
    for c in markup._LINE_BREAKS:
        table[ord(c)] = "<br>"
    svg_table = {**table, **{ord(c): " " for c in markup._LINE_BREAKS}}
    bidi = markup._BIDI_CONTROLS

    @memo
    def text(value: str, svg: bool = False) -> str:
        value = value.replace("\r\n", "\n")
        if svg:
            return value.translate(svg_table)
        escaped = value.translate(table)
        if bidi.intersection(value):
            escaped = f"<bdi>{escaped}</bdi>"
        return escaped

    markup.text = text


def patch_prose(memo=MEMO) -> None:
    import markdown
    import nh3

    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")

    @memo
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


def patch_translate() -> None:
    """`text` without the memo: the translate table alone."""
    patch_text(memo=lambda f: f)


def patch_reuse() -> None:
    """`prose` without the memo: the single Markdown instance alone."""
    patch_prose(memo=lambda f: f)


def compare(argv: list[str]) -> int:
    """Cold generates with each set of patches, interleaved; checks the outputs are identical."""
    import argparse
    import filecmp
    import json
    import shutil
    import statistics
    import tempfile
    from pathlib import Path

    import bench.run as bench_run

    parser = argparse.ArgumentParser(prog="python -m bench.whatif compare")
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--variants", default="none,translate+reuse+relpath+months,text+prose+relpath+months")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "who-says-what-bench")
    parser.add_argument("--code", type=Path, default=bench_run.ROOT)
    args = parser.parse_args(argv)
    bench_run.CODE = args.code.resolve()
    content, _, _ = bench_run.content_for(args.workdir, args.size, args.seed, fresh=False)
    root = args.workdir / f"whatif-{args.size}"
    root.mkdir(parents=True, exist_ok=True)
    variants = [v for v in args.variants.split(",") if v]
    results: dict[str, list[dict]] = {v: [] for v in variants}
    for round_ in range(args.rounds):
        for variant in variants:
            docs = root / f"docs-{variant}"
            shutil.rmtree(docs, ignore_errors=True)
            config = bench_run.write_config(root, docs)
            command = ["generate", "--content", str(content), "--out", str(docs), "--config", str(config), "--today", bench_run.TODAY]
            if variant == "none":
                command = [bench_run.PYTHON, "-m", "bench.stages"] + command
            else:
                command = [bench_run.PYTHON, "-m", "bench.whatif", "--patch", variant.replace("+", ",")] + command
            done = bench_run.run(command)
            if done.status:
                bench_run.fail(variant, done)
            stages = json.loads(done.stdout.strip().splitlines()[-1])
            results[variant].append({"wall": done.seconds, "cpu": done.user + done.system, **stages})
            print(f"round {round_ + 1} {variant:34} wall {done.seconds:6.2f} s, CPU {done.user + done.system:6.2f} s, render {stages.get('render', 0):6.2f} s", file=sys.stderr)
    baseline = root / f"docs-{variants[0]}"
    print(f"cold generate, N={args.size}, {args.rounds} interleaved rounds; median (min) in seconds")
    print(f"{'variant':34} {'wall':>14} {'CPU':>14} {'load':>12} {'validate':>12} {'render':>14}  output")
    for variant in variants:
        rows = results[variant]

        def cell(key: str, width: int, rows: list = rows) -> str:
            values = [r.get(key, 0.0) for r in rows]
            return f"{statistics.median(values):.1f} ({min(values):.1f})".rjust(width)

        mismatch = filecmp.dircmp(baseline, root / f"docs-{variant}")
        same = "identical" if _identical(mismatch) else "DIFFERS from " + variants[0]
        print(f"{variant:34} {cell('wall', 14)} {cell('cpu', 14)} {cell('load', 12)} {cell('validate', 12)} {cell('render', 14)}  {same}")
    return 0


def _identical(comparison) -> bool:
    import filecmp

    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(_identical(sub) for sub in comparison.subdirs.values())


def main() -> int:
    argv = sys.argv[1:]
    if argv[:1] == ["compare"]:
        return compare(argv[1:])
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
