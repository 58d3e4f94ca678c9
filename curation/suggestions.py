"""Suggested citations for an article, for a curator to accept or reject.

``suggest_for_article(article)`` reads the article's text, with its boilerplate spans
blanked out (page chrome is never read), with the text engine ``curation.proposals`` and
proposes:

- **mentions**: the words that name a known person (name or published alias, ignoring
  accents and case), facility, or country; aliases a curator marked ``ambiguous`` are never
  proposed by themselves;
- **citizenships**: a nationality beside a known person's name;
- **freed people** the record lacks (``new_person``), in list sentences, bulleted lists
  and appositions, in English, Spanish, Portuguese and German, with a nationality, a
  facility and a title when the text gives them; accepting creates the person and their
  cited release (in the event the curator picks);
- **other people** (``other_person``): officials, lawyers, relatives, people quoted, and
  people still held, with their role, never as freed;
- **the same person spelt differently** (``same_person``): a name close to a known one,
  proposed as an alias of them;
- **facilities** and **nationalities** the record lacks, created on acceptance;
- **counts**: a number or vague quantity of people, with qualifier, metric, claimant and
  as-of words.

Re-running is safe and cheap: accepted and rejected suggestions are kept (a rejected one is
never proposed again), pending ones that no longer hold are removed, new ones are added.
``suggest_after_change(record)`` re-runs the articles that name a person, alias or country
just added or changed."""

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import ngettext

from curation import known_names, name_changes, tasks
from curation import proposals as engine
from curation.ingest import IngestNote, IngestResult, ingest_article
from curation.proposals import gazetteer as names
from curation.proposals.people import FREED, STILL_HELD
from curation.proposals.text import whole_word
from releases import country_names
from releases.derived import batch, changed
from releases.models import (
    Alias,
    CitationSuggestion,
    Cited,
    Citizenship,
    CountClaim,
    Country,
    Detention,
    Facility,
    Mention,
    Person,
    Release,
    ReleaseEvent,
    Role,
)
from sources.models import Passage, SourceArticle
from sources.search import fold_for_search
from sources.slugs import unique_slug

Suggestion = CitationSuggestion
SuggestionKind = Suggestion.SuggestionKind
State = Suggestion.State
sentences = engine.sentences

# Kinds whose acceptance makes something new: settled once accepted or rejected.
NEW_KINDS = (
    SuggestionKind.NEW_PERSON,
    SuggestionKind.OTHER_PERSON,
    SuggestionKind.SAME_PERSON,
    SuggestionKind.NEW_FACILITY,
    SuggestionKind.NEW_COUNTRY,
    SuggestionKind.COUNT,
)
PERSON_KINDS = (SuggestionKind.NEW_PERSON, SuggestionKind.OTHER_PERSON, SuggestionKind.SAME_PERSON)

# What a proposal is about, whatever words carry it: a hashable key of its kind and ids.
About = tuple[object, ...]
# What an acceptance made, by kind: a row's id, or the ids of its aliases.
Made = Mapping[str, int | list[int]]


def _masked(article: SourceArticle) -> str:
    """The text with every boilerplate character replaced by a line break: same offsets,
    nothing to find there, and no sentence runs across it."""
    chars = list(article.text)
    for span in article.boilerplate_spans.all():
        chars[span.start : span.end] = "\n" * (span.end - span.start)
    return "".join(chars)


@dataclass(frozen=True)
class Proposal:
    kind: str
    start: int
    end: int
    person_id: int | None = None
    facility_id: int | None = None
    country_id: int | None = None
    name: str = ""
    details: str = "{}"  # JSON, sorted, so that proposals compare

    @classmethod
    def of(cls, suggestion: Suggestion) -> "Proposal":
        return cls(
            suggestion.kind,
            suggestion.start,
            suggestion.end,
            suggestion.person_id,
            suggestion.facility_id,
            suggestion.country_id,
            suggestion.name,
            json.dumps(suggestion.details or {}, sort_keys=True),
        )

    @property
    def about(self) -> About:
        """What the proposal is about, whatever words carry it."""
        if self.kind in PERSON_KINDS:
            return ("person", fold_for_search(self.name))
        if self.kind in (SuggestionKind.NEW_FACILITY, SuggestionKind.NEW_COUNTRY):
            return (self.kind, fold_for_search(self.name))
        if self.kind == SuggestionKind.COUNT:
            # A sentence may hold several counts ("344 freed … 600 still held"): each is
            # its own proposal, told apart by its words.
            return (self.kind, self.start, self.end, tuple(json.loads(self.details)["words_at"]))
        return (self.kind, self.person_id, self.facility_id, self.country_id)


