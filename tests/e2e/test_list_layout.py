"""Every list on a phone: the results come before the filters, which fold behind one
"Filters" (the people list has its own test, with its facets)."""

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
LISTS = ["/facts/", "/numbers/", "/facilities/", "/nationalities/", "/events/", "/sources/"]


@pytest.mark.parametrize("path", LISTS)
def test_on_a_phone_the_results_come_before_the_folded_filters(
    seeded_server, browser: Browser, path
):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{seeded_server}{path}")
        results = page.locator("#results")
        form = page.locator("#filters")
        expect(form).to_be_hidden()
        results_top = results.bounding_box()["y"]
        assert results_top < PHONE["height"], f"{path}: the results start {results_top} px down"
        page.locator("summary", has_text="Filters").click()
        expect(form).to_be_visible()
        assert form.bounding_box()["y"] < results.bounding_box()["y"]
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_are_open(seeded_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    for path in LISTS:
        page.goto(f"{seeded_server}{path}")
        expect(page.locator("#filters")).to_be_visible()
        expect(page.locator("summary", has_text="Filters")).to_be_hidden()
