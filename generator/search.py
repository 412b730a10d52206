"""The search index: Pagefind over the built site, in pieces small enough for a CI runner's memory.

Pagefind holds every page's words twice while it builds an index (about 330 kB per explainer:
3.4 GB at 10,000 explainers), so a site of more than `PAGES_PER_INDEX` searched pages is indexed
in several runs, each over at most that many pages of one language, into bundles under
`pagefind/` that the search merges (Pagefind's mergeIndex): the root bundle holds the first part
of the largest language, and its `pagefind-entry.json` lists, under `bundles`, the bundles of
each language, as paths relative to it (theme/assets/javascripts/search-dialog.js reads them).
A smaller site has one bundle, as Pagefind makes it.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# About 1.3 GB of memory for Pagefind at the size of an explainer (1,100 words).
PAGES_PER_INDEX = 4000

LANG = re.compile(rb"<html\b[^>]*?\slang=\"([^\"]*)\"")


class IndexFailed(Exception):
    """Pagefind's output is the message."""


def index_search(site: Path, searched: tuple[str, ...], limit: int = PAGES_PER_INDEX) -> None:
    """Pagefind's chunked index of the pages `searched` (patterns over the built `site`) in
    `site/pagefind/`. Only a page's article is indexed, without what it repeats from other pages
    (the elements the templates mark data-search-exclude) and without the headings' permalinks
    (their ¶ would end every result's title). Above `limit` pages, in parts (see the module)."""
    bundle = site / "pagefind"
    pages = sorted({path.relative_to(site).as_posix() for pattern in searched for path in site.glob(pattern)})
    if len(pages) <= limit:
        run_pagefind(site, "{" + ",".join(searched) + "}", bundle)
        return
    parts = split(site, pages, limit)
    bundles: dict[str, list[str]] = {}
    for name, part in parts:
        # Pagefind takes one glob, too short for a list of pages: each part is a tree of hard links.
        tree = Path(tempfile.mkdtemp(prefix=".search-", dir=site.parent))
        try:
            for page in part:
                (tree / page).parent.mkdir(parents=True, exist_ok=True)
                link(site / page, tree / page)
            languages = run_pagefind(tree, "**/*.html", bundle / name)
        finally:
            shutil.rmtree(tree)
        for language in languages:
            bundles.setdefault(language, []).append(name and name + "/")
    entry = bundle / "pagefind-entry.json"
    write_entry(entry, {**json.loads(entry.read_text(encoding="utf-8")), "bundles": bundles})


def split(site: Path, pages: list[str], limit: int) -> list[tuple[str, list[str]]]:
    """(bundle folder, pages): each language's pages dealt in turn into as few parts as hold them,
    so the parts are alike; the first part of the largest language is the root bundle ("")."""
    by_language: dict[str, list[str]] = {}
    for page in pages:
        with open(site / page, "rb") as file:
            found = LANG.search(file.read(4096))
        by_language.setdefault(found.group(1).decode().lower() if found else "", []).append(page)
    largest = max(by_language, key=lambda language: (len(by_language[language]), language))
    parts = []
    for language, listed in sorted(by_language.items()):
        count = math.ceil(len(listed) / limit)
        for n in range(count):
            name = "" if (language, n) == (largest, 0) else f"{language or 'unknown'}-{n + 1}"
            parts.append((name, listed[n::count]))
    return sorted(parts)


def link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copyfile(source, target)


def run_pagefind(site: Path, glob: str, output: Path) -> list[str]:
    """Index `site` into `output`; the languages of the index."""
    command = [
        sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output), "--silent", "--glob", glob,
        "--root-selector", "article.md-content__inner", "--exclude-selectors", "[data-search-exclude]",
        "--exclude-selectors", ".headerlink",
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (output / "pagefind-ui.js").is_file():
        raise IndexFailed("pagefind: " + result.stdout + result.stderr)
    entry = output / "pagefind-entry.json"
    read = json.loads(entry.read_text(encoding="utf-8"))
    write_entry(entry, read)
    return sorted(read["languages"])


def write_entry(entry: Path, read: dict) -> None:
    # Pagefind lists the languages of a multilingual site in no fixed order: sorted, two builds
    # of the same content stay byte for byte the same.
    entry.write_text(json.dumps(read, sort_keys=True), encoding="utf-8")
