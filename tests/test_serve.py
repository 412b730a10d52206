"""The live preview: edit a record and the served page changes; a broken record keeps the last good page."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, write_config
from tests.golden import FIXTURE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_until(url: str, predicate, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode()
            if predicate(body):
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never matched; last body starts {body[:200]!r}")


def test_editing_a_record_changes_the_served_page(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    config = write_config(tmp_path)
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(content), "--config", str(config),
         "--address", f"127.0.0.1:{port}", "--today", "2026-11-24"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/explainers/who-says-the-ferry-sank/"
    record = content / "explainers/who-says-the-ferry-sank.yml"
    try:
        fetch_until(url, lambda body: "Who says the ferry sank?" in body)
        record.write_text(record.read_text().replace("question: Who says the ferry sank?", "question: Who says the boat sank?"))
        fetch_until(url, lambda body: "Who says the boat sank?" in body)
        record.write_text(record.read_text().replace("status: false", "status: sunk"))
        time.sleep(3)  # a broken record must not replace the last good page
        assert "Who says the boat sank?" in fetch_until(url, lambda body: True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert "error: unknown status 'sunk'" in output
