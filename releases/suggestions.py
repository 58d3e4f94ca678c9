"""Suggested citations for an article, for a curator to accept or reject.

``suggest_for_article(article)`` scans the article's text, with its boilerplate spans
blanked out (page chrome is never scanned), and proposes:

- **mentions**: the words that name a known person (name or published alias, ignoring
  accents and case), facility, or country (any form in ``releases.country_forms``). Aliases
  a curator marked ``ambiguous`` are never proposed by themselves. Where matches overlap the
  longest wins ("Rocío San Miguel", not the "Miguel" inside it; "Latin American" names no
  country). One suggestion per thing named: its first naming not already rejected.
- **citizenships**: a nationality beside a known person's name ("Spanish activist Rocío San
  Miguel", "Ana Ríos, venezolana,"), proposing the Citizenship fact.
- **new people**: in a sentence with release vocabulary (freed, liberado, excarcelada,
  freigelassen …), a capitalised name of two or more words that nobody in the record bears,
  with the sentence as the citation; accepting creates the person, citing that sentence.

Re-running is safe and cheap: accepted and rejected suggestions are kept (a rejected one is
never proposed again), pending ones that no longer hold are removed, new ones are added.
``suggest_after_change(record)`` re-runs the articles that name a person, alias or country
just added or changed."""

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from releases import country_forms
from releases import models as m
from releases.services import refresh_people
from sources.ingest import IngestNote, IngestResult, ingest_article
from sources.models import Passage, SourceArticle
from sources.quotes import QUOTE_FOLD
from sources.search import fold_for_search
from sources.slugs import unique_slug

FOLDED = "folded"  # case- and accent-insensitive
Suggestion = m.CitationSuggestion
Kind = Suggestion.Kind
State = Suggestion.State

# --- Reading the text ------------------------------------------------------------------------


@dataclass(frozen=True)
class _View:
    """The text as one matching mode sees it, with each character's index in the original."""

    text: str
    origin: list[int]

    def span(self, position: int, length: int) -> tuple[int, int]:
        return self.origin[position], self.origin[position + length - 1] + 1


def _normalise(text: str, mode: str) -> str:
    """A needle in the form ``_view`` gives the text, so ``find`` can compare them."""
    return _view(text, mode).text.strip()


def _view(text: str, mode: str) -> _View:
    if mode == country_forms.EXACT:
        return _View(text, list(range(len(text))))
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text.translate(QUOTE_FOLD)):
        for piece in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(piece) and mode == FOLDED:
                continue
            folded = " " if piece.isspace() else piece.casefold()
            if folded == " " and chars and chars[-1] == " ":
                continue
            chars += folded
            origin += [index] * len(folded)
    return _View("".join(chars), origin)


def _in_word(char: str) -> bool:
    return char.isalnum() or unicodedata.combining(char) > 0


def _occurrences(view: _View, needle: str) -> Iterator[tuple[int, int]]:
    """Where ``needle`` stands as whole words, as spans of the original text."""
    text = view.text
    position = text.find(needle)
    while position != -1:
        end = position + len(needle)
        before = text[position - 1] if position else " "
        after = text[end] if end < len(text) else " "
        if not (_in_word(needle[0]) and _in_word(before)) and not (
            _in_word(needle[-1]) and _in_word(after)
        ):
            yield view.span(position, len(needle))
        position = text.find(needle, position + 1)


def _masked(article: SourceArticle) -> str:
    """The text with every boilerplate character replaced by a line break: same offsets,
    nothing to find there, and no sentence runs across it."""
    chars = list(article.text)
    for span in article.boilerplate_spans.all():
        chars[span.start : span.end] = "\n" * (span.end - span.start)
    return "".join(chars)


