"""Article pages: passages highlighted in place, boilerplate hidden, search over text."""

import pytest

from releases.models import Detention
from sources.highlight import segments
from sources.models import BoilerplateSpan
from sources.services import set_boilerplate
from tests import builders

TEXT = "Site menu\nVenezuela freed Ana Pérez on Thursday.\nShe was held at El Helicoide.\nShare"


@pytest.fixture
def article(db):
    source = builders.article(TEXT, slug="ana")
    set_boilerplate(
        article=source,
        spans=[
            BoilerplateSpan(article=source, start=0, end=10, kind="chrome"),
            BoilerplateSpan(
                article=source, start=TEXT.index("Share"), end=len(TEXT), kind="chrome"
            ),
        ],
    )
    return source


def test_segments_cover_the_body_and_mark_overlapping_passages(article):
    outer = builders.passage(article, "Venezuela freed Ana Pérez on Thursday.")
    inner = builders.passage(article, "Ana Pérez")
    parts = segments(article, [outer, inner])
    assert "".join(s.text for s in parts) == article.body_text()
    covered = {s.text: s.covered_by for s in parts}
    assert covered["Ana Pérez"] == [outer, inner]
    assert covered["Venezuela freed "] == [outer]
    assert [s.text for s in parts if s.starting] == ["Venezuela freed ", "Ana Pérez"]


def test_article_page_highlights_passages_and_links_them_to_what_they_support(client, article):
    quote = builders.passage(article, "She was held at El Helicoide.")
    person = builders.person("Ana Pérez", slug="ana-perez")
    builders.cite(Detention.objects.create(person=person), quote)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="p-{quote.pk}"' in page
    assert f'<mark data-passages="p-{quote.pk}">She was held at El Helicoide.</mark>' in page
    assert f'href="#supports-{quote.pk}"' in page
    assert "Ana Pérez: detained" in page and person.get_absolute_url() in page


def test_boilerplate_is_hidden_from_the_page_but_kept_in_the_text(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert (
        "Site menu" not in page and "Share" not in page.split("<article")[1].split("</article>")[0]
    )
    record = client.get(article.get_absolute_url(), {"format": "json"}).json()
    assert record["text"] == TEXT
    assert [s["kind"] for s in record["boilerplate"]] == ["chrome", "chrome"]


def test_source_search_ignores_case_and_accents_and_skips_boilerplate(client, article):
    builders.article("Nothing relevant here.", slug="other")
    found = [a.slug for a in client.get("/sources/", {"q": "ANA PEREZ"}).context["page"]]
    assert found == ["ana"]
    assert list(client.get("/sources/", {"q": "site menu"}).context["page"]) == []


def test_copies_of_one_wire_story_can_be_listed_together(client, db):
    builders.article("First copy.", slug="a", story_origin="afp-story", wire_agency="AFP")
    builders.article("Second copy.", slug="b", story_origin="afp-story", wire_agency="AFP")
    builders.article("Another story.", slug="c")
    found = [a.slug for a in client.get("/sources/", {"origin": "afp-story"}).context["page"]]
    assert found == ["a", "b"]
