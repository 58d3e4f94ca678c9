"""Citing by selection: a curator selects words of an article (mouse or keyboard), and
they become a Passage with exact offsets (or the identical existing one), attached to a
record's citations — an existing record's, or a new one's created with it in the same
transaction. Without JavaScript the curator types the quote instead, found with the
importer's rules."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext

from releases.derived import batch, changed
from releases.models import Cited, Person, ReleaseEvent
from sources import article_text, quotes
from sources.models import Passage, SourceArticle
from sources.slugs import unique_slug


class CitationRefused(ValueError):
    pass


@dataclass(frozen=True)
class Selection:
    start: int
    end: int
    quote: str


def resolve_selection(
    article: SourceArticle, *, start: int | None, end: int | None, quote: str
) -> Selection:
    """Offsets from the browser must point at exactly the words the curator saw; a typed
    quote alone is located as the importer locates quotes (outside boilerplate, once)."""
    text = article.text
    excluded = [(s.start, s.end) for s in article.boilerplate_spans.all()]
    if start is not None and end is not None:
        # The browser counts in the text as a page shows it, where every CR is gone.
        shown = article_text.lf_line_ends(text)
        if not 0 <= start < end <= len(shown):
            outside = gettext("The selection %(start)d to %(end)d is outside the article.")
            raise CitationRefused(outside % {"start": start, "end": end})
        if shown[start:end] != quote:
            raise CitationRefused(
                gettext("The selected words do not match the article at that place.")
            )
        if shown != text:
            origin = article_text.positions_in(text)
            start, end = origin[start], origin[end]
            quote = text[start:end]
        span = quotes.Span(start, end)
        if not quotes.outside([span], excluded):
            raise CitationRefused(gettext("The selection is in page chrome or a repeated block."))
        return Selection(start, end, quote)
    if not quote.strip():
        raise CitationRefused(gettext("Select some words of the article (or type a quote)."))
    found = quotes.outside(quotes.find_all(text, quote), excluded)
    if not found:
        near, ratio = quotes.closest_match(text, quote)
        not_found = gettext("Not found in the article; closest (%(ratio)s): “%(near)s”.")
        raise CitationRefused(not_found % {"ratio": f"{ratio:.0%}", "near": near})
    if len(found) > 1:
        raise CitationRefused(
            gettext("That quote occurs %(count)d times; select the one you mean in the text.")
            % {"count": len(found)}
        )
    return Selection(found[0].start, found[0].end, text[found[0].start : found[0].end])


@transaction.atomic
def cite_selection(
    record: Cited, article: SourceArticle, selection: Selection, parts: Iterable[str] = ()
) -> Passage:
    """Cite the selected words for ``record``: for the whole of it, or for ``parts`` of it
    (``Cited.cited_parts``). The citation and the parts are two writes, and the record's
    person is named too: one refresh of derived data for all of them (``batch``)."""
    with batch():
        passage, _created = Passage.objects.get_or_create(
            article=article,
            start=selection.start,
            end=selection.end,
            defaults={"quote": selection.quote},
        )
        record.citations.add(passage)
        set_cited_parts(record, {passage.pk: list(parts)})
        person_id = getattr(record, "person_id", None)
        if person_id:
            changed(people=[person_id])
    return passage


def set_cited_parts(record: Cited, chosen: dict[int, list[str]]) -> None:
    """Say what some of the record's citations support (an empty list: the whole record).
    Saved as an ordinary write, so the record's visibility and its person's derived data
    are refreshed by the receivers, as for any other change; parts the record doesn't
    have are refused (``Cited.clean``), nothing written."""
    parts = dict(record.cited_parts)
    for passage_id, names in chosen.items():
        if names:
            parts[str(passage_id)] = list(dict.fromkeys(names))
        else:
            parts.pop(str(passage_id), None)
    if parts == record.cited_parts:
        return
    record.cited_parts = parts
    record.clean()
    record.save(update_fields=["cited_parts"])


@transaction.atomic
def create_cited(
    *, record: Cited, article: SourceArticle, selection: Selection, new_person: str = ""
) -> Passage:
    """Save ``record`` (a new fact or release event, not yet saved) citing the selected
    words: the passage, the new person if ``new_person`` names one, the record and its
    citation are written together or not at all, so the record is never stored without
    its real citation. Raises ValidationError (nothing written) if the record is invalid,
    e.g. a second citizenship of one person in one country. Derived data is refreshed
    once, when all of it is written."""
    with batch():
        if new_person:  # only for a kind of fact about a person (the form checks it)
            record.person = Person.objects.create(  # type: ignore[attr-defined]
                name=new_person, slug=unique_slug(new_person, Person.objects, fallback="person")
            )
        if isinstance(record, ReleaseEvent) and not record.slug:
            record.slug = unique_slug(record.title, ReleaseEvent.objects, fallback="event")
        record.full_clean()
        record.save()
        return cite_selection(record, article, selection)
