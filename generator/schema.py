"""The content format as data: every record kind, its fields and their value types, read from
the one declaration of each field (its `spec` in `model`).

`validate` checks records against these definitions, `jsonschema` writes the editors' and the
export's JSON Schemas from them, the data page lists their fields and a test holds the editors'
guide and docs/format.md to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import model
from generator.fields import (  # noqa: F401  (the value types, for the stages that read the format)
    Bool,
    Date,
    Enum,
    Field,
    Lang,
    List,
    Localized,
    Markdown,
    Number,
    Record,
    Ref,
    Slug,
    Text,
    Type,
    Url,
    record,
)
from generator.load import ID_PATTERN as ID_PATTERN  # the format's ids, for the stages that check them

RESERVED_IDS = frozenset({"index"})  # would collide with a section's index page


PLACE = record(model.Place, "place")
STATEMENT = record(model.Statement, "statement")
EVENT = record(model.Event, "timeline event")
UPDATE = record(model.Update, "update")
EXPLAINER = record(model.Explainer, "explainer")
ACTOR = record(model.Actor, "actor")
SOURCE = record(model.Source, "source")
STATUS = model.STATUS


@dataclass(frozen=True)
class Kind:
    """A kind of record file: its folder under content/, its format and the skeleton
    `python -m generator new` starts a record from (generator/skeletons/<name>.yml)."""

    folder: str
    record: Record

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def skeleton(self) -> str:
        return f"{self.name}.yml"


KINDS = (Kind("explainers", EXPLAINER), Kind("actors", ACTOR), Kind("sources", SOURCE))
RECORDS = {kind.folder: kind.record for kind in KINDS}
BY_NAME = {kind.name: kind for kind in KINDS}
