"""`python -m generator`: the only place that prints or exits.

Exit status: 0 clean (warnings allowed), 1 content errors or a failed build, 2 usage errors.
"""

from __future__ import annotations

import argparse
import gc
import datetime
import json
import sys
from pathlib import Path

from generator import build, editions
from generator.config import read_settings
from generator.jsonschema import schemas
from generator.new import new_record
from generator.diagnostics import Diagnostic, has_errors


def format_diagnostics(diagnostics: list[Diagnostic], style: str) -> str:
    if style == "json":
        rows = [
            {
                "path": d.location.path,
                "line": d.location.line,
                "column": d.location.column,
                "severity": d.severity,
                "message": d.message,
            }
            for d in diagnostics
        ]
        return json.dumps(rows, ensure_ascii=False, indent=2)
    if style == "github":
        return "\n".join(
            f"::{d.severity} file={d.location.path},line={d.location.line},col={d.location.column}::{d.message}"
            for d in diagnostics
        )
    return "\n".join(map(str, diagnostics))


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
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    generate = command("generate", "write the Markdown pages, feed and data")
    generate.add_argument("--out", type=Path, help="Markdown directory (default: docs_dir of the configuration)")
    site = command("build", "check, generate and render the site with MkDocs in strict mode")
    site.add_argument("--out", type=Path, default=Path("site"), help="site directory (default: site)")
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


def main(argv: list[str] | None = None) -> int:
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
        from generator.serve import serve

        return serve(args.content, args.config, args.today, report, args.address)
    try:
        if args.command == "generate":
            result = build.generate(args.content, args.config, args.out, args.today)
        else:
            result = build.build(args.content, args.config, args.out, args.today)
    except build.RendererFailed as failure:
        print(failure.args[0], file=sys.stderr, end="")
        print(f"error: the site was not built; '{args.out}' was left as it was", file=sys.stderr)
        return 1
    report(result)
    if result.site is None:
        return 1
    if args.command == "build":
        print(f"built {args.out}", file=sys.stderr)
    return 0
