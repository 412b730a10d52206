"""History: the versions of each explainer, read from scripted git repositories, with the exact
change entries a reader is shown; the cache, shallow clones and no repository at all."""

from __future__ import annotations

import dataclasses
import datetime
import os
import pickle
import subprocess
import textwrap
from pathlib import Path

import pytest

from generator import history
from generator.build import generate
from generator.config import read_settings
from generator.diagnostics import Location, error, warning
from generator.history import (
    CitedChanged,
    Created,
    Deleted,
    Earliest,
    Edited,
    EventAdded,
    EventRemoved,
    Renamed,
    Repaired,
    Restored,
    SiteChange,
    StatementAdded,
    StatementChanged,
    StatementRemoved,
    StatusChanged,
    TextEdited,
    UpdateAdded,
    Version,
    WordsChanged,
    compare,
    marks,
    read_history,
)
from generator.load import RecordFile, parse_record
from generator.model import Date, Event, Localized, Settings, Statement, Update
from generator.pages.history import shown
from generator.validate import context, validate_file
from tests.conftest import MINIMAL, Repo, write_config, write_content

TODAY = datetime.date(2026, 1, 1)
X = textwrap.dedent(MINIMAL["explainers/who-says-x.yml"]).lstrip()
Y = """\
question: Who says Y?
claim: Y happened.
status: unverified
summary: Only the General Staff says so.
published: 2025-12-01
statements:
  - by: general-staff
    stance: supports
    date: 2025-12-02
    said: Said that Y happened.
    source: general-staff-post
"""
NO_ARCHIVE = MINIMAL["sources/general-staff-post.yml"].replace("        archive: https://archive.example.org/post\n", "")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    value, problems = read_settings(write_config(tmp_path))
    assert problems == []
    return value


def versions(found: history.History, id: str) -> list[tuple[str, datetime.date, bool, tuple]]:
    return [(v.commit, v.date, v.valid, v.changes) for v in found.explainers[id]]


def day(n: int) -> datetime.date:
    return datetime.date(2025, 12, n)


def day_(n: int) -> Date:
    """Day n of December 2025 as a record's date."""
    return Date(2025, 12, n)


def scripted(root: Path) -> tuple[Repo, dict[str, str]]:
    """The story of issue 17: an explainer created, its status changed, a statement added, a quote
    corrected, the file renamed, broken twice and fixed, an actor renamed and a branch merged
    that adds a source's archive link. Returns the repository and its commits by name."""
    repo = Repo(root)
    c = {}
    c["created"] = repo.commit(1, {**MINIMAL, "sources/general-staff-post.yml": NO_ARCHIVE, "explainers/who-says-y.yml": Y})
    x2 = X.replace("status: likely", "status: contested") + (
        "updates:\n  - date: 2025-12-02\n    note: Evidence disputed.\n    status: contested\n"
    )
    c["status"] = repo.commit(2, {"explainers/who-says-x.yml": x2})
    x3 = x2.replace("statements:\n", "statements:\n  - by: general-staff\n    stance: qualifies\n    date: 2025-12-02\n"
                    "    said: Said X may have happened.\n    source: general-staff-post\n")
    c["statement"] = repo.commit(3, {"explainers/who-says-x.yml": x3})
    x4 = x3.replace("quote: X happened.", "quote: X has happened.") + (
        "  - date: 2025-12-04\n    note: The quote was corrected.\n    correction: true\n"
    )
    c["quote"] = repo.commit(4, {"explainers/who-says-x.yml": x4})
    repo.git("mv", "content/explainers/who-says-x.yml", "content/explainers/who-says-x-happened.yml")
    c["renamed"] = repo.commit(5, {})
    renamed = "explainers/who-says-x-happened.yml"
    c["invalid"] = repo.commit(6, {renamed: x4.replace("status: contested", "status: contestd")})
    c["yaml"] = repo.commit(7, {renamed: x4.replace("status: contested", "status: [contested")})
    x8 = x4.replace("Some say it did, some say it did not.", "Some say it did; others deny it.")
    c["fixed"] = repo.commit(8, {renamed: x8})
    repo.git("checkout", "-q", "-b", "archive")
    c["branch"] = repo.commit(9, {"sources/general-staff-post.yml": MINIMAL["sources/general-staff-post.yml"]})
    repo.git("checkout", "-q", "main")
    kremlin = MINIMAL["actors/kremlin.yml"].replace("name: Kremlin", "name: The Kremlin")
    c["actor"] = repo.commit(10, {"actors/kremlin.yml": kremlin})
    repo.git("merge", "-q", "--no-ff", "archive", "-m", "merge", day=11)
    c["merge"] = repo.git("rev-parse", "HEAD")
    return repo, c


