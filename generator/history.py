"""The public record of every explainer: its published versions, read from the git history of
the repository that holds the content, and what changed between them in a reader's words.

Only committed history counts (uncommitted edits are not history). The history is the chain of
first parents from HEAD, so a merged branch counts once, as its merge; a renamed record file
keeps its history (git's rename detection). Old versions are checked with the project's own
loader and validator against the day of their commit; one that fails is kept and marked, with
its first error. Changes are computed from the records' structure, not from a text diff, and
returned as data for the pages to render.

What was read is kept in a dict the caller persists, by commit id: a new commit costs its own
changes. A cold read parses only the parts of each old version that differ from the versions
before it (see `_quick`), while git finds the next changes. Without git, outside a repository or in a shallow clone the result says how much is
known; reading the history never fails a build.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import difflib
import hashlib
import os
import queue
import re
import subprocess
import tempfile
import threading
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar

from generator import load, markup, schema
from generator.diagnostics import Diagnostic, Location, error, has_errors, warning
from generator.load import KINDS, MAX_BYTES, RecordFile, display_path, parse_record
from generator.model import STATUS_LABELS, Actor, Date, Event, Explainer, Localized, Settings, Source, Statement, Update, Where
from generator.validate import Context, check, check_id, validate_file

FORMAT = 1  # bump when the shape of what the cache holds changes
PUBLISHED_GRACE = 7
"""Days a record's first commit may come after its `published` date and still be its first
publication; a record first committed later was published before, elsewhere: its history starts
with what the repository holds, not with 'First published'."""

Segment = tuple[str, str]
"""A piece of text and what happened to it: ('equal' | 'removed' | 'added', text)."""


# What changed, one entry per change a reader can name. `kind` tells templates which is which.

@dataclass(frozen=True)
class Created:
    """The record file was added: the explainer's first version."""

    kind: ClassVar[str] = "created"


@dataclass(frozen=True)
class Earliest:
    """The oldest version the repository holds (a shallow clone): what came before is unknown."""

    kind: ClassVar[str] = "earliest"


@dataclass(frozen=True)
class Renamed:
    """The record file was renamed: its id, and so its address, changed."""

    old: str
    new: str
    kind: ClassVar[str] = "renamed"


@dataclass(frozen=True)
class Deleted:
    kind: ClassVar[str] = "deleted"


@dataclass(frozen=True)
class Restored:
    """A deleted record file was added again, with the same id."""

    kind: ClassVar[str] = "restored"


@dataclass(frozen=True)
class Repaired:
    """The record passes the checks again after versions that did not."""

    kind: ClassVar[str] = "repaired"


@dataclass(frozen=True)
class StatusChanged:
    old: str
    new: str
    kind: ClassVar[str] = "status"

    @property
    def old_label(self) -> str:
        return STATUS_LABELS[self.old]

    @property
    def new_label(self) -> str:
        return STATUS_LABELS[self.new]


@dataclass(frozen=True)
class TextEdited:
    """The question, claim, summary, assessment or context edited. `field` is 'summary' for the
    site's default language, 'summary.uk' for another; '' for text that was absent."""

    field: str
    old: str
    new: str
    segments: tuple[Segment, ...]
    kind: ClassVar[str] = "text"


@dataclass(frozen=True)
class StatementAdded:
    statement: Statement
    kind: ClassVar[str] = "statement-added"


@dataclass(frozen=True)
class StatementRemoved:
    statement: Statement
    kind: ClassVar[str] = "statement-removed"


@dataclass(frozen=True)
class WordsChanged:
    """A statement's words changed: `field` is 'quote', 'said', 'translation' or 'note' (with
    '.<lang>' for a language other than the default); '' for words that were absent. `by` and
    `date` are the statement's (as it is now)."""

    by: str
    date: Date
    field: str
    old: str
    new: str
    segments: tuple[Segment, ...]
    kind: ClassVar[str] = "words"


@dataclass(frozen=True)
class StatementChanged:
    """Another field of a statement changed: 'by', 'stance', 'date' (ISO), 'source',
    'quote_lang' or 'locator'; None where the field was absent."""

    by: str
    date: Date
    field: str
    old: str | None
    new: str | None
    kind: ClassVar[str] = "statement"


@dataclass(frozen=True)
class UpdateAdded:
    update: Update
    edited: bool = False  # it replaces an entry of the same date (the pages pair them up)
    kind: ClassVar[str] = "update-added"

    @property
    def correction(self) -> bool:
        return self.update.correction


@dataclass(frozen=True)
class UpdateRemoved:
    update: Update
    kind: ClassVar[str] = "update-removed"


@dataclass(frozen=True)
class EventAdded:
    event: Event
    edited: bool = False  # it replaces an event of the same date and source (the pages pair them up)
    kind: ClassVar[str] = "event-added"


@dataclass(frozen=True)
class EventRemoved:
    event: Event
    kind: ClassVar[str] = "event-removed"


@dataclass(frozen=True)
class Edited:
    """A field without entries of its own changed: 'published', 'updated', 'tags', 'place',
    'related', or 'timeline' when only the order of its events did."""

    field: str
    kind: ClassVar[str] = "edited"


@dataclass(frozen=True)
class CitedChanged:
    """A record the explainer cites changed: an actor (a statement's author or a cited source's
    publisher: 'name', 'name.<lang>', 'kind', 'affiliation') or a source ('title', 'publisher',
    'kind', 'published', 'url', 'archive'); None where the field was absent."""

    record: str  # 'actor' or 'source'
    id: str
    field: str
    old: str | None
    new: str | None
    kind: ClassVar[str] = "cited"


