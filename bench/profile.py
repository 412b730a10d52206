"""Where the time goes: cProfile of one cold generate, of one MkDocs render, and MkDocs
configuration variants.

    .venv/bin/python -m bench.profile generate --size 2000   # cProfile of a cold generate
    .venv/bin/python -m bench.profile mkdocs --size 1000     # cProfile of mkdocs build --strict
    .venv/bin/python -m bench.profile variants --size 1000   # mkdocs build without search, nav features, ...

Content comes from the same cache as `bench.run`. The profiles are written next to it
(`<workdir>/profile-<N>/*.prof`, readable with `python -m pstats` or snakeviz) and summarised:
the top functions by cumulative time with their share of the run, the pipeline stages, and
own (tottime) time grouped by package. cProfile slows Python code down by roughly 1.5-2x and C
code not at all, so shares are a guide, not a measurement; bench.run gives the timings.
"""

from __future__ import annotations

import argparse
import copy
import os
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

import bench.run
from bench.run import PYTHON, ROOT, TODAY, content_for, fail, run, write_config

STAGES = [
    ("generator/config.py", "read_settings", "read settings"),
    ("generator/load.py", "read_file", "read and hash the records"),
    ("generator/load.py", "parse_file", "load (YAML to nodes)"),
    ("generator/validate.py", "validate_file", "validate (nodes to records)"),
    ("generator/link.py", "link", "link"),
    ("generator/load.py", "load_pages", "load pages"),
    ("generator/render.py", "plan", "plan (page keys, cache checks)"),
    ("generator/write.py", "write_tree", "render and write (pages, feed, data)"),
]
# inside render: the functions worth knowing about
RENDER_PARTS = [
    ("generator/render.py", "render_page", "render: one page (template + context)"),
    ("generator/chart.py", "chart", "render: chart SVG"),
    ("generator/markup.py", "prose", "markup.prose (Markdown + nh3)"),
    ("generator/markup.py", "text", "markup.text (escaping Text)"),
    ("generator/markup.py", "plain", "markup.plain"),
    ("generator/claimreview.py", "claim_review", "render: ClaimReview JSON-LD"),
    ("generator/feed.py", "feed", "render: feed.xml"),
    ("generator/export.py", "export", "render: data/explainers.json"),
    ("generator/trackrecord.py", "track_record", "render: track_record"),
    ("generator/editions.py", "edition_site", "editions: each edition's site"),
    ("generator/history.py", "read_history", "history: read from git"),
    ("jinja2/environment.py", "get_template", "jinja2 get_template"),
    ("markdown/core.py", "__init__", "markdown.Markdown() construction"),
    ("markdown/core.py", "convert", "markdown convert"),
]


def category(key: tuple[str, int, str]) -> str:
    path, _, name = key
    if path == "~":  # built-ins and C extensions
        for marker, label in (("nh3", "nh3"), ("_yaml", "yaml (libyaml)"), ("markupsafe", "markupsafe"), ("unicodedata", "unicodedata"),
                              ("posix.", "os (system calls)"), ("io.open", "os (system calls)"), ("_io.", "file I/O"), ("_pickle", "pickle")):
            if marker in name:
                return label
        return f"built-in: {name}"
    path = path.replace(os.sep, "/")
    for marker, label in (("/jinja2/", "jinja2"), ("/markupsafe/", "markupsafe"), ("/markdown/", "markdown"), ("/yaml/", "yaml (Python side)"),
                          ("/nh3", "nh3"), ("/mkdocs/", "mkdocs"), ("/material/", "material (mkdocs theme)"), ("/pymdownx/", "pymdownx"),
                          ("/babel/", "babel"), ("/watchdog/", "watchdog")):
        if marker in path:
            return label
    if "/theme/" in path or path.endswith((".md", ".html")) or path.startswith("<template>"):
        return "templates (compiled Jinja)"
    if "/generator/" in path:
        return "generator/" + path.rsplit("/", 1)[-1]
    return "stdlib: " + path.rsplit("/", 1)[-1]


def summarise(prof: Path, wall: float, top: int, stages: bool) -> str:
    stats = pstats.Stats(str(prof))
    table = stats.stats  # (file, line, name) -> (primitive calls, calls, tottime, cumtime, callers)
    total = max(ct for (_, _, _, ct, _) in table.values())  # the outermost frame
    lines = [f"profile {prof}: {total:.1f} s profiled (the run took {wall:.1f} s under cProfile)", ""]

    def find(suffix: str, name: str) -> float | None:
        found = [v[3] for k, v in table.items() if k[0].replace(os.sep, "/").endswith(suffix) and k[2] == name]
        return max(found) if found else None

    if stages:
        lines.append("pipeline stages (cumulative):")
        for suffix, name, label in STAGES + RENDER_PARTS:
            ct = find(suffix, name)
            if ct is not None:
                lines.append(f"  {label:42} {ct:8.2f} s  {ct / total:6.1%}")
        lines.append("")
    lines.append(f"top {top} functions by cumulative time:")
    lines.append(f"  {'cumtime':>8}  {'share':>6}  {'tottime':>8}  {'calls':>10}  function")
    ranked = sorted(table.items(), key=lambda kv: kv[1][3], reverse=True)
    shown = 0
    for (path, line, name), (_, nc, tt, ct, _) in ranked:
        if name in ("<module>", "<built-in method builtins.exec>", "_run_module_as_main", "_run_code", "run", "runctx", "main") and shown == 0 and ct / total > 0.97:
            continue  # the interpreter's wrappers around the whole run
        where = f"{path.replace(str(bench.run.CODE) + '/', '').replace(str(ROOT) + '/', '')}:{line}" if path != "~" else ""
        lines.append(f"  {ct:8.2f}  {ct / total:6.1%}  {tt:8.2f}  {nc:>10,}  {name} {where}".rstrip())
        shown += 1
        if shown >= top:
            break
    groups: dict[str, float] = {}
    for key, (_, _, tt, _, _) in table.items():
        groups[category(key)] = groups.get(category(key), 0.0) + tt
    lines += ["", "own time (tottime) by package:"]
    for name, tt in sorted(groups.items(), key=lambda kv: kv[1], reverse=True)[:top]:
        lines.append(f"  {tt:8.2f} s  {tt / total:6.1%}  {name}")
    return "\n".join(lines)