X_PATH = "content/explainers/who-says-x.yml"
RENAMED_PATH = "content/explainers/who-says-x-happened.yml"
ARCHIVE = CitedChanged("source", "general-staff-post", "archive", None, "https://archive.example.org/post")


def test_every_change_of_an_explainer_in_a_readers_words(tmp_path: Path, settings: Settings):
    repo, c = scripted(tmp_path / "repo")
    found, problems = read_history(repo.content, settings, TODAY)
    assert problems == []
    assert (found.complete, found.reason, found.earliest, found.head, found.read) == (True, None, day(1), c["merge"], 10)
    assert list(found.explainers) == ["who-says-x-happened", "who-says-y"]
    assert versions(found, "who-says-x-happened") == [
        (c["merge"], day(11), True, (ARCHIVE,)),  # the merge, once: the branch's own commit is not a version
        (c["actor"], day(10), True, (CitedChanged("actor", "kremlin", "name", "Kremlin", "The Kremlin"),)),
        (c["fixed"], day(8), True, (
            Repaired(),
            TextEdited(
                "summary", "Some say it did, some say it did not.", "Some say it did; others deny it.",
                (("equal", "Some say it "), ("removed", "did, some say it did not."), ("added", "did; others deny it.")),
            ),
        )),
        (c["yaml"], day(7), False, ()),
        (c["invalid"], day(6), False, ()),
        (c["renamed"], day(5), True, (Renamed("who-says-x", "who-says-x-happened"),)),
        (c["quote"], day(4), True, (
            WordsChanged("kremlin", day_(1), "quote", "X happened.", "X has happened.",
                         (("equal", "X "), ("added", "has "), ("equal", "happened."))),
            UpdateAdded(Update(day_(4), Localized((("en", "The quote was corrected."),)), correction=True)),
        )),
        (c["statement"], day(3), True, (
            StatementAdded(Statement("general-staff", "qualifies", day_(2), "general-staff-post",
                                     said=Localized((("en", "Said X may have happened."),)))),
        )),
        (c["status"], day(2), True, (
            StatusChanged("likely", "contested"),
            UpdateAdded(Update(day_(2), Localized((("en", "Evidence disputed."),)), status="contested")),
        )),
        (c["created"], day(1), True, (Created(),)),
    ]
    latest, *_, first = found.explainers["who-says-x-happened"]
    assert (latest.path, first.path) == (RENAMED_PATH, X_PATH)
    assert [str(v.problem) for v in found.explainers["who-says-x-happened"] if not v.valid] == [
        f"{RENAMED_PATH}:3:9: error: invalid YAML: the '[' opened here is not closed where expected [yaml-syntax]",
        f"{RENAMED_PATH}:3:9: error: unknown status 'contestd'; expected one of confirmed, likely, contested, unverified,"
        " unlikely, false (did you mean 'contested'?) [unknown-value]",
    ]
    assert latest.record.id == "who-says-x-happened" and latest.record.status == "contested"
    assert first.record.status == "likely"
    status = StatusChanged("likely", "contested")
    assert (status.old_label, status.new_label) == ("Likely", "Contested")
    assert UpdateAdded(Update(day_(4), Localized((("en", "."),)), correction=True)).correction is True
    # Y cites the General Staff's post (its archive link added) but nothing by the Kremlin.
    assert versions(found, "who-says-y") == [
        (c["merge"], day(11), True, (ARCHIVE,)),
        (c["created"], day(1), True, (Created(),)),
    ]
    assert [(s.explainer, s.version.commit) for s in found.changes] == [
        ("who-says-x-happened", c["merge"]), ("who-says-y", c["merge"]), ("who-says-x-happened", c["actor"]),
        *(("who-says-x-happened", c[name])
          for name in ("fixed", "yaml", "invalid", "renamed", "quote", "statement", "status")),
        ("who-says-x-happened", c["created"]), ("who-says-y", c["created"]),
    ]
    assert found.changes[0] == SiteChange("who-says-x-happened", found.explainers["who-says-x-happened"][0])


