"""Results of earlier runs, keyed by everything they were computed from.

A key is a hash of the inputs (a record file's bytes, a page's template sources and the bytes of
every record the page shows), the generator's own code and templates, the site settings and the
date checks are made against. Changed input makes a new key, so a stale entry can never be used;
entries no run asked for are dropped when the cache is saved. The cache is a speed-up only:
deleting it changes no output.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any, Callable

GENERATOR = Path(__file__).resolve().parent
FORMAT = 1  # bump when the shape of cached values changes


def fingerprint(theme: Path) -> str:
    """The generator's own version: a hash of its code and its Markdown templates."""
    digest = hashlib.sha256(f"cache-format-{FORMAT}".encode())
    for path in sorted([*GENERATOR.glob("*.py"), *(theme / "markdown").glob("*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class Cache:
    def __init__(self, path: Path | None, output: Path | None = None) -> None:
        self.path = path
        self.output = output  # where pages were written: a cached page is its file there, checked by hash
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.added = False
        if path is not None and path.is_file():
            try:
                with path.open("rb") as file:
                    self.entries = pickle.load(file)
            except Exception:  # an unreadable cache is an empty one
                self.entries = {}

    def get(self, name: str) -> Any:
        value = self.entries.get(name)
        if value is not None:
            self.used[name] = value
        return value

    def put(self, name: str, value: Any) -> None:
        self.used[name] = value
        self.added = True

    def page(self, name: str, path: str) -> bytes | None:
        """A page rendered by an earlier run, if its key matches and its file is still as written."""
        digest = self.get(name)
        if digest is None or self.output is None:
            return None
        try:
            data = (self.output / path).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == digest else None

    def put_page(self, name: str, data: bytes) -> None:
        self.put(name, hashlib.sha256(data).hexdigest())

    def remember(self, kind: str, compute: Callable[[str], Any]) -> Callable[[str], Any]:
        """`compute`, looked up in the cache first (for pure functions of one text)."""

        def cached(text: str) -> Any:
            name = key(kind, text)
            value = self.get(name)
            if value is None:
                value = compute(text)
                self.put(name, value)
            return value

        return cached

    def save(self) -> None:
        """Keep what this run used; written whole, then renamed into place."""
        if self.path is None or not self.added and self.used.keys() == self.entries.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".partial")
        with partial.open("wb") as file:
            pickle.dump(self.used, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)
