"""Ingesting an article proposes citations; only accepted ones become public."""

import pytest
from django.urls import reverse

from curation import suggestions
from curation.suggestions import ingest_with_suggestions
from releases import derived
from releases.models import (
    Alias,
    CitationSuggestion,
    Citizenship,
    Country,
    Facility,
    Mention,
    Person,
)
from sources.models import BoilerplateSpan
from sources.services import set_boilerplate
from tests import builders
from tests.releases.counted import counted_afresh, stored_facet_counts

NEW_TEXT = (
    "Freed on Friday: ROCIO SAN MIGUEL left El Helicoide, Spanish diplomats said. Share this story"
)


@pytest.fixture
def known(db):
    rocio = builders.person("Rocío San Miguel", slug="rocio-san-miguel")
    builders.cite(
        Citizenship.objects.create(
            person=rocio,
            country=Country.objects.create(code="ES", name="Spain", demonym="Spanish"),
        ),
        builders.passage(builders.article("Rocío San Miguel is Spanish."), "Spanish"),
    )
    Facility.objects.create(name="El Helicoide", slug="el-helicoide")
    return rocio


def test_ingesting_proposes_known_names_ignoring_accents_and_case(known):
    before = stored_facet_counts()
    result = ingest_with_suggestions(text=NEW_TEXT, title="New")
    assert stored_facet_counts() == counted_afresh() == before  # nothing accepted yet
    found = {(s.quote, str(s.subject)) for s in result.article.suggestions.all()}
    assert found == {
        ("ROCIO SAN MIGUEL", "Rocío San Miguel"),
        ("El Helicoide", "El Helicoide"),
        ("Spanish", "Spain (ES)"),
    }
    for suggestion in result.article.suggestions.all():
        assert NEW_TEXT[suggestion.start : suggestion.end] == suggestion.quote
    assert "3 suggested citations" in result.notes[0].text


def test_nothing_suggested_is_public_until_accepted(client, known):
    article = ingest_with_suggestions(text=NEW_TEXT, title="New").article
    person_url = known.get_absolute_url()
    assert "ROCIO SAN MIGUEL" not in client.get(person_url).content.decode()
    assert client.get(person_url, {"format": "json"}).json()["mentions"] == []
    suggestion = article.suggestions.get(person=known)
    suggestions.accept(suggestion)
    record = client.get(person_url, {"format": "json"}).json()
    assert [c["quote"] for c in record["mentions"][0]["citations"]] == ["ROCIO SAN MIGUEL"]
    assert "ROCIO SAN MIGUEL" in client.get(person_url).content.decode()


def test_a_rejected_suggestion_stays_unpublished(client, known):
    article = ingest_with_suggestions(text=NEW_TEXT, title="New").article
    suggestion = article.suggestions.get(person=known)
    suggestions.accept(suggestion)
    suggestions.reject(suggestion)
    assert not Mention.objects.exists()
    assert client.get(known.get_absolute_url(), {"format": "json"}).json()["mentions"] == []


def test_admin_ingest_form_stores_and_proposes(admin_client, known):
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"),
        {"text": NEW_TEXT, "title": "New", "language": "en", "published": "2026-01"},
        follow=True,
    )
    messages = [str(message) for message in response.context["messages"]]
    assert any("Stored" in message for message in messages)
    assert any("3 suggested citations" in message for message in messages)
    article = CitationSuggestion.objects.first().article
    assert (article.published_precision, article.text) == ("month", NEW_TEXT)


def test_admin_ingest_refuses_the_same_text_with_a_link(admin_client, known):
    first = ingest_with_suggestions(text=NEW_TEXT, title="First").article
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"), {"text": NEW_TEXT, "language": "en"}
    )
    page = response.content.decode()
    assert "already stored" in page
    assert reverse("admin:sources_sourcearticle_change", args=[first.pk]) in page


def test_admin_accepts_and_rejects_suggestions_in_bulk(admin_client, known):
    article = ingest_with_suggestions(text=NEW_TEXT, title="New").article
    url = reverse("admin:releases_citationsuggestion_changelist")
    person_suggestion = article.suggestions.get(person=known)
    others = article.suggestions.exclude(pk=person_suggestion.pk)
    admin_client.post(
        url, {"action": "accept_selected", "_selected_action": [person_suggestion.pk]}
    )
    admin_client.post(
        url,
        {
            "action": "reject_selected",
            "_selected_action": list(others.values_list("pk", flat=True)),
        },
    )
    states = dict(article.suggestions.values_list("quote", "state"))
    assert states == {
        "ROCIO SAN MIGUEL": "accepted",
        "El Helicoide": "rejected",
        "Spanish": "rejected",
    }
    assert Mention.objects.get().person == known