def test_deletions_restorations_and_commits_that_change_no_record(tmp_path: Path, settings: Settings):
    repo = Repo(tmp_path / "repo")
    created = repo.commit(1, MINIMAL)
    repo.commit(2, {"pages/about.md": "# About\n"})  # not a record
    repo.commit(3, {"explainers/who-says-x.yml": "# a comment changes no record\n" + X})
    published = repo.commit(4, {"explainers/who-says-x.yml": X.replace("published: 2025-12-01", "published: 2025-12-02")})
    deleted = repo.commit(5, {"explainers/who-says-x.yml": None})
    restored = repo.commit(6, {"explainers/who-says-x.yml": X.replace("status: likely", "status: confirmed")})
    (repo.content / "explainers" / "who-says-x.yml").write_text(X.replace("status: likely", "status: false"))
    (repo.content / "explainers" / "who-says-z.yml").write_text(Y)  # uncommitted edits are not history
    found, problems = read_history(repo.content, settings, TODAY)
    assert problems == [] and list(found.explainers) == ["who-says-x"]
    assert versions(found, "who-says-x") == [
        (restored, day(6), True, (Restored(), StatusChanged("likely", "confirmed"), Edited("published"))),
        (deleted, day(5), False, (Deleted(),)),
        (published, day(4), True, (Edited("published"),)),
        (created, day(1), True, (Created(),)),
    ]
    assert found.explainers["who-says-x"][1].deleted and found.explainers["who-says-x"][1].record is None


def test_a_version_over_the_size_limit_did_not_pass(tmp_path: Path, settings: Settings):
    repo = Repo(tmp_path / "repo")
    repo.commit(1, MINIMAL)
    padded = X + "# " + "x" * 1_000_000 + "\n"
    large = repo.commit(2, {"explainers/who-says-x.yml": padded})
    found, _ = read_history(repo.content, settings, TODAY)
    version = found.explainers["who-says-x"][0]
    assert (version.commit, version.record, version.changes) == (large, None, ())
    size = len(padded.encode())
    assert version.problem == error(
        Location(X_PATH), f"file is {size:,} bytes; records are limited to 1,000,000 bytes", "file-too-large"
    )


def test_old_versions_are_checked_against_the_day_of_their_commit(tmp_path: Path, settings: Settings):
    repo = Repo(tmp_path / "repo")
    early = X.replace("date: 2025-12-02", "date: 2025-12-05")
    first = repo.commit(1, {**MINIMAL, "explainers/who-says-x.yml": early, "sources/general-staff-post.yml":
                            MINIMAL["sources/general-staff-post.yml"].replace("2025-12-02", "2025-12-05")})
    found, _ = read_history(repo.content, settings, TODAY)
    assert [(v.commit, str(v.problem), v.changes) for v in found.explainers["who-says-x"]] == [
        (first, f"{X_PATH}:14:11: error: date '2025-12-05' in 'date' is in the future (today is 2025-12-02)"
                " [future-date]", (Created(),)),
    ]
    # Never later than the day of the build: a commit dated tomorrow is checked against today.
    found, _ = read_history(repo.content, settings, datetime.date(2025, 11, 30))
    assert str(found.explainers["who-says-x"][0].problem).endswith("'published' is in the future (today is 2025-11-30) [future-date]")


