"""What each section of a curated fixture file may contain.

A section is a top-level list in a YAML file (``people:``, ``releases:`` …). Each record
has an ``id`` that is its stable import key, the fields below, and, for cited records, a
``cite:`` list of ``{article: KEY, quote: "…", occurrence: N, for: [PART, …]}``, where
``for`` (optional) names the parts of the record the quote supports (``claim`` for the
claim itself, or one of the model's ``citable_parts``); without it a quote supports the
whole record.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models

from releases.models import (
    Alias,
    Certainty,
    Cited,
    Citizenship,
    CountClaim,
    Country,
    Detention,
    Facility,
    FacilityReport,
    GrammaticalGender,
    Person,
    Release,
    ReleaseEvent,
    Role,
    Status,
    StatusChange,
)
from releases.translation import LANGUAGES, TRANSLATED_FIELDS
from sources.models import SourceArticle

# Curators' words are written in English under their own name (``title:``) and in Spanish
# beside it (``title_es:``); a missing one is reported, not an error.
DEFAULT_LANGUAGE = LANGUAGES[0]
OTHER_LANGUAGES = LANGUAGES[1:]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | slug | bool | int | date | choice | ref | code
    required: bool = False
    # Model attribute(s) written: one name, or (date, precision) for kind "date".
    target: str | tuple[str, str] = ""
    ref: str = ""  # for kind "ref": the section kind referred to
    choices: tuple[str, ...] = ()
    # For curators' words kept in both languages: the language of this value, and the
    # model field both languages' values belong to ("title" for title_en and title_es).
    language: str = ""
    translates: str = ""

    @property
    def attname(self) -> str | tuple[str, str]:
        if self.target:
            return self.target
        return f"{self.name}_id" if self.kind == "ref" else self.name

    @property
    def column(self) -> str:
        """The one model attribute a value is written to (every kind but "date")."""
        return self.attname if isinstance(self.attname, str) else self.attname[0]

    @property
    def date_columns(self) -> tuple[str, str]:
        """The (date, precision) attributes a "date" value is written to."""
        if isinstance(self.attname, str):
            raise TypeError(f"date field {self.name!r} needs target=(date, precision)")
        return self.attname


@dataclass(frozen=True)
class Section:
    name: str  # the YAML key of the list
    kind: str  # the record kind used in ImportRecord and in references
    model: type[models.Model]
    fields: tuple[Field, ...]
    cited: bool = True  # every record must carry at least one citation
    id_field: str = ""  # the model field the record's id is written to, if any
    extra_keys: tuple[str, ...] = field(default=())

    @property
    def translated_targets(self) -> dict[str, "Field"]:
        """Model attribute → its field, for curators' words kept per language."""
        return {f.attname: f for f in self.fields if f.translates and isinstance(f.attname, str)}

    @property
    def citable_parts(self) -> tuple[str, ...]:
        """The parts of a cited record a quote may support alone."""
        return cited_model(self).citable_parts

    @property
    def allowed_keys(self) -> set[str]:
        keys = {"id", *(f.name for f in self.fields), *self.extra_keys}
        if self.cited:
            keys.add("cite")
        return keys


