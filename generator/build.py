"""The pipeline, top to bottom: load → validate → link → render → write, then the renderer.

Each function returns its result and the diagnostics found; none prints or exits. MkDocs
runs as a separate process on the Markdown the generator wrote, so it can be swapped for
another renderer that reads the same configuration.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import editions, history, schema, search, shards
from generator.audit import audit, policy
from generator.cache import Cache, fingerprint, key
from generator.config import read_settings
from generator.diagnostics import Diagnostic, has_errors
from generator.link import Site, link
from generator.load import RecordFile, load_pages, parse_file, read_file, record_paths
from generator.model import Edition, Settings
from generator.parallel import map_items
from generator.render import THEME, plan, source_epoch
from generator.validate import Validated, collect, context, validate_file
from generator.write import add_policy, replace_dir, write_file, write_tree


def check(
    content: Path, config: Path, today: datetime.date, cache: Cache | None = None, workers: int = 1
) -> tuple[Site | None, list[Diagnostic]]:
    """Read the site configuration, then `check_records`. The site is None when there are errors."""
    settings, diagnostics = read_settings(config)
    if settings is None:
        return None, diagnostics
    return check_records(content, settings, today, cache, workers)


def check_records(
    content: Path, settings: Settings, today: datetime.date, cache: Cache | None = None, workers: int = 1
) -> tuple[Site | None, list[Diagnostic]]:
    """Read, validate and link every record. The site is None when there are errors.

    With a cache, a record file whose bytes (and the settings and date it is checked against)
    are unchanged since an earlier run is not parsed or validated again.
    """
    diagnostics: list[Diagnostic] = []
    salt = (fingerprint(THEME), settings.default_language, tuple(settings.languages), settings.editions, today.isoformat())

    prefix = key("record", salt)

    def record_key(path: str, digest: str) -> str:
        return f"{prefix}:{path}:{digest}"  # the digest is a hash already: no need to hash again

    ctx = context(settings, today)

    def parse_and_validate(item: tuple[RecordFile, bytes | None]) -> tuple[Validated, list[Diagnostic]]:
        """A record file checked, and its problems. Only the result goes on (and between
        processes), not the parsed tree."""
        file, data = item
        problems: list[Diagnostic] = []  # a file refused before reading: found by read_file
        if data is not None:
            file, problems = parse_file(file, data)
        validated, found = validate_file(file, ctx)
        return validated, problems + found

    paths, found = record_paths(content)
    diagnostics += found
    files, results, todo = [], {}, []
    for item in paths:  # reading and hashing is cheap: the cache decides what is parsed, and on how many processes
        file, data, problems = read_file(*item)
        diagnostics += problems
        files.append(file)
        cached = cache.get(record_key(file.path, file.digest)) if cache is not None and data is not None else None
        if cached is None:
            todo.append((file, data))
        else:
            results[file.path] = cached
    for (file, data), result in zip(todo, map_items(parse_and_validate, todo, workers), strict=True):
        if cache is not None and data is not None:
            cache.put(record_key(file.path, file.digest), result)
        results[file.path] = result
    for file in files:
        diagnostics += results[file.path][1]
    records = collect(results[file.path][0] for file in files)
    site, found = link(records, settings, today, complete=not has_errors(diagnostics))
    diagnostics += found
    pages, found = load_pages(content)
    diagnostics += found
    digests = {(schema.RECORDS[f.kind].name, f.id): f.digest for f in files}
    site = dataclasses.replace(site, pages=pages, digests=digests)
    diagnostics += editions.check(site)
    return (None if has_errors(diagnostics) else site), sorted(diagnostics)


def docs_dir(config: Path, settings: Settings) -> Path:
    return (config.parent / settings.docs_dir).resolve()


@dataclass(frozen=True)
class Generated:
    site: Site | None
    diagnostics: list[Diagnostic]
    changed: tuple[str, ...] = ()
    cache: Cache | None = None  # what the run used and saved; `reopen` it for the next run
    searched: tuple[str, ...] = ()  # what the search index covers: patterns over the built site


CACHE = ".cache/generator.pickle"
"""Inside the Markdown directory: dot-files are not published, and nothing else is written."""


def generate(
    content: Path, config: Path, out: Path | None, today: datetime.date, cached: bool = True, cache: Cache | None = None,
    workers: int = os.cpu_count() or 1,
) -> Generated:
    """Check the content and write the Markdown pages, feed and data (only what changed).

    `cache` is the cache a caller kept from an earlier run (`Cache.reopen`), used if it belongs
    to the same Markdown directory; otherwise it is read from that directory."""
    settings, problems = read_settings(config)
    if settings is None:
        return Generated(None, problems)
    target = out or docs_dir(config, settings)
    if not cached:
        cache = Cache(None)
    elif cache is None or cache.output != target:
        cache = Cache(target / CACHE, output=target)
    site, diagnostics = check_records(content, settings, today, cache, workers)
    if site is None:
        return Generated(None, diagnostics, (), cache)
    site, found = read_history(content, site, today, cache)
    diagnostics = sorted(diagnostics + found)
    planned = plan(site, cache)
    changed = write_tree(planned.files, target, CACHE.split("/")[0], workers, planned.whole_site)
    for path, data in editions.renderer_configs(config, site.settings, target.resolve()).items():
        write_file(str(path.parent), path.name, data)
    cache.save()
    return Generated(site, diagnostics, tuple(changed), cache, planned.searched)


def read_history(content: Path, site: Site, today: datetime.date, cache: Cache) -> tuple[Site, list[Diagnostic]]:
    """The site with the explainers' published versions, from the git history of the content;
    what was read is kept in the cache (under the commit it was read at), so a new commit costs
    only its own changes."""
    prefix = f"history:{key('history', fingerprint(THEME), history.FORMAT)}:"
    kept = next((value for name, value in cache.entries.items() if name.startswith(prefix)), None)
    read: dict = dict(kept) if kept else {}
    found, diagnostics = history.read_history(content, site.settings, today, read)
    cache.put(prefix + str(found.head), read)
    return dataclasses.replace(site, history=found), diagnostics


class RendererFailed(Exception):
    """MkDocs or Pagefind did not build the site (their output is the message), or the audit
    refused it (its findings are the diagnostics)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass(frozen=True)
