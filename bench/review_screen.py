"""The review screen with many proposals: one article listing 200 freed people, its
review page read, then "accept all freed" posted, timed.

Run:  cd bench && SECRET_KEY=b ../.venv/bin/python review_screen.py [people]
On a throw-away database seeded with the project's fixtures (``scratch_django``)."""

import os
import statistics
import sys
import time

from scratch import scratch_django

GIVEN = "Carlos María José Ana Luis Rosa Pedro Elena Jorge Carmen".split()
SURNAMES = (
    "Acosta Blanco Cabrera Delgado Escalona Fajardo Guerrero Herrera Ibarra Jiménez "
    "Lozada Mendoza Navarro Ortega Paredes Quintero Ramírez Salazar Torres Urbina"
).split()


def listed_release(people: int) -> str:
    """A Spanish list article naming ``people`` freed people, one per line."""
    names = [
        f"{given} {first} {second}"
        for given in GIVEN
        for first in SURNAMES
        for second in SURNAMES
        if first != second
    ][:people]
    lines = "\n".join(f"- {name}, excarcelado el jueves." for name in names)
    return f"Foro Penal confirma nuevas excarcelaciones\n\nEstos son los excarcelados:\n{lines}\n"


def main() -> None:
    # Pages served to the test client, as `make run` serves them: unhashed static files.
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("MANIFEST_STATIC", "0")
    scratch_django()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from curation import suggestions
    from curation.suggestions import ingest_with_suggestions

    people = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("import_fixtures", verbosity=0)
    began = time.perf_counter()
    article = ingest_with_suggestions(text=listed_release(people), title="Lista").article
    ingest = time.perf_counter() - began
    proposed = article.suggestions.count()
    curator = User.objects.create_superuser("bench", "bench@example.org", None)
    client = Client(HTTP_HOST="localhost")
    client.force_login(curator)  # axes guards password logins; the benchmark needs none
    url = suggestions.review_url(article)

    reads, queries = [], 0
    for _ in range(5):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            reads.append(time.perf_counter() - began)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    freed = article.suggestions.filter(kind="new_person", state="pending")
    began = time.perf_counter()
    response = client.post(
        url, {"action": "accept_freed", "selected": list(freed.values_list("pk", flat=True))}
    )
    accept = time.perf_counter() - began
    print(f"{people} people listed: {proposed} proposals, ingest {ingest * 1000:.0f} ms")
    print(
        f"review page: median {statistics.median(reads) * 1000:.0f} ms, "
        f"max {max(reads) * 1000:.0f} ms, {queries} queries"
    )
    print(f"accept all freed: {accept * 1000:.0f} ms (HTTP {response.status_code})")


if __name__ == "__main__":
    main()
