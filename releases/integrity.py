"""What is wrong with the evidence: passages whose quote no longer matches their article,
and cited records left without a valid citation. Public pages already hide both (see
``CitedQuerySet.published`` and ``PassageQuerySet.valid``); this lists them for curators."""

from dataclasses import dataclass

from django.urls import reverse

from releases import models as m
from sources.models import Passage

CITED_MODELS = (m.Facility, m.ReleaseEvent, *m.FACT_MODELS)


@dataclass(frozen=True)
class IntegrityProblem:
    kind: str  # "stale passage" | "unsupported"
    label: str
    admin_url: str


def _admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def stale_passages() -> list[IntegrityProblem]:
    return [
        IntegrityProblem("stale passage", f"{p} no longer matches its article", _admin_url(p))
        for p in Passage.objects.stale().select_related("article")
    ]


def unsupported_records(model=None) -> list[IntegrityProblem]:
    problems = []
    for cited_model in [model] if model else CITED_MODELS:
        for obj in cited_model.objects.unsupported():
            name = cited_model._meta.verbose_name
            problems.append(
                IntegrityProblem(
                    "unsupported", f"{name} “{obj}” has no valid citation", _admin_url(obj)
                )
            )
    return problems


def all_problems() -> list[IntegrityProblem]:
    return stale_passages() + unsupported_records()
