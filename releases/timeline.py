"""Positions for the server-side SVG timeline on the home page.

Dated release events go on one lane, dated facts about freed people (releases, deaths in
custody) on another. A date known only to the month is drawn as a bar across the month,
never as a point on its first day. Undated items are listed, not placed.
"""

import calendar
import datetime
from dataclasses import dataclass, replace

from releases import models as m
from sources.dates import DatePrecision, format_partial_date

WIDTH, MARGIN = 760, 30
LANES = {"events": 40, "people": 100}
HEIGHT = 150


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

    @property
    def y(self) -> int:
        return LANES[self.lane]

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
    width: int = WIDTH
    height: int = HEIGHT
    lanes: tuple[tuple[str, int], ...] = (("Release events", 40), ("People", 100))


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


def _items(events, people) -> list[Item]:
    items = []
    for event in events:
        start, end = _period(event.date, event.date_precision)
        items.append(
            Item(
                "events",
                event.title,
                event.date_display,
                event.get_absolute_url(),
                event,
                start,
                end,
            )
        )
    for person in people:
        for release in person.releases.all():
            start, end = _period(release.date, release.date_precision)
            items.append(
                Item(
                    "people",
                    f"{person.name} freed",
                    release.date_display,
                    person.get_absolute_url(),
                    release,
                    start,
                    end,
                )
            )
        for change in person.status_changes.all():
            if change.status == m.Status.DIED_IN_CUSTODY:
                start, end = _period(change.date, change.date_precision)
                items.append(
                    Item(
                        "people",
                        f"{person.name} died in custody",
                        change.date_display,
                        person.get_absolute_url(),
                        change,
                        start,
                        end,
                    )
                )
    return items


def build_timeline(events, people) -> Timeline:
    items = _items(events, people)
    dated = [i for i in items if i.start]
    undated = [i for i in items if not i.start]
    if not dated:
        return Timeline([], undated, [])
    first = min(i.start for i in dated).replace(day=1)
    last_item = max(i.end for i in dated)
    last = last_item.replace(day=calendar.monthrange(last_item.year, last_item.month)[1])
    span = max((last - first).days + 1, 1)
    scale = (WIDTH - 2 * MARGIN) / span

    def x_of(day: datetime.date) -> float:
        return round(MARGIN + (day - first).days * scale, 1)

    placed = [
        replace(i, x=x_of(i.start), width=round(((i.end - i.start).days + 1) * scale, 1))
        for i in sorted(dated, key=lambda i: (i.start, i.lane))
    ]
    ticks, month = [], first
    while month <= last:
        ticks.append(Tick(x_of(month), format_partial_date(month, DatePrecision.MONTH)))
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return Timeline(placed, undated, ticks)
