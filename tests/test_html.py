"""Every page of the bundled and the fixture site is valid HTML (the Nu Html Checker, the W3C's own), and
every link and fragment within the site leads to a file and an id that exist."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import ROOT, SITE_URL
from tests.pages import read

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# What Material for MkDocs writes into every page and no small override can change: the message, and a
# piece of the element it is about. base.html writes the drawer and search toggles (checkboxes) outside any
# block, with autocomplete="off" so that Firefox does not restore them opened when a reader comes back.
AUTOCOMPLETE = (
    "Attribute 'autocomplete' is only allowed when the input type is 'color', 'date', 'datetime-local', 'email',"
    " 'hidden', 'month', 'number', 'password', 'range', 'search', 'tel', 'text', 'time', 'url', or 'week'."
)
MATERIAL = [
    (AUTOCOMPLETE, 'type="checkbox" id="__drawer" autocomplete="off">'),
    (AUTOCOMPLETE, 'type="checkbox" id="__search" autocomplete="off">'),
]


def nu_errors(*sites: Path) -> list[dict]:
    """The checker's errors over every page of `sites`, from one run (one JVM for all the pages)."""
    assert shutil.which("java") and VNU.is_file(), "the HTML checker needs Java and vnu-jar: `make test` installs both"
    command = ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--asciiquotes", "--stdout",
               "--exit-zero-always", "--skip-non-html", *map(str, sites)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["messages"]


def located(message: dict, site: Path) -> str:
    path = unquote(urlsplit(message.get("url", "")).path)
    where = Path(path).relative_to(site).as_posix() if path.startswith(str(site)) else path
    line = message.get("firstLine", message.get("lastLine", 0))
    return f"{where}:{line}:{message.get('firstColumn', 0)}: {message['message']}"


@pytest.fixture(scope="module")
def errors(bundled_site: Path, fixture_site: Path) -> dict[Path, list[dict]]:
    messages = nu_errors(bundled_site, fixture_site)
    by_site: dict[Path, list[dict]] = {bundled_site: [], fixture_site: []}
    for message in messages:
        site = next((s for s in by_site if unquote(urlsplit(message.get("url", "")).path).startswith(f"{s}/")), None)
        assert site is not None, message  # a message about no page (the checker itself failed) is a failure
        by_site[site].append(message)
    return by_site


def ours(messages: list[dict]) -> list[dict]:
    """The messages about what the project writes: all but MATERIAL's."""
    def materials(m: dict) -> bool:
        return any(m["message"] == text and part in m.get("extract", "") for text, part in MATERIAL)

    return [m for m in messages if not materials(m)]


@pytest.mark.parametrize("name", ["bundled_site", "fixture_site"])
def test_every_page_is_valid_html(errors, request, name: str):
    site = request.getfixturevalue(name)
    assert [located(m, site) for m in ours(errors[site])] == []


def test_materials_own_errors_are_still_there(errors, bundled_site: Path):
    """The exceptions above are still needed: when a Material release fixes them, remove them."""
    pages = len(list(bundled_site.rglob("*.html")))
    assert len(errors[bundled_site]) - len(ours(errors[bundled_site])) == len(MATERIAL) * pages


def test_the_checker_finds_errors(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><a href="#a b">x</a>'
                    '<figure><img src="a.png" alt="a"><figcaption>c</figcaption><ul><li>i</li></ul></figure>')
    assert [located(m, tmp_path) for m in nu_errors(tmp_path)] == [
        "index.html:1:48: Bad value '#a b' for attribute 'href' on element 'a': Illegal character in fragment. Space"
        " is not allowed.",
        "index.html:1:127: Element 'ul' not allowed as child of element 'figure' in this context. (Suppressing"
        " further errors from this subtree.)",
    ]


LINKS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "use": "href"}


def dead_links(site: Path) -> list[str]:
    """Every href and src of every page that points into the site (relative, or under the site's address)
    and names a file that does not exist, or a fragment that is no id of the page it names."""
    pages = {p.relative_to(site).as_posix(): read(p) for p in sorted(site.rglob("*.html"))}
    ids = {path: {e.attrs["id"] for e in page.elements if e.attrs.get("id")} for path, page in pages.items()}
    dead = []
    for path, page in pages.items():
        here = SITE_URL + path.removesuffix("index.html")
        for element in page.elements:
            value = element.attrs.get(LINKS.get(element.tag, "")) or element.attrs.get("xlink:href")
            if not value:
                continue
            url = urlsplit(urljoin(here, value))
            if f"{url.scheme}://{url.netloc}/" != SITE_URL:
                continue  # another site (checked by generator.linkcheck); links to SITE_URL itself are checked here
            target = unquote(url.path).removeprefix("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            elif (site / target).is_dir():
                target += "/index.html"
            if not (site / target).is_file():
                dead.append(f"{path}: <{element.tag}> {value!r}: no file {target}")
            elif url.fragment and target in ids and unquote(url.fragment) not in ids[target]:
                dead.append(f"{path}: <{element.tag}> {value!r}: no id {unquote(url.fragment)!r} in {target}")
    return dead


@pytest.mark.parametrize("name", ["bundled_site", "fixture_site"])
def test_every_link_within_the_site_leads_to_a_file_and_an_id(request, name: str):
    assert dead_links(request.getfixturevalue(name)) == []


def test_a_dead_link_and_a_dead_fragment_are_found(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">h</h2><a href="#here">ok</a><a href="../a/#gone">x</a>')
    (tmp_path / "index.html").write_text(
        f'<a href="a/">ok</a><a href="{SITE_URL}b/">x</a><img src="i.png"><a href="https://elsewhere.example/">ok</a>'
    )
    assert dead_links(tmp_path) == [
        "a/index.html: <a> '../a/#gone': no id 'gone' in a/index.html",
        "index.html: <a> 'https://who-says-what.example/b/': no file b/index.html",
        "index.html: <img> 'i.png': no file i.png",
    ]


def test_overridden_material_partials_name_the_installed_release():
    """theme/partials/header.html and toc.html are copies of Material's with a change each: a Material
    upgrade must compare them with its own (then update the release they name)."""
    release = importlib.metadata.version("mkdocs-material")
    for name in ("header.html", "toc.html"):
        assert f"Material's partials/{name} ({release})" in (ROOT / "theme" / "partials" / name).read_text()
