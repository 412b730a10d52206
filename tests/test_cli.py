"""The command line: exit statuses, output formats, and no traceback for a content mistake."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import MINIMAL, ROOT, write_config, write_content


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args, "--today", "2026-11-24"], cwd=cwd, env=env, capture_output=True, text=True
    )


def broken_site(tmp_path: Path) -> Path:
    files = dict(MINIMAL)
    files["explainers/who-says-x.yml"] = files["explainers/who-says-x.yml"].replace("by: kremlin", "by: kremln")
    write_content(tmp_path, files)
    write_config(tmp_path)
    return tmp_path


def test_check_clean_site_exits_0(tmp_path: Path):
    write_content(tmp_path, MINIMAL)
    write_config(tmp_path)
    result = run(tmp_path, "check")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "0 errors, 0 warnings\n")


def test_check_reports_the_line_and_a_suggestion(tmp_path: Path):
    result = run(broken_site(tmp_path), "check")
    assert result.returncode == 1
    assert result.stdout == "content/explainers/who-says-x.yml:7:9: error: unknown actor 'kremln' (did you mean 'kremlin'?)\n"
    assert result.stderr == "1 error, 0 warnings\n"


def test_check_formats(tmp_path: Path):
    site = broken_site(tmp_path)
    github = run(site, "check", "--format", "github")
    assert github.stdout == (
        "::error file=content/explainers/who-says-x.yml,line=7,col=9::unknown actor 'kremln' (did you mean 'kremlin'?)\n"
    )
    rows = json.loads(run(site, "check", "--format", "json").stdout)
    assert rows == [
        {
            "path": "content/explainers/who-says-x.yml",
            "line": 7,
            "column": 9,
            "severity": "error",
            "message": "unknown actor 'kremln' (did you mean 'kremlin'?)",
        }
    ]


def test_generate_and_build_refuse_content_errors_without_traceback(tmp_path: Path):
    site = broken_site(tmp_path)
    for command in ("generate", "build"):
        result = run(site, command)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.endswith("1 error, 0 warnings; nothing was written\n")
    assert not (site / "site").exists() and not (site / "docs").exists()


def test_unreadable_records_never_show_a_traceback(tmp_path: Path):
    write_content(tmp_path, {**MINIMAL, "actors/kremlin.yml": b"\xff\xfe\x00garbage", "sources/x.yml": b"a: [\n"})
    write_config(tmp_path)
    result = run(tmp_path, "check")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2(tmp_path: Path):
    assert run(tmp_path, "check", "--content", "nowhere").returncode == 2
    assert run(tmp_path, "check", "--format", "xml").returncode == 2
    assert run(tmp_path, "frobnicate").returncode == 2


def test_bundled_content_checks_clean():
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stdout
    assert "error" not in result.stdout


def test_warnings_in_every_format(tmp_path: Path):
    files = dict(MINIMAL)
    files["sources/kremlin-statement.yml"] = files["sources/kremlin-statement.yml"].replace(
        "archive: https://archive.example.org/statement\n", ""
    )
    write_content(tmp_path, files)
    write_config(tmp_path)
    text = run(tmp_path, "check")
    assert (text.returncode, text.stdout, text.stderr) == (
        0,
        "content/sources/kremlin-statement.yml:1:1: warning: source 'kremlin-statement' has no 'archive' link\n",
        "0 errors, 1 warning\n",
    )
    assert run(tmp_path, "check", "--format", "github").stdout == (
        "::warning file=content/sources/kremlin-statement.yml,line=1,col=1::source 'kremlin-statement' has no 'archive' link\n"
    )
    assert json.loads(run(tmp_path, "check", "--format", "json").stdout) == [
        {"path": "content/sources/kremlin-statement.yml", "line": 1, "column": 1, "severity": "warning",
         "message": "source 'kremlin-statement' has no 'archive' link"}
    ]
    clean = tmp_path / "clean"
    clean.mkdir()
    write_content(clean, MINIMAL)
    write_config(clean)
    assert json.loads(run(clean, "check", "--format", "json").stdout) == []
