"""The audit of a rendered site: every page is read before the site may be published.

It looks for what no page of ours should contain, whatever a record says: inline scripts other
than the few the theme ships, `on*` event attributes, `javascript:` / `data:` / `vbscript:` URLs,
frames, plugins and `<base>`, `<meta http-equiv>` (a refresh could redirect readers), and
JSON-LD blocks that do not parse. It also follows every link of the site to one of its own
pages or files, and each `#fragment` to an element of that page: the pages are written as HTML
the renderers pass through, and rendered by several processes, so no renderer sees them all. It
returns the hashes of the inline scripts it allowed, from which `policy` builds the
Content-Security-Policy every page carries.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.diagnostics import Diagnostic, Location, error
from generator.parallel import map_items

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


SITE = "http://site.invalid/"  # where a page's relative links are resolved from


class _Page(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=False)
        self.path = path
        self.findings: list[Diagnostic] = []
        self.hashes: set[str] = set()
        self.ids: set[str] = set()
        self.links: list[tuple[str, Location]] = []  # links within the site, resolved, where they are
        self._script: dict | None = None
        self._body: list[str] = []

    def location(self) -> Location:
        line, offset = self.getpos()
        return Location(self.path, line, offset + 1)

    def find(self, message: str) -> None:
        """A problem where the parser is: the built page's path, with its line and column."""
        help = "a theme override or a record put it there; the site was not published"
        self.findings.append(error(self.location(), message, "audit", help))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if names.get("id"):
            self.ids.add(names["id"] or "")
        href = names.get("href")
        if tag == "a" and href and not href.startswith(("#__", "mailto:")):
            target = urljoin(SITE + self.path, href)
            if target.startswith(SITE):
                self.links.append((href, self.location()))
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


def _read(item: tuple[Path, str]) -> tuple[list[Diagnostic], set[str], set[str], list[tuple[str, Location]]]:
    """One built page: what it refuses, the script hashes it allowed, its ids and its links."""
    root, name = item
    page = _Page(name)
    page.feed((root / name).read_text(encoding="utf-8"))
    page.close()
    return page.findings, page.hashes, page.ids, page.links


def audit(root: Path, workers: int = os.cpu_count() or 1) -> tuple[list[Diagnostic], list[str]]:
    """Read every HTML page under `root` (on `workers` processes); returns what it refuses, as
    diagnostics located in the built pages, and the allowed script hashes."""
    names = [path.relative_to(root).as_posix() for path in sorted(root.rglob("*.html"))]
    findings: list[Diagnostic] = []
    hashes: set[str] = set()
    pages: dict[str, _Page] = {}
    for name, (found, allowed, ids, links) in zip(names, map_items(_read, [(root, n) for n in names], workers), strict=True):
        findings += found
        hashes |= allowed
        page = pages[name] = _Page(name)
        page.ids, page.links = ids, links
    for page in pages.values():
        if page.path != "404.html" and not page.path.endswith("/404.html"):  # its links are absolute: it is served anywhere
            findings += _broken(page, pages, root)
    return findings, sorted(hashes)


def _broken(page: _Page, pages: dict[str, _Page], root: Path) -> list[Diagnostic]:
    """The links of `page` to no file of the site, or to an id its target page does not have."""
    found = []
    for href, where in page.links:
        _, _, path, _, fragment = urlsplit(urljoin(SITE + page.path, href))
        path = unquote(path.removeprefix("/"))
        target = path + "index.html" if path.endswith("/") or not path else path
        if target in pages:
            if fragment and unquote(fragment) not in pages[target].ids:
                found.append(error(where, f"a link to '{href}', whose page has no element with id '{unquote(fragment)}'", "audit",
                                   "a template links a part of a page that does not exist"))
        elif not (root / target).is_file():
            found.append(error(where, f"a link to '{href}', which is no page or file of the site", "audit",
                               "a template links a page that was not built"))
    return found


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
