"""Cite by selection: exact offsets from the browser, or a typed quote found like the
importer finds quotes; identical passages are reused."""

import pytest
from django.urls import reverse

from curation.citing import CitationRefused, Selection, cite_selection, resolve_selection
from releases.models import Alias, Role
from sources.models import BoilerplateSpan, Passage
from tests import builders

TEXT = "Menu\nRocío San Miguel was freed on Thursday. Rocío San Miguel smiled.\n"


@pytest.fixture
def setup(db):
    article = builders.article(TEXT, slug="story")
    BoilerplateSpan.objects.create(article=article, start=0, end=5, kind="chrome")
    person = builders.person("Rocío San Miguel", slug="rocio")
    role = Role.objects.create(person=person, kind="description", title="activist")
    return article, role


def test_offsets_must_point_at_the_words_the_curator_saw(setup):
    article, _role = setup
    start = TEXT.index("was freed")
    assert resolve_selection(article, start=start, end=start + 9, quote="was freed") == Selection(
        start, start + 9, "was freed"
    )
    with pytest.raises(CitationRefused, match="do not match"):
        resolve_selection(article, start=start, end=start + 9, quote="was FREED")
    with pytest.raises(CitationRefused, match="outside the article"):
        resolve_selection(article, start=0, end=10_000, quote="x")
    with pytest.raises(CitationRefused, match="page chrome"):
        resolve_selection(article, start=0, end=4, quote="Menu")


def test_a_typed_quote_is_found_once_or_refused_with_a_reason(setup):
    article, _role = setup
    assert resolve_selection(article, start=None, end=None, quote="freed  on Thursday").quote == (
        "freed on Thursday"
    )
    with pytest.raises(CitationRefused, match="occurs 2 times"):
        resolve_selection(article, start=None, end=None, quote="Rocío San Miguel")
    with pytest.raises(CitationRefused, match="closest"):
        resolve_selection(article, start=None, end=None, quote="freed on Friday")


def test_citing_the_same_words_twice_reuses_the_passage(setup):
    article, role = setup
    start = TEXT.index("was freed")
    selection = Selection(start, start + 9, "was freed")
    first = cite_selection(role, article, selection)
    other = Alias.objects.create(person=role.person, name="Rocio")
    assert cite_selection(other, article, selection) == first
    assert Passage.objects.count() == 1 and list(role.citations.all()) == [first]


def test_the_admin_cite_view_attaches_a_selected_passage(admin_client, setup):
    article, role = setup
    url = reverse("admin:releases_role_cite", args=[role.pk])
    page = admin_client.get(url, {"article": article.pk}).content.decode()
    assert 'id="cite-text"' in page and "curation/js/cite.js" in page
    start = TEXT.index("smiled")
    response = admin_client.post(
        url, {"article": article.pk, "start": start, "end": start + 6, "quote": "smiled"}
    )
    assert response.status_code == 302
    assert role.citations.get().quote == "smiled"


def test_the_admin_cite_view_explains_a_refusal(admin_client, setup):
    article, role = setup
    url = reverse("admin:releases_role_cite", args=[role.pk])
    response = admin_client.post(url, {"article": article.pk, "quote": "Rocío San Miguel"})
    assert response.status_code == 200 and "occurs 2 times" in response.content.decode()
    assert not role.citations.exists()


def test_offsets_counted_in_the_browser_fit_text_stored_with_crlf(db):
    # Imported files keep their bytes; a page shows every CRLF or CR as one LF.
    stored = "Title\r\n\r\nAna P\u00e9rez \U0001f64f\rwas freed\r\non Thursday."
    article = builders.article(stored, slug="crlf")
    shown = "Title\n\nAna P\u00e9rez \U0001f64f\nwas freed\non Thursday."
    words = "was freed\non Thursday"
    start = shown.index(words)
    selection = resolve_selection(article, start=start, end=start + len(words), quote=words)
    assert selection.quote == "was freed\r\non Thursday"
    assert stored[selection.start : selection.end] == selection.quote
