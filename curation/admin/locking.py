"""No lost edits in the admin (``curation.versions``): every curated model's change form
carries the version it was opened at and refuses a save past it."""

from curation.versions import SEEN, VersionCheckedForm


class NoLostEdits:
    """For a curated model's admin (before SimpleHistoryAdmin among its bases)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            base = kwargs.get("form", self.form)
            kwargs["form"] = type(base)(base.__name__, (VersionCheckedForm, base), {})
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(SEEN in options["fields"] for _name, options in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], SEEN]}), *rest]
