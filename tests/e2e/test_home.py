"""The home page in a browser, at desktop and phone sizes: the first screen answers "how many
were released, according to whom", and the timeline stays readable.

Parametrized by interface language through the URL prefix (``LANGUAGES``; English is the
unprefixed site): a language is added by adding its prefix and its heading text."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
VIEWPORTS = [pytest.param(DESKTOP, id="desktop"), pytest.param(PHONE, id="phone")]
# URL prefix -> the heading of the "released so far" group in that language.
LANGUAGES = {
    "": "How many released so far",
    "/es": "Cuántos han sido excarcelados hasta ahora",
}
LANGS = [pytest.param(prefix, id=prefix or "en") for prefix in LANGUAGES]
MIN_FONT_PX = 12


@pytest.fixture(params=VIEWPORTS)
def viewport(request) -> dict:
    return request.param


@pytest.fixture(params=LANGS)
def lang(request) -> str:
    return request.param


@pytest.fixture
def home(browser: Browser, seeded_server: str, viewport: dict, lang: str) -> Iterator[Page]:
    """The home page at each size, in each interface language."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    response = page.goto(f"{seeded_server}{lang}/")
    assert response is not None and response.status == 200
    yield page
    context.close()


def _above_the_fold(page: Page, selector: str) -> None:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed"
    height = page.viewport_size["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{selector} at {box}"


def test_the_first_screen_answers_how_many_were_released_and_says_who_says_so(
    home: Page, lang: str
):
    expect(home.locator("#question-released")).to_have_text(LANGUAGES[lang])
    _above_the_fold(home, "#question-released")
    first = "table[aria-labelledby=question-released] tbody tr:first-child"
    _above_the_fold(home, f"{first} th.claimant")
    _above_the_fold(home, f"{first} td.figure strong")
    claimant = home.locator(f"{first} th.claimant").inner_text().strip()
    figure = home.locator(f"{first} td.figure strong").inner_text().strip()
    # The seed data's first answer: the UN's running total. Who claims it is the curators'
    # words, in the page's language; the figure is the source's, as written, and on /es/
    # (the source is English) said in Spanish, the source's words quoted after it.
    assert (claimant, figure) == {"": ("the UN", "about 50"), "/es": ("la ONU", "unos 50")}[lang]
    quoted = home.locator(f"{first} td.figure q")
    expect(quoted).to_have_count({"": 0, "/es": 1}[lang])
    if lang == "/es":
        expect(quoted).to_have_text("about 50")
    # Its "as of" cell is on the first screen too, saying the date or that none is given.
    _above_the_fold(home, f"{first} td:nth-child(4)")


def test_the_timeline_text_is_readable_and_never_cut_off(home: Page):
    section = home.locator(".timeline-section")
    section.scroll_into_view_if_needed()
    width = home.viewport_size["width"]
    drawing = home.locator("figure.timeline svg")
    if drawing.is_visible():
        # Its labels are 12 units in a viewBox drawn no narrower than its own width.
        box = drawing.bounding_box()
        view_width = float(drawing.get_attribute("viewBox").split()[2])
        assert box["width"] >= view_width
    else:
        assert width <= 600, "the drawing is hidden only on narrow screens"
    entries = home.locator("ol.timeline-list > li")
    assert entries.count() > 3
    for index in range(entries.count()):
        entry = entries.nth(index)
        size = entry.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= MIN_FONT_PX
        box = entry.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"entry {index} at {box}"
    overflowing = home.evaluate(
        """() => [...document.querySelectorAll('.timeline-section *')]
            .filter(e => e.closest('figure.timeline') === null)
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert overflowing == []
