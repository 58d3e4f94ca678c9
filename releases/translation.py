"""Curators' own words in English and Spanish (django-modeltranslation).

Every text a curator writes and a reader sees has a column per language (``title_en``,
``title_es``): event titles and descriptions, role titles, detention reasons, who is counted
and who claims it, facility descriptions and reports, descriptions of people the sources do
not name, and every fact's ``attributed_to`` and ``note``. Reading ``title`` gives the
active language's value, or the other's when it is missing (``releases.translated`` says
which, so that pages can mark it). Names, quotes, the sources' own words (``date_text``,
``value_text``) and article text have no language of ours and are never translated.

The history tables (django-simple-history) get the same columns, so that a revert brings
back both languages.
"""

from django.db.models import Expression, F, Model, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from modeltranslation.translator import TranslationOptions, translator

from releases.models import (
    Alias,
    Citizenship,
    CountClaim,
    Detention,
    Facility,
    FacilityReport,
    Mention,
    Person,
    Release,
    ReleaseEvent,
    Role,
    StatusChange,
)

_FACT = ("attributed_to", "note")

# Model → its translated fields, in the order the admin and the importer show them.
TRANSLATED_FIELDS: dict[type[Model], tuple[str, ...]] = {
    Person: ("description",),
    Facility: ("description",),
    ReleaseEvent: ("title", "description", "date_note"),
    Alias: _FACT,
    Citizenship: _FACT,
    Role: ("title", *_FACT),
    Detention: ("reason", *_FACT),
    Release: _FACT,
    StatusChange: _FACT,
    CountClaim: ("subject", "claimed_by", *_FACT),
    FacilityReport: ("text", *_FACT),
    Mention: _FACT,
}


def _register(model: type[Model], fields: tuple[str, ...]) -> None:
    options = type(f"{model.__name__}TranslationOptions", (TranslationOptions,), {"fields": fields})
    translator.register(model, options)


for _model, _fields in TRANSLATED_FIELDS.items():
    _register(_model, _fields)
    # The history table of the model (django-simple-history's ``history`` manager).
    _register(getattr(_model, "history").model, _fields)  # noqa: B009


LANGUAGES = ("en", "es")


def is_translated(obj, field: str) -> bool:
    """Whether ``field`` of ``obj`` is curators' words, kept per language. An object that is
    not a model (a row of the facts list) says which of its fields are (``translated``)."""
    return field in TRANSLATED_FIELDS.get(type(obj), getattr(obj, "translated", ()))


def in_language(obj, field: str, language: str) -> str:
    """The value written in ``language`` only (no fallback), "" when there is none."""
    if not is_translated(obj, field):
        return getattr(obj, field) or ""
    return getattr(obj, f"{field}_{language}") or ""


def shown(obj, field: str, language: str) -> tuple[str, str]:
    """What a reader of ``language`` sees, and the language it is in: the value in their
    language, else the other's (a fallback, which the pages mark), else ""."""
    if not is_translated(obj, field):
        return getattr(obj, field) or "", language
    for lang in (language, *(other for other in LANGUAGES if other != language)):
        value = getattr(obj, f"{field}_{lang}")
        if value:
            return value, lang
    return "", language


def both(obj, field: str) -> dict[str, str | None]:
    """Every language's value ({"en": …, "es": …}, None where missing), for exports."""
    return {lang: in_language(obj, field, lang) or None for lang in LANGUAGES}


def every_language(obj, field: str) -> list[str]:
    """The values written in any language, each once and none empty (what a search in
    either language matches)."""
    return list(
        dict.fromkeys(v for v in (in_language(obj, field, lang) for lang in LANGUAGES) if v)
    )


def missing_translations(obj) -> list[str]:
    """The translated fields that have a value in one language only ("title_es")."""
    missing = []
    for field in TRANSLATED_FIELDS.get(type(obj), ()):
        values = {lang: in_language(obj, field, lang) for lang in LANGUAGES}
        if any(values.values()):
            missing += [f"{field}_{lang}" for lang, value in values.items() if not value]
    return missing


def is_translated_path(model, path: str) -> bool:
    """Whether ``path`` ("event__title", from ``model``) ends at a translated field."""
    *relations, leaf = path.split("__")
    for name in relations:
        model = model._meta.get_field(name).related_model
    return leaf in TRANSLATED_FIELDS.get(model, ())


def column(model, path: str, prefix: str = "", default: Expression | None = None) -> Expression | F:
    """A query column for ``path`` from ``model`` (written ``prefix + path`` in the query):
    a translated field reads the active language's column, else the other's (what
    ``shown`` gives a page), else ``default`` (""); any other field reads as it is."""
    if not is_translated_path(model, path):
        return F(prefix + path)
    language = get_language() or "en"
    order = (language, *(other for other in LANGUAGES if other != language))
    return Coalesce(
        *(NullIf(F(f"{prefix}{path}_{lang}"), Value("")) for lang in order),
        default if default is not None else Value(""),
        output_field=TextField(),
    )
