"""`python -m generator`: the only place that prints or exits.

Exit status: 0 clean (warnings allowed), 1 content errors or a failed build, 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import re
import sys
import unicodedata
from pathlib import Path

from generator import build, editions
from generator.config import read_settings
from generator.diagnostics import Diagnostic, has_errors
from generator.jsonschema import schemas
from generator.load import MAX_BYTES, split_lines
from generator.new import new_record

FORMATS = ("text", "concise", "github", "json")


def printable(text: str) -> str:
    """`text` on one line, safe for a terminal: control characters (a newline in a key, an escape
    sequence) are shown escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


TOKEN = re.compile(r"[^\s,\]}#]+?(?=:\s|:$|[\s,\]}#]|$)")
WHOLE_RECORD = frozenset({"missing-archive", "unused-record", "empty-file", "not-a-record-file", "page-name",
                          "invalid-file-name", "reserved-id"})
"""Rules about a whole record or file: their excerpt would only show its first line."""


def _span(line: str, start: int) -> int:
    """How many characters from `start` the key or value there takes (at least one)."""
    if line[start : start + 1] in ("'", '"'):
        end = line.find(line[start], start + 1)
        return end - start + 1 if end > 0 else len(line) - start
    if line[:start].rstrip().endswith((":", "-")):  # a value: plain text runs to the line's end or a comment
        return max(1, len(line[start:].split(" #")[0].rstrip()))
    match = TOKEN.match(line, start)
    return len(match[0]) if match else 1


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def excerpt(diagnostic: Diagnostic, lines: list[str] | None) -> list[str]:
    """The offending line with a caret under the column, and the help, as rustc and ruff show them."""
    shown = []
    line, column = diagnostic.location.line, diagnostic.location.column
    source = lines[line - 1] if lines is not None and 1 <= line <= len(lines) else None
    if source is not None and column <= len(source) + 1 and diagnostic.rule not in WHOLE_RECORD:
        text = "".join(c if c.isprintable() else "→" if c == "\t" else "\ufffd" for c in source)
        gutter = " " * len(str(line))
        under = _width(text[: column - 1])
        shown += [f"{gutter} |", f"{line} | {text}", f"{gutter} | {' ' * under}{'^' * _span(text, column - 1)}"]
        if diagnostic.help:
            shown.append(f"{gutter} = help: {printable(diagnostic.help)}")
    elif diagnostic.help:
        shown.append(f"  = help: {printable(diagnostic.help)}")
    return shown


