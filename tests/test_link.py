"""Cross-record checks: references with suggestions, dates across records, the status history."""

from __future__ import annotations

from tests.test_validate import EXPLAINER, X, explainer

ACTOR = "content/actors/kremlin.yml"


def test_misspelt_actor_gets_a_suggestion(problems):
    assert problems(explainer("by: kremlin", "by: kremln")) == [
        f"{X}:7:9: error: unknown actor 'kremln' (did you mean 'kremlin'?) [unknown-reference]",
    ]


def test_unknown_references_without_near_miss(problems):
    assert problems(explainer("source: general-staff-post", "source: nothing-like-it")) == [
        f"{X}:16:13: error: unknown source 'nothing-like-it' [unknown-reference]",
        "content/sources/general-staff-post.yml:1:1: warning: source 'general-staff-post' is not cited by any statement or event [unused-record]",
    ]


def test_statement_after_its_source(problems):
    assert problems(explainer("date: 2025-12-02", "date: 2025-12-03")) == [
        f"{X}:14:11: error: statement dated 2025-12-03 is after its source 'general-staff-post' was published (2025-12-02) [statement-after-source]",
    ]
    # A month-precise statement is not 'after' a source published within that month.
    assert problems(explainer("date: 2025-12-02", "date: 2025-12")) == []


def test_updated_before_published(problems):
    assert problems(explainer("published: 2025-12-01", "published: 2025-12-01\nupdated: 2025-11-30")) == [
        f"{X}:6:10: error: 'updated' (2025-11-30) is before 'published' (2025-12-01) [updated-before-published]",
    ]


def test_updates_in_order_and_status_matches_history(problems):
    log = (
        "published: 2025-12-01\nupdates:\n"
        "  - date: 2025-12-02\n    note: Denied.\n    status: contested\n"
        "  - date: 2025-12-01\n    note: Announced.\n    status: unverified\n"
    )
    assert problems(explainer("published: 2025-12-01", log)) == [
        f"{X}:3:9: error: status 'likely' differs from the latest status in updates ('unverified' on 2025-12-01, line 12) [status-mismatch]",
        f"{X}:10:11: error: updates must be in date order: 2025-12-01 comes after 2025-12-02 [updates-order]",
    ]


def test_related(problems):
    assert problems(explainer("published: 2025-12-01", "published: 2025-12-01\nrelated: [who-says-x, who-says-y]")) == [
        f"{X}:6:11: error: an explainer cannot be related to itself [related-to-itself]",
        f"{X}:6:23: error: unknown explainer 'who-says-y' (did you mean 'who-says-x'?) [unknown-reference]",
    ]


def test_affiliation_must_be_configured(problems):
    assert problems({"actors/kremlin.yml": "name: Kremlin\nkind: government\naffiliation: rusia\n"}) == [
        f"{ACTOR}:3:14: error: unknown affiliation 'rusia' (did you mean 'russia'?); affiliations are listed in"
        " site_config.yml under extra.affiliations [unknown-affiliation]",
    ]


def test_warnings_for_unused_records_and_missing_archives(problems):
    extra = {
        "actors/nobody.yml": "name: Nobody\nkind: person\naffiliation: independent\n",
        "sources/kremlin-statement.yml": "title: Statement\npublisher: kremlin\nkind: statement\npublished: 2025-12-01\n",
    }
    assert problems(extra) == [
        "content/actors/nobody.yml:1:1: warning: actor 'nobody' is not referenced by any statement or source [unused-record]",
        "content/sources/kremlin-statement.yml:1:1: warning: source 'kremlin-statement' has no 'archive' link [missing-archive]",
    ]


def test_no_unused_warnings_while_records_fail(problems):
    """A record that failed to load may hold the reference; nothing is called unused then."""
    assert problems({"explainers/who-says-x.yml": EXPLAINER.replace("status: likely", "status: maybe")}) == [
        f"{X}:3:9: error: unknown status 'maybe'; expected one of confirmed, likely, contested, unverified, unlikely, false [unknown-value]",
    ]


def test_unsettled_claims_not_updated_for_30_days_get_a_warning(problems):
    assert problems(explainer("status: likely", "status: contested")) == [
        f"{X}:3:9: warning: explainer 'who-says-x' is contested and was last updated on 2025-12-01,"
        " 358 days before 2026-11-24; review it and add an update [stale-claim]",
    ]
    recent = explainer("status: likely", "status: unverified")["explainers/who-says-x.yml"].replace(
        "published: 2025-12-01", "published: 2025-12-01\nupdated: 2026-10-25"
    )
    assert problems({"explainers/who-says-x.yml": recent}) == []
