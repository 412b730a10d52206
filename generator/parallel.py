"""Work spread over forked processes, for the stages whose items are independent.

Forking shares everything already in memory with the workers for free; only the results travel
back (pickled). Where fork is unavailable, or the work is small, everything runs here.
"""

from __future__ import annotations

import multiprocessing
from typing import Any, Callable, Sequence

_WORK: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any], int] | None = None  # inherited by the workers


def _share(index: int) -> list[Any]:
    work, items, count = _WORK
    return work(items[index::count])


def map_shares(work: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any], workers: int, minimum: int) -> list[Any]:
    """`work` over `items` (one result per item, in order): one share here, the others on
    `workers - 1` forked processes, when there are at least `minimum` items."""
    if workers < 2 or len(items) < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return work(items)
    global _WORK
    _WORK = (work, items, workers)
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            pending = pool.map_async(_share, range(1, workers))
            shares = [work(items[0::workers]), *pending.get()]
    finally:
        _WORK = None
    results: list[Any] = [None] * len(items)
    for index, share in enumerate(shares):
        results[index::workers] = share
    return results
