"""Imports running beside each other, and beside public reads, in separate processes over a
real database: a file on SQLite (the in-memory test database is private to one process), the
test database itself on PostgreSQL."""

import hashlib
import json
import os
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from curation.importer.apply import IMPORT_LOCK_KEY
from releases.models import Release
from tests.releases.test_import_fixtures_errors import TEXT, VALID, write_fixture

MANAGE = str(settings.BASE_DIR / "manage.py")

# An import whose planning takes a while, so that two started together overlap.
SLOW_PLANNING = """
import sys, time
import django
django.setup()
from django.core.management import execute_from_command_line
from curation.importer import plan
build = plan.Planner.build
def slow_build(self):
    time.sleep(1.5)
    return build(self)
plan.Planner.build = slow_build
execute_from_command_line(["manage.py", "import_fixtures", sys.argv[1]])
"""

# An import that keeps its transaction open for a while after writing a large article.
SLOW_WRITING = """
import sys, time
import django
django.setup()
from django.core.management import execute_from_command_line
from curation.management.commands import import_fixtures
progress = import_fixtures.Command._progress
def slow_progress(self, *args):
    time.sleep(2)
    progress(self, *args)
import_fixtures.Command._progress = slow_progress
execute_from_command_line(["manage.py", "import_fixtures", sys.argv[1], "--progress"])
"""

# Public pages read in a loop until a file appears; prints how many reads failed and why.
READER = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from django.test import Client
client, reads, failures = Client(), 0, []
stop = Path(sys.argv[1])
while not stop.exists():
    for url in ("/", "/people/", "/sources/"):
        try:
            status = client.get(url).status_code
        except Exception as exc:
            status = f"{type(exc).__name__}: {exc}"
        reads += 1
        if status != 200:
            failures.append(f"{url}: {status}")
print(json.dumps({"reads": reads, "failures": failures}))
"""


@pytest.fixture(scope="module")
def _migrated_sqlite_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shared") / "migrated.sqlite3"
    subprocess.run(
        [sys.executable, MANAGE, "migrate", "-v0"],
        env=_env(f"sqlite:///{path}"),
        check=True,
        timeout=300,
    )
    return path


@pytest.fixture
def database_url(request, tmp_path, transactional_db) -> str:
    """A database that other processes can share, migrated and empty."""
    if connection.vendor == "sqlite":
        path = tmp_path / "shared.sqlite3"
        shutil.copy(request.getfixturevalue("_migrated_sqlite_file"), path)
        return f"sqlite:///{path}"
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _env(url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "MANIFEST_STATIC": "0",
    }


def _start(script: str, url: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=settings.BASE_DIR,
        env=_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_imports_at_once_run_one_after_the_other(database_url, tmp_path):
    folder = write_fixture(tmp_path / "fixture")
    runs = [_start(SLOW_PLANNING, database_url, str(folder)) for _ in range(2)]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]
    for returncode, _stdout, stderr in results:
        assert "Traceback" not in stderr, stderr
        assert returncode == 0, stderr
    outputs = [stdout for _returncode, stdout, _stderr in results]
    assert sorted("Nothing to do" in output for output in outputs) == [False, True], outputs
    assert sum("5 created" in output for output in outputs) == 1, outputs
    if connection.vendor == "postgresql":
        assert Release.objects.count() == 1


def test_an_import_waiting_for_the_lock_says_so_then_runs(database_url, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("on SQLite the wait happens inside the driver's busy handler, silently")
    folder = write_fixture(tmp_path / "fixture")
    with transaction.atomic():
        with connection.cursor() as cursor:  # this test plays the first import
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        second = subprocess.Popen(
            [sys.executable, MANAGE, "import_fixtures", str(folder)],
            env=_env(database_url),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready, _, _ = select.select([second.stderr], [], [], 60)
        assert ready, "no word from the waiting import"
        assert "Another import is running; waiting for it to finish" in second.stderr.readline()
        assert second.poll() is None
    assert second.wait(timeout=60) == 0
    assert "5 created" in second.communicate()[0]


def test_an_import_that_cannot_get_the_sqlite_write_lock_says_so(database_url, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL imports wait for the advisory lock instead")
    folder = write_fixture(tmp_path / "fixture")
    with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as other_writer:
        other_writer.execute("BEGIN IMMEDIATE")
        result = subprocess.run(
            [sys.executable, MANAGE, "import_fixtures", str(folder)],
            env={**_env(database_url), "SQLITE_BUSY_TIMEOUT": "1"},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        other_writer.rollback()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "stayed locked by another write" in result.stderr
    assert "nothing was written" in result.stderr


def test_public_reads_keep_working_during_a_long_import(database_url, tmp_path):
    # A large article, so that the import's transaction outgrows SQLite's page cache; with
    # the rollback journal that locks readers out until it commits.
    text = TEXT + "More words of a long article.\n" * 50_000
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    yaml_text = VALID.replace(hashlib.sha256(TEXT.encode("utf-8")).hexdigest(), digest)
    folder = write_fixture(tmp_path / "fixture", yaml_text, text)
    stop = tmp_path / "stop"
    reader = _start(READER, database_url, str(stop))
    time.sleep(3)  # the reader is up and reading before the import starts
    importer = _start(SLOW_WRITING, database_url, str(folder))
    importer.wait(timeout=120)
    stop.touch()
    import_stderr = importer.communicate()[1]
    assert importer.returncode == 0, import_stderr
    reader.wait(timeout=60)
    stdout, stderr = reader.communicate()
    assert reader.returncode == 0, stderr
    result = json.loads(stdout)
    assert result["reads"] > 10
    assert result["failures"] == []


def test_sqlite_databases_are_opened_in_wal_mode(database_url):
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    path = database_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