_ABBREVIATION = re.compile(
    r"(?:\b\w\.)+$|\bEE\.\s?UU\.$|\b(?:Mr|Mrs|Ms|Dr|Sr|Sra|Srta|St|Gen|Col|Lt|Jr)\.$"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"\u201d\u2019)\]]*(?=\s+[\"“¿¡(\[]?[^\W\d_])|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, trimmed of surrounding spaces. A full stop ends a
    sentence when a capitalised word follows and it is not an abbreviation (U.S., EE.UU.,
    Mr.); a line break always does."""
    spans, start = [], 0
    for found in _SENTENCE_END.finditer(text):
        end = found.end()
        following = text[end:].lstrip()[:1]
        if found.group() != "\n":
            if not (following.isupper() or following in '"“¿¡(['):
                continue
            if _ABBREVIATION.search(text[start : found.start() + 1]):
                continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for left, right in spans:
        piece = text[left:right]
        stripped = piece.strip()
        if stripped:
            offset = left + len(piece) - len(piece.lstrip())
            trimmed.append((offset, offset + len(stripped)))
    return trimmed


# --- What to look for ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Needle:
    text: str  # normalised for its mode
    mode: str
    # ("person", pk), ("facility", pk) or ("country", pk); None for words that name nothing.
    subject: tuple[str, int] | None
    demonym: bool = False


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    needle: _Needle

    def overlaps(self, other: "_Match") -> bool:
        return self.start < other.end and other.start < self.end


def _needles() -> list[_Needle]:
    needles = []
    aliases = m.Alias.objects.published().filter(ambiguous=False, person__is_named=True)
    people = m.Person.objects.filter(is_named=True).values_list("pk", "name")
    for person_id, name in people:
        needles.append(_Needle(_normalise(name, FOLDED), FOLDED, ("person", person_id)))
    for person_id, name in aliases.values_list("person_id", "name"):
        needles.append(_Needle(_normalise(name, FOLDED), FOLDED, ("person", person_id)))
    for pk, name in m.Facility.objects.values_list("pk", "name"):
        needles.append(_Needle(_normalise(name, FOLDED), FOLDED, ("facility", pk)))
    for country in m.Country.objects.all():
        for form in country_forms.forms_for(country.code, country.name, country.demonym):
            needles.append(
                _Needle(
                    _normalise(form.text, form.mode),
                    form.mode,
                    ("country", country.pk),
                    form.demonym,
                )
            )
    needles += [
        _Needle(_normalise(text, country_forms.CASED), country_forms.CASED, None)
        for text in country_forms.NOT_A_COUNTRY
    ]
    return [needle for needle in needles if len(needle.text) >= 2]


def _matches(text: str, needles: list[_Needle]) -> list[_Match]:
    """Every needle found, then the longest of any overlapping ones (ties at the very same
    words all stay: two people may share a name); in reading order. Words that name
    nothing ("Latin America") are kept too: they are no one's new name either."""
    views = {mode: _view(text, mode) for mode in {n.mode for n in needles}}
    found = [
        _Match(start, end, needle)
        for needle in set(needles)
        for start, end in _occurrences(views[needle.mode], needle.text)
    ]
    kept: list[_Match] = []
    for match in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if not any(
            match.overlaps(k) and (k.start, k.end) != (match.start, match.end) for k in kept
        ):
            kept.append(match)
    return sorted(kept, key=lambda k: (k.start, k.end))


# --- A nationality beside a name -----------------------------------------------------------

# Words that may stand between a nationality and a name ("Spanish human rights activist
# Ana Ríos", "Ana Ríos, de nacionalidad española"), folded.
CONNECTORS = frozenset(
    fold_for_search(
        # English
        "a an the and former fellow dual citizen national activist lawyer journalist "
        "politician opposition leader human rights defender businessman businesswoman "
        "student photographer reporter doctor engineer prisoner detainee who is was born "
        "trade unionist aid worker "
        # Spanish
        "el la los las un una y ciudadano ciudadana de nacionalidad activista abogado "
        "abogada periodista político política opositor opositora dirigente defensor "
        "defensora derechos humanos preso presa detenido detenida fotógrafo fotógrafa "
        "empresario empresaria estudiante sindicalista sindical "
        # German
        "der die den dem ein eine einen staatsbürger staatsbürgerin aktivist aktivistin "
        "anwalt anwältin journalist journalistin oppositionspolitiker "
        "oppositionspolitikerin menschenrechtler menschenrechtlerin"
    ).split()
)
_MAX_CONNECTORS = 4


def _joins(text: str, *, comma_first: bool) -> bool:
    """Whether ``text`` (between a nationality and a name) is only connecting words: at most
    a few, hyphens and spaces, and, after a name, one leading comma or bracket."""
    if comma_first:
        stripped = text.lstrip()
        if stripped[:1] not in {",", "("}:
            return False
        text = stripped[1:]
    words = re.findall(r"[^\W\d_]+", text)
    rest = re.sub(r"[^\W\d_]+", "", text)
    return (
        len(words) <= _MAX_CONNECTORS
        and not rest.strip(" -/")
        and all(fold_for_search(w) in CONNECTORS for w in words)
    )


def _beside(text: str, name: tuple[int, int], matches: list[_Match]) -> list[_Match]:
    """The nationality words (demonym matches) standing beside the name at ``name``."""
    demonyms = [x for x in matches if x.needle.demonym]
    found = []
    for demonym in demonyms:
        if demonym.end <= name[0]:
            between = text[demonym.end : name[0]]
            # Other nationalities between count as connecting ("Spanish-Venezuelan activist").
            for other in demonyms:
                if demonym.end <= other.start and other.end <= name[0]:
                    between = between.replace(text[other.start : other.end], " ", 1)
            if _joins(between, comma_first=False):
                found.append(demonym)
        elif demonym.start >= name[1]:
            between = text[name[1] : demonym.start]
            if _joins(between, comma_first=True):
                found.append(demonym)
    return found


# --- New names -----------------------------------------------------------------------------

RELEASE_WORDS = re.compile(
    r"\b(?:"
    # English
    r"freed|frees|freeing|released?|releases|releasing|set free|walked free|"
    # Spanish (folded: no accents)
    r"liberad[oa]s?|libero|liberaron|liberacion|liberaciones|excarcelad[oa]s?|excarcelo|"
    r"excarcelaron|excarcelacion|excarcelaciones|en libertad|"
    # German (folded)
    r"freigelassen|freigelassene[nr]?|freilassung|freigekommen|entlassen"
    r")\b"
)

# Capitalised words that begin or make up names of things other than people.
NOT_NAMES = frozenset(
    fold_for_search(
        "the a an in on at by for from after before but and if as with this that these those "
        "during despite since while when where also "
        "el la los las un una en de del con por para tras según pero y desde hasta sobre "
        "entre hacia durante ante bajo contra sin también "
        "der die das den dem ein eine im am nach laut und seit aus von bei mit über auch "
        "mr mrs ms dr sr sra srta don doña herr frau "
        "president presidente präsident minister ministro ministra interior foreign "
        "opposition speaker lawmaker general "
        "monday tuesday wednesday thursday friday saturday sunday "
        "lunes martes miércoles jueves viernes sábado domingo "
        "montag dienstag mittwoch donnerstag freitag samstag sonntag "
        "january february march april may june july august september october november "
        "december enero febrero marzo abril mayo junio julio agosto septiembre octubre "
        "noviembre diciembre januar februar märz juni juli oktober dezember"
    ).split()
)
INSTITUTION_WORDS = frozenset(
    fold_for_search(
        "foro penal ministry ministerio ministerium government gobierno regierung rights "
        "watch nations unidas court tribunal party partido partei union unión office "
        "department council consejo prison prisión cárcel airport aeropuerto palace palacio "
        "embassy embajada botschaft news press agency agencia reuters associated presse "
        "university universidad church iglesia assembly asamblea national nacional "
        "committee comité commission comisión republic república house amt amtes "
        "auswärtigen prize premio preis nobel peace social media network ocean océano "
        "sea pacific pacífico atlantic atlántico caribbean caribe city ciudad state estado "
        "new north south east west eastern western northern southern norte sur "
        "este oeste oriental occidental"
    ).split()
)
PARTICLES = frozenset(("de", "del", "la", "las", "los", "da", "das", "do", "dos", "van", "von"))
_WORD = re.compile(r"[^\W\d_][\w'\u2019]*(?:-[^\W\d_][\w'\u2019]*)*")


@dataclass(frozen=True)
class _NewName:
    name: str
    start: int
    end: int


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and any(c.islower() for c in word)


def _name_runs(text: str, left: int, right: int) -> Iterator[list[re.Match]]:
    """Runs of capitalised words (with lower-case particles between them) in one sentence."""
    run: list[re.Match] = []
    for word in _WORD.finditer(text, left, right):
        token = word.group()
        joined = not run or text[run[-1].end() : word.start()] == " "
        if joined and (_is_capitalised(token) or (run and token in PARTICLES)):
            run.append(word)
            continue
        yield run
        run = [word] if _is_capitalised(token) else []
    yield run


def _new_names(
    text: str, left: int, right: int, matches: list[_Match], known: list[tuple[str, ...]]
) -> Iterator[_NewName]:
    for run in _unknown_runs(_name_runs(text, left, right), matches):
        # Drop leading title words and particles, and trailing particles and possessives.
        while run and (
            fold_for_search(run[0].group()) in NOT_NAMES
            or run[0].group() in PARTICLES
            or RELEASE_WORDS.fullmatch(fold_for_search(run[0].group()))
        ):
            run = run[1:]
        while run and run[-1].group() in PARTICLES:
            run = run[:-1]
        words = [fold_for_search(w.group()).removesuffix("'s") for w in run]
        capitalised = [w for w, token in zip(words, run, strict=True) if token.group()[0].isupper()]
        if len(capitalised) < 2 or len(run) > 5:
            continue
        if any(w in INSTITUTION_WORDS or w in NOT_NAMES for w in capitalised):
            continue
        start, end = run[0].start(), run[-1].end()
        name = text[start:end]
        if name.endswith(("'s", "\u2019s")):
            name, end = name[:-2], end - 2
        if any(_contains(names, tuple(words)) for names in known):
            continue  # part of a known name ("San Miguel" of Rocío San Miguel)
        yield _NewName(name, start, end)


def _unknown_runs(runs: Iterable[list[re.Match]], matches: list[_Match]) -> Iterator[list]:
    """The runs cut wherever a word is part of a known name: "Juan Ríos de El Rodeo" gives
    "Juan Ríos de", and "Rocío San Miguel" nothing."""
    for run in runs:
        piece: list[re.Match] = []
        for word in run:
            if any(x.start < word.end() and word.start() < x.end for x in matches):
                yield piece
                piece = []
            else:
                piece.append(word)
        yield piece


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    return any(
        haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1)
    )


