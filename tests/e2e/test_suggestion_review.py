"""The suggestion review screen in a real browser: many rows on a 1400 by 1000 screen, and
accepting and rejecting from the keyboard alone."""

import itertools

import pytest
from playwright.sync_api import expect

from curation import suggestions
from curation.suggestions import ingest_with_suggestions
from releases.models import Person
from tests.e2e.test_curator_flow import log_in

pytestmark = pytest.mark.e2e

FIRST = ["Ana", "Luis", "Marta", "Pedro", "Sofía", "Tomás"]
LAST = ["Ríos", "Mora", "Gil", "Vega", "Lara"]


@pytest.fixture
def article(live_server, transactional_db):
    names = [f"{a} {b}" for a, b in itertools.product(FIRST, LAST)]
    text = " ".join(f"On day {n} the police freed {name}." for n, name in enumerate(names, 1))
    return ingest_with_suggestions(text=text, title="Thirty names").article


def test_thirty_rows_fit_and_the_keyboard_decides(live_server, article, page):
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}{suggestions.review_url(article)}")
    rows = page.locator("tr.review-row")
    expect(rows).to_have_count(30)
    boxes = [rows.nth(i).bounding_box() for i in range(30)]
    assert all(box["y"] + box["height"] <= 1000 for box in boxes), boxes[-1]

    # j j: the second row; x ticks it; a accepts (creates that person).
    for key in "jjxa":
        page.keyboard.press(key)
    expect(page.locator(".messagelist")).to_contain_text("Accepted 1 suggestion")
    assert list(Person.objects.values_list("name", flat=True)) == ["Ana Mora"]
    # Nothing ticked: r rejects the row in focus.
    page.keyboard.press("j")
    page.keyboard.press("r")
    expect(page.locator(".messagelist")).to_contain_text("Rejected 1 suggestion")
    states = list(article.suggestions.values_list("state", flat=True).order_by("start", "pk"))
    assert states[:3] == ["rejected", "accepted", "pending"]
