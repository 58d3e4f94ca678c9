"""Two curators logged in at once, in two browsers, editing the same person: the second save
is refused with who changed what, and the current version is one click away."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from releases.models import Person

pytestmark = pytest.mark.e2e


def _curator(browser: Browser, base: str, username: str, full_name: str) -> Page:
    first, last = full_name.split()
    User.objects.create_superuser(
        username,
        f"{username}@example.org",
        "a long test passphrase",
        first_name=first,
        last_name=last,
    )
    page = browser.new_context().new_page()
    page.goto(f"{base}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("a long test passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#logout-form")).to_have_count(1)
    return page


def test_the_second_of_two_curators_saving_one_person_is_refused(seeded_server, browser):
    base = seeded_server
    person = Person.objects.filter(is_named=True).order_by("pk").first()
    url = f"{base}/admin/releases/person/{person.pk}/change/"
    ana = _curator(browser, base, "ana", "Ana Torres")
    luis = _curator(browser, base, "luis", "Luis Vega")
    ana.goto(url)
    luis.goto(url)  # both have the same version open

    ana.locator("#id_name").fill(person.name + " Ruiz")
    ana.get_by_role("button", name="Save", exact=True).click()
    expect(ana.locator(".messagelist")).to_contain_text("was changed successfully")

    luis.locator("#id_slug").fill(person.slug + "-2")
    luis.get_by_role("button", name="Save", exact=True).click()
    refusal = luis.locator(".errorlist.nonfield")
    expect(refusal).to_contain_text("Not saved: Ana Torres changed this person at")
    expect(refusal).to_contain_text(f"name: “{person.name}” → “{person.name} Ruiz”")
    refusal.get_by_role("link", name="Open the current version").click()
    expect(luis.locator("#id_name")).to_have_value(person.name + " Ruiz")
    person.refresh_from_db()
    assert (person.name.endswith(" Ruiz"), person.slug.endswith("-2")) == (True, False)