def test_a_cold_read_then_one_new_commit_reads_only_that_commit(tmp_path: Path, settings: Settings):
    repo, c = scripted(tmp_path / "repo")
    cache: dict = {}
    cold, _ = read_history(repo.content, settings, TODAY, cache)
    assert cold.read == 10
    assert read_history(repo.content, settings, TODAY)[0] == cold  # without a cache: the same history
    cache = pickle.loads(pickle.dumps(cache))  # as a caller keeps it between builds
    again, _ = read_history(repo.content, settings, TODAY, cache)
    assert (again, again.read) == (cold, 0)
    edited = repo.commit(12, {"explainers/who-says-y.yml": Y.replace("status: unverified", "status: unlikely")})
    warm, _ = read_history(repo.content, settings, TODAY, cache)
    fresh, _ = read_history(repo.content, settings, TODAY)
    assert (warm.read, fresh.read) == (1, 11)
    assert warm == fresh
    assert warm.changes[0] == SiteChange("who-says-y", Version(
        edited, day(12), "content/explainers/who-says-y.yml", warm.explainers["who-says-y"][0].record,
        changes=(StatusChanged("unverified", "unlikely"),),
    ))
    # History rewritten: the commits kept by id are not read again, only the new one.
    repo.git("commit", "-q", "--amend", "-m", "amended", day=13)
    amended, _ = read_history(repo.content, settings, TODAY, cache)
    assert amended.read == 1
    assert [v.commit for v in amended.explainers["who-says-y"]] == [repo.git("rev-parse", "HEAD"), c["merge"], c["created"]]
    assert amended.explainers["who-says-y"][0].date == day(13)


def test_a_shallow_clone_says_how_much_it_knows(tmp_path: Path, settings: Settings):
    repo, c = scripted(tmp_path / "repo")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], check=True)
    found, problems = read_history(clone / "content", settings, TODAY)
    assert (found.complete, found.earliest, found.read) == (False, day(10), 2)
    assert found.reason == "the repository is a shallow clone: its history before 2025-12-10 is not known"
    assert [str(p) for p in problems] == [
        f"{os.path.relpath(clone / 'content')}:1:1: warning: the history of '{os.path.relpath(clone / 'content')}' is"
        " incomplete: the repository is a shallow clone; fetch the whole history ('git fetch --unshallow') to publish it"
        " [history-incomplete]"
    ]
    assert versions(found, "who-says-x-happened") == [
        (c["merge"], day(11), True, (ARCHIVE,)),
        (c["actor"], day(10), True, (Earliest(),)),
    ]
    cache: dict = {}
    read_history(clone / "content", settings, TODAY, cache)
    subprocess.run(["git", "-C", str(clone), "fetch", "-q", "--unshallow"], check=True)
    whole, problems = read_history(clone / "content", settings, TODAY, cache)
    assert (whole.complete, whole.earliest, problems) == (True, day(1), [])
    assert whole.explainers == read_history(repo.content, settings, TODAY)[0].explainers


def test_without_a_repository_or_without_git_nothing_is_known(tmp_path: Path, settings: Settings, monkeypatch):
    content = write_content(tmp_path / "plain", MINIMAL)
    found, problems = read_history(content, settings, TODAY)
    shown = os.path.relpath(content)
    assert (found, problems) == (history.History({}, (), False, f"'{shown}' is not in a git repository"), [])
    repo = Repo(tmp_path / "empty")
    repo.content.mkdir()
    found, problems = read_history(repo.content, settings, TODAY)  # a repository without commits
    assert (found.explainers, found.complete, found.earliest, problems) == ({}, True, None, [])
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    found, problems = read_history(repo.content, settings, TODAY)
    assert (found.reason, found.complete, problems) == ("git is not installed", False, [])


