"""Re-importing after curators' edits: their edits survive and are reported as conflicts."""

import pytest
from django.core.management.base import CommandError

from releases import models as m
from tests.releases.test_import_fixtures_errors import VALID, dump, run_import, write_fixture


@pytest.fixture
def folder(db, tmp_path):
    folder = write_fixture(tmp_path / "fixture")
    run_import(folder)
    return folder


def test_a_fixture_change_to_an_untouched_record_is_applied(folder):
    write_fixture(folder, VALID.replace("    date: 2026-01\n", "    date: 2026-01-08\n"))
    output = run_import(folder)
    release = m.Release.objects.get()
    assert (release.date.isoformat(), release.date_precision) == ("2026-01-08", "day")
    assert "1 created" not in output and "0 created, 1 updated" in output


def test_a_curators_edit_is_kept_and_reported_as_a_conflict(folder):
    release = m.Release.objects.get()
    release.note = "Confirmed by the family."  # as if edited in the admin
    release.save()
    write_fixture(folder, VALID.replace("    date: 2026-01\n", "    date: 2026-01-08\n"))
    output = run_import(folder)
    release.refresh_from_db()
    assert release.note == "Confirmed by the family."
    assert release.date_precision == "month"
    assert (
        "conflict: " in output
        and "releases[id=release-ana]: edited since the last import" in output
    )


def test_a_conflict_is_reported_again_on_every_run_until_resolved(folder):
    m.Citizenship.objects.update(certainty="stated")
    assert "citizenships[id=ana-ve]" in run_import(folder)
    assert "citizenships[id=ana-ve]" in run_import(folder)


def test_an_edited_citation_list_is_a_curators_edit_too(folder):
    release = m.Release.objects.get()
    release.citations.clear()
    release.citations.add(m.Citizenship.objects.get().citations.get())
    before = dump()
    assert "edited since the last import" in run_import(folder)
    assert dump() == before


def test_strict_mode_stops_on_a_conflict_and_writes_nothing(folder):
    m.Release.objects.update(note="curated")
    write_fixture(
        folder,
        VALID.replace(
            "  - {id: ana-perez, name: Ana Pérez}\n",
            "  - {id: ana-perez, name: Ana Pérez}\n  - {id: ben, name: Ben}\n",
        ),
    )
    before = dump()
    with pytest.raises(CommandError, match="--strict given; nothing was written"):
        run_import(folder, "--strict")
    assert dump() == before
    assert not m.Person.objects.filter(slug="ben").exists()


def test_a_record_deleted_by_a_curator_is_not_recreated(folder):
    m.Release.objects.all().delete()
    output = run_import(folder)
    assert not m.Release.objects.exists()
    assert "deleted since the last import" in output


def test_a_record_made_by_a_curator_with_the_same_key_is_not_overwritten(db, tmp_path):
    m.Person.objects.create(slug="ana-perez", name="Ana Pérez Gómez")
    output = run_import(write_fixture(tmp_path / "fresh"))
    assert m.Person.objects.get(slug="ana-perez").name == "Ana Pérez Gómez"
    assert "was not created by the importer" in output
    # Facts about her still attach to the existing record.
    assert m.Release.objects.get().person.name == "Ana Pérez Gómez"


def test_status_is_refreshed_after_an_import(folder):
    person = m.Person.objects.get(slug="ana-perez")
    assert person.status == m.Status.RELEASED
    assert person.search_name == "ana perez"