def _known_names() -> list[tuple[str, ...]]:
    names = list(m.Person.objects.values_list("name", flat=True))
    names += m.Alias.objects.values_list("name", flat=True)
    return [tuple(fold_for_search(name).split()) for name in names]


# --- Proposals and their reconciliation with what curators decided ------------------------


@dataclass(frozen=True)
class Proposal:
    kind: str
    start: int
    end: int
    person_id: int | None = None
    facility_id: int | None = None
    country_id: int | None = None
    name: str = ""

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
        )

    @property
    def about(self) -> tuple:
        """What the proposal is about, whatever words carry it."""
        if self.kind == Kind.NEW_PERSON:
            return (self.kind, fold_for_search(self.name))
        return (self.kind, self.person_id, self.facility_id, self.country_id)


def _subject_ids(match: _Match) -> dict:
    kind, pk = match.needle.subject
    return {f"{kind}_id": pk}


@dataclass(frozen=True)
class Record:
    """What the record knows, read once for any number of articles."""

    needles: list[_Needle]
    known: list[tuple[str, ...]]  # every name and alias, folded, as words

    @classmethod
    def read(cls) -> "Record":
        return cls(_needles(), _known_names())


def proposals(article: SourceArticle, record: Record) -> Iterator[Proposal]:
    """Every candidate, in reading order, before curators' decisions are applied."""
    text = _masked(article)
    found = _matches(text, record.needles)
    matches = [x for x in found if x.needle.subject]
    for match in matches:
        yield Proposal(Kind.MENTION, match.start, match.end, **_subject_ids(match))
    for person in (x for x in matches if x.needle.subject[0] == "person"):
        for demonym in _beside(text, (person.start, person.end), matches):
            yield Proposal(
                Kind.CITIZENSHIP,
                min(person.start, demonym.start),
                max(person.end, demonym.end),
                person_id=person.needle.subject[1],
                country_id=demonym.needle.subject[1],
            )
    spans = sentences(text)
    releasing = [bool(RELEASE_WORDS.search(fold_for_search(text[a:b]))) for a, b in spans]
    for index, (left, right) in enumerate(spans):
        # Near: in the sentence, or in the next ("…and Ana Ríos. Both were freed on Friday.")
        if not (releasing[index] or releasing[index + 1 : index + 2] == [True]):
            continue
        for new in _new_names(text, left, right, found, record.known):
            beside = _beside(text, (new.start, new.end), matches)
            yield Proposal(
                Kind.NEW_PERSON,
                left,
                right,
                country_id=beside[0].needle.subject[1] if beside else None,
                name=new.name,
            )


