"""The content format as data: every record kind, its fields and their value types.

`validate` checks records against these definitions; the same definitions are meant to
produce the JSON Schemas editors autocomplete from, so the two cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from generator import model
from generator.load import ID_PATTERN

RESERVED_IDS = frozenset({"index"})  # would collide with a section's index page


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
    pass


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
    inner: Union[Text, Markdown]
    # False where the default language may be absent: a quote's translation
    # into the other languages of a quote written in the default language.
    default_required: bool = True


@dataclass(frozen=True)
class List:
    item: "Type"
    min_items: int = 0


@dataclass(frozen=True)
class Field:
    name: str
    type: "Type"
    required: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Record:
    name: str  # as named in messages: 'statement', 'explainer'
    fields: tuple[Field, ...]
    cls: type

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)


Type = Union[Text, Markdown, Date, Url, Lang, Bool, Number, Enum, Ref, Slug, Localized, List, Record]

STATUS = Enum("status", model.STATUSES)

PLACE = Record(
    "place",
    (
        Field("name", Localized(Text()), True, "the place's usual name"),
        Field("aliases", List(Text()), doc="other spellings, languages and historic names; all searchable"),
        Field("lat", Number(-90, 90), doc="latitude in decimal degrees"),
        Field("lon", Number(-180, 180), doc="longitude in decimal degrees"),
    ),
    model.Place,
)

STATEMENT = Record(
    "statement",
    (
        Field("by", Ref("actor"), True, "who said it"),
        Field("stance", Enum("stance", model.STANCES), True, "its position on the explainer's claim"),
        Field("date", Date(), True, "when it was said (not when it was reported)"),
        Field("quote", Text(), doc="the exact words, in the original language (one of quote and said)"),
        Field("quote_lang", Lang(), doc="language of the quote; default: the source's language"),
        Field("translation", Localized(Text(), default_required=False), doc="translation of the quote into other languages"),
        Field("said", Localized(Text()), doc="the editors' paraphrase where no exact words exist (one of quote and said)"),
        Field("source", Ref("source"), True, "where the statement is documented"),
        Field("locator", Text(), doc="where in the source: paragraph, timestamp, page"),
        Field("note", Localized(Markdown()), doc="editors' remark on this statement"),
    ),
    model.Statement,
)

EVENT = Record(
    "timeline event",
    (
        Field("date", Date(), True, "when it happened"),
        Field("event", Localized(Text()), True, "what happened"),
        Field("source", Ref("source"), doc="where it is documented"),
    ),
    model.Event,
)

UPDATE = Record(
    "update",
    (
        Field("date", Date(day=True), True, "the day of the update"),
        Field("note", Localized(Text()), True, "what changed"),
        Field("correction", Bool(), doc="true if this corrects an error (default false)"),
        Field("status", STATUS, doc="the claim's status from that day on"),
    ),
    model.Update,
)

EXPLAINER = Record(
    "explainer",
    (
        Field("question", Localized(Text()), True, "the page title, phrased as readers ask it"),
        Field("claim", Localized(Text()), True, "the proposition examined, one sentence"),
        Field("status", STATUS, True, "the editors' current assessment of the claim"),
        Field("summary", Localized(Markdown()), True, "the short answer, shown first"),
        Field("assessment", Localized(Markdown()), doc="why the editors chose that status"),
        Field("published", Date(day=True), True, "first publication"),
        Field("updated", Date(day=True), doc="last substantive update"),
        Field("tags", List(Slug("tag")), doc="topics; each tag gets an index page"),
        Field("place", PLACE, doc="the place the claim is about"),
        Field("statements", List(STATEMENT, min_items=1), True, "who says what"),
        Field("timeline", List(EVENT), doc="events that are not statements"),
        Field("context", Localized(Markdown()), doc="background"),
        Field("updates", List(UPDATE), doc="the public update and correction log, oldest first"),
        Field("related", List(Ref("explainer")), doc="further reading on the site"),
    ),
    model.Explainer,
)

ACTOR = Record(
    "actor",
    (
        Field("name", Localized(Text()), True, "display name, or a description for an unnamed person"),
        Field("kind", Enum("actor kind", model.ACTOR_KINDS), True, "what sort of actor"),
        Field("affiliation", Ref("affiliation"), True, "an id listed in site_config.yml under extra.affiliations"),
        Field("description", Localized(Markdown()), doc="one or two sentences"),
        Field("url", Url(), doc="official site or profile"),
        Field("same_as", Url(), doc="the actor's entry in a public knowledge base"),
        Field("aliases", List(Text()), doc="other names and spellings, searchable"),
        Field("anonymous", Bool(), doc="true where the source withholds the name"),
    ),
    model.Actor,
)

SOURCE = Record(
    "source",
    (
        Field("title", Text(), True, "title as published, original language"),
        Field("publisher", Ref("actor"), True, "outlet or body that published it"),
        Field("kind", Enum("source kind", model.SOURCE_KINDS), True, "what sort of document"),
        Field("published", Date(), True, "when it was published"),
        Field("url", Url(), doc="where it was published; absent only for offline material"),
        Field("archive", Url(), doc="a permanent archived copy"),
        Field("accessed", Date(day=True), doc="when the editors last checked it"),
        Field("language", Lang(), doc="default: the site's default language"),
        Field("authors", List(Text()), doc="bylines"),
    ),
    model.Source,
)

RECORDS = {"explainers": EXPLAINER, "actors": ACTOR, "sources": SOURCE}
