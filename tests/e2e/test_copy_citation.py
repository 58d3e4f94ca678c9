"""Citing a fact: its permalink, and "Copy citation", which puts the quote, the outlet, the
date and both addresses on the clipboard (issue 10, item 7)."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.citing import ARTICLE_URL, QUOTE, cited_release

pytestmark = pytest.mark.e2e


@pytest.fixture
def cited_person(live_server, transactional_db):
    return cited_release()


def test_copy_citation_puts_quote_outlet_date_and_both_addresses_on_the_clipboard(
    live_server, cited_person, context, page: Page
):
    person, release, passage = cited_person
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}{person.get_absolute_url()}")
    fact = page.locator(f"[id='fact-release-{release.pk}']")
    button = fact.get_by_role("button", name="Copy citation")
    button.click()
    expect(page.get_by_role("status")).to_have_text("Citation copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    # First what the fact says, then its evidence.
    assert copied.splitlines()[0] == str(release)
    assert f"“{QUOTE}”" in copied
    assert "Reuters" in copied and "9 January 2026" in copied
    assert ARTICLE_URL in copied
    assert f"{live_server.url}{passage.get_absolute_url()}" in copied


def test_a_fact_has_a_permalink_and_without_javascript_no_copy_button(
    live_server, cited_person, browser
):
    person, release, _passage = cited_person
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}{person.get_absolute_url()}")
        fact = page.locator(f"[id='fact-release-{release.pk}']")
        expect(fact.get_by_role("button", name="Copy citation")).to_have_count(0)
        fact.get_by_role("link", name="Link to this fact").click()
        assert page.url.endswith(f"#fact-release-{release.pk}")
        expect(fact.locator("q")).to_have_count(1)  # the quote, one click away
    finally:
        context.close()
