"""A quote may carry a translation into the other language, with who made it and whether a
person or a machine did: shown after the original, never instead of it, in copy-citation
and exports, labelled. The citation stays the original words at their offsets."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from releases.models import PersonRecord
from tests import builders


@pytest.fixture
def world(db):
    made = builders.world(1)
    passage = made["article"].passages.get(quote="freed several Spanish citizens")
    passage.translation = "liberó a varios ciudadanos españoles"
    passage.translation_language = "es"
    passage.translated_by = "Ana Traductora"
    passage.translation_method = "human"
    passage.save()
    made["passage"] = passage
    return made


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_translation_follows_the_original_quote_labelled(client, world):
    person = world["people"][0]
    page = _page(client, f"/es/people/{person.slug}/")
    original = page.index("<q>freed several Spanish citizens</q>")
    translated = page.index("<q>liberó a varios ciudadanos españoles</q>")
    assert original < translated
    assert "traducción humana, por Ana Traductora:" in page
    assert '<span class="translation" lang="es"' in page
    # The English page shows the original alone: the translation is for Spanish readers.
    english = _page(client, f"/en/people/{person.slug}/")
    assert "<q>freed several Spanish citizens</q>" in english
    assert "liberó" not in english


def test_a_machine_translation_says_so(client, world):
    passage = world["passage"]
    passage.translation_language = "en"
    passage.translation = "freed several Spanish citizens (machine)"
    passage.translated_by = "a translation engine"
    passage.translation_method = "machine"
    passage.save()
    page = _page(client, f"/en/people/{world['people'][0].slug}/")
    assert "machine translation, by a translation engine:" in page


def test_a_machine_translation_into_spanish_says_so_in_spanish(client, world):
    passage = world["passage"]
    passage.translated_by = "un motor de traducción"
    passage.translation_method = "machine"
    passage.save()
    page = _page(client, f"/es/people/{world['people'][0].slug}/")
    assert "traducción automática, por un motor de traducción:" in page
    assert "traducción humana" not in page


def test_copy_citation_has_a_line_for_the_translation(client, world):
    page = _page(client, f"/es/people/{world['people'][0].slug}/")
    assert 'data-translation-line="{label}: «{translation}»"' in page
    assert 'data-label="traducción humana, por Ana Traductora"' in page


def test_exports_give_the_translation_beside_the_original(client, world):
    person = world["people"][0]
    record = client.get(f"/es/people/{person.slug}/?format=json").json()
    [citation] = record["releases"][0]["citations"]
    assert citation["quote"] == "freed several Spanish citizens"
    assert citation["translation"] == {
        "text": "liberó a varios ciudadanos españoles",
        "language": "es",
        "translated_by": "Ana Traductora",
        "method": "human",
    }
    response = client.get("/es/facts/", {"format": "csv", "kind": "release"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    header = rows[0].split(",")
    translation = ("quote_translation", "quote_translation_by", "quote_translation_method")
    for column in ("quote", *translation):
        assert column in header
    assert "liberó a varios ciudadanos españoles" in rows[1]


def test_the_citation_stays_the_original_words_at_their_offsets(world):
    passage = world["passage"]
    passage.refresh_from_db()
    assert passage.article.text[passage.start : passage.end] == passage.quote
    assert passage.quote == "freed several Spanish citizens"


def test_a_translation_without_its_provenance_is_refused(world):
    passage = world["passage"]
    passage.translated_by = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        passage.save()


def test_a_changed_translation_reaches_the_stored_records(world):
    person = world["people"][0]
    passage = world["passage"]
    passage.translation = "dejó en libertad a varios ciudadanos españoles"
    passage.save()
    stored = json.loads(PersonRecord.objects.get(person=person).json)
    [citation] = stored["releases"][0]["citations"]
    assert citation["translation"]["text"] == "dejó en libertad a varios ciudadanos españoles"


def test_the_seed_gives_some_quotes_a_human_translation(seeded, client):
    page = _page(client, "/es/people/rocio-san-miguel/")
    assert "<q>Miguel estuvo recluida en El Helicoide tras su arresto.</q>" in page
    assert page.index("<q>Miguel was held in El Helicoide after her arrest.</q>") < page.index(
        "<q>Miguel estuvo recluida"
    )
    # Importing again changes nothing.
    out = io.StringIO()
    call_command("import_fixtures", stdout=out)
    assert "Nothing to do" in out.getvalue()
