"""Read what the generator needs from site_config.yml (the MkDocs configuration).

The file is read with the same strict loader as the records, so a mistake in it is reported
with its line and column too. Only `site_name`, `site_url`, `docs_dir`, `theme.language` and
`extra.languages` / `extra.affiliations` are the generator's business; MkDocs checks the rest.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from generator import schema
from generator.diagnostics import Diagnostic, Location, error
from generator.load import Mapping, Node, Scalar, decode, display_path, parse
from generator.model import Settings


def _get(node: Node | None, *keys: str) -> Node | None:
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = next((value for k, value in node.entries if k.value == key), None)
    return node


def _names(node: Node | None, where: str, loc: Location, diagnostics: list[Diagnostic], ids: bool = False) -> dict[str, str]:
    """A mapping of id to display name, e.g. extra.affiliations (whose keys must be ids)."""
    if not isinstance(node, Mapping) or not node.entries:
        diagnostics.append(error(loc if node is None else node.loc, f"'{where}' must be a mapping of ids to names", "site-config"))
        return {}
    names: dict[str, str] = {}
    for key, value in node.entries:
        if ids and not schema.ID_PATTERN.match(key.value):
            diagnostics.append(
                error(key.loc, f"invalid affiliation id '{key.value}'; ids are lowercase words joined by hyphens", "site-config")
            )
        if not isinstance(value, Scalar) or not value.value:
            diagnostics.append(error(value.loc, f"'{where}.{key.value}' must be a name", "site-config"))
        else:
            names[key.value] = value.value
    return names


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
        return None, diagnostics + ([] if diagnostics else [error(Location(display), "the site configuration must be a mapping", "site-config")])
    where = root.loc

    def text_of(*keys: str, default: str | None = None) -> str:
        node = _get(root, *keys)
        if isinstance(node, Scalar) and node.value:
            return node.value
        if default is None:
            diagnostics.append(error(where if node is None else node.loc, f"'{'.'.join(keys)}' must be set", "site-config"))
            return ""
        return default

    languages = _names(_get(root, "extra", "languages"), "extra.languages", where, diagnostics)
    affiliations = _names(_get(root, "extra", "affiliations"), "extra.affiliations", where, diagnostics, ids=True)
    default_language = text_of("theme", "language", default="en")
    if languages and default_language not in languages:
        diagnostics.append(error(where, f"theme.language '{default_language}' is not listed in extra.languages", "site-config"))
    settings = Settings(
        site_name=text_of("site_name"),
        site_url=text_of("site_url").rstrip("/") + "/",
        default_language=default_language,
        languages=MappingProxyType(languages),
        affiliations=MappingProxyType(affiliations),
        docs_dir=text_of("docs_dir", default="docs"),
    )
    return (None if diagnostics else settings), sorted(diagnostics)
