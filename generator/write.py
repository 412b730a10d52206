"""Stage 5: the only code that changes files the site is made of.

`write_tree` brings a directory in line with a mapping of path to bytes, touching only files
whose bytes change (so their modification times say what changed) and removing stale ones.
`replace_dir` swaps a finished directory in for the published one in a single step.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path


def write_tree(files: dict[str, bytes | None], root: Path, keep: str = "") -> list[str]:
    """Make `root` hold exactly `files` (and the top-level entry `keep`); returns the paths written
    or removed. A file whose value is None is kept as it is (the generator's cache vouched for it)."""
    changed: list[str] = []
    root.mkdir(parents=True, exist_ok=True)
    folders = {""}
    for name, data in sorted(files.items()):
        if data is None:
            continue
        target = os.path.join(root, name)
        try:
            with open(target, "rb") as file:
                if file.read() == data:
                    continue
        except FileNotFoundError:
            pass
        folder, base = os.path.split(name)
        if folder not in folders:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            folders.add(folder)
        partial = os.path.join(root, folder, f".{base}.partial")
        with open(partial, "wb") as file:
            file.write(data)
        os.replace(partial, target)
        changed.append(name)
    for folder, subfolders, names in os.walk(root, topdown=False):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        relative = "" if relative == "." else relative + "/"
        if keep and (relative == keep + "/" or relative.startswith(keep + "/")):
            continue
        for base in names:
            name = relative + base
            if name not in files and not (keep and name == keep):
                os.unlink(os.path.join(folder, base))
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
