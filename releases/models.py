"""People, places, events, and the cited facts that connect them.

Every fact is a row of a ``Fact`` subclass and cites one or more ``sources.Passage``. The
things facts are about (Person, Facility, Country, ReleaseEvent) hold as few bare values as
possible: a person's nationality, status or release date is always a fact with citations.
Facility and ReleaseEvent carry citations of their own for the descriptive values they hold
(a facility's city, an event's date).
"""

import datetime
from typing import ClassVar, Self, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Upper
from django.db.models.lookups import Exact, GreaterThan
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from releases import country_names
from sources.dates import DatePrecision, format_partial_date, partial_date_constraint
from sources.models import Passage
from sources.paths import detail_path

# Any cited model, so that a manager made from the queryset knows its model's fields.
_C = TypeVar("_C", bound="Cited")


class CitedQuerySet(models.QuerySet[_C]):
    """Rows of any cited model, with the public filter: no citation, no fact."""

    def published(self) -> Self:
        """Rows with at least one valid citation. ``is_public`` is stored and kept right by
        every write (``releases.derived``), so this is a plain indexed filter."""
        return self.filter(is_public=True)

    def unsupported(self) -> Self:
        return self.filter(is_public=False)


_CitedManagerBase = models.Manager.from_queryset(CitedQuerySet)


class CitedManager(_CitedManagerBase[_C]):
    """Each cited model's manager, with the queryset's public filter. A class of its own,
    declared on ``Cited`` as each model's, so that the type checker knows every cited
    model's manager by its model (it cannot see the one django-modeltranslation gives it
    at run time)."""


# The part of a record that is the claim itself ("she was detained"), as opposed to one of
# its values ("at El Helicoide", "since February 2024").
CLAIM = "claim"

# How readers are told what a quote supports, for every part any record can cite on its own.
PART_LABELS = {
    CLAIM: _("the claim itself"),
    "facility": _("the place"),
    "since": _("since when"),
    "reason": _("the grounds"),
    "date": _("the date"),
    "event": _("the event"),
    "with_conditions": _("the conditions"),
    "status": _("the situation"),
    "title": _("the role"),
    "city": _("the city"),
    "description": _("the description"),
    "value": _("the number"),
    "subject": _("who is counted"),
    "claimed_by": _("who claims it"),
    "as_of": _("as of when"),
    "attributed_to": _("who says it"),
    "text": _("what happened"),
}


# What a citation supports, in exports, when the curator didn't narrow it to some parts.
ALL_PARTS = "all"


def supported_parts(cited_parts: dict, passage_id: int) -> list[str]:
    """What one citation supports, as exports and JSON say it: the parts chosen for it, or
    ``["all"]``."""
    return list(cited_parts.get(str(passage_id), [])) or [ALL_PARTS]


def prefetched(obj: models.Model, relation: str):
    """``getattr(obj, relation).all()`` without building the related manager when the
    relation is prefetched: what ``.all()`` returns then (Django's managers look there
    first). Deriving a person reads their relations some fifty times, and a related manager
    is built anew at each read: a third of the Python of deriving many people."""
    cache = getattr(obj, "_prefetched_objects_cache", None)
    if cache is not None and relation in cache:
        return cache[relation]
    return getattr(obj, relation).all()


