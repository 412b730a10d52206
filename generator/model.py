"""The records: typed, frozen values that the stages pass along."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator import fields as f
from generator.diagnostics import Location
from generator.fields import spec

STATUSES = ("confirmed", "likely", "contested", "unverified", "unlikely", "false")


def N_(message: str) -> str:
    """Marks a message for the catalogs (theme/locale/) without translating it here."""
    return message


STATUS_LABELS = {
    "confirmed": N_("Confirmed"), "likely": N_("Likely"), "contested": N_("Contested"), "unverified": N_("Unverified"),
    "unlikely": N_("Unlikely"), "false": N_("False"),
}
RATING = {"confirmed": 5, "likely": 4, "contested": 3, "unlikely": 2, "false": 1}
STANCES = ("supports", "disputes", "qualifies", "reports")
STANCE_LABELS = {
    "supports": N_("Supports the claim"), "disputes": N_("Disputes the claim"), "qualifies": N_("Qualifies the claim"),
    "reports": N_("Reports the claim"),
}
STANCE_VERBS = {  # a statement's stance, after its actor and date
    "supports": N_("supports the claim"), "disputes": N_("disputes the claim"), "qualifies": N_("qualifies the claim"),
    "reports": N_("reports the claim"),
}
STANCE_NAMES = {"supports": N_("supports"), "disputes": N_("disputes"), "qualifies": N_("qualifies"), "reports": N_("reports")}
STANCE_POSITIONS = {  # an actor's latest position on a settled claim, in its track record
    "supports": N_("this actor supported it"), "disputes": N_("this actor disputed it"),
    "qualifies": N_("this actor qualified it"), "reports": N_("this actor reported it"),
}
ACTOR_KINDS = ("government", "military", "official", "person", "media", "state-media", "think-tank", "ngo", "other")
ACTOR_KIND_LABELS = {
    "government": N_("government"), "military": N_("military"), "official": N_("official"), "person": N_("person"),
    "media": N_("media"), "state-media": N_("state media"), "think-tank": N_("think tank"), "ngo": N_("NGO"),
    "other": N_("other"),
}
SOURCE_KINDS = ("news", "statement", "briefing", "interview", "video", "social-post", "assessment", "map", "document")
SOURCE_KIND_LABELS = {
    "news": N_("news"), "statement": N_("statement"), "briefing": N_("briefing"), "interview": N_("interview"),
    "video": N_("video"), "social-post": N_("social post"), "assessment": N_("assessment"), "map": N_("map"),
    "document": N_("document"),
}
STATUS = f.Enum("status", STATUSES)


class Where(Mapping[str, Location]):
    """Field path ('by', 'related[2]', '' for the record itself) to where its value was written.

    Kept as (line, column) pairs of one file, which pickle in C: records go into the generator's
    cache and between processes, and a Location object per field made both three times slower."""

    __slots__ = ("path", "marks")

    def __init__(self, path: str = "", marks: dict[str, tuple[int, int]] | None = None) -> None:
        self.path = path
        self.marks = marks or {}

    def __getitem__(self, name: str) -> Location:
        line, column = self.marks[name]
        return Location(self.path, line, column)

    def __iter__(self):
        return iter(self.marks)

    def __len__(self) -> int:
        return len(self.marks)

    def __reduce__(self):
        return Where, (self.path, self.marks)


class once:
    """A property computed on first use and kept on the instance (functools.cached_property
    without its lock, which cost more than the property it saved)."""

    def __init__(self, function) -> None:
        self.function = function
        self.name = function.__name__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(frozen=True)
class Date:
    """A date with the precision it was written with: a year, a month or a day.

    What is derived from it is computed once per date (pages ask for the same dates many times);
    a pickled date holds only its fields."""

    year: int
    month: int | None = None
    day: int | None = None

    def __getstate__(self) -> dict:
        return {"year": self.year, "month": self.month, "day": self.day}  # not what `once` kept

    @once
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> datetime.date:
        month = self.month or 12
        return datetime.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @once
    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p is not None]
        return "-".join(parts)

    def sort_key(self) -> tuple[datetime.date, int]:
        return (self.first, 0 if self.day else 1 if self.month else 2)


@dataclass(frozen=True)
class Localized:
    """Text in one or more languages; the site's default language comes first.

    Only a quote's `translation` may lack the default language (an English quote needs no
    English translation), so it is read with `get`, never with `default`."""

    values: tuple[tuple[str, str], ...]

    @property
    def default(self) -> str:
        return self.values[0][1]

    def get(self, lang: str) -> str | None:
        return dict(self.values).get(lang)

    def translations(self) -> tuple[tuple[str, str], ...]:
        return self.values[1:]

    def all_text(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.values)


@dataclass(frozen=True)
class Place:
    name: Localized = spec(f.Localized(f.Text()), "the place's usual name")
    aliases: tuple[str, ...] = spec(f.List(f.Text()), "other spellings, languages and historic names; all searchable", ())
    lat: float | None = spec(f.Number(-90, 90), "latitude in decimal degrees", None)
    lon: float | None = spec(f.Number(-180, 180), "longitude in decimal degrees", None)
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Statement:
    by: str = spec(f.Ref("actor"), "who said it")
    stance: str = spec(f.Enum("stance", STANCES), "its position on the explainer's claim")
    date: Date = spec(f.Date(), "when it was said (not when it was reported)")
    source: str = spec(f.Ref("source"), "where the statement is documented")
    quote: str | None = spec(f.Text(), "the exact words, in the original language (one of quote and said)", None)
    quote_lang: str | None = spec(f.Lang(), "language of the quote; default: the source's language", None)
    translation: Localized | None = spec(
        f.Localized(f.Text(), default_required=False), "translation of the quote into other languages", None
    )
    said: Localized | None = spec(
        f.Localized(f.Text()), "the editors' paraphrase where no exact words exist (one of quote and said)", None
    )
    locator: str | None = spec(f.Text(), "where in the source: paragraph, timestamp, page", None)
    note: Localized | None = spec(f.Localized(f.Markdown()), "editors' remark on this statement", None)
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Event:
    date: Date = spec(f.Date(), "when it happened")
    event: Localized = spec(f.Localized(f.Text()), "what happened")
    source: str | None = spec(f.Ref("source"), "where it is documented", None)
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Update:
    date: Date = spec(f.Date(day=True), "the day of the update")
    note: Localized = spec(f.Localized(f.Text()), "what changed")
    correction: bool = spec(f.Bool(), "true if this corrects an error (default false)", False)
    status: str | None = spec(STATUS, "the claim's status from that day on", None)
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Explainer:
    id: str
    path: str
    question: Localized = spec(f.Localized(f.Text()), "the page title, phrased as readers ask it")
    claim: Localized = spec(f.Localized(f.Text()), "the proposition examined, one sentence")
    status: str = spec(STATUS, "the editors' current assessment of the claim")
    summary: Localized = spec(f.Localized(f.Markdown()), "the short answer, shown first")
    published: Date = spec(f.Date(day=True), "first publication")
    statements: tuple[Statement, ...] = spec(f.List(f.Nested(Statement, "statement"), min_items=1), "who says what")
    assessment: Localized | None = spec(f.Localized(f.Markdown()), "why the editors chose that status", None)
    updated: Date | None = spec(f.Date(day=True), "last substantive update", None)
    tags: tuple[str, ...] = spec(f.List(f.Slug("tag")), "topics; each tag gets an index page", ())
    place: Place | None = spec(f.Nested(Place, "place"), "the place the claim is about", None)
    timeline: tuple[Event, ...] = spec(f.List(f.Nested(Event, "timeline event")), "events that are not statements", ())
    context: Localized | None = spec(f.Localized(f.Markdown()), "background", None)
    updates: tuple[Update, ...] = spec(
        f.List(f.Nested(Update, "update")), "the public update and correction log, oldest first", ()
    )
    related: tuple[str, ...] = spec(f.List(f.Ref("explainer")), "further reading on the site", ())
    where: Where = field(default_factory=Where, compare=False, repr=False)

    @property
    def last_updated(self) -> Date:
        return self.updated or self.published


@dataclass(frozen=True)
class Actor:
    id: str
    path: str
    name: Localized = spec(f.Localized(f.Text()), "display name, or a description for an unnamed person")
    kind: str = spec(f.Enum("actor kind", ACTOR_KINDS), "what sort of actor")
    affiliation: str = spec(f.Ref("affiliation"), "an id listed in site_config.yml under extra.affiliations")
    description: Localized | None = spec(f.Localized(f.Markdown()), "one or two sentences", None)
    url: str | None = spec(f.Url(), "official site or profile", None)
    same_as: str | None = spec(f.Url(), "the actor's entry in a public knowledge base", None)
    aliases: tuple[str, ...] = spec(f.List(f.Text()), "other names and spellings, searchable", ())
    anonymous: bool = spec(f.Bool(), "true where the source withholds the name", False)
    person: bool | None = spec(
        f.Bool(), "true for one individual, false for a body (a government, an army, an outlet); default: true for kind person only",
        None,
    )
    where: Where = field(default_factory=Where, compare=False, repr=False)

    @property
    def is_person(self) -> bool:
        """One individual (schema.org Person), not a body: as the record says, else by kind."""
        return self.kind == "person" if self.person is None else self.person


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    title: str = spec(f.Text(), "title as published, original language")
    publisher: str = spec(f.Ref("actor"), "outlet or body that published it")
    kind: str = spec(f.Enum("source kind", SOURCE_KINDS), "what sort of document")
    published: Date = spec(f.Date(), "when it was published")
    url: str | None = spec(f.Url(), "where it was published; absent for offline material, or while no address is verified", None)
    archive: str | None = spec(f.Url(), "a permanent archived copy", None)
    accessed: Date | None = spec(f.Date(day=True), "when the editors last checked it", None)
    language: str | None = spec(f.Lang(), "default: the site's default language", None)
    authors: tuple[str, ...] = spec(f.List(f.Text()), "bylines", ())
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Edition:
    """The site for readers of one language: its records' text in `lang`, its interface (labels,
    dates, Material's own strings) in `interface`. The first edition is published at the root,
    every other at /<lang>/."""

    lang: str
    interface: str
    prefix: str = ""  # "" for the first edition, else "<lang>/"
    description: str | None = None  # the site's description in `lang` (site_config.yml's site_description is the first edition's)


@dataclass(frozen=True)
class Settings:
    """What the generator reads from site_config.yml."""

    site_name: str
    site_url: str  # the root of the whole site, every edition beneath it
    default_language: str  # the language plain (untagged) record text is written in
    languages: Mapping[str, str]  # code -> name, e.g. 'uk' -> 'Ukrainian'
    affiliations: Mapping[str, Localized]  # id -> name
    tags: Mapping[str, Localized] = field(default_factory=lambda: MappingProxyType({}))  # tag -> name, where site_config.yml gives one
    docs_dir: str = "build/docs"
    editions: tuple[Edition, ...] = (Edition("en", "en"),)
    edition: Edition = Edition("en", "en")  # the edition being made

    @property
    def edition_url(self) -> str:
        return self.site_url + self.edition.prefix
