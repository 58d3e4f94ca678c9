"""Which names changed since the known names were built: the people, facilities and
countries whose names the suggestions must read again (``curation.suggestions``), found
from the rows written since (history rows newer than the newest the build saw, and keys
newer than its newest: bulk loads leave no history). Each is an index look-up from where
the build stopped, whatever the size of the record.

An alias shown or hidden without a history row of its own (a quote it cites failing the
integrity check) is not seen that way: the build keeps the aliases hidden then (few: every
alias is made with its citation), and the aliases hidden or shown since are those in one of
the two sets of hidden aliases and not the other, read from the index of ``is_public``. A
public alias is never counted nor listed, so a names version costs the same at a million
people as at a thousand."""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from releases.models import Alias, Country, Facility, Person

NamedModel = type[Person] | type[Alias] | type[Facility] | type[Country]
MODELS: tuple[NamedModel, ...] = (Person, Alias, Facility, Country)
# The newest history id and key of each of MODELS, then a digest of the hidden aliases.
NamesVersion = tuple[int | None, ...]
LIMIT = 5_000  # rows changed: more, and building everything again is as cheap
_CHUNK = 500  # keys per IN (SQLite's limit on a statement's variables)


def names_version() -> NamesVersion:
    """Changes whenever a name the suggestions match may have: a person, alias, facility or
    country added, edited, deleted or reverted (each leaves a history row: the newest
    history id moves), loaded in bulk (the newest key moves), or an alias published or
    hidden (the set of hidden aliases, and so its digest, changes). Newest values are one
    index look-up each whatever the size of the record, the hidden aliases one read of
    their few keys from the index. Not a read of the names."""
    parts: list[int | None] = []
    for model in MODELS:
        parts += [
            model.history.aggregate(newest=Max("history_id"))["newest"],
            model.objects.aggregate(newest=Max("pk"))["newest"],
        ]
    return (*parts, _digest(hidden_aliases()))


def hidden_aliases() -> frozenset[int]:
    """The aliases not public now (no valid citation: few, where every public one is a
    name): what a build keeps, to tell later which were shown or hidden since."""
    # Ordered by nothing: Alias's ordering would join the people to sort by name.
    hidden = Alias.objects.filter(is_public=False).order_by()
    return frozenset(hidden.values_list("pk", flat=True))


def _digest(keys: frozenset[int]) -> int:
    joined = ",".join(map(str, sorted(keys))).encode()
    return int.from_bytes(hashlib.sha256(joined).digest()[:8], "big")


@dataclass(frozen=True)
class Changes:
    people: frozenset[int] = frozenset()
    facilities: frozenset[int] = frozenset()
    countries: frozenset[str] = frozenset()  # ISO codes

    def __len__(self) -> int:
        return len(self.people) + len(self.facilities) + len(self.countries)


def _chunks(keys: Iterable[int]) -> Iterator[list[int]]:
    keys = sorted(keys)
    for start in range(0, len(keys), _CHUNK):
        yield keys[start : start + _CHUNK]


def _changed_rows(
    model: NamedModel, newest_history: int | None, newest_key: int | None
) -> set[int]:
    """Keys of the rows of ``model`` written since: with a newer history row or key."""
    rows = set(
        model.history.filter(history_id__gt=newest_history or 0).values_list("id", flat=True)
    )
    return rows | set(model.objects.filter(pk__gt=newest_key or 0).values_list("pk", flat=True))


def _ever(model: NamedModel, rows: set[int], field: str) -> set[Any]:
    """Every value ``field`` has had in these rows, now and in their history (an alias
    moved to another person changes both people's names)."""
    values: set[Any] = set()
    for chunk in _chunks(rows):
        values |= set(model.history.filter(id__in=chunk).values_list(field, flat=True))
        values |= set(model.objects.filter(pk__in=chunk).values_list(field, flat=True))
    return values - {None}


def since(then: NamesVersion, now: NamesVersion, hidden_then: frozenset[int]) -> Changes | None:
    """What changed between the names versions ``then`` (a build's, whose hidden aliases
    were ``hidden_then``) and ``now``; None when building everything again is as cheap
    (more than ``LIMIT`` rows)."""
    rows: dict[NamedModel, set[int]] = {}
    for index, model in enumerate(MODELS):
        newest = then[2 * index : 2 * index + 2]
        rows[model] = (
            set() if newest == now[2 * index : 2 * index + 2] else _changed_rows(model, *newest)
        )
    if then[-1] != now[-1]:  # shown or hidden, with or without a row saying so
        rows[Alias] |= hidden_then ^ hidden_aliases()
    if sum(len(r) for r in rows.values()) > LIMIT:
        return None
    aliases = rows[Alias]
    return Changes(
        people=frozenset(rows[Person] | _ever(Alias, aliases, "person_id")),
        facilities=frozenset(rows[Facility]),
        countries=frozenset(_ever(Country, rows[Country], "code")),
    )
