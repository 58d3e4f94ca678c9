"""The text engine on reports written here in the way real ones read (not the held-out
corpus in bench/news_corpus, which scores it)."""

import pytest

from curation.proposals import gazetteer, people, read
from curation.proposals.counts import OWN_REPORTING as OWN

pytestmark = pytest.mark.django_db(databases=[])

RECORD = gazetteer.build(
    [(1, "Rocío San Miguel"), (2, "Kenny Tejeda Jiménez")],
    [(1, "El Helicoide"), (2, "El Rodeo")],
    {"ES": ("Spain", "Spanish"), "VE": ("Venezuela", "Venezuelan")},
)

LIST_ARTICLE = (
    "El Gobierno excarceló este martes a 18 trabajadores de la prensa, según el sindicato. "
    "Se trata de Luis Alberto López Pérez, María Fernanda Ruiz y Pedro Pablo Díaz del Valle. "
    "El sindicato amplió la lista con Carlos Julio Rojas.\n\n"
    "El ministro del Interior, Diosdado Cabello, dijo que las liberaciones continuarán. "
    "Javier Tarazona sigue detenido en la cárcel de Tocorón.\n"
    "Entre los excarcelados figuran:\n"
    "- el italiano Marco Bianchi, detenido en El Rodeo I\n"
    "- Kennedy Tejeda, activista\n"
)


def roles(text):
    return {person.name: person.role for person in read(text, RECORD).people}


def test_a_list_after_the_release_sentence_is_freed_and_the_minister_is_not():
    found = roles(LIST_ARTICLE)
    for name in (
        "Luis Alberto López Pérez",
        "María Fernanda Ruiz",
        "Pedro Pablo Díaz del Valle",
        "Carlos Julio Rojas",
        "Marco Bianchi",
    ):
        assert found[name] == people.FREED, name
    assert found["Diosdado Cabello"] == people.OFFICIAL
    assert found["Javier Tarazona"] == people.STILL_HELD


def test_a_numbered_prison_is_new_and_not_the_known_one():
    reading = read(LIST_ARTICLE, RECORD)
    assert {f.name for f in reading.facilities} == {"Tocorón", "Rodeo I"}
    assert not [f for f in reading.known if f.entry.kind == gazetteer.FACILITY]


def test_a_nationality_the_record_lacks_is_proposed_and_given_to_the_person():
    reading = read(LIST_ARTICLE, RECORD)
    assert [c.code for c in reading.countries] == ["IT"]
    bianchi = next(p for p in reading.people if p.name == "Marco Bianchi")
    assert bianchi.country == "IT"
    assert bianchi.facility == "Rodeo I"


def test_a_known_person_spelt_another_way_is_offered_as_the_same():
    tejeda = next(p for p in read(LIST_ARTICLE, RECORD).people if p.name == "Kennedy Tejeda")
    assert tejeda.same_as == [2]
    assert gazetteer.same_person(("ana", "rios"), ("ana", "perez")) is False


