"""The record read in Spanish in a browser: a Spanish-speaking journalist on Rocío San
Miguel's page reads our words in Spanish, her status agreeing with her, and a quote's
translation after the original; "Copy citation" gives both, labelled."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

# Words of curators' English that the page showed before the record had two languages.
ENGLISH_BEFORE = [
    "Accused of a plot",
    "One detention",
    "Release of political prisoners begins",
    "Spain's foreign ministry",
    "The sources call her",
    "human rights activist",
]


def test_the_person_page_reads_in_spanish(seeded_server: str, context, page: Page):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=seeded_server)
    page.goto(f"{seeded_server}/es/people/rocio-san-miguel/")
    summary = page.locator("p.summary")
    expect(summary).to_contain_text("Situación: excarcelada")
    main = page.locator("main")
    expect(main).to_contain_text("Acusada de un complot para asesinar a Maduro")
    expect(main).to_contain_text("Comienza la excarcelación de presos políticos")
    expect(main).to_contain_text("según el Ministerio de Asuntos Exteriores de España")
    # What the reader sees, less the quotes (the articles' own words, in English).
    shown = page.evaluate(
        """() => {
            const copy = document.querySelector("main").cloneNode(true);
            copy.querySelectorAll("q, summary").forEach((q) => q.remove());
            return copy.innerText;
        }"""
    )
    left = [words for words in ENGLISH_BEFORE if words in shown]
    assert left == []
    # A translated quote: the original first, then the translation, labelled.
    fact = page.locator("[id^='fact-detention-']").first
    marker = fact.locator("details.cite", has_text="Venezuela on thursday")
    marker.locator("summary").click()
    quote = marker.locator(".quote", has_text="Miguel was held in El Helicoide")
    expect(quote.locator(".translation")).to_contain_text(
        "traducción humana, por equipo de curaduría del registro"
    )
    texts = quote.locator("q").all_inner_texts()
    assert texts[0].startswith("Miguel was held") and texts[1].startswith("Miguel estuvo")
    fact.get_by_role("button", name="Copiar cita").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert re.search(r"«Miguel was held in El Helicoide after her arrest\.»", copied)
    assert (
        "traducción humana, por equipo de curaduría del registro: "
        "«Miguel estuvo recluida en El Helicoide tras su arresto.»"
    ) in copied
    assert copied.index("«Miguel was held") < copied.index("«Miguel estuvo")


def test_a_spanish_reader_finds_people_by_their_role_in_spanish(seeded_server: str, page: Page):
    page.goto(f"{seeded_server}/es/people/?status=any")
    page.get_by_label("Nombre, lugar, nacionalidad, papel o evento").fill("activista derechos")
    page.get_by_role("button", name="Aplicar").click()
    expect(page).to_have_url(re.compile(r"q=activista\+derechos"))
    rows = page.locator("table.results tbody tr:not(.group)")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Rocío San Miguel")
    # The word of the English record finds her too, on the Spanish page.
    page.goto(f"{seeded_server}/es/people/?status=any&q=rights+activist")
    expect(page.locator("table.results tbody tr:not(.group)").first).to_contain_text(
        "Rocío San Miguel"
    )


def test_a_claimant_link_copied_from_spanish_filters_the_same_in_english(
    seeded_server: str, page: Page
):
    page.goto(f"{seeded_server}/es/numbers/")
    page.get_by_label("Fuente de la cifra").select_option(label="la ONU")
    page.get_by_role("button", name="Aplicar").click()
    expect(page).to_have_url(re.compile(r"claimant=the-un"))
    spanish = page.locator("main table tbody tr").all_inner_texts()
    assert spanish and all("la ONU" in row for row in spanish)
    page.goto(page.url.replace("/es/", "/en/"))
    english = page.locator("main table tbody tr").all_inner_texts()
    assert len(english) == len(spanish) and all("the UN" in row for row in english)
