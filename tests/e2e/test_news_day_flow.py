"""A day of news into the record, in Chromium: a Spanish report listing twelve freed
people, with two officials, a prison the record lacks and a count, becomes twelve public
freed people, each cited, with the officials kept off the freed, the prison and the count
cited, in at most 40 clicks (typing and pasting are not clicks)."""

import pytest
from playwright.sync_api import Page, expect

from releases.models import CountClaim, Facility, Person, Status
from tests.e2e.test_curator_flow import log_in

pytestmark = pytest.mark.e2e

FREED = [
    "Luis Alberto Mendoza Pérez",
    "María Fernanda Ruiz Aponte",
    "José Gregorio Salas Vera",
    "Ana Carolina Briceño Lugo",
    "Pedro Pablo Díaz del Valle",
    "Carmen Elena Ochoa Paredes",
    "Juan Carlos Rangel Torres",
    "Rosa María Quintero Silva",
    "Miguel Ángel Sifontes Rojas",
    "Luisa Teresa Bastidas Mora",
    "Carlos Eduardo Machín Farías",
    "Gabriela Alejandra Pinto Leal",
]
REPORT = (
    "Excarcelan a doce presos políticos en Caracas\n\n"
    "CARACAS, 20 ene (Redacción) - Las autoridades excarcelaron este martes a 12 presos "
    "políticos que estaban recluidos en la cárcel de Tocuyito, según la ONG que los "
    "representa. Se trata de "
    + ", ".join(FREED[:6])
    + " y "
    + FREED[6]
    + ". La lista se amplió más tarde con "
    + ", ".join(FREED[7:11])
    + " y "
    + FREED[11]
    + ".\n\nEl ministro del Interior, Ramiro Colmenares Ortiz, dijo que el proceso continuará. "
    "La fiscal general, Noemí Urdaneta Blanco, afirmó que no hubo irregularidades."
)


class Clicks:
    """Counts every click the curator makes."""

    def __init__(self, page: Page):
        self.page, self.count = page, 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()


def test_a_spanish_list_report_into_the_record_in_forty_clicks(seeded_server, page):
    base = seeded_server
    log_in(page, base)
    clicks = Clicks(page)
    clicks.count = 1  # the log-in button

    page.goto(f"{base}/admin/sources/sourcearticle/add/")
    page.locator("#id_text").fill(REPORT)
    page.locator("#id_title").fill("Excarcelan a doce presos políticos")
    clicks.click(page.get_by_role("button", name="Ingest"))
    clicks.click(page.get_by_role("link", name="suggested citations to review"))

    # Every freed person at once, in the seed's release event.
    page.locator("#review-event").select_option(
        label="Release of political prisoners begins (2026-01-08)"
    )
    clicks.count += 1  # choosing the event
    clicks.click(page.get_by_role("button", name="Accept all 12 freed, each cited to its words"))
    expect(page.locator(".messagelist")).to_contain_text("Accepted 12 suggestion")

    # The new prison and the count: one tick each, then one accept.
    for kind in ("new_facility", "count"):
        clicks.click(page.locator(f"tr.review-{kind} input[name=selected]").first)
    clicks.click(page.get_by_role("button", name="Accept ticked"))
    expect(page.locator(".messagelist")).to_contain_text("Accepted 2 suggestion")
    print(f"clicks: {clicks.count}")
    assert clicks.count <= 40

    freed = Person.objects.filter(name__in=FREED)
    assert sorted(freed.values_list("name", flat=True)) == sorted(FREED)
    assert all(p.is_public and p.status == Status.RELEASED for p in freed)
    for person in freed:
        release = person.releases.get()
        assert release.event.title == "Release of political prisoners begins"
        assert release.citations.exists()
    # The officials were proposed, with their roles, never as freed.
    assert not Person.objects.filter(
        name__in=["Ramiro Colmenares Ortiz", "Noemí Urdaneta Blanco"]
    ).exists()
    prison = Facility.objects.get(name="Tocuyito")
    assert prison.is_public and prison.citations.exists()
    count = CountClaim.objects.get(value=12)
    assert count.metric == CountClaim.Metric.RELEASED and count.citations.exists()

    # And the reader sees them.
    page.goto(f"{base}/en/people/{freed.get(name=FREED[0]).slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(FREED[0])
    expect(page.locator("body")).to_contain_text("Las autoridades excarcelaron")