Change = (
    Created | Earliest | Renamed | Deleted | Restored | Repaired | StatusChanged | TextEdited
    | StatementAdded | StatementRemoved | WordsChanged | StatementChanged | UpdateAdded | UpdateRemoved | EventAdded
    | EventRemoved | Edited | CitedChanged
)


@dataclass(frozen=True)
class Version:
    """One published version of an explainer: a commit that changed its record or a record it
    cites. `record` is None when the version did not pass the checks (`problem` is its first
    error) or the file was deleted. `changes` are against the previous valid version."""

    commit: str
    date: datetime.date  # the committer date, UTC
    path: str  # the record file, relative to the repository's top
    record: Explainer | None
    problem: Diagnostic | None = None
    deleted: bool = False
    changes: tuple[Change, ...] = ()

    @property
    def valid(self) -> bool:
        return self.record is not None


@dataclass(frozen=True)
class SiteChange:
    """One line of the site-wide list of changes: a version and the explainer it belongs to."""

    explainer: str  # the explainer's id now (after any rename)
    version: Version


@dataclass(frozen=True)
class History:
    """Every explainer's versions (newest first) by its id now, deleted explainers included; the
    site-wide changes, newest first; and how much of the history this is."""

    explainers: Mapping[str, tuple[Version, ...]]
    changes: tuple[SiteChange, ...]
    complete: bool  # False without git, outside a repository, or in a shallow clone
    reason: str | None = None  # why the history is incomplete or absent
    earliest: datetime.date | None = None  # the date of the oldest commit read
    head: str | None = None  # the commit the history was read at
    read: int = field(default=0, compare=False)  # commits whose changes this call read from git


# Git, run with fixed options: no pager, no colour, no locale, paths as bytes, no environment
# that points it at another repository (a hook sets some of these).

REPOSITORY_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
                  "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_NAMESPACE", "GIT_PREFIX")


class GitFailed(Exception):
    """Git exited with an error; the message is its first line of error output."""


