from django import forms

from sources.dates import PartialDateError, parse_partial_date


class IngestArticleForm(forms.Form):
    """A new article: pasted or uploaded text, stored exactly as given."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        required=False,
        strip=False,
        help_text="Paste the article, page chrome and all; it is stored exactly as given.",
    )
    upload = forms.FileField(required=False, help_text="…or upload a UTF-8 .txt file.")
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
        if upload:
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as exc:
                self.add_error("upload", f"Not UTF-8 (byte {exc.start}); save the file as UTF-8.")
            cleaned["filename"] = upload.name
        return cleaned
