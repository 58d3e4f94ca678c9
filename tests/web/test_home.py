import datetime

import pytest

from releases import models as m
from releases.selectors import TimelinePeople
from tests import builders
from web.timeline import build_timeline


@pytest.fixture
def world(db):
    return builders.world(2)


def test_home_keeps_confirmed_and_claimed_counts_apart(client, world):
    event = world["event"]
    source = world["article"]
    confirmed = m.CountClaim.objects.create(
        event=event,
        subject="Spanish citizens",
        metric="released",
        value=5,
        qualifier="exact",
        value_text="five",
        claimed_by="Spain's foreign ministry",
        verification="confirmed",
    )
    confirmed.citations.add(source.passages.first())
    response = client.get("/")
    assert response.context["confirmed_counts"] == [confirmed]
    assert confirmed not in response.context["claimed_counts"]
    assert "Spain's foreign ministry" in response.content.decode().replace("&#x27;", "'")


def test_home_draws_a_timeline_with_month_dates_as_bars(client, world):
    response = client.get("/")
    page = response.content.decode()
    assert "<svg" in page and "<rect" in page and "<circle" in page
    timeline = response.context["timeline"]
    month_bar = next(i for i in timeline.items if i.lane == "people")
    day_dot = next(i for i in timeline.items if i.lane == "events")
    assert month_bar.is_bar and not day_dot.is_bar
    assert month_bar.start == datetime.date(2026, 1, 1) and month_bar.end == datetime.date(
        2026, 1, 31
    )


def test_undated_items_are_listed_not_placed(world):
    undated = m.ReleaseEvent.objects.create(slug="later", title="Later releases")
    timeline = build_timeline([undated], TimelinePeople([], [], grouped=False))
    assert timeline.items == [] and [i.label for i in timeline.undated] == ["Later releases"]


def test_home_on_an_empty_database_still_renders(client, db):
    assert client.get("/").status_code == 200
