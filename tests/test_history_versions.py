"""Old versions checked quickly (history._version): each top-level entry and each item of a
top-level list is parsed and checked on its own and reused by the versions that repeat it. What
a version is, valid or not and with which first error, must be exactly what checking the whole
file finds (history._check), for every text, plain or not."""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Iterator

import pytest

from generator import history
from generator.config import read_settings
from generator.model import Settings
from tests.conftest import FIXTURE, MINIMAL, ROOT

DAY = datetime.date(2026, 1, 1)
X = textwrap.dedent(MINIMAL["explainers/who-says-x.yml"]).lstrip()
QUOTE = "    quote: X happened.\n"
SECOND = "  - by: general-staff\n"


@pytest.fixture(autouse=True, params=[history.WHOLE, 1000], ids=["parsed-whole", "entry-by-entry"])
def fresh(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test twice: the first version of a file parsed whole, then entry by entry; what one
    read keeps dropped after each, as `_read` drops it."""
    monkeypatch.setattr(history, "WHOLE", request.param)
    history._ENTRIES.clear()
    yield
    history._TABLE.clear()
    history._ENTRIES.clear()


@pytest.fixture(scope="module")
def settings() -> Settings:
    value, problems = read_settings(ROOT / "site_config.yml")
    assert problems == []
    return value


def item(settings: Settings, data: str | bytes, day: datetime.date = DAY, kind: str = "explainers",
         id: str = "who-says-x") -> tuple:
    data = data.encode() if isinstance(data, str) else data
    return (kind, id, f"content/{kind}/{id}.yml", day, data, tuple(settings.languages), settings.default_language)


def same_as_whole(settings: Settings, data: str | bytes, day: datetime.date = DAY) -> tuple:
    """The version's record and problem, after asserting they are the whole file's."""
    found = history._version(item(settings, data, day))
    history._ENTRIES.clear()  # the whole check of a fresh read
    assert found == history._check(item(settings, data, day))
    return found


def test_every_bundled_and_fixture_record_is_put_together_as_the_whole_check_reads_it(settings: Settings):
    files = sorted((ROOT / "content").glob("*/*.yml")) + sorted(FIXTURE.glob("*/*.yml"))
    assert len(files) > 40
    for path in files:
        version = item(settings, path.read_bytes(), datetime.date(2030, 1, 1), path.parent.name, path.stem)
        quick = history._quick(version)
        assert quick is not None, path  # plain files: the quick way is the one taken
        assert (quick, None) == history._check(version), path


@pytest.mark.parametrize("text", [
    X.replace(SECOND, "# the second statement\n" + SECOND),  # a comment at column 0 inside a list
    X.replace("  - by", "- by").replace("\n    ", "\n  "),  # list items at the key's indentation
    X + "tags: [front-line, energy]\n",  # a list in flow style
    X.replace(QUOTE, QUOTE + "    note: |+\n      Checked.\n\n") + "context: |+\n  Text.\n\n\n",  # kept line breaks
    "# yaml-language-server: $schema=../../schema/explainer.schema.json\n\n" + X,
], ids=["comment", "indentless", "flow-list", "keep", "header"])
def test_plain_texts_are_put_together_from_their_parts(settings: Settings, text: str):
    assert history._quick(item(settings, text)) is not None
    record, problem = same_as_whole(settings, text)
    assert record is not None and problem is None


@pytest.mark.parametrize("text", [
    # a quoted text runs on at column 0, in a line that looks like a key: one text, not two keys
    X.replace("summary: Some say it did, some say it did not.", 'summary: "Some say it did,\nsome: say it did not."'),
    # a quoted text runs on at the indentation of the list's items: one item, not two
    X.replace(QUOTE, '    quote: "X\n  - happened."\n'),
    "---\n" + X,  # a document start
    X.replace("status: likely\n", "status: likely\n...\n"),  # a document end: what follows is a second document
    X.replace("\n", "\r\n"),  # Windows line breaks
    b"\xef\xbb\xbf" + X.encode(),  # a UTF-8 byte-order mark
    X.replace("claim: X happened.\n", "claim: X happened.\n\t\n"),  # a tab at column 0
    X + "status: likely\n",  # a duplicate key
    X + "colour: red\n",  # an unknown key
    X.replace("status: likely\n", ""),  # a missing key
    X.replace("status: likely", "status: likley"),  # an invalid value
    X.replace(SECOND, "  - by: x\n    by: general-staff\n"),  # a duplicate key in an item
    X.replace(SECOND + "    stance: disputes\n", "  - by: general-staff\n   stance: disputes\n"),  # an item's key misaligned
    X.replace("statements:\n", "statements: # who says what\n"),  # a comment after a list's key
    "{" + X.replace("\n", ", ").replace("statements:, ", "statements: [").rstrip(", ") + "]}",  # flow style throughout
    b"question: \xff\n",  # not UTF-8
], ids=["quoted-key", "quoted-item", "document-start", "document-end", "crlf", "bom", "tab", "duplicate", "unknown-key",
        "missing-key", "invalid-value", "duplicate-in-item", "misaligned", "comment-after-key", "flow", "not-utf8"])
def test_other_texts_are_read_as_the_whole_check_reads_them(settings: Settings, text: str | bytes):
    same_as_whole(settings, text)


def test_the_quoted_texts_that_run_on_are_read_whole(settings: Settings):
    key = X.replace("summary: Some say it did, some say it did not.", 'summary: "Some say it did,\nsome: say it did not."')
    assert history._quick(item(settings, key)) is None
    record, _ = same_as_whole(settings, key)
    assert record.summary.default == "Some say it did, some: say it did not."
    quoted = X.replace(QUOTE, '    quote: "X\n  - happened."\n')
    assert history._quick(item(settings, quoted)) is None
    record, _ = same_as_whole(settings, quoted)
    assert [s.quote for s in record.statements] == ["X - happened.", None]


def test_a_part_valid_on_a_later_day_is_checked_again_for_an_earlier_one(settings: Settings):
    """Commit dates need not grow along the history: a version checked on 2 December (its
    statement of that day valid) says nothing of the same text on 1 December."""
    record, problem = history._version(item(settings, X, datetime.date(2025, 12, 2)))
    assert record is not None and problem is None
    record, problem = history._version(item(settings, X, datetime.date(2025, 12, 1)))
    assert record is None
    assert str(problem) == (
        "content/explainers/who-says-x.yml:14:11: error: date '2025-12-02' in 'date' is in the future (today is 2025-12-01)"
        " [future-date]"
    )
    record, problem = history._version(item(settings, X, datetime.date(2025, 12, 3)))
    assert record is not None and problem is None


def test_a_new_version_parses_only_its_changed_parts(settings: Settings):
    history._version(item(settings, X))
    kept = set(history._ENTRIES)
    edited = X.replace(QUOTE, "    quote: X has happened.\n")
    record, _ = history._version(item(settings, edited))
    assert [s.quote for s in record.statements] == ["X has happened.", None]
    new = {(kind, name, text.split("\n")[0]) for kind, name, text in set(history._ENTRIES) - kept}
    assert new == {("explainers", "statements", "statements:"), ("explainers", "statements[]", "  - by: kremlin")}


def test_versions_read_one_after_the_other_are_what_the_whole_check_finds(settings: Settings):
    """Versions in a row, as `_read` checks them (each reusing the parts of those before)."""
    texts = [X, X.replace(QUOTE, "    quote: X has happened.\n"), X.replace("status: likely", "status: contested"),
             X.replace("status: likely", "status: [contested"), X + "tags: [energy]\n"]
    quick = [history._version(item(settings, text)) for text in texts]
    history._ENTRIES.clear()
    assert quick == [history._check(item(settings, text)) for text in texts]
    assert [record is not None for record, _ in quick] == [True, True, True, False, True]