def _details(**fields: object) -> str:
    return json.dumps({k: v for k, v in fields.items() if v not in (None, "", [])}, sort_keys=True)


@dataclass(frozen=True)
class KnownNames:
    """The names and countries the record knows, read once for any number of articles."""

    gazetteer: names.Gazetteer | names.Layered
    countries: dict[str, int]  # ISO code → the record's Country pk
    # A build of every name (a base): the names version it was read at, and the aliases
    # hidden then (``curation.name_changes.since``). Empty for a base with changes laid over.
    version: name_changes.NamesVersion = ()
    hidden_aliases: frozenset[int] = frozenset()

    @classmethod
    def read(cls) -> "KnownNames":
        """The record's names, for an ingest or a re-run after a save to cost the article,
        not the whole register of names (1.5 million names and aliases at 1,000,000 people).

        Every name is built once into a base, kept for the process and on disk
        (``curation.known_names``: a new process loads the newest). After a name changes,
        the names changed since the base (``curation.name_changes``) are built alone and laid
        over it (``gazetteer.Layered``): a rename costs a gazetteer of the names changed. The
        background worker builds a new base once they are many (``rebuild_base``)."""
        version = names_version()
        if _latest is not None and _latest[0] == version:
            return _latest[1]
        base, changes = _base_and_changes(version)
        if base is None or changes is None:
            known = base = cls._build(version)
            changes = name_changes.Changes()
        else:
            known = base.with_changes(changes) if changes else base
        if len(changes) > REBUILD_AT:
            transaction.on_commit(tasks.rebuild_names_later)
        # Kept once what it was read from is committed: names a rolled-back write added
        # are never matched later (SQLite may reuse their ids).
        transaction.on_commit(lambda: _keep(version, known, base))
        return known

    @classmethod
    def _build(
        cls, version: name_changes.NamesVersion = (), changes: name_changes.Changes | None = None
    ) -> "KnownNames":
        """Every name read at ``version`` (read before: what changes later is seen as
        changed since), or only the names of ``changes`` (ignoring ``version``)."""
        hidden = name_changes.hidden_aliases() if changes is None else frozenset()
        people = Person.objects.filter(is_named=True)
        aliases = Alias.objects.published().filter(ambiguous=False, person__is_named=True)
        facilities = Facility.objects.all()
        if changes is not None:
            people = people.filter(pk__in=changes.people)
            aliases = aliases.filter(person_id__in=changes.people)
            facilities = facilities.filter(pk__in=changes.facilities)
        with known_names.uncollected():
            named = list(people.values_list("pk", "name"))
            named += aliases.values_list("person_id", "name")
            countries = {c.code: c for c in Country.objects.all()}
            gazetteer = names.build(
                named,
                facilities.values_list("pk", "name"),
                {code: (c.name, c.demonym) for code, c in countries.items()},
                only_countries=None if changes is None else changes.countries,
            )
            built = cls(gazetteer, {code: c.pk for code, c in countries.items()}, version, hidden)
            known_names.out_of_collections(built.size)
        return built

    def with_changes(self, changes: name_changes.Changes) -> "KnownNames":
        """This base with the names of ``changes`` as they are now laid over it."""
        changed = self._build(changes=changes)
        if not isinstance(self.gazetteer, names.Gazetteer) or not isinstance(
            changed.gazetteer, names.Gazetteer
        ):
            raise TypeError("Changes are laid over a build of every name only.")
        layered = names.Layered(
            self.gazetteer,
            changed.gazetteer,
            changes.people,
            changes.facilities,
            changes.countries,
        )
        return KnownNames(layered, changed.countries)

    @property
    def size(self) -> int:
        """How many names (and forms of countries) a base matches."""
        automata = getattr(self.gazetteer, "automata", {})
        return sum(len(automaton) for automaton in automata.values())

    def changes_since(self, version: name_changes.NamesVersion) -> name_changes.Changes | None:
        """What changed from this base to ``version`` (None: build everything again)."""
        return name_changes.since(self.version, version, self.hidden_aliases)


