"""The records: typed, frozen values that the stages pass along."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Mapping

from generator.diagnostics import Location

STATUSES = ("confirmed", "likely", "contested", "unverified", "unlikely", "false")
STATUS_LABELS = {s: s.capitalize() for s in STATUSES}
RATING = {"confirmed": 5, "likely": 4, "contested": 3, "unlikely": 2, "false": 1}
STANCES = ("supports", "disputes", "qualifies", "reports")
ACTOR_KINDS = ("government", "military", "official", "person", "media", "state-media", "think-tank", "ngo", "other")
SOURCE_KINDS = ("news", "statement", "briefing", "interview", "video", "social-post", "assessment", "map", "document")

MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # not calendar.month_name, which asks the locale every time

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

    @once
    def label(self) -> str:
        """'2 December 2025', 'August 2025' or '2025': never more precise than written."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"

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
    name: Localized
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Statement:
    by: str
    stance: str
    date: Date
    source: str
    quote: str | None = None
    quote_lang: str | None = None
    translation: Localized | None = None
    said: Localized | None = None
    locator: str | None = None
    note: Localized | None = None
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Event:
    date: Date
    event: Localized
    source: str | None = None
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Update:
    date: Date
    note: Localized
    correction: bool = False
    status: str | None = None
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Explainer:
    id: str
    path: str
    question: Localized
    claim: Localized
    status: str
    summary: Localized
    published: Date
    statements: tuple[Statement, ...]
    assessment: Localized | None = None
    updated: Date | None = None
    tags: tuple[str, ...] = ()
    place: Place | None = None
    timeline: tuple[Event, ...] = ()
    context: Localized | None = None
    updates: tuple[Update, ...] = ()
    related: tuple[str, ...] = ()
    where: Where = field(default_factory=Where, compare=False, repr=False)

    @property
    def last_updated(self) -> Date:
        return self.updated or self.published


@dataclass(frozen=True)
class Actor:
    id: str
    path: str
    name: Localized
    kind: str
    affiliation: str
    description: Localized | None = None
    url: str | None = None
    same_as: str | None = None
    aliases: tuple[str, ...] = ()
    anonymous: bool = False
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Source:
    id: str
    path: str
    title: str
    publisher: str
    kind: str
    published: Date
    url: str | None = None
    archive: str | None = None
    accessed: Date | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    where: Where = field(default_factory=Where, compare=False, repr=False)


@dataclass(frozen=True)
class Settings:
    """What the generator reads from site_config.yml."""

    site_name: str
    site_url: str
    default_language: str
    languages: Mapping[str, str]  # code -> name, e.g. 'uk' -> 'Ukrainian'
    affiliations: Mapping[str, str]  # id -> name
    docs_dir: str = "build/docs"
