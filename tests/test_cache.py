"""The cache speeds up generate and can never publish stale content."""

from __future__ import annotations

import copy
import datetime
import shutil
from pathlib import Path

import jinja2
import pytest
import yaml

from generator import build, cache, pages, render, schema
from tests.conftest import ROOT, TODAY, write_config
from tests.golden import FIXTURE


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).as_posix().startswith(".cache/")
    }


def cold(content: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "cold"
    shutil.rmtree(out, ignore_errors=True)
    assert build.generate(content, ROOT / "site_config.yml", out, TODAY, cached=False).site is not None
    return tree(out)


def test_an_edit_rewrites_only_dependent_pages_and_matches_a_cold_run(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "docs"
    first = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    assert (out / build.CACHE).is_file()
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    record = content / "actors/operator.yml"
    record.write_text(record.read_text().replace("name: Bridge Operator", "name: Bridge Company"))
    second = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    assert sorted(second.changed) == [
        "actors/index.md", "actors/operator/index.md", "data/explainers.json", "explainers/who-says-the-bridge-fell/index.md",
        "explainers/who-says-the-ferry-sank/index.md", "sources/index.md",
        # the Ukrainian edition has the bridge explainer (translated), not the ferry one
        "uk/actors/index.md", "uk/actors/operator/index.md", "uk/data/explainers.json", "uk/explainers/who-says-the-bridge-fell/index.md",
        "uk/sources/index.md",
    ]
    unchanged = [p for p in mtimes if p.relative_to(out).as_posix() not in second.changed]
    assert unchanged and all(p.stat().st_mtime_ns == mtimes[p] for p in unchanged)
    assert tree(out) == cold(content, tmp_path)
    assert len(first.changed) > len(second.changed)
    third = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    assert third.changed == () and tree(out) == cold(content, tmp_path)


def test_a_stale_cache_can_never_publish_stale_content(tmp_path: Path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "docs"
    build.generate(content, ROOT / "site_config.yml", out, TODAY)
    # Same record, new words: its key changes, so the old page cannot be used.
    record = content / "explainers/who-says-the-ferry-sank.yml"
    record.write_text(record.read_text().replace("It did not.", "It did not sink."))
    build.generate(content, ROOT / "site_config.yml", out, TODAY)
    assert "It did not sink." in (out / "explainers/who-says-the-ferry-sank/index.md").read_text()
    assert tree(out) == cold(content, tmp_path)
    # A new generator version (code or templates): nothing cached before is used.
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    stale = cache.Cache(out / build.CACHE)
    assert stale.entries
    result = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    fresh = cache.Cache(out / build.CACHE)
    assert not set(fresh.entries) & set(stale.entries)
    assert result.site is not None and tree(out) == cold(content, tmp_path)


def test_a_corrupt_cache_is_an_empty_one(tmp_path: Path):
    out = tmp_path / "docs"
    (out / ".cache").mkdir(parents=True)
    (out / build.CACHE).write_bytes(b"not a pickle")
    assert build.generate(FIXTURE, ROOT / "site_config.yml", out, TODAY).site is not None
    assert tree(out) == cold(FIXTURE, tmp_path)


def test_errors_from_cached_records_are_still_reported(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    record = content / "sources/operator-post.yml"
    record.write_text(record.read_text().replace("kind: social-post", "kind: tweet"))
    config = write_config(tmp_path)
    expected = [
        "content/sources/operator-post.yml:3:7: error: unknown source kind 'tweet'; expected one of news, statement,"
        " briefing, interview, video, social-post, assessment, map, document [unknown-value]"
    ]
    for run in range(2):  # the second run takes every record's result from the cache
        c = cache.Cache(tmp_path / "cache.pickle")
        site, diagnostics = build.check(content, config, TODAY, c)
        c.save()
        assert site is None and [str(d) for d in diagnostics if d.severity == "error"] == expected
        assert c.added is (run == 0)


def test_small_additions_go_to_a_delta_and_unused_entries_are_dropped_later(tmp_path: Path):
    path = tmp_path / "c.pickle"
    first = cache.Cache(path)
    for i in range(100):
        first.put(f"k{i}", i)
    first.save()
    base = path.read_bytes()
    second = cache.Cache(path)
    assert [second.get(f"k{i}") for i in range(100)] == list(range(100))
    second.put("new", "value")
    second.save()
    assert path.read_bytes() == base and (tmp_path / "c.delta.pickle").is_file()
    third = cache.Cache(path)
    assert third.get("new") == "value" and third.get("k5") == 5
    # A run that uses few of the old entries rewrites the base with only what it used.
    third.save()
    assert cache.Cache(path).entries.keys() == {"new", "k5"} and not (tmp_path / "c.delta.pickle").exists()


def test_a_new_value_for_an_old_key_goes_to_the_delta_too(tmp_path: Path):
    """As when an edit is undone: the old page keys come back, their files written since, and
    the files are recorded anew. Lost, every later run would render those pages again."""
    path = tmp_path / "c.pickle"
    first = cache.Cache(path)
    for i in range(100):
        first.put(f"k{i}", i)
    first.save()
    second = cache.Cache(path)
    [second.get(f"k{i}") for i in range(100)]
    second.put("k5", "again")
    second.save()
    assert (tmp_path / "c.delta.pickle").is_file() and cache.Cache(path).get("k5") == "again"


# Pages that show a few fields of many records (listings, the feed) are keyed by those fields:
# each edit below changes one of them, and the output must still match a cold run.
@pytest.mark.parametrize(
    "path, old, new",
    [
        ("explainers/who-says-the-ferry-sank.yml", "question: Who says the ferry sank?", "question: Who says it sank?"),
        ("explainers/who-says-the-ferry-sank.yml", "summary: It did not.", "summary: It did not, *really*."),
        ("explainers/who-says-the-ferry-sank.yml", "published: 2025-11-01", "published: 2025-11-02"),
        ("explainers/who-says-the-ferry-sank.yml", "date: 2025-11-01", "date: 2025-10-31"),
        ("explainers/who-says-the-ferry-sank.yml", "related: [who-says-the-bridge-fell]", "tags: [ferries]"),
        ("sources/operator-post.yml", "title: Bridge is fine", "title: Bridge is fine, says operator"),
        ("actors/operator.yml", "kind: other", "kind: government"),
        ("explainers/who-says-the-ferry-sank.yml", "published: 2025-11-01", "published: 2025-10-30"),
        ("sources/operator-post.yml", "publisher: operator", "publisher: ministry"),
        ("explainers/who-says-the-ferry-sank.yml", "date: 2025-11-01", "date: 2024-11-01"),
    ],
)
@pytest.mark.parametrize("split", [False, True], ids=["one-list", "split-lists"])
def test_listing_pages_and_the_feed_follow_every_field_they_show(tmp_path: Path, monkeypatch, path: str, old: str, new: str, split: bool):
    if split:  # explainers by month, sources by publisher, statements by year, as on a large site
        monkeypatch.setattr(pages.explainers, "PER_PAGE", 1)
        monkeypatch.setattr(pages.sources, "PER_PAGE", 1)
        monkeypatch.setattr(pages.actor, "STATEMENTS_PER_PAGE", 1)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "docs"
    build.generate(content, ROOT / "site_config.yml", out, TODAY)
    record = content / path
    assert old in record.read_text()
    record.write_text(record.read_text().replace(old, new, 1))
    second = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    assert second.site is not None, second.diagnostics
    assert tree(out) == cold(content, tmp_path)


def test_an_edited_quote_renders_only_the_pages_that_read_its_record(tmp_path: Path, monkeypatch):
    """A page is rendered again when a record in its context changed: the explainer's own page,
    its actors' pages and the listings that show it; the others (and the feed, which shows no
    quote) are not. Only files whose bytes change are written."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "docs"
    build.generate(content, ROOT / "site_config.yml", out, TODAY)
    rendered: list[str] = []
    original = jinja2.Template.render
    monkeypatch.setattr(jinja2.Template, "render", lambda self, *a, **k: rendered.append(self.name) or original(self, *a, **k))
    feeds = []
    monkeypatch.setattr(render, "feed", lambda *a: feeds.append(1) or b"")
    record = content / "explainers/who-says-the-bridge-fell.yml"
    record.write_text(record.read_text().replace("quote: Part of the bridge may still stand.", "quote: Part of it stands."))
    second = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    assert sorted(rendered) == [  # in English and in the Ukrainian edition, which has only the bridge explainer
        "actor.md", "actor.md", "actor.md", "actor.md", "explainer.md", "explainer.md", "explainer.md", "explainers.md",
        "explainers.md", "history.md", "history.md", "home.md", "home.md", "sources.md", "sources.md", "tag.md", "tag.md",
        "tag.md", "tag.md",
    ]
    assert feeds == []
    assert sorted(second.changed) == [
        "actors/ministry/index.md", "data/explainers.json", "explainers/who-says-the-bridge-fell/index.md",
        "uk/actors/ministry/index.md", "uk/data/explainers.json", "uk/explainers/who-says-the-bridge-fell/index.md",
    ]


def test_a_page_changed_by_hand_is_written_again(tmp_path: Path):
    """Cached pages are vouched for by their file's size and modification time, not read: a file
    changed since (even to the same size) no longer matches and is written again."""
    out = tmp_path / "docs"
    build.generate(FIXTURE, ROOT / "site_config.yml", out, TODAY)
    page = out / "explainers/who-says-the-bridge-fell/index.md"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"bridge", b"BRIDG3"))
    second = build.generate(FIXTURE, ROOT / "site_config.yml", out, TODAY)
    assert second.changed == ("explainers/who-says-the-bridge-fell/index.md",)
    assert page.read_bytes() == original
    assert build.generate(FIXTURE, ROOT / "site_config.yml", out, TODAY).changed == ()


def test_a_reopened_cache_holds_what_its_files_hold(tmp_path: Path, monkeypatch):
    """The preview keeps the cache between runs (`Cache.reopen`) instead of reading its files
    again: it holds what reading them gives, and a run with it gives the output of a cold run."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "docs"
    first = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    kept = first.cache.reopen()
    assert kept.entries and kept.entries == cache.Cache(out / build.CACHE).entries
    record = content / "explainers/who-says-the-bridge-fell.yml"
    record.write_text(record.read_text().replace("quote: Part of the bridge may still stand.", "quote: Part of it stands."))
    expected = cold(content, tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(cache.Cache, "_read", staticmethod(lambda path: {} if path is None else pytest.fail(f"read {path}")))
        second = build.generate(content, ROOT / "site_config.yml", out, TODAY, cache=kept)
    assert sorted(second.changed) == [
        "actors/ministry/index.md", "data/explainers.json", "explainers/who-says-the-bridge-fell/index.md",
        "uk/actors/ministry/index.md", "uk/data/explainers.json", "uk/explainers/who-says-the-bridge-fell/index.md",
    ]
    assert tree(out) == expected
    assert second.cache.reopen().entries == cache.Cache(out / build.CACHE).entries


def edit_and_compare(tmp_path: Path, content: Path, edit) -> None:
    """Generate with the cache, `edit(content)`, generate again: the output is a cold run's."""
    out = tmp_path / "docs"
    build.generate(content, ROOT / "site_config.yml", out, TODAY)
    edit(content)
    again = build.generate(content, ROOT / "site_config.yml", out, TODAY)
    assert again.site is not None, [str(d) for d in again.diagnostics]
    assert tree(out) == cold(content, tmp_path)


def test_a_field_a_template_starts_to_show_is_followed_by_the_cache(tmp_path: Path, monkeypatch):
    """No cache key is kept in step with a template by hand: an actor's page that starts to show
    each statement's locator is rendered again when a locator changes."""
    theme = tmp_path / "theme"
    shutil.copytree(render.THEME, theme)
    monkeypatch.setattr(render, "THEME", theme)
    statements = theme / "markdown/_statements.md"
    shown = statements.read_text().replace("{{ statement.date | date }}, <strong>", "{{ statement.date | date }} ({{ statement.locator }}), <strong>")
    assert shown != statements.read_text()
    statements.write_text(shown)
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)

    def edit(content: Path) -> None:
        record = content / "explainers/who-says-the-bridge-fell.yml"
        text = record.read_text()
        assert "locator: paragraph 2" in text
        record.write_text(text.replace("locator: paragraph 2", "locator: paragraph 3"))

    edit_and_compare(tmp_path, content, edit)
    assert "(paragraph 3)" in (tmp_path / "docs/actors/ministry/index.md").read_text()


def scalar_edits() -> list[tuple[str, tuple, object]]:
    """(record file, path to the value, its type) for every scalar field of every record kind
    that the fixture site's records hold, found by walking the format's declaration."""
    found = []

    def walk(file: str, record: schema.Record, value: dict, prefix: tuple) -> None:
        for field in record.fields:
            if field.name not in value:
                continue
            many = isinstance(field.type, schema.List)
            inner = field.type.item if many else field.type
            if isinstance(inner, schema.Record):
                items = value[field.name] if many else [value[field.name]]
                for i, item in enumerate(items):
                    walk(file, inner, item, (*prefix, field.name, i) if many else (*prefix, field.name))
            elif not many:
                found.append((file, (*prefix, field.name), field.type))

    for kind in schema.KINDS:
        for path in sorted((FIXTURE / kind.folder).glob("*.yml")):
            walk(f"{kind.folder}/{path.name}", kind.record, yaml.safe_load(path.read_text()), ())
    return found


def candidates(kind: object, value: object) -> list:
    """Other values of the same type, to try in turn until one passes `check`."""
    if isinstance(kind, schema.Enum):
        return [v for v in kind.values if v != value]
    if isinstance(kind, schema.Ref) and kind.kind != "affiliation":
        return [p.stem for p in sorted((FIXTURE / f"{kind.kind}s").glob("*.yml")) if p.stem != value]
    if isinstance(kind, schema.Ref):
        return ["russia", "ukraine", "independent"]
    if isinstance(kind, schema.Bool):
        return [not value]
    if isinstance(kind, schema.Number):
        return [value - 1]
    if isinstance(kind, schema.Date):
        day = value if isinstance(value, datetime.date) else datetime.date(int(str(value)[:4]), 1, 1)
        return [day - datetime.timedelta(days=1), day + datetime.timedelta(days=1), day - datetime.timedelta(days=40)]
    if isinstance(kind, schema.Lang):
        return [lang for lang in ("en", "uk", "ru") if lang != value]
    if isinstance(value, dict):
        return [{k: f"{v} changed" for k, v in value.items()}]
    if str(value).startswith("http"):
        return [f"{value}/changed"]
    return [f"{value} changed"]


def consistent(data: dict, field: tuple) -> None:
    """An explainer's status is its latest status update's: an edit of one is an edit of both."""
    statuses = [u for u in data.get("updates", ()) if "status" in u]
    if field == ("status",) and statuses:
        statuses[-1]["status"] = data["status"]
    elif field[0] == "updates" and field[-1] == "status" and data["updates"][field[1]] is statuses[-1]:
        data["status"] = statuses[-1]["status"]


@pytest.mark.parametrize("path, field, kind", scalar_edits(), ids=lambda v: "/".join(map(str, v)) if isinstance(v, tuple) else str(v)[:12])
def test_every_scalar_field_edited_in_turn_matches_a_cold_run(tmp_path: Path, path: str, field: tuple, kind: object):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    record = content / path
    original = yaml.safe_load(record.read_text())
    holder = original
    for step in field[:-1]:
        holder = holder[step]
    for value in candidates(kind, holder[field[-1]]):
        edited = copy.deepcopy(original)
        target = edited
        for step in field[:-1]:
            target = target[step]
        target[field[-1]] = value
        consistent(edited, field)
        text = yaml.safe_dump(edited, allow_unicode=True, sort_keys=False)
        record.write_text(text)
        if build.check(content, ROOT / "site_config.yml", TODAY)[0] is not None:
            break
    else:
        pytest.fail(f"no valid edit of {path}:{field}")
    record.write_text(yaml.safe_dump(original, allow_unicode=True, sort_keys=False))
    edit_and_compare(tmp_path, content, lambda content: record.write_text(text))



def test_the_generators_version_covers_its_message_catalogs(tmp_path: Path):
    """A translation edited in theme/locales/ changes the pages it shows: every cached page
    must be rendered again."""
    theme = tmp_path / "theme"
    shutil.copytree(render.THEME, theme)
    before = cache.fingerprint(theme)
    catalog = theme / "locales/uk/LC_MESSAGES/messages.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "Хронологія"', 'msgstr "Хронологія подій"'), encoding="utf-8")
    assert 'msgstr "Хронологія подій"' in catalog.read_text(encoding="utf-8")
    assert cache.fingerprint(theme) != before
