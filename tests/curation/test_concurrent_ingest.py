"""Two ingests of the same text at the same moment: one stored, the other told it is already
stored, with its link, never an IntegrityError traceback."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.urls import reverse

from curation import ingest
from sources.models import SourceArticle, sha256_of

TEXT = "Two curators pasted this report of a release at the very same moment.\n"


@pytest.fixture
def stored_in_between(monkeypatch):
    """The same text stored by someone else after this ingest's check and before its insert:
    what a second ingest at the same moment sees (its check found nothing yet)."""
    SourceArticle.objects.create(slug="theirs", title="Theirs", text=TEXT)
    monkeypatch.setattr(ingest, "_stored_with", lambda digest: None)


@pytest.mark.django_db
def test_the_command_says_already_stored(stored_in_between, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT)
    with pytest.raises(CommandError, match=r"already stored as “Theirs” \(theirs\)"):
        call_command("ingest_article", str(path))
    assert SourceArticle.objects.get().slug == "theirs"


@pytest.mark.django_db
def test_the_admin_says_already_stored_with_a_link(stored_in_between, admin_client):
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"),
        {"text": TEXT, "language": "en", "title": "Mine"},
    )
    theirs = SourceArticle.objects.get()
    assert response.status_code == 200
    link = reverse("admin:sources_sourcearticle_change", args=[theirs.pk])
    assert f'already stored: <a href="{link}">Theirs</a>' in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_ingests_at_once_store_one_and_tell_the_other(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's test database is private to one connection")
    both_checked = threading.Barrier(2, timeout=10)
    check = ingest._stored_with

    def checked_together(digest):
        found = check(digest)
        both_checked.wait()  # neither has inserted yet: both found nothing
        return found

    monkeypatch.setattr(ingest, "_stored_with", checked_together)
    outcomes: list[str] = []

    def run(title):
        try:
            ingest.ingest_article(text=TEXT, title=title)
            outcomes.append("stored")
        except ingest.DuplicateArticle as exc:
            outcomes.append(f"duplicate of {exc.existing.slug}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(title,)) for title in ("One", "Two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = SourceArticle.objects.get(sha256=sha256_of(TEXT))
    assert sorted(outcomes) == sorted(["stored", f"duplicate of {stored.slug}"])
