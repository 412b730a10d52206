"""Who says what, as a picture: an inline SVG drawn at build time (no JavaScript, no library).

One lane per actor, each statement a mark at its date (shape and colour by stance, so colour is
never the only signal; a month- or year-precise date also shows its span), and the status
history as a band along the time axis. Designed at 360 units wide so that labels read at their
natural size on a phone; colours come from CSS classes, so dark mode and print restyle it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from generator import markup
from generator.i18n import Interface
from generator.model import STANCE_NAMES, STANCE_VERBS, STATUS_LABELS, Actor, Date, Explainer, Statement

WIDTH = 360
PAD = 8
LANE = 32  # a label line, then the marks
MARK = 5  # half the size of a mark
GAP = 2 * MARK + 3  # the least distance between two marks' centres in one lane
BAND = 22
SHAPES = {
    "supports": "circle",
    "disputes": "square",
    "qualifies": "diamond",
    "reports": "triangle",
}


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    stance: str
    number: int
    label: str
    span: tuple[float, float] | None  # the extent of an imprecise date


def _shape(stance: str, x: float, y: float) -> str:
    m = MARK
    if stance == "supports":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{m}"/>'
    if stance == "disputes":
        return f'<rect x="{x - m:.1f}" y="{y - m:.1f}" width="{2 * m}" height="{2 * m}"/>'
    if stance == "qualifies":
        return f'<path d="M{x:.1f} {y - m - 1:.1f}L{x + m + 1:.1f} {y:.1f}L{x:.1f} {y + m + 1:.1f}L{x - m - 1:.1f} {y:.1f}Z"/>'
    return f'<path d="M{x:.1f} {y - m - 1:.1f}L{x + m + 1:.1f} {y + m:.1f}L{x - m - 1:.1f} {y + m:.1f}Z"/>'


def _spread(xs: list[float], low: float, high: float) -> list[float]:
    """Move marks of one lane apart (in date order) so that none overlaps, staying in [low, high]."""
    if not xs:
        return xs
    gap = min(GAP, (high - low) / max(len(xs) - 1, 1))
    placed: list[float] = []
    for x in xs:
        placed.append(max(x, placed[-1] + gap) if placed else x)
    overflow = placed[-1] - high
    if overflow > 0:  # shift left as a block where the right edge is crowded
        placed = [p - overflow for p in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    return [max(low, p) for p in placed]


def chart(explainer: Explainer, actors: Mapping[str, Actor], ui: Interface) -> str:
    """The SVG figure for one explainer, with a text alternative and a legend, in the edition's
    language."""
    _ = ui.gettext
    statements = list(enumerate(explainer.statements, 1))
    history = [u for u in explainer.updates if u.status]
    dates: list[Date] = [s.date for _, s in statements] + [u.date for u in history]
    start = min(d.first for d in dates)
    last = max([d.last for d in dates] + [explainer.last_updated.last])
    # Room after the last date, so that the current status shows as a band, not a sliver.
    end = last + datetime.timedelta(days=max(7, (last - start).days // 8))
    # The caption's range is the statements' own, each date as precise as it was written.
    said_first = min((s.date for _, s in statements), key=lambda d: d.sort_key())
    said_last = max((s.date for _, s in statements), key=lambda d: (d.last, d.sort_key()))
    days = max((end - start).days, 1)
    left, right = PAD + MARK + 1, WIDTH - PAD - MARK - 1

    def x_of(day: datetime.date) -> float:
        return left + (right - left) * (day - start).days / days

    lanes: dict[str, list[tuple[int, Statement]]] = {}
    for number, statement in statements:
        lanes.setdefault(statement.by, []).append((number, statement))
    marks: list[Mark] = []
    labels = []
    for row, (actor_id, items) in enumerate(lanes.items()):
        name = ui.pick(actors[actor_id].name)[0]
        y_label = PAD + row * LANE + 11
        y = y_label + 12
        labels.append(f'<text class="chart__label" x="{PAD}" y="{y_label}">{text(name)}</text>')
        labels.append(f'<line class="chart__lane" x1="{PAD}" x2="{WIDTH - PAD}" y1="{y}" y2="{y}"/>')
        items.sort(key=lambda item: (item[1].date.sort_key(), item[0]))
        xs = _spread([x_of(s.date.first) for _, s in items], left, right)
        for (number, statement), x in zip(items, xs, strict=True):
            span = None
            if statement.date.day is None:
                span = (x_of(statement.date.first), x_of(statement.date.last))
            label = f"{name}, {ui.date(statement.date)}: {_(STANCE_VERBS[statement.stance])}"
            marks.append(Mark(x, y, statement.stance, number, label, span))

    band_top = PAD + len(lanes) * LANE + 6
    band = []
    for i, update in enumerate(history):
        status = _(STATUS_LABELS[str(update.status)])
        x1 = x_of(update.date.first)
        x2 = x_of(history[i + 1].date.first) if i + 1 < len(history) else right + MARK + 1
        band.append(
            f'<rect class="chart__status chart__status--{update.status}" x="{x1:.1f}" y="{band_top}"'
            f' width="{max(x2 - x1, 1):.1f}" height="{BAND}"><title>'
            f"{text(_('%(status)s from %(date)s') % {'status': status, 'date': ui.date(update.date)})}</title></rect>"
        )
        if x2 - x1 > 8 * len(status):
            band.append(f'<text class="chart__status-label" x="{x1 + 4:.1f}" y="{band_top + 15}">{text(status)}</text>')
    axis_y = band_top + (BAND + 16 if history else 12)
    height = axis_y + 6

    body = []
    for mark in marks:
        if mark.span and mark.span[1] - mark.span[0] > 2:
            body.append(
                f'<line class="chart__span" x1="{mark.span[0]:.1f}" x2="{mark.span[1]:.1f}" y1="{mark.y}" y2="{mark.y}"/>'
            )
    for mark in marks:
        body.append(
            f'<a href="#statement-{mark.number}" class="chart__mark chart__mark--{mark.stance}">'
            f"<title>{text(mark.label)}</title>{_shape(mark.stance, mark.x, mark.y)}</a>"
        )
    axis = _axis(_day(start, ui), _day(last, ui), x_of(last), axis_y)

    counts = {stance: sum(s.stance == stance for _, s in statements) for stance in SHAPES}
    said = ", ".join(_said(ui, stance, n) for stance, n in counts.items() if n)
    statuses = "; ".join(
        _("%(status)s from %(date)s") % {"status": _(STATUS_LABELS[str(u.status)]), "date": ui.date(u.date)} for u in history
    )
    description = _("%(statements)s by %(actors)s between %(start)s and %(end)s: %(said)s.") % {
        "statements": ui.ngettext("%(num)d statement", "%(num)d statements", len(statements)) % {"num": len(statements)},
        "actors": ui.ngettext("%(num)d actor", "%(num)d actors", len(lanes)) % {"num": len(lanes)},
        "start": ui.date(said_first),
        "end": ui.date(said_last),
        "said": said,
    }
    if statuses:
        description += " " + _("Status: %(history)s.") % {"history": statuses}
    legend = "".join(
        f'<li><svg class="chart__key" viewBox="0 0 14 14" width="14" height="14" aria-hidden="true">'
        f'<g class="chart__mark chart__mark--{stance}">{_shape(stance, 7, 7.5)}</g></svg> {text(_(STANCE_NAMES[stance]))}</li>'
        for stance in SHAPES
    )
    title = _("Who says what, over time; described below")
    return (
        f'<figure class="chart" data-search-exclude>\n'
        f'<svg class="chart__svg" viewBox="0 0 {WIDTH} {height}" role="group" aria-labelledby="chart-title"'
        f' xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">{text(title)}</title>'
        + "".join(labels) + "".join(band) + "".join(body) + axis
        + "</svg>\n"
        f'<ul class="chart__legend">{legend}</ul>\n'
        f'<figcaption>{text(description)}</figcaption>\n'
        "</figure>"
    )


def _axis(first: str, last: str, x_last: float, y: float) -> str:
    """The first and last dates under the chart: the last at its place, but never over the first
    (a character is about 0.6 of the axis's 13-unit font); one date when they are the same day."""
    axis = f'<text class="chart__axis" x="{PAD}" y="{y}">{text(first)}</text>'
    if last != first:
        x = min(max(x_last, PAD + 8 * (len(first) + len(last)) + 12), WIDTH - PAD)
        axis += f'<text class="chart__axis" x="{x:.1f}" y="{y}" text-anchor="end">{text(last)}</text>'
    return axis


def _said(ui: Interface, stance: str, n: int) -> str:
    """'1 qualifies', '2 qualify': the stance as a verb agreeing with the count."""
    if stance == "supports":
        message = ui.ngettext("%(num)d supports", "%(num)d support", n)
    elif stance == "disputes":
        message = ui.ngettext("%(num)d disputes", "%(num)d dispute", n)
    elif stance == "qualifies":
        message = ui.ngettext("%(num)d qualifies", "%(num)d qualify", n)
    else:
        message = ui.ngettext("%(num)d reports", "%(num)d report", n)
    return message % {"num": n}


def text(value: str) -> str:
    return markup.text(value, svg=True)


def _day(day: datetime.date, ui: Interface) -> str:
    return ui.date(Date(day.year, day.month, day.day))
