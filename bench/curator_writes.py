"""What a curator's writes cost at the size of the record: reading the known names, an
ingest with suggestions, and the re-run of suggestions after a person is saved.

Run against a record grown by ``bench/scale.py generate`` (a scratch database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/curator_writes.py

Every write runs inside a transaction that is rolled back: the database is left as found.
The articles ingested are the news corpus's (bench/news_corpus)."""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class _RollBack(Exception):
    pass


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    import django

    django.setup()
    from django.db import transaction

    from curation.suggestions import Record, ingest_with_suggestions, suggest_after_change
    from releases.models import Person

    people = Person.objects.count()
    began = time.perf_counter()
    Record.read()
    read_names = time.perf_counter() - began

    ingests = []
    for path in sorted((ROOT / "bench" / "news_corpus").glob("*.txt"))[:8]:
        text = path.read_text(encoding="utf-8")
        try:
            with transaction.atomic():
                began = time.perf_counter()
                ingest_with_suggestions(text=text, title=text.splitlines()[0][:200])
                ingests.append(time.perf_counter() - began)
                raise _RollBack
        except _RollBack:
            pass

    saves = []
    for person in Person.objects.filter(is_named=True).order_by("pk")[:5]:
        try:
            with transaction.atomic():
                began = time.perf_counter()
                person.save()
                suggest_after_change(person)
                saves.append(time.perf_counter() - began)
                raise _RollBack
        except _RollBack:
            pass

    print(f"{people} people")
    print(f"reading every known name and alias once: {read_names * 1000:.0f} ms")
    print(
        f"ingest with suggestions ({len(ingests)} news reports): median "
        f"{statistics.median(ingests) * 1000:.0f} ms, max {max(ingests) * 1000:.0f} ms"
    )
    print(
        f"person saved, then suggestions re-run ({len(saves)} people): median "
        f"{statistics.median(saves) * 1000:.0f} ms, max {max(saves) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
