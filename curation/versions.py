"""No lost edits: a save of a record that someone else changed since it was opened is
refused, with who changed what, and the current version offered.

The version of a record is its newest history row (django-simple-history keeps one for
every change made through the models, by the admin, an import, a merge or a suggestion
accepted), so no model needs a column of its own and the refusal can say who and what from
the history itself. The form carries the version it was opened at; the save locks the row
and compares, inside the admin's transaction, so of two curators saving at once the second
always sees the first's change. Derived data refreshed in bulk leaves no history row, and
so is no one's edit."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Max, Model
from django.http import QueryDict
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, pgettext

SEEN = "seen_version"

# A row of a model's history, and a change between two: django-simple-history has no types.
HistoryRow = Any
FieldChange = Any

if TYPE_CHECKING:
    # A form of any curated model (a ModelForm takes no model in brackets at run time).
    AnyModelForm = forms.ModelForm[Any]
else:
    AnyModelForm = forms.ModelForm


def version_of(instance: Model) -> int:
    """The newest history id of the record (0 if it has none)."""
    history = type(instance).history  # type: ignore[attr-defined]
    newest = history.filter(id=instance.pk).aggregate(newest=Max("history_id"))["newest"]
    return newest or 0


def _who(row: HistoryRow) -> str:
    user = row.history_user
    if user is None:
        return "someone outside the admin (an import or a script)"
    name: str = user.get_full_name() or user.get_username()
    return name


def _short(value: object) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def changes_since(instance: Model, seen: int) -> tuple[list[HistoryRow], list[FieldChange]]:
    """The history rows newer than ``seen``, and the field changes they made together."""
    history = type(instance).history  # type: ignore[attr-defined]
    rows = list(history.filter(id=instance.pk, history_id__gt=seen).order_by("history_id"))
    before = history.filter(id=instance.pk, history_id=seen).first()
    if not rows or before is None:
        return rows, []
    return rows, rows[-1].diff_against(before).changes


def refusal(instance: Model, seen: int) -> str:
    rows, changes = changes_since(instance, seen)
    who = sorted({_who(row) for row in rows})
    last = rows[-1]
    what = (
        format_html_join(
            "; ",
            "{}: “{}” → “{}”",
            ((c.field, _short(c.old), _short(c.new)) for c in changes),
        )
        if changes
        else gettext("the record was deleted")
        if last.history_type == "-"
        else gettext("the record was saved again")
    )
    opts = instance._meta
    current = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
    return format_html(
        gettext(
            "Not saved: {} changed this {} at {} UTC, after you opened it ({}). "
            '<a href="{}">Open the current version</a> to start from theirs, or save again to '
            "keep yours over it."
        ),
        f" {pgettext('joining names', 'and')} ".join(who),
        opts.verbose_name,
        last.history_date.strftime("%Y-%m-%d %H:%M:%S"),
        what,
        current,
    )


def refuse_if_changed(form: forms.BaseForm, instance: Model, seen: int) -> int | None:
    """Refuse ``form`` if ``instance`` moved past version ``seen``, naming who changed what,
    and return the current version (for the form to carry, so that sending it again goes
    through); None when unchanged. The row is locked until the transaction ends: two saves
    at once queue here, and the second finds the first's history row."""
    type(instance)._default_manager.select_for_update().filter(pk=instance.pk).exists()
    current = version_of(instance)
    if current == seen:
        return None
    form.add_error(None, refusal(instance, seen))
    return current


def carry(form: forms.BaseForm, field: str, value: str) -> None:
    """Put ``value`` in the bound form's hidden ``field``, as it will be sent next time."""
    posted = form.data
    data = posted.copy() if isinstance(posted, QueryDict) else dict(posted)  # immutable as sent
    data[form.add_prefix(field)] = value
    form.data = data


class VersionCheckedForm(AnyModelForm):
    """Carries the version the record was opened at, and refuses the save if it moved."""

    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields[SEEN].initial = version_of(self.instance)

    def clean(self) -> dict[str, Any]:
        # The admin's form for the model may come after this among the bases and give
        # back data of its own, or None (keep cleaned_data), as Django allows.
        cleaned = super().clean()
        if cleaned is None:
            cleaned = self.cleaned_data
        seen = cleaned.get(SEEN)
        if self.instance.pk is None or seen is None:
            return cleaned  # a new record, or a form posted without a version: nothing to compare
        current = refuse_if_changed(self, self.instance, seen)
        if current is not None:
            carry(self, SEEN, str(current))  # saving again keeps this curator's version
        return cleaned
