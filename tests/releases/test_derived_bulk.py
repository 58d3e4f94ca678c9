"""The bulk refresh (``releases.derived.refresh_people_in_bulk``: ``refresh_everything``
after a migration or an integrity check, the benchmark's generator) stores exactly the rows
that the per-person refresh of curators' writes stores, on a varied record: the seed
fixtures (translations, roles, mentions, events, parts cited on their own), a few hundred
people from the benchmark's generator, and facts left without a valid citation."""

import random
import sys
from pathlib import Path

import pytest

from releases import derived
from releases.models import (
    CITED_MODELS,
    Alias,
    FacetCount,
    FacetPairCount,
    Person,
    PersonLink,
    PersonRecord,
    Release,
)
from tests import builders

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _generated_people(count: int) -> None:
    """``count`` people written by the benchmark's generator (``bench/scale.py``), with no
    derived data yet, as it leaves them before its refresh."""
    sys.path.insert(0, str(BENCH))
    try:
        import scale
    finally:
        sys.path.remove(str(BENCH))
    rng = random.Random(4)  # noqa: S311 (the generator's own choices)
    countries, facilities, events = scale._reference_data(rng)
    keys = scale._Keys()
    scale._batch(0, count, rng, keys, countries, facilities, events)
    keys.settle()  # PostgreSQL's sequences past the keys it handed out


def _derived_rows() -> dict[str, list]:
    """Every stored derived value of people, as rows."""
    return {
        "people": sorted(
            Person.objects.values_list(
                "pk", "status", "search_name", "is_public", "first_released_on"
            )
        ),
        "links": sorted(PersonLink.objects.values_list("person", "kind", "key", "status")),
        "records": sorted(PersonRecord.objects.values_list("person", "json", "csv_en", "csv_es")),
        # The per-person refresh keeps counts by adding changes, so a count may stay at 0.
        "facet counts": sorted(
            FacetCount.objects.exclude(n=0).values_list("kind", "key", "status", "n")
        ),
        "pair counts": sorted(
            FacetPairCount.objects.exclude(n=0).values_list(
                "within_kind", "within_key", "kind", "key", "status", "n"
            )
        ),
    }


def _forget_derived_data() -> None:
    Person.objects.update(status="unknown", search_name="", is_public=False, first_released_on=None)
    PersonLink.objects.all().delete()
    PersonRecord.objects.all().delete()
    FacetCount.objects.all().delete()
    FacetPairCount.objects.all().delete()


@pytest.fixture
def varied_record(seeded):
    _generated_people(300)
    # A quote that no longer matches its article (hidden by the integrity check): the
    # release it alone cites is not public, and the alias it cites beside a valid quote
    # is shown with the valid one only.
    source = builders.article("Luis Díaz, or Lucho Díaz, was freed on Friday.")
    stale, valid = builders.passage(source, "Luis Díaz"), builders.passage(source, "Lucho Díaz")
    luis = builders.person("Luis Díaz")
    builders.cite(Release.objects.create(person=luis), stale)
    builders.cite(Alias.objects.create(person=luis, name="Lucho Díaz"), stale, valid)
    type(stale).objects.filter(pk=stale.pk).update(is_valid=False)
    # A bare name: no fact at all.
    builders.person("Nadie Citado")
    for model in CITED_MODELS:
        derived.refresh_cited(model, None)
    # The per-person refresh, as a curator's write runs it, from scratch.
    _forget_derived_data()
    derived.refresh_people(Person.objects.values_list("pk", flat=True))


def test_the_bulk_refresh_stores_the_rows_the_per_person_refresh_stores(varied_record):
    per_person = _derived_rows()
    assert len(per_person["records"]) > 300  # the generated people and the seed's
    assert any('"title_i18n"' in json for _pk, json, *_csv in per_person["records"])
    luis = Person.objects.get(name="Luis Díaz").record.json
    assert '"Lucho Díaz"' in luis and '"quote": "Luis Díaz"' not in luis
    _forget_derived_data()
    derived.refresh_everything()
    assert _derived_rows() == per_person


def test_the_bulk_refresh_rewrites_rows_that_are_out_of_date(varied_record):
    expected = _derived_rows()
    someone = PersonRecord.objects.order_by("pk").first().person
    PersonRecord.objects.filter(person=someone).update(json="{}", csv_en="", csv_es="x")
    PersonLink.objects.filter(person=someone).update(status="unknown")
    Person.objects.filter(pk=someone.pk).update(search_name="stale")
    before = Person.objects.get(pk=someone.pk).page_version
    derived.refresh_people_in_bulk([someone.pk])
    derived.rebuild_facet_counts()
    assert _derived_rows() == expected
    # Its page is rendered anew, as after any refresh.
    assert Person.objects.get(pk=someone.pk).page_version == before + 1
