"""The value types of the content format, and `spec`, which declares a record's field once.

A record is a frozen dataclass in `model`; each of its format fields is declared there with
`spec(type, doc)`. `schema` reads those declarations, and validation, the JSON Schemas, the
data page and the editors' guide check all derive from them.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Text:
    """Plain text, shown exactly as written."""


@dataclass(frozen=True)
class Markdown:
    """Editor prose: Markdown without raw HTML."""


@dataclass(frozen=True)
class Date:
    day: bool = False  # True: only a full date (YYYY-MM-DD) is accepted


@dataclass(frozen=True)
class Url:
    """An absolute http or https URL."""


@dataclass(frozen=True)
class Lang:
    """A language tag listed in site_config.yml (extra.languages)."""


@dataclass(frozen=True)
class Bool:
    """true or false, written plain."""


@dataclass(frozen=True)
class Number:
    minimum: float
    maximum: float


@dataclass(frozen=True)
class Enum:
    name: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Ref:
    kind: str  # 'actor', 'source', 'explainer' or 'affiliation'


@dataclass(frozen=True)
class Slug:
    name: str  # what the id names, e.g. 'tag'


@dataclass(frozen=True)
class Localized:
    inner: Text | Markdown
    default_required: bool = True  # False only where another language may stand alone (a quote's translation)


@dataclass(frozen=True)
class List:
    item: Type
    min_items: int = 0


@dataclass(frozen=True)
class Nested:
    """A mapping that is a record of its own (a statement in an explainer)."""

    cls: type
    name: str  # as named in messages: 'statement', 'timeline event'


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Record:
    name: str  # as named in messages: 'statement', 'explainer'
    fields: tuple[Field, ...]
    cls: type
    by_name: dict[str, Field] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field | None:
        return self.by_name.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


Type = Text | Markdown | Date | Url | Lang | Bool | Number | Enum | Ref | Slug | Localized | List | Nested | Record


def spec(type: Type, doc: str, default: Any = dataclasses.MISSING) -> Any:
    """A format field of a record: its type and what it means; required unless it has a default."""
    return dataclasses.field(default=default, metadata={"type": type, "doc": doc})


@functools.cache  # one Record per class: a nested record is the same object as the kind's own
def record(cls: type, name: str) -> Record:
    """A record's format, read from its dataclass's `spec` fields (nested records resolved)."""

    def resolve(kind: Type) -> Type:
        if isinstance(kind, Nested):
            return record(kind.cls, kind.name)
        if isinstance(kind, List):
            return List(resolve(kind.item), kind.min_items)
        return kind

    fields = tuple(
        Field(f.name, resolve(f.metadata["type"]), f.default is dataclasses.MISSING, f.metadata["doc"])
        for f in dataclasses.fields(cls)
        if "type" in f.metadata
    )
    return Record(name, fields, cls)
