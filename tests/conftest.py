"""Shared fixtures: a content directory written from a dict, and a site configuration for it."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
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
