"""Work spread over forked processes, for the stages whose items are independent.

Forking shares everything already in memory with the workers for free; only the results travel
back (pickled). Items are handed out a few at a time from a counter the processes share, so a
process that had other work first (this one runs `meanwhile` before it joins in) or drew slow
items simply takes fewer. Where fork is unavailable, or the work is small, everything runs here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

MINIMUM = 400
"""Items (record files, pages); below this, starting a second process costs more than it saves."""

_WORK: tuple[Callable[[Any], Any], Sequence[Any], Any, int] | None = None  # inherited by the workers


def _drain(_: object = None) -> list[tuple[int, Any]]:
    """Take `chunk` items at a time until none are left; (index, result) for each item taken."""
    assert _WORK is not None, "set by map_items before the workers start"
    work, items, counter, chunk = _WORK
    done: list[tuple[int, Any]] = []
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + chunk
        if start >= len(items):
            return done
        done.extend((index, work(items[index])) for index in range(start, min(start + chunk, len(items))))


def map_items(
    work: Callable[[Any], Any], items: Sequence[Any], workers: int, minimum: int | None = None,
    meanwhile: Callable[[], None] = lambda: None, chunk: int = 8,
) -> list[Any]:
    """`work(item)` for each item, in order: here and on `workers - 1` forked processes when there
    are at least `minimum` (default MINIMUM) items. `meanwhile` runs here, before this process
    takes items."""
    if workers < 2 or len(items) < (MINIMUM if minimum is None else minimum) or "fork" not in multiprocessing.get_all_start_methods():
        meanwhile()
        return [work(item) for item in items]
    context = multiprocessing.get_context("fork")
    global _WORK
    _WORK = (work, items, context.Value("q", 0), chunk)
    try:
        with context.Pool(workers - 1) as pool:
            pending = pool.map_async(_drain, range(workers - 1))
            meanwhile()
            shares = [_drain(), *pending.get()]
    finally:
        _WORK = None
    results: list[Any] = [None] * len(items)
    for share in shares:
        for index, result in share:
            results[index] = result
    return results
