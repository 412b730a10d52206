"""`python -m generator` with a stopwatch on each pipeline stage.

    python -m bench.stages generate --content DIR --out DIR --config FILE --today 2026-11-24

Runs the real command line (`generator.cli.main`) after wrapping the stage functions that
`generator.build` calls (read_settings; map_items, which reads and validates the records on
two processes; link, load_pages, plan; write_tree, which renders the pages on two processes
and writes them) and the cache's save with timers, then
prints one JSON line to stdout: seconds per stage, the import time of the generator and the
whole process time up to exit. The wrappers cost a few microseconds per call; a stage
`generator.build` no longer calls is simply absent from the figures.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402

import generator.build as build  # noqa: E402
import generator.cli as cli  # noqa: E402

IMPORTED = time.perf_counter()
STAGES = {"read_settings": "read_settings", "map_items": "load+validate", "link": "link", "load_pages": "load_pages",
          "read_history": "history", "plan": "plan", "write_tree": "render+write"}


def main(argv: list[str] | None = None) -> int:
    timings: dict[str, float] = {}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - began

        return wrapper

    for name, label in STAGES.items():
        if callable(getattr(build, name, None)):
            setattr(build, name, timed(label, getattr(build, name)))
    build.Cache.save = timed("cache save", build.Cache.save)
    status = cli.main(argv)
    end = time.perf_counter()
    staged = sum(timings.values())
    report = {
        "imports": IMPORTED - START,
        **timings,
        "other": end - IMPORTED - staged,
        "total": end - START,
        "exit": status,
    }
    print(json.dumps(report))
    return status


if __name__ == "__main__":
    sys.exit(main())
