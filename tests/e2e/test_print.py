"""Printed pages show every citation's quote and addresses (issue 10, item 7)."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.citing import ARTICLE_URL, QUOTE, cited_release

pytestmark = pytest.mark.e2e


def test_print_shows_the_quotes_of_closed_citations_and_their_addresses(
    live_server, transactional_db, page: Page
):
    person, _release, passage = cited_release()
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    quote = page.locator("main details.cite q", has_text=QUOTE)
    expect(quote).to_be_hidden()  # on screen, the marker is closed

    page.emulate_media(media="print")
    expect(page.locator("main details.cite").first).not_to_have_attribute("open", "")
    expect(quote).to_be_visible()
    printed_after = """a => getComputedStyle(a, "::after").content"""
    in_context = page.locator("main details.cite a.in-context").first.evaluate(printed_after)
    assert f"{live_server.url}{passage.get_absolute_url()}" in in_context
    original = page.locator("main details.cite a.original").first.evaluate(printed_after)
    assert ARTICLE_URL in original
    expect(page.locator("header.site nav")).to_be_hidden()
    expect(page.get_by_role("button", name="Copy citation")).to_be_hidden()
