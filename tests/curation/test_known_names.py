"""The known names are built once per version of the names, kept on disk, and loaded by a
process that has not built them (``curation.known_names``)."""

import pytest

from curation import suggestions
from curation.proposals import gazetteer
from curation.suggestions import KnownNames, ingest_with_suggestions
from tests import builders


@pytest.fixture
def on_disk(settings, tmp_path):
    settings.KNOWN_NAMES_DIR = str(tmp_path / "known-names")
    return tmp_path / "known-names"


def _forbid_building(monkeypatch) -> None:
    """Building every name again fails the test; building the names changed does not."""
    build = KnownNames._build.__func__

    def refuse(cls, version=(), changes=None):
        if changes is None:
            raise AssertionError("the names were rebuilt")
        return build(cls, version, changes)

    monkeypatch.setattr(KnownNames, "_build", classmethod(refuse))


def _published_alias(person, name: str):
    from releases.models import Alias

    alias = Alias.objects.create(person=person, name=name)
    builders.cite(alias, builders.passage(builders.article(f"Le dicen {name}."), name))
    alias.refresh_from_db()
    assert alias.is_public
    return alias


def _keys(known: KnownNames, text: str) -> list:
    return [(f.entry.kind, f.entry.key) for f in known.gazetteer.find(text)]


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
def test_a_rename_is_matched_at_once_without_building_every_name_again(on_disk, monkeypatch):
    person = builders.person("Marta Linares", is_named=True)
    other = builders.person("Ana Rojas", is_named=True)
    KnownNames.read()
    person.name = "Marta Linares Rojas"
    person.save()
    _forbid_building(monkeypatch)

    renamed = KnownNames.read()

    assert _keys(renamed, "Marta Linares Rojas habló.") == [("person", person.pk)]
    assert _keys(renamed, "Marta Linares habló.") == []  # the old name is gone
    assert _keys(renamed, "Ana Rojas habló.") == [("person", other.pk)]  # from the base
    assert renamed.gazetteer.lookalikes("Marta Linares") == [person.pk]
    assert len(list(on_disk.glob("names-*.pickle"))) == 1  # no new build of every name


@pytest.mark.django_db(transaction=True)
def test_an_ingest_after_a_rename_suggests_the_new_name(monkeypatch):
    person = builders.person("Marta Linares", is_named=True)
    KnownNames.read()
    person.name = "Marta Linárez"
    person.save()
    _forbid_building(monkeypatch)

    result = ingest_with_suggestions(text="Liberaron a Marta Linárez el lunes.", title="Libre")

    mentions = result.article.suggestions.filter(kind="mention")
    assert [(s.person_id, s.quote) for s in mentions] == [(person.pk, "Marta Linárez")]


@pytest.mark.django_db(transaction=True)
def test_a_deleted_name_or_alias_is_no_longer_matched(monkeypatch):
    kept = builders.person("Marta Linares", is_named=True)
    alias = _published_alias(kept, "La Flaca")
    gone = builders.person("Ana Rojas", is_named=True)
    base = KnownNames.read()
    assert _keys(base, "La Flaca y Ana Rojas.") == [("person", kept.pk), ("person", gone.pk)]
    alias.delete()
    gone.delete()
    _forbid_building(monkeypatch)

    assert _keys(KnownNames.read(), "La Flaca y Ana Rojas, con Marta Linares.") == [
        ("person", kept.pk)
    ]


@pytest.mark.django_db(transaction=True)
def test_an_alias_moved_to_another_person_names_only_them(monkeypatch):
    first = builders.person("Marta Linares", is_named=True)
    second = builders.person("Ana Rojas", is_named=True)
    alias = _published_alias(first, "La Flaca")
    KnownNames.read()
    alias.person = second
    alias.save()
    _forbid_building(monkeypatch)

    assert _keys(KnownNames.read(), "Habló La Flaca.") == [("person", second.pk)]


@pytest.mark.django_db(transaction=True)
def test_a_facility_renamed_and_a_country_added_are_matched_at_once(monkeypatch):
    from releases.models import Country, Facility

    facility = Facility.objects.create(name="El Helicoide", slug="el-helicoide")
    KnownNames.read()
    facility.name = "Rodeo Uno"
    facility.save()
    country = Country.objects.create(code="CO", name="Colombia")
    _forbid_building(monkeypatch)

    known = KnownNames.read()

    assert _keys(known, "Salió de Rodeo Uno.") == [("facility", facility.pk)]
    assert _keys(known, "Salió de El Helicoide.") == []
    assert known.countries["CO"] == country.pk
    assert [f.entry.known for f in known.gazetteer.find("Llegó a Colombia.")] == [True]


def _counting_builds(monkeypatch) -> list[bool]:
    """Each build of the names, as whether it was of every name."""
    built: list[bool] = []
    build = KnownNames._build.__func__

    def counted(cls, version=(), changes=None):
        built.append(changes is None)
        return build(cls, version, changes)

    monkeypatch.setattr(KnownNames, "_build", classmethod(counted))
    return built


