"""Reads shared by views and exports, with their prefetching already applied.

Every queryset here loads a fact's citations with one query shape (``cited()``), so one
template include and one serializer can render the citations of any fact, and a page's
query count does not grow with its rows.
"""

from django.db.models import Count, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery

from releases import models as m
from sources.models import Passage, SourceArticle


def citations_prefetch(prefix: str = "") -> Prefetch:
    """Prefetch of ``<prefix>citations`` with each passage's article in the same query."""
    return Prefetch(
        f"{prefix}citations",
        queryset=Passage.objects.valid()
        .select_related("article")
        .defer("article__text", "article__search_text"),
    )


def cited(model, *select: str) -> QuerySet:
    """Published facts of ``model`` with their related objects and citations."""
    queryset = model.objects.published()
    if select:
        queryset = queryset.select_related(*select)
    return queryset.prefetch_related(citations_prefetch())


def person_facts_prefetches() -> list[Prefetch]:
    return [
        Prefetch("aliases", queryset=cited(m.Alias)),
        Prefetch("citizenships", queryset=cited(m.Citizenship, "country")),
        Prefetch("roles", queryset=cited(m.Role, "event")),
        Prefetch("detentions", queryset=cited(m.Detention, "facility")),
        Prefetch("releases", queryset=cited(m.Release, "event", "facility")),
        Prefetch("status_changes", queryset=cited(m.StatusChange)),
    ]


def with_published_facts(queryset: QuerySet[m.Person]) -> QuerySet[m.Person]:
    """Only people something cited is said about: a bare name is not a fact."""
    condition = Q()
    for model in (*m.PERSON_FACT_MODELS, m.Mention):
        condition |= Exists(model.objects.published().filter(person=OuterRef("pk")))
    return queryset.filter(condition)


def people() -> QuerySet[m.Person]:
    return with_published_facts(m.Person.objects.all()).prefetch_related(*person_facts_prefetches())


def person_with_everything() -> QuerySet[m.Person]:
    return people().prefetch_related(
        Prefetch("count_claims", queryset=cited(m.CountClaim, "event", "country")),
        Prefetch("mentions", queryset=cited(m.Mention)),
    )


def facilities() -> QuerySet[m.Facility]:
    """Facilities with how many distinct people the sources place there (held there), and
    how many they say were freed from there. Both joins are counted distinct, so the
    cross product of the two joins cannot inflate either number."""
    return (
        m.Facility.objects.published()
        .annotate(
            people_count=Count(
                "detentions__person",
                filter=Q(detentions__in=m.Detention.objects.published()),
                distinct=True,
            ),
            freed_count=Count(
                "releases__person",
                filter=Q(releases__in=m.Release.objects.published()),
                distinct=True,
            ),
        )
        .prefetch_related(citations_prefetch())
        .order_by("name")
    )


def facility_detail() -> QuerySet[m.Facility]:
    return m.Facility.objects.published().prefetch_related(
        citations_prefetch(),
        Prefetch(
            "detentions",
            queryset=cited(m.Detention, "person").order_by("person__name"),
        ),
        Prefetch("releases", queryset=cited(m.Release, "person", "event")),
        Prefetch("reports", queryset=cited(m.FacilityReport, "event")),
        Prefetch("mentions", queryset=cited(m.Mention)),
    )


def countries() -> QuerySet[m.Country]:
    """Countries the record involves: a citizenship or a count names them."""
    return (
        m.Country.objects.annotate(
            people_count=Count(
                "citizenships__person",
                filter=Q(citizenships__in=m.Citizenship.objects.published()),
                distinct=True,
            ),
            count_total=Count(
                "counts", filter=Q(counts__in=m.CountClaim.objects.published()), distinct=True
            ),
        )
        .filter(Q(people_count__gt=0) | Q(count_total__gt=0))
        .prefetch_related(Prefetch("counts", queryset=cited(m.CountClaim, "event")))
        .order_by("name")
    )


def country_detail() -> QuerySet[m.Country]:
    return m.Country.objects.prefetch_related(
        Prefetch(
            "citizenships",
            queryset=cited(m.Citizenship, "person").order_by("person__name"),
        ),
        Prefetch("counts", queryset=cited(m.CountClaim, "event")),
    )


def events() -> QuerySet[m.ReleaseEvent]:
    return m.ReleaseEvent.objects.published().prefetch_related(
        citations_prefetch(),
        Prefetch("counts", queryset=cited(m.CountClaim, "country")),
        Prefetch(
            "roles",
            queryset=cited(m.Role, "person").filter(kind=m.Role.Kind.ANNOUNCER),
            to_attr="announcements",
        ),
    )


def event_detail() -> QuerySet[m.ReleaseEvent]:
    return events().prefetch_related(
        Prefetch("roles", queryset=cited(m.Role, "person").order_by("kind", "person__name")),
        Prefetch("releases", queryset=cited(m.Release, "person").order_by("person__name")),
        Prefetch("facility_reports", queryset=cited(m.FacilityReport, "facility")),
    )


def headline_counts() -> QuerySet[m.CountClaim]:
    return cited(m.CountClaim, "event", "country", "claimant").order_by(
        "metric", "country__name", "claimed_by"
    )


def article_count(person_ref: str = "pk") -> Subquery:
    """How many distinct articles support any fact about the person (``OuterRef(person_ref)``)."""
    cited = Q()
    for model in m.PERSON_FACT_MODELS:
        through = model._meta.get_field("citations").remote_field.through
        owner = model._meta.model_name
        cited |= Exists(
            through.objects.filter(
                passage__article=OuterRef("pk"),
                **{f"{owner}__person": OuterRef(OuterRef(person_ref))},
            )
        )
    # COUNT as a plain function (not an aggregate) keeps GROUP BY out of the subquery.
    return Subquery(
        SourceArticle.objects.filter(cited)
        .order_by()
        .annotate(n=Func(F("pk"), function="COUNT"))
        .values("n")
    )