def _command(cwd: Path | str, *args: str) -> dict[str, Any]:
    """The arguments of `subprocess` that run `git args` in `cwd`."""
    env = {k: v for k, v in os.environ.items() if k not in REPOSITORY_ENV}
    env.update(LC_ALL="C", LANGUAGE="", GIT_PAGER="cat", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0")
    command = ["git", "--no-pager", "--literal-pathspecs", "-c", "core.quotepath=off", "-c", "log.showSignature=false",
               "-C", str(cwd), *args]
    return {"args": command, "env": env}


def _failed(args: tuple[str, ...], returncode: int, stderr: bytes) -> GitFailed:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return GitFailed(lines[0] if lines else f"git {args[0]} exited with {returncode}")


def _git(cwd: Path | str, *args: str) -> bytes:
    result = subprocess.run(**_command(cwd, *args), capture_output=True)
    if result.returncode != 0:
        raise _failed(args, result.returncode, result.stderr)
    return result.stdout


@dataclass(frozen=True)
class _Link:
    """A commit of the first-parent chain."""

    sha: str
    parent: str | None
    date: datetime.date


def _chain(top: str, *revisions: str) -> list[_Link]:
    """The first-parent chain of `revisions`, newest first."""
    out = _git(top, "log", "--first-parent", "--no-color", "--format=%H %P%x00%ct", *revisions, "--")
    links = []
    for line in out.decode("ascii").splitlines():
        shas, _, seconds = line.partition("\0")
        sha, *parents = shas.split()
        when = datetime.datetime.fromtimestamp(int(seconds), datetime.UTC).date()
        links.append(_Link(sha, parents[0] if parents else None, when))
    return links


# What one commit changed, as the cache keeps it.

@dataclass(frozen=True)
class _File:
    kind: str  # 'explainers', 'actors' or 'sources'
    old: str | None  # its id before the commit (None: added)
    new: str | None  # its id after (None: deleted)
    path: str  # relative to the repository's top, after the commit (before, if deleted)
    record: Any = None  # the parsed record, None if deleted or invalid
    problem: Diagnostic | None = None


@dataclass(frozen=True)
class _Commit:
    sha: str
    date: datetime.date
    day: datetime.date  # what its records were checked against
    boundary: bool  # a shallow clone's oldest commit: its files were not added by it
    files: tuple[_File, ...]


def _check_day(date: datetime.date, today: datetime.date) -> datetime.date:
    """The day a version is checked against: its commit's, plus one (a commit at 01:00 in Kyiv
    is dated the day before in UTC), never after `today`. Old versions are checked as they were
    when committed, so the history does not change with the day it is built."""
    return min(today, date + datetime.timedelta(days=1))


def _record_path(path: str, prefix: str) -> tuple[str, str] | None:
    """(kind, id) of a record file's path, None for any other file."""
    if not path.startswith(prefix):
        return None
    kind, _, name = path[len(prefix):].partition("/")
    if kind not in KINDS or "/" in name or not name.endswith(".yml") or name.startswith("."):
        return None
    return kind, name[: -len(".yml")]


def _diffs(stream: IO[bytes], waiting: Callable[[], None]) -> Iterator[tuple[str, list[tuple[str, str, str, str]]]]:
    """Each commit's changed files in `git diff-tree -z --raw` output, as it comes: (commit,
    [(status, old path, new path, new blob)]). Commits that changed none are left out.
    `waiting` is called before each read from git, which may wait for it."""
    entries: list[tuple[str, str, str, str]]

    def tokens() -> Iterator[bytes]:
        rest = b""
        while True:
            waiting()
            chunk = os.read(stream.fileno(), 1 << 16)
            if not chunk:
                break
            *done, rest = (rest + chunk).split(b"\0")
            yield from done
        if rest:
            yield rest

    sha, entries = "", []
    read = tokens()
    for token in read:
        if not token.startswith(b":"):
            if sha:
                yield sha, entries
            sha, entries = token.decode("ascii"), []
            continue
        _, mode, _, blob, status = token[1:].decode("ascii").split(" ")
        old = next(read).decode("utf-8", "surrogateescape")
        new = next(read).decode("utf-8", "surrogateescape") if status[0] in "RC" else old
        if mode != "160000":  # a submodule is not a file
            entries.append((status[0], old, new, blob))
    if sha:
        yield sha, entries


_Changed = tuple[str, str | None, str | None, str, str]  # kind, old id, new id, path, new blob


def _files(entries: list[tuple[str, str, str, str]], prefix: str) -> list[_Changed]:
    """Record files a commit changed: (kind, old id, new id, path, blob), deletions and renames
    first (a file may be added where another was removed)."""
    files = []
    for status, old_path, new_path, blob in entries:
        before = None if status == "A" else _record_path(old_path, prefix)
        after = None if status == "D" else _record_path(new_path, prefix)
        if before and after and before[0] != after[0]:  # moved to another kind: a deletion and an addition
            files += [(before[0], before[1], None, old_path, ""), (after[0], None, after[1], new_path, blob)]
        elif before or after:
            kind = (before or after or ("", ""))[0]
            path, new_blob = (new_path, blob) if after else (old_path, "")
            files.append((kind, before and before[1], after and after[1], path, new_blob))
    order = {"deleted": 0, "renamed": 0, "modified": 1, "added": 2}

    def rank(file: _Changed) -> tuple[int, str]:
        _, old, new, path, _ = file
        change = "added" if old is None else "deleted" if new is None else "modified" if old == new else "renamed"
        return order[change], path

    return sorted(files, key=rank)


def _blob(stream: IO[bytes], blob: str) -> bytes | int:
    """The next blob in `git cat-file --batch` output: its bytes, or its size if it is over the
    limit for records."""
    header = stream.readline().split(b" ")
    if len(header) != 3:
        raise GitFailed(f"blob {blob} is missing from the repository")
    size = int(header[2])
    data = stream.read(size + 1)[:-1]
    return size if size > MAX_BYTES else data


NOWHERE = Where()


def _shared(value: Any, table: dict[Any, Any]) -> Any:
    """The one copy of `value` kept in `table`, without positions. Versions of a record repeat
    most of their parts: a part kept once makes the cache many times smaller (positions are
    not compared, so parts written at other lines are equal)."""
    kept = table.get(value)
    if kept is None:
        positioned = getattr(value, "where", NOWHERE) is not NOWHERE
        kept = table[value] = dataclasses.replace(value, where=NOWHERE) if positioned else value
    return kept


def _part(value: Any, table: dict[Any, Any]) -> Any:
    """A field's value without positions, its parts shared through `table` (see `_compact`)."""
    if isinstance(value, tuple):
        items = tuple(_shared(item, table) for item in value)
        return table.setdefault(tuple(map(id, items)), items)  # kept items: equal ones are the same
    if value is not None and dataclasses.is_dataclass(value):
        return _shared(_compact(value, table) if hasattr(value, "where") else value, table)
    return value


def _compact(record: Any, table: dict[Any, Any]) -> Any:
    """A record without positions, its parts shared with earlier versions' through `table`."""
    values = {f.name: _part(getattr(record, f.name), table) for f in dataclasses.fields(record) if f.name != "where"}
    return type(record)(**values, where=NOWHERE)


_TABLE: dict[Any, Any] = {}  # the parts kept during one `_read`, in each process
_ENTRIES: dict[tuple[str, str, str], tuple[Any, datetime.date]] = {}  # (kind, key, text) -> its value, the day it was checked

_Item = tuple[str, str, str, datetime.date, bytes | int, tuple[str, ...], str]  # kind, id, path, day, data, languages, default language


def _check(item: _Item) -> tuple[Any, Diagnostic | None]:
    """A version's record, or None and its first error, as `check` would find them."""
    kind, id, path, day, data, languages, default_language = item
    if isinstance(data, int):
        return None, error(Location(path), f"file is {data:,} bytes; records are limited to {MAX_BYTES:,} bytes", "file-too-large")
    root, problems = parse_record(data, path)
    ctx = Context(languages, default_language, day)
    validated, found = validate_file(RecordFile(kind, id, path, root), ctx)
    errors = sorted(d for d in problems + found if d.severity == "error")
    if validated.record is None or errors:
        return None, errors[0]  # an invalid record always comes with its errors
    return _compact(validated.record, _TABLE), None


# Versions of a record mostly repeat the one before: each top-level entry (`status: ...`), and
# each item of a top-level list (a statement), is parsed and checked on its own, once per text
# it has had, and a version that repeats it reuses its value. Only a valid version is put
# together this way; anything a cut could read differently from a parse of the whole text, and
# every version with a problem, goes through `_check`, so what a version is (and its first
# error) is what `check` finds. An entry or item checked on its own is checked as in the record:
# the only checks that span them are a record's keys (unknown, duplicate, missing) and a list's
# length, done here on the whole.
#
# A cut is where the parser closes what came before: at a line that starts at the indentation of
# the mapping or list being cut. A piece that leaves something open (a quoted text, a flow list
# running on) fails to parse on its own, and the whole version then goes through `_check`.

TOP_LINE = re.compile(r"\n(?![ #\n]|-(?:[ \n]|\Z)|\Z)")  # a line at column 0, not a comment or a list item
TOP_KEY = re.compile(r"([a-z][a-z_]*):(?: |\n|\Z)")
HEADER = re.compile(r"(?: *(?:#.*)?\n)*")  # blank and comment lines
ITEM = re.compile(r"^( *)- ", re.MULTILINE)
FILLED = re.compile(r"^( *)(- |[^ #\n])", re.MULTILINE)
WHOLE = 2  # new entries from which a version is parsed whole, once (the first of a file), not entry by entry
ODD = "\r\x85\u2028\u2029\ufeff"  # other line breaks, a byte-order mark: left to the parser


def _entries(text: str) -> list[tuple[str, str]] | None:
    """A record's text cut into its top-level entries, (key, its lines): comments at the top,
    then every line at column 0 that is not a comment or a list item starts a key. None for a
    text that is not so plain (`---`, `...`, a directive, a flow mapping, a tab, a quoted key)."""
    if any(c in text for c in ODD):
        return None
    starts = []
    for line in TOP_LINE.finditer("\n" + text):
        key = TOP_KEY.match(text, line.start())
        if key is None:
            return None
        starts.append((line.start(), key[1]))
    if not starts or not HEADER.fullmatch(text, 0, starts[0][0]):
        return None
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [(key, text[start:end]) for (start, key), end in zip(starts, ends, strict=True)]


def _items(text: str, name: str) -> list[str] | None:
    """A top-level entry that is a block list (`name:` alone on its line, then `- ` items, all at
    one indentation), cut into its items; None for any other entry."""
    first = ITEM.search(text)
    if not text.startswith(f"{name}:\n") or first is None or not HEADER.fullmatch(text, len(name) + 2, first.start()):
        return None
    indent = first[1]
    starts = []
    for line in FILLED.finditer(text, first.start()):  # every line with more than spaces and a comment
        if line[1] == indent and line[2] == "- ":
            starts.append(line.start())
        elif len(line[1]) <= len(indent):
            return None  # a line at or left of the items' indentation that is not an item
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]


