"""People, places, events, and the cited facts that connect them.

Every fact is a row of a ``Fact`` subclass and cites one or more ``sources.Passage``. The
things facts are about (Person, Facility, Country, ReleaseEvent) hold as few bare values as
possible: a person's nationality, status or release date is always a fact with citations.
Facility and ReleaseEvent carry citations of their own for the descriptive values they hold
(a facility's city, an event's date).
"""

from django.db import models
from django.db.models.functions import Length, Upper
from django.db.models.lookups import Exact, GreaterThan
from django.urls import reverse
from simple_history.models import HistoricalRecords

from sources.dates import DatePrecision, format_partial_date, partial_date_constraint
from sources.models import Passage


class CitedQuerySet(models.QuerySet):
    """Rows of any cited model, with the public filter: no citation, no fact."""

    def published(self) -> "CitedQuerySet":
        """Rows with at least one citation whose passage still matches its article."""
        through = self.model._meta.get_field("citations").remote_field.through
        owner = next(f.name for f in through._meta.fields if f.related_model is self.model)
        supported = through.objects.filter(
            **{owner: models.OuterRef("pk")}, passage__in=Passage.objects.valid()
        )
        return self.filter(models.Exists(supported))

    def unsupported(self) -> "CitedQuerySet":
        return self.exclude(pk__in=self.published().values("pk"))


class Cited(models.Model):
    """Anything whose content must be supported by article passages.

    Every change, citations included, is kept in a history table (who, when, what) that the
    admin shows and can revert."""

    citations = models.ManyToManyField(Passage, related_name="%(app_label)s_%(class)s_set")
    history = HistoricalRecords(inherit=True, m2m_fields=["citations"])

    objects = CitedQuerySet.as_manager()

    class Meta:
        abstract = True


class Certainty(models.TextChoices):
    STATED = "stated", "stated"
    IMPLIED = "implied", "implied (the text suggests it without saying it)"


class Fact(Cited):
    """One claim from the sources, with who makes it when the text attributes it."""

    certainty = models.CharField(max_length=8, choices=Certainty.choices, default=Certainty.STATED)
    attributed_to = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who the text says makes this claim (e.g. “Spain's foreign ministry”).",
    )
    note = models.TextField(
        blank=True,
        help_text="Public: shown beside the fact on the site and in its JSON and CSV "
        "(caveats a reader needs, how it was read).",
    )

    class Meta:
        abstract = True


class Country(models.Model):
    """ISO 3166-1 alpha-2 reference data (a name, not a claim, so it cites nothing)."""

    code = models.CharField(max_length=2, unique=True, help_text="ISO 3166-1 alpha-2, upper case.")
    name = models.CharField(max_length=100)
    demonym = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("code"), 2) & models.Q(code=Upper("code")),
                name="country_code_alpha2",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("releases:nationality_detail", args=[self.code.lower()])


class Facility(Cited):
    """A place where detainees were held. ``city`` and ``description`` must be supported by
    the facility's citations; blank when the sources do not say."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    city = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "facilities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("releases:facility_detail", args=[self.slug])


class ReleaseEvent(Cited):
    """A release as the sources describe it (a wave, a batch). Its date, and how the date was
    read, are supported by its citations."""

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_text = models.CharField(
        max_length=200, blank=True, help_text="The words the date comes from (e.g. “on Thursday”)."
    )
    date_note = models.TextField(blank=True, help_text="How the date was worked out from them.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = [models.F("date").asc(nulls_last=True), "slug"]
        constraints = [partial_date_constraint("date", "date_precision", "event_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("releases:event_detail", args=[self.slug])

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)


class Status(models.TextChoices):
    """A person's situation, as last established by a dated, cited fact."""

    DETAINED = "detained", "detained"
    RELEASED = "released", "released"
    RELEASED_WITH_CONDITIONS = "released_conditions", "released with conditions"
    REDETAINED = "redetained", "re-detained"
    DIED_IN_CUSTODY = "died_in_custody", "died in custody"
    UNKNOWN = "unknown", "no detention or release reported"


