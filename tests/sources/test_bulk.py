"""``field__any_of=keys`` (``sources.bulk.AnyOf``) finds the rows ``field__in=keys`` finds,
on a key and on a foreign key, and sends the keys as one parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from releases.models import Alias, Person
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> list[Person]:
    everyone = [builders.person(f"Persona {n}") for n in range(5)]
    for person in everyone[:3]:
        Alias.objects.create(person=person, name=f"Alias de {person.name}")
        Alias.objects.create(person=person, name=f"Otro alias de {person.name}")
    return everyone


def _pks(queryset) -> list[int]:
    return sorted(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("pick", [[0, 2, 4], [1], [0, 0, 3], [4]])
def test_any_of_finds_what_in_finds(people, pick):
    keys = [people[index].pk for index in pick] + [None]
    assert _pks(Person.objects.filter(pk__any_of=keys)) == _pks(Person.objects.filter(pk__in=keys))
    assert len(_pks(Person.objects.filter(pk__any_of=keys))) == len(set(pick))
    aliases = _pks(Alias.objects.filter(person__any_of=keys))
    assert aliases == _pks(Alias.objects.filter(person__in=keys))
    assert len(aliases) == 2 * len({index for index in pick if index < 3})


def test_no_keys_find_nothing_without_a_query(people):
    with CaptureQueriesContext(connection) as queries:
        assert list(Person.objects.filter(pk__any_of=[])) == []
        assert list(Person.objects.filter(pk__any_of=[None])) == []
    assert len(queries) == 0


def test_a_delete_and_an_update_take_it(people):
    keys = [people[0].pk, people[1].pk]
    Person.objects.filter(pk__any_of=keys).update(name="x")
    assert _pks(Person.objects.filter(name="x")) == sorted(keys)
    Alias.objects.filter(person__any_of=keys).delete()
    assert set(Alias.objects.values_list("person", flat=True)) == {people[2].pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's arrays")
def test_on_postgresql_the_keys_are_one_array(people):
    keys = [person.pk for person in people]
    with CaptureQueriesContext(connection) as queries:
        list(Person.objects.filter(pk__any_of=keys))
    assert "= ANY(" in queries[0]["sql"]
    assert "IN (" not in queries[0]["sql"]
