"""The home page's timeline (web.timeline): a lane, colour and shape per kind, dates known
only to the month drawn as a month marker, and the list under it in date order."""

import datetime
import itertools
import re

import pytest

from releases.models import ReleaseEvent, Status, StatusChange
from releases.selectors import TimelinePeople, timeline_people
from tests import builders
from web.timeline import CHAR_WIDTH, LANES, build_timeline


def _died(world: dict, date: datetime.date, precision: str) -> None:
    """The world's first person died in custody, on ``date`` known to ``precision``."""
    death = StatusChange.objects.create(
        person=world["people"][0],
        status=Status.DIED_IN_CUSTODY,
        date=date,
        date_precision=precision,
    )
    builders.cite(death, world["article"].passages.first())


@pytest.fixture
def world(db):
    """The world (2 people freed, month only: January 2026; an event on 8 January), a death
    in custody known only to the month (December 2025), an event on 3 January and an undated
    event."""
    made = builders.world(2)
    quote = made["article"].passages.first()
    _died(made, datetime.date(2025, 12, 1), "month")
    early = ReleaseEvent.objects.create(
        slug="early", title="Early releases", date=datetime.date(2026, 1, 3), date_precision="day"
    )
    builders.cite(early, quote)
    builders.cite(ReleaseEvent.objects.create(slug="later", title="Later releases"), quote)
    return made


def _timeline():
    events = ReleaseEvent.objects.published()
    return build_timeline(list(events), timeline_people())


def test_each_kind_has_its_own_lane_in_lane_order(world):
    timeline = _timeline()
    assert [lane.name for lane in timeline.lanes] == ["events", "freed", "deaths"]
    assert [lane.title for lane in timeline.lanes] == [str(t) for t in LANES.values()]
    for item in timeline.items:
        lane = next(lane for lane in timeline.lanes if lane.name == item.lane)
        assert item.y >= lane.y
    assert timeline.kinds == ["events", "freed", "deaths"]


def test_a_lane_with_nothing_in_it_is_not_drawn(db):
    event = ReleaseEvent.objects.create(
        slug="one", title="One", date=datetime.date(2026, 1, 8), date_precision="day"
    )
    timeline = build_timeline([event], TimelinePeople([], [], grouped=False))
    assert [lane.name for lane in timeline.lanes] == ["events"]
    assert timeline.kinds == ["events"] and not timeline.has_partial


def test_the_list_is_in_date_order_month_only_first_in_its_month_undated_last(world):
    listed = [(item.label, item.when) for item in _timeline().listed]
    assert listed == [
        ("p Person 0 died in custody", "December 2025 (month only)"),
        ("p Person 0 freed", "January 2026 (month only)"),
        ("p Person 1 freed", "January 2026 (month only)"),
        ("Early releases", "3 January 2026"),
        ("Thursday releases", "8 January 2026"),
        ("Later releases", "date unknown"),
    ]


def test_a_month_only_date_is_a_marker_at_the_start_of_its_month_not_a_span(world):
    timeline = _timeline()
    january = next(t for t in timeline.ticks if t.label == "January 2026")
    freed = [i for i in timeline.items if i.lane == "freed"]
    assert freed and all(i.is_partial and i.x == january.x for i in freed)
    dated_to_the_day = [i for i in timeline.items if i.lane == "events"]
    assert all(not i.is_partial and i.x > january.x for i in dated_to_the_day)
    assert timeline.has_partial


def test_the_drawing_marks_month_only_dates_hollow_and_says_so(client, world):
    page = client.get("/").content.decode()
    svg = page[page.index("<svg viewBox") : page.index("</svg>", page.index("<svg viewBox"))]
    assert '<rect x="-6"' in svg and '<circle r="6"/>' in svg and "<polygon" in svg
    assert 'class="mark freed partial"' in svg and 'class="mark events"' in svg
    assert "January 2026 (month only)" in svg
    # Every square is a 12-unit marker: nothing is sized to the length of a month.
    assert set(re.findall(r'<rect [^>]*width="([^"]+)"', svg)) == {"12"}
    start = page.index('class="timeline-legend"')
    legend = page[start : page.index("</ul>", start)]
    for words in ("Release event", "A person freed", "A death in custody", "Hollow"):
        assert words in legend


