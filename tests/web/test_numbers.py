"""The numbers (/numbers/): every public count claim, grouped by the quantity it measures,
claimants side by side with their dates, filters, exports, and a pinned query count."""

import csv
import datetime
import importlib
import io
import json
import types

import pytest
from django.db import IntegrityError, transaction

from releases.models import CountClaim, claimant_slug
from tests import builders


def _claim(passage, **fields) -> CountClaim:
    fields.setdefault("subject", "political prisoners")
    fields.setdefault("qualifier", "approximate")
    return builders.cite(CountClaim.objects.create(**fields), passage)


@pytest.fixture
def claims(db):
    """The world's "several Spanish citizens released (Spain)", plus claims about everyone:
    two about the released (one dated), one about the still held, and an uncited one."""
    made = builders.world(1)
    source = builders.article("The UN said about 50 were freed; a rights group counts 800 held.")
    quote = builders.passage(source, "about 50 were freed")
    held = builders.passage(source, "a rights group counts 800 held")
    made["un"] = _claim(
        quote,
        metric="released",
        value=50,
        value_text="about 50",
        claimed_by="United Nations",
        as_of=datetime.date(2026, 1, 12),
        as_of_precision="day",
        as_of_text="as of Monday",
    )
    made["ngo"] = _claim(
        quote, metric="released", value=18, qualifier="exact", value_text="18", claimed_by="Foro"
    )
    made["still"] = _claim(
        held,
        metric="still_held",
        value=800,
        qualifier="more_than",
        value_text="more than 800",
        claimed_by="Foro",
        verification="confirmed",
    )
    CountClaim.objects.create(
        metric="held",
        subject="people",
        qualifier="exact",
        value=9,
        value_text="nine",
        claimed_by="Nobody cites this",
    )
    return made


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_claims_are_grouped_by_quantity_then_country_side_by_side(client, claims):
    response = client.get("/numbers/")
    assert response.status_code == 200
    shown = [count.claimed_by for count in response.context["page"]]
    # Released (everyone: dated first, then by claimant; then Spain), then still held.
    assert shown == ["United Nations", "Foro", "Spain", "Foro"]
    page = response.content.decode()
    assert page.index('<h2 id="quantity-1">Released</h2>') < page.index("Still held</h2>")
    assert "Everyone, whatever their nationality: 2 claims, side by side" in page
    assert '<span class="when">12 January 2026</span>' in page
    assert "as of Monday" in page
    assert "confirmed by the claimant" in page
    assert "Nobody cites this" not in page  # no citation, no number


def test_claims_filter_by_quantity_claimant_country_and_event(client, claims):
    def shown(**query) -> list[str]:
        response = client.get("/numbers/", query)
        assert response.status_code == 200, response.content
        return [f"{c.metric}:{c.claimed_by}" for c in response.context["page"]]

    assert shown(metric="still_held") == ["still_held:Foro"]
    assert shown(claimant="Foro") == ["released:Foro", "still_held:Foro"]
    assert shown(country="es") == ["released:Spain"]
    assert shown(event="thursday") == ["released:Spain"]
    assert shown(metric="released", claimant="Foro") == ["released:Foro"]


@pytest.mark.parametrize(
    "query", ["metric=most", "claimant=Nobody+cites+this", "country=zz", "event=nope"]
)
def test_a_bad_filter_value_is_a_400_that_says_why(client, claims, query):
    response = client.get(f"/numbers/?{query}")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert client.get(f"/numbers/?{query}&format=json").status_code == 400


def test_the_query_count_is_pinned_and_does_not_grow_with_claims(
    client, claims, django_assert_num_queries
):
    # Data version, claimant menu, country menu, event menu, count, page, citations.
    with django_assert_num_queries(7):
        assert client.get("/numbers/").status_code == 200
    builders.world(5, prefix="more")
    passage = claims["article"].passages.first()
    for number in range(10):
        _claim(
            passage, metric="held", value=number, value_text=str(number), claimed_by=f"C{number}"
        )
    with django_assert_num_queries(7):
        assert client.get("/numbers/").status_code == 200


