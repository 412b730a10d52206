"""The interface in each edition's language: messages from the gettext catalogs in
theme/locales/, dates, numbers, plurals and language names from Babel's CLDR data.

Nothing here is written by hand per language: a new interface language is a catalog.
"""

from __future__ import annotations

import datetime
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup

from generator import markup
from generator.model import N_, Date, Localized, Settings

LOCALE = Path(__file__).resolve().parent.parent / "theme" / "locales"  # MkDocs copies no locales/ of a theme
DOMAIN = "messages"


def catalog_path(interface: str, root: Path = LOCALE) -> Path:
    return root / interface / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _translations(path: Path, stamp: tuple[int, int]) -> NullTranslations:
    with path.open("rb") as file:
        catalog = read_po(file)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # in memory: the repository keeps only the .po files
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def translations(interface: str, root: Path = LOCALE) -> NullTranslations:
    """The catalog of an interface language (none for the language the messages are written in)."""
    path = catalog_path(interface, root)
    if not path.is_file():
        return NullTranslations()
    status = path.stat()
    return _translations(path, (status.st_mtime_ns, status.st_size))


ALPHABETS = {  # the letters' order where Unicode's differs from the alphabet's (Babel has no collation)
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


def sort_key(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """A key that orders names as a reader of `lang` expects: letter by letter, ignoring case; the
    language's own letters in its alphabet's order, before any other."""
    alphabet = ALPHABETS.get(lang, "")
    return tuple((0, alphabet.index(char)) if char in alphabet else (1, ord(char)) for char in text.casefold())


@dataclass(frozen=True)
class Formats:
    """Dates and language names for one interface language."""

    interface: str

    @functools.cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.interface)

    def date(self, date: Date) -> str:
        """'2 December 2025', '2 грудня 2025'; 'December 2025', 'грудень 2025'; '2025': never
        more precise than the date was written."""
        if date.month is None:
            return str(date.year)
        return format_date(date.first, "LLLL y" if date.day is None else "d MMMM y", locale=self.locale)

    def language(self, code: str) -> str:
        """A language's name in this language ('Russian', 'російська')."""
        return self.locale.languages.get(code, code)

    @staticmethod
    @functools.lru_cache(maxsize=64)
    def own_name(code: str) -> str:
        """A language's name in itself, as a language selector shows it ('Українська')."""
        name = Locale.parse(code).get_display_name(code) or code
        return name[:1].upper() + name[1:]


FIELD_LABELS = {  # the fields a history page names when they change
    "question": N_("question"), "claim": N_("claim"), "summary": N_("summary"), "assessment": N_("assessment"),
    "context": N_("context"), "published": N_("publication date"), "updated": N_("date of last update"),
    "tags": N_("tags"), "place": N_("place"), "timeline": N_("timeline"), "related": N_("related explainers"),
    "quote": N_("quote"), "said": N_("paraphrase"), "translation": N_("translation"), "note": N_("note"),
    "by": N_("actor"), "stance": N_("stance"), "date": N_("date"), "source": N_("source"),
    "quote_lang": N_("language of the quote"), "locator": N_("place in the source"), "actor": N_("actor"),
    "name": N_("name"), "kind": N_("kind"), "affiliation": N_("affiliation"), "title": N_("title"),
    "publisher": N_("publisher"), "url": N_("address"), "archive": N_("archived copy"),
}


@functools.lru_cache(maxsize=1 << 14)  # the same dates recur on every page that cites them
def _date_label(interface: str, year: int, month: int | None, day: int | None) -> str:
    return Formats(interface).date(Date(year, month, day))


@dataclass(frozen=True)
class Interface:
    """What a page of one edition shows in its language: messages, dates, and record text in the
    edition's language where the record gives it, else in the content language, marked."""

    settings: Settings

    @functools.cached_property
    def translations(self) -> NullTranslations:
        return translations(self.settings.edition.interface)

    @functools.cached_property
    def formats(self) -> Formats:
        return Formats(self.settings.edition.interface)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, date: Date) -> str:
        return _date_label(self.settings.edition.interface, date.year, date.month, date.day)

    def day(self, day: datetime.date) -> str:
        return self.date(Date(day.year, day.month, day.day))

    def field_name(self, field: str) -> str:
        """A field as a history page names it: 'summary', 'summary (Ukrainian)'."""
        name, _, lang = field.partition(".")
        label = self.gettext(FIELD_LABELS.get(name, name))
        return f"{label} ({self.formats.language(lang)})" if lang and lang != self.settings.edition.lang else label

    @staticmethod
    def marked(segments: tuple[tuple[str, str], ...]) -> Markup:
        """Words that changed, as a reader sees them: removed words struck through, added ones marked."""
        tags = {"removed": "del", "added": "ins"}
        return Markup("".join(
            f"<{tags[kind]}>{markup.text(text)}</{tags[kind]}>" if kind in tags else markup.text(text)
            for kind, text in segments
        ))

    def pick(self, value: Localized) -> tuple[str, str | None]:
        """The text in the edition's language, or in the content language with that language."""
        text = value.get(self.settings.edition.lang)
        if text is not None:
            return text, None
        return value.default, self.settings.default_language

    def local(self, value: Localized, note: bool = False) -> Markup:
        """Record text for a Markdown page: escaped; text not in the edition's language carries its
        `lang`, and with `note` a visible 'not yet translated'."""
        text, fallback = self.pick(value)
        if fallback is None:
            return Markup(markup.text(text))
        shown = f'<span lang="{fallback}">{markup.text(text)}</span>'
        if note:
            untranslated = self.gettext("(not yet translated)")
            shown += f' <span class="untranslated">{markup.text(untranslated)}</span>'
        return Markup(shown)

    def other_names(self, name: Localized, aliases: tuple[str, ...]) -> list[str]:
        """The names a record goes by besides the one shown: in the other languages, then its
        aliases, each once."""
        shown = self.pick(name)[0]
        return [text for text in dict.fromkeys([*(text for _, text in name.values), *aliases]) if text != shown]

    def prose(self, value: Localized | None) -> Markup:
        """Editor Markdown as HTML; in the content language under a 'not yet translated' note."""
        if value is None:
            return Markup("")
        text, fallback = self.pick(value)
        if fallback is None:
            return Markup(markup.prose(text))
        note = markup.text(self.gettext("Not yet translated."))
        return Markup(f'<p class="untranslated">{note}</p>\n<div lang="{fallback}">\n{markup.prose(text)}\n</div>')