# --- What is suggested ---------------------------------------------------------------------


def _country(code, name, demonym=""):
    return Country.objects.create(code=code, name=name, demonym=demonym)


def _suggested(article, kind="mention"):
    return [
        (s.quote, str(s.subject)) for s in article.suggestions.filter(kind=kind).order_by("start")
    ]


def _alias(person, name, *, ambiguous=False):
    alias = Alias.objects.create(person=person, name=name, ambiguous=ambiguous)
    alias.citations.add(builders.passage(builders.article(f"Also known as {name}."), name))
    return alias


@pytest.mark.parametrize(
    ("text", "quote", "code"),
    [
        ("Three Americans were among them.", "Americans", "US"),
        ("Two Spaniards left the prison.", "Spaniards", "ES"),
        ("A U.S. official confirmed it.", "U.S.", "US"),
        ("The US embassy confirmed it.", "US", "US"),
        ("The USA asked for more.", "USA", "US"),
        ("Quedan presos cinco españoles.", "españoles", "ES"),
        ("El Gobierno de España lo confirmó.", "España", "ES"),
        ("Son venezolanos y viven en Caracas.", "venezolanos", "VE"),
        ("Un ciudadano estadounidense salió.", "estadounidense", "US"),
        ("Lo pidió EE.UU. ayer.", "EE.UU.", "US"),
        ("Drei Deutsche kamen frei.", "Deutsche", "DE"),
        ("Mit Spaniern sprach niemand.", "Spaniern", "ES"),
        ("Die Vereinigten Staaten begrüßten das.", "Vereinigten Staaten", "US"),
    ],
)
def test_countries_are_found_by_demonym_plural_short_form_and_language(db, text, quote, code):
    for args in (("US", "United States", "American"), ("ES", "Spain", "Spanish")):
        _country(*args)
    _country("VE", "Venezuela", "Venezuelan")
    _country("DE", "Germany", "German")
    article = ingest_with_suggestions(text=text, title="t").article
    mentions = article.suggestions.filter(kind="mention")
    assert [(s.quote, s.country.code) for s in mentions] == [(quote, code)]


@pytest.mark.parametrize(
    "text",
    [
        "Let us know what you think.",  # the pronoun is not the US
        "Germán Pérez was freed.",  # a first name, not the demonym
        "Latin American governments kept quiet.",  # no country named
    ],
)
def test_look_alikes_name_no_country(db, text):
    _country("US", "United States", "American")
    _country("DE", "Germany", "German")
    article = ingest_with_suggestions(text=text, title="t").article
    assert _suggested(article) == []


def test_an_ambiguous_alias_is_never_suggested_alone(db):
    rocio = builders.person("Rocío San Miguel")
    _alias(rocio, "Miguel", ambiguous=True)
    text = "Rocío San Miguel was freed. Miguel said so. Miguel Moreno was also released."
    article = ingest_with_suggestions(text=text, title="t").article
    assert _suggested(article) == [("Rocío San Miguel", "Rocío San Miguel")]
    assert [s.name for s in article.suggestions.filter(kind="new_person")] == ["Miguel Moreno"]


def test_the_longest_match_wins_and_nothing_overlaps(db):
    marta = builders.person("Marta Quintero Lyon")
    _alias(marta, "Marta Quintero")
    Facility.objects.create(name="El Rodeo I", slug="rodeo-1")
    Facility.objects.create(name="El Rodeo", slug="rodeo")
    text = "Marta Quintero Lyon left El Rodeo I on Friday."
    article = ingest_with_suggestions(text=text, title="t").article
    assert _suggested(article) == [
        ("Marta Quintero Lyon", "Marta Quintero Lyon"),
        ("El Rodeo I", "El Rodeo I"),
    ]


def test_one_suggestion_per_thing_named_and_a_rejection_moves_to_the_next(db):
    _country("VE", "Venezuela", "Venezuelan")
    text = "Venezuela freed them. Venezuela said more would follow. Venezuela is silent."
    article = ingest_with_suggestions(text=text, title="t").article
    first = article.suggestions.get()
    assert first.start == 0
    suggestions.reject(first)
    suggestions.suggest_for_article(article)
    pending = article.suggestions.get(state="pending")
    assert pending.start == text.index("Venezuela said")
    suggestions.accept(pending)
    assert suggestions.suggest_for_article(article) == []