class Cited(models.Model):
    """Anything whose content must be supported by article passages.

    Every change, citations included, is kept in a history table (who, when, what) that the
    admin shows and can revert. ``is_public`` is derived (at least one valid citation for
    the claim itself) and is not part of the history: a revert is followed by a refresh
    like any other write.

    A citation supports the whole record unless ``cited_parts`` says which parts it
    supports: a detention's place and its date often come from different sentences, and
    readers see which quote says which. A JSON map on the row (passage id → part names)
    rather than a table of its own: every page and export that shows a fact already has
    the row, so knowing what each quote supports costs no query; the history keeps it with
    the rest of the row, and the one refresh (``releases.derived.refresh_cited``) drops
    the entries of passages no longer cited."""

    citations = models.ManyToManyField(
        Passage, verbose_name=_("citations"), related_name="%(app_label)s_%(class)s_set"
    )
    cited_parts = models.JSONField(
        _("cited parts"),
        default=dict,
        blank=True,
        help_text=_(
            "Which parts each citation supports, by passage id "
            '(e.g. {"12": ["facility"]}); a citation not listed supports the whole record.'
        ),
    )
    is_public = models.BooleanField(
        _("is public"),
        default=False,
        editable=False,
        db_index=True,
        help_text=_("Shown on public pages: it has at least one valid citation."),
    )
    history = HistoricalRecords(
        inherit=True, m2m_fields=["citations"], excluded_fields=["is_public"]
    )

    objects: ClassVar["CitedManager[Self]"] = CitedManager()

    # What ``__str__`` reads besides the row itself, so that a list of these (e.g. what an
    # article's passages support) loads them in one query.
    label_related: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def anchor(self) -> str:
        """The fragment id of this fact where pages list it ('fact-release-12'): its kind
        and primary key, so a link to it holds however the record grows."""
        return f"fact-{self._meta.model_name}-{self.pk}"

    # The parts of this kind of record that a quote may support on its own, besides the
    # claim itself (field names; ``PART_LABELS`` says them to readers).
    citable_parts: tuple[str, ...] = ()

    def parts_cited_by(self, passage_id: int) -> list[str]:
        """What this passage supports: the parts the curator chose, or ``[]`` for the
        whole record."""
        return list(self.cited_parts.get(str(passage_id), []))

    def supports_claim(self, passage_id: int) -> bool:
        parts = self.parts_cited_by(passage_id)
        return not parts or CLAIM in parts

    def clean(self) -> None:
        super().clean()
        allowed = {CLAIM, *self.citable_parts}
        problems = []
        if not isinstance(self.cited_parts, dict):
            raise ValidationError(
                {"cited_parts": gettext("A map of passage id to a list of parts.")}
            )
        for key, parts in self.cited_parts.items():
            if not str(key).isdigit() or not isinstance(parts, list) or not parts:
                not_parts = gettext("%(key)s: a passage id with a non-empty list of parts")
                problems.append(not_parts % {"key": repr(key)})
                continue
            unknown = [p for p in parts if p not in allowed]
            if unknown:
                not_a_part = gettext(
                    "%(key)s: %(unknown)s is not a part of this record (it has %(parts)s)"
                )
                problems.append(
                    not_a_part
                    % {
                        "key": key,
                        "unknown": ", ".join(map(str, unknown)),
                        "parts": ", ".join(sorted(allowed)),
                    }
                )
        if problems:
            raise ValidationError({"cited_parts": problems})

    @classmethod
    def citations_owner(cls) -> str:
        """Name of the citations table's column that points back at this model."""
        through = cls.citations.through
        return next(f.name for f in through._meta.fields if f.related_model is cls)


class AboutPerson:
    """Facts about one person are shown, and linked to, on that person's page: at the
    fact itself (its ``anchor``)."""

    label_related = ("person",)

    def get_absolute_url(self) -> str:
        return f"{self.person.get_absolute_url()}#{self.anchor}"


class Certainty(models.TextChoices):
    STATED = "stated", _("stated")
    IMPLIED = "implied", _("implied (the text suggests it without saying it)")


class Fact(Cited):
    """One claim from the sources, with who makes it when the text attributes it."""

    certainty = models.CharField(
        _("certainty"), max_length=8, choices=Certainty.choices, default=Certainty.STATED
    )
    attributed_to = models.CharField(
        _("attributed to"),
        max_length=200,
        blank=True,
        help_text=_("Who the text says makes this claim (e.g. “Spain's foreign ministry”)."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "Public: shown beside the fact on the site and in its JSON and CSV "
            "(caveats a reader needs, how it was read)."
        ),
    )

    class Meta:
        abstract = True


