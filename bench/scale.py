"""The record at scale: fill a database with synthetic, fully cited people, and measure the
pages, the load and the exports against it.

    python bench/scale.py generate --people 100000
    python bench/scale.py measure [--sizes 1000 10000 100000]

Use a scratch database: ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench`` (created
if missing; ``measure`` empties it first). ``REDIS_URL`` makes gunicorn's workers share
one page cache, as in production.

``generate`` grows the record to N people, 100 to an article, through the app's own write
path: rows are written as tuples (``sources.bulk.insert_rows``: PostgreSQL's COPY,
``bulk_create`` on SQLite) under keys the generator hands out, the database's triggers still
checking every passage against its article, then ``releases.derived`` derives visibility,
status, search text, links and export records with the values of a curator's write, in bulk
(``refresh_cited`` and ``refresh_people_in_bulk``, one process per core), each batch while
the next is written. A run stopped while deriving is finished by running it again. The
people vary like a real register: about 20 nationalities with dual nationals, 50
facilities, 100 release events, accented names and aliases, a third freed, a few who died
in custody.

``measure`` grows the record to each size in turn and prints, per size: p50/p95 over
single-client requests (the page cache emptied before each, so every one is cold) and the
number of queries of each page; requests/s and p99 at 20 connections against gunicorn
(wrk) of ``/people/`` (warm), of searches and filters drawn from a list of 200 (cache
emptied first: mostly misses), and of the mixed load (20 readers on people's pages, lists
and searches while a curator writes every 5 s); a flood of unknown parameters (requests/s
and the page cache's entries before and after, with ``REDIS_URL``); the people CSV
export's rows/s and its peak memory. ``--keep`` grows the record without emptying it
first (to measure a size already generated).
"""

import argparse
import datetime
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path
from urllib.parse import quote

from serving import PRODUCTION_LIKE, gunicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PER_ARTICLE = 100
COUNTRIES = [
    ("VE", "Venezuelan"),
    ("ES", "Spanish"),
    ("US", "American"),
    ("CO", "Colombian"),
    ("AR", "Argentine"),
    ("PE", "Peruvian"),
    ("CL", "Chilean"),
    ("EC", "Ecuadorian"),
    ("MX", "Mexican"),
    ("IT", "Italian"),
    ("PT", "Portuguese"),
    ("DE", "German"),
    ("FR", "French"),
    ("GB", "British"),
    ("BR", "Brazilian"),
    ("UY", "Uruguayan"),
    ("BO", "Bolivian"),
    ("PA", "Panamanian"),
    ("DO", "Dominican"),
    ("CU", "Cuban"),
]
FIRST = (
    "María José Ana Rocío Luis Andrés Jesús Ramón Inés Sofía Martín Lucía Óscar Ángel "
    "Héctor Núria Raúl Iván Zoë Adrián Begoña Joaquín Mónica Tomás Verónica Efraín Dulce "
    "Álvaro Julián Germán Noemí Simón Yolanda Rubén Belén Darío Elías Susana Íñigo Marta"
).split()
LAST = (
    "Pérez González Rodríguez Márquez Hernández López Martínez Sánchez Ramírez Díaz Núñez "
    "Gómez Álvarez Muñoz Castillo Ríos Peña Ibáñez Suárez Ortiz Chávez Herrera Medina "
    "Jiménez Rojas Vásquez Guzmán Ávila Cortés Fernández Mejía Quiñones Zúñiga Carreño"
).split()


