"""Curators' words in both languages, in the admin.

Every admin of a model with translated fields (``releases.translation``) shows each field's
English and Spanish values side by side on one row, filters its list by "translation
missing", and the page at /admin/translations/ lists every record that has a text in one
language only, with a link to fix it."""

from collections.abc import Iterable, Sequence
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from curation.admin.bases import AnyAdminMixin
from releases.translation import LANGUAGES, TRANSLATED_FIELDS, missing_translations

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from curation.admin.bases import FieldRow, FieldsetSpec, ListFilter


def _empty(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def missing_translation_q(model: type[Model]) -> Q:
    """Rows with some translated field written in one language but not in another."""
    gaps = [
        ~_empty(f"{field}_{given}") & _empty(f"{field}_{lacking}")
        for field in TRANSLATED_FIELDS.get(model, ())
        for given in LANGUAGES
        for lacking in LANGUAGES
        if given != lacking
    ]
    return reduce(or_, gaps, Q(pk__in=[]))


def _side_by_side(fields: Sequence["FieldRow"], translated: Iterable[str]) -> list["FieldRow"]:
    """``fields`` with each translated field's languages on one row: ``title_en,
    title_es`` become ``(title_en, title_es)``; a row already grouped keeps them in it."""
    columns = {f"{name}_{lang}": name for name in translated for lang in LANGUAGES}
    rows: list[FieldRow] = []
    for item in fields:
        if isinstance(item, (list, tuple)):
            rows.append(tuple(item))
            continue
        name = columns.get(item)
        previous = rows[-1] if rows else None
        if name and isinstance(previous, tuple) and all(columns.get(p) == name for p in previous):
            rows[-1] = (*previous, item)
        elif name:
            rows.append((item,))
        else:
            rows.append(item)
    return [row[0] if isinstance(row, tuple) and len(row) == 1 else row for row in rows]


class SideBySide(AnyAdminMixin):
    """English and Spanish of each curator's text next to each other."""

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> "FieldsetSpec":
        translated = TRANSLATED_FIELDS.get(self.model, ())
        return [
            (name, {**options, "fields": _side_by_side(options["fields"], translated)})
            for name, options in super().get_fieldsets(request, obj)
        ]


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, "StrPromise"]]:
        return [("missing", _("missing in one language"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "missing":
            return queryset.filter(missing_translation_q(queryset.model))
        return queryset


class BothLanguagesAdmin(SideBySide, TranslationAdmin[Any]):
    """For a model with curators' words: both languages side by side, and the filter."""

    def get_list_filter(self, request: HttpRequest) -> tuple["ListFilter", ...]:
        return (*super().get_list_filter(request), MissingTranslationFilter)


class BothLanguagesInline(SideBySide, TranslationStackedInline[Any, Any]):
    pass


def _change_url(obj: Model) -> str:
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def missing_translations_view(request: HttpRequest) -> TemplateResponse:
    """Every record with a text in one language only, by kind, with what is missing."""
    groups: list[tuple[str, list[dict[str, object]]]] = []
    model: type[Model]
    for model in TRANSLATED_FIELDS:
        rows = [
            {"object": obj, "url": _change_url(obj), "missing": missing_translations(obj)}
            for obj in model._default_manager.filter(missing_translation_q(model))
            .select_related(*getattr(model, "label_related", ()))
            .order_by("pk")
        ]
        if rows:
            groups.append((str(model._meta.verbose_name_plural), rows))
    context = {
        **admin.site.each_context(request),
        "title": gettext("Records missing a translation"),
        "groups": groups,
        "total": sum(len(rows) for _name, rows in groups),
    }
    return TemplateResponse(request, "curation/missing_translations.html", context)
