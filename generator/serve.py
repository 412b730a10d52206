"""Live preview: regenerate the Markdown when a record changes; `mkdocs serve` renders and reloads.

The generator watches the records itself (no MkDocs hook), so the renderer stays replaceable.
A record with an error is reported and nothing is written, so the last good pages stay up, and
the open page shows the errors: MkDocs runs on a preview configuration (the site's, plus one
script) and the script reads the problems from `preview-status.js`, which only this command
writes into the Markdown directory. `generate` removes that file again, and the site's own
configuration never loads it, so no built site contains it.

The terminal shows what changed: the records saved, the problems that appeared and those that
were resolved, and what the rebuild did; of MkDocs' output only its errors and the address.
"""

from __future__ import annotations

import collections
import datetime
import errno
import gc
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import Generated, docs_dir, generate
from generator.cli import format_diagnostics, summary
from generator.config import read_settings
from generator.diagnostics import Diagnostic
from generator.load import Mapping, Scalar, Sequence, parse

STATUS = "preview-status.js"
"""The preview's script, at the root of the Markdown directory while `serve` runs."""

Show = Callable[[str], None]


def snapshot(content: Path, config: Path) -> dict[Path, tuple[int, int]]:
    """(mtime, size) of every file, to notice a save; a file deleted meanwhile is left out."""
    found = {}
    for path in [config, *content.rglob("*")]:
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


def page_url(name: str) -> str:
    """The URL path of a generated Markdown file (`explainers/x.md` -> `explainers/x/`)."""
    stem = name.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def status_script(errors: list[Diagnostic], removed: Iterable[str]) -> str:
    """The preview's script: a banner over the page with the errors that rejected the last save,
    or on a page whose record was deleted. Text only: the problems are data, never markup."""
    status = {
        "errors": format_diagnostics(errors, "concise").splitlines() if errors else [],
        "removed": sorted(removed),
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


# MkDocs' log: "LEVEL   -  message", then indented continuation lines.
RECORD = re.compile(r"(INFO|WARNING|ERROR|DEBUG|CRITICAL)\s+-\s+(.*)")
NOISE = ("A 'dirty' build is being performed",)  # every preview build is dirty, by design


def relay(lines: Iterable[str], show: Show) -> None:
    """Show what matters of MkDocs' output: its errors, each distinct warning once, the address,
    and what is not a log record (a traceback); not its progress, nor the pages left out of the
    navigation (on purpose: see site_config.yml), nor its warning on every dirty build."""
    seen: set[str] = set()
    shown = False  # whether the record being continued was shown
    for raw in lines:
        line = raw.rstrip("\n")
        record = RECORD.match(line)
        if record:
            level, text = record.groups()
            serving = level == "INFO" and "Serving on " in text
            shown = serving or level in ("ERROR", "CRITICAL") or (
                level == "WARNING" and not text.startswith(NOISE) and text not in seen
            )
            seen.add(text)
            if serving:
                show("preview: serving on " + text.split("Serving on ", 1)[1])
            elif shown:
                show(f"mkdocs: {level.lower()}: {text}")
        elif line.startswith((" ", "\t")):
            if shown:
                show(f"mkdocs: {line}")
        elif line.strip():
            shown = True  # a traceback: it and what follows matter
            show(f"mkdocs: {line}")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


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


def watch(content: Path, config: Path) -> _Saves:
    saves = _Saves()
    for folder in {content.resolve(), config.resolve().parent}:
        saves.observer.schedule(saves, str(folder), recursive=folder == content.resolve())
    saves.observer.daemon = True
    saves.observer.start()
    return saves


def serve(
    content: Path, config: Path, today: datetime.date, address: str, show: Show, interval: float = 1.0
) -> int:
    settings, _ = read_settings(config)
    generated = generate(content, config, None, today)
    terminal = Terminal(show)
    terminal.report(generated, [], [])
    target = docs_dir(config, settings) if settings else None
    removed: set[str] = set()

    def write_status() -> None:
        if target is not None:
            target.mkdir(parents=True, exist_ok=True)
            errors = [d for d in generated.diagnostics if d.severity == "error"]
            script = status_script(errors, map(page_url, removed))
            (target / STATUS).write_text(script, encoding="utf-8")

    write_status()
    preview = preview_config(config)
    # --livereload: with a recent click, mkdocs 1.6.1 does not reload the browser without it.
    # --dirty: after the first build, render only pages whose Markdown changed (the generator
    # leaves every other file's mtime alone): an edit shows in seconds, not after a whole build.
    # A dirty build never removes a page, so a deleted record's page stays until a restart.
    # MkDocs warns on every dirty build, so strict mode would refuse them all: the preview is
    # not strict; `generator build` and CI are.
    command = [
        sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--no-strict", "-f", str(preview), "-a", address,
    ]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    renderer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    reader = threading.Thread(target=relay, args=(renderer.stdout, show), daemon=True)
    reader.start()
    seen = snapshot(content, config)
    signal.signal(signal.SIGTERM, _interrupt)  # stopped by a supervisor: clean up as on Ctrl-C
    saves = watch(content, config)
    try:
        while renderer.poll() is None:
            # A save wakes the loop at once; the snapshot decides what changed (and catches
            # what the file system did not report, every `interval`).
            if saves.wait(interval):
                time.sleep(SETTLE)
                saves.clear()
            now = snapshot(content, config)
            if now == seen:
                continue
            saved = [f"{'changed' if p in now else 'deleted'} {p}" for p in sorted(now.keys() | seen.keys()) if now.get(p) != seen.get(p)]
            seen = now
            # The cache as the last run left it, without reading its files again.
            generated = generate(content, config, None, today, cache=generated.cache.reopen() if generated.cache else None)
            gone = [n for n in generated.changed if n.endswith(".md") and target and not (target / n).exists()]
            removed.update(gone)
            removed.difference_update(n for n in generated.changed if target and (target / n).exists())
            write_status()
            terminal.report(generated, saved, gone)
            gc.collect()  # the CLI runs without the cyclic collector; this loop runs for hours
    except KeyboardInterrupt:
        pass
    finally:
        saves.stop()
        renderer.terminate()
        renderer.wait()
        reader.join(timeout=5)
        preview.unlink(missing_ok=True)
        if target is not None:
            (target / STATUS).unlink(missing_ok=True)
    if renderer.returncode not in (0, -15):  # -15: stopped here (SIGTERM)
        show(f"error: the preview stopped: MkDocs exited with status {renderer.returncode}")
        return 1
    return 0
