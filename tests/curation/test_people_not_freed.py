"""Names that are no freed person's though release words stand near them: places named
after people, a headline's title case, the captured. Sentences written here for the
purpose."""

import pytest

from curation.proposals import gazetteer, people, read

pytestmark = pytest.mark.django_db(databases=[])

RECORD = gazetteer.build([(1, "Rocío San Miguel")], [(1, "El Helicoide")], {})


def roles(text):
    return {person.name: person.role for person in read(text, RECORD).people}


@pytest.mark.parametrize(
    "text",
    [
        "Las excarceladas cruzaron el puente internacional Francisco de Paula Santander.",
        "Los liberados llegaron por la avenida Francisco de Miranda.",
        "He was freed from the Simón Bolívar Rodríguez prison on Friday.",
        "Freed prisoners crossed the Francisco de Paula Santander bridge on Friday.",
    ],
)
def test_a_place_named_after_someone_is_no_freed_person(text):
    assert roles(text) == {}


def test_a_person_beside_a_place_is_still_read():
    text = "Francisco Javier Rondón fue excarcelado y cruzó el puente internacional a pie."
    assert roles(text) == {"Francisco Javier Rondón": people.FREED}


def test_a_title_case_headline_reads_only_names_that_open_with_a_given_name():
    text = "Venezuela Frees Jailed Tanker Crews, Including Francisco Javier Rondón\n\nText."
    assert roles(text) == {"Francisco Javier Rondón": people.FREED}


def test_the_captured_is_not_freed_by_the_release_words_after_him():
    text = (
        "The interim government, in power since the capture of Nicanor Valdés Ruiz in "
        "January, has released hundreds of prisoners."
    )
    assert roles(text) == {"Nicanor Valdés Ruiz": people.STILL_HELD}


def test_release_words_right_after_an_arrest_still_free():
    text = "Detuvieron a Nicanor Valdés Ruiz, liberado el viernes tras dos años."
    assert roles(text) == {"Nicanor Valdés Ruiz": people.FREED}


def test_a_list_line_believes_the_names_it_opens_with_not_those_in_its_text():
    text = (
        "Foram libertados os seguintes cidadãos:\n"
        "1. Quiliano Baez e Yurelkis Colmenter, detidos em Tocorón.\n"
        "2. O Ministro de Estado e dos Assuntos Consulares agradeceu às famílias.\n"
    )
    assert roles(text) == {"Quiliano Baez": people.FREED, "Yurelkis Colmenter": people.FREED}


def test_an_offices_place_is_no_person_though_it_opens_with_a_given_name():
    text = "Teodoro Manrique, exalcalde de Santos Michelena, fue excarcelado el viernes."
    assert roles(text) == {"Teodoro Manrique": people.FREED}


def test_a_name_after_an_offices_place_is_still_read():
    text = "Sigue preso el exalcalde de Santos Michelena Teodoro Manrique Rangel."
    assert roles(text) == {"Teodoro Manrique Rangel": people.STILL_HELD}


def test_a_german_compound_office_in_apposition_marks_an_official():
    text = (
        "In Genf sagte Ingrid Solberg, UN-Hochkommissarin für Menschenrechte, die "
        "Freilassungen seien ein wichtiger Schritt."
    )
    assert roles(text) == {"Ingrid Solberg": people.OFFICIAL}


def test_a_place_noun_before_a_colon_leaves_the_name_a_persons():
    text = "Salieron dos vecinos de su barrio: Quiliano Baez Torrealba y su primo."
    assert roles(text) == {"Quiliano Baez Torrealba": people.FREED}


def test_a_former_mayor_in_apposition_may_be_among_the_freed():
    text = (
        "La lista sumó los nombres de Quiliano Baez Torrealba, exalcalde de un municipio "
        "del Táchira; y de otros dos excarcelados."
    )
    assert roles(text)["Quiliano Baez Torrealba"] == people.FREED