def test_look_alikes_are_found_among_many_people_sharing_their_words():
    crowd = [(pk, f"María {surname} Pérez") for pk, surname in enumerate(["Ríos"] * 500, 10)]
    record = gazetteer.build(
        [*crowd, (1, "Yohan José Márquez"), (2, "María Márquez"), (3, "Ana Márquez Pérez")],
        [],
        {},
    )
    assert record.lookalikes("Johan José Márvez") == [1]  # first letter and one inside
    assert record.lookalikes("María Marquez") == [2]  # not the 500 other Marías
    assert record.lookalikes("María Ríos Peres") == [pk for pk, _name in crowd]
    assert record.lookalikes("Ana Rodríguez") == []


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Italian Foreign Minister Antonio Tajani said Alberto Trentini was released.",
            "Antonio Tajani",
            people.OFFICIAL,
        ),
        (
            "Italian Foreign Minister Antonio Tajani said Alberto Trentini was released.",
            "Alberto Trentini",
            people.FREED,
        ),
        ("His wife, Ana Pérez, said he had not been released.", "Ana Pérez", people.RELATIVE),
        ("Die Journalistin Julia Weber wurde am Montag freigelassen.", "Julia Weber", people.FREED),
        ("O jornalista Pedro Santos foi libertado na segunda-feira.", "Pedro Santos", people.FREED),
        ("Foro Penal pidió la liberación de Ramón Castillo.", "Ramón Castillo", people.STILL_HELD),
        (
            "Juan Pérez was freed, but Luis Gómez remains in custody.",
            "Luis Gómez",
            people.STILL_HELD,
        ),
        ("Juan Pérez was freed, but Luis Gómez remains in custody.", "Juan Pérez", people.FREED),
    ],
)
def test_roles_from_the_words_around_a_name(text, name, role):
    assert roles(text)[name] == role


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # The verb has its own subject: the name is who the ministry speaks of.
        (
            "In Kyiv, the foreign ministry said Bohdan Kravets, a crew member of a cargo ship "
            "seized off the coast in 2024, had been freed.",
            "Bohdan Kravets",
            people.FREED,
        ),
        (
            "Venezuela libertou seis estrangeiros, entre eles o caminhoneiro Renzo Quispe "
            "Mamani, que estava preso em Tocorón, informou a chancelaria do Peru.",
            "Renzo Quispe Mamani",
            people.FREED,
        ),
        # …and after a quotation, the name is who speaks.
        ('"Estamos felices", dijo Carmen Rojas Pérez.', "Carmen Rojas Pérez", people.QUOTED),
        # "público" is an adjective, not "publicó".
        (
            "Fueron excarcelados Ana Ríos y Freddy Antonio Mujica, chofer de transporte público.",
            "Freddy Antonio Mujica",
            people.FREED,
        ),
    ],
)
def test_who_speaks_and_who_is_spoken_of(text, name, role):
    assert roles(text)[name] == role


def test_tallies_and_who_claims_them():
    text = (
        "La cifra de excarcelaciones asciende a 87, según Foro Penal. "
        "Foro Penal contabilizaba 41 excarcelaciones y calcula que cerca de 600 personas "
        "continúan detenidas. "
        '"Hemos verificado al menos 18 excarcelaciones", dijo Alfredo Romero, director de Foro '
        "Penal. "
        "Gonzalo Himiob, vicepresidente de la organización Foro Penal, dijo que la organización "
        "había confirmado 26 excarcelaciones. "
        "Casi un centenar de personas siguen en Tocuyito, informó Provea."
    )
    found = [
        (c.value, c.qualifier, c.claimed_by, text[c.start : c.end])
        for c in read(text, RECORD).counts
    ]
    assert found == [
        (87, "exact", "Foro Penal", "asciende a 87"),
        (41, "exact", "Foro Penal", "41 excarcelaciones"),
        (600, "approximate", "Foro Penal", "cerca de 600 personas"),
        (18, "at_least", "Alfredo Romero, director de Foro Penal", "al menos 18 excarcelaciones"),
        # Who says the organisation confirmed it is named, with the organisation.
        (
            26,
            "exact",
            "Gonzalo Himiob, vicepresidente de la organización Foro Penal",
            "26 excarcelaciones",
        ),
        (100, "approximate", "Provea", "Casi un centenar de personas"),
    ]