def _settled(existing: list[Suggestion]) -> tuple[set, set]:
    """(what is settled by an acceptance, the exact proposals rejected)."""
    accepted, rejected = set(), set()
    for suggestion in existing:
        proposal = Proposal.of(suggestion)
        if suggestion.state == State.ACCEPTED:
            accepted.add(proposal.about)
            if suggestion.person_id:  # a created person is named by this article
                accepted.add((Kind.MENTION, suggestion.person_id, None, None))
        elif suggestion.state == State.REJECTED:
            rejected.add(proposal)
            if proposal.kind == Kind.NEW_PERSON:  # not a person: the name is settled
                accepted.add(proposal.about)
    return accepted, rejected


@transaction.atomic
def suggest_for_article(article: SourceArticle, record: Record | None = None) -> list[Suggestion]:
    """Bring the article's suggestions up to date with the record; returns the new ones."""
    existing = list(article.suggestions.all())
    accepted, rejected = _settled(existing)
    wanted: dict[tuple, Proposal] = {}
    for proposal in proposals(article, record or Record.read()):
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
        )
        for p in wanted.values()
        if p not in pending
    ]
    return Suggestion.objects.bulk_create(made)


def review_url(article: SourceArticle) -> str:
    return reverse("admin:releases_citationsuggestion_review", args=[article.pk])


