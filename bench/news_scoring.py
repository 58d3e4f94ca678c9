"""Score the suggestions on the held-out news corpus (bench/news_corpus): reports written by
someone who had not read the rules, each a ``.txt`` with a ``.yaml`` of hand labels.

Run:  .venv/bin/python bench/news_scoring.py [folder]
On a throw-away database seeded with the project's fixtures, every article is ingested
with suggestions and compared with its labels:

- newly freed people: a ``new_person`` suggestion is right when its name (or a spelling)
  is one of the article's freed people not yet known; any other is wrong (officials,
  relatives, people still held, things that are not people);
- people not freed: those labelled not freed that were proposed as ``other_person``
  (never as freed);
- facilities and nationalities the record lacks: ``new_facility`` / ``new_country``;
- counts: a ``count`` suggestion whose words overlap a labelled count's, right when its
  claimant is the labelled one ("article" for the article's own reporting);
- known entities: mentions of known people, facilities and countries.
"""

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from scratch import ROOT, scratch_django

FOLDER = ROOT / "bench" / "news_corpus"


@dataclass
class Tally:
    right: int = 0
    wrong: int = 0
    found: int = 0
    labelled: int = 0
    notes: list[str] = field(default_factory=list)

    def row(self, label: str) -> str:
        precision = self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0
        recall = self.found / self.labelled if self.labelled else 1.0
        return (
            f"| {label} | {self.right} | {self.wrong} | {precision:.0%} | "
            f"{self.found}/{self.labelled} | {recall:.0%} |"
        )


def _fold(text: str) -> str:
    from sources.search import fold_for_search

    return fold_for_search(text or "")


def _names(entry: dict) -> set[str]:
    return {_fold(entry.get("name", ""))} | {_fold(s) for s in entry.get("spellings") or []}


def _same(name: str, labels: list[dict]) -> dict | None:
    from curation.proposals.gazetteer import same_person

    folded = _fold(name)
    for label in labels:
        for known in _names(label):
            if folded == known or same_person(tuple(folded.split()), tuple(known.split())):
                return label
            if len(folded.split()) >= 2 and (folded in known or known in folded):
                return label
    return None


def _code(nationality: dict) -> str:
    """A labelled nationality's ISO code: given (``code: IT``) or looked up from its
    English country name (``name: Italy``)."""
    import pycountry

    if nationality.get("code"):
        return nationality["code"].upper()
    return pycountry.countries.lookup(nationality["name"]).alpha_2


def _claimant_matches(label: str, claimed_by: str) -> bool:
    from curation.suggestions import engine

    if (label or "article").strip().lower() == "article":
        return claimed_by == engine.counts.OWN_REPORTING
    a, b = _institution(_fold(label)), _institution(_fold(claimed_by))
    if a and b and (a in b or b in a):
        return True
    # "Spokesperson Anouk Desmarais" for "Anouk Desmarais (UN human rights office)",
    # "El Gobierno" for "Diosdado Cabello (Gobierno)": a shared word that names someone.
    common = {"the", "del", "los", "las", "von", "der", "dos", "das", "and", "por"}
    # Hyphens join words: "Foro-Penal-Direktor Alfredo Romero" names Foro Penal.
    a, b = a.replace("-", " "), b.replace("-", " ")
    words_a = {w.strip("()") for w in a.split() if len(w.strip("()")) >= 4} - common
    words_b = {w.strip("()") for w in b.split() if len(w.strip("()")) >= 4} - common
    return bool(words_a & words_b)


# Labels name institutions in English whatever the article's language ("government"
# for "O governo"): the same word in the four languages.
_INSTITUTIONS = {
    "government": ("gobierno", "governo", "regierung"),
    "ministry": ("ministerio", "ministério", "ministerium"),
}


def _institution(folded: str) -> str:
    for english, others in _INSTITUTIONS.items():
        for other in others:
            folded = re.sub(rf"\b{_fold(other)}\b", english, folded)
    return folded