def _kept(key: tuple[str, str, str], ctx: Context, make: Callable[[], tuple[Any] | None]) -> tuple[Any] | None:
    """The value `make` checks, kept by the text it was read from (in `key`) for the versions
    that repeat it. A value valid on a day is valid on every day after it (the only check that
    depends on the day is that a date is not in the future)."""
    kept = _ENTRIES.get(key)
    if kept is None or ctx.today < kept[1]:
        value = make()
        if value is None:
            return None
        kept = _ENTRIES[key] = (value[0], ctx.today)
    return (kept[0],)


def _parsed(text: str, path: str, name: str, list_item: bool) -> load.Node | None:
    """`text` parsed on its own: the value of a mapping of one key `name`, or the item of a list
    of one item; None for any problem."""
    root, problems = load.parse(text, path)
    if problems:
        return None
    if list_item:
        return root.items[0] if isinstance(root, load.Sequence) and len(root.items) == 1 else None
    return root.entries[0][1] if isinstance(root, load.Mapping) and root.keys() == [name] else None


def _value(node: load.Node | None, kind: schema.Type, name: str, ctx: Context) -> tuple[Any] | None:
    """`node` checked as `kind`; None for any problem."""
    if node is None:
        return None
    value = check(kind, node, name, ctx, {})
    return None if has_errors(ctx.diagnostics) else (_part(value, _TABLE),)


def _entry(record: str, name: str, text: str, path: str, ctx: Context, node: load.Node | None) -> tuple[Any] | None:
    """The value of one top-level entry of a record of kind `record`, from its node in the whole
    version where that was parsed, else parsed alone; None for any problem."""
    spec = schema.RECORDS[record].field(name)
    if spec is None:
        return None
    kind = spec.type

    def read() -> tuple[Any] | None:
        cut = _items(text, name) if isinstance(kind, schema.List) else None
        if not isinstance(kind, schema.List) or cut is None or len(cut) < kind.min_items:
            return _value(node or _parsed(text, path, name, False), kind, name, ctx)
        # the whole version's items are the cut's when there are as many (a cut can only add items)
        nodes = node.items if isinstance(node, load.Sequence) and len(node.items) == len(cut) else [None] * len(cut)
        values = []
        for item, parsed in zip(cut, nodes, strict=True):
            value = _kept((record, name + "[]", item), ctx,
                          lambda: _value(parsed or _parsed(item, path, name, True), kind.item, name, ctx))  # noqa: B023 (called at once)
            if value is None:
                return None
            values.append(value[0])
        return (_part(tuple(values), _TABLE),)

    return _kept((record, name, text), ctx, read)


def _quick(item: _Item) -> Any:
    """A version's record put together from its entries, reusing those seen before; None where
    it takes `_check` to tell (an entry or the record has a problem, or the text is not plain)."""
    kind, id, path, day, data, languages, default_language = item
    try:
        text = "" if isinstance(data, int) else data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    entries = _entries(text)
    record = schema.RECORDS[kind]
    keys = [key for key, _ in entries or ()]
    if not entries or len(set(keys)) != len(entries) or any(f.required and f.name not in keys for f in record.fields):
        return None
    ctx = Context(languages, default_language, day)
    check_id(RecordFile(kind, id, path, None), ctx)
    if ctx.diagnostics:
        return None
    nodes: dict[str, load.Node] = {}
    if sum((kind, key, entry) not in _ENTRIES for key, entry in entries) >= WHOLE:
        root, problems = load.parse(text, path)
        if problems or not isinstance(root, load.Mapping) or root.keys() != keys:
            return None
        nodes = {key.value: node for key, node in root.entries}
    values = {}
    for key, entry in entries:
        value = _entry(kind, key, entry, path, ctx, nodes.get(key))
        if value is None:
            return None
        values[key] = value[0]
    return record.cls(id=id, path=path, **values, where=NOWHERE)


def _version(item: _Item) -> tuple[Any, Diagnostic | None]:
    """`_check` of a version: put together from its entries where it can be."""
    record = _quick(item)
    return (record, None) if record is not None else _check(item)


