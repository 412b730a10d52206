"""The live preview: edit a record and the served page changes; a rejected save keeps the last good
page and shows its errors over it; the terminal says what changed and nothing else."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator import build, urls
from generator.build import Generated
from generator.diagnostics import Location, error, warning
from generator.serve import STATUS, MkDocsLog, Terminal, address_problem, status_script
from tests.conftest import OUTPUT, ROOT, TODAY, write_config
from tests.golden import FIXTURE

BRIEFS = Path("/work/briefs")  # the lead's copy of the screenshot, where that folder exists


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


def start_preview(tmp_path: Path) -> tuple[subprocess.Popen, Path, str]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    config = write_config(tmp_path)
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(content), "--config", str(config),
         "--address", f"127.0.0.1:{port}", "--today", "2026-11-24"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    return server, content, f"http://127.0.0.1:{port}/"


def test_a_rejected_save_shows_on_the_page_and_clears_when_fixed(tmp_path: Path, browser):  # noqa: F811
    server, content, root = start_preview(tmp_path)
    url = root + "explainers/who-says-the-ferry-sank/"
    record = content / "explainers/who-says-the-ferry-sank.yml"
    banner = "#preview-problems"
    page = browser.new_page(viewport={"width": 1024, "height": 640})
    try:
        fetch_until(url, lambda body: "Who says the ferry sank?" in body)
        page.goto(url)
        expect(page.locator(banner)).to_have_count(0)
        record.write_text(record.read_text().replace("question: Who says the ferry sank?", "question: Who says the boat sank?"))
        expect(page.locator("h1")).to_contain_text("Who says the boat sank?", timeout=60_000)  # reloaded by MkDocs
        record.write_text(record.read_text().replace("status: false", "status: sunk"))
        expect(page.locator(banner)).to_be_visible(timeout=60_000)
        assert page.locator(banner).inner_text() == (
            "The last save was rejected: 1 error. This page is the last good version; fix the record and save again.\n"
            "content/explainers/who-says-the-ferry-sank.yml:3:9: error: unknown status 'sunk'; expected one of"
            " confirmed, likely, contested, unverified, unlikely, false [unknown-value]"
        )
        assert page.locator("h1").inner_text().startswith("Who says the boat sank?")  # the last good page
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=OUTPUT / "preview-rejected.png")
        if BRIEFS.is_dir():
            page.screenshot(path=BRIEFS / "preview-rejected.png")
        record.write_text(record.read_text().replace("status: sunk", "status: false"))
        expect(page.locator(banner)).to_have_count(0, timeout=60_000)
    finally:
        page.close()
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    saved = f"changed {record}"
    assert output.split(saved)[2:] == [
        "\ncontent/explainers/who-says-the-ferry-sank.yml:3:9: error: unknown status 'sunk'; expected one of"
        " confirmed, likely, contested, unverified, unlikely, false [unknown-value]\n"
        "  |\n"
        "3 | status: sunk\n"
        "  |         ^^^^\n"
        "rejected: 1 error, 3 warnings; the browser shows the errors over the last good page\n",
        "\nresolved: content/explainers/who-says-the-ferry-sank.yml: error: unknown status 'sunk'; expected one of"
        " confirmed, likely, contested, unverified, unlikely, false [unknown-value]\n"
        "rebuilt: 0 files changed; 0 errors, 3 warnings\n",
    ]
    # The same warnings are not shown again after each save, and MkDocs' noise is left out.
    assert output.count("[stale-claim]") == output.count("[missing-archive]") == output.count("[edition-untranslated]") == 1
    for noise in ("dirty", "Material for MkDocs", "not included in the \"nav\"", "Building documentation", "INFO"):
        assert noise not in output
    assert f"preview: serving on {root}\n" in output
    # The preview's files are gone when it stops.
    assert not (tmp_path / ".site_config.preview.yml").exists() and not (tmp_path / "docs" / STATUS).exists()


def test_a_built_site_never_contains_the_preview_script(tmp_path: Path):
    """Even with the preview's script left in the Markdown directory (a preview killed with -9)."""
    config = write_config(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / STATUS).write_text(status_script([], [], 1), encoding="utf-8")
    result = build.build(FIXTURE, config, tmp_path / "site", TODAY)
    assert result.site is not None, result.diagnostics
    built = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert len(built) > 20 and not (tmp_path / "docs" / STATUS).exists()
    assert [p for p in built if STATUS in p.name or b"preview-status" in p.read_bytes()] == []


def test_a_busy_port_is_one_line_and_a_failure(tmp_path: Path):
    write_config(tmp_path)
    shutil.copytree(FIXTURE, tmp_path / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--address", f"127.0.0.1:{port}"],
            cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=60,
        )
        expected = address_problem(f"127.0.0.1:{port}")
    assert expected is not None and expected[1].startswith(f"127.0.0.1:{port} is in use by another program; choose another port,")
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"error: {expected[1]}\n")
    assert address_problem("8000") == (2, "invalid address '8000'; write it as HOST:PORT, like 127.0.0.1:8000")
    assert not (tmp_path / "docs").exists()  # refused before generating anything


