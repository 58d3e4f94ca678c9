"""The known names the suggestions match (``curation.suggestions.KnownNames``), kept on disk per
version of the names, so that a new server or worker process loads them (a pickle: a
third of the time of building them from every name and alias of the record) instead of
rebuilding them. The background worker, which re-runs suggestions after every change of a
name, builds and stores each new version first: the web processes then only load it.

``settings.KNOWN_NAMES_DIR`` is where (the app's own directory, written by nobody else: a
pickle is loaded from it); empty keeps them in memory only (the tests)."""

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

KEEP = 3  # versions kept on disk: the newest, and two that processes may still be loading


def _directory() -> Path | None:
    where = getattr(settings, "KNOWN_NAMES_DIR", "")
    return Path(where) if where else None


def _path(directory: Path, version: tuple) -> Path:
    # One database's names are never another's, even at the same version.
    key = repr((connection.vendor, connection.settings_dict.get("NAME"), version))
    return directory / f"names-{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def load(version: tuple) -> Any | None:
    """What ``store`` kept for this version, or None."""
    directory = _directory()
    if directory is None:
        return None
    try:
        with _path(directory, version).open("rb") as stored:
            return pickle.load(stored)  # noqa: S301 (our own directory, written by store)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None


def store(version: tuple, record: Any) -> None:
    """Keep ``record`` for ``version`` (written whole, then renamed: a process loading it
    never reads half a file), and drop all but the newest ``KEEP`` versions."""
    directory = _directory()
    if directory is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=directory, suffix=".part", delete=False) as part:
        pickle.dump(record, part, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(part.name, _path(directory, version))
    stored = sorted(directory.glob("names-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in stored[:-KEEP]:
        old.unlink(missing_ok=True)
