"""Which records cite a passage, without this app knowing what those records are.

Apps that cite passages (``releases``) register their citing models here at start-up; the
article page asks for everything citing its passages, one query per registered model.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Supported:
    label: str
    url: str


@dataclass(frozen=True)
class _Citing:
    model: type[models.Model]
    select_related: tuple[str, ...]
    describe: Callable[[models.Model], Supported]


_registry: list[_Citing] = []


def register(
    model: type[models.Model],
    *,
    describe: Callable[[models.Model], Supported],
    select_related: Iterable[str] = (),
) -> None:
    if any(entry.model is model for entry in _registry):
        return
    _registry.append(_Citing(model, tuple(select_related), describe))


def records_citing(passage_ids: Iterable[int]) -> dict[int, list[Supported]]:
    """For each passage id, what it supports (label and link), in registration order."""
    passage_ids = list(passage_ids)
    found: dict[int, list[Supported]] = defaultdict(list)
    for entry in _registry:
        through = entry.model._meta.get_field("citations").remote_field.through
        owner = next(f.name for f in through._meta.fields if f.related_model is entry.model)
        rows = through.objects.filter(passage_id__in=passage_ids).select_related(
            owner, *(f"{owner}__{name}" for name in entry.select_related)
        )
        for row in rows.order_by(f"{owner}_id"):
            found[row.passage_id].append(entry.describe(getattr(row, owner)))
    return found
