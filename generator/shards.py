"""The render's work dealt to several renderer processes: an edition's pages in shards.

A shard is a run of the renderer over one edition's whole Markdown folder that builds only some of
its pages: the others are left out with `exclude_docs`, which MkDocs and Zensical both honour,
while the navigation and every link still resolve (a link to a page left out is reported at INFO
level, never as a warning). The shards' folders are then joined: every page comes from the one
shard that built it; files every shard writes (theme assets, the 404 page) are the same in each.

Pages are dealt in their sorted order, so that each shard's pages are a run of neighbours and
`exclude_docs` needs a few patterns (shortest prefixes), not a line per page.
"""

from __future__ import annotations

import bisect
import gzip
import html
import io
import os
import re
import struct
from pathlib import Path, PurePosixPath

from generator import urls

MIN_PAGES = 400
"""A shard holds at least this many pages: below that, a process's start costs more than it saves."""


def split(pages: dict[str, int], parts: int) -> list[list[str]]:
    """`pages` (path: weight, e.g. its size in bytes) in at most `parts` runs of neighbours of about
    equal weight, none below MIN_PAGES pages unless there is only one."""
    ordered = sorted(pages)
    parts = max(1, min(parts, len(ordered) // MIN_PAGES))
    total = sum(pages.values()) or 1
    runs: list[list[str]] = [[]]
    done = 0
    for path in ordered:
        if done >= total * len(runs) / parts and len(runs) < parts:
            runs.append([])
        runs[-1].append(path)
        done += pages[path]
    return runs


def excluding(chosen: list[str], everything: list[str]) -> list[str]:
    """`exclude_docs` patterns (gitignore style) that match every path of `chosen` and no other
    path of `everything` (which holds `chosen`): for each chosen path, its shortest prefix that
    begins none of the others, as `/prefix*` (a folder's match covers what is in it)."""
    chosen_set = set(chosen)
    others = sorted(p for p in everything if p not in chosen_set)
    prefixes: set[str] = set()
    for path in sorted(chosen):
        at = bisect.bisect_left(others, path)
        shared = max((len(os.path.commonprefix([path, o])) for o in others[max(at - 1, 0):at + 1]), default=0)
        prefixes.add(path[:shared + 1])
    patterns: list[str] = []
    last = None
    for prefix in sorted(prefixes):
        if last is not None and prefix.startswith(last):
            continue  # covered by the shorter prefix (sorted order keeps what begins with it together)
        last = prefix
        patterns.append("/" + re.sub(r"([\\\[\]*?!#])", r"\\\1", prefix) + "*")
    return patterns


def join(shard: Path, folder: Path) -> None:
    """Move what a shard built into the edition's folder: its pages, and nothing that is there
    already (what every shard writes alike)."""
    for directory, _, names in os.walk(shard):
        into = folder / Path(directory).relative_to(shard)
        into.mkdir(exist_ok=True)
        for name in names:
            if not (into / name).exists():
                os.rename(Path(directory, name), into / name)


_URL = re.compile(r"\s*<url>.*?</url>", re.DOTALL)
_LOC = re.compile(r"<loc>(.*?)</loc>")


def _order(path: str) -> tuple:
    """MkDocs' order of pages (`mkdocs.structure.files.file_sort_key`): a folder's index first,
    then its other pages, then its folders'."""
    parts = PurePosixPath(path).parts
    return (parts[:-1], PurePosixPath(path).stem != "index", parts[-1])


def join_sitemaps(folder: Path, others: list[Path], pages: list[str], base: str) -> None:
    """The edition's sitemap (and its gzip copy) with every shard's pages, in the order one
    renderer process gives them (each shard lists the pages it built); `base` is the edition's
    address."""
    text = (folder / "sitemap.xml").read_text(encoding="utf-8")
    entries = _URL.findall(text)
    for other in others:
        entries += _URL.findall((other / "sitemap.xml").read_text(encoding="utf-8"))
    address = {urls.url(page): _order(page) for page in pages}

    def key(entry: str) -> tuple:
        loc = html.unescape(_LOC.search(entry).group(1))  # type: ignore[union-attr]
        return address.get(loc.removeprefix(base), ())

    head, _, _ = text.partition(entries[0]) if entries else (text, "", "")
    tail = text[text.rindex("</url>") + len("</url>"):] if entries else ""
    merged = head + "".join(sorted(entries, key=key)) + tail
    (folder / "sitemap.xml").write_text(merged, encoding="utf-8")
    compressed = folder / "sitemap.xml.gz"
    if compressed.is_file():
        (mtime,) = struct.unpack("<I", compressed.read_bytes()[4:8])  # the build's time, as MkDocs set it
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, filename=str(compressed), mode="wb", mtime=mtime) as gz:
            gz.write(merged.encode("utf-8"))
        compressed.write_bytes(buffer.getvalue())
