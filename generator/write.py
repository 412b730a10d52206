"""Stage 5: the only code that changes files the site is made of.

`write_tree` brings a directory in line with a mapping of path to bytes, touching only files
whose bytes change (so their modification times say what changed) and removing stale ones.
`replace_dir` swaps a finished directory in for the published one in a single step.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.parallel import map_items


def write_file(root: str, name: str, data: bytes) -> bool:
    """Put `data` at `root/name` (whose folder exists) unless the file holds it already; a new
    file is written beside it and renamed over it, so no reader sees half a file. True if written."""
    target = os.path.join(root, name)
    try:
        with open(target, "rb") as file:
            if file.read() == data:
                return False
    except FileNotFoundError:
        pass
    folder, base = os.path.split(target)
    partial = os.path.join(folder, f".{base}.partial")
    with open(partial, "wb") as file:
        file.write(data)
    os.replace(partial, target)
    return True


def write_tree(
    files: Mapping[str, bytes | Callable[[], bytes] | None], root: Path, keep: str = "", workers: int = 1,
    meanwhile: Callable[[], Mapping[str, bytes | None]] = dict,
) -> list[str]:
    """Make `root` hold exactly `files` (and the top-level entry `keep`); returns the paths written
    or removed. A value is the file's bytes, a job that makes them, or None to keep the file as it
    is (the generator's cache vouched for it). Jobs run on `workers` processes, each writing what
    it made; `meanwhile` runs here at the same time and returns more files."""
    root.mkdir(parents=True, exist_ok=True)
    base = str(root)
    todo = {name: data for name, data in files.items() if data is not None}  # None: the file is as it should be
    for folder in sorted({os.path.dirname(name) for name in todo} - {""}):
        os.makedirs(os.path.join(base, folder), exist_ok=True)

    def put(name: str) -> bool:
        data = todo[name]
        return write_file(base, name, data() if callable(data) else data)

    names = sorted(todo)
    more: dict[str, bytes | None] = {}
    written = map_items(put, names, workers, meanwhile=lambda: more.update(meanwhile()))
    changed = [name for name, done in zip(names, written, strict=True) if done]
    for name, data in more.items():
        if data is not None:
            os.makedirs(os.path.join(base, os.path.dirname(name)), exist_ok=True)
            if write_file(base, name, data):
                changed.append(name)
    wanted = files.keys() | more.keys()
    for folder, _, names in os.walk(root, topdown=False):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        relative = "" if relative == "." else relative + "/"
        if keep and (relative == keep + "/" or relative.startswith(keep + "/")):
            continue
        for base_name in names:
            name = relative + base_name
            if name not in wanted and not (keep and name == keep):
                os.unlink(os.path.join(folder, base_name))
                changed.append(name)
        if relative and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(changed)


def add_policy(root: Path, policy: str) -> None:
    """Make a Content-Security-Policy <meta> the first element of every page's <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    for path in sorted(root.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        head = html.find("<head>")
        if head < 0:
            raise ValueError(f"{path}: no <head> to put the Content-Security-Policy in")
        path.write_text(html[: head + 6] + "\n" + meta + html[head + 6 :], encoding="utf-8")


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def replace_dir(new: Path, target: Path) -> None:
    """Put the directory `new` where `target` is, in one step where the system allows it."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)  # `new` now holds the previous site
        return
    previous = target.with_name(f".{target.name}.previous")
    if previous.exists():
        shutil.rmtree(previous)
    if target.exists():
        os.rename(target, previous)
    os.rename(new, target)
    if previous.exists():
        shutil.rmtree(previous)
