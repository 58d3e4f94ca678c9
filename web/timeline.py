"""Positions for the server-side SVG timeline on the home page.

Dated release events go on one lane, dated facts about people (releases, deaths in custody)
on another: one item per fact while they are few, one per date once they are many (a
thousand names on one day would be unreadable). A date known only to the month is drawn
as a bar across the month, never as a point on its first day. Undated items are listed, not placed.
"""

import calendar
import datetime
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.urls import reverse

from releases import selectors
from sources.dates import DatePrecision, format_partial_date

WIDTH, MARGIN = 760, 30
LANE_TITLES = {"events": "Release events", "people": "People"}
TOP, ROW_HEIGHT, LANE_GAP, AXIS = 34, 34, 22, 26
CHAR_WIDTH = 6  # rough width of a label character at the SVG's 10px font


@dataclass(frozen=True)
class Item:
    lane: str
    label: str
    when: str
    url: str
    fact: object  # the cited object the item stands for
    start: datetime.date | None
    end: datetime.date | None
    x: float = 0.0
    width: float = 0.0
    y: int = 0

    @property
    def is_bar(self) -> bool:
        """A period (month, year) rather than a day."""
        return self.end is not None and self.end > self.start


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    items: list[Item]
    undated: list[Item]
    ticks: list[Tick]
    lanes: list[tuple[str, int]]  # (title, y of the lane's line)
    height: int
    width: int = WIDTH


def _period(date: datetime.date | None, precision: str):
    """First and last day a partial date may stand for."""
    if date is None or precision == DatePrecision.UNKNOWN:
        return None, None
    if precision == DatePrecision.DAY:
        return date, date
    if precision == DatePrecision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return date, date.replace(day=last)
    return date, date.replace(month=12, day=31)


def _event_items(events) -> list[Item]:
    items = []
    for event in events:
        start, end = _period(event.date, event.date_precision)
        url = event.get_absolute_url()
        items.append(Item("events", event.title, event.date_display, url, event, start, end))
    return items


def _fact_items(facts, verb: str) -> list[Item]:
    """One item per dated fact about a person (a release, a death in custody)."""
    items = []
    for fact in facts:
        start, end = _period(fact.date, fact.date_precision)
        label = f"{fact.person.name} {verb}"
        url = fact.person.get_absolute_url()
        items.append(Item("people", label, fact.date_display, url, fact, start, end))
    return items


def _group_items(groups, verb: str, query: dict[str, str]) -> list[Item]:
    """One item per date on which many people were freed (or died): the people list,
    filtered, shows who, each with their sources."""
    items = []
    for group in groups:
        date, precision, count = group["date"], group["date_precision"], group["n"]
        start, end = _period(date, precision)
        label = f"{count} {'person' if count == 1 else 'people'} {verb}"
        params = (
            dict(query, status="any")
            if start is None
            else dict(query, released_from=start.isoformat(), released_to=end.isoformat())
        )
        url = f"{reverse('releases:person_list')}?{urlencode(params)}"
        when = format_partial_date(date, precision)
        items.append(Item("people", label, when, url, None, start, end))
    return items


def _items(events, people: selectors.TimelinePeople) -> list[Item]:
    items = _event_items(events)
    if people.grouped:
        items += _group_items(people.releases, "freed", {"status": "any"})
        items += _group_items(people.deaths, "died in custody", {"status": "died_in_custody"})
    else:
        items += _fact_items(people.releases, "freed")
        items += _fact_items(people.deaths, "died in custody")
    return items


def _stack(items: list[Item], top: int) -> tuple[list[Item], int]:
    """Give each item of one lane the first row where neither it nor its label overlaps an
    earlier item; return the items placed and the lane's height."""
    row_ends: list[float] = []
    placed = []
    for item in items:
        right = max(item.x + item.width, item.x + len(item.label) * CHAR_WIDTH) + 8
        row = next((i for i, end in enumerate(row_ends) if end <= item.x), len(row_ends))
        if row == len(row_ends):
            row_ends.append(right)
        row_ends[row] = right
        placed.append(replace(item, y=top + row * ROW_HEIGHT))
    return placed, max(len(row_ends), 1) * ROW_HEIGHT


def build_timeline(events, people: selectors.TimelinePeople) -> Timeline:
    items = _items(events, people)
    dated = [i for i in items if i.start]
    undated = [i for i in items if not i.start]
    if not dated:
        return Timeline([], undated, [], [], 0)
    first = min(i.start for i in dated).replace(day=1)
    last_item = max(i.end for i in dated)
    last = last_item.replace(day=calendar.monthrange(last_item.year, last_item.month)[1])
    span = max((last - first).days + 1, 1)
    scale = (WIDTH - 2 * MARGIN) / span

    def x_of(day: datetime.date) -> float:
        return round(MARGIN + (day - first).days * scale, 1)

    positioned = [
        replace(i, x=x_of(i.start), width=round(((i.end - i.start).days + 1) * scale, 1))
        for i in sorted(dated, key=lambda i: (i.start, i.label))
    ]
    placed, lanes, top = [], [], TOP
    for lane, title in LANE_TITLES.items():
        lane_items, height = _stack([i for i in positioned if i.lane == lane], top)
        placed += lane_items
        lanes.append((title, top))
        top += height + LANE_GAP
    ticks, month = [], first
    while month <= last:
        ticks.append(Tick(x_of(month), format_partial_date(month, DatePrecision.MONTH)))
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return Timeline(placed, undated, ticks, lanes, top + AXIS)
