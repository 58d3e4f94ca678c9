"""Re-importing after curators' edits: their edits survive and are reported as conflicts."""

import pytest
from django.core.management.base import CommandError
from django.db import transaction

from curation.importer.spec import SECTIONS_BY_KIND
from releases.models import Citizenship, CountClaim, ImportRecord, Person, Release, Status
from tests.releases.counted import counted_afresh, stored_facet_counts
from tests.releases.test_import_fixtures_errors import VALID, dump, run_import, write_fixture


@pytest.fixture
def folder(db, tmp_path):
    folder = write_fixture(tmp_path / "fixture")
    run_import(folder)
    return folder


def test_a_fixture_change_to_an_untouched_record_is_applied(folder):
    assert stored_facet_counts() == counted_afresh() != {}
    write_fixture(folder, VALID.replace("    date: 2026-01\n", "    date: 2026-01-08\n"))
    output = run_import(folder)
    assert stored_facet_counts() == counted_afresh()
    release = Release.objects.get()
    assert (release.date.isoformat(), release.date_precision) == ("2026-01-08", "day")
    assert "1 created" not in output and "0 created, 1 updated" in output


def test_a_curators_edit_is_kept_and_reported_as_a_conflict(folder):
    release = Release.objects.get()
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
    Citizenship.objects.update(certainty="stated")
    assert "citizenships[id=ana-ve]" in run_import(folder)
    assert "citizenships[id=ana-ve]" in run_import(folder)


def test_an_edited_citation_list_is_a_curators_edit_too(folder):
    release = Release.objects.get()
    release.citations.clear()
    release.citations.add(Citizenship.objects.get().citations.get())
    before = dump()
    assert "edited since the last import" in run_import(folder)
    assert dump() == before


def test_strict_mode_stops_on_a_conflict_and_writes_nothing(folder):
    Release.objects.update(note="curated")
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
    assert not Person.objects.filter(slug="ben").exists()


def test_a_record_deleted_by_a_curator_is_not_recreated(folder):
    Release.objects.all().delete()
    output = run_import(folder)
    assert not Release.objects.exists()
    assert "deleted since the last import" in output


def test_a_record_made_by_a_curator_with_the_same_key_is_not_overwritten(db, tmp_path):
    Person.objects.create(slug="ana-perez", name="Ana Pérez Gómez")
    output = run_import(write_fixture(tmp_path / "fresh"))
    assert Person.objects.get(slug="ana-perez").name == "Ana Pérez Gómez"
    assert "was not created by the importer" in output
    # Facts about her still attach to the existing record.
    assert Release.objects.get().person.name == "Ana Pérez Gómez"


def test_status_is_refreshed_after_an_import(folder):
    person = Person.objects.get(slug="ana-perez")
    assert person.status == Status.RELEASED
    assert person.search_name == "ana perez | venezuela"  # name and nationality


# -- optional fields deleted from the fixture --------------------------------------------

OPTIONAL = VALID.replace(
    "  - {id: ana-perez, name: Ana Pérez}\n",
    "  - {id: ana-perez, name: Ana Pérez}\n"
    "  - {id: a-mother, name: the mother of a detainee, is_named: false}\n",
) + (
    "counts:\n"
    "  - id: freed\n"
    "    subject: political prisoners\n"
    "    metric: released\n"
    "    qualifier: approximate\n"
    "    value: 50\n"
    "    value_text: about 50\n"
    "    claimed_by: the government\n"
    "    verification: confirmed\n"
    "    cite:\n"
    '      - {article: "a1", quote: "Venezuela on Thursday freed Ana Pérez"}\n'
)

DELETIONS = {
    "certainty": (
        ("    certainty: implied\n", ""),
        lambda: Citizenship.objects.get().certainty,
        "stated",
    ),
    "is_named": (
        (", is_named: false}", "}"),
        lambda: Person.objects.get(slug="a-mother").is_named,
        True,
    ),
    "value": (
        ("    qualifier: approximate\n    value: 50\n", "    qualifier: unspecified\n"),
        lambda: CountClaim.objects.get().value,
        None,
    ),
    "verification": (
        ("    verification: confirmed\n", ""),
        lambda: CountClaim.objects.get().verification,
        "unverified",
    ),
}


def _without(name: str) -> str:
    (old, new), _read, _default = DELETIONS[name]
    assert old in OPTIONAL
    return OPTIONAL.replace(old, new)


def snapshot() -> dict:
    """Every imported row by its import key, without database ids (which differ between
    two databases), citations as their quotes."""
    rows = {}
    for record in ImportRecord.objects.order_by("kind", "key"):
        model = SECTIONS_BY_KIND[record.kind].model
        obj = model.objects.get(pk=record.object_id)
        row = {f.name: str(getattr(obj, f.name)) for f in model._meta.concrete_fields}
        del row["id"]
        row.pop("page_version", None)  # a cache stamp: how often derived data was refreshed
        if hasattr(obj, "citations"):
            row["citations"] = sorted(p.quote for p in obj.citations.all())
        rows[record.kind, record.key] = row
    return rows


@pytest.mark.parametrize("name", DELETIONS)
def test_a_deleted_optional_field_reverts_to_its_default_and_counts_as_a_change(db, tmp_path, name):
    folder = write_fixture(tmp_path / "fixture", OPTIONAL)
    run_import(folder)
    _edit, read, default = DELETIONS[name]
    assert read() != default
    output = run_import(write_fixture(folder, _without(name)))
    assert read() == default
    assert "0 created, 1 updated" in output
    assert "Nothing to do" in run_import(folder)


def test_a_fresh_database_gets_the_same_data_as_a_reimport_from_the_same_files(db, tmp_path):
    edited = OPTIONAL
    for name in DELETIONS:
        (old, new), _read, _default = DELETIONS[name]
        edited = edited.replace(old, new)
    with transaction.atomic():
        run_import(write_fixture(tmp_path / "fresh", edited))
        fresh = snapshot()
        transaction.set_rollback(True)
    folder = write_fixture(tmp_path / "fixture", OPTIONAL)
    run_import(folder)
    assert snapshot() != fresh
    run_import(write_fixture(folder, edited))
    assert snapshot() == fresh


def test_a_deleted_field_does_not_overwrite_a_curators_edit(db, tmp_path):
    folder = write_fixture(tmp_path / "fixture", OPTIONAL)
    run_import(folder)
    CountClaim.objects.update(note="Checked against the ministry's list.")
    output = run_import(write_fixture(folder, _without("verification")))
    count = CountClaim.objects.get()
    assert (count.verification, count.note) == ("confirmed", "Checked against the ministry's list.")
    assert "counts[id=freed]: edited since the last import" in output
