"""Problems found in the content, as values: the stages return them, only the CLI prints them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Location(NamedTuple):
    """Where a value came from: a path and a 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem. `rule` is its stable id (kebab-case, documented in the editor's guide);
    `help` is advice that does not fit the one-line message, shown below it."""

    location: Location
    severity: Severity
    message: str
    rule: str
    help: str = ""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message} [{self.rule}]"


def error(location: Location, message: str, rule: str, help: str = "") -> Diagnostic:
    return Diagnostic(location, "error", message, rule, help)


def warning(location: Location, message: str, rule: str, help: str = "") -> Diagnostic:
    return Diagnostic(location, "warning", message, rule, help)


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    return any(d.severity == "error" for d in diagnostics)
