"""Turning a fixture folder into a checked plan, without writing anything.

Every problem found is collected (not only the first), each naming file, line, record and
field. Only a plan with no problem is handed to the writer.

Quote rule: a citation's quote is looked for in the article's text outside its boilerplate
spans (page chrome, repeated blocks). Exactly one occurrence must remain, unless the
citation says ``occurrence: N`` (1-based, in reading order), which picks the N-th.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pycountry
from django.core.exceptions import ValidationError
from django.db import models

from curation.importer.loading import (
    MAX_ARTICLE_BYTES,
    FixtureErrors,
    LocatedMapping,
    Location,
    Problem,
    load_yaml,
    read_utf8,
)
from curation.importer.spec import (
    ARTICLES,
    COUNTRIES,
    SECTIONS,
    SECTIONS_BY_NAME,
    Field,
    Section,
    concrete_field,
    unique_field_groups,
)
from releases.models import CLAIM, ImportRecord
from sources import quotes
from sources.dates import PartialDateError, parse_partial_date
from sources.models import BoilerplateSpan, SourceArticle, sha256_of

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

# What a database CHECK constraint means for the person writing the fixture.
_RULES = {
    "count_value_matches_qualifier": (
        "value",
        "give a value exactly when the qualifier is not 'unspecified' "
        "(an unspecified number has no value)",
    ),
}


@dataclass(frozen=True)
class Citation:
    article: str  # article key
    start: int
    end: int
    quote: str  # the verbatim text at [start:end]
    parts: tuple[str, ...] = ()  # what it supports (``Cited.cited_parts``); () = everything
    # The quote's translation: (text, language, translated_by, method), or () for none.
    translation: tuple[str, str, str, str] | tuple[()] = ()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    note: str


@dataclass
class Planned:
    section: Section
    key: str
    location: Location
    values: dict[str, Any] = field(default_factory=dict)  # model attribute -> value
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)  # attribute -> (kind, key)
    citations: list[Citation] = field(default_factory=list)
    text: str = ""  # articles only
    boilerplate: list[Span] = field(default_factory=list)  # articles only

    @property
    def label(self) -> str:
        return f"{self.section.name}[id={self.key}]"


@dataclass
class Plan:
    root: Path
    records: dict[str, dict[str, Planned]]  # kind -> key -> record, in SECTIONS order
    # Curators' words given in one language only ("roles.yaml:12: roles[id=x]: title_es"):
    # reported, not errors; the pages show the other language, marked.
    missing_translations: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(by_key) for by_key in self.records.values())

    def in_order(self) -> Iterator[tuple[Section, list[Planned]]]:
        for section in SECTIONS:
            yield section, list(self.records.get(section.kind, {}).values())


@dataclass
class _ArticleText:
    text: str
    excluded: list[tuple[int, int]]
    folded: quotes.Folded


class Planner:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.records: dict[str, dict[str, Planned]] = {s.kind: {} for s in SECTIONS}
        self._texts: dict[str, _ArticleText | None] = {}
        self._known_in_db: dict[str, set[str]] = {}

    # -- entry point ------------------------------------------------------------------------

    def build(self) -> Plan:
        if not self.root.is_dir():
            raise FixtureErrors([Problem(Location(str(self.root)), "no such fixture folder")])
        files = sorted(self.root.glob("*.yaml")) + sorted(self.root.glob("*.yml"))
        if not files:
            raise FixtureErrors([Problem(Location(str(self.root)), "no .yaml files in it")])
        raw: list[tuple[Section, LocatedMapping]] = []
        for path in files:
            raw.extend(self._read_file(path))
        # Articles first: their texts are needed to resolve every other record's quotes.
        for section, record in sorted(raw, key=lambda pair: pair[0].kind != ARTICLES.kind):
            self._plan_record(section, record)
        for records in self.records.values():
            for planned in records.values():
                self._check_refs(planned)
        for section in SECTIONS:
            self._check_unique(section)
        if self.problems:
            raise FixtureErrors(self.problems)
        return Plan(self.root, self.records, self._missing_translations())

    def _missing_translations(self) -> list[str]:
        missing = []
        for section in SECTIONS:
            targets = section.translated_targets
            if not targets:
                continue
            for planned in self.records[section.kind].values():
                given: dict[str, dict[str, str | None]] = {}
                for attname, spec in targets.items():
                    given.setdefault(spec.translates, {})[spec.name] = planned.values.get(attname)
                for values in given.values():
                    if any(values.values()):
                        missing += [
                            f"{planned.location}: {planned.label}: {name}"
                            for name, value in values.items()
                            if not value
                        ]
        return missing

    # -- files and records ------------------------------------------------------------------

    def _display(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def _read_file(self, path: Path) -> list[tuple[Section, LocatedMapping]]:
        display = self._display(path)
        try:
            data = load_yaml(path, display)
        except Problem as problem:
            self.problems.append(problem)
            return []
        if data is None:
            return []
        if not isinstance(data, LocatedMapping):
            self.problems.append(
                Problem(Location(display, 1), "expected a mapping of sections (people:, …)")
            )
            return []
        found = []
        for name, items in data.items():
            section = SECTIONS_BY_NAME.get(name)
            if section is None:
                known = ", ".join(SECTIONS_BY_NAME)
                self.problems.append(
                    Problem(data.location, f"unknown section {name!r}; known: {known}")
                )
                continue
            if not isinstance(items, list):
                self.problems.append(Problem(data.location, f"section {name!r} must be a list"))
                continue
            for item in items:
                if not isinstance(item, LocatedMapping):
                    self.problems.append(
                        Problem(data.location, f"every entry of {name!r} must be a mapping")
                    )
                    continue
                found.append((section, item))
        return found

    def _plan_record(self, section: Section, record: LocatedMapping) -> None:
        location = record.location
        key = record.get("id")
        label = f"{section.name}[id={key}]"
        if not isinstance(key, str) or not _KEY.match(key):
            hint = ' (quote it: id: "000")' if isinstance(key, int) else ""
            self._problem(location, label, "id", f"missing or invalid id {key!r}{hint}")
            return
        if section is COUNTRIES and key != key.upper():
            self._problem(location, label, "id", "country ids are upper-case ISO codes")
            return
        existing = self.records[section.kind].get(key)
        if existing is not None:
            self._problem(
                location, label, "id", f"duplicate id; first defined at {existing.location}"
            )
            return
        planned = Planned(section, key, location)
        self.records[section.kind][key] = planned
        for unknown in sorted(set(record) - section.allowed_keys):
            allowed = ", ".join(sorted(section.allowed_keys))
            self._problem(location, label, unknown, f"unknown field; allowed: {allowed}")
        if section.id_field:
            planned.values[section.id_field] = key
        for spec in section.fields:
            self._plan_field(planned, spec, record)
        if section is ARTICLES:
            self._plan_article(planned, record)
        if section is COUNTRIES and pycountry.countries.get(alpha_2=key) is None:
            self._problem(location, label, "id", f"{key!r} is not an ISO 3166-1 alpha-2 code")
        if section.cited:
            self._plan_citations(planned, record.get("cite"))
        self._check_model_fields(planned)

    def _plan_field(self, planned: Planned, spec: Field, record: LocatedMapping) -> None:
        value = record.get(spec.name)
        if value is None or value == "":
            if spec.required:
                self._problem(planned.location, planned.label, spec.name, "required field missing")
                return
            # An optional field left out means the model's default, so that deleting a line
            # from the fixture reverts the row, and a fresh database gets the same data.
            model = planned.section.model
            for attname in (spec.attname,) if isinstance(spec.attname, str) else spec.attname:
                # A translation column is nullable, but "no text" is "" as in the model.
                default = "" if spec.translates else concrete_field(model, attname).get_default()
                planned.values[attname] = default
            return
        problem = self._convert(planned, spec, value)
        if problem:
            self._problem(planned.location, planned.label, spec.name, problem)

    def _convert(self, planned: Planned, spec: Field, value: Any) -> str | None:
        """Store ``value`` on ``planned``; return a message if it is not acceptable."""
        if spec.kind in ("text", "slug", "choice"):
            if not isinstance(value, str):
                return f"expected text, got {type(value).__name__} {value!r} (quote it)"
            if spec.kind == "choice" and value not in spec.choices:
                return f"{value!r} is not one of: {', '.join(spec.choices)}"
            planned.values[spec.column] = value.strip() if spec.kind != "text" else value
        elif spec.kind == "bool":
            if not isinstance(value, bool):
                return f"expected true or false, got {value!r}"
            planned.values[spec.column] = value
        elif spec.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                return f"expected a whole number ≥ 0, got {value!r}"
            planned.values[spec.column] = value
        elif spec.kind == "date":
            try:
                parsed, precision = parse_partial_date(value)
            except PartialDateError as exc:
                return str(exc)
            date_attr, precision_attr = spec.date_columns
            planned.values[date_attr], planned.values[precision_attr] = parsed, precision
        elif spec.kind == "ref":
            if not isinstance(value, str):
                return f"expected the id of a {spec.ref} as text, got {value!r} (quote it)"
            planned.refs[spec.column] = (spec.ref, value)
        return None

    def _check_model_fields(self, planned: Planned) -> None:
        """Let the model's own field validation (lengths, slug and URL formats) speak now,
        before anything is written."""
        names = {
            spec.attname if isinstance(spec.attname, str) else spec.attname[0]: spec.name
            for spec in planned.section.fields
        }
        model = planned.section.model
        values = {k: v for k, v in planned.values.items() if not k.endswith("_id")}
        instance = model(**values)
        exclude = {f.name for f in model._meta.fields if f.attname not in planned.values}
        exclude |= {f.name for f in model._meta.fields if f.is_relation}
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as exc:
            for model_field, messages in exc.message_dict.items():
                yaml_name = names.get(
                    model_field, "id" if model_field == planned.section.id_field else model_field
                )
                for message in messages:
                    self._problem(planned.location, planned.label, yaml_name, message)
            return
        # The table's CHECK constraints, asked now rather than met as an error on writing.
        for constraint in model._meta.constraints:
            if not isinstance(constraint, models.CheckConstraint):
                continue
            try:
                constraint.validate(model, instance, exclude=exclude)
            except ValidationError:
                yaml_name, rule = _RULES.get(constraint.name, ("", f"breaks {constraint.name}"))
                self._problem(planned.location, planned.label, yaml_name, rule)

    # -- articles ---------------------------------------------------------------------------

    def _plan_article(self, planned: Planned, record: LocatedMapping) -> None:
        filename = record.get("file")
        if not isinstance(filename, str) or not filename:
            self._problem(planned.location, planned.label, "file", "required field missing")
            return
        path, problem = self._article_path(filename)
        if problem:
            self._problem(planned.location, planned.label, "file", problem)
            return
        try:
            text = read_utf8(path, self._display(path), MAX_ARTICLE_BYTES)
        except Problem as error:
            self.problems.append(error)
            return
        digest = sha256_of(text)
        expected = record.get("sha256")
        if expected is None:
            self._problem(
                planned.location,
                planned.label,
                "sha256",
                f"required field missing: every article carries its file's sha256 "
                f"(this file's is {digest})",
            )
            return
        if not isinstance(expected, str) or not _SHA256.match(expected):
            self._problem(
                planned.location, planned.label, "sha256", "must be 64 lower-case hex digits"
            )
            return
        if expected != digest:
            self._problem(
                planned.location,
                planned.label,
                "sha256",
                f"the file's sha256 is {digest}, not {expected}: the file was altered",
            )
            return
        planned.text = text
        planned.values.update(filename=Path(filename).name, text=text, sha256=digest)
        planned.boilerplate = self._plan_boilerplate(planned, record.get("boilerplate") or [])
        excluded = [(span.start, span.end) for span in planned.boilerplate]
        self._texts[planned.key] = _ArticleText(text, excluded, quotes.fold(text))

    def _article_path(self, filename: str) -> tuple[Path, str]:
        """The article file named by ``filename``, which must lie inside the fixture folder
        once every link is followed; or a message saying why it may not be read."""
        relative = Path(filename)
        if relative.is_absolute():
            return relative, "must be a path inside the fixture folder, not an absolute path"
        if ".." in relative.parts:
            return relative, "must not leave the fixture folder with '..'"
        try:
            root = self.root.resolve(strict=True)
            path = (root / relative).resolve(strict=True)
        except (OSError, RuntimeError):
            return relative, f"no such file {filename!r}"
        if not path.is_relative_to(root):
            return path, f"{filename!r} links to a file outside the fixture folder"
        if not path.is_file():
            return path, f"{filename!r} is not a regular file"
        return path, ""

    def _plan_boilerplate(self, planned: Planned, items: Any) -> list[Span]:
        spans: list[Span] = []
        if not isinstance(items, list):
            self._problem(planned.location, planned.label, "boilerplate", "must be a list")
            return spans
        kinds = set(BoilerplateSpan.BoilerplateKind.values)
        line_starts = [0] + [i + 1 for i, c in enumerate(planned.text) if c == "\n"]
        for item in items:
            where = getattr(item, "location", planned.location)
            if not isinstance(item, LocatedMapping) or item.get("kind") not in kinds:
                self._problem(
                    where,
                    planned.label,
                    "boilerplate",
                    f"each span needs kind: one of {sorted(kinds)}",
                )
                continue
            lines = item.get("lines")
            match = re.fullmatch(r"(\d+)(?:-(\d+))?", str(lines)) if lines is not None else None
            if not match:
                self._problem(
                    where, planned.label, "boilerplate", "each span needs lines: N or N-M"
                )
                continue
            first, last = int(match[1]), int(match[2] or match[1])
            if not 1 <= first <= last <= len(line_starts):
                self._problem(
                    where,
                    planned.label,
                    "boilerplate",
                    f"lines {lines} are outside the file's {len(line_starts)} lines",
                )
                continue
            start = line_starts[first - 1]
            end = line_starts[last] - 1 if last < len(line_starts) else len(planned.text)
            if end <= start:
                self._problem(where, planned.label, "boilerplate", f"lines {lines} are empty")
                continue
            spans.append(Span(start, end, item["kind"], str(item.get("note") or "")))
        return spans

    def _article_text(self, key: str) -> _ArticleText | None:
        """The text of an article in this plan, or one imported earlier."""
        if key not in self._texts:
            self._texts[key] = None
            record = ImportRecord.objects.filter(kind=ARTICLES.kind, key=key).first()
            article = record and SourceArticle.objects.filter(pk=record.object_id).first()
            if article:
                excluded = list(article.boilerplate_spans.values_list("start", "end"))
                self._texts[key] = _ArticleText(article.text, excluded, quotes.fold(article.text))
        return self._texts[key]

    # -- citations --------------------------------------------------------------------------

    def _plan_citations(self, planned: Planned, items: Any) -> None:
        if not items:
            self._problem(
                planned.location,
                planned.label,
                "cite",
                "no citation: every fact must cite at least one passage",
            )
            return
        if not isinstance(items, list):
            self._problem(planned.location, planned.label, "cite", "must be a list")
            return
        for number, item in enumerate(items, start=1):
            where = getattr(item, "location", planned.location)
            field_name = f"cite[{number}]"
            if not isinstance(item, LocatedMapping):
                self._problem(where, planned.label, field_name, "must be {article: …, quote: …}")
                continue
            unknown = set(item) - {"article", "quote", "occurrence", "for", "translation"}
            if unknown:
                self._problem(where, planned.label, field_name, f"unknown keys {sorted(unknown)}")
            article, quote = item.get("article"), item.get("quote")
            if not isinstance(article, str):
                hint = ' (quote it: article: "003")' if isinstance(article, int) else ""
                self._problem(where, planned.label, field_name, f"article must be an id{hint}")
                continue
            if not isinstance(quote, str) or not quote.strip():
                self._problem(where, planned.label, field_name, "quote must be non-empty text")
                continue
            source = self._article_text(article)
            if source is None:
                self._problem(where, planned.label, field_name, f"unknown article {article!r}")
                continue
            parts = self._parts(where, planned, field_name, item.get("for"))
            translation = self._translation(where, planned, field_name, item.get("translation"))
            citation = self._locate(where, planned.label, field_name, article, source, item)
            if citation is None or parts is None or translation is None:
                continue
            citation = replace(citation, parts=parts, translation=translation)
            if citation not in planned.citations:
                planned.citations.append(citation)

    def _translation(
        self, where: Location, planned: Planned, field_name: str, value: Any
    ) -> tuple[str, str, str, str] | tuple[()] | None:
        """A quote's translation (``translation: {text, language, by, method}``), shown
        beside it, never instead: all four are needed, and the method is human or machine."""
        if value is None:
            return ()
        keys = ("text", "language", "by", "method")
        if not isinstance(value, LocatedMapping) or set(value) != set(keys):
            self._problem(
                where,
                planned.label,
                f"{field_name}.translation",
                f"needs exactly {', '.join(keys)}",
            )
            return None
        text, language, by, method = (value[key] for key in keys)
        if not all(isinstance(v, str) and v.strip() for v in (text, language, by, method)):
            self._problem(where, planned.label, f"{field_name}.translation", "needs non-empty text")
            return None
        if method not in ("human", "machine"):
            self._problem(
                where, planned.label, f"{field_name}.translation.method", "human or machine"
            )
            return None
        return (text, language, by, method)

    def _parts(
        self, where: Location, planned: Planned, field_name: str, value: Any
    ) -> tuple[str, ...] | None:
        """The parts a quote supports (``for:``): one name or a list of them."""
        if value is None:
            return ()
        names = [value] if isinstance(value, str) else value
        allowed = (CLAIM, *planned.section.citable_parts)
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            self._problem(where, planned.label, f"{field_name}.for", "must be a part or a list")
            return None
        unknown = [name for name in names if name not in allowed]
        if unknown:
            self._problem(
                where,
                planned.label,
                f"{field_name}.for",
                f"{', '.join(unknown)}: not a part of this record (it has {', '.join(allowed)})",
            )
            return None
        return tuple(dict.fromkeys(names))

    def _locate(
        self,
        where: Location,
        label: str,
        field_name: str,
        article: str,
        source: _ArticleText,
        item: LocatedMapping,
    ) -> Citation | None:
        quote, occurrence = item["quote"], item.get("occurrence")
        everywhere = quotes.find_all(source.text, quote, source.folded)
        candidates = quotes.outside(everywhere, source.excluded)

        def line_of(span: quotes.Span) -> int:
            return source.text.count("\n", 0, span.start) + 1

        if occurrence is not None:
            if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 1:
                self._problem(where, label, field_name, "occurrence must be a whole number ≥ 1")
                return None
            if occurrence > len(candidates):
                self._problem(
                    where,
                    label,
                    field_name,
                    f"occurrence {occurrence} asked for, but the quote occurs "
                    f"{len(candidates)} time(s) in article {article!r} outside boilerplate",
                )
                return None
            span = candidates[occurrence - 1]
        elif len(candidates) == 1:
            span = candidates[0]
        elif len(candidates) > 1:
            lines = ", ".join(str(line_of(s)) for s in candidates)
            self._problem(
                where,
                label,
                field_name,
                f"ambiguous quote: occurs {len(candidates)} times in article {article!r} "
                f"(lines {lines}); add occurrence: N to choose one",
            )
            return None
        elif everywhere:
            lines = ", ".join(str(line_of(s)) for s in everywhere)
            self._problem(
                where,
                label,
                field_name,
                f"quote occurs only in boilerplate of article {article!r} (line {lines}), "
                "which is not citable",
            )
            return None
        else:
            near, ratio = quotes.closest_match(source.text, quote, source.folded)
            self._problem(
                where,
                label,
                field_name,
                f"quote not found in article {article!r}: {quote!r}; "
                f"closest ({ratio:.0%} similar): {near!r}",
            )
            return None
        return Citation(article, span.start, span.end, source.text[span.start : span.end])

    # -- references -------------------------------------------------------------------------

    def _known(self, kind: str, key: str) -> bool:
        if key in self.records.get(kind, {}):
            return True
        if kind not in self._known_in_db:
            self._known_in_db[kind] = set(
                ImportRecord.objects.filter(kind=kind).values_list("key", flat=True)
            )
        return key in self._known_in_db[kind]

    def _check_refs(self, planned: Planned) -> None:
        names = {spec.attname: spec.name for spec in planned.section.fields}
        for attname, (kind, key) in planned.refs.items():
            if not self._known(kind, key):
                self._problem(
                    planned.location, planned.label, names[attname], f"unknown {kind} {key!r}"
                )

    def _check_unique(self, section: Section) -> None:
        """Two records of one fixture set that the table could not hold together (the same
        alias twice, the same article text twice) are an error in the set, not a conflict
        with a curator."""
        names = {
            spec.attname: spec.name for spec in section.fields if isinstance(spec.attname, str)
        }
        described = {**names, "sha256": "text (sha256)"}
        for group in unique_field_groups(section.model):
            seen: dict[tuple[Any, ...], Planned] = {}
            for planned in self.records[section.kind].values():
                if not all(n in planned.values or n in planned.refs for n in group):
                    continue
                value = tuple(planned.refs.get(n) or planned.values[n] for n in group)
                first = seen.setdefault(value, planned)
                if first is not planned:
                    same = " and ".join(described.get(n, n) for n in group)
                    self._problem(
                        planned.location,
                        planned.label,
                        names.get(group[-1], group[-1]),
                        f"same {same} as {first.label} at {first.location}",
                    )

    def _problem(self, location: Location, record: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(location, message, record=record, field=field_name))


def build_plan(root: Path) -> Plan:
    return Planner(root).build()
