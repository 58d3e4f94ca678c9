"""Freed people in lists as reports typeset them without bullets: lines of fields split by
dashes. Sentences written here for the purpose."""

import pytest

from curation.proposals import gazetteer, people, read

pytestmark = pytest.mark.django_db(databases=[])

RECORD = gazetteer.build([(1, "Rocío San Miguel")], [(1, "El Helicoide")], {})


def roles(text):
    return {person.name: person.role for person in read(text, RECORD).people}


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "-"])
def test_dash_field_lines_under_a_release_sentence_name_the_freed(dash):
    # Given names no dictionary holds ("Quiliano", "Yurelkis"): a list line is believed.
    text = (
        "Nueve presos fueron excarcelados el viernes en Carabobo. Estos son sus nombres:\n"
        f"Quiliano Baez {dash} Turmero {dash} mecánico\n"
        f"Yurelkis Andreína Colmenter {dash} Puerto Cabello {dash} pescadora\n"
    )
    assert roles(text) == {
        "Quiliano Baez": people.FREED,
        "Yurelkis Andreína Colmenter": people.FREED,
    }


def test_a_relative_in_a_dash_line_is_no_freed_person():
    text = (
        "Nueve presos fueron excarcelados el viernes. Estos son sus nombres:\n"
        "Quiliano Baez \u2013 Turmero \u2013 mecánico\n"
        "La madre de uno de ellos, Dulce Mireya Zambrano \u2013 Cagua \u2013 maestra\n"
    )
    found = roles(text)
    assert found["Quiliano Baez"] == people.FREED
    assert found["Dulce Mireya Zambrano"] == people.RELATIVE


@pytest.mark.parametrize(
    "line",
    [
        "Quiliano Baez \u2013 Turmero",  # two fields: a dateline or an aside, not a list's line
        "15:00 \u2013 Quiliano Baez \u2013 Turmero",  # the first field is no name
    ],
)
def test_a_line_that_is_not_a_list_of_fields_does_not_believe_an_unknown_name(line):
    text = f"Nueve presos fueron excarcelados el viernes. Estos son sus nombres:\n{line}\n"
    assert "Quiliano Baez" not in roles(text)


COMMUNIQUE = (
    "MINISTERIO DE JUSTICIA\n"
    "Fueron puestas en libertad las siguientes personas:\n"
    "ANACLETO RUPERTO DEL VALLE SOSA, recluido en el Centro Penitenciario de Yare (CPY);\n"
    "YURELKIS COLMENTER, recluida en el Instituto Nacional de Orientación Femenina (INOF).\n"
)


def test_names_in_capitals_on_semicolon_lines_are_read_as_the_freed():
    found = read(COMMUNIQUE, RECORD).people
    assert {p.name: p.role for p in found} == {
        "Anacleto Ruperto del Valle Sosa": people.FREED,
        "Yurelkis Colmenter": people.FREED,
    }
    # The citation is the words as printed.
    first = found[0].first
    assert COMMUNIQUE[first.start : first.end] == "ANACLETO RUPERTO DEL VALLE SOSA"


def test_capitals_off_a_semicolon_list_are_no_names():
    text = COMMUNIQUE.replace(";", ".")
    assert roles(text) == {}


@pytest.mark.parametrize(
    "written",
    [
        "Aurelio \u00abCachete\u00bb Briceño Lara",
        'Aurelio "Cachete" Briceño Lara',
        "Aurelio \u201cCachete\u201d Briceño Lara",
        "Aurelio 'el Cachete' Briceño Lara",
    ],
)
def test_a_nickname_in_quotes_is_inside_the_one_name(written):
    text = (
        f"{written} fue excarcelado el sábado en Barinas. "
        "Aurelio Briceño Lara salió preguntando por su perro."
    )
    found = read(text, RECORD).people
    assert [(p.name, p.role) for p in found] == [(written, people.FREED)]
    assert found[0].spellings == ["Aurelio Briceño Lara"]


BODY = (
    "\n\nLa organización publicó solo los nombres que las familias autorizaron.\n\n"
    "Desde Tocuyito:\n\n"
    "Quiliano Baez \u2013 Turmero \u2013 mecánico\n"
    "- Yurelkis Andreína Colmenter, pescadora\n"
)


def test_a_headlines_release_words_are_the_role_of_list_lines_no_sentence_heads():
    headline = "Quiénes son los nueve presos excarcelados en Carabobo"
    found = read(headline + BODY, RECORD).people
    assert {p.name: p.role for p in found} == {
        "Quiliano Baez": people.FREED,
        "Yurelkis Andreína Colmenter": people.FREED,
    }
    # Cited to the headline, whose words say it.
    assert {p.first.context for p in found} == {(0, len(headline))}


@pytest.mark.parametrize(
    "headline, role",
    [
        ("Los presos que siguen detenidos en Carabobo", people.STILL_HELD),
        ("Las familias de Carabobo publican una lista", people.NAMED),
    ],
)
def test_a_headline_without_release_words_frees_no_one_in_its_lists(headline, role):
    assert set(roles(headline + BODY).values()) == {role}


def test_a_headline_gives_no_role_to_prose_below_it():
    text = "Excarcelan a nueve presos en Carabobo\n\nQuiliano Baez Torrealba habló con su madre."
    assert roles(text) == {"Quiliano Baez Torrealba": people.NAMED}


def test_a_profile_before_the_release_is_freed_by_the_surnames_later_sentence():
    text = (
        "Quiliano Baez Torrealba creció en Guacara y trabajó diez años como pescador. "
        "Su madre, Dulce Torrealba, lo visitaba cada domingo.\n\n"
        "Baez Torrealba fue excarcelado el viernes de Tocuyito."
    )
    found = {p.name: p for p in read(text, RECORD).people}
    baez = found["Quiliano Baez Torrealba"]
    assert baez.role == people.FREED
    # Cited to the sentence that frees him; the surname is no alias of his.
    assert text[baez.first.sentence[0] :].startswith("Baez Torrealba fue excarcelado")
    assert baez.spellings == []
    assert found["Dulce Torrealba"].role == people.RELATIVE


def test_a_surname_shared_by_two_people_frees_neither():
    text = (
        "Ramiro Baez creció en Guacara. Felipe Baez estudió en Valencia.\n\n"
        "Baez fue excarcelado el viernes."
    )
    assert set(roles(text).values()) == {people.NAMED}


def test_an_officials_surname_in_a_release_sentence_frees_no_one():
    text = (
        "El ministro Teodoro Anzola Pérez habló el lunes.\n\n"
        "Anzola Pérez ordenó la liberación de los presos de Tocuyito."
    )
    assert roles(text) == {"Teodoro Anzola Pérez": people.OFFICIAL}


def test_a_surname_shared_with_a_relative_frees_neither():
    # The freed one may be the relative ("Ihr Mann"): the surname alone cannot tell.
    text = (
        "Dulce Torrealba zählte die Tage. Ihr Mann Quiliano Torrealba war Ingenieur.\n\n"
        "Torrealba ist einer von 500 Gefangenen, die Venezuela freigelassen hat."
    )
    assert people.FREED not in roles(text).values()


def test_a_name_in_capitals_keeps_each_part_of_a_joined_surname_capitalised():
    text = COMMUNIQUE.replace("YURELKIS COLMENTER", "YURELKIS D'ALESSANDRO PÉREZ-ROMERO")
    assert roles(text) == {
        "Anacleto Ruperto del Valle Sosa": people.FREED,
        "Yurelkis D'Alessandro Pérez-Romero": people.FREED,
    }
