"""Each value its own words: a citation may support only some parts of a fact (its place,
its date), readers see which quote says which, and a fact needs a quote for the claim
itself to be public."""

import hashlib
import io
import textwrap

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from curation.citing import Selection, cite_selection, set_cited_parts
from releases.models import Detention, Facility
from sources.models import Passage
from tests import builders
from tests.releases.test_import_fixtures_errors import assert_refused, run_import, write_fixture

TEXT = (
    "Ana Pérez was detained in March 2024. She was held in El Helicoide. She was freed on Thursday."
)


@pytest.fixture
def detention(db):
    article = builders.article(TEXT, slug="story")
    facility = Facility.objects.create(name="El Helicoide", slug="el-helicoide")
    builders.cite(facility, builders.passage(article, "El Helicoide"))
    person = builders.person("Ana Pérez", slug="ana-perez")
    fact = Detention.objects.create(person=person, facility=facility, since_text="March 2024")
    return article, fact


def _select(article, words: str) -> Selection:
    start = article.text.index(words)
    return Selection(start, start + len(words), words)


def test_a_quote_for_one_value_alone_does_not_publish_the_fact(detention):
    article, fact = detention
    cite_selection(fact, article, _select(article, "She was held in El Helicoide."), ["facility"])
    fact.refresh_from_db()
    assert not fact.is_public and not fact.person.__class__.objects.get(pk=fact.person_id).is_public

    claim = cite_selection(
        fact, article, _select(article, "Ana Pérez was detained in March 2024."), ["claim", "since"]
    )
    fact.refresh_from_db()
    assert fact.is_public
    assert fact.parts_cited_by(claim.pk) == ["claim", "since"]

    # Saying the claim quote supports only the date hides the fact again.
    set_cited_parts(fact, {claim.pk: ["since"]})
    fact.refresh_from_db()
    assert not fact.is_public


def test_a_citation_left_unnarrowed_supports_the_whole_fact(detention):
    article, fact = detention
    passage = cite_selection(fact, article, _select(article, "She was held in El Helicoide."))
    fact.refresh_from_db()
    assert fact.is_public and fact.cited_parts == {} and fact.supports_claim(passage.pk)


def test_parts_a_fact_does_not_have_are_refused_and_nothing_is_written(detention):
    article, fact = detention
    passage = cite_selection(fact, article, _select(article, "She was held in El Helicoide."))
    with pytest.raises(ValidationError, match="value is not a part of this record"):
        set_cited_parts(fact, {passage.pk: ["value"]})
    assert Detention.objects.get(pk=fact.pk).cited_parts == {}


def test_an_uncited_passage_leaves_the_map(detention):
    article, fact = detention
    place = cite_selection(
        fact, article, _select(article, "She was held in El Helicoide."), ["facility"]
    )
    claim = cite_selection(fact, article, _select(article, "Ana Pérez was detained"), ["claim"])
    fact.citations.remove(place)
    fact.refresh_from_db()
    assert fact.cited_parts == {str(claim.pk): ["claim"]} and fact.is_public
    fact.citations.remove(claim)
    fact.refresh_from_db()
    assert fact.cited_parts == {} and not fact.is_public


def test_readers_see_which_quote_says_which_value(detention, client):
    article, fact = detention
    cite_selection(
        fact, article, _select(article, "She was held in El Helicoide."), ["claim", "facility"]
    )
    cite_selection(fact, article, _select(article, "detained in March 2024"), ["since"])
    page = client.get(fact.person.get_absolute_url()).content.decode()
    rows = page[page.index('class="by-part"') :]
    rows = rows[: rows.index("</span></span>")]
    assert "the place:</span> <q>She was held in El Helicoide.</q>" in rows
    assert "since when:</span> <q>detained in March 2024</q>" in rows
    assert "For since when: </span><q>detained in March 2024</q>" in page

    # The same person's page in Spanish says it in Spanish.
    spanish = client.get(
        "/es" + fact.person.get_absolute_url().removeprefix("/en")
    ).content.decode()
    assert "el lugar:" in spanish and "desde cuándo:" in spanish


