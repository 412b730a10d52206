"""The weekly link check, against a server on 127.0.0.1 (this machine has no internet).

The server answers 200, 404, 500, redirects, refuses HEAD, refuses the robot (403) or answers
too late; one more URL points at a port nobody listens on.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator import linkcheck
from tests.conftest import MINIMAL, ROOT, write_config, write_content

TIMEOUT = 0.5


class Handler(BaseHTTPRequestHandler):
    log: list[tuple[str, str]]

    def _answer(self) -> None:
        path = self.path.split("?")[0]
        self.log.append((self.command, path))
        if path == "/slow":
            time.sleep(TIMEOUT * 3)
        if path == "/no-head" and self.command == "HEAD":
            return self._send(405)
        status, location = {
            "/ok": (200, None),
            "/slow": (200, None),
            "/no-head": (200, None),
            "/missing": (404, None),
            "/broken": (500, None),
            "/forbidden": (403, None),
            "/moved": (301, "/ok"),
            "/moved-to-missing": (302, "/missing"),
        }.get(path, (404, None))
        self._send(status, location)

    def _send(self, status: int, location: str | None = None) -> None:
        body = b"" if self.command == "HEAD" else b"<p>hello</p>"
        try:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the checker gave up waiting (/slow)

    do_HEAD = do_GET = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    log: list[tuple[str, str]] = []
    handler = type("LoggingHandler", (Handler,), {"log": log})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", log
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def records(tmp_path: Path, base: str, dead_port: int) -> Path:
    """MINIMAL, with every URL pointing at the local server (or at a closed port)."""
    files = dict(MINIMAL)
    files["sources/kremlin-statement.yml"] = f"""
        title: Statement
        publisher: kremlin
        kind: statement
        published: 2025-12-01
        url: {base}/ok
        archive: {base}/missing
        """
    files["sources/general-staff-post.yml"] = f"""
        title: Post
        publisher: general-staff
        kind: social-post
        published: 2025-12-02
        url: {base}/moved
        archive: {base}/broken
        """
    files["actors/kremlin.yml"] = f"""
        name: Kremlin
        kind: government
        affiliation: russia
        url: {base}/no-head
        same_as: {base}/forbidden
        description: See [the archive]({base}/moved-to-missing).
        """
    files["actors/general-staff.yml"] = f"""
        name: General Staff
        kind: military
        affiliation: ukraine
        url: http://127.0.0.1:{dead_port}/gone
        same_as: {base}/slow
        """
    files["explainers/who-says-x.yml"] = MINIMAL["explainers/who-says-x.yml"].replace(
        "summary: Some say it did, some say it did not.",
        f"summary: Some say it did ([statement]({base}/ok), [gone]({base}/missing)).",
    )
    write_content(tmp_path, files)
    write_config(tmp_path)
    return tmp_path


def run(root: Path, capsys, *extra: str) -> tuple[int, list[str], str]:
    code = linkcheck.main(
        ["--content", str(root / "content"), "--config", str(root / "site_config.yml"), "--timeout", str(TIMEOUT), *extra]
    )
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_dead_links_are_an_issue_ready_checklist(tmp_path: Path, server, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base, log = server
    port = closed_port()
    root = records(Path("."), base, port)
    started = time.monotonic()
    code, lines, _ = run(root, capsys, "--workers", "4")
    elapsed = time.monotonic() - started
    assert code == 1
    assert lines == [
        "## 5 dead links (of 9 checked)",
        "",
        f"- [ ] {base}/broken (content/sources/general-staff-post.yml: archive) — HTTP 500",
        f"- [ ] {base}/missing (content/sources/kremlin-statement.yml: archive; content/explainers/who-says-x.yml: summary) — HTTP 404",
        f"- [ ] http://127.0.0.1:{port}/gone (content/actors/general-staff.yml: url) — connection refused",
        f"- [ ] {base}/slow (content/actors/general-staff.yml: same_as) — timed out after 0.5 s",
        f"- [ ] {base}/moved-to-missing (content/actors/kremlin.yml: description) — HTTP 404",
        "",
        "### 1 not verified (the server refused the checker; open them by hand)",
        "",
        f"- [ ] {base}/forbidden (content/actors/kremlin.yml: same_as) — HTTP 403",
    ]
    # Alive, and so not listed: /ok, /moved (301 to /ok), /no-head (405 to HEAD, 200 to GET).
    assert not [line for line in lines if f"{base}/ok " in line or "/moved " in line or "/no-head" in line]
    # Bounded: the slow host cost one timeout, not one per attempt.
    assert elapsed < TIMEOUT * 3 + 1.5


def test_each_url_is_asked_once_head_then_at_most_one_get(tmp_path: Path, server, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base, log = server
    root = records(Path("."), base, closed_port())
    run(root, capsys)
    asked = {path: sorted(m for m, p in log if p == path) for _, path in log}
    assert asked["/ok"] == ["HEAD", "HEAD"]  # as written, and as the end of /moved's redirect
    assert asked["/moved"] == ["HEAD"]  # the redirect was followed with HEAD, not GET
    assert asked["/no-head"] == ["GET", "HEAD"]  # 405 to HEAD: one GET
    assert asked["/broken"] == ["GET", "HEAD"]
    assert asked["/missing"] == ["GET", "GET", "HEAD", "HEAD"]  # as written, and as /moved-to-missing's end
    assert asked["/moved-to-missing"] == ["GET", "HEAD"]
    assert asked["/forbidden"] == ["GET", "HEAD"]
    assert asked["/slow"] == ["HEAD"]  # a timeout is not followed by a GET
    assert len(log) == 16  # the URL the summary repeats is not asked again


def test_no_dead_links_exits_0(tmp_path: Path, server, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base, _ = server
    files = dict(MINIMAL)
    for name in ("sources/kremlin-statement.yml", "sources/general-staff-post.yml"):
        files[name] = MINIMAL[name].replace("https://example.org/", f"{base}/ok?").replace(
            "https://archive.example.org/", f"{base}/moved?"
        )
    write_content(Path("."), files)
    write_config(Path("."))
    code, lines, _ = run(Path("."), capsys)
    assert (code, lines) == (0, ["No dead links among 4 external URLs."])


def test_no_answer_at_all_is_not_a_list_of_dead_links(tmp_path: Path, capsys, monkeypatch):
    """With the network down every URL fails: exit 2, not an issue with every source in it."""
    monkeypatch.chdir(tmp_path)
    write_content(Path("."), {
        name: text.replace("https://example.org/", f"http://127.0.0.1:{closed_port()}/").replace(
            "https://archive.example.org/", f"http://127.0.0.1:{closed_port()}/"
        )
        for name, text in MINIMAL.items()
    })
    write_config(Path("."))
    code, lines, err = run(Path("."), capsys)
    assert code == 2
    assert "none of the 4 URLs got an HTTP answer" in err


def test_usage_and_content_errors_check_nothing(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert linkcheck.main(["--content", "nowhere"]) == 2
    assert "content directory 'nowhere' does not exist" in capsys.readouterr().err
    write_content(Path("."), {**MINIMAL, "actors/kremlin.yml": "name: Kremlin\nkind: nation\naffiliation: russia\n"})
    write_config(Path("."))
    code, lines, err = run(Path("."), capsys)
    assert (code, lines) == (2, [])
    assert "the content has errors; no link was checked" in err


def test_runs_as_a_module(tmp_path: Path, server):
    base, _ = server
    files = dict(MINIMAL)
    for name in ("sources/kremlin-statement.yml", "sources/general-staff-post.yml"):
        files[name] = MINIMAL[name].replace("https://example.org/", f"{base}/ok?").replace(
            "https://archive.example.org/", f"{base}/missing?"
        )
    write_content(tmp_path, files)
    write_config(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator.linkcheck", "--timeout", "2"],
        cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == "## 2 dead links (of 4 checked)"
    assert f"- [ ] {base}/missing?statement (content/sources/kremlin-statement.yml: archive) — HTTP 404" in result.stdout
