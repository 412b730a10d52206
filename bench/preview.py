"""How long the live preview takes to show an edit, on synthetic content.

    .venv/bin/python -m bench.preview --size 1000 [--edits 5]
    .venv/bin/python -m bench.preview --size 0     # the bundled content (a copy of content/)

Starts `python -m generator serve` (the generator watching the records, MkDocs rendering in its process)
on the content `bench.run` uses, waits until an explainer page is served, then changes one quote
in that explainer's record and takes the wall clock until the served page shows the new words
(read after each build, as the open page reloads then).
Prints the time to the first page (generate + MkDocs' first full build) and, for each edit, the
time to the changed page, and their median. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.run import PYTHON, ROOT, TODAY, apply_edit, content_for, edit_target, restore_edit, write_config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, words: str, timeout: float) -> float:
    """Seconds until the page at `url` contains `words`."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            if words in urllib.request.urlopen(url, timeout=10).read().decode():
                return time.monotonic() - began
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"{url} did not show {words!r} within {timeout:.0f} s")


def build_number(root: str, after: int = -1) -> int:
    """The preview's latest build (after `after`: waiting for it, as an open page does)."""
    return json.loads(urllib.request.urlopen(f"{root}.preview/builds?after={after}", timeout=60).read())["build"]


def wait_for_build(root: str, url: str, words: str, build: int, began: float, timeout: float) -> float:
    """Seconds from `began` until the page at `url` contains `words`, reading it after each build
    after `build`, as the open page does (polling it instead would take the preview's process from
    its work)."""
    while time.monotonic() - began < timeout:
        build = build_number(root, build)
        if words in urllib.request.urlopen(url, timeout=10).read().decode():
            return time.monotonic() - began
    raise SystemExit(f"{url} did not show {words!r} within {timeout:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000, help="explainers (default 1000; 0: the bundled content)")
    parser.add_argument("--edits", type=int, default=5, help="edits to time (default 5)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "who-says-what-bench")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="preview-", dir=args.workdir) as tmp:
        if args.size:
            content, _, _ = content_for(args.workdir, args.size, args.seed, fresh=False)
        else:  # edited in a copy, outside git
            content = Path(tmp) / "content"
            shutil.copytree(ROOT / "content", content)
        config = write_config(Path(tmp), Path(tmp) / "docs")
        port = free_port()
        env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
        command = [PYTHON, "-m", "generator", "serve", "--content", str(content), "--config", str(config),
                   "--address", f"127.0.0.1:{port}", "--today", TODAY]
        target = edit_target(content)
        root = f"http://127.0.0.1:{port}/"
        url = f"{root}explainers/{target.stem}/"
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        try:
            first = wait_for(url, "Who says", timeout=1800)
            name = f"N = {args.size}" if args.size else "bundled content"
            print(f"{name}: first page served after {first:.1f} s (generate + the first full MkDocs build)")
            times = []
            for run in range(1, args.edits + 1):
                restore_edit(content)  # apply_edit keeps the file as it was before the edit
                time.sleep(2)  # the restore's own rebuild is done, and the watchers settle
                build = build_number(root)
                began = time.monotonic()
                apply_edit(target, run)
                seconds = wait_for_build(root, url, f"Edited for benchmark run {run + 1}", build, began, timeout=1800)
                times.append(seconds)
                print(f"edit {run} (one quote in {target.name}): the served page changed after {seconds:.2f} s")
            print(f"{name}: median {statistics.median(times):.2f} s from saving a record to the served page holding the change"
                  f" (goal: at most {0.6 if args.size else 0.4} s)")
        finally:
            restore_edit(content)
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
