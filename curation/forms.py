import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sources import article_text
from sources.dates import PartialDateError, parse_partial_date
from sources.models import Capture


class ArticleFieldsForm(forms.Form):
    """What is said of a new article besides its text."""

    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    outlet = forms.CharField(
        label=_("Outlet"), max_length=200, required=False, help_text=_("Blank when unknown.")
    )
    url = forms.URLField(label=_("URL"), max_length=500, required=False, assume_scheme="https")
    published = forms.CharField(
        label=_("Published"),
        required=False,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY; blank when unknown."),
    )
    published_text = forms.CharField(
        label=_("Published text"),
        max_length=200,
        required=False,
        help_text=_("The words in the copy the date comes from."),
    )
    language = forms.CharField(label=_("Language"), max_length=8, initial="en")
    wire_agency = forms.CharField(label=_("Wire agency"), max_length=100, required=False)

    def clean_published(self) -> tuple[datetime.date | None, str]:
        try:
            return parse_partial_date(self.cleaned_data["published"] or None)
        except PartialDateError as exc:
            raise forms.ValidationError(str(exc)) from None


class IngestArticleForm(ArticleFieldsForm):
    """A new article: pasted or uploaded text, stored as given but for line ends (see
    ``sources.article_text``)."""

    field_order = ["text", "upload"]

    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        required=False,
        strip=False,
        help_text=_(
            "Paste the article, page chrome and all; it is stored exactly as given, "
            "except that line ends become LF and a leading byte-order mark is dropped."
        ),
    )
    upload = forms.FileField(label=_("Upload"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = gettext(
            "…or upload a UTF-8 .txt file (at most %(limit)s bytes)."
        ) % {"limit": f"{article_text.MAX_BYTES:,}"}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        text: str = cleaned.get("text") or ""
        upload = cleaned.get("upload")
        if bool(text) == bool(upload):
            raise forms.ValidationError(_("Paste the text or upload a file (one of the two)."))
        field = "upload" if upload else "text"
        try:
            if upload:
                # Refuse by size before reading the file into memory.
                article_text.check_size(upload.size)
                text = article_text.decode(upload.read())
                cleaned["filename"] = upload.name
            cleaned["text"] = article_text.normalise(text)
        except article_text.UnacceptableText as exc:
            self.add_error(field, str(exc))
        return cleaned


class LinkForm(forms.Form):
    """A link to fetch, or a page saved from a browser (with its address, if known)."""

    link = forms.CharField(
        max_length=2000,
        required=False,
        label=_("Link"),
        help_text=_("http or https; fetched once, from this server, and kept as a capture."),
    )
    saved_page = forms.FileField(
        label=_("Saved page"),
        required=False,
        help_text=_(
            "…or upload a page saved from your browser (.html, at most 5 MB); the link "
            "above is then its address, if you know it."
        ),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get("link") and not cleaned.get("saved_page"):
            raise forms.ValidationError(_("Give a link, or upload a saved page."))
        return cleaned


class ConfirmPageForm(ArticleFieldsForm):
    """What was read in a captured page, for the curator to confirm or correct."""

    field_order = ["title", "outlet", "published", "published_text", "language", "url", "text"]

    capture = forms.ModelChoiceField(Capture.objects.all(), widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        strip=False,
        help_text=_(
            "The article as the extractor read it. Correct what it got wrong; page "
            "chrome it kept can also be marked as boilerplate once the article is stored."
        ),
    )

    def clean_text(self) -> str:
        try:
            return article_text.normalise(self.cleaned_data["text"])
        except article_text.UnacceptableText as exc:
            raise forms.ValidationError(str(exc)) from None
