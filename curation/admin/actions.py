"""Admin actions shared by the record's and the evidence's admins."""

from releases.exports import Export, PersonRecordExport


def export_action(export: Export | PersonRecordExport, public_queryset):
    """An admin action exporting the selected rows as CSV, in the public export's format
    (same columns, same rule that only cited facts appear)."""

    def export_selected(modeladmin, request, queryset):
        selected = public_queryset().filter(pk__in=queryset.values("pk"))
        return export.csv_response(selected, request)

    export_selected.short_description = "Export selected as CSV (public format)"
    export_selected.allowed_permissions = ("view",)
    return export_selected
