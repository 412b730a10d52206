"""The site configuration: read strictly, with located messages."""

from __future__ import annotations

from pathlib import Path

from generator.config import read_settings
from generator.model import Edition, Localized

GOOD = """site_name: S
site_url: https://s.example
theme:
  language: en
extra:
  languages: {en: English}
  affiliations: {russia: Russia}
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "site_config.yml").write_text(text)
    _, diagnostics = read_settings(tmp_path / "site_config.yml")
    return [str(d).replace(str(tmp_path) + "/", "") for d in diagnostics]


def test_good_configuration(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert problems(tmp_path, GOOD) == []
    settings, _ = read_settings(Path("site_config.yml"))
    assert settings.site_url == "https://s.example/" and settings.default_language == "en"
    assert dict(settings.affiliations) == {"russia": Localized((("en", "Russia"),))}
    assert settings.editions == (Edition("en", "en"),) and settings.edition == Edition("en", "en")


def test_editions_and_names_by_language(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = GOOD.replace("{en: English}", "{en: English, uk: Ukrainian}").replace(
        "{russia: Russia}", "{russia: {uk: Росія, en: Russia}}\n  editions: {en: {interface: en}, uk: {interface: uk}}"
    )
    assert problems(tmp_path, text) == []
    settings, _ = read_settings(Path("site_config.yml"))
    assert settings.editions == (Edition("en", "en"), Edition("uk", "uk", "uk/"))
    assert settings.affiliations["russia"] == Localized((("en", "Russia"), ("uk", "Росія")))
    assert problems(tmp_path, text.replace("{en: {interface: en}, uk: {interface: uk}}", "{uk: {interface: uk}, de: {}}")) == [
        "site_config.yml:8:13: error: the first edition is published at the root and must be the content language 'en' [site-config]",
        "site_config.yml:8:35: error: edition 'de' is not listed in extra.languages [site-config]",
        "site_config.yml:8:39: error: 'extra.editions.de' must give its interface language [site-config]",
    ]


def test_configuration_messages(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert problems(tmp_path, "- a\n") == ["site_config.yml:1:1: error: the site configuration must be a mapping [site-config]"]
    assert problems(tmp_path, GOOD.replace("site_name: S\n", "")) == ["site_config.yml:1:1: error: 'site_name' must be set [site-config]"]
    assert problems(tmp_path, GOOD.replace("{russia: Russia}", "[russia]")) == [
        "site_config.yml:7:17: error: 'extra.affiliations' must be a mapping of ids to names [site-config]",
    ]
    assert problems(tmp_path, GOOD.replace("{russia: Russia}", "{russia: [x], Bad_Id: B}")) == [
        "site_config.yml:7:26: error: 'extra.affiliations.russia' must be a name, or names by language with the content"
        " language 'en' [site-config]",
        "site_config.yml:7:31: error: invalid affiliation id 'Bad_Id'; ids are lowercase words joined by hyphens [site-config]",
    ]
    assert problems(tmp_path, GOOD.replace("language: en", "language: de")) == [
        "site_config.yml:1:1: error: the content language 'de' is not listed in extra.languages [site-config]",
    ]
    assert problems(tmp_path, GOOD + "site_name: T\n") == [
        "site_config.yml:8:1: error: duplicate key 'site_name' (first defined on line 1) [duplicate-key]",
    ]
    (tmp_path / "site_config.yml").unlink()
    _, diagnostics = read_settings(Path("site_config.yml"))
    assert [str(d) for d in diagnostics] == [
        "site_config.yml:1:1: error: cannot read the site configuration: No such file or directory [unreadable-file]"
    ]


def test_tags_may_have_names_by_language(tmp_path: Path, monkeypatch):
    """extra.tags is optional; where given, it names tags as affiliations are named."""
    monkeypatch.chdir(tmp_path)
    tags = "  tags: {donetsk-oblast: {en: Donetsk Oblast, uk: Донецька область}}\n"
    named = GOOD.replace("  affiliations: {russia: Russia}\n", "  affiliations: {russia: Russia}\n" + tags)
    assert problems(tmp_path, named) == []
    settings, _ = read_settings(Path("site_config.yml"))
    assert dict(settings.tags) == {"donetsk-oblast": Localized((("en", "Donetsk Oblast"), ("uk", "Донецька область")))}
    assert problems(tmp_path, named.replace("donetsk-oblast:", "Donetsk:")) == [
        "site_config.yml:8:10: error: invalid tag id 'Donetsk'; ids are lowercase words joined by hyphens [site-config]",
    ]
    assert problems(tmp_path, GOOD) == [] and dict(read_settings(Path("site_config.yml"))[0].tags) == {}
