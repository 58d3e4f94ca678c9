"""Count claims read from report-like sentences written here (not the corpora in bench/,
which score them): what is counted, how many, and who claims it."""

import pytest

from curation.proposals import read
from curation.proposals.counts import OWN_REPORTING as OWN
from tests.curation.test_proposals import RECORD, claims

pytestmark = pytest.mark.django_db(databases=[])


def figures(text):
    """Each count's words, value, qualifier and claimant."""
    return [
        (text[c.start : c.end], c.value, c.qualifier, c.claimed_by)
        for c in read(text, RECORD).counts
    ]


def test_a_demonym_describing_an_institution_is_not_the_people_counted():
    # The demonyms are the nationalities' own (one filter): "Swiss" qualifies the radio,
    # so the people counted are the journalists, and no country is theirs.
    text = "Two Swiss radio journalists were freed on Monday. Cinco peruanos siguen presos."
    reading = read(text, RECORD)
    assert [(text[c.start : c.end], c.country) for c in reading.counts] == [
        ("Two Swiss radio journalists", ""),
        ("Cinco peruanos", "PE"),
    ]


def test_german_sources_before_a_final_participle_after_an_inverted_verb_and_by_their_tally():
    text = (
        "Die Organisation Libertad Ya hat bis Montag 212 Freilassungen überprüft. "
        "Bisher zählt sie außerdem rund 90 Entlassungen aus Militärgefängnissen. "
        "Der Bischofsrat hat das Gesetz begrüßt und für Hunderte politische Gefangene "
        "einen Prozess gefordert. "
        "Die Regierung in Quito geht davon aus, dass noch mindestens 12 ecuadorianische "
        "Gefangene in Haft sind. "
        "Nach AP-Zählung sind mindestens 40 Ausländer freigekommen. "
        "Nach Zählung örtlicher Anwälte sind es rund 300 Häftlinge. "
        "In der Regierung von Ana Gil heißt es, es seien mehr als 900 Menschen begünstigt worden. "
        "Lokale Gruppen rechnen damit, dass mehrere Hundert weitere Menschen freikommen."
    )
    assert claims(text) == [
        ("212 Freilassungen", "Die Organisation Libertad Ya"),
        ("rund 90 Entlassungen", "Die Organisation Libertad Ya"),  # "zählt sie": it again
        ("Hunderte politische Gefangene", "Der Bischofsrat"),
        ("mindestens 12 ecuadorianische Gefangene", "Die Regierung in Quito"),
        ("mindestens 40 Ausländer", "AP"),
        ("rund 300 Häftlinge", "örtlicher Anwälte"),
        ("mehr als 900 Menschen", "der Regierung von Ana Gil"),
        ("mehrere Hundert weitere Menschen", "Lokale Gruppen"),
    ]


def test_a_source_named_for_a_later_count_or_across_a_colon_is_not_the_earlier_ones():
    text = (
        "Libertad Ya zählte 200 Freilassungen. Rund 500 Menschen seien weiter in Haft, "
        "darunter nach Angaben der Gruppe mehr als 40 Frauen. "
        "Es war nach Angaben von Anwälten ein langer Tag: Mehr als 80 Häftlinge kamen frei, "
        "teilte die Organisation Libertad Ya mit."
    )
    assert claims(text) == [
        ("200 Freilassungen", "Libertad Ya"),
        ("Rund 500 Menschen", "Libertad Ya"),  # reported speech: who spoke before
        ("mehr als 40 Frauen", "Libertad Ya"),  # "der Gruppe": the one named before
        ("Mehr als 80 Häftlinge", "die Organisation Libertad Ya"),
    ]


def test_paragraph_labels_and_a_threads_post_numbers_are_neither_claimants_nor_counts():
    text = (
        "PRIMERO: Se prevé que otras 90 personas sean excarceladas.\n\n"
        "SEGUNDO: El Ministerio rechaza las cifras de la ONG Libertad Ya, que habla de "
        "«más de 300 presos políticos».\n\n"
        "Nota de la redacción: Libertad Ya respondió que mantiene 280 presos en su registro.\n\n"
        "3/5 The government says 1,500 people have benefited.\n\n"
        "4/5 Also freed: the Chilean teacher Ana Soto."
    )
    assert claims(text) == [
        ("90 personas", OWN),  # not "PRIMERO"
        ("más de 300 presos políticos", "la ONG Libertad Ya"),
        ("280 presos", "Libertad Ya"),  # answering is saying
        ("1,500 people", "The government"),
    ]  # "5 Also freed: the Chilean" is the thread's post number


def test_people_counted_by_trade_papers_region_or_a_compound_and_not_several_of_them():
    text = (
        "Fueron excarcelados cinco pescadores, varios de ellos enfermos. "
        "Noch mindestens 20 peruanische Staatsangehörige sind in Haft. "
        "Es kamen mindestens 12 EU-Bürger frei. "
        "Siguen detenidos tres zulianos. "
        "Foram soltas quatro mulheres; duas delas estavam em Caracas."
    )
    assert [text[c.start : c.end] for c in read(text, RECORD).counts] == [
        "cinco pescadores",
        "mindestens 20 peruanische Staatsangehörige",
        "mindestens 12 EU-Bürger",
        "tres zulianos",
        "quatro mulheres",
        "duas delas",
    ]


def test_a_range_claims_at_least_its_lower_bound_and_none_is_exactly_none():
    text = (
        'Libre Ya, another rights group, has put the total at "between 250 and 300". '
        "Provea calcula que las excarcelaciones han sido entre 300 y 350. "
        "Laut der Organisation Provea sind es zwischen 140 und 150 Häftlinge. "
        "Das Amt meldet keine weiteren peruanischen Staatsbürger in Haft. "
        "The embassy said no foreign citizen remains in prison. "
        "Ninguno de ellos tiene abogado. No hay presos en Tocuyito. "
        "Foro Penal denunció que otros presos políticos no han sido excarcelados. "
        "Los detenidos que no fueron liberados siguen en Tocorón. "
        "Provea dijo que no todos los presos salieron."
    )
    assert figures(text) == [
        ('the total at "between 250 and 300', 250, "at_least", "Libre Ya"),
        ("han sido entre 300 y 350", 300, "at_least", "Provea"),
        ("zwischen 140 und 150 Häftlinge", 140, "at_least", "der Organisation Provea"),
        ("keine weiteren peruanischen Staatsbürger", 0, "exact", "Das Amt"),
        ("no foreign citizen", 0, "exact", "The embassy"),
    ]  # "Ninguno de ellos" says what none of them has; "No hay" is "there are not";
    # "no han sido excarcelados", "no fueron liberados", "no todos": "not", never a zero


def test_a_sentence_opening_with_a_part_of_the_count_before_is_claimed_by_its_claimant():
    text = (
        "Libertad Ya contabiliza unos 400 presos políticos. "
        "Más de un centenar son militares. Al menos 30 son mujeres. "
        "Unos 200 presos salieron este año."
    )
    assert claims(text) == [
        ("unos 400 presos políticos", "Libertad Ya"),
        ("Más de un centenar son militares", "Libertad Ya"),
        ("Al menos 30 son mujeres", "Libertad Ya"),
        ("Unos 200 presos", OWN),  # what they did, not what they are
    ]


def test_who_spoke_of_a_figure_in_the_past_claims_it():
    text = 'La oficina de la ONU habló el viernes de "unos 250" casos de presos confirmados.'
    assert claims(text) == [('unos 250" casos', "La oficina de la ONU")]
