"""A labelled test set for citation suggestions, written for this project (no third-party
text): short articles in English, Spanish and German under this folder, each a YAML file
with the text, its boilerplate, and what a careful curator finds in it:

- ``known``: every known person, facility or country the body names (``kind:key``), with
  every form of words that names it;
- ``citizenships``: (person, country code) pairs where a nationality stands beside a name;
- ``new_people``: people not in the record, ``freed`` (reported released) and ``other``.

``record.yaml`` is the record they are scanned against. ``evaluate()`` builds it in the
current database, ingests every article, and scores the suggestions.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from curation import suggestions
from curation.suggestions import ingest_with_suggestions
from releases.models import Alias, CitationSuggestion, Country, Facility, Person
from sources.models import BoilerplateSpan, Passage
from sources.services import set_boilerplate

HERE = Path(__file__).parent
SuggestionKind = CitationSuggestion.SuggestionKind


@dataclass
class Score:
    right: int = 0
    wrong: int = 0
    found: int = 0  # labelled items suggested
    labelled: int = 0
    mistakes: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0


@dataclass
class Scores:
    articles: int = 0
    known: Score = field(default_factory=Score)
    citizenships: Score = field(default_factory=Score)
    new_people: Score = field(default_factory=Score)
    by_language: dict[str, Score] = field(default_factory=dict)


def build_record() -> None:
    record = yaml.safe_load((HERE / "record.yaml").read_text(encoding="utf-8"))
    for country in record["countries"]:
        Country.objects.create(**country)
    for facility in record["facilities"]:
        Facility.objects.create(**facility)
    source = ingest_with_suggestions(
        text="Names as the record has them.", title="The record"
    ).article
    passage = Passage.objects.create(article=source, start=0, end=5, quote=source.text[:5])
    for entry in record["people"]:
        person = Person.objects.create(slug=entry["slug"], name=entry["name"])
        for alias in entry.get("aliases", []):
            # An alias is only suggested once published (cited).
            made = Alias.objects.create(person=person, **alias)
            made.citations.add(passage)


def _ingest(name: str, labels: dict):
    article = ingest_with_suggestions(
        text=labels["text"], title=name, language=labels["language"]
    ).article
    spans = []
    for chrome in labels.get("boilerplate", []):
        start = article.text.index(chrome)
        spans.append(
            BoilerplateSpan(article=article, start=start, end=start + len(chrome), kind="chrome")
        )
    set_boilerplate(article=article, spans=spans)
    return article


def _subject_key(suggestion) -> str:
    if suggestion.person_id:
        return f"person:{suggestion.person.slug}"
    if suggestion.facility_id:
        return f"facility:{suggestion.facility.slug}"
    return f"country:{suggestion.country.code}"


def _score_article(name: str, labels: dict, scores: Scores) -> None:
    article = _ingest(name, labels)
    suggestions.suggest_for_article(article)
    made = list(article.suggestions.select_related("person", "facility", "country"))
    language = scores.by_language.setdefault(labels["language"], Score())
    known = labels["known"]
    hit = set()
    for suggestion in (s for s in made if s.kind == SuggestionKind.MENTION):
        key = _subject_key(suggestion)
        if suggestion.quote in known.get(key, ()):
            hit.add(key)
            scores.known.right += 1
            language.right += 1
        else:
            scores.known.wrong += 1
            language.wrong += 1
            scores.known.mistakes.append(f"{name}: “{suggestion.quote}” → {key}")
    for key in known:
        scores.known.labelled += 1
        language.labelled += 1
        if key in hit:
            scores.known.found += 1
            language.found += 1
        else:
            scores.known.misses.append(f"{name}: {key}")

    expected = {tuple(pair) for pair in labels.get("citizenships", [])}
    proposed = {
        (s.person.slug, s.country.code) for s in made if s.kind == SuggestionKind.CITIZENSHIP
    }
    _score_sets(scores.citizenships, name, proposed, expected, expected)

    new = labels.get("new_people", {})
    freed, other = set(new.get("freed", [])), set(new.get("other", []))
    proposed = {s.name for s in made if s.kind == SuggestionKind.NEW_PERSON}
    _score_sets(scores.new_people, name, proposed, freed | other, freed)


def _score_sets(score: Score, name: str, proposed: set, right: set, wanted: set) -> None:
    """Precision against every right answer; recall against the ones that must be found."""
    score.right += len(proposed & right)
    score.wrong += len(proposed - right)
    score.mistakes += [f"{name}: {item}" for item in sorted(proposed - right)]
    score.labelled += len(wanted)
    score.found += len(proposed & wanted)
    score.misses += [f"{name}: {item}" for item in sorted(wanted - proposed)]


def evaluate() -> Scores:
    """Build the record, ingest every article, and score. Needs an empty database."""
    build_record()
    scores = Scores()
    for path in sorted(HERE.glob("*.yaml")):
        if path.name == "record.yaml":
            continue
        labels = yaml.safe_load(path.read_text(encoding="utf-8"))
        _score_article(path.stem, labels, scores)
        scores.articles += 1
    return scores
