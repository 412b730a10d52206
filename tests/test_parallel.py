"""Large sites are read, validated and rendered on forked processes: same results as one process."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from generator import build, parallel
from generator.cache import Cache
from tests.conftest import ROOT, TODAY, generated
from tests.golden import FIXTURE
from tests.test_build import hostile_content


def test_map_items_keeps_the_order_and_uses_other_processes():
    def work(item):
        time.sleep(0.05)  # long enough for every process to take some
        return item, os.getpid()

    ran = []
    results = parallel.map_items(work, list(range(12)), workers=3, minimum=1, meanwhile=lambda: ran.append(os.getpid()), chunk=1)
    assert [item for item, _ in results] == list(range(12))
    assert ran == [os.getpid()] and len({pid for _, pid in results}) > 1
    assert {pid for _, pid in parallel.map_items(work, list(range(3)), workers=3, minimum=4)} == {os.getpid()}


@pytest.fixture
def parallel_from_one(monkeypatch):
    monkeypatch.setattr(parallel, "MINIMUM", 1)


def broken(root: Path) -> Path:
    content = root / "broken"
    shutil.copytree(FIXTURE, content)
    record = content / "explainers/who-says-the-ferry-sank.yml"
    record.write_text(record.read_text().replace("by: operator", "by: operatr"))
    source = content / "sources/operator-post.yml"
    source.write_text(source.read_text().replace("published: 2025-12-02", "published: 2025-02-30"))
    (content / "actors/dup.yml").write_text("name: A\nname: B\nkind: other\naffiliation: independent\n")
    return content


@pytest.mark.parametrize("content", [lambda tmp: FIXTURE, hostile_content, broken], ids=["fixture", "hostile", "broken"])
def test_check_and_render_on_two_processes_match_one(tmp_path: Path, parallel_from_one, content):
    root = content(tmp_path)
    config = ROOT / "site_config.yml"
    one = build.check(root, config, TODAY, Cache(None), workers=1)
    two = build.check(root, config, TODAY, Cache(None), workers=2)
    assert one == two
    if content is broken:
        assert one[0] is None and all(
            any(word in d.message for d in one[1]) for word in ("operatr", "duplicate", "no such date")
        )
        return
    assert generated(root, tmp_path / "one", workers=1) == generated(root, tmp_path / "two", workers=2)
