"""The header's language switcher in a browser: it keeps the filters, even those htmx set."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.browser import htmx_swap

pytestmark = pytest.mark.e2e


def test_the_switcher_keeps_filters_chosen_in_place(seeded_server, page: Page):
    page.goto(f"{seeded_server}/es/people/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    with htmx_swap(page, "/es/people/"):
        page.locator("select[name=status]").select_option("any")
    expect(page).to_have_url(re.compile(r"[?&]status=any(&|$)"))
    english = page.get_by_role("link", name="English")
    expect(english).to_have_attribute("href", re.compile(r"^/en/people/\?.*status=any"))
    english.click()
    page.wait_for_url(re.compile(r"/en/people/\?.*status=any"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("select[name=status]")).to_have_value("any")


def test_the_switcher_works_with_javascript_off(seeded_server, browser: Browser):
    context = browser.new_context(java_script_enabled=False, locale="es-ES")
    try:
        page = context.new_page()
        page.goto(f"{seeded_server}/facilities/?page=1")
        # Unprefixed, in the browser's language; the switcher names the English address.
        expect(page.locator("html")).to_have_attribute("lang", "es")
        page.get_by_role("link", name="English").click()
        # The canonical address: the first page is the default, so the link drops it.
        page.wait_for_url(f"{seeded_server}/en/facilities/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Facilities")
    finally:
        context.close()
