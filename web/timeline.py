"""Positions for the server-side SVG timeline on the home page, and the same items as a list
in date order.

Each kind of item has its own lane, colour and shape (release events, people freed, deaths
in custody), so that colour is never the only cue: the lanes are labelled and the legend
names each shape. Items about people are one per fact while they are few, one per date once
they are many (a thousand names on one day would be unreadable).

A date known only to the month (or year) is drawn as a hollow marker at the start of that
month, labelled "January 2026 (month only)": never as a bar that would read as a month-long
span, nor as a filled point that would read as the first day. Undated items are listed last,
not placed.
"""

import calendar
import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext

from releases import selectors
from releases.models import Release, ReleaseEvent, StatusChange
from sources.dates import DatePrecision, format_partial_date

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

WIDTH, MARGIN = 760, 30
# The lanes, top to bottom; each kind's colour and shape are in site.css and
# web.templatetags.timeline.MARKS.
LANES = {
    "events": gettext_lazy("Release events"),
    "freed": gettext_lazy("People freed"),
    "deaths": gettext_lazy("Deaths in custody"),
}
TOP, ROW_HEIGHT, LANE_GAP, AXIS = 40, 46, 26, 30
CHAR_WIDTH = 7  # rough width of a label character at the SVG's 12px font


@dataclass(frozen=True)
class Item:
    lane: str
    label: str
    when: str
    url: str
    fact: object  # the cited object the item stands for, or None for a group of people
    start: datetime.date | None
    precision: str
    x: float = 0.0
    y: int = 0

    @property
    def label_width(self) -> int:
        return max(len(self.label), len(self.when)) * CHAR_WIDTH

    @property
    def ends_at_marker(self) -> bool:
        """Labels run right of their marker, or left of it near the right edge, so that
        none is cut off."""
        return self.x + self.label_width > WIDTH - 4

    @property
    def is_partial(self) -> bool:
        """Known only to the month or the year: drawn as a hollow marker."""
        return self.precision in (DatePrecision.MONTH, DatePrecision.YEAR)

    @property
    def kind(self) -> "StrOrPromise":
        return LANES[self.lane]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Lane:
    name: str
    title: str
    y: int  # of the lane's line


@dataclass(frozen=True)
class Timeline:
    items: list[Item]  # dated, positioned, in date order
    undated: list[Item]
    ticks: list[Tick]
    lanes: list[Lane]  # only the lanes with dated items
    height: int
    width: int = WIDTH

    @property
    def listed(self) -> list[Item]:
        """Every item for the list under the drawing: by date, the undated last."""
        return self.items + self.undated

    @property
    def kinds(self) -> list[str]:
        """The lanes present among all items (for the legend), in lane order."""
        present = {item.lane for item in self.listed}
        return [lane for lane in LANES if lane in present]

    @property
    def has_partial(self) -> bool:
        return any(item.is_partial for item in self.items)


def when(date: datetime.date | None, precision: str) -> str:
    """A partial date as the site writes it, saying when only the month or year is known."""
    text = format_partial_date(date, precision)
    if date is None or precision == DatePrecision.UNKNOWN:
        return text
    if precision == DatePrecision.MONTH:
        return gettext("%(date)s (month only)") % {"date": text}
    if precision == DatePrecision.YEAR:
        return gettext("%(date)s (year only)") % {"date": text}
    return text


def _start(date: datetime.date | None, precision: str) -> datetime.date | None:
    return None if precision == DatePrecision.UNKNOWN else date


def _last_day(date: datetime.date, precision: str) -> datetime.date:
    """The last day a partial date may stand for (to size the axis)."""
    if precision == DatePrecision.MONTH:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    if precision == DatePrecision.YEAR:
        return date.replace(month=12, day=31)
    return date


def _event_items(events: Iterable[ReleaseEvent]) -> list[Item]:
    return [
        Item(
            "events",
            event.title,
            when(event.date, event.date_precision),
            event.get_absolute_url(),
            event,
            _start(event.date, event.date_precision),
            event.date_precision,
        )
        for event in events
    ]


def _fact_label(lane: str, name: str) -> str:
    if lane == "freed":
        return gettext("%(name)s freed") % {"name": name}
    return gettext("%(name)s died in custody") % {"name": name}


def _group_label(lane: str, count: int) -> str:
    if lane == "freed":
        return ngettext("%(count)s person freed", "%(count)s people freed", count) % {
            "count": count
        }
    return ngettext(
        "%(count)s person died in custody", "%(count)s people died in custody", count
    ) % {"count": count}