REBUILD_AT = 200  # names changed since the base: the worker then builds a new one
# A process keeps its own base until this many have changed since, then loads the newest on
# disk (in the request that finds them: seconds at a million names; a new process's first
# read pays it too).
SWITCH_AT = 1_000
names_version = name_changes.names_version
# The names read last, with their version.
_latest: tuple[name_changes.NamesVersion, KnownNames] | None = None
_base: KnownNames | None = None  # the process's build of every name


def _base_and_changes(
    version: name_changes.NamesVersion,
) -> tuple[KnownNames | None, name_changes.Changes | None]:
    """The base to lay changes over and the changes since it: the process's own while
    they are few (``SWITCH_AT``), else the newest on disk (the worker's); (None, None) when
    neither serves."""
    changes = _base.changes_since(version) if _base is not None else None
    if _base is not None and changes is not None and len(changes) <= SWITCH_AT:
        return _base, changes
    stored = known_names.load_newest(unless=_base.version if _base is not None else None)
    if isinstance(stored, KnownNames) and stored.version:
        newer = stored.changes_since(version)
        if newer is not None and (changes is None or len(newer) < len(changes)):
            return stored, newer
    return (_base, changes) if changes is not None else (None, None)


def _keep(version: name_changes.NamesVersion, known: KnownNames, base: KnownNames) -> None:
    global _latest, _base
    _latest = (version, known)
    if base is not _base:
        _base = base
        known_names.store(base.version, base)


def rebuild_base() -> KnownNames:
    """Build every name again and keep it on disk, for every process to lay the changes
    since over it (the worker's task, ``curation.tasks.rebuild_names``)."""
    global _base
    with transaction.atomic():
        base = KnownNames._build(names_version())
    known_names.store(base.version, base)
    _base = base
    return base


def forget_names() -> None:
    """Drop the names read last and the base (what a new process knows; tests, whose
    rolled-back writes may repeat a version)."""
    global _latest, _base
    _latest = _base = None


def _span(pair: tuple[int, int] | None) -> list[int] | None:
    return list(pair) if pair else None


def _people(reading: engine.Reading, known: KnownNames) -> Iterator[Proposal]:
    for person in reading.people:
        first = person.first
        left, right = first.sentence
        details = {
            "name_at": [first.start, first.end],
            "role": person.role,
            "title": person.title,
            "spellings": person.spellings,
            "context": _span(first.context),
            "country_code": person.country,
            "country_at": _span(person.country_at),
            "facility": person.facility,
        }
        if person.same_as:
            yield Proposal(
                SuggestionKind.SAME_PERSON,
                left,
                right,
                person_id=person.same_as[0],
                name=person.name,
                details=_details(**details),
            )
            continue
        kind = SuggestionKind.NEW_PERSON if person.role == FREED else SuggestionKind.OTHER_PERSON
        yield Proposal(
            kind,
            left,
            right,
            country_id=known.countries.get(person.country),
            name=person.name,
            details=_details(**details),
        )


def _counts(reading: engine.Reading, text: str, known: KnownNames) -> Iterator[Proposal]:
    for count in reading.counts:
        left, right = count.sentence
        yield Proposal(
            SuggestionKind.COUNT,
            left,
            right,
            country_id=known.countries.get(count.country),
            details=_details(
                words_at=[count.start, count.end],
                value=count.value,
                value_text=text[count.start : count.end],
                qualifier=count.qualifier,
                metric=count.metric,
                subject=count.subject,
                claimed_by=count.claimed_by,
                claimant_at=_span(count.claimant_at),
                as_of_text=count.as_of_text,
            ),
        )


