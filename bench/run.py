"""Whole-process timings of the generator and the MkDocs render on synthetic content.

    .venv/bin/python -m bench.run [--sizes 100,1000,10000] [--runs 3] [--render-all]

For each size N it writes (or reuses) synthetic content with N explainers
(`bench/synthetic.py`), then measures each phase as a separate process, wall clock, and
reports the median, min and max over the runs and the peak memory of the process:

* parse floor: read every record file and run libyaml's event parser over it
  (`yaml.parse(text, Loader=yaml.CSafeLoader)`, all events consumed), what
  `generator/load.py` does before building its nodes; nothing else;
* imports: `python -c "import generator.cli"`, the fixed start-up cost of every command;
* cold generate: `python -m generator generate` into an empty directory;
* edit generate: the same again into the same directory after changing one quote in one
  explainer, with the number of files whose bytes and whose mtimes changed;
* render: `python -m mkdocs build --strict` of the generated Markdown alone, per page, with
  the size of the search index and of an explainer page.

Peak memory is the measured process's own maximum resident set size, from GNU
`/usr/bin/time -f %M` (the "Maximum resident set size" of `time -v`); without GNU time it
falls back to `ru_maxrss` from `os.wait4`.

Defaults keep the whole run near 15 minutes on 2 cores: sizes above --large-above (2000) run
--large-runs times (1), not --runs, and the MkDocs render is measured only up to
--skip-render-above (2000) unless --render-all. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench import synthetic

ROOT = Path(__file__).resolve().parent.parent
CODE = ROOT  # the generator being measured: this checkout, or another one given with --code
TODAY = "2026-11-24"
PYTHON = sys.executable

# The parse floor, as its own process: read and event-parse every record, nothing else.
FLOOR = r"""
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
files = events = 0
for kind in ("explainers", "actors", "sources"):
    for path in sorted((root / kind).iterdir()):
        if path.suffix != ".yml":
            continue
        text = path.read_bytes().decode("utf-8")
        for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
            events += 1
        files += 1
