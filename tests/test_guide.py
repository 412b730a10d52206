"""The editor's guide documents every field and every message an editor can see."""

from __future__ import annotations

import re

from generator import schema
from tests.conftest import ROOT
from tests.messages import messages, rules

GUIDE = (ROOT / "content/pages/editor-guide.md").read_text(encoding="utf-8")


def test_every_message_is_in_the_guide():
    missing = []
    for module, template in messages():
        shown = re.sub("…+", "…", template)
        if f"`{shown}`" not in re.sub("…+", "…", GUIDE):
            missing.append(f"{module}: {shown}")
    assert missing == [], "document these in content/pages/editor-guide.md"


def _cells(row: str) -> list[str]:
    """A Markdown table row's cells; a '|' inside `code` does not end a cell."""
    return [cell.strip() for cell in re.split(r"\|(?=(?:[^`]*`[^`]*`)*[^`]*$)", row.strip())[1:-1]]


def test_every_rule_is_in_the_guide_with_an_example_and_its_fix():
    used = rules()
    assert [module for module, rule in used if rule is None] == [], "write each rule id as a literal"
    documented: dict[str, list[list[str]]] = {}
    for table in re.findall(r"^\| rule \| example \| message \| what to do \|\n\|[-|]+\|\n((?:\|.*\n)+)", GUIDE, re.M):
        for row in table.splitlines():
            cells = _cells(row)
            documented.setdefault(cells[0].strip("`"), []).append(cells)
    assert sorted({rule for _, rule in used} - documented.keys()) == [], "document these rules in the editor's guide"
    assert sorted(documented.keys() - {rule for _, rule in used}) == [], "the guide documents rules no code reports"
    for rule, rows in documented.items():
        for example, message, fix in (cells[1:] for cells in rows):
            assert example and message.startswith("`") and fix, f"{rule}: an example, the message and a fix"


def test_every_field_is_in_the_guide():
    nested = (schema.STATEMENT, schema.PLACE, schema.EVENT, schema.UPDATE)
    for record in (*schema.RECORDS.values(), *nested):
        for field in record.fields:
            assert f"`{field.name}`" in GUIDE, f"{record.name}.{field.name} is not documented"


def test_every_status_stance_and_kind_is_in_the_guide():
    for values in (schema.STATUS.values, schema.STATEMENT.field("stance").type.values,
                   schema.ACTOR.field("kind").type.values, schema.SOURCE.field("kind").type.values):
        for value in values:
            assert f"`{value}`" in GUIDE, value


def test_the_guide_is_in_the_navigation():
    assert "editor-guide.md" in (ROOT / "site_config.yml").read_text()


def test_commands_are_written_as_they_run():
    """From the repository's root, in its environment: a bare `python -m generator` fails outside it."""
    for text in (GUIDE, (ROOT / "README.md").read_text(encoding="utf-8")):
        assert re.findall(r"`python -m generator[ .]", text) == []
