"""Cross-record checks: references with suggestions, dates across records, the status history."""

from __future__ import annotations

from tests.conftest import X_RECORD, X, explainer

ACTOR = "content/actors/kremlin.yml"


def test_misspelt_actor_gets_a_suggestion(problems):
    assert problems(explainer("by: kremlin", "by: kremln")) == [
        f"{X}:7:9: error: unknown actor 'kremln' (did you mean 'kremlin'?) [unknown-reference]",
    ]


def test_unknown_references_without_near_miss(problems):
    assert problems(explainer("source: general-staff-post", "source: nothing-like-it")) == [
        f"{X}:16:13: error: unknown source 'nothing-like-it' [unknown-reference]",
        "content/sources/general-staff-post.yml:1:1: warning: source 'general-staff-post' is not cited by any statement"
        " or event [unused-record]",
    ]


def test_statement_after_its_source(problems):
    assert problems(explainer("date: 2025-12-02", "date: 2025-12-03")) == [
        f"{X}:14:11: error: statement dated 2025-12-03 is after its source 'general-staff-post' was published"
        " (2025-12-02) [statement-after-source]",
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
        f"{X}:3:9: error: status 'likely' differs from the latest status in updates ('unverified' on 2025-12-01,"
        " line 12) [status-mismatch]",
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
    assert problems({"explainers/who-says-x.yml": X_RECORD.replace("status: likely", "status: maybe")}) == [
        f"{X}:3:9: error: unknown status 'maybe'; expected one of confirmed, likely, contested, unverified, unlikely,"
        " false [unknown-value]",
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


def test_a_record_with_errors_still_has_its_references_checked(problems):
    """One run shows everything: the unknown actor, source and related explainer of a record that
    has other errors too (they used to appear only once those were fixed)."""
    broken = (
        X_RECORD.replace("status: likely", "status: maybe")
        .replace("by: kremlin", "by: kremln")
        .replace("date: 2025-12-02", "date: 2 December 2025")
        .replace("source: general-staff-post", "source: nothing-like-it")
        + "related: [who-says-z]\n"
    )
    assert problems({"explainers/who-says-x.yml": broken}) == [
        f"{X}:3:9: error: unknown status 'maybe'; expected one of confirmed, likely, contested, unverified, unlikely,"
        " false [unknown-value]",
        f"{X}:7:9: error: unknown actor 'kremln' (did you mean 'kremlin'?) [unknown-reference]",
        f"{X}:14:11: error: invalid date '2 December 2025' in 'date'; write it as YYYY, YYYY-MM or YYYY-MM-DD [invalid-date]",
        f"{X}:16:13: error: unknown source 'nothing-like-it' [unknown-reference]",
        f"{X}:17:11: error: unknown explainer 'who-says-z' [unknown-reference]",
    ]


def test_a_record_with_errors_still_has_its_cross_record_rules_checked(problems):
    broken = X_RECORD.replace("status: likely", "status: maybe").replace("date: 2025-12-02", "date: 2025-12-03")
    assert problems({"explainers/who-says-x.yml": broken}) == [
        f"{X}:3:9: error: unknown status 'maybe'; expected one of confirmed, likely, contested, unverified, unlikely,"
        " false [unknown-value]",
        f"{X}:14:11: error: statement dated 2025-12-03 is after its source 'general-staff-post' was published"
        " (2025-12-02) [statement-after-source]",
    ]
    # An actor with an invalid kind still has its affiliation checked, and an actor whose file
    # name is invalid still has its fields checked.
    assert problems({"actors/kremlin.yml": "name: Kremlin\nkind: goverment\naffiliation: rusia\n",
                     "actors/Nobody_1.yml": "name: Nobody\nkind: person\nafiliation: russia\n"}) == [
        "content/actors/Nobody_1.yml:1:1: error: invalid actor id 'Nobody_1'; a file name is lowercase words joined by"
        " hyphens, like 'who-says-pokrovsk-fell.yml' [invalid-file-name]",
        "content/actors/Nobody_1.yml:1:1: error: missing required key 'affiliation' in actor [missing-key]",
        "content/actors/Nobody_1.yml:3:1: error: unknown key 'afiliation' in actor (did you mean 'affiliation'?)"
        " [unknown-key]",
        f"{ACTOR}:2:7: error: unknown actor kind 'goverment'; expected one of government, military, official, person,"
        " media, state-media, think-tank, ngo, other (did you mean 'government'?) [unknown-value]",
        f"{ACTOR}:3:14: error: unknown affiliation 'rusia' (did you mean 'russia'?); affiliations are listed in"
        " site_config.yml under extra.affiliations [unknown-affiliation]",
    ]


def test_a_reference_to_a_record_with_errors_is_not_reported_again(problems):
    """The statements name 'kremlin', whose file has an error: that error is reported, not an unknown actor."""
    assert problems({"actors/kremlin.yml": "name: Kremlin\nkind: government\naffiliation: russia\nurl: x\n"}) == [
        f"{ACTOR}:4:6: error: 'url' must be an absolute http or https URL, not 'x' [invalid-url]",
    ]


def test_unrelated_ids_get_no_suggestion(problems):
    """Only a near miss is suggested: at most one edit per four characters."""
    found = problems({"explainers/who-says-pokrovsk-fell.yml": X_RECORD,
                      "explainers/who-says-x.yml": X_RECORD + "related: [who-says-kupiansk-fell, who-says-pokrovsk-fel]\n"})
    assert found == [
        f"{X}:17:11: error: unknown explainer 'who-says-kupiansk-fell' [unknown-reference]",
        f"{X}:17:35: error: unknown explainer 'who-says-pokrovsk-fel' (did you mean 'who-says-pokrovsk-fell'?)"
        " [unknown-reference]",
    ]


def test_a_translation_in_the_quotes_own_language_is_a_warning(problems):
    """It would never be shown. The quote's language is quote_lang, else its source's, else the site's."""
    assert problems(explainer("quote: X happened.", "quote: X happened.\n    translation: X happened.")) == [
        f"{X}:11:18: warning: translation into 'en' of a quote already in 'en' is never shown; remove it, or set"
        " 'quote_lang' if the quote is in another language [translation-same-language]",
    ]
    in_ukrainian = "quote: X трапився.\n    quote_lang: uk\n    translation: {en: X happened., uk: X трапився.}"
    assert problems(explainer("quote: X happened.", in_ukrainian)) == [
        f"{X}:12:18: warning: translation into 'uk' of a quote already in 'uk' is never shown; remove it, or set"
        " 'quote_lang' if the quote is in another language [translation-same-language]",
    ]
    assert problems(explainer("quote: X happened.", "quote: X трапився.\n    quote_lang: uk\n    translation: X happened.")) == []
    source = "title: Заява\npublisher: kremlin\nkind: statement\npublished: 2025-12-01\nlanguage: ru\n" \
             "url: https://example.org/statement\narchive: https://archive.example.org/statement\n"
    assert problems({**explainer("quote: X happened.", "quote: X произошёл.\n    translation: X happened."),
                     "sources/kremlin-statement.yml": source}) == []


def test_two_sources_with_one_url_are_an_error_naming_the_other(problems):
    post = "title: Post\npublisher: general-staff\nkind: social-post\npublished: 2025-12-02\n" \
           "url: https://example.org/statement\narchive: https://archive.example.org/post\n"
    assert problems({"sources/general-staff-post.yml": post}) == [
        "content/sources/kremlin-statement.yml:5:6: error: source 'kremlin-statement' has the same url as source"
        " 'general-staff-post' (content/sources/general-staff-post.yml:5:6); keep one record per document [duplicate-url]",
    ]
