"""The audit of a rendered site: every page is read before the site may be published.

It looks for what no page of ours should contain, whatever a record says: inline scripts other
than the few the theme ships, `on*` event attributes, `javascript:` / `data:` / `vbscript:` URLs,
frames, plugins and `<base>`, `<meta http-equiv>` (a refresh could redirect readers), and
JSON-LD blocks that do not parse. It also follows every link of the site to one of its own
pages or files, and each `#fragment` to an element of that page: the pages are written as HTML
the renderers pass through, and rendered by several processes, so no renderer sees them all. It
returns the hashes of the inline scripts it allowed, from which `policy` builds the
Content-Security-Policy every page carries.

Each page is parsed as a browser parses it, by lexbor (an HTML5 parser, through selectolax), so
what the audit reads is what a reader's browser runs: with JavaScript, and where a page has a
`<noscript>`, without it too. Only a page with a finding is read again,
by Python's HTML parser, which knows the line and column of each tag.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from generator.diagnostics import Diagnostic, Location, error
from generator.parallel import map_items

# The inline scripts Material for MkDocs 9.x writes into every page, whole: they differ only in
# the relative base URL (an edition's absolute one on its 404 page). A script that merely starts
# like one of them is refused, and a new theme version that changes them makes the audit fail,
# on purpose.
_SCOPE = (
    '__md_scope=new URL("', '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)
_PALETTE = (
    'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){'
    'var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?'
    '"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-md-color-media=\'(prefers-color-scheme: dark)\']");'
    'palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),'
    'palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}'
    'for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}'
)
_TABS = 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
THEME_SCRIPTS = (
    re.compile(re.escape(_SCOPE[0]) + r"(?:[./]*|/[a-z]{2,3}/)" + re.escape(_SCOPE[1])),
    re.compile(re.escape(_PALETTE)),
    re.compile(re.escape(_TABS)),
)
DATA_SCRIPTS = {"application/json", "application/ld+json"}  # not executed, so not in the policy
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


SITE = "http://site.invalid/"  # where a page's relative links are resolved from


class _Page(HTMLParser):
    """One page read by Python's HTML parser, which knows where each tag starts: it locates what
    the browser-grade reading (`_scan`) found."""

    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=False)
        self.path = path
        self.findings: list[Diagnostic] = []
        self.links: list[tuple[str, Location]] = []  # links within the site, where they are
        self._script: dict | None = None
        self._body: list[str] = []

    def location(self) -> Location:
        line, offset = self.getpos()
        return Location(self.path, line, offset + 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "a" and _within(names.get("href")):
            self.links.append((names["href"] or "", self.location()))
        self.findings += [_refuse(self.location(), problem) for problem in _element(tag, attrs)]
        if tag == "script":
            self._script, self._body = names, []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            problem, _ = _script(self._script, "".join(self._body))
            if problem:
                self.findings.append(_refuse(self.location(), problem))
            self._script = None


def _refuse(where: Location, problem: str) -> Diagnostic:
    return error(where, problem, "audit", "a theme override or a record put it there; the site was not published")


def _element(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[str]:
    """What an element with these attributes may not be."""
    problems = [f"<{tag}> element"] if tag in FORBIDDEN else []
    for name, value in attrs:
        if name.startswith("on"):
            problems.append(f"'{name}' attribute on <{tag}>")
        elif value and ":" in value and name in URL_ATTRIBUTES and _scheme(value).startswith(BAD_SCHEMES):
            problems.append(f"{name}=\"{value[:40]}\" on <{tag}>")
        elif tag == "meta" and name == "http-equiv" and (value or "").lower() != "content-security-policy":
            problems.append(f"<meta http-equiv=\"{value}\">")
    return problems


def _script(attrs: dict[str, str | None], body: str) -> tuple[str | None, str | None]:
    """What an inline script may not be, or the hash of a theme's script the policy allows."""
    if "src" in attrs:
        return ("a <script src> with inline content" if body.strip() else None), None
    kind = (attrs.get("type") or "").lower()
    if kind in DATA_SCRIPTS:
        try:
            json.loads(body)
        except ValueError:
            return f"a {kind} block that does not parse", None
        return None, None
    if any(pattern.fullmatch(body) for pattern in THEME_SCRIPTS):
        return None, "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
    return f"an inline script the theme does not ship: {body[:60]!r}", None


def _within(href: str | None) -> bool:
    """Whether a link's target is the site's business: a page or file of this site (a relative
    link, as every link of ours is; one with a scheme or a host leads elsewhere)."""
    url = re.sub(r"[\t\n\r]", "", href or "").strip(_C0_AND_SPACE)  # as the URL standard reads it
    return bool(url) and not url.startswith(("#__", "//")) and not _SCHEME.match(url)


_C0_AND_SPACE = "".join(map(chr, range(33)))
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _scheme(url: str) -> str:
    """The scheme as a browser reads it: control characters and spaces are ignored."""
    return re.sub(r"[\x00-\x20]", "", url).lower()


class _Scan(NamedTuple):
    problems: list[str]
    hashes: set[str]
    ids: set[str]
    links: list[tuple[str, str, str]]  # (href, the file it leads to, the id it names)


