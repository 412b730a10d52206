"""The JSON Schemas kept in schema/ are the ones the validator's definitions produce today."""

from __future__ import annotations

import json
import re

from generator import schema
from generator.config import read_settings
from generator.jsonschema import schemas
from tests.conftest import ROOT


def test_schema_copies_in_the_repository_are_current():
    settings, _ = read_settings(ROOT / "site_config.yml")
    expected = schemas(settings)
    kept = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schema").glob("*.json")}
    assert kept == expected, "run `python -m generator schema` and commit schema/"


def test_every_field_is_in_its_schema_with_its_doc():
    settings, _ = read_settings(ROOT / "site_config.yml")
    for name, text in schemas(settings).items():
        document = json.loads(text)
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        record = next(r for r in schema.RECORDS.values() if f"{r.name}.schema.json" == name)
        assert list(document["properties"]) == [f.name for f in record.fields]
        assert document["required"] == [f.name for f in record.fields if f.required]
        assert document["additionalProperties"] is False
        for field in record.fields:
            assert document["properties"][field.name]["description"].startswith(field.doc)


def test_enums_come_from_the_format_and_the_site_configuration():
    settings, _ = read_settings(ROOT / "site_config.yml")
    explainer = json.loads(schemas(settings)["explainer.schema.json"])
    assert explainer["properties"]["status"]["enum"] == list(schema.STATUS.values)
    statement = explainer["properties"]["statements"]["items"]
    assert statement["properties"]["quote_lang"]["enum"] == ["en", "uk", "ru"]
    actor = json.loads(schemas(settings)["actor.schema.json"])
    assert actor["properties"]["affiliation"]["enum"] == list(settings.affiliations)


def test_dates_are_described_as_dates():
    """An editor's tool reports a bad date against the date's pattern and says what a date looks like
    (it used to report 'Expected "integer"', the first branch of an anyOf)."""
    settings, _ = read_settings(ROOT / "site_config.yml")
    explainer = json.loads(schemas(settings)["explainer.schema.json"])
    statement_date = explainer["properties"]["statements"]["items"]["properties"]["date"]
    assert statement_date == {
        "type": ["string", "integer"], "pattern": statement_date["pattern"], "minimum": 1000, "maximum": 9999,
        "description": "when it was said (not when it was reported); a date: a year, a month or a day (YYYY, YYYY-MM"
                       " or YYYY-MM-DD)",
        "examples": ["2025-12-02", "2025-08", 2025],
        "patternErrorMessage": "write a date as YYYY, YYYY-MM or YYYY-MM-DD, like 2025-12-02",
    }
    published = explainer["properties"]["published"]
    assert published["description"] == "first publication; a day: YYYY-MM-DD" and published["examples"] == ["2025-12-02"]
    for date, pattern in ((statement_date, statement_date["pattern"]), (published, published["pattern"])):
        assert all(re.match(pattern, str(example)) for example in date["examples"])
        assert not re.match(pattern, "2 December 2025") and not re.match(pattern, "2025-13-01")


def test_only_a_quotes_translation_may_leave_out_the_default_language():
    settings, _ = read_settings(ROOT / "site_config.yml")
    explainer = json.loads(schemas(settings)["explainer.schema.json"])
    statement = explainer["properties"]["statements"]["items"]["properties"]
    translation = statement["translation"]["anyOf"][1]
    assert "required" not in translation and translation["minProperties"] == 1
    assert statement["said"]["anyOf"][1]["required"] == ["en"]
    assert explainer["properties"]["question"]["anyOf"][1]["required"] == ["en"]


def test_every_schema_reference_resolves():
    """Editors' records and skeletons name their schema by a path relative to the file, and the
    schemas claim no address (`$id`) the site does not publish."""
    named = [*(ROOT / "content").rglob("*.yml"), *(ROOT / "generator" / "skeletons").glob("*.yml")]
    references = {
        (path, match.group(1))
        for path in named
        for match in [re.match(r"# yaml-language-server: \$schema=(\S+)", path.read_text(encoding="utf-8"))]
        if match
    }
    assert len(references) > 3  # the skeletons and the bundled records
    assert [(path, ref) for path, ref in references if not (path.parent / ref).resolve().is_file()] == []
    settings, _ = read_settings(ROOT / "site_config.yml")
    assert [name for name, text in schemas(settings).items() if "$id" in json.loads(text)] == []