class _Shard:
    """One renderer process: an edition's configuration (with the pages it leaves out) and the
    folder it builds into."""

    edition: Edition
    config: Path
    target: Path
    temporary: bool  # a configuration of its own, removed after the build


def render_site(config: Path, settings: Settings, staging: Path, epoch: int, workers: int = os.cpu_count() or 1) -> None:
    """Run MkDocs in strict mode (never with -q or -v: 1.6.1 then exits 0) for every edition at
    once, each with its generated configuration, an edition with many pages in several processes
    over shards of its pages (`shards`; about `workers` processes in all, by the editions' sizes),
    and join them into `staging`. One process's failure fails the build."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", str(epoch)), PYTHONHASHSEED="0", NO_MKDOCS_2_WARNING="1")
    configs = {edition: editions.config_path(config, edition) for edition in settings.editions}
    data = {edition: yaml.safe_load(path.read_text(encoding="utf-8")) for edition, path in configs.items()}
    folders = {edition: (config.parent / data[edition]["docs_dir"]).resolve() for edition in settings.editions}
    files = {edition: _files(folders[edition], set(folders.values()) - {folders[edition]}) for edition in settings.editions}
    pages = {edition: {path: size for path, size in found.items() if path.endswith(".md")} for edition, found in files.items()}
    total = sum(sum(found.values()) for found in pages.values()) or 1
    jobs: list[_Shard] = []
    try:
        for edition in settings.editions:
            runs = shards.split(pages[edition], round(workers * sum(pages[edition].values()) / total))
            home = staging / edition.prefix.rstrip("/") if edition.prefix else staging
            for number, run in enumerate(runs):
                target = home if not edition.prefix and not number else staging.with_name(f"{staging.name}-{edition.lang}-{number}")
                if len(runs) == 1:
                    jobs.append(_Shard(edition, configs[edition], target, False))
                    continue
                shard = dict(data[edition])
                left_out = [path for other in runs if other is not run for path in other]
                shard["exclude_docs"] = shard.get("exclude_docs", "") + "".join(f"{p}\n" for p in shards.excluding(left_out, list(files[edition])))
                path = configs[edition].with_name(f"{configs[edition].stem}.{number}.yml")
                path.write_text(yaml.safe_dump(shard, allow_unicode=True, sort_keys=False), encoding="utf-8")
                jobs.append(_Shard(edition, path, target, True))
        _run(jobs, env)
        for edition in settings.editions:
            home = staging / edition.prefix.rstrip("/") if edition.prefix else staging
            first, *others = [job.target for job in jobs if job.edition == edition]
            if first != home:
                os.rename(first, home)
            if others:
                shards.join_sitemaps(home, others, sorted(pages[edition]), settings.site_url + edition.prefix)
            for other in others:
                shards.join(other, home)
    finally:
        for job in jobs:
            if job.temporary:
                job.config.unlink(missing_ok=True)
            if job.target != staging and job.target.exists():
                shutil.rmtree(job.target)


def _run(jobs: list[_Shard], env: dict[str, str]) -> None:
    """Every shard's MkDocs at once; RendererFailed with the log of each that failed."""
    # Each process's log goes to a file: through a pipe, a long log (MkDocs lists every page left
    # out of the navigation) would stop a process until the one before it was done.
    logs = [tempfile.TemporaryFile() for _ in jobs]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(job.config), "-d", str(job.target)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        for job, log in zip(jobs, logs, strict=True)
    ]
    failed = []
    for job, run, log in zip(jobs, processes, logs, strict=True):
        with log:
            if run.wait():
                log.seek(0)
                failed.append(f"{job.edition.lang}: {log.read().decode('utf-8', 'replace')}")
    if failed:
        raise RendererFailed("".join(failed))


