"""Live preview: regenerate the Markdown when a record changes; `mkdocs serve` renders and reloads.

The generator watches the records itself (no MkDocs hook), so the renderer stays replaceable.
A record with an error is reported and nothing is written, so the last good pages stay up.
"""

from __future__ import annotations

import datetime
import gc
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from generator.build import Generated, generate


def snapshot(content: Path, config: Path) -> dict[Path, tuple[int, int]]:
    files = [config, *content.rglob("*")]
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file()}


def serve(
    content: Path,
    config: Path,
    today: datetime.date,
    report: Callable[[Generated], None],
    address: str = "127.0.0.1:8000",
    interval: float = 0.3,
) -> int:
    generated = generate(content, config, None, today)
    report(generated)
    # --livereload: with a recent click, mkdocs 1.6.1 does not reload the browser without it.
    # --dirty: after the first build, render only pages whose Markdown changed (the generator
    # leaves every other file's mtime alone): an edit shows in seconds, not after a whole build.
    # MkDocs warns on every dirty build, so strict mode would refuse them all: the preview is
    # not strict (its warnings still print); `generator build` and CI are.
    command = [
        sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--no-strict", "-f", str(config), "-a", address,
    ]
    renderer = subprocess.Popen(command)
    seen = snapshot(content, config)
    try:
        while renderer.poll() is None:
            time.sleep(interval)
            now = snapshot(content, config)
            if now != seen:
                seen = now
                # The cache as the last run left it, without reading its files again.
                generated = generate(content, config, None, today, cache=generated.cache.reopen())
                report(generated)
                gc.collect()  # the CLI runs without the cyclic collector; this loop runs for hours
    except KeyboardInterrupt:
        pass
    finally:
        renderer.terminate()
        renderer.wait()
    return 0
