import datetime

import pytest

from releases.derived import refresh_people
from releases.models import Alias, Detention, Release, Status, StatusChange
from releases.status import derive_status, status_history
from tests import builders


@pytest.fixture
def person(db):
    return builders.person("Rocío San Miguel")


def _cited(model, **fields):
    source = builders.article(f"Evidence for {model.__name__} {fields}.")
    return builders.cite(model.objects.create(**fields), builders.passage(source, "Evidence"))


def _status(person):
    refresh_people([person.pk])
    person.refresh_from_db()
    return person.status


def test_no_fact_means_no_status_is_claimed(person):
    assert _status(person) == Status.UNKNOWN


def test_a_later_release_ends_a_detention(person):
    _cited(Detention, person=person, since=datetime.date(2024, 2, 1), since_precision="month")
    assert _status(person) == Status.DETAINED
    _cited(Release, person=person, date=datetime.date(2026, 1, 1), date_precision="month")
    assert _status(person) == Status.RELEASED


def test_a_dated_re_arrest_after_a_release_counts(person):
    _cited(Release, person=person, date=datetime.date(2026, 1, 8), date_precision="day")
    _cited(
        StatusChange,
        person=person,
        status=Status.REDETAINED,
        date=datetime.date(2026, 2, 1),
        date_precision="month",
    )
    assert _status(person) == Status.REDETAINED


def test_an_undated_detention_does_not_outrank_a_dated_release(person):
    _cited(Release, person=person, date=datetime.date(2026, 1, 8), date_precision="day")
    _cited(Detention, person=person)
    assert _status(person) == Status.RELEASED


def test_on_the_same_date_the_later_stage_wins(person):
    same_day = {"date": datetime.date(2026, 1, 8), "date_precision": "day"}
    _cited(Release, person=person, with_conditions=True, **same_day)
    _cited(Detention, person=person, since=same_day["date"], since_precision="day")
    assert _status(person) == Status.RELEASED_WITH_CONDITIONS


def test_a_death_in_custody_is_final(person):
    _cited(
        StatusChange,
        person=person,
        status=Status.DIED_IN_CUSTODY,
        date=datetime.date(2025, 12, 1),
        date_precision="month",
    )
    _cited(Release, person=person, date=datetime.date(2026, 1, 1), date_precision="month")
    assert _status(person) == Status.DIED_IN_CUSTODY


def test_history_is_in_date_order_and_keeps_the_supporting_fact(person):
    release = _cited(Release, person=person, date=datetime.date(2026, 1, 1), date_precision="month")
    detention = _cited(
        Detention, person=person, since=datetime.date(2024, 2, 1), since_precision="month"
    )
    steps = status_history(person)
    assert [step.fact for step in steps] == [detention, release]
    assert derive_status(steps) == Status.RELEASED


def test_an_uncited_fact_decides_nothing(person):
    Release.objects.create(person=person, date=datetime.date(2026, 1, 1), date_precision="month")
    assert _status(person) == Status.UNKNOWN


def test_search_text_folds_accents_and_includes_aliases(person):
    _cited(Alias, person=person, name="Rocio San Miguel")
    _cited(Alias, person=person, name="Miguel")
    refresh_people([person.pk])
    person.refresh_from_db()
    assert person.search_name == "rocio san miguel | miguel"
