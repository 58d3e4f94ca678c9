"""The Django admin: every model's list, search, add and change pages work."""

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from curation.curator_group import ensure_curator_group
from releases.models import Person, PersonRecord, Status
from tests import builders


@pytest.fixture
def world(db):
    return builders.world(2)


def _registered():
    return [
        model for model in admin.site._registry if model._meta.app_label in {"releases", "sources"}
    ]


@pytest.fixture(params=["superuser", "curator"])
def staff_client(request, client, admin_user, db):
    if request.param == "superuser":
        client.force_login(admin_user)
    else:
        curator = User.objects.create_user("curator", is_staff=True)
        curator.groups.add(ensure_curator_group())
        client.force_login(curator)
    return client


@pytest.mark.parametrize("model", _registered(), ids=lambda model: model.__name__)
def test_every_model_has_working_list_and_change_pages(staff_client, world, model):
    admin_client = staff_client
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    searched = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "Pérez"}
    )
    assert searched.status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
        assert change.status_code == 200


def test_person_search_ignores_accents(admin_client, db):
    rocio = builders.person("Rocío San Miguel", slug="rocio")
    from releases.derived import refresh_people

    refresh_people([rocio.pk])
    url = reverse("admin:releases_person_changelist")
    for term in ("rocio", "ROCÍO", "san miguel"):
        assert list(admin_client.get(url, {"q": term}).context["cl"].result_list) == [rocio], term


def test_person_list_shows_status_nationalities_and_number_of_sources(admin_client, world):
    response = admin_client.get(reverse("admin:releases_person_changelist"))
    row = response.context["cl"].result_list[0]
    assert row.sources_total == 1
    page = response.content.decode()
    assert "released" in page and "ES" in page


def test_editing_a_fact_in_the_admin_refreshes_the_persons_status(admin_client, world):
    person = world["people"][0]
    release = person.releases.get()
    url = reverse("admin:releases_release_delete", args=[release.pk])
    admin_client.post(url, {"post": "yes"})
    person.refresh_from_db()
    assert person.status == Status.DETAINED


def test_article_text_is_read_only_and_shows_highlighted_passages(admin_client, world):
    article = world["article"]
    url = reverse("admin:sources_sourcearticle_change", args=[article.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="text"' not in page
    assert "<mark>freed several Spanish citizens</mark>" in page


def test_passage_list_shows_the_quote_in_context(admin_client, world):
    page = admin_client.get(reverse("admin:sources_passage_changelist")).content.decode()
    assert "Venezuela on Thursday <mark>freed several Spanish citizens</mark> from" in page


def _person_change(client, person: Person, **changes) -> tuple[str, dict]:
    """The person's change page and what its form posts, its inlines left as they are."""
    url = reverse("admin:releases_person_change", args=[person.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) for name in ("name", "slug")}
    data["is_named"] = "on"
    for prefix in ("aliases", "citizenships", "roles", "detentions", "releases", "status_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return url, data | changes


def test_every_change_is_recorded_with_who_and_can_be_reverted(admin_client, admin_user, world):
    person = world["people"][0]
    url, data = _person_change(admin_client, person, name="Renamed Person")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    latest = person.history.latest()
    assert latest.name == "Renamed Person" and latest.history_user == admin_user
    previous = latest.prev_record
    history_url = reverse("admin:releases_person_history", args=[person.pk])
    assert "Renamed Person" in admin_client.get(history_url).content.decode()
    revert_url = reverse(
        "admin:releases_person_simple_history", args=[person.pk, previous.history_id]
    )
    assert admin_client.get(revert_url).status_code == 200
    admin_client.post(revert_url, {**data, "name": previous.name})
    person.refresh_from_db()
    assert person.name == previous.name


def test_citation_changes_are_in_the_history(world):
    release = world["people"][0].releases.get()
    release.citations.clear()
    record = release.history.latest()
    assert list(record.citations.all()) == []
    assert release.history.count() >= 2


@pytest.mark.parametrize(
    ("model_name", "public_url"),
    [
        ("releases_person", "/people/?status=any&format=csv"),
        ("releases_facility", "/facilities/?format=csv"),
        ("releases_releaseevent", "/events/?format=csv"),
        ("releases_country", "/nationalities/?format=csv"),
        ("sources_sourcearticle", "/sources/?format=csv"),
    ],
)
def test_admin_exports_selected_rows_in_the_public_csv_format(
    admin_client, world, model_name, public_url
):
    app_label, name = model_name.split("_", 1)
    model = next(
        model for model in admin.site._registry if model._meta.label_lower == f"{app_label}.{name}"
    )
    selected = list(model.objects.values_list("pk", flat=True)[:1])
    response = admin_client.post(
        reverse(f"admin:{model_name}_changelist"),
        {"action": "export_selected", "_selected_action": selected},
    )
    exported = b"".join(response.streaming_content).decode().splitlines()
    public = b"".join(admin_client.get(public_url).streaming_content).decode().splitlines()
    assert exported[0] == public[0]  # the same header
    assert len(exported) == 2 and exported[1] in public


def test_a_curator_saving_in_spanish_stores_what_an_english_save_would(admin_client, world):
    person = world["people"][0]
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"  # the admin follows the browser
    url, data = _person_change(admin_client, person, name="Persona Renombrada")
    assert "Guardar" in admin_client.get(url).content.decode()
    assert admin_client.post(url, data).status_code == 302
    record = json.loads(PersonRecord.objects.get(person=person).json)
    assert record["name"] == "Persona Renombrada"
    assert record["url"] == f"/people/{person.slug}/"  # no language: the reader's is added
    english = json.loads(b"".join(admin_client.get("/en/people/?format=json").streaming_content))
    urls = {r["name"]: r["url"] for r in english["results"]}
    assert urls["Persona Renombrada"] == f"http://testserver/en/people/{person.slug}/"