class Country(models.Model):
    """ISO 3166-1 alpha-2 reference data (a name, not a claim, so it cites nothing)."""

    code = models.CharField(
        _("code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, upper case.")
    )
    name = models.CharField(_("name"), max_length=100)
    demonym = models.CharField(_("demonym"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("country")
        ordering = ["name"]
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("code"), 2) & models.Q(code=Upper("code")),
                name="country_code_alpha2",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return detail_path("releases:nationality_detail", self.code.lower())

    @property
    def local_name(self) -> str:
        """The name in the active interface language (the pages show it; exports and the
        admin keep ``name``)."""
        return country_names.local_name(self.code, self.name, get_language() or "en")


class Facility(Cited):
    """A place where detainees were held. ``city`` and ``description`` must be supported by
    the facility's citations; blank when the sources do not say."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)

    citable_parts = ("city", "description")

    class Meta:
        verbose_name = _("facility")
        ordering = ["name"]
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_path("releases:facility_detail", self.slug)


class ReleaseEvent(Cited):
    """A release as the sources describe it (a wave, a batch). Its date, and how the date was
    read, are supported by its citations."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    date_text = models.CharField(
        _("date text"),
        max_length=200,
        blank=True,
        help_text=_("The words the date comes from (e.g. “on Thursday”)."),
    )
    date_note = models.TextField(
        _("date note"), blank=True, help_text=_("How the date was worked out from them.")
    )
    description = models.TextField(_("description"), blank=True)

    citable_parts = ("date", "description")

    class Meta:
        verbose_name = _("release event")
        verbose_name_plural = _("release events")
        ordering = [models.F("date").asc(nulls_last=True), "slug"]
        constraints = [partial_date_constraint("date", "date_precision", "event_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return detail_path("releases:event_detail", self.slug)

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)


class Status(models.TextChoices):
    """A person's situation, as last established by a dated, cited fact."""

    DETAINED = "detained", _("detained")
    RELEASED = "released", _("released")
    RELEASED_WITH_CONDITIONS = "released_conditions", _("released with conditions")
    REDETAINED = "redetained", _("re-detained")
    DIED_IN_CUSTODY = "died_in_custody", _("died in custody")
    UNKNOWN = "unknown", _("no detention or release reported")


class GrammaticalGender(models.TextChoices):
    """How the record says to refer to a person, for the words that agree with them
    (Spanish "excarcelada", "excarcelado"); unknown unless a curator says so, and then a
    neutral wording is used ("en libertad")."""

    UNKNOWN = "", _("not stated (neutral wording)")
    FEMININE = "feminine", _("feminine")
    MASCULINE = "masculine", _("masculine")


# A situation as said of one person, where the words agree with them. In English all three
# are the status's own label; the catalogue gives each language its forms.
_STATUS_OF_A_PERSON = {
    GrammaticalGender.UNKNOWN: {
        Status.DETAINED: pgettext_lazy("status, neutral wording", "detained"),
        Status.RELEASED: pgettext_lazy("status, neutral wording", "released"),
        Status.RELEASED_WITH_CONDITIONS: pgettext_lazy(
            "status, neutral wording", "released with conditions"
        ),
        Status.REDETAINED: pgettext_lazy("status, neutral wording", "re-detained"),
    },
    GrammaticalGender.FEMININE: {
        Status.DETAINED: pgettext_lazy("status of a woman", "detained"),
        Status.RELEASED: pgettext_lazy("status of a woman", "released"),
        Status.RELEASED_WITH_CONDITIONS: pgettext_lazy(
            "status of a woman", "released with conditions"
        ),
        Status.REDETAINED: pgettext_lazy("status of a woman", "re-detained"),
    },
    GrammaticalGender.MASCULINE: {
        Status.DETAINED: pgettext_lazy("status of a man", "detained"),
        Status.RELEASED: pgettext_lazy("status of a man", "released"),
        Status.RELEASED_WITH_CONDITIONS: pgettext_lazy(
            "status of a man", "released with conditions"
        ),
        Status.REDETAINED: pgettext_lazy("status of a man", "re-detained"),
    },
}


def status_label(status: str, gender: str = GrammaticalGender.UNKNOWN) -> str:
    """The situation as said of a person of that grammatical gender ("excarcelada"), or,
    when the record does not say, in neutral words ("en libertad")."""
    forms = _STATUS_OF_A_PERSON.get(gender, _STATUS_OF_A_PERSON[GrammaticalGender.UNKNOWN])
    return str(forms.get(status, Status(status).label))


# Who counts as freed (on the home page, in the facility counts).
FREED_STATUSES = (Status.RELEASED, Status.RELEASED_WITH_CONDITIONS)


def was_held(status: str) -> bool:
    """A detainee's status: some public fact says the person was held (detained, released,
    died in custody…). Everyone else is only mentioned (officials, relatives, lawyers)."""
    return status != Status.UNKNOWN


# ``was_held`` as a filter on anything with a ``status`` (people, their links).
WAS_HELD = ~models.Q(status=Status.UNKNOWN)
# Detainees sort before the people only mentioned (False before True on every database).
MENTIONED_LAST = models.ExpressionWrapper(~WAS_HELD, output_field=models.BooleanField())


class Person(models.Model):
    """Anyone the sources mention in connection with the releases: detainees, and the
    officials, spokespeople and relatives in the roles the texts give them.

    ``status``, ``search_name``, ``is_public`` and ``first_released_on`` are derived from
    the person's public facts and stored for reads; ``releases.derived`` refreshes them on
    every write (importer, admin, revert, delete, ingest). Nothing sets them by hand.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    is_named = models.BooleanField(
        _("is named"),
        default=True,
        help_text=_(
            "False for people the sources describe without naming "
            "(“the mother of a detained activist”); their name is our description."
        ),
    )
    grammatical_gender = models.CharField(
        _("grammatical gender"),
        max_length=10,
        choices=GrammaticalGender.choices,
        default=GrammaticalGender.UNKNOWN,
        blank=True,
        help_text=_(
            "Only when the sources say how to refer to them (“she”, “her brother”): "
            "the words that agree with the person follow it; otherwise neutral words are used."
        ),
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_(
            "Only for people the sources do not name: who they are, in our words, "
            "shown instead of the name (in English and Spanish). Names are never translated."
        ),
    )
    search_name = models.TextField(
        _("search name"),
        blank=True,
        editable=False,
        help_text=_(
            "Name, aliases, facilities and nationalities (country names and demonyms), "
            "and in every language the description, roles' titles and events' titles, folded to "
            "lower case without accents, for search."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNKNOWN, editable=False
    )
    is_public = models.BooleanField(
        _("is public"),
        default=False,
        editable=False,
        help_text=_("Listed publicly: some fact about them is cited."),
    )
    first_released_on = models.DateField(
        _("first released on"),
        null=True,
        editable=False,
        help_text=_("Earliest dated public release, for sorting."),
    )
    page_version = models.BigIntegerField(
        _("page version"),
        default=0,
        editable=False,
        help_text=_(
            "Moves with every refresh of the person's derived data: their cached page "
            "is keyed on it (web.caching)."
        ),
    )
    history = HistoricalRecords(
        excluded_fields=["status", "search_name", "is_public", "first_released_on", "page_version"]
    )

    class Meta:
        verbose_name = _("person")
        ordering = ["name"]
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Length("name"), 0), name="person_has_name"
            ),
        ]
        # The people list reads public people in one of its sort orders, optionally within
        # one status; each index serves one such read with LIMIT, whatever the record's size.
        indexes = [
            # Accepting a count looks its claimant up by name, whatever its case.
            models.Index(Upper("name"), name="person_name_any_case"),
            models.Index(
                fields=["status", "name", "id"],
                condition=models.Q(is_public=True),
                name="person_public_status_name",
            ),
            # "Any status": detainees first, then the people only mentioned, each by name.
            models.Index(
                MENTIONED_LAST,
                "name",
                "id",
                condition=models.Q(is_public=True),
                name="person_public_mentioned_last",
            ),
            models.Index(
                fields=["name", "id"], condition=models.Q(is_public=True), name="person_public_name"
            ),
            models.Index(
                fields=["first_released_on", "id"],
                condition=models.Q(is_public=True),
                name="person_public_released",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return detail_path("releases:person_detail", self.slug)

    @property
    def status_label(self) -> str:
        """Their situation in words that agree with them (``status_label``)."""
        return status_label(self.status, self.grammatical_gender)

    @property
    def display_name(self) -> str:
        """What pages call them: the name as printed, or, for someone the sources do not
        name, our description of them in the page's language (the name otherwise)."""
        if not self.is_named and self.description:
            return self.description
        return self.name

    @property
    def is_detainee(self) -> bool:
        """Held at some point, as a public fact says (detained, released, died in custody…),
        rather than only mentioned (an official, a relative, a lawyer)."""
        return was_held(self.status)


# --- Facts about people -------------------------------------------------------------------


class Alias(AboutPerson, Fact):
    """Another spelling or form of a person's name found in the sources."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("name"), max_length=200)
    ambiguous = models.BooleanField(
        _("too short or ambiguous to suggest alone"),
        default=False,
        help_text=_(
            "Never propose this name as a citation by itself (“Miguel” of Rocío San "
            "Miguel would be found inside her full name and on other people)."
        ),
    )

    class Meta:
        verbose_name = _("alias")
        ordering = ["person", "name"]
        verbose_name_plural = _("aliases")
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="alias_unique_per_person"),
        ]

    def __str__(self) -> str:
        return _("%(person)s: also “%(name)s”") % {"person": self.person, "name": self.name}


class Citizenship(AboutPerson, Fact):
    label_related = ("person", "country")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="citizenships"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="citizenships"
    )

    class Meta:
        verbose_name = _("citizenship")
        verbose_name_plural = _("citizenships")
        ordering = ["person", "country"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "country"], name="citizenship_unique_per_person"
            ),
        ]

    def __str__(self) -> str:
        return _("%(person)s: %(country)s nationality") % {
            "person": self.person,
            "country": self.country.local_name,  # "España" on Spanish pages
        }


class Role(AboutPerson, Fact):
    """What a person is or did in the story, in the texts' words."""

    class RoleKind(models.TextChoices):
        DESCRIPTION = "description", _("description")
        ANNOUNCER = "announcer", _("announced a release")
        CLAIMANT = "claimant", _("made a claim about the releases")
        COMMENTER = "commenter", _("commented on the releases")
        RELATIVE = "relative", _("relative of a detainee")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=RoleKind.choices)
    title = models.CharField(
        _("title"), max_length=300, help_text=_("In the source's words, lightly trimmed.")
    )
    event = models.ForeignKey(
        ReleaseEvent,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )

    citable_parts = ("title", "event", "attributed_to")

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["person", "kind", "title"]

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"


