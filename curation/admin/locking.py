"""No lost edits in the admin (``curation.versions``): every curated model's change form
carries the version it was opened at and refuses a save past it."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Model
from django.http import HttpRequest

from curation.admin.bases import AdminMixin
from curation.versions import SEEN, VersionCheckedForm

if TYPE_CHECKING:
    from curation.admin.bases import FieldsetSpec


class NoLostEdits(AdminMixin):
    """For a curated model's admin (before SimpleHistoryAdmin among its bases)."""

    def get_form(
        self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        if obj is not None:
            base: type[forms.ModelForm[Any]] = kwargs.get("form", self.form)
            # Made by the form's own metaclass, as a class statement would.
            metaclass: type[type] = type(base)
            kwargs["form"] = metaclass(base.__name__, (VersionCheckedForm, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> "FieldsetSpec":
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(SEEN in options["fields"] for _name, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], SEEN]}), *rest]