def test_a_speaker_named_again_is_the_one_first_named_and_german_reported_speech_goes_on():
    text = (
        "O advogado Gonzalo Himiob, do Foro Penal, esteve no Helicoide. "
        '"Foi uma semana lenta", disse Himiob. Segundo ele, o Foro Penal contabiliza cerca '
        "de 220 libertações. "
        "Die Zahl liege bei mehr als 300, sagte Direktor Alfredo Romero. "
        "Rund 680 Menschen säßen weiterhin in Haft."
    )
    found = [(c.value, c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        (220, "Gonzalo Himiob, do Foro Penal"),
        (300, "Direktor Alfredo Romero"),
        (680, "Direktor Alfredo Romero"),
    ]


def test_things_are_not_people():
    text = "Tras la Ley de Amnistía, Le Monde y el Centro Penitenciario de Aragua liberaron presos."
    assert roles(text) == {}


def test_counts_with_their_qualifier_metric_claimant_and_date():
    text = (
        "Alfredo Romero, director de Foro Penal, afirmó que más de 800 presos políticos siguen "
        "detenidos hasta el 12 de enero. Decenas de detenidos fueron excarcelados. "
        "The UN said at least five Spanish citizens were freed. Ana, 45 años, salió en 2024."
    )
    found = [(c.value, c.qualifier, c.metric, c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        (800, "more_than", "still_held", "Alfredo Romero, director de Foro Penal"),
        (None, "unspecified", "released", "not attributed (the article's own reporting)"),
        (5, "at_least", "released", "The UN"),
    ]
    assert read(text, RECORD).counts[0].as_of_text == "hasta el 12 de enero"


def test_who_claims_a_figure_when_the_sentence_does_not_name_them_there():
    text = (
        "Provea informó este lunes que revisa los expedientes. "
        '"Quedan cientos de presos tras las rejas", advirtió. '
        "Ninety releases were confirmed, according to its count. "
        "La cifra aumentó, según el registro de la ONG Provea, a 40 excarcelaciones. "
        "Die Organisation Foro Penal hat nach eigenen Angaben 55 Fälle bestätigt. "
        "Foro Penal, por su parte, elevó a 131 el número de excarcelaciones. "
        "Die Organisation Foro Penal kritisierte die Justiz. "
        "Mehr als 300 Menschen seien frei, sagte Direktor Ana Ruiz."
    )
    found = [(text[c.start : c.end], c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        ("cientos de presos", "Provea"),  # the speaker before: the verb has no subject
        ("Ninety releases", "Provea"),  # "its count", in a sentence naming nobody: Provea's
        # "según el", not "según él"; the document's owner claims it
        ("40 excarcelaciones", "la ONG Provea"),
        ("55 Fälle", "Foro Penal"),  # "nach eigenen Angaben": the sentence's organisation
        ("131 el número de excarcelaciones", "Foro Penal"),  # revising a figure claims it
        ("Mehr als 300 Menschen", "Direktor Ana Ruiz (Foro Penal)"),
    ]


def test_what_follows_a_verb_is_a_speaker_only_when_it_reads_like_one():
    text = (
        "At least 30 prisoners were released overnight, rights groups said on Saturday. "
        "Sete presos foram soltos, disse a ministra."
    )
    found = [c.claimed_by for c in read(text, RECORD).counts]
    assert found == ["rights groups", "a ministra"]


def test_dates_list_numbers_and_names_are_not_counts():
    text = (
        "CARACAS, 9 ene. — El Gobierno venezolano liberó a presos.\n"
        "O Ministério dos Negócios Estrangeiros confirmou a libertação.\n"
        "5. Ana Ruiz, periodista venezolana\n"
        "CARACAS, 31 ene. — Cinco dirigentes fueron excarcelados."
    )
    found = [text[c.start : c.end] for c in read(text, RECORD).counts]
    assert found == ["Cinco dirigentes"]


def test_prisons_named_as_reports_name_them_and_what_is_not_one():
    text = (
        "Seguía en la cárcel militar de Ramo Verde. Otros salieron del INOF. "
        "Estuvo en la sede del Sebin y en una cárcel de Miranda. "
        "Fue llevado a Zona 7, en Boleíta. Until I saw him, I did not believe it."
    )
    from curation.proposals import facilities

    assert [f.name for f in facilities.read(text, [])] == ["Ramo Verde", "INOF", "Zona 7"]


def test_who_claims_a_figure_said_after_the_verb_by_an_agent_or_through_a_document():
    text = (
        "Com ele, são já sete os portugueses soltos, contabilizou hoje o ministro Paulo Rangel. "
        "Caracas, 29 ene 2026 (AFP) - La ONG Foro Penal rebajó este jueves a 226 el número de "
        "excarcelados. "
        "Al menos cuatro son extranjeros, precisó el vicepresidente de la ONG, Gonzalo Himiob. "
        "Sobe para 357 o total de libertações verificadas pela ONG Provea desde janeiro. "
        "Óscar Murillo dijo que la organización ha documentado al menos 180 excarcelaciones. "
        "Romero añadió que, según los registros de la ONG, 741 personas siguen presas."
    )
    found = [(text[c.start : c.end], c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        ("sete os portugueses", "o ministro Paulo Rangel"),  # "hoje" is when, not who
        ("226 el número de excarcelados", "La ONG Foro Penal"),  # the dateline is not who
        (
            "Al menos cuatro son extranjeros",
            "el vicepresidente de la ONG, Gonzalo Himiob (Foro Penal)",
        ),
        ("357 o total de libertações", "ONG Provea"),
        ("al menos 180 excarcelaciones", "Óscar Murillo"),
        ("741 personas", "Romero"),
    ]


def claims(text):
    return [(text[c.start : c.end], c.claimed_by) for c in read(text, RECORD).counts]


def test_a_statement_claims_its_own_figures_and_first_person_words():
    text = (
        'COMUNICADO | Red de Madres Presas: "Salir no es ser libre"\n\n'
        "Maracaibo, 3 de febrero de 2026\n\n"
        "1. Desde el 8 de enero hemos contado 140 excarcelaciones.\n\n"
        "2. Según nuestros registros, unas 300 personas siguen detenidas.\n\n"
        "3. Entre ellas hay 35 mujeres."
    )
    assert claims(text) == [
        ("140 excarcelaciones", "Red de Madres Presas"),
        ("unas 300 personas", "Red de Madres Presas"),
        ("35 mujeres", "Red de Madres Presas"),  # a statement's own reporting is its author's
    ]


def test_an_interviews_answers_are_the_interviewees_and_its_lead_the_outlets():
    text = (
        "'We were 20 women in one cell': a nurse on leaving Tocorón\n\n"
        "Interview by Ann Ward | Valencia, Feb 2, 2026\n\n"
        "The nurse Delia Marta Osorio, 51, left prison with 12 detainees on Friday.\n\n"
        "How many were with you?\n"
        "There were 30 prisoners in my wing. About ten remain there.\n"
    )
    assert claims(text) == [
        ("20 women", "Delia Marta Osorio"),  # the headline's quotation
        ("12 detainees", "not attributed (the article's own reporting)"),  # the lead
        ("30 prisoners", "Delia Marta Osorio"),
        ("About ten", "Delia Marta Osorio"),  # an approximate number before what people do
    ]


def test_a_transcripts_line_is_claimed_by_its_speaker():
    text = (
        'Transcripción: "Quedaron muchos"\n\n'
        "ANA PÉREZ (conductora): Bienvenido.\n"
        "GUTIÉRREZ: En mi celda éramos 16 presos políticos.\n"
    )
    assert claims(text) == [("16 presos políticos", "GUTIÉRREZ")]


def test_the_same_group_and_it_are_the_ones_named_before_them():
    text = (
        "Provea contabilizaba 80 excarcelaciones el lunes. "
        "Unos 30 extranjeros siguen en prisión, según la misma ONG. "
        "Foro Penal, which keeps a register of arrests, said on Jan. 8. "
        "Foro Penal, which keeps a register of arrests, said it had verified 95 releases."
    )
    assert claims(text) == [
        ("80 excarcelaciones", "Provea"),
        ("Unos 30 extranjeros", "Provea"),
        ("95 releases", "Foro Penal"),
    ]


def test_a_tally_after_a_verb_is_what_is_said_not_who_says_it():
    text = (
        "09:15 — Provea actualiza su conteo: 120 excarcelaciones desde enero.\n"
        "Foro Penal said the total of verified releases had risen to 300, while about 500 "
        "people remain in prison."
    )
    assert claims(text) == [
        ("120 excarcelaciones", "Provea"),  # a liveblog's time opens no claimant either
        ("risen to 300", "Foro Penal"),
        ("about 500 people", "Foro Penal"),
    ]


def test_a_full_stop_after_a_day_ends_a_sentence_but_not_in_a_german_date():
    from curation.proposals.text import sentences

    text = "He was freed on Jan. 8. Foro Penal said so. Seit dem 8. Januar sind 40 frei."
    assert [text[a:b] for a, b in sentences(text)] == [
        "He was freed on Jan. 8.",
        "Foro Penal said so.",
        "Seit dem 8. Januar sind 40 frei.",
    ]


def test_an_office_an_acronym_and_an_organisation_are_the_ones_named_before():
    text = (
        "La canciller Marta Ruiz Lobo precisó que cinco salieron el lunes. "
        "Las familias pidieron reserva, dijo. "
        '"Quedan al menos otros dos compatriotas detenidos", añadió la ministra. '
        "O Ministério das Relações Exteriores (MRE) informou a libertação de um cidadão. "
        "Já são 12 os brasileiros soltos, contabilizou o MRE. "
        "O Foro Penal contabilizava 300 libertações; já o governo fala em mil. "
        "Segundo a mesma ONG, 600 presos políticos continuam nas cadeias."
    )
    assert claims(text) == [
        ("dos compatriotas", "canciller Marta Ruiz Lobo"),
        ("12 os brasileiros", "Ministério das Relações Exteriores (MRE)"),
        ("300 libertações", "O Foro Penal"),
        ("fala em mil", "o governo"),  # a figure said; "mil" is a thousand
        ("600 presos políticos", "O Foro Penal"),
    ]


def test_a_register_kept_and_a_count_made_are_claimed():
    text = (
        "El 5 de enero, Foro Penal tenía registrados 900 presos políticos. "
        "MNE conta 15 portugueses libertados."
    )
    assert claims(text) == [
        ("900 presos políticos", "Foro Penal"),
        ("15 portugueses libertados", "MNE"),
    ]


def test_nationalities_of_descent_compounds_and_islands_are_proposed():
    text = (
        "Salió el comerciante lusodescendente Mario Gomes. "
        "A Trinidadian fisherman, Dev Ramlal, was freed. "
        "Der deutsch-venezolanische Arzt Jan Ortiz kam frei."
    )
    reading = read(text, RECORD)
    assert {c.code for c in reading.countries} == {"PT", "TT", "DE"}


def test_number_words_of_tens_and_units_in_one_word_count():
    text = (
        "Twenty-eight prisoners were freed. Salieron veintiocho presos. "
        "Einundzwanzig Häftlinge kamen frei."
    )
    assert [c.value for c in read(text, RECORD).counts] == [28, 28, 21]


def test_an_approximate_number_or_a_vague_one_is_people_by_what_it_does_or_is_said_to_be():
    text = (
        "Etwa 450 sitzen nach Angaben der Gruppe weiterhin in Haft. "
        "Unos 30 siguen presos en Yare. Nine are still inside. "
        '"Son decenas los que no tienen abogado", dijo Ana Ruiz.'
    )
    assert [text[c.start : c.end] for c in read(text, RECORD).counts] == [
        "Etwa 450",
        "Unos 30 siguen presos",  # "presos" is who they are
        "decenas",
    ]


def test_durations_families_many_a_liveblog_time_and_portuguese_dos_are_no_counts():
    text = (
        "Pasó 16 meses preso. Unas 40 familias esperaban y several dozen relatives too. "
        "Many people were freed, muchos de ellos de noche.\n"
        "10:30 — El canciller venezolano habló.\n"
        'A lista dos libertados não foi publicada; o governo fala em "quase dois mil" '
        "beneficiados e ainda são uma incógnita."
    )
    found = [(text[c.start : c.end], c.value) for c in read(text, RECORD).counts]
    assert found == [('quase dois mil" beneficiados', 2000)]


def test_a_figure_said_without_its_people_counts_in_a_sentence_about_releases():
    text = (
        'Las excarcelaciones no cuadran: el Gobierno habla de "más de 900". '
        "Der Minister spricht von «über 3000» Freilassungen. "
        "The minister put the total at nearly 1,500 released. "
        "El ministro habla de reformas desde 2024."
    )
    found = [(text[c.start : c.end], c.value, c.qualifier) for c in read(text, RECORD).counts]
    assert found == [
        ('habla de "más de 900', 900, "more_than"),
        ("über 3000» Freilassungen", 3000, "more_than"),  # a qualified number is no year
        ("the total at nearly 1,500", 1500, "approximate"),
    ]


def test_a_share_of_those_freed_or_held_is_a_vague_count():
    text = (
        "Según Provea, sigue presa cerca de la mitad. "
        'Diosdado Cabello dijo que "el 80 por ciento" ya salió de prisión. '
        "La mayoría campesinos, fueron detenidos en Mérida. "
        "La mitad del camino está hecha."
    )
    found = [(text[c.start : c.end], c.value, c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        ("la mitad", None, "Provea"),
        ("80 por ciento", None, "Diosdado Cabello"),
    ]


def test_an_ordinal_before_whom_it_ranks_and_a_score_of_twenty_count():
    text = (
        "Es el tercer colombiano excarcelado esta semana. "
        "Fue la tercera jornada consecutiva de liberaciones. "
        "He is the 19th Colombian released this month. "
        "Una veintena de presos salió."
    )
    found = [(text[c.start : c.end], c.value, c.qualifier) for c in read(text, RECORD).counts]
    assert found == [
        ("tercer colombiano", 3, "exact"),
        ("19th Colombian", 19, "exact"),
        ("Una veintena de presos", 20, "approximate"),
    ]


def test_multiples_a_thousand_decades_and_a_tally_that_nears_or_rises_from_a_figure():
    text = (
        "El sindicato cuenta más de dos docenas de periodistas excarcelados. "
        "Según Provea, más de mil siguen presos. "
        "Os advogados que há duas décadas acompanham estes casos pedem calma. "
        "The group's tally of releases nears 700. "
        "Libertad Ya put its count at 320 releases, up from 290 on Monday. "
        "O Foro Penal registou pelo menos 9 novas prisões."
    )
    found = [
        (text[c.start : c.end], c.value, c.qualifier, c.claimed_by)
        for c in read(text, RECORD).counts
    ]
    assert found == [
        ("más de dos docenas de periodistas", 24, "more_than", "El sindicato"),
        ("más de mil siguen presos", 1000, "more_than", "Provea"),
        ("nears 700", 700, "approximate", OWN),
        ("320 releases", 320, "exact", "Libertad Ya"),
        ("up from 290", 290, "exact", "Libertad Ya"),
        ("pelo menos 9 novas prisões", 9, "at_least", "O Foro Penal"),
    ]


def test_who_speaks_past_a_relative_clause_a_second_verb_and_it_and_with_their_acronym():
    text = (
        "Marta Pérez, que dirige la Red de Madres, dijo que 40 presos siguen detenidos. "
        "La Cancillería peruana confirmó la salida de Juan Ríos y dijo que otros 7 peruanos "
        "siguen detenidos. "
        "The rights group Libertad Ya said on Sunday it had verified 210 releases. "
        "La cifra no incluye el registro de otras organizaciones, que al día de hoy verifican "
        "150 excarcelaciones. "
        "A Venezuela libertou 6 estrangeiros, entre eles Juan Ríos, que estava preso desde "
        "2024, informou a chancelaria do Peru. "
        "Catorce presos fueron excarcelados, informaron familiares y la ONG Red por la Defensa "
        "de los Detenidos (Redede). "
        "An engineer walked out on Sunday, his family said, one of more than 150 prisoners "
        "the government said it released that day. "
        "Libre Ya sube la cifra: 431 excarcelaciones verificadas."
    )
    found = [(text[c.start : c.end], c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        ("40 presos", "Marta Pérez"),
        ("7 peruanos", "La Cancillería peruana"),
        ("210 releases", "The rights group Libertad Ya"),
        ("150 excarcelaciones", "otras organizaciones"),
        ("6 estrangeiros", "a chancelaria do Peru"),
        ("Catorce presos", "familiares y la ONG Red por la Defensa de los Detenidos (Redede)"),
        ("more than 150 prisoners", "the government"),  # in the relative clause after them
        ("431 excarcelaciones", "Libre Ya"),  # "sube la cifra": "la cifra" is no verb
    ]


def test_a_promise_a_list_heading_and_a_quotation_going_on_are_claimed_by_who_makes_them():
    text = (
        "Según el recuento de Libertad Ya, suman 56 excarcelaciones desde el día en que Pedro "
        'Gil, jefe del Parlamento, prometió soltar a "un número importante" de presos. '
        'The minister pledged that "a significant number" of detainees would go free.\n'
        "La ONG Libertad Ya presentó estas cifras:\n"
        "- 300 excarcelaciones verificadas.\n"
        "- 500 presos políticos siguen detenidos.\n"
        '"Teníamos 900 presos", resumió Pedro Gil. "Hay decenas de casos sin confirmar".\n'
        "Según Provea, son 40 los presos en Tocuyito.\n"
        "- 12 presos no tienen abogado."
    )
    found = [(text[c.start : c.end], c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        ("56 excarcelaciones", "Libertad Ya"),
        ('un número importante" de presos', "Pedro Gil, jefe del Parlamento"),
        ('a significant number" of detainees', "The minister"),
        ("300 excarcelaciones", "La ONG Libertad Ya"),
        ("500 presos políticos", "La ONG Libertad Ya"),
        ("900 presos", "Pedro Gil"),
        ("decenas de casos", "Pedro Gil"),
        ("40 los presos", "Provea"),
        ("12 presos", OWN),  # a list's line with no heading that says who gives it
    ]


def test_whose_tally_a_document_kept_by_someone_and_a_german_source_before_its_verb():
    text = (
        "By the families' own tally at least nine more prisoners have come out since. "
        "Al menos 11 presos quedaron en libertad, según el conteo que llevan los defensores de "
        "Libertad Ya en Sucre. "
        "Nach Angaben von Libertad Ya sind es rund 600 Menschen. "
        "A advogada Inês Lobo disse que os atrasos são graves. "
        "Segundo as suas contas, cerca de 40 por cento dos presos já foram libertados. "
        "The UN office said at least 430 people had been released, according to information it "
        "had gathered from families. "
        "A ONG venezuelana Libertad Ya confirmou a saída. Com ele, segundo a ONG, saíram outros "
        "sete presos políticos. "
        "Há duas décadas a organização acompanha estes casos."
    )
    found = [(text[c.start : c.end], c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        ("at least nine more prisoners", "families"),
        ("Al menos 11 presos", "los defensores de Libertad Ya en Sucre"),
        ("rund 600 Menschen", "Libertad Ya"),
        ("40 por cento dos presos", "A advogada Inês Lobo"),  # whoever spoke before
        ("at least 430 people", "The UN office"),
        ("sete presos políticos", "Libertad Ya"),
    ]


def test_a_list_someone_made_relatives_the_lawyer_spoken_of_again_and_her_own_figures():
    text = (
        "Al menos 15 personas fueron excarceladas, según la lista que la ONG Libertad Ya "
        "difundió a las seis. "
        "Salieron en libertad 11 presos políticos, según sus familiares. "
        "Alfredo Gil, abogado de la familia, dijo que el proceso es lento. "
        "El abogado añadió que 777 personas permanecen detenidas. "
        "Venezuelan authorities released 17 prisoners from Tocoron, known as the Aragua prison, "
        "late on Monday, relatives and a local rights group said. "
        "Juan Ríos left with five other soldiers, his lawyer said. "
        "Die Organisation Libertad Ya zählt mehr als 200 Freilassungen. "
        "Nach ihren Angaben sind noch rund 700 Menschen inhaftiert. "
        "Doze presos foram soltos, segundo a organização de direitos humanos Libertad Ya. "
        "Com eles, chega a 190 o número de solturas verificadas pela ONG. "
        "More than 750 remain, said Ana Ruiz of Libertad Ya (Dutch) in a statement."
    )
    found = [(text[c.start : c.end], c.claimed_by) for c in read(text, RECORD).counts]
    assert found == [
        ("Al menos 15 personas", "la ONG Libertad Ya"),
        ("11 presos políticos", "sus familiares"),  # their relatives, not their count
        ("777 personas", "Alfredo Gil"),
        ("17 prisoners", "relatives and a local rights group"),
        ("five other soldiers", "his lawyer"),
        ("mehr als 200 Freilassungen", "Die Organisation Libertad Ya"),
        ("rund 700 Menschen", "Die Organisation Libertad Ya"),
        ("Doze presos", "a organização de direitos humanos Libertad Ya"),
        ("190 o número de solturas", "Libertad Ya"),
        ("More than 750", "Ana Ruiz of Libertad Ya"),  # "(Dutch)" is no acronym of it
    ]


def test_nationalities_of_more_peoples_are_proposed_in_every_inflection():
    text = (
        "Salió el pescador guyanés Dev Persaud. "
        "A Ghanaian, Kofi Mensah, and a Swede were freed. "
        "Der philippinische Matrose Rodel Cruz kam frei. "
        "Fue excarcelado el empresario ítalo-venezolano Gino Ferri."
    )
    reading = read(text, RECORD)
    assert {c.code for c in reading.countries} == {"GY", "GH", "SE", "PH", "IT"}


def test_a_first_part_of_a_compound_is_no_nationality_alone():
    reading = read("Ítalo Ferri fue excarcelado. Fue un acto franco.", RECORD)
    assert reading.countries == []


def test_a_demonym_in_a_name_or_beside_a_place_or_an_institution_is_no_nationality():
    text = (
        "Fue excarcelado el empresario Gino Russo Ferri, dijo la Cancillería colombiana. "
        "Ana Ruiz was arrested near the Colombian border, Swiss radio said. "
        "Er dankte der italienischen Regierung. Salió de la cárcel de Portuguesa."
    )
    assert read(text, RECORD).countries == []


def test_a_demonym_opening_a_sentence_is_still_one():
    reading = read('"Colombianos y peruanos salieron de prisión", dijo.', RECORD)
    assert {c.code for c in reading.countries} == {"CO", "PE"}


def test_a_german_adjective_stem_before_a_hyphen_is_a_nationality():
    text = "In Haft ist der österreichisch-venezolanische Unternehmer Jan Huber."
    assert {c.code for c in read(text, RECORD).countries} == {"AT"}


def test_countries_whose_citizens_are_freed_or_held_are_nationalities():
    text = (
        "At least 40 foreigners are still held, including citizens of Colombia, Peru and "
        "Ecuador. Italy and Chile have all had citizens freed. "
        "Paraguay reclama por dos de sus ciudadanos."
    )
    assert {c.code for c in read(text, RECORD).countries} == {"CO", "PE", "EC", "IT", "CL", "PY"}


def test_a_country_named_as_a_place_is_no_nationality():
    text = (
        "Ana Ruiz was arrested while travelling from Colombia. "
        "Fue detenido en la frontera con Colombia. Dijo a la prensa en Lima, Peru."
    )
    assert read(text, RECORD).countries == []