def score(folder: Path) -> dict[str, Tally]:
    from django.core.management import call_command

    from curation.suggestions import ingest_with_suggestions
    from releases.models import CitationSuggestion

    call_command("import_fixtures", verbosity=0)
    SuggestionKind = CitationSuggestion.SuggestionKind
    tallies = {
        key: Tally()
        for key in ("freed", "not_freed", "facilities", "nationalities", "counts", "known")
    }
    for text_path in sorted(folder.glob("*.txt")):
        labels = yaml.safe_load(text_path.with_suffix(".yaml").read_text(encoding="utf-8")) or {}
        text = text_path.read_text(encoding="utf-8")
        title = text.splitlines()[0][:200] if text.strip() else text_path.stem
        result = ingest_with_suggestions(text=text, title=title)
        made = list(result.article.suggestions.select_related("person", "facility", "country"))
        where = text_path.stem

        freed_new = [p for p in labels.get("freed") or [] if not p.get("known")]
        not_freed = labels.get("not_freed") or []
        t = tallies["freed"]
        t.labelled += len(freed_new)
        hit = set()
        for s in (s for s in made if s.kind == SuggestionKind.NEW_PERSON):
            label = _same(s.name, freed_new)
            if label is not None:
                t.right += 1
                hit.add(id(label))
            else:
                t.wrong += 1
                t.notes.append(f"{where}: wrongly freed {s.name!r}")
        t.found += len(hit)
        t.notes += [f"{where}: missed freed {p['name']!r}" for p in freed_new if id(p) not in hit]

        t = tallies["not_freed"]
        t.labelled += len(not_freed)
        for s in (s for s in made if s.kind == SuggestionKind.OTHER_PERSON):
            label = _same(s.name, not_freed)
            if label is not None:
                t.right += 1
                t.found += 1
            elif _same(s.name, freed_new) is None:
                t.wrong += 1
                t.notes.append(f"{where}: other person {s.name!r} ({s.details.get('role')})")

        t = tallies["facilities"]
        new_facilities = [f for f in labels.get("facilities") or [] if not f.get("known")]
        # Sorted, so that which label a suggestion matches never depends on set order (the
        # hash seed): a name exactly labelled first, then one not yet found, then any.
        unique = sorted({frozenset(_names(f)) for f in new_facilities}, key=sorted)
        t.labelled += len(unique)
        hit = set()
        for s in (s for s in made if s.kind == SuggestionKind.NEW_FACILITY):
            name = _fold(s.name)
            near = [u for u in unique if any(name in n or n in name for n in u if n)]
            ranked = sorted(near, key=lambda u: (name not in u, u in hit))
            match = ranked[0] if ranked else None
            if match is not None:
                t.right += 1
                hit.add(match)
            else:
                t.wrong += 1
                t.notes.append(f"{where}: wrong facility {s.name!r}")
        t.found += len(hit)
        t.notes += [f"{where}: missed facility {sorted(u)[0]!r}" for u in unique if u not in hit]

        t = tallies["nationalities"]
        codes = {_code(n) for n in labels.get("nationalities") or [] if not n.get("known")}
        proposed = {s.name.upper() for s in made if s.kind == SuggestionKind.NEW_COUNTRY}
        t.labelled += len(codes)
        t.found += len(codes & proposed)
        t.right += len(proposed & codes)
        t.wrong += len(proposed - codes)
        t.notes += [f"{where}: missed nationality {c}" for c in sorted(codes - proposed)]
        t.notes += [f"{where}: wrong nationality {c}" for c in sorted(proposed - codes)]

        t = tallies["counts"]
        labelled_counts = []
        for count in labels.get("counts") or []:
            # A claim repeated word for word (headline and body) is labelled once for each
            # time it occurs: each label takes the next occurrence.
            at = text.find(count.get("words", ""))
            while at != -1 and any(c[0] == at for c in labelled_counts):
                at = text.find(count["words"], at + 1)
            if at != -1:
                labelled_counts.append((at, at + len(count["words"]), count))
        t.labelled += len(labelled_counts)
        hit = set()
        for s in (s for s in made if s.kind == SuggestionKind.COUNT):
            start, end = s.details.get("words_at", [s.start, s.end])
            match = next((c for c in labelled_counts if c[0] < end and start < c[1]), None)
            if match is None:
                t.wrong += 1
                t.notes.append(f"{where}: wrong count {text[start:end]!r}")
            elif _claimant_matches(
                str(match[2].get("claimant", "article")), s.details.get("claimed_by", "")
            ):
                t.right += 1
                hit.add(id(match))
            else:
                t.wrong += 1
                t.notes.append(
                    f"{where}: count {text[start:end]!r} claimant {s.details.get('claimed_by')!r}"
                    f" (label {match[2].get('claimant')!r})"
                )
        t.found += len(hit)
        t.notes += [
            f"{where}: missed count {c[2]['words']!r}" for c in labelled_counts if id(c) not in hit
        ]

        t = tallies["known"]
        known_people = [p for p in (labels.get("freed") or []) + not_freed if p.get("known")]
        known_facilities = [f for f in labels.get("facilities") or [] if f.get("known")]
        mentions = [s for s in made if s.kind == SuggestionKind.MENTION]
        t.labelled += len(known_people) + len({frozenset(_names(f)) for f in known_facilities})
        for person in known_people:
            if any(s.person_id and _same(s.person.name, [person]) for s in mentions):
                t.found += 1
            else:
                t.notes.append(f"{where}: missed known {person['name']!r}")
        for facility in {frozenset(_names(f)) for f in known_facilities}:
            if any(
                s.facility_id and any(_fold(s.facility.name) in n for n in facility)
                for s in mentions
            ):
                t.found += 1
            else:
                t.notes.append(f"{where}: missed known facility {sorted(facility)[0]!r}")
        for s in mentions:
            if s.person_id:
                ok = _same(s.person.name, known_people) is not None
            elif s.facility_id:
                ok = any(
                    any(_fold(s.facility.name) in n for n in _names(f)) for f in known_facilities
                )
            else:
                continue  # country mentions: named at all, not labelled one by one
            t.right += ok
            t.wrong += not ok
            if not ok:
                t.notes.append(f"{where}: wrong known {s.subject}")
    return tallies


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "-v"]
    folder = Path(args[0]) if args else FOLDER
    scratch_django()
    tallies = score(folder)
    print(f"{len(list(folder.glob('*.txt')))} articles in {folder}")
    print("| what | right | wrong | precision | found | recall |")
    print("|---|---|---|---|---|---|")
    for key, label in (
        ("freed", "newly freed people"),
        ("not_freed", "people not freed, as other people"),
        ("facilities", "facilities the record lacks"),
        ("nationalities", "nationalities the record lacks"),
        ("counts", "count claims (right claimant)"),
        ("known", "known people and facilities"),
    ):
        print(tallies[key].row(label))
    if "-v" in sys.argv:
        for key, tally in tallies.items():
            for note in tally.notes:
                print(f"{key}: {note}")


if __name__ == "__main__":
    main()