class Detention(AboutPerson, Fact):
    """A person held, at a facility when the sources name one, since a date when given."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="detentions"
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="detentions",
    )
    since = models.DateField(_("since"), null=True, blank=True)
    since_precision = models.CharField(
        _("since precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    since_text = models.CharField(_("since text"), max_length=200, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Charge or grounds as the source gives them."),
    )

    citable_parts = ("facility", "since", "reason", "attributed_to")

    class Meta:
        verbose_name = _("detention")
        verbose_name_plural = _("detentions")
        ordering = ["person", models.F("since").asc(nulls_first=True)]
        constraints = [partial_date_constraint("since", "since_precision", "detention_since")]

    label_related = ("person", "facility")

    def __str__(self) -> str:
        return (
            _("%(person)s: held at %(facility)s")
            % {"person": self.person, "facility": self.facility}
            if self.facility_id
            else _("%(person)s: detained") % {"person": self.person}
        )

    @property
    def since_display(self) -> str:
        return format_partial_date(self.since, self.since_precision)


class DatedFact(Fact):
    """A fact that happened on a date known to some precision (or not known)."""

    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )

    class Meta:
        abstract = True

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)


class Release(AboutPerson, DatedFact):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="releases"
    )
    event = models.ForeignKey(
        ReleaseEvent,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases",
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases",
        help_text=_("Where the person was freed from, only when a source says so."),
    )
    with_conditions = models.BooleanField(_("with conditions"), default=False)

    citable_parts = ("date", "facility", "event", "with_conditions", "attributed_to")

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["person", models.F("date").asc(nulls_first=True)]
        constraints = [partial_date_constraint("date", "date_precision", "release_date")]

    def __str__(self) -> str:
        return _("%(person)s: released (%(date)s)") % {
            "person": self.person,
            "date": self.date_display,
        }


class StatusChange(AboutPerson, DatedFact):
    """A change of situation that is neither a detention nor a release: a death in custody,
    a re-arrest, a report that someone is still held."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=[c for c in Status.choices if c[0] != Status.UNKNOWN]
    )
    date_text = models.CharField(_("date text"), max_length=200, blank=True)

    citable_parts = ("status", "date", "attributed_to")

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["person", models.F("date").asc(nulls_first=True)]
        constraints = [partial_date_constraint("date", "date_precision", "status_change_date")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()} ({self.date_display})"


