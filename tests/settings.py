"""The test suite's settings: the project's own, production-like (DEBUG off, as unset),
with a throw-away secret key, which config.settings requires when DEBUG is off. A key
already in the environment is kept."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-to-sign-anything-real")

from config.settings import *  # noqa: F403

# Background tasks run at once, inside the request that queued them, so a test sees their
# effect; tests of the queue itself switch to the database backend.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Known names in memory only: a test's rolled-back writes may repeat a names version with
# other names (tests/curation/test_known_names.py turns the disk on in a temporary folder).
KNOWN_NAMES_DIR = ""