def test_many_people_are_drawn_one_mark_per_date_and_lane(db):
    _died(builders.world(45), datetime.date(2026, 1, 9), "day")
    people = timeline_people()
    assert people.grouped
    timeline = build_timeline([], people)
    assert [(i.lane, i.label, i.when) for i in timeline.listed] == [
        ("freed", "45 people freed", "January 2026 (month only)"),
        ("deaths", "1 person died in custody", "9 January 2026"),
    ]
    assert "released_from=2026-01-01&released_to=2026-01-31" in timeline.items[0].url


def test_undated_items_are_listed_not_placed(db):
    undated = ReleaseEvent.objects.create(slug="later", title="Later releases")
    timeline = build_timeline([undated], TimelinePeople([], [], grouped=False))
    assert timeline.items == [] and [i.label for i in timeline.listed] == ["Later releases"]


def test_no_label_runs_off_the_drawing_or_into_the_month_before(db):
    events = [
        ReleaseEvent.objects.create(
            slug=f"event-{month}",
            title=f"A long title for the releases announced in month {month}",
            date=datetime.date(2025, month, 28),
            date_precision="day",
        )
        for month in range(1, 13)
    ]
    timeline = build_timeline(events, TimelinePeople([], [], grouped=False))
    for item in timeline.items:
        left = item.x - item.label_width if item.ends_at_marker else item.x
        assert left >= 0 and left + item.label_width <= timeline.width, item
    assert any(item.ends_at_marker for item in timeline.items)
    labelled = [tick for tick in timeline.ticks if tick.label]
    assert 1 < len(labelled) < len(timeline.ticks) == 12
    for before, after in itertools.pairwise(labelled):
        assert before.x + len(before.label) * CHAR_WIDTH <= after.x
    assert labelled[-1].x + len(labelled[-1].label) * CHAR_WIDTH <= timeline.width


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_drawings_coordinates_are_numbers_in_every_language(client, world, language):
    # Spanish writes 30.5 as "30,5": an SVG coordinate written so is not a number, and
    # Chromium piled every mark at the left edge.
    page = client.get(f"/{language}/").content.decode()
    start = page.index("<svg viewBox")
    svg = page[start : page.index("</svg>", start)]
    coordinates = re.findall(r' (?:x|x1|x2|y|y1|y2)="([^"]*)"|translate\(([^)]*)\)', svg)
    values = [number for pair in coordinates for part in pair for number in part.split()]
    assert values and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in values), values
    assert any("." in value for value in values)  # some fall between whole units


def _counted_over_the_facts(facts) -> list[dict]:
    """People per date of ``facts``, counted over every fact (what the counts kept ahead
    must equal)."""
    from django.db.models import Count, F

    rows = (
        facts.order_by().values("date", "date_precision").annotate(n=Count("person", distinct=True))
    )
    return list(rows.order_by(F("date").asc(nulls_last=True), "date_precision"))


def test_the_people_by_date_kept_ahead_follow_every_write(db):
    """Many people: the timeline reads people by date as counted ahead by releases.derived.
    Through new dates, two releases of one person on one date, an undated release, a
    citation taken away, a date changed and a person deleted, they stay the facts' own."""
    from releases.models import Person, Release

    made = builders.world(45)
    quote = made["article"].passages.first()
    _died(made, datetime.date(2026, 1, 9), "day")
    first, second, third = made["people"][:3]
    builders.cite(
        Release.objects.create(person=first, date=datetime.date(2026, 1, 8), date_precision="day"),
        quote,
    )
    builders.cite(
        Release.objects.create(person=first, date=datetime.date(2026, 1, 8), date_precision="day"),
        quote,
    )
    undated = builders.cite(Release.objects.create(person=second), quote)
    moved = third.releases.get()
    moved.date, moved.date_precision = datetime.date(2026, 1, 10), "day"
    moved.save()
    undated.citations.clear()
    builders.cite(Release.objects.create(person=second), quote)
    Person.objects.get(pk=made["people"][4].pk).delete()

    people = timeline_people()
    assert people.grouped
    releases = Release.objects.published()
    deaths = StatusChange.objects.published().filter(status=Status.DIED_IN_CUSTODY)
    assert people.releases == _counted_over_the_facts(releases)
    assert people.deaths == _counted_over_the_facts(deaths)
    assert [row["n"] for row in people.releases] == [43, 1, 1, 1]  # Jan; 8 Jan; 10 Jan; undated
