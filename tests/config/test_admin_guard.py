"""Addresses and parameters a logged-in curator can type are a 404 or a 400 that says what is
wrong, never a 500: ids that are not ids, NUL bytes in filters and searches, odd selections."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from releases.models import Facility, Person, StatusChange
from tests import builders

HISTORY_MODELS = [model for model in admin.site._registry if hasattr(model, "history")]
NOT_IDS = ["abc", "1.5", "%00", "%C3%A9", "9" * 30, "1%00"]


@pytest.fixture
def world(db):
    return builders.every_kind_of_record()


@pytest.fixture
def staff(admin_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def _url(model, suffix: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{suffix}", args=args)


def test_every_model_with_history_is_registered_with_a_history_page():
    # The ids below reach every history page only if this list is the full one.
    assert {model.__name__ for model in HISTORY_MODELS} >= {
        "Person",
        "Release",
        "StatusChange",
        "Alias",
        "SourceArticle",
        "Passage",
        "Country",
    }
    assert len(HISTORY_MODELS) == 15


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda model: model.__name__)
def test_a_history_address_with_an_id_that_is_not_one_is_a_404(staff, world, model):
    record = model.objects.first()
    version = record.history.earliest()
    assert staff.get(_url(model, "history", record.pk)).status_code == 200
    assert staff.get(_url(model, "simple_history", record.pk, version.pk)).status_code == 200
    for not_id in NOT_IDS:
        assert staff.get(_url(model, "history", "X").replace("X", not_id)).status_code == 404
        one_version = _url(model, "simple_history", "X", version.pk).replace("X", not_id)
        assert staff.get(one_version).status_code == 404
        of_record = _url(model, "simple_history", record.pk, "Y").replace("Y", not_id)
        assert staff.get(of_record).status_code == 404


def _filter_parameters(client: Client, model) -> list[str]:
    changelist = client.get(_url(model, "changelist"))
    assert changelist.status_code == 200
    return [
        name
        for spec in changelist.context["cl"].filter_specs
        for name in spec.expected_parameters()
    ]


@pytest.mark.parametrize(
    "model", [model for model in admin.site._registry if model._meta.app_label != "auth"]
)
def test_a_nul_byte_in_any_list_filter_or_search_is_a_400_naming_it(staff, world, model):
    names = [*_filter_parameters(staff, model), "q"]
    for name in names:
        response = staff.get(f"{_url(model, 'changelist')}?{name}=a%00b")
        assert response.status_code == 400, name
        assert f"'{name}'" in response.content.decode() and "NUL" in response.content.decode()


def test_the_person_and_status_change_lists_refuse_a_nul_status(staff, world):
    for model in (Person, StatusChange):
        response = staff.get(_url(model, "changelist"), {"status__exact": "\x00"})
        assert response.status_code == 400
        assert (
            staff.get(_url(model, "changelist"), {"status__exact": "released"}).status_code == 200
        )


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [("alias", "person"), ("alias", "citations"), ("release", "event"), ("detention", "facility")],
)
def test_the_autocomplete_refuses_a_nul_search_term(staff, world, model_name, field_name):
    query = {"app_label": "releases", "model_name": model_name, "field_name": field_name}
    assert staff.get("/admin/autocomplete/", {**query, "term": "p"}).status_code == 200
    for term in ("\x00", "a\x00"):
        response = staff.get("/admin/autocomplete/", {**query, "term": term})
        assert response.status_code == 400
        assert "'term'" in response.content.decode()


def test_an_action_on_rows_that_are_not_ids_is_a_400(staff, world):
    person = world["people"][0]
    for selected in (["abc"], ["\x00"], [str(person.pk), "1.5"]):
        response = staff.post(
            _url(Person, "changelist"),
            {"action": "delete_selected", "_selected_action": selected},
        )
        assert response.status_code == 400, selected
        assert "not ids" in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()
    # A real selection still reaches the action (here, its confirmation page).
    response = staff.post(
        _url(Person, "changelist"),
        {"action": "delete_selected", "_selected_action": [str(person.pk)]},
    )
    assert response.status_code == 200 and "Are you sure" in response.content.decode()


def test_the_cite_page_of_a_record_that_is_not_one_is_a_404(staff, world):
    assert staff.get(_url(Facility, "cite", "X").replace("X", "abc")).status_code == 404


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda model: model.__name__)
def test_history_pages_use_no_inline_style_which_the_policy_would_block(staff, world, model):
    record = model.objects.first()
    version = record.history.earliest()
    for url in (
        _url(model, "history", record.pk),
        _url(model, "simple_history", record.pk, version.pk),
    ):
        response = staff.get(url)
        assert response.status_code == 200
        assert "style-src 'self'" in response["Content-Security-Policy"]
        page = response.content.decode()
        assert " style=" not in page and "<style" not in page, url
