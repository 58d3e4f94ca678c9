import pytest
from django.db import DataError, IntegrityError, transaction

from releases.models import FACT_MODELS, Citizenship, CountClaim, Country, Person, Release
from tests import builders


def _refused(model, **fields):
    # PostgreSQL refuses an over-long value before any CHECK runs (DataError).
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        model.objects.create(**fields)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["es", "ESP", "E"])
def test_country_codes_are_two_upper_case_letters(code):
    _refused(Country, code=code, name="Spain")


@pytest.mark.django_db
def test_a_person_needs_a_name():
    _refused(Person, name="", slug="nobody")


@pytest.mark.django_db
def test_a_count_has_a_value_exactly_when_the_source_gives_a_number():
    common = {"subject": "prisoners", "metric": "released", "claimed_by": "the UN"}
    _refused(CountClaim, qualifier="approximate", value=None, value_text="about", **common)
    _refused(CountClaim, qualifier="unspecified", value=5, value_text="several", **common)
    _refused(CountClaim, qualifier="exact", value=5, value_text="", **common)
    CountClaim.objects.create(qualifier="unspecified", value_text="several", **common)


@pytest.mark.django_db
def test_a_citizenship_is_recorded_once_per_person_and_country():
    spain = Country.objects.create(code="ES", name="Spain")
    person = builders.person()
    Citizenship.objects.create(person=person, country=spain)
    _refused(Citizenship, person=person, country=spain)


@pytest.mark.django_db
def test_a_release_date_needs_a_precision():
    _refused(Release, person=builders.person(), date=None, date_precision="day")


@pytest.mark.django_db
def test_every_fact_model_cites_passages():
    source = builders.article()
    passage = builders.passage(source, "Ana Pérez")
    for model in FACT_MODELS:
        assert model._meta.get_field("citations").related_model is type(passage)
