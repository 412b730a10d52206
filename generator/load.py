"""Stage 1: read YAML files into located nodes.

Records are parsed event by event with libyaml (CSafeLoader's C parser) and turned into a
small tree of `Scalar`, `Sequence` and `Mapping` nodes. Nothing is resolved: every scalar
stays the string it was written as (`no`, `0777`, `12:30`), so YAML 1.1 implicit typing never
happens, and anchors, aliases, tags and merge keys are refused instead of expanded. This is
the one place where libyaml's 0-based marks become 1-based lines and columns.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.diagnostics import Diagnostic, Location, error
from generator.syntax import syntax_error

MAX_BYTES = 1_000_000
"""Records are hand-written; anything larger is refused before parsing."""

KINDS = ("explainers", "actors", "sources")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# Nodes are named tuples: a record set has hundreds of thousands of them, and a tuple is the
# cheapest immutable value Python makes.
class Scalar(NamedTuple):
    value: str
    plain: bool  # written without quotes: only plain scalars can mean true/false or a number
    loc: Location  # of a block scalar (`|`, `>`): its first line of text, not the indicator
    # Words followed by ':' that start a line of a multi-line quoted or block scalar: keys
    # the text may have swallowed (`validate` knows which are field names).
    keys: tuple[tuple[str, Location], ...] = ()


class Sequence(NamedTuple):
    items: tuple[Node, ...]
    loc: Location


class Mapping(NamedTuple):
    entries: tuple[tuple[Scalar, Node], ...]
    loc: Location

    def keys(self) -> list[str]:
        return [key.value for key, _ in self.entries]


Node = Scalar | Sequence | Mapping


@dataclass(frozen=True)
class RecordFile:
    """One record file: its kind, id and parsed tree (None until `parse_file`, or when unreadable)."""

    kind: str
    id: str
    path: str
    root: Mapping | None
    digest: str = ""  # sha256 of the file's bytes ("" for a file refused before reading)


LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What libyaml counts as a line break: its line numbers are lines of `split_lines`."""
KEY_LIKE = re.compile(r"( *)([a-z][a-z_]*):(?: |$)")


def split_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


def _describe(node: Node) -> str:
    return {Scalar: "text", Sequence: "a list", Mapping: "a mapping"}[type(node)]


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode a file as UTF-8 (a UTF-8 byte-order mark is dropped)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(Location(path), "file is UTF-16; save it as UTF-8", "not-utf8")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        byte = data[exc.start]
        return None, [
            error(Location(path, line, column), f"invalid UTF-8 byte 0x{byte:02x}; save the file as UTF-8", "not-utf8")
        ]


def _multiline(event: Any, lines: list[str], path: str) -> Scalar:
    """A quoted or block scalar over several lines, located at its text, with the lines in it
    that start like a key."""
    first, last = event.start_mark.line, event.end_mark.line
    if event.end_mark.column == 0:  # a block scalar ends at the start of the line after it
        last -= 1
    keys = []
    for number in range(first + 1, last + 1):
        match = KEY_LIKE.match(lines[number])
        if match:
            keys.append((match[2], Location(path, number + 1, len(match[1]) + 1)))
    loc = Location(path, first + 1, event.start_mark.column + 1)
    if event.style in "|>":
        text = next((n for n in range(first + 1, last + 1) if lines[n].strip()), None)
        if text is not None:
            loc = Location(path, text + 1, len(lines[text]) - len(lines[text].lstrip(" ")) + 1)
    return Scalar(event.value, False, loc, tuple(keys))