# --- Facts about groups and places ---------------------------------------------------------


# The languages a claimant's key is read from, the default first.
CLAIMANT_LANGUAGES = [settings.LANGUAGE_CODE] + [
    code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
]


def claimant_slug(names: dict[str, str]) -> str:
    """A slug of the claimant's name in the default language (else in another): "the UN"
    and "la ONU" give "the-un", the same whatever the page's language."""
    name = next((names[lang] for lang in CLAIMANT_LANGUAGES if names.get(lang)), "")
    return (slugify(name) or slugify(name, allow_unicode=True) or "-")[:200]


class CountClaim(Fact):
    """A number of people, as one claimant states it, as of a date when the source gives one.
    Never summed with another claimant's; claims about the same quantity share a ``metric``
    and are shown side by side.

    ``note`` (from Fact) is public; ``curator_note`` is for curators only and never leaves
    the admin."""

    class Metric(models.TextChoices):
        RELEASED = "released", pgettext_lazy("quantity counted", "released")
        STILL_HELD = "still_held", pgettext_lazy("quantity counted", "still held")
        HELD = "held", pgettext_lazy("quantity counted", "held (at some point)")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        APPROXIMATE = "approximate", _("about")
        AT_LEAST = "at_least", _("at least")
        MORE_THAN = "more_than", _("more than")
        UNSPECIFIED = "unspecified", _("unspecified number")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("claimed or estimated")
        CONFIRMED = "confirmed", _("confirmed by the claimant")

    event = models.ForeignKey(
        ReleaseEvent,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counts",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="counts",
    )
    subject = models.CharField(
        _("subject"), max_length=200, help_text=_("Who is counted, e.g. “Spanish citizens”.")
    )
    metric = models.CharField(_("metric"), max_length=12, choices=Metric.choices)
    value = models.PositiveIntegerField(_("value"), null=True, blank=True)
    qualifier = models.CharField(_("qualifier"), max_length=12, choices=Qualifier.choices)
    value_text = models.CharField(
        _("value text"),
        max_length=100,
        help_text=_("The source's words for the number (“about 50”, “dozens”)."),
    )
    claimed_by = models.CharField(_("claimed by"), max_length=200)
    claimant_key = models.SlugField(
        _("claimant key"),
        max_length=200,
        blank=True,
        allow_unicode=True,
        help_text=_(
            "The claimant in links (/numbers/?claimant=the-un): set when the claim is "
            "made and kept when the claimant is renamed. Claims sharing it are one claimant."
        ),
    )
    claimant = models.ForeignKey(
        Person,
        verbose_name=_("claimant"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="count_claims",
    )
    verification = models.CharField(
        _("verification"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.UNVERIFIED,
    )
    as_of = models.DateField(
        _("as of"),
        null=True,
        blank=True,
        help_text=_("The date the number counts up to, when given."),
    )
    as_of_precision = models.CharField(
        _("as of precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    as_of_text = models.CharField(
        _("as of text"),
        max_length=200,
        blank=True,
        help_text=_("The words the date comes from (“as of 29 December”)."),
    )
    curator_note = models.TextField(
        _("curator note"),
        blank=True,
        help_text=_("Private: for curators only, never shown on the site or in any export."),
    )

    citable_parts = ("value", "subject", "claimed_by", "as_of")

    class Meta:
        verbose_name = _("count claim")
        verbose_name_plural = _("count claims")
        ordering = ["event", "country", "claimed_by"]
        constraints = [
            partial_date_constraint("as_of", "as_of_precision", "count_as_of"),
            # A number is present exactly when the source gives one.
            models.CheckConstraint(
                condition=(
                    models.Q(qualifier="unspecified", value__isnull=True)
                    | (~models.Q(qualifier="unspecified") & models.Q(value__isnull=False))
                ),
                name="count_value_matches_qualifier",
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length("value_text"), 0), name="count_has_source_words"
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length("claimant_key"), 0), name="count_has_claimant_key"
            ),
        ]

    label_related = ("event", "country")

    def __str__(self) -> str:
        metric = self.get_metric_display()
        return _("Count: %(value)s %(subject)s %(metric)s (%(claimant)s)") % {
            "value": self.value_text,
            "subject": self.subject,
            "metric": metric,
            "claimant": self.claimed_by,
        }

    def save(self, *args, **kwargs) -> None:
        if not self.claimant_key:
            self.claimant_key = self._key_for_claimant()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "claimant_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.event_id:
            return self.event.get_absolute_url()
        if self.country_id:
            return self.country.get_absolute_url()
        return f"{reverse('releases:count_list')}?metric={self.metric}#count-{self.pk}"

    def clean(self) -> None:
        # A form validates the database's constraints before saving, and a claim must
        # have its key by then (count_has_claimant_key): give it as save() would.
        super().clean()
        if not self.claimant_key:
            self.claimant_key = self._key_for_claimant()

    def _key_for_claimant(self) -> str:
        """A new claim's claimant key: that of the claims already made under one of its
        names (so a claimant renamed since keeps one key for old and new claims), else a
        slug of its name."""
        names = {lang: getattr(self, f"claimed_by_{lang}", "") or "" for lang in CLAIMANT_LANGUAGES}
        for lang, name in names.items():
            if name:
                known = (
                    CountClaim.objects.filter(**{f"claimed_by_{lang}": name})
                    .exclude(claimant_key="")
                    .order_by("pk")
                    .values_list("claimant_key", flat=True)
                    .first()
                )
                if known:
                    return known
        return claimant_slug(names)

    @property
    def as_of_display(self) -> str:
        return format_partial_date(self.as_of, self.as_of_precision)


class FacilityReport(Fact):
    """Something the sources report at or about a facility: a gathering, a security cordon,
    talk of closing it."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="reports"
    )
    event = models.ForeignKey(
        ReleaseEvent,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facility_reports",
    )
    text = models.TextField(
        _("text"), help_text=_("What happened, in our words, no further than the quotes.")
    )

    citable_parts = ("text", "event")

    class Meta:
        verbose_name = _("facility report")
        verbose_name_plural = _("facility reports")
        ordering = ["facility", "pk"]

    label_related = ("facility",)

    def __str__(self) -> str:
        return f"{self.facility}: {self.text}"

    def get_absolute_url(self) -> str:
        return self.facility.get_absolute_url()


class NamesOneThing(models.Model):
    """Points at exactly one person, facility or country (the other two are empty)."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person or self.facility or self.country


NAMES_ONE_THING = (
    models.Q(person__isnull=False, facility__isnull=True, country__isnull=True)
    | models.Q(person__isnull=True, facility__isnull=False, country__isnull=True)
    | models.Q(person__isnull=True, facility__isnull=True, country__isnull=False)
)


class Mention(NamesOneThing, Fact):
    """An article names a person, a facility or a country. Made when a curator accepts a
    suggestion (see ``CitationSuggestion``); the citation is the naming words."""

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=NAMES_ONE_THING, name="mention_names_one_thing"),
        ]

    label_related = ("person", "facility", "country")

    def __str__(self) -> str:
        return _("Names %(subject)s") % {"subject": self.subject}

    def get_absolute_url(self) -> str:
        return self.subject.get_absolute_url()