def proposals(article: SourceArticle, known: KnownNames) -> Iterator[Proposal]:
    """Every candidate, in reading order, before curators' decisions are applied."""
    text = _masked(article)
    reading = engine.read(text, known.gazetteer)
    for found in reading.known:  # a known person, facility or country
        kind, key = found.entry.kind, found.entry.key
        yield Proposal(
            SuggestionKind.MENTION,
            found.start,
            found.end,
            person_id=int(key) if kind == names.PERSON else None,
            facility_id=int(key) if kind == names.FACILITY else None,
            country_id=known.countries[str(key)] if kind == names.COUNTRY else None,
        )
    for citizenship in reading.citizenships:
        yield Proposal(
            SuggestionKind.CITIZENSHIP,
            citizenship.start,
            citizenship.end,
            person_id=citizenship.person,
            country_id=known.countries[citizenship.country],
        )
    yield from _people(reading, known)
    spans = engine.sentences(text)
    for facility in reading.facilities:
        left, right = next(((a, b) for a, b in spans if a <= facility.start < b), (0, 0))
        yield Proposal(
            SuggestionKind.NEW_FACILITY,
            left,
            right,
            name=facility.name,
            details=_details(name_at=[facility.start, facility.end]),
        )
    for country in reading.countries:
        yield Proposal(
            SuggestionKind.NEW_COUNTRY,
            country.start,
            country.end,
            name=country.code,
            details=_details(country_code=country.code),
        )
    yield from _counts(reading, text, known)


def _settled(existing: list[Suggestion]) -> tuple[set[About], set[Proposal]]:
    """(what is settled by an acceptance, the exact proposals rejected)."""
    accepted: set[About] = set()
    rejected: set[Proposal] = set()
    for suggestion in existing:
        proposal = Proposal.of(suggestion)
        if suggestion.state == State.ACCEPTED:
            accepted.add(proposal.about)
            if suggestion.person_id:  # a created person is named by this article
                accepted.add((SuggestionKind.MENTION, suggestion.person_id, None, None))
            for kind, pk in (suggestion.details or {}).get("made", {}).items():
                if kind in ("facility", "country"):  # named by this article, now known
                    accepted.add(
                        (
                            SuggestionKind.MENTION,
                            None,
                            *((pk, None) if kind == "facility" else (None, pk)),
                        )
                    )
        elif suggestion.state == State.REJECTED:
            rejected.add(proposal)
            if proposal.kind in NEW_KINDS:  # not a new thing: the words are settled
                accepted.add(proposal.about)
    return accepted, rejected


@transaction.atomic
def suggest_for_article(
    article: SourceArticle, known: KnownNames | None = None
) -> list[Suggestion]:
    """Bring the article's suggestions up to date with the record; returns the new ones."""
    existing = list(article.suggestions.all())
    accepted, rejected = _settled(existing)
    wanted: dict[About, Proposal] = {}
    for proposal in proposals(article, known or KnownNames.read()):
        if proposal.about in accepted or proposal in rejected:
            continue
        wanted.setdefault(proposal.about, proposal)  # the first in reading order
    pending = {Proposal.of(s): s for s in existing if s.state == State.PENDING}
    keep = set(wanted.values())
    stale = [s.pk for proposal, s in pending.items() if proposal not in keep]
    Suggestion.objects.filter(pk__in=stale).delete()
    made = [
        Suggestion(
            article=article,
            kind=p.kind,
            start=p.start,
            end=p.end,
            quote=article.text[p.start : p.end],
            person_id=p.person_id,
            facility_id=p.facility_id,
            country_id=p.country_id,
            name=p.name,
            details=json.loads(p.details),
        )
        for p in wanted.values()
        if p not in pending
    ]
    return Suggestion.objects.bulk_create(made)


def review_url(article: SourceArticle) -> str:
    return reverse("admin:releases_citationsuggestion_review", args=[article.pk])