def _scan(item: tuple[Path, str]) -> _Scan:
    """One built page, parsed as a browser parses it (lexbor, an HTML5 parser), template contents
    included, and where it has a `<noscript>`, parsed again as a browser without JavaScript does:
    what it refuses, the script hashes it allowed, its ids and its links."""
    root, name = item
    text = (root / name).read_text(encoding="utf-8")
    scan = _read(LexborHTMLParser(text, scripting=True), name)
    if _NOSCRIPT.search(text):
        other = _read(LexborHTMLParser(text, scripting=False), name)
        scan.problems.extend((Counter(other.problems) - Counter(scan.problems)).elements())
        scan.links.extend((Counter(other.links) - Counter(scan.links)).elements())
        scan.ids.update(other.ids)
        scan.hashes.update(other.hashes)
    return scan


_NOSCRIPT = re.compile(r"<noscript", re.IGNORECASE)


def _read(parsed: LexborHTMLParser, name: str) -> _Scan:
    scan = _Scan([], set(), set(), [])
    fragments = [parsed.root] if parsed.root else []
    while fragments:
        fragment = fragments.pop()
        fragments += fragment.template_fragments()
        for node in fragment.traverse(include_text=False):
            tag, attrs = node.tag or "", node.attributes
            if attrs or tag in FORBIDDEN:
                if attrs.get("id"):
                    scan.ids.add(attrs["id"] or "")
                if tag == "a" and _within(href := attrs.get("href") or ""):
                    scan.links.append((href, *_target(name, href)))
                scan.problems.extend(_element(tag, attrs.items()))
            if tag == "script":
                problem, allowed = _script(attrs, node.text(deep=True))
                scan.problems.extend([problem] if problem else [])
                scan.hashes.update([allowed] if allowed else [])
    return scan


def audit(root: Path, workers: int = os.cpu_count() or 1, meanwhile: Callable[[], None] = lambda: None) -> tuple[list[Diagnostic], list[str]]:
    """Read every HTML page under `root` (on `workers` processes, `meanwhile` running beside them
    once they have started); returns what it refuses, as diagnostics located in the built pages,
    and the allowed script hashes."""
    names = [path.relative_to(root).as_posix() for path in sorted(root.rglob("*.html"))]
    scans = dict(zip(names, map_items(_scan, [(root, n) for n in names], workers, meanwhile=meanwhile), strict=True))
    findings: list[Diagnostic] = []
    for name, scan in scans.items():
        broken = [] if name == "404.html" or name.endswith("/404.html") else _broken(scan.links, scans, root)
        if scan.problems or broken:  # rare: read the page again to say where
            findings += _locate(root, name, scan.problems, broken)
    return findings, sorted(set().union(*(scan.hashes for scan in scans.values())))


def _broken(links: list[tuple[str, str, str]], scans: dict[str, _Scan], root: Path) -> list[tuple[str, str, str]]:
    """The links to no file of the site, or to an id their target page does not have:
    (link, problem, hint)."""
    found = []
    for href, target, fragment in links:
        if target in scans:
            if fragment and fragment not in scans[target].ids:
                found.append((href, f"a link to '{href}', whose page has no element with id '{fragment}'",
                              "a template links a part of a page that does not exist"))
        elif not (root / target).is_file():
            found.append((href, f"a link to '{href}', which is no page or file of the site", "a template links a page that was not built"))
    return found


_PLAIN = re.compile(r"(?:[\w.-]+/)*[\w.-]*")  # a relative path, and nothing a URL parser would read more into


def _target(page: str, href: str) -> tuple[str, str]:
    """The file of the site a link on `page` leads to, and the id it names ('' for none)."""
    path, _, fragment = href.partition("#")
    if not _PLAIN.fullmatch(path):
        return _resolve(page, href)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if joined.startswith(".."):  # above the site's root, where a URL stays
        return _resolve(page, href)
    if path.endswith("/") or path.rpartition("/")[2] in (".", ".."):
        joined = "index.html" if joined == "." else joined + "/index.html"
    return joined, unquote(fragment)


def _resolve(page: str, href: str) -> tuple[str, str]:
    """`_target` by the URL parser's rules (ten times slower); an escaped dot segment (`%2e%2e`)
    is one too, as browsers read it, and never leads above the site's root."""
    _, _, path, _, fragment = urlsplit(urljoin(SITE + page, href))
    path = unquote(path.removeprefix("/"))
    folder = path.endswith("/") or path.rpartition("/")[2] in ("", ".", "..")
    path = posixpath.normpath("/" + path).lstrip("/")
    return (f"{path}/index.html".lstrip("/") if folder else path), unquote(fragment)


def _locate(root: Path, name: str, problems: list[str], broken: list[tuple[str, str, str]]) -> list[Diagnostic]:
    """The diagnostics for what `_scan` found in page `name`, each where Python's HTML parser finds
    it; what that parser reads differently from a browser stays at the page's start."""
    page = _Page(name)
    page.feed((root / name).read_text(encoding="utf-8"))
    page.close()
    located, links, findings = list(page.findings), list(page.links), []
    for problem in problems:
        match = next((d for d in located if d.message == problem), None)
        if match:
            located.remove(match)
        findings.append(match or _refuse(Location(name, 1, 1), problem + " (as a browser reads the page)"))
    for href, problem, hint in broken:
        where = next((link for link in links if link[0] == href), None)
        if where:
            links.remove(where)
        findings.append(error(where[1] if where else Location(name, 1, 1), problem, "audit", hint))
    return sorted(findings, key=lambda d: (d.location.line, d.location.column))


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
