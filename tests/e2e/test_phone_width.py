"""On a phone no page is wider than the screen: what can't wrap (tables of identifiers, the
timeline's drawing) scrolls inside its own box, so the page itself never scrolls sideways."""

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
PAGES = [
    "/en/",
    "/es/people/rocio-san-miguel/",
    "/en/facilities/el-helicoide/",
    "/es/numbers/",
    "/en/changes/",
    "/en/data/",
    "/es/data/",
    "/en/api/",
    "/es/api/",
    "/es/about/",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_is_no_wider_than_a_phone(seeded_server, browser: Browser, path):
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        response = page.goto(f"{seeded_server}{path}")
        assert response is not None and response.status == 200, path
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= PHONE["width"], f"{path} is {page_width} px wide"
    finally:
        context.close()