def suggest_after_ingest(article: SourceArticle) -> IngestNote:
    made = suggest_for_article(article)
    note = ngettext(
        "%(count)d suggested citation to review: names of known people, facilities "
        "and countries, nationalities beside names, new people (freed or not) with their "
        "roles, new facilities and nationalities, and counts.",
        "%(count)d suggested citations to review: names of known people, facilities "
        "and countries, nationalities beside names, new people (freed or not) with their "
        "roles, new facilities and nationalities, and counts.",
        len(made),
    )
    return IngestNote(note % {"count": len(made)}, review_url(article))


def ingest_with_suggestions(**fields: Any) -> IngestResult:
    """Store a new article (``curation.ingest.ingest_article``, whose keyword arguments
    ``fields`` are) and propose its citations: how every way in (the admin,
    ``ingest_article``) adds an article."""
    with transaction.atomic():
        result = ingest_article(**fields)
        result.notes.append(suggest_after_ingest(result.article))
    return result


def _names_of(record: Person | Alias | Country) -> list[str]:
    if isinstance(record, Person):
        return [record.name, *record.aliases.values_list("name", flat=True)]
    if isinstance(record, Alias):
        return [record.name, record.person.name]
    if isinstance(record, Country):
        forms = country_names.forms_for(record.code, record.name, record.demonym)
        return [form.text for form in forms]
    raise TypeError(f"No names to look for in a {type(record).__name__}.")


def articles_naming(names: set[str]) -> QuerySet[SourceArticle]:
    """The articles whose folded text names one of these folded names as whole words, as
    the suggestions match them ("r. castillo 3" is not in "r. castillo 31", where it would
    re-run an article that cannot gain a suggestion from it): the texts containing a name
    (on PostgreSQL, a lookup in the trigram index of the texts, sources 0010) read for
    whole words, then the articles read by key."""
    naming = Q()
    for name in names:
        naming |= Q(search_text__contains=name)
    # No order: ordered by slug, PostgreSQL would walk the slug index and read every text.
    containing = SourceArticle.objects.filter(naming).order_by().values_list("pk", "search_text")
    if connection.vendor == "postgresql":
        candidates = _by_the_index(containing)
    else:
        candidates = list(containing)  # SQLite reads every text: correct, without an index
    keys = [pk for pk, text in candidates if any(_as_words(text, name) for name in names)]
    return SourceArticle.objects.filter(pk__in=keys)


def _as_words(text: str, name: str) -> bool:
    start = text.find(name)
    while start != -1 and not whole_word(text, start, start + len(name)):
        start = text.find(name, start + 1)
    return start != -1


