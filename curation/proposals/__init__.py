"""Reading a news report for what the record should gain: the known people, facilities
and countries it names, nationalities beside names, new people with what the text says
they are (freed, still held, an official …), new facilities, new countries, and counts.

Pure Python over the text and a ``Gazetteer`` of the record (no database): ``read(text,
gazetteer)`` gives a ``Reading``; ``curation.suggestions`` turns it into suggestions a
curator reviews. Every finding carries the offsets of the words that support it."""

from dataclasses import dataclass, field

from curation.proposals import counts, facilities, nationality, people
from curation.proposals.counts import Count
from curation.proposals.facilities import NewFacility
from curation.proposals.gazetteer import (
    COUNTRY,
    FACILITY,
    NOTHING,
    PERSON,
    Found,
    Gazetteer,
    Layered,
    same_person,
)
from curation.proposals.people import FREED, NewPerson
from curation.proposals.people import Reading as PersonReading
from curation.proposals.text import fold, sentences

__all__ = ["Count", "Gazetteer", "NewFacility", "NewPerson", "Reading", "read", "sentences"]


@dataclass(frozen=True)
class Citizenship:
    person: int  # a known person's key
    country: str  # ISO code
    start: int
    end: int


@dataclass(frozen=True)
class NewCountry:
    code: str
    start: int
    end: int


@dataclass
class Person(NewPerson):
    """A new person, with what the text says beside their name."""

    country: str = ""  # ISO code of a nationality beside a naming
    country_at: tuple[int, int] | None = None
    facility: str = ""  # a facility named in the sentence that frees them
    same_as: list[int] = field(default_factory=list)  # known people probably the same


@dataclass
class Reading:
    known: list[Found]
    citizenships: list[Citizenship]
    people: list[Person]
    facilities: list[NewFacility]
    countries: list[NewCountry]
    counts: list[Count]


def _merge_spellings(readings: list[PersonReading]) -> list[Person]:
    """One person per name however spelt in the article: "Kenny Tejeda Jiménez" and later
    "Kennedy Tejeda" are one."""
    merged: list[Person] = []
    for reading in readings:
        if reading.mention_of is not None:
            continue
        words = tuple(fold(reading.name).split())
        for person in merged:
            if any(_same(words, tuple(fold(other.name).split())) for other in person.readings):
                person.readings.append(reading)
                break
        else:
            merged.append(Person(readings=[reading]))
    # A surname's later mention belongs with the naming it was read as of.
    for reading in readings:
        for person in merged:
            if any(other.start == reading.mention_of for other in person.readings):
                person.readings.append(reading)
    return merged


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) >= 2 and len(b) >= 2:
        shorter, longer = sorted((a, b), key=len)
        if any(longer[i : i + len(shorter)] == shorter for i in range(len(longer))):
            return True
    return same_person(a, b)


def read(text: str, gazetteer: Gazetteer | Layered) -> Reading:
    spans = sentences(text)
    found = gazetteer.find(text)
    known = [f for f in found if f.entry.kind in (PERSON, FACILITY, COUNTRY) and f.entry.known]
    demonyms = nationality.demonyms(text, found)
    # A known person's key is their primary key, a country's its ISO code (an entry's key
    # may be either).
    citizenships = [
        Citizenship(int(f.entry.key), str(d.entry.key), min(f.start, d.start), max(f.end, d.end))
        for f in found
        if f.entry.kind == PERSON
        for d in nationality.beside(text, (f.start, f.end), demonyms)
        if d.entry.known
    ]
    new_people = _merge_spellings(people.read(text, spans, found))
    new_facilities = facilities.read(text, found)
    for person in new_people:
        for reading in person.readings:
            beside = nationality.beside(text, (reading.start, reading.end), demonyms)
            if beside and not person.country:
                person.country, person.country_at = (
                    str(beside[0].entry.key),
                    (
                        beside[0].start,
                        beside[0].end,
                    ),
                )
            if reading.role == FREED and not person.facility:
                person.facility = _facility_in(reading.sentence, found, new_facilities)
        person.same_as = gazetteer.lookalikes(person.name)
    countries: dict[str, NewCountry] = {}
    for demonym in demonyms + nationality.of_citizens(text, found):
        if not demonym.entry.known:
            countries.setdefault(
                str(demonym.entry.key),
                NewCountry(str(demonym.entry.key), demonym.start, demonym.end),
            )
    return Reading(
        known=[f for f in known if f.entry.kind != NOTHING],
        citizenships=citizenships,
        people=new_people,
        facilities=new_facilities,
        countries=list(countries.values()),
        counts=counts.read(text, spans, found),
    )


def _facility_in(sentence: tuple[int, int], found: list[Found], new: list[NewFacility]) -> str:
    """The facility named in the sentence: a known one's key as "pk:<n>", a new one's name."""
    left, right = sentence
    for match in found:
        if match.entry.kind == FACILITY and left <= match.start < right:
            return f"pk:{match.entry.key}"
    for facility in new:
        if left <= facility.start < right:
            return facility.name
    return ""