def _fact_items(facts: Iterable[Release | StatusChange], lane: str) -> list[Item]:
    """One item per dated fact about a person (a release, a death in custody)."""
    return [
        Item(
            lane,
            _fact_label(lane, fact.person.display_name),
            when(fact.date, fact.date_precision),
            fact.person.get_absolute_url(),
            fact,
            _start(fact.date, fact.date_precision),
            fact.date_precision,
        )
        for fact in facts
    ]


def _group_items(groups: Iterable[dict[str, Any]], lane: str, query: dict[str, str]) -> list[Item]:
    """One item per date on which many people were freed (or died): the people list,
    filtered, shows who, each with their sources. ``groups`` are rows of ``date``,
    ``date_precision`` and ``n`` (``selectors.timeline_people``)."""
    items = []
    for group in groups:
        date, precision, count = group["date"], group["date_precision"], group["n"]
        start = _start(date, precision)
        params = (
            dict(query, status="any")
            if start is None
            else dict(
                query,
                released_from=start.isoformat(),
                released_to=_last_day(start, precision).isoformat(),
            )
        )
        url = f"{reverse('releases:person_list')}?{urlencode(params)}"
        label = _group_label(lane, count)
        items.append(Item(lane, label, when(date, precision), url, None, start, precision))
    return items


def _items(events: Iterable[ReleaseEvent], people: selectors.TimelinePeople) -> list[Item]:
    items = _event_items(events)
    if people.grouped:
        items += _group_items(people.releases, "freed", {"status": "any"})
        items += _group_items(people.deaths, "deaths", {"status": "died_in_custody"})
    else:
        items += _fact_items(people.releases, "freed")
        items += _fact_items(people.deaths, "deaths")
    return items


def _date_order(item: Item) -> tuple[datetime.date | None, bool, int, str]:
    # By the first day the date may stand for; a month-only item before the days of its
    # month (it says "some time in January", not "on 31 January"); then by lane and label.
    return (item.start, not item.is_partial, list(LANES).index(item.lane), item.label)


def _rows(items: list[Item]) -> tuple[list[int], int]:
    """For the items of one lane, left to right, the first row where each label does not
    overlap an earlier item's; and how many rows the lane needs."""
    row_ends: list[float] = []
    rows = []
    for item in items:
        left, right = item.x - 8, item.x + item.label_width + 12
        if item.ends_at_marker:
            left, right = item.x - item.label_width - 12, item.x + 8
        row = next((i for i, end in enumerate(row_ends) if end <= left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(right)
        row_ends[row] = right
        rows.append(row)
    return rows, max(len(row_ends), 1)


def _months(first: datetime.date, last: datetime.date) -> Iterator[datetime.date]:
    month = first
    while month <= last:
        yield month
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _ticks(months: list[tuple[float, datetime.date]]) -> list[Tick]:
    """A line at the start of every month, labelled unless the label would run into the
    previous one or off the right edge."""
    ticks, free_from = [], 0.0
    for x, month in months:
        label = format_partial_date(month, DatePrecision.MONTH)
        width = len(label) * CHAR_WIDTH
        shown = x >= free_from and x + width <= WIDTH
        ticks.append(Tick(x, label if shown else ""))
        if shown:
            free_from = x + width + 8
    return ticks


def _drawn_on(item: Item) -> datetime.date:
    """The day a dated item is drawn at (undated ones are only listed)."""
    if item.start is None:
        raise ValueError(f"An undated item has no place on the axis: {item.label}")
    return item.start


def build_timeline(events: Iterable[ReleaseEvent], people: selectors.TimelinePeople) -> Timeline:
    items = _items(events, people)
    dated = sorted((i for i in items if i.start), key=_date_order)
    undated = [i for i in items if not i.start]
    if not dated:
        return Timeline([], undated, [], [], 0)
    first = _drawn_on(dated[0]).replace(day=1)
    last = max(_last_day(_drawn_on(i), DatePrecision.MONTH) for i in dated)
    scale = (WIDTH - 2 * MARGIN) / ((last - first).days + 1)

    def x_of(day: datetime.date) -> float:
        return round(MARGIN + (day - first).days * scale, 1)

    # In date order, so x never decreases within a lane and the list keeps this order.
    positioned = [replace(i, x=x_of(_drawn_on(i))) for i in dated]
    lanes, top = [], TOP
    for name, title in LANES.items():
        indexes = [n for n, item in enumerate(positioned) if item.lane == name]
        if not indexes:
            continue
        rows, count = _rows([positioned[n] for n in indexes])
        for n, row in zip(indexes, rows, strict=True):
            positioned[n] = replace(positioned[n], y=top + row * ROW_HEIGHT)
        lanes.append(Lane(name, str(title), top))
        top += count * ROW_HEIGHT + LANE_GAP
    ticks = _ticks([(x_of(month), month) for month in _months(first, last)])
    return Timeline(positioned, undated, ticks, lanes, top + AXIS)