def test_git_errors_are_warnings_and_other_repositories_are_not_read(tmp_path: Path, settings: Settings, monkeypatch):
    repo = Repo(tmp_path / "repo")
    repo.commit(1, MINIMAL)
    other = Repo(tmp_path / "other")
    other.commit(1, {"explainers/who-says-y.yml": Y})
    monkeypatch.setenv("GIT_DIR", str(other.root / ".git"))  # as a hook would set it
    found, _ = read_history(repo.content, settings, TODAY)
    assert list(found.explainers) == ["who-says-x"]
    missing = tmp_path / "missing"
    found, problems = read_history(missing, settings, TODAY)
    shown = os.path.relpath(missing)
    assert found.reason == f"git cannot read '{shown}': fatal: cannot change to '{missing}': No such file or directory"
    assert problems == [warning(Location(shown), f"cannot read the history of '{shown}': git says 'fatal: cannot change"
                                f" to '{missing}': No such file or directory'; the history pages will say it is unknown",
                                "history-unreadable")]


def test_content_at_the_top_of_its_repository(tmp_path: Path, settings: Settings):
    repo = Repo(tmp_path / "content", content="")
    created = repo.commit(1, {"explainers/who-says-y.yml": Y})
    found, _ = read_history(repo.root, settings, TODAY)
    assert versions(found, "who-says-y") == [(created, day(1), True, (Created(),))]
    assert found.explainers["who-says-y"][0].path == "explainers/who-says-y.yml"


def record(text: str, settings: Settings):
    root, problems = parse_record(textwrap.dedent(text).lstrip().encode(), "x.yml")
    ctx = context(settings, TODAY)
    validated, found = validate_file(RecordFile("explainers", "x", "x.yml", root), ctx)
    assert problems + found == []
    return validated.record


def test_statements_are_matched_by_what_identifies_them(settings: Settings):
    old = record(X, settings)
    new = record(
        X.replace("by: kremlin", "by: kremlin-press")  # same date, source and words: the same statement
        .replace("    said: Denied that X happened.\n",
                 "    quote: Х не сталося.\n    quote_lang: uk\n    translation: X did not happen.\n")
        .replace("stance: disputes", "stance: qualifies")
        + "  - by: kremlin\n    stance: reports\n    date: 2025-12-03\n    said: Relayed it.\n    source: other\n",
        settings,
    )
    kremlin = Statement("kremlin", "reports", day_(3), "other", said=Localized((("en", "Relayed it."),)))
    assert compare(old, new, "en") == [
        StatementChanged("kremlin-press", day_(1), "by", "kremlin", "kremlin-press"),
        StatementChanged("general-staff", day_(2), "stance", "disputes", "qualifies"),
        StatementChanged("general-staff", day_(2), "quote_lang", None, "uk"),
        WordsChanged("general-staff", day_(2), "quote", "", "Х не сталося.", (("added", "Х не сталося."),)),
        WordsChanged("general-staff", day_(2), "said", "Denied that X happened.", "",
                     (("removed", "Denied that X happened."),)),
        WordsChanged("general-staff", day_(2), "translation", "", "X did not happen.",
                     (("added", "X did not happen."),)),
        StatementAdded(kremlin),
    ]
    assert compare(new, old, "en")[-1] == StatementRemoved(kremlin)
    moved = record(X.replace("date: 2025-12-02\n    said", "date: 2025-11-30\n    said"), settings)
    assert compare(old, moved, "en") == [
        StatementChanged("general-staff", Date(2025, 11, 30), "date", "2025-12-02", "2025-11-30"),
    ]
    translated = record(X.replace("claim: X happened.", "claim:\n  en: X happened.\n  uk: Х сталося."), settings)
    assert compare(old, translated, "en") == [TextEdited("claim.uk", "", "Х сталося.", (("added", "Х сталося."),))]


def test_marks_show_the_words_that_changed():
    assert marks("Russian forces took the town.", "Russian forces have taken the town centre.") == (
        ("equal", "Russian forces "), ("removed", "took "), ("added", "have taken "), ("equal", "the "),
        ("removed", "town."), ("added", "town centre."),
    )
    assert marks("same words", "same words") == (("equal", "same words"),)
    assert marks("", "new") == (("added", "new"),)
    old, new = "Pokrovsk  has   fallen, says the ministry.", "Pokrovsk has not fallen, says the General Staff."
    segments = marks(old, new)
    assert "".join(t for k, t in segments if k != "removed") == new
    assert "".join(t for k, t in segments if k != "added").split() == old.split()


