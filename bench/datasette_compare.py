"""This app beside Datasette, on the same people, in the same run.

Run (Datasette is not a dependency of the project; install it in a venv of its own):
    python -m venv /tmp/dsvenv && /tmp/dsvenv/bin/pip install datasette
    cd bench && SECRET_KEY=b REDIS_URL=redis://127.0.0.1:6379/12 \\
        ../.venv/bin/python datasette_compare.py \\
        --database-url postgres://postgres@127.0.0.1:5432/scale100k \\
        --datasette /tmp/dsvenv/bin/datasette

The public people of the configured database are copied into one SQLite table (name, status,
first nationality, first facility), with indexes on the faceted columns and an FTS5 index on
the name, which is what a newsroom would publish with Datasette. Both servers then answer the
same questions, alternating request by request so that the machine's load falls on both
alike: this app under gunicorn with four workers and its page cache emptied before each
request (every request cold), Datasette as it serves (it keeps no page cache; its facet time
limit is raised so that its facets are complete, as ours are). Printed: p50 and p95 in ms per
question and the ratio of the p50s; CSV export rows/s of the whole table; requests/s under
20 connections on 200 one-word name searches.

Datasette answers from a single denormalised table without citations; this app's pages carry
each fact's citations. The comparison is what a reader waits for, not equal work.
"""

import argparse
import contextlib
import http.client
import os
import random
import sqlite3
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

from scale import _clear_cache, _free_port, _percentile, _setup, _wrk
from serving import gunicorn

ROUNDS = 15

_PEOPLE = """
    SELECT p.id, p.slug, p.name, p.status, p.first_released_on,
           (SELECT c.name FROM releases_citizenship z JOIN releases_country c ON c.id = z.country_id
             WHERE z.person_id = p.id AND z.is_public ORDER BY z.id LIMIT 1),
           (SELECT f.name FROM releases_detention d JOIN releases_facility f ON f.id = d.facility_id
             WHERE d.person_id = p.id AND d.is_public ORDER BY d.id LIMIT 1)
      FROM releases_person p
     WHERE p.is_public
     ORDER BY p.id
"""


def build_sqlite(path: Path) -> int:
    """Copy the public people into ``path``; returns how many."""
    from django.db import connection

    path.unlink(missing_ok=True)
    target = sqlite3.connect(path)
    target.executescript(
        """
        CREATE TABLE people (id INTEGER PRIMARY KEY, slug TEXT, name TEXT, status TEXT,
                             first_released_on TEXT, nationality TEXT, facility TEXT);
        """
    )
    rows = 0
    with connection.cursor() as cursor:
        cursor.execute(_PEOPLE)
        while batch := cursor.fetchmany(10_000):
            target.executemany(
                "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*row[:4], row[4] and row[4].isoformat(), *row[5:]) for row in batch],
            )
            rows += len(batch)
    # What Datasette's own tooling (sqlite-utils) sets up for facets and full-text search.
    target.executescript(
        """
        CREATE INDEX people_status ON people (status);
        CREATE INDEX people_nationality ON people (nationality);
        CREATE INDEX people_facility ON people (facility);
        CREATE VIRTUAL TABLE people_fts USING fts5 (name, content="people", content_rowid="id");
        INSERT INTO people_fts (people_fts) VALUES ('rebuild');
        """
    )
    target.commit()
    target.close()
    return rows


