"""Writing a checked plan in one transaction, without trampling curators' edits.

For each record the importer keeps an ``ImportRecord``: the object it wrote and a
fingerprint of the state it wrote. On the next run, for a record whose object exists:

- current state == fixture state            → unchanged (nothing is written);
- current state == what we last wrote       → nobody touched it: updated to the fixture;
- otherwise someone edited it since (admin) → conflict: the curator's version is kept,
  the record is skipped and reported. With ``strict=True`` any conflict aborts the whole
  import instead, leaving the database as it was.

A record whose object was deleted since the last import is a conflict too (never silently
re-created), and so is a new record whose natural key is already taken by a row the
importer did not create.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction

from curation.importer.plan import Citation, Plan, Planned
from curation.importer.spec import ARTICLES, DEFAULT_LANGUAGE, Section, unique_field_groups
from releases import derived
from releases.models import Cited, ImportRecord
from sources.models import BoilerplateSpan, Passage, SourceArticle
from sources.services import set_boilerplate

CREATED, UPDATED, UNCHANGED, CONFLICT = "created", "updated", "unchanged", "conflict"
OUTCOMES = (CREATED, UPDATED, UNCHANGED, CONFLICT)

ProgressCallback = Callable[[str, int, int], None]

# The key of the PostgreSQL advisory lock that one import holds at a time.
IMPORT_LOCK_KEY = 0x72656C65617365  # "release"


@contextmanager
def one_import_at_a_time(on_wait: Callable[[], None]) -> Iterator[None]:
    """A transaction that no other import runs beside: plan and write inside it.

    PostgreSQL: a transaction-level advisory lock; a second import calls ``on_wait`` and
    waits for the first to commit, then sees its rows. SQLite: settings open every
    transaction IMMEDIATE, which takes the database's one write lock at once; a second
    import waits for it up to the busy timeout, then fails with OperationalError
    ("database is locked"), having written nothing.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
                if not cursor.fetchone()[0]:
                    on_wait()
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        yield


@dataclass
class Report:
    by_kind: dict[str, Counter[str]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    passages_created: int = 0
    missing_translations: list[str] = field(default_factory=list)
    passages_translated: int = 0

    def count(self, kind: str, outcome: str) -> None:
        self.by_kind.setdefault(kind, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.by_kind.values())

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.total(CREATED)
            or self.total(UPDATED)
            or self.passages_created
            or self.passages_translated
        )


class ConflictsFound(Exception):
    def __init__(self, report: Report):
        self.report = report
        super().__init__(f"{len(report.conflicts)} conflict(s)")


def _cited(article_id: int, start: int, end: int, parts: Collection[str]) -> list[Any]:
    """A citation in a record's state: where it is, and the parts it supports only when it
    doesn't support the whole record (so states written before parts existed still match)."""
    return [article_id, start, end, *([sorted(parts)] if parts else [])]


def _as_json(state: dict[str, Any]) -> dict[str, Any]:
    """The state as it reads back from JSON (dates as text, tuples as lists)."""
    decoded: dict[str, Any] = json.loads(json.dumps(state, default=str))
    return decoded


def _as_cited(obj: models.Model) -> Cited:
    """The object of a cited section (``Section.cited``): a ``Cited`` record."""
    if not isinstance(obj, Cited):
        raise TypeError(f"{type(obj).__name__} is not a cited record")
    return obj


def _as_article(obj: models.Model) -> SourceArticle:
    """The object of the articles section."""
    if not isinstance(obj, SourceArticle):
        raise TypeError(f"{type(obj).__name__} is not an article")
    return obj


