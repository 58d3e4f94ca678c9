"""How each kind of cited record is described on an article page ("supports: …")."""

from django.urls import reverse

from releases import models as m
from sources import evidence
from sources.evidence import Supported


def _person_fact(verb):
    def describe(fact) -> Supported:
        return Supported(f"{fact.person.name}: {verb(fact)}", fact.person.get_absolute_url())

    return describe


def _count_url(count: m.CountClaim) -> str:
    if count.event_id:
        return count.event.get_absolute_url()
    if count.country_id:
        return count.country.get_absolute_url()
    return reverse("releases:home")


def register_all() -> None:
    evidence.register(
        m.Facility,
        describe=lambda f: Supported(f"{f.name} (facility)", f.get_absolute_url()),
    )
    evidence.register(
        m.ReleaseEvent,
        describe=lambda e: Supported(f"{e.title}, {e.date_display}", e.get_absolute_url()),
    )
    evidence.register(
        m.Alias, select_related=["person"], describe=_person_fact(lambda f: f"also “{f.name}”")
    )
    evidence.register(
        m.Citizenship,
        select_related=["person", "country"],
        describe=_person_fact(lambda f: f"{f.country.name} nationality"),
    )
    evidence.register(m.Role, select_related=["person"], describe=_person_fact(lambda f: f.title))
    evidence.register(
        m.Detention,
        select_related=["person", "facility"],
        describe=_person_fact(
            lambda f: f"held at {f.facility.name}" if f.facility_id else "detained"
        ),
    )
    evidence.register(
        m.Release,
        select_related=["person"],
        describe=_person_fact(lambda f: f"released ({f.date_display})"),
    )
    evidence.register(
        m.StatusChange,
        select_related=["person"],
        describe=_person_fact(lambda f: f"{f.get_status_display()} ({f.date_display})"),
    )
    evidence.register(
        m.CountClaim,
        select_related=["event", "country"],
        describe=lambda c: Supported(
            f"Count: {c.value_text} {c.subject} {c.get_metric_display()} ({c.claimed_by})",
            _count_url(c),
        ),
    )
    evidence.register(
        m.Mention,
        select_related=["person", "facility", "country"],
        describe=lambda mention: Supported(
            f"Names {mention.subject}", mention.subject.get_absolute_url()
        ),
    )
    evidence.register(
        m.FacilityReport,
        select_related=["facility"],
        describe=lambda r: Supported(f"{r.facility.name}: {r.text}", r.facility.get_absolute_url()),
    )
