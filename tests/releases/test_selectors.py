"""Reads whose cost must not grow with the record: a detail page's first people by name, and
counts read from the stored facet counts, which must say what counting again would."""

import pytest

from releases import selectors
from releases.models import Citizenship, Country, Detention, PersonLink
from tests import builders


@pytest.fixture
def world(db):
    return builders.world(6)


def test_the_first_facts_by_name_are_those_of_the_first_people_by_name(world):
    people = world["people"]
    facility = world["facility"]
    quote = world["article"].passages.first()
    # A second detention there for the last person by name, a name shared by two people,
    # and a detention no citation supports (not public, never listed).
    builders.cite(Detention.objects.create(person=people[5], facility=facility), quote)
    twin = builders.person(people[2].name, slug="twin")
    builders.cite(Detention.objects.create(person=twin, facility=facility), quote)
    Detention.objects.create(person=builders.person("A Hidden"), facility=facility)
    held = selectors.cited(Detention, "person").filter(facility=facility)

    expected = sorted(held, key=lambda d: (d.person.name, d.person_id, d.pk))
    assert len(expected) == 8
    for limit in (1, 3, 4, 7, 8, 50):
        found = selectors.first_by_person_name(held, limit)
        assert [d.pk for d in found] == [d.pk for d in expected[:limit]]


def test_a_country_counts_its_people_as_counting_their_links_would(world):
    spain = world["country"]
    person = world["people"][0]
    italy = Country.objects.create(code="IT", name="Italy")
    quote = world["article"].passages.first()
    builders.cite(Citizenship.objects.create(person=person, country=italy), quote)
    Citizenship.objects.filter(person=world["people"][1], country=spain).delete()

    counted = {c.code: c.people_count for c in selectors.countries()}
    for code in ("ES", "IT"):
        links = PersonLink.objects.filter(kind="nationality", key=code.lower())
        assert counted[code] == links.count()
    assert counted == {"ES": 5, "IT": 1}
