"""One guard in front of every admin view, for input the admin hands to the database unchecked.

Django's admin and django-simple-history pass some values straight into queries: the record
id in a history address (``/admin/releases/person/abc/history/``), the rows ticked for an
action, and any list-filter or search value (a NUL byte is refused by PostgreSQL). Each of
those was a 500. Checking them here, once, covers every model admin, the autocomplete and the
add-ons' own views alike, instead of patching each view.
"""

import inspect

from django.contrib.admin import ModelAdmin, helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponseBadRequest
from simple_history.exceptions import NotHistoricalModelError
from simple_history.utils import get_history_model_for_model


def _owned_by_model_admin(view) -> bool:
    return isinstance(getattr(view, "__self__", None), ModelAdmin)


def model_admin_of(view_func) -> ModelAdmin | None:
    """The model admin whose method an admin view is, seen through the admin's wrappers."""
    view = inspect.unwrap(view_func, stop=_owned_by_model_admin)
    return view.__self__ if _owned_by_model_admin(view) else None


def is_key(model: type[models.Model], raw: str) -> bool:
    """Whether ``raw`` (as quoted in an admin address or form) could be ``model``'s key."""
    value = unquote(raw)
    if "\x00" in value:
        return False
    pk = model._meta.pk
    try:
        pk.run_validators(pk.to_python(value))
    except ValidationError:
        return False
    return True


def _models_named_in_path(model: type[models.Model], view_args: tuple) -> list:
    """The models whose keys an admin address carries, in order: the record, then (on
    simple-history's page for one past version) the row of its history table."""
    if len(view_args) < 2:
        return [model]
    try:
        return [model, get_history_model_for_model(model)]
    except NotHistoricalModelError:
        return [model]


class AdminInputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces:
            return None
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return HttpResponseBadRequest(
                    f"The query parameter {name!r} contains a NUL character (%00), "
                    "which no stored value can contain.",
                    content_type="text/plain; charset=utf-8",
                )
        model_admin = model_admin_of(view_func)
        if model_admin is None:
            return None
        model = model_admin.model
        ids = [view_kwargs["object_id"]] if "object_id" in view_kwargs else list(view_args)
        for named, raw in zip(_models_named_in_path(model, view_args), ids, strict=False):
            if not is_key(named, raw):
                raise Http404(f"{raw!r} is not the id of any {named._meta.verbose_name}.")
        if request.method == "POST":
            selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            wrong = [raw for raw in selected if not is_key(model, raw)]
            if wrong:
                return HttpResponseBadRequest(
                    f"Selected rows {wrong!r} are not ids of any {model._meta.verbose_name}.",
                    content_type="text/plain; charset=utf-8",
                )
        return None