def test_csv_re_parsed_agrees_with_json(client, claims):
    records = json.loads(_body(client.get("/numbers/", {"format": "json"})))
    text = _body(client.get("/numbers/", {"format": "csv"}))
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert records["count"] == len(records["results"]) == len(rows) == 4
    for row, record in zip(rows, records["results"], strict=True):
        for key in (
            "metric",
            "country",
            "subject",
            "value_text",
            "value",
            "qualifier",
            "claimed_by",
            "verification",
            "as_of",
            "as_of_precision",
            "as_of_text",
            "event",
            "certainty",
            "attributed_to",
            "note",
        ):
            assert row[key] == ("" if record[key] is None else str(record[key])), key
        assert row["id"] == str(record["id"])
        assert row["citations_quotes"] == " ; ".join(c["quote"] for c in record["citations"])
        assert row["citations_article_urls"] == " ; ".join(
            c["article_url"] or c["url"] for c in record["citations"]
        )
    un = next(r for r in records["results"] if r["claimed_by"] == "United Nations")
    assert un["as_of"] == "2026-01-12" and un["as_of_text"] == "as of Monday"
    assert un["citations"][0]["quote"] == "about 50 were freed"


def test_exports_take_the_same_filters(client, claims):
    records = json.loads(_body(client.get("/numbers/", {"format": "json", "claimant": "Foro"})))
    assert [r["metric"] for r in records["results"]] == ["released", "still_held"]


def test_a_count_about_everyone_links_to_its_row_in_the_numbers(claims):
    url = claims["un"].get_absolute_url()
    assert url == f"/en/numbers/?metric=released#count-{claims['un'].pk}"


def test_the_numbers_are_linked_from_the_navigation_and_the_home_page(client, claims):
    home = client.get("/").content.decode()
    assert home.count('href="/numbers/"') == 2


def test_a_chosen_order_sorts_inside_each_group_and_keeps_the_groups(client, claims):
    page = client.get("/numbers/?ordering=-figure").context["page"]
    assert [(c.metric, c.claimed_by) for c in page] == [
        ("released", "United Nations"),  # 50, then 18: the groups stay as they were
        ("released", "Foro"),
        ("released", "Spain"),
        ("still_held", "Foro"),
    ]
    page = client.get("/numbers/?ordering=figure").context["page"]
    assert [c.claimed_by for c in page] == ["Foro", "United Nations", "Spain", "Foro"]
    assert client.get("/numbers/?ordering=pk);--").status_code == 400


def test_running_totals_lead_their_group_here_as_on_the_home_page(client, claims):
    quote = claims["ngo"].citations.get()
    in_words = _claim(
        quote,
        metric="released",
        value=None,
        qualifier="unspecified",
        value_text="some",
        claimed_by="A minister",
    )
    dated = claims["un"]  # a figure, counted up to a date; "18" has no date, so it is later
    response = client.get("/numbers/", {"format": "json", "metric": "released"})
    rows = json.loads(_body(response))["results"]
    everyone = [row["id"] for row in rows if row["country"] is None]
    assert everyone[0] == dated.pk and everyone[-1] == in_words.pk
    home = client.get("/").content.decode()
    assert home.index("about 50") < home.index(">some<")


@pytest.fixture
def translated(claims):
    """The UN's claim, made as "United Nations" (its key "united-nations"), renamed since in
    English and named in Spanish."""
    un = claims["un"]
    un.claimed_by_en, un.claimed_by_es = "the UN", "la ONU"
    un.save()
    return claims


def _claimant_options(client, language: str) -> dict[str, str]:
    form = client.get(f"/{language}/numbers/").context["filterset"].form
    return {str(value): str(label) for value, label in form.fields["claimant"].choices if value}


