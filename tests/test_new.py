"""The template: `new` writes a skeleton that fails until its placeholders are filled, then passes."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import check
from generator.new import new_record
from tests.conftest import MINIMAL, TODAY, write_config, write_content

FILLED = {
    "explainer": {
        '"TODO: Who says ...?"': "Who says Y?",
        '"TODO: ... has happened."': "Y happened.",
        "TODO: One to three sentences that answer the question.": "Nobody knows yet.",
        "TODO-actor-id": "kremlin",
        "stance: TODO": "stance: supports",
        "date: TODO": "date: 2025-12-01",
        '"TODO: the exact words"': "Y happened.",
        "TODO-source-id": "kremlin-statement",
    },
    "actor": {'"TODO: name"': "Somebody", "kind: TODO": "kind: person", "affiliation: TODO": "affiliation: independent"},
    "source": {
        '"TODO: title as published"': "A title",
        "TODO-actor-id": "kremlin",
        "kind: TODO": "kind: news",
        "published: TODO": "published: 2025-12-01",
        '"TODO: https://..."': "https://example.org/a",
        '"TODO: https://web.archive.org/..."': "https://archive.example.org/a",
    },
}


def test_new_records_fail_until_filled_then_pass(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = write_content(tmp_path, MINIMAL)
    config = write_config(tmp_path)
    ids = {"explainer": "who-says-y", "actor": "somebody", "source": "a-title"}
    for kind, id in ids.items():
        path, problem = new_record(content, kind, id, TODAY)
        assert problem is None and path.is_file()
        assert path.read_text().startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n")
    _, diagnostics = check(content, config, TODAY)
    placeholders = [str(d) for d in diagnostics if "placeholder" in d.message]
    assert (
        "content/explainers/who-says-y.yml:6:11: error: 'question' still holds the template's placeholder"
        " 'TODO: Who says ...?'; replace it [placeholder]" in placeholders
    )
    # Located on the text of the block scalar, not on its '|'.
    assert (
        "content/explainers/who-says-y.yml:13:3: error: 'summary' still holds the template's placeholder"
        " 'TODO: One to three sentences that answer the question.'; replace it [placeholder]" in placeholders
    )
    assert len(placeholders) == 8 + 3 + 6
    for kind, id in ids.items():
        path = content / f"{kind}s" / f"{id}.yml"
        text = path.read_text()
        for old, new in FILLED[kind].items():
            text = text.replace(old, new)
        assert "TODO" not in re.sub(r"#.*", "", text)
        path.write_text(text)
    _, diagnostics = check(content, config, TODAY)
    assert [str(d) for d in diagnostics] == [
        "content/actors/somebody.yml:5:1: warning: actor 'somebody' is not referenced by any statement or source [unused-record]",
        "content/sources/a-title.yml:5:1: warning: source 'a-title' is not cited by any statement or event [unused-record]",
    ]


def test_new_refuses_existing_malformed_and_reserved_ids(tmp_path: Path):
    content = write_content(tmp_path, MINIMAL)
    before = (content / "actors/kremlin.yml").read_text()
    assert new_record(content, "actor", "kremlin", TODAY)[1] == (
        f"'{content / 'actors/kremlin.yml'}' already exists; edit it, or choose another id"
    )
    assert (content / "actors/kremlin.yml").read_text() == before
    assert new_record(content, "actor", "Bad_Id", TODAY)[1] == (
        "invalid actor id 'Bad_Id'; ids are lowercase words joined by hyphens, like 'who-says-pokrovsk-fell'"
    )
    assert new_record(content, "explainer", "../escape", TODAY)[1].startswith("invalid explainer id '../escape'")
    assert new_record(content, "explainer", "index", TODAY)[1] == "'index' is reserved; choose another explainer id"
    assert not (tmp_path / "escape.yml").exists()
