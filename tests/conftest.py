"""Shared fixtures: a content directory written from a dict, and a site configuration for it."""

from __future__ import annotations

import datetime
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import textwrap
import threading
from pathlib import Path

import markdown
import pytest
import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "output"  # screenshots
EXPLAINER = "explainers/who-says-pokrovsk-fell/"
TODAY = datetime.date(2026, 11, 24)
FIXTURE = ROOT / "tests" / "fixtures" / "site" / "content"
SITE_URL = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))["site_url"]


def write_content(root: Path, files: dict[str, str]) -> Path:
    """Write `{'explainers/x.yml': text}` under root/content; text is dedented."""
    content = root / "content"
    for name in ("explainers", "actors", "sources"):
        (content / name).mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return content


def write_config(root: Path) -> Path:
    """The real site configuration, with its Markdown directory and theme made absolute for `root`."""
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(root / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "theme")
    path = root / "site_config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# A small, valid site: one explainer, two actors, two sources.
MINIMAL = {
    "explainers/who-says-x.yml": """
        question: Who says X?
        claim: X happened.
        status: likely
        summary: Some say it did, some say it did not.
        published: 2025-12-01
        statements:
          - by: kremlin
            stance: supports
            date: 2025-12-01
            quote: X happened.
            source: kremlin-statement
          - by: general-staff
            stance: disputes
            date: 2025-12-02
            said: Denied that X happened.
            source: general-staff-post
        """,
    "actors/kremlin.yml": """
        name: Kremlin
        kind: government
        affiliation: russia
        """,
    "actors/general-staff.yml": """
        name: General Staff
        kind: military
        affiliation: ukraine
        """,
    "sources/kremlin-statement.yml": """
        title: Statement
        publisher: kremlin
        kind: statement
        published: 2025-12-01
        url: https://example.org/statement
        archive: https://archive.example.org/statement
        """,
    "sources/general-staff-post.yml": """
        title: Post
        publisher: general-staff
        kind: social-post
        published: 2025-12-02
        url: https://example.org/post
        archive: https://archive.example.org/post
        """,
}


def generated(content: Path, out: Path, config: Path = ROOT / "site_config.yml", workers: int = 1) -> dict[str, bytes]:
    """The files `generate` writes for `content` (the production path, without a cache)."""
    from generator.build import generate

    shutil.rmtree(out, ignore_errors=True)
    result = generate(content, config, out, TODAY, cached=False, workers=workers)
    assert result.site is not None, [str(d) for d in result.diagnostics]
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.relative_to(out).as_posix().startswith(".cache/")
    }


def built_site(tmp: Path, content: Path) -> Path:
    """`content` built by `generator build` into tmp/site (the configuration written beside it)."""
    from generator.build import build

    result = build(content, write_config(tmp), tmp / "site", TODAY)
    assert result.site is not None, result.diagnostics
    return tmp / "site"


# Built once per run: several modules read the same built sites and none changes them.
@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fixture content (tests/fixtures/site), built."""
    return built_site(tmp_path_factory.mktemp("fixture"), FIXTURE)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled content (content/), built."""
    return built_site(tmp_path_factory.mktemp("bundled"), ROOT / "content")


class Repo:
    """A git repository whose commits have exact dates: day N of December 2025, at noon UTC. The
    content is in its folder `content/`, or at its top."""

    def __init__(self, root: Path, content: str = "content") -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.content = root / content

    def git(self, *args: str, day: int | None = None) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        if day is not None:
            env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"2025-12-{day:02d}T12:00:00+00:00"
        command = ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false",
                   "-c", "core.hooksPath=/dev/null", "-C", str(self.root), *args]
        return subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout.strip()

    def commit(self, day: int, files: dict[str, str | None], message: str = "edit") -> str:
        """Write (or, for None, delete) files under content/ and commit them all."""
        for name, text in files.items():
            path = self.content / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, day=day)
        return self.git("rev-parse", "HEAD")


