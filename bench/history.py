"""What reading the history costs (issue 17): a repository of synthetic records with many versions.

    .venv/bin/python -m bench.history [--explainers 1000] [--commits 20] [--dir DIR]

Writes synthetic content (`bench/synthetic.py`) and commits it with `git fast-import`: one
commit adds every record, then each explainer is edited in `--commits - 1` commits of its own,
round-robin (a status changed, a word of a quote or paraphrase corrected, a sentence added to
the summary, in turn), and every 50th commit also fixes a source's archive link, which the
explainers citing it show. So each explainer has `--commits` versions and the chain has
N x (commits - 1) + 1 commits. Then it times, in this process:

* a cold read (`read_history` with an empty cache);
* pickling and unpickling the cache, as a build keeps it between runs;
* a read with nothing new, and a read after one new commit (one explainer's status changed).

Figures are printed, never asserted (docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import pickle
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bench import synthetic
from generator.config import read_settings
from generator.history import read_history

ROOT = Path(__file__).resolve().parent.parent
START = int(datetime.datetime(2026, 11, 24, tzinfo=datetime.UTC).timestamp())  # the synthetic records' today
STEP = 60  # seconds between commits
STATUSES = ("confirmed", "likely", "contested", "unverified", "unlikely", "false")
ENV = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
T = TypeVar("T")


def edit(text: str, version: int) -> str:
    """The next version of a synthetic explainer: one change a reader would name."""
    if version % 3 == 0:
        status = re.search(r"^status: (\S+)$", text, re.MULTILINE).group(1)
        following = STATUSES[(STATUSES.index(status) + 1) % len(STATUSES)]
        return text.replace(f"\nstatus: {status}\n", f"\nstatus: {following}\n", 1)
    if version % 3 == 1:  # the first quote written on one line, unquoted
        edited = re.sub(r"^(    quote: (?![\"'>|]).*\S)$", rf"\1 (revision {version})", text, count=1, flags=re.MULTILINE)
        if edited != text:
            return edited
    return text.replace("summary: |\n", f"summary: |\n  Revision {version} of this answer.\n", 1)


def data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def build(repo: Path, explainers: int, commits: int) -> int:
    """The repository of synthetic records; returns the number of commits."""
    content = repo / "content"
    synthetic.generate(explainers, content)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=ENV)
    files = sorted(p for p in content.rglob("*") if p.is_file())
    texts = {p.relative_to(repo).as_posix(): p.read_text(encoding="utf-8") for p in files}
    names = sorted(name for name in texts if name.startswith("content/explainers/"))
    sources = sorted(name for name in texts if name.startswith("content/sources/"))
    stream: list[bytes] = []

    def commit(n: int, message: str, changed: dict[str, str]) -> None:
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"committer Editor <editor@example.org> %d +0000\n" % (START + n * STEP))
        stream.append(data(message.encode()))
        for name, text in changed.items():
            stream.append(f"M 100644 inline {name}\n".encode())
            stream.append(data(text.encode()))

    commit(0, "add the records", texts)
    n = 0
    for version in range(1, commits):
        for name in names:
            n += 1
            texts[name] = edit(texts[name], version)
            changed = {name: texts[name]}
            if n % 50 == 0:
                source = sources[(n // 50) % len(sources)]
                texts[source] = re.sub(r"^archive: (.*)$", rf"archive: \1?fixed={n}", texts[source], count=1,
                                       flags=re.MULTILINE)
                changed[source] = texts[source]
            commit(n, f"edit {name}", changed)
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream), check=True, env=ENV)
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "main"], check=True, env=ENV)
    subprocess.run(["git", "-C", str(repo), "tag", "built"], check=True, env=ENV)
    return n + 1


def reuse(repo: Path) -> int:
    """The repository an earlier run built, as it was built; returns the number of commits."""
    subprocess.run(["git", "-C", str(repo), "reset", "-q", "--hard", "built"], check=True, env=ENV)
    out = subprocess.run(["git", "-C", str(repo), "rev-list", "--count", "HEAD"], check=True, env=ENV, capture_output=True,
                         text=True)
    return int(out.stdout)


def timed(function: Callable[..., T], *args: Any) -> tuple[float, T]:
    began = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - began, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.history", description=__doc__.splitlines()[0])
    parser.add_argument("--explainers", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=20, help="versions of each explainer")
    parser.add_argument("--dir", type=Path, help="build the repository here and keep it, or reuse the one an earlier run"
                        " kept there (default: a temporary directory)")
    args = parser.parse_args(argv)
    gc.disable()  # as the command line runs (generator/cli.py)
    root = args.dir or Path(tempfile.mkdtemp(prefix="bench-history-"))
    repo = root / "repo"
    try:
        if (repo / ".git").is_dir():
            count = reuse(repo)
            print(f"repository: {repo}, {count} commits, reused")
        else:
            seconds, count = timed(build, repo, args.explainers, args.commits)
            print(f"repository: {args.explainers} explainers, {args.commits} versions each, {count} commits,"
                  f" built in {seconds:.1f} s")
        settings, _ = read_settings(ROOT / "site_config.yml")
        last = datetime.datetime.fromtimestamp(START + count * STEP, datetime.UTC).date()
        today = last + datetime.timedelta(days=1)  # the build's day: every version is checked against its commit's
        content = repo / "content"
        cache: dict = {}
        seconds, (found, _) = timed(read_history, content, settings, today, cache)
        versions = [v for history in found.explainers.values() for v in history]
        print(f"cold read: {seconds:.2f} s ({found.read} commits read, {len(versions)} versions of which"
              f" {sum(not v.valid for v in versions)} invalid)")
        seconds, saved = timed(pickle.dumps, cache, pickle.HIGHEST_PROTOCOL)
        print(f"cache: {len(saved) / 1e6:.1f} MB pickled in {seconds:.2f} s", end="")
        seconds, cache = timed(pickle.loads, saved)
        print(f", unpickled in {seconds:.2f} s")
        seconds, (found, _) = timed(read_history, content, settings, today, cache)
        print(f"read with nothing new: {seconds:.3f} s ({found.read} commits read)")
        name = sorted((content / "explainers").iterdir())[0]
        name.write_text(edit(name.read_text(encoding="utf-8"), 0), encoding="utf-8")
        subprocess.run(["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                        "commit", "-q", "-am", "one more edit"], check=True, env=ENV)
        seconds, (found, _) = timed(read_history, content, settings, today, cache)
        print(f"read after one new commit: {seconds:.3f} s ({found.read} commit read)")
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
