"""The site configuration: read strictly, with located messages."""

from __future__ import annotations

from pathlib import Path

from generator.config import read_settings

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
    assert dict(settings.affiliations) == {"russia": "Russia"}


def test_configuration_messages(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert problems(tmp_path, "- a\n") == ["site_config.yml:1:1: error: the site configuration must be a mapping [site-config]"]
    assert problems(tmp_path, GOOD.replace("site_name: S\n", "")) == ["site_config.yml:1:1: error: 'site_name' must be set [site-config]"]
    assert problems(tmp_path, GOOD.replace("{russia: Russia}", "[russia]")) == [
        "site_config.yml:7:17: error: 'extra.affiliations' must be a mapping of ids to names [site-config]",
    ]
    assert problems(tmp_path, GOOD.replace("{russia: Russia}", "{russia: [x], Bad_Id: B}")) == [
        "site_config.yml:7:26: error: 'extra.affiliations.russia' must be a name [site-config]",
        "site_config.yml:7:31: error: invalid affiliation id 'Bad_Id'; ids are lowercase words joined by hyphens [site-config]",
    ]
    assert problems(tmp_path, GOOD.replace("language: en", "language: de")) == [
        "site_config.yml:1:1: error: theme.language 'de' is not listed in extra.languages [site-config]",
    ]
    assert problems(tmp_path, GOOD + "site_name: T\n") == [
        "site_config.yml:8:1: error: duplicate key 'site_name' (first defined on line 1) [duplicate-key]",
    ]
    (tmp_path / "site_config.yml").unlink()
    _, diagnostics = read_settings(Path("site_config.yml"))
    assert [str(d) for d in diagnostics] == [
        "site_config.yml:1:1: error: cannot read the site configuration: No such file or directory [unreadable-file]"
    ]
