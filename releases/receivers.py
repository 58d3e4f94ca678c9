"""Ordinary ORM writes to the record reach ``releases.derived`` from here.

The admin saves, deletes and reverts rows (django-simple-history's revert is a plain save
and a reset of the citations) without calling releases.derived, so the derived data each write
affects is refreshed by these receivers, which only say what changed (``derived.changed``)
and return nothing. Bulk writers (the importer, the benchmark generator) call releases.derived
themselves, or write inside ``derived.batch()`` so the refresh is done once.
"""

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from releases import derived
from releases.models import (
    CITED_MODELS,
    PERSON_FACT_MODELS,
    Citizenship,
    Country,
    Detention,
    Facility,
    Mention,
    Person,
    PersonFact,
    Release,
    ReleaseEvent,
    Role,
)
from sources.models import BoilerplateSpan, Passage, SourceArticle

# What a change to one of these rows means for people's stored records (which repeat names,
# slugs, outlets): the facts through which people are linked to it.
_PEOPLE_THROUGH: dict[type[Model], list[tuple[type[PersonFact | Mention], str]]] = {
    Facility: [(Detention, "facility"), (Release, "facility")],
    ReleaseEvent: [(Release, "event"), (Role, "event")],
    Country: [(Citizenship, "country")],
    SourceArticle: [(model, "citations__article") for model in (*PERSON_FACT_MODELS, Mention)],
}


def _person_of(instance) -> list[int]:
    person_id = getattr(instance, "person_id", None)
    return [person_id] if person_id else []


def _people_linked_to(instance) -> set[int]:
    people: set[int] = set()
    for model, path in _PEOPLE_THROUGH.get(type(instance), []):
        people.update(
            model.objects.filter(**{path: instance}, person__isnull=False).values_list(
                "person_id", flat=True
            )
        )
    return people


def _remember_previous_person(sender, instance, **kwargs) -> None:
    """A fact moved to another person leaves the first one's derived data to refresh."""
    instance._previous_person_id = None
    if instance.pk is not None:
        instance._previous_person_id = (
            sender.objects.filter(pk=instance.pk).values_list("person_id", flat=True).first()
        )


def _own_fact(model) -> bool:
    """A fact that only its person's page shows (besides the lists): writing it leaves
    other people's cached pages as they are."""
    return model in PERSON_FACT_MODELS


def _cited_saved(sender, instance, **kwargs) -> None:
    previous = getattr(instance, "_previous_person_id", None)
    derived.changed(
        cited=[(sender, instance.pk)],
        people=[*_person_of(instance), *([previous] if previous else [])],
        shared=not _own_fact(sender),
    )
    if sender in _PEOPLE_THROUGH:
        derived.changed(people=_people_linked_to(instance))


def _cited_deleted(sender, instance, origin=None, **kwargs) -> None:
    if isinstance(origin, Person) or getattr(origin, "model", None) is Person:
        # A fact going with its person, who is gone from the derived data already
        # (``derived.forget_person``): nothing of theirs to refresh.
        derived.changed()
        return
    derived.changed(people=_person_of(instance), shared=not _own_fact(sender))


def _citations_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            derived.changed(
                cited=[(type(instance), instance.pk)],
                people=_person_of(instance),
                shared=not _own_fact(type(instance)),
            )
        return
    # passage.<fact>_set.add(...): ``model`` is the fact model, ``pk_set`` its rows.
    if action == "pre_clear":
        owner = model.citations_owner()
        pk_set = set(sender.objects.filter(passage=instance).values_list(f"{owner}_id", flat=True))
        instance._cleared_citing = pk_set
    elif action == "post_clear":
        pk_set = getattr(instance, "_cleared_citing", set())
    if action != "pre_clear":
        derived.changed(cited=[(model, pk) for pk in pk_set or ()])


def _passage_deleting(sender, instance, **kwargs) -> None:
    """Remember what cited the passage: its citation rows go with it."""
    instance._citing = _citing(instance)


def _passage_deleted(sender, instance, **kwargs) -> None:
    derived.changed(cited=getattr(instance, "_citing", []))


def _citing(passage) -> list:
    return [
        (model, pk)
        for model in CITED_MODELS
        for pk in model.objects.filter(citations=passage).values_list("pk", flat=True)
    ]


def _passage_saved(sender, instance, created, **kwargs) -> None:
    """A passage's translation is part of every record that cites it (a new passage is
    cited by nothing yet)."""
    derived.changed(cited=[] if created else _citing(instance))


# What no person's stored record repeats of an article: saving only it changes no record.
_UNSHOWN_ARTICLE_FIELDS = frozenset(["search_text"])


def _linked_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    """A row people's records repeat (a country's name, an article's outlet) changes their
    records; a new row is in none yet (nothing cites it), so none is looked for (an ingest
    would read every kind of fact's citations for an article that has no passage)."""
    unseen = created or (
        update_fields is not None and set(update_fields) <= _UNSHOWN_ARTICLE_FIELDS
    )
    derived.changed(people=[] if unseen else _people_linked_to(instance))


def _person_deleting(sender, instance, **kwargs) -> None:
    derived.forget_person(instance)


def _person_saved(sender, instance, **kwargs) -> None:
    derived.changed(people=[instance.pk], shared=False)


def _written(sender, **kwargs) -> None:
    derived.changed()


def connect() -> None:
    uid = "releases-derived"
    for model in CITED_MODELS:
        if "person" in {f.name for f in model._meta.fields}:
            pre_save.connect(_remember_previous_person, sender=model, dispatch_uid=uid)
        post_save.connect(_cited_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_cited_deleted, sender=model, dispatch_uid=uid)
        m2m_changed.connect(_citations_changed, sender=model.citations.through, dispatch_uid=uid)
    post_save.connect(_person_saved, sender=Person, dispatch_uid=uid)
    pre_delete.connect(_person_deleting, sender=Person, dispatch_uid=uid)
    post_delete.connect(_written, sender=Person, dispatch_uid=uid)
    for linked in (Country, SourceArticle):
        post_save.connect(_linked_saved, sender=linked, dispatch_uid=uid)
        post_delete.connect(_written, sender=linked, dispatch_uid=uid)
    pre_delete.connect(_passage_deleting, sender=Passage, dispatch_uid=uid)
    post_delete.connect(_passage_deleted, sender=Passage, dispatch_uid=uid)
    post_save.connect(_passage_saved, sender=Passage, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(_written, sender=BoilerplateSpan, dispatch_uid=uid)
