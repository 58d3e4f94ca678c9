"""gunicorn serving the configured database on a loopback port, for the load benchmarks."""

import contextlib
import http.client
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Production mode with throw-away values; the caller's environment (DATABASE_URL,
# REDIS_URL…) wins.
PRODUCTION_LIKE = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-" + "x" * 60,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "MANIFEST_STATIC": "0",
    "CONN_MAX_AGE": "60",
}


@contextlib.contextmanager
def gunicorn(port: int, *, workers: int = 4) -> Iterator[str]:
    """Serve on 127.0.0.1:``port`` until the block ends; yields the base URL once the home
    page answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers),
         "--bind", f"127.0.0.1:{port}", "--log-level", "error"],
        cwd=ROOT,
        env={**PRODUCTION_LIKE, **os.environ},
    )  # fmt: skip
    try:
        for _ in range(150):
            with contextlib.suppress(OSError):
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                probe.request("GET", "/")
                if probe.getresponse().status == 200:
                    break
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