_Job = tuple[str, str, str, datetime.date, str]  # a version to check: kind, id, path, day, blob
_Found = tuple[str, list[_Changed], list[_Job]] | BaseException | None  # a commit's files and the versions read for it


def _feed(diff: subprocess.Popen[bytes], blobs: subprocess.Popen[bytes], errors: IO[bytes], prefix: str,
          days: dict[str, datetime.date], found: queue.SimpleQueue[_Found]) -> None:
    """Hand on each commit's changed record files as `diff` finds them, having asked `blobs` for
    the versions not yet asked for; then None, or what went wrong."""
    assert diff.stdout is not None and blobs.stdin is not None  # both are pipes
    stdin = blobs.stdin
    asked: set[_Job] = set()
    ready: list[tuple[str, list[_Changed], list[_Job]]] = []

    def hand_on() -> None:
        """The commits found so far to `found`, then their versions to `blobs` (in that order:
        cat-file reads no more until its answers are read), in one write: the reading thread
        then reads many versions without waiting for this one."""
        for commit in ready:
            found.put(commit)
        stdin.write("".join(f"{job[4]}\n" for _, _, todo in ready for job in todo).encode("ascii"))
        stdin.flush()
        ready.clear()

    try:
        for sha, entries in _diffs(diff.stdout, hand_on):
            files = _files(entries, prefix)
            todo = list(dict.fromkeys((kind, new, path, days[sha], blob) for kind, _, new, path, blob in files if new is not None))
            todo = [job for job in todo if job not in asked]
            asked.update(todo)
            ready.append((sha, files, todo))
        hand_on()
        if diff.wait() != 0:
            errors.seek(0)
            raise _failed(("diff-tree",), diff.returncode, errors.read())
        blobs.stdin.close()
        found.put(None)
    except BaseException as exc:  # handed to the thread that reads `found`, which raises it
        found.put(exc)


def _checked(links: list[_Link], days: dict[str, datetime.date], boundaries: frozenset[str], settings: Settings,
             found: queue.SimpleQueue[_Found], blobs: IO[bytes]) -> Iterator[_Commit]:
    """Each commit of `links`, its files parsed and checked as `_feed` hands them on."""
    languages = tuple(settings.languages)
    checked: dict[_Job, tuple[Any, Diagnostic | None]] = {}
    ahead = found.get()
    for link in links:
        if isinstance(ahead, BaseException):
            raise ahead
        files: list[_Changed] = []
        if ahead is not None and ahead[0] == link.sha:
            _, files, todo = ahead
            for job in todo:
                kind, id, path, day, blob = job
                checked[job] = _version((kind, id, path, day, _blob(blobs, blob), languages, settings.default_language))
            ahead = found.get()
        day = days[link.sha]
        yield _Commit(link.sha, link.date, day, link.sha in boundaries, tuple(
            _File(kind, old, new, path, *(checked[(kind, new, path, day, blob)] if new is not None else (None, None)))
            for kind, old, new, path, blob in files
        ))
    if isinstance(ahead, BaseException):
        raise ahead
    if ahead is not None:
        raise GitFailed(f"git diff-tree reported commit {ahead[0]}, which is not on the first-parent chain")


def _read(top: str, prefix: str, links: list[_Link], settings: Settings, today: datetime.date,
          boundaries: frozenset[str]) -> Generator[_Commit, None, None]:
    """The record files each commit of `links` (oldest first) changed, parsed and checked, one
    commit after the other. Two git processes find the changes and read the files while this one
    checks them; a thread passes the files to read from the first to the second."""
    if not links:
        return
    days = {link.sha: _check_day(link.date, today) for link in links}
    found: queue.SimpleQueue[_Found] = queue.SimpleQueue()
    with tempfile.TemporaryFile() as pairs, tempfile.TemporaryFile() as errors:
        pairs.write("".join(f"{link.sha} {link.parent or ''}\n" for link in links).encode("ascii"))
        pairs.seek(0)
        diff = subprocess.Popen(**_command(top, "diff-tree", "--stdin", "-r", "--root", "-M", "--raw", "-z", "--no-abbrev",
                                           "--no-relative", "--", *(prefix + kind for kind in KINDS)),
                                stdin=pairs, stdout=subprocess.PIPE, stderr=errors)
        blobs = subprocess.Popen(**_command(top, "cat-file", "--batch"), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 stderr=errors, bufsize=1 << 16)  # a pipe's worth of blobs a read
        feeder = threading.Thread(target=_feed, args=(diff, blobs, errors, prefix, days, found), daemon=True)
        feeder.start()
        try:
            assert blobs.stdout is not None
            yield from _checked(links, days, boundaries, settings, found, blobs.stdout)
            if blobs.wait() != 0:
                errors.seek(0)
                raise _failed(("cat-file",), blobs.returncode, errors.read())
        finally:
            for process in (diff, blobs):  # stopped first: the thread may wait on either
                if process.poll() is None:
                    process.kill()
                process.wait()
            feeder.join()
            for pipe in (diff.stdout, blobs.stdin, blobs.stdout):
                if pipe is not None:
                    pipe.close()
            _TABLE.clear()
            _ENTRIES.clear()


# Comparing two versions of a record.

WORD = re.compile(r"\s+|\S+\s*")


