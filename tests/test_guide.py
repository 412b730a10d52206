"""The editor's guide documents every field and every message an editor can see."""

from __future__ import annotations

import re

from generator import schema
from tests.conftest import ROOT
from tests.messages import messages

GUIDE = (ROOT / "content/pages/editor-guide.md").read_text(encoding="utf-8")


def test_every_message_is_in_the_guide():
    missing = []
    for module, template in messages():
        shown = re.sub("…+", "…", template)
        if f"`{shown}`" not in re.sub("…+", "…", GUIDE):
            missing.append(f"{module}: {shown}")
    assert missing == [], "document these in content/pages/editor-guide.md"


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
