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


def write_tree(files: dict[str, bytes], root: Path, keep: str = "") -> list[str]:
    """Make `root` hold exactly `files` (and the top-level entry `keep`); returns the paths written or removed."""
    changed: list[str] = []
    root.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(files.items()):
        target = root / name
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)
        changed.append(name)
    for path in sorted(root.rglob("*"), reverse=True):
        name = path.relative_to(root).as_posix()
        if keep and (name == keep or name.startswith(keep + "/")):
            continue
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif name not in files:
            path.unlink()
            changed.append(name)
    return changed


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
