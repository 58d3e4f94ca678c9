"""The people list's stored counts (``FacetCount``, ``FacetPairCount``), and the same counted
here afresh from the people and their links: every write path's tests compare the two."""

from collections import Counter, defaultdict

from django.db.models import Count

from releases.models import FacetCount, FacetPairCount, Person, PersonLink


def stored_facet_counts() -> dict:
    pairs = FacetPairCount.objects.exclude(n=0)
    return {
        **{(f.kind, f.key, f.status): f.n for f in FacetCount.objects.exclude(n=0)},
        **{(p.within_kind, p.within_key, p.kind, p.key, p.status): p.n for p in pairs},
    }


def pairs_counted_afresh() -> Counter:
    """Each person's links of the people list's filter kinds, within each other of
    another kind, counted here from the links."""
    kinds = {"nationality", "facility", "event", "source"}
    by_person = defaultdict(list)
    for person, kind, key, status in PersonLink.objects.values_list(
        "person", "kind", "key", "status"
    ):
        if kind in kinds:
            by_person[person].append((kind, key, status))
    return Counter(
        (within_kind, within_key, kind, key, status)
        for links in by_person.values()
        for within_kind, within_key, _status in links
        for kind, key, status in links
        if kind != within_kind
    )


def counted_afresh() -> dict:
    statuses = (
        Person.objects.filter(is_public=True)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    links = PersonLink.objects.values_list("kind", "key", "status").annotate(n=Count("pk"))
    return {
        **{(FacetCount.STATUS, "", status): n for status, n in statuses},
        **{(kind, key, status): n for kind, key, status, n in links},
        **pairs_counted_afresh(),
    }