print(files, events)
"""


@dataclass
class Process:
    seconds: float
    status: int
    max_rss_kb: int
    user: float
    system: float
    stdout: str
    stderr: str


TIME = shutil.which("time", path="/usr/bin:/bin")
MEMORY_METHOD = (
    "max RSS by /usr/bin/time -f %M (GNU time: ru_maxrss of the command)"
    if TIME
    else "max RSS by os.wait4 (ru_maxrss; may include the benchmark's own memory copied at fork)"
)


def run(command: list[str], env: dict[str, str] | None = None) -> Process:
    """Run a command to completion: wall clock, CPU time and peak memory of the process.

    The peak memory comes from GNU time, which forks the command from its own small process:
    ru_maxrss of a child forked straight from this (larger) Python process can count pages
    it shared with us before exec.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        wrapped = [TIME, "-f", "%M", "-o", rss.name] + command if TIME else command
        began = time.perf_counter()
        env = dict(env or os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])  # for bench.*
        child = subprocess.Popen(wrapped, cwd=CODE, stdout=out, stderr=err, env=env)  # cwd first on sys.path: CODE's generator
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        measured = rss.read().strip().splitlines()
        return Process(
            seconds,
            child.returncode,
            int(measured[-1]) if TIME and measured and measured[-1].isdigit() else usage.ru_maxrss,  # kilobytes
            usage.ru_utime,
            usage.ru_stime,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def fingerprint() -> str:
    """A short hash of the code and templates being measured (they may change under us)."""
    digest = hashlib.sha256()
    paths = sorted((CODE / "generator").rglob("*.py")) + sorted((CODE / "theme").rglob("*"))
    for path in paths + [CODE / "site_config.yml"]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(CODE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def hidden(path: Path, root: Path) -> bool:
    """A file under a dot-directory or named with a dot (the generator's cache): not part of the site."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def snapshot(root: Path) -> dict[str, tuple[int, str]]:
    """Every file under root: (mtime in ns, sha256 of its bytes)."""
    files = {}
    for path in root.rglob("*"):
        if path.is_file():
            files[path.relative_to(root).as_posix()] = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return files


def tree_size(root: Path, pattern: str = "*", hidden_too: bool = False) -> tuple[int, int]:
    count = size = 0
    for path in root.rglob(pattern):
        if path.is_file() and (hidden_too or not hidden(path, root)):
            count += 1
            size += path.stat().st_size
    return count, size


# ---------------------------------------------------------------- set-up


def content_for(workdir: Path, size: int, seed: int, fresh: bool) -> tuple[Path, float, dict]:
    """The synthetic content for `size`, written once and reused while bench/synthetic.py is unchanged."""
    version = hashlib.sha256(Path(synthetic.__file__).read_bytes()).hexdigest()[:10]
    content = workdir / f"content-{size}-seed{seed}-{version}"
    stats_file = content / ".stats.json"
    restore_edit(content)
    if fresh and content.exists():
        shutil.rmtree(content)
    if stats_file.is_file():
        return content, 0.0, json.loads(stats_file.read_text())
    partial = content.with_name(content.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    # in its own process, so that this one stays small (see `run`)
    made = run([PYTHON, "-m", "bench.synthetic", str(size), str(partial), "--seed", str(seed)])
    if made.status:
        fail("bench.synthetic", made)
    seconds = made.seconds
    stats = json.loads(made.stdout)
    (partial / ".stats.json").write_text(json.dumps(stats))
    partial.rename(content)
    return content, seconds, stats


def write_config(root: Path, docs: Path, config: dict | None = None) -> Path:
    """site_config.yml with docs_dir and theme.custom_dir absolute (as tests/conftest.py does)."""
    if config is None:
        config = yaml.safe_load((CODE / "site_config.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(CODE / "theme")
    path = root / "site_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


QUOTE_LINE = re.compile(r"^    quote: .*$", re.MULTILINE)


def edit_target(content: Path) -> Path:
    """An explainer near the middle of the sorted list that has a quote."""
    files = sorted((content / "explainers").glob("*.yml"))
    middle = len(files) // 2
    for path in files[middle:] + files[:middle]:
        if QUOTE_LINE.search(path.read_text(encoding="utf-8")):
            return path
    raise SystemExit("no explainer with a quote to edit")


def apply_edit(path: Path, run: int) -> None:
    backup = path.parent.parent / ".edit-backup"
    backup.write_text(json.dumps({"path": path.name, "text": path.read_text(encoding="utf-8")}), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    edited = QUOTE_LINE.sub(f'    quote: "Edited for benchmark run {run + 1}: the defence of the town continues."', text, count=1)
    path.write_text(edited, encoding="utf-8")


def restore_edit(content: Path) -> None:
    backup = content / ".edit-backup"
    if backup.is_file():
        saved = json.loads(backup.read_text(encoding="utf-8"))
        (content / "explainers" / saved["path"]).write_text(saved["text"], encoding="utf-8")
        backup.unlink()


# ---------------------------------------------------------------- measuring


@dataclass
class Size:
    n: int
    stats: dict
    runs: int
    render: bool
    results: dict[str, list[Process]] = field(default_factory=dict)
    facts: dict = field(default_factory=dict)

    def add(self, phase: str, process: Process) -> None:
        self.results.setdefault(phase, []).append(process)


def fail(phase: str, process: Process) -> None:
    print(f"\n{phase} failed with exit status {process.status}:\n{process.stdout[-3000:]}{process.stderr[-3000:]}", file=sys.stderr)
    raise SystemExit(1)


CHANGED = re.compile(r"(\d+) file\(s\) changed")


def discard(path: Path, workdir: Path) -> None:
    """Move `path` out of the way, to be deleted when the benchmark ends (`empty_trash`).

    Deleting thousands of files just before a cold run slowed that run down: ext4 then searches
    past the inodes it freed a moment ago for every new file (in `perf`, find_inode_bit and
    recently_deleted; 2 to 4 s of system time instead of 1 s at N = 2,000). A rename costs
    nothing and every run starts alike."""
    if path.exists():
        trash = workdir / "trash"
        trash.mkdir(exist_ok=True)
        os.rename(path, tempfile.mkdtemp(dir=trash))


def empty_trash(workdir: Path) -> None:
    """At the end (also what an interrupted benchmark left)."""
    shutil.rmtree(workdir / "trash", ignore_errors=True)


def measure(size: Size, content: Path, workdir: Path, stages: bool) -> None:
    root = workdir / f"run-{size.n}"
    discard(root, workdir)
    root.mkdir(parents=True)
    docs = root / "docs"
    config = write_config(root, docs)
    generate = [PYTHON, "-m", "generator", "generate", "--content", str(content), "--out", str(docs), "--config", str(config), "--today", TODAY]
    render_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    target = edit_target(content)
    size.facts["edited"] = f"explainers/{target.name}"
    size.facts["load"] = [os.getloadavg()[0]]
    size.facts["code"] = [fingerprint()]

    for run_index in range(size.runs):
        step = f"  N={size.n} run {run_index + 1}/{size.runs}:"
        print(f"{step} parse floor", end="", flush=True, file=sys.stderr)
        floor = run([PYTHON, "-c", FLOOR, str(content)])
        if floor.status:
            fail("parse floor", floor)
        size.add("floor", floor)
        size.facts["files_events"] = floor.stdout.split()

        print(", imports", end="", flush=True, file=sys.stderr)
        imports = run([PYTHON, "-c", "import generator.cli"])
        if imports.status:
            fail("imports", imports)
        size.add("imports", imports)

        print(", cold generate", end="", flush=True, file=sys.stderr)
        discard(docs, workdir)
        cold = run(generate)
        if cold.status:
            fail("cold generate", cold)
        size.add("cold", cold)
        count, total = tree_size(docs)
        pages, _ = tree_size(docs, "*.md")
        every, every_bytes = tree_size(docs, hidden_too=True)
        size.facts.update(out_files=count, out_bytes=total, md_pages=pages, cache_files=every - count, cache_bytes=every_bytes - total)
        printed = CHANGED.search(cold.stderr)
        size.facts["cold_printed"] = printed.group(0) if printed else cold.stderr.strip()[-200:]

        print(", edit generate", end="", flush=True, file=sys.stderr)
        before = snapshot(docs)
        apply_edit(target, run_index)
        try:
            edit = run(generate)
        finally:
            restore_edit(content)
        if edit.status:
            fail("edit generate", edit)
        size.add("edit", edit)
        after = snapshot(docs)
        site_files = {k for k in before.keys() | after.keys() if not k.startswith(".") and "/." not in k}
        before_site = {k: v for k, v in before.items() if k in site_files}
        after_site = {k: v for k, v in after.items() if k in site_files}
        size.facts["edit_bytes_changed"] = sorted(k for k in after_site if k in before_site and after_site[k][1] != before_site[k][1])
        size.facts["edit_mtime_changed"] = sorted(k for k in after_site if k in before_site and after_site[k][0] != before_site[k][0])
        size.facts["edit_added"] = sorted(after_site.keys() - before_site.keys())
        size.facts["edit_removed"] = sorted(before_site.keys() - after_site.keys())
        size.facts["edit_cache_changed"] = sorted(k for k in after.keys() - site_files if before.get(k) != after[k]) + sorted(
            before.keys() - site_files - after.keys()
        )
        printed = CHANGED.search(edit.stderr)
        size.facts["edit_printed"] = printed.group(0) if printed else edit.stderr.strip()[-200:]

        if size.render:
            print(", render", end="", flush=True, file=sys.stderr)
            site = root / "site"
            discard(site, workdir)
            # The first edition's renderer configuration, as `generate` wrote it beside the configuration
            # (synthetic explainers are in English only: the other editions hold only listing pages).
            first = config.with_name(f".{config.stem}.en.yml")
            render = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(first), "-d", str(site)], env=render_env)
            if render.status:
                fail("mkdocs build", render)
            size.add("render", render)
            # The search index as `generator build` makes it (Pagefind, after MkDocs).
            searched = ("explainers/*/index.html", "actors/*/index.html", "about/index.html", "editor-guide/index.html")
            code = "import sys; from pathlib import Path; from generator.build import index_search; "
            code += f"index_search(Path(sys.argv[1]), {searched!r})"
            search = run([PYTHON, "-c", code, str(site)], env=render_env)
            if search.status:
                fail("pagefind", search)
            size.add("search", search)
            # The render as `generator build` runs it: every edition, an edition's pages in shards on
            # every core, joined into one site.
            print(", render (all cores)", end="", flush=True, file=sys.stderr)
            joined = root / "site-joined"
            discard(joined, workdir)
            code = ("import sys; from pathlib import Path; from generator.build import render_site; "
                    "from generator.config import read_settings; from generator.render import source_epoch; "
                    "config = Path(sys.argv[1]); settings, _ = read_settings(config); "
                    "render_site(config, settings, Path(sys.argv[2]), 1764633600)")
            shards = run([PYTHON, "-c", code, str(config), str(joined)], env=render_env)
            if shards.status:
                fail("render (all cores)", shards)
            size.add("shards", shards)
            size.facts["site_pages"] = tree_size(joined, "*.html")[0]
            # The whole `generator build` from nothing: check, generate, render, search index, audit, publish.
            print(", full build", end="", flush=True, file=sys.stderr)
            discard(docs, workdir)
            built = root / "built"
            discard(built, workdir)
            full = run([PYTHON, "-m", "generator", "build", "--content", str(content), "--out", str(built), "--config", str(config),
                        "--today", TODAY], env=render_env)
            if full.status:
                fail("generator build", full)
            size.add("build", full)
            if "search_bytes" not in size.facts:
                bundle = site / "pagefind"
                chunks = [p.stat().st_size for p in (bundle / "index").iterdir()]
                size.facts["search_files"], size.facts["search_bytes"] = tree_size(bundle)
                size.facts["search_chunks"], size.facts["search_chunk"] = len(chunks), statistics.mean(chunks)
                # What a first search downloads: the UI, Pagefind's script and WebAssembly, the
                # metadata and (about) one chunk per word; then a fragment per result shown.
                first = ["pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "wasm.en.pagefind", *[p.name for p in bundle.glob("*.pf_meta")]]
                size.facts["search_first"] = sum((bundle / name).stat().st_size for name in first) + statistics.mean(chunks)
                explainer_pages = [p for p in (site / "explainers").glob("*/index.html")]
                size.facts["explainer_html"] = statistics.mean(p.stat().st_size for p in explainer_pages)
                size.facts["site_files"], size.facts["site_bytes"] = tree_size(site)
                size.facts["html_pages"], _ = tree_size(site, "*.html")
        size.facts["code"].append(fingerprint())
        size.facts["load"].append(os.getloadavg()[0])
        print(file=sys.stderr)

    if stages:
        print(f"  N={size.n}: cold generate with a stopwatch per stage (bench.stages)", file=sys.stderr)
        discard(docs, workdir)
        staged = run([PYTHON, "-m", "bench.stages"] + generate[3:])
        if staged.status:
            fail("bench.stages", staged)
        size.facts["stages"] = json.loads(staged.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- reporting


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def megabytes(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def median(processes: list[Process]) -> float:
    return statistics.median(p.seconds for p in processes)


def show_files(files: list[str]) -> str:
    if len(files) <= 6:
        return ", ".join(files) or "none"
    by_dir: dict[str, int] = {}
    for name in files:
        top = name.split("/")[0] if "/" in name else "."
        by_dir[top] = by_dir.get(top, 0) + 1
    return f"{len(files)} files (" + ", ".join(f"{d}/: {c}" for d, c in sorted(by_dir.items())) + ")"


def report(size: Size, skip_render_above: int) -> str:
    s, f = size.stats, size.facts
    yaml_bytes = s["explainers_bytes"] + s["actors_bytes"] + s["sources_bytes"]
    lines = [
        f"N = {size.n:,} explainers: {s['actors']:,} actors, {s['sources']:,} sources; "
        f"{int(f['files_events'][0]):,} record files, {yaml_bytes / 1e6:.1f} MB of YAML, {int(f['files_events'][1]):,} YAML events; "
        f"{size.runs} run{'s' * (size.runs != 1)}",
        f"generated: {f['md_pages']:,} Markdown pages, {f['out_files']:,} files, {f['out_bytes'] / 1e6:.1f} MB"
        + (f" (plus {f['cache_files']:,} hidden cache file(s), {f['cache_bytes'] / 1e6:.1f} MB)" if f.get("cache_files") else ""),
    ]
    names = {
        "floor": "parse floor (yaml.parse, CSafeLoader)",
        "imports": "python + import generator.cli",
        "cold": "cold generate (empty out dir)",
        "edit": "generate after editing 1 quote",
        "render": "mkdocs build --strict (render only)",
        "search": "pagefind index (as generator build)",
        "shards": "render, every edition, all cores",
        "build": "generator build (everything, cold)",
    }
    rows = [["phase (whole process, wall clock)", "median", "min", "max", "user+sys", "max RSS"]]
    for phase, name in names.items():
        if phase in size.results:
            ps = size.results[phase]
            cpu = statistics.median(p.user + p.system for p in ps)
            rows.append([name, seconds(median(ps)), seconds(min(p.seconds for p in ps)), seconds(max(p.seconds for p in ps)), seconds(cpu), megabytes(max(p.max_rss_kb for p in ps))])
    lines.append(table(rows))
    floor, cold, edit = (median(size.results[k]) for k in ("floor", "cold", "edit"))
    cpu = {k: statistics.median(p.user + p.system for p in size.results[k]) for k in ("floor", "cold", "edit")}
    lines.append(
        f"ratios, wall: cold/floor {cold / floor:.1f}x (goal <= 3x), edit/cold {edit / cold:.2f} (goal <= 0.25); "
        f"CPU (user+sys): cold/floor {cpu['cold'] / cpu['floor']:.1f}x, edit/cold {cpu['edit'] / cpu['cold']:.2f}"
    )
    lines.append(
        f"edit of one quote in {f['edited']}: bytes changed in {show_files(f['edit_bytes_changed'])}; "
        f"mtime changed on {len(f['edit_mtime_changed'])} file(s)"
        + (f"; added {len(f['edit_added'])}" if f["edit_added"] else "")
        + (f"; removed {len(f['edit_removed'])}" if f["edit_removed"] else "")
        + (f"; hidden cache file(s) written or removed: {len(f['edit_cache_changed'])}" if f.get("edit_cache_changed") else "")
        + f"; the generator printed \"{f['edit_printed']}\" (cold: \"{f['cold_printed']}\")"
    )
    if size.render:
        render = median(size.results["render"])
        lines.append(
            f"render: {f['md_pages']:,} pages, {render / f['md_pages'] * 1000:.1f} ms per page; "
            f"search (Pagefind) {f['search_bytes'] / 1e6:.1f} MB in {f['search_files']:,} files ({f['search_bytes'] / f['md_pages'] / 1e3:.1f} kB per page), "
            f"{f['search_chunks']:,} index chunks of {f['search_chunk'] / 1e3:.0f} kB on average, a first search loads about {f['search_first'] / 1e3:.0f} kB; "
            f"explainer page HTML {f['explainer_html'] / 1e3:.0f} kB on average; site {f['site_bytes'] / 1e6:.0f} MB in {f['site_files']:,} files"
        )
        shards, full = median(size.results["shards"]), median(size.results["build"])
        lines.append(
            f"render as generator build (every edition, all cores): {f['site_pages']:,} pages, {shards / f['site_pages'] * 1000:.1f} ms per page"
            f" (goal < 5); full build {full:.1f} s = {full / floor:.0f}x the parse floor (goal <= 25x),"
            f" peak memory {megabytes(max(p.max_rss_kb for p in size.results['build']))} (goal <= 2 GB)"
        )
    else:
        lines.append(f"render: not measured (N > --skip-render-above {skip_render_above}; use --render-all)")
    if "stages" in f:
        st = f["stages"]
        parts = [f"{k} {v:.2f}" for k, v in st.items() if k not in ("total", "exit")]
        lines.append(f"stages of one cold generate, seconds (bench.stages): {', '.join(parts)}; total {st['total']:.2f}")
    if len(set(f["code"])) > 1:
        lines.append(f"WARNING: generator/theme/site_config.yml changed while measuring ({' -> '.join(dict.fromkeys(f['code']))})")
    lines.append(f"load average (1 min) before/after each run: {' '.join(f'{x:.1f}' for x in f['load'])}; code {f['code'][0]}")
    return "\n".join(lines)


def summary(sizes: list[Size]) -> str:
    rows = [["N", "floor", "cold", "edit", "render", "cold/floor", "edit/cold", "ms/page", "gen RSS", "render RSS"]]
    for size in sizes:
        floor, cold, edit = (median(size.results[k]) for k in ("floor", "cold", "edit"))
        render = median(size.results["render"]) if size.render else None
        rows.append([
            f"{size.n:,}",
            seconds(floor),
            seconds(cold),
            seconds(edit),
            seconds(render) if render else "skipped",
            f"{cold / floor:.1f}x",
            f"{edit / cold:.2f}",
            f"{render / size.facts['md_pages'] * 1000:.1f}" if render else "-",
            megabytes(max(p.max_rss_kb for p in size.results["cold"] + size.results["edit"])),
            megabytes(max(p.max_rss_kb for p in size.results["render"])) if render else "-",
        ])
    return table(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="explainer counts, comma-separated (default: 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size, median reported (default: 3)")
    parser.add_argument("--large-above", type=int, default=2000, help="sizes above this are 'large' (default: 2000)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs for large sizes (default: 1)")
    parser.add_argument("--skip-render-above", type=int, default=2000, help="measure the MkDocs render only up to this size (default: 2000)")
    parser.add_argument("--render-all", action="store_true", help="measure the MkDocs render at every size")
    parser.add_argument("--stages", action="store_true", help="also time each stage of one cold generate (bench.stages)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "who-says-what-bench", help="content cache and outputs")
    parser.add_argument("--fresh", action="store_true", help="rewrite the synthetic content even if cached")
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout whose generator, theme and site_config.yml are measured"
                        " (default: this one; e.g. an export of a commit: git archive HEAD | tar -x -C DIR)")
    args = parser.parse_args(argv)
    global CODE
    CODE = args.code.resolve()
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    print(
        f"bench.run {datetime.datetime.now().isoformat(timespec='seconds')}: Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.platform()}; PyYAML {yaml.__version__} "
        f"(libyaml {'yes' if getattr(yaml, '__with_libyaml__', False) else 'NO'}); code {CODE} ({fingerprint()}); workdir {args.workdir}"
    )
    print(
        f"runs: {args.runs} per size, {args.large_runs} above N={args.large_above:,}; MkDocs render "
        + ("at every size" if args.render_all else f"only up to N={args.skip_render_above:,} (--render-all to render every size)")
        + f"; {MEMORY_METHOD}\n"
    )
    done: list[Size] = []
    for n in sizes:
        content, made, stats = content_for(args.workdir, n, args.seed, args.fresh)
        print(f"  N={n}: content {content}" + (f" (written in {made:.1f} s)" if made else " (cached)"), file=sys.stderr)
        size = Size(n, stats, args.large_runs if n > args.large_above else args.runs, args.render_all or n <= args.skip_render_above)
        measure(size, content, args.workdir, args.stages)
        print(report(size, args.skip_render_above), flush=True)
        print(flush=True)
        done.append(size)
    empty_trash(args.workdir)
    print("summary (medians):")
    print(summary(done))
    print(f"\nwhole benchmark: {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "n": s.n,
                        "stats": s.stats,
                        "runs": s.runs,
                        "facts": s.facts,
                        "results": {k: [dataclasses.asdict(p) | {"stdout": p.stdout[-500:], "stderr": p.stderr[-500:]} for p in v] for k, v in s.results.items()},
                    }
                    for s in done
                ],
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
