"""`python -m generator.linkcheck`: check every external URL in the records, report the dead ones.

The URLs are those of the sources (`url`, `archive`), of the actors (`url`, `same_as`) and the
http(s) links written in the Markdown fields (summaries, notes, context, assessments,
descriptions). Each distinct URL is asked once: HEAD, then one GET if HEAD failed (many servers
refuse HEAD), with a timeout on every request, a bounded pool of workers, at most two requests
at a time to one host, and no retries.

Output (stdout) is Markdown, ready to paste into an issue:

    ## 2 dead links (of 31 checked)

    - [ ] https://example.org/gone (content/sources/x.yml: archive) — HTTP 404

Exit status: 0 no dead link, 1 dead links, 2 nothing could be checked: usage or content errors,
or no host answered at all (the network is down: not an issue to file).
A URL the server refused to show a robot (HTTP 401, 403, 429) is listed apart, as not
verified; it does not count as dead.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import re
import socket
import ssl
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from generator.build import check
from generator.cli import add_input_options, missing_input
from generator.model import Localized

USER_AGENT = "who-says-what-linkcheck/1 (a weekly check of the sources cited; one request per URL)"
NOT_VERIFIED = {401, 403, 429}
PER_HOST = 2
MARKDOWN_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


@dataclass(frozen=True)
class Use:
    """Where a URL is written: a record's path and the field."""

    path: str
    field: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}"


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    reason: str  # 'HTTP 404', 'timed out after 10 s', 'connection refused', ...
    verified: bool = True  # False: the server refused the checker (401, 403, 429)
    answered: bool = True  # False: no HTTP response at all (DNS, connection, timeout, TLS)


def _markdown_urls(text: Localized | None) -> list[str]:
    if text is None:
        return []
    found: list[str] = []
    for value in text.all_text():
        for url in MARKDOWN_URL.findall(value):
            found.append(url.rstrip(".,;:!?"))
    return found


def collect(site) -> dict[str, list[Use]]:  # noqa: C901 (one branch per kind of link)
    """Every external URL of the site, in first-seen order, with every place it is written."""
    uses: dict[str, list[Use]] = {}

    def add(url: str | None, path: str, field: str) -> None:
        if url and url.lower().startswith(("http://", "https://")):
            uses.setdefault(url, []).append(Use(path, field))

    for source in site.sources.values():
        add(source.url, source.path, "url")
        add(source.archive, source.path, "archive")
    for actor in site.actors.values():
        add(actor.url, actor.path, "url")
        add(actor.same_as, actor.path, "same_as")
        for url in _markdown_urls(actor.description):
            add(url, actor.path, "description")
    for explainer in site.explainers.values():
        for name in ("summary", "assessment", "context"):
            for url in _markdown_urls(getattr(explainer, name)):
                add(url, explainer.path, name)
        for i, statement in enumerate(explainer.statements, 1):
            for url in _markdown_urls(statement.note):
                add(url, explainer.path, f"statements[{i}].note")
        for i, update in enumerate(explainer.updates, 1):
            for url in _markdown_urls(update.note):
                add(url, explainer.path, f"updates[{i}].note")
    return uses


class _NoProxyForLoopback(urllib.request.ProxyHandler):
    """The environment's proxy, if any, except for loopback addresses."""

    def proxy_open(self, req, proxy, type):
        if urllib.parse.urlsplit("//" + req.host).hostname in ("127.0.0.1", "localhost", "::1"):
            return None
        return super().proxy_open(req, proxy, type)


class _KeepHead(urllib.request.HTTPRedirectHandler):
    """Follow redirects (at most 10) without turning a HEAD into a GET."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        _NoProxyForLoopback(), _KeepHead(), urllib.request.HTTPSHandler(context=ssl.create_default_context())
    )


def _ask(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float) -> tuple[int | None, str]:
    """One request (redirects followed). (status, '') or (None, why it failed)."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        error.close()
        return error.code, ""
    except urllib.error.URLError as error:
        return None, _why(error.reason, timeout)
    except TimeoutError as error:
        return None, _why(error, timeout)
    except (http.client.HTTPException, OSError, ValueError) as error:
        return None, _why(error, timeout)


def _why(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, http.client.RemoteDisconnected):
        return "connection closed without a response"
    if isinstance(reason, ConnectionResetError):
        return "connection reset"
    text = str(reason).strip() or type(reason).__name__
    return text[:120]


def probe(url: str, timeout: float, opener: urllib.request.OpenerDirector | None = None) -> Result:
    """HEAD, then one GET unless HEAD succeeded or timed out (a slow host is not asked twice)."""
    opener = opener or _opener()
    status, why = _ask(opener, url, "HEAD", timeout)
    if status is not None and status < 400:
        return Result(url, True, f"HTTP {status}")
    if status is not None or not why.startswith("timed out"):
        status, why = _ask(opener, url, "GET", timeout)
    if status is None:
        return Result(url, False, why, answered=False)
    if status < 400:
        return Result(url, True, f"HTTP {status}")
    return Result(url, False, f"HTTP {status}", verified=status not in NOT_VERIFIED)


def check_urls(urls: list[str], timeout: float, workers: int) -> dict[str, Result]:
    """Probe each URL once, with `workers` threads and at most PER_HOST requests per host."""
    hosts: dict[str, threading.Semaphore] = {}
    lock = threading.Lock()
    opener = _opener()

    def one(url: str) -> Result:
        host = urllib.parse.urlsplit(url).netloc.lower()
        with lock:
            gate = hosts.setdefault(host, threading.Semaphore(PER_HOST))
        with gate:
            return probe(url, timeout, opener)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return dict(zip(urls, pool.map(one, urls), strict=True))


def report(uses: dict[str, list[Use]], results: dict[str, Result]) -> tuple[str, int]:
    """The Markdown report and the number of dead URLs."""
    dead = [r for r in results.values() if not r.ok and r.verified]
    unverified = [r for r in results.values() if not r.ok and not r.verified]

    def line(result: Result) -> str:
        where = "; ".join(str(use) for use in uses[result.url])
        return f"- [ ] {result.url} ({where}) — {result.reason}"

    lines: list[str] = []
    if dead:
        lines += [f"## {len(dead)} dead link{'s' * (len(dead) != 1)} (of {len(results)} checked)", ""]
        lines += [line(r) for r in dead]
    else:
        lines.append(f"No dead links among {len(results)} external URLs.")
    if unverified:
        lines += ["", f"### {len(unverified)} not verified (the server refused the checker; open them by hand)", ""]
        lines += [line(r) for r in unverified]
    return "\n".join(lines), len(dead)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator.linkcheck", description=__doc__.splitlines()[0])
    add_input_options(main)
    main.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")
    main.add_argument("--workers", type=int, default=8, help="requests in flight at once (default: 8)")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    problem = missing_input(args)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.timeout <= 0 or args.workers < 1:
        print("error: --timeout must be positive and --workers at least 1", file=sys.stderr)
        return 2
    site, diagnostics = check(args.content, args.config, datetime.date.today())
    if site is None:
        print("\n".join(str(d) for d in diagnostics if d.severity == "error"), file=sys.stderr)
        print("error: the content has errors; no link was checked", file=sys.stderr)
        return 2
    uses = collect(site)
    results = check_urls(list(uses), args.timeout, args.workers)
    text, dead = report(uses, results)
    print(text)
    if len(results) >= 3 and not any(r.answered for r in results.values()):
        print(f"error: none of the {len(results)} URLs got an HTTP answer; is the network down?", file=sys.stderr)
        return 2
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
