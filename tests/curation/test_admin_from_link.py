"""Add article from a link, in the admin: fetched and captured, what was read shown for the
curator to confirm or correct, then stored recording its capture; refusals store nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sources.models import Capture, SourceArticle
from tests.curation.pages import article_html

PARAGRAPHS = ["Relatives said the journalist Pablo Ruiz walked out of El Rodeo on Sunday night."]
PAGE = article_html("Journalist walks free", PARAGRAPHS, lang="en", outlet="Daily Test")
URL = reverse("admin:sources_sourcearticle_from_link")


def confirm(admin_client, response, **changes):
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return admin_client.post(URL, {**data, **changes})


def test_the_curator_confirms_or_corrects_what_was_read(admin_client, pages):
    link = pages.add("/journalist", body=PAGE)
    read = admin_client.post(URL, {"link": link})
    assert read.status_code == 200
    page = read.content.decode()
    capture = Capture.objects.get()
    assert capture.sha256 in page and not SourceArticle.objects.exists()
    form = read.context["form"]
    assert form["title"].value() == "Journalist walks free"
    assert (form["outlet"].value(), form["published"].value()) == ("Daily Test", "2026-01-09")
    assert PARAGRAPHS[0] in form["text"].value()

    text = form["text"].value() + "\nA line the curator added back."
    stored = confirm(admin_client, read, title="Journalist freed", language="en", text=text)
    article = SourceArticle.objects.get()
    assert stored.url == reverse("admin:sources_sourcearticle_change", args=[article.pk])
    assert (article.title, article.capture, article.url) == ("Journalist freed", capture, link)
    assert article.text.endswith("A line the curator added back.")


def test_a_refused_link_is_a_message_and_stores_nothing(admin_client, pages, settings):
    settings.INGEST_ALLOW_LOOPBACK = False
    response = admin_client.post(URL, {"link": pages.add("/j", body=PAGE)})
    assert response.status_code == 200
    assert "Refused, nothing stored:" in response.content.decode()
    assert "a loopback address (this machine)" in response.content.decode()
    response = admin_client.post(URL, {"link": "gopher://example.org/"})
    assert "only http and https links can be fetched" in response.content.decode()
    assert not Capture.objects.exists() and not SourceArticle.objects.exists()


def test_a_link_already_stored_is_refused_with_a_link_to_it(admin_client, pages):
    link = pages.add("/journalist", body=PAGE)
    confirm(admin_client, admin_client.post(URL, {"link": link}))
    article = SourceArticle.objects.get()
    again = admin_client.post(URL, {"link": link})
    change = reverse("admin:sources_sourcearticle_change", args=[article.pk])
    assert f'A page from this link is already stored: <a href="{change}">' in (
        again.content.decode()
    )


def test_the_same_capture_confirmed_twice_is_already_stored(admin_client, pages):
    read = admin_client.post(URL, {"link": pages.add("/journalist", body=PAGE)})
    confirm(admin_client, read)
    twice = confirm(admin_client, read)
    assert twice.status_code == 200
    assert SourceArticle.objects.count() == 1
    change = reverse("admin:sources_sourcearticle_change", args=[SourceArticle.objects.get().pk])
    assert f'This page is already stored: <a href="{change}">' in twice.content.decode()


def test_a_saved_page_is_uploaded_read_and_confirmed(admin_client):
    upload = SimpleUploadedFile("journalist.html", PAGE, content_type="text/html")
    read = admin_client.post(URL, {"saved_page": upload, "link": "https://daily.example/j"})
    confirm(admin_client, read)
    article = SourceArticle.objects.get()
    assert (article.capture.origin, article.capture.filename) == ("uploaded", "journalist.html")
    assert article.url == "https://daily.example/j"


def test_the_article_list_offers_add_from_a_link(admin_client):
    response = admin_client.get(reverse("admin:sources_sourcearticle_changelist"))
    assert f'href="{URL}"' in response.content.decode()


@pytest.mark.parametrize("data", [{}, {"link": ""}])
def test_nothing_given_is_a_message(admin_client, data):
    response = admin_client.post(URL, data)
    assert "Give a link, or upload a saved page." in response.content.decode()
