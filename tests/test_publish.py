"""Publishing: a killed build changes nothing, deleted records leave no pages, builds are reproducible."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator import build
from tests.conftest import ROOT, TODAY, tree_digest, write_config
from tests.golden import FIXTURE


def start_build(cwd: Path, content: Path, out: Path, seed: str = "0") -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED=seed)
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--config", "site_config.yml",
         "--out", str(out), "--today", "2026-11-24"],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )


def test_a_build_killed_mid_render_leaves_the_previous_site(tmp_path: Path):
    config = write_config(tmp_path)
    out = tmp_path / "site"
    assert build.build(FIXTURE, config, out, TODAY).site is not None
    before = tree_digest(out)
    stages = {
        "while generating the Markdown": lambda: any((tmp_path / "docs").glob("explainers/*.md")),
        "as MkDocs starts": lambda: any(tmp_path.glob(".site.staging-*")),
        "while MkDocs writes pages": lambda: any(tmp_path.glob(".site.staging-*/explainers/*/index.html")),
    }
    for stage, reached in stages.items():
        shutil.rmtree(tmp_path / "docs", ignore_errors=True)
        process = start_build(tmp_path, FIXTURE, out)
        while not reached() and process.poll() is None:
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
        assert process.wait() == -signal.SIGKILL, f"the build finished before it could be killed {stage}"
        assert tree_digest(out) == before, stage
    # Nothing but the site, its staging leftovers, the Markdown directory and the editions'
    # renderer configurations was written.
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".site.staging-")) == [
        ".site_config.en.yml", ".site_config.ru.yml", ".site_config.uk.yml", "docs", "site", "site_config.yml"
    ]
    # The next build clears the leftovers of the killed ones.
    assert build.build(FIXTURE, config, out, TODAY).site is not None
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []
    assert tree_digest(out) == before


def test_pages_of_deleted_records_disappear(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    config = write_config(tmp_path)
    out = tmp_path / "site"
    assert build.build(content, config, out, TODAY).site is not None
    assert (out / "explainers/who-says-the-ferry-sank/index.html").exists()
    (content / "explainers/who-says-the-ferry-sank.yml").unlink()
    bridge = content / "explainers/who-says-the-bridge-fell.yml"
    bridge.write_text(bridge.read_text().replace("related: [who-says-the-ferry-sank]\n", ""))
    assert build.build(content, config, out, TODAY).site is not None
    assert not (out / "explainers/who-says-the-ferry-sank").exists()
    assert not (tmp_path / "docs/explainers/who-says-the-ferry-sank/index.md").exists()
    assert "who-says-the-ferry-sank" not in (out / "sitemap.xml").read_text()


def test_builds_from_different_directories_and_hash_seeds_are_identical(tmp_path: Path):
    digests = []
    for name, seed in (("one", "1"), ("two/deeper", "2")):
        where = tmp_path / name
        where.mkdir(parents=True)
        shutil.copytree(FIXTURE, where / "content")
        write_config(where)
        process = start_build(where, where / "content", where / "site", seed)
        output = process.communicate(timeout=300)[0].decode()
        assert process.returncode == 0, output
        digests.append(tree_digest(where / "site"))
    assert digests[0] == digests[1]
    assert {"sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind-entry.json", "feed.xml"} <= set(digests[0])