def history_lines(out: Path, page: str) -> list[str]:
    """A generated page's change lines and version headings, as plain text."""
    import html as html_module

    text = (out / page).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    lines = []
    for line in map(html_module.unescape, text.splitlines()):
        if line.startswith("<li>"):
            lines.append("- " + line.removeprefix("<li>").removesuffix("</li>"))
        elif line.startswith(("## ", "<p>This version")):
            lines.append(line.removeprefix("<p>").removesuffix("</p>"))
    return lines


def test_the_history_page_and_the_changes_say_what_changed(tmp_path: Path):
    """Scripted commits: created, a statement added, a quote corrected, a status change with a
    correction, a commit that breaks the record and one that fixes it, a rename."""
    repo = Repo(tmp_path / "repo")
    base = {name: text for name, text in MINIMAL.items() if not name.startswith("explainers/")}
    first = repo.commit(1, {**base, "explainers/who-says-x.yml": X})
    added = X + (
        "  - by: kremlin\n    stance: supports\n    date: 2025-12-01\n    quote: X happened, really.\n"
        "    source: kremlin-statement\n"
    )
    second = repo.commit(2, {"explainers/who-says-x.yml": added})
    third = repo.commit(3, {"explainers/who-says-x.yml": added.replace("X happened, really.", "X did happen.")})
    corrected = added.replace("X happened, really.", "X did happen.").replace("status: likely", "status: contested") + (
        "updates:\n  - date: 2025-12-04\n    note: The Kremlin's second statement was misquoted.\n    correction: true\n"
        "    status: contested\n")
    fourth = repo.commit(4, {"explainers/who-says-x.yml": corrected})
    broken = repo.commit(5, {"explainers/who-says-x.yml": corrected.replace("status: contested\nsummary", "status: maybe\nsummary")})
    fixed = repo.commit(6, {"explainers/who-says-x.yml": corrected.replace("Some say it did", "Some say it happened")})
    repo.git("mv", "content/explainers/who-says-x.yml", "content/explainers/who-says-x-happened.yml")
    repo.git("commit", "-q", "-m", "rename", day=7)
    renamed = repo.git("rev-parse", "HEAD")
    out = tmp_path / "docs"
    result = generate(repo.content, write_config(tmp_path), out, datetime.date(2025, 12, 31), cached=False)
    assert result.site is not None, result.diagnostics
    short = {name: commit[:10] for name, commit in
             dict(first=first, second=second, third=third, fourth=fourth, broken=broken, fixed=fixed, renamed=renamed).items()}
    assert history_lines(out, "explainers/who-says-x-happened/history/index.md") == [
        f"## 7 December 2025 · <code>{short['renamed']}</code> {{ #v-{short['renamed']} }}",
        "- The record was renamed from who-says-x to who-says-x-happened.",
        f"## 6 December 2025 · <code>{short['fixed']}</code> {{ #v-{short['fixed']} }}",
        "- The record passes the checks again.",
        "- Edited: summary. Some say it <del>did, </del><ins>happened, </ins>some say it did not.",
        f"## 5 December 2025 · <code>{short['broken']}</code> {{ #v-{short['broken']} }}",
        "This version did not pass the checks and was not published as it was: unknown status 'maybe'; expected one of"
        " confirmed, likely, contested, unverified, unlikely, false",
        f"## 4 December 2025 · <code>{short['fourth']}</code> {{ #v-{short['fourth']} }}",
        "- Status changed from Likely to Contested.",
        "- <strong>Correction</strong> (4 December 2025): The Kremlin's second statement was misquoted.",
        f"## 3 December 2025 · <code>{short['third']}</code> {{ #v-{short['third']} }}",
        "- Words changed in a statement by Kremlin, 1 December 2025 (quote): X <del>happened, really.</del><ins>did happen.</ins>",
        f"## 2 December 2025 · <code>{short['second']}</code> {{ #v-{short['second']} }}",
        "- Statement added: Kremlin, 1 December 2025, supports the claim.",
        f"## 1 December 2025 · <code>{short['first']}</code> {{ #v-{short['first']} }}",
        "- First published.",
    ]
    changes = history_lines(out, "changes/index.md")
    assert changes[:2] == [
        f"## 7 December 2025: <a href=\"../explainers/who-says-x-happened/history/#v-{short['renamed']}\">Who says X?</a>"
        f" {{ #v-{short['renamed']}-who-says-x-happened }}",
        "- The record was renamed from who-says-x to who-says-x-happened.",
    ]
    assert len([line for line in changes if line.startswith("## ")]) == 7
    # The feed of changes counts the lines the pages show, under its own title.
    feed = (out / "changes.xml").read_text(encoding="utf-8")
    assert "<title>Who Says What: Changes</title>" in feed
    assert [line.strip() for line in feed.splitlines() if "<summary>" in line][:4] == [
        "<summary>1 change</summary>", "<summary>2 changes</summary>",
        "<summary>This version did not pass the checks and was not published as it was: unknown status 'maybe'; expected one of"
        " confirmed, likely, contested, unverified, unlikely, false</summary>",
        "<summary>2 changes</summary>",
    ]
    explainer = (out / "explainers/who-says-x-happened/index.md").read_text()
    assert '<p><a href="history/">Every change to this explainer, from its public history</a></p>' in explainer