def parse(text: str, path: str) -> tuple[Node | None, list[Diagnostic]]:  # noqa: C901 (libyaml's event loop: one branch per event type)
    """Parse one YAML document into nodes. Returns None for the tree if it is unusable."""
    diagnostics: list[Diagnostic] = []
    # One frame per open collection: [is_mapping, children, pending key, keys seen, location].
    stack: list[list] = []
    root: Node | None = None
    documents = 0
    usable = True
    lines: list[str] = []  # split only when a multi-line scalar needs them
    event: Any  # libyaml's events are told apart by their type; each kind has its own attributes

    def at(event: Any) -> Location:
        mark = event.start_mark
        return Location(path, mark.line + 1, mark.column + 1)

    def refuse_decorations(event: Any) -> None:
        if event.anchor is not None:
            diagnostics.append(error(at(event), f"anchors are not allowed ('&{event.anchor}'); write the value out", "yaml-anchor"))
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            diagnostics.append(error(at(event), f"tags are not allowed ('{tag}'); remove it", "yaml-tag"))

    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if event.anchor is not None or event.tag is not None:
                    refuse_decorations(event)
                mark = event.start_mark
                if event.style and event.end_mark.line > mark.line:
                    lines = lines or split_lines(text)
                    node: Node = _multiline(event, lines, path)
                else:
                    node = Scalar(event.value, not event.style, Location(path, mark.line + 1, mark.column + 1))
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    refuse_decorations(event)
                stack.append([kind is yaml.MappingStartEvent, [], None, {}, at(event)])
                continue
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                is_mapping, children, _, _, loc = stack.pop()
                node = Mapping(tuple(children), loc) if is_mapping else Sequence(tuple(children), loc)
            elif kind is yaml.AliasEvent:
                diagnostics.append(error(at(event), f"aliases are not allowed ('*{event.anchor}'); write the value out", "yaml-alias"))
                usable = False
                node = Scalar("", False, at(event))  # keeps the structure for later checks
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2:
                    diagnostics.append(
                        error(
                            at(event),
                            "a record file holds one YAML document; remove the '---' and what follows or move it to its own file",
                            "several-documents",
                        )
                    )
                    usable = False
                    break
                continue
            else:
                continue
            # Place the finished node in its parent.
            if not stack:
                root = node
                continue
            frame = stack[-1]
            if not frame[0]:
                frame[1].append(node)
            elif frame[2] is None:  # the node is a key
                if type(node) is Scalar:
                    frame[2] = node
                else:
                    diagnostics.append(error(node.loc, f"a key must be text, not {_describe(node)}", "key-not-text"))
                    frame[2] = False
            else:
                key, frame[2] = frame[2], None
                if key is False:
                    continue
                if key.plain and key.value == "<<":
                    diagnostics.append(error(key.loc, "merge keys ('<<') are not allowed; write the keys out", "yaml-merge-key"))
                    continue
                seen = frame[3]
                if key.value in seen:
                    first = seen[key.value].loc
                    diagnostics.append(
                        error(key.loc, f"duplicate key '{key.value}' (first defined on line {first.line})", "duplicate-key")
                    )
                    continue
                seen[key.value] = key
                frame[1].append((key, node))
    except yaml.MarkedYAMLError as exc:
        diagnostics.append(syntax_error(exc, lines or split_lines(text), path))
        return None, diagnostics
    except yaml.YAMLError as exc:  # reader errors: characters YAML does not allow
        position = getattr(exc, "position", None)
        loc = Location(path)
        if position is not None:
            before = text[:position]
            loc = Location(path, before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1)
        reason = getattr(exc, "reason", None) or str(exc)
        character = getattr(exc, "character", None)
        detail = f" (character U+{ord(character):04X})" if isinstance(character, str) and character else ""
        diagnostics.append(error(loc, f"invalid YAML: {reason}{detail}", "yaml-syntax"))
        return None, diagnostics
    return (root if usable else None), diagnostics


def parse_record(data: bytes, display: str) -> tuple[Mapping | None, list[Diagnostic]]:
    text, diagnostics = decode(data, display)
    if text is None:
        return None, diagnostics
    root, diagnostics = parse(text, display)
    if diagnostics and root is None:
        return None, diagnostics
    if root is None:
        return None, diagnostics + [error(Location(display), "file is empty; a record is a mapping of keys to values", "empty-file")]
    if not isinstance(root, Mapping):
        return None, diagnostics + [
            error(root.loc, f"a record must be a mapping of keys to values, not {_describe(root)}", "not-a-mapping")
        ]
    return root, diagnostics