# The browser tests' set-up (tests/test_browser.py, tests/test_accessibility.py).
# Debian's chromium here; CI runners set CHROMIUM to the Chrome they ship. Never a downloaded browser.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(bundled_site: Path):
    """The bundled content, built and served on 127.0.0.1."""
    handler = functools.partial(QuietHandler, directory=str(bundled_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "browser tests need Debian's chromium: `make test` installs it"
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh, temporary profile.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()




# The minimal explainer, and one edit of it (tests/test_validate.py, tests/test_link.py).
X = "content/explainers/who-says-x.yml"
X_RECORD = textwrap.dedent(MINIMAL["explainers/who-says-x.yml"]).lstrip()


def explainer(old: str, new: str) -> dict[str, str]:
    assert old in X_RECORD, old
    return {"explainers/who-says-x.yml": X_RECORD.replace(old, new, 1)}


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return write_config(tmp_path)


@pytest.fixture
def problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Check `files` (MINIMAL plus overrides; None removes a file) and return the diagnostics as text."""
    from generator.build import check

    def run(files: dict[str, str | bytes | None], base: dict = MINIMAL) -> list[str]:
        monkeypatch.chdir(tmp_path)
        shutil.rmtree(tmp_path / "content", ignore_errors=True)
        merged = {**base, **files}
        write_content(tmp_path, {k: v for k, v in merged.items() if v is not None})
        write_config(tmp_path)
        _, diagnostics = check(Path("content"), Path("site_config.yml"), TODAY)
        return [str(d) for d in diagnostics]

    return run


# Hostile text in every field (tests/test_build.py, test_parallel.py, test_zensical.py).
HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(2)> <svg onload=alert(3)> <iframe src="javascript:alert(4)">'
    ' <style>*{display:none}</style> <meta http-equiv="refresh" content="0;url=https://evil.example">'
    ' { onclick=alert(5) } [m]: https://evil.example --8<-- ".git/config" | a | b | # h `tick` **b** _i_'
    " </title><script>alert(6)</script> </script> &amp; javascript:alert(7) <!-- c -->"
)
HOSTILE_MD = "[click](javascript:alert(8)) <b onclick=alert(9)>raw</b> ![t](https://tracker.example/p.png)"


def q(text: str) -> str:
    """A YAML double-quoted scalar holding `text` exactly."""
    return json.dumps(text, ensure_ascii=False)


def hostile_content(root: Path) -> Path:
    h, m = q(HOSTILE), q(HOSTILE_MD + " " + HOSTILE)
    return write_content(root, {
        "explainers/hostile.yml": f"""
            question: {h}
            claim: {h}
            status: contested
            summary: {m}
            assessment: {m}
            context: {m}
            published: 2025-12-01
            tags: [hostile]
            place: {{name: {h}, aliases: [{h}]}}
            statements:
              - by: villain
                stance: supports
                date: 2025-12-01
                quote: {h}
                translation: {h}
                locator: {h}
                note: {m}
                source: villain-post
              - by: villain
                stance: disputes
                date: 2025-12-01
                said: {h}
                source: villain-post
            timeline:
              - date: 2025-11-30
                event: {h}
                source: villain-post
            updates:
              - date: 2025-12-01
                note: {h}
                status: contested
            """,
        "actors/villain.yml": f"""
            name: {h}
            kind: person
            affiliation: russia
            description: {m}
            aliases: [{h}]
            url: https://villain.example/?q=%22%3E%3Cscript%3E
            """,
        "pages/about.md": "# About\n\n## Methodology\n\n## Track records\n",
        "pages/editor-guide.md": "# Editor's guide\n",
        "sources/villain-post.yml": f"""
            title: {h}
            publisher: villain
            kind: social-post
            published: 2025-12-01
            url: https://villain.example/post?a=1&b="><script>alert(10)</script>
            authors: [{h}]
            """,
    })


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# A site's Markdown as MkDocs renders it (tests/test_hostile.py, test_properties.py).
YAML_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that loads as exactly `text` (escapes what YAML may not hold raw)."""
    return YAML_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def site_markdown(tmp_path: Path, text: str) -> dict[str, bytes]:
    """Every generated page, for a site whose every Text field holds `text`."""
    t = yaml_quoted(text)
    files = {
        "explainers/who-says-x.yml": f"""
            question: {t}
            claim: {t}
            status: likely
            summary: S
            published: 2025-12-01
            place: {{name: {t}, aliases: [{t}]}}
            statements:
              - {{by: kremlin, stance: supports, date: 2025-12-01, quote: {t}, translation: {t}, locator: {t},
                  source: kremlin-statement}}
              - {{by: kremlin, stance: disputes, date: 2025-12-01, said: {t}, source: kremlin-statement}}
            timeline:
              - {{date: 2025-11-30, event: {t}}}
            updates:
              - {{date: 2025-12-01, note: {t}, status: likely}}
            """,
        "actors/kremlin.yml": f"name: {t}\nkind: government\naffiliation: russia\naliases: [{t}]\n",
        "sources/kremlin-statement.yml": f"title: {t}\npublisher: kremlin\nkind: news\npublished: 2025-12-01\n"
                                         f"authors: [{t}]\narchive: https://archive.example/x\n",
    }
    content = write_content(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})
    return generated(content, tmp_path / "docs", write_config(tmp_path))


def html_of(page: bytes) -> str:
    """A generated Markdown page as MkDocs renders it (same extensions as site_config.yml)."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page.decode(), flags=re.S)
    return markdown.markdown(body, extensions=["toc", "tables", "attr_list"])


def visible(text: str) -> str:
    """What a reader sees of `text`: line breaks become breaks, controls a replacement mark."""
    text = re.sub("[\n\r\x85\u2028\u2029]", " ", text)
    text = "".join("\ufffd" if ord(c) < 32 and c != "\t" or 0x7F <= ord(c) < 0xA0 else c for c in text)
    return " ".join(text.split())


@pytest.fixture
def page(browser, server):
    """A page that records every request and console error; each test checks them at the end."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    foreign = [url for url in page.requests if not url.startswith(server) and not url.startswith("data:")]
    assert foreign == [], "requests left the local server"
    assert page.errors == []
    context.close()