def suggest_after_ingest(article: SourceArticle) -> IngestNote:
    made = suggest_for_article(article)
    return IngestNote(
        f"{len(made)} suggested citation(s) to review: names of known people, facilities "
        "and countries, nationalities beside names, and new names near release words.",
        review_url(article),
    )


def ingest_with_suggestions(**fields) -> IngestResult:
    """Store a new article (``sources.ingest.ingest_article``) and propose its citations:
    how every way in (the admin, ``ingest_article``) adds an article."""
    with transaction.atomic():
        result = ingest_article(**fields)
        result.notes.append(suggest_after_ingest(result.article))
    return result


def _names_of(record) -> list[str]:
    if isinstance(record, m.Person):
        return [record.name, *record.aliases.values_list("name", flat=True)]
    if isinstance(record, m.Alias):
        return [record.name, record.person.name]
    if isinstance(record, m.Country):
        forms = country_forms.forms_for(record.code, record.name, record.demonym)
        return [form.text for form in forms]
    raise TypeError(f"No names to look for in a {type(record).__name__}.")


def suggest_after_change(record: m.Person | m.Alias | m.Country) -> int:
    """Re-run the suggestions of every article whose text contains a name of this person,
    alias or country (found in the articles' folded search text). Returns how many
    suggestions were made."""
    names = {fold_for_search(name) for name in _names_of(record) if name.strip()}
    if not names:
        return 0
    naming = Q()
    for name in names:
        naming |= Q(search_text__contains=name)
    articles = SourceArticle.objects.filter(naming).prefetch_related("boilerplate_spans")
    record = Record.read()
    return sum(len(suggest_for_article(article, record)) for article in articles)


# --- Accepting and rejecting ---------------------------------------------------------------


def _passage(suggestion: Suggestion) -> Passage:
    passage, _created = Passage.objects.get_or_create(
        article=suggestion.article,
        start=suggestion.start,
        end=suggestion.end,
        defaults={"quote": suggestion.quote},
    )
    return passage


def _create_person(suggestion: Suggestion, passage: Passage) -> m.Person:
    person = m.Person.objects.create(
        name=suggestion.name,
        slug=unique_slug(suggestion.name, m.Person.objects.all(), fallback="person"),
    )
    if suggestion.country_id:
        citizenship = m.Citizenship.objects.create(person=person, country=suggestion.country)
        citizenship.citations.add(passage)
    return person


@transaction.atomic
def accept(suggestion: Suggestion) -> m.Mention | m.Citizenship:
    """Make the suggestion public evidence: a passage of its words, cited by the fact it
    proposes (a mention, a citizenship, or a new person's mention and citizenship)."""
    passage = _passage(suggestion)
    created_person = False
    if suggestion.kind == Kind.CITIZENSHIP:
        fact, _created = m.Citizenship.objects.get_or_create(
            person_id=suggestion.person_id, country_id=suggestion.country_id
        )
    else:
        if suggestion.kind == Kind.NEW_PERSON:
            if suggestion.person_id is None:
                suggestion.person = _create_person(suggestion, passage)
                created_person = True
            named = {"person": suggestion.person}  # its country went to the citizenship
        else:
            named = {
                "person": suggestion.person,
                "facility": suggestion.facility,
                "country": suggestion.country,
            }
        fact = suggestion.mention or m.Mention.objects.create(**named)
        suggestion.mention = fact
    fact.citations.add(passage)
    suggestion.state = State.ACCEPTED
    suggestion.save(update_fields=["state", "mention", "person"])
    if suggestion.person_id:
        refresh_people([suggestion.person_id])
    if created_person:
        suggest_after_change(suggestion.person)
    return fact


def _withdraw_citizenship(suggestion: Suggestion) -> None:
    citizenship = m.Citizenship.objects.filter(
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


@transaction.atomic
def reject(suggestion: Suggestion) -> None:
    """Never publish it; if it was accepted, withdraw the citations it made (a person it
    created stays, uncited, so hidden from the public, for a curator to delete)."""
    if suggestion.state == State.ACCEPTED and suggestion.person_id and suggestion.country_id:
        _withdraw_citizenship(suggestion)
    if suggestion.mention_id:
        suggestion.mention.delete()
    suggestion.state, suggestion.mention = State.REJECTED, None
    suggestion.save(update_fields=["state", "mention"])
    if suggestion.person_id:
        refresh_people([suggestion.person_id])
