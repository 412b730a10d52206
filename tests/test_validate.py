"""Validation: every field's type, enum, required and unknown keys, dates and URLs, with exact messages."""

from __future__ import annotations

from pathlib import Path

from generator.build import check
from tests.conftest import MINIMAL, TODAY, X_RECORD, X, explainer


def test_minimal_site_is_clean(problems):
    assert problems({}) == []


def test_unknown_key_with_suggestion(problems):
    assert problems(explainer("    quote: X happened.", "    qoute: X happened.")) == [
        f"{X}:7:5: error: a statement needs 'quote' (exact words) or 'said' (a paraphrase) [quote-or-said]",
        f"{X}:10:5: error: unknown key 'qoute' in statement (did you mean 'quote'?) [unknown-key]",
    ]


def test_missing_required_keys(problems):
    assert problems(explainer("    source: kremlin-statement\n", "")) == [
        f"{X}:7:5: error: missing required key 'source' in statement [missing-key]",
    ]
    assert problems({"actors/kremlin.yml": "name: Kremlin\n"}) == [
        "content/actors/kremlin.yml:1:1: error: missing required key 'affiliation' in actor [missing-key]",
        "content/actors/kremlin.yml:1:1: error: missing required key 'kind' in actor [missing-key]",
    ]


def test_wrong_types(problems):
    assert problems(explainer("claim: X happened.", "claim: [X, happened]")) == [
        f"{X}:2:8: error: 'claim' must be text or a mapping of languages to text, not a list [wrong-type]",
    ]
    assert problems(explainer("status: likely", "status:\n  - contested")) == [
        f"{X}:4:3: error: 'status' must be a status, not a list [wrong-type]",
    ]
    assert problems(explainer("published: 2025-12-01", "published: 2025-12-01\ntags: pokrovsk")) == [
        f"{X}:6:7: error: 'tags' must be a list, not 'pokrovsk' [wrong-type]",
    ]


def test_enums_with_suggestions(problems):
    assert problems(explainer("stance: supports", "stance: support")) == [
        f"{X}:8:13: error: unknown stance 'support'; expected one of supports, disputes, qualifies, reports"
        " (did you mean 'supports'?) [unknown-value]",
    ]
    assert problems({"actors/kremlin.yml": "name: Kremlin\nkind: goverment\naffiliation: russia\n"}) == [
        "content/actors/kremlin.yml:2:7: error: unknown actor kind 'goverment'; expected one of government, military,"
        " official, person, media, state-media, think-tank, ngo, other (did you mean 'government'?) [unknown-value]",
    ]


def test_text_fields_keep_yaml_1_1_values(problems, tmp_path):
    assert problems(explainer("quote: X happened.", "quote: no")) == []
    site, _ = check(Path("content"), Path("site_config.yml"), TODAY)
    assert site.explainers["who-says-x"].statements[0].quote == "no"


def test_dates(problems):
    assert problems(explainer("date: 2025-12-02", "date: 2 December 2025")) == [
        f"{X}:14:11: error: invalid date '2 December 2025' in 'date'; write it as YYYY, YYYY-MM or YYYY-MM-DD [invalid-date]",
    ]
    assert problems(explainer("date: 2025-12-02", "date: 2025-02-30")) == [
        f"{X}:14:11: error: no such date '2025-02-30' in 'date' [invalid-date]",
    ]
    assert problems(explainer("date: 2025-12-02", "date: 2025-13")) == [
        f"{X}:14:11: error: no such date '2025-13' in 'date' [invalid-date]",
    ]
    assert problems(explainer("published: 2025-12-01", "published: 2025-12")) == [
        f"{X}:5:12: error: 'published' needs a full date (YYYY-MM-DD), not '2025-12' [invalid-date]",
    ]
    assert problems(explainer("published: 2025-12-01", "published: 2027-01-01")) == [
        f"{X}:5:12: error: date '2027-01-01' in 'published' is in the future (today is 2026-11-24) [future-date]",
    ]


def test_month_precise_statement_dates_are_kept(problems):
    assert problems(explainer("date: 2025-12-02", "date: 2025-12")) == []