def test_boilerplate_is_never_scanned(db):
    rocio = builders.person("Rocío San Miguel")
    text = "Related: Rocío San Miguel freed | Share\nThe activist Rocío San Miguel was freed."
    article = ingest_with_suggestions(text=text, title="t").article
    chrome = "Related: Rocío San Miguel freed | Share"
    set_boilerplate(
        article=article,
        spans=[BoilerplateSpan(article=article, start=0, end=len(chrome), kind="chrome")],
    )
    suggestions.suggest_for_article(article)
    (suggestion,) = article.suggestions.all()
    assert (suggestion.person, suggestion.start) == (rocio, text.index("Rocío", 10))


# --- Nationalities and new names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The Spanish activist Ana Ríos was freed.", "Spanish activist Ana Ríos"),
        ("Ana Ríos, a Spaniard, was freed.", "Ana Ríos, a Spaniard"),
        ("La española Ana Ríos fue liberada.", "española Ana Ríos"),
        ("Ana Ríos, de nacionalidad española, salió.", "Ana Ríos, de nacionalidad española"),
    ],
)
def test_a_nationality_beside_a_name_proposes_a_citizenship(db, text, quote):
    spain = _country("ES", "Spain", "Spanish")
    ana = builders.person("Ana Ríos")
    article = ingest_with_suggestions(text=text, title="t").article
    proposal = article.suggestions.get(kind="citizenship")
    assert (proposal.quote, proposal.person, proposal.country) == (quote, ana, spain)
    citizenship = suggestions.accept(proposal)
    assert (citizenship.person, citizenship.country) == (ana, spain)
    assert [p.quote for p in citizenship.citations.all()] == [quote]


def test_a_nationality_not_beside_the_name_proposes_nothing(db):
    _country("ES", "Spain", "Spanish")
    builders.person("Ana Ríos")
    text = "Spanish diplomats said Ana Ríos was freed."
    article = ingest_with_suggestions(text=text, title="t").article
    assert not article.suggestions.filter(kind="citizenship").exists()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Police freed Juan Nuevo Vega and Ana Ríos on Friday.", ["Juan Nuevo Vega", "Ana Ríos"]),
        ("Fue excarcelada la abogada Carmen Ibáñez Soto.", ["Carmen Ibáñez Soto"]),
        ("Auch Jonas Weber wurde freigelassen.", ["Jonas Weber"]),
        ("Freed: Juan de la Cruz and María del Mar Paz.", ["Juan de la Cruz", "María del Mar Paz"]),
        ("Interior Minister Delia Arango said nothing was released.", []),  # an official
        ("Juan Nuevo Vega and Ana Ríos met reporters.", []),  # no release words near
        ("Foro Penal said the releases went on.", []),  # an organisation
        ("The release was confirmed on Monday in January.", []),
    ],
)
def test_new_names_are_proposed_near_release_words(db, text, names):
    article = ingest_with_suggestions(text=text, title="t").article
    assert [s.name for s in article.suggestions.filter(kind="new_person")] == names


def test_an_official_near_release_words_is_proposed_with_their_role_never_as_freed(db):
    text = "Interior Minister Delia Arango said nothing was released."
    article = ingest_with_suggestions(text=text, title="t").article
    proposal = article.suggestions.get(kind="other_person")
    assert (proposal.name, proposal.details["role"]) == ("Delia Arango", "official")
    suggestions.accept(proposal)
    person = Person.objects.get()
    assert not person.releases.exists()
    assert [r.title for r in person.roles.all()] == ["Interior Minister"]


