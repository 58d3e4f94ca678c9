"""What is wrong with the evidence: passages whose quote no longer matches their article,
and cited records left without a valid citation, for curators (``check_integrity``, the
admin's warnings).

The database refuses both mismatches when they are written (``sources.triggers``), so this
is a safety net for what only a direct database edit could do: ``hide_stale_passages``
compares every passage with its article, marks the ones that no longer match (and when:
``/changes/`` lists each as withdrawn, with the reason), and refreshes what cited them, so
that public pages stop showing it."""

import hashlib
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from releases import derived
from releases.models import CITED_MODELS, Cited
from sources import captures
from sources.models import Capture, Passage


@dataclass(frozen=True)
class IntegrityProblem:
    kind: str  # "stale passage" | "unsupported" | "broken capture"
    label: str
    admin_url: str


def _admin_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def hide_stale_passages() -> int:
    """Check every passage against its article (a full scan); mark those that no longer
    match as invalid and refresh everything that cited them. Returns how many were found."""
    found = list(Passage.objects.valid().mismatched().values_list("pk", flat=True))
    if found:
        with derived.batch():
            Passage.objects.filter(pk__in=found).update(is_valid=False, hidden_at=timezone.now())
            citing = [
                (model, pk)
                for model in CITED_MODELS
                for pk in model.objects.filter(citations__in=found).values_list("pk", flat=True)
            ]
            derived.changed(cited=citing)
    return len(found)


def stale_passages() -> list[IntegrityProblem]:
    return [
        IntegrityProblem("stale passage", f"{p} no longer matches its article", _admin_url(p))
        for p in Passage.objects.stale().select_related("article")
    ]


def unsupported_records(model: type[Cited] | None = None) -> list[IntegrityProblem]:
    problems = []
    for cited_model in [model] if model else CITED_MODELS:
        unsupported = cited_model.objects.unsupported()
        if cited_model.label_related:
            unsupported = unsupported.select_related(*cited_model.label_related)
        for obj in unsupported:
            # Said in the admin's language (its warnings list these), English in the command.
            label = gettext("%(kind)s “%(record)s” has no valid citation") % {
                "kind": cited_model._meta.verbose_name,
                "record": obj,
            }
            problems.append(IntegrityProblem("unsupported", label, _admin_url(obj)))
    return problems


def broken_captures() -> list[IntegrityProblem]:
    """Captures whose WARC file or page bytes no longer match the digests stored beside
    them (the database refuses any change to a capture, so only a direct edit of the
    stored bytes with the trigger lifted could do it). Reads every capture: a full scan."""
    problems = []
    for capture in Capture.objects.order_by("pk").iterator(chunk_size=20):
        warc = bytes(capture.warc)
        try:
            intact = hashlib.sha256(warc).hexdigest() == capture.warc_sha256 and (
                hashlib.sha256(captures.payload_of(warc)).hexdigest() == capture.sha256
            )
        except (ValueError, OSError, EOFError):  # not a readable WARC file any more
            intact = False
        if not intact:
            problems.append(IntegrityProblem("broken capture", str(capture), _admin_url(capture)))
    return problems


def all_problems() -> list[IntegrityProblem]:
    hide_stale_passages()
    return stale_passages() + unsupported_records() + broken_captures()
