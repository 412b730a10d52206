"""The who-says-what chart: one lane per actor, marks by stance that never overlap, a text alternative."""

from __future__ import annotations

import re
from types import MappingProxyType

from generator.chart import MARK, WIDTH, chart
from generator.i18n import Interface
from generator.link import Site
from generator.model import Actor, Date, Explainer, Localized, Settings, Statement, Update
from tests.pages import parse

SETTINGS = Settings("S", "https://s.example/", "en", MappingProxyType({"en": "English"}), MappingProxyType({"x": "X"}))


def loc(text: str) -> Localized:
    return Localized((("en", text),))


def site_with(statements, updates=()) -> tuple[Site, Explainer]:
    actors = {a: Actor(a, "", loc(a.upper()), "person", "x") for a in {s.by for s in statements}}
    explainer = Explainer("e", "", loc("Q?"), loc("C."), "contested", loc("S."), Date(2025, 12, 1),
                          tuple(statements), updates=tuple(updates))
    empty = MappingProxyType({})
    return Site(SETTINGS, MappingProxyType({"e": explainer}), MappingProxyType(actors), empty, empty, empty, empty), explainer


def marks(svg: str) -> list[tuple[str, float, float]]:
    """(stance, x, y) of every mark's centre."""
    found = []
    for stance, shape in re.findall(r'chart__mark--(\w+)"><title>[^<]*</title>(<[^>]+>)', svg):
        if shape.startswith("<circle"):
            x, y = (float(n) for n in re.findall(r'c[xy]="([\d.]+)"', shape))
        elif shape.startswith("<rect"):
            x, y = (float(n) + MARK for n in re.findall(r' [xy]="([\d.]+)"', shape))
        else:  # a path that starts at the top vertex, MARK + 1 above the centre
            x, top = (float(n) for n in re.search(r"M([\d.]+) ([\d.]+)", shape).groups())
            y = top + MARK + 1
        found.append((stance, x, y))
    return found


def test_thirty_statements_on_close_dates_never_overlap():
    stances = ["supports", "disputes", "qualifies", "reports"]
    statements = [
        Statement(f"actor-{i % 3}", stances[i % 4], Date(2025, 12, 1 + i % 3), "s", quote="q") for i in range(30)
    ]
    site, explainer = site_with(statements)
    svg = chart(explainer, site.actors, Interface(SETTINGS))
    found = marks(svg)
    assert len(found) == 30
    for lane in {y for _, _, y in found}:
        xs = sorted(x for _, x, y in found if y == lane)
        assert all(b - a >= 2 * MARK for a, b in zip(xs, xs[1:], strict=False)), xs
        assert all(0 <= x <= WIDTH for x in xs)
    assert len({y for _, _, y in found}) == 3  # one lane per actor


def test_shapes_carry_the_stance_and_the_text_alternative_says_it_all():
    statements = [
        Statement("a", "supports", Date(2025, 12, 1), "s", quote="q"),
        Statement("b", "disputes", Date(2025, 12, 2), "s", quote="q"),
        Statement("b", "qualifies", Date(2025, 12), "s", quote="q"),
        Statement("c", "reports", Date(2025, 12, 3), "s", quote="q"),
    ]
    updates = [Update(Date(2025, 12, 1), loc("n"), status="unverified"), Update(Date(2025, 12, 2), loc("n"), status="contested")]
    site, explainer = site_with(statements, updates)
    svg = chart(explainer, site.actors, Interface(SETTINGS))
    assert '<a href="#statement-1" class="chart__mark chart__mark--supports"><title>A, 1 December 2025: supports the claim</title><circle' in svg
    assert 'chart__mark--disputes"><title>B, 2 December 2025: disputes the claim</title><rect' in svg
    assert 'chart__mark--qualifies"><title>B, December 2025: qualifies the claim</title><path' in svg
    assert 'class="chart__span"' in svg  # the month-precise date shows its extent
    assert 'role="group" aria-labelledby="chart-title"' in svg
    caption = re.search(r"<figcaption>(.*)</figcaption>", svg).group(1)
    assert caption == (
        "4 statements by 3 actors between 1 December 2025 and December 2025: 1 supports, 1 disputes,"
        " 1 qualifies, 1 reports. Status: Unverified from 1 December 2025; Contested from 2 December 2025."
    )
    assert svg.count('class="chart__status chart__status--') == 2


def test_names_in_the_chart_are_escaped():
    statements = [Statement("a", "supports", Date(2025, 12, 1), "s", quote="q")]
    site, explainer = site_with(statements)
    hostile = Actor("a", "", loc("</text><script>alert(1)</script>\n&"), "person", "x")
    site = Site(SETTINGS, site.explainers, MappingProxyType({"a": hostile}), *[MappingProxyType({})] * 4)
    svg = chart(explainer, site.actors, Interface(SETTINGS))
    page = parse(svg)
    assert page.find_all("script") == []
    assert [e.text for e in page.find_all("text", **{"class": "chart__label"})] == ["</text><script>alert(1)</script> &"]


def test_the_axis_dates_never_overlap():
    """One date under a chart of one day; the last date never over the first, however close."""
    one_day = [Statement("a", "supports", Date(2025, 12, 1), "s", quote="q")]
    close = one_day + [Statement("b", "disputes", Date(2025, 12, 2), "s", quote="q")]
    for statements, dates in ((one_day, ["1 December 2025"]), (close, ["1 December 2025", "2 December 2025"])):
        site, explainer = site_with(statements)
        axis = parse(chart(explainer, site.actors, Interface(SETTINGS))).find_all("text", **{"class": "chart__axis"})
        assert [e.text for e in axis] == dates
        if len(axis) == 2:  # the last date's label, anchored at its end, starts right of the first's end
            first_end = 8 + 8 * len(axis[0].text)
            assert float(axis[1].attrs["x"]) - 8 * len(axis[1].text) > first_end
