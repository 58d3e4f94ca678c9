"""Writes that span models. Each function is safe to call inside a larger transaction."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch

from releases.models import Alias, Detention, Person, Release, StatusChange
from releases.status import derive_status, status_history
from sources.search import fold_for_search


def search_text_for(person: Person) -> str:
    names = [person.name, *(alias.name for alias in person.aliases.all())]
    return " | ".join(dict.fromkeys(fold_for_search(name) for name in names))


@transaction.atomic
def refresh_people(person_ids: Iterable[int]) -> int:
    """Recompute the cached ``status`` and ``search_name`` of these people from their facts.
    Returns how many rows changed; unchanged rows are not written."""
    # Only published facts (cited by a passage that still matches) decide anything.
    people = Person.objects.filter(pk__in=list(person_ids)).prefetch_related(
        *(
            Prefetch(name, queryset=model.objects.published())
            for name, model in (
                ("aliases", Alias),
                ("detentions", Detention),
                ("releases", Release),
                ("status_changes", StatusChange),
            )
        )
    )
    changed = []
    for person in people:
        status = derive_status(status_history(person))
        search_name = search_text_for(person)
        if (person.status, person.search_name) != (status, search_name):
            person.status, person.search_name = status, search_name
            changed.append(person)
    Person.objects.bulk_update(changed, ["status", "search_name"])
    return len(changed)
