"""Suggested citations for a newly ingested article: every place it names a known person
(by name or published alias), facility or country (by name or demonym), ignoring accents
and case. A curator accepts or rejects each; only accepted ones become public evidence."""

import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse

from releases import models as m
from releases.services import refresh_people
from sources.ingest import IngestNote
from sources.models import Passage, SourceArticle
from sources.quotes import QUOTE_FOLD


@dataclass(frozen=True)
class _Folded:
    text: str
    origin: list[int]  # index in the original text of each folded character


def _fold_with_offsets(text: str) -> _Folded:
    """Like sources.search.fold_for_search, keeping where each character came from."""
    chars, origin = [], []
    for index, char in enumerate(text.translate(QUOTE_FOLD)):
        decomposed = unicodedata.normalize("NFKD", char)
        for piece in decomposed:
            if unicodedata.combining(piece):
                continue
            folded = " " if piece.isspace() else piece.casefold()
            if folded == " " and chars and chars[-1] == " ":
                continue
            for out in folded:
                chars.append(out)
                origin.append(index)
    return _Folded("".join(chars), origin)


def _needles() -> list[tuple[str, dict]]:
    """(folded words to look for, the subject they name)."""
    needles = []
    people = m.Person.objects.filter(is_named=True).prefetch_related(
        Prefetch("aliases", queryset=m.Alias.objects.published())
    )
    for person in people:
        names = {person.name} | {alias.name for alias in person.aliases.all()}
        needles += [(name, {"person": person}) for name in names]
    needles += [(f.name, {"facility": f}) for f in m.Facility.objects.all()]
    for country in m.Country.objects.all():
        needles += [
            (name, {"country": country}) for name in (country.name, country.demonym) if name
        ]
    return [(_fold_with_offsets(name).text.strip(), subject) for name, subject in needles]


def _is_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


@transaction.atomic
def suggest_for(article: SourceArticle) -> list[m.CitationSuggestion]:
    folded = _fold_with_offsets(article.text)
    hidden = [(s.start, s.end) for s in article.boilerplate_spans.all()]
    made = []
    for needle, subject in _needles():
        if len(needle) < 3:
            continue
        position = folded.text.find(needle)
        while position != -1:
            end = position + len(needle)
            if _is_word_boundary(folded.text, position, end):
                start, stop = folded.origin[position], folded.origin[end - 1] + 1
                in_boilerplate = any(a < stop and start < b for a, b in hidden)
                if not in_boilerplate:
                    suggestion, created = m.CitationSuggestion.objects.get_or_create(
                        article=article,
                        start=start,
                        end=stop,
                        quote=article.text[start:stop],
                        person=subject.get("person"),
                        facility=subject.get("facility"),
                        country=subject.get("country"),
                    )
                    if created:
                        made.append(suggestion)
            position = folded.text.find(needle, position + 1)
    return made


@transaction.atomic
def accept(suggestion: m.CitationSuggestion) -> m.Mention:
    """Make the suggestion public evidence: a passage, and a mention that cites it."""
    passage, _created = Passage.objects.get_or_create(
        article=suggestion.article,
        start=suggestion.start,
        end=suggestion.end,
        defaults={"quote": suggestion.quote},
    )
    mention = suggestion.mention or m.Mention.objects.create(
        person=suggestion.person, facility=suggestion.facility, country=suggestion.country
    )
    mention.citations.add(passage)
    suggestion.state, suggestion.mention = m.CitationSuggestion.State.ACCEPTED, mention
    suggestion.save(update_fields=["state", "mention"])
    if suggestion.person_id:
        refresh_people([suggestion.person_id])
    return mention


@transaction.atomic
def reject(suggestion: m.CitationSuggestion) -> None:
    if suggestion.mention_id:
        suggestion.mention.delete()
    suggestion.state, suggestion.mention = m.CitationSuggestion.State.REJECTED, None
    suggestion.save(update_fields=["state", "mention"])


def on_article_ingested(sender, article: SourceArticle, **kwargs) -> IngestNote:
    made = suggest_for(article)
    url = reverse("admin:releases_citationsuggestion_changelist")
    return IngestNote(
        f"{len(made)} suggested citation(s) to review: names of known people, facilities "
        "and countries found in the text.",
        f"{url}?article__id__exact={article.pk}&state__exact=pending",
    )
