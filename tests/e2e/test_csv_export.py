"""The CSV link under a filtered list exports the rows on screen."""

import csv
import io
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import htmx_swap

pytestmark = pytest.mark.e2e


def test_csv_link_carries_the_filters_and_exports_the_rows_on_screen(seeded_server, page):
    page.goto(f"{seeded_server}/people/")
    # Filter in place, so the link must have been replaced along with the results.
    with htmx_swap(page, "/people/"):
        page.get_by_role("combobox", name="Status").select_option("any")
    with htmx_swap(page, "/people/"):
        page.get_by_role("combobox", name="Nationality").select_option("ve")
    with htmx_swap(page, "/people/"):
        page.get_by_role("combobox", name="Sort by").select_option(label="Name (descending)")
    expect(page).to_have_url(re.compile(r"[?&]nationality=ve(&|$)"))

    on_screen = page.locator("#results tbody th[scope=row] > a").evaluate_all(
        "links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])"
    )
    assert len(on_screen) > 1
    assert on_screen == sorted(on_screen, reverse=True)
    link = page.locator("#results a.export-csv")
    expect(link).to_have_count(1)
    href = link.get_attribute("href")
    assert href is not None
    params = parse_qs(urlsplit(href).query)
    assert params["status"] == ["any"]
    assert params["nationality"] == ["ve"]
    assert params["ordering"] == ["-name"]
    assert params["format"] == ["csv"]
    assert "page" not in params

    response = page.request.get(urljoin(page.url, href))
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text().removeprefix("\ufeff"))))
    exported = [[row["name"], urlsplit(row["url"]).path] for row in rows]
    assert exported == on_screen
    expect(page.locator("#results .count")).to_have_text(f"{len(rows)} results.")