def test_a_claimant_is_filtered_by_a_key_that_is_the_same_in_both_languages(client, translated):
    options = {lang: _claimant_options(client, lang) for lang in ("en", "es")}
    assert options["en"] == {"foro": "Foro", "spain": "Spain", "united-nations": "the UN"}
    assert options["es"]["united-nations"] == "la ONU"
    assert options["es"].keys() == options["en"].keys()
    page = client.get("/es/numbers/").content.decode()
    assert '<option value="united-nations">la ONU</option>' in page
    for language in ("en", "es"):  # a link copied from /es/ filters the same on /en/
        response = client.get(f"/{language}/numbers/", {"claimant": "united-nations"})
        assert [c.pk for c in response.context["page"]] == [translated["un"].pk]


def test_a_link_keeps_its_claimant_when_the_claimant_is_renamed(client, claims):
    un = claims["un"]
    before = client.get("/en/numbers/", {"claimant": "united-nations"})
    assert [c.pk for c in before.context["page"]] == [un.pk]
    un.claimed_by_en = "UN human rights office"
    un.save()
    un.refresh_from_db()
    assert un.claimant_key == "united-nations"
    after = client.get("/en/numbers/", {"claimant": "united-nations"})
    assert after.status_code == 200
    assert [c.pk for c in after.context["page"]] == [un.pk]
    assert '<option value="united-nations" selected>UN human rights office</option>' in (
        after.content.decode()
    )


def test_a_new_claim_under_a_renamed_claimants_name_joins_its_key(claims):
    un = claims["un"]
    un.claimed_by_en = "the UN"
    un.save()
    passage = un.citations.first()
    later = _claim(passage, metric="held", value=3, value_text="3", claimed_by="the UN")
    assert later.claimant_key == "united-nations"
    # By its Spanish name alone too; a claimant never seen gets a slug of its name.
    un.claimed_by_es = "la ONU"
    un.save()
    spanish = _claim(passage, metric="held", value=4, value_text="4", claimed_by_es="la ONU")
    assert spanish.claimant_key == "united-nations"
    other = _claim(passage, metric="held", value=5, value_text="5", claimed_by="Amnistía")
    assert other.claimant_key == "amnistia"


def test_every_claim_has_a_claimant_key_in_the_database(claims):
    with pytest.raises(IntegrityError), transaction.atomic():
        CountClaim.objects.filter(pk=claims["un"].pk).update(claimant_key="")


def test_the_migration_stores_the_keys_links_already_carried():
    """The keys 0020 stored are those /numbers/ computed from the names before."""
    migration = importlib.import_module("releases.migrations.0020_claimant_key")
    for en, es in [("the UN", "la ONU"), ("", "la ONU"), ("Amnistía", ""), ("", "")]:
        row = types.SimpleNamespace(claimed_by_en=en, claimed_by_es=es)
        assert migration._slug(row) == claimant_slug({"en": en, "es": es})


@pytest.mark.parametrize("name", ["the UN", "la ONU", "La ONU"])
def test_a_link_from_before_keys_still_filters_by_the_name_it_gave(client, translated, name):
    for language in ("en", "es"):
        response = client.get(f"/{language}/numbers/", {"claimant": name})
        assert response.status_code == 200
        assert [c.pk for c in response.context["page"]] == [translated["un"].pk]


def test_an_unknown_claimant_key_is_a_400_in_the_page_language(client, translated):
    response = client.get("/es/numbers/", {"claimant": "the-onu"})
    assert response.status_code == 400
    assert "Escoja una opción válida" in response.content.decode()


def test_filtering_by_a_claimant_costs_a_pinned_number_of_queries(
    client, translated, django_assert_num_queries
):
    with django_assert_num_queries(7):
        assert client.get("/es/numbers/", {"claimant": "united-nations"}).status_code == 200
    passage = translated["article"].passages.first()
    for number in range(5):
        _claim(passage, metric="held", value=number, value_text="x", claimed_by_en="the UN")
    with django_assert_num_queries(7):
        assert client.get("/en/numbers/", {"claimant": "la ONU", "v": "2"}).status_code == 200
