"""Merging two people who are one (the same person spelt two ways across outlets): every
fact, citation, alias, suggestion and count claimant moves to the person kept, the merged
name becomes a cited alias, the history keeps both, and the merged person's page address
redirects. One transaction: all of it or nothing."""

from django.db import transaction

from releases.derived import refresh_people
from releases.models import (
    PERSON_FACT_MODELS,
    Alias,
    CitationSuggestion,
    Citizenship,
    CountClaim,
    Mention,
    Person,
    PersonFact,
    PersonRedirect,
)
from sources.search import fold_for_search


class MergeError(ValueError):
    """A merge that cannot be made, with why."""


def _move_fact(fact: PersonFact, keep: Person) -> None:
    """Give ``fact`` to ``keep``, or fold its citations into the same fact ``keep`` has
    (one citizenship per country, one alias per name)."""
    same: Citizenship | Alias | None = None
    if isinstance(fact, Citizenship):
        same = keep.citizenships.filter(country_id=fact.country_id).first()
    elif isinstance(fact, Alias):
        same = keep.aliases.filter(name=fact.name).first()
    if same is not None:
        same.citations.add(*fact.citations.all())
        fact.delete()
        return
    fact.person = keep
    fact.save(update_fields=["person"])


@transaction.atomic
def merge_people(*, keep: Person, merge: Person) -> Person:
    """Fold ``merge`` into ``keep``; returns ``keep``."""
    if keep.pk == merge.pk:
        raise MergeError("A person cannot be merged into themselves: choose two people.")
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    merge = Person.objects.select_for_update().get(pk=merge.pk)
    named_by = set()
    for mention in Mention.objects.filter(person=merge):
        named_by |= set(mention.citations.values_list("pk", flat=True))
        mention.person = keep
        mention.save(update_fields=["person"])
    for model in PERSON_FACT_MODELS:
        for fact in model.objects.filter(person=merge):
            _move_fact(fact, keep)
    if merge.is_named and fold_for_search(merge.name) != fold_for_search(keep.name):
        alias, _created = Alias.objects.get_or_create(person=keep, name=merge.name[:200])
        alias.citations.add(*named_by)  # the words that named the merged person
    CitationSuggestion.objects.filter(person=merge).update(person=keep)
    CountClaim.objects.filter(claimant=merge).update(claimant=keep)
    PersonRedirect.objects.filter(person=merge).update(person=keep)
    PersonRedirect.objects.update_or_create(slug=merge.slug, defaults={"person": keep})
    merge.delete()
    refresh_people([keep.pk])
    return keep
