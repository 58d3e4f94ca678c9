"""The forms behind "new fact from selected words": which kinds of fact a curator can
create from a selection in an article, and the fields each kind asks for.

One form says where the words are and what they support (the kind, and for a fact about a
person, which person: an existing one or a new name); the kind's own form holds the fact's
values. ``curation.citing.create_cited`` writes them in one transaction.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from curation import versions
from releases.models import (
    Alias,
    Cited,
    Citizenship,
    CountClaim,
    Detention,
    Person,
    Release,
    ReleaseEvent,
    Role,
    StatusChange,
)
from sources.dates import PartialDateError, parse_partial_date

if TYPE_CHECKING:
    # A form of any cited model's row (a ModelForm takes no model in brackets at run time).
    CitedForm = forms.ModelForm[Cited]
else:
    CitedForm = forms.ModelForm

# How every fact is claimed (``releases.models.Fact``).
CLAIM_FIELDS = ("certainty", "attributed_to", "note")


@dataclass(frozen=True)
class FactKind:
    key: str
    label: str | Promise
    model: type[Cited]
    fields: tuple[str, ...]

    @property
    def about_a_person(self) -> bool:
        return any(f.name == "person" for f in self.model._meta.get_fields())


KINDS: tuple[FactKind, ...] = (
    FactKind(
        "citizenship", _("nationality (citizenship)"), Citizenship, ("country", *CLAIM_FIELDS)
    ),
    FactKind(
        "release",
        _("release"),
        Release,
        ("event", "facility", "date", "with_conditions", *CLAIM_FIELDS),
    ),
    FactKind(
        "detention",
        _("detention"),
        Detention,
        ("facility", "since", "since_text", "reason", *CLAIM_FIELDS),
    ),
    FactKind("role", _("role"), Role, ("kind", "title", "event", *CLAIM_FIELDS)),
    FactKind("alias", _("alias (another form of the name)"), Alias, ("name", *CLAIM_FIELDS)),
    FactKind(
        "status_change",
        _("status change (death in custody, re-arrest, still held)"),
        StatusChange,
        ("status", "date", "date_text", *CLAIM_FIELDS),
    ),
    FactKind(
        "count",
        _("count claim"),
        CountClaim,
        (
            "value_text",
            "value",
            "qualifier",
            "subject",
            "metric",
            "country",
            "event",
            "as_of",
            "as_of_text",
            "claimed_by",
            "verification",
            *CLAIM_FIELDS,
            "curator_note",
        ),
    ),
    FactKind(
        "event",
        _("release event"),
        ReleaseEvent,
        ("title", "slug", "date", "date_text", "date_note", "description"),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


class PersonSearch(AutocompleteSelect):
    """The admin's person search box, which shows a value sent back with the form only
    when it can be a person's id (the admin's own widget fails on any other)."""

    def optgroups(
        self, name: str, value: Sequence[str], attrs: dict[str, Any] | None = None
    ) -> list[tuple[str | None, list[dict[str, Any]], int | None]]:
        return super().optgroups(
            name, [v for v in value if str(v).isascii() and str(v).isdigit()], attrs
        )


class SelectedWordsForm(forms.Form):
    """Words selected in an article (offsets in the stored text, in code points, kept in
    step by curation/static/curation/js/cite.js), or a typed quote to find."""

    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    quote = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        label=_("Quote"),
        help_text=_("Filled in when you select words above; or type a quote to find."),
    )


class SelectionForm(SelectedWordsForm):
    """The selected words and what they support."""

    kind = forms.ChoiceField(
        choices=[(kind.key, kind.label) for kind in KINDS],
        widget=forms.RadioSelect,
        label=_("The words support a new"),
    )
    new_person = forms.CharField(
        required=False,
        max_length=200,
        label=_("…or a new person"),
        help_text=_("The name as the text gives it; a new person is created with the fact."),
    )

    # "pk:version" of the person the form was opened about (see ``clean``).
    seen_person = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, admin_site: admin.AdminSite, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        opened_about = str(self.initial.get("person", ""))
        if not self.is_bound and opened_about.isdigit():
            person = Person.objects.filter(pk=opened_about).first()
            if person is not None:
                self.fields["seen_person"].initial = f"{person.pk}:{versions.version_of(person)}"
        # Searched as the admin searches people (the list of everyone would be too long).
        self.fields["person"] = forms.ModelChoiceField(
            Person.objects.all(),
            required=False,
            label=_("About"),
            help_text=_("An existing person…"),
            widget=PersonSearch(Release._meta.get_field("person"), admin_site),
        )
        self.order_fields(["start", "end", "quote", "kind", "person", "new_person"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        kind = KINDS_BY_KEY.get(cleaned.get("kind", ""))
        person, new_name = cleaned.get("person"), cleaned.get("new_person", "").strip()
        cleaned["new_person"] = new_name
        if kind is None or not kind.about_a_person:
            if person or new_name:
                what = kind.label if kind else gettext("fact")
                self.add_error(
                    "person", gettext("A %(kind)s is not about a person.") % {"kind": what}
                )
        elif bool(person) == bool(new_name):
            self.add_error(
                "new_person",
                gettext("Choose an existing person or name a new one (one of the two)."),
            )
        elif person:
            self._refuse_if_changed(person, cleaned.get("seen_person", ""))
        return cleaned

    def _refuse_if_changed(self, person: Person, seen: str) -> None:
        """A fact about the person the form was opened about, who someone else changed
        since (renamed, another spelling kept): refused, with who changed what, so the
        curator checks it is still who the words are about; sending it again goes through."""
        pk, _colon, version = seen.partition(":")
        if pk != str(person.pk) or not version.isdigit():
            return  # opened about no one, or about someone else
        current = versions.refuse_if_changed(self, person, int(version))
        if current is not None:
            versions.carry(self, "seen_person", f"{person.pk}:{current}")


class PartialDatesForm(CitedForm):
    """Each partial date (a date field with a ``<name>_precision`` beside it) is one text
    box, "2026-01-08", "2026-01" or "2026", that sets the date and its precision."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = {f.name for f in self._meta.model._meta.get_fields()}
        self.partial_dates = [name for name in self.fields if f"{name}_precision" in names]
        for name in self.partial_dates:
            self.fields[name] = forms.CharField(
                label=self.fields[name].label,
                required=False,
                help_text=_(
                    "YYYY-MM-DD, YYYY-MM or YYYY, as precise as the text; "
                    "blank when it gives no date."
                ),
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for name in self.partial_dates:
            try:
                cleaned[name], precision = parse_partial_date(cleaned.get(name) or None)
            except PartialDateError as exc:
                self.add_error(name, str(exc))
            else:
                setattr(self.instance, f"{name}_precision", precision)
        return cleaned


def fact_form(kind: FactKind, data: Mapping[str, Any] | None = None) -> CitedForm:
    """The form for one kind's own values, prefixed by its key so that every kind's
    fields can sit on one page."""
    form_class = forms.modelform_factory(kind.model, form=PartialDatesForm, fields=kind.fields)
    form = form_class(data, prefix=kind.key)
    if "slug" in form.fields:
        form.fields["slug"].required = False
        form.fields["slug"].help_text = gettext("Blank: made from the title.")
    return form
