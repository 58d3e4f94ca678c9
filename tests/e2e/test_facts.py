"""The facts list in a browser: filtered in place, its CSV link exports the rows on screen
(one per quote, "implied" kept), and no serious accessibility violation."""

import csv
import io
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import htmx_swap
from tests.e2e.test_accessibility import PHONE, check

pytestmark = pytest.mark.e2e


def test_marquez_nationality_is_one_row_per_quote_and_exports_as_implied(seeded_server, page):
    page.goto(f"{seeded_server}/facts/")
    with htmx_swap(page, "/facts/"):
        page.get_by_role("combobox", name="Kind of fact").select_option("nationality")
    with htmx_swap(page, "/facts/"):
        page.get_by_role("searchbox").fill("marquez")

    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)  # the seed cites his nationality with two quotes
    expect(rows.locator(".badge.implied")).to_have_count(2)
    on_screen = page.locator("#results tbody q").all_text_contents()

    href = page.locator("#results a.export-csv").get_attribute("href")
    assert href is not None
    params = parse_qs(urlsplit(href).query)
    assert params["kind"] == ["nationality"] and params["q"] == ["marquez"]
    assert params["format"] == ["csv"]
    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200
    exported = list(csv.DictReader(io.StringIO(response.text().removeprefix("\ufeff"))))
    assert [row["quote"] for row in exported] == on_screen
    assert {(row["person"], row["detail"], row["certainty"]) for row in exported} == {
        ("Enrique Márquez", "VE", "implied")
    }


def test_the_facts_list_has_no_serious_accessibility_violation(seeded_server, page, browser):
    check(page, f"{seeded_server}/facts/", "/facts/")
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        check(phone.new_page(), f"{seeded_server}/facts/?kind=release", "/facts/ at 390x844")
    finally:
        phone.close()