def test_urls(problems):
    source = MINIMAL["sources/kremlin-statement.yml"]
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//host/x", "https:host",
        "ftp://example.org/x", "https://exa mple.org"):
        assert problems({"sources/kremlin-statement.yml": source.replace("https://example.org/statement", url)}) == [
    f"content/sources/kremlin-statement.yml:5:6: error: 'url' must be an absolute http or https URL, not '{url}' [invalid-url]",
        ], url


def test_languages(problems):
    assert problems(explainer("quote: X happened.", "quote: X happened.\n    quote_lang: de")) == [
        f"{X}:11:17: error: unknown language 'de' in 'quote_lang'; expected one of en, ru, uk"
        " (add it to extra.languages in site_config.yml) [unknown-language]",
    ]
    assert problems(explainer("question: Who says X?", "question:\n  uk: Хто каже X?")) == [
        f"{X}:2:3: error: 'question' has no 'en' text; the site's default language is required [missing-default-language]",
    ]


def test_only_a_translation_may_lack_the_default_language(problems):
    """An English quote is translated into the other languages only; every other text needs its English."""
    english_quote = explainer("quote: X happened.", "quote: X happened.\n    translation: {uk: Це сталося., ru: Это случилось.}")
    assert problems(english_quote) == []
    site, _ = check(Path("content"), Path("site_config.yml"), TODAY)
    translation = site.explainers["who-says-x"].statements[0].translation
    assert translation.values == (("ru", "Это случилось."), ("uk", "Це сталося."))
    assert translation.get("en") is None and translation.get("uk") == "Це сталося."
    assert problems(explainer("said: Denied that X happened.", "said: {uk: Заперечив.}")) == [
        f"{X}:15:11: error: 'said' has no 'en' text; the site's default language is required [missing-default-language]",
    ]
    assert problems(explainer("quote: X happened.", "quote: X happened.\n    translation: {}")) == [
        f"{X}:11:18: error: 'translation' is empty; give it a value or remove the key [empty-value]",
    ]


def test_booleans_and_numbers(problems):
    assert problems({"actors/kremlin.yml": "name: Kremlin\nkind: government\naffiliation: russia\nanonymous: yes\n"}) == [
        "content/actors/kremlin.yml:4:12: error: 'anonymous' must be true or false, not 'yes' [wrong-type]",
    ]
    assert problems(explainer("published: 2025-12-01", "published: 2025-12-01\nplace:\n  name: X\n  lat: 91")) == [
        f"{X}:8:8: error: 'lat' must be a number from -90 to 90, not '91' [invalid-number]",
    ]


def test_quote_and_said(problems):
    assert problems(explainer("quote: X happened.", "quote: X happened.\n    said: It happened.")) == [
        f"{X}:11:5: error: a statement has either 'quote' (exact words) or 'said' (a paraphrase), not both [quote-or-said]",
    ]
    assert problems(explainer("said: Denied that X happened.", "said: Denied.\n    translation: Denied.")) == [
        f"{X}:16:5: error: 'translation' belongs to a 'quote', and this statement has none [translation-without-quote]",
    ]


def test_ids(problems):
    assert problems({"actors/Kremlin_2.yml": "name: K\nkind: government\naffiliation: russia\n"}) == [
        "content/actors/Kremlin_2.yml:1:1: error: invalid actor id 'Kremlin_2'; a file name is lowercase words joined"
        " by hyphens, like 'who-says-pokrovsk-fell.yml' [invalid-file-name]",
    ]
    assert problems({"explainers/index.yml": X_RECORD}) == [
        "content/explainers/index.yml:1:1: error: 'index' is reserved; choose another explainer id [reserved-id]",
    ]
    assert problems(explainer("published: 2025-12-01", "published: 2025-12-01\ntags: [Bad Tag]")) == [
        f"{X}:6:8: error: invalid tag id 'Bad Tag'; ids are lowercase words joined by hyphens, like 'donetsk-oblast' [invalid-id]",
    ]


def test_empty_values(problems):
    assert problems(explainer("claim: X happened.", "claim:")) == [
        f"{X}:2:7: error: 'claim' is empty; give it a value or remove the key [empty-value]",
    ]