class Person(models.Model):
    """Anyone the sources mention in connection with the releases: detainees, and the
    officials, spokespeople and relatives in the roles the texts give them.

    ``status`` is a cache of ``releases.status.derive_status`` over the person's facts,
    refreshed by every write path (importer, admin); nothing sets it by hand.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    is_named = models.BooleanField(
        default=True,
        help_text="False for people the sources describe without naming "
        "(“the mother of a detained activist”); their name is our description.",
    )
    search_name = models.TextField(
        blank=True,
        editable=False,
        help_text="Name and aliases folded to lower case without accents, for search.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.UNKNOWN, editable=False
    )
    history = HistoricalRecords(excluded_fields=["status", "search_name"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Length("name"), 0), name="person_has_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("releases:person_detail", args=[self.slug])


# --- Facts about people -------------------------------------------------------------------


class Alias(Fact):
    """Another spelling or form of a person's name found in the sources."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["person", "name"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["person", "name"], name="alias_unique_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.person}"


class Citizenship(Fact):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="citizenships")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="citizenships")

    class Meta:
        ordering = ["person", "country"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "country"], name="citizenship_unique_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.country.code}"


class Role(Fact):
    """What a person is or did in the story, in the texts' words."""

    class Kind(models.TextChoices):
        DESCRIPTION = "description", "description"
        ANNOUNCER = "announcer", "announced a release"
        CLAIMANT = "claimant", "made a claim about the releases"
        COMMENTER = "commenter", "commented on the releases"
        RELATIVE = "relative", "relative of a detainee"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=300, help_text="In the source's words, lightly trimmed.")
    event = models.ForeignKey(
        ReleaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="roles"
    )

    class Meta:
        ordering = ["person", "kind", "title"]

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"


class Detention(Fact):
    """A person held, at a facility when the sources name one, since a date when given."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="detentions")
    facility = models.ForeignKey(
        Facility, null=True, blank=True, on_delete=models.PROTECT, related_name="detentions"
    )
    since = models.DateField(null=True, blank=True)
    since_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    since_text = models.CharField(max_length=200, blank=True)
    reason = models.CharField(
        max_length=300, blank=True, help_text="Charge or grounds as the source gives them."
    )

    class Meta:
        ordering = ["person", models.F("since").asc(nulls_first=True)]
        constraints = [partial_date_constraint("since", "since_precision", "detention_since")]

    def __str__(self) -> str:
        where = f" at {self.facility}" if self.facility_id else ""
        return f"{self.person} held{where}"

    @property
    def since_display(self) -> str:
        return format_partial_date(self.since, self.since_precision)


class DatedFact(Fact):
    """A fact that happened on a date known to some precision (or not known)."""

    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )

    class Meta:
        abstract = True

    @property
    def date_display(self) -> str:
        return format_partial_date(self.date, self.date_precision)


class Release(DatedFact):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="releases")
    event = models.ForeignKey(
        ReleaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="releases"
    )
    facility = models.ForeignKey(
        Facility,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="releases",
        help_text="Where the person was freed from, only when a source says so.",
    )
    with_conditions = models.BooleanField(default=False)

    class Meta:
        ordering = ["person", models.F("date").asc(nulls_first=True)]
        constraints = [partial_date_constraint("date", "date_precision", "release_date")]

    def __str__(self) -> str:
        return f"{self.person} released ({self.date_display})"


class StatusChange(DatedFact):
    """A change of situation that is neither a detention nor a release: a death in custody,
    a re-arrest, a report that someone is still held."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(
        max_length=20, choices=[c for c in Status.choices if c[0] != Status.UNKNOWN]
    )
    date_text = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["person", models.F("date").asc(nulls_first=True)]
        constraints = [partial_date_constraint("date", "date_precision", "status_change_date")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()} ({self.date_display})"


# --- Facts about groups and places ---------------------------------------------------------


