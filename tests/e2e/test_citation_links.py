"""From a fact's citation marker to the highlighted words in the article."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

# Walks the article text from the passage's anchor: the text that follows must be marked,
# and the marked stretches (a passage may be split where others begin or end) must read as
# the quote. Footnote links and other passages' anchors inside it are not text of the article.
READ_MARKED_TEXT_AFTER = """anchor => {
    let node = anchor.nextSibling;
    let firstText = null;
    let marked = "";
    for (; node; node = node.nextSibling) {
        if (node.nodeType === Node.ELEMENT_NODE
                && (node.matches("span.anchor") || node.matches("a.passage-ref"))) {
            continue;
        }
        if (firstText === null) firstText = node.nodeName;
        if (node.nodeName !== "MARK") break;
        marked += node.textContent;
    }
    const firstMark = anchor.parentElement.querySelector(`#${anchor.id} ~ mark`);
    return {
        firstText,
        marked,
        background: firstMark && getComputedStyle(firstMark).backgroundColor,
    };
}"""
TARGET_BACKGROUND = "rgb(255, 210, 77)"  # --target in site.css, for the passage linked to


def squash(text: str) -> str:
    return " ".join(text.split())


def check_lands_on_quote(page: Page, passage_id: str, quote: str) -> None:
    anchor = page.locator(f"[id='{passage_id}']")
    expect(anchor).to_have_count(1)
    expect(anchor).to_be_in_viewport()
    # With room above it: the line before the quote shows, the quote is not cut at the top.
    assert anchor.evaluate("a => a.getBoundingClientRect().top") >= 40
    found = anchor.evaluate(READ_MARKED_TEXT_AFTER)
    assert found["firstText"] == "MARK", "the words right after the anchor are highlighted"
    assert squash(found["marked"]).startswith(squash(quote))
    assert found["background"] == TARGET_BACKGROUND, "the passage linked to stands out"


def test_in_context_links_land_on_the_highlighted_quote(seeded_server, page, subtests):
    person_page = f"{seeded_server}/people/rocio-san-miguel/"
    page.goto(person_page)
    citations = page.locator("main .cite-body .quote").evaluate_all(
        """quotes => quotes.map(q => ({
            quote: q.querySelector("q").textContent,
            href: q.querySelector("a").getAttribute("href"),
        }))"""
    )
    assert len(citations) > 5

    # As a reader does it: open a citation marker, follow "in context".
    marker = page.locator("main details.cite").first
    link = marker.get_by_role("link", name="in context").first
    expect(link).to_be_hidden()
    marker.locator("summary").click()
    expect(marker).to_have_attribute("open", "")
    expect(link).to_be_visible()
    quote = marker.locator("q").first.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/sources/[-\w]+/#p-\d+$"))
    check_lands_on_quote(page, page.url.rsplit("#", 1)[1], quote)

    # Then every citation on the page, loading each article once.
    for citation in sorted({c["href"]: c for c in citations}.values(), key=lambda c: c["href"]):
        path, passage_id = citation["href"].split("#")
        if urlsplit(page.url).path != path:
            page.goto(f"{seeded_server}{path}")
        page.evaluate("id => { location.hash = id; }", passage_id)
        with subtests.test(citation["href"]):
            check_lands_on_quote(page, passage_id, citation["quote"])
