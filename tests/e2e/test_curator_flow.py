"""A curator's round trip in a real browser: log in, ingest an article, accept a suggested
citation, select new words with the keyboard and with the mouse to cite them, and find the
quote on the public page."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from releases.models import Release
from sources.models import SourceArticle

pytestmark = pytest.mark.e2e

NEW_ARTICLE = (
    "Caracas, Friday. Rocío San Miguel spoke to reporters outside El Helicoide a day after "
    "her release, and thanked the diplomats who had pressed for it."
)
KEYBOARD_QUOTE = "spoke to reporters outside El Helicoide"


def log_in(page: Page, base: str) -> None:
    User.objects.create_superuser("editor", "editor@example.org", "a long test passphrase")
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long test passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("link", name="Log out").or_(page.locator("#logout-form"))
    ).to_have_count(1)


def test_ingest_accept_select_and_cite_then_see_it_public(seeded_server, page):
    base = seeded_server
    log_in(page, base)

    # Ingest: paste the text; the page reports what was found to suggest.
    page.goto(f"{base}/admin/sources/sourcearticle/add/")
    page.locator("#id_text").fill(NEW_ARTICLE)
    page.locator("#id_title").fill("San Miguel speaks")
    page.get_by_role("button", name="Ingest").click()
    expect(page.locator(".messagelist")).to_contain_text("Stored")
    page.get_by_role("link", name="suggested citations to review").click()

    # Accept the suggestion that names Rocío San Miguel, on the article's review screen.
    page.get_by_role("checkbox", name="Tick Rocío San Miguel").check()
    page.get_by_role("button", name="Accept ticked").click()
    expect(page.locator(".messagelist")).to_contain_text("Accepted 1 suggestion")

    # Cite new words for her release, selecting them with the keyboard.
    article = SourceArticle.objects.get(title="San Miguel speaks")
    release = Release.objects.get(person__slug="rocio-san-miguel")
    page.goto(f"{base}/admin/releases/release/{release.pk}/change/")
    page.get_by_role("link", name="Cite a passage by selecting text in an article").click()
    page.locator("#id_pick_article").select_option(str(article.pk))
    page.get_by_role("button", name="Show text").click()
    text = page.locator("#cite-text")
    text.focus()
    page.keyboard.press("Control+Home")
    for _ in range(NEW_ARTICLE.index(KEYBOARD_QUOTE)):
        page.keyboard.press("ArrowRight")
    for _ in range(len(KEYBOARD_QUOTE)):
        page.keyboard.press("Shift+ArrowRight")
    expect(page.locator("#cite-preview")).to_have_text(KEYBOARD_QUOTE)
    page.keyboard.type("typing cannot change the article")
    expect(text).to_have_value(NEW_ARTICLE)
    page.get_by_role("button", name="Cite this passage").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Cited “{KEYBOARD_QUOTE}”")

    # And with the mouse: a double click selects the word under the pointer.
    page.get_by_role("link", name="Cite a passage by selecting text in an article").click()
    page.locator("#id_pick_article").select_option(str(article.pk))
    page.get_by_role("button", name="Show text").click()
    box = page.locator("#cite-text").bounding_box()
    page.mouse.dblclick(box["x"] + 20, box["y"] + 12)
    word = page.locator("#cite-preview").text_content().strip()
    assert word and word in NEW_ARTICLE
    page.get_by_role("button", name="Cite this passage").click()
    expect(page.locator(".messagelist")).to_contain_text("Cited")

    passage = release.citations.get(article=article, quote=KEYBOARD_QUOTE)
    assert article.text[passage.start : passage.end] == KEYBOARD_QUOTE

    # The public page shows the release with the new quote, and the accepted mention.
    page.goto(f"{base}/people/rocio-san-miguel/")
    expect(page.locator("main q", has_text=KEYBOARD_QUOTE).first).to_be_attached()
    expect(page.locator("#mentions")).to_be_visible()
    expect(page.locator("main q", has_text="Rocío San Miguel").first).to_be_attached()