def test_every_problem_in_one_run(problems):
    """Three errors in two files, all reported."""
    broken = X_RECORD.replace("stance: supports", "stance: support").replace("date: 2025-12-02", "date: 2025-02-30")
    found = problems({"explainers/who-says-x.yml": broken, "actors/kremlin.yml": "name: K\nkind: x\naffiliation: russia\n"})
    assert len(found) == 3


def test_lists_and_nested_records(problems):
    assert problems({"explainers/who-says-x.yml": X_RECORD.replace("published: 2025-12-01", "published: 2025-12-01\nplace: Pokrovsk")}) == [
        f"{X}:6:8: error: 'place' must be a mapping of keys to values, not 'Pokrovsk' [wrong-type]",
    ]
    empty = "question: Q\nclaim: C\nstatus: likely\nsummary: S\npublished: 2025-12-01\nstatements: []\n"
    assert problems({"explainers/who-says-x.yml": empty}) == [f"{X}:6:13: error: 'statements' needs at least 1 item [too-few-items]"]


def test_pages(problems):
    assert problems({"pages/index.md": "# Home\n", "pages/Notes.md": "# Notes\n", "pages/about.md": "# About\n"}) == [
        "content/pages/Notes.md:1:1: error: page name 'Notes.md' is reserved or invalid; use lowercase words joined by hyphens [page-name]",
        "content/pages/index.md:1:1: error: page name 'index.md' is reserved or invalid; use lowercase words joined by hyphens [page-name]",
    ]


def test_long_and_multiline_values_are_shortened_in_messages(problems):
    assert problems(explainer("stance: supports", "stance: |\n      supports\n      the claim")) == [
        f"{X}:9:7: error: unknown stance 'supports …'; expected one of supports, disputes, qualifies, reports [unknown-value]",
    ]


def test_a_key_swallowed_by_a_block_of_text_is_a_warning(problems):
    """A `source:` indented two spaces too far under `event: >-` is part of the event's text."""
    timeline = (
        "timeline:\n"
        "  - date: 2025-12-01\n"
        "    event: >-\n"
        "      Talks lasted\n"
        "      for about five hours.\n"
        "      source: kremlin-statement\n"
        "  - date: 2025-12-01\n"
        '    event: "Talks began,\n'
        '      source: kremlin-statement"\n'
    )
    assert problems({"explainers/who-says-x.yml": X_RECORD + timeline}) == [
        f"{X}:22:7: warning: 'source:' is read as text of 'event', not as a key; to make it a key, de-indent it to"
        " column 5, like 'event' [key-in-text]",
        f"{X}:25:7: warning: 'source:' is read as text of 'event', not as a key; to make it a key, de-indent it to"
        " column 5, like 'event' [key-in-text]",
    ]


def test_text_that_only_looks_like_a_key_is_left_alone(problems):
    """A line of text that starts with a word the record has no field for, or one it has already."""
    summary = "summary: |\n  Some say it did.\n  note: not a field of an explainer.\n  status: a field it has.\n"
    assert problems(explainer("summary: Some say it did, some say it did not.\n", summary)) == []


def test_text_in_a_language_that_is_no_edition_s(tmp_path: Path, monkeypatch):
    """A language the site knows (extra.languages) but publishes no edition in: its text would be
    shown nowhere, so it is refused where it is written."""
    from generator.build import check
    from tests.conftest import write_config, write_content

    monkeypatch.chdir(tmp_path)
    config = write_config(tmp_path)
    config.write_text(config.read_text().replace("    ru: Russian\n", "    ru: Russian\n    de: German\n"))
    write_content(tmp_path, {**MINIMAL, "explainers/who-says-x.yml": X_RECORD.replace(
        "question: Who says X?", "question: {en: Who says X?, de: Wer sagt X?}")})
    _, diagnostics = check(Path("content"), config, TODAY)
    assert [str(d) for d in diagnostics if d.severity == "error"] == [
        f"{X}:1:29: error: 'question' has text in 'de', which is not an edition's language; editions: en, uk, ru"
        " (extra.editions in site_config.yml) [unknown-edition-language]"
    ]