class CitationSuggestion(NamesOneThing):
    """Words of an ingested article proposed to a curator, as one of three kinds:

    - ``mention``: the words name a known person, facility or country;
    - ``citizenship``: a nationality beside a known person's name ("Spanish activist Rocío
      San Miguel"), proposing a Citizenship fact with ``person`` and ``country`` set;
    - ``new_person``: a sentence with release vocabulary names someone the record does not
      know (``name``), proposing a new person (with ``country`` when a nationality is
      beside the name).

    ``start``/``end``/``quote`` are the words that become the Passage on acceptance. Nothing
    here is public until accepted (which makes that Passage and a cited fact)."""

    class SuggestionKind(models.TextChoices):
        MENTION = "mention", _("names")
        CITIZENSHIP = "citizenship", _("nationality of")
        NEW_PERSON = "new_person", _("freed: new person?")
        OTHER_PERSON = "other_person", _("not freed: new person?")
        SAME_PERSON = "same_person", _("same person as")
        NEW_FACILITY = "new_facility", _("new facility?")
        NEW_COUNTRY = "new_country", _("new nationality?")
        COUNT = "count", _("count")

    class State(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    article = models.ForeignKey(
        "sources.SourceArticle",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=SuggestionKind.choices, default=SuggestionKind.MENTION
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"))
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("For a new person: the name as printed.")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    mention = models.ForeignKey(
        Mention,
        verbose_name=_("mention"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    # What the text engine read beside the words (curation.proposals): where the name
    # stands, the role and title, a nationality's ISO code, a facility, the sentence a list
    # took its role from, a count's fields. Offsets are into the article's text.
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("citation suggestion")
        verbose_name_plural = _("citation suggestions")
        ordering = ["article", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end=models.F("start") + Length("quote")),
                name="suggestion_quote_length_matches_offsets",
            ),
            models.CheckConstraint(
                condition=(
                    (models.Q(kind="mention", name="") & NAMES_ONE_THING)
                    | models.Q(
                        kind="citizenship",
                        name="",
                        person__isnull=False,
                        country__isnull=False,
                        facility__isnull=True,
                    )
                    | (
                        models.Q(kind__in=["new_person", "other_person"], facility__isnull=True)
                        & ~models.Q(name="")
                    )
                    | (
                        models.Q(kind="same_person", person__isnull=False, facility__isnull=True)
                        & ~models.Q(name="")
                    )
                    | (
                        models.Q(
                            kind__in=["new_facility", "new_country"],
                            person__isnull=True,
                            facility__isnull=True,
                            country__isnull=True,
                        )
                        & ~models.Q(name="")
                    )
                    | models.Q(kind="count", person__isnull=True, facility__isnull=True)
                ),
                name="suggestion_kind_fields",
            ),
        ]

    def __str__(self) -> str:
        kind, state = self.get_kind_display(), self.get_state_display()
        return f"“{self.quote}” → {kind} {self.proposal} ({state})"

    @property
    def proposal(self) -> str:
        """What accepting it records, after the kind ("names", "new person?" …)."""
        if self.kind == self.SuggestionKind.CITIZENSHIP:
            return f"{self.person}: {self.country.name}"
        details = self.details or {}
        if self.kind in (self.SuggestionKind.NEW_PERSON, self.SuggestionKind.OTHER_PERSON):
            nationality = f", {self.country.name}" if self.country_id else ""
            if not self.country_id and details.get("country_code"):
                nationality = f", {details['country_code']}"
            title = f" ({details['title']})" if details.get("title") else ""
            role = (
                ""
                if self.kind == self.SuggestionKind.NEW_PERSON
                else f" — {details.get('role', '')}"
            )
            where = (
                _(", held at %(facility)s") % {"facility": details["facility"]}
                if details.get("facility")
                else ""
            )
            return f"{self.person or self.name}{title}{nationality}{where}{role}"
        if self.kind == self.SuggestionKind.SAME_PERSON:
            return _("%(person)s: add “%(name)s” as an alias") % {
                "person": self.person,
                "name": self.name,
            }
        if self.kind in (self.SuggestionKind.NEW_FACILITY, self.SuggestionKind.NEW_COUNTRY):
            return self.name
        if self.kind == self.SuggestionKind.COUNT:
            metric = details.get("metric", "")
            if metric in CountClaim.Metric.values:
                metric = CountClaim.Metric(metric).label
            return (
                f"{details.get('value_text', '')} {details.get('subject', '')}: "
                f"{metric} ({details.get('claimed_by', '')})"
            )
        return str(self.subject)


# Facts that are about one person (they have a ``person`` foreign key).
PersonFact = Alias | Citizenship | Role | Detention | Release | StatusChange
PERSON_FACT_MODELS: tuple[type[PersonFact], ...] = (
    Alias,
    Citizenship,
    Role,
    Detention,
    Release,
    StatusChange,
)

FACT_MODELS: tuple[type[Fact], ...] = (
    *PERSON_FACT_MODELS,
    CountClaim,
    FacilityReport,
    Mention,
)

# Everything that cites passages, and so has a stored ``is_public``.
CITED_MODELS: tuple[type[Cited], ...] = (Facility, ReleaseEvent, *FACT_MODELS)


class ImportRecord(models.Model):
    """What the fixture importer last wrote for one record, so that a later import can tell
    a curator's edit (current state differs from what we wrote) from a stale row."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    object_id = models.BigIntegerField(_("object id"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="import_record_unique_key"),
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="import_record_unique_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} → {self.object_id}"


def day_key(date: datetime.date | None, precision: str) -> str:
    """A partial date as a link's key: "2026-01-08|day", "2026-01-01|month", "|unknown"."""
    return f"{date.isoformat() if date else ''}|{precision}"


def key_day(key: str) -> tuple[datetime.date | None, str]:
    """``day_key`` read back."""
    date, precision = key.split("|")
    return (datetime.date.fromisoformat(date) if date else None), precision


class PersonLink(models.Model):
    """What links a public person to a nationality, a facility, an event or a source article,
    through their public facts: one row per (person, kind, key). Derived, refreshed with the
    person (``releases.derived``). The people list's filters and its facet counts both read
    this table, so they cannot disagree, and each is one indexed query. ``status`` repeats
    the person's, so that counting under the default "freed" filter needs no join."""

    class LinkKind(models.TextChoices):
        NATIONALITY = "nationality", "nationality"
        FACILITY = "facility", "facility"
        EVENT = "event", "event"
        SOURCE = "source", "source"
        # The dates of a public release or death in custody (``day_key``),
        # not filters: counted ahead (``FacetCount``), they are the home page's timeline.
        RELEASED_ON = "released_on", "released on"
        DIED_ON = "died_on", "died in custody on"
        # Which kinds of public fact the person has (" alias release ", the facts list's
        # kinds, each with a space on either side), not a filter: counted ahead, they are
        # how many people the facts list pages through for a kind.
        FACT_KINDS = "fact_kinds", "kinds of fact"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=12, choices=LinkKind.choices)
    key = models.CharField(max_length=120, help_text=_("Lower-case country code, or a slug."))
    status = models.CharField(max_length=20, choices=Status.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "key"], name="person_link_unique"),
        ]
        indexes = [
            models.Index(fields=["kind", "status", "key"], name="person_link_facet"),
            models.Index(fields=["kind", "key", "person"], name="person_link_filter"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind}={self.key}"


class FacetCount(models.Model):
    """How many public people have each status (``kind`` "status", no key), and how many
    links of each kind and key there are under each status: the people list's facet counts
    under its default filters, read from a few hundred rows instead of counted over every
    person. Derived: ``releases.derived`` adds what each refresh of people changes in
    their links and statuses (and takes away a deleted person's)."""

    STATUS = "status"

    kind = models.CharField(max_length=12)
    key = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "status", "key"], name="facet_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}={self.key} {self.status}: {self.n}"


