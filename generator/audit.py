"""The audit of a rendered site: every page is read before the site may be published.

It looks for what no page of ours should contain, whatever a record says: inline scripts other
than the few the theme ships, `on*` event attributes, `javascript:` / `data:` / `vbscript:` URLs,
frames, plugins and `<base>`, `<meta http-equiv>` (a refresh could redirect readers), and
JSON-LD blocks that do not parse. It also returns the hashes of the inline scripts it allowed,
from which `policy` builds the Content-Security-Policy every page carries.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from generator.diagnostics import Diagnostic, Location, error

# The inline scripts Material for MkDocs 9.x writes into every page (they differ only in the
# relative base URL, or an edition's absolute one on its 404 page). A new theme version that
# changes them makes the audit fail, on purpose.
THEME_SCRIPTS = (
    re.compile(r'__md_scope=new URL\("(?:[./]*|/[a-z]{2,3}/)",location\),__md_hash='),
    re.compile(r'var palette=__md_get\("__palette"\);'),
    re.compile(r"var target=document\.getElementById\(location\.hash\.slice\(1\)\);"),
)
DATA_SCRIPTS = {"application/json", "application/ld+json"}  # not executed, so not in the policy
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class _Page(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=False)
        self.path = path
        self.findings: list[Diagnostic] = []
        self.hashes: set[str] = set()
        self._script: dict | None = None
        self._body: list[str] = []

    def find(self, message: str) -> None:
        """A problem where the parser is: the built page's path, with its line and column."""
        line, offset = self.getpos()
        help = "a theme override or a record put it there; the site was not published"
        self.findings.append(error(Location(self.path, line, offset + 1), message, "audit", help))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag in FORBIDDEN:
            self.find(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in names and (names["http-equiv"] or "").lower() != "content-security-policy":
            self.find(f"<meta http-equiv=\"{names['http-equiv']}\">")
        for name, value in attrs:
            if name.startswith("on"):
                self.find(f"'{name}' attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value and _scheme(value).startswith(BAD_SCHEMES):
                self.find(f"{name}=\"{value[:40]}\" on <{tag}>")
        if tag == "script":
            self._script, self._body = names, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != "script" or self._script is None:
            return
        attrs, body = self._script, "".join(self._body)
        self._script = None
        if "src" in attrs:
            if body.strip():
                self.find("a <script src> with inline content")
            return
        kind = (attrs.get("type") or "").lower()
        if kind in DATA_SCRIPTS:
            try:
                json.loads(body)
            except ValueError:
                self.find(f"a {kind} block that does not parse")
        elif any(pattern.match(body) for pattern in THEME_SCRIPTS):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            self.hashes.add(f"'sha256-{digest}'")
        else:
            self.find(f"an inline script the theme does not ship: {body[:60]!r}")


def _scheme(url: str) -> str:
    """The scheme as a browser reads it: control characters and spaces are ignored."""
    return re.sub(r"[\x00-\x20]", "", url).lower()


def audit(root: Path) -> tuple[list[Diagnostic], list[str]]:
    """Read every HTML page under `root`; returns what it refuses, as diagnostics located in the
    built pages, and the allowed script hashes."""
    findings: list[Diagnostic] = []
    hashes: set[str] = set()
    for path in sorted(root.rglob("*.html")):
        page = _Page(path.relative_to(root).as_posix())
        page.feed(path.read_text(encoding="utf-8"))
        page.close()
        findings += page.findings
        hashes |= page.hashes
    return findings, sorted(hashes)


def policy(hashes: list[str]) -> str:
    """The Content-Security-Policy the audited pages need, and nothing more."""
    return "; ".join(
        (
            "default-src 'self'",
            # 'wasm-unsafe-eval': Pagefind's search runs as WebAssembly (it allows no JavaScript eval).
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
