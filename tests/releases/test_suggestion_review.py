"""The review screen of one article's suggestions, the links to it, and the cite page's
choice of article."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from curation import suggestions
from curation.curator_group import ensure_curator_group
from curation.suggestions import ingest_with_suggestions
from releases.models import CitationSuggestion, Citizenship, Country, Mention, Person
from tests import builders

TEXT = (
    "Caracas. <b>Bold</b> claims aside, Venezuela freed Spanish activist Rocío San Miguel "
    "on Friday <script>alert(1)</script>. Police also freed Juan Nuevo Vega."
)


@pytest.fixture
def article(db):
    Country.objects.create(code="ES", name="Spain", demonym="Spanish")
    Country.objects.create(code="VE", name="Venezuela", demonym="Venezuelan")
    builders.person("Rocío San Miguel")
    return ingest_with_suggestions(text=TEXT, title="New").article


def _review(client, article, **params):
    return client.get(suggestions.review_url(article), params)


def test_the_screen_shows_each_suggestion_in_its_sentence_escaped(admin_client, article):
    page = _review(admin_client, article).content.decode()
    assert "<mark>Rocío San Miguel</mark>" in page
    assert "<mark>Spanish activist Rocío San Miguel</mark>" in page  # the nationality
    assert "<mark>Juan Nuevo Vega</mark>" in page  # the new name, inside its sentence
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<b>Bold" not in page
    assert "Create person" in page


def test_bulk_accept_creates_cited_mentions(admin_client, article):
    chosen = article.suggestions.filter(kind="mention")
    response = admin_client.post(
        suggestions.review_url(article),
        {"action": "accept", "selected": [s.pk for s in chosen]},
        follow=True,
    )
    assert "Accepted 3 suggestions." in [str(x) for x in response.context["messages"]]
    mentions = {str(x.subject): [p.quote for p in x.citations.all()] for x in Mention.objects.all()}
    assert mentions == {
        "Venezuela (VE)": ["Venezuela"],
        "Spain (ES)": ["Spanish"],
        "Rocío San Miguel": ["Rocío San Miguel"],
    }
    assert set(article.suggestions.values_list("kind", "state")) == {
        ("mention", "accepted"),
        ("citizenship", "pending"),
        ("new_person", "pending"),
    }
    # Decided rows leave the default (pending) view; "all" still lists them.
    assert _review(admin_client, article).content.decode().count("review-row") == 2
    assert _review(admin_client, article, state="all").content.decode().count("review-row") == 5


def test_bulk_reject_and_one_click_person(admin_client, article):
    url = suggestions.review_url(article)
    new = article.suggestions.get(kind="new_person")
    admin_client.post(url, {"one": f"accept:{new.pk}"})
    person = Person.objects.get(name="Juan Nuevo Vega")
    assert [p.quote for p in person.mentions.get().citations.all()] == [
        "Police also freed Juan Nuevo Vega."
    ]
    rest = article.suggestions.filter(state="pending")
    admin_client.post(url, {"action": "reject", "selected": [s.pk for s in rest]})
    assert not article.suggestions.filter(state="pending").exists()
    assert Mention.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"action": "accept"},
        {"action": "accept", "selected": ["x", "-1"]},
        {"action": "explode", "selected": ["1"]},
        {"one": "accept:nope"},
        {"one": "bogus"},
    ],
)
def test_bad_posts_change_nothing_and_say_why(admin_client, article, data):
    response = admin_client.post(suggestions.review_url(article), data, follow=True)
    assert response.status_code == 200
    assert list(response.context["messages"])
    assert not article.suggestions.exclude(state="pending").exists()


def test_a_suggestion_of_another_article_cannot_be_decided_here(admin_client, article):
    other = ingest_with_suggestions(text="Venezuela again.", title="Other").article
    stranger = other.suggestions.get()
    admin_client.post(suggestions.review_url(article), {"one": f"accept:{stranger.pk}"})
    stranger.refresh_from_db()
    assert stranger.state == "pending"


def test_rerun_button_and_missing_article(admin_client, article):
    article.suggestions.all().delete()
    response = admin_client.post(suggestions.review_url(article), {"action": "rerun"}, follow=True)
    assert "Re-ran suggestions: 5 new." in [str(x) for x in response.context["messages"]]
    missing = reverse("admin:releases_citationsuggestion_review", args=[article.pk + 99])
    assert admin_client.get(missing).status_code == 404


def test_a_curator_may_review_and_decide(client, article):
    curator = User.objects.create_user("curator", is_staff=True)
    curator.groups.add(ensure_curator_group())
    client.force_login(curator)
    suggestion = article.suggestions.filter(kind="mention").first()
    client.post(suggestions.review_url(article), {"one": f"reject:{suggestion.pk}"})
    suggestion.refresh_from_db()
    assert suggestion.state == "rejected"


def test_saving_a_person_in_the_admin_re_runs_suggestions(admin_client, article):
    response = admin_client.post(
        reverse("admin:releases_person_add"),
        {
            "name": "Juan Nuevo Vega",
            "slug": "juan-nuevo-vega",
            "is_named": "on",
            **{
                f"{prefix}-{key}": value
                for prefix in (
                    "aliases",
                    "citizenships",
                    "roles",
                    "detentions",
                    "releases",
                    "status_changes",
                )
                for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))
            },
        },
        follow=True,
    )
    assert response.status_code == 200
    person = Person.objects.get(slug="juan-nuevo-vega")
    assert article.suggestions.filter(kind="mention", person=person).exists()
    assert not article.suggestions.filter(kind="new_person").exists()


def test_the_cli_prints_the_review_url(db, tmp_path):
    Country.objects.create(code="VE", name="Venezuela", demonym="Venezuelan")
    path = tmp_path / "new.txt"
    path.write_text("Venezuela freed Juan Nuevo Vega.", encoding="utf-8")
    out = io.StringIO()
    call_command("ingest_article", str(path), stdout=out)
    article = CitationSuggestion.objects.first().article
    assert f"Review them at: {suggestions.review_url(article)}" in out.getvalue()


def test_the_cite_page_preselects_the_only_article_a_record_cites(admin_client, db):
    source = builders.article("Ana Pérez is Spanish.")
    builders.article("Another article.")
    spain = Country.objects.create(code="ES", name="Spain")
    citizenship = Citizenship.objects.create(person=builders.person(), country=spain)
    citizenship.citations.add(builders.passage(source, "Spanish"))
    url = reverse("admin:releases_citizenship_cite", args=[citizenship.pk])
    page = admin_client.get(url)
    assert page.context["article"] == source
    assert f'<option value="{source.pk}" selected>' in page.content.decode()
    other = Citizenship.objects.create(person=builders.person("B"), country=spain)
    url = reverse("admin:releases_citizenship_cite", args=[other.pk])
    assert admin_client.get(url).context["article"] is None