def display_path(path: Path) -> str:
    """The path as reported to editors: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def unreadable(exc: OSError, path: str, display: str) -> Diagnostic:
    """An OSError while reading a file, as a problem with that file."""
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        target = os.readlink(path)
        return error(Location(display), f"cannot read the file: it is a link to '{target}', which does not exist", "unreadable-file")
    return error(Location(display), f"cannot read the file: {exc.strerror or exc}", "unreadable-file")


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symbolic link loop: read_file reports it
        return False


def record_paths(content: Path) -> tuple[list[tuple[str, str, str]], list[Diagnostic]]:
    """(kind, path, display path) of every record file under `content/<kind>/`, in a stable order;
    other files there are reported."""
    found: list[tuple[str, str, str]] = []
    diagnostics: list[Diagnostic] = []
    for kind in KINDS:
        folder = content / kind
        if not folder.is_dir():
            continue
        shown = display_path(folder)
        try:
            with os.scandir(folder) as entries:
                names = sorted(e.name for e in entries if not e.name.startswith(".") and not _is_dir(e))
        except OSError as exc:
            diagnostics.append(unreadable(exc, os.fspath(folder), shown))
            continue
        base = os.fspath(folder)
        for name in names:  # plain strings: a Path per file cost more than reading some of the files
            display = f"{shown}/{name}"
            suffix = os.path.splitext(name)[1]
            if suffix != ".yml":
                hint = " (rename it to .yml)" if suffix == ".yaml" else ""
                diagnostics.append(
                    error(Location(display), f"'{name}' is not a record file; records end in .yml{hint}", "not-a-record-file")
                )
                continue
            found.append((kind, os.path.join(base, name), display))
    return found, diagnostics


def read_file(kind: str, path: str | Path, display: str) -> tuple[RecordFile, bytes | None, list[Diagnostic]]:
    """Read one record file and hash it, without parsing: the file (with no tree yet), its bytes
    (None if refused or unreadable) and the problems found."""
    id = os.path.splitext(os.path.basename(path))[0]
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
            size = os.fstat(file.fileno()).st_size
    except OSError as exc:
        return RecordFile(kind, id, display, None), None, [unreadable(exc, os.fspath(path), display)]
    if len(data) > MAX_BYTES:
        return RecordFile(kind, id, display, None), None, [
            error(Location(display), f"file is {size:,} bytes; records are limited to {MAX_BYTES:,} bytes", "file-too-large")
        ]
    return RecordFile(kind, id, display, None, hashlib.sha256(data).hexdigest()), data, []


def parse_file(file: RecordFile, data: bytes) -> tuple[RecordFile, list[Diagnostic]]:
    """A file from `read_file` with its tree."""
    root, found = parse_record(data, file.path)
    return dataclasses.replace(file, root=root), found


GENERATED_PAGES = frozenset({"index.md"})


def load_pages(content: Path) -> tuple[dict[str, bytes], list[Diagnostic]]:
    """Hand-written pages (`content/pages/*.md`), published as they are at the site's root, and
    their translations (`content/pages/<lang>/*.md`, keyed '<lang>/<name>.md')."""
    pages: dict[str, bytes] = {}
    diagnostics: list[Diagnostic] = []
    folder = content / "pages"
    if not folder.is_dir():
        return pages, diagnostics
    for path in sorted([*folder.glob("*.md"), *folder.glob("*/*.md")]):
        display = display_path(path)
        name = path.relative_to(folder).as_posix()
        if path.name in GENERATED_PAGES or not ID_PATTERN.match(path.stem):
            diagnostics.append(
                error(
                    Location(display),
                    f"page name '{path.name}' is reserved or invalid; use lowercase words joined by hyphens",
                    "page-name",
                )
            )
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            diagnostics.append(unreadable(exc, os.fspath(path), display))
            continue
        text, found = decode(data, display)
        diagnostics.extend(found)
        if text is not None:
            pages[name] = text.encode()
    return pages, diagnostics