def test_without_git_the_history_pages_say_so(tmp_path: Path):
    content = write_content(tmp_path, MINIMAL)
    out = tmp_path / "docs"
    result = generate(content, write_config(tmp_path), out, datetime.date(2026, 1, 1), cached=False)
    assert result.site is not None and [d for d in result.diagnostics if "history" in d.message] == []
    page = (out / "explainers/who-says-x/history/index.md").read_text()
    assert '<p class="untranslated">The history is not known here.</p>' in page
    assert "No published version is known yet." in page


TIMELINE = (
    "timeline:\n  - date: 2025-12-01\n    event: The first report.\n    source: general-staff-post\n"
    "  - date: 2025-12-02\n    event: A denial.\n    source: general-staff-post\n"
)


def test_a_timeline_change_names_the_events_added_removed_or_edited(tmp_path: Path, settings: Settings):
    """Each event of the timeline added or removed is a change of its own; a new text for an event
    of the same date and source is that event edited, and a text changed only in another
    language is no change in this edition; the same events in another order are the timeline
    edited."""
    old = record(X + TIMELINE, settings)
    edited = TIMELINE.replace("A denial.", "A denial, repeated.").replace(
        "event: The first report.", "event: {en: The first report., uk: Перше повідомлення.}") + "  - date: 2025-12-03\n    event: A correction.\n"
    new = record(X + edited, settings)
    event = lambda n, text, source="general-staff-post": Event(day_(n), Localized((("en", text),)), source)  # noqa: E731
    first_uk = Event(day_(1), Localized((("en", "The first report."), ("uk", "Перше повідомлення."))), "general-staff-post")
    assert compare(old, new, "en") == [
        EventAdded(first_uk), EventAdded(event(2, "A denial, repeated.")), EventAdded(event(3, "A correction.", None)),
        EventRemoved(event(1, "The first report.")), EventRemoved(event(2, "A denial.")),
    ]
    first, denial = TIMELINE.removeprefix("timeline:\n").split("  - date: 2025-12-02")
    swapped = record(X + "timeline:\n  - date: 2025-12-02" + denial + first, settings)
    assert swapped.timeline == tuple(reversed(old.timeline))
    assert compare(old, swapped, "en") == [Edited("timeline")]

    repo = Repo(tmp_path / "repo")
    repo.commit(1, {**MINIMAL, "explainers/who-says-x.yml": X + TIMELINE})
    second = repo.commit(2, {"explainers/who-says-x.yml": X + edited})
    out = tmp_path / "docs"
    assert generate(repo.content, write_config(tmp_path), out, datetime.date(2025, 12, 31), cached=False).site is not None
    lines = history_lines(out, "explainers/who-says-x/history/index.md")
    assert lines[:4] == [
        f"## 2 December 2025 · <code>{second[:10]}</code> {{ #v-{second[:10]} }}",
        "- Timeline entry edited: 2 December 2025: A denial, repeated.",
        "- Added to the timeline: 3 December 2025: A correction.",
        "- Text in other languages edited.",  # the first event's Ukrainian text
    ]
    assert lines[4].startswith("## 1 December 2025")
    # The Ukrainian edition shows that first event edited, and the event added; not the English edit.
    ukrainian = dataclasses.replace(settings, edition=next(e for e in settings.editions if e.lang == "uk"))
    assert shown(tuple(compare(old, new, "en")), ukrainian) == (
        [EventAdded(first_uk, edited=True), EventAdded(event(3, "A correction.", None))], True,  # and the English edit
    )
    # An event edited in the edition's own language is one line, and no edit elsewhere.
    denial = record(X + TIMELINE.replace("A denial.", "A denial, repeated."), settings)
    assert shown(tuple(compare(old, denial, "en")), settings) == ([EventAdded(event(2, "A denial, repeated."), edited=True)], False)