def _files(folder: Path, skip: set[Path]) -> dict[str, int]:
    """Every file the renderer reads from an edition's folder (not those of the editions within it,
    nor hidden ones), by path, with its size."""
    found = {}
    for directory, subdirectories, names in os.walk(folder):
        subdirectories[:] = [d for d in subdirectories if not d.startswith(".") and Path(directory, d) not in skip]
        for name in names:
            if not name.startswith("."):
                path = Path(directory, name)
                found[path.relative_to(folder).as_posix()] = path.stat().st_size
    return found


def index_search(site: Path, searched: tuple[str, ...]) -> None:
    """`search.index_search`, its failure the renderer's."""
    try:
        search.index_search(site, searched)
    except search.IndexFailed as error:
        raise RendererFailed(str(error)) from None


def build(content: Path, config: Path, out: Path, today: datetime.date) -> Generated:
    """Generate, render into a staging directory beside `out`, then swap it in.

    On any failure `out` is left exactly as it was.
    """
    generated = generate(content, config, None, today)
    if generated.site is None:
        return generated
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    for leftover in out.parent.glob(f".{out.name}.staging-*"):  # from a build that was killed
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        render_site(config, generated.site.settings, staging, source_epoch(generated.site))
        # Pagefind indexes beside the audit (it writes no page): it started after the audit's
        # processes were forked, so they hold no copy of its thread.
        with ThreadPoolExecutor(1) as pool:
            searching: list[Future] = []
            findings, hashes = audit(staging, meanwhile=lambda: searching.append(pool.submit(index_search, staging, generated.searched)))
            searching[0].result()
        if findings:
            raise RendererFailed("the audit refused the built site", findings)
        add_policy(staging, policy(hashes))
        replace_dir(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return generated
