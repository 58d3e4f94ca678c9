from django import forms

from sources import article_text
from sources.dates import PartialDateError, parse_partial_date


class IngestArticleForm(forms.Form):
    """A new article: pasted or uploaded text, stored as given but for line ends (see
    ``sources.article_text``)."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        required=False,
        strip=False,
        help_text="Paste the article, page chrome and all; it is stored exactly as given, "
        "except that line ends become LF and a leading byte-order mark is dropped.",
    )
    upload = forms.FileField(
        required=False,
        help_text=f"…or upload a UTF-8 .txt file (at most {article_text.MAX_BYTES:,} bytes).",
    )
    title = forms.CharField(max_length=300, required=False)
    outlet = forms.CharField(max_length=200, required=False, help_text="Blank when unknown.")
    url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    published = forms.CharField(
        required=False, help_text="YYYY-MM-DD, YYYY-MM or YYYY; blank when unknown."
    )
    published_text = forms.CharField(
        max_length=200, required=False, help_text="The words in the copy the date comes from."
    )
    language = forms.CharField(max_length=8, initial="en")
    wire_agency = forms.CharField(max_length=100, required=False)

    def clean_published(self):
        try:
            return parse_partial_date(self.cleaned_data["published"] or None)
        except PartialDateError as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text"), cleaned.get("upload")
        if bool(text) == bool(upload):
            raise forms.ValidationError("Paste the text or upload a file (one of the two).")
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