def test_a_markdown_field_is_compared_as_the_text_it_reads_as(settings: Settings):
    """A summary's markup and the line breaks of its YAML are not words a reader sees changed."""
    old = record(X.replace("summary: Some say it did, some say it did not.", "summary: |\n  Some say it **did**,\n  some say it did not."), settings)
    new = record(X.replace("summary: Some say it did, some say it did not.", "summary: |\n  Some say it **did**, some\n  say it `never` did."), settings)
    (change,) = compare(old, new, "en")
    assert change.segments == (("equal", "Some say it did, some say it "), ("removed", "did not."), ("added", "never did."))


def test_events_of_one_date_and_source_are_paired_one_to_one(settings: Settings):
    """Two events of one day from one report: each removed, added or edited is said once."""
    two = "timeline:\n  - date: 2025-12-01\n    event: First.\n    source: general-staff-post\n" \
          "  - date: 2025-12-01\n    event: Second.\n    source: general-staff-post\n"
    event = lambda text: Event(day_(1), Localized((("en", text),)), "general-staff-post")  # noqa: E731
    old = record(X + two, settings)

    def seen(timeline: str) -> tuple[list, bool]:
        return shown(tuple(compare(old, record(X + timeline, settings), "en")), settings)

    # The first translated, the second removed: only the removal shows here.
    translated = "timeline:\n  - date: 2025-12-01\n    event: {en: First., uk: Перше.}\n    source: general-staff-post\n"
    assert seen(translated) == ([EventRemoved(event("Second."))], True)
    # Both replaced by one: one edited, one removed.
    one = "timeline:\n  - date: 2025-12-01\n    event: Only.\n    source: general-staff-post\n"
    assert seen(one) == ([EventAdded(event("Only."), edited=True), EventRemoved(event("Second."))], False)
    # One edited and one added on the same day.
    three = two.replace("First.", "First, edited.") + "  - date: 2025-12-01\n    event: Third.\n    source: general-staff-post\n"
    assert seen(three) == ([EventAdded(event("First, edited."), edited=True), EventAdded(event("Third."))], False)


def test_a_record_published_before_its_first_commit_starts_with_the_oldest_version_known(tmp_path: Path, settings: Settings):
    """Brought into the repository weeks after its publication, a record's first version is not
    its first publication: the history says what came before is not known."""
    repo = Repo(tmp_path / "repo")
    old = X.replace("published: 2025-12-01", "published: 2025-10-01")
    assert old != X
    first = repo.commit(1, {**MINIMAL, "explainers/who-says-x.yml": old, "explainers/who-says-y.yml": Y})
    found, _ = read_history(repo.content, settings, TODAY)
    assert versions(found, "who-says-x") == [(first, day(1), True, (Earliest(),))]
    assert versions(found, "who-says-y") == [(first, day(1), True, (Created(),))]  # published that day
