"""Two curators editing one record: the later save is refused, names who changed what, and
offers the current version; saving again keeps the later curator's version knowingly."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from curation.curator_group import ensure_curator_group
from releases.models import Person
from tests import builders
from tests.curation.admin_forms import change_form_data


def _curator(username: str, full_name: str) -> Client:
    first, last = full_name.split()
    user = User.objects.create_user(username, first_name=first, last_name=last, is_staff=True)
    user.groups.add(ensure_curator_group())
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def curators(db):
    return _curator("ana", "Ana Torres"), _curator("luis", "Luis Vega")


def test_the_later_of_two_saves_is_refused_naming_who_changed_what(curators):
    ana, luis = curators
    person = builders.person("Carla Mendez", is_named=True, slug="carla-mendez")
    url = reverse("admin:releases_person_change", args=[person.pk])
    ana_form = change_form_data(ana.get(url))
    luis_form = change_form_data(luis.get(url))  # both opened the same version

    saved = ana.post(url, {**ana_form, "name": "Carla Méndez"})
    assert saved.status_code == 302
    refused = luis.post(url, {**luis_form, "slug": "carla-m"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Not saved: Ana Torres changed this person at" in page
    assert "name: “Carla Mendez” → “Carla Méndez”" in page
    assert f'<a href="{url}">Open the current version</a>' in page
    person.refresh_from_db()
    assert (person.name, person.slug) == ("Carla Méndez", "carla-mendez")  # Ana's edit kept

    # The current version, opened again, is Ana's; or Luis saves again, knowing.
    assert luis.get(url).context["adminform"].form["name"].value() == "Carla Méndez"
    again = luis.post(url, change_form_data(refused) | {"slug": "carla-m"})
    assert again.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.slug) == ("Carla Mendez", "carla-m")  # Luis's, knowingly


def test_a_save_with_no_change_in_between_goes_through(curators):
    ana, _luis = curators
    facility = builders.world(1)["facility"]
    url = reverse("admin:releases_facility_change", args=[facility.pk])
    first = ana.post(url, change_form_data(ana.get(url)) | {"name": "Rodeo I"})
    assert first.status_code == 302, first.context["adminform"].form.errors
    second = ana.post(url, change_form_data(ana.get(url)) | {"name": "El Rodeo One"})
    assert second.status_code == 302
    facility.refresh_from_db()
    assert facility.name == "El Rodeo One"


@pytest.mark.parametrize("admin_name", ["facility", "country", "releaseevent", "person"])
def test_every_curated_change_form_carries_its_version(admin_client, admin_name, db):
    world = builders.world(1)
    record = {
        "facility": world["facility"],
        "country": world["country"],
        "releaseevent": world["event"],
        "person": Person.objects.first(),
    }[admin_name]
    url = reverse(f"admin:releases_{admin_name}_change", args=[record.pk])
    form = admin_client.get(url).context["adminform"].form
    assert form["seen_version"].value() == record.history.latest().history_id
    assert 'name="seen_version"' in admin_client.get(url).content.decode()


def test_a_new_fact_about_a_person_renamed_since_the_form_opened_is_refused(curators):
    from curation.ingest import ingest_article

    ana, luis = curators
    text = "Relatives said Carla Mendez was freed on Thursday from El Rodeo I."
    article = ingest_article(text=text, title="Freed").article
    person = builders.person("Carla Mendez", is_named=True)
    new_fact = reverse("admin:sources_sourcearticle_new_fact", args=[article.pk])
    opened = luis.get(new_fact, {"person": person.pk, "kind": "release"})
    seen = opened.context["form"]["seen_person"].value()
    assert seen == f"{person.pk}:{person.history.latest().history_id}"

    change = reverse("admin:releases_person_change", args=[person.pk])
    ana.post(change, change_form_data(ana.get(change)) | {"name": "Carla Méndez Ruiz"})

    words = "was freed on Thursday"
    start = text.index(words)
    fact = {
        "start": start,
        "end": start + len(words),
        "quote": words,
        "kind": "release",
        "person": person.pk,
        "seen_person": seen,
        "release-certainty": "stated",
    }
    refused = luis.post(new_fact, fact)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Not saved: Ana Torres changed this person at" in page
    assert "name: “Carla Mendez” → “Carla Méndez Ruiz”" in page
    assert not person.releases.exists()
    # Sent again, having read it, the fact is made.
    again = luis.post(
        new_fact, fact | {"seen_person": refused.context["form"]["seen_person"].value()}
    )
    assert again.status_code == 302
    assert person.releases.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_fact_about_a_known_person_is_made_outside_a_test_transaction():
    # As a server runs it, in autocommit: the check that locks the person's row must be
    # inside a transaction of its own (PostgreSQL refuses a lock outside one).
    from curation.ingest import ingest_article

    luis = _curator("luis", "Luis Vega")
    text = "Relatives said Carla Mendez was freed on Thursday from El Rodeo I."
    article = ingest_article(text=text, title="Freed").article
    person = builders.person("Carla Mendez", is_named=True)
    new_fact = reverse("admin:sources_sourcearticle_new_fact", args=[article.pk])
    opened = luis.get(new_fact, {"person": person.pk, "kind": "release"})
    words = "was freed on Thursday"
    start = text.index(words)
    made = luis.post(
        new_fact,
        {
            "start": start,
            "end": start + len(words),
            "quote": words,
            "kind": "release",
            "person": person.pk,
            "seen_person": opened.context["form"]["seen_person"].value(),
            "release-certainty": "stated",
        },
    )
    assert made.status_code == 302
    assert person.releases.count() == 1
