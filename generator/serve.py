"""Live preview: regenerate the Markdown when a record changes, render the pages that changed, and
reload the open page.

The generator watches the records itself (no MkDocs hook), regenerates what changed, then has
MkDocs render (its Python API, in this process: only the pages whose Markdown changed, see
`Renderer`) into a folder it serves itself. The open page waits on the server for the next
build and reloads when it is done. A record with an error is reported and nothing is written, so
the last good pages stay up, and the open page shows the errors: MkDocs renders a preview
configuration (the site's, plus one script), and the script reads the problems from
`preview-status.js`, which only this command writes into the Markdown directory. `generate`
removes that file again, and the site's own configuration never loads it, so no built site
contains it.

The terminal shows what changed: the records saved, the problems that appeared and those that
were resolved, and what the rebuild did; of MkDocs' log only its errors and new warnings.
"""

from __future__ import annotations

import collections
import datetime
import errno
import gc
import http.server
import json
import logging
import shutil
import signal
import socket
import stat
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator import urls
from generator.build import Generated, docs_dir, generate
from generator.cli import format_diagnostics, summary
from generator.config import read_settings
from generator.diagnostics import Diagnostic
from generator.load import Mapping, Scalar, Sequence, parse
from generator.render import THEME

STATUS = "preview-status.js"
"""The preview's script, at the root of the Markdown directory while `serve` runs."""

Show = Callable[[str], None]


