"""The command line: exit statuses, output formats, and no traceback for a content mistake."""

from __future__ import annotations

import json
import os
import socket
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


def test_check_shows_the_line_a_caret_and_the_rule(tmp_path: Path):
    result = run(broken_site(tmp_path), "check")
    assert result.returncode == 1
    assert result.stdout == (
        "content/explainers/who-says-x.yml:7:9: error: unknown actor 'kremln' (did you mean 'kremlin'?) [unknown-reference]\n"
        "  |\n"
        "7 |   - by: kremln\n"
        "  |         ^^^^^^\n"
    )
    assert result.stderr == "1 error, 0 warnings\n"


def test_check_formats(tmp_path: Path):
    site = broken_site(tmp_path)
    concise = run(site, "check", "--format", "concise")
    assert concise.stdout == (
        "content/explainers/who-says-x.yml:7:9: error: unknown actor 'kremln' (did you mean 'kremlin'?) [unknown-reference]\n"
    )
    github = run(site, "check", "--format", "github")
    assert github.stdout == (
        "::error file=content/explainers/who-says-x.yml,line=7,col=9,title=unknown-reference::unknown actor 'kremln'"
        " (did you mean 'kremlin'?)\n"
    )
    rows = json.loads(run(site, "check", "--format", "json").stdout)
    assert rows == [
        {
            "path": "content/explainers/who-says-x.yml",
            "line": 7,
            "column": 9,
            "severity": "error",
            "rule": "unknown-reference",
            "message": "unknown actor 'kremln' (did you mean 'kremlin'?)",
            "help": None,
        }
    ]


def site_with(tmp_path: Path, name: str, old: str, new: str) -> None:
    """The minimal site with one edit to one of its files, and its configuration."""
    assert old in MINIMAL[name]
    write_content(tmp_path, {**MINIMAL, name: MINIMAL[name].replace(old, new)})
    write_config(tmp_path)


def test_yaml_syntax_errors_get_advice_in_every_format(tmp_path: Path):
    site_with(tmp_path, "explainers/who-says-x.yml", "quote: X happened.", "quote: He said: X happened.")
    text = run(tmp_path, "check")
    assert (text.returncode, text.stdout) == (
        1,
        "content/explainers/who-says-x.yml:10:19: error: invalid YAML: a ': ' inside unquoted text starts a new key"
        " [yaml-syntax]\n"
        "   |\n"
        "10 |     quote: He said: X happened.\n"
        "   |                   ^\n"
        '   = help: put the text in quotes: `quote: "He said: X happened."`\n',
    )
    assert run(tmp_path, "check", "--format", "concise").stdout == (
        "content/explainers/who-says-x.yml:10:19: error: invalid YAML: a ': ' inside unquoted text starts a new key"
        " [yaml-syntax]\n"
    )
    assert run(tmp_path, "check", "--format", "github").stdout == (
        "::error file=content/explainers/who-says-x.yml,line=10,col=19,title=yaml-syntax::invalid YAML: a ': ' inside"
        ' unquoted text starts a new key%0Ahelp: put the text in quotes: `quote: "He said: X happened."`\n'
    )
    assert json.loads(run(tmp_path, "check", "--format", "json").stdout)[0]["help"] == (
        'put the text in quotes: `quote: "He said: X happened."`'
    )