def _setup(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Production mode (no per-query debug bookkeeping), with a throw-away key.
    for name, value in PRODUCTION_LIKE.items():
        os.environ.setdefault(name, value)
    import warnings

    import django

    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    django.setup()


def _ensure_database() -> None:
    """Create the scratch PostgreSQL database if it does not exist, then migrate."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        import psycopg

        settings = connection.settings_dict
        name = settings["NAME"]
        with psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            dbname="postgres",
            autocommit=True,
        ) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not exists.fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)


# -- generate -------------------------------------------------------------------------------


class _Text:
    """An article's text built sentence by sentence, keeping the offsets of quoted words."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int, str]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length, text

    def value(self) -> str:
        return "".join(self.parts)


def _reference_data(rng: random.Random) -> tuple[dict, list, list]:
    """Countries, 50 facilities and 100 events, each cited by a reference article."""
    from releases.models import (
        Country,
        Facility,
        ReleaseEvent,
    )
    from sources.models import Passage, SourceArticle

    existing = set(Country.objects.values_list("code", flat=True))
    Country.objects.bulk_create(
        [
            Country(code=code, name=f"{demonym} land", demonym=demonym)
            for code, demonym in COUNTRIES
            if code not in existing
        ]
    )
    countries = {c.code: c for c in Country.objects.filter(code__in=[c for c, _ in COUNTRIES])}
    if Facility.objects.filter(slug="bench-facility-0").exists():
        facilities = list(Facility.objects.filter(slug__startswith="bench-facility-"))
        events = list(ReleaseEvent.objects.filter(slug__startswith="bench-event-"))
        return countries, facilities, events
    text = _Text()
    facility_quotes, event_quotes = [], []
    for number in range(50):
        text.add("The register lists ")
        facility_quotes.append(text.add(f"the detention centre number {number}"))
        text.add(f" in the city of {rng.choice(LAST)}ville.\n")
    day = datetime.date(2026, 1, 8)
    for number in range(100):
        when = day + datetime.timedelta(days=number * 2)
        text.add("Officials announced ")
        event_quotes.append(text.add(f"release wave {number} on {when.isoformat()}"))
        text.add(".\n")
    article = _save_article(SourceArticle, text.value(), "bench-reference", "Bench register")
    passages = Passage.objects.bulk_create(
        [
            Passage(article=article, start=s, end=e, quote=q)
            for s, e, q in facility_quotes + event_quotes
        ]
    )
    facilities = Facility.objects.bulk_create(
        [
            Facility(
                slug=f"bench-facility-{n}", name=f"Centro {n} «{rng.choice(LAST)}»", city="Caracas"
            )
            for n in range(50)
        ]
    )
    events = ReleaseEvent.objects.bulk_create(
        [
            ReleaseEvent(
                slug=f"bench-event-{n}",
                title=f"Release wave {n}",
                date=day + datetime.timedelta(days=n * 2),
                date_precision="day",
            )
            for n in range(100)
        ]
    )
    _cite(Facility, [(f.pk, p.pk) for f, p in zip(facilities, passages[:50], strict=True)])
    _cite(ReleaseEvent, [(e.pk, p.pk) for e, p in zip(events, passages[50:], strict=True)])
    return countries, facilities, events


def _save_article(SourceArticle, text: str, slug: str, title: str):
    from sources.models import sha256_of
    from sources.search import fold_for_search

    return SourceArticle.objects.create(
        slug=slug,
        title=title,
        outlet="Bench Wire",
        text=text,
        sha256=sha256_of(text),
        search_text=fold_for_search(text),
        published_on=datetime.date(2026, 1, 10),
        published_precision="day",
    )


def _cite(model, pairs) -> None:
    """Cite: ``pairs`` of (fact's key, passage's key)."""
    from sources.bulk import insert_rows

    through = model.citations.through
    insert_rows(through, [f"{model.citations_owner()}_id", "passage_id"], pairs)


class _Keys:
    """Primary keys handed out by the generator itself (it is the scratch database's only
    writer), so that rows can be written without the database returning their keys and
    their facts can point at them before they are written."""

    def __init__(self):
        self.following: dict = {}

    def take(self, model) -> int:
        from django.db.models import Max

        if model not in self.following:
            self.following[model] = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        self.following[model] += 1
        return self.following[model] - 1

    def settle(self) -> None:
        """Move PostgreSQL's sequences past the keys handed out (SQLite follows by itself)."""
        from django.core.management.color import no_style
        from django.db import connection

        statements = connection.ops.sequence_reset_sql(no_style(), list(self.following))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _batch(
    first: int, count: int, rng: random.Random, keys: _Keys, countries, facilities, events
) -> list[int]:
    """People ``first`` to ``first + count`` (a multiple of PER_ARTICLE), bulk-inserted.
    Returns their keys."""
    from releases.models import (
        Alias,
        Citizenship,
        Detention,
        Person,
        Release,
        Status,
        StatusChange,
    )
    from sources.models import Passage, SourceArticle

    codes = list(countries)
    weights = [30, 12, 8] + [2] * (len(codes) - 3)  # mostly Venezuelans, some foreigners
    articles, plans = [], []
    for article_number in range(first // PER_ARTICLE, (first + count) // PER_ARTICLE):
        text, people = _Text(), []
        text.add(f"Bench report {article_number}: names of people in the register.\n")
        for offset in range(PER_ARTICLE):
            n = article_number * PER_ARTICLE + offset
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(LAST)} {n}"
            nationals = [rng.choices(codes, weights)[0]]
            if rng.random() < 0.1:
                nationals.append(rng.choice([c for c in codes if c != nationals[0]]))
            plan = {"n": n, "name": name, "nationals": nationals}
            plan["name_quote"] = text.add(name)
            demonyms = " and ".join(countries[c].demonym for c in nationals)
            plan["nationality_quote"] = text.add(f", a {demonyms} national")
            if rng.random() < 0.5:
                alias = f"{name.split()[0][0]}. {name.split()[1]} {n}"
                text.add(", also written ")
                plan["alias"] = (alias, text.add(alias))
            if rng.random() < 0.8:
                plan["facility"] = rng.choice(facilities)
                plan["detention_quote"] = text.add(", was held in a detention centre")
            fate = rng.random()
            if fate < 1 / 3:
                plan["event"] = rng.choice(events)
                plan["release_quote"] = text.add(" and was freed in the latest wave")
            elif fate < 0.34:
                plan["died_quote"] = text.add(" and died in custody")
            text.add(".\n")
            people.append(plan)
        articles.append((keys.take(SourceArticle), article_number, text.value()))
        plans.append(people)
    from sources.bulk import insert_rows
    from sources.models import sha256_of
    from sources.search import fold_for_search

    columns = ["id", "slug", "title", "outlet", "text", "sha256", "search_text", "published_on"]
    published = datetime.date(2026, 1, 10)
    rows = [
        (
            pk,
            f"bench-report-{n}",
            f"Bench report {n}",
            "Bench Wire",
            text,
            sha256_of(text),
            fold_for_search(text),
            published,
            "day",
        )
        for pk, n, text in articles
    ]
    insert_rows(SourceArticle, [*columns, "published_precision"], rows)
    # Each quote becomes a passage: its key replaces the quote in the plan.
    passages = []
    quote_keys = ("name_quote", "nationality_quote", "detention_quote", "release_quote")
    for (article_id, _number, _text), people in zip(articles, plans, strict=True):
        for plan in people:
            for key in (*quote_keys, "died_quote"):
                if key in plan:
                    plan[key] = _passage(keys, passages, article_id, plan[key])
            if "alias" in plan:
                plan["alias"] = (
                    plan["alias"][0],
                    _passage(keys, passages, article_id, plan["alias"][1]),
                )
    insert_rows(Passage, ["id", "article_id", "start", "end", "quote"], passages)
    flat = [plan for people in plans for plan in people]
    for plan in flat:
        plan["pk"] = keys.take(Person)
    insert_rows(
        Person,
        ["id", "name", "slug"],
        ((p["pk"], p["name"], f"bench-person-{p['n']}") for p in flat),
    )
    # Facts of each kind: the columns after the key and the person, and rows of (person,
    # values of those columns, passage).
    facts: dict = {
        Citizenship: (["country_id"], []),
        Alias: (["name"], []),
        Detention: (["facility_id", "since", "since_precision"], []),
        Release: (["event_id", "date", "date_precision"], []),
        StatusChange: (["status"], []),
    }
    for plan in flat:
        for code in plan["nationals"]:
            facts[Citizenship][1].append(
                (plan["pk"], (countries[code].pk,), plan["nationality_quote"])
            )
        if "alias" in plan:
            facts[Alias][1].append((plan["pk"], (plan["alias"][0],), plan["alias"][1]))
        if "facility" in plan:
            since = datetime.date(2024 + rng.randrange(2), rng.randrange(1, 13), 1)
            facts[Detention][1].append(
                (plan["pk"], (plan["facility"].pk, since, "month"), plan["detention_quote"])
            )
        if "event" in plan:
            event = plan["event"]
            facts[Release][1].append(
                (plan["pk"], (event.pk, event.date, "day"), plan["release_quote"])
            )
        if "died_quote" in plan:
            facts[StatusChange][1].append(
                (plan["pk"], (Status.DIED_IN_CUSTODY,), plan["died_quote"])
            )
    for model, (columns, rows) in facts.items():
        fact_keys = [keys.take(model) for _row in rows]
        insert_rows(
            model,
            ["id", "person_id", *columns],
            (
                (pk, person, *values)
                for pk, (person, values, _passage) in zip(fact_keys, rows, strict=True)
            ),
        )
        _cite(model, [(pk, row[2]) for pk, row in zip(fact_keys, rows, strict=True)])
    return [plan["pk"] for plan in flat]


def _passage(keys: _Keys, passages: list, article_id: int, quoted: tuple[int, int, str]) -> int:
    """Add a passage (its key, the article's, start, end and quote) to ``passages``."""
    from sources.models import Passage

    start, end, quote = quoted
    passages.append((keys.take(Passage), article_id, start, end, quote))
    return passages[-1][0]


def _derive_people(person_ids: list[int]) -> int:
    """In a worker process: derive these people as a curator's write would, in one
    transaction: the visibility of their facts (``refresh_cited``), then everything derived
    about them (``refresh_people_in_bulk``), both the app's own functions."""
    from django.db import connections, transaction

    from releases import derived
    from releases.models import PERSON_FACT_MODELS

    connections.close_all()  # never share the parent's connection
    with transaction.atomic():
        for model in PERSON_FACT_MODELS:
            facts = (
                model.objects.filter(person__any_of=person_ids)
                .order_by()
                .values_list("pk", flat=True)
            )
            derived.refresh_cited(model, list(facts))
        derived.refresh_people_in_bulk(person_ids)
    connections.close_all()
    return len(person_ids)


# People per derive job: small enough that every worker has one soon after a batch lands.
DERIVE_JOB = 2500


def generate(people: int, *, seed: int = 1, quiet: bool = False) -> float:
    """Grow the record to ``people`` bench people. Returns the seconds it took.

    Writing and deriving overlap: each batch of people, once committed, is derived by a
    pool of processes (one per core) while the next batch is written, so neither the
    writer's wait on COPY nor the deriving's Python leaves a core idle."""
    from django.db import connection, connections, transaction

    from releases import derived
    from releases.models import (
        CITED_MODELS,
        PERSON_FACT_MODELS,
        Person,
    )

    started = time.perf_counter()

    def progress(message: str) -> None:
        if not quiet:
            load = os.getloadavg()[0]
            print(f"  {message} ({time.perf_counter() - started:.0f} s, load {load:.1f})")

    rng = random.Random(seed)
    countries, facilities, events = _reference_data(rng)
    have = Person.objects.filter(slug__startswith="bench-person-").count()
    target = (people // PER_ARTICLE) * PER_ARTICLE
    # Whoever has no derived data yet: those of a run stopped before it derived them.
    leftover = list(Person.objects.filter(is_public=False).values_list("pk", flat=True))
    if have >= target and not leftover:
        return time.perf_counter() - started  # grown and derived already
    # What people's derived data reads besides their own facts (facilities, events) is
    # made visible first; each job makes its people's facts visible itself.
    with transaction.atomic():
        for model in CITED_MODELS:
            if model not in PERSON_FACT_MODELS:
                derived.refresh_cited(model, None)
    rng = random.Random(seed + have)
    step = 10000
    keys = _Keys()
    # The workers are forked before the parent opens its connection again: a forked
    # connection is shared with the server, and closing it in a child ends the parent's.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context)
    pool.submit(int).result()  # fork every worker now
    jobs: list[Future] = []
    derived_count = 0

    def submit(person_ids: list[int]) -> None:
        for index in range(0, len(person_ids), DERIVE_JOB):
            jobs.append(pool.submit(_derive_people, person_ids[index : index + DERIVE_JOB]))

    def collect(finished: list[Future]) -> None:
        nonlocal derived_count
        for job in finished:
            before = derived_count
            derived_count += job.result()  # a worker's error stops the run here
            jobs.remove(job)
            if derived_count // step > before // step or not jobs:
                progress(f"derived {derived_count:,} people")

    with pool:
        submit(leftover)
        for first in range(have, target, step):
            count = min(step, target - first)
            with transaction.atomic():
                written = _batch(first, count, rng, keys, countries, facilities, events)
            progress(f"inserted {first + count:,} people")
            submit(written)
            collect([job for job in jobs if job.done()])
        for job in as_completed(list(jobs)):
            collect([job])
    keys.settle()
    with transaction.atomic():
        derived.rebuild_facet_counts()
        derived.bump_data_version()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    progress("facet counts and the planner's statistics")
    return time.perf_counter() - started


# -- measure --------------------------------------------------------------------------------

PAGES = {
    "/": "/",
    "/people/": "/people/",
    "/people/?status=any&nationality=es": "/people/?status=any&nationality=es",
    "/people/?q=maria": "/people/?q=maria",
    "/people/?status=any": "/people/?status=any",
    "/es/people/": "/es/people/",
    "/facts/": "/facts/",
    "/facts/?kind=release&page=40": "/facts/?kind=release&page=40",
    "a person": "/people/bench-person-{middle}/",
    "a facility": "/facilities/bench-facility-7/",
    "/nationalities/": "/nationalities/",
}
REPEAT = 15


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_pages(people: int) -> dict[str, tuple[float, float, int]]:
    """p50 and p95 in ms of cold single-client requests, and the queries of each page."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {}
    for label, url in PAGES.items():
        url = url.format(middle=people // 2)
        timings = []
        for _ in range(REPEAT):
            cache.clear()  # cold: the page cache never answers
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[label] = (statistics.median(timings), _percentile(timings, 0.95), len(queries))
    return results


def measure_export(path: str = "/people/?status=any&format=csv") -> tuple[int, float, float]:
    """Rows, rows/s, and peak traced memory (MB, a second run under tracemalloc)."""
    from django.test import Client

    client = Client()
    started = time.perf_counter()
    response = client.get(path)
    rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    for _chunk in client.get(path).streaming_content:
        pass
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rows, rows / elapsed, peak / 1e6


def _wrk(base: str, duration: int, connections: int, paths: list[str] | None = None) -> dict:
    """wrk against ``base`` (``/people/``, or a path drawn at random from ``paths`` for each
    request): requests, requests/s, p50, p99 and non-2xx responses."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    command = [wrk, "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    script = None
    if paths:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
            script = Path(handle.name)
        # wrk sends the path as given: accents percent-encoded, as a browser sends them.
        quoted = ",\n".join(f"  [==[{quote(path, safe='/?=&+')}]==]" for path in paths)
        script.write_text(
            f"paths = {{\n{quoted}\n}}\n"
            "math.randomseed(os.time())\n"
            "request = function()\n"
            '  return wrk.format("GET", paths[math.random(#paths)])\n'
            "end\n"
        )
        command += ["-s", str(script)]
    try:
        run = subprocess.run(
            [*command, f"{base}/people/"],
            capture_output=True,
            text=True,
            check=False,
            timeout=duration + 60,
        )
    finally:
        if script:
            script.unlink()
    if run.returncode:
        print(f"  wrk failed ({run.returncode}): {run.stderr.strip()} {run.stdout.strip()}")
        return {"requests": 0, "rate": 0.0, "p50": "-", "p99": "-", "errors": -1}
    lines = run.stdout.splitlines()

    def latency(share: str) -> str:
        return next(line.split()[1] for line in lines if line.strip().startswith(share))

    # "Non-2xx or 3xx responses: N" and "Socket errors: connect A, read B, write C, timeout D"
    errors = 0
    for line in lines:
        if "Non-2xx" in line:
            errors += int(line.split()[-1])
        if "Socket errors" in line:
            errors += sum(int(part.split()[-1]) for part in line.split(":", 1)[1].split(","))
    return {
        "requests": int(next(line.split()[0] for line in lines if "requests in" in line)),
        "rate": float(next(line.split()[1] for line in lines if line.startswith("Requests/sec"))),
        "p50": latency("50%"),
        "p99": latency("99%"),
        "errors": errors,
    }


def _free_port() -> int:
    """A loopback port no one listens on (another benchmark may hold a fixed one)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _clear_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def _page_entries() -> int | None:
    """Pages in the shared page cache (Redis only: local memory is each worker's own)."""
    if not os.environ.get("REDIS_URL"):
        return None
    from django.core.cache import cache

    client = cache._cache.get_client(write=False)
    return sum(1 for _key in client.scan_iter(match="*page:*", count=1000))


def _searches_and_filters(people: int, count: int = 200) -> list[str]:
    """``count`` addresses of searches and filters, as readers type them: names, a name and
    a surname, a nationality or facility, a page of the results."""
    rng = random.Random(7)
    paths = []
    while len(paths) < count:
        kind = rng.randrange(5)
        if kind == 0:
            paths.append(f"/people/?q={rng.choice(FIRST)}")
        elif kind == 1:
            paths.append(f"/people/?q={rng.choice(FIRST)}+{rng.choice(LAST)}")
        elif kind == 2:
            code, _demonym = rng.choice(COUNTRIES)
            paths.append(f"/people/?status=any&nationality={code.lower()}")
        elif kind == 3:
            paths.append(f"/people/?facility=bench-facility-{rng.randrange(50)}")
        else:
            paths.append(f"/people/?status=any&page={rng.randrange(2, 40)}")
    return paths


def _readers_mix(people: int) -> list[str]:
    """What 20 readers ask for: people's pages most (any of them), then the lists, the home
    page and searches."""
    rng = random.Random(11)
    paths = [f"/people/bench-person-{rng.randrange(people)}/" for _ in range(600)]
    paths += ["/", "/people/", "/es/people/", "/facts/", "/nationalities/", "/events/"] * 20
    paths += [f"/facilities/bench-facility-{n % 50}/" for n in range(100)]
    paths += _searches_and_filters(people, 100)
    return paths


def _curator_writes(stop, every: float, done: list) -> None:
    """Every ``every`` seconds, a curator's write through the app's write path (an ORM
    save, as the admin's): an alias for a random person, cited by their name's words."""
    from django.db import connections

    from releases.models import Alias, Person
    from sources.models import Passage

    rng = random.Random(3)
    ids = list(Person.objects.filter(slug__startswith="bench-person-").values_list("pk", flat=True))
    while not stop.wait(every):
        person = Person.objects.get(pk=rng.choice(ids))
        passage = Passage.objects.filter(quote=person.name).first()  # their name, as written
        started = time.perf_counter()
        # A name no earlier run gave them (a person has each alias once).
        name = f"{person.name} (alias {time.time_ns()})"
        alias = Alias.objects.create(person=person, name=name)
        alias.citations.add(passage)
        done.append(time.perf_counter() - started)
    connections.close_all()


def measure_load(people: int, duration: int = 15, connections: int = 20) -> dict[str, dict]:
    """Under wrk against gunicorn: ``/people/`` warm; searches and filters with the cache
    emptied first; the mixed load with a curator's write every 5 s; a flood of unknown
    parameters."""
    import threading

    results = {}
    with gunicorn(_free_port()) as base:
        results["warm"] = _wrk(base, duration, connections)
        _clear_cache()
        results["misses"] = _wrk(base, duration, connections, _searches_and_filters(people))
        _clear_cache()
        stop, writes = threading.Event(), []
        writer = threading.Thread(target=_curator_writes, args=(stop, 5.0, writes))
        writer.start()
        try:
            results["mixed"] = _wrk(base, 60, connections, _readers_mix(people))
        finally:
            stop.set()
            writer.join()
        results["mixed"]["writes"] = len(writes)
        results["mixed"]["write_ms"] = statistics.median(writes) * 1000 if writes else 0
        time.sleep(10)  # the requests still queued in gunicorn are answered (and cached)
        _clear_cache()
        before = _page_entries()
        rng = random.Random(5)
        flood = [f"/people/?zz={rng.getrandbits(64):x}" for _ in range(2000)]
        results["flood"] = _wrk(base, duration, connections, flood)
        results["flood"]["entries"] = (before, _page_entries())
    return results


def measure(sizes: list[int], *, keep: bool = False) -> None:
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor}; cache: {os.environ.get('REDIS_URL') or 'local memory'}")
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1, 5 min)")
    if not keep:
        call_command("flush", interactive=False, verbosity=0)
    pages, loads, exports = {}, {}, {}
    for size in sizes:
        seconds = generate(size, quiet=True)
        print(f"{size:,} people: grown in {seconds:.0f} s", flush=True)
        pages[size] = measure_pages(size)
        loads[size] = measure_load(size)
        exports[size] = measure_export()
        print(f"  measured; load {os.getloadavg()[0]:.2f} (1 min)", flush=True)
    print()
    header = "".join(f"{f'{s:,} p50/p95 ms (q)':>26}" for s in sizes)
    print(f"{'page (cold cache)':<36}{header}{'p50 ratio':>11}")
    for label in PAGES:
        cells = "".join(
            f"{f'{pages[s][label][0]:.0f} / {pages[s][label][1]:.0f} ({pages[s][label][2]})':>26}"
            for s in sizes
        )
        ratio = pages[sizes[-1]][label][0] / pages[sizes[0]][label][0]
        print(f"{label:<36}{cells}{ratio:>10.1f}x")
    print()
    rows = {
        "warm": "/people/ warm, 20 connections",
        "misses": "200 searches/filters, cache emptied",
        "mixed": "mixed, 20 readers + write/5 s, 60 s",
        "flood": "flood ?zz=<random>, 20 connections",
    }
    for name, label in rows.items():
        cells = []
        for size in sizes:
            run = loads[size][name]
            cell = (
                f"{run['rate']:.0f} req/s, p50 {run['p50']}, p99 {run['p99']}, "
                f"{run['errors']} errors"
            )
            if name == "mixed":
                cell += f"; {run['writes']} writes, {run['write_ms']:.0f} ms each"
            if name == "flood":
                cell += f"; {run['requests']:,} requests, page entries {run['entries']}"
            cells.append(f"{cell:>60}")
        print(f"{label:<36}" + "".join(cells))
    print(
        f"{'people CSV export (status=any)':<36}"
        + "".join(
            f"{f'{exports[s][0]:,} rows, {exports[s][1]:,.0f} rows/s, {exports[s][2]:.1f} MB':>40}"
            for s in sizes
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="default: DATABASE_URL")
    commands = parser.add_subparsers(dest="command", required=True)
    grow = commands.add_parser("generate", help="grow the record to N synthetic people")
    grow.add_argument("--people", type=int, required=True)
    run = commands.add_parser("measure", help="grow to each size and measure")
    run.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    run.add_argument("--keep", action="store_true", help="grow the record, do not empty it")
    args = parser.parse_args()
    _setup(args.database_url)
    _ensure_database()
    if args.command == "generate":
        seconds = generate(args.people)
        print(f"{args.people:,} people in {seconds:.0f} s")
    else:
        measure(args.sizes, keep=args.keep)


if __name__ == "__main__":
    main()
