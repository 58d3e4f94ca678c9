"""The known names the suggestions match (``curation.suggestions.KnownNames``), a build of
every name kept on disk per version of the names, so that a new server or worker process
loads the newest (a pickle: a fraction of the time of building them from every name and
alias of the record) and lays the names changed since over it. The background worker
builds and stores a new one once the names changed since are many.

``settings.KNOWN_NAMES_DIR`` is where (the app's own directory, written by nobody else: a
pickle is loaded from it); empty keeps them in memory only (the tests).

A base is millions of Python objects at a million people (7.6 million tracked: the sets and
tuples of the look-alike index, the entries), all alive as long as the process keeps it.
Python's cyclic garbage collector would walk them all in each full collection (seconds: the
first ingest after a load took 7.5 s, 7.1 of them collecting, and a build spent 24 of its
75 s so); so they are built or loaded with the collector paused (``uncollected``) and then
frozen out of its sight (``gc.freeze``): freed by their reference counts like any object
once the process drops them, never walked."""

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

KEEP = 3  # versions kept on disk: the newest, and two that processes may still be loading
# Names in a base worth freezing: below, a full collection walks it in a few milliseconds.
# (Freezing also keeps whatever cyclic garbage is waiting then: a little, once a base.)
FREEZE_AT = 20_000


@contextlib.contextmanager
def uncollected() -> Iterator[None]:
    """Build or load a base inside, the collector paused meanwhile, and freeze it there
    (``out_of_collections``): once the collector runs again, its first collection of the
    youngest objects would walk everything made meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def out_of_collections(size: int) -> None:
    """Freeze what the process holds (a base just made, of ``size`` names) out of the
    collector's sight, if the base is big enough for walking it to cost; inside
    ``uncollected``."""
    if size >= FREEZE_AT:
        gc.freeze()


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
        with newest.open("rb") as stored, uncollected():
            loaded = pickle.load(stored)  # noqa: S301 (our own directory, written by store)
            out_of_collections(getattr(loaded, "size", 0))
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    return loaded


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