def _fingerprint(state: dict[str, Any]) -> str:
    encoded = json.dumps(state, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _comparable(section: Section, state: dict[str, Any]) -> dict[str, Any]:
    """A record's state as fingerprints hold it: curators' words in English under the
    field's own name and other languages only when given, so that a record written before
    the record had two languages, and untouched since, still matches what was written."""
    comparable = {}
    for name, value in state.items():
        spec = section.translated_targets.get(name)
        if spec is None:
            comparable[name] = value
        elif spec.language == DEFAULT_LANGUAGE:
            comparable[spec.translates] = value or ""
        elif value:
            comparable[name] = value
    return comparable


class Writer:
    def __init__(self, plan: Plan, progress: ProgressCallback | None = None):
        self.plan = plan
        self.progress = progress
        self.report = Report()
        self.ids: dict[tuple[str, str], int] = {
            (kind, key): object_id
            for kind, key, object_id in ImportRecord.objects.values_list("kind", "key", "object_id")
        }
        self.passages: dict[tuple[int, int, int], int] = {}

    def run(self) -> Report:
        self.passages = {
            (article_id, start, end): pk
            for pk, article_id, start, end in Passage.objects.values_list(
                "pk", "article_id", "start", "end"
            )
        }
        total, done = len(self.plan), 0
        for section, records in self.plan.in_order():
            if not records:
                continue
            existing = self._load_existing(section, records)
            for planned in records:
                self._write(section, planned, existing)
                done += 1
                if self.progress:
                    self.progress(section.name, done, total)
        return self.report

    # -- state ------------------------------------------------------------------------------

    def _load_existing(self, section: Section, records: list[Planned]) -> dict[int, models.Model]:
        object_ids = [
            self.ids[(section.kind, p.key)] for p in records if (section.kind, p.key) in self.ids
        ]
        queryset = section.model._default_manager.filter(pk__in=object_ids)
        if section.cited:
            queryset = queryset.prefetch_related("citations")
        if section is ARTICLES:
            queryset = queryset.prefetch_related("boilerplate_spans")
        return {obj.pk: obj for obj in queryset}

    def _attributes(self, planned: Planned) -> dict[str, Any]:
        values = dict(planned.values)
        for attname, (kind, key) in planned.refs.items():
            values[attname] = self.ids[(kind, key)]
        return values

    def _state_of(
        self, section: Section, obj: models.Model, attributes: dict[str, Any]
    ) -> dict[str, Any]:
        state = _comparable(
            section, {name: getattr(obj, name) for name in attributes if name != "text"}
        )
        if section.cited:
            cited = _as_cited(obj)
            state["citations"] = sorted(
                _cited(p.article_id, p.start, p.end, cited.parts_cited_by(p.pk))
                for p in cited.citations.all()
            )
        if section is ARTICLES:
            state["boilerplate"] = sorted(
                [s.start, s.end, s.kind, s.note] for s in _as_article(obj).boilerplate_spans.all()
            )
        return _as_json(state)

    def _desired_state(
        self, section: Section, planned: Planned, attributes: dict[str, Any]
    ) -> dict[str, Any]:
        state = _comparable(
            section, {name: value for name, value in attributes.items() if name != "text"}
        )
        if section.cited:
            state["citations"] = sorted(
                _cited(self._article_id(c.article), c.start, c.end, c.parts)
                for c in planned.citations
            )
        if section is ARTICLES:
            state["boilerplate"] = sorted(
                [s.start, s.end, s.kind, s.note] for s in planned.boilerplate
            )
        return _as_json(state)

    def _article_id(self, key: str) -> int:
        return self.ids[(ARTICLES.kind, key)]

    # -- writing ----------------------------------------------------------------------------

    def _write(self, section: Section, planned: Planned, existing: dict[int, models.Model]) -> None:
        attributes = self._attributes(planned)
        desired = self._desired_state(section, planned, attributes)
        fingerprint = _fingerprint(desired)
        object_id = self.ids.get((section.kind, planned.key))
        if object_id is None:
            clash = self._clashing_object(section.model, attributes)
            if clash is not None:
                self._conflict(
                    section,
                    planned,
                    f"a {section.model._meta.verbose_name} with the same "
                    f"key already exists (#{clash.pk}) and was not created by the importer",
                )
                self.ids[(section.kind, planned.key)] = clash.pk
                return
            new = section.model(**attributes)
            new.save()
            self._write_related(section, planned, new)
            ImportRecord.objects.create(
                kind=section.kind, key=planned.key, object_id=new.pk, fingerprint=fingerprint
            )
            self.ids[(section.kind, planned.key)] = new.pk
            self.report.count(section.kind, CREATED)
            return
        record = ImportRecord.objects.get(kind=section.kind, key=planned.key)
        obj = existing.get(object_id)
        if obj is None:
            self._conflict(section, planned, "deleted since the last import; not re-created")
            return
        if section is ARTICLES and _as_article(obj).sha256 != attributes["sha256"]:
            self._conflict(
                section, planned, "stored text differs from the file; texts are never replaced"
            )
            return
        current = self._state_of(section, obj, attributes)
        if current == desired:
            if record.fingerprint != fingerprint:
                # A curator made exactly the fixture's change: adopt it silently.
                record.fingerprint = fingerprint
                record.save(update_fields=["fingerprint"])
            self.report.count(section.kind, UNCHANGED)
            return
        if _fingerprint(current) != record.fingerprint:
            self._conflict(section, planned, "edited since the last import; kept the edit")
            return
        for name, value in attributes.items():
            setattr(obj, name, value)
        obj.save()
        self._write_related(section, planned, obj)
        record.fingerprint = fingerprint
        record.save(update_fields=["fingerprint"])
        self.report.count(section.kind, UPDATED)

    def _write_related(self, section: Section, planned: Planned, obj: models.Model) -> None:
        if section is ARTICLES:
            article = _as_article(obj)
            set_boilerplate(
                article=article,
                spans=[
                    BoilerplateSpan(
                        article=article, start=s.start, end=s.end, kind=s.kind, note=s.note
                    )
                    for s in planned.boilerplate
                ],
            )
        if section.cited:
            cited = _as_cited(obj)
            passages = [(self._passage_id(c), c.parts) for c in planned.citations]
            parts = {str(pk): list(names) for pk, names in passages if names}
            if parts != cited.cited_parts:
                cited.cited_parts = parts
                cited.save(update_fields=["cited_parts"])
            cited.citations.set([pk for pk, _names in passages])

    def _passage_id(self, citation: Citation) -> int:
        article_id = self._article_id(citation.article)
        span = (article_id, citation.start, citation.end)
        if span not in self.passages:
            passage = Passage.objects.create(
                article_id=article_id, start=citation.start, end=citation.end, quote=citation.quote
            )
            self.passages[span] = passage.pk
            self.report.passages_created += 1
        if citation.translation:
            self._translate(self.passages[span], citation.translation)
        return self.passages[span]

    def _translate(self, passage_id: int, translation: tuple[str, str, str, str]) -> None:
        """Give the passage the fixture's translation, if it has another. A translation the
        fixture leaves out is kept: a curator may have given it in the admin."""
        passage = Passage.objects.get(pk=passage_id)
        fields = ("translation", "translation_language", "translated_by", "translation_method")
        if tuple(getattr(passage, name) for name in fields) == translation:
            return
        for name, value in zip(fields, translation, strict=True):
            setattr(passage, name, value)
        # A plain save: the records citing it are refreshed (``releases.receivers``).
        passage.save(update_fields=list(fields))
        self.report.passages_translated += 1

    def _clashing_object(
        self, model: type[models.Model], attributes: dict[str, Any]
    ) -> models.Model | None:
        """A row that would violate one of the model's unique rules if we inserted ours."""
        for group in unique_field_groups(model):
            if all(name in attributes for name in group):
                clash = model._default_manager.filter(
                    **{name: attributes[name] for name in group}
                ).first()
                if clash is not None:
                    return clash
        return None

    def _conflict(self, section: Section, planned: Planned, why: str) -> None:
        self.report.count(section.kind, CONFLICT)
        self.report.conflicts.append(f"{planned.location}: {planned.label}: {why}")


def apply_plan(
    plan: Plan, *, strict: bool = False, progress: ProgressCallback | None = None
) -> Report:
    # One batch: each record's writes only say what they touched, and the derived data of
    # everything touched is refreshed once, at the end, inside the same transaction.
    with transaction.atomic(), derived.batch():
        report = Writer(plan, progress).run()
        report.missing_translations = plan.missing_translations
        if strict and report.conflicts:
            raise ConflictsFound(report)
    return report
