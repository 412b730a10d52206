"""Results of earlier runs, keyed by everything they were computed from.

A key is a hash of the inputs (a record file's bytes, a page's template sources and the bytes of
every record the page shows), the generator's own code and templates, the site settings and the
date checks are made against. Changed input makes a new key, so a stale entry can never be used;
entries no run asked for are dropped when the cache is saved. The cache is a speed-up only:
deleting it changes no output.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
from pathlib import Path
from typing import Any

GENERATOR = Path(__file__).resolve().parent
FORMAT = 2  # bump when the shape of cached values changes


def fingerprint(theme: Path) -> str:
    """The generator's own version: a hash of its code, its Markdown templates and its message
    catalogs (computed once per run of a process: a stat of each file says whether it changed)."""
    paths = sorted([*GENERATOR.rglob("*.py"), *(theme / "markdown").glob("*"), *(theme / "locales").rglob("*.po")])
    stamps = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return _fingerprint(FORMAT, stamps)


@functools.lru_cache(maxsize=8)
def _fingerprint(version: int, stamps: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256(f"cache-format-{version}".encode())
    for path, _, _ in stamps:
        digest.update(os.path.basename(path).encode() + b"\0" + Path(path).read_bytes() + b"\0")
    return digest.hexdigest()


def key(*parts: object) -> str:
    """A hash of values (strings, numbers, tuples, records): equal values, equal keys."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: the bytes depend on the values only, not on which objects are shared
    pickler.dump(parts)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


class Cache:
    """A base file with everything a run used, and a small file with what later runs added to it.

    Writing the whole cache after an edit would cost more than the edit; so a run that added
    little writes only the delta, and the base is rewritten (dropping what no run uses any more)
    once the delta or the unused part grows.
    """

    def __init__(self, path: Path | None, output: Path | None = None) -> None:
        self.path = path
        self.output = output  # where pages were written: a cached page is its file there, checked by hash
        self.base: dict[str, Any] = self._read(path)
        self.delta: dict[str, Any] = self._read(self._delta_path())
        self.entries = {**self.base, **self.delta}
        self.used: dict[str, Any] = {}
        self.pages: dict[str, str] = {}  # path of a page written this run -> its key
        self.added = False
        self.on_disk = (self.base, self.delta)  # what a new run would read, kept up to date by `save`

    def _delta_path(self) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.stem + ".delta" + self.path.suffix)

    @staticmethod
    def _read(path: Path | None) -> dict[str, Any]:
        if path is None or not path.is_file():
            return {}
        try:
            with path.open("rb") as file:
                value = pickle.load(file)
            return value if isinstance(value, dict) else {}
        except Exception:  # an unreadable cache is an empty one
            return {}

    def get(self, name: str) -> Any:
        value = self.entries.get(name)
        if value is not None:
            self.used[name] = value
        return value

    def put(self, name: str, value: Any) -> None:
        self.used[name] = value
        self.added = True

    def _stat(self, path: str) -> tuple[int, int] | None:
        if self.output is None:
            return None
        try:
            status = os.stat(os.path.join(self.output, path))
        except OSError:
            return None
        return status.st_size, status.st_mtime_ns

    def page(self, name: str, path: str) -> bool:
        """Whether the file at `path` is the page an earlier run wrote for the key `name`: the key
        matches and the file's size and modification time (to the nanosecond) are the ones that run
        recorded after writing it, so no one has changed it since. The file is not read."""
        recorded = self.get(name)
        return recorded is not None and recorded == self._stat(path)

    def put_page(self, name: str, path: str) -> None:
        """Remember that the page for the key `name` is written at `path` (recorded at `save`, after
        the pages are written)."""
        self.pages[path] = name
        self.added = True

    def save(self) -> None:
        """Keep what this run used: as a delta when that is small, else as a new base."""
        for path, name in self.pages.items():
            written = self._stat(path)
            if written is not None:
                self.used[name] = written
        delta = self._delta_path()
        if self.path is None or delta is None or not self.added and self.used.keys() == self.entries.keys():
            return
        missing = object()
        new = {name: value for name, value in self.used.items() if (old := self.base.get(name, missing)) is not value and old != value}
        unused = len(self.base.keys() - self.used.keys())
        if self.base and len(new) * 10 < len(self.used) and unused * 2 < len(self.used):
            self._write(delta, new)
            self.on_disk = (self.base, new)
            return
        self._write(self.path, self.used)
        if delta.exists():
            delta.unlink()
        self.on_disk = (self.used, {})

    def reopen(self) -> Cache:
        """This cache as a new run would read it from its files, without reading them (the live
        preview generates again and again in one process: at 10,000 explainers reading the
        files took about 2 s of each edit)."""
        again = Cache(None, self.output)
        again.path = self.path
        again.base, again.delta = self.on_disk
        again.entries = {**again.base, **again.delta}
        again.on_disk = self.on_disk
        return again

    @staticmethod
    def _write(path: Path, entries: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with partial.open("wb") as file:
            pickle.dump(entries, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