@pytest.mark.django_db(transaction=True)
def test_an_alias_hidden_with_no_row_saying_so_is_no_longer_matched_at_once(monkeypatch):
    from releases.models import Alias

    person = builders.person("Marta Linares", is_named=True)
    alias = _published_alias(person, "La Flaca")
    assert _keys(KnownNames.read(), "Habló La Flaca.") == [("person", person.pk)]
    Alias.objects.filter(pk=alias.pk).update(is_public=False)  # as the integrity check may
    built = _counting_builds(monkeypatch)

    assert _keys(KnownNames.read(), "Habló La Flaca y Marta Linares.") == [("person", person.pk)]
    assert built == [False]  # only the names of the person whose alias was hidden


@pytest.mark.django_db(transaction=True)
def test_an_alias_shown_with_no_row_saying_so_is_matched_at_once(monkeypatch):
    from releases.models import Alias

    person = builders.person("Marta Linares", is_named=True)
    alias = _published_alias(person, "La Flaca")
    Alias.objects.filter(pk=alias.pk).update(is_public=False)
    assert _keys(KnownNames.read(), "Habló La Flaca.") == []
    Alias.objects.filter(pk=alias.pk).update(is_public=True)  # its quote valid again
    built = _counting_builds(monkeypatch)

    assert _keys(KnownNames.read(), "Habló La Flaca.") == [("person", person.pk)]
    assert built == [False]


@pytest.mark.django_db(transaction=True)
def test_many_names_changed_have_the_worker_build_a_new_base_that_new_processes_load(
    on_disk, monkeypatch
):
    first = builders.person("Marta Linares", is_named=True)
    KnownNames.read()
    monkeypatch.setattr(suggestions, "REBUILD_AT", 1)
    renamed = [builders.person(f"Ana Rojas {n}", is_named=True) for n in ("Uno", "Dos")]
    # More than REBUILD_AT changed: laid over the base, and a new base queued (at once here).
    known = KnownNames.read()
    assert _keys(known, "Ana Rojas Dos.") == [("person", renamed[1].pk)]
    assert len(list(on_disk.glob("names-*.pickle"))) == 2

    suggestions.forget_names()  # a new process
    _forbid_building(monkeypatch)
    loaded = KnownNames.read()

    assert isinstance(loaded.gazetteer, gazetteer.Gazetteer)  # the new base, nothing laid over
    assert _keys(loaded, "Ana Rojas Uno y Marta Linares.") == [
        ("person", renamed[0].pk),
        ("person", first.pk),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_base_being_written_is_never_loaded(on_disk, monkeypatch):
    builders.person("Marta Linares", is_named=True)
    KnownNames.read()
    (stored,) = on_disk.glob("names-*.pickle")
    half = on_disk / "names-being-written.part"
    half.write_bytes(stored.read_bytes()[:100])  # a rebuild stopped halfway through its file

    suggestions.forget_names()
    _forbid_building(monkeypatch)

    assert _keys(KnownNames.read(), "Marta Linares.") != []


@pytest.mark.django_db(transaction=True)
def test_names_built_by_other_code_are_never_loaded(on_disk, monkeypatch):
    from curation import known_names

    builders.person("Marta Linares", is_named=True)
    KnownNames.read()
    assert known_names.load_newest() is not None
    monkeypatch.setattr(known_names, "_builder", lambda: "a deploy's new matching")

    assert known_names.load_newest() is None


@pytest.mark.django_db
def test_too_many_changes_are_no_changes_to_lay_over(monkeypatch):
    from curation import name_changes

    builders.person("Marta Linares", is_named=True)
    then = name_changes.names_version()
    hidden = name_changes.hidden_aliases()
    builders.person("Ana Rojas", is_named=True)
    builders.person("Ana Ríos", is_named=True)

    assert len(name_changes.since(then, name_changes.names_version(), hidden)) == 2
    monkeypatch.setattr(name_changes, "LIMIT", 1)
    assert name_changes.since(then, name_changes.names_version(), hidden) is None


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


@pytest.fixture
def unfrozen():
    """Whatever a test freezes is handed back to the collector after it."""
    import gc

    yield
    gc.unfreeze()


@pytest.mark.django_db(transaction=True)
def test_a_big_base_built_or_loaded_is_kept_out_of_the_collectors_walks(
    on_disk, monkeypatch, unfrozen
):
    import gc

    from curation import known_names

    builders.person("Marta Linares", is_named=True)
    frozen = gc.get_freeze_count()
    monkeypatch.setattr(known_names, "FREEZE_AT", 10**9)
    KnownNames.read()
    assert gc.get_freeze_count() == frozen  # a small base: walking it costs nothing
    suggestions.forget_names()
    monkeypatch.setattr(known_names, "FREEZE_AT", 1)

    built = suggestions.rebuild_base()
    assert gc.get_freeze_count() > frozen and gc.isenabled()
    gc.unfreeze()
    suggestions.forget_names()
    loaded = KnownNames.read()  # from disk

    assert loaded is not built and gc.get_freeze_count() > 0 and gc.isenabled()
    assert _keys(loaded, "Marta Linares.") != []