def test_json_and_the_facts_csv_say_what_each_citation_supports(detention, client):
    article, fact = detention
    cite_selection(
        fact, article, _select(article, "She was held in El Helicoide."), ["claim", "facility"]
    )
    cite_selection(fact, article, _select(article, "Ana Pérez was detained"))
    record = client.get(fact.person.get_absolute_url(), {"format": "json"}).json()
    supports = {c["quote"]: c["supports"] for c in record["detentions"][0]["citations"]}
    assert supports == {
        "She was held in El Helicoide.": ["claim", "facility"],
        "Ana Pérez was detained": ["all"],
    }
    response = client.get(reverse("releases:fact_list"), {"format": "csv"})
    lines = b"".join(response.streaming_content).decode().splitlines()
    header = lines[0].lstrip("\ufeff").split(",")
    column = header.index("supports")
    cells = {line.split(",")[header.index("quote")]: line.split(",")[column] for line in lines[1:]}
    assert cells["She was held in El Helicoide."] == "claim facility"
    assert cells["Ana Pérez was detained"] == "all"


def test_the_admin_cite_screen_cites_for_a_part_and_edits_what_quotes_support(
    admin_client, detention
):
    article, fact = detention
    url = reverse("admin:releases_detention_cite", args=[fact.pk])
    words = "She was held in El Helicoide."
    start = TEXT.index(words)
    response = admin_client.post(
        url,
        {
            "article": article.pk,
            "start": start,
            "end": start + len(words),
            "quote": words,
            "parts": ["facility"],
        },
    )
    assert response.status_code == 302
    passage = Passage.objects.get(quote=words)
    fact.refresh_from_db()
    assert fact.cited_parts == {str(passage.pk): ["facility"]} and not fact.is_public

    page = admin_client.get(url).content.decode()
    assert "Save what each quote supports" in page and words in page
    response = admin_client.post(
        url, {"save_parts": "1", f"parts-{passage.pk}": ["claim", "facility"]}
    )
    assert response.status_code == 302
    fact.refresh_from_db()
    assert fact.cited_parts == {str(passage.pk): ["claim", "facility"]} and fact.is_public

    # A part the record doesn't have, typed into the form, is an error on the page.
    response = admin_client.post(url, {"save_parts": "1", f"parts-{passage.pk}": ["value"]})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    fact.refresh_from_db()
    assert fact.cited_parts == {str(passage.pk): ["claim", "facility"]}


def _fixture(folder, cite: str):
    """A fixture of one article, person, facility and detention citing ``cite`` (YAML)."""
    yaml_text = textwrap.dedent(
        """\
        articles:
          - id: "a1"
            file: articles/a1.txt
            sha256: SHA256
            slug: a1
            title: Story
            language: en
            published: "unknown"
        people:
          - {id: ana, name: Ana Pérez}
        facilities:
          - id: helicoide
            name: El Helicoide
            cite:
              - {article: "a1", quote: El Helicoide}
        detentions:
          - id: d1
            person: ana
            facility: helicoide
            since: 2024-03
            cite:
        """
    ).replace("SHA256", hashlib.sha256(TEXT.encode("utf-8")).hexdigest())
    return write_fixture(folder, yaml_text + textwrap.indent(textwrap.dedent(cite), " " * 6), TEXT)


def test_the_importer_reads_what_each_quote_supports(db, tmp_path):
    folder = _fixture(
        tmp_path,
        """\
        - article: "a1"
          quote: She was held in El Helicoide.
          for: [claim, facility]
        - article: "a1"
          quote: detained in March 2024
          for: since
        """,
    )
    run_import(folder)
    fact = Detention.objects.get()
    by_quote = {p.quote: fact.parts_cited_by(p.pk) for p in fact.citations.all()}
    assert by_quote == {
        "She was held in El Helicoide.": ["claim", "facility"],
        "detained in March 2024": ["since"],
    }
    assert fact.is_public
    versions = fact.history.count()
    # A second run finds nothing to change.
    assert "already matches the fixtures" in run_import(folder)
    assert fact.history.count() == versions


def test_the_importer_names_an_unknown_part_and_where_it_is(db, tmp_path):
    folder = _fixture(
        tmp_path,
        """\
        - article: "a1"
          quote: She was held in El Helicoide.
          for: [the place]
        """,
    )
    assert_refused(folder, "fixture.yaml:", "cite[1].for", "the place: not a part of this record")
    assert not Detention.objects.exists()


def test_the_seed_detention_of_rocio_san_miguel_cites_its_place_and_date_apart(seeded, client):
    call_command("import_fixtures", stdout=io.StringIO())  # a second run changes nothing
    page = client.get("/en/people/rocio-san-miguel/").content.decode()
    rows = page[page.index('class="by-part"') :]
    place = rows[rows.index("the place:") : rows.index("since when:")]
    since = rows[rows.index("since when:") : rows.index("the grounds:")]
    assert "Miguel was held in El Helicoide after her arrest." in place
    assert "February 2024" not in place
    assert "imprisoned since February 2024" in since and "El Helicoide" not in since
