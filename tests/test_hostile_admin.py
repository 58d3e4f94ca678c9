"""Hostile addresses and parameters never crash the admin for a logged-in curator or
superuser: every list, add, change, delete, history and cite page, and the autocomplete,
answers below 500 whatever ids and query parameters are typed, on SQLite and PostgreSQL.

``pytest tests/test_hostile_admin.py --hypothesis-show-statistics`` shows how many requests
were tried and the status codes they got."""

from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import event, given
from hypothesis import strategies as st

from curation.curator_group import ensure_curator_group
from releases.models import Facility, Release, ReleaseEvent
from tests import builders
from tests.test_hostile_parameters import (
    HOSTILE_VALUES,
    NAMED_HOSTILE_VALUES,
    crash_summary,
    sweep,
)

# Pages of one record, by the suffix of their URL name.
RECORD_PAGES = ["change", "delete", "history", "cite"]
# Parameters every admin list or page reads, besides each list's own filters.
ADMIN_PARAMS = ["q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters"]
ADMIN_PARAMS += ["article", "term", "page", "app_label", "model_name", "field_name"]
HOSTILE_IDS = st.one_of(
    st.sampled_from(NAMED_HOSTILE_VALUES),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(max_size=20),
)


def assert_no_server_error(response, what: str) -> None:
    """Below 500, the body included: an export that fails after its status line counts."""
    if response.streaming:
        b"".join(response.streaming_content)
    event(f"status {response.status_code}")  # tallied by --hypothesis-show-statistics
    assert response.status_code < 500, f"{what[:300]}{crash_summary(response.exc_info)}"


def _name(model, suffix: str) -> str:
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_{suffix}"


def _has(name: str, *args) -> bool:
    try:
        reverse(name, args=args)
    except NoReverseMatch:
        return False
    return True


def _autocomplete_queries() -> list[dict]:
    """Every (model, field) pair an admin form asks the autocomplete about."""
    queries = []
    for model, model_admin in admin.site._registry.items():
        for owner, fields in (
            (model, model_admin.autocomplete_fields),
            *((inline.model, inline.autocomplete_fields) for inline in model_admin.inlines),
        ):
            opts = owner._meta
            queries += [
                {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": field}
                for field in fields
            ]
    return queries


@pytest.fixture
def records(db):
    return builders.every_kind_of_record()


@pytest.fixture
def clients(records, admin_user) -> dict[str, Client]:
    curator = User.objects.create_user("curator", is_staff=True)
    curator.groups.add(ensure_curator_group())
    made = {}
    for role, user in (("superuser", admin_user), ("curator", curator)):
        # A crash must come back as a 500 response for the assertion to see it.
        made[role] = Client(raise_request_exception=False)
        made[role].force_login(user)
    return made


@pytest.fixture
def targets(clients) -> dict:
    """What the sweep draws from: each registered model with a real id (and history id), the
    list filters its changelist offers, and the autocomplete queries forms make."""
    models = {}
    for model in admin.site._registry:
        record = model.objects.first()
        history = getattr(record, "history", None)
        changelist = clients["superuser"].get(reverse(_name(model, "changelist")))
        assert changelist.status_code == 200, model
        models[model] = {
            "id": str(record.pk) if record else "1",
            "version": str(history.earliest().pk) if history else None,
            "filters": [
                name
                for spec in changelist.context["cl"].filter_specs
                for name in spec.expected_parameters()
            ],
        }
    return {"models": models, "autocomplete": _autocomplete_queries()}


def _draw_url(data, targets) -> str:
    models = targets["models"]
    model = data.draw(st.sampled_from(sorted(models, key=str)), label="model")
    known = models[model]
    some_id = data.draw(st.one_of(st.just(known["id"]), HOSTILE_IDS), label="id")
    page = data.draw(st.sampled_from(["changelist", "add", *RECORD_PAGES, "version"]))
    if page in ("changelist", "add"):
        return reverse(_name(model, page))
    if page == "version":
        if not known["version"]:
            return reverse(_name(model, "changelist"))
        version = data.draw(st.one_of(st.just(known["version"]), HOSTILE_IDS), label="version")
        path = reverse(_name(model, "simple_history"), args=["0", "0"])
        return path.replace(
            "/0/history/0/", f"/{quote(some_id, safe='')}/history/{quote(version, safe='')}/"
        )
    if not _has(_name(model, page), "0"):
        return reverse(_name(model, "changelist"))
    return reverse(_name(model, page), args=["0"]).replace("/0/", f"/{quote(some_id, safe='')}/", 1)


def _draw_params(data, names: list[str]) -> list[tuple[str, str]]:
    pairs = st.tuples(
        st.sampled_from(names), st.one_of(HOSTILE_VALUES, st.sampled_from(["1", "0"]))
    )
    return data.draw(st.lists(pairs, max_size=4), label="params")


@sweep(200)
@given(data=st.data(), role=st.sampled_from(["superuser", "curator"]))
def test_no_hostile_admin_address_or_parameter_gives_a_server_error(clients, targets, data, role):
    if data.draw(st.integers(0, 4), label="autocomplete?") == 0:
        query = data.draw(st.sampled_from(targets["autocomplete"]), label="query")
        url = "/admin/autocomplete/"
        names = ["term", "page", *query]
        pairs = [*query.items(), *_draw_params(data, names)]
    else:
        url = _draw_url(data, targets)
        model_filters = [name for known in targets["models"].values() for name in known["filters"]]
        pairs = _draw_params(data, ADMIN_PARAMS + model_filters)
    target = f"{url}?{urlencode(pairs)}" if pairs else url
    assert_no_server_error(clients[role].get(target), target)


@sweep(30)
@given(
    selected=st.lists(st.one_of(HOSTILE_IDS, st.just("1")), min_size=1, max_size=3),
    action=st.sampled_from(["delete_selected", "export_selected", "nope", "\x00"]),
    model=st.sampled_from(["releases_person", "releases_release", "sources_sourcearticle"]),
)
def test_admin_actions_on_hostile_selections_give_no_server_error(clients, selected, action, model):
    response = clients["superuser"].post(
        reverse(f"admin:{model}_changelist"), {"action": action, "_selected_action": selected}
    )
    assert_no_server_error(response, f"{model} action {action!r} on {selected!r}")


@sweep(40)
@given(data=st.data(), model=st.sampled_from([Release, Facility, ReleaseEvent]))
def test_citing_with_hostile_form_values_gives_no_server_error(records, clients, data, model):
    record = model.objects.first()
    values = st.one_of(HOSTILE_VALUES, st.just(str(records["article"].pk)))
    form = {name: data.draw(values, label=name) for name in ("article", "start", "end", "quote")}
    response = clients["curator"].post(reverse(_name(model, "cite"), args=[record.pk]), form)
    assert_no_server_error(response, f"cite {model.__name__} with {form!r}")
