"""Several renderer processes over shards of an edition's pages build the site one process builds."""

from __future__ import annotations

from pathlib import Path

import pathspec

from generator import build, shards
from tests.conftest import ROOT, TODAY, write_config


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_render_in_shards_is_the_render_in_one(tmp_path: Path, monkeypatch):
    """Every edition of the bundled site in three shards (links and strict checks across them
    included): the same files, byte for byte, sitemaps too, as one process per edition."""
    (tmp_path / "one").mkdir()
    (tmp_path / "three").mkdir()
    one = build.build(ROOT / "content", write_config(tmp_path / "one"), tmp_path / "one" / "site", TODAY)
    assert one.site is not None, one.diagnostics
    split = shards.split
    calls = []

    def three(pages: dict[str, int], parts: int) -> list[list[str]]:
        runs = split(pages, 3)
        calls.append(len(runs))
        return runs

    join, built = shards.join, []

    def counted(shard: Path, folder: Path) -> None:
        built.append(len(list(shard.rglob("index.html"))))
        join(shard, folder)

    monkeypatch.setattr(shards, "MIN_PAGES", 1)
    monkeypatch.setattr(shards, "split", three)
    monkeypatch.setattr(shards, "join", counted)
    several = build.build(ROOT / "content", write_config(tmp_path / "three"), tmp_path / "three" / "site", TODAY)
    assert several.site is not None, several.diagnostics
    assert calls == [3, 3, 3]
    # A shard builds its own pages only: the two joined into each edition's first hold a third each.
    pages = len(list((tmp_path / "one" / "site").glob("uk/**/index.html")))
    assert len(built) == 6 and all(0 < count < pages * 0.6 for count in built), (built, pages)
    first, second = tree(tmp_path / "one" / "site"), tree(tmp_path / "three" / "site")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert not list((tmp_path / "three").glob(".site_config.*.*.yml")), "a shard's configuration was left behind"


def test_a_shard_is_a_few_patterns_that_match_its_pages_and_nothing_else():
    everything = [f"explainers/who-says-{n:04d}/index.md" for n in range(3000)]
    everything += [f"explainers/who-says-{n:04d}/history/index.md" for n in range(3000)]
    everything += ["index.md", "about.md", "data/index.md", "data/explainers.json", "feed.xml", "explainers/index.md"]
    pages = {path: len(path) for path in everything if path.endswith(".md")}
    runs = shards.split(pages, 2)
    assert len(runs) == 2 and sorted(runs[0] + runs[1]) == sorted(pages)
    assert abs(len(runs[0]) - len(runs[1])) < 100
    for run in runs:
        patterns = shards.excluding(run, everything)
        assert len(patterns) < 40
        spec = pathspec.GitIgnoreSpec.from_lines(patterns)
        assert {path for path in everything if spec.match_file(path)} == set(run)


def test_a_small_edition_is_one_shard():
    assert shards.split({f"p{n}.md": 1 for n in range(shards.MIN_PAGES * 2 - 1)}, 4) == [sorted(f"p{n}.md" for n in range(shards.MIN_PAGES * 2 - 1))]
