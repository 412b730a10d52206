"""The interface in every edition's language: catalogs complete and current, dates by CLDR."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator import i18n
from generator.model import Date
from tests.conftest import ROOT

LOCALES = ROOT / "theme" / "locales"


def extracted() -> set[str | tuple[str, str]]:
    """Every message the code and templates show, as `make messages` extracts it."""
    method_map = [("generator/**.py", "python"), ("theme/markdown/**.md", "jinja2")]
    options = {"theme/markdown/**.md": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    return {
        message if isinstance(message, str) else tuple(message)
        for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options, keywords=keywords)
    }


def catalog(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def test_the_template_holds_every_message():
    template = {m.id for m in catalog(LOCALES / "messages.pot") if m.id}
    assert template == extracted(), "run `make messages`"


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_every_message_is_translated(language: str):
    found = catalog(i18n.catalog_path(language, LOCALES))
    wanted = extracted()
    assert {m.id for m in found if m.id} >= wanted, "run `make messages`, then translate what it adds"
    untranslated = [
        m.id for m in found
        if m.id in wanted and (not m.string or isinstance(m.string, tuple) and not all(m.string) or m.fuzzy)
    ]
    assert untranslated == []
    assert [(m.id, errors) for m, errors in found.check()] == []  # placeholders kept, plural forms complete


def test_dates_keep_their_precision_in_every_language():
    shown = {
        language: [i18n.Formats(language).date(d) for d in (Date(2025, 12, 2), Date(2025, 12), Date(2025))]
        for language in ("en", "uk", "ru")
    }
    assert shown == {
        "en": ["2 December 2025", "December 2025", "2025"],
        "uk": ["2 грудня 2025", "грудень 2025", "2025"],
        "ru": ["2 декабря 2025", "декабрь 2025", "2025"],
    }


def test_plurals_follow_each_language():
    def statements(language: str, n: int) -> str:
        return i18n.translations(language).ngettext("%(num)d statement", "%(num)d statements", n) % {"num": n}

    assert [statements("uk", n) for n in (1, 2, 5, 21)] == ["1 заява", "2 заяви", "5 заяв", "21 заява"]
    assert [statements("ru", n) for n in (1, 3, 11, 22)] == ["1 заявление", "3 заявления", "11 заявлений", "22 заявления"]
    assert [statements("en", n) for n in (1, 2)] == ["1 statement", "2 statements"]


def test_names_are_ordered_as_in_the_editions_alphabet():
    """Unicode puts Є, І, Ї, Ґ and Ё outside А–Я; a reader's alphabet does not. Names in other
    scripts come after the edition's own, and case does not count."""
    sort_key = i18n.sort_key
    assert sorted(["Ярослав", "ISW", "Ігор", "Євген", "андрій", "Ґава", "Гнат"], key=lambda name: sort_key(name, "uk")) == [
        "андрій", "Гнат", "Ґава", "Євген", "Ігор", "Ярослав", "ISW",
    ]
    assert sorted(["Жуков", "Ёлкин", "Ельцин"], key=lambda name: sort_key(name, "ru")) == ["Ельцин", "Ёлкин", "Жуков"]
    assert sorted(["kremlin", "ISW", "Dmitry"], key=lambda name: sort_key(name, "en")) == ["Dmitry", "ISW", "kremlin"]
