"""The known names the suggestions match (``curation.suggestions.KnownNames``), a build of
every name kept on disk per version of the names, so that a new server or worker process
loads the newest (a pickle: a fraction of the time of building them from every name and
alias of the record) and lays the names changed since over it. The background worker
builds and stores a new one once the names changed since are many.

``settings.KNOWN_NAMES_DIR`` is where (the app's own directory, written by nobody else: a
pickle is loaded from it); empty keeps them in memory only (the tests)."""

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

KEEP = 3  # versions kept on disk: the newest, and two that processes may still be loading


def _directory() -> Path | None:
    where = getattr(settings, "KNOWN_NAMES_DIR", "")
    return Path(where) if where else None


@cache
def _builder() -> str:
    """The code that builds the names: a build kept by other code (a deploy that changed
    how names or facilities are matched, or what a build keeps of its version) is never
    loaded."""
    from curation import name_changes
    from curation.proposals import gazetteer
    from releases import country_names

    modules = (gazetteer, country_names, name_changes)
    sources = (Path(module.__file__ or "").read_bytes() for module in modules)
    return hashlib.sha256(b"".join(sources)).hexdigest()[:12]


def _database() -> str:
    # One database's names are never another's, even at the same version.
    key = repr((connection.vendor, connection.settings_dict.get("NAME"), _builder()))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _path(directory: Path, version: tuple[object, ...]) -> Path:
    digest = hashlib.sha256(repr(version).encode()).hexdigest()[:32]
    return directory / f"names-{_database()}-{digest}.pickle"


def _stored(directory: Path) -> list[Path]:
    """This database's stored versions, oldest first (a ``.part`` being written is none)."""
    return sorted(
        directory.glob(f"names-{_database()}-*.pickle"), key=lambda path: path.stat().st_mtime
    )


def load_newest(unless: tuple[object, ...] | None = None) -> Any | None:
    """The newest version ``store`` kept, or None (also when it is ``unless``: the one
    the caller has)."""
    directory = _directory()
    if directory is None:
        return None
    try:
        newest = _stored(directory)[-1]
    except (OSError, IndexError):
        return None
    if unless is not None and newest == _path(directory, unless):
        return None
    try:
        with newest.open("rb") as stored:
            return pickle.load(stored)  # noqa: S301 (our own directory, written by store)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None


def store(version: tuple[object, ...], record: Any) -> None:
    """Keep ``record`` for ``version`` (written whole, then renamed: a process loading it
    never reads half a file), and drop all but the newest ``KEEP`` versions."""
    directory = _directory()
    if directory is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    path = _path(directory, version)
    if path.exists():  # loaded from there
        return
    with tempfile.NamedTemporaryFile(dir=directory, suffix=".part", delete=False) as part:
        pickle.dump(record, part, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(part.name, path)
    for old in _stored(directory)[:-KEEP]:
        old.unlink(missing_ok=True)
