"""Load with a database restart in the middle: what readers see, and how fast it recovers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python bench/load.py \
        [--seconds 60] [--connections 20] [--restart-at 20]

Serves the configured database (fill it first: ``bench/scale.py generate``) with gunicorn
on a loopback port, sends ``--connections`` clients at a mix of public pages for
``--seconds`` (each client loops: one request, then the next; bounded in time), restarts
PostgreSQL (``pg_ctlcluster … restart``) at ``--restart-at`` seconds, and prints the
requests and errors before, during and after the restart, and the time from the restart to
the last failed request. Only 127.0.0.1 is ever contacted.
"""

import argparse
import http.client
import os
import subprocess
import threading
import time
from collections import Counter

from serving import gunicorn

PORT = 8766
PATHS = [
    "/",
    "/people/",
    "/people/?status=any&nationality=es",
    "/people/?q=maria",
    "/nationalities/",
    "/facilities/",
    "/people/bench-person-17/",
]


def _client(stop: float, results: list, number: int) -> None:
    index = number
    while time.monotonic() < stop:
        path = PATHS[index % len(PATHS)]
        index += 1
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
            connection.request("GET", path)
            status = connection.getresponse().status
            connection.close()
        except OSError as exc:
            status = type(exc).__name__
        results.append((started, status))


def _restart_postgresql(log: dict) -> None:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    log["restart_started"] = time.monotonic()
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True
    )
    log["restart_done"] = time.monotonic()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--restart-at", type=float, default=20)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database to serve (a scratch one).")
    with gunicorn(PORT):
        results: list = []
        log: dict = {}
        begin = time.monotonic()
        stop = begin + args.seconds
        clients = [
            threading.Thread(target=_client, args=(stop, results, n))
            for n in range(args.connections)
        ]
        for client in clients:
            client.start()
        time.sleep(args.restart_at)
        _restart_postgresql(log)
        for client in clients:
            client.join()

    restart, back = log["restart_started"], log["restart_done"]

    def phase(started: float) -> str:
        if started < restart:
            return "before"
        return "during" if started <= back else "after"

    totals, errors = Counter(), Counter()
    for started, status in results:
        totals[phase(started)] += 1
        if status != 200:
            errors[(phase(started), status)] += 1
    failed = [started for started, status in results if status != 200]
    print(f"{len(results):,} requests in {args.seconds} s at {args.connections} connections")
    print(f"PostgreSQL restart took {back - restart:.1f} s, at {restart - begin:.1f} s")
    for name in ("before", "during", "after"):
        kinds = {str(k[1]): n for k, n in errors.items() if k[0] == name}
        print(f"  {name:<7} {totals[name]:>7,} requests, {sum(kinds.values()):>5} failed {kinds}")
    if failed:
        print(f"  last failure {max(failed) - restart:.1f} s after the restart began")
        after = [s for s in failed if s > back]
        print(f"  failures after the database was back: {len(after)}")
    else:
        print("  no request failed")


if __name__ == "__main__":
    main()
