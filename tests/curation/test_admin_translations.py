"""Curating both languages in the admin: each text's English and Spanish side by side, a
filter and a page listing the records with a text in one language only."""

import re

import pytest
from django.urls import reverse

from releases.models import ReleaseEvent, Role
from tests import builders


@pytest.fixture
def world(db):
    made = builders.every_kind_of_record()
    ReleaseEvent.objects.update(title_es="Excarcelaciones del jueves")
    return made


def _rows(page: str) -> list[str]:
    return re.findall(r'<div class="form-row([^"]*)"', page)


def test_a_change_form_shows_both_languages_of_a_text_on_one_row(admin_client, world):
    role = Role.objects.get()
    page = admin_client.get(reverse("admin:releases_role_change", args=[role.pk])).content
    rows = _rows(page.decode())
    assert any("field-title_en" in r and "field-title_es" in r for r in rows), rows
    assert any("field-note_en" in r and "field-note_es" in r for r in rows), rows
    # Inlines too: an event's counts show who is counted in both languages on one row.
    event = world["event"]
    page = admin_client.get(reverse("admin:releases_releaseevent_change", args=[event.pk]))
    rows = _rows(page.content.decode())
    assert any("field-title_en" in r and "field-title_es" in r for r in rows), rows
    assert any("field-subject_en" in r and "field-subject_es" in r for r in rows), rows


def test_saving_the_spanish_in_the_admin_keeps_the_english(admin_client, world):
    role = Role.objects.get()
    url = reverse("admin:releases_role_change", args=[role.pk])
    form = {
        "person": role.person_id,
        "kind": role.kind,
        "title_en": "a detainee",
        "title_es": "una persona detenida",
        "certainty": "stated",
        "citations": [p.pk for p in role.citations.all()],
        "attributed_to_en": "",
        "attributed_to_es": "",
        "note_en": "",
        "note_es": "",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    role.refresh_from_db()
    assert (role.title_en, role.title_es) == ("a detainee", "una persona detenida")


def test_records_missing_a_translation_are_listed_with_what_is_missing(admin_client, world):
    page = admin_client.get("/admin/translations/").content.decode()
    role = Role.objects.get()
    assert reverse("admin:releases_role_change", args=[role.pk]) in page
    assert "title_es" in page
    # The event is translated: not listed.
    assert reverse("admin:releases_releaseevent_change", args=[world["event"].pk]) not in page
    role.title_es = "una persona detenida"
    role.save()
    page = admin_client.get("/admin/translations/").content.decode()
    assert reverse("admin:releases_role_change", args=[role.pk]) not in page


def test_a_list_filters_the_records_missing_a_translation(admin_client, world):
    def shown(name: str) -> int:
        url = reverse(f"admin:releases_{name}_changelist")
        response = admin_client.get(url, {"translation": "missing"})
        return response.context["cl"].result_count

    assert (shown("releaseevent"), shown("role")) == (0, 1)


def test_the_missing_translations_page_is_for_staff_only(client, world):
    response = client.get("/admin/translations/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_curator_working_in_spanish_reads_the_translation_pages_in_spanish(admin_client, world):
    page = admin_client.get("/admin/translations/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Registros a los que les falta una traducción" in page
    assert re.search(r"\b\d+ registros? con un texto en un solo idioma\.", page)
    assert "Records missing" not in page and "one language only" not in page
    url = reverse("admin:releases_role_changelist")
    listing = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "falta en un idioma" in listing and "missing in one language" not in listing
    index = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Excarcelaciones: personas, centros, eventos y hechos" in index
    assert "Fuentes: artículos y pasajes" in index
