"""What a second core buys on this machine, for work shaped like the generator's.

    .venv/bin/python -m bench.cores

Times two workloads alone, then two copies at once (forked), and prints the speed-up the second
core gave (2.0x is perfect):

* "small heap": the same few thousand dicts turned into JSON and HTML strings over and over,
  which stays in the CPU's caches;
* "large heap": one walk over 1.5 million small records, as the generator walks its records,
  which goes to memory for most objects.

The generator's stages are of the second kind: that is why a cold generate on two processes is
about 1.4 times as fast as on one, not twice (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import time


def small_heap() -> float:
    rows = [{"id": str(i), "values": [i, i * 2, "x" * 20], "more": {"n": i}} for i in range(2000)]
    began = time.perf_counter()
    for _ in range(40):
        json.loads(json.dumps(rows))
        "".join(f"<p>{row['id']}: {row['values'][2]}</p>" for row in rows)
    return time.perf_counter() - began


RECORDS = [{"id": str(i) * 3, "values": list(range(5))} for i in range(1_500_000)]


def large_heap() -> float:
    began = time.perf_counter()
    total = 0
    for _ in range(2):
        for record in RECORDS:
            total += len(record["id"]) + record["values"][2]
    return time.perf_counter() - began


def together(work) -> float:
    """Wall time of `work` run by two processes at once (the slower of the two)."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        os.write(write, repr(work()).encode())
        os._exit(0)
    os.close(write)
    mine = work()
    theirs = float(os.read(read, 64))
    os.waitpid(child, 0)
    return max(mine, theirs)


def main() -> int:
    print(f"{os.cpu_count()} CPUs; each workload alone, then two copies at once")
    for name, work in (("small heap", small_heap), ("large heap", large_heap)):
        work()  # warm up
        alone = min(work() for _ in range(3))
        pair = min(together(work) for _ in range(3))
        print(f"{name:10s}  alone {alone:.2f} s   two at once {pair:.2f} s   two cores give {2 * alone / pair:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