def _by_the_index[Row](rows: QuerySet[SourceArticle, Row]) -> list[Row]:
    """The rows, read with no sequential scan for this one statement. PostgreSQL costs a
    LIKE by the row, not by the text, and each text is kept out of line (TOAST, 10 kB on
    average), so it reckons a scan of every text cheaper than the trigram index and then
    reads them all: 2 s at 10,000 articles (1,000,000 people), against 5-20 ms through the
    index. The setting is the transaction's (``set_config(…, true)``), put back after."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_seqscan')")
        (before,) = cursor.fetchone() or ("on",)
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
        found = list(rows)
        cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
    return found


def suggest_after_change(*records: Person | Alias | Country) -> int:
    """Re-run the suggestions of every article whose text contains a name of these people,
    aliases or countries (found in the articles' folded search text), each article once
    however many of them it names. Returns how many suggestions were made."""
    names = {fold_for_search(name) for r in records for name in _names_of(r) if name.strip()}
    if not names:
        return 0
    articles = articles_naming(names).prefetch_related("boilerplate_spans")
    known = KnownNames.read()
    return sum(len(suggest_for_article(article, known)) for article in articles)


# --- Accepting and rejecting ---------------------------------------------------------------


def _passage(suggestion: Suggestion) -> Passage:
    passage, _created = Passage.objects.get_or_create(
        article=suggestion.article,
        start=suggestion.start,
        end=suggestion.end,
        defaults={"quote": suggestion.quote},
    )
    return passage


def _context_passages(suggestion: Suggestion, passage: Passage) -> list[Passage]:
    """The suggestion's passage, and the sentence a list took its role from, if any."""
    context = (suggestion.details or {}).get("context")
    passages = [passage]
    if context:
        start, end = context
        article = suggestion.article
        extra, _created = Passage.objects.get_or_create(
            article=article, start=start, end=end, defaults={"quote": article.text[start:end]}
        )
        passages.append(extra)
    return passages


def _country(code: str) -> Country | None:
    """The record's country with this ISO code, created from pycountry if it has none."""
    if not code:
        return None
    found = Country.objects.filter(code=code.upper()).first()
    if found:
        return found
    iso = pycountry.countries.get(alpha_2=code.upper())
    if iso is None:
        return None
    return Country.objects.create(
        code=iso.alpha_2, name=getattr(iso, "common_name", None) or iso.name
    )


def _facility(words: str, passage: Passage) -> Facility | None:
    """The facility a person's sentence names: a known one ("pk:3") or, by its name, one
    the record has or gains now, cited to the same sentence."""
    if not words:
        return None
    if words.startswith("pk:"):
        return Facility.objects.filter(pk=int(words[3:])).first()
    found = Facility.objects.filter(name__iexact=words).first()
    if found is None:
        found = Facility.objects.create(
            name=words, slug=unique_slug(words, Facility.objects.all(), fallback="facility")
        )
    found.citations.add(passage)
    return found


def _cite[F: Cited](fact: F, passages: list[Passage]) -> F:
    fact.citations.add(*passages)
    return fact


def _new_person(
    suggestion: Suggestion, passages: list[Passage], event: ReleaseEvent | None
) -> Made:
    details = suggestion.details or {}
    person = Person.objects.create(
        name=suggestion.name,
        slug=unique_slug(suggestion.name, Person.objects.all(), fallback="person"),
    )
    suggestion.person = person
    made: dict[str, int | list[int]] = {"person": person.pk}
    mention = _cite(Mention.objects.create(person=person), passages[:1])
    suggestion.mention = mention
    country = suggestion.country or _country(details.get("country_code", ""))
    if country:
        made["citizenship"] = _cite(
            Citizenship.objects.create(person=person, country=country), passages[:1]
        ).pk
    if details.get("title"):
        made["role"] = _cite(
            Role.objects.create(
                person=person, kind=Role.RoleKind.DESCRIPTION, title=details["title"][:300]
            ),
            passages[:1],
        ).pk
    facility = _facility(details.get("facility", ""), passages[0])
    if suggestion.kind == SuggestionKind.NEW_PERSON:
        release = Release.objects.create(person=person, event=event, facility=facility)
        made["release"] = _cite(release, passages).pk
    elif details.get("role") == STILL_HELD:
        made["detention"] = _cite(
            Detention.objects.create(person=person, facility=facility), passages
        ).pk
    aliases = []
    for spelling in details.get("spellings", []):
        if fold_for_search(spelling) != fold_for_search(person.name):
            alias = Alias.objects.create(person=person, name=spelling[:200])
            aliases.append(_cite(alias, passages[:1]).pk)
    if aliases:
        made["aliases"] = aliases
    return made


def _count(suggestion: Suggestion, passages: list[Passage]) -> dict[str, int]:
    details = suggestion.details or {}
    qualifier = details.get("qualifier", CountClaim.Qualifier.UNSPECIFIED)
    value = details.get("value") if qualifier != CountClaim.Qualifier.UNSPECIFIED else None
    claimant = None
    if details.get("claimant_at"):  # a person of the record making the claim
        start, end = details["claimant_at"]
        claimant = Person.objects.filter(
            name__iexact=suggestion.article.text[start:end].strip()
        ).first()
    claim = CountClaim.objects.create(
        country=suggestion.country,
        subject=details.get("subject", "")[:200] or "people",
        metric=details.get("metric", CountClaim.Metric.HELD),
        value=value,
        qualifier=qualifier if value is not None else CountClaim.Qualifier.UNSPECIFIED,
        value_text=details.get("value_text", suggestion.quote)[:100],
        claimed_by=details.get("claimed_by", "")[:200],
        claimant=claimant,
        as_of_text=details.get("as_of_text", "")[:200],
    )
    return {"count": _cite(claim, passages).pk}


def _accept_new(
    suggestion: Suggestion, passage: Passage, event: ReleaseEvent | None
) -> tuple[Cited | None, Made]:
    """Create what a suggestion of a new thing proposes; returns its main fact and what was
    made (kept in the suggestion's details, so a rejection can withdraw it)."""
    passages = _context_passages(suggestion, passage)
    if suggestion.kind in (SuggestionKind.NEW_PERSON, SuggestionKind.OTHER_PERSON):
        made = _new_person(suggestion, passages, event)
        return suggestion.mention, made
    if suggestion.kind == SuggestionKind.SAME_PERSON:
        # The person is set: the database refuses a same-person suggestion without one.
        named = Alias.objects.create(person=suggestion.person, name=suggestion.name)  # type: ignore[misc]
        alias = _cite(named, [passage])
        return alias, {"alias": alias.pk}
    if suggestion.kind == SuggestionKind.NEW_FACILITY:
        facility = Facility.objects.filter(name__iexact=suggestion.name).first()
        facility = facility or Facility.objects.create(
            name=suggestion.name,
            slug=unique_slug(suggestion.name, Facility.objects.all(), fallback="facility"),
        )
        facility.citations.add(passage)
        mention = _cite(Mention.objects.create(facility=facility), [passage])
        suggestion.mention = mention
        return mention, {"facility": facility.pk}
    if suggestion.kind == SuggestionKind.NEW_COUNTRY:
        country = _country(suggestion.name)
        if country is None:
            raise ValueError(f"No country has the ISO code {suggestion.name!r}.")
        mention = _cite(Mention.objects.create(country=country), [passage])
        suggestion.mention = mention
        return mention, {"country": country.pk}
    made = _count(suggestion, passages)
    return CountClaim.objects.get(pk=made["count"]), made


@transaction.atomic
def accept_many(chosen: list[Suggestion], *, event: ReleaseEvent | None = None) -> int:
    """Accept each (as ``accept``), all or none, with the derived data of everything they
    touch refreshed once at the end (``releases.derived.batch``), then re-run the
    suggestions of the articles naming what they created once for all ("accept all 18
    freed" is one refresh and one re-run, not 18). The re-run is queued to the background
    (``curation.tasks``), like after an admin save. Returns how many were newly accepted."""
    created: list[Person | Country] = []
    accepted = 0
    with transaction.atomic(), batch():
        for suggestion in chosen:
            if suggestion.state == State.ACCEPTED:
                continue
            _accept(suggestion, event)
            accepted += 1
            created.extend(_made_by(suggestion))
    if created:
        tasks.rerun_later(*created)
    return accepted


def accept(suggestion: Suggestion, *, event: ReleaseEvent | None = None) -> Cited | None:
    """Make the suggestion public evidence: a passage of its words, cited by the fact it
    proposes (a mention, a citizenship, a new person with their release or role, an alias,
    a facility, a country, a count). ``event`` is the release event a freed person's
    release belongs to. Accepting twice does nothing more. What it creates is then looked
    for in the other articles, in the background (``curation.tasks``)."""
    with transaction.atomic(), batch():
        fact = _accept(suggestion, event)
        created = _made_by(suggestion)
        if created:
            tasks.rerun_later(*created)
    return fact


def _made_by(suggestion: Suggestion) -> list[Person | Country]:
    """The person or country an accepted suggestion created, for the re-run."""
    made = (suggestion.details or {}).get("made", {})
    if "person" in made and suggestion.person:
        return [suggestion.person]
    if "country" in made:
        return [Country.objects.get(pk=made["country"])]
    return []


def _accept(suggestion: Suggestion, event: ReleaseEvent | None) -> Cited | None:
    """The writes of one acceptance, inside the caller's transaction and batch."""
    # Lock the row and read it afresh: a second acceptance (two curators, a double click)
    # finds it accepted and makes nothing.
    Suggestion.objects.select_for_update().filter(pk=suggestion.pk).exists()
    suggestion.refresh_from_db()
    if suggestion.state == State.ACCEPTED:
        suggestion.details = {**(suggestion.details or {}), "made": {}}  # nothing new now
        return suggestion.mention
    passage = _passage(suggestion)
    fact: Cited | None
    if suggestion.kind in NEW_KINDS:
        fact, made = _accept_new(suggestion, passage, event)
        suggestion.details = {**(suggestion.details or {}), "made": made}
    elif suggestion.kind == SuggestionKind.CITIZENSHIP:
        # Both are set: the database refuses a citizenship suggestion without either.
        citizenship, _created = Citizenship.objects.get_or_create(  # type: ignore[misc]
            person_id=suggestion.person_id, country_id=suggestion.country_id
        )
        citizenship.citations.add(passage)
        fact = citizenship
    else:
        mention = suggestion.mention or Mention.objects.create(
            person=suggestion.person, facility=suggestion.facility, country=suggestion.country
        )
        suggestion.mention = mention
        mention.citations.add(passage)
        fact = mention
    suggestion.state = State.ACCEPTED
    suggestion.save(update_fields=["state", "mention", "person", "details"])
    if suggestion.person_id:
        changed(people=[suggestion.person_id])
    return fact


def _withdraw_citizenship(suggestion: Suggestion) -> None:
    if suggestion.person_id is None or suggestion.country_id is None:
        return  # no citizenship has no person or no country
    citizenship = Citizenship.objects.filter(
        person_id=suggestion.person_id, country_id=suggestion.country_id
    ).first()
    if citizenship is None:
        return
    citizenship.citations.remove(
        *Passage.objects.filter(
            article=suggestion.article, start=suggestion.start, end=suggestion.end
        )
    )
    if not citizenship.citations.exists():
        citizenship.delete()


_MADE_FACTS = {
    "citizenship": Citizenship,
    "role": Role,
    "release": Release,
    "detention": Detention,
    "alias": Alias,
    "count": CountClaim,
}


def _withdraw_made(made: dict[str, Any]) -> None:
    """Delete the facts an acceptance made; a person, facility or country it created stays,
    uncited, so hidden from the public, for a curator to delete."""
    for key, model in _MADE_FACTS.items():
        model.objects.filter(pk=made.get(key)).delete()
    Alias.objects.filter(pk__in=made.get("aliases", [])).delete()
    if "facility" in made:
        facility = Facility.objects.filter(pk=made["facility"]).first()
        if facility and not facility.mentions.exclude(suggestions__state=State.ACCEPTED).exists():
            facility.citations.clear()


def reject(suggestion: Suggestion) -> None:
    """Never publish it; if it was accepted, withdraw the citations and facts it made (a
    person it created stays, uncited, so hidden from the public, for a curator to delete).
    One transaction, its derived data refreshed once at the end."""
    with transaction.atomic(), batch():
        _reject(suggestion)


def reject_many(chosen: list[Suggestion]) -> int:
    """Reject each (as ``reject``), all or none, with one refresh at the end."""
    with transaction.atomic(), batch():
        for suggestion in chosen:
            _reject(suggestion)
    return len(chosen)


def _reject(suggestion: Suggestion) -> None:
    made = (suggestion.details or {}).pop("made", {})
    if suggestion.state == State.ACCEPTED:
        if suggestion.kind == SuggestionKind.CITIZENSHIP or (
            suggestion.person_id and suggestion.country_id and not made
        ):
            _withdraw_citizenship(suggestion)
        _withdraw_made(made)
    if suggestion.mention:
        suggestion.mention.delete()
    suggestion.state, suggestion.mention = State.REJECTED, None
    suggestion.save(update_fields=["state", "mention", "details"])
    if suggestion.person_id:
        changed(people=[suggestion.person_id])
