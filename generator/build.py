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
from dataclasses import dataclass
from pathlib import Path

from generator import editions, history, schema, search
from generator.audit import audit, policy
from generator.cache import Cache, fingerprint, key
from generator.config import read_settings
from generator.diagnostics import Diagnostic, has_errors
from generator.link import Site, link
from generator.load import RecordFile, load_pages, parse_file, read_file, record_paths
from generator.model import Settings
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
    site, found = read_history(content, site, today, cache, workers)
    diagnostics = sorted(diagnostics + found)
    planned = plan(site, cache)
    changed = write_tree(planned.files, target, CACHE.split("/")[0], workers, planned.whole_site)
    for path, data in editions.renderer_configs(config, site.settings, target.resolve()).items():
        write_file(str(path.parent), path.name, data)
    cache.save()
    return Generated(site, diagnostics, tuple(changed), cache, planned.searched)


def read_history(content: Path, site: Site, today: datetime.date, cache: Cache, workers: int) -> tuple[Site, list[Diagnostic]]:
    """The site with the explainers' published versions, from the git history of the content;
    what was read is kept in the cache (under the commit it was read at), so a new commit costs
    only its own changes."""
    prefix = f"history:{key('history', fingerprint(THEME), history.FORMAT)}:"
    kept = next((value for name, value in cache.entries.items() if name.startswith(prefix)), None)
    read: dict = dict(kept) if kept else {}
    found, diagnostics = history.read_history(content, site.settings, today, read, workers)
    cache.put(prefix + str(found.head), read)
    return dataclasses.replace(site, history=found), diagnostics


class RendererFailed(Exception):
    """MkDocs or Pagefind did not build the site (their output is the message), or the audit
    refused it (its findings are the diagnostics)."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


def render_site(config: Path, settings: Settings, staging: Path, epoch: int, searched: tuple[str, ...]) -> None:
    """Run MkDocs in strict mode (never with -q or -v: 1.6.1 then exits 0) for every edition at
    once, each with its generated configuration into its own folder, join them into `staging`,
    then index the pages `searched` (patterns over the built site) with Pagefind into
    `staging/pagefind/`. One edition's failure fails the build."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", str(epoch)), PYTHONHASHSEED="0", NO_MKDOCS_2_WARNING="1")
    targets = {edition: staging if not edition.prefix else staging.with_name(f"{staging.name}-{edition.lang}") for edition in settings.editions}
    runs = {
        edition: subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(editions.config_path(config, edition)),
             "-d", str(target)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for edition, target in targets.items()
    }
    failed = [f"{edition.lang}: {output}" for edition, run in runs.items() for output, _ in [run.communicate()] if run.returncode]
    try:
        if failed:
            raise RendererFailed("".join(failed))
        for edition, target in targets.items():
            if edition.prefix:
                os.rename(target, staging / edition.prefix.rstrip("/"))
    finally:
        for target in targets.values():
            if target != staging and target.exists():
                shutil.rmtree(target)
    index_search(staging, searched)


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
        render_site(config, generated.site.settings, staging, source_epoch(generated.site), generated.searched)
        findings, hashes = audit(staging)
        if findings:
            raise RendererFailed("the audit refused the built site", findings)
        add_policy(staging, policy(hashes))
        replace_dir(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return generated
