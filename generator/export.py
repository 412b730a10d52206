"""The data export, /data/explainers.json: every record as its file says it, with its id.

Each record's JSON is cached by its file's digest, and the export is assembled from those
pieces: on a large site an edit re-encodes one record, not all of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from generator.cache import Cache, key
from generator.link import Site
from generator.model import Date, Localized


def plain(value: Any) -> Any:
    """Records as JSON-ready data: dates as written, localized text as {lang: text}."""
    if isinstance(value, Date):
        return value.iso
    if isinstance(value, Localized):
        return dict(value.values)
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {
            name: plain(getattr(value, name))
            for name in value.__dataclass_fields__
            if name not in ("where", "path") and getattr(value, name) not in (None, (), False)
        }
    return value


def _encode(value: Any) -> bytes:
    # No indent: json's C encoder only runs without one (ten times faster on a large site).
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode()


def export(site: Site, cache: Cache, salt: str) -> bytes:
    """The export's bytes: what json.dumps(export, sort_keys=True) writes, assembled from each
    record's JSON (UTF-8, taken from the cache when the record's file is unchanged)."""
    prefix = key("data", salt)

    def record(kind: str, value: Any) -> bytes:
        digest = site.digests.get((kind, value.id))
        if digest is None:  # not from a file: nothing vouches for a cached copy
            return _encode(plain(value))
        name = f"{prefix}:{kind}:{value.id}:{digest}"
        encoded = cache.get(name)
        if encoded is None:
            encoded = _encode(plain(value))
            cache.put(name, encoded)
        return encoded

    def array(kind: str, records: Iterable[Any]) -> bytes:
        return b"[" + b", ".join(record(kind, r) for r in records) + b"]"

    return b"".join([
        b'{"actors": ', array("actor", site.actors.values()),
        b', "explainers": ', array("explainer", site.explainers.values()),
        b', "site": ', _encode(site.settings.site_url),
        b', "sources": ', array("source", site.sources.values()), b"}\n",
    ])