def unique_field_groups(model: type[models.Model]) -> list[tuple[str, ...]]:
    """The column sets (attnames) whose values the table keeps unique: single unique fields
    and unconditional multi-field unique constraints."""
    groups: list[tuple[str, ...]] = [
        (f.attname,) for f in model._meta.fields if f.unique and not f.primary_key
    ]
    groups += [
        tuple(concrete_field(model, name).attname for name in constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.fields
        and constraint.condition is None
    ]
    return groups


def cited_model(section: Section) -> type[Cited]:
    """The model of a cited section (``cited=True``): every one is a ``Cited``."""
    if not issubclass(section.model, Cited):
        raise TypeError(f"section {section.name!r} is cited but {section.model} is not Cited")
    return section.model


def concrete_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    """A model's own field by name (a unique constraint names only those, never a
    reverse relation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return field


def _choices(enum: type[models.TextChoices]) -> tuple[str, ...]:
    return tuple(enum.values)


_FACT_FIELDS = (
    Field("certainty", "choice", choices=_choices(Certainty)),
    Field("attributed_to", "text"),
    Field("note", "text"),
)

ARTICLES = Section(
    "articles",
    "article",
    SourceArticle,
    (
        Field("slug", "slug", required=True),
        Field("title", "text"),
        Field("outlet", "text"),
        Field("url", "text"),
        Field("language", "text", required=True),
        Field("published", "date", required=True, target=("published_on", "published_precision")),
        Field("published_text", "text"),
        Field("published_note", "text"),
        Field("wire_agency", "text"),
        Field("story_origin", "slug"),
    ),
    cited=False,
    extra_keys=("file", "sha256", "boilerplate"),
)

COUNTRIES = Section(
    "countries",
    "country",
    Country,
    (Field("name", "text", required=True), Field("demonym", "text")),
    cited=False,
    id_field="code",
)

FACILITIES = Section(
    "facilities",
    "facility",
    Facility,
    (
        Field("name", "text", required=True),
        Field("city", "text"),
        Field("description", "text"),
    ),
    id_field="slug",
)

EVENTS = Section(
    "events",
    "event",
    ReleaseEvent,
    (
        Field("title", "text", required=True),
        Field("date", "date", required=True, target=("date", "date_precision")),
        Field("date_text", "text"),
        Field("date_note", "text"),
        Field("description", "text"),
    ),
    id_field="slug",
)

PEOPLE = Section(
    "people",
    "person",
    Person,
    (
        Field("name", "text", required=True),
        Field("is_named", "bool"),
        # Only where the sources say how to refer to them ("she", "her brother").
        Field("grammatical_gender", "choice", choices=_choices(GrammaticalGender)[1:]),
        # Only for people the sources do not name: who they are, in our words.
        Field("description", "text"),
    ),
    cited=False,  # a person is cited through the facts about them
    id_field="slug",
)

ALIASES = Section(
    "aliases",
    "alias",
    Alias,
    (
        Field("person", "ref", required=True, ref="person"),
        Field("name", "text", required=True),
        Field("ambiguous", "bool"),
        *_FACT_FIELDS,
    ),
)

CITIZENSHIPS = Section(
    "citizenships",
    "citizenship",
    Citizenship,
    (
        Field("person", "ref", required=True, ref="person"),
        Field("country", "ref", required=True, ref="country"),
        *_FACT_FIELDS,
    ),
)

ROLES = Section(
    "roles",
    "role",
    Role,
    (
        Field("person", "ref", required=True, ref="person"),
        Field("kind", "choice", required=True, choices=_choices(Role.RoleKind)),
        Field("title", "text", required=True),
        Field("event", "ref", ref="event"),
        *_FACT_FIELDS,
    ),
)

DETENTIONS = Section(
    "detentions",
    "detention",
    Detention,
    (
        Field("person", "ref", required=True, ref="person"),
        Field("facility", "ref", ref="facility"),
        Field("since", "date", target=("since", "since_precision")),
        Field("since_text", "text"),
        Field("reason", "text"),
        *_FACT_FIELDS,
    ),
)

RELEASES = Section(
    "releases",
    "release",
    Release,
    (
        Field("person", "ref", required=True, ref="person"),
        Field("event", "ref", ref="event"),
        Field("facility", "ref", ref="facility"),
        Field("date", "date", required=True, target=("date", "date_precision")),
        Field("with_conditions", "bool"),
        *_FACT_FIELDS,
    ),
)

STATUS_CHANGES = Section(
    "status_changes",
    "status_change",
    StatusChange,
    (
        Field("person", "ref", required=True, ref="person"),
        Field(
            "status",
            "choice",
            required=True,
            choices=tuple(v for v in Status.values if v != Status.UNKNOWN),
        ),
        Field("date", "date", required=True, target=("date", "date_precision")),
        Field("date_text", "text"),
        *_FACT_FIELDS,
    ),
)

COUNTS = Section(
    "counts",
    "count",
    CountClaim,
    (
        Field("event", "ref", ref="event"),
        Field("country", "ref", ref="country"),
        Field("subject", "text", required=True),
        Field("metric", "choice", required=True, choices=_choices(CountClaim.Metric)),
        Field("value", "int"),
        Field("qualifier", "choice", required=True, choices=_choices(CountClaim.Qualifier)),
        Field("value_text", "text", required=True),
        Field("claimed_by", "text", required=True),
        Field("claimant", "ref", ref="person"),
        Field("verification", "choice", choices=_choices(CountClaim.Verification)),
        Field("as_of", "date", target=("as_of", "as_of_precision")),
        Field("as_of_text", "text"),
        Field("curator_note", "text"),
        *_FACT_FIELDS,
    ),
)

FACILITY_REPORTS = Section(
    "facility_reports",
    "facility_report",
    FacilityReport,
    (
        Field("facility", "ref", required=True, ref="facility"),
        Field("event", "ref", ref="event"),
        Field("text", "text", required=True),
        *_FACT_FIELDS,
    ),
)


def _bilingual(section: Section) -> Section:
    """The section with each of its model's translated fields written per language: the
    English value under the field's own name (``title``, into ``title_en``) and the
    Spanish one beside it (``title_es``)."""
    translated = TRANSLATED_FIELDS.get(section.model, ())
    if not translated:
        return section
    fields: list[Field] = []
    for spec in section.fields:
        if spec.name not in translated:
            fields.append(spec)
            continue
        fields.append(
            replace(
                spec,
                target=f"{spec.name}_{DEFAULT_LANGUAGE}",
                language=DEFAULT_LANGUAGE,
                translates=spec.name,
            )
        )
        fields += [
            Field(
                f"{spec.name}_{lang}",
                "text",
                target=f"{spec.name}_{lang}",
                language=lang,
                translates=spec.name,
            )
            for lang in OTHER_LANGUAGES
        ]
    return replace(section, fields=tuple(fields))


# Write order: every section after the sections it refers to.
SECTIONS: tuple[Section, ...] = tuple(
    _bilingual(section)
    for section in (
        ARTICLES,
        COUNTRIES,
        FACILITIES,
        EVENTS,
        PEOPLE,
        ALIASES,
        CITIZENSHIPS,
        ROLES,
        DETENTIONS,
        RELEASES,
        STATUS_CHANGES,
        COUNTS,
        FACILITY_REPORTS,
    )
)

SECTIONS_BY_NAME = {section.name: section for section in SECTIONS}
SECTIONS_BY_KIND = {section.kind: section for section in SECTIONS}