def test_a_new_name_is_created_in_one_step_citing_its_sentence(client, db):
    spain = _country("ES", "Spain", "Spanish")
    text = "Caracas, Friday. Spanish citizen Juan Nuevo Vega was freed after a year. More soon."
    article = ingest_with_suggestions(text=text, title="t").article
    proposal = article.suggestions.get(kind="new_person")
    sentence = "Spanish citizen Juan Nuevo Vega was freed after a year."
    assert (proposal.quote, proposal.name, proposal.country) == (sentence, "Juan Nuevo Vega", spain)
    assert not Person.objects.exists()  # nothing exists, let alone public, until accepted

    mention = suggestions.accept(proposal)

    person = Person.objects.get()
    assert (person.name, mention.person, proposal.person) == ("Juan Nuevo Vega", person, person)
    assert [p.quote for p in mention.citations.all()] == [sentence]
    citizenship = person.citizenships.get()
    assert citizenship.country == spain
    assert [p.quote for p in citizenship.citations.all()] == [sentence]
    record = client.get(person.get_absolute_url(), {"format": "json"}).json()
    assert [c["quote"] for c in record["mentions"][0]["citations"]] == [sentence]
    # Accepted once: a re-run proposes neither the new name nor a mention of it again.
    assert suggestions.suggest_for_article(article) == []


def test_a_rejected_new_name_is_not_proposed_again(db):
    article = ingest_with_suggestions(text="Police freed Juan Nuevo Vega.", title="t").article
    suggestions.reject(article.suggestions.get())
    assert suggestions.suggest_for_article(article) == []
    assert not Person.objects.exists()


# --- Re-runs -------------------------------------------------------------------------------


def test_adding_a_person_re_runs_the_articles_that_name_them(db):
    text = "Police freed Juan Nuevo Vega. Juan Nuevo Vega thanked his lawyers."
    article = ingest_with_suggestions(text=text, title="t").article
    other = ingest_with_suggestions(text="A different story entirely.", title="u").article
    assert [s.kind for s in article.suggestions.all()] == ["new_person"]
    person = builders.person("Juan Nuevo Vega")
    assert suggestions.suggest_after_change(person) == 1
    assert [(s.kind, s.person) for s in article.suggestions.all()] == [("mention", person)]
    assert not other.suggestions.exists()


def test_marking_an_alias_ambiguous_withdraws_its_pending_suggestions(db):
    rocio = builders.person("Rocío San Miguel")
    alias = _alias(rocio, "Miguel")
    article = ingest_with_suggestions(text="Miguel Moreno was seen in Caracas.", title="t").article
    assert _suggested(article) == [("Miguel", "Rocío San Miguel")]
    alias.ambiguous = True
    alias.save()
    suggestions.suggest_after_change(alias)
    assert _suggested(article) == []


def test_a_new_country_is_found_in_every_article_that_names_it(db):
    article = ingest_with_suggestions(text="Two Italians were freed.", title="t").article
    italy = _country("IT", "Italy", "Italian")
    suggestions.suggest_after_change(italy)
    assert _suggested(article) == [("Italians", "Italy (IT)")]


LIST_TEXT = (
    "Foro Penal confirmó nuevas excarcelaciones. Estos son los excarcelados:\n"
    "- Carlos Acosta Blanco, excarcelado el jueves.\n"
    "- María Cabrera Delgado, excarcelada el jueves.\n"
    "- José Escalona Fajardo, excarcelado el jueves.\n"
    "- Ana Guerrero Herrera, excarcelada el jueves.\n"
)


def test_accepting_many_refreshes_derived_data_once_and_is_all_or_nothing(db, monkeypatch):
    article = suggestions.ingest_with_suggestions(text=LIST_TEXT, title="Lista").article
    chosen = list(article.suggestions.filter(kind="new_person"))
    assert len(chosen) == 4
    calls = []
    real = derived.refresh_people
    monkeypatch.setattr(derived, "refresh_people", lambda pks: calls.append(set(pks)) or real(pks))
    assert suggestions.accept_many(chosen) == 4
    assert len(calls) == 1 and len(calls[0]) == 4  # one refresh, for the four people
    assert Person.objects.filter(is_public=True, status="released").count() == 4

    # A failure part-way leaves nothing of the batch behind.
    other = suggestions.ingest_with_suggestions(
        text=LIST_TEXT.replace("Acosta", "Ibarra").replace("Cabrera", "Lozada"), title="Otra"
    ).article
    again = list(other.suggestions.filter(kind="new_person"))
    people = Person.objects.count()
    original = suggestions._accept

    def failing(suggestion, event):
        if suggestion.pk == again[-1].pk:
            raise RuntimeError("the database went away")
        return original(suggestion, event)

    monkeypatch.setattr(suggestions, "_accept", failing)
    with pytest.raises(RuntimeError):
        suggestions.accept_many(again)
    assert Person.objects.count() == people
    assert not other.suggestions.filter(state="accepted").exists()
