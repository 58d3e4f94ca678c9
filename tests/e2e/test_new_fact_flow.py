"""A curator's fastest path from a new article to a cited, public person, in Chromium:
paste an article (the browser submits CRLF line ends) full of characters that JavaScript
and Python count differently, ingest it, create a new person's nationality and release
from selected words, and find the person on /people/ with exactly those quotes. Clicks and
page loads are counted and printed."""

import pytest
from playwright.sync_api import Locator, Page, expect

from releases.models import Citizenship, Country, Person, Role
from sources.models import SourceArticle
from tests.e2e.test_curator_flow import log_in

pytestmark = pytest.mark.e2e

# Astral-plane emoji (two UTF-16 units each, one code point; flags and skin tones are two
# code points), combining accents (two code points, one letter on screen), curly quotes,
# non-breaking hyphens and spaces, all before and inside the words selected.
NAME_WORDS = "Luci\u0301a Ferna\u0301ndez\u2011Ortiz, a Spanish citizen \U0001f1ea\U0001f1f8"
RELEASE_WORDS = "was freed from El Rodeo\u00a0I on \u201cThursday\u201d \U0001f64f\U0001f3fd"
LINES = [
    "Caracas \U0001f1fb\U0001f1ea \u2014 \u201cLiberados\u201d: live updates \U0001f4e2",
    "",
    "Jos\u00e9 said the list was \u201cincomplete\u201d \U0001f612; the non\u2011breaking "
    "hyphen stays.",
    f"{NAME_WORDS}, {RELEASE_WORDS}, her sister told reporters.",
    "Share this story \U0001f449 Facebook \u00b7 X",
]
PASTED = "\r\n".join(LINES) + "\r\n"
STORED = "\n".join(LINES) + "\n"


class Counter:
    """Counts what a curator does: a click, a click into a field and typing (one), a
    choice in a drop-down (two: open, pick), a selection of words by dragging (one)."""

    def __init__(self, page: Page):
        self.page = page
        self.clicks = 0
        self.loads = 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self) -> None:
        self.loads += 1

    def click(self, target: Locator) -> None:
        self.clicks += 1
        target.click()

    def fill(self, target: Locator, text: str) -> None:
        self.clicks += 1
        target.fill(text)

    def choose(self, target: Locator, label: str) -> None:
        self.clicks += 2
        target.select_option(label=label)

    def select_words(self, words: str) -> None:
        """Select ``words`` in the article text as a mouse drag would (the browser's own
        selection, in UTF-16 units; cite.js turns it into code-point offsets)."""
        self.clicks += 1
        self.page.locator("#cite-text").evaluate(
            """(text, words) => {
                const at = text.value.indexOf(words);
                if (at < 0) throw new Error("words not in the text: " + words);
                text.focus();
                text.setSelectionRange(at, at + words.length);
                text.dispatchEvent(new Event("select"));
            }""",
            words,
        )
        expect(self.page.locator("#cite-preview")).to_have_text(words)


def test_new_freed_person_from_selected_words_in_at_most_15_clicks(seeded_server, page):
    base = seeded_server
    log_in(page, base)
    page.goto(f"{base}/admin/")
    count = Counter(page)

    # Ingest: paste the article (Chromium submits the textarea with CRLF line ends).
    count.click(page.locator("a[href$='/admin/sources/sourcearticle/add/']"))
    count.fill(page.locator("#id_text"), PASTED)
    count.fill(page.locator("#id_title"), "Liberados: live updates")
    count.click(page.get_by_role("button", name="Ingest"))
    expect(page.locator(".messagelist")).to_contain_text("Stored")
    article = SourceArticle.objects.get(title="Liberados: live updates")
    assert article.text == STORED

    # Nationality of a new person, from the words that say it.
    count.click(page.get_by_role("link", name="New fact from selected words"))
    count.select_words(NAME_WORDS)
    count.click(page.get_by_label("nationality (citizenship)"))
    count.fill(page.get_by_label("…or a new person"), "Lucía Fernández-Ortiz")
    count.choose(page.locator("#id_citizenship-country"), "Spain (ES)")
    count.click(page.get_by_role("button", name="Create the fact citing these words"))
    expect(page.locator(".messagelist")).to_contain_text(f"citing “{NAME_WORDS}”")

    # Her release, from other words of the same article: the person is kept.
    count.select_words(RELEASE_WORDS)
    count.click(page.get_by_label("release", exact=True))
    count.fill(page.locator("#id_release-date"), "2026-01-08")
    count.click(page.get_by_role("button", name="Create the fact citing these words"))
    expect(page.locator(".messagelist")).to_contain_text(f"citing “{RELEASE_WORDS}”")

    person = Person.objects.get(name="Lucía Fernández-Ortiz")
    quotes = {
        p.quote
        for f in [*person.citizenships.all(), *person.releases.all()]
        for p in f.citations.all()
    }
    assert quotes == {NAME_WORDS, RELEASE_WORDS}
    for passage in article.passages.all():
        assert article.text[passage.start : passage.end] == passage.quote
    print(f"\nnew freed person: {count.clicks} clicks, {count.loads} page loads")

    # Public: listed among the freed, with exactly these quotes and no other.
    page.goto(f"{base}/people/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Lucía Fernández-Ortiz"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("released")
    assert set(row.locator("q").all_text_contents()) == {NAME_WORDS, RELEASE_WORDS}
    assert count.clicks <= 15


def test_citing_by_selection_on_text_stored_with_crlf_and_a_leading_newline(seeded_server, page):
    """Imported files keep their bytes, CRs included, and may start with a blank line (which
    an HTML textarea would swallow); offsets from the browser still land on the words."""
    base = seeded_server
    log_in(page, base)
    stored = "\r\n" + PASTED
    article = SourceArticle.objects.create(slug="crlf-copy", title="CRLF copy", text=stored)
    spain = Country.objects.get(code="ES")
    person = Person.objects.create(name="Lucía Fernández-Ortiz", slug="lucia")
    citizenship = Citizenship.objects.create(person=person, country=spain)
    page.goto(f"{base}/admin/releases/citizenship/{citizenship.pk}/cite/?article={article.pk}")
    expect(page.locator("#cite-text")).to_have_value("\n" + STORED)
    Counter(page).select_words(NAME_WORDS)
    page.get_by_role("button", name="Cite this passage").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Cited “{NAME_WORDS}”")
    passage = citizenship.citations.get()
    assert passage.quote == NAME_WORDS
    assert stored[passage.start : passage.end] == NAME_WORDS


def test_a_fact_about_an_existing_person_found_by_the_admins_search(seeded_server, page):
    base = seeded_server
    log_in(page, base)
    words = "Venezuela on Thursday began releasing"
    article = next(a for a in SourceArticle.objects.all() if words in a.text)
    page.goto(f"{base}/admin/sources/sourcearticle/{article.pk}/new-fact/")
    count = Counter(page)
    count.click(page.get_by_label("role", exact=True))
    count.click(page.locator(".select2-selection").first)
    count.fill(page.locator(".select2-search__field"), "Rocio")
    count.click(page.get_by_role("option", name="Rocío San Miguel"))
    count.select_words(words)
    count.choose(page.locator("#id_role-kind"), "commented on the releases")
    count.fill(page.locator("#id_role-title"), "mentioned in a report")
    count.click(page.get_by_role("button", name="Create the fact citing these words"))
    expect(page.locator(".messagelist")).to_contain_text(f"citing “{words}”")
    role = Role.objects.get(title="mentioned in a report")
    assert role.person.slug == "rocio-san-miguel"
    assert [p.quote for p in role.citations.all()] == [words]
