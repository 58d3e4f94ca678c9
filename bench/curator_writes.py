"""What a curator's writes cost at the size of the record: the given names read once,
building the known names (the worker's job; a new process loading them from disk
instead), an ingest of a 5 KB article with suggestions, the first ingest after a rename
(the new name laid over the names built), an admin save of a person (its suggestions
re-run in the background, so not in the save), and that background re-run itself; with
the machine's load average.

Run against a record grown by ``bench/scale.py generate`` (a scratch database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/curator_writes.py

Every write runs inside a transaction that is rolled back: the database is left as found.
The articles ingested are the news corpus's (bench/news_corpus), joined in threes to about
5 KB each; the admin saves go through the real admin (Django's test client, in process)."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 5_000


class _RollBack(Exception):
    pass


def _articles_of_5kb() -> list[str]:
    texts = [
        path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "bench" / "news_corpus").glob("*.txt"))
    ]
    articles = []
    for start in range(0, len(texts), 3):
        joined, index = "", start
        while len(joined.encode()) < TARGET_BYTES:
            joined += texts[index % len(texts)] + "\n\n"
            index += 1
        articles.append(joined)
    return articles[:8]


def _ms(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds) * 1000:.0f} ms, max {max(seconds) * 1000:.0f} ms"


def _rolled_back(write) -> float:
    """Seconds ``write`` took (or the seconds it returns), its writes undone."""
    from django.db import transaction

    try:
        with transaction.atomic():
            began = time.perf_counter()
            timed = write()
            took = timed if isinstance(timed, float) else time.perf_counter() - began
            raise _RollBack
    except _RollBack:
        return took


def _rename_and_ingest(person, text: str) -> float:
    """A rename saved, then an article naming the new name ingested: the ingest reads the
    names changed since the base (``curation.name_changes``). Returns the ingest's seconds."""
    from curation.suggestions import ingest_with_suggestions

    person.name = f"{person.name} Renamed"
    person.save()
    began = time.perf_counter()
    result = ingest_with_suggestions(text=f"Liberaron a {person.name}.\n\n{text}", title="x")
    took = time.perf_counter() - began
    if not result.article.suggestions.filter(person=person).exists():
        raise SystemExit(f"the new name {person.name!r} was not suggested")
    return took


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("MANIFEST_STATIC", "0")  # no collectstatic for a bench
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from curation.proposals import given_names
    from curation.suggestions import (
        KnownNames,
        forget_names,
        ingest_with_suggestions,
        rebuild_base,
        suggest_after_change,
    )
    from releases.models import Person
    from tests.curation.admin_forms import change_form_data

    setup_test_environment()  # the client keeps each page's context: the form to send back
    people = Person.objects.count()
    began = time.perf_counter()
    given_names.given_names()  # from the cache file, or the dictionary the first time
    given = time.perf_counter() - began
    began = time.perf_counter()
    rebuild_base()  # the worker's job: every name built, and kept on disk
    built = time.perf_counter() - began
    forget_names()  # what a new server or worker process knows
    began = time.perf_counter()
    KnownNames.read()  # the newest base on disk, with the names changed since laid over
    loaded = time.perf_counter() - began

    articles = _articles_of_5kb()
    ingests = [
        _rolled_back(lambda text=text: ingest_with_suggestions(text=text, title=text[:80]))
        for text in articles
    ]
    renamed = list(Person.objects.filter(is_named=True).order_by("-pk")[:5])
    after_renames = [
        _rolled_back(lambda person=person, text=text: _rename_and_ingest(person, text))
        for person, text in zip(renamed, articles, strict=False)
    ]

    chosen = list(Person.objects.filter(is_named=True).order_by("pk")[:5])
    client = Client()
    saves = []
    for person in chosen:
        url = reverse("admin:releases_person_change", args=[person.pk])

        def save(url=url):
            curator = User.objects.create_superuser("bench-curator", "bench@example.org")
            client.force_login(curator)
            data = change_form_data(client.get(url, secure=True))
            began = time.perf_counter()
            response = client.post(url, data, secure=True)
            saves.append(time.perf_counter() - began)
            if response.status_code != 302:
                raise SystemExit(f"the admin refused the save: {response.status_code}")

        _rolled_back(save)
    reruns = [_rolled_back(lambda p=person: suggest_after_change(p)) for person in chosen]

    sizes = sorted(len(text.encode()) for text in articles)
    # The machine's load beside the figures (1, 5 and 15 minutes): others' work slows them.
    print(f"{people} people, load average " + " ".join(f"{v:.1f}" for v in os.getloadavg()))
    print(f"the given names, read once per process: {given * 1000:.0f} ms")
    print(f"the worker building every name and alias, kept on disk: {built * 1000:.0f} ms")
    print(f"a new process loading them from disk instead: {loaded * 1000:.0f} ms")
    print(
        f"ingest with suggestions ({len(ingests)} articles of {sizes[0]:,} to {sizes[-1]:,} "
        f"bytes): {_ms(ingests)}"
    )
    print(
        f"the first ingest after a rename, the new name laid over ({len(after_renames)} "
        f"people): {_ms(after_renames)}"
    )
    print(f"admin save of a person, re-run queued ({len(saves)} people): {_ms(saves)}")
    print(f"the background re-run of suggestions after it ({len(reruns)} people): {_ms(reruns)}")


if __name__ == "__main__":
    main()
