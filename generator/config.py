"""Read what the generator needs from site_config.yml (the MkDocs configuration).

The file is read with the same strict loader as the records, so a mistake in it is reported
with its line and column too. Only `site_name`, `site_url`, `docs_dir`, `theme.language` and,
under `extra`, `languages`, `affiliations`, `tags`, `content_language` and `editions` are the
generator's business; MkDocs checks the rest.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from generator import schema
from generator.diagnostics import Diagnostic, Location, error
from generator.load import Mapping, Node, Scalar, decode, display_path, parse
from generator.model import Edition, Localized, Settings


def _get(node: Node | None, *keys: str) -> Node | None:
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = next((value for k, value in node.entries if k.value == key), None)
    return node


def _names(node: Node | None, where: str, loc: Location, diagnostics: list[Diagnostic], ids: str = "") -> dict[str, Node]:
    """A mapping of id to display name (a name's node), e.g. extra.affiliations (whose keys must be
    ids of the kind `ids` names)."""
    if not isinstance(node, Mapping) or not node.entries:
        diagnostics.append(error(loc if node is None else node.loc, f"'{where}' must be a mapping of ids to names", "site-config"))
        return {}
    names: dict[str, Node] = {}
    for key, value in node.entries:
        if ids and not schema.ID_PATTERN.match(key.value):
            diagnostics.append(
                error(key.loc, f"invalid {ids} id '{key.value}'; ids are lowercase words joined by hyphens", "site-config")
            )
        if isinstance(value, Scalar) and not value.value:
            diagnostics.append(error(value.loc, f"'{where}.{key.value}' must be a name", "site-config"))
        else:
            names[key.value] = value
    return names


def _localized(node: Node, where: str, content: str, diagnostics: list[Diagnostic]) -> Localized:
    """A name given as text (in the content language) or as {language: text}, content language first."""
    if isinstance(node, Scalar):
        return Localized(((content, node.value),))
    values = {k.value: v.value for k, v in node.entries if isinstance(v, Scalar) and v.value} if isinstance(node, Mapping) else {}
    if content not in values:
        diagnostics.append(
            error(node.loc, f"'{where}' must be a name, or names by language with the content language '{content}'", "site-config")
        )
        return Localized(((content, ""),))
    return Localized(((content, values.pop(content)), *sorted(values.items())))


def _editions(
    node: Node | None, content: str, interface: str, languages: dict[str, str], diagnostics: list[Diagnostic]
) -> tuple[Edition, ...]:
    """extra.editions: `lang: {interface: tag, description: text}` for each edition (the
    description optional), the content language's first (it is published at the root); without
    it, one edition."""
    if node is None:
        return (Edition(content, interface),)
    if not isinstance(node, Mapping) or not node.entries:
        diagnostics.append(error(node.loc, "'extra.editions' must be a mapping of languages to {interface: language}", "site-config"))
        return (Edition(content, interface),)
    editions: list[Edition] = []
    for key, value in node.entries:
        if languages and key.value not in languages:
            diagnostics.append(error(key.loc, f"edition '{key.value}' is not listed in extra.languages", "site-config"))
        chosen = _get(value, "interface")
        if not isinstance(chosen, Scalar) or not chosen.value:
            diagnostics.append(error(value.loc, f"'extra.editions.{key.value}' must give its interface language", "site-config"))
            continue
        described = _get(value, "description")
        description = described.value if isinstance(described, Scalar) and described.value else None
        editions.append(Edition(key.value, chosen.value, "" if not editions else f"{key.value}/", description))
    if editions and editions[0].lang != content:
        diagnostics.append(
            error(node.loc, f"the first edition is published at the root and must be the content language '{content}'", "site-config")
        )
    return tuple(editions) or (Edition(content, interface),)


def read_settings(path: Path) -> tuple[Settings | None, list[Diagnostic]]:
    display = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [error(Location(display), f"cannot read the site configuration: {exc.strerror}", "unreadable-file")]
    text, diagnostics = decode(data, display)
    root = None
    if text is not None:
        root, diagnostics = parse(text, display)
    if not isinstance(root, Mapping):
        not_a_mapping = error(Location(display), "the site configuration must be a mapping", "site-config")
        return None, diagnostics + ([] if diagnostics else [not_a_mapping])
    where = root.loc

    def text_of(*keys: str, default: str | None = None) -> str:
        node = _get(root, *keys)
        if isinstance(node, Scalar) and node.value:
            return node.value
        if default is None:
            diagnostics.append(error(where if node is None else node.loc, f"'{'.'.join(keys)}' must be set", "site-config"))
            return ""
        return default

    languages = {
        code: node.value if isinstance(node, Scalar) else ""
        for code, node in _names(_get(root, "extra", "languages"), "extra.languages", where, diagnostics).items()
    }
    interface = text_of("theme", "language", default="en")
    default_language = text_of("extra", "content_language", default=interface)
    if languages and default_language not in languages:
        diagnostics.append(error(where, f"the content language '{default_language}' is not listed in extra.languages", "site-config"))
    editions = _editions(_get(root, "extra", "editions"), default_language, interface, languages, diagnostics)
    affiliations = {
        id: _localized(node, f"extra.affiliations.{id}", default_language, diagnostics)
        for id, node in _names(_get(root, "extra", "affiliations"), "extra.affiliations", where, diagnostics, ids="affiliation").items()
    }
    named = _get(root, "extra", "tags")  # optional: a tag without a name shows as its id
    tags = {
        id: _localized(node, f"extra.tags.{id}", default_language, diagnostics)
        for id, node in (_names(named, "extra.tags", where, diagnostics, ids="tag") if named is not None else {}).items()
    }
    settings = Settings(
        site_name=text_of("site_name"),
        site_url=text_of("site_url").rstrip("/") + "/",
        default_language=default_language,
        languages=MappingProxyType(languages),
        affiliations=MappingProxyType(affiliations),
        tags=MappingProxyType(tags),
        docs_dir=text_of("docs_dir", default="docs"),
        editions=editions,
        edition=editions[0],
    )
    return (None if diagnostics else settings), sorted(diagnostics)
