"""Benchmark: export and page speed, and export memory, as the record grows.

Run:  .venv/bin/python bench/exports.py [--rows 500 2000 8000]
It builds throw-away databases (SQLite file in a temp dir, or DATABASE_URL if set — use a
scratch database), fills them with N cited people, and prints for each N: time for the
people page, time and peak Python memory for the full JSON and CSV exports. Targets: the
page time does not grow with N; export memory stays flat (streamed, chunked).
"""

import argparse
import time
import tracemalloc

from scratch import scratch_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[500, 2000, 8000])
    args = parser.parse_args()

    scratch_django()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.STORAGES["staticfiles"] = {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
    }
    setup_test_environment()

    from tests import builders

    client = Client()
    built = 0
    print(
        f"{'people':>8} {'page ms':>9} {'json ms':>9} {'json peak KiB':>14} "
        f"{'csv ms':>8} {'csv peak KiB':>13} {'json bytes':>11}"
    )
    for target in sorted(args.rows):
        while built < target:
            batch = min(500, target - built)
            builders.world(batch, prefix=f"b{built}")
            built += batch
        started = time.perf_counter()
        assert client.get("/people/").status_code == 200
        page_ms = (time.perf_counter() - started) * 1000
        results = []
        for output in ("json", "csv"):
            # Timed without tracemalloc (which slows Python down), then measured with it.
            started = time.perf_counter()
            response = client.get("/people/", {"format": output})
            size = sum(len(chunk) for chunk in response.streaming_content)
            elapsed = (time.perf_counter() - started) * 1000
            tracemalloc.start()
            response = client.get("/people/", {"format": output})
            for _chunk in response.streaming_content:
                pass
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            results.append((elapsed, peak / 1024, size))
        (json_ms, json_peak, json_size), (csv_ms, csv_peak, _csv_size) = results
        print(
            f"{built:>8} {page_ms:>9.1f} {json_ms:>9.1f} {json_peak:>14.0f} "
            f"{csv_ms:>8.1f} {csv_peak:>13.0f} {json_size:>11}"
        )


if __name__ == "__main__":
    main()
