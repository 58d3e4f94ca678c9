"""Figures: malformed fixture sets tried, rejected with file:line, partial writes, tracebacks.

Run:  .venv/bin/python bench/malformed_fixtures.py [--seconds 60] [--memory-mib 2048]
It builds a throw-away database (SQLite file in a temp dir, or DATABASE_URL if set — use a
scratch database), imports a small valid fixture, then tries every variant catalogued in
tests/releases/test_import_fixtures_malformed.py over it, each within a time and memory limit,
and prints one row per variant and the totals. Targets: every variant rejected with file:line,
0 partial writes, 0 tracebacks.
"""

import argparse
import io
import os
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _OverTime(Exception):
    pass


def _over_time(signum, frame):
    raise _OverTime("over the time limit")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60, help="time limit per variant")
    parser.add_argument("--memory-mib", type=int, default=2048, help="address-space limit")
    args = parser.parse_args()

    limit = args.memory_mib * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    scratch = Path(tempfile.mkdtemp(prefix="bench-malformed-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from tests.releases.test_import_fixtures_errors import write_fixture
    from tests.releases.test_import_fixtures_malformed import VARIANTS, Outcome, attempt

    call_command("migrate", verbosity=0)
    call_command("import_fixtures", str(write_fixture(scratch / "good")), stdout=io.StringIO())
    signal.signal(signal.SIGALRM, _over_time)

    width = max(len(variant.name) for variant in VARIANTS)
    print(f"{'variant':<{width}}  {'outcome':<22} {'seconds':>7}")
    rejected = partial = tracebacks = 0
    for number, variant in enumerate(VARIANTS):
        started = time.monotonic()
        signal.alarm(args.seconds)
        # Each variant starts from the same database: whatever one writes is rolled back.
        with transaction.atomic():
            try:
                outcome = attempt(variant, scratch / f"variant-{number}")
            except _OverTime:  # even while a traceback was being formatted
                outcome = Outcome(False, False, False, "_OverTime: over the time limit")
            finally:
                signal.alarm(0)
            transaction.set_rollback(True)
        seconds = time.monotonic() - started
        if outcome.traceback:
            last = outcome.traceback.strip().splitlines()[-1]
            verdict = f"TRACEBACK {last[:60]}"
            tracebacks += 1
        elif outcome.refused and outcome.located:
            verdict = "rejected, file:line"
            rejected += 1
        elif outcome.refused:
            verdict = "rejected, no file:line"
        else:
            verdict = "ACCEPTED"
        if outcome.wrote:
            verdict += ", PARTIAL WRITE"
            partial += 1
        print(f"{variant.name:<{width}}  {verdict:<22} {seconds:>7.2f}")
    print()
    print(
        f"malformed fixtures tried: {len(VARIANTS)} / rejected with file:line: {rejected} / "
        f"partial writes: {partial} / tracebacks: {tracebacks}"
    )


if __name__ == "__main__":
    main()