def marks(old: str, new: str) -> tuple[Segment, ...]:
    """The words that changed from `old` to `new`. The equal and added segments make `new`
    exactly; the equal and removed ones make `old` up to the spaces after words."""
    before, after = WORD.findall(old), WORD.findall(new)
    matcher = difflib.SequenceMatcher(None, [w.rstrip() for w in before], [w.rstrip() for w in after], autojunk=False)
    segments: list[Segment] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1][0] == kind:
            segments[-1] = (kind, segments[-1][1] + text)
        else:
            segments.append((kind, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", "".join(after[j1:j2]))
        else:
            add("removed", "".join(before[i1:i2]))
            add("added", "".join(after[j1:j2]))
    return tuple(segments)


MARKDOWN = ("summary", "assessment", "context", "note")  # Markdown fields: compared as the text a reader reads


def _marks(field: str, old: str, new: str) -> tuple[Segment, ...]:
    """`marks` of a field's two texts; of a Markdown field, of the text it reads as (no markup,
    no line breaks of the YAML)."""
    if field.partition(".")[0] in MARKDOWN:
        old, new = (markup.plain(text) if text else "" for text in (old, new))
    return marks(old, new)


def _texts(name: str, value: Localized | None, language: str) -> dict[str, str]:
    if value is None:
        return {}
    return {name if lang == language else f"{name}.{lang}": text for lang, text in value.values}


TEXTS = ("question", "claim", "summary", "assessment", "context", "quote", "said", "translation", "note")


def _edits(old: dict[str, str], new: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(field, old text, new text) for each text that differs, '' where absent; in the order of
    TEXTS, the default language first."""

    def order(name: str) -> tuple[int, str]:
        base, _, lang = name.partition(".")
        return TEXTS.index(base), lang

    for name in sorted(old.keys() | new.keys(), key=order):
        if old.get(name) != new.get(name):
            yield name, old.get(name, ""), new.get(name, "")


def _words(statement: Statement, language: str) -> dict[str, str]:
    texts = {} if statement.quote is None else {"quote": statement.quote}
    for name in ("said", "translation", "note"):
        texts.update(_texts(name, getattr(statement, name), language))
    return texts


def _identity(statement: Statement) -> tuple[object, ...]:
    """What tells a statement from the others: its author, date, source and words."""
    return (statement.by, statement.date, statement.source, statement.quote or (statement.said and statement.said.default))


def _pairs(old: tuple[Statement, ...], new: tuple[Statement, ...]) -> dict[int, int]:
    """Which old statement each new one is (new index -> old index): equal ones first, then those
    sharing at least two of author, date, source and words, the most alike first."""
    pairs: dict[int, int] = {}
    free = list(range(len(old)))
    for j, statement in enumerate(new):
        i = next((i for i in free if old[i] == statement), None)
        if i is not None:
            pairs[j] = i
            free.remove(i)
    ids = [_identity(s) for s in old]
    scored = []
    for j, statement in enumerate(new):
        if j not in pairs:
            mine = _identity(statement)
            scored += [(-score, j, i) for i in free if (score := sum(a == b for a, b in zip(ids[i], mine, strict=True))) >= 2]
    for _, j, i in sorted(scored):
        if j not in pairs and i in free:
            pairs[j] = i
            free.remove(i)
    return pairs


def _statement_changes(old: Statement, new: Statement, language: str) -> list[Change]:
    changes: list[Change] = []
    for name in ("by", "stance", "date", "source", "quote_lang", "locator"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            if name == "date":
                before, after = before.iso, after.iso
            changes.append(StatementChanged(new.by, new.date, name, before, after))
    for name, before, after in _edits(_words(old, language), _words(new, language)):
        changes.append(WordsChanged(new.by, new.date, name, before, after, _marks(name, before, after)))
    return changes


OTHER_FIELDS = ("published", "updated", "tags", "place", "related")


def compare(old: Explainer, new: Explainer, language: str) -> list[Change]:
    """What changed from one valid version of an explainer to the next, in reading order:
    status, texts, statements, update log, other fields. `language` is the site's default."""
    changes: list[Change] = []
    if old.status != new.status:
        changes.append(StatusChanged(old.status, new.status))
    for name in ("question", "claim", "summary", "assessment", "context"):
        if getattr(old, name) == getattr(new, name):
            continue
        texts = (_texts(name, getattr(version, name), language) for version in (old, new))
        for key, before, after in _edits(*texts):
            changes.append(TextEdited(key, before, after, _marks(key, before, after)))
    if old.statements != new.statements:
        pairs = _pairs(old.statements, new.statements)
        for j, statement in enumerate(new.statements):
            if j in pairs:
                if old.statements[pairs[j]] != statement:
                    changes += _statement_changes(old.statements[pairs[j]], statement, language)
            else:
                changes.append(StatementAdded(statement))
        paired = set(pairs.values())
        changes += [StatementRemoved(s) for i, s in enumerate(old.statements) if i not in paired]
    added, removed = _added_removed(old.updates, new.updates)
    changes += [UpdateAdded(update) for update in added]
    changes += [UpdateRemoved(update) for update in removed]
    added, removed = _added_removed(old.timeline, new.timeline)
    changes += [EventAdded(event) for event in added]
    changes += [EventRemoved(event) for event in removed]
    if old.timeline != new.timeline and not added and not removed:
        changes.append(Edited("timeline"))  # the same events, in another order
    changes += [Edited(name) for name in OTHER_FIELDS if getattr(old, name) != getattr(new, name)]
    return changes


def _added_removed(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[list[Any], list[Any]]:
    """The entries of a log or timeline added (in the new order) and removed (in the old)."""
    if old == new:
        return [], []
    left = list(old)
    added = []
    for entry in new:
        if entry in left:
            left.remove(entry)
        else:
            added.append(entry)
    return added, left


CITED_FIELDS = {
    "actors": ("name", "kind", "affiliation"),
    "sources": ("title", "publisher", "kind", "published", "url", "archive"),
}


def _shown(record: Actor | Source, kind: str, language: str) -> dict[str, str]:
    """The fields of a cited record that an explainer's page shows, as text."""
    shown: dict[str, str] = {}
    for name in CITED_FIELDS[kind]:
        value = getattr(record, name)
        if isinstance(value, Localized):
            shown.update(_texts(name, value, language))
        elif value is not None:
            shown[name] = value.iso if isinstance(value, Date) else value
    return shown


def _cited_changes(kind: str, old: Actor | Source, new: Actor | Source, language: str) -> list[CitedChanged]:
    before, after = _shown(old, kind, language), _shown(new, kind, language)
    return [
        CitedChanged(kind[:-1], new.id, name, before.get(name), after.get(name))
        for name in dict.fromkeys([*before, *after]) if before.get(name) != after.get(name)
    ]


def _same(old: Explainer, new: Explainer) -> bool:
    """Equal as a reader sees them: the id, path and positions in the file aside."""
    return all(
        getattr(old, f.name) == getattr(new, f.name)
        for f in dataclasses.fields(Explainer) if f.compare and f.name not in ("id", "path")
    )


# Assembling versions, commit after commit (kept in the cache, so a new commit adds to it).

class _Lineage:
    """One explainer through its renames: its id now and its versions, oldest first."""

    def __init__(self, id: str) -> None:
        self.id = id
        self.versions: list[Version] = []
        self.valid: Explainer | None = None  # the last version that passed the checks
        self.actors: frozenset[str] = frozenset()  # what `valid` cites
        self.sources: frozenset[str] = frozenset()

    def accept(self, record: Explainer) -> None:
        self.valid = record
        self.actors = frozenset(s.by for s in record.statements)
        self.sources = frozenset([*(s.source for s in record.statements), *(e.source for e in record.timeline if e.source)])


class _State:
    def __init__(self) -> None:
        self.tip: str | None = None
        self.earliest: datetime.date | None = None
        self.alive: dict[str, _Lineage] = {}  # by id
        self.gone: dict[str, _Lineage] = {}  # deleted, by their last id
        self.cited: dict[tuple[str, str], Actor | Source] = {}  # (kind, id) -> its last valid version
        self.log: list[list[tuple[_Lineage, Version]]] = []  # per commit, oldest first; by id in a commit
        self.today: datetime.date | None = None
        self.capped = False  # a version was checked against `today`, not its commit's day
        self.history: History | None = None  # made from the rest when asked for

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "history": None}


def _apply(state: _State, commit: _Commit, language: str) -> None:  # noqa: C901 (one branch per kind of change git reports)
    """Add what one commit changed to the explainers' histories."""
    if state.earliest is None:
        state.earliest = commit.date
    cited: dict[tuple[str, str], list[CitedChanged]] = {}
    for file in commit.files:
        if file.kind == "explainers":
            continue
        before = state.cited.pop((file.kind, file.old), None) if file.old is not None else None
        now = file.record or (before if file.new == file.old else None)  # an invalid version: pages keep the last valid one
        if file.new is not None and now is not None:
            state.cited[(file.kind, file.new)] = now
            if before is not None and file.record is not None and file.new == file.old and not commit.boundary:
                found = _cited_changes(file.kind, before, file.record, language)
                if found:
                    cited[(file.kind, file.new)] = found

    pending: dict[_Lineage, Version] = {}
    for file in commit.files:
        if file.kind != "explainers":
            continue
        intro: list[Change] = []
        lineage = state.alive.pop(file.old, None) if file.old is not None else None
        if file.old is None or lineage is None:
            lineage = state.gone.pop(file.new, None) if file.new is not None else None
            older = file.record is not None and (commit.date - file.record.published.last).days > PUBLISHED_GRACE
            intro.append(Restored() if lineage else Earliest() if commit.boundary or older else Created())
            lineage = lineage or _Lineage(file.new or file.old or "")
        elif file.new is not None and file.new != file.old:
            intro.append(Renamed(file.old, file.new))
        last = lineage.versions[-1] if lineage.versions else None
        if file.new is None:
            state.gone[lineage.id] = lineage
            pending[lineage] = Version(commit.sha, commit.date, file.path, None, None, True, (Deleted(),))
            continue
        lineage.id = file.new
        state.alive[file.new] = lineage
        if file.record is None:
            if intro or last is None or last.problem != file.problem:
                pending[lineage] = Version(commit.sha, commit.date, file.path, None, file.problem, False, tuple(intro))
            continue
        if last is not None and last.problem is not None:
            intro.append(Repaired())
        base = lineage.valid
        if base is not None and not intro and _same(base, file.record):
            continue
        changes = intro + (compare(base, file.record, language) if base is not None and not commit.boundary else [])
        lineage.accept(file.record)
        pending[lineage] = Version(commit.sha, commit.date, file.path, file.record, None, False, tuple(changes))

    if cited:
        actors = {id for kind, id in cited if kind == "actors"}
        published_by: dict[str, set[str]] = {}  # a changed actor -> the sources it published, as they are now
        for (_, id), record in state.cited.items():
            if isinstance(record, Source) and record.publisher in actors:
                published_by.setdefault(record.publisher, set()).add(id)
        for lineage in state.alive.values():
            broken = lineage.versions and lineage.versions[-1].problem is not None and lineage not in pending
            if lineage.valid is None or broken:  # its page is the last valid version's, which the build refuses
                continue
            mine = [
                change for (kind, id), changes in sorted(cited.items())
                if (id in lineage.sources if kind == "sources"
                    else id in lineage.actors or lineage.sources & published_by.get(id, set()))
                for change in changes
            ]
            if not mine:
                continue
            own = pending.get(lineage)
            if own is None:
                path = lineage.versions[-1].path
                pending[lineage] = Version(commit.sha, commit.date, path, lineage.valid, None, False, tuple(mine))
            elif own.record is not None:
                pending[lineage] = dataclasses.replace(own, changes=own.changes + tuple(mine))

    if pending:
        state.log.append(sorted(pending.items(), key=lambda item: item[0].id))
        for lineage, version in state.log[-1]:
            lineage.versions.append(version)


def _history(state: _State, complete: bool, reason: str | None, read: int) -> History:
    if state.history is None:
        # an id in use again is the living record's
        lineages = {**{lineage.id: lineage for lineage in state.gone.values()}, **state.alive}
        explainers = {id: tuple(reversed(lineages[id].versions)) for id in sorted(lineages)}
        changes = tuple(
            SiteChange(lineage.id, version)
            for commit in reversed(state.log) for lineage, version in commit if lineages.get(lineage.id) is lineage
        )
        state.history = History(explainers, changes, complete, reason, state.earliest, state.tip)
    return dataclasses.replace(state.history, complete=complete, reason=reason, read=read)


def _code() -> str:
    """The version of the code that made what the cache holds."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for name in ("history.py", "load.py", "syntax.py", "validate.py", "schema.py", "model.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def _unknown(reason: str) -> History:
    return History({}, (), False, reason)


@dataclass(frozen=True)
class _Repository:
    top: str  # its top directory
    prefix: str  # the content directory's path in it: '' or ending in '/'
    shallow: bool
    boundaries: frozenset[str]  # a shallow clone's oldest commits
    head: str | None  # None before the first commit


def _locate(content: Path) -> _Repository:
    """The repository that holds `content`."""
    top, prefix, shallow, shallow_file = _git(
        content, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository", "--git-path", "shallow"
    ).decode("utf-8", "surrogateescape").split("\n")[:4]
    boundaries: frozenset[str] = frozenset()
    if shallow == "true":
        boundaries = frozenset((Path(content) / shallow_file).read_text("ascii").split())
    try:
        head = _git(top, "rev-parse", "-q", "--verify", "HEAD^{commit}").decode("ascii").strip()
    except GitFailed:
        head = None
    return _Repository(top, prefix, shallow == "true", boundaries, head)


def _update(  # noqa: C901 (the incremental read's steps, in order)
    repository: _Repository, settings: Settings, today: datetime.date, cache: dict
) -> tuple[_State, int]:
    """The state at HEAD, from the cache's state and the commits since; and how many commits
    were read from git."""
    key = (_code(), repository.prefix, settings.default_language, tuple(settings.languages), repository.boundaries)
    if cache.get("key") != key:
        cache.clear()
        cache.update(key=key, commits={}, state=None)
    commits: dict[str, _Commit] = cache["commits"]
    state: _State | None = cache["state"]
    cache["state"] = None  # until it is whole again
    if state is not None and state.capped and state.today != today:
        state = None  # some versions were checked against the day of that build, not their commit's
    top, head = repository.top, repository.head
    links: list[_Link] | None = None
    if head is None:
        state, links = _State(), []
    elif state is not None and state.tip == head:
        links = []
    elif state is not None and state.tip is not None:
        try:
            links = _chain(top, head, f"^{state.tip}")
        except GitFailed:  # the old tip is gone: history rewritten and pruned
            links = None
        if not links or links[-1].parent != state.tip:  # not an ancestor by first parents
            links = None
    if links is None:  # start again; what the cache holds of each commit is still good
        state = _State()
        links = _chain(top, str(head))
        for sha in commits.keys() - {link.sha for link in links}:
            del commits[sha]
    assert state is not None  # every branch above leaves one
    links.reverse()
    missing = [link for link in links if link.sha not in commits or commits[link.sha].day != _check_day(link.date, today)]
    wanted = {link.sha for link in missing}
    with contextlib.closing(_read(top, repository.prefix, missing, settings, today, repository.boundaries)) as read:
        for link in links:
            if link.sha in wanted:  # applied as it is read, while git reads the next ones
                commits[link.sha] = next(read)
            commit = commits[link.sha]
            _apply(state, commit, settings.default_language)
            state.capped = state.capped or commit.day != commit.date + datetime.timedelta(days=1)
            state.history = None
    state.tip, state.today = head, today
    cache["state"] = state
    return state, len(missing)


def read_history(
    content: Path, settings: Settings, today: datetime.date, cache: dict | None = None
) -> tuple[History, list[Diagnostic]]:
    """The history of the explainers in `content`, from the git repository that holds it.

    `cache` is a dict the caller keeps between calls (and may pickle): this function fills it
    and reads from git only the commits it lacks. `today` is the latest day old versions are
    checked against. Git's two processes run beside this one, which checks only what changed of
    each version. Never raises for a missing git, a directory outside any repository, a shallow
    clone or a git error: the history says how much it knows, and a warning says what a build
    should know is missing."""
    shown = display_path(content)
    where = Location(shown)
    try:
        repository = _locate(content)
        state, read = _update(repository, settings, today, {} if cache is None else cache)
    except FileNotFoundError as exc:
        if exc.filename == "git":
            return _unknown("git is not installed"), []
        problem = str(exc)
    except GitFailed as exc:
        if "not a git repository" in str(exc):
            return _unknown(f"'{shown}' is not in a git repository"), []
        problem = str(exc)
    except OSError as exc:
        problem = str(exc)
    else:
        if not repository.shallow:
            return _history(state, True, None, read), []
        since = f" before {state.earliest.isoformat()}" if state.earliest else ""
        reason = f"the repository is a shallow clone: its history{since} is not known"
        return _history(state, False, reason, read), [warning(
            where, f"the history of '{shown}' is incomplete: the repository is a shallow clone; fetch the whole history"
                   " ('git fetch --unshallow') to publish it", "history-incomplete",
        )]
    return _unknown(f"git cannot read '{shown}': {problem}"), [
        warning(where, f"cannot read the history of '{shown}': git says '{problem}';"
                       " the history pages will say it is unknown", "history-unreadable")
    ]
