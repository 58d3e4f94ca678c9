"""Printed pages show every citation's quote and addresses (issue 10, item 7)."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from releases import models as m
from releases.services import refresh_people
from tests import builders

pytestmark = pytest.mark.e2e

QUOTE = "Ana Pérez was freed on Thursday"
ARTICLE_URL = "https://news.example/ana-perez"


def test_print_shows_the_quotes_of_closed_citations_and_their_addresses(
    live_server, transactional_db, page: Page
):
    source = builders.article(
        f"Caracas. {QUOTE}.",
        outlet="Reuters",
        url=ARTICLE_URL,
        published_on=datetime.date(2026, 1, 9),
        published_precision="day",
    )
    person = builders.person("Ana Pérez", slug="ana-perez")
    passage = builders.passage(source, QUOTE)
    builders.cite(m.Release.objects.create(person=person), passage)
    refresh_people([person.pk])
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