def test_the_terminal_shows_what_changed():
    lines: list[str] = []
    terminal = Terminal(lines.append)
    stale = warning(Location("x.yml", 3, 9), "explainer 'x' is contested", "stale-claim")
    wrong = error(Location("nowhere.yml", 9, 1), "unknown status 'sunk'", "unknown-value")
    terminal.report(Generated(object(), [stale], ("index.md", "x.md")), [], [])
    terminal.report(Generated(None, [stale, wrong]), ["changed content/x.yml"], [])
    moved = stale.__class__(Location("x.yml", 4, 9), "warning", stale.message, stale.rule)  # a line was added above
    terminal.report(Generated(object(), [moved], ("x.md", STATUS, "y.md")), ["deleted content/y.yml"], ["y.md"])
    assert lines == [
        "x.yml:3:9: warning: explainer 'x' is contested [stale-claim]\n"
        "rebuilt: 2 files changed; 0 errors, 1 warning",
        "changed content/x.yml\n"
        "nowhere.yml:9:1: error: unknown status 'sunk' [unknown-value]\n"
        "rejected: 1 error, 1 warning; the browser shows the errors over the last good page",
        "deleted content/y.yml\n"
        "resolved: nowhere.yml: error: unknown status 'sunk' [unknown-value]\n"
        "removed: y.md (the preview serves its old page until you restart it)\n"
        "rebuilt: 2 files changed; 0 errors, 1 warning",
    ]


def test_of_mkdocs_log_only_errors_and_new_warnings_are_shown():
    shown: list[str] = []
    log = logging.getLogger("test-mkdocs-log")
    log.propagate = False
    log.handlers = [MkDocsLog(shown.append)]
    log.info("Building documentation...")
    log.warning("A 'dirty' build is being performed, this will likely lead to inaccurate navigation.")
    log.info('The following pages exist in the docs directory, but are not included in the "nav" configuration:')
    log.warning("Doc file 'index.md' contains a link 'about.md', but the target is not found.")
    log.warning("Doc file 'index.md' contains a link 'about.md', but the target is not found.")
    log.error("Error reading page 'x.md':\n  a reason")
    assert shown == [
        "mkdocs: warning: Doc file 'index.md' contains a link 'about.md', but the target is not found.",
        "mkdocs: error: Error reading page 'x.md':\n  a reason",
    ]


def test_a_deleted_records_page_says_so_until_a_restart():
    assert [urls.url(n) for n in ("index.md", "explainers/x/index.md", "tags/index.md")] == ["", "explainers/x/", "tags/"]
    script = status_script([], ["explainers/x/"], 3)
    assert '{"errors": [], "removed": ["explainers/x/"], "build": 3, "builds": "/.preview/builds"}' in script and "__STATUS__" not in script
    # The problems are data, shown as text: a file name or key is never markup.
    hostile = status_script([error(Location("<b>.yml", 1, 1), "unknown key '\u2028<img>'", "unknown-key")], [], 1)
    assert '["<b>.yml:1:1: error: unknown key \'\\\\u2028<img>\' [unknown-key]"]' in hostile  # shown escaped
    assert "innerHTML" not in hostile and "textContent" in hostile



def test_after_a_save_only_the_changed_pages_are_rendered_as_mkdocs_would(tmp_path: Path, monkeypatch):
    """The preview keeps MkDocs' file list, navigation and templates between saves and renders the
    changed pages alone: byte for byte the pages of MkDocs' own build. A new page needs MkDocs'
    build again, and gets it."""
    import mkdocs.commands.build

    from generator.build import docs_dir, generate
    from generator.config import read_settings
    from generator.serve import Renderer, preview_config

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    config = write_config(tmp_path)
    docs = docs_dir(config, read_settings(config)[0])

    def save(old: str, new: str, name: str = "explainers/who-says-the-ferry-sank.yml") -> tuple[str, ...]:
        record = content / name
        record.write_text(record.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        generated = generate(content, config, None, TODAY)
        (docs / STATUS).write_text(status_script([], [], 1), encoding="utf-8")
        return generated.changed

    save("", "")
    renderer = Renderer(preview_config(config), tmp_path / "site", lambda text: None)
    renderer.build(dirty=False)
    whole = mkdocs.commands.build.build
    monkeypatch.setattr(mkdocs.commands.build, "build", lambda *args, **kwargs: pytest.fail("MkDocs' build ran"))
    changed = save("question: Who says the ferry sank?", "question: Who says the boat sank?")
    assert "explainers/who-says-the-ferry-sank/index.md" in changed
    renderer.build(True, [*changed, STATUS])
    monkeypatch.setattr(mkdocs.commands.build, "build", whole)
    again = Renderer(preview_config(config), tmp_path / "again", lambda text: None)
    again.build(dirty=False)
    for name in changed:
        page = name.removesuffix(".md") + ".html" if name.endswith(".md") else name
        assert (tmp_path / "site" / page).read_bytes() == (tmp_path / "again" / page).read_bytes(), page
    assert "Who says the boat sank?" in (tmp_path / "site/explainers/who-says-the-ferry-sank/index.html").read_text()
    # A new record: a page MkDocs' file list does not hold yet.
    shutil.copyfile(content / "explainers/who-says-the-ferry-sank.yml", content / "explainers/who-says-the-raft-sank.yml")
    changed = save("Who says the boat sank?", "Who says the raft sank?", "explainers/who-says-the-raft-sank.yml")
    renderer.build(True, [*changed, STATUS])
    assert "Who says the raft sank?" in (tmp_path / "site/explainers/who-says-the-raft-sank/index.html").read_text()
