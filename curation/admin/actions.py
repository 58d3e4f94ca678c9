"""Admin actions shared by the record's and the evidence's admins."""

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from releases.exports import Export, PersonRecordExport

ExportAction = Callable[[admin.ModelAdmin[Any], HttpRequest, QuerySet[Any]], StreamingHttpResponse]


def export_action(
    export: Export[Any] | PersonRecordExport, public_queryset: Callable[[], QuerySet[Any]]
) -> ExportAction:
    """An admin action exporting the selected rows as CSV, in the public export's format
    (same columns, same rule that only cited facts appear)."""

    @admin.action(description=_("Export selected as CSV (public format)"), permissions=("view",))
    def export_selected(
        modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: QuerySet[Any]
    ) -> StreamingHttpResponse:
        selected = public_queryset().filter(pk__in=queryset.values("pk"))
        return export.csv_response(selected, request)

    return export_selected
