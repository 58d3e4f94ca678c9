""" "In context" outlines the whole quote, also where it overlaps another passage and is
therefore cut into several highlighted fragments (issue 10, item 3)."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

RELEASE_QUOTE = "Among those freed was former opposition presidential candidate Enrique Marquez"

# Every mark of the article text that belongs to the passage, in order, with whether it is
# outlined; and the text of the marks outlined, whichever passage they belong to.
READ_OUTLINES = """id => {
    const marks = [...document.querySelectorAll(".article-text mark")];
    const outlined = m => getComputedStyle(m).outlineStyle !== "none";
    const own = marks.filter(m => m.dataset.passages.split(" ").includes(id));
    return {
        fragments: own.length,
        allOwnOutlined: own.every(outlined),
        outlinedText: marks.filter(outlined).map(m => m.textContent).join(""),
    };
}"""


def squash(text: str) -> str:
    return " ".join(text.split())


def test_in_context_outlines_every_fragment_of_an_overlapping_quote(seeded_server, page: Page):
    page.goto(f"{seeded_server}/people/enrique-marquez/")
    release = page.locator("main li[id^='fact-release-']")
    marker = release.locator("details.cite", has=page.locator("q", has_text=RELEASE_QUOTE))
    marker.locator("summary").click()
    quote = marker.locator(".quote", has=page.locator("q", has_text=RELEASE_QUOTE))
    quote.get_by_role("link", name="in context").click()
    page.wait_for_url(re.compile(r"/sources/[-\w]+/#p-\d+$"))
    passage_id = page.url.rsplit("#", 1)[1]

    found = page.evaluate(READ_OUTLINES, passage_id)
    assert found["fragments"] > 1, "the quote overlaps another passage, so it is cut in parts"
    assert found["allOwnOutlined"], "every fragment of the quote is outlined"
    assert squash(found["outlinedText"]) == RELEASE_QUOTE, "and nothing else is"
    expect(page.locator(f"[id='{passage_id}']")).to_be_in_viewport()

    # Following another passage's link moves the outline to that passage, whole.
    other = page.locator(".article-text mark[data-passages]").evaluate_all(
        """(marks, id) => marks.map(m => m.dataset.passages.split(" "))
            .flat().find(p => p !== id)""",
        passage_id,
    )
    page.evaluate("id => { location.hash = id; }", other)
    moved = page.evaluate(READ_OUTLINES, other)
    other_quote = page.locator(f"[id='supports-{other.removeprefix('p-')}'] > q").inner_text()
    assert moved["allOwnOutlined"]
    assert squash(moved["outlinedText"]) == squash(other_quote)