def prepare(size: int, workdir: Path, seed: int) -> tuple[Path, Path, Path, Path]:
    content, _, _ = content_for(workdir, size, seed, fresh=False)
    root = workdir / f"profile-{size}"
    root.mkdir(parents=True, exist_ok=True)
    docs = root / "docs"
    return content, root, docs, write_config(root, docs)


def generate_command(content: Path, docs: Path, config: Path) -> list[str]:
    return ["generate", "--content", str(content), "--out", str(docs), "--config", str(config), "--today", TODAY]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("generate", "mkdocs", "variants"))
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "who-says-what-bench")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose generator is profiled (as in bench.run)")
    args = parser.parse_args(argv)
    bench.run.CODE = args.code.resolve()
    content, root, docs, config = prepare(args.size, args.workdir, args.seed)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")

    if args.what == "generate":
        shutil.rmtree(docs, ignore_errors=True)
        prof = root / "generate.prof"
        # Not `-m cProfile -m generator`: `python -m generator` ends with os._exit, before cProfile
        # writes its file. One process, so that the profile sees the work forked workers would do.
        code = (
            "import cProfile, os, sys; os.cpu_count = lambda: 1; from generator import cli; "
            "cProfile.runctx('cli.main(sys.argv[2:])', globals(), locals(), sys.argv[1])"
        )
        done = run([PYTHON, "-c", code, str(prof)] + generate_command(content, docs, config))
        if done.status:
            fail("generate under cProfile", done)
        print(f"cold generate, N={args.size}, under cProfile")
        print(summarise(prof, done.seconds, args.top, stages=True))
        return 0

    # the render needs the Markdown: generate it first (not measured)
    done = run([PYTHON, "-m", "generator"] + generate_command(content, docs, config))
    if done.status:
        fail("generate", done)
    if args.what == "mkdocs":
        prof = root / "mkdocs.prof"
        site = root / "site"
        shutil.rmtree(site, ignore_errors=True)
        done = run([PYTHON, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)], env=env)
        if done.status:
            fail("mkdocs under cProfile", done)
        print(f"mkdocs build --strict, N={args.size}, under cProfile")
        print(summarise(prof, done.seconds, args.top, stages=False))
        return 0

    base = yaml.safe_load(config.read_text(encoding="utf-8"))
    pages = sum(1 for _ in docs.rglob("*.md"))

    def without_features(c: dict, prefix: str) -> dict:
        c["theme"]["features"] = [f for f in c["theme"].get("features", []) if not f.startswith(prefix)]
        return c

    variants = {
        "as configured": lambda c: c,
        "no search plugin": lambda c: {**c, "plugins": [p for p in c.get("plugins", []) if p != "search" and not (isinstance(p, dict) and "search" in p)]},
        "no navigation.* features": lambda c: without_features(c, "navigation."),
        "no theme features at all": lambda c: without_features(c, ""),
        "no search, no navigation.*": lambda c: without_features({**c, "plugins": [p for p in c.get("plugins", []) if p != "search" and not (isinstance(p, dict) and "search" in p)]}, "navigation."),
        "link/anchor validation off": lambda c: {**c, "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "ignore", "absolute_links": "ignore"},
            "links": {"not_found": "ignore", "anchors": "ignore", "absolute_links": "ignore", "unrecognized_links": "ignore"},
        }},
        "toc without permalinks": lambda c: {**c, "markdown_extensions": [({"toc": {**e["toc"], "permalink": False}} if isinstance(e, dict) and "toc" in e else e) for e in c["markdown_extensions"]]},
    }
    print(f"mkdocs build --strict of the same {pages:,} pages (N={args.size}) with configuration variants, one run each")
    print(f"{'variant':32} {'wall':>8} {'ms/page':>8} {'user+sys':>9} {'max RSS':>8}  search_index.json")
    for name, change in variants.items():
        variant_dir = root / "variant"
        shutil.rmtree(variant_dir, ignore_errors=True)
        variant_dir.mkdir()
        path = variant_dir / "site_config.yml"
        path.write_text(yaml.safe_dump(change(copy.deepcopy(base)), allow_unicode=True, sort_keys=False), encoding="utf-8")
        site = variant_dir / "site"
        done = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(path), "-d", str(site)], env=env)
        if done.status:
            print(f"{name:32} failed: {(done.stdout + done.stderr)[-400:]}")
            continue
        index = site / "search" / "search_index.json"
        size = f"{index.stat().st_size / 1e6:.1f} MB" if index.exists() else "-"
        print(f"{name:32} {done.seconds:7.1f}s {done.seconds / pages * 1000:8.1f} {done.user + done.system:8.1f}s {done.max_rss_kb / 1024:7.0f}M  {size}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