@contextlib.contextmanager
def datasette(executable: str, database: Path, port: int) -> Iterator[str]:
    server = subprocess.Popen(
        [executable, "serve", str(database), "--port", str(port), "--host", "127.0.0.1",
         "--setting", "facet_time_limit_ms", "10000", "--setting", "sql_time_limit_ms", "10000",
         "--setting", "default_page_size", "50", "--setting", "max_returned_rows", "100"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            with contextlib.suppress(OSError):
                _get(base + "/")
                break
            time.sleep(0.2)
        else:
            raise SystemExit("Datasette did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> tuple[int, int, float]:
    """Status, bytes and milliseconds of one GET (the whole body read)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
    response = connection.getresponse()
    size = 0
    while chunk := response.read(1 << 16):
        size += len(chunk)
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return response.status, size, elapsed


def _questions(middle_id: int, middle_slug: str, spain: str) -> list[tuple[str, str, str]]:
    """(question, this app's address, Datasette's address); ``spain`` is the name the record
    gives the country whose code is ES (the column Datasette filters holds names)."""
    facets = "_facet=status&_facet=nationality&_facet=facility"
    return [
        ("faceted people page", "/en/people/", f"/people/people?{facets}"),
        ("search 'maria'", "/en/people/?q=maria", f"/people/people?_search=maria&{facets}"),
        (
            "search 'maria gonzalez'",
            "/en/people/?q=maria+gonzalez",
            f"/people/people?_search=maria+gonzalez&{facets}",
        ),
        (
            "filter by nationality",
            "/en/people/?status=any&nationality=es",
            f"/people/people?nationality={quote(spain)}&{facets}",
        ),
        ("one person", f"/en/people/{middle_slug}/", f"/people/people/{middle_id}"),
    ]


def compare(datasette_executable: str, rounds: int) -> None:
    from django.db import connection

    print(f"database: {connection.vendor}; cache: {os.environ.get('REDIS_URL') or 'local memory'}")
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min)")
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "people.db"
        started = time.perf_counter()
        people = build_sqlite(database)
        print(f"{people:,} public people copied to SQLite in {time.perf_counter() - started:.0f} s")
        with sqlite3.connect(database) as lookup:
            middle_id, middle_slug = lookup.execute(
                "SELECT id, slug FROM people ORDER BY id LIMIT 1 OFFSET ?", [people // 2]
            ).fetchone()
        from releases.models import Country

        spain = Country.objects.get(code="ES").name
        with (
            gunicorn(_free_port()) as ours,
            datasette(datasette_executable, database, _free_port()) as theirs,
        ):
            print(f"\n{rounds} rounds, alternating; p50 / p95 ms\n")
            print("| question | this app (cold) | Datasette | ratio of p50s |")
            print("|---|---|---|---|")
            for question, our_path, their_path in _questions(middle_id, middle_slug, spain):
                our_times, their_times = [], []
                for _ in range(rounds):
                    _clear_cache()
                    status, _size, elapsed = _get(ours + our_path)
                    assert status == 200, (our_path, status)
                    our_times.append(elapsed)
                    status, _size, elapsed = _get(theirs + their_path)
                    assert status == 200, (their_path, status)
                    their_times.append(elapsed)
                mine, other = statistics.median(our_times), statistics.median(their_times)
                our_p95, their_p95 = _percentile(our_times, 0.95), _percentile(their_times, 0.95)
                print(
                    f"| {question} | {mine:.0f} / {our_p95:.0f} | "
                    f"{other:.0f} / {their_p95:.0f} | {mine / other:.2f} times |",
                    flush=True,
                )
            print("\nCSV of every public person, rows/s (best of 2):")
            for label, base, path in (
                ("this app", ours, "/en/people/?status=any&format=csv"),
                ("Datasette", theirs, "/people/people.csv?_stream=on&_size=max"),
            ):
                best = min(_get(base + path)[2] for _ in range(2))
                print(f"  {label}: {people / best * 1000:,.0f} rows/s ({best / 1000:.1f} s)")
            rng = random.Random(13)
            with sqlite3.connect(database) as lookup:
                words = sorted(
                    {
                        word
                        for (name,) in lookup.execute("SELECT name FROM people LIMIT 20000")
                        for word in name.split()
                        if len(word) > 3 and word.isalpha()
                    }
                )
            searches = rng.sample(words, min(200, len(words)))
            print("\n20 connections, 15 s, 200 one-word name searches (ours: cache emptied first):")
            _clear_cache()
            for label, base, paths in (
                ("this app", ours, [f"/en/people/?q={word}" for word in searches]),
                ("Datasette", theirs, [f"/people/people?_search={word}" for word in searches]),
            ):
                result = _wrk(base, 15, 20, paths)
                print(
                    f"  {label}: {result['rate']:.0f} rps, p50 {result['p50']}, "
                    f"p99 {result['p99']}, errors {result['errors']}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL")
    parser.add_argument("--datasette", required=True, help="the datasette executable")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    arguments = parser.parse_args()
    _setup(arguments.database_url)
    compare(arguments.datasette, arguments.rounds)


if __name__ == "__main__":
    main()