def _lines(path: str) -> list[str] | None:
    """A file's lines as libyaml counts them, or None if it cannot be shown."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    return split_lines(data.decode("utf-8", "replace").removeprefix("\ufeff"))


def _escape_data(text: str) -> str:
    """As the Actions toolkit escapes a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """As the Actions toolkit escapes a workflow command's property (file, title)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_diagnostics(diagnostics: list[Diagnostic], style: str) -> str:
    if style == "json":
        rows = [
            {
                "path": d.location.path,
                "line": d.location.line,
                "column": d.location.column,
                "severity": d.severity,
                "rule": d.rule,
                "message": d.message,
                "help": d.help or None,
            }
            for d in diagnostics
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if style == "github":
        return "\n".join(
            f"::{d.severity} file={_escape_property(d.location.path)},line={d.location.line},col={d.location.column},"
            f"title={_escape_property(d.rule)}::{_escape_data(d.message + (f'{chr(10)}help: {d.help}' if d.help else ''))}"
            for d in diagnostics
        )
    concise = [printable(str(d)) for d in diagnostics]
    if style == "concise":
        return "\n".join(concise)
    files: dict[str, list[str] | None] = {}
    blocks = []
    for line, d in zip(concise, diagnostics, strict=True):
        if d.location.path not in files:
            files[d.location.path] = _lines(d.location.path)
        blocks.append("\n".join([line, *excerpt(d, files[d.location.path])]))
    return "\n\n".join(blocks)


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2025-12-02, not '{value}'") from None


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """--content and --config, shared by every command that reads the records."""
    parser.add_argument("--content", type=Path, default=Path("content"), help="records directory (default: content)")
    parser.add_argument("--config", type=Path, default=Path("site_config.yml"), help="site configuration")


def missing_input(args: argparse.Namespace) -> str | None:
    """A usage error for a records directory or configuration file that does not exist."""
    if not args.content.is_dir():
        return f"error: content directory '{args.content}' does not exist"
    if not args.config.is_file():
        return f"error: configuration file '{args.config}' does not exist"
    return None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    commands = main.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        add_input_options(sub)
        sub.add_argument("--today", type=parse_date, default=datetime.date.today(), help="date for checks (YYYY-MM-DD)")
        return sub

    check = command("check", "validate every record and every reference")
    check.add_argument(
        "--format", choices=FORMATS, default="text",
        help="text: each problem with its line and advice; concise: one line per problem; github: annotations; json",
    )
    generate = command("generate", "write the Markdown pages, feed and data")
    generate.add_argument("--out", type=Path, help="Markdown directory (default: docs_dir of the configuration)")
    site = command("build", "check, generate and render the site with MkDocs in strict mode")
    site.add_argument("--out", type=Path, default=Path("site"), help="site directory (default: site)")
    site.add_argument("--format", choices=FORMATS, default="text", help="how the audit's findings are printed (as for check)")
    new = command("new", "write a commented skeleton record to fill in")
    new.add_argument("kind", choices=("explainer", "actor", "source"))
    new.add_argument("id", help="the new record's id: lowercase words joined by hyphens")
    schemas = command("schema", "write the JSON Schemas of the record kinds (for editors' tools)")
    schemas.add_argument("--out", type=Path, default=Path("schema"), help="directory (default: schema)")
    command("editions", "print each edition's renderer configuration (written by generate), the first edition first")
    preview = command("serve", "preview on a local server, regenerating when a record changes")
    preview.add_argument("--address", default="127.0.0.1:8000", help="host:port (default: 127.0.0.1:8000)")
    return main


def report(result: build.Generated) -> None:
    """What `generate` found, for the terminal."""
    if result.diagnostics:
        print(format_diagnostics(result.diagnostics, "text"), file=sys.stderr)
    if result.site is None:
        print(f"{summary(result.diagnostics)}; nothing was written", file=sys.stderr)
    else:
        print(f"{len(result.changed)} file(s) changed", file=sys.stderr)


def preview(args: argparse.Namespace) -> int:
    """`serve`: refused in one line if its address is taken, before anything starts."""
    from generator.serve import address_problem, serve

    busy = address_problem(args.address)
    if busy:
        print(f"error: {busy[1]}", file=sys.stderr)
        return busy[0]
    return serve(args.content, args.config, args.today, args.address, lambda text: print(text, file=sys.stderr, flush=True))


def main(argv: list[str] | None = None) -> int:  # noqa: C901 (one branch per command; the commands' bodies are small)
    # A short batch run that builds hundreds of thousands of objects and no garbage cycles worth
    # collecting: without the cyclic collector, loading and validating take half the time.
    gc.disable()
    args = parser().parse_args(argv)
    problem = missing_input(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    if args.command == "check":
        _, diagnostics = build.check(args.content, args.config, args.today)
        if diagnostics or args.format == "json":
            print(format_diagnostics(diagnostics, args.format))
        if args.format == "text":
            print(summary(diagnostics), file=sys.stderr)
        return 1 if has_errors(diagnostics) else 0

    if args.command == "new":
        path, problem = new_record(args.content, args.kind, args.id, args.today)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        print(f"wrote {path}; replace every TODO, then run `make check`", file=sys.stderr)
        return 0
    if args.command == "schema":
        settings, diagnostics = read_settings(args.config)
        if settings is None:
            print(format_diagnostics(diagnostics, "text"), file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in schemas(settings).items():
            (args.out / name).write_text(text, encoding="utf-8")
            print(f"wrote {args.out / name}", file=sys.stderr)
        return 0
    if args.command == "editions":
        settings, diagnostics = read_settings(args.config)
        if settings is None:
            print(format_diagnostics(diagnostics, "text"), file=sys.stderr)
            return 1
        print("\n".join(str(editions.config_path(args.config, edition)) for edition in settings.editions))
        return 0
    if args.command == "serve":
        return preview(args)
    try:
        if args.command == "generate":
            result = build.generate(args.content, args.config, args.out, args.today)
        else:
            result = build.build(args.content, args.config, args.out, args.today)
    except build.RendererFailed as failure:
        if failure.diagnostics:  # the audit's, located in the built pages
            print(format_diagnostics(failure.diagnostics, args.format), file=sys.stderr)
        else:
            print(failure.args[0], file=sys.stderr, end="")
        print(f"error: the site was not built; '{args.out}' was left as it was", file=sys.stderr)
        return 1
    report(result)
    if result.site is None:
        return 1
    if args.command == "build":
        print(f"built {args.out}", file=sys.stderr)
    return 0