class CountClaim(Fact):
    """A number of people, as one claimant states it, as of a date when the source gives one.
    Never summed with another claimant's; claims about the same quantity share a ``metric``
    and are shown side by side.

    ``note`` (from Fact) is public; ``curator_note`` is for curators only and never leaves
    the admin."""

    class Metric(models.TextChoices):
        RELEASED = "released", "released"
        STILL_HELD = "still_held", "still held"
        HELD = "held", "held (at some point)"

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exactly"
        APPROXIMATE = "approximate", "about"
        AT_LEAST = "at_least", "at least"
        MORE_THAN = "more_than", "more than"
        UNSPECIFIED = "unspecified", "unspecified number"

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", "claimed or estimated"
        CONFIRMED = "confirmed", "confirmed by the claimant"

    event = models.ForeignKey(
        ReleaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="counts"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="counts"
    )
    subject = models.CharField(max_length=200, help_text="Who is counted, e.g. “Spanish citizens”.")
    metric = models.CharField(max_length=12, choices=Metric.choices)
    value = models.PositiveIntegerField(null=True, blank=True)
    qualifier = models.CharField(max_length=12, choices=Qualifier.choices)
    value_text = models.CharField(
        max_length=100, help_text="The source's words for the number (“about 50”, “dozens”)."
    )
    claimed_by = models.CharField(max_length=200)
    claimant = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="count_claims"
    )
    verification = models.CharField(
        max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    as_of = models.DateField(
        null=True, blank=True, help_text="The date the number counts up to, when given."
    )
    as_of_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    as_of_text = models.CharField(
        max_length=200, blank=True, help_text="The words the date comes from (“as of 29 December”)."
    )
    curator_note = models.TextField(
        blank=True,
        help_text="Private: for curators only, never shown on the site or in any export.",
    )

    class Meta:
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
        ]

    def __str__(self) -> str:
        return f"{self.value_text} {self.subject} {self.get_metric_display()} ({self.claimed_by})"

    @property
    def as_of_display(self) -> str:
        return format_partial_date(self.as_of, self.as_of_precision)


class FacilityReport(Fact):
    """Something the sources report at or about a facility: a gathering, a security cordon,
    talk of closing it."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="reports")
    event = models.ForeignKey(
        ReleaseEvent,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facility_reports",
    )
    text = models.TextField(help_text="What happened, in our words, no further than the quotes.")

    class Meta:
        ordering = ["facility", "pk"]

    def __str__(self) -> str:
        return f"{self.facility}: {self.text[:60]}"


class NamesOneThing(models.Model):
    """Points at exactly one person, facility or country (the other two are empty)."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    facility = models.ForeignKey(
        Facility, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )

    class Meta:
        abstract = True

    @property
    def subject(self):
        return self.person or self.facility or self.country


class Mention(NamesOneThing, Fact):
    """An article names a person, a facility or a country. Made when a curator accepts a
    suggestion (see ``CitationSuggestion``); the citation is the naming words."""

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, facility__isnull=True, country__isnull=True)
                    | models.Q(person__isnull=True, facility__isnull=False, country__isnull=True)
                    | models.Q(person__isnull=True, facility__isnull=True, country__isnull=False)
                ),
                name="mention_names_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"mention of {self.subject}"


class CitationSuggestion(NamesOneThing):
    """A place in a newly ingested article that names a known person, facility or country,
    proposed to a curator. Nothing here is public until accepted (which makes a Passage
    and a cited Mention)."""

    class State(models.TextChoices):
        PENDING = "pending", "pending"
        ACCEPTED = "accepted", "accepted"
        REJECTED = "rejected", "rejected"

    article = models.ForeignKey(
        "sources.SourceArticle", on_delete=models.CASCADE, related_name="suggestions"
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    mention = models.ForeignKey(
        Mention, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end=models.F("start") + Length("quote")),
                name="suggestion_quote_length_matches_offsets",
            ),
        ]

    def __str__(self) -> str:
        return f"“{self.quote}” → {self.subject} ({self.state})"


# Facts that are about one person (they have a ``person`` foreign key).
PERSON_FACT_MODELS: tuple[type[Fact], ...] = (
    Alias,
    Citizenship,
    Role,
    Detention,
    Release,
    StatusChange,
)

FACT_MODELS: tuple[type[Fact], ...] = (
    Alias,
    Citizenship,
    Role,
    Detention,
    Release,
    StatusChange,
    CountClaim,
    FacilityReport,
    Mention,
)


class ImportRecord(models.Model):
    """What the fixture importer last wrote for one record, so that a later import can tell
    a curator's edit (current state differs from what we wrote) from a stale row."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200)
    object_id = models.BigIntegerField()
    fingerprint = models.CharField(max_length=64)

    class Meta:
        ordering = ["kind", "key"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="import_record_unique_key"),
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="import_record_unique_object"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key} → {self.object_id}"