def test_github_annotations_cannot_be_forged(tmp_path: Path):
    """The Actions toolkit's escaping: data escapes %, CR and LF; properties also ':' and ','."""
    hostile = {
        "actors/x,line=99,title=All good.yml": "name: X\n",
        "actors/per%cent:colon.yml": "name: X\n",
        "actors/new\nline.yml": "name: X\n",
        "actors/carriage\rreturn.yml": "name: X\nkind: person\naffiliation: russia\n",
    }
    write_content(tmp_path, {**MINIMAL, **hostile,
                             "actors/kremlin.yml": 'name: Kremlin\nkind: government\naffiliation: russia\n"a\\nb%0A,c:\\r": x\n'})
    write_config(tmp_path)
    lines = run(tmp_path, "check", "--format", "github").stdout.splitlines()
    assert lines == [
        "::error file=content/actors/carriage%0Dreturn.yml,line=1,col=1,title=invalid-file-name::invalid actor id"
        " 'carriage%0Dreturn'; a file name is lowercase words joined by hyphens, like 'who-says-pokrovsk-fell.yml'",
        "::error file=content/actors/kremlin.yml,line=4,col=1,title=unknown-key::unknown key 'a%0Ab%250A,c:%0D' in actor",
        "::error file=content/actors/new%0Aline.yml,line=1,col=1,title=invalid-file-name::invalid actor id 'new%0Aline';"
        " a file name is lowercase words joined by hyphens, like 'who-says-pokrovsk-fell.yml'",
        "::error file=content/actors/new%0Aline.yml,line=1,col=1,title=missing-key::missing required key 'affiliation' in actor",
        "::error file=content/actors/new%0Aline.yml,line=1,col=1,title=missing-key::missing required key 'kind' in actor",
        "::error file=content/actors/per%25cent%3Acolon.yml,line=1,col=1,title=invalid-file-name::invalid actor id"
        " 'per%25cent:colon'; a file name is lowercase words joined by hyphens, like 'who-says-pokrovsk-fell.yml'",
        "::error file=content/actors/per%25cent%3Acolon.yml,line=1,col=1,title=missing-key::missing required key"
        " 'affiliation' in actor",
        "::error file=content/actors/per%25cent%3Acolon.yml,line=1,col=1,title=missing-key::missing required key 'kind' in actor",
        "::error file=content/actors/x%2Cline=99%2Ctitle=All good.yml,line=1,col=1,title=invalid-file-name::invalid actor"
        " id 'x,line=99,title=All good'; a file name is lowercase words joined by hyphens, like 'who-says-pokrovsk-fell.yml'",
        "::error file=content/actors/x%2Cline=99%2Ctitle=All good.yml,line=1,col=1,title=missing-key::missing required key"
        " 'affiliation' in actor",
        "::error file=content/actors/x%2Cline=99%2Ctitle=All good.yml,line=1,col=1,title=missing-key::missing required key"
        " 'kind' in actor",
    ]
    # In the terminal, a newline or escape sequence in a name is shown escaped, on the problem's one line.
    concise = run(tmp_path, "check", "--format", "concise").stdout.splitlines()
    assert concise[0].startswith("content/actors/carriage\\rreturn.yml:1:1: error: invalid actor id 'carriage\\rreturn';")
    assert concise[1] == "content/actors/kremlin.yml:4:1: error: unknown key 'a\\nb%0A,c:\\r' in actor [unknown-key]"
    assert concise[2].startswith("content/actors/new\\nline.yml:1:1: error: invalid actor id 'new\\nline';")


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
    site_with(tmp_path, "sources/kremlin-statement.yml", "archive: https://archive.example.org/statement\n", "")
    text = run(tmp_path, "check")
    # A problem with a whole record shows no excerpt: it would only repeat the record's first line.
    assert (text.returncode, text.stdout, text.stderr) == (
        0,
        "content/sources/kremlin-statement.yml:1:1: warning: source 'kremlin-statement' has no 'archive' link"
        " [missing-archive]\n",
        "0 errors, 1 warning\n",
    )
    assert run(tmp_path, "check", "--format", "github").stdout == (
        "::warning file=content/sources/kremlin-statement.yml,line=1,col=1,title=missing-archive::source"
        " 'kremlin-statement' has no 'archive' link\n"
    )
    assert json.loads(run(tmp_path, "check", "--format", "json").stdout) == [
        {"path": "content/sources/kremlin-statement.yml", "line": 1, "column": 1, "severity": "warning",
         "rule": "missing-archive", "message": "source 'kremlin-statement' has no 'archive' link", "help": None}
    ]
    clean = tmp_path / "clean"
    clean.mkdir()
    write_content(clean, MINIMAL)
    write_config(clean)
    assert json.loads(run(clean, "check", "--format", "json").stdout) == []


def make(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`make` with the repository's Makefile in `cwd`, where .venv and the requirements are links to the repository's."""
    for name in (".venv", "requirements.txt"):
        if not (cwd / name).exists():
            (cwd / name).symlink_to(ROOT / name)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_make_new_check_and_serve(tmp_path: Path):
    write_content(tmp_path, MINIMAL)
    write_config(tmp_path)
    made = make(tmp_path, "new", "KIND=actor", "ID=dam-operator")
    assert (made.returncode, made.stderr) == (0, "wrote content/actors/dam-operator.yml; replace every TODO, then run `make check`\n")
    assert (tmp_path / "content/actors/dam-operator.yml").read_text().startswith("# yaml-language-server")
    usage = make(tmp_path, "new", "KIND=actor")
    assert usage.returncode != 0 and usage.stderr.startswith("usage: make new KIND=explainer|actor|source ID=the-new-id\n")
    hostile = make(tmp_path, "new", "KIND=actor", 'ID=x"; touch pwned; "')
    assert hostile.returncode != 0 and not (tmp_path / "pwned").exists()
    checked = make(tmp_path, "check")
    assert checked.returncode != 0 and "content/actors/dam-operator.yml:5:7: error: 'name' still holds" in checked.stdout
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        served = make(tmp_path, "serve", f"ADDRESS=127.0.0.1:{port}")
    assert served.returncode != 0
    assert served.stderr.splitlines()[0].startswith(f"error: 127.0.0.1:{port} is in use by another program;")