class FacetPairCount(models.Model):
    """How many links of each kind, key and status the people with one link have (the
    people "within" it): the facet counts of the people list filtered by one link alone
    ("Spanish nationals": their facilities, events and sources), read from a few rows
    instead of counted over every person of the filter (2,935 at 100,000 people, each
    person's links looked up). Only between the people list's link filters, and only
    between two kinds (a facet never counts under a filter of its own kind). Derived:
    ``releases.derived`` keeps them as it keeps ``FacetCount``."""

    # The kinds paired: the people list's link filters (``web.filters.LINK_FILTERS``).
    KINDS = (
        PersonLink.LinkKind.NATIONALITY,
        PersonLink.LinkKind.FACILITY,
        PersonLink.LinkKind.EVENT,
        PersonLink.LinkKind.SOURCE,
    )

    within_kind = models.CharField(max_length=12)
    within_key = models.CharField(max_length=120)
    kind = models.CharField(max_length=12)
    key = models.CharField(max_length=120)
    status = models.CharField(max_length=20, choices=Status.choices)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["within_kind", "within_key", "status", "kind", "key"],
                name="facet_pair_count_unique",
            ),
        ]
        indexes = [
            # The unique key and the count: a facet reads its rows from the index alone
            # (the rows, added to one by one, lie scattered: 1,973 rows in 1,442 pages for
            # "es", 17 ms through the table at 100,000 people, 0.7 ms from the index).
            models.Index(
                fields=["within_kind", "within_key", "status", "kind", "key", "n"],
                name="facet_pair_count_read",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.within_kind}={self.within_key}: {self.kind}={self.key} {self.status}"


class PersonRecord(models.Model):
    """A public person's export record, built from their public facts and citations and
    stored, so that exports stream rows instead of rebuilding every person (derived, refreshed
    with the person). ``json`` is the JSON record, its links site paths ("/people/…"), made
    absolute when served; ``csv_en`` and ``csv_es`` are the CSV row finished in each
    language but for the site's root (``sources.tabular.stored_row``), so that serving a row
    is two string operations."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="record"
    )
    json = models.TextField()
    csv_en = models.TextField()
    csv_es = models.TextField()
    # The people list's order for every status (``MENTIONED_LAST``, name, id), copied from
    # the person with the record: the whole record's export reads the records alone, down
    # this index, instead of looking each person's record up in the people's order.
    mentioned_last = models.BooleanField(default=False)
    name = models.CharField(max_length=200, default="")

    # That order on the record's own fields, ties broken by the person as the list's are.
    LIST_ORDER = ("mentioned_last", "name", "person_id")

    class Meta:
        indexes = [
            models.Index(fields=["mentioned_last", "name", "person"], name="record_list_order")
        ]

    def __str__(self) -> str:
        return f"record of {self.person_id}"

    @staticmethod
    def csv_field(language: str) -> str:
        """The field holding the CSV row in ``language`` (the default language's for one the
        record is not written in)."""
        if language not in ("en", "es"):
            language = settings.LANGUAGE_CODE
        return f"csv_{language}"


class DataVersion(models.Model):
    """One row: a number every write to the record bumps, and when. Cached pages are keyed
    on it, so a curator's change shows on the very next request; pages say "last changed"
    from it."""

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)
    # Moves with every write but those about people's own facts (which move the people's
    # ``page_version``): what people's pages share (facilities, events, articles…).
    shared_version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.version}"


class PersonRedirect(models.Model):
    """The page address of a person merged into another (``releases.merging``): the old
    address answers with a permanent redirect to the person kept."""

    slug = models.SlugField(max_length=120, unique=True)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.slug} → {self.person.slug}"