def snapshot(paths: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """(mtime, size) of every file among `paths` (files, or folders and all they hold), to notice a
    save; a file deleted meanwhile is left out."""
    found = {}
    for path in [p for given in paths for p in ([given] if given.is_file() else given.rglob("*"))]:
        try:
            status = path.stat()
        except OSError:
            continue
        if stat.S_ISREG(status.st_mode):
            found[path] = (status.st_mtime_ns, status.st_size)
    return found


def address_problem(address: str) -> tuple[int, str] | None:
    """(exit status, message) if the preview cannot listen on `address`, else None. Checked
    before MkDocs starts, which would end in a traceback."""
    host, colon, port = address.rpartition(":")
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        return 2, f"invalid address '{address}'; write it as HOST:PORT, like 127.0.0.1:8000"
    host = host.strip("[]")

    def bind(number: int) -> OSError | None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
            try:
                probe.bind((host, number))
            except OSError as exc:
                return exc
        return None

    failure = bind(int(port))
    if failure is None:
        return None
    if failure.errno != errno.EADDRINUSE:
        return 1, f"cannot serve on {address}: {failure.strerror}"
    free = next((n for n in range(int(port) + 1, min(int(port) + 20, 65536)) if bind(n) is None), None)
    other = f"; choose another port, like `make serve ADDRESS={host}:{free}`" if free else ""
    return 1, f"{address} is in use by another program{other}"


def preview_config(config: Path) -> Path:
    """The site configuration plus the preview's script, beside it (so its relative paths hold)."""
    root, _ = parse(config.read_text(encoding="utf-8"), str(config))
    scripts = []
    if isinstance(root, Mapping):
        listed = next((value for key, value in root.entries if key.value == "extra_javascript"), None)
        items = listed.items if isinstance(listed, Sequence) else ()
        scripts = [item.value for item in items if isinstance(item, Scalar)]
    path = config.with_name(f".{config.stem}.preview{config.suffix}")
    path.write_text(
        f"# Written by `python -m generator serve` and removed when it stops; never used to build the site.\n"
        f"INHERIT: {json.dumps(config.name)}\n"
        f"extra_javascript: {json.dumps([*scripts, STATUS])}\n"
        f"watch: [{json.dumps(config.name)}]\n",
        encoding="utf-8",
    )
    return path


def status_script(errors: list[Diagnostic], removed: Iterable[str], build: int) -> str:
    """The preview's script: a banner over the page with the errors that rejected the last save,
    or on a page whose record was deleted; and a wait for the build after `build`, to reload.
    Text only: the problems are data, never markup."""
    status = {
        "errors": format_diagnostics(errors, "concise").splitlines() if errors else [],
        "removed": sorted(removed),
        "build": build,
        "builds": BUILDS,
    }
    script = (Path(__file__).parent / "preview.js").read_text(encoding="utf-8")
    return script.replace("__STATUS__", json.dumps(status, ensure_ascii=True))


class Terminal:
    """What the preview prints: each run's changes against the problems shown before."""

    def __init__(self, show: Show) -> None:
        self.show = show
        self.shown: collections.Counter = collections.Counter()

    @staticmethod
    def _key(d: Diagnostic) -> tuple:
        return (d.location.path, d.severity, d.rule, d.message)  # not the line: an edit above moves it

    def report(self, generated: Generated, saved: list[str], removed: list[str]) -> None:
        now = collections.Counter(self._key(d) for d in generated.diagnostics)
        new = [d for d in generated.diagnostics if now[self._key(d)] > self.shown[self._key(d)]]
        resolved = self.shown - now
        lines = list(saved)
        if new:
            lines.append(format_diagnostics(new, "text"))
        lines += [f"resolved: {path}: {severity}: {message} [{rule}]" for path, severity, rule, message in sorted(resolved)]
        lines += [f"removed: {name} (the preview serves its old page until you restart it)" for name in removed]
        if generated.site is None:
            lines.append(f"rejected: {summary(generated.diagnostics)}; the browser shows the errors over the last good page")
        else:
            changed = [name for name in generated.changed if name != STATUS]
            lines.append(f"rebuilt: {len(changed)} file{'s' * (len(changed) != 1)} changed; {summary(generated.diagnostics)}")
        self.shown = now
        self.show("\n".join(lines))


NOISE = ("A 'dirty' build is being performed",)  # every preview build is dirty, by design


class MkDocsLog(logging.Handler):
    """Shows what matters of MkDocs' log: its errors, and each distinct warning once; not its
    progress, nor the pages left out of the navigation (on purpose: see site_config.yml), nor its
    warning on every dirty build."""

    def __init__(self, show: Show) -> None:
        super().__init__(logging.WARNING)
        self.show = show
        self.seen: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.levelno >= logging.ERROR or (not text.startswith(NOISE) and text not in self.seen):
            self.show(f"mkdocs: {record.levelname.lower()}: {text}")
        self.seen.add(text)


class Renderer:
    """MkDocs in this process, on the preview configuration, into `site`: a whole build first; then,
    after a save, only the files that changed, with the file list, navigation and theme templates
    of the last whole build kept in memory (MkDocs' own `build` gathers them again each time, a
    quarter of a second at 1,000 explainers). A page added or removed, or a theme or configuration
    change, is a build of MkDocs' own again."""

    def __init__(self, config: Path, site: Path, show: Show) -> None:
        self.config, self.site, self.show = config, site, show
        logger = logging.getLogger("mkdocs")
        logger.setLevel(logging.WARNING)
        logger.propagate = False
        logger.handlers = [MkDocsLog(show)]
        self.kept: tuple[Any, Any, Any, Any] | None = None  # the configuration, files, navigation and templates

    def build(self, dirty: bool, changed: Iterable[str] = ()) -> bool:
        """A whole build (`dirty` False), or the pages `changed` (paths in the Markdown directory)
        and what MkDocs' dirty build does for them. True when MkDocs' own build ran."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        try:
            if dirty and self.kept and self._render(list(changed)):
                return False
            config = load_config(str(self.config), site_dir=str(self.site), strict=False)
            self.kept = None
            build(config, dirty=dirty)
            self.kept = self._gather(config)
            self._render(["index.md"])  # compiles the kept templates now, not on the next save
        except Exception as failure:  # noqa: BLE001 (a theme or configuration mistake: said, and the preview goes on)
            self.kept = None
            self.show(f"mkdocs: error: {type(failure).__name__}: {failure}")
        return True

    @staticmethod
    def _gather(config: Any) -> tuple[Any, Any, Any, Any]:
        """What MkDocs' build gathers before it renders a page (as `mkdocs.commands.build.build`)."""
        from mkdocs.structure.files import get_files
        from mkdocs.structure.nav import get_navigation

        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        return config, files, get_navigation(files, config), env

    def _render(self, changed: list[str]) -> bool:
        """Render the pages among `changed` and copy the other files, as MkDocs' build does; False
        (nothing done) when one of them is not among the files of the last whole build."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.pages import Page

        assert self.kept is not None
        config, files, nav, env = self.kept
        found = [files.get_file_from_path(name) for name in changed]
        if not all(file and Path(file.abs_src_path).exists() and Path(file.abs_dest_path).exists() for file in found):
            return False
        pages = files.documentation_pages()
        # Other files first, as MkDocs' build copies them: the preview's script says what the open
        # page waits for, even if a page then fails.
        for file in sorted(found, key=lambda file: file.is_documentation_page()):
            if file.inclusion.is_excluded():
                continue
            if not file.is_documentation_page():
                file.copy_file()
                continue
            page = file.page or Page(None, file, config)
            _populate_page(page, config, files)
            _build_page(page, config, pages, nav, env)
            page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        return True


class Builds:
    """The number of the latest build, which the open pages wait on to reload."""

    def __init__(self) -> None:
        self.number = 0
        self.done = threading.Condition()

    def finished(self) -> None:
        with self.done:
            self.number += 1
            self.done.notify_all()

    def after(self, number: int, timeout: float = 25) -> int:
        with self.done:
            self.done.wait_for(lambda: self.number > number, timeout)
            return self.number


def server(address: str, site: Path, builds: Builds) -> http.server.ThreadingHTTPServer:
    """The built site at `address`, and `/.preview/builds?after=N`: the number of the next build
    after N, answered when it is done (or after a while with N)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path, _, query = self.path.partition("?")
            if path != BUILDS:
                return super().do_GET()
            after = int(dict(urllib.parse.parse_qsl(query)).get("after", "0") or 0)
            body = json.dumps({"build": builds.after(after)}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self) -> None:
            # Every page may change with the next save, within the second its Last-Modified names.
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # every request is not news

    host, _, port = address.rpartition(":")
    http.server.ThreadingHTTPServer.allow_reuse_address = True
    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    httpd = type("Server", (http.server.ThreadingHTTPServer,), {"address_family": family, "daemon_threads": True})(
        (host.strip("[]"), int(port)), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


BUILDS = "/.preview/builds"


SETTLE = 0.02
"""Seconds to let a save finish (an editor may write a file in several steps) before reading it."""


class _Saves(FileSystemEventHandler):
    """`event` is set when a file under the watched folders changes (watchdog, which MkDocs uses too)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.observer = Observer()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("opened", "closed_no_write"):  # reading a file is not a save
            self.event.set()

    def wait(self, timeout: float) -> bool:
        return self.event.wait(timeout)

    def clear(self) -> None:
        self.event.clear()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join(timeout=5)


def watch(paths: list[Path]) -> _Saves:
    saves = _Saves()
    for path in paths:
        folder = path if path.is_dir() else path.parent  # a file's folder: editors save by renaming
        saves.observer.schedule(saves, str(folder.resolve()), recursive=path.is_dir())
    saves.observer.daemon = True
    saves.observer.start()
    return saves


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(
    content: Path, config: Path, today: datetime.date, address: str, show: Show, interval: float = 1.0
) -> int:
    settings, _ = read_settings(config)
    generated = generate(content, config, None, today)
    terminal = Terminal(show)
    terminal.report(generated, [], [])
    target = docs_dir(config, settings) if settings else None
    removed: set[str] = set()
    builds = Builds()

    def write_status() -> None:
        if target is not None:
            target.mkdir(parents=True, exist_ok=True)
            errors = [d for d in generated.diagnostics if d.severity == "error"]
            script = status_script(errors, map(urls.url, removed), builds.number + 1)
            (target / STATUS).write_text(script, encoding="utf-8")

    write_status()
    preview = preview_config(config)
    site = Path(tempfile.mkdtemp(prefix="who-says-what-preview-"))
    renderer = Renderer(preview, site, show)

    def render(dirty: bool, changed: Iterable[str] = ()) -> None:
        if renderer.build(dirty, changed):
            # What a whole build leaves is set aside: the collector this loop runs after each save
            # never walks it (the first walk held up the open page's reload for 0.8 s). What the
            # build before left is let go first.
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    watched = [content, config, THEME]
    saves = watch(watched)
    httpd = None
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a supervisor: clean up as on Ctrl-C
    try:
        render(dirty=False)
        builds.finished()
        httpd = server(address, site, builds)
        show(f"preview: serving on http://{address}/")
        seen = snapshot(watched)
        while True:
            # A save wakes the loop at once; the snapshot decides what changed (and catches
            # what the file system did not report, every `interval`).
            if saves.wait(interval):
                time.sleep(SETTLE)
                saves.clear()
            now = snapshot(watched)
            if now == seen:
                continue
            saved = [f"{'changed' if p in now else 'deleted'} {p}" for p in sorted(now.keys() | seen.keys()) if now.get(p) != seen.get(p)]
            # A change to the theme or the configuration shows on every page.
            whole = any(THEME in p.parents or p == config for p in now.keys() ^ seen.keys() | {p for p in now if now[p] != seen.get(p)})
            seen = now
            # The cache as the last run left it, without reading its files again.
            generated = generate(content, config, None, today, cache=generated.cache.reopen() if generated.cache else None)
            gone = [n for n in generated.changed if n.endswith(".md") and target and not (target / n).exists()]
            removed.update(gone)
            removed.difference_update(n for n in generated.changed if target and (target / n).exists())
            write_status()
            render(not whole, [*generated.changed, STATUS])
            builds.finished()
            terminal.report(generated, saved, gone)
            gc.collect()  # the CLI runs without the cyclic collector; this loop runs for hours
    except KeyboardInterrupt:
        pass
    finally:
        saves.stop()
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        shutil.rmtree(site, ignore_errors=True)
        preview.unlink(missing_ok=True)
        if target is not None:
            (target / STATUS).unlink(missing_ok=True)
    return 0
