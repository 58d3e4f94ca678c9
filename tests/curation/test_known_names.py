"""The known names are built once per version of the names, kept on disk, and loaded by a
process that has not built them (``curation.known_names``)."""

import pytest

from curation import suggestions
from curation.suggestions import KnownNames
from tests import builders


@pytest.fixture
def on_disk(settings, tmp_path):
    settings.KNOWN_NAMES_DIR = str(tmp_path / "known-names")
    return tmp_path / "known-names"


def _forbid_building(monkeypatch) -> None:
    def refuse(cls):
        raise AssertionError("the names were rebuilt")

    monkeypatch.setattr(KnownNames, "_build", classmethod(refuse))


@pytest.mark.django_db(transaction=True)
def test_a_new_process_loads_the_names_from_disk_instead_of_building_them(on_disk, monkeypatch):
    person = builders.person("Marta Linares", is_named=True)
    built = KnownNames.read()
    assert len(list(on_disk.glob("names-*.pickle"))) == 1

    suggestions.forget_names()  # what a new process knows
    _forbid_building(monkeypatch)
    loaded = KnownNames.read()

    assert loaded is not built
    found = loaded.gazetteer.find("Ayer liberaron a Marta Linares.")
    assert [(f.entry.kind, f.entry.key) for f in found] == [("person", person.pk)]


@pytest.mark.django_db(transaction=True)
def test_a_changed_name_is_a_new_version_built_again(on_disk, monkeypatch):
    person = builders.person("Marta Linares", is_named=True)
    KnownNames.read()
    person.name = "Marta Linares Rojas"
    person.save()

    suggestions.forget_names()
    renamed = KnownNames.read()

    assert renamed.gazetteer.lookalikes("Marta Linares") == [person.pk]
    assert [f.entry.key for f in renamed.gazetteer.find("Marta Linares Rojas habló.")] == [
        person.pk
    ]
    assert len(list(on_disk.glob("names-*.pickle"))) == 2


@pytest.mark.django_db
def test_names_read_in_a_transaction_rolled_back_are_never_stored(on_disk):
    from django.db import transaction

    builders.person("Marta Linares", is_named=True)
    with transaction.atomic():  # the test's own transaction never commits
        KnownNames.read()
    assert not on_disk.exists() or not list(on_disk.glob("names-*.pickle"))


@pytest.mark.django_db
def test_the_names_version_moves_with_a_bulk_load_and_a_published_alias():
    from curation.suggestions import names_version
    from releases.models import Alias, Person

    person = builders.person("Marta Linares", is_named=True)
    before = names_version()
    Person.objects.bulk_create([Person(name="Ana Rojas", slug="ana-rojas", is_named=True)])
    loaded = names_version()
    assert loaded != before  # no history row, but a new key
    alias = Alias.objects.create(person=person, name="La Flaca")
    created = names_version()
    Alias.objects.filter(pk=alias.pk).update(is_public=not alias.is_public)
    assert names_version() != created
    assert names_version() == names_version()
