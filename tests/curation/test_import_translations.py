"""The importer reads curators' words in both languages: ``field:`` in English and
``field_es:`` beside it; a missing translation is reported, never an error."""

from django.utils import translation

from curation.importer.apply import _fingerprint
from releases.models import ImportRecord, Person, Release, Role
from tests.releases.test_import_fixtures_errors import (
    VALID,
    assert_refused,
    run_import,
    write_fixture,
)

ROLE = """\
roles:
  - id: role-ana
    person: ana-perez
    kind: description
    title: A journalist
    title_es: Una periodista
    note: Her own word.
    cite:
      - {article: "a1", quote: 'freed Ana Pérez, a "journalist".'}
"""


def test_both_languages_are_imported_and_read_in_each(db, tmp_path):
    output = run_import(write_fixture(tmp_path, VALID + ROLE))
    role = Role.objects.get()
    assert (role.title_en, role.title_es, role.note_en, role.note_es) == (
        "A journalist",
        "Una periodista",
        "Her own word.",
        "",
    )
    with translation.override("es"):
        assert role.title == "Una periodista"
        assert role.note == "Her own word."  # the English, until translated
    with translation.override("en"):
        assert role.title == "A journalist"
    # Reported, not refused: where it is, and which field lacks which language.
    assert "1 translation(s) missing" in output
    assert "roles[id=role-ana]: note_es" in output


def test_a_second_import_of_both_languages_changes_nothing(db, tmp_path):
    folder = write_fixture(tmp_path, VALID + ROLE)
    run_import(folder)
    assert "Nothing to do" in run_import(folder)


def test_a_translation_added_to_the_fixture_updates_an_untouched_record(db, tmp_path):
    folder = write_fixture(tmp_path, VALID + ROLE.replace("    title_es: Una periodista\n", ""))
    run_import(folder)
    assert Role.objects.get().title_es == ""
    output = run_import(write_fixture(folder, VALID + ROLE))
    assert "0 created, 1 updated, 0 conflict(s)" in output
    assert Role.objects.get().title_es == "Una periodista"


def test_a_curators_translation_in_the_admin_is_kept(db, tmp_path):
    folder = write_fixture(tmp_path, VALID + ROLE)
    run_import(folder)
    role = Role.objects.get()
    role.title_es = "Periodista"  # as if edited in the admin
    role.save()
    output = run_import(write_fixture(folder, VALID + ROLE.replace("A journalist", "Reporter")))
    role.refresh_from_db()
    assert (role.title_en, role.title_es) == ("A journalist", "Periodista")
    assert "roles[id=role-ana]: edited since the last import" in output


def test_a_record_imported_before_there_were_two_languages_is_not_a_conflict(db, tmp_path):
    """What an earlier importer wrote was fingerprinted with one value per field under its
    own name: a record untouched since matches it, so its new translation is applied."""
    folder = write_fixture(tmp_path, VALID)
    run_import(folder)
    record = ImportRecord.objects.get(kind="release")
    # The fingerprint as the importer of one language made it (``note`` for ``note_en``).
    release = Release.objects.get()
    old_state = {
        "person_id": release.person_id,
        "event_id": None,
        "facility_id": None,
        "date": "2026-01-01",
        "date_precision": "month",
        "with_conditions": False,
        "certainty": "stated",
        "attributed_to": "",
        "note": "",
        "citations": sorted([p.article_id, p.start, p.end] for p in release.citations.all()),
    }
    assert _fingerprint(old_state) == record.fingerprint
    translated = VALID.replace(
        "    date: 2026-01\n",
        "    date: 2026-01\n    note: Month only.\n    note_es: Solo el mes.\n",
    )
    output = run_import(write_fixture(folder, translated))
    assert "0 conflict(s)" in output and "conflict:" not in output
    assert (Release.objects.get().note_en, Release.objects.get().note_es) == (
        "Month only.",
        "Solo el mes.",
    )


def test_spanish_alone_is_imported_and_reported_as_missing_its_english(db, tmp_path):
    fixture = VALID.replace("    date: 2026-01\n", "    date: 2026-01\n    note_es: Solo el mes.\n")
    output = run_import(write_fixture(tmp_path, fixture))
    release = Release.objects.get()
    assert (release.note_en, release.note_es) == ("", "Solo el mes.")
    assert "releases[id=release-ana]: note\n" in output
    with translation.override("en"):
        assert release.note == "Solo el mes."  # shown, marked, until translated


def test_an_unnamed_persons_description_and_grammatical_gender_are_imported(db, tmp_path):
    fixture = VALID.replace(
        "  - {id: ana-perez, name: Ana Pérez}\n",
        "  - id: ana-perez\n"
        "    name: Mother of a detainee (not named)\n"
        "    is_named: false\n"
        "    grammatical_gender: feminine\n"
        "    description: Mother of a detainee (not named)\n"
        "    description_es: Madre de una persona detenida (sin nombre)\n",
    )
    run_import(write_fixture(tmp_path, fixture))
    person = Person.objects.get()
    assert person.grammatical_gender == "feminine"
    with translation.override("es"):
        assert person.display_name == "Madre de una persona detenida (sin nombre)"
    assert person.name == "Mother of a detainee (not named)"


def test_an_unknown_grammatical_gender_is_refused(db, tmp_path):
    fixture = VALID.replace(
        "  - {id: ana-perez, name: Ana Pérez}\n",
        "  - {id: ana-perez, name: Ana Pérez, grammatical_gender: female}\n",
    )
    assert_refused(write_fixture(tmp_path, fixture), "grammatical_gender", "feminine")


def _with_translation(translation: str) -> str:
    return VALID.replace(
        "      - {article: \"a1\", quote: 'Venezuela on Thursday   freed Ana Pérez'}\n",
        '      - article: "a1"\n'
        "        quote: 'Venezuela on Thursday   freed Ana Pérez'\n" + translation,
    )


def test_a_quotes_translation_is_imported_with_its_provenance(db, tmp_path):
    translation = (
        "        translation:\n"
        "          text: Venezuela liberó el jueves a Ana Pérez\n"
        "          language: es\n"
        "          by: Ana Traductora\n"
        "          method: human\n"
    )
    folder = write_fixture(tmp_path, _with_translation(translation))
    assert "passages given a translation: 1" in run_import(folder)
    passage = Release.objects.get().citations.get()
    assert passage.quote == "Venezuela on Thursday freed Ana Pérez"  # the original, always
    assert (passage.translation, passage.translated_by, passage.translation_method) == (
        "Venezuela liberó el jueves a Ana Pérez",
        "Ana Traductora",
        "human",
    )
    assert "Nothing to do" in run_import(folder)


def test_a_translation_without_its_method_is_refused(db, tmp_path):
    translation = (
        "        translation:\n"
        "          text: Venezuela liberó el jueves a Ana Pérez\n"
        "          language: es\n"
        "          by: Ana Traductora\n"
        "          method: guessed\n"
    )
    assert_refused(
        write_fixture(tmp_path, _with_translation(translation)), "translation.method", "human"
    )
