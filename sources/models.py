"""Source articles stored verbatim, and the passages of them that facts cite.

This app knows nothing of the facts built on top of it (``releases`` depends on it, never
the other way round).
"""

import functools
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.urls import get_urlconf, reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from sources.dates import DatePrecision, format_partial_date, partial_date_constraint


@functools.lru_cache(maxsize=4096)
def _article_path(slug: str, language: str | None, urlconf: str | None) -> str:
    # Every citation links to its article: reversing the URL once per article (per language
    # and URL configuration), not once per citation, keeps records and exports cheap.
    return reverse("sources:detail", args=[slug])


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SourceArticle(models.Model):
    """One article exactly as we received it: the text is never edited after import."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("Headline as printed; blank if the copy has none."),
    )
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("Blank when unknown.")
    )
    url = models.URLField(_("url"), max_length=500, blank=True, help_text=_("Blank when unknown."))
    language = models.CharField(_("language"), max_length=8, default="en")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_precision = models.CharField(
        _("published precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    published_text = models.CharField(
        _("published text"),
        max_length=200,
        blank=True,
        help_text=_("The words in the copy that the date comes from."),
    )
    published_note = models.TextField(
        _("published note"),
        blank=True,
        help_text=_("How the date was read from those words, and any doubt about it."),
    )
    wire_agency = models.CharField(
        _("wire agency"),
        max_length=100,
        blank=True,
        help_text=_("Agency the text names as the origin of the copy."),
    )
    story_origin = models.SlugField(
        _("story origin"),
        max_length=120,
        blank=True,
        help_text=_(
            "Articles sharing this value reprint one story (e.g. the same wire copy) "
            "and count as one independent source."
        ),
    )
    filename = models.CharField(
        _("filename"), max_length=200, blank=True, help_text=_("File it was imported from.")
    )
    text = models.TextField(_("text"), help_text=_("Verbatim text, page chrome included."))
    sha256 = models.CharField(_("sha256"), max_length=64, unique=True, editable=False)
    capture = models.ForeignKey(
        "Capture",
        verbose_name=_("capture"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text=_("The page the text was extracted from, as retrieved; never changed once set."),
    )
    search_text = models.TextField(
        _("search text"),
        blank=True,
        editable=False,
        help_text=_("Body text folded for accent-free search."),
    )
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("source article")
        verbose_name_plural = _("source articles")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64), name="article_sha256_len"
            ),
            partial_date_constraint("published_on", "published_precision", "article_published"),
        ]

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sha256 = sha256_of(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return _article_path(self.slug, get_language(), get_urlconf())

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        opening = self.body_text().strip().split("\n", 1)[0]
        return gettext("[no headline] %(opening)s…") % {"opening": opening[:80]}

    @property
    def published_display(self) -> str:
        return format_partial_date(self.published_on, self.published_precision)

    @property
    def origin_key(self) -> str:
        """Key under which reprints of one story collapse into a single origin."""
        return self.story_origin or self.slug

    def body_text(self, spans=None) -> str:
        """The text with boilerplate spans removed (offsets refer to ``text``, not to this).
        ``spans`` defaults to the stored ones."""
        spans = self.boilerplate_spans.all() if spans is None else spans
        pieces, cursor = [], 0
        for span in sorted(spans, key=lambda s: s.start):
            pieces.append(self.text[cursor : span.start])
            cursor = max(cursor, span.end)
        pieces.append(self.text[cursor:])
        return "".join(pieces)


class BoilerplateSpan(models.Model):
    """A stretch of an article's text that is not article content.

    The text stays verbatim; these spans say what to hide when showing it and where quotes
    may not be anchored.
    """

    class BoilerplateKind(models.TextChoices):
        CAPTURE_PREVIEW = "capture_preview", _("capture preview (repeats the opening)")
        CHROME = "chrome", _("page chrome (menus, buttons, forms)")
        REPEATED_BLOCK = "repeated_block", _("repeated block of paragraphs")
        REPEATED_CAPTION = "repeated_caption", _("photo caption printed twice")
        REPEATED_HEADLINE = "repeated_headline", _("headline printed again")

    article = models.ForeignKey(
        SourceArticle,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="boilerplate_spans",
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    kind = models.CharField(_("kind"), max_length=20, choices=BoilerplateKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("boilerplate span")
        verbose_name_plural = _("boilerplate spans")
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="span_nonempty"
            ),
            models.UniqueConstraint(fields=["article", "start", "end"], name="span_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.article.slug} [{self.start}:{self.end}] {self.get_kind_display()}"


class Shingle(models.Model):
    """One hashed run of words (see ``curation.ingest``) of an article's searchable body text,
    so a new article's near-duplicates are found by an index lookup on its own shingles
    instead of by reading every stored article."""

    article = models.ForeignKey(SourceArticle, on_delete=models.CASCADE, related_name="shingles")
    hash = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "hash"], name="shingle_unique_per_article")
        ]
        indexes = [models.Index(fields=["hash"], name="shingle_hash")]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.hash:x}"


class PassageQuerySet(models.QuerySet):
    def valid(self) -> "PassageQuerySet":
        """Passages fit to cite. The database refuses a passage whose quote is not its
        article's text (a trigger, see the migrations) and any edit of an article's text, so
        a passage is valid from the moment it exists; ``is_valid`` is cleared only by
        ``check_integrity`` for one that slipped past by some other route."""
        return self.filter(is_valid=True)

    def stale(self) -> "PassageQuerySet":
        return self.filter(is_valid=False)

    def mismatched(self) -> "PassageQuerySet":
        """Passages whose quote is not their article's text at their offsets, found by
        comparing every one (a full scan: for ``check_integrity``, never for a page)."""
        return self.alias(
            current_text=Substr("article__text", F("start") + 1, F("end") - F("start"))
        ).exclude(quote=F("current_text"))


class TranslationMethod(models.TextChoices):
    HUMAN = "human", _("human translation")
    MACHINE = "machine", _("machine translation")


class Passage(models.Model):
    """The unit of evidence: an exact quote anchored by character offsets.

    ``article.text[start:end] == quote`` always holds. The database enforces it: CHECK
    constraints for what one row shows (offsets ordered, non-negative, spanning exactly
    ``len(quote)`` characters) and a trigger for the rest (the quote is the article's text
    at those offsets), on SQLite and PostgreSQL alike. ``clean`` says the same in words a
    curator can act on.
    """

    article = models.ForeignKey(
        SourceArticle, verbose_name=_("article"), on_delete=models.PROTECT, related_name="passages"
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    quote = models.TextField(_("quote"))
    is_valid = models.BooleanField(
        _("is valid"),
        default=True,
        editable=False,
        help_text=_("Cleared by check_integrity if the quote no longer matches."),
    )
    # When check_integrity hid it: the public list of changes says so, with the reason.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True, editable=False)
    # A translation of the quote, shown beside it and never instead of it: the citation is
    # always the original words at their offsets.
    translation = models.TextField(
        _("translation"),
        blank=True,
        help_text=_("The quote in another language, shown after the original (never instead)."),
    )
    translation_language = models.CharField(
        _("translation language"),
        max_length=8,
        blank=True,
        help_text=_("The translation's language code (“es”, “en”)."),
    )
    translated_by = models.CharField(
        _("translated by"),
        max_length=200,
        blank=True,
        help_text=_("Who made it: a person, or the machine's name."),
    )
    translation_method = models.CharField(
        _("translation method"), max_length=8, choices=TranslationMethod.choices, blank=True
    )
    history = HistoricalRecords(excluded_fields=["is_valid", "hidden_at"])

    objects = PassageQuerySet.as_manager()

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        ordering = ["article", "start", "end"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="passage_unique_span"),
            models.CheckConstraint(condition=models.Q(start__gte=0), name="passage_start_nonneg"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="passage_nonempty"
            ),
            models.CheckConstraint(
                condition=models.Q(end=models.F("start") + Length("quote")),
                name="passage_quote_length_matches_offsets",
            ),
            # A translation says its language, who made it and how; none says nothing.
            models.CheckConstraint(
                condition=models.Q(
                    translation="", translation_language="", translated_by="", translation_method=""
                )
                | (
                    ~models.Q(translation="")
                    & ~models.Q(translation_language="")
                    & ~models.Q(translated_by="")
                    & models.Q(translation_method__in=["human", "machine"])
                ),
                name="passage_translation_has_provenance",
            ),
        ]

    def __str__(self) -> str:
        short = self.quote if len(self.quote) <= 60 else self.quote[:57] + "…"
        return f"{self.article.slug} [{self.start}:{self.end}] “{short}”"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"p-{self.pk}"

    @property
    def translation_label(self) -> str:
        """How the translation was made and by whom ("traducción humana, por …")."""
        if not self.translation:
            return ""
        return gettext("%(method)s, by %(who)s") % {
            "method": TranslationMethod(self.translation_method).label,
            "who": self.translated_by,
        }

    def translation_json(self) -> dict | None:
        """The translation with its provenance, for exports; None without one."""
        if not self.translation:
            return None
        return {
            "text": self.translation,
            "language": self.translation_language,
            "translated_by": self.translated_by,
            "method": self.translation_method,
        }

    def matches_article(self) -> bool:
        return self.article.text[self.start : self.end] == self.quote

    def clean(self) -> None:
        super().clean()
        if self.article_id is None:
            return
        if self.end > len(self.article.text):
            past = gettext("End %(end)s is past the article's length (%(length)s).")
            raise ValidationError(
                {"end": past % {"end": self.end, "length": len(self.article.text)}}
            )
        if not self.matches_article():
            raise ValidationError(
                {"quote": gettext("The quote is not the article's text at these offsets.")}
            )


class Capture(models.Model):
    """A page as it was retrieved, kept unchanged as evidence: the response's bytes in a WARC
    record (the archivists' format, ``sources.captures``), the final URL after redirects,
    the HTTP status and headers, the time of retrieval and a sha256 of the body. A saved
    page a curator uploads is kept the same way, with no status or headers.

    The database refuses any change to a stored capture (a trigger, on SQLite and
    PostgreSQL alike), as it refuses any change to an article's text."""

    class Origin(models.TextChoices):
        FETCHED = "fetched", _("fetched from its link")
        UPLOADED = "uploaded", _("a saved page, uploaded")

    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    requested_url = models.URLField(_("requested url"), max_length=2000, blank=True)
    final_url = models.URLField(
        _("final url"),
        max_length=2000,
        blank=True,
        help_text=_("After redirects; blank for a saved page."),
    )
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    headers = models.JSONField(
        _("headers"), default=list, blank=True, help_text=_("[name, value] as received.")
    )
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    filename = models.CharField(
        _("filename"), max_length=200, blank=True, help_text=_("A saved page's file name.")
    )
    retrieved_at = models.DateTimeField(_("retrieved at"))
    size = models.PositiveIntegerField(_("size"), help_text=_("Bytes of the body."))
    sha256 = models.CharField(
        _("sha256"), max_length=64, help_text=_("Of the body's bytes, as received.")
    )
    warc = models.BinaryField(_("warc"), help_text=_("The response as a gzipped WARC record."))
    warc_sha256 = models.CharField(
        _("warc sha256"), max_length=64, help_text=_("Of the WARC file, as downloaded.")
    )

    class Meta:
        verbose_name = _("capture")
        verbose_name_plural = _("captures")
        ordering = ["-retrieved_at"]
        constraints = [
            models.CheckConstraint(
                condition=Exact(Length("sha256"), 64) & Exact(Length("warc_sha256"), 64),
                name="capture_digests_len",
            ),
        ]
        indexes = [models.Index(fields=["final_url"], name="capture_final_url")]

    def __str__(self) -> str:
        where = self.final_url or self.filename or "a saved page"
        return f"{where} at {self.retrieved_at:%Y-%m-%d %H:%M:%S} UTC (sha256 {self.sha256[:12]}…)"

    @property
    def warc_filename(self) -> str:
        return f"capture-{self.pk}-{self.sha256[:12]}.warc.gz"
